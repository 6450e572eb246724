/* ck-cli-passphrase.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A passphrase in memory: freed with ck_cli_passphrase_free(), which wipes
 * it first. Use as g_auto(CkCliPassphrase). */
typedef char *CkCliPassphrase;

void   ck_cli_passphrase_free       (char        *passphrase);
char  *ck_cli_passphrase_read_file  (const char  *path,
                                     GError     **error);
char  *ck_cli_passphrase_prompt     (const char  *prompt,
                                     GError     **error);

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (CkCliPassphrase, ck_cli_passphrase_free, NULL)

G_END_DECLS
