/* ck-measures-row.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ck-types.h"

G_BEGIN_DECLS

#define CK_TYPE_MEASURES_ROW (ck_measures_row_get_type ())

G_DECLARE_FINAL_TYPE (CkMeasuresRow, ck_measures_row, CK, MEASURES_ROW, AdwExpanderRow)

GtkWidget *ck_measures_row_new          (const char    *title);
void       ck_measures_row_set_measures (CkMeasuresRow *self,
                                         const CkCase  *kase);
void       ck_measures_row_get_measures (CkMeasuresRow *self,
                                         CkCase        *kase);
void       ck_measures_row_set_error    (CkMeasuresRow *self,
                                         const char    *message);

G_END_DECLS
