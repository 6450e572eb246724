/* test-reflection-window.c: the Reflectiekamer page and meeting mode, driven as a user would
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "ck-case.h"
#include "ck-case-editor.h"
#include "ck-cases-page.h"
#include "ck-date.h"
#include "ck-date-row.h"
#include "ck-error.h"
#include "ck-gui-test-util.h"
#include "ck-lessons-view.h"
#include "ck-meeting-window.h"
#include "ck-reflection-page.h"
#include "ck-register.h"
#include "ck-session-editor.h"
#include "ck-sessions.h"
#include "ck-test-util.h"
#include "ck-text-check-cache.h"
#include "ck-unlock-page.h"
#include "ck-window.h"

typedef struct
{
  char     *dir;
  char     *path;
  CkWindow *window;
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

static gboolean
is_unlocked (gpointer data)
{
  return ck_window_get_register (data) != NULL;
}

static gboolean
is_idle (gpointer data)
{
  return !ck_reflection_page_is_busy (data);
}

static gboolean
has_meeting (gpointer data)
{
  GtkWindow *meeting = ck_gui_test_find_window (CK_TYPE_MEETING_WINDOW);

  return meeting != NULL && gtk_widget_get_mapped (GTK_WIDGET (meeting));
}

static gboolean
has_no_meeting (gpointer data)
{
  return ck_gui_test_find_window (CK_TYPE_MEETING_WINDOW) == NULL;
}

static gboolean
has_dialog (gpointer data)
{
  return ck_gui_test_find_window (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

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
      ck_date_set_today (&kase->report_date);
      g_date_subtract_days (&kase->report_date, 40 * (i + 1));
      kase->incident_date = kase->report_date;
      g_date_clear (&kase->triage_date, 1);
      g_date_clear (&kase->disposal_date, 1);
      g_date_clear (&kase->last_feedback_date, 1);
      g_date_clear (&kase->acknowledged_date, 1);
      g_date_clear (&kase->outcome_informed_date, 1);
      g_clear_pointer (&kase->finding, g_free);
      g_clear_pointer (&kase->triage_route, g_free);
      g_array_set_size (kase->measures, 0);
      kase->restoration_accepted = CK_TRISTATE_UNKNOWN;
      kase->restoration_completed = CK_TRISTATE_UNKNOWN;
      g_free (kase->status);
      kase->status = g_strdup ("nieuw");
      g_assert_true (ck_register_save_case (reg, kase, &error));
      g_assert_no_error (error);
    }
}

static void
unlock (CkWindow *window)
{
  CkUnlockPage *page = template_child (window, CK_TYPE_WINDOW, "unlock_page");

  gtk_editable_set_text (template_child (page, CK_TYPE_UNLOCK_PAGE, "passphrase_row"), CK_TEST_PASSPHRASE);
  gtk_widget_activate (template_child (page, CK_TYPE_UNLOCK_PAGE, "unlock_button"));
}

static void
close_window (CkWindow *window)
{
  GtkWindow *other;

  while ((other = ck_gui_test_find_window (CK_TYPE_MEETING_WINDOW)) != NULL ||
         (other = ck_gui_test_find_window (CK_TYPE_CASE_EDITOR)) != NULL ||
         (other = ck_gui_test_find_window (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    gtk_window_destroy (other);
  /* Our reference must be the last one once GTK lets go of the window. */
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = ck_test_make_dir ();
  f->path = g_build_filename (f->dir, "register.sqlite", NULL);
  fill_register (f->path);

  f->window = ck_window_new (NULL, f->path, FALSE);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  unlock (f->window);
  ck_gui_test_wait_until (is_unlocked, f->window, "the register to unlock");
  ck_gui_test_settle ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_window (f->window);
  ck_test_remove_dir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static CkReflectionPage *
show_reflection_page (CkWindow *window)
{
  GtkStack *pages = template_child (window, CK_TYPE_WINDOW, "pages");

  gtk_stack_set_visible_child_name (pages, "reflection");
  ck_gui_test_settle ();
  return CK_REFLECTION_PAGE (ck_window_get_page (window, "reflection"));
}

static void
set_text (GtkWidget  *widget,
          const char *text)
{
  g_assert_nonnull (widget);
  if (GTK_IS_TEXT_VIEW (widget))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (widget), text);
}

