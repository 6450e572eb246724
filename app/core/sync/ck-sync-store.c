/* ck-sync-store.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ck-error.h"
#include "ck-k-anonymity.h"
#include "ck-sqlite.h"
#include "ck-sync-store.h"

/* Returns: the smallest group size that may be published */
guint
ck_sync_store_get_k (CkStorage *storage)
{
  g_autofree char *text = ck_storage_get_meta (storage, CK_SYNC_META_K);
  guint64 k;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, 1000, &k, NULL))
    return CK_K_ANONYMITY_DEFAULT_K;

  return (guint) k;
}

gboolean
ck_sync_store_set_k (CkStorage  *storage,
                     guint       k,
                     GError    **error)
{
  g_autofree char *text = NULL;

  if (k < 2 || k > 1000)
    {
      g_set_error (error, CK_ERROR, CK_ERROR_INVALID,
                   _("The smallest group must be from 2 to 1000 records, not %u."), k);
      return FALSE;
    }

  text = g_strdup_printf ("%u", k);
  return ck_storage_set_meta (storage, CK_SYNC_META_K, text, error);
}

static const char *
chunk_text (GStringChunk *strings,
            sqlite3_stmt *stmt,
            int           column,
            gboolean      repeated)
{
  const char *text = ck_sqlite_column_text (stmt, column);

  if (text == NULL)
    return NULL;

  return repeated ? g_string_chunk_insert_const (strings, text) : g_string_chunk_insert (strings, text);
}

/* Columns 0-6 of the scan of cases. */
static void
read_case (sqlite3_stmt    *stmt,
           GStringChunk    *strings,
           CkSyncCaseState *state)
{
  const char *date = ck_sqlite_column_text (stmt, 3);

  state->case_id = sqlite3_column_int64 (stmt, 0);
  state->updated_at = sqlite3_column_int64 (stmt, 1);
  state->team = chunk_text (strings, stmt, 2, TRUE);
  /* ISO dates: "2025-04-17" */
  if (date != NULL && strlen (date) >= 7)
    {
      state->year = (int) g_ascii_strtoll (date, NULL, 10);
      state->quarter = ((int) g_ascii_strtoll (date + 5, NULL, 10) - 1) / 3 + 1;
    }
  state->grounds = chunk_text (strings, stmt, 4, TRUE);
  state->reporter_role = chunk_text (strings, stmt, 5, TRUE);
  state->subject_role = chunk_text (strings, stmt, 6, TRUE);
}

/* Columns 1-4 of the scan of sync_records, and 5-6, the shared id and
 * the hash, when the scan reads them. */
static void
read_mapping (sqlite3_stmt    *stmt,
              GStringChunk    *strings,
              CkSyncCaseState *state)
{
  state->mapped = TRUE;
  state->rev = sqlite3_column_int (stmt, 1);
  state->published_updated_at = sqlite3_column_int64 (stmt, 2);
  state->level = sqlite3_column_int (stmt, 3);
  state->state = chunk_text (strings, stmt, 4, TRUE);
  if (sqlite3_column_count (stmt) > 5)
    {
      state->shared_id = chunk_text (strings, stmt, 5, FALSE);
      state->hash = chunk_text (strings, stmt, 6, FALSE);
    }
}

static gboolean
step (CkStorage     *storage,
      sqlite3_stmt  *stmt,
      gboolean      *row,
      GError       **error)
{
  int rc = sqlite3_step (stmt);

  *row = rc == SQLITE_ROW;
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return TRUE;

  ck_sqlite_set_error (error, storage->db, rc);
  return FALSE;
}

/**
 * ck_sync_store_scan_cases:
 *
 * Every case not in the bin with its quasi-identifiers and publish state,
 * then every published record whose case is gone. The cases and their
 * mappings are read as two scans in the order of their keys and merged.
 * Unless @with_ids, the shared ids and hashes are left out and
 * ck_sync_store_load_mapping() reads those of the records to write:
 * reading every column of 100,000 rows was most of what publishing 100
 * changes on top of them cost.
 *
 * Returns: (transfer full) (element-type CkSyncCaseState): the states,
 *   their strings in @strings
 */
