/* bench-register.c: the register at 100,000 cases, against the sqlite3 shell
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each figure is printed next to the same work done by the sqlite3
 * command-line shell on the same database file, measured in the same run.
 * The shell's figures include its start-up, which is a few ms; ours are
 * measured inside the process, so the comparison favours the shell.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "ck-bench-util.h"
#include "ck-case.h"
#include "ck-case-query.h"
#include "ck-crypto.h"
#include "ck-date.h"
#include "ck-register.h"

#define N_CASES 100000

static double
time_shell (const char *db,
            const char *sql)
{
  const char *argv[] = { "sqlite3", "-batch", db, NULL };
  GArray *samples = g_array_new (FALSE, FALSE, sizeof (double));
  double median;

  for (int i = 0; i < 5; i++)
    {
      double ms = ck_bench_run_ms (argv, sql, NULL);

      g_array_append_val (samples, ms);
    }

  median = ck_bench_median (samples);
  g_array_unref (samples);
  return median;
}

static void
bench_bulk_insert (void)
{
  g_autofree char *dir = g_dir_make_tmp ("casuskamer-bulk-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "bulk.sqlite", NULL);
  g_autofree char *plain = g_build_filename (dir, "plain.sqlite", NULL);
  g_autofree char *passfile = g_build_filename (dir, "passphrase", NULL);
  g_autofree char *cli = g_build_filename (g_getenv ("CK_BUILD_ROOT"), "app", "cli", "casuskamer-cli", NULL);
  g_autofree char *sql = NULL;
  const char *create[] = { cli, "--db", db, "--passphrase-file", passfile, "init", "--unit", "RTD", NULL };
  const char *demo[] = { cli, "--db", db, "--passphrase-file", passfile, "demo",
                         "--unit", "RTD", "--cases", "100000", "--seed", "11", "--until", "2026-09-30", NULL };
  const char *dump[] = { "sqlite3", db, ".dump cases case_seals case_grounds case_manifestations case_measures audit", NULL };
  const char *load[] = { "sqlite3", "-batch", plain, NULL };
  double ours, baseline;

  g_file_set_contents (passfile, CK_BENCH_PASSPHRASE "\n", -1, NULL);
  ck_bench_run_ms (create, NULL, NULL);
  ours = ck_bench_run_ms (demo, NULL, NULL);

  /* Baseline: the shell loading the very rows we wrote (ciphertext
   * included) as SQL in one transaction, without encrypting, validating
   * or indexing anything. */
  ck_bench_run_ms (dump, NULL, &sql);
  baseline = ck_bench_run_ms (load, sql, NULL);

  ck_bench_report ("insert 100,000 cases (CLI bulk path)", ours, baseline, 5000);
}

static void
bench_queries (CkRegister *reg,
               const char *db)
{
  const char *typed[] = { "h", "he", "her", "herk", "herko", "herkom", "herkoms", "herkomst",
                          "herkomst b", "herkomst b0", "RTD-2025-00", "antisem", "uitlating vik" };
  GArray *samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(CkCaseQuery) query = ck_case_query_new ();
  double worst = 0;
  double baseline;

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_autoptr(GArray) ids = NULL;
      double start, ms;

      g_free (query->text);
      query->text = g_strdup (typed[i]);
      start = ck_bench_now_ms ();
      ids = ck_register_query (reg, query, NULL);
      ms = ck_bench_now_ms () - start;
      g_array_append_val (samples, ms);
      worst = MAX (worst, ms);
    }

  /* The worst keystroke: one letter matches nearly every case. */
  baseline = time_shell (db, "SELECT c.id FROM cases c WHERE c.deleted_at IS NULL AND c.id IN "
                             "(SELECT rowid FROM cases_fts WHERE cases_fts MATCH '\"h\"*') ORDER BY c.id;");
  ck_bench_report ("search as you type, median keystroke", ck_bench_median (samples), -1, 50);
  ck_bench_report ("search as you type, worst keystroke (\"h\")", worst, baseline, 50);

  g_free (query->text);
  query->text = NULL;
  query->ground = g_strdup ("antisemitisme");
  query->status = g_strdup ("gesloten");
  g_date_set_dmy (&query->from, 1, 1, 2025);
  g_array_set_size (samples, 0);
  for (int i = 0; i < 5; i++)
    {
      g_autoptr(GArray) ids = NULL;
      double start = ck_bench_now_ms ();
      double ms;

      ids = ck_register_query (reg, query, NULL);
      ms = ck_bench_now_ms () - start;
      g_array_append_val (samples, ms);
    }
  ck_bench_report ("filter by status, ground and period", ck_bench_median (samples),
                   time_shell (db, "SELECT c.id FROM cases c WHERE c.deleted_at IS NULL AND c.status = 'gesloten' "
                                   "AND c.id IN (SELECT case_id FROM case_grounds WHERE code = 'antisemitisme') "
                                   "AND c.report_date >= '2025-01-01' ORDER BY c.id;"),
                   50);

  g_array_unref (samples);
}

