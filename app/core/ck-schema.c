/* ck-schema.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "ck-error.h"
#include "ck-schema.h"
#include "ck-sqlite.h"

/* The migrations in order; migration N brings a register from
 * PRAGMA user_version N-1 to N. Never edit a released one: add a new one. */
static const char * const migrations[] = {
  "0001-register.sql",
  "0002-search.sql",
  "0003-shared-records.sql",
  "0004-guidance.sql",
  "0005-statistics.sql",
  "0006-sync.sql",
  "0007-sessions.sql",
  "0008-retention.sql",
};

guint
ck_schema_get_latest_version (void)
{
  return G_N_ELEMENTS (migrations);
}

guint
ck_schema_get_version (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return 0;

  return (guint) sqlite3_column_int (stmt, 0);
}

static gboolean
run_migration (sqlite3     *db,
               guint        version,
               GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  path = g_strconcat (RESOURCE_PREFIX "/schema/", migrations[version - 1], NULL);
  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;

  sql = g_strdup_printf ("BEGIN IMMEDIATE;\n%.*s\nPRAGMA user_version = %u;\nCOMMIT;",
                         (int) g_bytes_get_size (bytes),
                         (const char *) g_bytes_get_data (bytes, NULL),
                         version);

  if (!ck_sqlite_exec (db, sql, &local_error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("Updating the register to version %u failed: "), version);
      return FALSE;
    }

  return TRUE;
}

/**
 * ck_schema_migrate:
 * @target_version: the version to reach, 0 for the latest
 *
 * Brings the database to @target_version, one migration per transaction,
 * so that a crash leaves it at the last completed version.
 */
gboolean
ck_schema_migrate (sqlite3  *db,
                   guint     target_version,
                   GError **error)
{
  guint version = ck_schema_get_version (db);

  if (target_version == 0)
    target_version = ck_schema_get_latest_version ();

  if (version > ck_schema_get_latest_version ())
    {
      g_set_error (error, CK_ERROR, CK_ERROR_TOO_NEW,
                   _("This register was made by a newer version of Casuskamer (schema %u). Update the application to open it."),
                   version);
      return FALSE;
    }

  while (version < target_version)
    {
      if (!run_migration (db, version + 1, error))
        return FALSE;
      version++;
    }

  return TRUE;
}
