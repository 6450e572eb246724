/* ck-error.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ck-error.h"

/* Validation errors carry the name of the field they are about, so that a
 * form can show the message next to that field. GLib's extended error
 * domains keep it with the error through copies and propagation. */
typedef struct
{
  char *field;
} CkErrorPrivate;

static void
ck_error_private_init (CkErrorPrivate *priv)
{
  priv->field = NULL;
}

static void
ck_error_private_copy (const CkErrorPrivate *src,
                       CkErrorPrivate       *dest)
{
  dest->field = g_strdup (src->field);
}

static void
ck_error_private_clear (CkErrorPrivate *priv)
{
  g_clear_pointer (&priv->field, g_free);
}

G_DEFINE_EXTENDED_ERROR (CkError, ck_error)

void
ck_set_field_error (GError     **error,
                    const char  *field,
                    const char  *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  g_return_if_fail (field != NULL);

  if (error == NULL)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, CK_ERROR, CK_ERROR_INVALID, message);
  if (*error != NULL && (*error)->domain == CK_ERROR)
    ck_error_get_private (*error)->field = g_strdup (field);
}

const char *
ck_error_get_field (const GError *error)
{
  if (error == NULL || error->domain != CK_ERROR)
    return NULL;

  return ck_error_get_private (error)->field;
}
