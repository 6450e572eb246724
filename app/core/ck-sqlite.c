/* ck-sqlite.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ck-error.h"
#include "ck-sqlite.h"

/* Turns an SQLite result into a GError in words the user can act on. The
 * SQLite message is kept after the explanation for whoever debugs it; it
 * never contains values, only SQL and error names. Always returns FALSE so
 * it can end a failing function: `return ck_sqlite_set_error (…);`. */
gboolean
ck_sqlite_set_error (GError  **error,
                     sqlite3  *db,
                     int       rc)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, CK_ERROR, CK_ERROR_IO,
                   _("The disk is full. Nothing was saved; free some space and try again."));
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      g_set_error (error, CK_ERROR, CK_ERROR_IO,
                   _("The register file cannot be written or opened (%s). Check that the folder is yours and writable."),
                   detail);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, CK_ERROR, CK_ERROR_IO,
                   _("The register is busy in another program. Close it there and try again."));
      break;

    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      g_set_error (error, CK_ERROR, CK_ERROR_CORRUPT,
                   _("This file is not a Casuskamer register or it is damaged (%s)."),
                   detail);
      break;

    case SQLITE_IOERR:
      g_set_error (error, CK_ERROR, CK_ERROR_IO,
                   _("Reading or writing the register failed (%s). Nothing was saved."),
                   detail);
      break;

    case SQLITE_CONSTRAINT:
      g_set_error (error, CK_ERROR, CK_ERROR_FAILED,
                   _("The change conflicts with data already in the register (%s)."),
                   detail);
      break;

    default:
      g_set_error (error, CK_ERROR, CK_ERROR_FAILED,
                   _("The register reported an error: %s"), detail);
      break;
    }

  return FALSE;
}

/* Returns: (transfer full) (nullable): the statement, or %NULL with @error set */
sqlite3_stmt *
ck_sqlite_prepare (sqlite3     *db,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      ck_sqlite_set_error (error, db, rc);
      return NULL;
    }

  return stmt;
}

gboolean
ck_sqlite_exec (sqlite3     *db,
                const char  *sql,
                GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return ck_sqlite_set_error (error, db, rc);

  return TRUE;
}

/* Steps a statement that returns no rows and resets it for reuse. */
gboolean
ck_sqlite_step_done (sqlite3       *db,
                     sqlite3_stmt  *stmt,
                     GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return ck_sqlite_set_error (error, db, rc);

  return TRUE;
}

/* Binds NULL for a NULL text. */
void
ck_sqlite_bind_text (sqlite3_stmt *stmt,
                     int           index,
                     const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

void
ck_sqlite_bind_bytes (sqlite3_stmt *stmt,
                      int           index,
                      GBytes       *bytes)
{
  gsize len;
  gconstpointer data = g_bytes_get_data (bytes, &len);

  sqlite3_bind_blob64 (stmt, index, data, len, SQLITE_TRANSIENT);
}

/* Returns: (transfer full) (nullable): a copy of a BLOB column */
GBytes *
ck_sqlite_column_bytes (sqlite3_stmt *stmt,
                        int           column)
{
  const void *data = sqlite3_column_blob (stmt, column);
  int len = sqlite3_column_bytes (stmt, column);

  if (data == NULL)
    return NULL;

  return g_bytes_new (data, len);
}

/* Returns: (nullable): a text column, NULL for SQL NULL */
const char *
ck_sqlite_column_text (sqlite3_stmt *stmt,
                       int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}
