/* test-patterns.c: the Patterns page and the National Trends view on the
 * demo register, driven as a user would
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ck-case-editor.h"
#include "ck-case-list-dialog.h"
#include "ck-case-query.h"
#include "ck-case-row.h"
#include "ck-chart-view.h"
#include "ck-date.h"
#include "ck-gui-test-util.h"
#include "ck-national-page.h"
#include "ck-national-trends-view.h"
#include "ck-patterns-page.h"
#include "ck-register.h"
#include "ck-test-util.h"
#include "ck-window.h"

typedef struct
{
  char     *dir;
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

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;

  f->dir = ck_test_make_dir ();
  path = g_build_filename (f->dir, "demo.sqlite", NULL);

  /* The demo register, made as on a first start with --demo. */
  f->window = ck_window_new (NULL, path, TRUE);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1300, 900);
  gtk_window_present (GTK_WINDOW (f->window));
  ck_gui_test_wait_until (is_unlocked, f->window, "the demo register to open");
  ck_gui_test_settle ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *other;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  while ((other = ck_gui_test_find_window (CK_TYPE_CASE_EDITOR)) != NULL)
    gtk_window_destroy (other);
  while ((other = ck_gui_test_find_window (CK_TYPE_CASE_LIST_DIALOG)) != NULL)
    gtk_window_destroy (other);
  g_object_ref (f->window);
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_assert_finalize_object (f->window);

  ck_test_remove_dir (f->dir);
  g_free (f->dir);
}

static void
show_page (Fixture    *f,
           const char *name)
{
  GtkStack *pages = template_child (f->window, CK_TYPE_WINDOW, "pages");

  gtk_stack_set_visible_child_name (pages, name);
  ck_gui_test_settle ();
}

static gboolean
patterns_counted (gpointer data)
{
  return ck_patterns_page_get_figures (data) != NULL;
}

static gboolean
trends_counted (gpointer data)
{
  return ck_national_trends_view_get_figures (data) != NULL;
}

/* Returns: (transfer none): the chart view showing table @id */
static CkChartView *
find_view (GtkWidget      *root,
           CkStatsTableId  id)
{
  if (CK_IS_CHART_VIEW (root))
    {
      CkStatsTable *table = ck_chart_view_get_table (CK_CHART_VIEW (root));

      return table != NULL && table->id == id ? CK_CHART_VIEW (root) : NULL;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      CkChartView *found = find_view (child, id);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_area (GtkWidget *root)
{
  if (GTK_IS_DRAWING_AREA (root))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_area (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Clicks the chart's drawing at (@x, @y), through its click gesture. */
static void
click_chart (CkChartView *view,
             double       x,
             double       y)
{
  GtkWidget *area = find_area (GTK_WIDGET (view));
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (area);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        {
          g_signal_emit_by_name (controller, "released", 1, x, y);
          return;
        }
    }

  g_assert_not_reached ();
}

/* Scrolls the page's scrolled window so that @widget is at its top. */
static void
scroll_to (GtkWidget *page,
           GtkWidget *widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (widget, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)),
                                           &GRAPHENE_POINT_INIT (0, 0), &point));
  gtk_adjustment_set_value (adjustment, point.y);
  ck_gui_test_settle ();
}

static gboolean
has_dialog (gpointer data)
{
  return ck_gui_test_find_window (CK_TYPE_CASE_LIST_DIALOG) != NULL;
}

static gboolean
has_editor (gpointer data)
{
  return ck_gui_test_find_window (CK_TYPE_CASE_EDITOR) != NULL;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 ia = *(const gint64 *) a;
  gint64 ib = *(const gint64 *) b;

  return (ia > ib) - (ia < ib);
}

