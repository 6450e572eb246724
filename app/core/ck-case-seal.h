/* ck-case-seal.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ck-types.h"

G_BEGIN_DECLS

GBytes   *ck_case_seal_confidential (const CkCase       *kase,
                                     const CkSecretKey  *case_key);
gboolean  ck_case_open_confidential (CkCase             *kase,
                                     const CkSecretKey  *case_key,
                                     GBytes             *sealed,
                                     GError            **error);

G_END_DECLS
