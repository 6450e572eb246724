/* test-retention-window.c: the retention term of personal data in the
 * window, driven as a user would
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "ck-case.h"
#include "ck-case-editor.h"
#include "ck-cases-page.h"
#include "ck-date.h"
#include "ck-gui-test-util.h"
#include "ck-meeting-window.h"
#include "ck-preferences-window.h"
#include "ck-reflection-page.h"
#include "ck-register.h"
#include "ck-retention.h"
#include "ck-session-editor.h"
#include "ck-sessions.h"
#include "ck-test-util.h"
#include "ck-unlock-page.h"
#include "ck-window.h"

typedef struct
{
  char     *dir;
  char     *path;
  CkWindow *window;
  gint64    old_case;      /* closed seven years ago: past the term */
  gint64    recent_case;   /* closed a year ago */
  GDate     recent_closed;
  gint64    old_session;   /* held six years ago: past the term */
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

static gint64
add_closed_case (CkRegister *reg,
                 int         years_ago,
                 GDate      *closed)
{
  g_autoptr(CkCase) kase = ck_case_new ();
  g_autoptr(GError) error = NULL;

  kase->kind = g_strdup ("melding");
  kase->channel = g_strdup ("lijn");
  kase->reporter_role = g_strdup ("slachtoffer");
  kase->subject_role = g_strdup ("collega");
  g_strfreev (kase->grounds);
  kase->grounds = g_strsplit ("herkomst", ",", -1);
  g_strfreev (kase->manifestations);
  kase->manifestations = g_strsplit ("uitlating", ",", -1);
  ck_date_set_today (&kase->report_date);
  g_date_subtract_years (&kase->report_date, years_ago);
  g_date_subtract_days (&kase->report_date, 90);
  kase->acknowledged_date = kase->triage_date = kase->report_date;
  kase->disposal_date = kase->report_date;
  g_date_add_days (&kase->disposal_date, 60);
  kase->finding = g_strdup ("gegrond");
  ck_case_add_measure (kase, "educatief", FALSE);
  kase->status = g_strdup ("gesloten");
  kase->has_confidential = TRUE;
  kase->reporter_name = g_strdup ("Olivia Vertrouwelijk");
  kase->narrative = g_strdup ("Geheim kantineverhaal over de briefing.");

  g_assert_true (ck_register_save_case (reg, kase, &error));
  g_assert_no_error (error);
  if (closed != NULL)
    *closed = kase->disposal_date;
  return kase->id;
}

/* A session six years ago with a named chair, a note and a draft lesson
 * that names someone. */
static gint64
add_old_session (CkRegister *reg)
{
  g_autoptr(CkSession) session = ck_session_new ();
  g_autoptr(GError) error = NULL;
  CkAgendaItem *item = ck_agenda_item_new (CK_AGENDA_THEME);
  CkSessionLesson *lesson = ck_session_lesson_new ();

  ck_date_set_today (&session->date);
  g_date_subtract_years (&session->date, 6);
  session->method = g_strdup ("moreel_beraad");
  g_free (session->status);
  session->status = g_strdup (CK_SESSION_HELD);
  g_ptr_array_add (session->participants, ck_participant_new ("chair", "Philomena Geheimnaam"));
  item->theme_list = g_strdup ("grounds");
  item->theme_code = g_strdup ("herkomst");
  g_ptr_array_add (session->items, item);
  g_ptr_array_add (session->notes, ck_session_note_new (0, "dilemma", "Bartholomeus zei het hardop."));
  lesson->title = g_strdup ("Wat Leonora overkwam");
  lesson->text = g_strdup ("Leonora voelde zich alleen.");
  g_ptr_array_add (session->lessons, lesson);
  g_ptr_array_add (session->actions, ck_session_action_new ("Teamgesprek plannen", "manager", NULL));

  g_assert_true (ck_sessions_save (reg, session, &error));
  g_assert_no_error (error);
  return session->id;
}

static gboolean
is_unlocked (gpointer data)
{
  return ck_window_get_register (data) != NULL;
}

