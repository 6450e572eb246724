/* ck-sync-signing.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ck-storage.h"

G_BEGIN_DECLS

/* The replica's Ed25519 key (libsodium): every commit on the replica's
 * ref carries its signature, and importers accept a ref only when the
 * signature verifies against the key the national coordinator enrolled
 * for that replica. The secret half is kept in the register sealed by the
 * register key; the public half is shown for enrolment as
 * "UNIT:REPLICA:KEY".
 *
 * The signature travels in the commit's "gpgsig" header as
 *   -----BEGIN CASUSKAMER SIGNATURE-----
 *   ed25519 <public key, hex>
 *   <signature, base64>
 *   -----END CASUSKAMER SIGNATURE----- */

#define CK_SIGNATURE_FIELD "gpgsig"

char      *ck_sync_signing_dup_public_key  (CkStorage     *storage,
                                            GError       **error);
char      *ck_sync_signing_sign            (CkStorage     *storage,
                                            const char    *data,
                                            gsize          len,
                                            GError       **error);
gboolean   ck_sync_signing_verify          (const char    *signature,
                                            const char    *public_key,
                                            const char    *data,
                                            gsize          len,
                                            GError       **error);
gboolean   ck_sync_signing_public_key_is_valid (const char *public_key);
char      *ck_sync_signing_format_enrolment (const char   *unit,
                                             const char   *replica,
                                             const char   *public_key);
gboolean   ck_sync_signing_parse_enrolment (const char    *text,
                                            char         **unit,
                                            char         **replica,
                                            char         **public_key,
                                            GError       **error);

G_END_DECLS
