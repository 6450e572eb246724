/* ck-key-figures.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ck-key-figures.h"
#include "ck-stats.h"

/* The key figures as cards: each figure of this period, its change
 * against the period before and a year before, and beside the unit's
 * figure the national one. */
struct _CkKeyFigures
{
  GtkWidget   parent_instance;

  GtkFlowBox *flow;
};

G_DEFINE_FINAL_TYPE (CkKeyFigures, ck_key_figures, GTK_TYPE_WIDGET)

static GtkWidget *
make_label (const char *text,
            const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  /* Narrow cards, so that several fit beside each other. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 26);
  gtk_label_set_width_chars (GTK_LABEL (label), 18);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  return label;
}

static char *
format_at (CkStatsTable *table,
           guint         row,
           guint         col)
{
  return ck_stats_cell_format (ck_stats_table_get_cell (table, row, col));
}

static GtkWidget *
make_card (CkStatsTable *key,
           CkStatsTable *compared,
           guint         row)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *value = format_at (key, row, CK_STATS_KEY_COLUMN_CURRENT);
  g_autofree char *previous = format_at (key, row, CK_STATS_KEY_COLUMN_PREVIOUS_CHANGE);
  g_autofree char *year = format_at (key, row, CK_STATS_KEY_COLUMN_YEAR_BEFORE_CHANGE);
  g_autofree char *changes = NULL;
  g_autofree char *accessible = NULL;
  GtkWidget *value_label;

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "key-figure");

  gtk_box_append (GTK_BOX (card), make_label (key->rows[row].label, "caption"));
  value_label = make_label (value, "title-2");
  gtk_widget_add_css_class (value_label, "numeric");
  gtk_box_append (GTK_BOX (card), value_label);

  /* Translators: under a key figure, its change against the period before
   * and against the same period a year earlier. */
  changes = g_strdup_printf (_("%s on the period before, %s on a year earlier"), previous, year);
  gtk_box_append (GTK_BOX (card), make_label (changes, "caption"));

  if (compared != NULL)
    {
      g_autofree char *national = format_at (compared, row, 1);
      /* Translators: under a unit's key figure, the national one. */
      g_autofree char *text = g_strdup_printf (_("National: %s"), national);

      gtk_box_append (GTK_BOX (card), make_label (text, "dim-label"));
    }

  accessible = g_strdup_printf ("%s: %s. %s", key->rows[row].label, value, changes);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return card;
}

static void
ck_key_figures_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CK_TYPE_KEY_FIGURES);

  G_OBJECT_CLASS (ck_key_figures_parent_class)->dispose (object);
}

static void
ck_key_figures_class_init (CkKeyFiguresClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ck_key_figures_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ck-key-figures.ui");
  gtk_widget_class_bind_template_child (widget_class, CkKeyFigures, flow);
}

static void
ck_key_figures_init (CkKeyFigures *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CkKeyFigures *
ck_key_figures_new (void)
{
  return g_object_new (CK_TYPE_KEY_FIGURES, NULL);
}

/**
 * ck_key_figures_set_tables:
 * @key: the key figures table (CK_STATS_TABLE_KEY_FIGURES)
 * @compared: (nullable): the unit beside the national figure
 *   (ck_stats_compare())
 */
void
ck_key_figures_set_tables (CkKeyFigures *self,
                           CkStatsTable *key,
                           CkStatsTable *compared)
{
  GtkWidget *child;

  g_return_if_fail (CK_IS_KEY_FIGURES (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->flow))) != NULL)
    gtk_flow_box_remove (self->flow, child);

  for (guint r = 0; r < key->n_rows; r++)
    gtk_flow_box_append (self->flow, make_card (key, compared, r));
}
