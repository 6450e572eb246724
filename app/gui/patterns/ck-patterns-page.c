/* ck-patterns-page.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ck-case-list-dialog.h"
#include "ck-chart-view.h"
#include "ck-date.h"
#include "ck-key-figures.h"
#include "ck-patterns-page.h"
#include "ck-register.h"
#include "ck-stats-cache.h"
#include "ck-stats-export.h"
#include "ck-stats-filter-bar.h"
#include "ck-vocabulary.h"

/* Quarters offered before the first case, and shown at first. */
#define YEARS_BACK      10
#define DEFAULT_PERIOD  8

/* Patronen: the unit's own figures for the reflection room, from its
 * register, beside the national figure from the anonymised records. The
 * figures are counted off the main thread on every filter change and
 * whenever the register changes. A bar or a cell lists the cases behind
 * it; one of them opens in the editor through the window's win.open-case. */
struct _CkPatternsPage
{
  AdwBin            parent_instance;

  CkRegister       *reg;
  CkStatsCache     *cache;
  GSettings        *settings;
  GCancellable     *cancellable;
  gboolean          stale;          /* the register changed while hidden */

  /* What is shown. */
  CkStatsData      *cases;
  CkStatsData      *records;
  CkStatsFilter    *filter;
  CkStatsOptions    options;
  CkStatsFigures   *figures;
  CkStatsFigures   *national;
  GPtrArray        *views;          /* of CkChartView */

  AdwToastOverlay  *toast_overlay;
  AdwWindowTitle   *title;
  GtkSpinButton    *text_size;
  GtkSpinner       *spinner;
  CkStatsFilterBar *filter_bar;
  GtkStack         *content_stack;
  GtkLabel         *summary;
  CkKeyFigures     *key_figures;
  GtkFlowBox       *charts;
  AdwStatusPage    *error_page;
};

G_DEFINE_FINAL_TYPE (CkPatternsPage, ck_patterns_page, ADW_TYPE_BIN)

static const CkStatsTableId charts[] = {
  CK_STATS_TABLE_QUARTER_GROUND, CK_STATS_TABLE_GROUND_MANIFESTATION, CK_STATS_TABLE_LEAD_TIMES_GROUND,
  CK_STATS_TABLE_GROUND_FINDING, CK_STATS_TABLE_GROUND_LEVEL, CK_STATS_TABLE_CHANNEL, CK_STATS_TABLE_KIND,
};

typedef struct
{
  CkStatsFilter  *filter;
  CkStatsOptions  options;
  CkStatsData    *cases;
  CkStatsData    *records;
  CkStatsFigures *figures;
  CkStatsFigures *national;
} Count;

static void
count_free (Count *count)
{
  g_clear_pointer (&count->filter, ck_stats_filter_free);
  g_clear_object (&count->cases);
  g_clear_object (&count->records);
  g_clear_object (&count->figures);
  g_clear_object (&count->national);
  g_free (count);
}

static void
count_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CkPatternsPage *self = source_object;
  Count *count = task_data;
  g_autoptr(CkStatsFilter) national = NULL;
  g_autoptr(GError) error = NULL;

  if (!(count->cases = ck_stats_cache_load (self->cache, CK_STATS_SOURCE_CASES, cancellable, &error)) ||
      !(count->records = ck_stats_cache_load (self->cache, CK_STATS_SOURCE_SHARED, cancellable, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  count->figures = ck_stats_compute (count->cases, count->filter, &count->options);

  /* The national figure counts every unit, the unit's own records too;
   * its teams are the unit's own, so they do not narrow it. */
  national = ck_stats_filter_copy (count->filter);
  g_clear_pointer (&national->unit, g_free);
  g_clear_pointer (&national->team, g_free);
  count->options.protect = TRUE;
  count->national = ck_stats_compute (count->records, national, &count->options);
  count->options.protect = FALSE;

  g_task_return_boolean (task, TRUE);
}

static void
show_figures (CkPatternsPage *self)
{
  const CkStatsKey *key = ck_stats_figures_get_key (self->figures, CK_STATS_WINDOW_CURRENT, 0);
  g_autoptr(CkStatsTable) compared = ck_stats_compare (self->figures, self->national);
  g_autofree char *period = ck_stats_filter_describe (self->filter);
  g_autofree char *summary = NULL;
  g_autofree char *national = ck_stats_cell_format (ck_stats_table_get_cell (compared, CK_STATS_FIGURE_CASES, 1));

  adw_window_title_set_subtitle (self->title, period);
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u case of this unit, from its own register. The national figures "
                                          "come from the anonymised records of every unit (%s in this period) "
                                          "and hide counts below 5.",
                                          "%u cases of this unit, from its own register. The national figures "
                                          "come from the anonymised records of every unit (%s in this period) "
                                          "and hide counts below 5.",
                                          key->cases),
                             key->cases, national);
  gtk_label_set_label (self->summary, summary);

  ck_key_figures_set_tables (self->key_figures, ck_stats_figures_get_table (self->figures, CK_STATS_TABLE_KEY_FIGURES),
                             compared);
  for (guint i = 0; i < self->views->len; i++)
    ck_chart_view_set_table (self->views->pdata[i], ck_stats_figures_get_table (self->figures, charts[i]));

  gtk_stack_set_visible_child_name (self->content_stack, key->cases > 0 ? "figures" : "empty");
}

