/* ck-national-trends-view.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ck-chart-view.h"
#include "ck-date.h"
#include "ck-key-figures.h"
#include "ck-national-trends-view.h"
#include "ck-register.h"
#include "ck-stats-cache.h"
#include "ck-stats-export.h"
#include "ck-stats-filter-bar.h"
#include "ck-stats-store.h"
#include "ck-vocabulary.h"

#define YEARS_BACK      10
#define DEFAULT_PERIOD  8

/* Landelijk trends: the figures of every unit, from the anonymised records
 * only, protected against small counts: units side by side, units against
 * grounds, lead times, findings and sanction levels per unit, and "like
 * treated alike" for a ground and manifestation; then the same charts as
 * Patronen over all units. The national page of synchronisation holds
 * this view; it has no header bar of its own. */
struct _CkNationalTrendsView
{
  AdwBin            parent_instance;

  CkRegister       *reg;
  CkStatsCache     *cache;
  GSettings        *settings;
  GCancellable     *cancellable;
  gboolean          stale;
  gboolean          updating;

  CkStatsData      *records;
  CkStatsFilter    *filter;
  CkStatsOptions    options;
  CkStatsFigures   *figures;
  GPtrArray        *views;          /* of CkChartView */

  AdwToastOverlay  *toast_overlay;
  CkStatsFilterBar *filter_bar;
  GtkSpinner       *spinner;
  GtkSpinButton    *text_size;
  GtkStack         *content_stack;
  GtkLabel         *summary;
  CkKeyFigures     *key_figures;
  GtkDropDown      *pair_ground;
  GtkDropDown      *pair_manifestation;
  GtkFlowBox       *charts;
  AdwStatusPage    *error_page;
};

G_DEFINE_FINAL_TYPE (CkNationalTrendsView, ck_national_trends_view, ADW_TYPE_BIN)

/* "register", so that the national page hands it to every view alike. */
enum {
  PROP_0,
  PROP_REGISTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const CkStatsTableId tables[] = {
  CK_STATS_TABLE_UNIT_KEY_FIGURES,
  CK_STATS_TABLE_QUARTER_UNIT, CK_STATS_TABLE_UNIT_GROUND, CK_STATS_TABLE_COMPARABLE,
  CK_STATS_TABLE_LEAD_TIMES_UNIT, CK_STATS_TABLE_UNIT_FINDING, CK_STATS_TABLE_UNIT_LEVEL,
  CK_STATS_TABLE_QUARTER_GROUND, CK_STATS_TABLE_GROUND_MANIFESTATION, CK_STATS_TABLE_LEAD_TIMES_GROUND,
  CK_STATS_TABLE_GROUND_FINDING, CK_STATS_TABLE_GROUND_LEVEL, CK_STATS_TABLE_CHANNEL, CK_STATS_TABLE_KIND,
};

typedef struct
{
  CkStatsFilter  *filter;
  CkStatsOptions  options;
  CkStatsData    *records;
  CkStatsFigures *figures;
  GPtrArray      *basis;
} Count;

static void
count_free (Count *count)
{
  g_clear_pointer (&count->filter, ck_stats_filter_free);
  g_clear_object (&count->records);
  g_clear_object (&count->figures);
  g_clear_pointer (&count->basis, g_ptr_array_unref);
  g_free (count);
}

static void
count_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CkNationalTrendsView *self = source_object;
  Count *count = task_data;
  g_autoptr(GError) error = NULL;

  if (!(count->records = ck_stats_cache_load (self->cache, CK_STATS_SOURCE_SHARED, cancellable, &error)) ||
      !(count->basis = ck_stats_cache_list_basis (self->cache, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  count->figures = ck_stats_compute (count->records, count->filter, &count->options);
  g_task_return_boolean (task, TRUE);
}

static char *
describe_basis (GPtrArray *basis)
{
  gint64 synced = 0;
  int newest = 0;
  guint records = 0;
  g_autofree char *units = NULL;

  for (guint i = 0; i < basis->len; i++)
    {
      const CkStatsBasis *unit = basis->pdata[i];

      synced = MAX (synced, unit->synced_at);
      newest = MAX (newest, unit->newest_quarter);
      records += unit->records;
    }

  units = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "Anonymised records of %u unit (%u records)",
                                        "Anonymised records of %u units (%u records)",
                                        basis->len),
                           basis->len, records);
  if (synced > 0)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (synced);
      g_autofree char *when = g_date_time_format (time, "%x %H:%M");

      /* Translators: the data basis of the national figures; the first %s
       * is "Anonymised records of 12 units (…)", the second a date. */
      return g_strdup_printf (_("%s, last synchronised %s. Counts below 5 are hidden."), units, when);
    }
  else
    {
      g_autofree char *quarter = ck_stats_quarter_to_label (newest);

      /* Translators: the data basis of the national figures; the first %s
       * is "Anonymised records of 12 units (…)", the second a quarter. */
      return g_strdup_printf (_("%s, the newest from %s. Counts below 5 are hidden."), units, quarter);
    }
}

