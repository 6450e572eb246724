/* ck-cli-guidance.c: the handling guidance, `due`, `checklist` and
 * `deadlines`
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ck-attention.h"
#include "ck-case.h"
#include "ck-case-facts.h"
#include "ck-cli-commands.h"
#include "ck-cli-options.h"
#include "ck-cli-output.h"
#include "ck-date.h"
#include "ck-error.h"
#include "ck-guidance.h"
#include "ck-register.h"

/* Values that scripts read back: never translated. */
static const char * const state_codes[] = {
  [CK_STEP_STATE_NOT_APPLICABLE] = "not-applicable",
  [CK_STEP_STATE_DONE] = "done",
  [CK_STEP_STATE_WAITING] = "waiting",
  [CK_STEP_STATE_OPEN] = "open",
  [CK_STEP_STATE_DUE] = "due",
  [CK_STEP_STATE_OVERDUE] = "overdue",
  [CK_STEP_STATE_MISSED] = "missed",
};

static gboolean
parse_today (const char  *text,
             GDate       *today,
             GError     **error)
{
  if (text == NULL)
    {
      ck_date_set_today (today);
      return TRUE;
    }

  if (!ck_date_from_iso (today, text) || !ck_date_is_set (today))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--today: “%s” is not a date; write it as YYYY-MM-DD"), text);
      return FALSE;
    }

  return TRUE;
}

static char *
julian_to_iso (guint32 julian)
{
  GDate date;

  ck_julian_to_date (julian, &date);
  return ck_date_to_iso (&date);
}

/* Returns: (transfer full): "3 days late", "due today", "due in 2 days" */
static char *
describe_urgency (int days_overdue)
{
  if (days_overdue > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day late", "%d days late", days_overdue),
                            days_overdue);
  if (days_overdue == 0)
    return g_strdup (_("due today"));

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "due in %d day", "due in %d days", -days_overdue),
                          -days_overdue);
}

static void
print_items_text (CkAttentionSet *items)
{
  g_autoptr(CkCliTable) table = ck_cli_table_new (4);
  guint n = ck_attention_set_get_n_items (items);

  if (n == 0)
    {
      g_print ("%s\n", _("Nothing is overdue or due this week."));
      return;
    }

  ck_cli_table_add_row (table, _("When"), _("Due"), _("Case"), _("What to do"), NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CkAttentionItem) item = ck_attention_set_make_item (items, i);
      g_autofree char *urgency = describe_urgency (item->days_overdue);
      g_autofree char *due = ck_date_format_user (&item->due);

      ck_cli_table_add_row (table, urgency, due, item->subject, item->title, NULL);
    }
  ck_cli_table_print (table);
}

static void
print_items_json (CkAttentionSet *items)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < ck_attention_set_get_n_items (items); i++)
    {
      g_autoptr(CkAttentionItem) item = ck_attention_set_make_item (items, i);
      g_autofree char *due = ck_date_to_iso (&item->due);

      json_builder_begin_object (builder);
      ck_cli_json_add_string (builder, "kind", "case-step");
      ck_cli_json_add_string (builder, "reference", item->subject);
      ck_cli_json_add_string (builder, "step", ck_guidance_step_get_code (item->target_id));
      ck_cli_json_add_string (builder, "title", item->title);
      ck_cli_json_add_string (builder, "due", due);
      json_builder_set_member_name (builder, "days_overdue");
      json_builder_add_int_value (builder, item->days_overdue);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  ck_cli_print_json (root);
}

gboolean
ck_cli_due (CkCliContext  *context,
            GStrv         *args,
            GError       **error)
{
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(CkRegister) reg = NULL;
  g_autoptr(CkAttentionSet) items = NULL;
  g_auto(GStrv) rest = NULL;
  g_autofree char *today_text = NULL;
  gboolean as_json = FALSE;
  GDate today;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print a JSON array, one object per step"), NULL },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text, N_("Judge as on this day instead of today"),
      N_("YYYY-MM-DD") },
    { NULL }
  };

  options = ck_cli_options_new ("due",
                                N_("Lists the steps of the handling guidance that are overdue or due "
                                   "within a week, across the register, most urgent first: what the "
                                   "application’s overview shows."),
                                entries);
  if (!(rest = ck_cli_options_parse (options, args, 0, error)) ||
      !parse_today (today_text, &today, error) ||
      !(reg = ck_cli_context_open_register (context, error)) ||
      !(items = ck_guidance_collect_attention (reg, &today, NULL, error)))
    return FALSE;

  if (as_json)
    print_items_json (items);
  else
    print_items_text (items);

  return TRUE;
}

