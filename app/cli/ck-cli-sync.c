/* ck-cli-sync.c: `sync`, `keys`, `export-anonymised` and `quarantine`
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <unistd.h>

#include "ck-cli-commands.h"
#include "ck-cli-exit.h"
#include "ck-cli-options.h"
#include "ck-cli-output.h"
#include "ck-error.h"
#include "ck-register.h"
#include "ck-sync.h"
#include "ck-sync-remote.h"
#include "ck-sync-token.h"

static void
progress_cb (double      fraction,
             const char *text,
             gpointer    user_data)
{
  g_printerr ("\r\033[K%3.0f%%  %s", fraction * 100, text);
}

/* Failures of the shared repository get an exit status of their own, so
 * that a script can tell "try again later" from a broken register. */
static void
classify_error (GError **error)
{
  GError *inner = *error;

  if (inner == NULL || inner->domain != CK_ERROR)
    return;
  if (inner->code == CK_ERROR_IO || inner->code == CK_ERROR_EXISTS ||
      inner->code == CK_ERROR_WRONG_PASSPHRASE || inner->code == CK_ERROR_NOT_FOUND)
    {
      *error = g_error_new_literal (CK_CLI_ERROR, CK_CLI_ERROR_UNAVAILABLE, inner->message);
      g_error_free (inner);
    }
}

static void
print_result (const CkSyncResult *result)
{
  if (result->publish_done)
    {
      g_print (_("Published to %s: %u records written, %u retracted, %u lessons.\n"),
               result->remote, result->n_written, result->n_retracted, result->n_lessons);
      g_print (_("The unit shares %u records (%u of them generalised); %u are held back. Smallest group: %u.\n"),
               result->n_active, result->n_generalised, result->n_held_back, result->k);
      for (guint i = 0; i < result->privacy_notes->len; i++)
        {
          g_autofree char *note = ck_privacy_note_format (result->privacy_notes->pdata[i], result->k);

          g_print ("  %s\n", note);
        }
      for (guint i = 0; i < result->held_lessons->len; i++)
        g_print ("  %s\n", (char *) result->held_lessons->pdata[i]);
    }

  if (result->import_done)
    {
      if (result->imports->len == 0)
        g_print (_("Nothing new from other units.\n"));
      for (guint i = 0; i < result->imports->len; i++)
        {
          const CkImportCount *count = result->imports->pdata[i];

          /* Translators: "AMS: 120 records in, 3 retracted, 1 lessons" */
          g_print (_("%s: %u records in, %u retracted, %u lessons\n"),
                   count->unit, count->records, count->removed, count->lessons);
        }
      for (guint i = 0; i < result->skipped_refs->len; i++)
        g_print (_("Not imported: %s\n"), (char *) result->skipped_refs->pdata[i]);
      if (result->quarantined->len > 0)
        g_print (g_dngettext (GETTEXT_PACKAGE, "%u file refused; see “%s quarantine”.\n",
                              "%u files refused; see “%s quarantine”.\n", result->quarantined->len),
                 result->quarantined->len, g_get_prgname ());
    }
}

static gboolean
store_token (const char  *remote,
             const char  *token_file,
             GError     **error)
{
  g_autoptr(CkRemote) parsed = ck_remote_new (remote, error);
  g_autofree char *token = NULL;

  if (parsed == NULL)
    return FALSE;
  if (parsed->kind != CK_REMOTE_HTTP)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--token-file is for HTTPS addresses only"));
      return FALSE;
    }
  if (!g_file_get_contents (token_file, &token, NULL, error))
    return FALSE;

  g_strstrip (token);
  return ck_sync_token_store (parsed->host, token, NULL, error);
}

