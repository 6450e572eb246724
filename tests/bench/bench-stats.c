/* bench-stats.c: national figures over a million anonymised records
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * 1,000,000 records of 12 units over 10 years. Measured: reading them into
 * memory once, recomputing every figure of the Patronen and Landelijk pages
 * after a filter change, and writing the full national report. Baseline, in
 * the same run: the sqlite3 shell doing the main aggregation of a filter
 * change as one SQL query on the same database file.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sys/resource.h>

#include "ck-bench-util.h"
#include "ck-demo-records.h"
#include "ck-register.h"
#include "ck-stats.h"
#include "ck-stats-cache.h"
#include "ck-stats-report.h"

#define N_RECORDS 1000000

static const char * const units[] = {
  "AMS", "DHG", "MNL", "NNL", "NHL", "ONL", "OBR", "RTD", "ZWB", "LIM", "LE", "PDC", NULL
};

static char *
ensure_database (void)
{
  /* Named for the schema, so that a register of an older one is not used. */
  char *path = ck_bench_cache_path ("records-1000000");
  g_autoptr(CkRegister) reg = NULL;
  g_autoptr(GError) error = NULL;
  GDate until;
  double start;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return path;

  reg = ck_register_create (path, "AMS", CK_BENCH_PASSPHRASE, &error);
  g_assert_no_error (error);

  g_date_clear (&until, 1);
  g_date_set_dmy (&until, 31, 12, 2025);
  start = ck_bench_now_ms ();
  ck_demo_records_add (reg, units, N_RECORDS, &until, 10, 1000, &error);
  g_assert_no_error (error);
  g_print ("(made the benchmark database: %.0f s)\n", (ck_bench_now_ms () - start) / 1000);

  return path;
}

/* Processor time of this process in ms, all threads: on a machine that is
 * busy with other work it says what the figures cost, where the wall
 * clock also says how long they waited for a processor. */
static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec * 1e3 + usage.ru_utime.tv_usec / 1e3 +
         usage.ru_stime.tv_sec * 1e3 + usage.ru_stime.tv_usec / 1e3;
}

static double
load_average (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return -1;
  return g_ascii_strtod (text, NULL);
}

static double
time_shell (const char *db,
            const char *sql)
{
  const char *argv[] = { "sqlite3", "-batch", db, NULL };
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  for (int i = 0; i < 3; i++)
    {
      double ms = ck_bench_run_ms (argv, sql, NULL);

      g_array_append_val (samples, ms);
    }

  return ck_bench_median (samples);
}

/* What a filter change recomputes: the national figures (protected) for
 * the Landelijk page, and one unit's figures with the national figure
 * beside them for the Patronen page. */
static void
recompute (CkStatsData         *data,
           const CkStatsFilter *filter,
           CkStatsOptions      *options)
{
  g_autoptr(CkStatsFilter) unit_filter = ck_stats_filter_copy (filter);
  g_autoptr(CkStatsFigures) national = NULL;
  g_autoptr(CkStatsFigures) unit = NULL;
  g_autoptr(CkStatsTable) compared = NULL;

  options->protect = TRUE;
  national = ck_stats_compute (data, filter, options);
  g_free (unit_filter->unit);
  unit_filter->unit = g_strdup ("RTD");
  options->protect = FALSE;
  unit = ck_stats_compute (data, unit_filter, options);
  compared = ck_stats_compare (unit, national);
}

static void
bench_filters (CkStatsData *data,
               const char  *db)
{
  struct
  {
    const char *from;
    const char *to;
    const char *ground;
    const char *channel;
  } filters[] = {
    { "2024Q1", "2025Q4", NULL, NULL },
    { "2016Q1", "2025Q4", NULL, NULL },
    { "2025Q1", "2025Q4", "herkomst", NULL },
    { "2022Q1", "2025Q4", "antisemitisme", NULL },
    { "2024Q1", "2025Q4", NULL, "vik" },
    { "2023Q3", "2025Q2", "geslacht", "lijn" },
    { "2025Q4", "2025Q4", "burgerlijke_staat", NULL },
  };
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_samples = g_array_new (FALSE, FALSE, sizeof (double));
  CkStatsOptions options;
  double worst = 0, worst_cpu = 0, baseline;

  ck_stats_options_init (&options);
  g_date_set_dmy (&options.today, 31, 12, 2025);

  for (int round = 0; round < 3; round++)
    for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
      {
        g_autoptr(CkStatsFilter) filter = NULL;
        int from, to;
        double start, ms, cpu;

        ck_stats_quarter_parse (filters[i].from, &from);
        ck_stats_quarter_parse (filters[i].to, &to);
        filter = ck_stats_filter_new (from, to);
        filter->ground = g_strdup (filters[i].ground);
        filter->channel = g_strdup (filters[i].channel);

        start = ck_bench_now_ms ();
        cpu = cpu_ms ();
        recompute (data, filter, &options);
        ms = ck_bench_now_ms () - start;
        cpu = cpu_ms () - cpu;
        g_array_append_val (samples, ms);
        g_array_append_val (cpu_samples, cpu);
        worst = MAX (worst, ms);
        worst_cpu = MAX (worst_cpu, cpu);
        if (round == 2)
          g_print ("  %s–%s %-18s %-6s %8.1f ms  (processor %.1f ms)\n", filters[i].from, filters[i].to,
                   filters[i].ground != NULL ? filters[i].ground : "",
                   filters[i].channel != NULL ? filters[i].channel : "", ms, cpu);
      }

  /* The heart of one filter change as SQL: cases by unit, quarter and
   * ground with the counts behind the shares, for the period, the period
   * before and a year before. Medians would need more still. */
  baseline = time_shell (db,
                         "SELECT r.unit, r.year, r.quarter, g.code, count (*),"
                         " sum (r.days_to_triage IS NOT NULL), sum (r.days_to_disposal IS NOT NULL),"
                         " sum (r.restoration_offered = 1), sum (r.reporter_left = 1),"
                         " sum (r.bystanders_intervened = 1), avg (r.days_to_triage)"
                         " FROM shared_records r JOIN shared_record_grounds g ON g.record_id = r.id"
                         " WHERE r.year * 4 + r.quarter BETWEEN 2022 * 4 + 1 AND 2025 * 4 + 4"
                         " GROUP BY r.unit, r.year, r.quarter, g.code;");

  ck_bench_report ("recompute all figures, median filter change", ck_bench_median (samples), -1, 100);
  ck_bench_report ("recompute all figures, slowest filter change", worst, baseline, 100);
  ck_bench_report ("  the same, processor time (both threads)", worst_cpu, baseline, -1);
  g_print ("%-46s %10.2f\n", "load average during the run", load_average ());
}

