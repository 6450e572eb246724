/* ck-test-util.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ck-types.h"

G_BEGIN_DECLS

#define CK_TEST_PASSPHRASE "correct horse battery"

char       *ck_test_make_dir           (void);
void        ck_test_remove_dir         (const char  *path);
CkRegister *ck_test_create_register    (const char  *dir,
                                        const char  *name);
CkCase     *ck_test_make_full_case     (void);
GBytes     *ck_test_read_register_files (const char *path);
gboolean    ck_test_bytes_contain      (GBytes      *haystack,
                                        gconstpointer needle,
                                        gsize        len);

G_END_DECLS