/* The quarters offered run from the first case (or ten years back) to
 * the current quarter. */
static void
set_range (CkPatternsPage *self,
           CkStatsData    *cases)
{
  int first, last, now;
  GDate today;

  ck_date_set_today (&today);
  now = ck_stats_quarter_from_date (&today);
  if (!ck_stats_data_get_quarters (cases, &first, &last))
    first = now;
  ck_stats_filter_bar_set_quarters (self->filter_bar, MIN (first, now - (DEFAULT_PERIOD - 1)), MAX (now, last));
  ck_stats_filter_bar_set_teams (self->filter_bar, cases);
}

static void
counted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  CkPatternsPage *self = CK_PATTERNS_PAGE (object);
  Count *count = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_spinner_stop (self->spinner);
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->content_stack, "error");
      return;
    }

  gtk_spinner_stop (self->spinner);
  g_set_object (&self->cases, count->cases);
  g_set_object (&self->records, count->records);
  g_set_object (&self->figures, count->figures);
  g_set_object (&self->national, count->national);
  g_clear_pointer (&self->filter, ck_stats_filter_free);
  self->filter = ck_stats_filter_copy (count->filter);
  self->options = count->options;
  set_range (self, count->cases);
  show_figures (self);
}

static void
refresh (CkPatternsPage *self)
{
  g_autoptr(GTask) task = NULL;
  Count *count;

  if (self->reg == NULL)
    return;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  self->stale = FALSE;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  count = g_new0 (Count, 1);
  count->filter = ck_stats_filter_bar_get_filter (self->filter_bar);
  g_free (count->filter->unit);
  count->filter->unit = g_strdup (ck_register_get_unit (self->reg));
  ck_stats_options_init (&count->options);

  gtk_spinner_start (self->spinner);
  if (self->figures == NULL)
    gtk_stack_set_visible_child_name (self->content_stack, "loading");

  task = g_task_new (self, self->cancellable, counted_cb, NULL);
  g_task_set_source_tag (task, refresh);
  g_task_set_task_data (task, count, (GDestroyNotify) count_free);
  g_task_run_in_thread (task, count_thread);
}

static void
filter_changed_cb (CkPatternsPage *self)
{
  refresh (self);
}

static void
cache_changed_cb (CkPatternsPage *self)
{
  refresh (self);
}

static void
map_cb (CkPatternsPage *self)
{
  if (self->stale)
    refresh (self);
}

static void
case_activated_cb (CkPatternsPage   *self,
                   gint64            id,
                   CkCaseListDialog *dialog)
{
  gtk_window_close (GTK_WINDOW (dialog));
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-case", "x", id);
}

static char *
describe_cell (const CkStatsHeader *row,
               const CkStatsHeader *column)
{
  if (row->total && column->total)
    return g_strdup (_("All cases"));
  if (row->total || column->dim == CK_STATS_DIM_NONE)
    return g_strdup (row->total ? column->label : row->label);
  if (column->total)
    return g_strdup (row->label);

  return g_strdup_printf ("%s · %s", row->label, column->label);
}

