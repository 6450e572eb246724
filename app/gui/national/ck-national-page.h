/* ck-national-page.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ck-types.h"

G_BEGIN_DECLS

#define CK_TYPE_NATIONAL_PAGE (ck_national_page_get_type ())

G_DECLARE_FINAL_TYPE (CkNationalPage, ck_national_page, CK, NATIONAL_PAGE, AdwBin)

/* The Landelijk page: a view stack of views over every unit's anonymised
 * records, with a view switcher in its header bar. A thin container: each
 * view is a widget of its own with a "register" property, which the page
 * sets on every view in its stack. */
void ck_national_page_set_register (CkNationalPage *self,
                                    CkRegister     *reg);

G_END_DECLS
