/* ck-patterns-page.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ck-stats.h"
#include "ck-types.h"

G_BEGIN_DECLS

#define CK_TYPE_PATTERNS_PAGE (ck_patterns_page_get_type ())

G_DECLARE_FINAL_TYPE (CkPatternsPage, ck_patterns_page, CK, PATTERNS_PAGE, AdwBin)

void            ck_patterns_page_set_register (CkPatternsPage *self,
                                               CkRegister     *reg);
CkStatsFigures *ck_patterns_page_get_figures  (CkPatternsPage *self);
void            ck_patterns_page_set_period   (CkPatternsPage *self,
                                               int             from,
                                               int             to);

G_END_DECLS
