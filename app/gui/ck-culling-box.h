/* ck-culling-box.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CK_TYPE_CULLING_BOX (ck_culling_box_get_type ())

G_DECLARE_FINAL_TYPE (CkCullingBox, ck_culling_box, CK, CULLING_BOX, GtkWidget)

/* A vertical box for the content of a GtkViewport that scrolls up and
 * down: it draws only the children the viewport shows, and the ones that
 * come into view as it scrolls or grows.
 *
 * GTK 4.8's cairo renderer draws every node of a window, including the
 * ones a scrolled window clips away, and it blurs the shadows of boxed
 * lists each time. A long form drawn whole spends most of its drawing
 * on what cannot be seen. Every child is still measured, allocated and
 * mapped, so scrolling, focus and accessibility are unchanged. */
GtkWidget *ck_culling_box_new (void);

G_END_DECLS
