/* test-cases-window.c: the main window on a register, driven as a user would
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ck-case.h"
#include "ck-case-editor.h"
#include "ck-case-row.h"
#include "ck-cases-page.h"
#include "ck-codes-row.h"
#include "ck-date-row.h"
#include "ck-error.h"
#include "ck-gui-test-util.h"
#include "ck-register.h"
#include "ck-test-util.h"
#include "ck-unlock-page.h"
#include "ck-window.h"

typedef struct
{
  char       *dir;
  char       *path;
  CkWindow   *window;
} Fixture;

static gpointer
template_child (gpointer    widget,
                GType       type,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

/* Three cases; only the second is about antisemitism. */
static void
fill_register (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CkRegister) reg = ck_register_create (path, "AMS", CK_TEST_PASSPHRASE, &error);
  const char *grounds[] = { "herkomst", "antisemitisme", "geslacht" };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (grounds); i++)
    {
      g_autoptr(CkCase) kase = ck_test_make_full_case ();

      g_strfreev (kase->grounds);
      kase->grounds = g_strsplit (grounds[i], ",", -1);
      g_assert_true (ck_register_save_case (reg, kase, &error));
      g_assert_no_error (error);
    }
}

static gboolean
is_unlocked (gpointer data)
{
  return ck_window_get_register (data) != NULL;
}

static void
unlock (CkWindow   *window,
        const char *passphrase)
{
  CkUnlockPage *page = template_child (window, CK_TYPE_WINDOW, "unlock_page");
  GtkEditable *entry = template_child (page, CK_TYPE_UNLOCK_PAGE, "passphrase_row");
  GtkWidget *button = template_child (page, CK_TYPE_UNLOCK_PAGE, "unlock_button");

  gtk_editable_set_text (entry, passphrase);
  gtk_widget_activate (button);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = ck_test_make_dir ();
  f->path = g_build_filename (f->dir, "register.sqlite", NULL);
  fill_register (f->path);

  f->window = ck_window_new (NULL, f->path, FALSE);
  gtk_window_present (GTK_WINDOW (f->window));
  unlock (f->window, CK_TEST_PASSPHRASE);
  ck_gui_test_wait_until (is_unlocked, f->window, "the register to unlock");
  ck_gui_test_settle ();
}

/* As fixture_set_up(), with the animations that the tests otherwise
 * turn off. */
static void
fixture_set_up_animated (Fixture       *f,
                         gconstpointer  data)
{
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
  fixture_set_up (f, data);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *other;

  while ((other = ck_gui_test_find_window (CK_TYPE_CASE_EDITOR)) != NULL)
    gtk_window_destroy (other);
  /* Our reference must be the last one once GTK lets go of the window. */
  g_object_ref (f->window);
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_assert_finalize_object (f->window);

  ck_test_remove_dir (f->dir);
  g_free (f->path);
  g_free (f->dir);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

static CkCasesPage *
cases_page (Fixture *f)
{
  return template_child (f->window, CK_TYPE_WINDOW, "cases_page");
}

static GListModel *
shown_cases (Fixture *f)
{
  return ck_cases_page_get_shown (cases_page (f));
}

typedef struct
{
  Fixture *f;
  guint    n;
} CountWait;

static gboolean
has_count (gpointer data)
{
  CountWait *wait = data;

  return g_list_model_get_n_items (shown_cases (wait->f)) == wait->n;
}

static void
wait_for_count (Fixture *f,
                guint    n)
{
  CountWait wait = { f, n };
  g_autofree char *what = g_strdup_printf ("the list to show %u cases", n);

  ck_gui_test_wait_until (has_count, &wait, what);
}

static gboolean
editor_closed (gpointer data)
{
  return ck_gui_test_find_window (CK_TYPE_CASE_EDITOR) == NULL;
}

static CkCaseEditor *
open_new_case (Fixture *f)
{
  CkCaseEditor *editor;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-case", NULL));
  editor = CK_CASE_EDITOR (ck_gui_test_find_window (CK_TYPE_CASE_EDITOR));
  g_assert_nonnull (editor);
  ck_gui_test_settle ();
  return editor;
}

static void
tick_in (GtkWidget  *widget,
         const char *code)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_CHECK_BUTTON (child) && g_strcmp0 (g_object_get_data (G_OBJECT (child), "code"), code) == 0)
        {
          gtk_widget_activate (child);
          return;
        }
      tick_in (child, code);
    }
}

