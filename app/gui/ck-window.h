/* ck-window.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ck-application.h"
#include "ck-types.h"

G_BEGIN_DECLS

#define CK_TYPE_WINDOW (ck_window_get_type ())

G_DECLARE_FINAL_TYPE (CkWindow, ck_window, CK, WINDOW, AdwApplicationWindow)

CkWindow   *ck_window_new          (CkApplication *application,
                                    const char    *register_path,
                                    gboolean       demo);
CkRegister *ck_window_get_register (CkWindow      *self);
GtkWidget  *ck_window_get_page     (CkWindow      *self,
                                    const char    *name);

G_END_DECLS
