/* ck-cli-context.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ck-types.h"

G_BEGIN_DECLS

/* What every command gets from the global options: which register, and
 * where its passphrase comes from. */
typedef struct
{
  char *db_path;           /* never NULL once main() has parsed the options */
  char *passphrase_file;   /* NULL: ask on the terminal */
  /* Opening the register erases the personal data past its retention
   * term, unless a command (`retention`) shows it first. */
  gboolean keep_past_term;
} CkCliContext;

void        ck_cli_context_clear            (CkCliContext  *self);
CkRegister *ck_cli_context_open_register    (CkCliContext  *self,
                                             GError       **error);
CkRegister *ck_cli_context_create_register  (CkCliContext  *self,
                                             const char    *unit,
                                             GError       **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CkCliContext, ck_cli_context_clear)

G_END_DECLS
