/* ck-glyph-warmup.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ck-glyph-warmup.h"

/* What case records, dates, references and sums of them are written in. */
static const char repertoire[] =
  "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789 "
  "!\"#%&'()*+,-./:;?@_ áäéèëêïóöüç —–·…‘’“”";

static void
collect_fonts (GtkWidget  *widget,
               GHashTable *fonts)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      /* Popovers and hidden widgets are drawn when they show, if ever. */
      if (GTK_IS_NATIVE (child) || !gtk_widget_get_visible (child))
        continue;

      if (GTK_IS_LABEL (child))
        {
          const PangoFontDescription *font = pango_context_get_font_description (gtk_widget_get_pango_context (child));
          g_autofree char *key = pango_font_description_to_string (font);

          /* The label is kept to draw with: its pango context holds the
           * resolution and font options of the display. */
          if (!g_hash_table_contains (fonts, key))
            g_hash_table_insert (fonts, g_steal_pointer (&key), child);
        }

      collect_fonts (child, fonts);
    }
}

guint
ck_glyph_warmup (GtkWidget *widget)
{
  g_autoptr(GHashTable) fonts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer label;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), 0);

  collect_fonts (widget, fonts);

  g_hash_table_iter_init (&iter, fonts);
  while (g_hash_table_iter_next (&iter, NULL, &label))
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (label, repertoire);
      cairo_surface_t *surface;
      cairo_t *cr;
      int width, height;

      pango_layout_get_pixel_size (layout, &width, &height);
      /* Glyphs fall outside a smaller surface and would not be drawn. */
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, MAX (width, 1), MAX (height, 1));
      cr = cairo_create (surface);
      pango_cairo_show_layout (cr, layout);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }

  return g_hash_table_size (fonts);
}