static gboolean
has_items (gpointer data)
{
  const CkSession *session = ck_session_editor_get_session (data);

  return session->items->len > 2;
}

/* The second ground (antisemitism) has one case in the period. */
static gboolean
theme_counted (gpointer data)
{
  GListModel *choices = gtk_drop_down_get_model (data);
  g_autoptr(GtkStringObject) second = choices != NULL ? g_list_model_get_item (choices, 2) : NULL;

  return second != NULL && g_str_equal (gtk_string_object_get_string (second), "Ground: Antisemitism (1)");
}

static void
press (GtkWidget *widget,
       guint      keyval,
       GdkModifierType modifiers)
{
  g_assert_true (ck_gui_test_press_key (widget, keyval, modifiers));
}

typedef struct
{
  CkRegister *reg;
  gint64      session;
  gint64      item;
  const char *step;
  const char *text;
} NoteWait;

static gboolean
note_stored (gpointer data)
{
  NoteWait *wait = data;
  g_autoptr(CkSession) session = ck_sessions_load (wait->reg, wait->session, TRUE, NULL);
  const CkSessionNote *note = session != NULL ? ck_session_find_note (session, wait->item, wait->step) : NULL;

  return note != NULL && strstr (note->text, wait->text) != NULL;
}

static gboolean
lesson_released (gpointer data)
{
  g_autoptr(GListModel) lessons = ck_sessions_list_lessons (data, NULL);

  return lessons != NULL && g_list_model_get_n_items (lessons) == 1;
}

/* Returns: (transfer full): the text of the PDF at @path */
static char *
pdf_text (const char *path)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "pdftotext", path, "-", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  return out;
}

/* Plans a session, runs it in meeting mode with the keyboard through every
 * step, records a lesson and an action, releases the lesson and exports
 * the minutes. */
