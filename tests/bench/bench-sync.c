/* bench-sync.c: synchronisation at 100,000 records, against the git command
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each figure is printed next to the git command doing the same work on the
 * same files in the same run: "git add -A && git commit && git push" to a
 * local bare repository for a first publish, "git fetch" for an import, and
 * "git gc" for the size on disk. The git commands' figures include their
 * start-up; ours include opening the shared repository.
 *
 * CK_BENCH_SYNC_SKIP, a comma-separated list, leaves phases out for quick
 * iterations on one figure; the default run measures everything:
 *   git      the git command's baselines (no ratios then)
 *   changes  the publish of 100 changed records
 *   import   the import into a coordinator's register
 *   size     the size on disk against git gc
 * CK_BENCH_SYNC_CHANGES=n publishes 100 changed records n times (default
 * once), each time on top of the last, to see the spread in one run.
 * CK_BENCH_SYNC_CASES=n makes the register of n cases instead of 102,500,
 * of which some 100,000 records are published: the size the targets are
 * set for.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "ck-bench-util.h"
#include "ck-case.h"
#include "ck-case-row.h"
#include "ck-register.h"
#include "ck-sync.h"

/* Small groups are held back: the benchmark register has more cases than
 * it publishes records. k = 2 publishes most of them. */
#define N_CASES 102500
#define BENCH_K 2

static char *
copy_register (const char *from,
               const char *dir)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  char *to = g_build_filename (dir, "unit.sqlite", NULL);
  gsize len;

  g_file_get_contents (from, &contents, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, contents, len, &error);
  g_assert_no_error (error);
  return to;
}

static CkRegister *
open_register (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CkRegister) reg = ck_register_open (path, &error);

  g_assert_no_error (error);
  ck_register_unlock (reg, CK_BENCH_PASSPHRASE, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&reg);
}

static CkSync *
make_sync (CkRegister *reg,
           const char *remote)
{
  g_autoptr(GError) error = NULL;
  CkSync *sync = ck_sync_new (reg);

  ck_sync_set_remote (sync, remote, &error);
  g_assert_no_error (error);
  ck_sync_set_k (sync, BENCH_K, &error);
  g_assert_no_error (error);
  return sync;
}

static CkSyncResult *
run_sync (CkSync      *sync,
          CkSyncFlags  flags,
          double      *ms)
{
  g_autoptr(GError) error = NULL;
  double start = ck_bench_now_ms ();
  CkSyncResult *result = ck_sync_run (sync, flags, NULL, &error);

  *ms = ck_bench_now_ms () - start;
  g_assert_no_error (error);
  return result;
}

static double
git (const char *dir,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (char *) "git");
  g_ptr_array_add (argv, (char *) "-C");
  g_ptr_array_add (argv, (char *) dir);
  va_start (args, dir);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  return ck_bench_run_ms ((const char * const *) argv->pdata, NULL, NULL);
}

static guint64
du_bytes (const char *path)
{
  const char *argv[] = { "du", "-s", "--block-size=1", path, NULL };
  g_autofree char *out = NULL;

  ck_bench_run_ms (argv, NULL, &out);
  return g_ascii_strtoull (out, NULL, 10);
}

static gboolean
skips (const char *phase)
{
  const char *skip = g_getenv ("CK_BENCH_SYNC_SKIP");
  g_auto(GStrv) phases = g_strsplit (skip != NULL ? skip : "", ",", -1);

  return g_strv_contains ((const char * const *) phases, phase);
}

