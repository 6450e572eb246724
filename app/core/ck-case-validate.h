/* ck-case-validate.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ck-types.h"

G_BEGIN_DECLS

GPtrArray *ck_case_check     (const CkCase  *self,
                              CkVocabulary  *vocabulary,
                              const GDate   *today);
gboolean   ck_case_validate  (const CkCase  *self,
                              CkVocabulary  *vocabulary,
                              GError       **error);

G_END_DECLS