static void
test_plan_run_record (Fixture       *f,
                      gconstpointer  data)
{
  CkRegister *reg = ck_window_get_register (f->window);
  CkReflectionPage *page = show_reflection_page (f->window);
  CkSessionEditor *editor = template_child (page, CK_TYPE_REFLECTION_PAGE, "session_editor");
  GtkStack *session_stack = template_child (page, CK_TYPE_REFLECTION_PAGE, "session_stack");
  g_autofree char *minutes_path = g_build_filename (f->dir, "minutes.pdf", NULL);
  g_autofree char *minutes = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *typed = NULL;
  g_autoptr(CkCase) second = NULL;
  g_autoptr(CkSession) stored = NULL;
  g_autoptr(GError) error = NULL;
  CkMeetingWindow *meeting;
  GtkTextView *notes_view;
  AdwMessageDialog *dialog;
  const CkSession *session;
  NoteWait wait;
  gint64 session_id, first_item;
  guint n_items, n_steps = 10;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (session_stack), ==, "none");
  ck_gui_test_screenshot (GTK_WIDGET (f->window), "reflection-empty");

  /* Plan: a new session, a participant's name, a case by its reference,
   * then the suggested agenda. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "reflection.new-session", NULL));
  ck_gui_test_settle ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (session_stack), ==, "editor");
  set_text (ck_session_editor_get_row (editor, "participant", 0, "name"), "Vera Voorzitter");
  second = ck_register_get_case (reg, 2, FALSE, &error);
  g_assert_no_error (error);
  typed = g_ascii_strdown (second->reference, -1);
  set_text (template_child (editor, CK_TYPE_SESSION_EDITOR, "case_entry"), typed);
  g_signal_emit_by_name (template_child (editor, CK_TYPE_SESSION_EDITOR, "case_entry"), "activate");
  session = ck_session_editor_get_session (editor);
  g_assert_cmpuint (session->items->len, ==, 1);
  g_assert_cmpstr (((CkAgendaItem *) session->items->pdata[0])->case_reference, ==, second->reference);

  /* A theme, chosen with its number of cases in the period. */
  gtk_menu_button_popup (template_child (editor, CK_TYPE_SESSION_EDITOR, "add_theme_button"));
  ck_gui_test_wait_until (theme_counted, template_child (editor, CK_TYPE_SESSION_EDITOR, "theme_dropdown"),
                          "the themes' counts");
  gtk_drop_down_set_selected (template_child (editor, CK_TYPE_SESSION_EDITOR, "theme_dropdown"), 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add-theme", NULL));
  session = ck_session_editor_get_session (editor);
  g_assert_cmpuint (session->items->len, ==, 2);
  g_assert_cmpstr (((CkAgendaItem *) session->items->pdata[1])->theme_code, ==, "antisemitisme");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.suggest", NULL));
  ck_gui_test_wait_until (has_items, editor, "the suggested agenda");

  press (GTK_WIDGET (editor), GDK_KEY_s, GDK_CONTROL_MASK);
  ck_gui_test_wait_until (is_idle, page, "the session to be saved");
  session = ck_session_editor_get_session (editor);
  g_assert_cmpint (session->id, >, 0);
  g_assert_false (ck_session_editor_is_changed (editor));
  n_items = session->items->len;
  g_assert_cmpuint (n_items, >=, 3);
  session_id = session->id;
  first_item = ((CkAgendaItem *) session->items->pdata[0])->id;
  set_text (ck_session_editor_get_row (editor, "item", 0, "note:case"), "Voorbereid: feiten nagaan.");
  ck_gui_test_screenshot (GTK_WIDGET (f->window), "reflection-session");

  /* Run it: F5 saves and opens the meeting screen. */
  press (GTK_WIDGET (editor), GDK_KEY_F5, 0);
  ck_gui_test_wait_until (has_meeting, NULL, "the meeting screen");
  meeting = CK_MEETING_WINDOW (ck_gui_test_find_window (CK_TYPE_MEETING_WINDOW));
  notes_view = template_child (meeting, CK_TYPE_MEETING_WINDOW, "notes_view");
  g_assert_cmpint (ck_meeting_window_get_item (meeting), ==, -1);
  ck_gui_test_screenshot (GTK_WIDGET (meeting), "meeting-opening");

  for (guint i = 0; i < n_items; i++)
    for (guint s = 0; s < n_steps; s++)
      {
        press (GTK_WIDGET (meeting), s % 2 == 0 ? GDK_KEY_Right : GDK_KEY_Page_Down, 0);
        g_assert_cmpint (ck_meeting_window_get_item (meeting), ==, i);
        g_assert_cmpuint (ck_meeting_window_get_step (meeting), ==, s);

        if (i == 0 && s == 1)
          ck_gui_test_screenshot (GTK_WIDGET (meeting), "meeting-case");
        if (i == n_items - 1 && s == 0)
          ck_gui_test_screenshot (GTK_WIDGET (meeting), "meeting-pattern");
        if (i == 0 && s == 3)
          {
            /* The minute taker opens the note field, types, adds. */
            press (GTK_WIDGET (meeting), GDK_KEY_m, GDK_CONTROL_MASK);
            g_assert_true (gtk_widget_has_focus (GTK_WIDGET (notes_view)));
            set_text (GTK_WIDGET (notes_view), "Het team zweeg; de melder voelde zich alleen.");
            ck_gui_test_screenshot (GTK_WIDGET (meeting), "meeting-notes");
            press (GTK_WIDGET (notes_view), GDK_KEY_Return, GDK_CONTROL_MASK);
            shown = ck_gui_test_collect_text (GTK_WIDGET (meeting));
            g_assert_null (strstr (shown, "zweeg"));
            /* Nor does undo bring it back. */
            g_assert_false (gtk_text_buffer_get_can_undo (gtk_text_view_get_buffer (notes_view)));
            press (GTK_WIDGET (notes_view), GDK_KEY_Escape, 0);
            g_assert_false (gtk_widget_get_visible (template_child (meeting, CK_TYPE_MEETING_WINDOW, "notes_revealer")));
          }
        if (i == 1 && s == 2)
          {
            GtkLabel *timer = template_child (meeting, CK_TYPE_MEETING_WINDOW, "timer_label");

            press (GTK_WIDGET (meeting), GDK_KEY_t, 0);
            g_assert_nonnull (strstr (gtk_label_get_text (timer), "paused"));
            press (GTK_WIDGET (meeting), GDK_KEY_t, 0);
            g_assert_null (strstr (gtk_label_get_text (timer), "paused"));
          }
      }

  press (GTK_WIDGET (meeting), GDK_KEY_space, 0);
  g_assert_cmpint (ck_meeting_window_get_item (meeting), ==, n_items);
  g_assert_true (ck_meeting_window_reached_end (meeting));
  ck_gui_test_screenshot (GTK_WIDGET (meeting), "meeting-closing");

  /* Up and Down go by items, Left goes back a step. */
  press (GTK_WIDGET (meeting), GDK_KEY_Up, 0);
  g_assert_cmpint (ck_meeting_window_get_item (meeting), ==, n_items - 1);
  g_assert_cmpuint (ck_meeting_window_get_step (meeting), ==, 0);
  press (GTK_WIDGET (meeting), GDK_KEY_Left, 0);
  g_assert_cmpint (ck_meeting_window_get_item (meeting), ==, n_items - 2);
  g_assert_cmpuint (ck_meeting_window_get_step (meeting), ==, n_steps - 1);
  press (GTK_WIDGET (meeting), GDK_KEY_Down, 0);
  press (GTK_WIDGET (meeting), GDK_KEY_Down, 0);
  g_assert_cmpint (ck_meeting_window_get_item (meeting), ==, n_items);

  /* The coordinator changes the title on the laptop meanwhile. */
  set_text (template_child (editor, CK_TYPE_SESSION_EDITOR, "title_row"), "Najaarssessie");

  /* Escape leaves; the note is stored, the session was held, and the
   * title typed during the meeting is kept. */
  press (GTK_WIDGET (meeting), GDK_KEY_Escape, 0);
  ck_gui_test_wait_until (has_no_meeting, NULL, "the meeting screen to close");
  wait = (NoteWait) { reg, session_id, first_item, "dilemma", "Het team zweeg" };
  ck_gui_test_wait_until (note_stored, &wait, "the meeting's note");
  ck_gui_test_settle ();
  ck_gui_test_wait_until (is_idle, page, "the session to be saved after the meeting");
  session = ck_session_editor_get_session (editor);
  g_assert_cmpstr (session->status, ==, CK_SESSION_HELD);
  g_assert_cmpstr (session->title, ==, "Najaarssessie");
  g_assert_false (ck_session_editor_is_changed (editor));
  wait.step = "case";
  wait.text = "Voorbereid";
  g_assert_true (note_stored (&wait));

  /* Record a lesson and an action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add-lesson", NULL));
  set_text (ck_session_editor_get_row (editor, "lesson", 0, "title"), "Omstanders aanspreken");
  set_text (ck_session_editor_get_row (editor, "lesson", 0, "text"),
            "Als niemand ingrijpt, voelt de melder zich alleen. Spreek omstanders aan op wat zij zagen.");
  set_text (ck_session_editor_get_row (editor, "lesson", 0, "theme"), "omstanders");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add-lesson", NULL));
  set_text (ck_session_editor_get_row (editor, "lesson", 1, "title"), "Wat Xandra overkwam");
  set_text (ck_session_editor_get_row (editor, "lesson", 1, "text"), "Xandra voelde zich alleen.");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add-action", NULL));
  set_text (ck_session_editor_get_row (editor, "action", 0, "description"), "Teamgesprek met B03 plannen");
  set_text (GTK_WIDGET (ck_date_row_get_editable (CK_DATE_ROW (ck_session_editor_get_row (editor, "action", 0, "due")))),
            "2026-12-15");
  adw_combo_row_set_selected (ADW_COMBO_ROW (ck_session_editor_get_row (editor, "action", 0, "owner")), 6);
  press (GTK_WIDGET (editor), GDK_KEY_s, GDK_CONTROL_MASK);
  ck_gui_test_wait_until (is_idle, page, "the lesson and action to be saved");

  stored = ck_sessions_load (reg, session_id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->lessons->len, ==, 2);
  g_assert_cmpstr (((CkSessionLesson *) stored->lessons->pdata[0])->theme, ==, "omstanders");
  g_assert_cmpuint (stored->actions->len, ==, 1);
  g_assert_cmpstr (((CkSessionAction *) stored->actions->pdata[0])->owner_role, ==, "manager");
  g_assert_cmpint (g_date_get_day (&((CkSessionAction *) stored->actions->pdata[0])->due), ==, 15);
  g_assert_cmpstr (((CkParticipant *) stored->participants->pdata[0])->name, ==, "Vera Voorzitter");
  ck_gui_test_screenshot (GTK_WIDGET (f->window), "reflection-outcome");

  /* A lesson that names someone is refused, with what was found. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.release-lesson", "u", 1));
  ck_gui_test_wait_until (has_dialog, NULL, "the check's findings");
  dialog = ADW_MESSAGE_DIALOG (ck_gui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Lesson Cannot Be Released Yet");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "In the title: A name from the register: “Xandra”"));
  ck_gui_test_screenshot (GTK_WIDGET (dialog), "lesson-findings");
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));
  ck_gui_test_settle ();
  g_assert_false (lesson_released (reg));

  /* A clean one is released only by the explicit act. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.release-lesson", "u", 0));
  ck_gui_test_wait_until (has_dialog, NULL, "the question to release");
  dialog = ADW_MESSAGE_DIALOG (ck_gui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Release the Lesson for Every Unit?");
  g_assert_false (lesson_released (reg));
  adw_message_dialog_response (dialog, "release");
  gtk_window_destroy (GTK_WINDOW (dialog));
  ck_gui_test_wait_until (lesson_released, reg, "the lesson to be released");
  ck_gui_test_settle ();

  adw_view_stack_set_visible_child_name (template_child (page, CK_TYPE_REFLECTION_PAGE, "view_stack"), "lessons");
  ck_gui_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (ck_lessons_view_get_shown (template_child (page, CK_TYPE_REFLECTION_PAGE,
                                                                                         "lessons_view"))), ==, 1);
  ck_gui_test_screenshot (GTK_WIDGET (f->window), "reflection-lessons");
  adw_view_stack_set_visible_child_name (template_child (page, CK_TYPE_REFLECTION_PAGE, "view_stack"), "sessions");

  /* Minutes to circulate, without the chair's name. */
  ck_reflection_page_export (page, CK_MINUTES_SAFE, CK_MINUTES_PDF, minutes_path);
  ck_gui_test_wait_until (is_idle, page, "the minutes");
  minutes = pdf_text (minutes_path);
  g_assert_nonnull (strstr (minutes, "Omstanders aanspreken"));
  g_assert_nonnull (strstr (minutes, "Teamgesprek met B03 plannen"));
  g_assert_null (strstr (minutes, "Vera Voorzitter"));
  g_assert_null (strstr (minutes, "Xandra"));
}

