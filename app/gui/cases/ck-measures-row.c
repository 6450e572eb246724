/* ck-measures-row.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ck-case.h"
#include "ck-measures-row.h"
#include "ck-row-lines.h"
#include "ck-vocabulary.h"

/* The measures of a disposal: a check per measure in order of severity,
 * each with its own "conditional" (voorwaardelijk) check. The checks are
 * made when the row is first unfolded; until then the row keeps the
 * measures itself, which keeps opening a case quick. */
struct _CkMeasuresRow
{
  AdwExpanderRow  parent_instance;

  GArray         *measures;      /* CkMeasure: the choice while there are no checks */
  GPtrArray      *checks;        /* GtkCheckButton per measure */
  GPtrArray      *conditionals;  /* GtkCheckButton per measure */
  char           *error;
};

G_DEFINE_FINAL_TYPE (CkMeasuresRow, ck_measures_row, ADW_TYPE_EXPANDER_ROW)

static void
clear_measure (gpointer data)
{
  g_clear_pointer (&((CkMeasure *) data)->code, g_free);
}

static void
read_checks (CkMeasuresRow *self)
{
  CkVocabulary *vocabulary = ck_vocabulary_get_default ();

  /* Measures this vocabulary does not know stay as they are. */
  for (guint i = 0; i < self->measures->len;)
    {
      if (ck_vocabulary_lookup (vocabulary, CK_VOCAB_MEASURES, g_array_index (self->measures, CkMeasure, i).code) != NULL)
        g_array_remove_index (self->measures, i);
      else
        i++;
    }

  for (guint i = 0; i < self->checks->len; i++)
    {
      const CkTerm *term = g_object_get_data (G_OBJECT (self->checks->pdata[i]), "term");

      if (gtk_check_button_get_active (self->checks->pdata[i]))
        {
          CkMeasure measure = {
            g_strdup (term->code),
            term->severity > 0 && gtk_check_button_get_active (self->conditionals->pdata[i]),
          };

          g_array_append_val (self->measures, measure);
        }
    }
}

static void
update_subtitle (CkMeasuresRow *self)
{
  CkVocabulary *vocabulary = ck_vocabulary_get_default ();
  g_autoptr(GString) summary = g_string_new (NULL);

  /* A summary keeps to one line; an error is read whole. */
  ck_row_set_one_line (GTK_WIDGET (self), self->error == NULL);
  if (self->error != NULL)
    {
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), self->error);
      return;
    }

  if (self->checks != NULL)
    {
      read_checks (self);
      for (guint i = 0; i < self->checks->len; i++)
        gtk_widget_set_sensitive (self->conditionals->pdata[i], gtk_check_button_get_active (self->checks->pdata[i]));
    }

  for (guint i = 0; i < self->measures->len; i++)
    {
      const CkMeasure *measure = &g_array_index (self->measures, CkMeasure, i);
      const char *label = ck_vocabulary_get_label (vocabulary, CK_VOCAB_MEASURES, measure->code);

      if (summary->len > 0)
        g_string_append (summary, ", ");
      if (measure->conditional)
        /* Translators: a measure that is conditional, e.g. "Fine (conditional)". */
        g_string_append_printf (summary, _("%s (conditional)"), label);
      else
        g_string_append (summary, label);
    }

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), summary->len > 0 ? summary->str : _("None recorded"));
}

static void
sync_checks (CkMeasuresRow *self)
{
  for (guint i = 0; i < self->checks->len; i++)
    {
      const CkTerm *term = g_object_get_data (G_OBJECT (self->checks->pdata[i]), "term");
      gboolean active = FALSE;
      gboolean conditional = FALSE;

      for (guint j = 0; j < self->measures->len; j++)
        {
          const CkMeasure *measure = &g_array_index (self->measures, CkMeasure, j);

          if (g_str_equal (measure->code, term->code))
            {
              active = TRUE;
              conditional = measure->conditional;
            }
        }

      g_signal_handlers_block_by_func (self->checks->pdata[i], update_subtitle, self);
      g_signal_handlers_block_by_func (self->conditionals->pdata[i], update_subtitle, self);
      gtk_check_button_set_active (self->checks->pdata[i], active);
      gtk_check_button_set_active (self->conditionals->pdata[i], conditional);
      g_signal_handlers_unblock_by_func (self->checks->pdata[i], update_subtitle, self);
      g_signal_handlers_unblock_by_func (self->conditionals->pdata[i], update_subtitle, self);
    }
}

