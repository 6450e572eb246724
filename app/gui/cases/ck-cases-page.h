/* ck-cases-page.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ck-types.h"

G_BEGIN_DECLS

#define CK_TYPE_CASES_PAGE (ck_cases_page_get_type ())

G_DECLARE_FINAL_TYPE (CkCasesPage, ck_cases_page, CK, CASES_PAGE, AdwBin)

void        ck_cases_page_set_register   (CkCasesPage *self,
                                          CkRegister  *reg);
void        ck_cases_page_new_case       (CkCasesPage *self);
void        ck_cases_page_open_case      (CkCasesPage *self,
                                          gint64       id);
void        ck_cases_page_focus_search   (CkCasesPage *self);
void        ck_cases_page_finish_pending (CkCasesPage *self);
GListModel *ck_cases_page_get_shown      (CkCasesPage *self);

G_END_DECLS
