/* ck-case-row.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ck-types.h"

G_BEGIN_DECLS

#define CK_TYPE_CASE_ROW (ck_case_row_get_type ())

G_DECLARE_FINAL_TYPE (CkCaseRow, ck_case_row, CK, CASE_ROW, GObject)

/* What a case list shows of a case: non-confidential columns only. Rows are
 * immutable; a changed case gets a new row. */
CkCaseRow          *ck_case_row_new               (gint64        id,
                                                   const char   *reference,
                                                   const char   *report_date,
                                                   const char   *kind,
                                                   const char   *grounds,
                                                   const char   *manifestations,
                                                   const char   *status,
                                                   const char   *team,
                                                   int           days_open);
gint64              ck_case_row_get_id             (CkCaseRow   *self);
const char         *ck_case_row_get_reference      (CkCaseRow   *self);
const char         *ck_case_row_get_report_date    (CkCaseRow   *self);
const char         *ck_case_row_get_kind           (CkCaseRow   *self);
const char * const *ck_case_row_get_grounds        (CkCaseRow   *self);
const char * const *ck_case_row_get_manifestations (CkCaseRow   *self);
const char         *ck_case_row_get_status         (CkCaseRow   *self);
const char         *ck_case_row_get_team           (CkCaseRow   *self);
int                 ck_case_row_get_days_open      (CkCaseRow   *self);

G_END_DECLS