GArray *
ck_sync_store_scan_cases (CkStorage     *storage,
                          GStringChunk  *strings,
                          gboolean       with_ids,
                          GError       **error)
{
  g_autoptr(GArray) states = g_array_new (FALSE, TRUE, sizeof (CkSyncCaseState));
  g_autoptr(GArray) gone = g_array_new (FALSE, TRUE, sizeof (CkSyncCaseState));
  sqlite3_stmt *cases, *mappings;
  gboolean have_case, have_mapping, ok;

  cases = ck_storage_prepare (storage,
                              "SELECT id, updated_at, team, report_date, grounds, reporter_role, subject_role"
                              " FROM cases WHERE deleted_at IS NULL ORDER BY id",
                              error);
  mappings = ck_storage_prepare (storage,
                                 with_ids
                                 ? "SELECT case_id, rev, updated_at, level, state, shared_id, hash"
                                   " FROM sync_records ORDER BY case_id"
                                 : "SELECT case_id, rev, updated_at, level, state FROM sync_records ORDER BY case_id",
                                 error);
  if (cases == NULL || mappings == NULL)
    return NULL;

  ok = step (storage, cases, &have_case, error) && step (storage, mappings, &have_mapping, error);
  while (ok && (have_case || have_mapping))
    {
      CkSyncCaseState state = { 0 };
      gint64 case_id = have_case ? sqlite3_column_int64 (cases, 0) : G_MAXINT64;
      gint64 mapped_id = have_mapping ? sqlite3_column_int64 (mappings, 0) : G_MAXINT64;

      if (case_id <= mapped_id)
        {
          read_case (cases, strings, &state);
          if (mapped_id == case_id)
            {
              read_mapping (mappings, strings, &state);
              ok = step (storage, mappings, &have_mapping, error);
            }
          g_array_append_val (states, state);
          ok = ok && step (storage, cases, &have_case, error);
        }
      else
        {
          /* Erased, or in the bin: its record is to be retracted. */
          state.case_id = mapped_id;
          state.gone = TRUE;
          read_mapping (mappings, strings, &state);
          g_array_append_val (gone, state);
          ok = step (storage, mappings, &have_mapping, error);
        }
    }
  sqlite3_reset (cases);
  sqlite3_reset (mappings);

  if (!ok)
    return NULL;

  g_array_append_vals (states, gone->data, gone->len);
  return g_steal_pointer (&states);
}

/* Reads the shared id and hash of a mapped @state, unless it has them. */
gboolean
ck_sync_store_load_mapping (CkStorage        *storage,
                            GStringChunk     *strings,
                            CkSyncCaseState  *state,
                            GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!state->mapped || state->shared_id != NULL)
    return TRUE;

  stmt = ck_storage_prepare (storage, "SELECT shared_id, hash FROM sync_records WHERE case_id = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, state->case_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      state->shared_id = chunk_text (strings, stmt, 0, FALSE);
      state->hash = chunk_text (strings, stmt, 1, FALSE);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW)
    {
      ck_sqlite_set_error (error, storage->db, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc);
      return FALSE;
    }

  return TRUE;
}

gboolean
ck_sync_store_put_record_state (CkStorage              *storage,
                                const CkSyncCaseState  *state,
                                GError                **error)
{
  sqlite3_stmt *stmt = ck_storage_prepare (storage,
                                           "INSERT OR REPLACE INTO sync_records"
                                           " (case_id, shared_id, rev, updated_at, level, state, hash)"
                                           " VALUES (?, ?, ?, ?, ?, ?, ?)",
                                           error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, state->case_id);
  ck_sqlite_bind_text (stmt, 2, state->shared_id);
  sqlite3_bind_int (stmt, 3, state->rev);
  sqlite3_bind_int64 (stmt, 4, state->published_updated_at);
  sqlite3_bind_int (stmt, 5, state->level);
  ck_sqlite_bind_text (stmt, 6, state->state);
  ck_sqlite_bind_text (stmt, 7, state->hash);
  return ck_sqlite_step_done (storage->db, stmt, error);
}

gboolean
ck_sync_store_forget_record (CkStorage  *storage,
                             gint64      case_id,
                             GError    **error)
{
  sqlite3_stmt *stmt = ck_storage_prepare (storage, "DELETE FROM sync_records WHERE case_id = ?", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, case_id);
  return ck_sqlite_step_done (storage->db, stmt, error);
}

static void
lesson_state_free (gpointer data)
{
  CkSyncLessonState *state = data;

  g_free (state->state);
  g_free (state->hash);
  g_free (state);
}

