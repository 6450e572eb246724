/* ck-case-history.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ck-types.h"

G_BEGIN_DECLS

#define CK_TYPE_CASE_HISTORY (ck_case_history_get_type ())

G_DECLARE_FINAL_TYPE (CkCaseHistory, ck_case_history, CK, CASE_HISTORY, AdwWindow)

CkCaseHistory *ck_case_history_new (CkRegister *reg,
                                    gint64      case_id,
                                    const char *reference);

G_END_DECLS
