/* ck-similar-window.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ck-case.h"
#include "ck-register.h"
#include "ck-similar.h"
#include "ck-similar-window.h"
#include "ck-vocabulary.h"

struct _CkSimilarWindow
{
  AdwWindow            parent_instance;

  CkRegister          *reg;
  CkCase              *kase;        /* categorical fields only */
  CkSimilarResult     *result;
  GCancellable        *cancellable;

  AdwWindowTitle      *title;
  GtkStack            *stack;
  GtkSpinner          *spinner;
  AdwStatusPage       *error_page;
  AdwPreferencesGroup *counts_group;
  GtkGrid             *counts_grid;
  GtkLabel            *position_label;
  AdwPreferencesGroup *matches_group;
  GtkLabel            *none_label;
};

G_DEFINE_FINAL_TYPE (CkSimilarWindow, ck_similar_window, ADW_TYPE_WINDOW)

typedef enum
{
  COLUMN_LABEL,
  COLUMN_OWN,
  COLUMN_OWN_BAR,
  COLUMN_NATIONAL,
  COLUMN_NATIONAL_BAR,
} Column;

static GtkWidget *
make_label (const char *text,
            float       xalign,
            const char *css)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (css != NULL)
    gtk_widget_add_css_class (label, css);
  return label;
}

static char *
format_cell (const CkCell *cell,
             guint         k)
{
  return ck_cell_format (cell, k);
}

/* A bar only for a count that is shown: a bar for "<5" would tell it. */
static GtkWidget *
make_bar (const CkCell *cell,
          guint         largest)
{
  GtkWidget *bar = gtk_level_bar_new_for_interval (0, MAX (largest, 1));

  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), cell->state == CK_CELL_EXACT ? cell->value : 0);
  gtk_widget_set_visible (bar, cell->state == CK_CELL_EXACT);
  gtk_widget_set_hexpand (bar, TRUE);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (bar, 80, -1);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  return bar;
}

static void
add_count_row (CkSimilarWindow *self,
               int              row,
               const char      *label,
               const CkCell    *own,
               const CkCell    *national,
               guint            largest_own,
               guint            largest_national,
               gboolean         marked)
{
  guint k = self->result->small_cell;
  g_autofree char *own_text = format_cell (own, k);
  g_autofree char *national_text = format_cell (national, k);
  GtkWidget *name = make_label (label, 0, marked ? "similar-this-case" : NULL);
  GtkWidget *national_label = make_label (national_text, 1, "numeric");

  if (national->state == CK_CELL_BELOW)
    gtk_widget_set_tooltip_text (national_label, _("Fewer than five: not shown exactly, to protect the people involved"));
  else if (national->state == CK_CELL_HIDDEN)
    gtk_widget_set_tooltip_text (national_label, _("Hidden, so that a count below five cannot be worked out from the total"));

  gtk_grid_attach (self->counts_grid, name, COLUMN_LABEL, row, 1, 1);
  gtk_grid_attach (self->counts_grid, make_label (own_text, 1, "numeric"), COLUMN_OWN, row, 1, 1);
  gtk_grid_attach (self->counts_grid, make_bar (own, largest_own), COLUMN_OWN_BAR, row, 1, 1);
  gtk_grid_attach (self->counts_grid, national_label, COLUMN_NATIONAL, row, 1, 1);
  gtk_grid_attach (self->counts_grid, make_bar (national, largest_national), COLUMN_NATIONAL_BAR, row, 1, 1);
}

static gboolean
cell_is_empty (const CkCell *cell)
{
  return cell->state == CK_CELL_EXACT && cell->value == 0;
}

/* Whether a row of the counts says nothing: none in this unit, and none
 * in other units or nothing to say about them (fewer than five in all). */
static gboolean
row_is_empty (const CkSimilarResult *result,
              const CkCell          *own,
              const CkCell          *national)
{
  return cell_is_empty (own) &&
         (cell_is_empty (national) || result->national.total.state == CK_CELL_BELOW);
}

static guint
largest (const CkCell *cells,
         guint         n)
{
  guint most = 0;

  for (guint i = 0; i < n; i++)
    if (cells[i].state == CK_CELL_EXACT)
      most = MAX (most, cells[i].value);

  return most;
}

/* The lightest measure with @level names the level. */
static char *
describe_level (int level)
{
  GPtrArray *terms = ck_vocabulary_get_terms (ck_vocabulary_get_default (), CK_VOCAB_MEASURES);

  if (level < 0)
    return g_strdup (_("No measures recorded"));

  for (guint i = 0; i < terms->len; i++)
    if (((const CkTerm *) terms->pdata[i])->severity == level)
      /* Translators: a sanction level: the measure's name and its rank. */
      return g_strdup_printf (_("%s (%d)"), ((const CkTerm *) terms->pdata[i])->label, level);

  return g_strdup_printf ("%d", level);
}