static char *
describe_status (const CkStepStatus *status)
{
  switch (status->state)
    {
    case CK_STEP_STATE_DONE:
      return g_strdup (C_("step", "done"));

    case CK_STEP_STATE_WAITING:
      return g_strdup (_("after an earlier step"));

    case CK_STEP_STATE_MISSED:
      return g_strdup (_("not done before closing"));

    case CK_STEP_STATE_DUE:
    case CK_STEP_STATE_OVERDUE:
      return describe_urgency (-status->days_left);

    case CK_STEP_STATE_OPEN:
      if (status->due > 0)
        {
          GDate due;
          g_autofree char *date = NULL;

          ck_julian_to_date (status->due, &due);
          date = ck_date_format_user (&due);
          /* Translators: %s is a date. */
          return g_strdup_printf (_("due %s"), date);
        }
      return g_strdup (_("to do"));

    case CK_STEP_STATE_NOT_APPLICABLE:
    default:
      return g_strdup ("");
    }
}

static void
print_checklist_text (CkGuidance         *guidance,
                      const CkStepStatus *statuses,
                      guint32             advice)
{
  g_autoptr(CkCliTable) table = ck_cli_table_new (2);
  CkStep current = ck_guidance_get_current_step (statuses);

  ck_cli_table_add_row (table, _("Step"), _("Status"), NULL);
  for (guint i = 0; i < CK_N_STEPS; i++)
    {
      g_autofree char *status = NULL;

      if (statuses[i].state == CK_STEP_STATE_NOT_APPLICABLE)
        continue;
      status = describe_status (&statuses[i]);
      ck_cli_table_add_row (table, ck_guidance_get_step_title (guidance, i), status, NULL);
    }
  ck_cli_table_print (table);

  if (current != CK_N_STEPS)
    g_print ("\n%s: %s\n%s\n", _("Now"), ck_guidance_get_step_label (guidance, current),
             ck_guidance_get_step_description (guidance, current));

  for (guint i = 0; i < CK_N_ADVICE; i++)
    if (advice & (1 << i))
      g_print ("\n%s\n", ck_guidance_get_advice_text (guidance, i));
}

static void
print_checklist_json (CkGuidance         *guidance,
                      const char         *reference,
                      const CkStepStatus *statuses,
                      guint32             advice)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  CkStep current = ck_guidance_get_current_step (statuses);

  json_builder_begin_object (builder);
  ck_cli_json_add_string (builder, "reference", reference);
  ck_cli_json_add_string (builder, "current", current != CK_N_STEPS ? ck_guidance_step_get_code (current) : NULL);
  json_builder_set_member_name (builder, "steps");
  json_builder_begin_array (builder);
  for (guint i = 0; i < CK_N_STEPS; i++)
    {
      g_autofree char *due = statuses[i].due > 0 ? julian_to_iso (statuses[i].due) : NULL;

      json_builder_begin_object (builder);
      ck_cli_json_add_string (builder, "step", ck_guidance_step_get_code (i));
      ck_cli_json_add_string (builder, "title", ck_guidance_get_step_title (guidance, i));
      ck_cli_json_add_string (builder, "state", state_codes[statuses[i].state]);
      ck_cli_json_add_string (builder, "due", due);
      json_builder_set_member_name (builder, "days_left");
      if (due != NULL)
        json_builder_add_int_value (builder, statuses[i].days_left);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "advice");
  json_builder_begin_array (builder);
  for (guint i = 0; i < CK_N_ADVICE; i++)
    if (advice & (1 << i))
      json_builder_add_string_value (builder, ck_guidance_get_advice_text (guidance, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  ck_cli_print_json (root);
}

gboolean
ck_cli_checklist (CkCliContext  *context,
                  GStrv         *args,
                  GError       **error)
{
  CkGuidance *guidance = ck_guidance_get_default ();
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(CkRegister) reg = NULL;
  g_autoptr(CkCase) kase = NULL;
  g_auto(GStrv) rest = NULL;
  g_autofree char *today_text = NULL;
  gboolean as_json = FALSE;
  CkStepStatus statuses[CK_N_STEPS];
  CkDeadlines deadlines;
  CkCaseFacts facts;
  GDate today;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print the checklist as a JSON object"), NULL },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text, N_("Judge as on this day instead of today"),
      N_("YYYY-MM-DD") },
    { NULL }
  };

  /* Translators: REF stands for a case reference such as AMS-2024-0001. */
  options = ck_cli_options_new (N_("checklist REF"),
                                N_("Shows the steps of the handling guidance for a case: which are done, "
                                   "which are due and by when, what to do now, and the guidance for "
                                   "its situation."),
                                entries);
  if (!(rest = ck_cli_options_parse (options, args, 1, error)) ||
      !parse_today (today_text, &today, error) ||
      !(reg = ck_cli_context_open_register (context, error)) ||
      !(kase = ck_register_find_case (reg, rest[0], FALSE, error)))
    return FALSE;

  ck_guidance_get_deadlines (reg, &deadlines);
  ck_case_facts_init_from_case (&facts, kase);
  ck_guidance_evaluate (&deadlines, &facts, ck_julian_from_date (&today), statuses);

  if (as_json)
    print_checklist_json (guidance, kase->reference, statuses, ck_guidance_get_advice (&facts, statuses));
  else
    print_checklist_text (guidance, statuses, ck_guidance_get_advice (&facts, statuses));

  return TRUE;
}

