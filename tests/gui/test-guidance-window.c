/* test-guidance-window.c: the overview, the checklist, comparable cases
 * and the deadlines, driven as a user would
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ck-attention.h"
#include "ck-attention-row.h"
#include "ck-case.h"
#include "ck-case-editor.h"
#include "ck-date.h"
#include "ck-gui-test-util.h"
#include "ck-guidance-group.h"
#include "ck-overview-page.h"
#include "ck-preferences-window.h"
#include "ck-reflection-page.h"
#include "ck-register.h"
#include "ck-session.h"
#include "ck-sessions.h"
#include "ck-shared-store.h"
#include "ck-similar-window.h"
#include "ck-sync-page.h"
#include "ck-test-util.h"
#include "ck-unlock-page.h"
#include "ck-window.h"

typedef struct
{
  char     *dir;
  char     *path;
  CkWindow *window;
  char     *late;       /* the reference of the case whose receipt is late */
  char     *closed;     /* of the most comparable closed case */
  guint     expected_items;
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

static CkCase *
make_case (int         days_ago,
           const char *channel)
{
  CkCase *kase = ck_case_new ();

  kase->kind = g_strdup ("melding");
  kase->status = g_strdup ("nieuw");
  kase->channel = g_strdup (channel);
  kase->reporter_role = g_strdup ("slachtoffer");
  kase->subject_role = g_strdup ("collega");
  g_strfreev (kase->grounds);
  kase->grounds = g_strsplit ("herkomst", ",", -1);
  g_strfreev (kase->manifestations);
  kase->manifestations = g_strsplit ("uitlating", ",", -1);
  ck_date_set_today (&kase->report_date);
  g_date_subtract_days (&kase->report_date, days_ago);
  kase->has_confidential = TRUE;
  kase->reporter_name = g_strdup ("Olivia Vertrouwelijk");
  kase->narrative = g_strdup ("Geheim kantineverhaal over de briefing.");
  return kase;
}

static void
close_case (CkCase     *kase,
            const char *finding,
            const char *measure)
{
  kase->acknowledged_date = kase->report_date;
  kase->triage_date = kase->report_date;
  g_date_add_days (&kase->triage_date, 9);
  kase->disposal_date = kase->report_date;
  g_date_add_days (&kase->disposal_date, 70);
  kase->finding = g_strdup (finding);
  ck_case_add_measure (kase, measure, FALSE);
  g_free (kase->status);
  kase->status = g_strdup ("gesloten");
}

static char *
save (CkRegister *reg,
      CkCase     *kase)
{
  g_autoptr(GError) error = NULL;
  char *reference;

  g_assert_true (ck_register_save_case (reg, kase, &error));
  g_assert_no_error (error);
  reference = g_strdup (kase->reference);
  ck_case_free (kase);
  return reference;
}

/* A report of ten days ago whose receipt was never confirmed (three days
 * late with the default week), one of two days ago that is in order, two
 * closed comparable cases, and three comparable records of unit RTD. */
static void
fill_register (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CkRegister) reg = ck_register_create (f->path, "AMS", CK_TEST_PASSPHRASE, &error);
  g_autofree char *fine = NULL;
  g_autofree char *other_channel = NULL;
  CkStorage *storage;
  CkCase *kase;

  g_assert_no_error (error);
  f->late = save (reg, make_case (10, "lijn"));

  kase = make_case (2, "lijn");
  ck_date_set_today (&kase->acknowledged_date);
  fine = save (reg, kase);

  kase = make_case (400, "lijn");
  close_case (kase, "gegrond", "educatief");
  f->closed = save (reg, kase);

  kase = make_case (500, "vik");
  close_case (kase, "deels_gegrond", "correctief_gesprek");
  other_channel = save (reg, kase);

  storage = ck_register_acquire (reg);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(CkSharedRecord) record = ck_shared_record_new ();
      CkMeasure measure = { g_strdup ("schriftelijke_berisping"), FALSE };

      record->id = g_strdup_printf ("%032x", 0x5150 + i);
      record->unit = g_strdup ("RTD");
      record->replica = g_strdup ("0123456789abcdef0123456789abcdef");
      record->rev = 1;
      record->year = 2025;
      record->quarter = 1 + i;
      record->kind = g_strdup ("melding");
      record->channel = g_strdup ("lijn");
      g_strfreev (record->grounds);
      record->grounds = g_strsplit ("herkomst", ",", -1);
      g_strfreev (record->manifestations);
      record->manifestations = g_strsplit ("uitlating", ",", -1);
      record->reporter_role = g_strdup ("slachtoffer");
      record->subject_role = g_strdup ("collega");
      record->finding = g_strdup ("gegrond");
      g_array_append_val (record->measures, measure);
      record->status = g_strdup ("gesloten");
      g_assert_true (ck_shared_store_put (storage, record, FALSE, &error));
      g_assert_no_error (error);
    }
  ck_register_release (reg);
}

