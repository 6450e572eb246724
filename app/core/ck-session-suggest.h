/* ck-session-suggest.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ck-session.h"
#include "ck-storage.h"

G_BEGIN_DECLS

/* How many cases and patterns a suggested agenda proposes at most. */
#define CK_SUGGEST_CASES    6
#define CK_SUGGEST_PATTERNS 3

gboolean   ck_session_get_period (CkStorage        *storage,
                                  const GDate      *date,
                                  GDate            *from,
                                  GDate            *to,
                                  GError          **error);
GPtrArray *ck_session_suggest    (CkStorage        *storage,
                                  const CkSession  *session,
                                  const GDate      *today,
                                  GError          **error);

G_END_DECLS
