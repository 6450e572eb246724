/* ck-session-suggest.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ck-date.h"
#include "ck-session-stats.h"
#include "ck-session-storage.h"
#include "ck-session-suggest.h"
#include "ck-sqlite.h"
#include "ck-vocabulary.h"

/* What a reflection room should look at first (DOMAIN.md, "Reflection
 * sessions"; the plan asks it to look at cases that never reached triage
 * too, to care for the reporter, and to make restoration standard). Each
 * sign of trouble adds to a case's weight; the heaviest cases of the
 * period are suggested, with the signs as reasons. */

#define LONG_OPEN_DAYS      90   /* open this long is long */
#define SETTLING_DAYS       14   /* triage and first feedback are due by then */
#define FEEDBACK_DAYS       60   /* an open case's reporter hears something this often */
#define DEFAULT_PERIOD_MONTHS 3  /* the period of a unit's first session */

static const struct
{
  const char *reason;
  guint       weight;
} weights[] = {
  { CK_REASON_SENSITIVE, 3 },
  { CK_REASON_LONG_OPEN, 2 },
  { CK_REASON_NO_TRIAGE, 2 },
  { CK_REASON_NOT_INFORMED, 2 },
  { CK_REASON_NO_RESTORATION, 1 },
  { CK_REASON_NEW, 1 },
};

/* ?1 the first day of the period, ?2 the day the figures are taken. A case
 * matters in the period when it came in during it, was still open, or was
 * disposed of during it. */
static const char candidates_sql[] =
  "SELECT id, reference, kind, status, report_date, triage_date, last_feedback_date, disposal_date,"
  " sensitive, restoration_offered, reporter_role FROM cases"
  " WHERE deleted_at IS NULL AND report_date <= ?2"
  " AND (report_date >= ?1 OR status NOT IN ('afgedaan', 'gesloten') OR disposal_date >= ?1)";

typedef struct
{
  CkAgendaItem *item;
  guint         score;
  GDate         report_date;
} Candidate;

static void
candidate_free (Candidate *candidate)
{
  ck_agenda_item_free (candidate->item);
  g_free (candidate);
}

/**
 * ck_session_get_period:
 * @date: the session's date
 * @from: (out): the day after the session before it, or three months
 *   before @date when it is the first
 * @to: (out): @date
 *
 * The period a session looks back on.
 */
gboolean
ck_session_get_period (CkStorage    *storage,
                       const GDate  *date,
                       GDate        *from,
                       GDate        *to,
                       GError      **error)
{
  GDate previous;

  if (!ck_session_storage_get_previous_date (storage, date, &previous, error))
    return FALSE;

  *to = *date;
  if (ck_date_is_set (&previous))
    {
      *from = previous;
      g_date_add_days (from, 1);
    }
  else
    {
      *from = *date;
      g_date_subtract_months (from, DEFAULT_PERIOD_MONTHS);
      g_date_add_days (from, 1);
    }

  return TRUE;
}

static void
column_date (sqlite3_stmt *stmt,
             int           column,
             GDate        *date)
{
  g_date_clear (date, 1);
  if (sqlite3_column_type (stmt, column) != SQLITE_NULL)
    ck_date_from_iso (date, ck_sqlite_column_text (stmt, column));
}

static gboolean
is_closed (const char *status)
{
  return g_strcmp0 (status, "afgedaan") == 0 || g_strcmp0 (status, "gesloten") == 0;
}

/* Returns: (transfer full) (nullable): the candidate of the current row,
 * or %NULL when nothing about it asks for attention */