static void
test_delete_and_undo (Fixture       *f,
                      gconstpointer  data)
{
  CkRegister *reg = ck_window_get_register (f->window);
  CkReflectionPage *page = show_reflection_page (f->window);
  CkSessionEditor *editor = template_child (page, CK_TYPE_REFLECTION_PAGE, "session_editor");
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "reflection.new-session", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "reflection.save", NULL));
  ck_gui_test_wait_until (is_idle, page, "the session to be saved");
  id = ck_session_editor_get_session (editor)->id;
  g_assert_cmpint (id, >, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "reflection.delete-session", NULL));
  rows = ck_sessions_list (reg, &error);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "reflection.undo-delete", "x", id));
  ck_gui_test_wait_until (is_idle, page, "the session to come back");
  rows = ck_sessions_list (reg, &error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (ck_session_editor_get_session (editor)->id, ==, id);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Without undo it is erased once the toast is gone. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "reflection.delete-session", NULL));
  ck_reflection_page_finish_pending (page);
  g_assert_null (ck_sessions_load (reg, id, FALSE, &error));
  g_assert_error (error, CK_ERROR, CK_ERROR_NOT_FOUND);
}

static void
got_check (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  CkTextCheck **check = user_data;
  g_autoptr(GError) error = NULL;

  *check = ck_text_check_cache_get_finish (CK_TEXT_CHECK_CACHE (object), result, &error);
  g_assert_no_error (error);
}

