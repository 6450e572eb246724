/* test-cli-report.c: `casuskamer-cli report`, run as a program
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <locale.h>
#include <sysexits.h>

#include "ck-demo-records.h"
#include "ck-register.h"
#include "ck-shared-store.h"
#include "ck-stats.h"
#include "ck-stats-cache.h"
#include "ck-test-util.h"

typedef struct
{
  char *dir;
  char *db;
  char *passphrase_file;
} Fixture;

static int
run (Fixture     *f,
     char       **out,
     char       **err,
     const char  *first,
     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list ap;

  g_ptr_array_add (args, (gpointer) CK_CLI_PATH);
  g_ptr_array_add (args, (gpointer) "--db");
  g_ptr_array_add (args, f->db);
  g_ptr_array_add (args, (gpointer) "--passphrase-file");
  g_ptr_array_add (args, f->passphrase_file);
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  return g_subprocess_get_exit_status (process);
}

static char *
pdf_text (const char *path)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "pdftotext", "-layout", path, "-", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
put_limburg (CkRegister *reg)
{
  CkStorage *storage = ck_register_acquire (reg);
  g_autoptr(GError) error = NULL;

  /* Three records of a unit in the period: a count that must not show. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(CkSharedRecord) record = ck_shared_record_new ();

      record->id = g_strdup_printf ("%032x", 0xabc0 + i);
      record->unit = g_strdup ("LIM");
      record->replica = g_strdup ("1234567890abcdef1234567890abcdef");
      record->rev = 1;
      record->year = 2025;
      record->quarter = 2;
      record->kind = g_strdup ("melding");
      g_strfreev (record->grounds);
      record->grounds = g_strsplit ("antisemitisme", ",", -1);
      g_strfreev (record->manifestations);
      record->manifestations = g_strsplit ("uitlating", ",", -1);
      record->status = g_strdup ("nieuw");
      g_assert_true (ck_shared_store_put (storage, record, FALSE, &error));
      g_assert_no_error (error);
    }
  ck_register_release (reg);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *units[] = { "RTD", "DHG", "MNL", NULL };
  g_autoptr(CkRegister) reg = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  GDate until;

  f->dir = ck_test_make_dir ();
  f->db = g_build_filename (f->dir, "register.sqlite", NULL);
  f->passphrase_file = g_build_filename (f->dir, "passphrase", NULL);
  g_file_set_contents (f->passphrase_file, CK_TEST_PASSPHRASE "\n", -1, &error);
  g_assert_no_error (error);

  g_assert_cmpint (run (f, &out, &err, "demo", "--unit", "AMS", "--cases", "400", "--seed", "5",
                        "--until", "2025-12-31", NULL), ==, EX_OK);

  reg = ck_register_open (f->db, &error);
  g_assert_no_error (error);
  g_assert_true (ck_register_unlock (reg, CK_TEST_PASSPHRASE, &error));
  g_date_clear (&until, 1);
  g_date_set_dmy (&until, 31, 12, 2025);
  g_assert_true (ck_demo_records_add (reg, units, 3000, &until, 3, 9, &error));
  g_assert_no_error (error);
  put_limburg (reg);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ck_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->passphrase_file);
}

/* Returns: the national number of cases of 2024–2025, as the engine
 * computes it in this process */
static guint
national_cases (Fixture *f)
{
  g_autoptr(CkRegister) reg = ck_register_open (f->db, NULL);
  g_autoptr(CkStatsCache) cache = NULL;
  g_autoptr(CkStatsData) data = NULL;
  g_autoptr(CkStatsFigures) figures = NULL;
  g_autoptr(CkStatsFilter) filter = ck_stats_filter_new (ck_stats_quarter_make (2024, 1),
                                                         ck_stats_quarter_make (2025, 4));
  CkStatsOptions options;

  g_assert_true (ck_register_unlock (reg, CK_TEST_PASSPHRASE, NULL));
  cache = ck_stats_cache_new (reg);
  data = ck_stats_cache_load (cache, CK_STATS_SOURCE_SHARED, NULL, NULL);
  ck_stats_options_init (&options);
  figures = ck_stats_compute (data, filter, &options);
  return ck_stats_figures_get_key (figures, CK_STATS_WINDOW_CURRENT, 0)->cases;
}

static void
test_national (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "landelijk.pdf", NULL);
  g_autofree char *csv = g_build_filename (f->dir, "tabellen", NULL);
  g_autofree char *units_csv = g_build_filename (csv, "key-figures-by-unit.csv", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autofree char *table = NULL;
  g_autofree char *expected = g_strdup_printf ("%u", national_cases (f));

  g_assert_cmpint (run (f, &out, &err, "report", "--scope", "national", "--from", "2024Q1", "--to", "2025Q4",
                        "--pdf", pdf, "--csv", csv, "--today", "2026-01-15", NULL), ==, EX_OK);
  g_assert_nonnull (strstr (out, pdf));

  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "National"));
  g_assert_nonnull (strstr (text, "2024 Q1 – 2025 Q4"));
  g_assert_nonnull (strstr (text, expected));
  g_assert_nonnull (strstr (text, "Rotterdam"));
  g_assert_nonnull (strstr (text, "Limburg"));
  g_assert_nonnull (strstr (text, "<5"));

  g_assert_true (g_file_get_contents (units_csv, &table, NULL, NULL));
  g_assert_nonnull (strstr (table, "\r\nLimburg,<5,"));
  /* No national figure is computed from the cases: Amsterdam has 400
   * cases in its register but no anonymised records. */
  g_assert_null (strstr (table, "Amsterdam"));
}

static void
test_unit (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "eenheid.pdf", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpint (run (f, &out, &err, "report", "--from", "2025Q1", "--to", "2025Q4", "--ground", "herkomst",
                        "--pdf", pdf, NULL), ==, EX_OK);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Unit Amsterdam"));
  g_assert_nonnull (strstr (text, "Origin, race or skin colour"));
  g_assert_nonnull (strstr (text, "The unit and the national figure"));
}

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "x.pdf", NULL);
  struct
  {
    const char *args[6];
    int         status;
    const char *message;
  } cases[] = {
    { { "report", "--from", "2025Q1", NULL }, EX_USAGE, "--pdf FILE" },
    { { "report", "--from", "2025Q5", "--pdf", pdf, NULL }, EX_USAGE, "not a quarter" },
    { { "report", "--ground", "ras", "--pdf", pdf, NULL }, EX_USAGE, "not a known code" },
    { { "report", "--scope", "world", "--pdf", pdf, NULL }, EX_USAGE, "neither" },
    { { "report", "--unit", "RTD", "--pdf", pdf, NULL }, EX_USAGE, "--scope national" },
    { { "report", "--pdf", "/nonexistent/folder/report.pdf", NULL }, EX_IOERR, "cannot be written" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      const char * const *a = cases[i].args;

      g_assert_cmpint (run (f, &out, &err, a[0], a[1], a[2], a[3], a[4], a[5], NULL), ==, cases[i].status);
      g_assert_nonnull (strstr (err, cases[i].message));
      g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli-report/national", Fixture, NULL, fixture_set_up, test_national, fixture_tear_down);
  g_test_add ("/cli-report/unit", Fixture, NULL, fixture_set_up, test_unit, fixture_tear_down);
  g_test_add ("/cli-report/bad-input", Fixture, NULL, fixture_set_up, test_bad_input, fixture_tear_down);

  return g_test_run ();
}
