/* ck-stats-store.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ck-date.h"
#include "ck-sqlite.h"
#include "ck-stats-store.h"

/* Unit figures are read from the cases, national figures only from the
 * anonymised records: the two readers never mix. */

static const char shared_sql[] =
  "SELECT rowid, unit, team, kind, channel, grounds, manifestations, measures, reporter_role,"
  " subject_role, triage_route, finding, status, year, quarter, subject_is_manager,"
  " bystanders_present, bystanders_intervened, restoration_offered, restoration_accepted,"
  " restoration_completed, reporter_left, lc_consulted, sensitive, own, days_to_triage,"
  " days_to_feedback, days_to_disposal"
  " FROM shared_records WHERE rowid > ? ORDER BY rowid LIMIT ?";

static const char cases_sql[] =
  "SELECT c.id, c.unit, c.team, c.kind, c.channel, c.grounds, c.manifestations,"
  " (SELECT group_concat (m.code) FROM case_measures m WHERE m.case_id = c.id),"
  " c.reporter_role, c.subject_role, c.triage_route, c.finding, c.status, c.report_date,"
  " c.triage_date, c.last_feedback_date, c.disposal_date, c.subject_is_manager,"
  " c.bystanders_present, c.bystanders_intervened, c.restoration_offered, c.restoration_accepted,"
  " c.restoration_completed, c.reporter_left, c.lc_consulted, c.sensitive"
  " FROM cases c WHERE c.id > ? AND c.deleted_at IS NULL ORDER BY c.id LIMIT ?";

struct _CkStatsReader
{
  CkStatsSource  source;
  CkStatsData   *data;
  gint64         last;
};

CkStatsReader *
ck_stats_reader_new (CkStatsSource source)
{
  CkStatsReader *self = g_new0 (CkStatsReader, 1);

  self->source = source;
  self->data = ck_stats_data_new (source);
  return self;
}

void
ck_stats_reader_free (CkStatsReader *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->data);
  g_free (self);
}

static CkTristate
column_tristate (sqlite3_stmt *stmt,
                 int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return CK_TRISTATE_UNKNOWN;

  return sqlite3_column_int (stmt, column) ? CK_TRISTATE_YES : CK_TRISTATE_NO;
}

static int
column_days (sqlite3_stmt *stmt,
             int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, column);
}

/* Returns: the Julian day of an ISO date column, 0 when empty */
static int
column_day (sqlite3_stmt *stmt,
            int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  GDate date;

  if (text == NULL || !ck_date_from_iso (&date, text) || !ck_date_is_set (&date))
    return 0;

  return (int) g_date_get_julian (&date);
}

static void
read_shared (CkStatsReader *self,
             sqlite3_stmt  *stmt)
{
  CkStatsFields f = { 0 };
  int i = 1;

  f.unit = ck_sqlite_column_text (stmt, i++);
  f.team = ck_sqlite_column_text (stmt, i++);
  f.kind = ck_sqlite_column_text (stmt, i++);
  f.channel = ck_sqlite_column_text (stmt, i++);
  f.grounds = ck_sqlite_column_text (stmt, i++);
  f.manifestations = ck_sqlite_column_text (stmt, i++);
  f.measures = ck_sqlite_column_text (stmt, i++);
  f.reporter_role = ck_sqlite_column_text (stmt, i++);
  f.subject_role = ck_sqlite_column_text (stmt, i++);
  f.triage_route = ck_sqlite_column_text (stmt, i++);
  f.finding = ck_sqlite_column_text (stmt, i++);
  f.status = ck_sqlite_column_text (stmt, i++);
  f.year = sqlite3_column_int (stmt, i++);
  f.quarter = sqlite3_column_int (stmt, i++);
  f.subject_is_manager = column_tristate (stmt, i++);
  f.bystanders_present = column_tristate (stmt, i++);
  f.bystanders_intervened = column_tristate (stmt, i++);
  f.restoration_offered = column_tristate (stmt, i++);
  f.restoration_accepted = column_tristate (stmt, i++);
  f.restoration_completed = column_tristate (stmt, i++);
  f.reporter_left = column_tristate (stmt, i++);
  f.lc_consulted = sqlite3_column_int (stmt, i++) != 0;
  f.sensitive = sqlite3_column_int (stmt, i++) != 0;
  f.own = sqlite3_column_int (stmt, i++) != 0;
  f.days_to_triage = column_days (stmt, i++);
  f.days_to_feedback = column_days (stmt, i++);
  f.days_to_disposal = column_days (stmt, i++);

  ck_stats_data_add (self->data, &f);
}

static int
days_between (int from,
              int to)
{
  if (from == 0 || to == 0)
    return -1;

  return MAX (0, to - from);
}

