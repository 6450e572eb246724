/* ck-cases-page.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ck-case.h"
#include "ck-case-columns.h"
#include "ck-case-editor.h"
#include "ck-case-filter.h"
#include "ck-case-query.h"
#include "ck-case-row.h"
#include "ck-case-slots.h"
#include "ck-cases-page.h"
#include "ck-date.h"
#include "ck-register.h"
#include "ck-vocabulary.h"

/* The list of the unit's cases: search as you type, filters, sorting by
 * any column, and the doors to the editor. Deleting moves a case to the
 * register's bin; the toast's Undo brings it back, and when the toast goes
 * away the case is erased for good. */
struct _CkCasesPage
{
  AdwBin              parent_instance;

  CkRegister         *reg;
  CkCaseFilter       *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  GCancellable       *query_cancellable;
  GArray             *pending_erase;     /* ids in the bin awaiting undo */
  CkCaseEditor       *editor;            /* kept for the next case; hidden when closed */
  guint               editor_source;     /* idle: make it before it is needed */

  AdwToastOverlay    *toast_overlay;
  AdwWindowTitle     *title;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *status_dropdown;
  GtkDropDown        *ground_dropdown;
  GtkDropDown        *period_dropdown;
  GtkStack           *content_stack;
  GtkColumnView      *column_view;
  GtkButton          *delete_button;
};

G_DEFINE_FINAL_TYPE (CkCasesPage, ck_cases_page, ADW_TYPE_BIN)

typedef enum
{
  PERIOD_ANY,
  PERIOD_LAST_3_MONTHS,
  PERIOD_LAST_12_MONTHS,
  PERIOD_THIS_YEAR,
  PERIOD_LAST_YEAR,
} Period;

static const char *
selected_code (GtkDropDown *dropdown,
               const char  *list)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  GPtrArray *terms = ck_vocabulary_get_terms (ck_vocabulary_get_default (), list);

  /* Item 0 is "all". */
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > terms->len)
    return NULL;

  return ((CkTerm *) terms->pdata[selected - 1])->code;
}

static void
set_period (CkCaseQuery *query,
            Period       period)
{
  GDate today;

  ck_date_set_today (&today);
  switch (period)
    {
    case PERIOD_LAST_3_MONTHS:
      query->from = today;
      g_date_subtract_months (&query->from, 3);
      break;

    case PERIOD_LAST_12_MONTHS:
      query->from = today;
      g_date_subtract_months (&query->from, 12);
      break;

    case PERIOD_THIS_YEAR:
      g_date_set_dmy (&query->from, 1, 1, g_date_get_year (&today));
      break;

    case PERIOD_LAST_YEAR:
      g_date_set_dmy (&query->from, 1, 1, g_date_get_year (&today) - 1);
      g_date_set_dmy (&query->to, 31, 12, g_date_get_year (&today) - 1);
      break;

    case PERIOD_ANY:
    default:
      break;
    }
}

static CkCaseQuery *
build_query (CkCasesPage *self)
{
  CkCaseQuery *query = ck_case_query_new ();

  query->text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  query->status = g_strdup (selected_code (self->status_dropdown, CK_VOCAB_STATUSES));
  query->ground = g_strdup (selected_code (self->ground_dropdown, CK_VOCAB_GROUNDS));
  set_period (query, gtk_drop_down_get_selected (self->period_dropdown));

  return query;
}

static void
update_count (CkCasesPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint total = self->reg != NULL ? g_list_model_get_n_items (ck_register_get_cases (self->reg)) : 0;
  g_autofree char *subtitle = NULL;

  if (shown == total)
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case", "%u cases", total), total);
  else
    /* Translators: "12 of 2000 cases" */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u case", "%u of %u cases", total),
                                shown, total);
  adw_window_title_set_subtitle (self->title, subtitle);

  if (total == 0)
    gtk_stack_set_visible_child_name (self->content_stack, "none");
  else if (shown == 0)
    gtk_stack_set_visible_child_name (self->content_stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->content_stack, "list");
}

