/* ck-session-stats.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ck-date.h"
#include "ck-session.h"
#include "ck-session-stats.h"
#include "ck-sqlite.h"
#include "ck-vocabulary.h"

/* One range scan over the report dates of both periods: ?1 is the first
 * day of the period, ?2 the first day of the one before, ?3 the last day
 * of the period. Cases in the bin do not count. */
static const char grounds_sql[] =
  "SELECT g.code, SUM(c.report_date >= ?1), SUM(c.report_date < ?1)"
  " FROM cases c JOIN case_grounds g ON g.case_id = c.id"
  " WHERE c.deleted_at IS NULL AND c.report_date BETWEEN ?2 AND ?3 GROUP BY g.code";

static const char manifestations_sql[] =
  "SELECT m.code, SUM(c.report_date >= ?1), SUM(c.report_date < ?1)"
  " FROM cases c JOIN case_manifestations m ON m.case_id = c.id"
  " WHERE c.deleted_at IS NULL AND c.report_date BETWEEN ?2 AND ?3 GROUP BY m.code";

static const char channels_sql[] =
  "SELECT c.channel, SUM(c.report_date >= ?1), SUM(c.report_date < ?1) FROM cases c"
  " WHERE c.deleted_at IS NULL AND c.channel IS NOT NULL AND c.report_date BETWEEN ?2 AND ?3"
  " GROUP BY c.channel";

static const char teams_sql[] =
  "SELECT c.team, SUM(c.report_date >= ?1), SUM(c.report_date < ?1) FROM cases c"
  " WHERE c.deleted_at IS NULL AND c.team IS NOT NULL AND c.report_date BETWEEN ?2 AND ?3"
  " GROUP BY c.team";

void
ck_period_count_free (CkPeriodCount *self)
{
  if (self == NULL)
    return;

  g_free (self->code);
  g_free (self);
}

static gboolean
count_list (CkStorage   *storage,
            const char  *sql,
            const char  *list,
            const char  *from,
            const char  *previous_from,
            const char  *to,
            GPtrArray   *counts,
            GError     **error)
{
  sqlite3_stmt *stmt = ck_storage_prepare (storage, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  ck_sqlite_bind_text (stmt, 1, from);
  ck_sqlite_bind_text (stmt, 2, previous_from);
  ck_sqlite_bind_text (stmt, 3, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CkPeriodCount *count = g_new0 (CkPeriodCount, 1);

      count->list = list;
      count->code = g_strdup (ck_sqlite_column_text (stmt, 0));
      count->current = sqlite3_column_int (stmt, 1);
      count->previous = sqlite3_column_int (stmt, 2);
      g_ptr_array_add (counts, count);
    }
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE || ck_sqlite_set_error (error, storage->db, rc);
}

/**
 * ck_session_stats_count:
 * @from: the first day of the period
 * @to: the last day of the period
 *
 * Counts the cases reported from @from to @to and in as many days before
 * @from. A case with two grounds counts once for each.
 *
 * Returns: (transfer full) (element-type CkPeriodCount): a count for every
 *   code that occurs in either period, by list and then by code
 */
GPtrArray *
ck_session_stats_count (CkStorage    *storage,
                        const GDate  *from,
                        const GDate  *to,
                        GError      **error)
{
  g_autoptr(GPtrArray) counts = g_ptr_array_new_with_free_func ((GDestroyNotify) ck_period_count_free);
  g_autofree char *from_iso = ck_date_to_iso (from);
  g_autofree char *to_iso = ck_date_to_iso (to);
  g_autofree char *previous_iso = NULL;
  GDate previous = *from;
  int days;

  g_return_val_if_fail (g_date_compare (from, to) <= 0, NULL);

  days = g_date_days_between (from, to) + 1;
  g_date_subtract_days (&previous, days);
  previous_iso = ck_date_to_iso (&previous);

  if (!count_list (storage, grounds_sql, CK_VOCAB_GROUNDS, from_iso, previous_iso, to_iso, counts, error) ||
      !count_list (storage, manifestations_sql, CK_VOCAB_MANIFESTATIONS, from_iso, previous_iso, to_iso, counts, error) ||
      !count_list (storage, channels_sql, CK_VOCAB_CHANNELS, from_iso, previous_iso, to_iso, counts, error) ||
      !count_list (storage, teams_sql, CK_THEME_TEAM, from_iso, previous_iso, to_iso, counts, error))
    return NULL;

  return g_steal_pointer (&counts);
}

/* Returns: (transfer none) (nullable): the count of @code in @list */
const CkPeriodCount *
ck_session_stats_find (GPtrArray  *counts,
                       const char *list,
                       const char *code)
{
  for (guint i = 0; i < counts->len; i++)
    {
      const CkPeriodCount *count = counts->pdata[i];

      if (g_strcmp0 (count->list, list) == 0 && g_strcmp0 (count->code, code) == 0)
        return count;
    }

  return NULL;
}

/* Returns: (transfer full): the filter of a pattern item, "list=code" */
char *
ck_session_stats_make_filter (const char *list,
                              const char *code)
{
  return g_strconcat (list, "=", code, NULL);
}

static gboolean
is_known_list (const char *list)
{
  return g_strcmp0 (list, CK_VOCAB_GROUNDS) == 0 ||
         g_strcmp0 (list, CK_VOCAB_MANIFESTATIONS) == 0 ||
         g_strcmp0 (list, CK_VOCAB_CHANNELS) == 0 ||
         g_strcmp0 (list, CK_THEME_TEAM) == 0;
}

/**
 * ck_session_stats_parse_filter:
 * @list: (out): a list this file counts
 * @code: (out): the code
 *
 * Returns: whether @filter is one that these counts can answer
 */
gboolean
ck_session_stats_parse_filter (const char  *filter,
                               char       **list,
                               char       **code)
{
  const char *equals = filter != NULL ? strchr (filter, '=') : NULL;
  g_autofree char *name = NULL;

  if (equals == NULL || equals[1] == '\0')
    return FALSE;

  name = g_strndup (filter, equals - filter);
  if (!is_known_list (name))
    return FALSE;

  *list = g_steal_pointer (&name);
  *code = g_strdup (equals + 1);
  return TRUE;
}