static gboolean
collect_ids (CkCase   *kase,
             gpointer  user_data)
{
  g_array_append_val ((GArray *) user_data, kase->id);
  return ((GArray *) user_data)->len < 100;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *source = NULL;
  g_autofree char *dir = g_dir_make_tmp ("casuskamer-bench-sync-XXXXXX", NULL);
  g_autofree char *repo = g_build_filename (dir, "shared.git", NULL);
  g_autofree char *work = g_build_filename (dir, "work", NULL);
  g_autofree char *git_repo = g_build_filename (dir, "git-shared.git", NULL);
  g_autofree char *fetched = g_build_filename (dir, "fetched.git", NULL);
  g_autofree char *gc_copy = g_build_filename (dir, "gc.git", NULL);
  g_autofree char *unit_path = NULL;
  g_autofree char *national_path = g_build_filename (dir, "national.sqlite", NULL);
  g_autofree char *label = NULL;
  g_autoptr(CkRegister) reg = NULL;
  g_autoptr(CkSync) sync = NULL;
  g_autoptr(CkSyncResult) first = NULL;
  g_autoptr(CkSyncResult) second = NULL;
  g_autoptr(CkSyncResult) imported = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  double ours, baseline;
  guint n_changes = skips ("changes") ? 0 : 1;
  guint64 size, gc_size;

  setlocale (LC_ALL, "C.UTF-8");
  if (g_getenv ("CK_BENCH_SYNC_CHANGES") != NULL)
    n_changes = (guint) g_ascii_strtoull (g_getenv ("CK_BENCH_SYNC_CHANGES"), NULL, 10);
  g_print ("%-46s %13s  %13s  %7s\n", "synchronisation", "Casuskamer", "git command", "ratio");

  source = ck_bench_ensure_register (g_ascii_strtoull (g_getenv ("CK_BENCH_SYNC_CASES") ?: G_STRINGIFY (N_CASES), NULL, 10));
  unit_path = copy_register (source, dir);
  reg = open_register (unit_path);
  sync = make_sync (reg, repo);

  /* First publish. */
  first = run_sync (sync, CK_SYNC_PUBLISH, &ours);
  g_print ("(%u records published, %u held back, k = %u)\n", first->n_active, first->n_held_back, first->k);

  /* The git command on the same files, written out into a work tree. */
  baseline = 0;
  if (!skips ("git"))
    {
      const char *refs[] = { "git", "-C", repo, "for-each-ref", "--format=%(refname)", NULL };
      const char *init[] = { "git", "init", "-q", "--bare", git_repo, NULL };
      const char *init_work[] = { "git", "init", "-q", work, NULL };
      g_autofree char *ref = NULL;
      g_autofree char *script = NULL;
      g_autofree char *remote_url = g_strconcat ("file://", git_repo, NULL);
      const char *extract[] = { "sh", "-c", NULL, NULL };

      ck_bench_run_ms (refs, NULL, &ref);
      g_strstrip (ref);
      ck_bench_run_ms (init, NULL, NULL);
      ck_bench_run_ms (init_work, NULL, NULL);
      script = g_strdup_printf ("git -C '%s' archive '%s' | tar -x -C '%s'", repo, ref, work);
      extract[2] = script;
      ck_bench_run_ms (extract, NULL, NULL);
      git (work, "remote", "add", "bench", remote_url, NULL);

      baseline = git (work, "add", "-A", NULL);
      baseline += git (work, "-c", "user.name=Bench", "-c", "user.email=bench@example.org",
                       "commit", "-q", "-m", "snapshot", NULL);
      baseline += git (work, "push", "-q", "bench", "HEAD:refs/heads/snapshot", NULL);
    }
  label = g_strdup_printf ("first publish, %u records", first->n_active);
  ck_bench_report (label, ours, baseline, baseline / 2);

  /* 100 changed records on top. */
  g_assert_true (ck_register_foreach_case (reg, FALSE, collect_ids, ids, &error));
  for (guint run = 0; run < n_changes; run++)
    {
      for (guint i = 0; i < ids->len; i++)
        {
          g_autoptr(CkCase) kase = ck_register_get_case (reg, g_array_index (ids, gint64, i), FALSE, &error);

          kase->lc_consulted = !kase->lc_consulted;
          ck_register_save_case (reg, kase, &error);
          g_assert_no_error (error);
        }
      g_usleep (G_USEC_PER_SEC);
      g_clear_pointer (&second, ck_sync_result_free);
      second = run_sync (sync, CK_SYNC_PUBLISH, &ours);
      g_clear_pointer (&label, g_free);
      label = g_strdup_printf ("publish %u changed on top", second->n_written);
      ck_bench_report (label, ours, 0, 500);
    }

  /* Import of every record into a coordinator's empty register. */
  if (!skips ("import"))
    {
      g_autoptr(CkRegister) national = ck_register_create (national_path, "LE", CK_BENCH_PASSPHRASE, &error);
      g_autoptr(CkSync) national_sync = NULL;
      const char *init[] = { "git", "init", "-q", "--bare", fetched, NULL };

      g_assert_no_error (error);
      national_sync = make_sync (national, repo);
      key = ck_sync_dup_own_key (sync, &error);
      ck_sync_enrol_key (national_sync, key, &error);
      g_assert_no_error (error);
      imported = run_sync (national_sync, CK_SYNC_IMPORT, &ours);

      baseline = 0;
      if (!skips ("git"))
        {
          ck_bench_run_ms (init, NULL, NULL);
          baseline = git (fetched, "fetch", "-q", repo, "refs/heads/*:refs/heads/*", NULL);
        }
      g_clear_pointer (&label, g_free);
      label = g_strdup_printf ("import %u fresh records", ck_sync_result_count_imported (imported));
      ck_bench_report (label, ours, baseline, 3000);
    }

  /* Size on disk against what git gc makes of the same repository. */
  if (!skips ("size"))
    {
      const char *clone[] = { "git", "clone", "-q", "--mirror", repo, gc_copy, NULL };
      g_autofree char *objects = g_build_filename (repo, "objects", NULL);
      g_autofree char *gc_objects = g_build_filename (gc_copy, "objects", NULL);

      ck_bench_run_ms (clone, NULL, NULL);
      git (gc_copy, "gc", "-q", "--prune=now", NULL);
      size = du_bytes (objects);
      gc_size = du_bytes (gc_objects);
      g_print ("%-46s %10.1f MB  %10.1f MB  %6.2f×  target %6.2f×  %s\n", "repository size (objects)",
               size / 1e6, gc_size / 1e6, (double) size / gc_size, 1.2,
               size <= gc_size * 1.2 ? "ok" : "OVER TARGET");
    }

  {
    const char *rm[] = { "rm", "-rf", dir, NULL };

    ck_bench_run_ms (rm, NULL, NULL);
  }
  return 0;
}
