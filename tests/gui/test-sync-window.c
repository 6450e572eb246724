/* test-sync-window.c: the Synchronisatie and Landelijk pages, driven as a
 * unit coordinator and the national coordinator would
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ck-demo.h"
#include "ck-gui-test-util.h"
#include "ck-national-page.h"
#include "ck-national-records-view.h"
#include "ck-register.h"
#include "ck-sync.h"
#include "ck-sync-page.h"
#include "ck-test-util.h"
#include "ck-unlock-page.h"
#include "ck-window.h"

typedef struct
{
  char *dir;
  char *repo;
  char *unit_path;
  char *national_path;
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

static void
make_register (const char *path,
               const char *unit,
               guint       n_cases)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CkRegister) reg = ck_register_create (path, unit, CK_TEST_PASSPHRASE, &error);
  g_autoptr(GPtrArray) cases = NULL;
  GDate until;

  g_assert_no_error (error);
  if (n_cases == 0)
    return;
  g_date_clear (&until, 1);
  g_date_set_dmy (&until, 30, 9, 2025);
  cases = ck_demo_generate (unit, n_cases, 5, &until);
  g_assert_true (ck_register_insert_cases (reg, cases, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = ck_test_make_dir ();
  f->repo = g_build_filename (f->dir, "shared.git", NULL);
  f->unit_path = g_build_filename (f->dir, "ams.sqlite", NULL);
  f->national_path = g_build_filename (f->dir, "national.sqlite", NULL);
  make_register (f->unit_path, "AMS", 1500);
  make_register (f->national_path, "LE", 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ck_test_remove_dir (f->dir);
  g_free (f->repo);
  g_free (f->unit_path);
  g_free (f->national_path);
  g_free (f->dir);
}

static gboolean
is_unlocked (gpointer data)
{
  return ck_window_get_register (data) != NULL;
}

static CkWindow *
open_window (const char *path)
{
  CkWindow *window = ck_window_new (NULL, path, FALSE);
  CkUnlockPage *page = template_child (window, CK_TYPE_WINDOW, "unlock_page");

  gtk_window_present (GTK_WINDOW (window));
  gtk_editable_set_text (template_child (page, CK_TYPE_UNLOCK_PAGE, "passphrase_row"), CK_TEST_PASSPHRASE);
  gtk_widget_activate (template_child (page, CK_TYPE_UNLOCK_PAGE, "unlock_button"));
  ck_gui_test_wait_until (is_unlocked, window, "the register to unlock");
  ck_gui_test_settle ();
  return window;
}

static void
close_window (CkWindow *window)
{
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
show_page (CkWindow   *window,
           const char *name)
{
  GtkStack *pages = template_child (window, CK_TYPE_WINDOW, "pages");

  gtk_stack_set_visible_child_name (pages, name);
  ck_gui_test_settle ();
}

static char *
result_text (CkSyncPage *page)
{
  return ck_gui_test_collect_text (template_child (page, CK_TYPE_SYNC_PAGE, "result_group"));
}

typedef struct
{
  CkSyncPage *page;
  char       *before;
  gboolean    seen_running;
} SyncWait;

/* Done when the page ran, stopped, and shows another result. */
static gboolean
sync_done (gpointer data)
{
  SyncWait *wait = data;
  g_autofree char *now = NULL;

  if (ck_sync_page_is_running (wait->page))
    {
      wait->seen_running = TRUE;
      return FALSE;
    }
  now = result_text (wait->page);
  return wait->seen_running && g_strcmp0 (now, wait->before) != 0;
}

/* Types @text into an entry row and presses its apply button. */
static void
apply_row (gpointer    page,
           const char *row_name,
           const char *text)
{
  AdwEntryRow *row = template_child (page, CK_TYPE_SYNC_PAGE, row_name);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
}

static void
run_sync (CkSyncPage *page)
{
  GtkWidget *button = template_child (page, CK_TYPE_SYNC_PAGE, "sync_button");
  GtkWidget *progress = template_child (page, CK_TYPE_SYNC_PAGE, "progress_box");
  SyncWait wait = { page, result_text (page), FALSE };

  /* A button is clicked a moment after it is activated, as on screen. */
  g_assert_true (gtk_widget_activate (button));
  ck_gui_test_wait_until (sync_done, &wait, "the synchronisation to finish");
  ck_gui_test_settle ();
  g_assert_false (gtk_widget_get_visible (progress));
  g_free (wait.before);
}

static CkNationalRecordsView *
records_view (CkWindow *window)
{
  CkNationalPage *page = CK_NATIONAL_PAGE (ck_window_get_page (window, "national"));
  AdwViewStack *stack = template_child (page, CK_TYPE_NATIONAL_PAGE, "view_stack");
  GtkWidget *view = adw_view_stack_get_child_by_name (stack, "records");

  g_assert_true (CK_IS_NATIONAL_RECORDS_VIEW (view));
  return CK_NATIONAL_RECORDS_VIEW (view);
}

