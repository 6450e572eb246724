/* ck-case-list.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ck-types.h"

G_BEGIN_DECLS

#define CK_TYPE_CASE_LIST (ck_case_list_get_type ())

G_DECLARE_FINAL_TYPE (CkCaseList, ck_case_list, CK, CASE_LIST, GObject)

/* A GListModel of CkCaseRow ordered by case id. The register keeps it in
 * step with the database; views sort and filter it themselves. */
CkCaseList *ck_case_list_new     (void);
void        ck_case_list_reset   (CkCaseList *self,
                                  GPtrArray  *rows);
void        ck_case_list_put     (CkCaseList *self,
                                  CkCaseRow  *row);
void        ck_case_list_remove  (CkCaseList *self,
                                  gint64      id);
CkCaseRow  *ck_case_list_find    (CkCaseList *self,
                                  gint64      id);

G_END_DECLS
