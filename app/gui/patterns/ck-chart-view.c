/* ck-chart-view.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "ck-chart.h"
#include "ck-chart-view.h"

/* A chart as a card: its title, the chart drawn by the documents library,
 * and one click away the table of its numbers. Screen readers get the
 * chart in words; the table's cells are buttons when the cases behind
 * them can be listed, so that the keyboard reaches them too. */
struct _CkChartView
{
  GtkWidget        parent_instance;

  CkChart         *chart;
  gboolean         clickable;
  double           text_size;      /* points */

  GtkLabel        *title;
  GtkToggleButton *table_button;
  GtkStack        *stack;
  GtkDrawingArea  *area;
  GtkGrid         *grid;
  GtkLabel        *note;
};

G_DEFINE_FINAL_TYPE (CkChartView, ck_chart_view, GTK_TYPE_WIDGET)

enum {
  CELL_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_style (CkChartView *self)
{
  CkChartStyle style;

  if (self->chart == NULL)
    return;

  ck_chart_style_init (&style);
  style.dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  /* Points to pixels at the 96 dpi GTK draws with. */
  style.text_size = self->text_size * 96.0 / 72.0;
  ck_chart_set_style (self->chart, &style);
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  CkChartView *self = user_data;

  if (self->chart != NULL)
    ck_chart_draw (cr, width, height, self->chart);
}

static void
area_resize_cb (CkChartView *self,
                int          width,
                int          height)
{
  int wanted;

  if (self->chart == NULL || width <= 0)
    return;

  /* The chart's height follows its width and text size. */
  wanted = (int) ceil (ck_chart_get_height_for_width (self->chart, width));
  if (wanted != gtk_drawing_area_get_content_height (self->area))
    gtk_drawing_area_set_content_height (self->area, wanted);
}

static void
released_cb (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             CkChartView     *self)
{
  guint row, col;

  if (self->clickable && self->chart != NULL && ck_chart_hit (self->chart, x, y, &row, &col))
    g_signal_emit (self, signals[CELL_ACTIVATED], 0, row, col);
}

static void
motion_cb (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           CkChartView              *self)
{
  guint row, col;
  gboolean over = self->clickable && self->chart != NULL && ck_chart_hit (self->chart, x, y, &row, &col);

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->area), over ? "pointer" : NULL);
}

static void
table_toggled_cb (CkChartView *self)
{
  gboolean table = gtk_toggle_button_get_active (self->table_button);

  gtk_stack_set_visible_child_name (self->stack, table ? "table" : "chart");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->table_button),
                               table ? _("Show the Chart") : _("Show the Numbers"));
}

static void
cell_clicked_cb (GtkButton   *button,
                 CkChartView *self)
{
  guint row = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "row"));
  guint col = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "col"));

  g_signal_emit (self, signals[CELL_ACTIVATED], 0, row, col);
}

static GtkWidget *
make_label (const char *text,
            float       xalign,
            gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  else
    gtk_widget_add_css_class (label, "numeric");
  return label;
}

static void
fill_grid (CkChartView  *self,
           CkStatsTable *table)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);

  gtk_grid_attach (self->grid, make_label (table->row_title, 0, TRUE), 0, 0, 1, 1);
  for (guint c = 0; c < table->n_cols; c++)
    {
      GtkWidget *label = make_label (table->columns[c].label, 1, TRUE);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 14);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
      gtk_grid_attach (self->grid, label, c + 1, 0, 1, 1);
    }

  for (guint r = 0; r < table->n_rows; r++)
    {
      GtkWidget *row_label = make_label (table->rows[r].label, 0, table->rows[r].total);

      gtk_grid_attach (self->grid, row_label, 0, r + 1, 1, 1);
      for (guint c = 0; c < table->n_cols; c++)
        {
          const CkStatsCell *cell = ck_stats_table_peek_cell (table, r, c);
          g_autofree char *text = ck_stats_cell_format (cell);
          GtkWidget *widget;

          if (self->clickable && ck_stats_cell_is_shown (cell) &&
              (cell->kind != CK_STATS_VALUE_COUNT || cell->count > 0))
            {
              g_autofree char *tooltip = NULL;

              widget = gtk_button_new_with_label (text);
              gtk_widget_add_css_class (widget, "flat");
              gtk_widget_add_css_class (widget, "numeric");
              /* Numbers line up on the right, buttons or not. */
              gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (widget))), 1);
              /* Translators: the tooltip of a number in a table of figures;
               * %s are the row and the column. */
              tooltip = g_strdup_printf (_("List the cases: %s, %s"), table->rows[r].label, table->columns[c].label);
              gtk_widget_set_tooltip_text (widget, tooltip);
              g_object_set_data (G_OBJECT (widget), "row", GUINT_TO_POINTER (r));
              g_object_set_data (G_OBJECT (widget), "col", GUINT_TO_POINTER (c));
              g_signal_connect (widget, "clicked", G_CALLBACK (cell_clicked_cb), self);
            }
          else
            widget = make_label (text, 1, FALSE);

          gtk_grid_attach (self->grid, widget, c + 1, r + 1, 1, 1);
        }
    }
}

