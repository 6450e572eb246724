/* main.c: casuskamer-cli, the command-line tool over the core
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "ck-cli-commands.h"
#include "ck-cli-context.h"
#include "ck-cli-exit.h"
#include "ck-cli-options.h"
#include "ck-register.h"

typedef struct
{
  const char       *name;
  const char       *summary;
  CkCliCommandFunc  run;
} Command;

static const Command commands[] = {
  { "init",   N_("Create a new, empty register"), ck_cli_init },
  { "demo",   N_("Add invented cases, creating the register if there is none"), ck_cli_demo },
  { "list",   N_("List the cases"), ck_cli_list },
  { "show",   N_("Show every field of a case, the confidential ones included"), ck_cli_show },
  { "add",    N_("Add cases from options or JSON"), ck_cli_add },
  { "edit",   N_("Change fields of a case"), ck_cli_edit },
  { "audit",  N_("Show the history of a case"), ck_cli_audit },
  { "checklist", N_("Show the steps of the handling guidance for a case"), ck_cli_checklist },
  { "due",    N_("List what the handling guidance says is overdue or due this week"), ck_cli_due },
  { "deadlines", N_("Show or change the unit’s deadlines for handling cases"), ck_cli_deadlines },
  { "retention", N_("Show or change the retention term of personal data, or erase what is past it"),
    ck_cli_retention },
  { "similar", N_("List the closed cases most comparable to a case, and how they ended"), ck_cli_similar },
  { "delete", N_("Erase a case for good"), ck_cli_delete },
  { "report", N_("Write the report of patterns and trends as PDF or CSV"), ck_cli_write_report },
  { "sync",   N_("Publish the unit’s anonymised records and fetch those of other units"), ck_cli_sync },
  { "keys",   N_("Show this register’s replica key, or enrol another replica’s key"), ck_cli_keys },
  { "export-anonymised", N_("Write what would be published, for inspection"), ck_cli_export_anonymised },
  { "quarantine", N_("List the shared files that were refused, and why"), ck_cli_quarantine },
};

/* The exit status as ck-cli-exit.h defines it, for --help. */
static const struct
{
  int         status;
  const char *meaning;
} exit_statuses[] = {
  { EX_OK, N_("success") },
  { EX_USAGE, N_("bad arguments: an unknown command or option, a missing or extra argument, "
                 "no way to read the passphrase, or delete without --yes") },
  { EX_DATAERR, N_("a field value or the JSON input is refused, or the register file is damaged, "
                   "not a register, or from a newer version (it is left unchanged)") },
  { EX_NOINPUT, N_("the register or an input file is missing or cannot be read, or there is no "
                   "case with that reference") },
  { EX_UNAVAILABLE, N_("the shared repository cannot be reached, refused the login, or holds a "
                       "publication of this replica that this register did not make") },
  { EX_SOFTWARE, N_("any other error") },
  { EX_CANTCREAT, N_("a file already exists where the register is to be created") },
  { EX_IOERR, N_("reading or writing failed (disk full, permissions, busy)") },
  { EX_NOPERM, N_("the passphrase is wrong") },
};

static const Command *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, name))
      return &commands[i];

  return NULL;
}

static char *
describe (void)
{
  g_autofree char *default_path = ck_register_get_default_path ();
  GString *text = g_string_new (_("Commands:"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "\n  %-17s %s", commands[i].name, _(commands[i].summary));
  g_string_append_printf (text, "\n  %-17s %s", "help", _("Show the options of a command"));

  g_string_append (text, "\n\n");
  g_string_append_printf (text, _("Run “%s COMMAND --help” for the options of a command. "
                                  "Without --db the register is %s."),
                          g_get_prgname (), default_path);

  g_string_append_printf (text, "\n\n%s", _("Exit status:"));
  for (guint i = 0; i < G_N_ELEMENTS (exit_statuses); i++)
    g_string_append_printf (text, "\n  %3d  %s", exit_statuses[i].status, _(exit_statuses[i].meaning));

  return g_string_free (text, FALSE);
}

static gboolean
run_help (CkCliContext    *context,
          GOptionContext  *options,
          GStrv            args,
          GError         **error)
{
  const Command *command;
  g_auto(GStrv) command_args = NULL;

  if (args[1] == NULL)
    {
      g_autofree char *help = g_option_context_get_help (options, TRUE, NULL);

      g_print ("%s", help);
      return TRUE;
    }

  if (!(command = find_command (args[1])))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("Unknown command “%s”. Run “%s --help” for the commands."),
                   args[1], g_get_prgname ());
      return FALSE;
    }

  /* GOption prints the command's help and ends the program. */
  command_args = g_strdupv ((char *[]) { (char *) command->name, (char *) "--help", NULL });
  return command->run (context, &command_args, error);
}

static gboolean
run (CkCliContext    *context,
     GOptionContext  *options,
     GStrv            args,
     GError         **error)
{
  const Command *command;
  g_auto(GStrv) command_args = NULL;

  if (args[0] == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("No command given. Run “%s --help” for the commands."), g_get_prgname ());
      return FALSE;
    }

  if (g_str_equal (args[0], "help"))
    return run_help (context, options, args, error);

  if (!(command = find_command (args[0])))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("Unknown command “%s”. Run “%s --help” for the commands."),
                   args[0], g_get_prgname ());
      return FALSE;
    }

  command_args = g_strdupv (args);
  return command->run (context, &command_args, error);
}

int
main (int   argc,
      char *argv[])
{
  g_auto(CkCliContext) context = { NULL };
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  g_autofree char *description = NULL;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &context.db_path,
      N_("The register file (default: the application’s own register)"), N_("PATH") },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &context.passphrase_file,
      N_("Read the passphrase from the first line of FILE instead of asking on the terminal"), N_("FILE") },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("casuskamer-cli");

  options = ck_cli_options_new (N_("COMMAND [ARGUMENT…]"),
                                N_("Works with the unit’s case register from scripts and the command line."),
                                entries);
  description = describe ();
  g_option_context_set_description (options, description);
  /* Parsing stops at the command: what follows it is the command's own. */
  g_option_context_set_strict_posix (options, TRUE);

  args = g_strdupv (argv);
  if (!g_option_context_parse_strv (options, &args, &error))
    return ck_cli_report (error);

  if (context.db_path == NULL)
    context.db_path = ck_register_get_default_path ();

  if (!run (&context, options, args + 1, &error))
    return ck_cli_report (error);

  if (fflush (stdout) != 0)
    {
      int saved_errno = errno;

      g_set_error (&error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Cannot write the output: %s"), g_strerror (saved_errno));
      return ck_cli_report (error);
    }

  return EX_OK;
}