static gboolean
is_unlocked (gpointer data)
{
  return ck_window_get_register (data) != NULL;
}

static CkOverviewPage *
overview (Fixture *f)
{
  return template_child (f->window, CK_TYPE_WINDOW, "overview_page");
}

static gboolean
has_items (gpointer data)
{
  return g_list_model_get_n_items (ck_overview_page_get_items (overview (data))) > 0;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  CkUnlockPage *page;

  f->dir = ck_test_make_dir ();
  f->path = g_build_filename (f->dir, "register.sqlite", NULL);
  fill_register (f);

  f->window = ck_window_new (NULL, f->path, FALSE);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 720);
  gtk_window_present (GTK_WINDOW (f->window));
  page = template_child (f->window, CK_TYPE_WINDOW, "unlock_page");
  gtk_editable_set_text (template_child (page, CK_TYPE_UNLOCK_PAGE, "passphrase_row"), CK_TEST_PASSPHRASE);
  gtk_widget_activate (template_child (page, CK_TYPE_UNLOCK_PAGE, "unlock_button"));
  ck_gui_test_wait_until (is_unlocked, f->window, "the register to unlock");
  ck_gui_test_wait_until (has_items, f, "the overview to be made");
  ck_gui_test_settle ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *other;

  while ((other = ck_gui_test_find_window (CK_TYPE_SIMILAR_WINDOW)) != NULL ||
         (other = ck_gui_test_find_window (CK_TYPE_PREFERENCES_WINDOW)) != NULL ||
         (other = ck_gui_test_find_window (CK_TYPE_CASE_EDITOR)) != NULL)
    gtk_window_destroy (other);
  g_object_ref (f->window);
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_assert_finalize_object (f->window);

  ck_test_remove_dir (f->dir);
  g_free (f->late);
  g_free (f->closed);
  g_free (f->path);
  g_free (f->dir);
}

/* Returns: (transfer full): the overview's item at @position */
static CkAttentionItem *
item_at (Fixture *f,
         guint    position)
{
  g_autoptr(CkAttentionRow) row = g_list_model_get_item (ck_overview_page_get_items (overview (f)), position);

  g_assert_nonnull (row);
  return ck_attention_item_copy (ck_attention_row_get_item (row));
}

static int
days_overdue_at (Fixture *f,
                 guint    position)
{
  g_autoptr(CkAttentionItem) item = item_at (f, position);

  return item->days_overdue;
}

