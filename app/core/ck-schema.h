/* ck-schema.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

guint     ck_schema_get_latest_version (void);
guint     ck_schema_get_version        (sqlite3  *db);
gboolean  ck_schema_migrate            (sqlite3  *db,
                                        guint     target_version,
                                        GError  **error);

G_END_DECLS