static void
test_patterns (Fixture       *f,
               gconstpointer  data)
{
  CkPatternsPage *page = CK_PATTERNS_PAGE (ck_window_get_page (f->window, "patterns"));
  CkRegister *reg = ck_window_get_register (f->window);
  g_autoptr(CkCaseQuery) query = ck_case_query_new ();
  g_autoptr(GArray) expected = NULL;
  g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *description = NULL;
  CkCaseListDialog *dialog;
  CkChartView *view;
  CkStatsTable *table;
  GListModel *listed;
  double hit_x = -1, hit_y = -1;
  guint row = 0, col = 0, target_row = G_MAXUINT, target_col = G_MAXUINT;
  int width, height;
  GDate today;
  int now;

  show_page (f, "patterns");
  ck_gui_test_wait_until (patterns_counted, page, "the Patterns page to count");
  ck_gui_test_settle ();

  /* Every chart shows its figures for the demo register. */
  view = find_view (GTK_WIDGET (page), CK_STATS_TABLE_QUARTER_GROUND);
  g_assert_nonnull (view);
  table = ck_chart_view_get_table (view);
  g_assert_cmpuint (table->n_rows, ==, 8 + 1);        /* eight quarters and the total */
  for (guint id = CK_STATS_TABLE_QUARTER_GROUND; id <= CK_STATS_TABLE_KIND; id++)
    g_assert_nonnull (find_view (GTK_WIDGET (page), id));
  g_assert_cmpuint (ck_stats_figures_get_key (ck_patterns_page_get_figures (page), CK_STATS_WINDOW_CURRENT, 0)->cases,
                    >, 300);

  description = ck_chart_view_describe (view);
  g_assert_nonnull (strstr (description, "Stacked bar chart"));
  text = ck_gui_test_collect_text (GTK_WIDGET (page));
  g_assert_nonnull (strstr (text, "Cases per quarter by ground"));
  g_assert_nonnull (strstr (text, "National:"));

  ck_gui_test_screenshot (GTK_WIDGET (f->window), "patterns-light");
  scroll_to (GTK_WIDGET (page), GTK_WIDGET (view));
  ck_gui_test_screenshot (GTK_WIDGET (f->window), "patterns-charts-light");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  ck_gui_test_screenshot (GTK_WIDGET (f->window), "patterns-charts-dark");
  scroll_to (GTK_WIDGET (page), GTK_WIDGET (find_view (GTK_WIDGET (page), CK_STATS_TABLE_GROUND_FINDING)));
  ck_gui_test_screenshot (GTK_WIDGET (f->window), "patterns-charts-dark-2");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  ck_gui_test_screenshot (GTK_WIDGET (f->window), "patterns-charts-light-2");
  scroll_to (GTK_WIDGET (page), GTK_WIDGET (view));
  ck_gui_test_settle ();

  /* The segment of origin in the second quarter shown. */
  ck_date_set_today (&today);
  now = ck_stats_quarter_from_date (&today);
  for (guint r = 0; r < table->n_rows; r++)
    if (table->rows[r].value == (guint) (now - 6))
      target_row = r;
  for (guint c = 0; c < table->n_cols; c++)
    if (g_strcmp0 (table->columns[c].code, "herkomst") == 0)
      target_col = c;
  g_assert_cmpuint (target_row, !=, G_MAXUINT);
  g_assert_cmpuint (target_col, !=, G_MAXUINT);

  width = gtk_widget_get_width (find_area (GTK_WIDGET (view)));
  height = gtk_widget_get_height (find_area (GTK_WIDGET (view)));
  for (int y = 0; y < height && hit_x < 0; y += 2)
    for (int x = 0; x < width && hit_x < 0; x += 2)
      if (ck_chart_view_get_cell_at (view, x, y, &row, &col) && row == target_row && col == target_col)
        {
          hit_x = x;
          hit_y = y;
        }
  g_assert_cmpfloat (hit_x, >=, 0);
  click_chart (view, hit_x, hit_y);
  ck_gui_test_wait_until (has_dialog, NULL, "the list of cases behind the bar");
  ck_gui_test_settle ();

  dialog = CK_CASE_LIST_DIALOG (ck_gui_test_find_window (CK_TYPE_CASE_LIST_DIALOG));
  ck_gui_test_screenshot (GTK_WIDGET (dialog), "patterns-cases-behind-bar");

  /* Exactly the cases of that quarter on that ground, as the register's
   * own query finds them. */
  query->ground = g_strdup ("herkomst");
  ck_stats_quarter_get_last_day (now - 6, &query->to);
  query->from = query->to;
  g_date_set_day (&query->from, 1);
  g_date_subtract_months (&query->from, 2);
  expected = ck_register_query (reg, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (expected->len, ==, ck_stats_table_get_cell (table, target_row, target_col)->count);

  listed = ck_case_list_dialog_get_cases (dialog);
  for (guint i = 0; i < g_list_model_get_n_items (listed); i++)
    {
      g_autoptr(CkCaseRow) case_row = g_list_model_get_item (listed, i);
      gint64 id = ck_case_row_get_id (case_row);

      g_array_append_val (shown, id);
    }
  g_array_sort (shown, compare_ids);
  g_assert_cmpuint (shown->len, ==, expected->len);
  for (guint i = 0; i < shown->len; i++)
    g_assert_cmpint (g_array_index (shown, gint64, i), ==, g_array_index (expected, gint64, i));

  /* A case from the list opens in the editor. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "list.open", NULL);
  ck_gui_test_wait_until (has_editor, NULL, "the case to open in the editor");
  g_assert_null (ck_gui_test_find_window (CK_TYPE_CASE_LIST_DIALOG));
}

/* The numbers behind a chart, and the keyboard's way to the cases. */
static void
test_table_and_text_size (Fixture       *f,
                          gconstpointer  data)
{
  CkPatternsPage *page = CK_PATTERNS_PAGE (ck_window_get_page (f->window, "patterns"));
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  CkChartView *view;
  GtkWidget *area;
  int before;

  show_page (f, "patterns");
  ck_gui_test_wait_until (patterns_counted, page, "the Patterns page to count");
  ck_gui_test_settle ();

  view = find_view (GTK_WIDGET (page), CK_STATS_TABLE_GROUND_MANIFESTATION);
  area = find_area (GTK_WIDGET (view));
  before = gtk_widget_get_height (area);

  /* On a projector: larger text, a taller chart. */
  g_settings_set_int (settings, "chart-text-size", 18);
  ck_gui_test_settle ();
  ck_gui_test_settle ();
  g_assert_cmpint (gtk_widget_get_height (area), >, before);
  ck_gui_test_screenshot (GTK_WIDGET (f->window), "patterns-projector");
  g_settings_reset (settings, "chart-text-size");

  ck_chart_view_show_table (view, TRUE);
  ck_gui_test_settle ();
  ck_gui_test_screenshot (GTK_WIDGET (view), "patterns-table");
  {
    g_autofree char *text = ck_gui_test_collect_text (GTK_WIDGET (view));

    g_assert_nonnull (strstr (text, "Origin, race or skin colour"));
    g_assert_nonnull (strstr (text, "Remark, slur or “joke”"));
  }
}

static gboolean
all_shown_counts_safe (CkStatsTable *table)
{
  for (guint r = 0; r < table->n_rows; r++)
    for (guint c = 0; c < table->n_cols; c++)
      {
        const CkStatsCell *cell = ck_stats_table_peek_cell (table, r, c);

        if (cell->kind == CK_STATS_VALUE_COUNT && cell->state == CK_STATS_CELL_SHOWN &&
            cell->count < CK_STATS_MIN_COUNT)
          return FALSE;
      }

  return TRUE;
}

static void
test_national_trends (Fixture       *f,
                      gconstpointer  data)
{
  CkNationalPage *page = CK_NATIONAL_PAGE (ck_window_get_page (f->window, "national"));
  AdwViewStack *views = template_child (page, CK_TYPE_NATIONAL_PAGE, "view_stack");
  CkNationalTrendsView *view = CK_NATIONAL_TRENDS_VIEW (adw_view_stack_get_child_by_name (views, "trends"));
  g_autofree char *text = NULL;
  CkStatsFigures *figures;
  CkStatsTable *units;

  show_page (f, "national");
  adw_view_stack_set_visible_child_name (views, "trends");
  ck_gui_test_wait_until (trends_counted, view, "the national trends to count");
  ck_gui_test_settle ();

  figures = ck_national_trends_view_get_figures (view);
  units = ck_stats_figures_get_table (figures, CK_STATS_TABLE_UNIT_GROUND);
  /* Twelve other units synchronised; the demo's own unit has published
   * nothing, and its cases are never counted here. */
  g_assert_cmpuint (units->n_rows, ==, 12 + 1);
  for (guint r = 0; r < units->n_rows; r++)
    g_assert_cmpstr (units->rows[r].code, !=, "AMS");

  for (guint id = 0; id < CK_STATS_N_TABLES; id++)
    {
      CkStatsTable *table = ck_stats_figures_get_table (figures, id);

      g_assert_nonnull (table);
      g_assert_true (all_shown_counts_safe (table));
    }
  g_assert_nonnull (find_view (GTK_WIDGET (view), CK_STATS_TABLE_COMPARABLE));

  text = ck_gui_test_collect_text (GTK_WIDGET (view));
  g_assert_nonnull (strstr (text, "Like treated alike"));
  g_assert_nonnull (strstr (text, "Anonymised records of 12 units"));

  ck_gui_test_screenshot (GTK_WIDGET (f->window), "national-trends-light");
  scroll_to (GTK_WIDGET (view), GTK_WIDGET (find_view (GTK_WIDGET (view), CK_STATS_TABLE_QUARTER_UNIT)));
  ck_gui_test_screenshot (GTK_WIDGET (f->window), "national-trends-charts-light");
  scroll_to (GTK_WIDGET (view), GTK_WIDGET (find_view (GTK_WIDGET (view), CK_STATS_TABLE_LEAD_TIMES_UNIT)));
  ck_gui_test_screenshot (GTK_WIDGET (f->window), "national-trends-charts-light-2");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  ck_gui_test_screenshot (GTK_WIDGET (f->window), "national-trends-charts-dark-2");
  scroll_to (GTK_WIDGET (view), GTK_WIDGET (find_view (GTK_WIDGET (view), CK_STATS_TABLE_QUARTER_UNIT)));
  ck_gui_test_screenshot (GTK_WIDGET (f->window), "national-trends-charts-dark");
}

int
main (int   argc,
      char *argv[])
{
  ck_gui_test_init (&argc, &argv);

  g_test_add ("/patterns/charts-and-cases", Fixture, NULL, fixture_set_up, test_patterns, fixture_tear_down);
  g_test_add ("/patterns/table-and-text-size", Fixture, NULL, fixture_set_up, test_table_and_text_size, fixture_tear_down);
  g_test_add ("/patterns/national-trends", Fixture, NULL, fixture_set_up, test_national_trends, fixture_tear_down);

  return g_test_run ();
}
