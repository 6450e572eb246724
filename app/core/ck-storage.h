/* ck-storage.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "ck-types.h"

G_BEGIN_DECLS

/* What the register's stores (cases, audit, and later features) share: the
 * open database, the register key while unlocked, the vocabulary, who is
 * making changes, and prepared statements kept for the connection's life.
 * Owned by CkRegister, which serialises all use of it. */
typedef struct
{
  sqlite3      *db;
  CkSecretKey  *key;
  CkVocabulary *vocabulary;
  char         *unit;
  char         *actor;
  GHashTable   *statements;
} CkStorage;

CkStorage    *ck_storage_new       (sqlite3      *db,
                                    CkVocabulary *vocabulary);
void          ck_storage_free      (CkStorage    *self);
sqlite3_stmt *ck_storage_prepare   (CkStorage    *self,
                                    const char   *sql,
                                    GError      **error);
gboolean      ck_storage_begin     (CkStorage    *self,
                                    GError      **error);
gboolean      ck_storage_commit    (CkStorage    *self,
                                    GError      **error);
void          ck_storage_rollback  (CkStorage    *self);
char         *ck_storage_get_meta  (CkStorage    *self,
                                    const char   *key);
GBytes       *ck_storage_get_meta_bytes (CkStorage *self,
                                         const char *key);
gboolean      ck_storage_set_meta  (CkStorage    *self,
                                    const char   *key,
                                    const char   *value,
                                    GError      **error);
gboolean      ck_storage_set_meta_bytes (CkStorage  *self,
                                         const char *key,
                                         GBytes     *value,
                                         GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CkStorage, ck_storage_free)

G_END_DECLS