/* Unfolds a codes row and ticks the check of @code, as a person would. */
static void
tick_code (GtkWidget  *row,
           const char *code)
{
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  tick_in (row, code);
}

static void
set_field_text (CkCaseEditor *editor,
                const char   *field,
                const char   *text)
{
  GtkWidget *input = ck_case_editor_get_field (editor, field);

  g_assert_nonnull (input);
  if (GTK_IS_TEXT_VIEW (input))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (input)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (input), text);
}

static GtkWidget *
field_row (CkCaseEditor *editor,
           const char   *field)
{
  GtkWidget *input = ck_case_editor_get_field (editor, field);

  return ADW_IS_PREFERENCES_ROW (input) ? input : gtk_widget_get_ancestor (input, ADW_TYPE_PREFERENCES_ROW);
}

static void
test_opens_register (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(CkCaseRow) first = NULL;

  wait_for_count (f, 3);
  /* Newest report first; all three were reported the same day, so by id. */
  first = g_list_model_get_item (shown_cases (f), 0);
  g_assert_cmpstr (ck_case_row_get_reference (first), ==, "AMS-2024-0003");
  /* The window opens on the overview; the list is one page down. */
  gtk_stack_set_visible_child_name (template_child (f->window, CK_TYPE_WINDOW, "pages"), "cases");
  ck_gui_test_screenshot (GTK_WIDGET (f->window), "main-window-small");
}

