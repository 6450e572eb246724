/* ck-sync-token.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "ck-sync-token.h"

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    APP_ID ".SyncToken", SECRET_SCHEMA_NONE,
    {
      { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

gboolean
ck_sync_token_store (const char    *host,
                     const char    *token,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *label = g_strdup_printf (_("Casuskamer shared repository at %s"), host);

  return secret_password_store_sync (get_schema (), SECRET_COLLECTION_DEFAULT, label, token,
                                     cancellable, error, "host", host, NULL);
}

/* Returns: (transfer full) (nullable): the token kept for @host */
char *
ck_sync_token_lookup (const char   *host,
                      GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  char *secret = secret_password_lookup_sync (get_schema (), cancellable, &error, "host", host, NULL);
  char *token;

  if (secret == NULL)
    return NULL;

  token = g_strdup (secret);
  secret_password_free (secret);
  return token;
}

gboolean
ck_sync_token_forget (const char    *host,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  secret_password_clear_sync (get_schema (), cancellable, &local_error, "host", host, NULL);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}
