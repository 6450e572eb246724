/* ck-shared-store.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ck-case.h"
#include "ck-error.h"
#include "ck-shared-store.h"
#include "ck-sqlite.h"

#define COLUMNS \
  "id, unit, replica, rev, own, year, quarter, team, kind, channel, grounds, manifestations," \
  " reporter_role, subject_role, subject_is_manager, bystanders_present, bystanders_intervened," \
  " triage_route, lc_consulted, sensitive, finding, measures, sanction_level," \
  " restoration_offered, restoration_accepted, restoration_completed, reporter_left, status," \
  " days_to_triage, days_to_feedback, days_to_disposal"

/* Binds @text without a copy: every caller steps the statement while the
 * text is still alive, and a bulk import binds some two million. */
static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
}

static void
bind_tristate (sqlite3_stmt *stmt,
               int           index,
               CkTristate    value)
{
  if (value == CK_TRISTATE_UNKNOWN)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int (stmt, index, value == CK_TRISTATE_YES);
}

static CkTristate
column_tristate (sqlite3_stmt *stmt,
                 int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return CK_TRISTATE_UNKNOWN;

  return sqlite3_column_int (stmt, column) ? CK_TRISTATE_YES : CK_TRISTATE_NO;
}

static void
bind_days (sqlite3_stmt *stmt,
           int           index,
           int           days)
{
  if (days < 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int (stmt, index, days);
}

static int
column_days (sqlite3_stmt *stmt,
             int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, column);
}

static char *
join_measures (const CkSharedRecord *record)
{
  GString *joined = g_string_new (NULL);

  for (guint i = 0; i < record->measures->len; i++)
    {
      const CkMeasure *m = &g_array_index (record->measures, CkMeasure, i);

      if (i > 0)
        g_string_append_c (joined, ',');
      g_string_append (joined, m->code);
      if (m->conditional)
        g_string_append (joined, ":conditional");
    }

  return g_string_free (joined, FALSE);
}