static void
query_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CkCasesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GArray *ids = ck_register_query_finish (CK_REGISTER (object), result, &error);

  if (ids == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  ck_case_filter_set_ids (self->filter, ids);
}

static void
run_query (CkCasesPage *self)
{
  g_autoptr(CkCaseQuery) query = NULL;

  if (self->reg == NULL)
    return;

  g_cancellable_cancel (self->query_cancellable);
  g_clear_object (&self->query_cancellable);

  query = build_query (self);
  if (ck_case_query_is_empty (query))
    {
      ck_case_filter_set_ids (self->filter, NULL);
      return;
    }

  self->query_cancellable = g_cancellable_new ();
  ck_register_query_async (self->reg, query, self->query_cancellable, query_done, g_object_ref (self));
}

static void
search_changed_cb (CkCasesPage *self)
{
  run_query (self);
}

static void
filter_changed_cb (CkCasesPage *self)
{
  run_query (self);
}

static void
register_changed_cb (CkCasesPage *self)
{
  /* A new or changed case may now match, or no longer. */
  if (gtk_filter_get_strictness (GTK_FILTER (self->filter)) != GTK_FILTER_MATCH_ALL)
    run_query (self);
  update_count (self);
}

/* Returns: (transfer full) (nullable): the case of the selected row */
static CkCaseRow *
dup_selected_row (CkCasesPage *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  return position != GTK_INVALID_LIST_POSITION ? g_list_model_get_item (G_LIST_MODEL (self->filtered), position) : NULL;
}

static void
editor_saved_cb (CkCasesPage  *self,
                 const char   *reference,
                 CkCaseEditor *editor)
{
  /* Translators: %s is a case reference such as AMS-2024-0042. */
  g_autofree char *title = g_strdup_printf (_("Case %s saved"), reference);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static void
editor_destroyed_cb (CkCasesPage *self)
{
  g_clear_object (&self->editor);
}

/* One editor is kept, and hidden when it is closed: making its three
 * hundred widgets takes longer than a person should wait for a case. */
static CkCaseEditor *
ensure_editor (CkCasesPage *self)
{
  if (self->editor == NULL)
    {
      self->editor = g_object_ref (ck_case_editor_new (self->reg, NULL));
      gtk_window_set_hide_on_close (GTK_WINDOW (self->editor), TRUE);
      g_signal_connect_object (self->editor, "saved", G_CALLBACK (editor_saved_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->editor, "destroy", G_CALLBACK (editor_destroyed_cb), self, G_CONNECT_SWAPPED);
    }

  return self->editor;
}

/* Makes the kept editor when nothing else happens, and readies it, so
 * that the first case opens almost as fast as the next. */
static gboolean
prepare_editor_cb (gpointer user_data)
{
  CkCasesPage *self = user_data;

  self->editor_source = 0;
  ck_case_editor_prepare (ensure_editor (self));

  return G_SOURCE_REMOVE;
}

static void
present_editor (CkCasesPage *self,
                CkCase      *kase)
{
  CkCaseEditor *editor = ensure_editor (self);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_clear_handle_id (&self->editor_source, g_source_remove);

  if (ck_case_editor_is_in_use (editor))
    {
      /* A case opened beside another gets an editor of its own. */
      editor = ck_case_editor_new (self->reg, kase);
      g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, G_CONNECT_SWAPPED);
    }
  else
    ck_case_editor_load (editor, kase);

  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  gtk_window_present (GTK_WINDOW (editor));
}

/**
 * ck_cases_page_open_case:
 *
 * Opens the editor on case @id, with its confidential fields.
 */
void
ck_cases_page_open_case (CkCasesPage *self,
                         gint64       id)
{
  g_autoptr(CkCase) kase = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CK_IS_CASES_PAGE (self));

  kase = ck_register_get_case (self->reg, id, TRUE, &error);
  if (kase == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  present_editor (self, kase);
}

void
ck_cases_page_new_case (CkCasesPage *self)
{
  g_autoptr(CkCase) kase = ck_case_new ();

  g_return_if_fail (CK_IS_CASES_PAGE (self));

  if (self->reg == NULL)
    return;

  /* What most new cases start as; the coordinator changes what differs. */
  kase->unit = g_strdup (ck_register_get_unit (self->reg));
  kase->kind = g_strdup ("melding");
  kase->status = g_strdup ("nieuw");
  kase->has_confidential = TRUE;
  ck_date_set_today (&kase->report_date);

  present_editor (self, kase);
}

static void
activate_cb (CkCasesPage *self,
             guint        position)
{
  g_autoptr(CkCaseRow) row = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

  if (row != NULL)
    ck_cases_page_open_case (self, ck_case_row_get_id (row));
}

static void
erase_pending (CkCasesPage *self,
               gint64       id)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->pending_erase->len; i++)
    if (g_array_index (self->pending_erase, gint64, i) == id)
      {
        g_array_remove_index (self->pending_erase, i);
        if (!ck_register_erase_case (self->reg, id, &error))
          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
        return;
      }
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CkCasesPage *self = CK_CASES_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(GError) error = NULL;
  gboolean pending = FALSE;

  for (guint i = 0; i < self->pending_erase->len; i++)
    if (g_array_index (self->pending_erase, gint64, i) == id)
      {
        g_array_remove_index (self->pending_erase, i);
        pending = TRUE;
        break;
      }

  /* Too late: the case was erased already. */
  if (!pending)
    return;

  if (!ck_register_restore_case (self->reg, id, &error))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