static gboolean
has_window (gpointer data)
{
  GtkWindow *window = ck_gui_test_find_window (GPOINTER_TO_SIZE (data));

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

static CkCaseEditor *
open_first_item (Fixture *f)
{
  GtkWidget *list = template_child (overview (f), CK_TYPE_OVERVIEW_PAGE, "list_view");

  g_assert_true (gtk_widget_activate_action (list, "list.activate-item", "u", 0));
  ck_gui_test_wait_until (has_window, GSIZE_TO_POINTER (CK_TYPE_CASE_EDITOR), "the case editor");
  ck_gui_test_settle ();
  return CK_CASE_EDITOR (ck_gui_test_find_window (CK_TYPE_CASE_EDITOR));
}

/* The overview is the start page and lists the late receipt first, the
 * triage due in four days after it, and nothing of the case in order. */
static void
test_overview_lists_late_receipt (Fixture       *f,
                                  gconstpointer  data)
{
  GtkStack *pages = template_child (f->window, CK_TYPE_WINDOW, "pages");
  g_autofree char *text = NULL;
  g_autoptr(CkAttentionItem) first = NULL;
  g_autoptr(CkAttentionItem) second = NULL;

  g_assert_true (gtk_stack_get_visible_child (pages) == GTK_WIDGET (overview (f)));
  /* The other pages are made when first shown. */
  g_assert_null (adw_bin_get_child (ADW_BIN (gtk_stack_get_child_by_name (pages, "patterns"))));
  g_assert_null (adw_bin_get_child (ADW_BIN (gtk_stack_get_child_by_name (pages, "sync"))));
  gtk_stack_set_visible_child_name (pages, "sync");
  g_assert_true (CK_IS_SYNC_PAGE (adw_bin_get_child (ADW_BIN (gtk_stack_get_child_by_name (pages, "sync")))));
  g_assert_null (adw_bin_get_child (ADW_BIN (gtk_stack_get_child_by_name (pages, "patterns"))));
  gtk_stack_set_visible_child (pages, GTK_WIDGET (overview (f)));
  g_assert_cmpuint (g_list_model_get_n_items (ck_overview_page_get_items (overview (f))), ==, 2);

  first = item_at (f, 0);
  g_assert_cmpstr (first->subject, ==, f->late);
  g_assert_cmpstr (first->title, ==, "Confirm receipt to the reporter");
  g_assert_cmpint (first->days_overdue, ==, 3);
  second = item_at (f, 1);
  g_assert_cmpstr (second->subject, ==, f->late);
  g_assert_cmpint (second->days_overdue, ==, -4);

  text = ck_gui_test_collect_text (GTK_WIDGET (overview (f)));
  g_assert_nonnull (strstr (text, "3 days late"));
  g_assert_nonnull (strstr (text, "Due in 4 days"));
  g_assert_nonnull (strstr (text, "1 overdue · 1 due this week"));
  g_assert_null (strstr (text, "Olivia"));
  ck_gui_test_screenshot (GTK_WIDGET (f->window), "overview");
}

static gboolean
has_n_items (gpointer data)
{
  Fixture *f = data;

  return g_list_model_get_n_items (ck_overview_page_get_items (overview (f))) == f->expected_items;
}

/* A reflection session's follow-up action that is due shows among the
 * steps, in its place by urgency; one later than a week does not. A
 * click opens its session in the Reflection Room. */
static void
test_overview_lists_due_action (Fixture       *f,
                                gconstpointer  data)
{
  CkRegister *reg = ck_window_get_register (f->window);
  GtkStack *pages = template_child (f->window, CK_TYPE_WINDOW, "pages");
  GtkWidget *list = template_child (overview (f), CK_TYPE_OVERVIEW_PAGE, "list_view");
  GtkWidget *reflection = ck_window_get_page (f->window, "reflection");
  g_autoptr(CkSession) session = ck_session_new ();
  g_autoptr(CkAttentionItem) action = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GDate due, later;

  ck_date_set_today (&session->date);
  g_date_subtract_days (&session->date, 20);
  session->unit = g_strdup ("AMS");
  session->method = g_strdup ("moreel_beraad");
  ck_date_set_today (&due);
  g_date_subtract_days (&due, 1);
  ck_date_set_today (&later);
  g_date_add_days (&later, 30);
  g_ptr_array_add (session->actions, ck_session_action_new ("Plan a team talk about bystanders", "hr", &due));
  g_ptr_array_add (session->actions, ck_session_action_new ("Evaluate the team talk", "manager", &later));
  g_assert_true (ck_sessions_save (reg, session, &error));
  g_assert_no_error (error);

  f->expected_items = 3;
  ck_gui_test_wait_until (has_n_items, f, "the overview to list the action");
  ck_gui_test_settle ();

  g_assert_cmpint (days_overdue_at (f, 0), ==, 3);
  action = item_at (f, 1);
  g_assert_cmpint (action->kind, ==, CK_ATTENTION_ACTION);
  g_assert_cmpint (action->days_overdue, ==, 1);
  g_assert_cmpint (action->session_id, ==, session->id);
  g_assert_cmpstr (action->title, ==, "HR: Plan a team talk about bystanders");
  text = ck_gui_test_collect_text (GTK_WIDGET (overview (f)));
  g_assert_nonnull (strstr (text, "Plan a team talk about bystanders"));
  g_assert_null (strstr (text, "Evaluate the team talk"));
  g_assert_nonnull (strstr (text, "2 overdue"));
  ck_gui_test_screenshot (GTK_WIDGET (f->window), "overview-with-action");

  g_assert_true (gtk_widget_activate_action (list, "list.activate-item", "u", 1));
  ck_gui_test_settle ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (pages), ==, "reflection");
  g_clear_pointer (&text, g_free);
  text = ck_gui_test_collect_text (reflection);
  g_assert_nonnull (strstr (text, "Evaluate the team talk"));
}