static void
bench_open_case (CkRegister *reg,
                 const char *db)
{
  GArray *samples = g_array_new (FALSE, FALSE, sizeof (double));
  GRand *rand = g_rand_new_with_seed (3);

  for (int i = 0; i < 200; i++)
    {
      g_autoptr(CkCase) kase = NULL;
      double start = ck_bench_now_ms ();
      double ms;

      kase = ck_register_get_case (reg, g_rand_int_range (rand, 1, N_CASES), TRUE, NULL);
      ms = ck_bench_now_ms () - start;
      g_assert (kase != NULL && kase->has_confidential);
      g_array_append_val (samples, ms);
    }

  ck_bench_report ("open a case (load and decrypt)", ck_bench_median (samples),
                   time_shell (db, "SELECT * FROM cases c JOIN case_seals s ON s.case_id = c.id WHERE c.id = 54321; "
                                   "SELECT code, conditional FROM case_measures WHERE case_id = 54321;"),
                   20);
  g_rand_free (rand);
  g_array_unref (samples);
}

#define LIST_SQL \
  "SELECT c.id, c.reference, c.report_date, c.kind, c.status, c.team," \
  " CAST (julianday (COALESCE (c.disposal_date, '2026-09-30')) - julianday (c.report_date) AS INTEGER)," \
  " c.grounds, c.manifestations FROM cases c WHERE c.deleted_at IS NULL ORDER BY c.id;"

static void
bench_unlock_and_list (const char *db)
{
  GArray *unlocks = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *lists = g_array_new (FALSE, FALSE, sizeof (double));

  /* The first open reads the file from disk; the figures are for a file
   * in the page cache, as the shell's are. */
  for (int i = 0; i < 4; i++)
    {
      g_autoptr(CkRegister) reg = NULL;
      g_autoptr(GError) error = NULL;
      double start = ck_bench_now_ms ();
      double unlocked, listed;

      reg = ck_register_open (db, &error);
      g_assert_no_error (error);
      ck_register_unlock (reg, CK_BENCH_PASSPHRASE, &error);
      g_assert_no_error (error);
      unlocked = ck_bench_now_ms ();
      g_assert_cmpuint (g_list_model_get_n_items (ck_register_get_cases (reg)), ==, N_CASES);
      listed = ck_bench_now_ms ();

      if (i == 0)
        continue;
      unlocked -= start;
      listed -= start + unlocked;
      g_array_append_val (unlocks, unlocked);
      g_array_append_val (lists, listed);
    }

  ck_bench_report ("open and unlock (Argon2id)", ck_bench_median (unlocks), -1, -1);
  ck_bench_report ("list 100,000 cases", ck_bench_median (lists), time_shell (db, LIST_SQL), -1);
  g_array_unref (unlocks);
  g_array_unref (lists);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db = NULL;
  g_autoptr(CkRegister) reg = NULL;
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "C.UTF-8");
  g_print ("%-46s %13s  %13s  %7s\n", "operation on 100,000 cases", "Casuskamer", "sqlite3 shell", "ratio");

  bench_bulk_insert ();

  db = ck_bench_ensure_register (N_CASES);
  bench_unlock_and_list (db);

  reg = ck_register_open (db, &error);
  g_assert_no_error (error);
  ck_register_unlock (reg, CK_BENCH_PASSPHRASE, &error);
  g_assert_no_error (error);

  bench_queries (reg, db);
  bench_open_case (reg, db);

  return 0;
}