gboolean
ck_cli_sync (CkCliContext  *context,
             GStrv         *args,
             GError       **error)
{
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(CkRegister) reg = NULL;
  g_autoptr(CkSync) sync = NULL;
  g_autoptr(CkSyncResult) result = NULL;
  g_autofree char *remote = NULL;
  g_autofree char *known_hosts = NULL;
  g_autofree char *ssh_key = NULL;
  g_autofree char *token_file = NULL;
  g_autofree char *stored_remote = NULL;
  g_auto(GStrv) rest = NULL;
  gboolean publish_only = FALSE, import_only = FALSE, as_json = FALSE;
  int k = 0, timeout = 0;
  CkSyncFlags flags = CK_SYNC_BOTH;
  const GOptionEntry entries[] = {
    { "remote", 0, 0, G_OPTION_ARG_STRING, &remote,
      N_("The shared repository: a folder, ssh://… or https://…; kept for the next time"), N_("URL") },
    { "publish-only", 0, 0, G_OPTION_ARG_NONE, &publish_only, N_("Only publish this unit’s records"), NULL },
    { "import-only", 0, 0, G_OPTION_ARG_NONE, &import_only, N_("Only fetch the other units’ records"), NULL },
    { "k", 0, 0, G_OPTION_ARG_INT, &k,
      N_("The smallest group of records that may be published (default 5); kept"), N_("N") },
    { "known-hosts", 0, 0, G_OPTION_ARG_FILENAME, &known_hosts,
      N_("The known_hosts file SSH host keys are checked against; kept"), N_("FILE") },
    { "ssh-key", 0, 0, G_OPTION_ARG_FILENAME, &ssh_key, N_("The SSH private key to log in with; kept"), N_("FILE") },
    { "token-file", 0, 0, G_OPTION_ARG_FILENAME, &token_file,
      N_("Read the HTTPS token from FILE and keep it in the keyring"), N_("FILE") },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout,
      N_("Give up when the shared repository does not answer for this many seconds (default 60)"), N_("SECONDS") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print the result as JSON"), NULL },
    { NULL }
  };

  options = ck_cli_options_new ("sync",
                                N_("Publishes this unit’s anonymised records to the shared repository, then "
                                   "imports the other units’ records whose keys are enrolled. Small groups "
                                   "are generalised or held back; the result says which and why."),
                                entries);
  if (!(rest = ck_cli_options_parse (options, args, 0, error)))
    return FALSE;

  if (publish_only && import_only)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("Give --publish-only or --import-only, not both"));
      return FALSE;
    }
  if (timeout < 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("--timeout must be positive"));
      return FALSE;
    }
  flags = publish_only ? CK_SYNC_PUBLISH : import_only ? CK_SYNC_IMPORT : CK_SYNC_BOTH;

  if (!(reg = ck_cli_context_open_register (context, error)))
    return FALSE;
  sync = ck_sync_new (reg);

  if ((remote != NULL && !ck_sync_set_remote (sync, remote, error)) ||
      (k != 0 && !ck_sync_set_k (sync, k, error)) ||
      (known_hosts != NULL && !ck_sync_set_setting (sync, CK_SYNC_SETTING_KNOWN_HOSTS, known_hosts, error)) ||
      (ssh_key != NULL && !ck_sync_set_setting (sync, CK_SYNC_SETTING_SSH_KEY, ssh_key, error)))
    return FALSE;

  stored_remote = ck_sync_dup_remote (sync);
  if (stored_remote == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("No shared repository is set yet; give it with --remote URL"));
      return FALSE;
    }
  if (token_file != NULL && !store_token (stored_remote, token_file, error))
    return FALSE;

  if (timeout > 0)
    ck_sync_set_timeout (sync, timeout);
  if (isatty (STDERR_FILENO))
    ck_sync_set_progress_func (sync, progress_cb, NULL);

  result = ck_sync_run (sync, flags, NULL, error);
  if (isatty (STDERR_FILENO))
    g_printerr ("\r\033[K");
  if (result == NULL)
    {
      classify_error (error);
      return FALSE;
    }

  if (as_json)
    {
      g_autofree char *json = ck_sync_result_to_json (result);
      g_autoptr(JsonNode) node = json_from_string (json, NULL);

      ck_cli_print_json (node);
    }
  else
    print_result (result);

  return TRUE;
}