static gboolean
is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

/* The check with the register's names is built once and kept until a
 * case changes; then a new name is caught. */
static void
test_text_check_cache (Fixture       *f,
                       gconstpointer  data)
{
  CkRegister *reg = ck_window_get_register (f->window);
  g_autoptr(CkTextCheckCache) cache = ck_text_check_cache_new (reg);
  g_autoptr(CkCase) kase = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  CkTextCheck *first = NULL, *second = NULL, *third = NULL;

  g_assert_false (ck_text_check_cache_is_ready (cache));
  ck_text_check_cache_get_async (cache, NULL, got_check, &first);
  ck_gui_test_wait_until (is_set, &first, "the check");
  g_assert_true (ck_text_check_cache_is_ready (cache));
  ck_text_check_cache_get_async (cache, NULL, got_check, &second);
  ck_gui_test_wait_until (is_set, &second, "the check again");
  g_assert_true (first == second);

  kase = ck_register_get_case (reg, 1, TRUE, &error);
  g_assert_no_error (error);
  g_free (kase->reporter_name);
  kase->reporter_name = g_strdup ("Berendina Nieuwenaam");
  g_assert_true (ck_register_save_case (reg, kase, &error));
  g_assert_false (ck_text_check_cache_is_ready (cache));

  ck_text_check_cache_get_async (cache, NULL, got_check, &third);
  ck_gui_test_wait_until (is_set, &third, "the check after a change");
  g_assert_true (third != first);
  findings = ck_text_check_run (third, "Berendina zag het gebeuren.");
  g_assert_cmpuint (findings->len, ==, 1);

  g_object_unref (first);
  g_object_unref (second);
  g_object_unref (third);
}