static void
add_heading (CkSimilarWindow *self,
             int              row,
             const char      *text)
{
  GtkWidget *label = make_label (text, 0, "heading");

  gtk_widget_set_margin_top (label, 6);
  gtk_grid_attach (self->counts_grid, label, COLUMN_LABEL, row, 1, 1);
}

static void
show_counts (CkSimilarWindow *self)
{
  const CkSimilarResult *result = self->result;
  GPtrArray *findings = ck_vocabulary_get_terms (ck_vocabulary_get_default (), CK_VOCAB_FINDINGS);
  guint own_findings = largest (result->own.findings, result->n_findings);
  guint national_findings = largest (result->national.findings, result->n_findings);
  guint own_levels = largest (result->own.levels, result->n_levels);
  guint national_levels = largest (result->national.levels, result->n_levels);
  g_autofree char *description = NULL;
  g_autofree char *markup = NULL;
  int row = 0;

  /* Translators: %u is a percentage. */
  description = g_strdup_printf (_("Closed cases at least %u%% alike. Counts of other units below five show as "
                                   "“<5”; “×” is hidden so that such a count cannot be worked out."),
                                 result->threshold / 10);
  markup = g_markup_escape_text (description, -1);
  adw_preferences_group_set_description (self->counts_group, markup);

  gtk_grid_attach (self->counts_grid, make_label (_("This unit"), 1, "heading"), COLUMN_OWN, row, 2, 1);
  gtk_grid_attach (self->counts_grid, make_label (_("Other units"), 1, "heading"), COLUMN_NATIONAL, row, 2, 1);
  row++;
  add_count_row (self, row++, _("Comparable cases"), &result->own.total, &result->national.total,
                 result->own.total.value, result->national.total.value, FALSE);

  add_heading (self, row++, _("Finding"));
  for (guint i = 1; i <= result->n_findings; i++)
    {
      guint index = i % result->n_findings;   /* no finding last */
      const char *label = index > 0 && index <= findings->len ? ((const CkTerm *) findings->pdata[index - 1])->label
                                                               : _("No finding recorded");

      if (row_is_empty (result, &result->own.findings[index], &result->national.findings[index]))
        continue;
      add_count_row (self, row++, label, &result->own.findings[index], &result->national.findings[index],
                     own_findings, national_findings, FALSE);
    }

  add_heading (self, row++, _("Sanction level"));
  for (guint i = 0; i < result->n_levels; i++)
    {
      int level = (int) i - 1;
      gboolean proposed = level == result->proposed_level;
      g_autofree char *label = describe_level (level);
      g_autofree char *marked = NULL;

      if (!proposed && row_is_empty (result, &result->own.levels[i], &result->national.levels[i]))
        continue;
      if (proposed)
        /* Translators: marks the sanction level of the case being compared. */
        marked = g_strdup_printf (_("%s — this case"), label);
      add_count_row (self, row++, marked != NULL ? marked : label, &result->own.levels[i], &result->national.levels[i],
                     own_levels, national_levels, proposed);
    }
}

static void
show_position (CkSimilarWindow *self)
{
  const CkSimilarResult *result = self->result;
  g_autofree char *proposed = describe_level (result->proposed_level);
  g_autofree char *own = result->own.median_level >= -1 ? describe_level (result->own.median_level) : g_strdup ("—");
  g_autofree char *national = result->national.median_level >= -1 ? describe_level (result->national.median_level)
                                                                   : g_strdup ("—");
  g_autofree char *text = NULL;

  /* Translators: the middle sanction level of comparable cases, then the
   * case's own; each a measure's name and its rank. */
  text = g_strdup_printf (_("Middle sanction level of comparable cases: %s in this unit, %s in other units. "
                            "This case: %s."),
                          own, national, proposed);
  gtk_label_set_text (self->position_label, text);
}

static char *
describe_measures (const CkSimilarMatch *match)
{
  CkVocabulary *vocabulary = ck_vocabulary_get_default ();
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < match->measures->len; i++)
    {
      const CkMeasure *measure = &g_array_index (match->measures, CkMeasure, i);
      const char *label = ck_vocabulary_get_label (vocabulary, CK_VOCAB_MEASURES, measure->code);

      if (i > 0)
        g_string_append (text, ", ");
      if (measure->conditional)
        g_string_append_printf (text, _("%s (conditional)"), label);
      else
        g_string_append (text, label);
    }

  if (text->len == 0)
    g_string_append (text, _("no measures recorded"));

  return g_string_free (text, FALSE);
}

