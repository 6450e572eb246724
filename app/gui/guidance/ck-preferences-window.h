/* ck-preferences-window.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ck-guidance.h"
#include "ck-types.h"

G_BEGIN_DECLS

#define CK_TYPE_PREFERENCES_WINDOW (ck_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (CkPreferencesWindow, ck_preferences_window, CK, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* The register's settings: the unit's deadlines for handling cases and
 * the retention term of personal data, saved as they are changed. */

CkPreferencesWindow *ck_preferences_window_new            (CkRegister          *reg);
GtkSpinButton       *ck_preferences_window_get_deadline_button (CkPreferencesWindow *self,
                                                           CkDeadline           deadline);
GtkSpinButton       *ck_preferences_window_get_retention_button (CkPreferencesWindow *self);

G_END_DECLS
