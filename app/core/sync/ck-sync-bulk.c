/* ck-sync-bulk.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ck-shared-store.h"
#include "ck-sqlite.h"
#include "ck-sync-bulk.h"

/* The triggers on shared_records whose work ck_sync_bulk_end() does at
 * once: the change log of the case index (0004) and the version of the
 * statistics (0005). */
static const char * const known_triggers[] = {
  "index_changes_record_deleted",
  "index_changes_record_inserted",
  "index_changes_record_updated",
  "stats_shared_records_delete",
  "stats_shared_records_insert",
  "stats_shared_records_update",
  NULL
};

/* How many entries the change log keeps: each of its triggers drops the
 * entries more than this many changes old. */
#define LOG_KEPT 50000

/* What each of those triggers does for a write, for all the noted writes
 * at once: a change-log entry per record in the order of the writes,
 * keeping the last LOG_KEPT entries (of those before, fewer or none), and
 * the statistics' version one higher. An index that had read the log to
 * any entry before finds its place gone, as it would have, and reads
 * everything again. */
static const char log_sql[] =
  "INSERT INTO index_changes (record_id) SELECT value FROM json_each (?1) WHERE key >= ?2 ORDER BY key";
static const char trim_sql[] =
  "DELETE FROM index_changes WHERE seq <= last_insert_rowid () - " G_STRINGIFY (LOG_KEPT);
static const char version_sql[] =
  "UPDATE stats_version SET version = version + 1 WHERE id = 1";

struct _CkSyncBulk
{
  CkStorage *storage;
  GPtrArray *statements;   /* that make the dropped indexes and triggers again */
  gboolean   triggers;     /* whether the triggers were dropped */
  GString   *noted;        /* a JSON array of the written records' ids */
  guint      n_noted;
  /* The codes of new records, as record id and code pairs, stored a
   * batch at a time: grounds, then manifestations */
  GStringChunk *strings;
  GPtrArray    *codes[2];
};

/* Appends @id to the JSON array being written in @array. Ids are
 * hexadecimal: nothing to escape. */
static void
append_id (GString    *array,
           guint      *n,
           const char *id)
{
  g_string_append (array, (*n)++ > 0 ? ",\"" : "\"");
  g_string_append (array, id);
  g_string_append_c (array, '"');
}

static gboolean
read_schema (CkStorage  *storage,
             const char *sql,
             GPtrArray  *names,
             GPtrArray  *statements,
             GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = ck_sqlite_prepare (storage->db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (names, g_strdup (ck_sqlite_column_text (stmt, 0)));
      g_ptr_array_add (statements, g_strdup (ck_sqlite_column_text (stmt, 1)));
    }
  if (rc != SQLITE_DONE)
    return ck_sqlite_set_error (error, storage->db, rc);

  return TRUE;
}

static gboolean
only_known_triggers (GPtrArray *names)
{
  if (names->len != g_strv_length ((char **) known_triggers))
    return FALSE;

  for (guint i = 0; i < names->len; i++)
    if (!g_strv_contains (known_triggers, names->pdata[i]))
      return FALSE;

  return TRUE;
}

static gboolean
drop_all (CkStorage  *storage,
          const char *kind,
          GPtrArray  *names,
          GError    **error)
{
  for (guint i = 0; i < names->len; i++)
    {
      char *sql = sqlite3_mprintf ("DROP %s \"%w\"", kind, (char *) names->pdata[i]);
      gboolean ok = ck_sqlite_exec (storage->db, sql, error);

      sqlite3_free (sql);
      if (!ok)
        return FALSE;
    }

  return TRUE;
}

/**
 * ck_sync_bulk_begin:
 *
 * Drops what a bulk write of shared records does without, in the caller's
 * transaction.
 *
 * Returns: (transfer full) (nullable): the bulk write, to end with
 *   ck_sync_bulk_end() in the same transaction
 */
