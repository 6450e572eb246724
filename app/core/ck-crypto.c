/* ck-crypto.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sodium.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ck-crypto.h"
#include "ck-error.h"

/* Sealed values are nonce ‖ ciphertext ‖ tag of XChaCha20-Poly1305-IETF.
 * The context string is the associated data: it binds a ciphertext to the
 * place it belongs (which case, which field), so that blobs moved between
 * rows or fields fail to open instead of showing the wrong value. */
#define NONCE_BYTES crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_BYTES   crypto_aead_xchacha20poly1305_ietf_ABYTES

struct _CkSecretKey
{
  guint8 *data;   /* sodium_malloc'ed, CK_SECRET_KEY_BYTES */
};

G_STATIC_ASSERT (CK_SECRET_KEY_BYTES == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
G_STATIC_ASSERT (CK_KDF_SALT_BYTES == crypto_pwhash_SALTBYTES);

gboolean
ck_crypto_init (GError **error)
{
  /* libsodium's own ChaCha20 generator, seeded from the kernel and
   * reseeded after a fork, instead of a getrandom() call for every nonce
   * and key: an import of 100,000 cases asks for 400,000 of them. It must
   * be chosen before sodium_init(). */
  static gsize chosen;

  if (g_once_init_enter (&chosen))
    {
      randombytes_set_implementation (&randombytes_internal_implementation);
      g_once_init_leave (&chosen, 1);
    }

  if (sodium_init () < 0)
    {
      g_set_error_literal (error, CK_ERROR, CK_ERROR_FAILED,
                           _("The encryption library could not be started"));
      return FALSE;
    }

  return TRUE;
}

/* Interactive cost: about a quarter of a second and 64 MiB on a laptop,
 * which is what unlocking on start can afford. */
void
ck_kdf_cost_default (CkKdfCost *cost)
{
  cost->opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
  cost->memlimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
}

static CkSecretKey *
secret_key_alloc (void)
{
  CkSecretKey *self = g_new0 (CkSecretKey, 1);

  self->data = sodium_malloc (CK_SECRET_KEY_BYTES);
  if (self->data == NULL)
    g_error ("Out of locked memory for a key");

  return self;
}

CkSecretKey *
ck_secret_key_new_random (void)
{
  CkSecretKey *self = secret_key_alloc ();

  crypto_aead_xchacha20poly1305_ietf_keygen (self->data);
  return self;
}

/* Replaces the key with fresh random key material, as a new key from
 * ck_secret_key_new_random() would hold, in the same guarded memory. */
void
ck_secret_key_regenerate (CkSecretKey *self)
{
  crypto_aead_xchacha20poly1305_ietf_keygen (self->data);
}

/* Returns: (nullable): a key holding a copy of @data, or %NULL when @len is
 * not CK_SECRET_KEY_BYTES. */
CkSecretKey *
ck_secret_key_new_from_data (const guint8 *data,
                             gsize         len)
{
  CkSecretKey *self;

  if (len != CK_SECRET_KEY_BYTES)
    return NULL;

  self = secret_key_alloc ();
  memcpy (self->data, data, len);
  return self;
}

/**
 * ck_secret_key_derive:
 *
 * Derives a key from a passphrase with Argon2id. Slow on purpose: call it
 * from a worker thread.
 */
CkSecretKey *
ck_secret_key_derive (const char       *passphrase,
                      const guint8     *salt,
                      const CkKdfCost  *cost,
                      GError          **error)
{
  g_autoptr(CkSecretKey) self = secret_key_alloc ();

  if (crypto_pwhash (self->data, CK_SECRET_KEY_BYTES,
                     passphrase, strlen (passphrase), salt,
                     cost->opslimit, cost->memlimit,
                     crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error_literal (error, CK_ERROR, CK_ERROR_FAILED,
                           _("Not enough memory to check the passphrase"));
      return NULL;
    }

  return g_steal_pointer (&self);
}

CkSecretKey *
ck_secret_key_copy (const CkSecretKey *self)
{
  return ck_secret_key_new_from_data (self->data, CK_SECRET_KEY_BYTES);
}

const guint8 *
ck_secret_key_get_data (const CkSecretKey *self)
{
  return self->data;
}

void
ck_secret_key_free (CkSecretKey *self)
{
  if (self == NULL)
    return;

  sodium_free (self->data);
  g_free (self);
}

/* Returns: (transfer full): nonce ‖ ciphertext of @plaintext */
GBytes *
ck_secret_key_seal (const CkSecretKey *self,
                    const void        *plaintext,
                    gsize              len,
                    const char        *context)
{
  gsize sealed_len = NONCE_BYTES + len + TAG_BYTES;
  guint8 *sealed = g_malloc (sealed_len);
  unsigned long long ciphertext_len;

  randombytes_buf (sealed, NONCE_BYTES);
  crypto_aead_xchacha20poly1305_ietf_encrypt (sealed + NONCE_BYTES, &ciphertext_len,
                                              plaintext, len,
                                              (const guint8 *) context, strlen (context),
                                              NULL, sealed, self->data);
  g_assert (ciphertext_len == len + TAG_BYTES);

  return g_bytes_new_take (sealed, sealed_len);
}

static guint8 *
open_sealed (const CkSecretKey  *self,
             GBytes             *sealed,
             const char         *context,
             gsize              *out_len,
             GError            **error)
{
  gsize sealed_len;
  const guint8 *data = g_bytes_get_data (sealed, &sealed_len);
  unsigned long long plain_len;
  guint8 *plain;

  if (sealed_len < NONCE_BYTES + TAG_BYTES)
    {
      g_set_error_literal (error, CK_ERROR, CK_ERROR_CORRUPT,
                           _("An encrypted value is damaged"));
      return NULL;
    }

  /* One spare byte so that text can be terminated in place. */
  plain = sodium_malloc (sealed_len - NONCE_BYTES - TAG_BYTES + 1);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt (plain, &plain_len, NULL,
                                                  data + NONCE_BYTES, sealed_len - NONCE_BYTES,
                                                  (const guint8 *) context, strlen (context),
                                                  data, self->data) != 0)
    {
      sodium_free (plain);
      g_set_error_literal (error, CK_ERROR, CK_ERROR_CORRUPT,
                           _("An encrypted value could not be opened: the key is wrong or the data was changed"));
      return NULL;
    }

  *out_len = plain_len;
  return plain;
}

/**
 * ck_secret_key_open_bytes:
 * @len: (out): the length of the plaintext
 *
 * Returns: (transfer full): the plaintext, with a NUL after it, in
 *   ordinary memory the caller wipes and frees with g_free()
 */
char *
ck_secret_key_open_bytes (const CkSecretKey  *self,
                          GBytes             *sealed,
                          const char         *context,
                          gsize              *len,
                          GError            **error)
{
  guint8 *plain = open_sealed (self, sealed, context, len, error);
  char *copy;

  if (plain == NULL)
    return NULL;

  copy = g_malloc (*len + 1);
  memcpy (copy, plain, *len);
  copy[*len] = '\0';
  sodium_free (plain);
  return copy;
}

/* Returns: (transfer full): the text, in ordinary memory the caller frees
 * with g_free() after wiping it if it was confidential. */
char *
ck_secret_key_open_string (const CkSecretKey  *self,
                           GBytes             *sealed,
                           const char         *context,
                           GError            **error)
{
  gsize len;
  guint8 *plain = open_sealed (self, sealed, context, &len, error);
  char *text;

  if (plain == NULL)
    return NULL;

  if (!g_utf8_validate ((const char *) plain, len, NULL))
    {
      sodium_free (plain);
      g_set_error_literal (error, CK_ERROR, CK_ERROR_CORRUPT,
                           _("An encrypted value is not valid text"));
      return NULL;
    }

  text = g_strndup ((const char *) plain, len);
  sodium_free (plain);
  return text;
}

GBytes *
ck_secret_key_wrap (const CkSecretKey *self,
                    const CkSecretKey *key,
                    const char        *context)
{
  return ck_secret_key_seal (self, key->data, CK_SECRET_KEY_BYTES, context);
}

CkSecretKey *
ck_secret_key_unwrap (const CkSecretKey  *self,
                      GBytes             *wrapped,
                      const char         *context,
                      GError            **error)
{
  CkSecretKey *key;
  gsize len;
  guint8 *plain = open_sealed (self, wrapped, context, &len, error);

  if (plain == NULL)
    return NULL;

  key = ck_secret_key_new_from_data (plain, len);
  sodium_free (plain);

  if (key == NULL)
    g_set_error_literal (error, CK_ERROR, CK_ERROR_CORRUPT, _("A stored key is damaged"));

  return key;
}

/**
 * ck_secret_key_make_check:
 * @context: binds the check to what the key is for
 *
 * A value that tells whether a key is the right one without revealing
 * it: BLAKE2b of @context keyed with the key. Stored beside what the key
 * opens, it lets a key from elsewhere (the keyring) be verified.
 *
 * Returns: (transfer full): 32 bytes
 */
GBytes *
ck_secret_key_make_check (const CkSecretKey *self,
                          const char        *context)
{
  guint8 check[crypto_generichash_BYTES];

  crypto_generichash (check, sizeof check, (const guint8 *) context, strlen (context),
                      self->data, CK_SECRET_KEY_BYTES);
  return g_bytes_new (check, sizeof check);
}

void
ck_random_bytes (guint8 *buffer,
                 gsize   len)
{
  randombytes_buf (buffer, len);
}

/* Returns: (transfer full): 32 lowercase hex digits of fresh randomness */
char *
ck_random_uid (void)
{
  guint8 bytes[16];
  char hex[33];

  randombytes_buf (bytes, sizeof bytes);
  sodium_bin2hex (hex, sizeof hex, bytes, sizeof bytes);
  return g_strdup (hex);
}
