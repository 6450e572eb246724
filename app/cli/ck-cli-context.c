/* ck-cli-context.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ck-cli-context.h"
#include "ck-cli-passphrase.h"
#include "ck-date.h"
#include "ck-error.h"
#include "ck-register.h"
#include "ck-retention.h"
#include "ck-vocabulary.h"

void
ck_cli_context_clear (CkCliContext *self)
{
  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->passphrase_file, g_free);
}

/* A new passphrase is asked twice: a typing error would lock the register
 * for good. */
static char *
get_passphrase (CkCliContext  *self,
                gboolean       is_new,
                GError       **error)
{
  g_auto(CkCliPassphrase) first = NULL;
  g_auto(CkCliPassphrase) second = NULL;
  g_autofree char *prompt = NULL;

  if (self->passphrase_file != NULL)
    return ck_cli_passphrase_read_file (self->passphrase_file, error);

  if (!is_new)
    {
      prompt = g_strdup_printf (_("Passphrase for %s: "), self->db_path);
      return ck_cli_passphrase_prompt (prompt, error);
    }

  prompt = g_strdup_printf (_("New passphrase for %s: "), self->db_path);
  if (!(first = ck_cli_passphrase_prompt (prompt, error)) ||
      !(second = ck_cli_passphrase_prompt (_("Repeat the passphrase: "), error)))
    return NULL;

  if (!g_str_equal (first, second))
    {
      g_set_error_literal (error, CK_ERROR, CK_ERROR_INVALID,
                           _("The two passphrases differ; nothing was created."));
      return NULL;
    }

  return g_steal_pointer (&first);
}

/* The audit log names who made a change; from here that is the account
 * that ran the tool, marked so that scripted changes stand out. */
static void
set_actor (CkRegister *reg)
{
  g_autofree char *actor = g_strdup_printf ("%s (casuskamer-cli)", g_get_user_name ());

  ck_register_set_actor (reg, actor);
}

/* The command line enforces the retention term as the window does: no
 * command shows or exports personal data that is past it. */
static gboolean
apply_retention (CkRegister  *reg,
                 GError     **error)
{
  guint n_cases = 0, n_sessions = 0;
  GDate today;

  ck_date_set_today (&today);
  if (!ck_retention_apply (reg, &today, &n_cases, &n_sessions, error))
    return FALSE;

  if (n_cases + n_sessions > 0)
    {
      g_autofree char *message = ck_retention_describe_erased (n_cases, n_sessions,
                                                               ck_retention_get_years (reg));

      g_printerr ("%s.\n", message);
    }

  return TRUE;
}

/**
 * ck_cli_context_open_register:
 *
 * Opens and unlocks the register. The passphrase is only asked for once
 * the file is known to be a register, so a wrong path fails at once.
 *
 * Returns: (transfer full) (nullable): the unlocked register, or %NULL
 *   with @error set
 */
CkRegister *
ck_cli_context_open_register (CkCliContext  *self,
                              GError       **error)
{
  g_autoptr(CkRegister) reg = NULL;
  g_auto(CkCliPassphrase) passphrase = NULL;

  if (!(reg = ck_register_open (self->db_path, error)) ||
      !(passphrase = get_passphrase (self, FALSE, error)) ||
      !ck_register_unlock (reg, passphrase, error))
    return NULL;

  set_actor (reg);
  if (!self->keep_past_term && !apply_retention (reg, error))
    return NULL;

  return g_steal_pointer (&reg);
}

/**
 * ck_cli_context_create_register:
 *
 * Creates a new register for @unit. What the register would refuse anyway
 * (an existing file, an unknown unit) is checked before the passphrase is
 * asked, so nobody types it twice for nothing; the register's own checks
 * still decide.
 *
 * Returns: (transfer full) (nullable): the new, unlocked register, or %NULL
 *   with @error set
 */
CkRegister *
ck_cli_context_create_register (CkCliContext  *self,
                                const char    *unit,
                                GError       **error)
{
  g_autoptr(CkRegister) reg = NULL;
  g_auto(CkCliPassphrase) passphrase = NULL;

  if (g_file_test (self->db_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CK_ERROR, CK_ERROR_EXISTS,
                   _("A file already exists at %s; it was left as it is."), self->db_path);
      return NULL;
    }

  if (ck_vocabulary_lookup (ck_vocabulary_get_default (), CK_VOCAB_UNITS, unit) == NULL)
    {
      g_set_error (error, CK_ERROR, CK_ERROR_INVALID,
                   _("“%s” is not a known unit code"), unit);
      return NULL;
    }

  if (!(passphrase = get_passphrase (self, TRUE, error)) ||
      !(reg = ck_register_create (self->db_path, unit, passphrase, error)))
    return NULL;

  set_actor (reg);
  return g_steal_pointer (&reg);
}
