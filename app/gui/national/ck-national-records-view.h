/* ck-national-records-view.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ck-types.h"

G_BEGIN_DECLS

#define CK_TYPE_NATIONAL_RECORDS_VIEW (ck_national_records_view_get_type ())

G_DECLARE_FINAL_TYPE (CkNationalRecordsView, ck_national_records_view, CK, NATIONAL_RECORDS_VIEW, AdwBin)

/* A view of the Landelijk page: every anonymised record in the register,
 * the unit's own as published and those of other units, read-only and
 * filterable by unit. Reloads when the register changes. */
void        ck_national_records_view_set_register (CkNationalRecordsView *self,
                                                   CkRegister            *reg);
GListModel *ck_national_records_view_get_model    (CkNationalRecordsView *self);
void        ck_national_records_view_set_unit     (CkNationalRecordsView *self,
                                                   const char            *unit);

G_END_DECLS
