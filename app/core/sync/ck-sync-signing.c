/* ck-sync-signing.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "ck-crypto.h"
#include "ck-error.h"
#include "ck-record-file.h"
#include "ck-sync-signing.h"
#include "ck-vocabulary.h"

#define META_SEED   "sync_signing_seed"
#define META_PUBLIC "sync_signing_public"
#define SEED_CONTEXT "sync-signing-seed"
#define BEGIN_LINE "-----BEGIN CASUSKAMER SIGNATURE-----"
#define END_LINE   "-----END CASUSKAMER SIGNATURE-----"

static gboolean
require_key (CkStorage  *storage,
             GError    **error)
{
  if (storage->key != NULL)
    return TRUE;

  g_set_error_literal (error, CK_ERROR, CK_ERROR_LOCKED,
                       _("The register is locked. Enter the passphrase first."));
  return FALSE;
}

/* Loads the seed, making the key pair on first use. Called with the
 * storage acquired. */
static gboolean
load_keypair (CkStorage  *storage,
              guint8      public_key[crypto_sign_PUBLICKEYBYTES],
              guint8      secret_key[crypto_sign_SECRETKEYBYTES],
              GError    **error)
{
  g_autoptr(GBytes) sealed = NULL;
  g_autofree char *seed = NULL;
  gsize len = 0;

  if (!require_key (storage, error))
    return FALSE;

  sealed = ck_storage_get_meta_bytes (storage, META_SEED);
  if (sealed == NULL)
    {
      guint8 fresh[crypto_sign_SEEDBYTES];
      g_autoptr(GBytes) new_sealed = NULL;
      char hex[crypto_sign_PUBLICKEYBYTES * 2 + 1];

      ck_random_bytes (fresh, sizeof fresh);
      crypto_sign_seed_keypair (public_key, secret_key, fresh);
      new_sealed = ck_secret_key_seal (storage->key, fresh, sizeof fresh, SEED_CONTEXT);
      sodium_memzero (fresh, sizeof fresh);
      sodium_bin2hex (hex, sizeof hex, public_key, crypto_sign_PUBLICKEYBYTES);

      return ck_storage_set_meta_bytes (storage, META_SEED, new_sealed, error) &&
             ck_storage_set_meta (storage, META_PUBLIC, hex, error);
    }

  seed = ck_secret_key_open_bytes (storage->key, sealed, SEED_CONTEXT, &len, error);
  if (seed == NULL)
    return FALSE;
  if (len != crypto_sign_SEEDBYTES)
    {
      sodium_memzero (seed, len);
      g_set_error_literal (error, CK_ERROR, CK_ERROR_CORRUPT,
                           _("The register’s signing key is damaged."));
      return FALSE;
    }

  crypto_sign_seed_keypair (public_key, secret_key, (const guint8 *) seed);
  sodium_memzero (seed, len);
  return TRUE;
}

/* Returns: (transfer full) (nullable): this replica's public key as 64
 * hex digits, made on first use */
char *
ck_sync_signing_dup_public_key (CkStorage  *storage,
                                GError    **error)
{
  guint8 public_key[crypto_sign_PUBLICKEYBYTES];
  guint8 secret_key[crypto_sign_SECRETKEYBYTES];
  char hex[crypto_sign_PUBLICKEYBYTES * 2 + 1];

  if (!load_keypair (storage, public_key, secret_key, error))
    return NULL;

  sodium_memzero (secret_key, sizeof secret_key);
  sodium_bin2hex (hex, sizeof hex, public_key, sizeof public_key);
  return g_strdup (hex);
}

/* Returns: (transfer full) (nullable): the signature block over @data for
 * the commit header */
char *
ck_sync_signing_sign (CkStorage   *storage,
                      const char  *data,
                      gsize        len,
                      GError     **error)
{
  guint8 public_key[crypto_sign_PUBLICKEYBYTES];
  guint8 secret_key[crypto_sign_SECRETKEYBYTES];
  guint8 signature[crypto_sign_BYTES];
  char hex[crypto_sign_PUBLICKEYBYTES * 2 + 1];
  g_autofree char *encoded = NULL;

  if (!load_keypair (storage, public_key, secret_key, error))
    return NULL;

  crypto_sign_detached (signature, NULL, (const guint8 *) data, len, secret_key);
  sodium_memzero (secret_key, sizeof secret_key);
  sodium_bin2hex (hex, sizeof hex, public_key, sizeof public_key);
  encoded = g_base64_encode (signature, sizeof signature);

  return g_strdup_printf (BEGIN_LINE "\ned25519 %s\n%s\n" END_LINE, hex, encoded);
}