static void
set_range (CkNationalTrendsView *self,
           CkStatsData          *records)
{
  int first, last, now;
  GDate today;

  ck_date_set_today (&today);
  now = ck_stats_quarter_from_date (&today);
  if (!ck_stats_data_get_quarters (records, &first, &last))
    first = last = now;
  ck_stats_filter_bar_set_quarters (self->filter_bar, MIN (first, now - (DEFAULT_PERIOD - 1)), MAX (now, last));
  ck_stats_filter_bar_set_teams (self->filter_bar, records);
}

static void
counted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  CkNationalTrendsView *self = CK_NATIONAL_TRENDS_VIEW (object);
  Count *count = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  const CkStatsKey *key;

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
  g_set_object (&self->records, count->records);
  g_set_object (&self->figures, count->figures);
  g_clear_pointer (&self->filter, ck_stats_filter_free);
  self->filter = ck_stats_filter_copy (count->filter);
  self->options = count->options;
  set_range (self, count->records);

  summary = describe_basis (count->basis);
  gtk_label_set_label (self->summary, summary);
  ck_key_figures_set_tables (self->key_figures,
                             ck_stats_figures_get_table (self->figures, CK_STATS_TABLE_KEY_FIGURES), NULL);
  for (guint i = 0; i < self->views->len; i++)
    ck_chart_view_set_table (self->views->pdata[i], ck_stats_figures_get_table (self->figures, tables[i]));

  key = ck_stats_figures_get_key (self->figures, CK_STATS_WINDOW_CURRENT, 0);
  gtk_stack_set_visible_child_name (self->content_stack, key->cases > 0 ? "figures" : "empty");
}

static void
refresh (CkNationalTrendsView *self)
{
  g_autoptr(GTask) task = NULL;
  Count *count;

  if (self->reg == NULL || self->updating)
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
  ck_stats_options_init (&count->options);
  count->options.protect = TRUE;
  /* Item 0 of either is "the most frequent". */
  count->options.ground = gtk_drop_down_get_selected (self->pair_ground);
  count->options.manifestation = gtk_drop_down_get_selected (self->pair_manifestation);
  if (count->options.ground == GTK_INVALID_LIST_POSITION || count->options.manifestation == GTK_INVALID_LIST_POSITION)
    count->options.ground = count->options.manifestation = 0;

  gtk_spinner_start (self->spinner);
  if (self->figures == NULL)
    gtk_stack_set_visible_child_name (self->content_stack, "loading");

  task = g_task_new (self, self->cancellable, counted_cb, NULL);
  g_task_set_source_tag (task, refresh);
  g_task_set_task_data (task, count, (GDestroyNotify) count_free);
  g_task_run_in_thread (task, count_thread);
}

static void
filter_changed_cb (CkNationalTrendsView *self)
{
  refresh (self);
}

static void
cache_changed_cb (CkNationalTrendsView *self)
{
  refresh (self);
}

static void
map_cb (CkNationalTrendsView *self)
{
  if (self->stale)
    refresh (self);
}

static void
text_size_changed_cb (CkNationalTrendsView *self)
{
  int points = g_settings_get_int (self->settings, "chart-text-size");

  for (guint i = 0; i < self->views->len; i++)
    ck_chart_view_set_text_size (self->views->pdata[i], points);
}

static void
export (CkNationalTrendsView *self,
        gboolean              csv)
{
  if (self->figures == NULL)
    return;

  ck_stats_export (GTK_WIDGET (self), self->toast_overlay, self->cache, CK_STATS_REPORT_NATIONAL,
                   self->filter, &self->options, NULL, self->records, csv);
}

static void
export_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  export (CK_NATIONAL_TRENDS_VIEW (widget), FALSE);
}

static void
export_tables_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  export (CK_NATIONAL_TRENDS_VIEW (widget), TRUE);
}

static GListModel *
make_choices (const char *first,
              const char *list)
{
  GPtrArray *terms = ck_vocabulary_get_terms (ck_vocabulary_get_default (), list);
  GtkStringList *choices = gtk_string_list_new ((const char *[]) { first, NULL });

  for (guint i = 0; i < terms->len; i++)
    gtk_string_list_append (choices, ((CkTerm *) terms->pdata[i])->label);

  return G_LIST_MODEL (choices);
}

static void
ck_national_trends_view_dispose (GObject *object)
{
  CkNationalTrendsView *self = (CkNationalTrendsView *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->cache != NULL)
    g_signal_handlers_disconnect_by_data (self->cache, self);

  G_OBJECT_CLASS (ck_national_trends_view_parent_class)->dispose (object);
}