static void
read_case (CkStatsReader *self,
           sqlite3_stmt  *stmt)
{
  CkStatsFields f = { 0 };
  int report, triage, feedback, disposal;
  GDate report_date;
  int i = 0;

  f.case_id = sqlite3_column_int64 (stmt, i++);
  f.unit = ck_sqlite_column_text (stmt, i++);
  f.team = ck_sqlite_column_text (stmt, i++);
  f.kind = ck_sqlite_column_text (stmt, i++);
  f.channel = ck_sqlite_column_text (stmt, i++);
  f.grounds = ck_sqlite_column_text (stmt, i++);
  f.manifestations = ck_sqlite_column_text (stmt, i++);
  f.measures = ck_sqlite_column_text (stmt, i++);
  f.reporter_role = ck_sqlite_column_text (stmt, i++);
  f.subject_role = ck_sqlite_column_text (stmt, i++);
  f.triage_route = ck_sqlite_column_text (stmt, i++);
  f.finding = ck_sqlite_column_text (stmt, i++);
  f.status = ck_sqlite_column_text (stmt, i++);
  report = column_day (stmt, i++);
  triage = column_day (stmt, i++);
  feedback = column_day (stmt, i++);
  disposal = column_day (stmt, i++);
  f.subject_is_manager = column_tristate (stmt, i++);
  f.bystanders_present = column_tristate (stmt, i++);
  f.bystanders_intervened = column_tristate (stmt, i++);
  f.restoration_offered = column_tristate (stmt, i++);
  f.restoration_accepted = column_tristate (stmt, i++);
  f.restoration_completed = column_tristate (stmt, i++);
  f.reporter_left = column_tristate (stmt, i++);
  f.lc_consulted = sqlite3_column_int (stmt, i++) != 0;
  f.sensitive = sqlite3_column_int (stmt, i++) != 0;

  /* Every stored case has a report date; the register checks it. */
  if (report == 0)
    return;

  g_date_clear (&report_date, 1);
  g_date_set_julian (&report_date, (guint32) report);
  f.year = g_date_get_year (&report_date);
  f.quarter = ck_date_get_quarter (&report_date);
  f.report_day = report;
  f.days_to_triage = days_between (report, triage);
  f.days_to_feedback = days_between (report, feedback);
  f.days_to_disposal = days_between (report, disposal);

  ck_stats_data_add (self->data, &f);
}

/**
 * ck_stats_reader_step:
 * @max_rows: how many rows to read at most in this step
 * @done: (out): set when every row has been read
 *
 * Reads the next rows. Between steps the caller may release the storage;
 * rows changed meanwhile are caught by ck_stats_store_get_version().
 */
gboolean
ck_stats_reader_step (CkStatsReader  *self,
                      CkStorage      *storage,
                      guint           max_rows,
                      gboolean       *done,
                      GError        **error)
{
  gboolean shared = self->source == CK_STATS_SOURCE_SHARED;
  sqlite3_stmt *stmt = ck_storage_prepare (storage, shared ? shared_sql : cases_sql, error);
  guint n = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, self->last);
  sqlite3_bind_int (stmt, 2, (int) max_rows);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      self->last = sqlite3_column_int64 (stmt, 0);
      if (shared)
        read_shared (self, stmt);
      else
        read_case (self, stmt);
      n++;
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return ck_sqlite_set_error (error, storage->db, rc);

  *done = n < max_rows;
  return TRUE;
}

/* Returns: (transfer full): the sealed data; the reader is spent */
CkStatsData *
ck_stats_reader_finish (CkStatsReader *self)
{
  CkStatsData *data = g_steal_pointer (&self->data);

  ck_stats_data_seal (data);
  return data;
}

/* Returns: a number that changes whenever shared_records changes */
gint64
ck_stats_store_get_version (CkStorage *storage)
{
  sqlite3_stmt *stmt = ck_storage_prepare (storage, "SELECT version FROM stats_version WHERE id = 1", NULL);
  gint64 version = -1;

  if (stmt == NULL)
    return -1;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return version;
}

/**
 * ck_stats_store_get_sync_time:
 *
 * When the records of @unit were last brought in, for the data basis of
 * national figures. Synchronisation keeps this per replica in sync_refs;
 * this is the one place outside it that knows so.
 *
 * Returns: unix seconds, or 0 when never imported
 */
gint64
ck_stats_store_get_sync_time (CkStorage  *storage,
                              const char *unit)
{
  sqlite3_stmt *stmt;
  gint64 when = 0;

  stmt = ck_storage_prepare (storage,
                             "SELECT max (imported_at) FROM sync_refs WHERE lower (unit) = lower (?)",
                             NULL);
  if (stmt == NULL)
    return 0;
  ck_sqlite_bind_text (stmt, 1, unit);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    when = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return when;
}

void
ck_stats_basis_free (CkStatsBasis *basis)
{
  if (basis == NULL)
    return;

  g_free (basis->unit);
  g_free (basis);
}
