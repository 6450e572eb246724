/* ck-demo.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ck-types.h"

G_BEGIN_DECLS

#define CK_DEMO_PASSPHRASE "casuskamer-demo"
#define CK_DEMO_SEED       2022
#define CK_DEMO_CASES      2000
#define CK_DEMO_RECORDS    18000

GPtrArray  *ck_demo_generate      (const char  *unit,
                                   guint        n_cases,
                                   guint32      seed,
                                   const GDate *until);
CkRegister *ck_demo_open_register (const char  *path,
                                   GError     **error);

G_END_DECLS
