/* ck-case-list-dialog.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ck-case-columns.h"
#include "ck-case-filter.h"
#include "ck-case-list-dialog.h"
#include "ck-case-row.h"
#include "ck-register.h"

/* The cases behind a bar or a cell of a chart, as the case list shows
 * them (reference, date, kind, grounds, status), newest first. Activating
 * one emits "case-activated"; whoever opened the list opens the case. */
struct _CkCaseListDialog
{
  AdwWindow           parent_instance;

  CkRegister         *reg;
  CkCaseFilter       *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;

  AdwWindowTitle     *title;
  GtkColumnView      *column_view;
};

G_DEFINE_FINAL_TYPE (CkCaseListDialog, ck_case_list_dialog, ADW_TYPE_WINDOW)

enum {
  CASE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
open_row (CkCaseListDialog *self,
          CkCaseRow        *row)
{
  if (row != NULL)
    g_signal_emit (self, signals[CASE_ACTIVATED], 0, ck_case_row_get_id (row));
}

static void
activate_cb (CkCaseListDialog *self,
             guint             position)
{
  g_autoptr(CkCaseRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  open_row (self, row);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CkCaseListDialog *self = CK_CASE_LIST_DIALOG (widget);

  open_row (self, gtk_single_selection_get_selected_item (self->selection));
}

static void
ck_case_list_dialog_dispose (GObject *object)
{
  CkCaseListDialog *self = (CkCaseListDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CK_TYPE_CASE_LIST_DIALOG);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);

  G_OBJECT_CLASS (ck_case_list_dialog_parent_class)->dispose (object);
}

static void
ck_case_list_dialog_finalize (GObject *object)
{
  CkCaseListDialog *self = (CkCaseListDialog *)object;

  g_clear_object (&self->filter);
  g_clear_object (&self->reg);

  G_OBJECT_CLASS (ck_case_list_dialog_parent_class)->finalize (object);
}

static void
ck_case_list_dialog_class_init (CkCaseListDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ck_case_list_dialog_dispose;
  object_class->finalize = ck_case_list_dialog_finalize;

  /**
   * CkCaseListDialog::case-activated:
   * @id: the case
   */
  signals[CASE_ACTIVATED] =
    g_signal_new ("case-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ck-case-list-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CkCaseListDialog, title);
  gtk_widget_class_bind_template_child (widget_class, CkCaseListDialog, column_view);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
  gtk_widget_class_install_action (widget_class, "list.open", NULL, open_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ck_case_list_dialog_init (CkCaseListDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->filter = ck_case_filter_new ();
  ck_case_columns_add (self->column_view);
}

/**
 * ck_case_list_dialog_new:
 * @ids: (element-type gint64): the cases, ascending
 * @title: what they are, e.g. "2025 Q1 · Origin, race or skin colour"
 */
CkCaseListDialog *
ck_case_list_dialog_new (CkRegister *reg,
                         GArray     *ids,
                         const char *title)
{
  CkCaseListDialog *self = g_object_new (CK_TYPE_CASE_LIST_DIALOG, NULL);
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  g_autoptr(GtkColumnViewColumn) date = NULL;
  g_autofree char *subtitle = NULL;
  GtkSortListModel *sorted;

  self->reg = g_object_ref (reg);
  /* The filter takes the array. */
  ck_case_filter_set_ids (self->filter, g_array_ref (ids));

  date = g_list_model_get_item (columns, 1);
  gtk_column_view_sort_by_column (self->column_view, date, GTK_SORT_DESCENDING);
  sorted = gtk_sort_list_model_new (g_object_ref (ck_register_get_cases (reg)),
                                    g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (sorted), g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->title, title);
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case", "%u cases", ids->len), ids->len);
  adw_window_title_set_subtitle (self->title, subtitle);

  return self;
}

/* Returns: (transfer none): the cases listed, as CkCaseRow */
GListModel *
ck_case_list_dialog_get_cases (CkCaseListDialog *self)
{
  g_return_val_if_fail (CK_IS_CASE_LIST_DIALOG (self), NULL);

  return G_LIST_MODEL (self->selection);
}
