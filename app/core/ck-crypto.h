/* ck-crypto.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ck-types.h"

G_BEGIN_DECLS

#define CK_SECRET_KEY_BYTES 32
#define CK_KDF_SALT_BYTES   16

/* Argon2id cost of a register's passphrase; stored with the register so it
 * can be raised later without breaking older files. */
typedef struct
{
  guint64 opslimit;
  gsize   memlimit;
} CkKdfCost;

gboolean      ck_crypto_init                (GError            **error);
void          ck_kdf_cost_default           (CkKdfCost          *cost);

/* A 32-byte key in guarded memory (sodium_malloc: locked, fenced,
 * wiped when freed). */
CkSecretKey  *ck_secret_key_new_random      (void);
CkSecretKey  *ck_secret_key_new_from_data   (const guint8       *data,
                                             gsize               len);
CkSecretKey  *ck_secret_key_derive          (const char         *passphrase,
                                             const guint8       *salt,
                                             const CkKdfCost    *cost,
                                             GError            **error);
void          ck_secret_key_regenerate      (CkSecretKey        *self);
CkSecretKey  *ck_secret_key_copy            (const CkSecretKey  *self);
const guint8 *ck_secret_key_get_data        (const CkSecretKey  *self);
void          ck_secret_key_free            (CkSecretKey        *self);

GBytes       *ck_secret_key_seal            (const CkSecretKey  *self,
                                             const void         *plaintext,
                                             gsize               len,
                                             const char         *context);
char         *ck_secret_key_open_bytes      (const CkSecretKey  *self,
                                             GBytes             *sealed,
                                             const char         *context,
                                             gsize              *len,
                                             GError            **error);
char         *ck_secret_key_open_string     (const CkSecretKey  *self,
                                             GBytes             *sealed,
                                             const char         *context,
                                             GError            **error);
GBytes       *ck_secret_key_wrap            (const CkSecretKey  *self,
                                             const CkSecretKey  *key,
                                             const char         *context);
CkSecretKey  *ck_secret_key_unwrap          (const CkSecretKey  *self,
                                             GBytes             *wrapped,
                                             const char         *context,
                                             GError            **error);
GBytes       *ck_secret_key_make_check      (const CkSecretKey  *self,
                                             const char         *context);

void          ck_random_bytes               (guint8             *buffer,
                                             gsize               len);
char         *ck_random_uid                 (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CkSecretKey, ck_secret_key_free)

G_END_DECLS
