/* ck-cli-test-util.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* What one run of casuskamer-cli gave: its exit status and its output. */
typedef struct
{
  int   status;
  char *out;
  char *err;
} CkCliResult;

void         ck_cli_result_free         (CkCliResult *result);
CkCliResult *ck_cli_test_run_argv       (const char  *input,
                                         GPtrArray   *args);
CkCliResult *ck_cli_test_run_va         (const char  *db,
                                         const char  *passphrase_file,
                                         const char  *input,
                                         const char  *first,
                                         va_list      rest);
void         ck_cli_test_assert_ok      (CkCliResult *result);
void         ck_cli_test_assert_failed  (CkCliResult *result,
                                         int          status,
                                         const char  *message_part);
JsonNode    *ck_cli_test_parse_json     (const char  *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CkCliResult, ck_cli_result_free)

G_END_DECLS
