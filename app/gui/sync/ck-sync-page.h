/* ck-sync-page.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ck-types.h"

G_BEGIN_DECLS

#define CK_TYPE_SYNC_PAGE (ck_sync_page_get_type ())

G_DECLARE_FINAL_TYPE (CkSyncPage, ck_sync_page, CK, SYNC_PAGE, AdwBin)

/* The Synchronisatie page: where the shared repository is, the smallest
 * group that may be published, logging in, "Publish and Fetch" with its
 * progress and a Cancel button, the last result in words, and the replica
 * keys (this register's, and those a national coordinator enrolled). */
void     ck_sync_page_set_register (CkSyncPage *self,
                                    CkRegister *reg);
void     ck_sync_page_run          (CkSyncPage *self);
gboolean ck_sync_page_is_running   (CkSyncPage *self);

G_END_DECLS
