/* ck-national-trends-view.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ck-stats.h"
#include "ck-types.h"

G_BEGIN_DECLS

#define CK_TYPE_NATIONAL_TRENDS_VIEW (ck_national_trends_view_get_type ())

G_DECLARE_FINAL_TYPE (CkNationalTrendsView, ck_national_trends_view, CK, NATIONAL_TRENDS_VIEW, AdwBin)

void            ck_national_trends_view_set_register (CkNationalTrendsView *self,
                                                      CkRegister           *reg);
CkStatsFigures *ck_national_trends_view_get_figures  (CkNationalTrendsView *self);
void            ck_national_trends_view_set_period   (CkNationalTrendsView *self,
                                                      int                   from,
                                                      int                   to);

G_END_DECLS