/* One click on the item opens its case, whose checklist shows the late
 * receipt, and follows the form as the receipt is entered. */
static void
test_checklist_in_editor (Fixture       *f,
                          gconstpointer  data)
{
  CkCaseEditor *editor = open_first_item (f);
  CkGuidanceGroup *group = template_child (editor, CK_TYPE_CASE_EDITOR, "guidance_group");
  GtkWidget *receipt = ck_guidance_group_get_step_row (group, CK_STEP_ACKNOWLEDGED);
  GtkWidget *triage = ck_guidance_group_get_step_row (group, CK_STEP_TRIAGE);
  GtkWidget *coordinator = ck_guidance_group_get_step_row (group, CK_STEP_COORDINATOR);
  g_autofree char *text = NULL;
  g_autofree char *today = NULL;
  GDate date;

  g_assert_cmpstr (adw_window_title_get_title (template_child (editor, CK_TYPE_CASE_EDITOR, "title")), ==, f->late);
  g_assert_true (gtk_widget_has_css_class (receipt, "step-overdue"));
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (receipt)), "3 days late"));
  g_assert_true (gtk_widget_has_css_class (triage, "step-due"));
  g_assert_false (gtk_widget_get_visible (coordinator));

  text = ck_gui_test_collect_text (GTK_WIDGET (group));
  g_assert_nonnull (strstr (text, "Now: Confirm receipt to the reporter"));
  g_assert_nonnull (strstr (text, "Some steps are late."));
  ck_gui_test_screenshot (GTK_WIDGET (editor), "editor-checklist");

  /* Entering the receipt ticks the step at once, before saving. */
  ck_date_set_today (&date);
  today = ck_date_format_user (&date);
  gtk_editable_set_text (GTK_EDITABLE (ck_case_editor_get_field (editor, "acknowledged_date")), today);
  ck_gui_test_settle ();
  g_assert_true (gtk_widget_has_css_class (receipt, "step-done"));
  g_assert_false (gtk_widget_has_css_class (receipt, "step-overdue"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (receipt)), ==, "Done");

  /* Marking the case sensitive brings the national coordinator in. */
  gtk_switch_set_active (GTK_SWITCH (ck_case_editor_get_field (editor, "sensitive")), TRUE);
  ck_gui_test_settle ();
  g_assert_true (gtk_widget_get_visible (coordinator));
  g_assert_true (gtk_widget_has_css_class (coordinator, "step-due"));

  /* Activating a step goes to the field that records it. */
  g_signal_emit_by_name (ck_guidance_group_get_step_row (group, CK_STEP_INFORMED), "activated");
  ck_gui_test_settle ();
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (editor)) == ck_case_editor_get_field (editor, "outcome_informed_date") ||
                 gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (editor)),
                                         ck_case_editor_get_field (editor, "outcome_informed_date")));
}

static gboolean
has_result (gpointer data)
{
  return ck_similar_window_get_result (data) != NULL;
}

/* Returns: (transfer none): the first label under @widget showing @text */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
scroll_to_end (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget))
    {
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (widget));

      ck_gui_test_settle ();
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    scroll_to_end (child);
}

static gboolean
similar_counted (gpointer data)
{
  AdwActionRow *row = template_child (data, CK_TYPE_CASE_EDITOR, "similar_row");

  return g_strcmp0 (adw_action_row_get_subtitle (row), "2 in this unit · <5 in other units") == 0;
}

