/* test-stats-report.c: the report of patterns and trends, as PDF and CSV
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-svg.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "ck-case.h"
#include "ck-chart.h"
#include "ck-register.h"
#include "ck-stats-cache.h"
#include "ck-stats-report.h"
#include "ck-stats-store.h"
#include "ck-test-util.h"

static char *
run_pdftotext (const char *path)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "pdftotext", "-layout", path, "-", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));
  return out;
}

/* Renders the pages to PNG in the test artefacts, for people to look at. */
static guint
render_pages (const char *pdf,
              const char *name)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "..", "test-artefacts", NULL);
  g_autofree char *prefix = g_build_filename (dir, name, NULL);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *file;
  guint pages = 0;

  g_mkdir_with_parents (dir, 0755);
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "pdftoppm", "-png", "-r", "60", pdf, prefix, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check (process, NULL, &error);
  g_assert_no_error (error);

  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((file = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (file, name) && g_str_has_suffix (file, ".png"))
      pages++;

  g_test_message ("pages of %s: %s-*.png", pdf, prefix);
  return pages;
}

static void
add_records (CkStatsData *data,
             const char  *unit,
             const char  *ground,
             guint        n)
{
  for (guint i = 0; i < n; i++)
    {
      CkStatsFields f = { 0 };

      f.unit = unit;
      f.kind = i % 4 == 0 ? "signaal" : "melding";
      f.channel = i % 3 == 0 ? "vik" : "lijn";
      f.grounds = ground;
      f.manifestations = i % 5 == 0 ? "uitsluiting" : "uitlating";
      f.status = i % 2 ? "gesloten" : "in_behandeling";
      f.finding = i % 2 ? "gegrond" : NULL;
      f.measures = i % 2 ? (i % 3 ? "correctief_gesprek" : "schriftelijke_berisping") : NULL;
      f.reporter_role = "slachtoffer";
      f.year = 2025;
      f.quarter = 1 + i % 2;
      f.days_to_triage = (int) (4 + i % 23);
      f.days_to_feedback = i % 3 ? (int) (5 + i % 40) : -1;
      f.days_to_disposal = i % 2 ? (int) (30 + 7 * (i % 11)) : -1;
      f.bystanders_present = i % 2 ? CK_TRISTATE_YES : CK_TRISTATE_NO;
      ck_stats_data_add (data, &f);
    }
}

static CkStatsBasis *
basis_of (const char *unit,
          guint       records)
{
  CkStatsBasis *basis = g_new0 (CkStatsBasis, 1);

  basis->unit = g_strdup (unit);
  basis->records = records;
  basis->newest_quarter = ck_stats_quarter_make (2025, 2);
  basis->synced_at = 1760000000;
  return basis;
}

/* Limburg's 3 cases show as "<5", and the totals cannot give them away. */
static void
test_national_report (void)
{
  g_autofree char *dir = ck_test_make_dir ();
  g_autofree char *pdf = g_build_filename (dir, "landelijk.pdf", NULL);
  g_autofree char *csv_dir = g_build_filename (dir, "csv", NULL);
  g_autofree char *text = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *key_csv = NULL;
  g_autofree char *csv_path = NULL;
  g_autoptr(CkStatsData) data = ck_stats_data_new (CK_STATS_SOURCE_SHARED);
  g_autoptr(CkStatsFilter) filter = ck_stats_filter_new (ck_stats_quarter_make (2025, 1),
                                                         ck_stats_quarter_make (2025, 2));
  g_autoptr(CkStatsReport) report = NULL;
  g_autoptr(GPtrArray) basis = g_ptr_array_new_with_free_func ((GDestroyNotify) ck_stats_basis_free);
  g_autoptr(GError) error = NULL;
  CkStatsOptions options;
  const char *units[] = { "AMS", "RTD", "DHG", "LIM" };
  const guint sizes[] = { 40, 31, 22, 3 };

  for (guint u = 0; u < G_N_ELEMENTS (units); u++)
    {
      add_records (data, units[u], u % 2 ? "geslacht" : "herkomst", sizes[u]);
      g_ptr_array_add (basis, basis_of (units[u], sizes[u]));
    }
  ck_stats_data_seal (data);

  ck_stats_options_init (&options);
  g_date_set_dmy (&options.today, 30, 9, 2025);
  report = ck_stats_report_new (CK_STATS_REPORT_NATIONAL, filter, &options);
  ck_stats_report_set_records (report, data, basis);

  g_assert_true (ck_stats_report_write_pdf (report, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (ck_stats_report_write_csv (report, csv_dir, &error));
  g_assert_no_error (error);

  text = run_pdftotext (pdf);
  g_assert_nonnull (strstr (text, "Patterns and trends"));
  g_assert_nonnull (strstr (text, "Key figures"));
  g_assert_nonnull (strstr (text, "Data basis"));
  g_assert_nonnull (strstr (text, "Limburg"));
  g_assert_nonnull (strstr (text, "96"));                 /* cases in the period */
  g_assert_nonnull (strstr (text, "<5"));
  g_assert_nonnull (strstr (text, "×"));
  g_assert_nonnull (strstr (text, "Like treated alike"));
  g_assert_nonnull (strstr (text, "counts once for each"));
  g_assert_nonnull (strstr (text, "How to read these figures"));

  /* Limburg's count is never printed: no "3" beside its name. */
  {
    g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

    for (guint i = 0; lines[i] != NULL; i++)
      if (strstr (lines[i], "Limburg") != NULL && strstr (lines[i], "own records") == NULL &&
          strstr (lines[i], "2025") == NULL)
        {
          g_auto(GStrv) words = g_strsplit_set (lines[i], " \t", -1);

          for (guint w = 0; words[w] != NULL; w++)
            g_assert_cmpstr (words[w], !=, "3");
        }
  }

  g_assert_cmpuint (render_pages (pdf, "report-national"), >=, 6);

  csv_path = g_build_filename (csv_dir, "key-figures-by-unit.csv", NULL);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, &error));
  g_assert_true (g_str_has_prefix (csv, "Unit,Cases,"));
  g_assert_nonnull (strstr (csv, "\r\nLimburg,<5,"));
  g_free (csv_path);
  csv_path = g_build_filename (csv_dir, "key-figures.csv", NULL);
  g_assert_true (g_file_get_contents (csv_path, &key_csv, NULL, &error));
  g_assert_nonnull (strstr (key_csv, "\r\nCases,96,"));

  ck_test_remove_dir (dir);
}