static GtkWidget *
make_match_row (CkSimilarWindow      *self,
                const CkSimilarMatch *match)
{
  CkVocabulary *vocabulary = ck_vocabulary_get_default ();
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *score = gtk_label_new (NULL);
  GtkWidget *shared_row = adw_action_row_new ();
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *measures = describe_measures (match);
  g_autofree char *percent = g_strdup_printf ("%u%%", match->score / 10);
  g_autofree char *shared = NULL;
  g_auto(GStrv) texts = ck_similar_describe_shared (match, self->kase);
  const char *finding = match->finding != NULL ? ck_vocabulary_get_label (vocabulary, CK_VOCAB_FINDINGS, match->finding)
                                               : _("No finding recorded");

  if (match->source == CK_SIMILAR_OWN)
    title = g_strdup (match->reference);
  else if (match->quarter > 0)
    /* Translators: a record of another unit, which is all that is said of it: "Other unit, 2025 Q2". */
    title = g_strdup_printf (_("Other unit, %d Q%d"), match->year, match->quarter);
  else
    title = g_strdup_printf (_("Other unit, %d"), match->year);

  /* Translators: "Founded · Written reprimand (level 3)" */
  subtitle = match->sanction_level >= 0 ? g_strdup_printf (_("%s · %s (level %d)"), finding, measures,
                                                           match->sanction_level)
                                        : g_strdup_printf (_("%s · %s"), finding, measures);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  gtk_label_set_text (GTK_LABEL (score), percent);
  gtk_label_set_width_chars (GTK_LABEL (score), 5);
  gtk_widget_add_css_class (score, "similar-score");
  gtk_widget_add_css_class (score, "numeric");
  gtk_widget_set_tooltip_text (score, _("How alike: the share of what this case records that the other has in common"));
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), score);
  if (match->source == CK_SIMILAR_NATIONAL)
    gtk_widget_add_css_class (row, "similar-national");

  shared = g_strjoinv ("; ", texts);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (shared_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (shared_row), _("In common"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (shared_row), *shared != '\0' ? shared : "—");
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (shared_row), 0);
  gtk_widget_add_css_class (shared_row, "property");
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), shared_row);

  return row;
}

static void
show_result (CkSimilarWindow *self)
{
  const CkSimilarResult *result = self->result;

  show_counts (self);
  show_position (self);

  for (guint i = 0; i < result->matches->len; i++)
    adw_preferences_group_add (self->matches_group, make_match_row (self, result->matches->pdata[i]));
  gtk_widget_set_visible (GTK_WIDGET (self->matches_group), result->matches->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->none_label), result->matches->len == 0);

  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "result");
}

static void
found_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CkSimilarWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  self->result = ck_similar_find_finish (CK_REGISTER (object), result, &error);
  if (self->result == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_spinner_stop (self->spinner);
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  show_result (self);
}

static void
ck_similar_window_dispose (GObject *object)
{
  CkSimilarWindow *self = (CkSimilarWindow *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CK_TYPE_SIMILAR_WINDOW);

  G_OBJECT_CLASS (ck_similar_window_parent_class)->dispose (object);
}

static void
ck_similar_window_finalize (GObject *object)
{
  CkSimilarWindow *self = (CkSimilarWindow *)object;

  g_clear_pointer (&self->result, ck_similar_result_free);
  g_clear_pointer (&self->kase, ck_case_free);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->reg);

  G_OBJECT_CLASS (ck_similar_window_parent_class)->finalize (object);
}

static void
ck_similar_window_class_init (CkSimilarWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ck_similar_window_dispose;
  object_class->finalize = ck_similar_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ck-similar-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CkSimilarWindow, title);
  gtk_widget_class_bind_template_child (widget_class, CkSimilarWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CkSimilarWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, CkSimilarWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, CkSimilarWindow, counts_group);
  gtk_widget_class_bind_template_child (widget_class, CkSimilarWindow, counts_grid);
  gtk_widget_class_bind_template_child (widget_class, CkSimilarWindow, position_label);
  gtk_widget_class_bind_template_child (widget_class, CkSimilarWindow, matches_group);
  gtk_widget_class_bind_template_child (widget_class, CkSimilarWindow, none_label);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ck_similar_window_init (CkSimilarWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/**
 * ck_similar_window_new:
 * @kase: the case to compare, as its editor shows it (copied without its
 *   confidential fields)
 *
 * Looks for the comparable cases at once, off the main thread.
 */
CkSimilarWindow *
ck_similar_window_new (CkRegister   *reg,
                       const CkCase *kase)
{
  CkSimilarWindow *self = g_object_new (CK_TYPE_SIMILAR_WINDOW, NULL);

  self->reg = g_object_ref (reg);
  self->kase = ck_case_copy (kase);
  ck_case_clear_confidential (self->kase);

  adw_window_title_set_subtitle (self->title, kase->reference != NULL ? kase->reference : _("New case"));
  ck_similar_find_async (reg, self->kase, 0, self->cancellable, found_cb, g_object_ref (self));

  return self;
}

/* Returns: (transfer none) (nullable): what was found, once it is shown */
const CkSimilarResult *
ck_similar_window_get_result (CkSimilarWindow *self)
{
  g_return_val_if_fail (CK_IS_SIMILAR_WINDOW (self), NULL);

  return self->result;
}
