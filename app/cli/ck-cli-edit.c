/* ck-cli-edit.c: the commands that write cases, `add` and `edit`
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>

#include "ck-case.h"
#include "ck-case-fields.h"
#include "ck-case-json.h"
#include "ck-cli-commands.h"
#include "ck-cli-options.h"
#include "ck-register.h"

/* A new case without a status starts as a new one. */
#define DEFAULT_STATUS "nieuw"

/* One option per field of the field table, "--report-date" for
 * "report_date", taking the text form of ck_case_field_set_string(). The
 * values are kept in the order given and applied once the case is at hand:
 * `edit` only decrypts a case's confidential fields when one of them is to
 * change. */
typedef struct
{
  GStringChunk *names;     /* the option names, alive as long as the options */
  GArray       *entries;   /* of GOptionEntry, ending in an empty one */
  GPtrArray    *fields;    /* const CkFieldInfo *, as given */
  GPtrArray    *values;    /* char *, as given */
} FieldOptions;

static void
field_options_clear (FieldOptions *self)
{
  g_clear_pointer (&self->names, g_string_chunk_free);
  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->values, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FieldOptions, field_options_clear)

/* The register gives a case its reference and unit. */
static gboolean
is_settable (const CkFieldInfo *field)
{
  return !g_str_equal (field->name, "reference") && !g_str_equal (field->name, "unit");
}

static gboolean
collect_field (const char  *option_name,
               const char  *value,
               gpointer     user_data,
               GError     **error)
{
  FieldOptions *self = user_data;
  g_autofree char *name = g_strdelimit (g_strdup (option_name + 2), "-", '_');
  const CkFieldInfo *field = ck_case_field_lookup (name);

  g_assert (field != NULL);
  g_ptr_array_add (self->fields, (gpointer) field);
  g_ptr_array_add (self->values, g_strdup (value));
  return TRUE;
}

static const char *
describe_argument (const CkFieldInfo *field)
{
  switch (field->type)
    {
    case CK_FIELD_TEXT:
      return N_("TEXT");
    case CK_FIELD_CODE:
      return N_("CODE");
    case CK_FIELD_CODES:
      return N_("CODE,…");
    case CK_FIELD_DATE:
      return N_("YYYY-MM-DD");
    case CK_FIELD_BOOL:
      return "yes|no";
    case CK_FIELD_TRISTATE:
      return "yes|no|unknown";
    case CK_FIELD_MEASURES:
      return N_("CODE[:conditional],…");
    default:
      g_assert_not_reached ();
    }
}

/* Lists the codes each coded field takes, so that --help is all one needs
 * to write a command. */
static char *
describe_codes (void)
{
  GString *text = g_string_new (_("Codes:"));
  const CkFieldInfo *fields;
  guint n_fields;

  fields = ck_case_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *option = NULL;
      g_autofree char *codes = NULL;

      if (fields[i].vocabulary == NULL || !is_settable (&fields[i]))
        continue;

      option = g_strdelimit (g_strdup (fields[i].name), "_", '-');
      codes = ck_cli_describe_codes (fields[i].vocabulary);
      g_string_append_printf (text, "\n  --%s: %s", option, codes);
    }

  return g_string_free (text, FALSE);
}

/* Sets up @self and adds its options, and @entries, to @options. */
static void
field_options_init (FieldOptions       *self,
                    GOptionContext     *options,
                    const GOptionEntry *entries)
{
  GOptionGroup *group = g_option_group_new (NULL, NULL, NULL, self, NULL);
  const GOptionEntry end = { NULL };
  const CkFieldInfo *fields;
  guint n_fields;

  self->names = g_string_chunk_new (512);
  self->entries = g_array_new (FALSE, TRUE, sizeof (GOptionEntry));
  self->fields = g_ptr_array_new ();
  self->values = g_ptr_array_new_with_free_func (g_free);

  fields = ck_case_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *name = NULL;
      GOptionEntry entry = { NULL };

      if (!is_settable (&fields[i]))
        continue;

      name = g_strdelimit (g_strdup (fields[i].name), "_", '-');
      entry.long_name = g_string_chunk_insert (self->names, name);
      entry.arg = G_OPTION_ARG_CALLBACK;
      entry.arg_data = (gpointer) collect_field;
      entry.description = fields[i].label;
      entry.arg_description = describe_argument (&fields[i]);
      g_array_append_val (self->entries, entry);
    }
  g_array_append_val (self->entries, end);

  /* The callbacks get the user data of the main group: make it ours. */
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_group_add_entries (group, entries);
  g_option_group_add_entries (group, (const GOptionEntry *) self->entries->data);
  g_option_context_set_main_group (options, group);
}

static gboolean
field_options_apply (FieldOptions  *self,
                     CkCase        *kase,
                     GError       **error)
{
  for (guint i = 0; i < self->fields->len; i++)
    if (!ck_case_field_set_string (self->fields->pdata[i], kase, self->values->pdata[i], error))
      return FALSE;

  return TRUE;
}

static gboolean
field_options_any_confidential (FieldOptions *self)
{
  for (guint i = 0; i < self->fields->len; i++)
    if (((const CkFieldInfo *) self->fields->pdata[i])->confidential)
      return TRUE;

  return FALSE;
}