static const char *
describe_unit (CkDeadline deadline,
               int        value)
{
  if (ck_deadline_is_in_months (deadline))
    return g_dngettext (GETTEXT_PACKAGE, "month", "months", value);

  return g_dngettext (GETTEXT_PACKAGE, "day", "days", value);
}

/* Applies "ID=VALUE" to @deadlines. */
static gboolean
apply_setting (const char   *setting,
               CkDeadlines  *deadlines,
               GError      **error)
{
  g_auto(GStrv) parts = g_strsplit (setting, "=", 2);
  gint64 value;

  for (guint i = 0; i < CK_N_DEADLINES; i++)
    if (parts[1] != NULL && g_str_equal (parts[0], ck_deadline_get_id (i)))
      {
        if (!g_ascii_string_to_signed (parts[1], 10, 0, 1000, &value, NULL))
          {
            g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                         _("--set: “%s” is not a whole number"), parts[1]);
            return FALSE;
          }
        deadlines->value[i] = (int) value;
        return TRUE;
      }

  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("--set: write a deadline as NAME=NUMBER, where NAME is one of "
                 "acknowledge, triage, feedback, outcome or lesson; not “%s”"),
               setting);
  return FALSE;
}

gboolean
ck_cli_deadlines (CkCliContext  *context,
                  GStrv         *args,
                  GError       **error)
{
  CkGuidance *guidance = ck_guidance_get_default ();
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(CkRegister) reg = NULL;
  g_auto(GStrv) rest = NULL;
  g_auto(GStrv) settings = NULL;
  gboolean as_json = FALSE;
  gboolean reset = FALSE;
  CkDeadlines deadlines, defaults;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print the deadlines as a JSON array"), NULL },
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &settings,
      N_("Change a deadline, e.g. “--set acknowledge=5”; may be given more than once"), N_("NAME=NUMBER") },
    { "reset", 0, 0, G_OPTION_ARG_NONE, &reset, N_("Go back to the guidance’s defaults"), NULL },
    { NULL }
  };

  options = ck_cli_options_new ("deadlines",
                                N_("Shows the unit’s deadlines for the steps of the handling guidance, "
                                   "or changes them. They are kept in the register, so the application "
                                   "uses the same."),
                                entries);
  if (!(rest = ck_cli_options_parse (options, args, 0, error)) ||
      !(reg = ck_cli_context_open_register (context, error)))
    return FALSE;

  ck_guidance_get_default_deadlines (guidance, &defaults);
  ck_guidance_get_deadlines (reg, &deadlines);
  if (reset)
    deadlines = defaults;
  for (guint i = 0; settings != NULL && settings[i] != NULL; i++)
    if (!apply_setting (settings[i], &deadlines, error))
      return FALSE;
  if ((reset || settings != NULL) && !ck_guidance_set_deadlines (reg, &deadlines, error))
    return FALSE;

  if (as_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < CK_N_DEADLINES; i++)
        {
          int min, max;

          ck_guidance_get_deadline_range (guidance, i, &min, &max);
          json_builder_begin_object (builder);
          ck_cli_json_add_string (builder, "name", ck_deadline_get_id (i));
          json_builder_set_member_name (builder, "value");
          json_builder_add_int_value (builder, deadlines.value[i]);
          ck_cli_json_add_string (builder, "unit", ck_deadline_is_in_months (i) ? "months" : "days");
          json_builder_set_member_name (builder, "default");
          json_builder_add_int_value (builder, defaults.value[i]);
          json_builder_set_member_name (builder, "min");
          json_builder_add_int_value (builder, min);
          json_builder_set_member_name (builder, "max");
          json_builder_add_int_value (builder, max);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      ck_cli_print_json (root);
    }
  else
    {
      g_autoptr(CkCliTable) table = ck_cli_table_new (4);

      ck_cli_table_set_right_aligned (table, 2);
      ck_cli_table_add_row (table, _("Name"), _("Deadline"), _("Value"), "", NULL);
      for (guint i = 0; i < CK_N_DEADLINES; i++)
        {
          g_autofree char *value = g_strdup_printf ("%d", deadlines.value[i]);

          ck_cli_table_add_row (table, ck_deadline_get_id (i), ck_guidance_get_deadline_title (guidance, i),
                                value, describe_unit (i, deadlines.value[i]), NULL);
        }
      ck_cli_table_print (table);
    }

  return TRUE;
}