static void
test_create_then_search (Fixture       *f,
                         gconstpointer  data)
{
  CkCaseEditor *editor = open_new_case (f);
  GtkEditable *search = template_child (cases_page (f), CK_TYPE_CASES_PAGE, "search_entry");
  g_autoptr(CkCase) saved = NULL;
  g_autoptr(GError) error = NULL;
  CkRegister *reg = ck_window_get_register (f->window);

  tick_code (ck_case_editor_get_field (editor, "grounds"), "antisemitisme");
  tick_code (ck_case_editor_get_field (editor, "manifestations"), "schriftelijk_online");
  set_field_text (editor, "team", "b07");
  set_field_text (editor, "incident_date", "02-02-2025");
  set_field_text (editor, "report_date", "03-02-2025");
  set_field_text (editor, "reporter_name", "Ingrid Geheimhouder");
  set_field_text (editor, "narrative", "Vertrouwelijk: Wubbo schreef iets in de groepsapp.");
  ck_gui_test_screenshot (GTK_WIDGET (editor), "case-editor-new");

  ck_case_editor_save (editor);
  ck_gui_test_wait_until (editor_closed, NULL, "the editor to save and close");
  wait_for_count (f, 4);

  saved = ck_register_find_case (reg, "AMS-2025-0001", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (saved->team, ==, "B07");
  g_assert_cmpstr (saved->grounds[0], ==, "antisemitisme");
  g_assert_cmpstr (saved->reporter_name, ==, "Ingrid Geheimhouder");
  g_assert_cmpstr (saved->status, ==, "nieuw");

  /* Search as you type finds it with the other antisemitism case… */
  gtk_stack_set_visible_child_name (template_child (f->window, CK_TYPE_WINDOW, "pages"), "cases");
  ck_gui_test_settle ();
  gtk_editable_set_text (search, "antisem");
  wait_for_count (f, 2);
  gtk_editable_set_text (search, "herkomst");
  wait_for_count (f, 1);
  {
    GtkWidget *view = template_child (cases_page (f), CK_TYPE_CASES_PAGE, "column_view");
    g_autoptr(CkCaseRow) found = g_list_model_get_item (shown_cases (f), 0);
    g_autofree char *text = NULL;

    /* The row drawn shows the case found, not the newest case it showed
     * before: a search keeps the row widgets and fills them anew. */
    g_assert_cmpstr (ck_case_row_get_reference (found), !=, "AMS-2025-0001");
    ck_gui_test_settle ();
    text = ck_gui_test_collect_text (view);
    g_assert_nonnull (strstr (text, ck_case_row_get_reference (found)));
    g_assert_null (strstr (text, "AMS-2025-0001"));
  }
  gtk_editable_set_text (search, "AMS-2025");
  wait_for_count (f, 1);
  {
    g_autoptr(CkCaseRow) row = g_list_model_get_item (shown_cases (f), 0);
    GtkWidget *view = template_child (cases_page (f), CK_TYPE_CASES_PAGE, "column_view");
    g_autofree char *text = NULL;

    g_assert_cmpstr (ck_case_row_get_reference (row), ==, "AMS-2025-0001");
    ck_gui_test_settle ();
    text = ck_gui_test_collect_text (view);
    g_assert_null (strstr (text, "AMS-2024-"));
  }

  /* …but never by what is confidential. */
  gtk_editable_set_text (search, "Wubbo");
  wait_for_count (f, 0);
  gtk_editable_set_text (search, "");
  wait_for_count (f, 4);
}

static void
test_delete_and_undo (Fixture       *f,
                      gconstpointer  data)
{
  GtkColumnView *view = template_child (cases_page (f), CK_TYPE_CASES_PAGE, "column_view");
  GtkSelectionModel *selection = gtk_column_view_get_model (view);
  CkRegister *reg = ck_window_get_register (f->window);
  g_autoptr(CkCaseRow) row = NULL;
  g_autoptr(CkCase) restored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  wait_for_count (f, 3);
  row = g_list_model_get_item (shown_cases (f), 1);
  id = ck_case_row_get_id (row);
  gtk_selection_model_select_item (selection, 1, TRUE);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (cases_page (f)), "cases.delete", NULL));
  wait_for_count (f, 2);

  /* The toast's Undo button activates this action with the case's id. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (cases_page (f)), "cases.undo-delete", "x", id));
  wait_for_count (f, 3);
  restored = ck_register_get_case (reg, id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (restored->narrative, ==, "Geheim verhaal: Quirinus zei iets kwetsends.");

  /* Without undo, the case is erased once the toast is gone. */
  gtk_selection_model_select_item (selection, 0, TRUE);
  g_clear_object (&row);
  row = g_list_model_get_item (shown_cases (f), 0);
  id = ck_case_row_get_id (row);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (cases_page (f)), "cases.delete", NULL));
  wait_for_count (f, 2);
  ck_cases_page_finish_pending (cases_page (f));
  g_assert_null (ck_register_get_case (reg, id, FALSE, &error));
  g_assert_error (error, CK_ERROR, CK_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* An undo that comes too late does nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (cases_page (f)), "cases.undo-delete", "x", id));
  ck_gui_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (shown_cases (f)), ==, 2);
}

static void
test_invalid_input_is_refused (Fixture       *f,
                               gconstpointer  data)
{
  CkCaseEditor *editor = open_new_case (f);
  CkRegister *reg = ck_window_get_register (f->window);
  GtkWidget *disposal_row = field_row (editor, "disposal_date");
  GtkWidget *triage_row = field_row (editor, "triage_date");

  set_field_text (editor, "report_date", "10-03-2025");
  set_field_text (editor, "disposal_date", "01-03-2025");
  set_field_text (editor, "triage_date", "31-02-2025");
  ck_case_editor_save (editor);
  ck_gui_test_settle ();

  /* The editor stays open and says what is wrong next to each field. */
  g_assert_true (ck_gui_test_find_window (CK_TYPE_CASE_EDITOR) == GTK_WINDOW (editor));
  g_assert_true (gtk_widget_has_css_class (triage_row, "field-error"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (triage_row)), ==,
                   "This is not a date; write it as 15-03-2024");
  g_assert_false (gtk_widget_has_css_class (disposal_row, "field-error"));

  /* With the impossible date fixed, the order of the dates is checked. */
  set_field_text (editor, "triage_date", "");
  ck_case_editor_save (editor);
  ck_gui_test_settle ();
  g_assert_true (gtk_widget_has_css_class (disposal_row, "field-error"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (disposal_row)), ==,
                   "The disposal cannot come before the report");
  g_assert_false (gtk_widget_has_css_class (triage_row, "field-error"));
  ck_gui_test_screenshot (GTK_WIDGET (editor), "case-editor-errors");

  g_assert_cmpuint (g_list_model_get_n_items (ck_register_get_cases (reg)), ==, 3);
  g_assert_true (ck_case_editor_is_changed (editor));
}

