/* ck-text-check-cache.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ck-text-check.h"
#include "ck-types.h"

G_BEGIN_DECLS

#define CK_TYPE_TEXT_CHECK_CACHE (ck_text_check_cache_get_type ())

G_DECLARE_FINAL_TYPE (CkTextCheckCache, ck_text_check_cache, CK, TEXT_CHECK_CACHE, GObject)

/* The text check with the register's names, built in a thread when first
 * asked for and kept until a case changes: building it decrypts every
 * case, seconds on a large register, and a meeting, a release and the
 * minutes all need it. Main thread only. */
CkTextCheckCache *ck_text_check_cache_new          (CkRegister          *reg);
gboolean          ck_text_check_cache_is_ready     (CkTextCheckCache    *self);
void              ck_text_check_cache_get_async    (CkTextCheckCache    *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
CkTextCheck      *ck_text_check_cache_get_finish   (CkTextCheckCache    *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

G_END_DECLS
