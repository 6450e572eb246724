/* ck-case-seal.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "ck-case.h"
#include "ck-case-fields.h"
#include "ck-case-seal.h"
#include "ck-crypto.h"
#include "ck-error.h"

/* A case's confidential fields travel to disk as one sealed value, sealed
 * with the case's own data key under a fresh nonce each time it is
 * written and bound to the case by the associated data. One value per
 * case rather than per field keeps a bulk import of 100,000 cases to one
 * encryption and no extra rows per case.
 *
 * The plaintext lists the fields that are not empty, each as its name and
 * its text, both NUL-terminated: "narrative\0Op de…\0notes\0…\0". The
 * AEAD tag already proves it is ours; parsing still checks every byte. */

static char *
seal_context (const CkCase *kase)
{
  return g_strconcat (kase->uid, "/confidential", NULL);
}

/**
 * ck_case_seal_confidential:
 *
 * Returns: (transfer full) (nullable): the sealed confidential fields of
 *   @kase, or %NULL when they are all empty
 */
GBytes *
ck_case_seal_confidential (const CkCase      *kase,
                           const CkSecretKey *case_key)
{
  g_autoptr(GByteArray) plain = g_byte_array_sized_new (512);
  g_autofree char *context = NULL;
  const CkFieldInfo *fields;
  guint n_fields;
  GBytes *sealed;

  fields = ck_case_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const char *value;

      if (!fields[i].confidential)
        continue;

      value = *(char * const *) G_STRUCT_MEMBER_P (kase, fields[i].offset);
      if (value == NULL || *value == '\0')
        continue;

      g_byte_array_append (plain, (const guint8 *) fields[i].name, strlen (fields[i].name) + 1);
      g_byte_array_append (plain, (const guint8 *) value, strlen (value) + 1);
    }

  if (plain->len == 0)
    return NULL;

  context = seal_context (kase);
  sealed = ck_secret_key_seal (case_key, plain->data, plain->len, context);
  sodium_memzero (plain->data, plain->len);
  return sealed;
}

static gboolean
set_fields (CkCase      *kase,
            const char  *plain,
            gsize        len)
{
  gsize pos = 0;

  if (len == 0 || plain[len - 1] != '\0')
    return FALSE;

  while (pos < len)
    {
      const char *name = plain + pos;
      const char *value;
      const CkFieldInfo *field;

      pos += strlen (name) + 1;
      if (pos >= len)
        return FALSE;

      value = plain + pos;
      pos += strlen (value) + 1;
      if (!g_utf8_validate (value, -1, NULL))
        return FALSE;

      /* A field this version does not know (of a newer one) is skipped. */
      field = ck_case_field_lookup (name);
      if (field != NULL && field->confidential)
        {
          g_free (*(char **) G_STRUCT_MEMBER_P (kase, field->offset));
          *(char **) G_STRUCT_MEMBER_P (kase, field->offset) = g_strdup (value);
        }
    }

  return TRUE;
}

/**
 * ck_case_open_confidential:
 * @sealed: (nullable): what ck_case_seal_confidential() returned
 *
 * Fills the confidential fields of @kase.
 */
gboolean
ck_case_open_confidential (CkCase             *kase,
                           const CkSecretKey  *case_key,
                           GBytes             *sealed,
                           GError            **error)
{
  g_autofree char *context = seal_context (kase);
  g_autofree char *plain = NULL;
  gboolean ok;
  gsize len;

  ck_case_clear_confidential (kase);
  kase->has_confidential = TRUE;

  if (sealed == NULL)
    return TRUE;

  plain = ck_secret_key_open_bytes (case_key, sealed, context, &len, error);
  if (plain == NULL)
    return FALSE;

  ok = set_fields (kase, plain, len);
  sodium_memzero (plain, len);

  if (!ok)
    {
      ck_case_clear_confidential (kase);
      g_set_error_literal (error, CK_ERROR, CK_ERROR_CORRUPT, _("An encrypted value is damaged"));
    }

  return ok;
}
