/* bench-gui.c: the running window at 100,000 cases
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Times what a person waits for, up to the frame that shows it: start to
 * the unlock page, passphrase to the drawn list, a search to the redrawn
 * list, a click to the drawn case editor (the first after the start, the
 * next, and the median and slowest of CK_BENCH_GUI_OPENS more, default 20,
 * each opened a moment after the last was closed); and the memory the
 * process uses.
 * Baselines are the sqlite3 shell doing the same reads on the same file.
 */

#include "config.h"

#include <adwaita.h>
#include <locale.h>

#include "ck-bench-util.h"
#include "ck-case-editor.h"
#include "ck-case-row.h"
#include "ck-cases-page.h"
#include "ck-overview-page.h"
#include "ck-register.h"
#include "ck-unlock-page.h"
#include "ck-window.h"

#define N_CASES 100000

static double painted_at;

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  painted_at = ck_bench_now_ms ();
}

static void
watch_paints (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
}

/* Iterates until @condition holds and a frame was painted after that. */
static double
wait_for_paint (gboolean (*condition) (gpointer),
                gpointer  data)
{
  double since;

  while (!condition (data))
    g_main_context_iteration (NULL, TRUE);

  since = ck_bench_now_ms ();
  painted_at = 0;
  while (painted_at < since)
    g_main_context_iteration (NULL, TRUE);

  return painted_at;
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
is_unlocked (gpointer data)
{
  return ck_window_get_register (data) != NULL;
}

typedef struct
{
  GListModel *model;
  guint       n;
} Count;

static gboolean
has_count (gpointer data)
{
  Count *count = data;

  return g_list_model_get_n_items (count->model) == count->n;
}

static void
search_changed_cb (GtkSearchEntry *entry,
                   double         *asked_at)
{
  *asked_at = ck_bench_now_ms ();
}

static gboolean
has_editor (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (CK_IS_CASE_EDITOR (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        {
          *(GtkWidget **) data = GTK_WIDGET (window);
          return TRUE;
        }
    }

  return FALSE;
}

/* The cases page makes its editor when it has nothing else to do. */
static gboolean
has_kept_editor (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (CK_IS_CASE_EDITOR (window) && gtk_widget_get_realized (GTK_WIDGET (window)))
        return TRUE;
    }

  return FALSE;
}

static void
set_done (gpointer data)
{
  *(gboolean *) data = TRUE;
}

/* Runs the main loop for @ms, as a person pauses between two clicks. */
static void
pause_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add_once (ms, set_done, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
is_hidden (gpointer data)
{
  return !gtk_widget_get_visible (data);
}

/* Returns: the time from asking for case @position of the list to its
 * editor drawn */
static double
open_case_ms (CkCasesPage  *cases_page,
              guint         position,
              GtkWidget   **editor)
{
  g_autoptr(CkCaseRow) row = g_list_model_get_item (ck_cases_page_get_shown (cases_page), position);
  double start = ck_bench_now_ms ();

  ck_cases_page_open_case (cases_page, ck_case_row_get_id (row));
  while (!has_editor (editor))
    g_main_context_iteration (NULL, TRUE);
  watch_paints (*editor);

  return wait_for_paint (is_mapped, *editor) - start;
}

static double
shell_ms (const char *db,
          const char *sql)
{
  const char *argv[] = { "sqlite3", "-batch", db, NULL };

  return ck_bench_run_ms (argv, sql, NULL);
}

int
main (int   argc,
      char *argv[])
{
  double start = ck_bench_now_ms ();
  g_autofree char *db = NULL;
  g_autoptr(GtkCssProvider) css = NULL;
  CkWindow *window;
  CkUnlockPage *unlock_page;
  CkCasesPage *cases_page;
  CkOverviewPage *overview_page;
  GtkColumnView *view;
  GtkEditable *search;
  GtkWidget *editor = NULL;
  g_autoptr(GArray) next_ms = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_opens = g_ascii_strtoull (g_getenv ("CK_BENCH_GUI_OPENS") ?: "20", NULL, 10);
  double slowest_ms = 0;
  double window_ms, unlock_start, list_ms, overview_ms, search_start, result_ms, search_ms, open_ms, reopen_ms;
  long rss_list_kb, rss_overview_kb, rss_editor_kb, pss_editor_kb, anonymous_editor_kb;
  Count count;

  setlocale (LC_ALL, "C.UTF-8");
  db = ck_bench_ensure_register (N_CASES);
  start = ck_bench_now_ms ();

  gtk_init ();
  adw_init ();
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  window = ck_window_new (NULL, db, FALSE);
  gtk_window_present (GTK_WINDOW (window));
  watch_paints (GTK_WIDGET (window));
  window_ms = wait_for_paint (is_mapped, window) - start;

  unlock_page = CK_UNLOCK_PAGE (gtk_widget_get_template_child (GTK_WIDGET (window), CK_TYPE_WINDOW, "unlock_page"));
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (unlock_page), CK_TYPE_UNLOCK_PAGE, "passphrase_row")),
                         CK_BENCH_PASSPHRASE);
  cases_page = CK_CASES_PAGE (gtk_widget_get_template_child (GTK_WIDGET (window), CK_TYPE_WINDOW, "cases_page"));
  view = GTK_COLUMN_VIEW (gtk_widget_get_template_child (GTK_WIDGET (cases_page), CK_TYPE_CASES_PAGE, "column_view"));
  overview_page = CK_OVERVIEW_PAGE (gtk_widget_get_template_child (GTK_WIDGET (window), CK_TYPE_WINDOW, "overview_page"));
  unlock_start = ck_bench_now_ms ();
  /* "clicked", not gtk_widget_activate(): that shows the button pressed
   * for a quarter of a second first, which is no part of unlocking. */
  g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (unlock_page), CK_TYPE_UNLOCK_PAGE, "unlock_button"),
                         "clicked");
  while (!is_unlocked (window))
    g_main_context_iteration (NULL, TRUE);
  /* The window opens on the overview; the list is a click away, and is
   * what this figure was always about. */
  gtk_stack_set_visible_child_name (GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), CK_TYPE_WINDOW, "pages")),
                                    "cases");
  list_ms = wait_for_paint (is_mapped, view) - unlock_start;
  rss_list_kb = ck_bench_rss_kb ();
  /* Meanwhile the overview was made from the case index, in a thread. */
  while (g_list_model_get_n_items (ck_overview_page_get_items (overview_page)) == 0)
    g_main_context_iteration (NULL, TRUE);
  overview_ms = ck_bench_now_ms () - unlock_start;
  rss_overview_kb = ck_bench_rss_kb ();
  search = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (cases_page), CK_TYPE_CASES_PAGE, "search_entry"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))), ==, N_CASES);

  /* From the search being asked (when the entry's typing pause ends and
   * it emits "search-changed") to the list holding its result, and to
   * the list drawn with it. */
  g_signal_connect (search, "search-changed", G_CALLBACK (search_changed_cb), &search_start);
  count.model = G_LIST_MODEL (gtk_column_view_get_model (view));
  count.n = N_CASES;
  gtk_editable_set_text (search, "antisem");
  while (has_count (&count))
    g_main_context_iteration (NULL, TRUE);
  result_ms = ck_bench_now_ms () - search_start;
  search_ms = wait_for_paint ((gboolean (*) (gpointer)) gtk_widget_get_mapped, view) - search_start;

  /* A person looks at the list before opening a case; by then the page
   * has made its editor. */
  while (!has_kept_editor (NULL))
    g_main_context_iteration (NULL, TRUE);
  open_ms = open_case_ms (cases_page, 0, &editor);
  rss_editor_kb = ck_bench_rss_kb ();
  pss_editor_kb = ck_bench_pss_kb ();
  anonymous_editor_kb = ck_bench_anonymous_kb ();

  /* Closed, and the next case opened. */
  gtk_window_close (GTK_WINDOW (editor));
  while (!is_hidden (editor))
    g_main_context_iteration (NULL, TRUE);
  reopen_ms = open_case_ms (cases_page, 1, &editor);

  for (guint i = 0; i < n_opens; i++)
    {
      double ms;

      gtk_window_close (GTK_WINDOW (editor));
      while (!is_hidden (editor))
        g_main_context_iteration (NULL, TRUE);
      pause_ms (300);
      ms = open_case_ms (cases_page, 2 + i, &editor);
      g_array_append_val (next_ms, ms);
      slowest_ms = MAX (slowest_ms, ms);
    }

  g_print ("%-46s %13s  %13s  %7s\n", "the window, 100,000 cases", "Casuskamer", "sqlite3 shell", "ratio");
  ck_bench_report ("start to the unlock page drawn", window_ms, -1, -1);
  ck_bench_report ("passphrase to the list drawn (incl. Argon2id)", list_ms,
                   shell_ms (db, "SELECT c.id, c.reference, c.report_date, c.kind, c.status, c.team, c.grounds,"
                                 " c.manifestations FROM cases c WHERE c.deleted_at IS NULL ORDER BY c.id;"),
                   -1);
  ck_bench_report ("cold start to the list drawn (both above)", window_ms + list_ms, -1, 1000);
  ck_bench_report ("passphrase to the overview made (in a thread)", overview_ms, -1, -1);
  ck_bench_report ("search \"antisem\" to its result in the list", result_ms,
                   shell_ms (db, "SELECT rowid FROM cases_fts WHERE cases_fts MATCH '\"grounds_antisemitisme\"';"), 50);
  ck_bench_report ("  and to the list redrawn (cairo, Xvfb)", search_ms, -1, 50);
  ck_bench_report ("open the first case to the editor drawn", open_ms,
                   shell_ms (db, "SELECT * FROM cases c JOIN case_seals s ON s.case_id = c.id WHERE c.id = 1;"), 20);
  ck_bench_report ("  and the next case, after closing it", reopen_ms,
                   shell_ms (db, "SELECT * FROM cases c JOIN case_seals s ON s.case_id = c.id WHERE c.id = 2;"), 20);
  if (n_opens > 0)
    {
      g_autofree char *what = g_strdup_printf ("  %u more, a moment apart: median", n_opens);

      ck_bench_report (what, ck_bench_median (next_ms), -1, 20);
      ck_bench_report ("    and the slowest", slowest_ms, -1, -1);
    }
  g_print ("%-46s %10.1f MB\n", "memory (RSS) with the list drawn", rss_list_kb / 1024.0);
  g_print ("%-46s %10.1f MB\n", "  and the overview made", rss_overview_kb / 1024.0);
  g_print ("%-46s %10.1f MB  target 150 MB  %s\n", "  and a case open", rss_editor_kb / 1024.0,
           rss_editor_kb / 1024.0 <= 150 ? "ok" : "OVER TARGET");
  g_print ("%-46s %10.1f MB\n", "    of it the process's share (PSS)", pss_editor_kb / 1024.0);
  g_print ("%-46s %10.1f MB\n", "    of it not backed by files (RssAnon)", anonymous_editor_kb / 1024.0);
  g_print ("%-46s %10.1f MB\n", "  peak (while Argon2id runs)", ck_bench_peak_rss_kb () / 1024.0);

  return 0;
}
