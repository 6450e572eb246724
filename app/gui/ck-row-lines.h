/* ck-row-lines.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Keeps the title and subtitle of an AdwActionRow (or of the header of an
 * AdwExpanderRow) to one line each, cut short with an ellipsis and shown
 * whole in a tooltip where they do not fit; or lets them wrap again.
 *
 * GTK 4.8 measures a wrapping label that shares a row with other widgets
 * by laying its text out at width after width, and does so again whenever
 * anything in the row changes. Rows that change with every case, in a
 * window that must open at once, keep to one line; a row that shows an
 * error wraps, so that the whole message can be read. */
void ck_row_set_one_line (GtkWidget *row,
                          gboolean   one_line);

G_END_DECLS
