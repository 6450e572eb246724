/* ck-date.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "ck-date.h"

gboolean
ck_date_is_set (const GDate *date)
{
  return date != NULL && g_date_valid (date);
}

/* Returns: (transfer full) (nullable): "YYYY-MM-DD", or NULL when unset. */
char *
ck_date_to_iso (const GDate *date)
{
  if (!ck_date_is_set (date))
    return NULL;

  return g_strdup_printf ("%04u-%02u-%02u",
                          g_date_get_year (date),
                          g_date_get_month (date),
                          g_date_get_day (date));
}

static gboolean
set_checked (GDate *date,
             guint  year,
             guint  month,
             guint  day)
{
  if (year < 1900 || year > 2999 ||
      !g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

/* Parses exactly "YYYY-MM-DD"; an empty or NULL text clears @date and
 * succeeds. */
gboolean
ck_date_from_iso (GDate      *date,
                  const char *text)
{
  guint year, month, day;
  char tail;

  g_date_clear (date, 1);

  if (text == NULL || *text == '\0')
    return TRUE;

  if (strlen (text) != 10 ||
      sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &tail) != 3)
    return FALSE;

  return set_checked (date, year, month, day);
}

/* Accepts what a person types: "2024-03-15", "15-03-2024", "15/3/2024" or
 * "15.3.2024". An empty text clears @date and succeeds. */
gboolean
ck_date_parse_user (GDate      *date,
                    const char *text)
{
  g_autofree char *stripped = NULL;
  guint a, b, c;
  char sep1, sep2, tail;

  g_date_clear (date, 1);

  if (text == NULL)
    return TRUE;

  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    return TRUE;

  if (sscanf (stripped, "%u%c%u%c%u%c", &a, &sep1, &b, &sep2, &c, &tail) != 5 ||
      sep1 != sep2 || strchr ("-/.", sep1) == NULL)
    return FALSE;

  if (a >= 1000)
    return set_checked (date, a, b, c);

  return set_checked (date, c, b, a);
}

/* Returns: (transfer full): the date as people in the user's language write
 * it, or an empty string when unset. */
char *
ck_date_format_user (const GDate *date)
{
  if (!ck_date_is_set (date))
    return g_strdup ("");

  /* Translators: a calendar date; %1$02u is the day, %2$02u the month and
   * %3$04u the year. Reorder them as your language writes dates. */
  return g_strdup_printf (_("%3$04u-%2$02u-%1$02u"),
                          g_date_get_day (date),
                          g_date_get_month (date),
                          g_date_get_year (date));
}

/* Unset dates sort before every set date. */
int
ck_date_compare (const GDate *a,
                 const GDate *b)
{
  gboolean a_set = ck_date_is_set (a);
  gboolean b_set = ck_date_is_set (b);

  if (!a_set || !b_set)
    return (int) a_set - (int) b_set;

  return g_date_compare (a, b);
}

int
ck_date_days_between (const GDate *from,
                      const GDate *to)
{
  g_return_val_if_fail (ck_date_is_set (from) && ck_date_is_set (to), 0);

  return g_date_days_between (from, to);
}

void
ck_date_set_today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date,
                  g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

/* Returns: 1 to 4, or 0 when @date is unset. */
int
ck_date_get_quarter (const GDate *date)
{
  if (!ck_date_is_set (date))
    return 0;

  return (g_date_get_month (date) - 1) / 3 + 1;
}

/* Returns: (transfer full) (nullable): "2024Q1", or NULL when unset. */
char *
ck_date_to_quarter (const GDate *date)
{
  if (!ck_date_is_set (date))
    return NULL;

  return g_strdup_printf ("%04uQ%d", g_date_get_year (date), ck_date_get_quarter (date));
}
