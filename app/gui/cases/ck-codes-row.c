/* ck-codes-row.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ck-codes-row.h"
#include "ck-row-lines.h"
#include "ck-vocabulary.h"

/* Several codes from one vocabulary list (grounds, manifestations): a
 * check per term, and the chosen labels as the row's subtitle so the
 * choice shows while the row is folded. The checks are made when the row
 * is first unfolded: until then the row keeps the codes itself, which
 * keeps opening a case quick. */
struct _CkCodesRow
{
  AdwExpanderRow  parent_instance;

  const char     *list;
  char          **codes;     /* the choice while the checks do not exist */
  GPtrArray      *checks;    /* GtkCheckButton per term, in vocabulary order */
  char           *error;
};

G_DEFINE_FINAL_TYPE (CkCodesRow, ck_codes_row, ADW_TYPE_EXPANDER_ROW)

static void
update_subtitle (CkCodesRow *self)
{
  g_auto(GStrv) codes = NULL;
  g_autofree char *labels = NULL;

  /* A summary keeps to one line; an error is read whole. */
  ck_row_set_one_line (GTK_WIDGET (self), self->error == NULL);
  if (self->error != NULL)
    {
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), self->error);
      return;
    }

  codes = ck_codes_row_get_codes (self);
  labels = ck_vocabulary_join_labels (ck_vocabulary_get_default (), self->list, (const char * const *) codes);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), *labels != '\0' ? labels : _("None chosen"));
}

static void
toggled_cb (CkCodesRow *self)
{
  update_subtitle (self);
}

static void
sync_checks (CkCodesRow *self)
{
  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkCheckButton *check = self->checks->pdata[i];
      const char *code = g_object_get_data (G_OBJECT (check), "code");

      g_signal_handlers_block_by_func (check, toggled_cb, self);
      gtk_check_button_set_active (check, g_strv_contains ((const char * const *) self->codes, code));
      g_signal_handlers_unblock_by_func (check, toggled_cb, self);
    }
}

static void
build_checks (CkCodesRow *self)
{
  GPtrArray *terms = ck_vocabulary_get_terms (ck_vocabulary_get_default (), self->list);

  self->checks = g_ptr_array_new ();
  for (guint i = 0; i < terms->len; i++)
    {
      const CkTerm *term = terms->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), term->label);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (check), "code", (gpointer) term->code);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (toggled_cb), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (self), row);
      g_ptr_array_add (self->checks, check);
    }

  sync_checks (self);
}

static void
expanded_cb (CkCodesRow *self)
{
  if (self->checks == NULL && adw_expander_row_get_expanded (ADW_EXPANDER_ROW (self)))
    build_checks (self);
}

static void
ck_codes_row_finalize (GObject *object)
{
  CkCodesRow *self = (CkCodesRow *)object;

  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_strfreev (self->codes);
  g_free (self->error);

  G_OBJECT_CLASS (ck_codes_row_parent_class)->finalize (object);
}

static void
ck_codes_row_class_init (CkCodesRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ck_codes_row_finalize;
}

static void
ck_codes_row_init (CkCodesRow *self)
{
  self->codes = g_new0 (char *, 1);
  g_signal_connect (self, "notify::expanded", G_CALLBACK (expanded_cb), NULL);
}

/**
 * ck_codes_row_new:
 * @list: a vocabulary list id such as CK_VOCAB_GROUNDS; a static string
 */
GtkWidget *
ck_codes_row_new (const char *title,
                  const char *list)
{
  CkCodesRow *self = g_object_new (CK_TYPE_CODES_ROW, "title", title, NULL);

  self->list = list;
  update_subtitle (self);
  return GTK_WIDGET (self);
}

void
ck_codes_row_set_codes (CkCodesRow         *self,
                        const char * const *codes)
{
  g_return_if_fail (CK_IS_CODES_ROW (self));

  g_strfreev (self->codes);
  self->codes = codes != NULL ? g_strdupv ((char **) codes) : g_new0 (char *, 1);
  if (self->checks != NULL)
    sync_checks (self);

  update_subtitle (self);
}

/* Returns: (transfer full): the chosen codes, and any code the vocabulary
 * does not know (of a newer version), which this row cannot show but must
 * not lose */
char **
ck_codes_row_get_codes (CkCodesRow *self)
{
  CkVocabulary *vocabulary = ck_vocabulary_get_default ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (CK_IS_CODES_ROW (self), NULL);

  if (self->checks == NULL)
    return g_strdupv (self->codes);

  for (guint i = 0; self->codes[i] != NULL; i++)
    if (ck_vocabulary_lookup (vocabulary, self->list, self->codes[i]) == NULL)
      g_strv_builder_add (builder, self->codes[i]);

  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (self->checks->pdata[i]))
      g_strv_builder_add (builder, g_object_get_data (G_OBJECT (self->checks->pdata[i]), "code"));

  return g_strv_builder_end (builder);
}

/* @message: (nullable): shown instead of the chosen labels, or %NULL */
void
ck_codes_row_set_error (CkCodesRow *self,
                        const char *message)
{
  g_return_if_fail (CK_IS_CODES_ROW (self));

  g_free (self->error);
  self->error = g_strdup (message);
  update_subtitle (self);
}