static gboolean
shows_text (gpointer data)
{
  gpointer *pair = data;
  g_autofree char *text = ck_gui_test_collect_text (pair[0]);

  return strstr (text, pair[1]) != NULL;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CkRegister) reg = NULL;
  CkUnlockPage *page;

  f->dir = ck_test_make_dir ();
  f->path = g_build_filename (f->dir, "register.sqlite", NULL);
  reg = ck_register_create (f->path, "AMS", CK_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
  f->old_case = add_closed_case (reg, 7, NULL);
  f->recent_case = add_closed_case (reg, 1, &f->recent_closed);
  f->old_session = add_old_session (reg);
  g_clear_object (&reg);

  f->window = ck_window_new (NULL, f->path, FALSE);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 720);
  gtk_window_present (GTK_WINDOW (f->window));
  page = template_child (f->window, CK_TYPE_WINDOW, "unlock_page");
  gtk_editable_set_text (template_child (page, CK_TYPE_UNLOCK_PAGE, "passphrase_row"), CK_TEST_PASSPHRASE);
  gtk_widget_activate (template_child (page, CK_TYPE_UNLOCK_PAGE, "unlock_button"));
  ck_gui_test_wait_until (is_unlocked, f->window, "the register to unlock");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *other;

  while ((other = ck_gui_test_find_window (CK_TYPE_PREFERENCES_WINDOW)) != NULL ||
         (other = ck_gui_test_find_window (CK_TYPE_MEETING_WINDOW)) != NULL ||
         (other = ck_gui_test_find_window (CK_TYPE_CASE_EDITOR)) != NULL)
    gtk_window_destroy (other);
  g_object_ref (f->window);
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_assert_finalize_object (f->window);

  ck_test_remove_dir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gboolean
has_window (gpointer data)
{
  GtkWindow *window = ck_gui_test_find_window (GPOINTER_TO_SIZE (data));

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

static gboolean
has_no_window (gpointer data)
{
  return ck_gui_test_find_window (GPOINTER_TO_SIZE (data)) == NULL;
}

static CkCaseEditor *
open_case (Fixture *f,
           gint64   id)
{
  ck_cases_page_open_case (template_child (f->window, CK_TYPE_WINDOW, "cases_page"), id);
  ck_gui_test_wait_until (has_window, GSIZE_TO_POINTER (CK_TYPE_CASE_EDITOR), "the case editor");
  ck_gui_test_settle ();
  return CK_CASE_EDITOR (ck_gui_test_find_window (CK_TYPE_CASE_EDITOR));
}

/* Scrolls the editor to its confidential section, for the screenshots. */
static void
show_retention_row (CkCaseEditor *editor)
{
  GtkWidget *row = template_child (editor, CK_TYPE_CASE_EDITOR, "retention_row");
  GtkWidget *scrolled = gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  graphene_point_t top;

  g_assert_true (gtk_widget_compute_point (row, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                           &GRAPHENE_POINT_INIT (0, 0), &top));
  gtk_adjustment_set_value (adjustment, top.y - 120);
  ck_gui_test_settle ();
}

static const char *
retention_title (CkCaseEditor *editor)
{
  return adw_preferences_row_get_title (template_child (editor, CK_TYPE_CASE_EDITOR, "retention_row"));
}

/* Unlocking erases the personal data past its term and says so; the
 * case keeps its other fields, says when its personal data went, and
 * can still be saved. */
static void
test_erased_on_unlock (Fixture       *f,
                       gconstpointer  data)
{
  const char *message = "Personal data of 1 case and 1 session was erased after the retention term of 5 years";
  gpointer toast[] = { f->window, (gpointer) message };
  g_autofree char *erased_title = NULL;
  g_autofree char *today_text = NULL;
  g_autofree char *kept_title = NULL;
  g_autofree char *kept_text = NULL;
  g_autofree char *editor_text = NULL;
  CkCaseEditor *editor;
  GtkWidget *name;
  GDate today, last_day;

  ck_gui_test_wait_until (shows_text, toast, "the toast about the erased personal data");
  ck_gui_test_settle ();
  ck_gui_test_screenshot (GTK_WIDGET (f->window), "retention-toast");

  editor = open_case (f, f->old_case);
  ck_date_set_today (&today);
  today_text = ck_date_format_user (&today);
  erased_title = g_strdup_printf ("Personal data erased on %s", today_text);
  g_assert_cmpstr (retention_title (editor), ==, erased_title);
  name = ck_case_editor_get_field (editor, "reporter_name");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "");
  g_assert_false (gtk_widget_is_sensitive (name));
  editor_text = ck_gui_test_collect_text (GTK_WIDGET (editor));
  g_assert_null (strstr (editor_text, "Olivia"));
  g_assert_null (strstr (editor_text, "kantineverhaal"));
  g_assert_nonnull (strstr (editor_text, "Founded"));
  show_retention_row (editor);
  ck_gui_test_screenshot (GTK_WIDGET (editor), "retention-editor-erased");

  /* Saving it again works and closes the editor. */
  gtk_editable_set_text (GTK_EDITABLE (ck_case_editor_get_field (editor, "team")), "C07");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  ck_gui_test_wait_until (has_no_window, GSIZE_TO_POINTER (CK_TYPE_CASE_EDITOR), "the editor to save and close");

  /* The other case keeps its data until the day before its term ends. */
  editor = open_case (f, f->recent_case);
  last_day = f->recent_closed;
  g_date_add_years (&last_day, 5);
  g_date_subtract_days (&last_day, 1);
  kept_text = ck_date_format_user (&last_day);
  kept_title = g_strdup_printf ("Personal data kept until %s", kept_text);
  g_assert_cmpstr (retention_title (editor), ==, kept_title);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ck_case_editor_get_field (editor, "reporter_name"))), ==,
                   "Olivia Vertrouwelijk");
  show_retention_row (editor);
  ck_gui_test_screenshot (GTK_WIDGET (editor), "retention-editor-kept");
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