static void
build_checks (CkMeasuresRow *self)
{
  GPtrArray *terms = ck_vocabulary_get_terms (ck_vocabulary_get_default (), CK_VOCAB_MEASURES);

  self->checks = g_ptr_array_new ();
  self->conditionals = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < terms->len; i++)
    {
      const CkTerm *term = terms->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *conditional = gtk_check_button_new_with_label (_("Conditional"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), term->label);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_widget_set_valign (conditional, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (check), "term", (gpointer) term);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (update_subtitle), self);
      g_signal_connect_swapped (conditional, "toggled", G_CALLBACK (update_subtitle), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      /* "No measure" cannot be conditional. */
      if (term->severity > 0)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), conditional);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (self), row);

      g_ptr_array_add (self->checks, check);
      g_ptr_array_add (self->conditionals, g_object_ref_sink (conditional));
    }

  sync_checks (self);
  update_subtitle (self);
}

static void
expanded_cb (CkMeasuresRow *self)
{
  if (self->checks == NULL && adw_expander_row_get_expanded (ADW_EXPANDER_ROW (self)))
    build_checks (self);
}

static void
ck_measures_row_finalize (GObject *object)
{
  CkMeasuresRow *self = (CkMeasuresRow *)object;

  g_clear_pointer (&self->measures, g_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->conditionals, g_ptr_array_unref);
  g_free (self->error);

  G_OBJECT_CLASS (ck_measures_row_parent_class)->finalize (object);
}

static void
ck_measures_row_class_init (CkMeasuresRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ck_measures_row_finalize;
}

static void
ck_measures_row_init (CkMeasuresRow *self)
{
  self->measures = g_array_new (FALSE, TRUE, sizeof (CkMeasure));
  g_array_set_clear_func (self->measures, clear_measure);
  g_signal_connect (self, "notify::expanded", G_CALLBACK (expanded_cb), NULL);
}

GtkWidget *
ck_measures_row_new (const char *title)
{
  CkMeasuresRow *self = g_object_new (CK_TYPE_MEASURES_ROW, "title", title, NULL);

  update_subtitle (self);
  return GTK_WIDGET (self);
}

void
ck_measures_row_set_measures (CkMeasuresRow *self,
                              const CkCase  *kase)
{
  g_return_if_fail (CK_IS_MEASURES_ROW (self));

  g_array_set_size (self->measures, 0);
  for (guint i = 0; i < kase->measures->len; i++)
    {
      const CkMeasure *measure = &g_array_index (kase->measures, CkMeasure, i);
      CkMeasure copy = { g_strdup (measure->code), measure->conditional };

      g_array_append_val (self->measures, copy);
    }

  if (self->checks != NULL)
    sync_checks (self);
  update_subtitle (self);
}

/* Replaces the measures of @kase with the ones chosen here. */
void
ck_measures_row_get_measures (CkMeasuresRow *self,
                              CkCase        *kase)
{
  g_return_if_fail (CK_IS_MEASURES_ROW (self));

  if (self->checks != NULL)
    read_checks (self);

  g_array_set_size (kase->measures, 0);
  for (guint i = 0; i < self->measures->len; i++)
    {
      const CkMeasure *measure = &g_array_index (self->measures, CkMeasure, i);

      ck_case_add_measure (kase, measure->code, measure->conditional);
    }
}

/* @message: (nullable): shown instead of the summary, or %NULL */
void
ck_measures_row_set_error (CkMeasuresRow *self,
                           const char    *message)
{
  g_return_if_fail (CK_IS_MEASURES_ROW (self));

  g_free (self->error);
  self->error = g_strdup (message);
  update_subtitle (self);
}