/* The comparable cases of the late report: the unit's own closed case and
 * the three records alike first, the one through another channel last;
 * the records say nothing of their unit, and nothing confidential of any
 * case shows. */
static void
test_comparable_cases (Fixture       *f,
                       gconstpointer  data)
{
  CkCaseEditor *editor = open_first_item (f);
  CkSimilarWindow *window;
  const CkSimilarResult *result;
  g_autofree char *text = NULL;
  const char *own_first, *other_unit, *other_channel;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.similar", NULL));
  ck_gui_test_wait_until (has_window, GSIZE_TO_POINTER (CK_TYPE_SIMILAR_WINDOW), "the comparable cases");
  window = CK_SIMILAR_WINDOW (ck_gui_test_find_window (CK_TYPE_SIMILAR_WINDOW));
  ck_gui_test_wait_until (has_result, window, "the comparable cases to be found");
  ck_gui_test_settle ();

  result = ck_similar_window_get_result (window);
  g_assert_cmpuint (result->matches->len, ==, 5);
  g_assert_cmpstr (((CkSimilarMatch *) result->matches->pdata[0])->reference, ==, f->closed);
  for (guint i = 1; i < 4; i++)
    g_assert_cmpint (((CkSimilarMatch *) result->matches->pdata[i])->source, ==, CK_SIMILAR_NATIONAL);
  g_assert_cmpuint (((CkSimilarMatch *) result->matches->pdata[4])->score, ==, 941);

  text = ck_gui_test_collect_text (GTK_WIDGET (window));
  own_first = strstr (text, f->closed);
  other_unit = strstr (text, "Other unit, 2025 Q3");
  other_channel = strstr (text, "94%");
  g_assert_nonnull (own_first);
  g_assert_nonnull (other_unit);
  g_assert_nonnull (other_channel);
  g_assert_true (own_first < other_unit && other_unit < other_channel);
  g_assert_nonnull (strstr (text, "<5"));
  g_assert_nonnull (strstr (text, "No measures recorded — this case"));
  g_assert_null (strstr (text, "RTD"));
  g_assert_null (strstr (text, "Olivia"));
  g_assert_null (strstr (text, "kantineverhaal"));
  ck_gui_test_screenshot (GTK_WIDGET (window), "similar-window");

  /* Further down, the cases themselves, one unfolded. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (gtk_widget_get_ancestor (
    find_label (GTK_WIDGET (window), "94%"), ADW_TYPE_EXPANDER_ROW)), TRUE);
  scroll_to_end (GTK_WIDGET (window));
  ck_gui_test_screenshot (GTK_WIDGET (window), "similar-window-list");

  /* The editor's row counts them too. */
  ck_gui_test_wait_until (similar_counted, editor, "the editor to count the comparable cases");
}

static gboolean
receipt_not_late (gpointer data)
{
  Fixture *f = data;

  return has_items (f) && days_overdue_at (f, 0) <= 0;
}

/* A longer deadline in the preferences makes the receipt no longer late,
 * in the overview at once. */
static void
test_deadline_preferences (Fixture       *f,
                           gconstpointer  data)
{
  CkPreferencesWindow *preferences;
  CkDeadlines deadlines;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.preferences", NULL));
  ck_gui_test_wait_until (has_window, GSIZE_TO_POINTER (CK_TYPE_PREFERENCES_WINDOW), "the preferences");
  preferences = CK_PREFERENCES_WINDOW (ck_gui_test_find_window (CK_TYPE_PREFERENCES_WINDOW));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (ck_preferences_window_get_deadline_button (preferences,
                                                                                                CK_DEADLINE_ACKNOWLEDGE)),
                   ==, 7);

  gtk_spin_button_set_value (ck_preferences_window_get_deadline_button (preferences, CK_DEADLINE_ACKNOWLEDGE), 14);
  ck_gui_test_wait_until (receipt_not_late, f, "the overview to follow the new deadline");
  ck_guidance_get_deadlines (ck_window_get_register (f->window), &deadlines);
  g_assert_cmpint (deadlines.value[CK_DEADLINE_ACKNOWLEDGE], ==, 14);
  g_assert_cmpint (days_overdue_at (f, 0), ==, -4);
  ck_gui_test_screenshot (GTK_WIDGET (preferences), "preferences");

  /* Restoring the defaults can be undone. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preferences), "preferences.restore-defaults", NULL));
  ck_guidance_get_deadlines (ck_window_get_register (f->window), &deadlines);
  g_assert_cmpint (deadlines.value[CK_DEADLINE_ACKNOWLEDGE], ==, 7);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preferences), "preferences.undo-restore", NULL));
  ck_guidance_get_deadlines (ck_window_get_register (f->window), &deadlines);
  g_assert_cmpint (deadlines.value[CK_DEADLINE_ACKNOWLEDGE], ==, 14);
}

/* The demo register as a new user first sees it: a believable overview,
 * a checklist and comparable cases. For people to look at. */
