/* ck-bench-util.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <stdio.h>
#include <stdlib.h>

#include "ck-bench-util.h"

double
ck_bench_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return (da > db) - (da < db);
}

double
ck_bench_median (GArray *samples_ms)
{
  g_array_sort (samples_ms, compare_doubles);
  if (samples_ms->len == 0)
    return 0;
  if (samples_ms->len % 2 == 1)
    return g_array_index (samples_ms, double, samples_ms->len / 2);
  return (g_array_index (samples_ms, double, samples_ms->len / 2 - 1) +
          g_array_index (samples_ms, double, samples_ms->len / 2)) / 2;
}

/* Runs a program to the end and returns its wall time in ms; aborts the
 * benchmark when it fails, as a figure from a failed run means nothing. */
double
ck_bench_run_ms (const char * const  *argv,
                 const char          *stdin_text,
                 char               **stdout_text)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) in = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  double start = ck_bench_now_ms ();
  double elapsed;

  /* Bytes, not text: the shell's output may hold blobs. */
  if (stdin_text != NULL)
    in = g_bytes_new_static (stdin_text, strlen (stdin_text));
  process = g_subprocess_newv (argv,
                               (in != NULL ? G_SUBPROCESS_FLAGS_STDIN_PIPE : G_SUBPROCESS_FLAGS_NONE) |
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  if (process == NULL || !g_subprocess_communicate (process, in, NULL, &out, &err, &error))
    g_error ("%s: %s", argv[0], error->message);
  elapsed = ck_bench_now_ms () - start;

  if (!g_subprocess_get_successful (process))
    g_error ("%s failed: %.*s", argv[0], (int) g_bytes_get_size (err), (const char *) g_bytes_get_data (err, NULL));

  if (stdout_text != NULL)
    *stdout_text = g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out));
  return elapsed;
}

/* Prints one line: our figure, the baseline's, their ratio, the target. */
void
ck_bench_report (const char *what,
                 double      ours_ms,
                 double      baseline_ms,
                 double      target_ms)
{
  g_autofree char *baseline = NULL;
  g_autofree char *ratio = NULL;
  const char *verdict = target_ms <= 0 ? "" : ours_ms <= target_ms ? "ok" : "OVER TARGET";

  baseline = baseline_ms > 0 ? g_strdup_printf ("%10.1f ms", baseline_ms) : g_strdup ("         —   ");
  ratio = baseline_ms > 0 ? g_strdup_printf ("%6.2f×", ours_ms / baseline_ms) : g_strdup ("     —");

  if (target_ms > 0)
    g_print ("%-46s %10.1f ms  %s  %s  target %7.0f ms  %s\n", what, ours_ms, baseline, ratio, target_ms, verdict);
  else
    g_print ("%-46s %10.1f ms  %s  %s\n", what, ours_ms, baseline, ratio);
}

static char *
find_cli (void)
{
  const char *builddir = g_getenv ("CK_BUILD_ROOT");

  if (builddir == NULL)
    g_error ("CK_BUILD_ROOT is not set; run the benchmark through meson");
  return g_build_filename (builddir, "app", "cli", "casuskamer-cli", NULL);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* Returns: (transfer full): a short fingerprint of the register's schema
 * as built into this program (the names and texts of its migrations):
 * branches that add different migrations must not share cached
 * registers, which one would have migrated to a version the other reads
 * as its own. */
static char *
schema_fingerprint (void)
{
  const char *folder = RESOURCE_PREFIX "/schema";
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_auto(GStrv) names = g_resources_enumerate_children (folder, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  if (names == NULL)
    g_error ("The register's schema is not built into this benchmark");

  qsort (names, g_strv_length (names), sizeof (char *), compare_names);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_build_path ("/", folder, names[i], NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

      g_checksum_update (checksum, (const guchar *) names[i], strlen (names[i]) + 1);
      if (bytes != NULL)
        g_checksum_update (checksum, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    }

  return g_strndup (g_checksum_get_string (checksum), 12);
}

/**
 * ck_bench_cache_path:
 * @stem: what the file holds, e.g. "register-100000"
 *
 * Returns: (transfer full): where a register made once for benchmarks is
 *   kept, in the benchmark folder, named for this program's schema
 */
char *
ck_bench_cache_path (const char *stem)
{
  g_autofree char *dir = g_build_filename (g_get_tmp_dir (), "casuskamer-bench", NULL);
  g_autofree char *fingerprint = schema_fingerprint ();
  g_autofree char *name = g_strdup_printf ("%s-%s.sqlite", stem, fingerprint);

  g_mkdir_with_parents (dir, 0700);
  return g_build_filename (dir, name, NULL);
}

/**
 * ck_bench_ensure_register:
 *
 * Returns: (transfer full): the path of a register with @n_cases demo
 *   cases in the benchmark folder (ck_bench_cache_path()), made with the
 *   CLI's bulk path if it is not there yet.
 */
char *
ck_bench_ensure_register (guint n_cases)
{
  g_autofree char *dir = g_build_filename (g_get_tmp_dir (), "casuskamer-bench", NULL);
  g_autofree char *stem = g_strdup_printf ("register-%u", n_cases);
  g_autofree char *passfile = g_build_filename (dir, "passphrase", NULL);
  g_autofree char *cli = find_cli ();
  g_autofree char *cases = g_strdup_printf ("%u", n_cases);
  char *path = ck_bench_cache_path (stem);

  g_file_set_contents (passfile, CK_BENCH_PASSPHRASE "\n", -1, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      const char *argv[] = { cli, "--db", path, "--passphrase-file", passfile, "demo",
                             "--unit", "RTD", "--cases", cases, "--seed", "7", "--until", "2026-09-30", NULL };

      ck_bench_run_ms (argv, NULL, NULL);
    }

  return path;
}

static long
read_proc_kb (const char *file,
              const char *key)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents (file, &status, NULL, NULL))
    return -1;
  line = strstr (status, key);
  if (line == NULL)
    return -1;
  return strtol (line + strlen (key), NULL, 10);
}

static long
read_status_kb (const char *key)
{
  return read_proc_kb ("/proc/self/status", key);
}

long
ck_bench_peak_rss_kb (void)
{
  return read_status_kb ("VmHWM:");
}

long
ck_bench_rss_kb (void)
{
  return read_status_kb ("VmRSS:");
}

/* The process's share of the pages it maps with others: libraries count
 * for the part that is this process's. */
long
ck_bench_pss_kb (void)
{
  return read_proc_kb ("/proc/self/smaps_rollup", "\nPss:");
}

/* Memory no file backs: what GNOME System Monitor shows as the
 * process's memory. */
long
ck_bench_anonymous_kb (void)
{
  return read_status_kb ("RssAnon:");
}
