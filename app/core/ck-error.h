/* ck-error.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CK_ERROR (ck_error_quark ())

/* Every error the core reports. The message of a GError in this domain is
 * written for the person using the application, in their language. */
typedef enum
{
  CK_ERROR_FAILED,
  CK_ERROR_NOT_FOUND,          /* no register file, no such case */
  CK_ERROR_EXISTS,             /* refusing to overwrite */
  CK_ERROR_CORRUPT,            /* not a register, or damaged */
  CK_ERROR_TOO_NEW,            /* made by a newer version of the application */
  CK_ERROR_LOCKED,             /* needs the passphrase first */
  CK_ERROR_WRONG_PASSPHRASE,
  CK_ERROR_INVALID,            /* a field value is refused; see ck_error_get_field() */
  CK_ERROR_IO,
  CK_ERROR_CANCELLED,
} CkError;

GQuark      ck_error_quark      (void);
void        ck_set_field_error  (GError     **error,
                                 const char  *field,
                                 const char  *format,
                                 ...) G_GNUC_PRINTF (3, 4);
const char *ck_error_get_field  (const GError *error);

G_END_DECLS
