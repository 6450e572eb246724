/* ck-cli-options.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

GOptionContext *ck_cli_options_new    (const char          *parameter_string,
                                       const char          *summary,
                                       const GOptionEntry  *entries);
GStrv           ck_cli_options_parse  (GOptionContext      *options,
                                       GStrv               *args,
                                       guint                n_arguments,
                                       GError             **error);
char           *ck_cli_describe_codes (const char          *list);

G_END_DECLS
