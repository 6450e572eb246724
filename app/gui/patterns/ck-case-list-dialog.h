/* ck-case-list-dialog.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ck-types.h"

G_BEGIN_DECLS

#define CK_TYPE_CASE_LIST_DIALOG (ck_case_list_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CkCaseListDialog, ck_case_list_dialog, CK, CASE_LIST_DIALOG, AdwWindow)

CkCaseListDialog *ck_case_list_dialog_new       (CkRegister       *reg,
                                                 GArray           *ids,
                                                 const char       *title);
GListModel       *ck_case_list_dialog_get_cases (CkCaseListDialog *self);

G_END_DECLS
