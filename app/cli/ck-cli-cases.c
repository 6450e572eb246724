/* ck-cli-cases.c: the commands that read and erase cases, `list`, `show`
 * and `delete`
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ck-case.h"
#include "ck-case-fields.h"
#include "ck-case-json.h"
#include "ck-case-query.h"
#include "ck-case-row.h"
#include "ck-cli-commands.h"
#include "ck-cli-options.h"
#include "ck-cli-output.h"
#include "ck-date.h"
#include "ck-register.h"
#include "ck-vocabulary.h"

static gboolean
parse_date_option (const char  *option,
                   const char  *text,
                   GDate       *date,
                   GError     **error)
{
  if (text == NULL)
    return TRUE;

  if (!ck_date_from_iso (date, text) || !ck_date_is_set (date))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s: “%s” is not a date; write it as YYYY-MM-DD"), option, text);
      return FALSE;
    }

  return TRUE;
}

/* Returns: (transfer full) (element-type CkCaseRow): the rows of the cases
 * that match @query, by id. Both the case list and the query results are
 * ordered by id, so one walk over the list picks the matches. */
static GPtrArray *
find_rows (CkRegister         *reg,
           const CkCaseQuery  *query,
           GError            **error)
{
  GListModel *cases = ck_register_get_cases (reg);
  guint n_cases = g_list_model_get_n_items (cases);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) ids = NULL;
  guint next = 0;

  if (ck_case_query_is_empty (query))
    {
      for (guint i = 0; i < n_cases; i++)
        g_ptr_array_add (rows, g_list_model_get_item (cases, i));
      return g_steal_pointer (&rows);
    }

  if (!(ids = ck_register_query (reg, query, error)))
    return NULL;

  for (guint i = 0; i < n_cases && next < ids->len; i++)
    {
      g_autoptr(CkCaseRow) row = g_list_model_get_item (cases, i);
      gint64 id = ck_case_row_get_id (row);

      while (next < ids->len && g_array_index (ids, gint64, next) < id)
        next++;
      if (next < ids->len && g_array_index (ids, gint64, next) == id)
        g_ptr_array_add (rows, g_steal_pointer (&row));
    }

  return g_steal_pointer (&rows);
}

static void
add_codes (JsonBuilder        *builder,
           const char         *member,
           const char * const *codes)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; codes[i] != NULL; i++)
    json_builder_add_string_value (builder, codes[i]);
  json_builder_end_array (builder);
}

static void
print_rows_json (GPtrArray *rows)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < rows->len; i++)
    {
      CkCaseRow *row = rows->pdata[i];
      int days_open = ck_case_row_get_days_open (row);

      json_builder_begin_object (builder);
      ck_cli_json_add_string (builder, "reference", ck_case_row_get_reference (row));
      ck_cli_json_add_string (builder, "report_date", ck_case_row_get_report_date (row));
      ck_cli_json_add_string (builder, "kind", ck_case_row_get_kind (row));
      add_codes (builder, "grounds", ck_case_row_get_grounds (row));
      add_codes (builder, "manifestations", ck_case_row_get_manifestations (row));
      ck_cli_json_add_string (builder, "status", ck_case_row_get_status (row));
      ck_cli_json_add_string (builder, "team", ck_case_row_get_team (row));
      json_builder_set_member_name (builder, "days_open");
      if (days_open >= 0)
        json_builder_add_int_value (builder, days_open);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  ck_cli_print_json (root);
}

static void
print_rows_text (GPtrArray *rows)
{
  CkVocabulary *vocabulary = ck_vocabulary_get_default ();
  g_autoptr(CkCliTable) table = ck_cli_table_new (6);

  ck_cli_table_set_right_aligned (table, 5);
  ck_cli_table_add_row (table, _("Reference"), _("Date"), _("Kind"), _("Grounds"),
                        _("Status"), _("Days open"), NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      CkCaseRow *row = rows->pdata[i];
      g_autofree char *date = NULL;
      g_autofree char *grounds = NULL;
      g_autofree char *days = NULL;
      GDate report_date;
      int days_open = ck_case_row_get_days_open (row);

      ck_date_from_iso (&report_date, ck_case_row_get_report_date (row));
      date = ck_date_format_user (&report_date);
      grounds = ck_vocabulary_join_labels (vocabulary, CK_VOCAB_GROUNDS, ck_case_row_get_grounds (row));
      days = days_open >= 0 ? g_strdup_printf ("%d", days_open) : g_strdup ("");

      ck_cli_table_add_row (table,
                            ck_case_row_get_reference (row),
                            date,
                            ck_vocabulary_get_label (vocabulary, CK_VOCAB_KINDS, ck_case_row_get_kind (row)),
                            grounds,
                            ck_vocabulary_get_label (vocabulary, CK_VOCAB_STATUSES, ck_case_row_get_status (row)),
                            days,
                            NULL);
    }

  ck_cli_table_print (table);
}