static void
ck_national_trends_view_finalize (GObject *object)
{
  CkNationalTrendsView *self = (CkNationalTrendsView *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->cache);
  g_clear_object (&self->reg);
  g_clear_object (&self->settings);
  g_clear_object (&self->records);
  g_clear_object (&self->figures);
  g_clear_pointer (&self->filter, ck_stats_filter_free);
  g_clear_pointer (&self->views, g_ptr_array_unref);

  G_OBJECT_CLASS (ck_national_trends_view_parent_class)->finalize (object);
}

static void
ck_national_trends_view_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  CkNationalTrendsView *self = CK_NATIONAL_TRENDS_VIEW (object);

  switch (prop_id)
    {
    case PROP_REGISTER:
      g_value_set_object (value, self->reg);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ck_national_trends_view_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  CkNationalTrendsView *self = CK_NATIONAL_TRENDS_VIEW (object);

  switch (prop_id)
    {
    case PROP_REGISTER:
      ck_national_trends_view_set_register (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ck_national_trends_view_class_init (CkNationalTrendsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ck_national_trends_view_dispose;
  object_class->finalize = ck_national_trends_view_finalize;
  object_class->get_property = ck_national_trends_view_get_property;
  object_class->set_property = ck_national_trends_view_set_property;

  properties[PROP_REGISTER] =
    g_param_spec_object ("register", NULL, NULL, CK_TYPE_REGISTER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CK_TYPE_STATS_FILTER_BAR);
  g_type_ensure (CK_TYPE_KEY_FIGURES);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ck-national-trends-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CkNationalTrendsView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CkNationalTrendsView, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, CkNationalTrendsView, spinner);
  gtk_widget_class_bind_template_child (widget_class, CkNationalTrendsView, text_size);
  gtk_widget_class_bind_template_child (widget_class, CkNationalTrendsView, content_stack);
  gtk_widget_class_bind_template_child (widget_class, CkNationalTrendsView, summary);
  gtk_widget_class_bind_template_child (widget_class, CkNationalTrendsView, key_figures);
  gtk_widget_class_bind_template_child (widget_class, CkNationalTrendsView, pair_ground);
  gtk_widget_class_bind_template_child (widget_class, CkNationalTrendsView, pair_manifestation);
  gtk_widget_class_bind_template_child (widget_class, CkNationalTrendsView, charts);
  gtk_widget_class_bind_template_child (widget_class, CkNationalTrendsView, error_page);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);

  gtk_widget_class_install_action (widget_class, "trends.export-report", NULL, export_report_action);
  gtk_widget_class_install_action (widget_class, "trends.export-tables", NULL, export_tables_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "trends.export-report", NULL);
}

static void
ck_national_trends_view_init (CkNationalTrendsView *self)
{
  g_autoptr(GListModel) grounds = make_choices (_("Most frequent ground"), CK_VOCAB_GROUNDS);
  g_autoptr(GListModel) manifestations = make_choices (_("Most frequent manifestation"), CK_VOCAB_MANIFESTATIONS);
  GDate today;
  int now;

  self->updating = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drop_down_set_model (self->pair_ground, grounds);
  gtk_drop_down_set_model (self->pair_manifestation, manifestations);
  ck_stats_filter_bar_set_show_units (self->filter_bar, TRUE);

  self->views = g_ptr_array_new ();
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      CkChartView *view = ck_chart_view_new ();

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
  self->updating = FALSE;
}

/**
 * ck_national_trends_view_set_register:
 *
 * Shows the national figures of the anonymised records in @reg.
 */
void
ck_national_trends_view_set_register (CkNationalTrendsView *self,
                                      CkRegister           *reg)
{
  g_return_if_fail (CK_IS_NATIONAL_TRENDS_VIEW (self));
  g_return_if_fail (CK_IS_REGISTER (reg));

  if (self->reg == reg)
    return;
  g_return_if_fail (self->reg == NULL);

  self->reg = g_object_ref (reg);
  self->cache = g_object_ref (ck_stats_cache_get_for_register (reg));
  g_signal_connect_object (self->cache, "changed", G_CALLBACK (cache_changed_cb), self, G_CONNECT_SWAPPED);
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGISTER]);
}

/* Returns: (transfer none) (nullable): the figures shown */
CkStatsFigures *
ck_national_trends_view_get_figures (CkNationalTrendsView *self)
{
  g_return_val_if_fail (CK_IS_NATIONAL_TRENDS_VIEW (self), NULL);

  return self->figures;
}

/* Shows the quarters from @from to @to, as if chosen in the filter bar. */
void
ck_national_trends_view_set_period (CkNationalTrendsView *self,
                                    int                   from,
                                    int                   to)
{
  g_return_if_fail (CK_IS_NATIONAL_TRENDS_VIEW (self));

  ck_stats_filter_bar_set_period (self->filter_bar, from, to);
  refresh (self);
}
