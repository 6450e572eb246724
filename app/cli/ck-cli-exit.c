/* ck-cli-exit.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "ck-cli-exit.h"
#include "ck-error.h"

static int
exit_code_for_ck_error (CkError code)
{
  switch (code)
    {
    case CK_ERROR_NOT_FOUND:
      return EX_NOINPUT;

    case CK_ERROR_EXISTS:
      return EX_CANTCREAT;

    case CK_ERROR_CORRUPT:
    case CK_ERROR_TOO_NEW:
    case CK_ERROR_INVALID:
      return EX_DATAERR;

    case CK_ERROR_LOCKED:
    case CK_ERROR_WRONG_PASSPHRASE:
      return EX_NOPERM;

    case CK_ERROR_IO:
      return EX_IOERR;

    case CK_ERROR_FAILED:
    case CK_ERROR_CANCELLED:
    default:
      return EX_SOFTWARE;
    }
}

/* Input files (JSON, the passphrase file) that are missing or unreadable
 * are "no input"; any other failure to read them is an I/O error. */
static int
exit_code_for_file_error (GFileError code)
{
  switch (code)
    {
    case G_FILE_ERROR_NOENT:
    case G_FILE_ERROR_ACCES:
    case G_FILE_ERROR_ISDIR:
    case G_FILE_ERROR_NOTDIR:
    case G_FILE_ERROR_NAMETOOLONG:
    case G_FILE_ERROR_LOOP:
      return EX_NOINPUT;

    case G_FILE_ERROR_EXIST:
    case G_FILE_ERROR_ROFS:
    case G_FILE_ERROR_TXTBSY:
    case G_FILE_ERROR_FAULT:
    case G_FILE_ERROR_NOSPC:
    case G_FILE_ERROR_NOMEM:
    case G_FILE_ERROR_MFILE:
    case G_FILE_ERROR_NFILE:
    case G_FILE_ERROR_BADF:
    case G_FILE_ERROR_INVAL:
    case G_FILE_ERROR_PIPE:
    case G_FILE_ERROR_AGAIN:
    case G_FILE_ERROR_INTR:
    case G_FILE_ERROR_IO:
    case G_FILE_ERROR_PERM:
    case G_FILE_ERROR_NOSYS:
    case G_FILE_ERROR_FAILED:
    case G_FILE_ERROR_NXIO:
    case G_FILE_ERROR_NODEV:
    default:
      return EX_IOERR;
    }
}

static int
exit_code_for_io_error (int code)
{
  if (code == G_IO_ERROR_NOT_FOUND ||
      code == G_IO_ERROR_PERMISSION_DENIED ||
      code == G_IO_ERROR_IS_DIRECTORY ||
      code == G_IO_ERROR_NOT_DIRECTORY)
    return EX_NOINPUT;

  return EX_IOERR;
}

G_DEFINE_QUARK (ck-cli-error-quark, ck_cli_error)

/* Returns: the exit status for @error; see ck-cli-exit.h for the table. */
int
ck_cli_exit_code (const GError *error)
{
  if (error == NULL)
    return EX_OK;

  if (error->domain == CK_ERROR)
    return exit_code_for_ck_error (error->code);
  if (error->domain == G_OPTION_ERROR)
    return EX_USAGE;
  if (error->domain == JSON_PARSER_ERROR)
    return EX_DATAERR;
  if (error->domain == G_FILE_ERROR)
    return exit_code_for_file_error (error->code);
  if (error->domain == G_IO_ERROR)
    return exit_code_for_io_error (error->code);
  if (error->domain == CK_CLI_ERROR)
    return EX_UNAVAILABLE;

  return EX_SOFTWARE;
}

/* Prints @error for people on stderr, as "casuskamer-cli: <message>".
 *
 * Returns: the exit status for @error */
int
ck_cli_report (const GError *error)
{
  g_printerr ("%s: %s\n", g_get_prgname (), error->message);
  return ck_cli_exit_code (error);
}