/* A session past its term says so in its editor; it saves, runs in
 * meeting mode and gives its minutes. */
static void
test_session_erased (Fixture       *f,
                     gconstpointer  data)
{
  const char *message = "Personal data of 1 case and 1 session was erased";
  gpointer toast[] = { f->window, (gpointer) message };
  CkRegister *reg = ck_window_get_register (f->window);
  CkReflectionPage *page;
  CkSessionEditor *editor;
  GtkWidget *name;
  GtkWidget *retention_group;
  g_autoptr(CkSession) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today_text = NULL;
  g_autofree char *erased_title = NULL;
  g_autofree char *editor_text = NULL;
  g_autofree char *minutes_path = g_build_filename (f->dir, "minutes.pdf", NULL);
  GStatBuf minutes;
  GDate today;

  ck_gui_test_wait_until (shows_text, toast, "the toast about the erased personal data");

  gtk_stack_set_visible_child_name (template_child (f->window, CK_TYPE_WINDOW, "pages"), "reflection");
  page = CK_REFLECTION_PAGE (ck_window_get_page (f->window, "reflection"));
  editor = template_child (page, CK_TYPE_REFLECTION_PAGE, "session_editor");
  ck_reflection_page_show_session (page, f->old_session);
  ck_gui_test_wait_until (is_idle, page, "the session");
  ck_gui_test_settle ();
  g_assert_cmpint (ck_session_editor_get_session (editor)->id, ==, f->old_session);

  ck_date_set_today (&today);
  today_text = ck_date_format_user (&today);
  erased_title = g_strdup_printf ("Names and notes erased on %s after the retention term", today_text);
  retention_group = template_child (editor, CK_TYPE_SESSION_EDITOR, "retention_group");
  g_assert_true (gtk_widget_get_visible (retention_group));
  g_assert_cmpstr (adw_preferences_row_get_title (template_child (editor, CK_TYPE_SESSION_EDITOR, "retention_row")),
                   ==, erased_title);
  name = ck_session_editor_get_row (editor, "participant", 0, "name");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "");
  g_assert_false (gtk_widget_is_sensitive (name));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ck_session_editor_get_row (editor, "lesson", 0, "title"))),
                   ==, "—");
  editor_text = ck_gui_test_collect_text (GTK_WIDGET (editor));
  g_assert_null (strstr (editor_text, "Philomena"));
  g_assert_null (strstr (editor_text, "Leonora"));
  g_assert_nonnull (strstr (editor_text, "Teamgesprek plannen"));
  ck_gui_test_screenshot (GTK_WIDGET (f->window), "retention-session-erased");

  /* Saving works. */
  gtk_editable_set_text (template_child (editor, CK_TYPE_SESSION_EDITOR, "title_row"), "Voorjaarssessie");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "reflection.save", NULL));
  ck_gui_test_wait_until (is_idle, page, "the session to be saved");
  g_assert_false (ck_session_editor_is_changed (editor));
  saved = ck_sessions_load (reg, f->old_session, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (saved->title, ==, "Voorjaarssessie");
  g_assert_true (gtk_widget_get_visible (retention_group));

  /* The meeting screen opens, and the minutes are written. */
  ck_reflection_page_start_meeting (page);
  ck_gui_test_wait_until (has_meeting, NULL, "the meeting screen");
  ck_gui_test_settle ();
  gtk_window_close (ck_gui_test_find_window (CK_TYPE_MEETING_WINDOW));
  ck_gui_test_wait_until (is_idle, page, "the meeting to end");

  ck_reflection_page_export (page, CK_MINUTES_SAFE, CK_MINUTES_PDF, minutes_path);
  ck_gui_test_wait_until (is_idle, page, "the minutes");
  g_assert_cmpint (g_stat (minutes_path, &minutes), ==, 0);
  g_assert_cmpint (minutes.st_size, >, 0);
}