static void
test_edit_existing (Fixture       *f,
                    gconstpointer  data)
{
  CkRegister *reg = ck_window_get_register (f->window);
  g_autoptr(CkCaseRow) row = NULL;
  g_autoptr(CkCase) changed = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  CkCaseEditor *editor;

  wait_for_count (f, 3);
  row = g_list_model_get_item (shown_cases (f), 2);
  ck_cases_page_open_case (cases_page (f), ck_case_row_get_id (row));
  editor = CK_CASE_EDITOR (ck_gui_test_find_window (CK_TYPE_CASE_EDITOR));
  g_assert_nonnull (editor);

  /* The form shows the stored values, the confidential ones included. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ck_case_editor_get_field (editor, "reporter_name"))), ==,
                   "Xandra Testmelder");
  g_assert_false (ck_case_editor_is_changed (editor));
  ck_gui_test_screenshot (GTK_WIDGET (editor), "case-editor-existing");

  set_field_text (editor, "subject_personnel_number", "7777777");
  adw_combo_row_set_selected (ADW_COMBO_ROW (field_row (editor, "status")), 4);
  ck_case_editor_save (editor);
  ck_gui_test_wait_until (editor_closed, NULL, "the editor to save and close");

  changed = ck_register_get_case (reg, ck_case_row_get_id (row), TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (changed->status, ==, "gesloten");
  g_assert_cmpstr (changed->subject_personnel_number, ==, "7777777");

  history = ck_register_get_history (reg, changed->id, &error);
  g_assert_cmpuint (history->len, ==, 3);
}

static const char *
field_text (CkCaseEditor *editor,
            const char   *field)
{
  return gtk_editable_get_text (GTK_EDITABLE (ck_case_editor_get_field (editor, field)));
}

static guint
count_editors (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      n += CK_IS_CASE_EDITOR (window);
    }

  return n;
}

/* The editor is kept when closed, for the next case: it keeps nothing of
 * the case it showed, and a second case opened beside the first gets an
 * editor of its own. */
static void
test_editor_kept_for_next_case (Fixture       *f,
                                gconstpointer  data)
{
  CkRegister *reg = ck_window_get_register (f->window);
  g_autoptr(CkCaseRow) third = NULL;
  g_autoptr(CkCaseRow) first = NULL;
  g_autoptr(CkCaseRow) second = NULL;
  g_autoptr(CkCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  CkCaseEditor *editor;
  CkCaseEditor *beside = NULL;

  wait_for_count (f, 3);
  third = g_list_model_get_item (shown_cases (f), 2);
  first = g_list_model_get_item (shown_cases (f), 0);
  second = g_list_model_get_item (shown_cases (f), 1);

  ck_cases_page_open_case (cases_page (f), ck_case_row_get_id (third));
  editor = CK_CASE_EDITOR (ck_gui_test_find_window (CK_TYPE_CASE_EDITOR));
  g_assert_nonnull (editor);
  g_assert_cmpstr (field_text (editor, "reporter_name"), ==, "Xandra Testmelder");
  /* A field marked wrong, then the change undone: the mark must not
   * follow the editor to the next case. */
  set_field_text (editor, "report_date", "31-31-2024");
  ck_case_editor_save (editor);
  g_assert_true (gtk_widget_has_css_class (field_row (editor, "report_date"), "field-error"));
  set_field_text (editor, "report_date", "04-03-2024");
  g_assert_false (ck_case_editor_is_changed (editor));
  gtk_widget_grab_focus (ck_case_editor_get_field (editor, "narrative"));
  g_assert_true (gtk_widget_has_focus (ck_case_editor_get_field (editor, "narrative")));

  gtk_window_close (GTK_WINDOW (editor));
  ck_gui_test_wait_until (editor_closed, NULL, "the editor to close");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_cmpuint (count_editors (), ==, 1);
  /* Nothing confidential stays in the hidden window. */
  g_assert_cmpstr (field_text (editor, "reporter_name"), ==, "");
  g_assert_cmpstr (field_text (editor, "subject_name"), ==, "");

  ck_cases_page_open_case (cases_page (f), ck_case_row_get_id (first));
  g_assert_true (CK_CASE_EDITOR (ck_gui_test_find_window (CK_TYPE_CASE_EDITOR)) == editor);
  kase = ck_register_get_case (reg, ck_case_row_get_id (first), TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (field_text (editor, "reporter_name"), ==, kase->reporter_name != NULL ? kase->reporter_name : "");
  g_assert_cmpstr (adw_window_title_get_title (template_child (editor, CK_TYPE_CASE_EDITOR, "title")), ==,
                   ck_case_row_get_reference (first));
  g_assert_false (gtk_widget_has_css_class (field_row (editor, "report_date"), "field-error"));
  g_assert_false (ck_case_editor_is_changed (editor));
  /* It starts at the top, not in the field the last case ended in. */
  g_assert_false (gtk_widget_has_focus (ck_case_editor_get_field (editor, "narrative")));

  ck_cases_page_open_case (cases_page (f), ck_case_row_get_id (second));
  g_assert_cmpuint (count_editors (), ==, 2);
  for (guint i = 0; i < g_list_model_get_n_items (gtk_window_get_toplevels ()); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (gtk_window_get_toplevels (), i);

      if (CK_IS_CASE_EDITOR (window) && window != G_OBJECT (editor))
        beside = CK_CASE_EDITOR (window);
    }
  g_assert_nonnull (beside);
  g_assert_cmpstr (adw_window_title_get_title (template_child (beside, CK_TYPE_CASE_EDITOR, "title")), ==,
                   ck_case_row_get_reference (second));
  g_assert_cmpstr (adw_window_title_get_title (template_child (editor, CK_TYPE_CASE_EDITOR, "title")), ==,
                   ck_case_row_get_reference (first));

  /* The one beside goes when closed; the kept one stays, hidden. */
  gtk_window_close (GTK_WINDOW (beside));
  gtk_window_close (GTK_WINDOW (editor));
  ck_gui_test_wait_until (editor_closed, NULL, "both editors to close");
  g_assert_cmpuint (count_editors (), ==, 1);
}

static gboolean
kept_editor_prepared (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (CK_IS_CASE_EDITOR (window) && gtk_widget_get_realized (GTK_WIDGET (window)))
        {
          *(CkCaseEditor **) data = CK_CASE_EDITOR (window);
          return TRUE;
        }
    }

  return FALSE;
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static gboolean
window_is_active (gpointer data)
{
  return gtk_window_is_active (data);
}

static gboolean
window_is_inactive (gpointer data)
{
  return !gtk_window_is_active (data);
}

/* The kept editor does not go inactive as it is closed and the next case
 * is opened: GTK restyles every widget of a window as it goes inactive
 * and again as it comes back, while a person waits for the case. */
static void
test_editor_stays_active_for_next_case (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(CkCaseRow) first = NULL;
  g_autoptr(CkCaseRow) second = NULL;
  CkCaseEditor *editor;
  guint changes = 0;

  wait_for_count (f, 3);
  first = g_list_model_get_item (shown_cases (f), 0);
  second = g_list_model_get_item (shown_cases (f), 1);
  ck_cases_page_open_case (cases_page (f), ck_case_row_get_id (first));
  editor = CK_CASE_EDITOR (ck_gui_test_find_window (CK_TYPE_CASE_EDITOR));
  ck_gui_test_wait_until (window_is_active, editor, "the editor to have the focus");
  ck_gui_test_settle ();

  g_signal_connect (editor, "notify::is-active", G_CALLBACK (count_notify_cb), &changes);
  gtk_window_close (GTK_WINDOW (editor));
  ck_cases_page_open_case (cases_page (f), ck_case_row_get_id (second));
  g_assert_true (ck_gui_test_find_window (CK_TYPE_CASE_EDITOR) == GTK_WINDOW (editor));
  ck_gui_test_settle ();

  g_assert_cmpuint (changes, ==, 0);
  g_assert_true (gtk_window_is_active (GTK_WINDOW (editor)));
  g_signal_handlers_disconnect_by_func (editor, count_notify_cb, &changes);

  /* Any other loss of the focus is passed on. */
  gtk_window_present (GTK_WINDOW (f->window));
  ck_gui_test_wait_until (window_is_inactive, editor, "the editor to lose the focus to the list");
}

static void
count_update_cb (GdkFrameClock *clock,
                 guint         *updates)
{
  (*updates)++;
}

/* Once the register is open and the overview made, a window left alone
 * does nothing, whether it has the focus or a case editor took it: no
 * animation keeps its frame clock ticking, which would cost a laptop's
 * battery and every frame's time. */
static void
test_window_rests_when_idle (Fixture       *f,
                             gconstpointer  data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->window));
  g_autoptr(CkCaseRow) row = NULL;
  CkCaseEditor *editor = NULL;
  guint updates = 0;
  gulong handler;

  ck_gui_test_wait_until (kept_editor_prepared, &editor, "the page to ready its editor");
  ck_gui_test_settle ();
  handler = g_signal_connect (clock, "update", G_CALLBACK (count_update_cb), &updates);

  ck_gui_test_settle ();
  g_assert_cmpuint (updates, ==, 0);

  /* The list's window is restyled as the editor takes the focus. */
  wait_for_count (f, 3);
  row = g_list_model_get_item (shown_cases (f), 0);
  ck_cases_page_open_case (cases_page (f), ck_case_row_get_id (row));
  ck_gui_test_settle ();
  updates = 0;
  ck_gui_test_settle ();
  g_assert_cmpuint (updates, ==, 0);

  g_signal_handler_disconnect (clock, handler);
}

/* The page readies its editor while a person looks at the list, as it
 * will be shown: its widgets realized, focus where a case starts and no
 * focus ring after a click, and a size that does not trade width for
 * height, so that showing it does not search for the smallest window. */
static void
test_editor_prepared (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CkCaseRow) row = NULL;
  CkCaseEditor *editor = NULL;
  GtkWidget *focus;
  int width, height;

  wait_for_count (f, 3);
  ck_gui_test_wait_until (kept_editor_prepared, &editor, "the page to ready its editor");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor)));
  width = gtk_widget_get_width (GTK_WIDGET (editor));
  height = gtk_widget_get_height (GTK_WIDGET (editor));
  g_assert_cmpint (width, >, 600);
  g_assert_true (gtk_widget_get_realized (ck_case_editor_get_field (editor, "narrative")));
  g_assert_true (gtk_widget_get_realized (ck_case_editor_get_field (editor, "report_date")));
  g_assert_false (gtk_window_get_focus_visible (GTK_WINDOW (editor)));
  g_assert_cmpint (gtk_widget_get_request_mode (GTK_WIDGET (editor)), ==, GTK_SIZE_REQUEST_CONSTANT_SIZE);
  focus = gtk_window_get_focus (GTK_WINDOW (editor));
  g_assert_true (GTK_IS_BUTTON (focus));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (focus)), ==, "_Cancel");

  row = g_list_model_get_item (shown_cases (f), 1);
  ck_cases_page_open_case (cases_page (f), ck_case_row_get_id (row));
  ck_gui_test_settle ();
  g_assert_true (CK_CASE_EDITOR (ck_gui_test_find_window (CK_TYPE_CASE_EDITOR)) == editor);
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (editor)) == focus);
  /* Shown at the size it was readied for: nothing is laid out anew. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (editor)), ==, width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (editor)), ==, height);
}

/* The labels in the box.title of the action rows under @widget. */
static void
collect_row_labels (GtkWidget *widget,
                    GPtrArray *labels)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (widget, "title") &&
          gtk_widget_get_ancestor (widget, ADW_TYPE_ACTION_ROW) != NULL)
        g_ptr_array_add (labels, child);
      collect_row_labels (child, labels);
    }
}