static void
test_demo (void)
{
  g_autofree char *dir = ck_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "demo.sqlite", NULL);
  Fixture f = { .window = ck_window_new (NULL, path, TRUE) };
  CkCaseEditor *editor;
  CkSimilarWindow *similar;
  guint n;

  gtk_window_set_default_size (GTK_WINDOW (f.window), 1200, 760);
  gtk_window_present (GTK_WINDOW (f.window));
  ck_gui_test_wait_until (is_unlocked, f.window, "the demo register");
  ck_gui_test_wait_until (has_items, &f, "the demo overview");
  ck_gui_test_settle ();

  /* A unit of about 650 cases a year has some dozens of things to do, the
   * most urgent first. */
  n = g_list_model_get_n_items (ck_overview_page_get_items (overview (&f)));
  g_assert_cmpuint (n, >, 20);
  g_assert_cmpuint (n, <, 600);
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (days_overdue_at (&f, i - 1), >=, days_overdue_at (&f, i));
  ck_gui_test_screenshot (GTK_WIDGET (f.window), "demo-overview");

  /* The first case about the most common ground and manifestation. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CkAttentionItem) item = item_at (&f, i);
      g_autoptr(CkCase) kase = ck_register_get_case (ck_window_get_register (f.window), item->case_id, FALSE, NULL);

      if (g_strv_contains ((const char * const *) kase->grounds, "herkomst") &&
          g_strv_contains ((const char * const *) kase->manifestations, "uitlating"))
        {
          GtkWidget *list = template_child (overview (&f), CK_TYPE_OVERVIEW_PAGE, "list_view");

          g_assert_true (gtk_widget_activate_action (list, "list.activate-item", "u", i));
          break;
        }
    }
  ck_gui_test_wait_until (has_window, GSIZE_TO_POINTER (CK_TYPE_CASE_EDITOR), "the case editor");
  editor = CK_CASE_EDITOR (ck_gui_test_find_window (CK_TYPE_CASE_EDITOR));
  ck_gui_test_screenshot (GTK_WIDGET (editor), "demo-editor");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.similar", NULL));
  ck_gui_test_wait_until (has_window, GSIZE_TO_POINTER (CK_TYPE_SIMILAR_WINDOW), "the comparable cases");
  similar = CK_SIMILAR_WINDOW (ck_gui_test_find_window (CK_TYPE_SIMILAR_WINDOW));
  ck_gui_test_wait_until (has_result, similar, "the comparable cases to be found");
  g_assert_cmpuint (ck_similar_window_get_result (similar)->matches->len, ==, 20);
  ck_gui_test_settle ();
  ck_gui_test_screenshot (GTK_WIDGET (similar), "demo-similar");

  gtk_window_destroy (GTK_WINDOW (similar));
  gtk_window_destroy (GTK_WINDOW (editor));
  g_object_ref (f.window);
  gtk_window_destroy (GTK_WINDOW (f.window));
  g_assert_finalize_object (f.window);
  ck_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  ck_gui_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/guidance-window/overview", test_overview_lists_late_receipt);
  ADD ("/guidance-window/overview-action", test_overview_lists_due_action);
  ADD ("/guidance-window/checklist", test_checklist_in_editor);
  ADD ("/guidance-window/comparable-cases", test_comparable_cases);
  ADD ("/guidance-window/deadline-preferences", test_deadline_preferences);
#undef ADD
  g_test_add_func ("/guidance-window/demo", test_demo);

  return g_test_run ();
}
