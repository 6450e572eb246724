/* ck-case-storage.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ck-storage.h"
#include "ck-types.h"

G_BEGIN_DECLS

/* The SQL of cases. Every function expects an unlocked CkStorage; those
 * that write expect the caller to hold a transaction, so that a change, its
 * search index entry and its audit entries commit together. */

gboolean    ck_case_storage_insert         (CkStorage          *storage,
                                            CkCase             *kase,
                                            GError            **error);
gboolean    ck_case_storage_insert_all     (CkStorage          *storage,
                                            GPtrArray          *cases,
                                            GError            **error);
gboolean    ck_case_storage_update         (CkStorage          *storage,
                                            CkCase             *kase,
                                            GError            **error);
CkCase     *ck_case_storage_load           (CkStorage          *storage,
                                            gint64              id,
                                            gboolean            with_confidential,
                                            GError            **error);
gint64      ck_case_storage_find           (CkStorage          *storage,
                                            const char         *reference,
                                            gboolean            include_deleted,
                                            GError            **error);
gboolean    ck_case_storage_set_deleted    (CkStorage          *storage,
                                            gint64              id,
                                            gboolean            deleted,
                                            GError            **error);
gboolean    ck_case_storage_erase          (CkStorage          *storage,
                                            gint64              id,
                                            GError            **error);
gboolean    ck_case_storage_erase_personal_data (CkStorage     *storage,
                                            gint64              id,
                                            const GDate        *today,
                                            GError            **error);
GArray     *ck_case_storage_list_deleted   (CkStorage          *storage,
                                            gint64              older_than,
                                            GError            **error);
GPtrArray  *ck_case_storage_list_rows      (CkStorage          *storage,
                                            const GDate        *today,
                                            GError            **error);
CkCaseRow  *ck_case_storage_load_row       (CkStorage          *storage,
                                            gint64              id,
                                            const GDate        *today,
                                            GError            **error);
GArray     *ck_case_storage_query          (CkStorage          *storage,
                                            const CkCaseQuery  *query,
                                            GError            **error);
gboolean    ck_case_storage_rebuild_index  (CkStorage          *storage,
                                            GError            **error);

G_END_DECLS