static JsonNode *
parse_json_input (const char  *path,
                  GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  if (g_str_equal (path, "-"))
    {
      g_autoptr(GString) data = g_string_new (NULL);
      char buffer[65536];
      size_t n;

      while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
        g_string_append_len (data, buffer, n);
      if (ferror (stdin))
        {
          int saved_errno = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       _("Cannot read standard input: %s"), g_strerror (saved_errno));
          return NULL;
        }

      if (!json_parser_load_from_data (parser, data->str, data->len, error))
        return NULL;
    }
  else if (!json_parser_load_from_mapped_file (parser, path, error))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                   _("%s holds no JSON"), g_str_equal (path, "-") ? _("Standard input") : path);
      return NULL;
    }

  return json_node_ref (root);
}

/* Stores one case, or several in one transaction: all or nothing. */
static gboolean
store_cases (CkRegister  *reg,
             GPtrArray   *cases,
             gboolean     bulk,
             GError     **error)
{
  for (guint i = 0; i < cases->len; i++)
    {
      CkCase *kase = cases->pdata[i];

      if (kase->status == NULL)
        kase->status = g_strdup (DEFAULT_STATUS);
    }

  if (bulk)
    return ck_register_insert_cases (reg, cases, error);

  g_assert (cases->len == 1);
  return ck_register_save_case (reg, cases->pdata[0], error);
}

gboolean
ck_cli_add (CkCliContext  *context,
            GStrv         *args,
            GError       **error)
{
  g_auto(FieldOptions) fields = { NULL };
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(CkRegister) reg = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_auto(GStrv) rest = NULL;
  g_autofree char *json_path = NULL;
  g_autofree char *codes = describe_codes ();
  g_autofree char *description = NULL;
  gboolean bulk = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &json_path,
      N_("Read a case object, or an array of them, from FILE (“-”: standard input)"), N_("FILE") },
    { NULL }
  };

  options = ck_cli_options_new ("add",
                                N_("Adds a case from the field options, or cases from JSON in the form "
                                   "“show --json” prints; an array is added all or nothing. The status "
                                   "is “nieuw” unless given. Prints the reference of each new case."),
                                NULL);
  description = g_strdup_printf ("%s\n\n%s", codes,
                                 _("Values given as options are visible to other programs on this "
                                   "computer and stay in the shell’s history: give confidential fields "
                                   "in a JSON file, or on standard input, instead."));
  g_option_context_set_description (options, description);
  field_options_init (&fields, options, entries);
  if (!(rest = ck_cli_options_parse (options, args, 0, error)))
    return FALSE;

  if (json_path != NULL && fields.fields->len > 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("Give the fields either as options or with --json, not both"));
      return FALSE;
    }

  /* Everything is read and checked before the passphrase is asked. */
  if (json_path != NULL)
    {
      if (!(json = parse_json_input (json_path, error)) ||
          !(cases = ck_cases_from_json (json, error)))
        return FALSE;
      bulk = JSON_NODE_HOLDS_ARRAY (json);
    }
  else
    {
      g_autoptr(CkCase) kase = ck_case_new ();

      if (fields.fields->len == 0)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                       _("Give the fields of the case as options, or --json FILE. Run “%s add --help” for them."),
                       g_get_prgname ());
          return FALSE;
        }

      kase->has_confidential = TRUE;
      if (!field_options_apply (&fields, kase, error))
        return FALSE;

      cases = g_ptr_array_new_with_free_func ((GDestroyNotify) ck_case_free);
      g_ptr_array_add (cases, g_steal_pointer (&kase));
    }

  if (cases->len == 0)
    return TRUE;

  if (!(reg = ck_cli_context_open_register (context, error)) ||
      !store_cases (reg, cases, bulk, error))
    return FALSE;

  for (guint i = 0; i < cases->len; i++)
    g_print ("%s\n", ((CkCase *) cases->pdata[i])->reference);

  return TRUE;
}

gboolean
ck_cli_edit (CkCliContext  *context,
             GStrv         *args,
             GError       **error)
{
  g_auto(FieldOptions) fields = { NULL };
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(CkRegister) reg = NULL;
  g_autoptr(CkCase) kase = NULL;
  g_auto(GStrv) rest = NULL;
  g_autofree char *codes = describe_codes ();

  /* Translators: REF stands for a case reference such as AMS-2024-0001. */
  options = ck_cli_options_new (N_("edit REF"),
                                N_("Changes the fields given as options and leaves the others as they "
                                   "are; an empty value clears a field. Every change goes into the "
                                   "audit log."),
                                NULL);
  g_option_context_set_description (options, codes);
  field_options_init (&fields, options, NULL);
  if (!(rest = ck_cli_options_parse (options, args, 1, error)))
    return FALSE;

  if (fields.fields->len == 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("Give at least one field to change. Run “%s edit --help” for them."),
                   g_get_prgname ());
      return FALSE;
    }

  if (!(reg = ck_cli_context_open_register (context, error)) ||
      !(kase = ck_register_find_case (reg, rest[0], field_options_any_confidential (&fields), error)) ||
      !field_options_apply (&fields, kase, error) ||
      !ck_register_save_case (reg, kase, error))
    return FALSE;

  g_print ("%s\n", kase->reference);
  return TRUE;
}
