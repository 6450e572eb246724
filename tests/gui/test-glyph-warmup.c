/* test-glyph-warmup.c: the fonts of a window not shown yet are drawn in
 * advance, once each
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ck-glyph-warmup.h"
#include "ck-gui-test-util.h"

static GtkWidget *
add_label (GtkWidget  *box,
           const char *text,
           const char *style_class)
{
  GtkWidget *label = gtk_label_new (text);

  if (style_class != NULL)
    gtk_widget_add_css_class (label, style_class);
  gtk_box_append (GTK_BOX (box), label);

  return label;
}

static void
test_draws_each_font_once (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *menu_button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();

  gtk_window_set_child (window, box);
  add_label (box, "Case", NULL);
  add_label (box, "Handling", NULL);
  add_label (box, "What Happened", "heading");
  gtk_box_append (GTK_BOX (box), inner);
  add_label (inner, "Due on 2026-12-30", "caption");
  add_label (inner, "Done", "caption");
  /* Not shown: drawn when it is, if ever. */
  gtk_widget_set_visible (add_label (box, "Hidden", "title-1"), FALSE);
  /* A popover is a window of its own, drawn when it opens. */
  gtk_popover_set_child (GTK_POPOVER (popover), gtk_label_new ("Big"));
  gtk_widget_add_css_class (gtk_popover_get_child (GTK_POPOVER (popover)), "title-2");
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "open-menu-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (menu_button), popover);
  gtk_box_append (GTK_BOX (box), menu_button);

  gtk_widget_realize (GTK_WIDGET (window));

  /* The plain labels share a font; the heading and the captions each
   * have one of their own. */
  g_assert_cmpuint (ck_glyph_warmup (GTK_WIDGET (window)), ==, 3);

  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  ck_gui_test_init (&argc, &argv);

  g_test_add_func ("/gui/glyph-warmup/draws-each-font-once", test_draws_each_font_once);

  return g_test_run ();
}
