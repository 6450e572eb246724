/* ck-overview-page.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ck-types.h"

G_BEGIN_DECLS

#define CK_TYPE_OVERVIEW_PAGE (ck_overview_page_get_type ())

G_DECLARE_FINAL_TYPE (CkOverviewPage, ck_overview_page, CK, OVERVIEW_PAGE, AdwBin)

void        ck_overview_page_set_register (CkOverviewPage *self,
                                           CkRegister     *reg);
void        ck_overview_page_refresh      (CkOverviewPage *self);
GListModel *ck_overview_page_get_items    (CkOverviewPage *self);

G_END_DECLS
