/* ck-glyph-warmup.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Draws the letters, digits and punctuation of Dutch and English text,
 * off screen, in every font the labels under @widget are styled with, so
 * that their glyphs are rasterized and cached before @widget is shown.
 *
 * A window that is not shown yet can be styled and laid out in advance,
 * but not drawn; without this, the first showing of a window whose text
 * is set in sizes and weights not drawn before rasterizes each glyph while
 * a person waits.
 *
 * Returns: the number of fonts drawn */
guint ck_glyph_warmup (GtkWidget *widget);

G_END_DECLS