/* Everything a screen shows: its text, and the labels, descriptions and
 * tooltips that assistive technology reads out. */
static void
collect_accessible (GtkWidget *widget,
                    GString   *text)
{
  const GtkAccessibleProperty properties[] = { GTK_ACCESSIBLE_PROPERTY_LABEL, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION };

  if (!gtk_widget_get_visible (widget))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (properties); i++)
    if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), properties[i]))
      {
        g_autofree char *value = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), properties[i], "");

        if (value != NULL)
          g_string_append_printf (text, "%s\n", value);
      }
  if (gtk_widget_get_tooltip_text (widget) != NULL)
    g_string_append_printf (text, "%s\n", gtk_widget_get_tooltip_text (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_accessible (child, text);
}

static char *
screen_text (GtkWidget *meeting)
{
  g_autofree char *shown = ck_gui_test_collect_text (meeting);
  GString *text = g_string_new (shown);

  collect_accessible (meeting, text);
  return g_string_free (text, FALSE);
}

typedef struct
{
  GArray    *ids;
  GPtrArray *names;
} DemoCases;

static gboolean
collect_case (CkCase   *kase,
              gpointer  data)
{
  DemoCases *cases = data;

  g_array_append_val (cases->ids, kase->id);
  if (kase->reporter_name != NULL && cases->names->len < 5)
    g_ptr_array_add (cases->names, g_strdup (kase->reporter_name));
  return TRUE;
}

/* The search can fail: it finds the secrets that the case editor on the
 * laptop shows, and it reads accessible labels and descriptions. */
static void
check_search (GtkWidget     *editor,
              GtkWidget     *meeting,
              CkTestSecrets *secrets)
{
  g_autofree char *editor_text = screen_text (editor);
  g_autofree char *found = ck_test_secrets_find (secrets, editor_text);
  g_autoptr(GString) accessible = g_string_new (NULL);

  g_assert_nonnull (found);
  collect_accessible (meeting, accessible);
  g_assert_nonnull (strstr (accessible->str, "Time taken on this step"));
}

static void
check_screen (CkMeetingWindow *meeting,
              CkTestSecrets   *secrets,
              guint           *screens)
{
  g_autofree char *text = screen_text (GTK_WIDGET (meeting));
  g_autofree char *found = ck_test_secrets_find (secrets, text);

  if (found != NULL)
    g_error ("Meeting screen %u (item %d, step %u) shows the confidential “%s”",
             *screens, ck_meeting_window_get_item (meeting), ck_meeting_window_get_step (meeting), found);
  (*screens)++;
}

/* Walks a meeting from its opening to its closing screen with the
 * keyboard, searching every screen; some are drawn as well. Returns the
 * number of screens. */
static guint
walk_meeting (CkMeetingWindow *meeting,
              CkTestSecrets   *secrets,
              guint            n_items,
              const char      *name,
              const char      *typed)
{
  guint screens = 0;

  check_screen (meeting, secrets, &screens);
  while (ck_meeting_window_get_item (meeting) < (int) n_items)
    {
      press (GTK_WIDGET (meeting), GDK_KEY_Right, 0);
      check_screen (meeting, secrets, &screens);

      if (screens == 3 || screens % 1499 == 0)
        {
          g_autofree char *shot = g_strdup_printf ("%s-%u", name, screens);

          ck_gui_test_screenshot (GTK_WIDGET (meeting), shot);
          check_screen (meeting, secrets, &screens);
        }

      if (screens == 10 && typed != NULL)
        {
          /* The minute taker types a name: it leaves the screen as a note. */
          GtkTextView *notes = template_child (meeting, CK_TYPE_MEETING_WINDOW, "notes_view");

          press (GTK_WIDGET (meeting), GDK_KEY_m, GDK_CONTROL_MASK);
          set_text (GTK_WIDGET (notes), typed);
          press (GTK_WIDGET (notes), GDK_KEY_Return, GDK_CONTROL_MASK);
          press (GTK_WIDGET (notes), GDK_KEY_Escape, 0);
          check_screen (meeting, secrets, &screens);
        }
    }

  return screens;
}

/* Every screen of two meetings on the demo register is searched for every
 * confidential value of its 2,000 cases, while the case editor is open on
 * the laptop: a session prepared in the page with the suggested agenda
 * and free text that names people, run from the page; and one with every
 * case of the register on its agenda. */
static void
test_meeting_privacy_demo (void)
{
  g_autofree char *dir = ck_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "demo.sqlite", NULL);
  g_autoptr(CkSession) earlier = ck_session_new ();
  g_autoptr(CkSession) session = ck_session_new ();
  g_autoptr(CkSession) everything = ck_session_new ();
  g_autoptr(CkTestSecrets) secrets = NULL;
  g_autoptr(CkTextCheck) check = NULL;
  g_autoptr(CkMeetingPlan) plan = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) suggested = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *call = NULL;
  g_autofree char *pattern = NULL;
  g_autofree char *typed = NULL;
  CkWindow *window = ck_window_new (NULL, path, TRUE);
  DemoCases cases = { ids, names };
  CkReflectionPage *page;
  CkMeetingWindow *meeting;
  CkAgendaItem *item;
  CkRegister *reg;
  GtkListView *list;
  guint screens;
  gint64 start;
  GDate today;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  ck_gui_test_wait_until (is_unlocked, window, "the demo register");
  reg = ck_window_get_register (window);
  g_assert_true (ck_register_foreach_case (reg, TRUE, collect_case, &cases, &error));
  g_assert_cmpuint (ids->len, ==, 2000);
  secrets = ck_test_secrets_new (reg);

  /* Free text with the demo's names, where people might type it. */
  ck_date_set_today (&today);
  earlier->date = today;
  g_date_subtract_days (&earlier->date, 30);
  earlier->method = g_strdup ("aar");
  call = g_strdup_printf ("%s terugbellen", (char *) names->pdata[0]);
  g_ptr_array_add (earlier->actions, ck_session_action_new (call, "vik", &today));
  g_ptr_array_add (earlier->actions, ck_session_action_new ("Roosters bespreken", "manager", NULL));
  g_assert_true (ck_sessions_save (reg, earlier, &error));

  session->date = today;
  session->method = g_strdup ("aar");
  title = g_strdup_printf ("Sessie over %s", (char *) names->pdata[1]);
  session->title = g_strdup (title);
  g_ptr_array_add (session->participants, ck_participant_new ("chair", names->pdata[2]));
  g_ptr_array_add (session->participants, ck_participant_new ("ndv", names->pdata[3]));
  suggested = ck_sessions_suggest (reg, session, &today, &error);
  for (guint i = 0; i < suggested->len; i++)
    g_ptr_array_add (session->items, ck_agenda_item_copy (suggested->pdata[i]));
  item = ck_agenda_item_new (CK_AGENDA_THEME);
  item->theme_list = g_strdup ("grounds");
  item->theme_code = g_strdup ("herkomst");
  g_ptr_array_add (session->items, item);
  pattern = g_strdup_printf ("Zoals bij %s", (char *) names->pdata[4]);
  item = ck_agenda_item_new (CK_AGENDA_PATTERN);
  item->description = g_strdup (pattern);
  g_ptr_array_add (session->items, item);
  g_assert_true (ck_sessions_save (reg, session, &error));
  g_assert_no_error (error);

  everything->date = earlier->date;
  g_date_subtract_days (&everything->date, 1);
  everything->method = g_strdup ("aar");
  for (guint i = 0; i < ids->len; i++)
    {
      item = ck_agenda_item_new (CK_AGENDA_CASE);
      item->case_id = g_array_index (ids, gint64, i);
      g_ptr_array_add (everything->items, item);
    }
  g_assert_true (ck_sessions_save (reg, everything, &error));
  g_assert_no_error (error);

  /* The coordinator has a case open in the editor on the laptop. */
  ck_cases_page_open_case (template_child (window, CK_TYPE_WINDOW, "cases_page"), g_array_index (ids, gint64, 7));
  g_assert_nonnull (ck_gui_test_find_window (CK_TYPE_CASE_EDITOR));

  /* The prepared session, run from the page. */
  page = show_reflection_page (window);
  list = template_child (page, CK_TYPE_REFLECTION_PAGE, "session_list");
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (list)), 0);
  ck_gui_test_wait_until (is_idle, page, "the session");
  g_assert_cmpint (ck_session_editor_get_session (template_child (page, CK_TYPE_REFLECTION_PAGE,
                                                                  "session_editor"))->id, ==, session->id);
  ck_gui_test_screenshot (GTK_WIDGET (window), "reflection-demo");

  ck_reflection_page_start_meeting (page);
  ck_gui_test_wait_until (has_meeting, NULL, "the meeting screen");
  meeting = CK_MEETING_WINDOW (ck_gui_test_find_window (CK_TYPE_MEETING_WINDOW));
  ck_gui_test_settle ();
  g_assert_cmpstr (gtk_label_get_text (template_child (meeting, CK_TYPE_MEETING_WINDOW, "opening_title")), ==,
                   "(withheld: it may name a person)");
  ck_gui_test_screenshot (GTK_WIDGET (meeting), "meeting-demo-opening");
  check_search (GTK_WIDGET (ck_gui_test_find_window (CK_TYPE_CASE_EDITOR)), GTK_WIDGET (meeting), secrets);
  typed = g_strdup_printf ("%s vertelde wat er gebeurde.", (char *) names->pdata[0]);
  screens = walk_meeting (meeting, secrets, session->items->len, "meeting-demo", typed);
  g_assert_cmpuint (screens, >=, 2 + session->items->len * 4);
  press (GTK_WIDGET (meeting), GDK_KEY_Escape, 0);
  ck_gui_test_wait_until (has_no_meeting, NULL, "the meeting screen to close");
  ck_gui_test_wait_until (is_idle, page, "the page");

  /* Every case of the register, each on its own screens. */
  check = ck_sessions_new_text_check (reg, &error);
  g_assert_no_error (error);
  plan = ck_sessions_load_meeting (reg, everything->id, &today, check, &error);
  g_assert_no_error (error);
  meeting = ck_meeting_window_new (plan);
  ck_meeting_window_present_on (meeting, GTK_WINDOW (window));
  ck_gui_test_wait_until (has_meeting, NULL, "the meeting screen of every case");
  start = g_get_monotonic_time ();
  screens = walk_meeting (meeting, secrets, ids->len, "meeting-every-case", NULL);
  g_test_message ("%u meeting screens of every case searched in %.1f s", screens,
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  g_assert_cmpuint (screens, >=, 2 + ids->len * 4);
  gtk_window_destroy (GTK_WINDOW (meeting));

  close_window (window);
  ck_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* The test backend keeps accessible labels where the test can read
   * them back (GTK_A11Y=none would drop them). */
  g_setenv ("GTK_A11Y", "test", TRUE);
  ck_gui_test_init (&argc, &argv);

  g_test_add ("/gui/reflection/plan-run-record", Fixture, NULL, fixture_set_up, test_plan_run_record, fixture_tear_down);
  g_test_add ("/gui/reflection/delete-and-undo", Fixture, NULL, fixture_set_up, test_delete_and_undo, fixture_tear_down);
  g_test_add ("/gui/reflection/text-check-cache", Fixture, NULL, fixture_set_up, test_text_check_cache, fixture_tear_down);
  g_test_add_func ("/gui/reflection/meeting-privacy-demo", test_meeting_privacy_demo);

  return g_test_run ();
}