static void
ck_chart_view_dispose (GObject *object)
{
  CkChartView *self = (CkChartView *)object;
  GtkWidget *child;

  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CK_TYPE_CHART_VIEW);
  /* The template's outer box has no name for the template to unparent. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->chart);

  G_OBJECT_CLASS (ck_chart_view_parent_class)->dispose (object);
}

static void
ck_chart_view_class_init (CkChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ck_chart_view_dispose;

  /**
   * CkChartView::cell-activated:
   * @row: the row of the table
   * @col: its column
   *
   * A bar, a segment or a cell was clicked, or its number in the table.
   * Emitted only when the view is clickable.
   */
  signals[CELL_ACTIVATED] =
    g_signal_new ("cell-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ck-chart-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CkChartView, title);
  gtk_widget_class_bind_template_child (widget_class, CkChartView, table_button);
  gtk_widget_class_bind_template_child (widget_class, CkChartView, stack);
  gtk_widget_class_bind_template_child (widget_class, CkChartView, area);
  gtk_widget_class_bind_template_child (widget_class, CkChartView, grid);
  gtk_widget_class_bind_template_child (widget_class, CkChartView, note);
  gtk_widget_class_bind_template_callback (widget_class, area_resize_cb);
  gtk_widget_class_bind_template_callback (widget_class, table_toggled_cb);
}

static void
ck_chart_view_init (CkChartView *self)
{
  GtkGesture *click;
  GtkEventController *motion;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->text_size = 10;

  gtk_drawing_area_set_draw_func (self->area, draw_cb, self, NULL);
  click = gtk_gesture_click_new ();
  g_signal_connect (click, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->area), GTK_EVENT_CONTROLLER (click));
  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->area), motion);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_style), self, G_CONNECT_SWAPPED);
}

CkChartView *
ck_chart_view_new (void)
{
  return g_object_new (CK_TYPE_CHART_VIEW, NULL);
}

/* Shows @table: its chart, its numbers and its note. */
void
ck_chart_view_set_table (CkChartView  *self,
                         CkStatsTable *table)
{
  g_autofree char *description = NULL;

  g_return_if_fail (CK_IS_CHART_VIEW (self));
  g_return_if_fail (table != NULL);

  g_clear_object (&self->chart);
  self->chart = ck_chart_new (table);
  update_style (self);

  /* A table without a chart is shown as its numbers. */
  gtk_widget_set_visible (GTK_WIDGET (self->table_button), ck_chart_table_has_chart (table->id));
  if (!ck_chart_table_has_chart (table->id))
    gtk_stack_set_visible_child_name (self->stack, "table");
  else
    table_toggled_cb (self);

  gtk_label_set_label (self->title, table->title);
  gtk_label_set_label (self->note, table->note != NULL ? table->note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note), table->note != NULL);
  fill_grid (self, table);

  description = ck_chart_describe (self->chart);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->area),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, table->title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);

  area_resize_cb (self, gtk_widget_get_width (GTK_WIDGET (self->area)), 0);
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

/* Returns: (transfer none) (nullable): the table shown */
CkStatsTable *
ck_chart_view_get_table (CkChartView *self)
{
  g_return_val_if_fail (CK_IS_CHART_VIEW (self), NULL);

  return self->chart != NULL ? ck_chart_get_table (self->chart) : NULL;
}

/* Whether clicks on the chart and its numbers list the cases behind them:
 * for the unit's own figures only. */
void
ck_chart_view_set_clickable (CkChartView *self,
                             gboolean     clickable)
{
  g_return_if_fail (CK_IS_CHART_VIEW (self));

  self->clickable = clickable;
  if (self->chart != NULL)
    fill_grid (self, ck_chart_get_table (self->chart));
}

/* The smallest text of the chart, in points. */
void
ck_chart_view_set_text_size (CkChartView *self,
                             double       points)
{
  g_return_if_fail (CK_IS_CHART_VIEW (self));

  self->text_size = points;
  update_style (self);
  area_resize_cb (self, gtk_widget_get_width (GTK_WIDGET (self->area)), 0);
}

void
ck_chart_view_show_table (CkChartView *self,
                          gboolean     show)
{
  g_return_if_fail (CK_IS_CHART_VIEW (self));

  gtk_toggle_button_set_active (self->table_button, show);
}

/* Returns: (transfer full) (nullable): the chart in words */
char *
ck_chart_view_describe (CkChartView *self)
{
  g_return_val_if_fail (CK_IS_CHART_VIEW (self), NULL);

  return self->chart != NULL ? ck_chart_describe (self->chart) : NULL;
}

/**
 * ck_chart_view_get_cell_at:
 * @x: in the chart's coordinates
 *
 * Returns: whether the chart has a cell drawn at (@x, @y), and which
 */
gboolean
ck_chart_view_get_cell_at (CkChartView *self,
                           double       x,
                           double       y,
                           guint       *row,
                           guint       *col)
{
  g_return_val_if_fail (CK_IS_CHART_VIEW (self), FALSE);

  return self->chart != NULL && ck_chart_hit (self->chart, x, y, row, col);
}