static void
bench_report (CkStatsCache *cache,
              CkStatsData  *data)
{
  g_autofree char *dir = g_dir_make_tmp ("casuskamer-report-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "landelijk.pdf", NULL);
  g_autoptr(CkStatsFilter) filter = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  CkStatsOptions options;
  int from, to;

  ck_stats_quarter_parse ("2024Q1", &from);
  ck_stats_quarter_parse ("2025Q4", &to);
  filter = ck_stats_filter_new (from, to);
  ck_stats_options_init (&options);
  g_date_set_dmy (&options.today, 31, 12, 2025);

  for (int i = 0; i < 3; i++)
    {
      g_autoptr(CkStatsReport) report = NULL;
      g_autoptr(GPtrArray) basis = NULL;
      double start = ck_bench_now_ms ();
      double ms;

      /* Everything but reading the records, which the page has done. */
      basis = ck_stats_cache_list_basis (cache, &error);
      g_assert_no_error (error);
      report = ck_stats_report_new (CK_STATS_REPORT_NATIONAL, filter, &options);
      ck_stats_report_set_records (report, data, basis);
      g_assert_true (ck_stats_report_write_pdf (report, pdf, &error));
      g_assert_no_error (error);
      ms = ck_bench_now_ms () - start;
      g_array_append_val (samples, ms);
    }

  ck_bench_report ("full national PDF report (records in memory)", ck_bench_median (samples), -1, 3000);
  g_unlink (pdf);
  g_rmdir (dir);
}

/* The command line from start to end: unlock (Argon2id), read the
 * records, count, write. */
static void
bench_cli_report (const char *db)
{
  g_autofree char *dir = g_dir_make_tmp ("casuskamer-cli-report-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "landelijk.pdf", NULL);
  g_autofree char *passfile = g_build_filename (dir, "passphrase", NULL);
  g_autofree char *cli = g_build_filename (g_getenv ("CK_BUILD_ROOT"), "app", "cli", "casuskamer-cli", NULL);
  const char *argv[] = { cli, "--db", db, "--passphrase-file", passfile, "report", "--scope", "national",
                         "--from", "2024Q1", "--to", "2025Q4", "--today", "2025-12-31", "--pdf", pdf, NULL };

  g_file_set_contents (passfile, CK_BENCH_PASSPHRASE "\n", -1, NULL);
  ck_bench_report ("casuskamer-cli report --scope national, end to end", ck_bench_run_ms (argv, NULL, NULL), -1, -1);
  g_unlink (pdf);
  g_unlink (passfile);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db = NULL;
  g_autoptr(CkRegister) reg = NULL;
  g_autoptr(CkStatsCache) cache = NULL;
  g_autoptr(CkStatsData) data = NULL;
  g_autoptr(CkStatsData) again = NULL;
  g_autoptr(GError) error = NULL;
  double start, load, reload;

  setlocale (LC_ALL, "C.UTF-8");
  db = ensure_database ();
  g_print ("%-46s %13s  %13s  %7s\n", "statistics over 1,000,000 records", "Casuskamer", "sqlite3 shell", "ratio");

  reg = ck_register_open (db, &error);
  g_assert_no_error (error);
  ck_register_unlock (reg, CK_BENCH_PASSPHRASE, &error);
  g_assert_no_error (error);
  cache = ck_stats_cache_new (reg);

  start = ck_bench_now_ms ();
  data = ck_stats_cache_load (cache, CK_STATS_SOURCE_SHARED, NULL, &error);
  g_assert_no_error (error);
  load = ck_bench_now_ms () - start;

  start = ck_bench_now_ms ();
  again = ck_stats_cache_load (cache, CK_STATS_SOURCE_SHARED, NULL, &error);
  reload = ck_bench_now_ms () - start;
  g_assert_true (again == data);

  ck_bench_report ("read 1,000,000 records into memory (once)", load,
                   time_shell (db, "SELECT * FROM shared_records;"), -1);
  ck_bench_report ("check they are current (per filter change)", reload, -1, -1);
  g_print ("%-46s %10.1f MB\n", "memory for the records", ck_bench_rss_kb () / 1024.0);

  bench_filters (data, db);
  bench_report (cache, data);
  bench_cli_report (db);

  return 0;
}
