/* ck-sqlite.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

gboolean      ck_sqlite_set_error   (GError      **error,
                                     sqlite3      *db,
                                     int           rc);
sqlite3_stmt *ck_sqlite_prepare     (sqlite3      *db,
                                     const char   *sql,
                                     GError      **error);
gboolean      ck_sqlite_exec        (sqlite3      *db,
                                     const char   *sql,
                                     GError      **error);
gboolean      ck_sqlite_step_done   (sqlite3      *db,
                                     sqlite3_stmt *stmt,
                                     GError      **error);
void          ck_sqlite_bind_text   (sqlite3_stmt *stmt,
                                     int           index,
                                     const char   *text);
void          ck_sqlite_bind_bytes  (sqlite3_stmt *stmt,
                                     int           index,
                                     GBytes       *bytes);
GBytes       *ck_sqlite_column_bytes (sqlite3_stmt *stmt,
                                      int           column);
const char   *ck_sqlite_column_text (sqlite3_stmt *stmt,
                                     int           column);

G_END_DECLS
