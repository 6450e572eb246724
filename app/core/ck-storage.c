/* ck-storage.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ck-crypto.h"
#include "ck-sqlite.h"
#include "ck-storage.h"
#include "ck-vocabulary.h"

/* Takes ownership of @db. */
CkStorage *
ck_storage_new (sqlite3      *db,
                CkVocabulary *vocabulary)
{
  CkStorage *self = g_new0 (CkStorage, 1);

  self->db = db;
  self->vocabulary = g_object_ref (vocabulary);
  self->actor = g_strdup (g_get_user_name ());
  /* Keyed by the address of the SQL text, which is a literal or built
   * once: hashing the whole text on every call cost more than running
   * small statements. */
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) sqlite3_finalize);
  return self;
}

void
ck_storage_free (CkStorage *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->key, ck_secret_key_free);
  g_clear_object (&self->vocabulary);
  g_free (self->unit);
  g_free (self->actor);
  sqlite3_close (self->db);
  g_free (self);
}

/**
 * ck_storage_prepare:
 * @sql: a string literal or text that lives as long as @self: its
 *   address is the cache key
 *
 * Returns: (transfer none) (nullable): the statement, reset and with its
 *   bindings cleared, or %NULL with @error set.
 */
sqlite3_stmt *
ck_storage_prepare (CkStorage   *self,
                    const char  *sql,
                    GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      ck_sqlite_set_error (error, self->db, rc);
      return NULL;
    }

  g_hash_table_insert (self->statements, (char *) sql, stmt);
  return stmt;
}

gboolean
ck_storage_begin (CkStorage  *self,
                  GError    **error)
{
  return ck_sqlite_exec (self->db, "BEGIN IMMEDIATE", error);
}

gboolean
ck_storage_commit (CkStorage  *self,
                   GError    **error)
{
  if (!ck_sqlite_exec (self->db, "COMMIT", error))
    {
      ck_storage_rollback (self);
      return FALSE;
    }

  return TRUE;
}

void
ck_storage_rollback (CkStorage *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Returns: (transfer full) (nullable): the text value of @key */
char *
ck_storage_get_meta (CkStorage  *self,
                     const char *key)
{
  sqlite3_stmt *stmt = ck_storage_prepare (self, "SELECT value FROM meta WHERE key = ?", NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup (ck_sqlite_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return value;
}

/* Returns: (transfer full) (nullable): the BLOB value of @key */
GBytes *
ck_storage_get_meta_bytes (CkStorage  *self,
                           const char *key)
{
  sqlite3_stmt *stmt = ck_storage_prepare (self, "SELECT value FROM meta WHERE key = ?", NULL);
  GBytes *value = NULL;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) == SQLITE_BLOB)
    value = ck_sqlite_column_bytes (stmt, 0);
  sqlite3_reset (stmt);

  return value;
}

gboolean
ck_storage_set_meta (CkStorage   *self,
                     const char  *key,
                     const char  *value,
                     GError     **error)
{
  sqlite3_stmt *stmt = ck_storage_prepare (self, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  ck_sqlite_bind_text (stmt, 2, value);
  return ck_sqlite_step_done (self->db, stmt, error);
}

gboolean
ck_storage_set_meta_bytes (CkStorage   *self,
                           const char  *key,
                           GBytes      *value,
                           GError     **error)
{
  sqlite3_stmt *stmt = ck_storage_prepare (self, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  ck_sqlite_bind_bytes (stmt, 2, value);
  return ck_sqlite_step_done (self->db, stmt, error);
}
