/* ck-cli-commands.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ck-cli-context.h"

G_BEGIN_DECLS

/* A command gets its own arguments, its name first, and reports failure as
 * a GError that main() turns into a message and an exit status
 * (ck-cli-exit.h). It writes its result to stdout. */
typedef gboolean (*CkCliCommandFunc) (CkCliContext  *context,
                                      GStrv         *args,
                                      GError       **error);

/* ck-cli-register.c */
gboolean ck_cli_init    (CkCliContext *context, GStrv *args, GError **error);
gboolean ck_cli_demo    (CkCliContext *context, GStrv *args, GError **error);

/* ck-cli-cases.c */
gboolean ck_cli_list    (CkCliContext *context, GStrv *args, GError **error);
gboolean ck_cli_show    (CkCliContext *context, GStrv *args, GError **error);
gboolean ck_cli_delete  (CkCliContext *context, GStrv *args, GError **error);

/* ck-cli-edit.c */
gboolean ck_cli_add     (CkCliContext *context, GStrv *args, GError **error);
gboolean ck_cli_edit    (CkCliContext *context, GStrv *args, GError **error);

/* ck-cli-audit.c */
gboolean ck_cli_audit   (CkCliContext *context, GStrv *args, GError **error);

/* ck-cli-guidance.c */
gboolean ck_cli_due       (CkCliContext *context, GStrv *args, GError **error);
gboolean ck_cli_checklist (CkCliContext *context, GStrv *args, GError **error);
gboolean ck_cli_deadlines (CkCliContext *context, GStrv *args, GError **error);

/* ck-cli-retention.c */
gboolean ck_cli_retention (CkCliContext *context, GStrv *args, GError **error);

/* ck-cli-similar.c */
gboolean ck_cli_similar (CkCliContext *context, GStrv *args, GError **error);
/* ck-cli-report.c */
gboolean ck_cli_write_report (CkCliContext *context, GStrv *args, GError **error);
/* ck-cli-sync.c */
gboolean ck_cli_sync               (CkCliContext *context, GStrv *args, GError **error);
gboolean ck_cli_keys               (CkCliContext *context, GStrv *args, GError **error);
gboolean ck_cli_export_anonymised  (CkCliContext *context, GStrv *args, GError **error);
gboolean ck_cli_quarantine         (CkCliContext *context, GStrv *args, GError **error);

G_END_DECLS
