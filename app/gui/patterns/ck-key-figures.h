/* ck-key-figures.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ck-stats-table.h"

G_BEGIN_DECLS

#define CK_TYPE_KEY_FIGURES (ck_key_figures_get_type ())

G_DECLARE_FINAL_TYPE (CkKeyFigures, ck_key_figures, CK, KEY_FIGURES, GtkWidget)

CkKeyFigures *ck_key_figures_new        (void);
void          ck_key_figures_set_tables (CkKeyFigures  *self,
                                         CkStatsTable  *key,
                                         CkStatsTable  *compared);

G_END_DECLS
