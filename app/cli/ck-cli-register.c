/* ck-cli-register.c: the commands that make a register, `init` and `demo`
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ck-cli-commands.h"
#include "ck-cli-options.h"
#include "ck-date.h"
#include "ck-demo.h"
#include "ck-register.h"
#include "ck-vocabulary.h"

/* Enough for any load test; more would only run out of memory, as the
 * cases are generated in memory before the one transaction stores them. */
#define MAX_DEMO_CASES 1000000

static char *
describe_units (void)
{
  g_autofree char *units = ck_cli_describe_codes (CK_VOCAB_UNITS);

  return g_strdup_printf (_("Units: %s"), units);
}

gboolean
ck_cli_init (CkCliContext  *context,
             GStrv         *args,
             GError       **error)
{
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(CkRegister) reg = NULL;
  g_auto(GStrv) rest = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *description = describe_units ();
  const GOptionEntry entries[] = {
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("The unit the register is for (required)"), N_("CODE") },
    { NULL }
  };

  options = ck_cli_options_new ("init",
                                N_("Creates a new, empty register at the --db path. An existing file is "
                                   "never overwritten. Without --passphrase-file the new passphrase is "
                                   "asked twice."),
                                entries);
  g_option_context_set_description (options, description);
  if (!(rest = ck_cli_options_parse (options, args, 0, error)))
    return FALSE;

  if (unit == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("Give the unit of the new register with --unit CODE, e.g. --unit AMS"));
      return FALSE;
    }

  if (!(reg = ck_cli_context_create_register (context, unit, error)))
    return FALSE;

  g_print (_("Created an empty register for unit %s at %s\n"), unit, ck_register_get_path (reg));
  return TRUE;
}

static gboolean
parse_until (const char  *text,
             GDate       *until,
             GError     **error)
{
  GDate today;

  ck_date_set_today (&today);
  if (text == NULL)
    {
      *until = today;
      return TRUE;
    }

  if (!ck_date_from_iso (until, text) || !ck_date_is_set (until))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--until: “%s” is not a date; write it as YYYY-MM-DD"), text);
      return FALSE;
    }

  /* The register refuses dates in the future. */
  if (g_date_compare (until, &today) > 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--until: %s is in the future"), text);
      return FALSE;
    }

  return TRUE;
}

/* Opens the register to add to; when there is none yet, creates it for
 * @unit. */
static CkRegister *
open_or_create (CkCliContext  *context,
                const char    *unit,
                GError       **error)
{
  g_autoptr(CkRegister) reg = NULL;

  if (!g_file_test (context->db_path, G_FILE_TEST_EXISTS))
    {
      if (unit == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                       _("There is no register at %s yet; give --unit CODE to create one"),
                       context->db_path);
          return NULL;
        }
      return ck_cli_context_create_register (context, unit, error);
    }

  if (!(reg = ck_cli_context_open_register (context, error)))
    return NULL;

  if (unit != NULL && !g_str_equal (unit, ck_register_get_unit (reg)))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("The register at %s is for unit %s, not %s"),
                   context->db_path, ck_register_get_unit (reg), unit);
      return NULL;
    }

  return g_steal_pointer (&reg);
}

gboolean
ck_cli_demo (CkCliContext  *context,
             GStrv         *args,
             GError       **error)
{
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(CkRegister) reg = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_auto(GStrv) rest = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *until_text = NULL;
  g_autofree char *units = describe_units ();
  g_autofree char *description = NULL;
  int n_cases = CK_DEMO_CASES;
  gint64 seed = CK_DEMO_SEED;
  GDate until;
  const GOptionEntry entries[] = {
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit,
      N_("The unit of the cases; required when the register does not exist yet"), N_("CODE") },
    { "cases", 0, 0, G_OPTION_ARG_INT, &n_cases,
      N_("How many cases to invent"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed,
      N_("The same seed and end date give the same cases"), N_("S") },
    { "until", 0, 0, G_OPTION_ARG_STRING, &until_text,
      N_("The last day of the three years the cases cover (default: today)"), N_("YYYY-MM-DD") },
    { NULL }
  };

  options = ck_cli_options_new ("demo",
                                N_("Invents realistic cases, confidential fields included, and adds them "
                                   "all in one transaction. Creates the register first when there is "
                                   "none at the --db path."),
                                entries);
  description = g_strdup_printf (_("Without --cases and --seed, %d cases are invented with seed %d.\n\n%s"),
                                 CK_DEMO_CASES, CK_DEMO_SEED, units);
  g_option_context_set_description (options, description);
  if (!(rest = ck_cli_options_parse (options, args, 0, error)))
    return FALSE;

  if (n_cases < 1 || n_cases > MAX_DEMO_CASES)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--cases must be from 1 to %d"), MAX_DEMO_CASES);
      return FALSE;
    }
  if (seed < 0 || seed > G_MAXUINT32)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--seed must be from 0 to %u"), G_MAXUINT32);
      return FALSE;
    }
  if (!parse_until (until_text, &until, error))
    return FALSE;

  if (!(reg = open_or_create (context, unit, error)))
    return FALSE;

  cases = ck_demo_generate (ck_register_get_unit (reg), n_cases, (guint32) seed, &until);
  if (!ck_register_insert_cases (reg, cases, error))
    return FALSE;

  g_print (ngettext ("Added %u demo case to %s\n", "Added %u demo cases to %s\n", cases->len),
           cases->len, ck_register_get_path (reg));
  return TRUE;
}