static Candidate *
weigh_case (sqlite3_stmt *stmt,
            const GDate  *from,
            const GDate  *as_of)
{
  g_autoptr(GStrvBuilder) reasons = g_strv_builder_new ();
  g_auto(GStrv) found = NULL;
  GDate report, triage, feedback, disposal;
  const char *kind = ck_sqlite_column_text (stmt, 2);
  gboolean open = !is_closed (ck_sqlite_column_text (stmt, 3));
  gboolean anonymous = g_strcmp0 (ck_sqlite_column_text (stmt, 10), "anoniem") == 0;
  gboolean offered = sqlite3_column_type (stmt, 9) != SQLITE_NULL && sqlite3_column_int (stmt, 9) != 0;
  Candidate *candidate;
  guint score = 0;
  int age;

  column_date (stmt, 4, &report);
  column_date (stmt, 5, &triage);
  column_date (stmt, 6, &feedback);
  column_date (stmt, 7, &disposal);
  age = ck_date_days_between (&report, as_of);

  if (sqlite3_column_int (stmt, 8) != 0)
    g_strv_builder_add (reasons, CK_REASON_SENSITIVE);
  if (open && age > LONG_OPEN_DAYS)
    g_strv_builder_add (reasons, CK_REASON_LONG_OPEN);
  if (g_strcmp0 (kind, "signaal") != 0 && !ck_date_is_set (&triage) && age >= SETTLING_DAYS)
    g_strv_builder_add (reasons, CK_REASON_NO_TRIAGE);
  if (!anonymous && age >= SETTLING_DAYS &&
      (!ck_date_is_set (&feedback) || (open && ck_date_days_between (&feedback, as_of) > FEEDBACK_DAYS)))
    g_strv_builder_add (reasons, CK_REASON_NOT_INFORMED);
  if (ck_date_is_set (&triage) && !offered &&
      (open || (ck_date_is_set (&disposal) && g_date_compare (&disposal, from) >= 0)))
    g_strv_builder_add (reasons, CK_REASON_NO_RESTORATION);
  if (g_date_compare (&report, from) >= 0)
    g_strv_builder_add (reasons, CK_REASON_NEW);

  found = g_strv_builder_end (reasons);
  for (guint i = 0; found[i] != NULL; i++)
    for (guint w = 0; w < G_N_ELEMENTS (weights); w++)
      if (g_str_equal (found[i], weights[w].reason))
        score += weights[w].weight;

  if (score == 0)
    return NULL;

  candidate = g_new0 (Candidate, 1);
  candidate->item = ck_agenda_item_new (CK_AGENDA_CASE);
  candidate->item->case_id = sqlite3_column_int64 (stmt, 0);
  candidate->item->case_reference = g_strdup (ck_sqlite_column_text (stmt, 1));
  g_strfreev (candidate->item->reasons);
  candidate->item->reasons = g_steal_pointer (&found);
  candidate->score = score;
  candidate->report_date = report;
  return candidate;
}

/* Heaviest first; of equal weight the oldest report, then the lowest id,
 * so that the suggestion is the same every time. */
static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *ca = *(Candidate * const *) a;
  const Candidate *cb = *(Candidate * const *) b;
  int order;

  if (ca->score != cb->score)
    return ca->score > cb->score ? -1 : 1;
  if ((order = g_date_compare (&ca->report_date, &cb->report_date)) != 0)
    return order;
  return (ca->item->case_id > cb->item->case_id) - (ca->item->case_id < cb->item->case_id);
}

static gboolean
on_agenda (const CkSession *session,
           CkAgendaKind     kind,
           gint64           case_id,
           const char      *filter)
{
  for (guint i = 0; i < session->items->len; i++)
    {
      const CkAgendaItem *item = session->items->pdata[i];
      g_autofree char *theme = NULL;

      if (kind == CK_AGENDA_CASE)
        {
          if (item->kind == CK_AGENDA_CASE && item->case_id == case_id)
            return TRUE;
          continue;
        }

      if (item->kind == CK_AGENDA_THEME)
        theme = ck_session_stats_make_filter (item->theme_list, item->theme_code);
      if (g_strcmp0 (filter, item->kind == CK_AGENDA_THEME ? theme : item->filter) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
suggest_cases (CkStorage        *storage,
               const CkSession  *session,
               const GDate      *from,
               const GDate      *as_of,
               GPtrArray        *items,
               GError          **error)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) candidate_free);
  g_autofree char *from_iso = ck_date_to_iso (from);
  g_autofree char *as_of_iso = ck_date_to_iso (as_of);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = ck_storage_prepare (storage, candidates_sql, error)))
    return FALSE;

  ck_sqlite_bind_text (stmt, 1, from_iso);
  ck_sqlite_bind_text (stmt, 2, as_of_iso);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Candidate *candidate;

      if (on_agenda (session, CK_AGENDA_CASE, sqlite3_column_int64 (stmt, 0), NULL))
        continue;
      if ((candidate = weigh_case (stmt, from, as_of)) != NULL)
        g_ptr_array_add (candidates, candidate);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return ck_sqlite_set_error (error, storage->db, rc);

  g_ptr_array_sort (candidates, compare_candidates);
  for (guint i = 0; i < candidates->len && i < CK_SUGGEST_CASES; i++)
    {
      Candidate *candidate = candidates->pdata[i];

      g_ptr_array_add (items, g_steal_pointer (&candidate->item));
    }

  return TRUE;
}

