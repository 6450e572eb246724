/* ck-case-facts.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ck-case.h"
#include "ck-case-facts.h"
#include "ck-date.h"

guint32
ck_julian_from_date (const GDate *date)
{
  return ck_date_is_set (date) ? g_date_get_julian (date) : 0;
}

/* Returns: the Julian day of "YYYY-MM-DD", or 0 for anything else. Reads
 * the digits itself: the case index parses hundreds of thousands. */
guint32
ck_julian_from_iso (const char *iso)
{
  guint year, month, day;
  GDate date;

  if (iso == NULL || strlen (iso) != 10 || iso[4] != '-' || iso[7] != '-')
    return 0;

  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (iso[i]))
      return 0;

  year = (iso[0] - '0') * 1000 + (iso[1] - '0') * 100 + (iso[2] - '0') * 10 + (iso[3] - '0');
  month = (iso[5] - '0') * 10 + (iso[6] - '0');
  day = (iso[8] - '0') * 10 + (iso[9] - '0');
  if (!g_date_valid_dmy (day, month, year))
    return 0;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return g_date_get_julian (&date);
}

void
ck_julian_to_date (guint32  julian,
                   GDate   *date)
{
  g_date_clear (date, 1);
  if (julian > 0)
    g_date_set_julian (date, julian);
}

/* The flags that follow from codes, in one place for both ways of making
 * facts. */
guint32
ck_case_facts_flags_for (const char *kind,
                         const char *reporter_role,
                         const char *finding,
                         const char *status)
{
  guint32 flags = 0;

  if (g_strcmp0 (kind, "signaal") == 0)
    flags |= CK_FACT_SIGNAL;
  if (g_strcmp0 (reporter_role, "anoniem") == 0)
    flags |= CK_FACT_ANONYMOUS;
  if (finding != NULL && *finding != '\0')
    flags |= CK_FACT_HAS_FINDING;
  if (g_strcmp0 (finding, "gegrond") == 0 || g_strcmp0 (finding, "deels_gegrond") == 0)
    flags |= CK_FACT_FOUNDED;
  if (g_strcmp0 (status, "gesloten") == 0)
    flags |= CK_FACT_CLOSED;

  return flags;
}

void
ck_case_facts_init_from_case (CkCaseFacts  *facts,
                              const CkCase *kase)
{
  guint32 flags = ck_case_facts_flags_for (kase->kind, kase->reporter_role, kase->finding, kase->status);

  if (kase->sensitive)
    flags |= CK_FACT_SENSITIVE;
  if (kase->lc_consulted)
    flags |= CK_FACT_LC_CONSULTED;
  if (kase->triage_route != NULL)
    flags |= CK_FACT_HAS_ROUTE;
  if (kase->measures->len > 0)
    flags |= CK_FACT_HAS_MEASURES;
  if (kase->restoration_offered != CK_TRISTATE_UNKNOWN)
    flags |= CK_FACT_RESTORATION_ANSWERED;
  if (kase->lesson_considered)
    flags |= CK_FACT_LESSON_CONSIDERED;
  if (kase->subject_is_manager == CK_TRISTATE_YES)
    flags |= CK_FACT_MANAGER;
  if (kase->bystanders_present == CK_TRISTATE_YES && kase->bystanders_intervened == CK_TRISTATE_NO)
    flags |= CK_FACT_BYSTANDERS_PASSIVE;
  if (kase->reporter_left == CK_TRISTATE_YES)
    flags |= CK_FACT_REPORTER_LEFT;

  facts->report = ck_julian_from_date (&kase->report_date);
  facts->acknowledged = ck_julian_from_date (&kase->acknowledged_date);
  facts->triage = ck_julian_from_date (&kase->triage_date);
  facts->last_feedback = ck_julian_from_date (&kase->last_feedback_date);
  facts->disposal = ck_julian_from_date (&kase->disposal_date);
  facts->outcome_informed = ck_julian_from_date (&kase->outcome_informed_date);
  facts->flags = flags;
}