/* The unit's report: from its register, protected, and nothing
 * confidential in it. */
static void
test_unit_report (void)
{
  g_autofree char *dir = ck_test_make_dir ();
  g_autofree char *pdf = g_build_filename (dir, "eenheid.pdf", NULL);
  g_autofree char *csv_dir = g_build_filename (dir, "csv", NULL);
  g_autoptr(CkRegister) reg = ck_test_create_register (dir, "register.sqlite");
  g_autoptr(CkStatsCache) cache = ck_stats_cache_new (reg);
  g_autoptr(CkStatsData) cases = NULL;
  g_autoptr(CkStatsData) records = NULL;
  g_autoptr(CkStatsFilter) filter = ck_stats_filter_new (ck_stats_quarter_make (2024, 1),
                                                         ck_stats_quarter_make (2024, 4));
  g_autoptr(CkStatsReport) report = NULL;
  g_autoptr(GPtrArray) basis = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GDir *listing;
  const char *file;
  CkStatsOptions options;
  const char *secrets[] = { "Xandra", "Testmelder", "7654321", "1234567", "Yorick", "Zeno",
                            "DOSSIER-TEST", "Quirinus", "Geheim", "xandra@example.org" };

  for (guint i = 0; i < 12; i++)
    {
      g_autoptr(CkCase) kase = ck_test_make_full_case ();

      g_date_set_dmy (&kase->report_date, 4, 1 + i, 2024);
      g_date_set_dmy (&kase->incident_date, 1, 1 + i, 2024);
      g_date_set_dmy (&kase->triage_date, 20, 1 + i, 2024);
      g_date_clear (&kase->disposal_date, 1);
      g_date_clear (&kase->last_feedback_date, 1);
      g_date_clear (&kase->outcome_informed_date, 1);
      kase->acknowledged_date = kase->report_date;
      kase->lesson_considered = FALSE;
      g_free (kase->status);
      kase->status = g_strdup ("in_behandeling");
      g_clear_pointer (&kase->finding, g_free);
      g_array_set_size (kase->measures, 0);
      g_assert_true (ck_register_save_case (reg, kase, &error));
      g_assert_no_error (error);
    }

  cases = ck_stats_cache_load (cache, CK_STATS_SOURCE_CASES, NULL, &error);
  g_assert_no_error (error);
  records = ck_stats_cache_load (cache, CK_STATS_SOURCE_SHARED, NULL, &error);
  g_assert_no_error (error);
  basis = ck_stats_cache_list_basis (cache, &error);
  g_assert_no_error (error);

  ck_stats_options_init (&options);
  g_date_set_dmy (&options.today, 30, 6, 2025);
  report = ck_stats_report_new (CK_STATS_REPORT_UNIT, filter, &options);
  ck_stats_report_set_cases (report, cases, "AMS");
  ck_stats_report_set_records (report, records, basis);
  g_assert_true (ck_stats_report_write_pdf (report, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (ck_stats_report_write_csv (report, csv_dir, &error));
  g_assert_no_error (error);

  text = run_pdftotext (pdf);
  g_assert_nonnull (strstr (text, "Unit Amsterdam"));
  g_assert_nonnull (strstr (text, "12 cases reported in"));
  g_assert_nonnull (strstr (text, "The unit and the national figure"));
  g_assert_nonnull (strstr (text, "No anonymised records have been synchronised yet."));
  /* 12 cases a year: every quarter has fewer than 5. */
  g_assert_nonnull (strstr (text, "<5"));
  g_assert_cmpuint (render_pages (pdf, "report-unit"), >=, 4);

  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    g_assert_null (strstr (text, secrets[i]));

  listing = g_dir_open (csv_dir, 0, &error);
  g_assert_no_error (error);
  while ((file = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (csv_dir, file, NULL);
      g_autofree char *csv = NULL;

      g_assert_true (g_file_get_contents (path, &csv, NULL, &error));
      for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
        g_assert_null (strstr (csv, secrets[i]));
    }
  g_dir_close (listing);

  g_clear_object (&cache);
  g_clear_object (&reg);
  ck_test_remove_dir (dir);
}

/* Charts in light and dark, as PNG and SVG, from the same function. */
static void
test_chart_files (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "..", "test-artefacts", NULL);
  g_autoptr(CkStatsData) data = ck_stats_data_new (CK_STATS_SOURCE_SHARED);
  g_autoptr(CkStatsFilter) filter = ck_stats_filter_new (ck_stats_quarter_make (2025, 1),
                                                         ck_stats_quarter_make (2025, 2));
  g_autoptr(CkStatsFigures) figures = NULL;
  CkStatsOptions options;

  add_records (data, "AMS", "herkomst", 40);
  add_records (data, "RTD", "geslacht", 31);
  add_records (data, "LIM", "herkomst,leeftijd", 12);
  ck_stats_data_seal (data);
  ck_stats_options_init (&options);
  options.protect = TRUE;
  figures = ck_stats_compute (data, filter, &options);
  g_mkdir_with_parents (dir, 0755);

  for (guint id = 0; id < CK_STATS_N_TABLES; id++)
    for (guint dark = 0; dark < 2; dark++)
      {
        CkStatsTable *table = ck_stats_figures_get_table (figures, id);
        g_autoptr(CkChart) chart = NULL;
        g_autofree char *name = NULL;
        g_autofree char *png = NULL;
        g_autofree char *description = NULL;
        cairo_surface_t *surface;
        cairo_t *cr;
        CkChartStyle style;
        double height;
        guint row, col;

        if (table == NULL || !ck_chart_table_has_chart (id))
          continue;

        chart = ck_chart_new (table);
        ck_chart_style_init (&style);
        style.dark = dark;
        style.background = TRUE;
        style.text_size = 12;
        ck_chart_set_style (chart, &style);
        height = ck_chart_get_height_for_width (chart, 720);

        surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 720, (int) height);
        cr = cairo_create (surface);
        ck_chart_draw (cr, 720, height, chart);
        name = g_strdup_printf ("chart-%s-%s.png", table->name, dark ? "dark" : "light");
        png = g_build_filename (dir, name, NULL);
        g_assert_cmpint (cairo_surface_write_to_png (surface, png), ==, CAIRO_STATUS_SUCCESS);
        cairo_destroy (cr);
        cairo_surface_destroy (surface);

        description = ck_chart_describe (chart);
        g_assert_cmpuint (strlen (description), >, 40);

        /* What was drawn can be found by a click, and only there. */
        g_assert_false (ck_chart_hit (chart, -5, -5, &row, &col));
        {
          gboolean found = FALSE;

          for (double y = 0; y < height && !found; y += 4)
            for (double x = 0; x < 720 && !found; x += 4)
              found = ck_chart_hit (chart, x, y, &row, &col);
          g_assert_true (found);
          g_assert_cmpuint (row, <, table->n_rows);
          g_assert_cmpuint (col, <, table->n_cols);
        }
      }

  /* The same function draws into SVG. */
  {
    g_autofree char *svg = g_build_filename (dir, "chart-cases-per-quarter.svg", NULL);
    g_autoptr(CkChart) chart = ck_chart_new (ck_stats_figures_get_table (figures, CK_STATS_TABLE_QUARTER_GROUND));
    cairo_surface_t *surface = cairo_svg_surface_create (svg, 600, 300);
    cairo_t *cr = cairo_create (surface);
    g_autofree char *contents = NULL;

    ck_chart_draw (cr, 600, 300, chart);
    cairo_destroy (cr);
    cairo_surface_finish (surface);
    g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy (surface);
    g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
    g_assert_nonnull (strstr (contents, "<svg"));
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stats-report/national", test_national_report);
  g_test_add_func ("/stats-report/unit", test_unit_report);
  g_test_add_func ("/stats-report/chart-files", test_chart_files);

  return g_test_run ();
}
