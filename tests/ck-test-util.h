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

/* Every confidential value of a register, to search shown or written text
 * for: the words of names, personnel numbers, contact details, file
 * references and narratives. */
typedef struct _CkTestSecrets CkTestSecrets;

CkTestSecrets *ck_test_secrets_new     (CkRegister    *reg);
void           ck_test_secrets_add     (CkTestSecrets *self,
                                        const char    *value);
guint          ck_test_secrets_count   (CkTestSecrets *self);
char          *ck_test_secrets_find    (CkTestSecrets *self,
                                        const char    *text);
void           ck_test_secrets_free    (CkTestSecrets *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CkTestSecrets, ck_test_secrets_free)

G_END_DECLS
