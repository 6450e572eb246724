/* ck-stats-filter-bar.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ck-stats-filter-bar.h"
#include "ck-vocabulary.h"

/* What the figures count: a period of quarters, and optionally a unit,
 * a sector or team, a ground, a manifestation and a channel. Emits
 * "changed" when the user changes any of them. */
struct _CkStatsFilterBar
{
  GtkWidget    parent_instance;

  int          first;            /* the quarters offered */
  int          last;
  GPtrArray   *teams;            /* codes; item n + 1 of the dropdown */
  gboolean     updating;

  GtkDropDown *from_dropdown;
  GtkDropDown *to_dropdown;
  GtkDropDown *unit_dropdown;
  GtkDropDown *team_dropdown;
  GtkDropDown *ground_dropdown;
  GtkDropDown *manifestation_dropdown;
  GtkDropDown *channel_dropdown;
};

G_DEFINE_FINAL_TYPE (CkStatsFilterBar, ck_stats_filter_bar, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
changed_cb (CkStatsFilterBar *self)
{
  if (!self->updating)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
period_changed_cb (CkStatsFilterBar *self,
                   GParamSpec       *pspec,
                   GtkDropDown      *dropdown)
{
  guint from = gtk_drop_down_get_selected (self->from_dropdown);
  guint to = gtk_drop_down_get_selected (self->to_dropdown);

  if (self->updating)
    return;

  /* The period keeps its ends in order, whichever end moved. */
  if (from != GTK_INVALID_LIST_POSITION && to != GTK_INVALID_LIST_POSITION && from > to)
    {
      self->updating = TRUE;
      if (dropdown == self->from_dropdown)
        gtk_drop_down_set_selected (self->to_dropdown, from);
      else
        gtk_drop_down_set_selected (self->from_dropdown, to);
      self->updating = FALSE;
    }

  g_signal_emit (self, signals[CHANGED], 0);
}

static GListModel *
make_choices (const char *all,
              const char *list)
{
  GPtrArray *terms = ck_vocabulary_get_terms (ck_vocabulary_get_default (), list);
  GtkStringList *choices = gtk_string_list_new ((const char *[]) { all, NULL });

  for (guint i = 0; i < terms->len; i++)
    gtk_string_list_append (choices, ((CkTerm *) terms->pdata[i])->label);

  return G_LIST_MODEL (choices);
}

static const char *
selected_code (GtkDropDown *dropdown,
               const char  *list)
{
  GPtrArray *terms = ck_vocabulary_get_terms (ck_vocabulary_get_default (), list);
  guint selected = gtk_drop_down_get_selected (dropdown);

  /* Item 0 is "all". */
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > terms->len)
    return NULL;

  return ((CkTerm *) terms->pdata[selected - 1])->code;
}

static void
ck_stats_filter_bar_dispose (GObject *object)
{
  CkStatsFilterBar *self = (CkStatsFilterBar *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CK_TYPE_STATS_FILTER_BAR);
  /* The template's outer box has no name for the template to unparent. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ck_stats_filter_bar_parent_class)->dispose (object);
}

static void
ck_stats_filter_bar_finalize (GObject *object)
{
  CkStatsFilterBar *self = (CkStatsFilterBar *)object;

  g_clear_pointer (&self->teams, g_ptr_array_unref);

  G_OBJECT_CLASS (ck_stats_filter_bar_parent_class)->finalize (object);
}

static void
ck_stats_filter_bar_class_init (CkStatsFilterBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ck_stats_filter_bar_dispose;
  object_class->finalize = ck_stats_filter_bar_finalize;

  /**
   * CkStatsFilterBar::changed:
   *
   * The user changed what the figures count.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ck-stats-filter-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, CkStatsFilterBar, from_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CkStatsFilterBar, to_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CkStatsFilterBar, unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CkStatsFilterBar, team_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CkStatsFilterBar, ground_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CkStatsFilterBar, manifestation_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CkStatsFilterBar, channel_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, period_changed_cb);
}

static void
ck_stats_filter_bar_init (CkStatsFilterBar *self)
{
  g_autoptr(GListModel) units = make_choices (_("All units"), CK_VOCAB_UNITS);
  g_autoptr(GListModel) grounds = make_choices (_("All grounds"), CK_VOCAB_GROUNDS);
  g_autoptr(GListModel) manifestations = make_choices (_("All manifestations"), CK_VOCAB_MANIFESTATIONS);
  g_autoptr(GListModel) channels = make_choices (_("All channels"), CK_VOCAB_CHANNELS);
  g_autoptr(GtkStringList) teams = gtk_string_list_new ((const char *[]) { _("All sectors"), NULL });

  self->updating = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->teams = g_ptr_array_new_with_free_func (g_free);

  gtk_drop_down_set_model (self->unit_dropdown, units);
  gtk_drop_down_set_model (self->team_dropdown, G_LIST_MODEL (teams));
  gtk_drop_down_set_model (self->ground_dropdown, grounds);
  gtk_drop_down_set_model (self->manifestation_dropdown, manifestations);
  gtk_drop_down_set_model (self->channel_dropdown, channels);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->unit_dropdown)), FALSE);
  self->updating = FALSE;
}

CkStatsFilterBar *
ck_stats_filter_bar_new (void)
{
  return g_object_new (CK_TYPE_STATS_FILTER_BAR, NULL);
}

/* Offers the quarters from @first to @last, keeping the period chosen
 * where it still fits. */
void
ck_stats_filter_bar_set_quarters (CkStatsFilterBar *self,
                                  int               first,
                                  int               last)
{
  g_autoptr(GtkStringList) from_model = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) to_model = gtk_string_list_new (NULL);
  int from = self->first + (int) gtk_drop_down_get_selected (self->from_dropdown);
  int to = self->first + (int) gtk_drop_down_get_selected (self->to_dropdown);
  gboolean had = gtk_drop_down_get_model (self->from_dropdown) != NULL;

  g_return_if_fail (CK_IS_STATS_FILTER_BAR (self));

  if (first == self->first && last == self->last && had)
    return;

  for (int q = first; q <= last; q++)
    {
      g_autofree char *label = ck_stats_quarter_to_label (q);

      gtk_string_list_append (from_model, label);
      gtk_string_list_append (to_model, label);
    }

  self->updating = TRUE;
  self->first = first;
  self->last = last;
  gtk_drop_down_set_model (self->from_dropdown, G_LIST_MODEL (from_model));
  gtk_drop_down_set_model (self->to_dropdown, G_LIST_MODEL (to_model));
  if (had)
    ck_stats_filter_bar_set_period (self, CLAMP (from, first, last), CLAMP (to, first, last));
  self->updating = FALSE;
}

/* Selects the period from @from to @to, without emitting "changed". */
void
ck_stats_filter_bar_set_period (CkStatsFilterBar *self,
                                int               from,
                                int               to)
{
  gboolean updating = self->updating;

  g_return_if_fail (CK_IS_STATS_FILTER_BAR (self));

  self->updating = TRUE;
  gtk_drop_down_set_selected (self->from_dropdown, (guint) (CLAMP (from, self->first, self->last) - self->first));
  gtk_drop_down_set_selected (self->to_dropdown, (guint) (CLAMP (to, self->first, self->last) - self->first));
  self->updating = updating;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Offers the sectors and teams that @data names, keeping the one chosen. */
void
ck_stats_filter_bar_set_teams (CkStatsFilterBar *self,
                               CkStatsData      *data)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new ((const char *[]) { _("All sectors"), NULL });
  g_autoptr(GPtrArray) teams = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *chosen = NULL;
  guint selected = gtk_drop_down_get_selected (self->team_dropdown);
  guint keep = 0;

  g_return_if_fail (CK_IS_STATS_FILTER_BAR (self));

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected <= self->teams->len)
    chosen = g_strdup (self->teams->pdata[selected - 1]);

  for (guint t = 1; t <= ck_stats_data_get_n_teams (data); t++)
    g_ptr_array_add (teams, g_strdup (ck_stats_data_get_team (data, t)));
  g_ptr_array_sort (teams, compare_strings);

  /* The same teams again: nothing to redo. */
  if (teams->len == self->teams->len)
    {
      gboolean same = TRUE;

      for (guint i = 0; i < teams->len && same; i++)
        same = g_str_equal (teams->pdata[i], self->teams->pdata[i]);
      if (same)
        return;
    }

  for (guint i = 0; i < teams->len; i++)
    {
      gtk_string_list_append (model, teams->pdata[i]);
      if (g_strcmp0 (teams->pdata[i], chosen) == 0)
        keep = i + 1;
    }

  self->updating = TRUE;
  g_ptr_array_unref (self->teams);
  self->teams = g_steal_pointer (&teams);
  gtk_drop_down_set_model (self->team_dropdown, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (self->team_dropdown, keep);
  self->updating = FALSE;
}

/* Whether the unit can be chosen: for national figures. */
void
ck_stats_filter_bar_set_show_units (CkStatsFilterBar *self,
                                    gboolean          show)
{
  g_return_if_fail (CK_IS_STATS_FILTER_BAR (self));

  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->unit_dropdown)), show);
}