gboolean
ck_cli_keys (CkCliContext  *context,
             GStrv         *args,
             GError       **error)
{
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(CkRegister) reg = NULL;
  g_autoptr(CkSync) sync = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autofree char *own = NULL;
  g_autofree char *enrol = NULL;
  g_autofree char *withdraw = NULL;
  g_auto(GStrv) rest = NULL;
  const GOptionEntry entries[] = {
    { "enrol", 0, 0, G_OPTION_ARG_STRING, &enrol,
      N_("Enrol another replica’s key, as that register’s “keys” shows it"), N_("KEY") },
    { "withdraw", 0, 0, G_OPTION_ARG_STRING, &withdraw,
      N_("Withdraw the key of a replica and remove what was imported from it"), N_("REPLICA") },
    { NULL }
  };

  options = ck_cli_options_new ("keys",
                                N_("Shows this register’s replica key, which the national coordinator "
                                   "enrols, and the keys enrolled here. Records are imported only from "
                                   "replicas whose key is enrolled."),
                                entries);
  if (!(rest = ck_cli_options_parse (options, args, 0, error)) ||
      !(reg = ck_cli_context_open_register (context, error)))
    return FALSE;
  sync = ck_sync_new (reg);

  if (enrol != NULL)
    {
      if (!ck_sync_enrol_key (sync, enrol, error))
        return FALSE;
      g_print (_("Enrolled.\n"));
      return TRUE;
    }
  if (withdraw != NULL)
    {
      if (!ck_sync_withdraw_key (sync, withdraw, error))
        return FALSE;
      g_print (_("Withdrawn.\n"));
      return TRUE;
    }

  if (!(own = ck_sync_dup_own_key (sync, error)) ||
      !(keys = ck_sync_list_keys (sync, error)))
    return FALSE;

  ck_cli_print_labelled (_("This register"), own, ck_cli_text_width (_("This register")));
  if (keys->len > 0)
    {
      g_autoptr(CkCliTable) table = ck_cli_table_new (3);

      g_print ("\n");
      ck_cli_table_add_row (table, _("Unit"), _("Replica"), _("Key"), NULL);
      for (guint i = 0; i < keys->len; i++)
        {
          const CkEnrolledKey *key = keys->pdata[i];

          ck_cli_table_add_row (table, key->unit, key->replica, key->public_key, NULL);
        }
      ck_cli_table_print (table);
    }

  return TRUE;
}

gboolean
ck_cli_export_anonymised (CkCliContext  *context,
                          GStrv         *args,
                          GError       **error)
{
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(CkRegister) reg = NULL;
  g_autoptr(CkSync) sync = NULL;
  g_autoptr(CkSyncResult) result = NULL;
  g_auto(GStrv) rest = NULL;

  /* Translators: DIR stands for a folder. */
  options = ck_cli_options_new (N_("export-anonymised DIR"),
                                N_("Writes every file that publishing now would put in the shared "
                                   "repository into DIR, for inspection. Nothing is published or stored."),
                                NULL);
  if (!(rest = ck_cli_options_parse (options, args, 1, error)) ||
      !(reg = ck_cli_context_open_register (context, error)))
    return FALSE;

  sync = ck_sync_new (reg);
  if (!ck_sync_export (sync, rest[0], &result, error))
    return FALSE;

  g_print (_("Wrote %u records and %u lessons to %s; %u records are held back.\n"),
           result->n_active, result->n_lessons, rest[0], result->n_held_back);
  for (guint i = 0; i < result->privacy_notes->len; i++)
    {
      g_autofree char *note = ck_privacy_note_format (result->privacy_notes->pdata[i], result->k);

      g_print ("  %s\n", note);
    }
  for (guint i = 0; i < result->held_lessons->len; i++)
    g_print ("  %s\n", (char *) result->held_lessons->pdata[i]);

  return TRUE;
}

gboolean
ck_cli_quarantine (CkCliContext  *context,
                   GStrv         *args,
                   GError       **error)
{
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(CkRegister) reg = NULL;
  g_autoptr(CkSync) sync = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_auto(GStrv) rest = NULL;
  gboolean as_json = FALSE;
  const GOptionEntry option_entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print a JSON array, one object per file"), NULL },
    { NULL }
  };

  options = ck_cli_options_new ("quarantine",
                                N_("Lists the files of other replicas that were refused on import, and why. "
                                   "A file leaves the list when its replica repairs or removes it."),
                                option_entries);
  if (!(rest = ck_cli_options_parse (options, args, 0, error)) ||
      !(reg = ck_cli_context_open_register (context, error)))
    return FALSE;

  sync = ck_sync_new (reg);
  if (!(entries = ck_sync_list_quarantine (sync, error)))
    return FALSE;

  if (as_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < entries->len; i++)
        {
          const CkQuarantineEntry *entry = entries->pdata[i];

          json_builder_begin_object (builder);
          ck_cli_json_add_string (builder, "ref", entry->ref);
          ck_cli_json_add_string (builder, "path", entry->path);
          ck_cli_json_add_string (builder, "reason", entry->reason);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      ck_cli_print_json (root);
      return TRUE;
    }

  if (entries->len == 0)
    {
      g_print (_("No file was refused.\n"));
      return TRUE;
    }

  for (guint i = 0; i < entries->len; i++)
    {
      const CkQuarantineEntry *entry = entries->pdata[i];

      g_print ("%s\n  %s\n", entry->path[0] != '\0' ? entry->path : entry->ref, entry->reason);
    }

  return TRUE;
}