static gboolean
term_is (gpointer data)
{
  gpointer *pair = data;

  return ck_retention_get_years (pair[0]) == GPOINTER_TO_INT (pair[1]);
}

/* The term in the preferences is the register's; an open editor follows
 * a change at once. */
static void
test_preferences_change_term (Fixture       *f,
                              gconstpointer  data)
{
  CkRegister *reg = ck_window_get_register (f->window);
  gpointer term[] = { reg, GINT_TO_POINTER (10) };
  CkPreferencesWindow *preferences;
  CkCaseEditor *editor;
  g_autofree char *kept_text = NULL;
  g_autofree char *kept_title = NULL;
  GDate last_day;

  editor = open_case (f, f->recent_case);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.preferences", NULL));
  ck_gui_test_wait_until (has_window, GSIZE_TO_POINTER (CK_TYPE_PREFERENCES_WINDOW), "the preferences");
  preferences = CK_PREFERENCES_WINDOW (ck_gui_test_find_window (CK_TYPE_PREFERENCES_WINDOW));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "privacy");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (ck_preferences_window_get_retention_button (preferences)), ==, 5);

  gtk_spin_button_set_value (ck_preferences_window_get_retention_button (preferences), 10);
  ck_gui_test_wait_until (term_is, term, "the new term to be saved");
  ck_gui_test_settle ();
  ck_gui_test_screenshot (GTK_WIDGET (preferences), "retention-preferences");

  last_day = f->recent_closed;
  g_date_add_years (&last_day, 10);
  g_date_subtract_days (&last_day, 1);
  kept_text = ck_date_format_user (&last_day);
  kept_title = g_strdup_printf ("Personal data kept until %s", kept_text);
  g_assert_cmpstr (retention_title (editor), ==, kept_title);
}

int
main (int   argc,
      char *argv[])
{
  ck_gui_test_init (&argc, &argv);

  g_test_add ("/retention-window/erased-on-unlock", Fixture, NULL, fixture_set_up, test_erased_on_unlock,
              fixture_tear_down);
  g_test_add ("/retention-window/session-erased", Fixture, NULL, fixture_set_up, test_session_erased,
              fixture_tear_down);
  g_test_add ("/retention-window/preferences-change-term", Fixture, NULL, fixture_set_up,
              test_preferences_change_term, fixture_tear_down);

  return g_test_run ();
}
