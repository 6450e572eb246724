/* ck-keyring.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>
#include <sodium.h>

#include "ck-crypto.h"
#include "ck-keyring.h"

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    APP_ID ".RegisterKey", SECRET_SCHEMA_NONE,
    {
      { "register-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

static void
lookup_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *data = NULL;
  char *encoded;
  gsize len = 0;
  CkSecretKey *key;

  encoded = secret_password_lookup_finish (result, &error);
  if (encoded == NULL)
    {
      if (error != NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, NULL, NULL);
      return;
    }

  data = g_base64_decode (encoded, &len);
  secret_password_free (encoded);
  key = ck_secret_key_new_from_data (data, len);
  sodium_memzero (data, len);

  g_task_return_pointer (task, key, (GDestroyNotify) ck_secret_key_free);
}

void
ck_keyring_lookup_async (const char          *register_id,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, ck_keyring_lookup_async);
  secret_password_lookup (get_schema (), cancellable, lookup_done, task,
                          "register-id", register_id,
                          NULL);
}

/* Returns: (transfer full) (nullable): the stored key, or %NULL when none
 * is stored (no error) or the keyring failed (@error set) */
CkSecretKey *
ck_keyring_lookup_finish (GAsyncResult  *result,
                          GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
store_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (secret_password_store_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
ck_keyring_store_async (const char          *register_id,
                        const CkSecretKey   *key,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *encoded = g_base64_encode (ck_secret_key_get_data (key), CK_SECRET_KEY_BYTES);

  g_task_set_source_tag (task, ck_keyring_store_async);
  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT,
                         _("Casuskamer register key"), encoded,
                         cancellable, store_done, task,
                         "register-id", register_id,
                         NULL);
  sodium_memzero (encoded, strlen (encoded));
}

gboolean
ck_keyring_store_finish (GAsyncResult  *result,
                         GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
forget_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
ck_keyring_forget_async (const char          *register_id,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, ck_keyring_forget_async);
  secret_password_clear (get_schema (), cancellable, forget_done, task,
                         "register-id", register_id,
                         NULL);
}

gboolean
ck_keyring_forget_finish (GAsyncResult  *result,
                          GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
