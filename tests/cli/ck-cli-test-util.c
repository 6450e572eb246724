/* ck-cli-test-util.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs casuskamer-cli as a script would, for the command-line tests.
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "ck-cli-test-util.h"

void
ck_cli_result_free (CkCliResult *result)
{
  g_free (result->out);
  g_free (result->err);
  g_free (result);
}

/* Runs the tool with @args, @input on its standard input (a pipe, never a
 * terminal), in a fixed language so that messages can be checked. Give
 * @input only to a command that reads it. */
CkCliResult *
ck_cli_test_run_argv (const char *input,
                      GPtrArray  *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  CkCliResult *result = g_new0 (CkCliResult, 1);

  g_ptr_array_insert (args, 0, (gpointer) CK_CLI_PATH);
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  /* GLib isolates this test's directories inside this process only. */
  g_subprocess_launcher_setenv (launcher, "HOME", g_get_home_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (process, input, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);

  /* A crash, an abort or a fatal warning is never an answer. */
  if (!g_subprocess_get_if_exited (process))
    g_error ("casuskamer-cli did not exit normally; stderr: %s", result->err);
  result->status = g_subprocess_get_exit_status (process);

  g_test_message ("exit %d\nstdout: %s\nstderr: %s", result->status, result->out, result->err);
  return result;
}

/* Runs the tool on the register @db with its @passphrase_file, then the
 * arguments from @first to NULL. */
CkCliResult *
ck_cli_test_run_va (const char *db,
                    const char *passphrase_file,
                    const char *input,
                    const char *first,
                    va_list     rest)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  g_ptr_array_add (args, (gpointer) "--db");
  g_ptr_array_add (args, (gpointer) db);
  g_ptr_array_add (args, (gpointer) "--passphrase-file");
  g_ptr_array_add (args, (gpointer) passphrase_file);
  for (const char *arg = first; arg != NULL; arg = va_arg (rest, const char *))
    g_ptr_array_add (args, (gpointer) arg);

  return ck_cli_test_run_argv (input, args);
}

void
ck_cli_test_assert_ok (CkCliResult *result)
{
  if (result->status != 0)
    g_error ("expected success, got %d: %s", result->status, result->err);
  g_assert_cmpstr (result->err, ==, "");
}

/* A failure with @status whose message names @message_part, and nothing
 * on standard output. */
void
ck_cli_test_assert_failed (CkCliResult *result,
                           int          status,
                           const char  *message_part)
{
  g_assert_cmpint (result->status, ==, status);
  g_assert_true (g_str_has_prefix (result->err, "casuskamer-cli: "));
  if (message_part != NULL && strstr (result->err, message_part) == NULL)
    g_error ("expected “%s” in the message, got: %s", message_part, result->err);
  g_assert_cmpstr (result->out, ==, "");
}

JsonNode *
ck_cli_test_parse_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}
