/* ck-application.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CK_TYPE_APPLICATION (ck_application_get_type ())

G_DECLARE_FINAL_TYPE (CkApplication, ck_application, CK, APPLICATION, AdwApplication)

CkApplication *ck_application_new (void);

G_END_DECLS
