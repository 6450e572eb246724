/* ck-case-filter.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CK_TYPE_CASE_FILTER (ck_case_filter_get_type ())

G_DECLARE_FINAL_TYPE (CkCaseFilter, ck_case_filter, CK, CASE_FILTER, GtkFilter)

CkCaseFilter *ck_case_filter_new     (void);
void          ck_case_filter_set_ids (CkCaseFilter *self,
                                      GArray       *ids);

G_END_DECLS
