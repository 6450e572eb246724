/* ck-cli-audit.c: `audit`, the history of a case
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ck-audit.h"
#include "ck-case.h"
#include "ck-case-fields.h"
#include "ck-cli-commands.h"
#include "ck-cli-options.h"
#include "ck-cli-output.h"
#include "ck-register.h"

static const char *
format_action (const char *action)
{
  if (g_strcmp0 (action, "created") == 0)
    return C_("audit action", "created");
  if (g_strcmp0 (action, "changed") == 0)
    return C_("audit action", "changed");
  if (g_strcmp0 (action, "deleted") == 0)
    return C_("audit action", "deleted");
  if (g_strcmp0 (action, "restored") == 0)
    return C_("audit action", "restored");
  if (g_strcmp0 (action, "erased") == 0)
    return C_("audit action", "erased");
  if (g_strcmp0 (action, "personal_data_erased") == 0)
    return C_("audit action", "personal data erased after the retention term");

  return action != NULL ? action : "";
}

/* The log keeps values in their stable text form (codes, ISO dates); read
 * back into a case they show as the rest of the tool shows them. A value
 * this version cannot read is shown as it was stored. */
static char *
format_logged_value (const CkFieldInfo *field,
                     const char        *value)
{
  g_autoptr(CkCase) scratch = ck_case_new ();
  g_autofree char *text = NULL;

  if (field == NULL || !ck_case_field_set_string (field, scratch, value, NULL))
    return g_strdup (value != NULL ? value : "");

  text = ck_cli_format_value (field, scratch);
  if (*text == '\0')
    return g_strdup ("—");

  return g_steal_pointer (&text);
}

/* A confidential field's entry only says that it changed: the log never
 * had its values. */
static char *
format_change (const CkAuditEntry *entry,
               const CkFieldInfo  *field)
{
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;

  if (entry->field == NULL)
    return g_strdup ("");
  if (entry->confidential)
    return g_strdup (_("(changed)"));

  old_value = format_logged_value (field, entry->old_value);
  new_value = format_logged_value (field, entry->new_value);
  return g_strdup_printf ("%s → %s", old_value, new_value);
}

static void
print_history_text (GPtrArray *history)
{
  g_autoptr(CkCliTable) table = ck_cli_table_new (5);

  ck_cli_table_add_row (table, _("Time"), _("Actor"), _("Action"), _("Field"), _("Change"), NULL);
  for (guint i = 0; i < history->len; i++)
    {
      const CkAuditEntry *entry = history->pdata[i];
      const CkFieldInfo *field = ck_case_field_lookup (entry->field);
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (entry->at);
      g_autofree char *time = g_date_time_format (at, "%Y-%m-%d %H:%M:%S");
      g_autofree char *change = format_change (entry, field);
      const char *field_label = field != NULL ? ck_case_field_get_label (field) : entry->field;

      ck_cli_table_add_row (table,
                            time,
                            entry->actor != NULL ? entry->actor : "",
                            format_action (entry->action),
                            field_label != NULL ? field_label : "",
                            change,
                            NULL);
    }

  ck_cli_table_print (table);
}

static void
print_history_json (GPtrArray *history)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < history->len; i++)
    {
      const CkAuditEntry *entry = history->pdata[i];
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (entry->at);
      g_autofree char *time = g_date_time_format_iso8601 (at);

      json_builder_begin_object (builder);
      ck_cli_json_add_string (builder, "time", time);
      ck_cli_json_add_string (builder, "actor", entry->actor);
      ck_cli_json_add_string (builder, "action", entry->action);
      ck_cli_json_add_string (builder, "field", entry->field);
      ck_cli_json_add_string (builder, "old", entry->old_value);
      ck_cli_json_add_string (builder, "new", entry->new_value);
      json_builder_set_member_name (builder, "confidential");
      json_builder_add_boolean_value (builder, entry->confidential);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  ck_cli_print_json (root);
}

gboolean
ck_cli_audit (CkCliContext  *context,
              GStrv         *args,
              GError       **error)
{
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(CkRegister) reg = NULL;
  g_autoptr(CkCase) kase = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_auto(GStrv) rest = NULL;
  gboolean as_json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print a JSON array, one object per entry"), NULL },
    { NULL }
  };

  /* Translators: REF stands for a case reference such as AMS-2024-0001. */
  options = ck_cli_options_new (N_("audit REF"),
                                N_("Shows the history of a case from the audit log, oldest first: when, "
                                   "who, what, and the old and new value of each changed field. Of "
                                   "confidential fields only the change itself is logged."),
                                entries);
  if (!(rest = ck_cli_options_parse (options, args, 1, error)) ||
      !(reg = ck_cli_context_open_register (context, error)) ||
      !(kase = ck_register_find_case (reg, rest[0], FALSE, error)) ||
      !(history = ck_register_get_history (reg, kase->id, error)))
    return FALSE;

  if (as_json)
    print_history_json (history);
  else
    print_history_text (history);

  return TRUE;
}