/**
 * ck_sync_store_list_lesson_states:
 *
 * Returns: (transfer full): lesson id → CkSyncLessonState, or %NULL
 *   with @error
 */
GHashTable *
ck_sync_store_list_lesson_states (CkStorage  *storage,
                                  GError    **error)
{
  g_autoptr(GHashTable) states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, lesson_state_free);
  sqlite3_stmt *stmt = ck_storage_prepare (storage, "SELECT lesson_id, rev, state, hash FROM sync_lessons", error);
  int rc;

  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CkSyncLessonState *state = g_new0 (CkSyncLessonState, 1);

      state->rev = sqlite3_column_int (stmt, 1);
      state->state = g_strdup (ck_sqlite_column_text (stmt, 2));
      state->hash = g_strdup (ck_sqlite_column_text (stmt, 3));
      g_hash_table_insert (states, g_strdup (ck_sqlite_column_text (stmt, 0)), state);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      ck_sqlite_set_error (error, storage->db, rc);
      return NULL;
    }

  return g_steal_pointer (&states);
}

gboolean
ck_sync_store_put_lesson_state (CkStorage   *storage,
                                const char  *lesson_id,
                                guint        rev,
                                const char  *state,
                                const char  *hash,
                                const char  *reason,
                                GError     **error)
{
  sqlite3_stmt *stmt = ck_storage_prepare (storage,
                                           "INSERT OR REPLACE INTO sync_lessons (lesson_id, rev, state, hash, reason)"
                                           " VALUES (?, ?, ?, ?, ?)",
                                           error);

  if (stmt == NULL)
    return FALSE;

  ck_sqlite_bind_text (stmt, 1, lesson_id);
  sqlite3_bind_int (stmt, 2, rev);
  ck_sqlite_bind_text (stmt, 3, state);
  ck_sqlite_bind_text (stmt, 4, hash);
  ck_sqlite_bind_text (stmt, 5, reason);
  return ck_sqlite_step_done (storage->db, stmt, error);
}

void
ck_sync_ref_state_free (CkSyncRefState *state)
{
  if (state == NULL)
    return;

  g_free (state->ref);
  g_free (state->unit);
  g_free (state->replica);
  g_free (state->commit_id);
  g_free (state->tree_id);
  g_free (state);
}

/* Returns: (transfer full) (nullable): what was last imported from @ref;
 * %NULL without @error when nothing was */
CkSyncRefState *
ck_sync_store_get_ref (CkStorage   *storage,
                       const char  *ref,
                       GError     **error)
{
  sqlite3_stmt *stmt = ck_storage_prepare (storage,
                                           "SELECT unit, replica, commit_id, tree_id FROM sync_refs WHERE ref = ?",
                                           error);
  CkSyncRefState *state = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  ck_sqlite_bind_text (stmt, 1, ref);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      state = g_new0 (CkSyncRefState, 1);
      state->ref = g_strdup (ref);
      state->unit = g_strdup (ck_sqlite_column_text (stmt, 0));
      state->replica = g_strdup (ck_sqlite_column_text (stmt, 1));
      state->commit_id = g_strdup (ck_sqlite_column_text (stmt, 2));
      state->tree_id = g_strdup (ck_sqlite_column_text (stmt, 3));
    }
  else if (rc != SQLITE_DONE)
    ck_sqlite_set_error (error, storage->db, rc);
  sqlite3_reset (stmt);

  return state;
}

gboolean
ck_sync_store_put_ref (CkStorage             *storage,
                       const CkSyncRefState  *state,
                       GError               **error)
{
  sqlite3_stmt *stmt = ck_storage_prepare (storage,
                                           "INSERT OR REPLACE INTO sync_refs"
                                           " (ref, unit, replica, commit_id, tree_id, imported_at)"
                                           " VALUES (?, ?, ?, ?, ?, ?)",
                                           error);

  if (stmt == NULL)
    return FALSE;

  ck_sqlite_bind_text (stmt, 1, state->ref);
  ck_sqlite_bind_text (stmt, 2, state->unit);
  ck_sqlite_bind_text (stmt, 3, state->replica);
  ck_sqlite_bind_text (stmt, 4, state->commit_id);
  ck_sqlite_bind_text (stmt, 5, state->tree_id);
  sqlite3_bind_int64 (stmt, 6, g_get_real_time () / G_USEC_PER_SEC);
  return ck_sqlite_step_done (storage->db, stmt, error);
}