/* Returns: (transfer full): what the user chose */
CkStatsFilter *
ck_stats_filter_bar_get_filter (CkStatsFilterBar *self)
{
  guint from = gtk_drop_down_get_selected (self->from_dropdown);
  guint to = gtk_drop_down_get_selected (self->to_dropdown);
  guint team = gtk_drop_down_get_selected (self->team_dropdown);
  CkStatsFilter *filter;

  g_return_val_if_fail (CK_IS_STATS_FILTER_BAR (self), NULL);

  filter = ck_stats_filter_new (self->first + (int) (from == GTK_INVALID_LIST_POSITION ? 0 : from),
                                self->first + (int) (to == GTK_INVALID_LIST_POSITION ? 0 : to));
  if (gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (self->unit_dropdown))))
    filter->unit = g_strdup (selected_code (self->unit_dropdown, CK_VOCAB_UNITS));
  if (team != GTK_INVALID_LIST_POSITION && team > 0 && team <= self->teams->len)
    filter->team = g_strdup (self->teams->pdata[team - 1]);
  filter->ground = g_strdup (selected_code (self->ground_dropdown, CK_VOCAB_GROUNDS));
  filter->manifestation = g_strdup (selected_code (self->manifestation_dropdown, CK_VOCAB_MANIFESTATIONS));
  filter->channel = g_strdup (selected_code (self->channel_dropdown, CK_VOCAB_CHANNELS));

  return filter;
}
