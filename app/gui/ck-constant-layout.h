/* ck-constant-layout.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CK_TYPE_CONSTANT_LAYOUT (ck_constant_layout_get_type ())

G_DECLARE_FINAL_TYPE (CkConstantLayout, ck_constant_layout, CK, CONSTANT_LAYOUT, GtkLayoutManager)

/* Gives every child the whole widget, as GtkBinLayout does, but tells
 * GTK that the widget's size does not trade width for height.
 *
 * For the content of a window that scrolls: a window whose content trades
 * width for height is searched, each time it is shown, for the smallest
 * size with the proportions of its default size, and GTK 4.8 measures the
 * whole content at a dozen widths to find it. The content's minimum is
 * then its minimum width by its minimum height, and its natural size the
 * natural width by the natural height at no particular width. */
GtkLayoutManager *ck_constant_layout_new (void);

G_END_DECLS