static GtkLabel *
subtitle_label (GtkWidget *row)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_row_labels (row, labels);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_has_css_class (labels->pdata[i], "subtitle"))
      return labels->pdata[i];

  g_assert_not_reached ();
}

static gboolean
tooltip_shown (GtkLabel *label)
{
  g_autoptr(GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  gboolean shown = FALSE;

  g_signal_emit_by_name (label, "query-tooltip", 1, 1, FALSE, tooltip, &shown);
  return shown;
}

/* The rows that change with every case keep their title and subtitle to
 * one line, which spares GTK 4.8 measuring wrapped text at width after
 * width: nothing of them is cut at the editor's size, the whole text is
 * a tooltip where a narrow window cuts it, and a message about a field
 * wraps so that it is read whole. */
static void
test_editor_rows_keep_to_one_line (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(CkCaseRow) row = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  CkCaseEditor *editor;
  GtkLabel *cut = NULL;
  GtkLabel *error_label;
  guint n_one_line = 0;

  wait_for_count (f, 3);
  row = g_list_model_get_item (shown_cases (f), 0);
  ck_cases_page_open_case (cases_page (f), ck_case_row_get_id (row));
  editor = CK_CASE_EDITOR (ck_gui_test_find_window (CK_TYPE_CASE_EDITOR));
  ck_gui_test_settle ();

  collect_row_labels (GTK_WIDGET (editor), labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = labels->pdata[i];

      if (gtk_label_get_wrap (label) || !gtk_widget_get_mapped (GTK_WIDGET (label)))
        continue;
      n_one_line++;
      g_assert_cmpint (gtk_label_get_ellipsize (label), ==, PANGO_ELLIPSIZE_END);
      if (pango_layout_is_ellipsized (gtk_label_get_layout (label)))
        g_error ("“%s” is cut short in the editor", gtk_label_get_text (label));
      g_assert_false (tooltip_shown (label));
    }
  /* Every field row, every step of the checklist. */
  g_assert_cmpuint (n_one_line, >=, 40);

  gtk_window_set_default_size (GTK_WINDOW (editor), 300, 600);
  ck_gui_test_settle ();
  for (guint i = 0; i < labels->len && cut == NULL; i++)
    if (!gtk_label_get_wrap (labels->pdata[i]) && gtk_widget_get_mapped (labels->pdata[i]) &&
        pango_layout_is_ellipsized (gtk_label_get_layout (labels->pdata[i])))
      cut = labels->pdata[i];
  g_assert_nonnull (cut);
  g_assert_true (tooltip_shown (cut));

  error_label = subtitle_label (field_row (editor, "report_date"));
  g_assert_false (gtk_label_get_wrap (error_label));
  set_field_text (editor, "report_date", "31-31-2024");
  ck_case_editor_save (editor);
  g_assert_true (gtk_widget_has_css_class (field_row (editor, "report_date"), "field-error"));
  g_assert_true (gtk_label_get_wrap (error_label));
  g_assert_cmpint (gtk_label_get_ellipsize (error_label), ==, PANGO_ELLIPSIZE_NONE);

  /* The mark goes with the case; the row keeps to one line again. */
  set_field_text (editor, "report_date", "04-03-2024");
  gtk_window_close (GTK_WINDOW (editor));
  ck_gui_test_wait_until (editor_closed, NULL, "the editor to close");
  g_assert_false (gtk_label_get_wrap (error_label));
}

static void
test_wrong_passphrase (void)
{
  g_autofree char *dir = ck_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "register.sqlite", NULL);
  CkWindow *window;
  CkUnlockPage *page;
  GtkLabel *error_label;

  fill_register (path);
  window = ck_window_new (NULL, path, FALSE);
  gtk_window_present (GTK_WINDOW (window));
  page = template_child (window, CK_TYPE_WINDOW, "unlock_page");
  error_label = template_child (page, CK_TYPE_UNLOCK_PAGE, "unlock_error");

  unlock (window, "not the passphrase");
  ck_gui_test_wait_until ((CkTestCondition) gtk_widget_get_visible, error_label, "the passphrase to be refused");
  g_assert_cmpstr (gtk_label_get_text (error_label), ==, "The passphrase is not correct.");
  g_assert_null (ck_window_get_register (window));
  ck_gui_test_screenshot (GTK_WIDGET (window), "unlock-wrong-passphrase");

  unlock (window, CK_TEST_PASSPHRASE);
  ck_gui_test_wait_until (is_unlocked, window, "the register to unlock");

  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  ck_test_remove_dir (dir);
}