static guint
change_of (const CkPeriodCount *count)
{
  return count->current > count->previous ? count->current - count->previous : count->previous - count->current;
}

static guint
list_rank (const char *list)
{
  const char *lists[] = { CK_VOCAB_GROUNDS, CK_VOCAB_MANIFESTATIONS, CK_VOCAB_CHANNELS, CK_THEME_TEAM };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    if (g_str_equal (lists[i], list))
      return i;

  return G_N_ELEMENTS (lists);
}

/* The largest change first; then the larger current count, the list and
 * the code. */
static int
compare_changes (gconstpointer a,
                 gconstpointer b)
{
  const CkPeriodCount *ca = *(CkPeriodCount * const *) a;
  const CkPeriodCount *cb = *(CkPeriodCount * const *) b;

  if (change_of (ca) != change_of (cb))
    return change_of (ca) > change_of (cb) ? -1 : 1;
  if (ca->current != cb->current)
    return ca->current > cb->current ? -1 : 1;
  if (list_rank (ca->list) != list_rank (cb->list))
    return list_rank (ca->list) < list_rank (cb->list) ? -1 : 1;
  return g_strcmp0 (ca->code, cb->code);
}

static char *
describe_change (const CkPeriodCount *count)
{
  g_autoptr(CkAgendaItem) theme = ck_agenda_item_new (CK_AGENDA_THEME);
  g_autofree char *what = NULL;

  theme->theme_list = g_strdup (count->list);
  theme->theme_code = g_strdup (count->code);
  what = ck_agenda_item_dup_title (theme);

  /* Translators: a pattern on a session's agenda: "Ground: Age: 12 cases
   * in this period, 5 in the period before". */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s: %u case in this period, %u in the period before",
                                       "%s: %u cases in this period, %u in the period before",
                                       count->current),
                          what, count->current, count->previous);
}

static gboolean
suggest_patterns (CkStorage        *storage,
                  const CkSession  *session,
                  const GDate      *from,
                  const GDate      *to,
                  GPtrArray        *items,
                  GError          **error)
{
  g_autoptr(GPtrArray) counts = ck_session_stats_count (storage, from, to, error);
  g_autoptr(GPtrArray) changed = g_ptr_array_new ();
  guint added = 0;

  if (counts == NULL)
    return FALSE;

  for (guint i = 0; i < counts->len; i++)
    if (change_of (counts->pdata[i]) > 0)
      g_ptr_array_add (changed, counts->pdata[i]);
  g_ptr_array_sort (changed, compare_changes);

  for (guint i = 0; i < changed->len && added < CK_SUGGEST_PATTERNS; i++)
    {
      const CkPeriodCount *count = changed->pdata[i];
      g_autofree char *filter = ck_session_stats_make_filter (count->list, count->code);
      CkAgendaItem *item;

      if (on_agenda (session, CK_AGENDA_PATTERN, 0, filter))
        continue;

      item = ck_agenda_item_new (CK_AGENDA_PATTERN);
      item->description = describe_change (count);
      item->filter = g_steal_pointer (&filter);
      item->figure = g_strdup ("period-counts");
      g_strfreev (item->reasons);
      item->reasons = g_strsplit (CK_REASON_CHANGED, ",", -1);
      g_ptr_array_add (items, item);
      added++;
    }

  return TRUE;
}

/**
 * ck_session_suggest:
 * @session: the session being prepared: its date sets the period, and
 *   what is on its agenda already is not suggested again
 * @today: the day the figures are taken, when it comes before the
 *   session's date
 *
 * Proposes the period's cases that matter most and the patterns that
 * changed most since the last session.
 *
 * Returns: (transfer full) (element-type CkAgendaItem): new items, cases
 *   first; they are not on the agenda until the caller puts them there
 */
GPtrArray *
ck_session_suggest (CkStorage        *storage,
                    const CkSession  *session,
                    const GDate      *today,
                    GError          **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) ck_agenda_item_free);
  GDate from, to, as_of;

  if (!ck_session_get_period (storage, &session->date, &from, &to, error))
    return NULL;

  as_of = g_date_compare (today, &to) < 0 ? *today : to;
  if (g_date_compare (&from, &as_of) > 0)
    as_of = from;

  if (!suggest_cases (storage, session, &from, &as_of, items, error) ||
      !suggest_patterns (storage, session, &from, &to, items, error))
    return NULL;

  return g_steal_pointer (&items);
}
