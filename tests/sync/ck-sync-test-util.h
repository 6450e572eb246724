/* ck-sync-test-util.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ck-sync.h"
#include "ck-types.h"

G_BEGIN_DECLS

CkRegister   *ck_sync_test_register      (const char   *dir,
                                          const char   *unit,
                                          guint         n_cases,
                                          guint32       seed);
CkSync       *ck_sync_test_sync          (CkRegister   *reg,
                                          const char   *remote);
CkSyncResult *ck_sync_test_run           (CkSync       *sync,
                                          CkSyncFlags   flags);
void          ck_sync_test_enrol         (CkSync       *coordinator,
                                          CkSync       *unit);
char         *ck_sync_test_git           (const char   *repo,
                                          GError      **error,
                                          ...) G_GNUC_NULL_TERMINATED;
GBytes       *ck_sync_test_all_objects   (const char   *repo);
guint         ck_sync_test_count_unit    (CkSync       *sync,
                                          const char   *unit);
GHashTable   *ck_sync_test_record_ids    (CkSync       *sync,
                                          const char   *unit);

G_END_DECLS
