/* ck-cli-exit.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sysexits.h>

G_BEGIN_DECLS

/* What the exit status of casuskamer-cli means; scripts rely on it, so a
 * value never changes meaning (the values are those of sysexits.h):
 *
 *    0  EX_OK         success
 *   64  EX_USAGE      bad arguments: unknown command or option, a missing or
 *                     extra argument, no way to read the passphrase, or
 *                     `delete` without --yes
 *   65  EX_DATAERR    a field value or the JSON input is refused; or the
 *                     register file is damaged, not a register, or made by
 *                     a newer version (it is left unchanged)
 *   66  EX_NOINPUT    the register or an input file is missing or cannot be
 *                     read, or there is no case with that reference
 *   69  EX_UNAVAILABLE  the shared repository cannot be reached, refused the
 *                     login, or holds a publication of this replica that this
 *                     register did not make (another copy published)
 *   70  EX_SOFTWARE   anything else
 *   73  EX_CANTCREAT  a file already exists where a register is to be created
 *   74  EX_IOERR      reading or writing failed (disk full, permissions, busy)
 *   77  EX_NOPERM     the passphrase is wrong
 *
 * The --help text of main.c says the same to people. */

#define CK_CLI_ERROR (ck_cli_error_quark ())

/* Errors the command line adds to those of the core. */
typedef enum
{
  CK_CLI_ERROR_UNAVAILABLE,   /* EX_UNAVAILABLE */
} CkCliError;

GQuark ck_cli_error_quark (void);
int   ck_cli_exit_code  (const GError *error);
int   ck_cli_report     (const GError *error);

G_END_DECLS