CkSyncBulk *
ck_sync_bulk_begin (CkStorage  *storage,
                    GError    **error)
{
  g_autoptr(CkSyncBulk) self = g_new0 (CkSyncBulk, 1);
  g_autoptr(GPtrArray) indexes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) triggers = g_ptr_array_new_with_free_func (g_free);

  self->storage = storage;
  self->statements = g_ptr_array_new_with_free_func (g_free);
  self->noted = g_string_new ("[");
  self->strings = g_string_chunk_new (64 * 1024);
  self->codes[0] = g_ptr_array_new ();
  self->codes[1] = g_ptr_array_new ();

  if (!read_schema (storage,
                    "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL"
                    " AND tbl_name IN ('shared_records', 'shared_record_grounds',"
                    " 'shared_record_manifestations')",
                    indexes, self->statements, error) ||
      !drop_all (storage, "INDEX", indexes, error))
    return NULL;

  if (!read_schema (storage,
                    "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'shared_records'",
                    triggers, self->statements, error))
    return NULL;
  self->triggers = only_known_triggers (triggers);
  if (!self->triggers)
    g_ptr_array_set_size (self->statements, indexes->len);
  else if (!drop_all (storage, "TRIGGER", triggers, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* Notes that record @record_id was inserted, changed or deleted. */
void
ck_sync_bulk_note (CkSyncBulk *self,
                   const char *record_id)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (strpbrk (record_id, "\"\\") == NULL);

  if (self->triggers)
    append_id (self->noted, &self->n_noted, record_id);
}

static gboolean
flush_codes (CkSyncBulk  *self,
             guint        list,
             GError     **error)
{
  GPtrArray *pairs = self->codes[list];

  if (!ck_shared_store_add_codes (self->storage, list == 1, (const char * const *) pairs->pdata, pairs->len / 2, error))
    return FALSE;

  g_ptr_array_set_size (pairs, 0);
  return TRUE;
}

static gboolean
add_codes (CkSyncBulk   *self,
           guint         list,
           const char   *id,
           char * const *codes,
           GError      **error)
{
  GPtrArray *pairs = self->codes[list];

  for (guint i = 0; codes[i] != NULL; i++)
    {
      if (pairs->len == 2 * CK_SHARED_STORE_CODES_BATCH && !flush_codes (self, list, error))
        return FALSE;
      g_ptr_array_add (pairs, (gpointer) id);
      g_ptr_array_add (pairs, g_string_chunk_insert_const (self->strings, codes[i]));
    }

  return TRUE;
}

/**
 * ck_sync_bulk_insert:
 *
 * Stores a record known not to be stored yet, and notes the write; its
 * codes go to the code tables with those of other records, a batch at a
 * time, the last batch when the write ends.
 */
gboolean
ck_sync_bulk_insert (CkSyncBulk           *self,
                     const CkSharedRecord *record,
                     gboolean              own,
                     GError              **error)
{
  const char *id;

  g_return_val_if_fail (self != NULL, FALSE);

  id = g_string_chunk_insert (self->strings, record->id);
  if (!ck_shared_store_insert_row (self->storage, record, own, error) ||
      !add_codes (self, 0, id, record->grounds, error) ||
      !add_codes (self, 1, id, record->manifestations, error))
    return FALSE;

  ck_sync_bulk_note (self, record->id);
  return TRUE;
}

/**
 * ck_sync_bulk_end:
 *
 * Makes the indexes and triggers again and logs the noted writes, in the
 * transaction ck_sync_bulk_begin() was called in.
 */
gboolean
ck_sync_bulk_end (CkSyncBulk  *self,
                  GError     **error)
{
  sqlite3 *db = self->storage->db;
  g_autoptr(sqlite3_stmt) log = NULL;
  int rc;

  if (!flush_codes (self, 0, error) || !flush_codes (self, 1, error))
    return FALSE;

  for (guint i = 0; i < self->statements->len; i++)
    if (!ck_sqlite_exec (db, self->statements->pdata[i], error))
      return FALSE;

  if (!self->triggers || self->n_noted == 0)
    return TRUE;

  g_string_append_c (self->noted, ']');
  if (!(log = ck_sqlite_prepare (db, log_sql, error)))
    return FALSE;
  sqlite3_bind_text (log, 1, self->noted->str, (int) self->noted->len, SQLITE_STATIC);
  /* The entries the log would drop at once are not written at all. */
  sqlite3_bind_int (log, 2, self->n_noted > LOG_KEPT ? (int) (self->n_noted - LOG_KEPT) : 0);
  if ((rc = sqlite3_step (log)) != SQLITE_DONE)
    return ck_sqlite_set_error (error, db, rc);

  return ck_sqlite_exec (db, trim_sql, error) && ck_sqlite_exec (db, version_sql, error);
}

void
ck_sync_bulk_free (CkSyncBulk *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->statements, g_ptr_array_unref);
  if (self->noted != NULL)
    g_string_free (self->noted, TRUE);
  g_clear_pointer (&self->codes[0], g_ptr_array_unref);
  g_clear_pointer (&self->codes[1], g_ptr_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_free (self);
}
