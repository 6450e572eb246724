/* ck-sync-token.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The token (or password) for a shared repository over HTTPS, kept in the
 * user's keyring (libsecret) under the repository's host, never in the
 * register or a file. Blocking: call from a worker thread or the command
 * line. Without a keyring, lookups find nothing. */

gboolean  ck_sync_token_store   (const char    *host,
                                 const char    *token,
                                 GCancellable  *cancellable,
                                 GError       **error);
char     *ck_sync_token_lookup  (const char    *host,
                                 GCancellable  *cancellable);
gboolean  ck_sync_token_forget  (const char    *host,
                                 GCancellable  *cancellable,
                                 GError       **error);

G_END_DECLS