static void
cell_activated_cb (CkPatternsPage *self,
                   guint           row,
                   guint           col,
                   CkChartView    *view)
{
  CkStatsTable *table = ck_chart_view_get_table (view);
  g_autoptr(GArray) ids = NULL;
  g_autofree char *title = NULL;
  CkCaseListDialog *dialog;
  GtkRoot *root;

  if (self->cases == NULL || table == NULL)
    return;

  ids = ck_stats_select (self->cases, self->filter, &table->rows[row], &table->columns[col]);
  title = describe_cell (&table->rows[row], &table->columns[col]);
  dialog = ck_case_list_dialog_new (self->reg, ids, title);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  g_signal_connect_object (dialog, "case-activated", G_CALLBACK (case_activated_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
text_size_changed_cb (CkPatternsPage *self)
{
  int points = g_settings_get_int (self->settings, "chart-text-size");

  for (guint i = 0; i < self->views->len; i++)
    ck_chart_view_set_text_size (self->views->pdata[i], points);
}

static void
export (CkPatternsPage *self,
        gboolean        tables)
{
  if (self->figures == NULL)
    return;

  ck_stats_export (GTK_WIDGET (self), self->toast_overlay, self->cache, CK_STATS_REPORT_UNIT,
                   self->filter, &self->options, self->cases, self->records, tables);
}

static void
export_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  export (CK_PATTERNS_PAGE (widget), FALSE);
}

static void
export_tables_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  export (CK_PATTERNS_PAGE (widget), TRUE);
}

static void
ck_patterns_page_dispose (GObject *object)
{
  CkPatternsPage *self = (CkPatternsPage *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->cache != NULL)
    g_signal_handlers_disconnect_by_data (self->cache, self);

  G_OBJECT_CLASS (ck_patterns_page_parent_class)->dispose (object);
}

static void
ck_patterns_page_finalize (GObject *object)
{
  CkPatternsPage *self = (CkPatternsPage *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->cache);
  g_clear_object (&self->reg);
  g_clear_object (&self->settings);
  g_clear_object (&self->cases);
  g_clear_object (&self->records);
  g_clear_object (&self->figures);
  g_clear_object (&self->national);
  g_clear_pointer (&self->filter, ck_stats_filter_free);
  g_clear_pointer (&self->views, g_ptr_array_unref);

  G_OBJECT_CLASS (ck_patterns_page_parent_class)->finalize (object);
}

static void
ck_patterns_page_class_init (CkPatternsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ck_patterns_page_dispose;
  object_class->finalize = ck_patterns_page_finalize;

  g_type_ensure (CK_TYPE_STATS_FILTER_BAR);
  g_type_ensure (CK_TYPE_KEY_FIGURES);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ck-patterns-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CkPatternsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CkPatternsPage, title);
  gtk_widget_class_bind_template_child (widget_class, CkPatternsPage, text_size);
  gtk_widget_class_bind_template_child (widget_class, CkPatternsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, CkPatternsPage, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, CkPatternsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, CkPatternsPage, summary);
  gtk_widget_class_bind_template_child (widget_class, CkPatternsPage, key_figures);
  gtk_widget_class_bind_template_child (widget_class, CkPatternsPage, charts);
  gtk_widget_class_bind_template_child (widget_class, CkPatternsPage, error_page);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);

  gtk_widget_class_install_action (widget_class, "patterns.export-report", NULL, export_report_action);
  gtk_widget_class_install_action (widget_class, "patterns.export-tables", NULL, export_tables_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "patterns.export-report", NULL);
}

static void
ck_patterns_page_init (CkPatternsPage *self)
{
  GDate today;
  int now;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->views = g_ptr_array_new ();
  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    {
      CkChartView *view = ck_chart_view_new ();

      ck_chart_view_set_clickable (view, TRUE);
      g_signal_connect_object (view, "cell-activated", G_CALLBACK (cell_activated_cb), self, G_CONNECT_SWAPPED);
      gtk_flow_box_append (self->charts, GTK_WIDGET (view));
      g_ptr_array_add (self->views, view);
    }

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "chart-text-size",
                   gtk_spin_button_get_adjustment (self->text_size), "value", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::chart-text-size",
                           G_CALLBACK (text_size_changed_cb), self, G_CONNECT_SWAPPED);
  text_size_changed_cb (self);

  ck_date_set_today (&today);
  now = ck_stats_quarter_from_date (&today);
  ck_stats_filter_bar_set_quarters (self->filter_bar, now - 4 * YEARS_BACK + 1, now);
  ck_stats_filter_bar_set_period (self->filter_bar, now - (DEFAULT_PERIOD - 1), now);

  g_signal_connect (self, "map", G_CALLBACK (map_cb), NULL);
}

/**
 * ck_patterns_page_set_register:
 *
 * Shows the figures of @reg's unit.
 */
void
ck_patterns_page_set_register (CkPatternsPage *self,
                               CkRegister     *reg)
{
  g_return_if_fail (CK_IS_PATTERNS_PAGE (self));
  g_return_if_fail (self->reg == NULL);

  self->reg = g_object_ref (reg);
  self->cache = g_object_ref (ck_stats_cache_get_for_register (reg));
  g_signal_connect_object (self->cache, "changed", G_CALLBACK (cache_changed_cb), self, G_CONNECT_SWAPPED);
  refresh (self);
}

/* Returns: (transfer none) (nullable): the figures shown */
CkStatsFigures *
ck_patterns_page_get_figures (CkPatternsPage *self)
{
  g_return_val_if_fail (CK_IS_PATTERNS_PAGE (self), NULL);

  return self->figures;
}

/* Shows the quarters from @from to @to, as if chosen in the filter bar. */
void
ck_patterns_page_set_period (CkPatternsPage *self,
                             int             from,
                             int             to)
{
  g_return_if_fail (CK_IS_PATTERNS_PAGE (self));

  ck_stats_filter_bar_set_period (self->filter_bar, from, to);
  refresh (self);
}
