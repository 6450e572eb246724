/* ck-cli-retention.c: `retention`, the retention term of personal data
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ck-cli-commands.h"
#include "ck-cli-options.h"
#include "ck-cli-output.h"
#include "ck-date.h"
#include "ck-register.h"
#include "ck-retention.h"

#define DEFAULT_WITHIN_DAYS 90

static void
print_json (int          years,
            int          within_days,
            guint        n_cases,
            guint        n_sessions,
            GArray      *due,
            const GDate *today)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "years");
  json_builder_add_int_value (builder, years);
  json_builder_set_member_name (builder, "within_days");
  json_builder_add_int_value (builder, within_days);
  json_builder_set_member_name (builder, "erased");
  json_builder_add_int_value (builder, n_cases);
  json_builder_set_member_name (builder, "erased_sessions");
  json_builder_add_int_value (builder, n_sessions);
  json_builder_set_member_name (builder, "due");
  json_builder_begin_array (builder);
  for (guint i = 0; i < due->len; i++)
    {
      const CkRetentionItem *item = &g_array_index (due, CkRetentionItem, i);
      g_autofree char *closed_on = ck_date_to_iso (&item->closed_on);
      g_autofree char *erase_on = ck_date_to_iso (&item->erase_on);

      json_builder_begin_object (builder);
      if (item->session_id != 0)
        {
          ck_cli_json_add_string (builder, "kind", "session");
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, item->session_id);
          ck_cli_json_add_string (builder, "title", item->reference);
          ck_cli_json_add_string (builder, "date", closed_on);
        }
      else
        {
          ck_cli_json_add_string (builder, "kind", "case");
          ck_cli_json_add_string (builder, "reference", item->reference);
          ck_cli_json_add_string (builder, "closed_on", closed_on);
        }
      ck_cli_json_add_string (builder, "erase_on", erase_on);
      json_builder_set_member_name (builder, "past_term");
      json_builder_add_boolean_value (builder, g_date_compare (&item->erase_on, today) <= 0);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  ck_cli_print_json (root);
}

/* Prints the cases (@sessions FALSE) or the sessions of @due as a table;
 * nothing when there are none. */
static void
print_table (GArray      *due,
             gboolean     sessions,
             const GDate *today)
{
  g_autoptr(CkCliTable) table = ck_cli_table_new (3);
  gboolean any = FALSE;

  if (sessions)
    ck_cli_table_add_row (table, _("Session"), _("Date"), _("Personal data erased on"), NULL);
  else
    ck_cli_table_add_row (table, _("Case"), _("Closed"), _("Personal data erased on"), NULL);

  for (guint i = 0; i < due->len; i++)
    {
      const CkRetentionItem *item = &g_array_index (due, CkRetentionItem, i);
      g_autofree char *closed_on = NULL;
      g_autofree char *erase_on = NULL;
      g_autofree char *when = NULL;

      if ((item->session_id != 0) != sessions)
        continue;

      any = TRUE;
      closed_on = ck_date_to_iso (&item->closed_on);
      erase_on = ck_date_to_iso (&item->erase_on);
      if (g_date_compare (&item->erase_on, today) <= 0)
        /* Translators: said of a date on which personal data was due to be erased. */
        when = g_strdup_printf (_("%s (past the term)"), erase_on);
      else
        when = g_steal_pointer (&erase_on);
      ck_cli_table_add_row (table, item->reference, closed_on, when, NULL);
    }

  if (any)
    {
      g_print ("\n");
      ck_cli_table_print (table);
    }
}

static void
print_text (int          years,
            int          within_days,
            guint        n_cases,
            guint        n_sessions,
            GArray      *due,
            const GDate *today)
{
  g_autofree char *term = ck_retention_format_years (years);

  /* Translators: %s is a term such as "5 years". */
  g_print (_("Retention term: %s after a case was closed or a reflection session was held\n"), term);
  if (n_cases + n_sessions > 0)
    {
      g_autofree char *erased = ck_retention_describe_erased (n_cases, n_sessions, years);

      g_print ("%s.\n", erased);
    }

  if (due->len == 0)
    {
      g_print (g_dngettext (GETTEXT_PACKAGE,
                            "No personal data passes its term within %d day.\n",
                            "No personal data passes its term within %d days.\n",
                            within_days),
               within_days);
      return;
    }

  print_table (due, FALSE, today);
  print_table (due, TRUE, today);
}

gboolean
ck_cli_retention (CkCliContext  *context,
                  GStrv         *args,
                  GError       **error)
{
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(CkRegister) reg = NULL;
  g_autoptr(GArray) due = NULL;
  g_auto(GStrv) rest = NULL;
  gboolean as_json = FALSE;
  gboolean apply = FALSE;
  int years = G_MININT;   /* not given */
  int within_days = DEFAULT_WITHIN_DAYS;
  guint n_cases = 0, n_sessions = 0;
  GDate today;
  const GOptionEntry entries[] = {
    { "years", 0, 0, G_OPTION_ARG_INT, &years,
      N_("Change the retention term (1 to 30 years)"), N_("YEARS") },
    { "apply", 0, 0, G_OPTION_ARG_NONE, &apply,
      N_("Erase the personal data that is past its term now"), NULL },
    { "within", 0, 0, G_OPTION_ARG_INT, &within_days,
      N_("Also list what passes its term within this many days (default 90)"), N_("DAYS") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print the result as JSON"), NULL },
    { NULL }
  };

  options = ck_cli_options_new ("retention",
                                N_("Shows the unit’s retention term for personal data and the closed "
                                   "cases and reflection sessions whose personal data is past it or "
                                   "will be soon. Every other "
                                   "command erases what is past the term when it opens the register; "
                                   "this one only does with --apply."),
                                entries);
  if (!(rest = ck_cli_options_parse (options, args, 0, error)))
    return FALSE;

  if (within_days < 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--within: give a number of days of 0 or more"));
      return FALSE;
    }

  /* Open without the implicit erasure, so that what is past its term can
   * be shown before --apply erases it. */
  context->keep_past_term = TRUE;
  if (!(reg = ck_cli_context_open_register (context, error)))
    return FALSE;

  if (years != G_MININT && !ck_retention_set_years (reg, years, error))
    return FALSE;

  ck_date_set_today (&today);
  if (apply && !ck_retention_apply (reg, &today, &n_cases, &n_sessions, error))
    return FALSE;

  if (!(due = ck_retention_list_due (reg, &today, within_days, error)))
    return FALSE;

  if (as_json)
    print_json (ck_retention_get_years (reg), within_days, n_cases, n_sessions, due, &today);
  else
    print_text (ck_retention_get_years (reg), within_days, n_cases, n_sessions, due, &today);

  return TRUE;
}
