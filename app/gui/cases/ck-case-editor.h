/* ck-case-editor.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ck-types.h"

G_BEGIN_DECLS

#define CK_TYPE_CASE_EDITOR (ck_case_editor_get_type ())

G_DECLARE_FINAL_TYPE (CkCaseEditor, ck_case_editor, CK, CASE_EDITOR, AdwWindow)

CkCaseEditor *ck_case_editor_new        (CkRegister   *reg,
                                         const CkCase *kase);
void          ck_case_editor_prepare    (CkCaseEditor *self);
void          ck_case_editor_load       (CkCaseEditor *self,
                                         const CkCase *kase);
gboolean      ck_case_editor_is_in_use  (CkCaseEditor *self);
GtkWidget    *ck_case_editor_get_field  (CkCaseEditor *self,
                                         const char   *name);
void          ck_case_editor_save       (CkCaseEditor *self);
gboolean      ck_case_editor_is_changed (CkCaseEditor *self);

G_END_DECLS
