/* ck-case-json.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "ck-types.h"

G_BEGIN_DECLS

JsonNode  *ck_case_to_json     (const CkCase  *kase,
                                gboolean       with_confidential);
CkCase    *ck_case_from_json   (JsonNode      *node,
                                GError       **error);
GPtrArray *ck_cases_from_json  (JsonNode      *node,
                                GError       **error);

G_END_DECLS