static void
test_demo_screenshots (void)
{
  g_autofree char *dir = ck_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "demo.sqlite", NULL);
  CkWindow *window = ck_window_new (NULL, path, TRUE);
  CkCasesPage *page;
  GtkColumnView *view;
  g_autoptr(CkCaseRow) row = NULL;
  CkCaseEditor *editor;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  ck_gui_test_wait_until (is_unlocked, window, "the demo register");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Casuskamer — DEMO");

  page = template_child (window, CK_TYPE_WINDOW, "cases_page");
  view = template_child (page, CK_TYPE_CASES_PAGE, "column_view");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))), ==, 2000);
  gtk_stack_set_visible_child_name (template_child (window, CK_TYPE_WINDOW, "pages"), "cases");
  ck_gui_test_screenshot (GTK_WIDGET (window), "main-window");

  row = g_list_model_get_item (ck_cases_page_get_shown (page), 700);
  ck_cases_page_open_case (page, ck_case_row_get_id (row));
  editor = CK_CASE_EDITOR (ck_gui_test_find_window (CK_TYPE_CASE_EDITOR));
  ck_gui_test_screenshot (GTK_WIDGET (editor), "case-editor");
  /* And its form, scrolled to as a person tabs to a field. */
  gtk_widget_grab_focus (ck_case_editor_get_field (editor, "reporter_left"));
  ck_gui_test_settle ();
  ck_gui_test_screenshot (GTK_WIDGET (editor), "case-editor-form");

  gtk_window_destroy (GTK_WINDOW (editor));
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  ck_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  ck_gui_test_init (&argc, &argv);

  g_test_add ("/gui/window/opens-register", Fixture, NULL, fixture_set_up, test_opens_register, fixture_tear_down);
  g_test_add ("/gui/cases/create-then-search", Fixture, NULL, fixture_set_up, test_create_then_search, fixture_tear_down);
  g_test_add ("/gui/cases/delete-and-undo", Fixture, NULL, fixture_set_up, test_delete_and_undo, fixture_tear_down);
  g_test_add ("/gui/editor/invalid-input-is-refused", Fixture, NULL, fixture_set_up, test_invalid_input_is_refused, fixture_tear_down);
  g_test_add ("/gui/editor/edit-existing", Fixture, NULL, fixture_set_up, test_edit_existing, fixture_tear_down);
  g_test_add ("/gui/editor/kept-for-next-case", Fixture, NULL, fixture_set_up, test_editor_kept_for_next_case, fixture_tear_down);
  g_test_add ("/gui/editor/stays-active-for-next-case", Fixture, NULL, fixture_set_up,
              test_editor_stays_active_for_next_case, fixture_tear_down);
  g_test_add ("/gui/window/rests-when-idle", Fixture, NULL, fixture_set_up_animated, test_window_rests_when_idle,
              fixture_tear_down);
  g_test_add ("/gui/editor/prepared", Fixture, NULL, fixture_set_up, test_editor_prepared, fixture_tear_down);
  g_test_add ("/gui/editor/rows-keep-to-one-line", Fixture, NULL, fixture_set_up, test_editor_rows_keep_to_one_line,
              fixture_tear_down);
  g_test_add_func ("/gui/unlock/wrong-passphrase", test_wrong_passphrase);
  g_test_add_func ("/gui/window/demo-screenshots", test_demo_screenshots);

  return g_test_run ();
}
