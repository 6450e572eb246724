/* ck-row-lines.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ck-row-lines.h"

static gboolean
query_tooltip_cb (GtkLabel   *label,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip)
{
  if (!pango_layout_is_ellipsized (gtk_label_get_layout (label)))
    return FALSE;

  gtk_tooltip_set_text (tooltip, gtk_label_get_text (label));
  return TRUE;
}

static void
set_label_one_line (GtkLabel *label,
                    gboolean  one_line)
{
  if (g_object_get_data (G_OBJECT (label), "ck-row-lines") == NULL)
    {
      g_signal_connect (label, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
      g_object_set_data (G_OBJECT (label), "ck-row-lines", label);
    }

  gtk_label_set_wrap (label, !one_line);
  gtk_label_set_ellipsize (label, one_line ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (label), one_line);
}

static GtkWidget *
find_child_with_class (GtkWidget  *parent,
                       const char *css_class)
{
  for (GtkWidget *child = gtk_widget_get_first_child (parent);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_has_css_class (child, css_class))
      return child;

  return NULL;
}

/* Returns: (nullable): the action row that heads @row: itself, or the
 * first one inside an expander row */
static GtkWidget *
find_action_row (GtkWidget *row)
{
  if (ADW_IS_ACTION_ROW (row))
    return row;

  for (GtkWidget *child = gtk_widget_get_first_child (row);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_row (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

void
ck_row_set_one_line (GtkWidget *row,
                     gboolean   one_line)
{
  GtkWidget *action_row = find_action_row (row);
  GtkWidget *header, *title_box;

  g_return_if_fail (ADW_IS_PREFERENCES_ROW (row));

  /* The labels are the CSS nodes libadwaita 1.2 documents for an action
   * row: box.header > box.title > label.title, label.subtitle. */
  header = action_row != NULL ? find_child_with_class (action_row, "header") : NULL;
  title_box = header != NULL ? find_child_with_class (header, "title") : NULL;
  g_return_if_fail (title_box != NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (title_box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child))
      set_label_one_line (GTK_LABEL (child), one_line);
}