/* Keeps @reason for the file at @path of @ref ("" for the ref itself). */
gboolean
ck_sync_store_quarantine (CkStorage   *storage,
                          const char  *ref,
                          const char  *path,
                          const char  *reason,
                          const char  *object_id,
                          GError     **error)
{
  sqlite3_stmt *stmt = ck_storage_prepare (storage,
                                           "INSERT OR REPLACE INTO sync_quarantine"
                                           " (ref, path, reason, object_id, seen_at) VALUES (?, ?, ?, ?, ?)",
                                           error);

  if (stmt == NULL)
    return FALSE;

  ck_sqlite_bind_text (stmt, 1, ref);
  ck_sqlite_bind_text (stmt, 2, path != NULL ? path : "");
  ck_sqlite_bind_text (stmt, 3, reason);
  ck_sqlite_bind_text (stmt, 4, object_id);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time () / G_USEC_PER_SEC);
  return ck_sqlite_step_done (storage->db, stmt, error);
}

/* Forgets the quarantine entry of @path, or of every path of @ref when
 * @path is %NULL. */
gboolean
ck_sync_store_release (CkStorage   *storage,
                       const char  *ref,
                       const char  *path,
                       GError     **error)
{
  sqlite3_stmt *stmt = ck_storage_prepare (storage,
                                           "DELETE FROM sync_quarantine WHERE ref = ?1 AND (?2 IS NULL OR path = ?2)",
                                           error);

  if (stmt == NULL)
    return FALSE;

  ck_sqlite_bind_text (stmt, 1, ref);
  ck_sqlite_bind_text (stmt, 2, path);
  return ck_sqlite_step_done (storage->db, stmt, error);
}

void
ck_quarantine_entry_free (CkQuarantineEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->ref);
  g_free (entry->path);
  g_free (entry->reason);
  g_free (entry);
}

/* Returns: (transfer full) (element-type CkQuarantineEntry): by ref and path */
GPtrArray *
ck_sync_store_list_quarantine (CkStorage  *storage,
                               GError    **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ck_quarantine_entry_free);
  sqlite3_stmt *stmt = ck_storage_prepare (storage,
                                           "SELECT ref, path, reason, seen_at FROM sync_quarantine ORDER BY ref, path",
                                           error);
  int rc;

  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CkQuarantineEntry *entry = g_new0 (CkQuarantineEntry, 1);

      entry->ref = g_strdup (ck_sqlite_column_text (stmt, 0));
      entry->path = g_strdup (ck_sqlite_column_text (stmt, 1));
      entry->reason = g_strdup (ck_sqlite_column_text (stmt, 2));
      entry->seen_at = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (entries, entry);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      ck_sqlite_set_error (error, storage->db, rc);
      return NULL;
    }

  return g_steal_pointer (&entries);
}

gboolean
ck_sync_store_enrol_key (CkStorage   *storage,
                         const char  *unit,
                         const char  *replica,
                         const char  *public_key,
                         GError     **error)
{
  sqlite3_stmt *stmt = ck_storage_prepare (storage,
                                           "INSERT OR REPLACE INTO sync_keys (replica, unit, public_key, enrolled_at)"
                                           " VALUES (?, ?, ?, ?)",
                                           error);

  if (stmt == NULL)
    return FALSE;

  ck_sqlite_bind_text (stmt, 1, replica);
  ck_sqlite_bind_text (stmt, 2, unit);
  ck_sqlite_bind_text (stmt, 3, public_key);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time () / G_USEC_PER_SEC);
  return ck_sqlite_step_done (storage->db, stmt, error);
}

gboolean
ck_sync_store_withdraw_key (CkStorage   *storage,
                            const char  *replica,
                            GError     **error)
{
  sqlite3_stmt *stmt = ck_storage_prepare (storage, "DELETE FROM sync_keys WHERE replica = ?", error);

  if (stmt == NULL)
    return FALSE;

  ck_sqlite_bind_text (stmt, 1, replica);
  return ck_sqlite_step_done (storage->db, stmt, error);
}

void
ck_enrolled_key_free (CkEnrolledKey *key)
{
  if (key == NULL)
    return;

  g_free (key->replica);
  g_free (key->unit);
  g_free (key->public_key);
  g_free (key);
}