static gboolean
put_codes (CkStorage             *storage,
           const char            *delete_sql,
           const char            *insert_sql,
           const char            *id,
           char * const          *codes,
           GError               **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = ck_storage_prepare (storage, delete_sql, error)))
    return FALSE;
  bind_text (stmt, 1, id);
  if (!ck_sqlite_step_done (storage->db, stmt, error))
    return FALSE;

  if (!(stmt = ck_storage_prepare (storage, insert_sql, error)))
    return FALSE;
  for (guint i = 0; codes[i] != NULL; i++)
    {
      bind_text (stmt, 1, id);
      bind_text (stmt, 2, codes[i]);
      if (!ck_sqlite_step_done (storage->db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
insert_codes (CkStorage     *storage,
              const char    *insert_sql,
              const char    *id,
              char * const  *codes,
              GError       **error)
{
  sqlite3_stmt *stmt = ck_storage_prepare (storage, insert_sql, error);

  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; codes[i] != NULL; i++)
    {
      bind_text (stmt, 1, id);
      bind_text (stmt, 2, codes[i]);
      if (!ck_sqlite_step_done (storage->db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* What a write of a record does to the code tables. */
typedef enum
{
  CODES_REPLACE,    /* the record may be stored: its codes are replaced */
  CODES_INSERT,     /* it is not: its codes are added */
  CODES_LATER,      /* ck_shared_store_add_codes() adds them */
} CodesWrite;

static gboolean
write_record (CkStorage             *storage,
              const CkSharedRecord  *record,
              gboolean               own,
              CodesWrite             codes,
              GError               **error);

/**
 * ck_shared_store_put:
 * @own: whether the record is this register's own, as published
 *
 * Inserts @record or replaces the stored one with the same id.
 */
gboolean
ck_shared_store_put (CkStorage             *storage,
                     const CkSharedRecord  *record,
                     gboolean               own,
                     GError               **error)
{
  return write_record (storage, record, own, CODES_REPLACE, error);
}

/**
 * ck_shared_store_insert:
 *
 * Like ck_shared_store_put() for a record known not to be stored yet
 * (an import of new records): it skips clearing the record's codes, a
 * quarter of the statements of a put.
 */
gboolean
ck_shared_store_insert (CkStorage             *storage,
                        const CkSharedRecord  *record,
                        gboolean               own,
                        GError               **error)
{
  return write_record (storage, record, own, CODES_INSERT, error);
}

/**
 * ck_shared_store_insert_row:
 *
 * Like ck_shared_store_insert() but for the code tables, which
 * ck_shared_store_add_codes() fills for many records at once, in the same
 * transaction: a bulk write's statements are two thirds fewer.
 */
gboolean
ck_shared_store_insert_row (CkStorage             *storage,
                            const CkSharedRecord  *record,
                            gboolean               own,
                            GError               **error)
{
  return write_record (storage, record, own, CODES_LATER, error);
}

/**
 * ck_shared_store_add_codes:
 * @manifestations: whether @pairs are manifestations (else grounds)
 * @pairs: (array length=n_pairs): record ids and codes, alternating
 * @n_pairs: how many pairs, at most CK_SHARED_STORE_CODES_BATCH
 *
 * Adds codes of records stored with ck_shared_store_insert_row() to the
 * code tables, in one statement.
 */
gboolean
ck_shared_store_add_codes (CkStorage          *storage,
                           gboolean            manifestations,
                           const char * const *pairs,
                           guint               n_pairs,
                           GError            **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (n_pairs <= CK_SHARED_STORE_CODES_BATCH, FALSE);

  if (n_pairs == 0)
    return TRUE;

  /* A statement per number of pairs, prepared once (the storage keeps
   * statements by the address of their text, which interning makes
   * lasting): nearly every batch is full. */
  g_string_printf (sql, "INSERT INTO %s (record_id, code) VALUES (?, ?)",
                   manifestations ? "shared_record_manifestations" : "shared_record_grounds");
  for (guint i = 1; i < n_pairs; i++)
    g_string_append (sql, ", (?, ?)");
  if (!(stmt = ck_storage_prepare (storage, g_intern_string (sql->str), error)))
    return FALSE;

  for (guint i = 0; i < 2 * n_pairs; i++)
    bind_text (stmt, (int) i + 1, pairs[i]);
  ok = ck_sqlite_step_done (storage->db, stmt, error);
  sqlite3_clear_bindings (stmt);

  return ok;
}

static gboolean
write_record (CkStorage             *storage,
              const CkSharedRecord  *record,
              gboolean               own,
              CodesWrite             codes,
              GError               **error)
{
  g_autofree char *grounds = g_strjoinv (",", record->grounds);
  g_autofree char *manifestations = g_strjoinv (",", record->manifestations);
  g_autofree char *measures = join_measures (record);
  sqlite3_stmt *stmt;
  int i = 1;

  stmt = ck_storage_prepare (storage,
                             "INSERT OR REPLACE INTO shared_records (" COLUMNS ")"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                             " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, i++, record->id);
  bind_text (stmt, i++, record->unit);
  bind_text (stmt, i++, record->replica);
  sqlite3_bind_int64 (stmt, i++, record->rev);
  sqlite3_bind_int (stmt, i++, own ? 1 : 0);
  sqlite3_bind_int (stmt, i++, record->year);
  sqlite3_bind_int (stmt, i++, record->quarter);
  bind_text (stmt, i++, record->team);
  bind_text (stmt, i++, record->kind);
  bind_text (stmt, i++, record->channel);
  bind_text (stmt, i++, grounds);
  bind_text (stmt, i++, manifestations);
  bind_text (stmt, i++, record->reporter_role);
  bind_text (stmt, i++, record->subject_role);
  bind_tristate (stmt, i++, record->subject_is_manager);
  bind_tristate (stmt, i++, record->bystanders_present);
  bind_tristate (stmt, i++, record->bystanders_intervened);
  bind_text (stmt, i++, record->triage_route);
  sqlite3_bind_int (stmt, i++, record->lc_consulted ? 1 : 0);
  sqlite3_bind_int (stmt, i++, record->sensitive ? 1 : 0);
  bind_text (stmt, i++, record->finding);
  bind_text (stmt, i++, measures);
  sqlite3_bind_int (stmt, i++, ck_shared_record_get_sanction_level (record));
  bind_tristate (stmt, i++, record->restoration_offered);
  bind_tristate (stmt, i++, record->restoration_accepted);
  bind_tristate (stmt, i++, record->restoration_completed);
  bind_tristate (stmt, i++, record->reporter_left);
  bind_text (stmt, i++, record->status);
  bind_days (stmt, i++, record->days_to_triage);
  bind_days (stmt, i++, record->days_to_feedback);
  bind_days (stmt, i++, record->days_to_disposal);

  if (!ck_sqlite_step_done (storage->db, stmt, error))
    return FALSE;

  if (codes == CODES_LATER)
    return TRUE;

  if (codes == CODES_INSERT)
    return insert_codes (storage, "INSERT INTO shared_record_grounds (record_id, code) VALUES (?, ?)",
                         record->id, record->grounds, error) &&
           insert_codes (storage, "INSERT INTO shared_record_manifestations (record_id, code) VALUES (?, ?)",
                         record->id, record->manifestations, error);

  return put_codes (storage,
                    "DELETE FROM shared_record_grounds WHERE record_id = ?",
                    "INSERT INTO shared_record_grounds (record_id, code) VALUES (?, ?)",
                    record->id, record->grounds, error) &&
         put_codes (storage,
                    "DELETE FROM shared_record_manifestations WHERE record_id = ?",
                    "INSERT INTO shared_record_manifestations (record_id, code) VALUES (?, ?)",
                    record->id, record->manifestations, error);
}

gboolean
ck_shared_store_remove (CkStorage   *storage,
                        const char  *id,
                        GError     **error)
{
  sqlite3_stmt *stmt = ck_storage_prepare (storage, "DELETE FROM shared_records WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;

  ck_sqlite_bind_text (stmt, 1, id);
  return ck_sqlite_step_done (storage->db, stmt, error);
}

static char **
split_codes (const char *joined)
{
  if (joined == NULL || *joined == '\0')
    return g_new0 (char *, 1);

  return g_strsplit (joined, ",", -1);
}

static CkSharedRecord *
read_record (sqlite3_stmt *stmt)
{
  CkSharedRecord *record = ck_shared_record_new ();
  g_auto(GStrv) measures = NULL;
  int i = 0;

  record->id = g_strdup (ck_sqlite_column_text (stmt, i++));
  record->unit = g_strdup (ck_sqlite_column_text (stmt, i++));
  record->replica = g_strdup (ck_sqlite_column_text (stmt, i++));
  record->rev = sqlite3_column_int64 (stmt, i++);
  i++; /* own */
  record->year = sqlite3_column_int (stmt, i++);
  record->quarter = sqlite3_column_int (stmt, i++);
  record->team = g_strdup (ck_sqlite_column_text (stmt, i++));
  record->kind = g_strdup (ck_sqlite_column_text (stmt, i++));
  record->channel = g_strdup (ck_sqlite_column_text (stmt, i++));
  g_strfreev (record->grounds);
  record->grounds = split_codes (ck_sqlite_column_text (stmt, i++));
  g_strfreev (record->manifestations);
  record->manifestations = split_codes (ck_sqlite_column_text (stmt, i++));
  record->reporter_role = g_strdup (ck_sqlite_column_text (stmt, i++));
  record->subject_role = g_strdup (ck_sqlite_column_text (stmt, i++));
  record->subject_is_manager = column_tristate (stmt, i++);
  record->bystanders_present = column_tristate (stmt, i++);
  record->bystanders_intervened = column_tristate (stmt, i++);
  record->triage_route = g_strdup (ck_sqlite_column_text (stmt, i++));
  record->lc_consulted = sqlite3_column_int (stmt, i++) != 0;
  record->sensitive = sqlite3_column_int (stmt, i++) != 0;
  record->finding = g_strdup (ck_sqlite_column_text (stmt, i++));
  measures = split_codes (ck_sqlite_column_text (stmt, i++));
  for (guint m = 0; measures[m] != NULL; m++)
    {
      char *colon = strchr (measures[m], ':');
      CkMeasure measure = { NULL, colon != NULL };

      if (colon != NULL)
        *colon = '\0';
      measure.code = g_strdup (measures[m]);
      g_array_append_val (record->measures, measure);
    }
  i++; /* sanction_level, derived */
  record->restoration_offered = column_tristate (stmt, i++);
  record->restoration_accepted = column_tristate (stmt, i++);
  record->restoration_completed = column_tristate (stmt, i++);
  record->reporter_left = column_tristate (stmt, i++);
  record->status = g_strdup (ck_sqlite_column_text (stmt, i++));
  record->days_to_triage = column_days (stmt, i++);
  record->days_to_feedback = column_days (stmt, i++);
  record->days_to_disposal = column_days (stmt, i++);

  return record;
}

/* Returns: (transfer full) (nullable): the record, or %NULL with @error
 * (CK_ERROR_NOT_FOUND when there is none) */
CkSharedRecord *
ck_shared_store_get (CkStorage   *storage,
                     const char  *id,
                     GError     **error)
{
  sqlite3_stmt *stmt = ck_storage_prepare (storage, "SELECT " COLUMNS " FROM shared_records WHERE id = ?", error);
  CkSharedRecord *record = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  ck_sqlite_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    record = read_record (stmt);
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, CK_ERROR, CK_ERROR_NOT_FOUND, _("There is no such record"));
  else if (rc != SQLITE_ROW)
    ck_sqlite_set_error (error, storage->db, rc);

  return record;
}

/**
 * ck_shared_store_list:
 * @unit: (nullable): only this unit's records, or %NULL for all
 *
 * Returns: (transfer full) (element-type CkSharedRecord): the records by
 *   unit, period and id
 */
GPtrArray *
ck_shared_store_list (CkStorage   *storage,
                      const char  *unit,
                      GError     **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) ck_shared_record_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = ck_storage_prepare (storage,
                             "SELECT " COLUMNS " FROM shared_records WHERE ?1 IS NULL OR unit = ?1"
                             " ORDER BY unit, year, quarter, id",
                             error);
  if (stmt == NULL)
    return NULL;

  ck_sqlite_bind_text (stmt, 1, unit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, read_record (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      ck_sqlite_set_error (error, storage->db, rc);
      return NULL;
    }

  return g_steal_pointer (&records);
}

#define LESSON_COLUMNS \
  "id, unit, replica, rev, own, year, quarter, title, text, theme, grounds, manifestations"

/**
 * ck_shared_store_put_lesson:
 * @own: whether the lesson is this register's own, released here
 *
 * Inserts @lesson or replaces the stored one with the same id.
 */
gboolean
ck_shared_store_put_lesson (CkStorage             *storage,
                            const CkSharedLesson  *lesson,
                            gboolean               own,
                            GError               **error)
{
  g_autofree char *grounds = g_strjoinv (",", lesson->grounds);
  g_autofree char *manifestations = g_strjoinv (",", lesson->manifestations);
  sqlite3_stmt *stmt;

  stmt = ck_storage_prepare (storage,
                             "INSERT OR REPLACE INTO shared_lessons (" LESSON_COLUMNS ")"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;

  ck_sqlite_bind_text (stmt, 1, lesson->id);
  ck_sqlite_bind_text (stmt, 2, lesson->unit);
  ck_sqlite_bind_text (stmt, 3, lesson->replica);
  sqlite3_bind_int64 (stmt, 4, lesson->rev);
  sqlite3_bind_int (stmt, 5, own ? 1 : 0);
  sqlite3_bind_int (stmt, 6, lesson->year);
  sqlite3_bind_int (stmt, 7, lesson->quarter);
  ck_sqlite_bind_text (stmt, 8, lesson->title);
  ck_sqlite_bind_text (stmt, 9, lesson->text);
  ck_sqlite_bind_text (stmt, 10, lesson->theme);
  ck_sqlite_bind_text (stmt, 11, grounds);
  ck_sqlite_bind_text (stmt, 12, manifestations);

  return ck_sqlite_step_done (storage->db, stmt, error);
}

gboolean
ck_shared_store_remove_lesson (CkStorage   *storage,
                               const char  *id,
                               GError     **error)
{
  sqlite3_stmt *stmt = ck_storage_prepare (storage, "DELETE FROM shared_lessons WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;

  ck_sqlite_bind_text (stmt, 1, id);
  return ck_sqlite_step_done (storage->db, stmt, error);
}

/**
 * ck_shared_store_list_lessons:
 * @unit: (nullable): only this unit's lessons, or %NULL for all
 * @own_only: only this register's own
 *
 * Returns: (transfer full) (element-type CkSharedLesson): newest first
 */
GPtrArray *
ck_shared_store_list_lessons (CkStorage   *storage,
                              const char  *unit,
                              gboolean     own_only,
                              GError     **error)
{
  g_autoptr(GPtrArray) lessons = g_ptr_array_new_with_free_func ((GDestroyNotify) ck_shared_lesson_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = ck_storage_prepare (storage,
                             "SELECT " LESSON_COLUMNS " FROM shared_lessons"
                             " WHERE (?1 IS NULL OR unit = ?1) AND (?2 = 0 OR own = 1)"
                             " ORDER BY year DESC, quarter DESC, id",
                             error);
  if (stmt == NULL)
    return NULL;

  ck_sqlite_bind_text (stmt, 1, unit);
  sqlite3_bind_int (stmt, 2, own_only ? 1 : 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CkSharedLesson *lesson = ck_shared_lesson_new ();

      lesson->id = g_strdup (ck_sqlite_column_text (stmt, 0));
      lesson->unit = g_strdup (ck_sqlite_column_text (stmt, 1));
      lesson->replica = g_strdup (ck_sqlite_column_text (stmt, 2));
      lesson->rev = sqlite3_column_int64 (stmt, 3);
      lesson->year = sqlite3_column_int (stmt, 5);
      lesson->quarter = sqlite3_column_int (stmt, 6);
      lesson->title = g_strdup (ck_sqlite_column_text (stmt, 7));
      lesson->text = g_strdup (ck_sqlite_column_text (stmt, 8));
      lesson->theme = g_strdup (ck_sqlite_column_text (stmt, 9));
      g_strfreev (lesson->grounds);
      lesson->grounds = split_codes (ck_sqlite_column_text (stmt, 10));
      g_strfreev (lesson->manifestations);
      lesson->manifestations = split_codes (ck_sqlite_column_text (stmt, 11));
      g_ptr_array_add (lessons, lesson);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      ck_sqlite_set_error (error, storage->db, rc);
      return NULL;
    }

  return g_steal_pointer (&lessons);
}