gboolean
ck_cli_list (CkCliContext  *context,
             GStrv         *args,
             GError       **error)
{
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(CkCaseQuery) query = ck_case_query_new ();
  g_autoptr(CkRegister) reg = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(GStrv) rest = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  gboolean as_json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print a JSON array, one object per case"), NULL },
    { "search", 0, 0, G_OPTION_ARG_STRING, &query->text,
      N_("Only cases whose reference, team or codes (and their labels) start with these words"), N_("TEXT") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &query->status, N_("Only cases with this status"), N_("CODE") },
    { "ground", 0, 0, G_OPTION_ARG_STRING, &query->ground, N_("Only cases on this ground"), N_("CODE") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("Only cases reported on or after this day"), N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Only cases reported on or before this day"), N_("YYYY-MM-DD") },
    { NULL }
  };

  options = ck_cli_options_new ("list",
                                N_("Lists the cases of the register, oldest first, without their "
                                   "confidential fields."),
                                entries);
  if (!(rest = ck_cli_options_parse (options, args, 0, error)) ||
      !parse_date_option ("--from", from, &query->from, error) ||
      !parse_date_option ("--to", to, &query->to, error))
    return FALSE;

  if (!(reg = ck_cli_context_open_register (context, error)) ||
      !(rows = find_rows (reg, query, error)))
    return FALSE;

  if (as_json)
    print_rows_json (rows);
  else
    print_rows_text (rows);

  return TRUE;
}

static void
print_fields (const CkCase *kase,
              gboolean      confidential,
              guint         width)
{
  const CkFieldInfo *fields;
  guint n_fields;

  fields = ck_case_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *value = NULL;

      if (fields[i].confidential != confidential)
        continue;

      value = ck_cli_format_value (&fields[i], kase);
      ck_cli_print_labelled (ck_case_field_get_label (&fields[i]), value, width);
    }
}

/* The case as "Label: value" lines, the confidential fields apart under
 * their own heading, so that nobody reads them out by accident. */
static void
print_case_text (const CkCase *kase)
{
  const CkFieldInfo *fields;
  guint n_fields;
  guint width = 0;

  fields = ck_case_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    width = MAX (width, ck_cli_text_width (ck_case_field_get_label (&fields[i])));

  print_fields (kase, FALSE, width);
  g_print ("\n%s\n", _("Confidential"));
  if (ck_date_is_set (&kase->personal_data_erased_on))
    {
      g_autofree char *erased_on = ck_date_to_iso (&kase->personal_data_erased_on);

      /* Translators: %s is a date (YYYY-MM-DD). */
      g_print (_("Personal data erased on %s after the retention term\n"), erased_on);
    }
  print_fields (kase, TRUE, width);
}

gboolean
ck_cli_show (CkCliContext  *context,
             GStrv         *args,
             GError       **error)
{
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(CkRegister) reg = NULL;
  g_autoptr(CkCase) kase = NULL;
  g_auto(GStrv) rest = NULL;
  gboolean as_json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print the case as a JSON object"), NULL },
    { NULL }
  };

  /* Translators: REF stands for a case reference such as AMS-2024-0001. */
  options = ck_cli_options_new (N_("show REF"),
                                N_("Shows every field of a case, the confidential ones included."),
                                entries);
  if (!(rest = ck_cli_options_parse (options, args, 1, error)) ||
      !(reg = ck_cli_context_open_register (context, error)) ||
      !(kase = ck_register_find_case (reg, rest[0], TRUE, error)))
    return FALSE;

  if (as_json)
    {
      g_autoptr(JsonNode) node = ck_case_to_json (kase, TRUE);

      ck_cli_print_json (node);
    }
  else
    print_case_text (kase);

  return TRUE;
}

gboolean
ck_cli_delete (CkCliContext  *context,
               GStrv         *args,
               GError       **error)
{
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(CkRegister) reg = NULL;
  g_autoptr(CkCase) kase = NULL;
  g_auto(GStrv) rest = NULL;
  gboolean yes = FALSE;
  const GOptionEntry entries[] = {
    { "yes", 0, 0, G_OPTION_ARG_NONE, &yes, N_("Yes, erase the case for good"), NULL },
    { NULL }
  };

  /* Translators: REF stands for a case reference such as AMS-2024-0001. */
  options = ck_cli_options_new (N_("delete REF"),
                                N_("Erases a case for good, its confidential fields included: it cannot "
                                   "be restored, and only the audit log keeps that it existed."),
                                entries);
  if (!(rest = ck_cli_options_parse (options, args, 1, error)))
    return FALSE;

  if (!yes)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("Erasing %s cannot be undone; nothing was erased. Add --yes to erase it."),
                   rest[0]);
      return FALSE;
    }

  if (!(reg = ck_cli_context_open_register (context, error)) ||
      !(kase = ck_register_find_case (reg, rest[0], FALSE, error)) ||
      !ck_register_erase_case (reg, kase->id, error))
    return FALSE;

  g_print (_("Erased %s\n"), kase->reference);
  return TRUE;
}