static CkEnrolledKey *
read_key (sqlite3_stmt *stmt)
{
  CkEnrolledKey *key = g_new0 (CkEnrolledKey, 1);

  key->replica = g_strdup (ck_sqlite_column_text (stmt, 0));
  key->unit = g_strdup (ck_sqlite_column_text (stmt, 1));
  key->public_key = g_strdup (ck_sqlite_column_text (stmt, 2));
  key->enrolled_at = sqlite3_column_int64 (stmt, 3);
  return key;
}

/* Returns: (transfer full) (nullable): the key enrolled for @replica */
CkEnrolledKey *
ck_sync_store_get_key (CkStorage  *storage,
                       const char *replica)
{
  sqlite3_stmt *stmt = ck_storage_prepare (storage,
                                           "SELECT replica, unit, public_key, enrolled_at FROM sync_keys"
                                           " WHERE replica = ?",
                                           NULL);
  CkEnrolledKey *key = NULL;

  if (stmt == NULL)
    return NULL;

  ck_sqlite_bind_text (stmt, 1, replica);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    key = read_key (stmt);
  sqlite3_reset (stmt);

  return key;
}

/* Returns: (transfer full) (element-type CkEnrolledKey): by unit */
GPtrArray *
ck_sync_store_list_keys (CkStorage  *storage,
                         GError    **error)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func ((GDestroyNotify) ck_enrolled_key_free);
  sqlite3_stmt *stmt = ck_storage_prepare (storage,
                                           "SELECT replica, unit, public_key, enrolled_at FROM sync_keys"
                                           " ORDER BY unit, replica",
                                           error);
  int rc;

  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (keys, read_key (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      ck_sqlite_set_error (error, storage->db, rc);
      return NULL;
    }

  return g_steal_pointer (&keys);
}

/* Removes what was imported from @replica, for when its key is withdrawn. */
gboolean
ck_sync_store_remove_replica (CkStorage   *storage,
                              const char  *replica,
                              GError     **error)
{
  static const char * const statements[] = {
    "DELETE FROM shared_records WHERE replica = ? AND own = 0",
    "DELETE FROM shared_lessons WHERE replica = ? AND own = 0",
    "DELETE FROM sync_refs WHERE replica = ?",
  };

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      sqlite3_stmt *stmt = ck_storage_prepare (storage, statements[i], error);

      if (stmt == NULL)
        return FALSE;
      ck_sqlite_bind_text (stmt, 1, replica);
      if (!ck_sqlite_step_done (storage->db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * ck_sync_store_lookup_shared:
 * @lesson: look among lessons rather than records
 *
 * Returns: whether a shared record (or lesson) @id is stored, and whose it
 *   is: the importer refuses a file that would overwrite another
 *   replica's record, or go back in revision
 */
gboolean
ck_sync_store_lookup_shared (CkStorage   *storage,
                             gboolean     lesson,
                             const char  *id,
                             char       **replica,
                             gboolean    *own,
                             guint       *rev)
{
  sqlite3_stmt *stmt = ck_storage_prepare (storage,
                                           lesson
                                           ? "SELECT replica, own, rev FROM shared_lessons WHERE id = ?"
                                           : "SELECT replica, own, rev FROM shared_records WHERE id = ?",
                                           NULL);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;

  ck_sqlite_bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      *replica = g_strdup (ck_sqlite_column_text (stmt, 0));
      *own = sqlite3_column_int (stmt, 1) != 0;
      *rev = sqlite3_column_int (stmt, 2);
    }
  sqlite3_reset (stmt);

  return found;
}

/**
 * ck_sync_store_has_shared:
 * @lesson: look among lessons rather than records
 * @any: (out): whether any record (or lesson) is stored, own or imported
 *
 * An import into tables without any row needs no lookup per file: a
 * ref's files have distinct ids, so none can meet a stored one.
 */
gboolean
ck_sync_store_has_shared (CkStorage   *storage,
                          gboolean     lesson,
                          gboolean    *any,
                          GError     **error)
{
  sqlite3_stmt *stmt = ck_storage_prepare (storage,
                                           lesson
                                           ? "SELECT EXISTS (SELECT 1 FROM shared_lessons)"
                                           : "SELECT EXISTS (SELECT 1 FROM shared_records)",
                                           error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      ck_sqlite_set_error (error, storage->db, rc);
      sqlite3_reset (stmt);
      return FALSE;
    }
  *any = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return TRUE;
}

