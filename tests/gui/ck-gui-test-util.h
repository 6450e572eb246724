/* ck-gui-test-util.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef gboolean (*CkTestCondition) (gpointer data);

void        ck_gui_test_init            (int             *argc,
                                         char          ***argv);
void        ck_gui_test_wait_until      (CkTestCondition  condition,
                                         gpointer         data,
                                         const char      *what);
void        ck_gui_test_settle          (void);
GtkWindow  *ck_gui_test_find_window     (GType            type);
void        ck_gui_test_screenshot      (GtkWidget       *widget,
                                         const char      *name);
char       *ck_gui_test_collect_text    (GtkWidget       *widget);
gboolean    ck_gui_test_press_key       (GtkWidget       *widget,
                                         guint            keyval,
                                         GdkModifierType  modifiers);

G_END_DECLS
