/* bench-sessions.c: the reflection room on a register of 100,000 cases
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each figure is printed next to a named baseline measured in the same
 * run: the sqlite3 shell running the same SQL on the same file (its
 * figures include its start-up, a few ms), or the work inside the
 * register that ours rests on.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "ck-bench-util.h"
#include "ck-case.h"
#include "ck-date.h"
#include "ck-register.h"
#include "ck-session-minutes.h"
#include "ck-sessions.h"

#define N_CASES 100000

/* The SQL of ck-session-suggest.c and ck-session-stats.c for a session on
 * 2026-09-30 whose period is the three months before it. */
#define CANDIDATES_SQL \
  "SELECT id, reference, kind, status, report_date, triage_date, last_feedback_date, disposal_date," \
  " sensitive, restoration_offered, reporter_role FROM cases" \
  " WHERE deleted_at IS NULL AND report_date <= '2026-09-30'" \
  " AND (report_date >= '2026-07-01' OR status NOT IN ('afgedaan', 'gesloten') OR disposal_date >= '2026-07-01');"
#define COUNTS_SQL \
  "SELECT g.code, SUM(c.report_date >= '2026-07-01'), SUM(c.report_date < '2026-07-01')" \
  " FROM cases c JOIN case_grounds g ON g.case_id = c.id" \
  " WHERE c.deleted_at IS NULL AND c.report_date BETWEEN '2026-03-31' AND '2026-09-30' GROUP BY g.code;" \
  "SELECT m.code, SUM(c.report_date >= '2026-07-01'), SUM(c.report_date < '2026-07-01')" \
  " FROM cases c JOIN case_manifestations m ON m.case_id = c.id" \
  " WHERE c.deleted_at IS NULL AND c.report_date BETWEEN '2026-03-31' AND '2026-09-30' GROUP BY m.code;" \
  "SELECT c.channel, SUM(c.report_date >= '2026-07-01'), SUM(c.report_date < '2026-07-01') FROM cases c" \
  " WHERE c.deleted_at IS NULL AND c.channel IS NOT NULL AND c.report_date BETWEEN '2026-03-31' AND '2026-09-30'" \
  " GROUP BY c.channel;" \
  "SELECT c.team, SUM(c.report_date >= '2026-07-01'), SUM(c.report_date < '2026-07-01') FROM cases c" \
  " WHERE c.deleted_at IS NULL AND c.team IS NOT NULL AND c.report_date BETWEEN '2026-03-31' AND '2026-09-30'" \
  " GROUP BY c.team;"
#define SUGGEST_SQL CANDIDATES_SQL COUNTS_SQL

static double
time_shell (const char *db,
            const char *sql)
{
  const char *argv[] = { "sqlite3", "-batch", db, NULL };
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  for (int i = 0; i < 5; i++)
    {
      double ms = ck_bench_run_ms (argv, sql, NULL);

      g_array_append_val (samples, ms);
    }

  return ck_bench_median (samples);
}

/* A register of this benchmark's own: another branch's build may share
 * the common benchmark folder with a schema of its own. */
static char *
make_register (const char *dir)
{
  g_autofree char *passfile = g_build_filename (dir, "passphrase", NULL);
  g_autofree char *cli = g_build_filename (g_getenv ("CK_BUILD_ROOT"), "app", "cli", "casuskamer-cli", NULL);
  g_autofree char *cases = g_strdup_printf ("%u", N_CASES);
  char *db = g_build_filename (dir, "sessions.sqlite", NULL);
  const char *create[] = { cli, "--db", db, "--passphrase-file", passfile, "init", "--unit", "RTD", NULL };
  const char *demo[] = { cli, "--db", db, "--passphrase-file", passfile, "demo",
                         "--unit", "RTD", "--cases", cases, "--seed", "7", "--until", "2026-09-30", NULL };

  g_file_set_contents (passfile, CK_BENCH_PASSPHRASE "\n", -1, NULL);
  ck_bench_run_ms (create, NULL, NULL);
  ck_bench_run_ms (demo, NULL, NULL);
  return db;
}

