/* ck-shared-store.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ck-shared-lesson.h"
#include "ck-shared-record.h"
#include "ck-storage.h"

G_BEGIN_DECLS

/* The SQL of anonymised records (table shared_records). Writers hold a
 * transaction, so that records and the sync state that brought them commit
 * together. */

/* The most codes ck_shared_store_add_codes() adds in one statement. */
#define CK_SHARED_STORE_CODES_BATCH 256

gboolean        ck_shared_store_put     (CkStorage             *storage,
                                         const CkSharedRecord  *record,
                                         gboolean               own,
                                         GError               **error);
gboolean        ck_shared_store_insert  (CkStorage             *storage,
                                         const CkSharedRecord  *record,
                                         gboolean               own,
                                         GError               **error);
gboolean        ck_shared_store_insert_row (CkStorage          *storage,
                                         const CkSharedRecord  *record,
                                         gboolean               own,
                                         GError               **error);
gboolean        ck_shared_store_add_codes  (CkStorage          *storage,
                                         gboolean               manifestations,
                                         const char * const    *pairs,
                                         guint                  n_pairs,
                                         GError               **error);
gboolean        ck_shared_store_remove  (CkStorage             *storage,
                                         const char            *id,
                                         GError               **error);
CkSharedRecord *ck_shared_store_get     (CkStorage             *storage,
                                         const char            *id,
                                         GError               **error);
GPtrArray      *ck_shared_store_list    (CkStorage             *storage,
                                         const char            *unit,
                                         GError               **error);

gboolean        ck_shared_store_put_lesson    (CkStorage             *storage,
                                               const CkSharedLesson  *lesson,
                                               gboolean               own,
                                               GError               **error);
gboolean        ck_shared_store_remove_lesson (CkStorage             *storage,
                                               const char            *id,
                                               GError               **error);
GPtrArray      *ck_shared_store_list_lessons  (CkStorage             *storage,
                                               const char            *unit,
                                               gboolean               own_only,
                                               GError               **error);

G_END_DECLS
