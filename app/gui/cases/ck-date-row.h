/* ck-date-row.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CK_TYPE_DATE_ROW (ck_date_row_get_type ())

G_DECLARE_FINAL_TYPE (CkDateRow, ck_date_row, CK, DATE_ROW, AdwActionRow)

GtkWidget  *ck_date_row_new      (const char  *title);
void        ck_date_row_set_date (CkDateRow   *self,
                                  const GDate *date);
gboolean    ck_date_row_get_date (CkDateRow   *self,
                                  GDate       *date);
GtkEditable *ck_date_row_get_editable (CkDateRow *self);

G_END_DECLS
