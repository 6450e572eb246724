/* ck-cli-options.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ck-cli-options.h"
#include "ck-vocabulary.h"

/**
 * ck_cli_options_new:
 * @parameter_string: (nullable): untranslated, e.g. N_("show REF")
 * @summary: untranslated, e.g. N_("Shows a case.")
 * @entries: (nullable): with untranslated descriptions
 *
 * Returns: (transfer full): the options of one command; its texts are
 *   translated when --help prints them
 */
GOptionContext *
ck_cli_options_new (const char         *parameter_string,
                    const char         *summary,
                    const GOptionEntry *entries)
{
  GOptionContext *options = g_option_context_new (parameter_string);

  g_option_context_set_translation_domain (options, GETTEXT_PACKAGE);
  g_option_context_set_summary (options, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);

  return options;
}

/**
 * ck_cli_options_parse:
 * @args: (inout): the command's arguments, the command's name first
 * @n_arguments: how many arguments that are not options the command takes
 *
 * Parses the options of a command, which may stand before or after its
 * arguments ("--" ends the options).
 *
 * Returns: (transfer full) (nullable): exactly @n_arguments arguments, or
 *   %NULL with a G_OPTION_ERROR set
 */
GStrv
ck_cli_options_parse (GOptionContext  *options,
                      GStrv           *args,
                      guint            n_arguments,
                      GError         **error)
{
  g_auto(GStrv) remaining = NULL;
  const GOptionEntry remaining_entries[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &remaining, NULL, NULL },
    { NULL }
  };
  guint n_remaining;

  g_option_context_add_main_entries (options, remaining_entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse_strv (options, args, error))
    return NULL;

  n_remaining = remaining != NULL ? g_strv_length (remaining) : 0;
  if (n_remaining < n_arguments)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("An argument is missing. Run “%s %s --help” to see what “%s” needs."),
                   g_get_prgname (), (*args)[0], (*args)[0]);
      return NULL;
    }
  if (n_remaining > n_arguments)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Unexpected argument “%s”"), remaining[n_arguments]);
      return NULL;
    }

  if (remaining == NULL)
    remaining = g_new0 (char *, 1);

  return g_steal_pointer (&remaining);
}

/* Returns: (transfer full): the codes of vocabulary @list with their
 * labels, "AMS (Amsterdam), DHG (Den Haag), …", for --help texts */
char *
ck_cli_describe_codes (const char *list)
{
  GPtrArray *terms = ck_vocabulary_get_terms (ck_vocabulary_get_default (), list);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < terms->len; i++)
    {
      const CkTerm *term = terms->pdata[i];

      if (i > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, "%s (%s)", term->code, term->label);
    }

  return g_string_free (text, FALSE);
}
