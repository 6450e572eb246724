/* ck-case-columns.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void ck_case_columns_add (GtkColumnView *view);

G_END_DECLS
