/* ck-measures-row.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ck-case.h"
#include "ck-measures-row.h"
#include "ck-vocabulary.h"

/* The measures of a disposal: a check per measure in order of severity,
 * each with its own "conditional" (voorwaardelijk) switch. */
struct _CkMeasuresRow
{
  AdwExpanderRow  parent_instance;

  GPtrArray      *checks;        /* GtkCheckButton per measure */
  GPtrArray      *conditionals;  /* GtkCheckButton per measure */
  char           *error;
};

G_DEFINE_FINAL_TYPE (CkMeasuresRow, ck_measures_row, ADW_TYPE_EXPANDER_ROW)

static void
update_subtitle (CkMeasuresRow *self)
{
  g_autoptr(GString) summary = g_string_new (NULL);

  if (self->error != NULL)
    {
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), self->error);
      return;
    }

  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkCheckButton *check = self->checks->pdata[i];
      const CkTerm *term = g_object_get_data (G_OBJECT (check), "term");

      gtk_widget_set_sensitive (self->conditionals->pdata[i], gtk_check_button_get_active (check));
      if (!gtk_check_button_get_active (check))
        continue;

      if (summary->len > 0)
        g_string_append (summary, ", ");
      if (gtk_check_button_get_active (self->conditionals->pdata[i]))
        /* Translators: a measure that is conditional, e.g. "Fine (conditional)". */
        g_string_append_printf (summary, _("%s (conditional)"), term->label);
      else
        g_string_append (summary, term->label);
    }

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), summary->len > 0 ? summary->str : _("None recorded"));
}

static void
ck_measures_row_finalize (GObject *object)
{
  CkMeasuresRow *self = (CkMeasuresRow *)object;

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
  GPtrArray *terms = ck_vocabulary_get_terms (ck_vocabulary_get_default (), CK_VOCAB_MEASURES);

  self->checks = g_ptr_array_new ();
  self->conditionals = g_ptr_array_new ();

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
      g_ptr_array_add (self->conditionals, conditional);
    }
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

  for (guint i = 0; i < self->checks->len; i++)
    {
      const CkTerm *term = g_object_get_data (G_OBJECT (self->checks->pdata[i]), "term");
      gboolean active = FALSE;
      gboolean conditional = FALSE;

      for (guint j = 0; j < kase->measures->len; j++)
        {
          const CkMeasure *measure = &g_array_index (kase->measures, CkMeasure, j);

          if (g_str_equal (measure->code, term->code))
            {
              active = TRUE;
              conditional = measure->conditional;
            }
        }

      gtk_check_button_set_active (self->checks->pdata[i], active);
      gtk_check_button_set_active (self->conditionals->pdata[i], conditional);
    }

  update_subtitle (self);
}

/* Replaces the measures of @kase with the ones chosen here. */
void
ck_measures_row_get_measures (CkMeasuresRow *self,
                              CkCase        *kase)
{
  g_return_if_fail (CK_IS_MEASURES_ROW (self));

  g_array_set_size (kase->measures, 0);
  for (guint i = 0; i < self->checks->len; i++)
    {
      const CkTerm *term = g_object_get_data (G_OBJECT (self->checks->pdata[i]), "term");

      if (gtk_check_button_get_active (self->checks->pdata[i]))
        ck_case_add_measure (kase, term->code,
                             term->severity > 0 && gtk_check_button_get_active (self->conditionals->pdata[i]));
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