static gboolean
count_case (CkCase   *kase,
            gpointer  data)
{
  (*(guint *) data)++;
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("casuskamer-bench-sessions-XXXXXX", NULL);
  g_autofree char *db = NULL;
  g_autofree char *pdf = NULL;
  g_autoptr(CkRegister) reg = NULL;
  g_autoptr(CkSession) session = ck_session_new ();
  g_autoptr(CkTextCheck) check = NULL;
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  double start, ours, baseline;
  guint walked = 0;
  GDate today;

  setlocale (LC_ALL, "C.UTF-8");
  g_print ("%-46s %13s  %13s  %7s\n", "reflection room on 100,000 cases", "Casuskamer", "baseline", "ratio");

  db = make_register (dir);
  reg = ck_register_open (db, &error);
  g_assert_no_error (error);
  ck_register_unlock (reg, CK_BENCH_PASSPHRASE, &error);
  g_assert_no_error (error);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 30, 9, 2026);
  session->date = today;
  session->method = g_strdup ("moreel_beraad");

  /* Suggest an agenda: weigh every case of the period, count four lists
   * over two periods. Baseline: the shell running the same queries. */
  for (int i = 0; i < 5; i++)
    {
      g_autoptr(GPtrArray) suggested = NULL;

      start = ck_bench_now_ms ();
      suggested = ck_sessions_suggest (reg, session, &today, &error);
      ours = ck_bench_now_ms () - start;
      g_assert_no_error (error);
      g_array_append_val (samples, ours);
      if (items == NULL)
        items = g_steal_pointer (&suggested);
    }
  ck_bench_report ("suggest an agenda", ck_bench_median (samples), time_shell (db, SUGGEST_SQL), 500);
  g_print ("  (sqlite3 shell running the same five queries)\n");

  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (session->items, ck_agenda_item_copy (items->pdata[i]));
  g_assert_true (ck_sessions_save (reg, session, &error));
  g_assert_no_error (error);

  /* The text check with every name of the register: the cost of starting
   * a meeting, releasing a lesson or writing minutes. Baseline: walking
   * and decrypting every case, which it rests on. */
  start = ck_bench_now_ms ();
  g_assert_true (ck_register_foreach_case (reg, TRUE, count_case, &walked, &error));
  baseline = ck_bench_now_ms () - start;
  g_assert_cmpuint (walked, ==, N_CASES);
  start = ck_bench_now_ms ();
  check = ck_sessions_new_text_check (reg, &error);
  ours = ck_bench_now_ms () - start;
  g_assert_no_error (error);
  ck_bench_report ("text check with the register's names", ours, baseline, -1);
  g_print ("  (baseline: decrypting every case, ck_register_foreach_case)\n");

  /* The meeting screen's plan of the suggested agenda, the check built.
   * Baseline: the shell reading those cases and counting the period's
   * cases for the agenda's patterns, as the plan does. */
  g_array_set_size (samples, 0);
  for (int i = 0; i < 5; i++)
    {
      g_autoptr(CkMeetingPlan) plan = NULL;

      start = ck_bench_now_ms ();
      plan = ck_sessions_load_meeting (reg, session->id, &today, check, &error);
      ours = ck_bench_now_ms () - start;
      g_assert_no_error (error);
      g_array_append_val (samples, ours);
    }
  ck_bench_report ("load the meeting plan", ck_bench_median (samples),
                   time_shell (db, "SELECT * FROM cases c WHERE c.id IN (SELECT case_id FROM session_items);"
                                   "SELECT * FROM case_measures WHERE case_id IN (SELECT case_id FROM session_items);"
                                   COUNTS_SQL),
                   200);
  g_print ("  (sqlite3 shell reading the agenda's cases and counting the period)\n");

  /* Minutes to circulate as PDF, the check built. Baseline: the same
   * minutes as Markdown, which composes and checks the same texts. */
  pdf = g_build_filename (dir, "minutes.pdf", NULL);
  g_array_set_size (samples, 0);
  for (int i = 0; i < 3; i++)
    {
      start = ck_bench_now_ms ();
      g_assert_true (ck_session_minutes_write (reg, session->id, CK_MINUTES_SAFE, CK_MINUTES_PDF, check,
                                               &today, pdf, &error));
      ours = ck_bench_now_ms () - start;
      g_array_append_val (samples, ours);
    }
  ours = ck_bench_median (samples);
  g_array_set_size (samples, 0);
  for (int i = 0; i < 3; i++)
    {
      g_autofree char *markdown = NULL;

      start = ck_bench_now_ms ();
      markdown = ck_session_minutes_to_markdown (reg, session->id, CK_MINUTES_SAFE, check, &today, &error);
      baseline = ck_bench_now_ms () - start;
      g_assert_nonnull (markdown);
      g_array_append_val (samples, baseline);
    }
  ck_bench_report ("safe minutes as PDF", ours, ck_bench_median (samples), 2000);
  g_print ("  (baseline: the same minutes as Markdown)\n");

  g_clear_object (&reg);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);
    g_autofree char *passfile = g_build_filename (dir, "passphrase", NULL);

    g_unlink (db);
    g_unlink (wal);
    g_unlink (shm);
    g_unlink (pdf);
    g_unlink (passfile);
    g_rmdir (dir);
  }
  return 0;
}