typedef struct
{
  CkNationalRecordsView *view;
  guint                  min;
} CountWait;

static gboolean
has_records (gpointer data)
{
  CountWait *wait = data;

  return g_list_model_get_n_items (ck_national_records_view_get_model (wait->view)) >= wait->min;
}

static void
test_unit_publishes (Fixture       *f,
                     gconstpointer  data)
{
  CkWindow *window = open_window (f->unit_path);
  CkSyncPage *page = CK_SYNC_PAGE (ck_window_get_page (window, "sync"));
  g_autofree char *before = NULL;
  g_autofree char *text = NULL;
  CountWait wait = { records_view (window), 1 };

  show_page (window, "sync");
  before = result_text (page);
  g_assert_nonnull (strstr (before, "Not synchronised yet"));

  apply_row (page, "remote_row", f->repo);
  run_sync (page);

  text = result_text (page);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "records written"));
  g_assert_nonnull (strstr (text, "held back"));
  g_assert_nonnull (strstr (text, "Generalised and held back"));
  g_assert_true (g_file_test (f->repo, G_FILE_TEST_IS_DIR));
  ck_gui_test_screenshot (GTK_WIDGET (window), "sync-page-unit");

  /* The unit's own published records are on the Landelijk page. */
  show_page (window, "national");
  ck_gui_test_wait_until (has_records, &wait, "the unit's own records");
  ck_gui_test_screenshot (GTK_WIDGET (window), "national-page-unit");

  /* A failure says what happened in words. */
  show_page (window, "sync");
  apply_row (page, "remote_row", "ssh://127.0.0.1:1/udr.git");
  run_sync (page);
  g_clear_pointer (&text, g_free);
  text = result_text (page);
  g_assert_nonnull (strstr (text, "The last attempt failed"));
  g_assert_nonnull (strstr (text, "cannot be reached"));
  ck_gui_test_screenshot (GTK_WIDGET (window), "sync-page-error");

  close_window (window);
}

static void
test_coordinator_imports (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *text = NULL;
  guint published;
  CkWindow *window;
  CkSyncPage *page;
  CkNationalRecordsView *view;
  CountWait wait;

  /* The unit publishes from its own computer. */
  {
    g_autoptr(CkRegister) reg = ck_register_open (f->unit_path, &error);
    g_autoptr(CkSync) sync = NULL;
    g_autoptr(CkSyncResult) result = NULL;

    g_assert_true (ck_register_unlock (reg, CK_TEST_PASSPHRASE, &error));
    sync = ck_sync_new (reg);
    g_assert_true (ck_sync_set_remote (sync, f->repo, &error));
    result = ck_sync_run (sync, CK_SYNC_PUBLISH, NULL, &error);
    g_assert_no_error (error);
    published = result->n_active;
    key = ck_sync_dup_own_key (sync, &error);
  }

  window = open_window (f->national_path);
  page = CK_SYNC_PAGE (ck_window_get_page (window, "sync"));
  view = records_view (window);
  show_page (window, "sync");
  apply_row (page, "remote_row", f->repo);
  apply_row (page, "enrol_row", key);
  ck_gui_test_settle ();
  g_clear_pointer (&text, g_free);
  text = ck_gui_test_collect_text (template_child (page, CK_TYPE_SYNC_PAGE, "keys_group"));
  g_assert_nonnull (strstr (text, "AMS, replica"));

  run_sync (page);
  text = result_text (page);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "AMS — Amsterdam"));
  ck_gui_test_screenshot (GTK_WIDGET (window), "sync-page-coordinator");

  show_page (window, "national");
  wait.view = view;
  wait.min = published;
  ck_gui_test_wait_until (has_records, &wait, "the imported records");
  g_assert_cmpuint (g_list_model_get_n_items (ck_national_records_view_get_model (view)), ==, published);
  ck_gui_test_screenshot (GTK_WIDGET (window), "national-page-coordinator");

  ck_national_records_view_set_unit (view, "RTD");
  ck_gui_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (ck_national_records_view_get_model (view)), ==, 0);
  ck_national_records_view_set_unit (view, "AMS");
  ck_gui_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (ck_national_records_view_get_model (view)), ==, published);

  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  ck_gui_test_init (&argc, &argv);

  g_test_add ("/sync-window/unit-publishes", Fixture, NULL, fixture_set_up, test_unit_publishes, fixture_tear_down);
  g_test_add ("/sync-window/coordinator-imports", Fixture, NULL, fixture_set_up, test_coordinator_imports, fixture_tear_down);

  return g_test_run ();
}