gboolean
ck_sync_signing_public_key_is_valid (const char *public_key)
{
  guint8 bin[crypto_sign_PUBLICKEYBYTES];
  size_t len = 0;

  return public_key != NULL &&
         strlen (public_key) == crypto_sign_PUBLICKEYBYTES * 2 &&
         strspn (public_key, "0123456789abcdef") == strlen (public_key) &&
         sodium_hex2bin (bin, sizeof bin, public_key, strlen (public_key), NULL, &len, NULL) == 0 &&
         len == sizeof bin;
}

static gboolean
bad_signature (GError     **error,
               const char  *message)
{
  g_set_error_literal (error, CK_ERROR, CK_ERROR_INVALID, message);
  return FALSE;
}

/**
 * ck_sync_signing_verify:
 * @signature: the commit's signature block
 * @public_key: the enrolled key, 64 hex digits
 *
 * Returns: whether @signature is a valid signature by @public_key over
 *   @data; %FALSE with @error saying why not, in words for the
 *   quarantine list
 */
gboolean
ck_sync_signing_verify (const char  *signature,
                        const char  *public_key,
                        const char  *data,
                        gsize        len,
                        GError     **error)
{
  g_auto(GStrv) lines = NULL;
  guint8 key[crypto_sign_PUBLICKEYBYTES];
  g_autofree guint8 *sig = NULL;
  gsize sig_len = 0;
  size_t key_len = 0;

  if (signature == NULL)
    return bad_signature (error, _("The replica’s latest commit is not signed."));

  lines = g_strsplit (signature, "\n", -1);
  if (g_strv_length (lines) < 4 ||
      !g_str_equal (lines[0], BEGIN_LINE) ||
      !g_str_has_prefix (lines[1], "ed25519 ") ||
      !g_str_equal (lines[3], END_LINE))
    return bad_signature (error, _("The replica’s latest commit carries a signature of an unknown kind."));

  if (!g_str_equal (lines[1] + strlen ("ed25519 "), public_key))
    return bad_signature (error, _("The replica’s latest commit is signed with another key than the one enrolled for it."));

  if (sodium_hex2bin (key, sizeof key, public_key, strlen (public_key), NULL, &key_len, NULL) != 0 ||
      key_len != sizeof key)
    return bad_signature (error, _("The enrolled key of this replica is damaged."));

  sig = g_base64_decode (lines[2], &sig_len);
  if (sig_len != crypto_sign_BYTES ||
      crypto_sign_verify_detached (sig, (const guint8 *) data, len, key) != 0)
    return bad_signature (error, _("The signature of the replica’s latest commit does not match its contents."));

  return TRUE;
}

/* Returns: (transfer full): "AMS:<replica>:<key>", what a unit gives the
 * national coordinator to enrol */
char *
ck_sync_signing_format_enrolment (const char *unit,
                                  const char *replica,
                                  const char *public_key)
{
  return g_strdup_printf ("%s:%s:%s", unit, replica, public_key);
}

gboolean
ck_sync_signing_parse_enrolment (const char  *text,
                                 char       **unit,
                                 char       **replica,
                                 char       **public_key,
                                 GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_auto(GStrv) parts = g_strsplit (stripped, ":", -1);

  if (g_strv_length (parts) != 3 ||
      ck_vocabulary_lookup (ck_vocabulary_get_default (), CK_VOCAB_UNITS, parts[0]) == NULL ||
      !ck_shared_id_is_valid (parts[1]) ||
      !ck_sync_signing_public_key_is_valid (parts[2]))
    {
      g_set_error_literal (error, CK_ERROR, CK_ERROR_INVALID,
                           _("This is not a replica key. A key looks like "
                             "“AMS:<32 hex digits>:<64 hex digits>”, as the unit’s Synchronisation page or "
                             "“casuskamer-cli keys” shows it."));
      return FALSE;
    }

  *unit = g_strdup (parts[0]);
  *replica = g_strdup (parts[1]);
  *public_key = g_strdup (parts[2]);
  return TRUE;
}
