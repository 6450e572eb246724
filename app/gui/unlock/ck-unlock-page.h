/* ck-unlock-page.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CK_TYPE_UNLOCK_PAGE (ck_unlock_page_get_type ())

G_DECLARE_FINAL_TYPE (CkUnlockPage, ck_unlock_page, CK, UNLOCK_PAGE, AdwBin)

void ck_unlock_page_start (CkUnlockPage *self,
                           const char   *register_path,
                           gboolean      demo);

G_END_DECLS
