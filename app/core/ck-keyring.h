/* ck-keyring.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ck-types.h"

G_BEGIN_DECLS

/* Keeps a register key in the user's keyring (libsecret), so that the
 * passphrase is not asked on every start. Optional: where no keyring
 * runs, lookups find nothing and stores fail, and the application asks
 * for the passphrase as usual. */

void          ck_keyring_lookup_async   (const char           *register_id,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
CkSecretKey  *ck_keyring_lookup_finish  (GAsyncResult         *result,
                                         GError              **error);
void          ck_keyring_store_async    (const char           *register_id,
                                         const CkSecretKey    *key,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean      ck_keyring_store_finish   (GAsyncResult         *result,
                                         GError              **error);
void          ck_keyring_forget_async   (const char           *register_id,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean      ck_keyring_forget_finish  (GAsyncResult         *result,
                                         GError              **error);

G_END_DECLS