static void
toast_dismissed_cb (AdwToast    *toast,
                    CkCasesPage *self)
{
  /* After Undo the case is no longer pending and nothing is erased. */
  erase_pending (self, g_variant_get_int64 (adw_toast_get_action_target_value (toast)));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CkCasesPage *self = CK_CASES_PAGE (widget);
  g_autoptr(CkCaseRow) row = dup_selected_row (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;
  gint64 id;

  if (row == NULL)
    return;

  id = ck_case_row_get_id (row);
  /* Translators: %s is a case reference such as AMS-2024-0042. */
  title = g_strdup_printf (_("Case %s deleted"), ck_case_row_get_reference (row));

  if (!ck_register_delete_case (self->reg, id, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  g_array_append_val (self->pending_erase, id);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "cases.undo-delete");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (id));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CkCasesPage *self = CK_CASES_PAGE (widget);
  g_autoptr(CkCaseRow) row = dup_selected_row (self);

  if (row != NULL)
    ck_cases_page_open_case (self, ck_case_row_get_id (row));
}

/* A search or a sort put other cases in the rows from @position on: the
 * selected row, if among them, no longer shows the case chosen. */
static void
shown_changed_cb (CkCasesPage *self,
                  guint        position,
                  guint        removed,
                  guint        added)
{
  guint selected = gtk_single_selection_get_selected (self->selection);

  if (selected != GTK_INVALID_LIST_POSITION && selected >= position)
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

static void
selection_changed_cb (CkCasesPage *self)
{
  g_autoptr(CkCaseRow) row = dup_selected_row (self);
  gboolean selected = row != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cases.delete", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cases.open", selected);
}

/* Erases the cases still waiting for undo; called as the window closes. */
void
ck_cases_page_finish_pending (CkCasesPage *self)
{
  g_return_if_fail (CK_IS_CASES_PAGE (self));

  while (self->pending_erase->len > 0)
    erase_pending (self, g_array_index (self->pending_erase, gint64, 0));
}

void
ck_cases_page_focus_search (CkCasesPage *self)
{
  g_return_if_fail (CK_IS_CASES_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static GtkColumnViewColumn *
get_column (CkCasesPage *self,
            guint        position)
{
  g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (gtk_column_view_get_columns (self->column_view), position);

  return column;
}

/**
 * ck_cases_page_set_register:
 *
 * Shows the cases of @reg, newest report first.
 */
void
ck_cases_page_set_register (CkCasesPage *self,
                            CkRegister  *reg)
{
  GtkSortListModel *sorted;

  g_return_if_fail (CK_IS_CASES_PAGE (self));
  g_return_if_fail (self->reg == NULL);

  self->reg = g_object_ref (reg);

  /* Sort before the view has a model: sorting later would scroll the view
   * after the row it was showing first. */
  gtk_column_view_sort_by_column (self->column_view, get_column (self, 1), GTK_SORT_DESCENDING);

  /* Filter after sorting, so that typing never re-sorts the whole list. */
  sorted = gtk_sort_list_model_new (g_object_ref (ck_register_get_cases (reg)),
                                    g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (sorted), g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (ck_case_slots_new (G_LIST_MODEL (self->filtered))));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->filtered, "items-changed", G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filtered, "items-changed", G_CALLBACK (shown_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (reg, "changed", G_CALLBACK (register_changed_cb), self, G_CONNECT_SWAPPED);

  selection_changed_cb (self);
  update_count (self);

  /* Not at once: the list is drawn and the overview made first, and
   * nobody opens a case in the first second. */
  self->editor_source = g_timeout_add_full (G_PRIORITY_LOW, 1000, prepare_editor_cb, self, NULL);
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

static void
ck_cases_page_dispose (GObject *object)
{
  CkCasesPage *self = (CkCasesPage *)object;

  g_cancellable_cancel (self->query_cancellable);
  g_clear_handle_id (&self->editor_source, g_source_remove);
  if (self->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (self->editor));
  /* The view still holds these models while it is disposed; nothing they
   * emit from now on is for this page. */
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->filtered != NULL)
    g_signal_handlers_disconnect_by_data (self->filtered, self);
  if (self->reg != NULL)
    g_signal_handlers_disconnect_by_data (self->reg, self);
  /* No gtk_widget_dispose_template(): the template's only child is the
   * AdwBin's child, and AdwBin unparents it itself (libadwaita 1.2). */
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);

  G_OBJECT_CLASS (ck_cases_page_parent_class)->dispose (object);
}

static void
ck_cases_page_finalize (GObject *object)
{
  CkCasesPage *self = (CkCasesPage *)object;

  g_clear_object (&self->query_cancellable);
  g_clear_object (&self->filter);
  g_clear_object (&self->reg);
  g_clear_pointer (&self->pending_erase, g_array_unref);

  G_OBJECT_CLASS (ck_cases_page_parent_class)->finalize (object);
}

static void
ck_cases_page_class_init (CkCasesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ck_cases_page_dispose;
  object_class->finalize = ck_cases_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ck-cases-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CkCasesPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CkCasesPage, title);
  gtk_widget_class_bind_template_child (widget_class, CkCasesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CkCasesPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CkCasesPage, ground_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CkCasesPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CkCasesPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, CkCasesPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, CkCasesPage, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);

  gtk_widget_class_install_action (widget_class, "cases.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "cases.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "cases.undo-delete", "x", undo_delete_action);
}

static void
ck_cases_page_init (CkCasesPage *self)
{
  g_autoptr(GListModel) statuses = make_choices (_("All statuses"), CK_VOCAB_STATUSES);
  g_autoptr(GListModel) grounds = make_choices (_("All grounds"), CK_VOCAB_GROUNDS);
  g_autoptr(GtkStringList) periods = gtk_string_list_new ((const char *[]) {
    _("Any time"), _("Last 3 months"), _("Last 12 months"), _("This year"), _("Last year"), NULL
  });
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = ck_case_filter_new ();
  self->pending_erase = g_array_new (FALSE, FALSE, sizeof (gint64));

  gtk_drop_down_set_model (self->status_dropdown, statuses);
  gtk_drop_down_set_model (self->ground_dropdown, grounds);
  gtk_drop_down_set_model (self->period_dropdown, G_LIST_MODEL (periods));

  ck_case_columns_add (self->column_view);

  /* Delete acts on the list only, never while typing in the search. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                          gtk_named_action_new ("cases.delete")));
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), shortcuts);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));
}

/**
 * ck_cases_page_get_shown:
 *
 * Returns: (transfer none) (nullable): the cases the list shows, as
 *   CkCaseRow items in the order shown; %NULL before a register is set
 */
GListModel *
ck_cases_page_get_shown (CkCasesPage *self)
{
  g_return_val_if_fail (CK_IS_CASES_PAGE (self), NULL);

  return G_LIST_MODEL (self->filtered);
}
