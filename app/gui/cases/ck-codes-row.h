/* ck-codes-row.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CK_TYPE_CODES_ROW (ck_codes_row_get_type ())

G_DECLARE_FINAL_TYPE (CkCodesRow, ck_codes_row, CK, CODES_ROW, AdwExpanderRow)

GtkWidget  *ck_codes_row_new       (const char         *title,
                                    const char         *list);
void        ck_codes_row_set_codes (CkCodesRow         *self,
                                    const char * const *codes);
char      **ck_codes_row_get_codes (CkCodesRow         *self);
void        ck_codes_row_set_error (CkCodesRow         *self,
                                    const char         *message);

G_END_DECLS
