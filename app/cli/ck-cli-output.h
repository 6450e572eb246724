/* ck-cli-output.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "ck-case-fields.h"

G_BEGIN_DECLS

/* Output on stdout: JSON for scripts, aligned text for people. */

typedef struct _CkCliTable CkCliTable;

void        ck_cli_print_json              (JsonNode          *node);
void        ck_cli_json_add_string         (JsonBuilder       *builder,
                                            const char        *member,
                                            const char        *value);
char       *ck_cli_format_value            (const CkFieldInfo *field,
                                            const CkCase      *kase);
guint       ck_cli_text_width              (const char        *text);
void        ck_cli_print_labelled          (const char        *label,
                                            const char        *value,
                                            guint              label_width);

CkCliTable *ck_cli_table_new               (guint              n_columns);
void        ck_cli_table_set_right_aligned (CkCliTable        *self,
                                            guint              column);
void        ck_cli_table_add_row           (CkCliTable        *self,
                                            ...) G_GNUC_NULL_TERMINATED;
void        ck_cli_table_print             (CkCliTable        *self);
void        ck_cli_table_free              (CkCliTable        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CkCliTable, ck_cli_table_free)

G_END_DECLS
