/* test-sync-cli.c: casuskamer-cli sync, keys, export-anonymised and
 * quarantine, run as programs; three units publishing at once
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <locale.h>
#include <sysexits.h>

#include "ck-register.h"
#include "ck-sync.h"
#include "ck-sync-test-util.h"
#include "ck-test-util.h"

typedef struct
{
  char *dir;
  char *repo;
  char *passphrase_file;
  char *dbs[3];
} Fixture;

static const char * const unit_codes[] = { "AMS", "RTD", "LIM" };

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = ck_test_make_dir ();
  f->repo = g_build_filename (f->dir, "shared.git", NULL);
  f->passphrase_file = g_build_filename (f->dir, "passphrase", NULL);
  g_file_set_contents (f->passphrase_file, CK_TEST_PASSPHRASE "\n", -1, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(CkRegister) reg = ck_sync_test_register (f->dir, unit_codes[i], 600, i + 10);

      f->dbs[i] = g_strdup (ck_register_get_path (reg));
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  for (guint i = 0; i < 3; i++)
    g_free (f->dbs[i]);
  ck_test_remove_dir (f->dir);
  g_free (f->passphrase_file);
  g_free (f->repo);
  g_free (f->dir);
}

static GSubprocess *
spawn_cli (Fixture    *f,
           const char *db,
           ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (char *) CK_CLI_PATH);
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, (char *) db);
  g_ptr_array_add (argv, (char *) "--passphrase-file");
  g_ptr_array_add (argv, f->passphrase_file);
  va_start (args, db);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  return process;
}

static int
finish (GSubprocess  *process,
        char        **out,
        char        **err)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *o = NULL;
  g_autofree char *e = NULL;

  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &o, &e, &error));
  g_assert_no_error (error);
  g_test_message ("exit %d\nstdout: %s\nstderr: %s", g_subprocess_get_exit_status (process), o, e);
  if (out != NULL)
    *out = g_steal_pointer (&o);
  if (err != NULL)
    *err = g_steal_pointer (&e);
  return g_subprocess_get_exit_status (process);
}

/* Three units publish from three processes at the same moment. */
static void
test_concurrent_publish (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *refs = NULL;
  g_autoptr(CkRegister) national_reg = NULL;
  g_autoptr(CkSync) national = NULL;
  g_autoptr(CkSyncResult) result = NULL;
  g_auto(GStrv) lines = NULL;

  for (guint round = 0; round < 2; round++)
    {
      GSubprocess *processes[3];

      for (guint i = 0; i < 3; i++)
        processes[i] = spawn_cli (f, f->dbs[i], "sync", "--remote", f->repo, "--publish-only", NULL);
      for (guint i = 0; i < 3; i++)
        {
          g_autofree char *out = NULL;

          g_assert_cmpint (finish (processes[i], &out, NULL), ==, 0);
          g_assert_nonnull (strstr (out, "Published to"));
          g_object_unref (processes[i]);
        }

      /* Each unit changes something for the second round. */
      for (guint i = 0; round == 0 && i < 3; i++)
        {
          GSubprocess *edit = spawn_cli (f, f->dbs[i], "demo", "--cases", "200", "--seed", "77",
                                         "--until", "2025-09-30", NULL);

          g_assert_cmpint (finish (edit, NULL, NULL), ==, 0);
          g_object_unref (edit);
        }
    }

  refs = ck_sync_test_git (f->repo, &error, "for-each-ref", "--format=%(refname) %(subject)", NULL);
  g_assert_no_error (error);
  lines = g_strsplit (g_strstrip (refs), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_clear_pointer (&refs, g_free);
  refs = ck_sync_test_git (f->repo, &error, "fsck", "--strict", "--no-dangling", NULL);
  g_assert_no_error (error);

  national_reg = ck_sync_test_register (f->dir, "LE", 0, 1);
  national = ck_sync_test_sync (national_reg, f->repo);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *key = NULL;
      GSubprocess *keys = spawn_cli (f, f->dbs[i], "keys", NULL);
      char *start;

      g_assert_cmpint (finish (keys, &out, NULL), ==, 0);
      g_object_unref (keys);
      start = strstr (out, unit_codes[i]);
      g_assert_nonnull (start);
      key = g_strndup (start, strlen (unit_codes[i]) + 1 + 32 + 1 + 64);
      g_assert_true (ck_sync_enrol_key (national, key, &error));
      g_assert_no_error (error);
    }

  result = ck_sync_test_run (national, CK_SYNC_IMPORT);
  g_assert_cmpuint (result->quarantined->len, ==, 0);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (ck_sync_test_count_unit (national, unit_codes[i]), >, 0);
}

static void
test_commands (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *export_dir = g_build_filename (f->dir, "export", NULL);
  g_autoptr(GRegex) key_pattern = g_regex_new ("AMS:[0-9a-f]{32}:[0-9a-f]{64}", 0, 0, NULL);

  /* No shared repository set yet. */
  g_assert_cmpint (finish (spawn_cli (f, f->dbs[0], "sync", NULL), NULL, &err), ==, EX_USAGE);
  g_assert_nonnull (strstr (err, "--remote"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (finish (spawn_cli (f, f->dbs[0], "sync", "--publish-only", "--import-only", NULL), NULL, &err),
                   ==, EX_USAGE);
  g_clear_pointer (&err, g_free);

  /* A server that is not there: exit 69, in words. */
  g_assert_cmpint (finish (spawn_cli (f, f->dbs[0], "sync", "--remote", "ssh://127.0.0.1:1/udr.git",
                                      "--timeout", "5", NULL), NULL, &err),
                   ==, EX_UNAVAILABLE);
  g_assert_nonnull (strstr (err, "cannot be reached"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (finish (spawn_cli (f, f->dbs[0], "keys", NULL), &out, NULL), ==, 0);
  g_assert_true (g_regex_match (key_pattern, out, 0, NULL));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (finish (spawn_cli (f, f->dbs[1], "keys", "--enrol", "nonsense", NULL), NULL, &err), ==, EX_DATAERR);
  g_assert_nonnull (strstr (err, "not a replica key"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (finish (spawn_cli (f, f->dbs[0], "export-anonymised", export_dir, NULL), &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "held back"));
  g_assert_true (g_file_test (export_dir, G_FILE_TEST_IS_DIR));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (finish (spawn_cli (f, f->dbs[0], "quarantine", NULL), &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "No file was refused"));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (finish (spawn_cli (f, f->dbs[0], "sync", "--remote", f->repo, "--json", NULL), &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"published\" : true"));
}

/* Kills @process after @ms, as a power cut would. Returns: whether it was
 * still running then. */
static gboolean
kill_after (GSubprocess *process,
            guint        ms)
{
  gboolean running;

  g_usleep (ms * 1000);
  running = g_subprocess_get_identifier (process) != NULL;
  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, NULL);
  return running;
}

/* A publish or an import killed half-way loses nothing: the next run ends
 * where an uninterrupted one would. */
static void
test_crash_mid_sync (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CkRegister) national_reg = ck_sync_test_register (f->dir, "LE", 0, 2);
  g_autoptr(CkSync) national = ck_sync_test_sync (national_reg, f->repo);
  g_autofree char *national_path = g_strdup (ck_register_get_path (national_reg));
  /* After the passphrase, which is what takes longest to start. */
  const guint delays[] = { 5, 40, 90, 160, 300 };
  guint killed = 0;
  gint64 unlock_us = G_MAXINT64;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *key = NULL;
      gint64 begin = g_get_monotonic_time ();
      GSubprocess *keys = spawn_cli (f, f->dbs[i], "keys", NULL);
      char *start;

      g_assert_cmpint (finish (keys, &out, NULL), ==, 0);
      /* The quickest start: one slowed by other tests on the machine would
       * put every kill after the run it was meant for. */
      unlock_us = MIN (unlock_us, g_get_monotonic_time () - begin);
      g_object_unref (keys);
      start = strstr (out, unit_codes[i]);
      key = g_strndup (start, strlen (unit_codes[i]) + 1 + 32 + 1 + 64);
      g_assert_true (ck_sync_enrol_key (national, key, &error));
    }
  g_clear_object (&national);
  g_clear_object (&national_reg);

  /* Publishes killed at several moments, then one that finishes. */
  for (guint d = 0; d < G_N_ELEMENTS (delays); d++)
    {
      g_autoptr(GSubprocess) publish = spawn_cli (f, f->dbs[d % 3], "sync", "--remote", f->repo,
                                                  "--publish-only", NULL);

      killed += kill_after (publish, unlock_us / 1000 + delays[d]);
    }
  for (guint i = 0; i < 3; i++)
    {
      GSubprocess *publish = spawn_cli (f, f->dbs[i], "sync", "--remote", f->repo, "--publish-only", NULL);

      g_assert_cmpint (finish (publish, NULL, NULL), ==, 0);
      g_object_unref (publish);
    }

  /* Imports killed at several moments, then one that finishes. */
  for (guint d = 0; d < G_N_ELEMENTS (delays); d++)
    {
      g_autoptr(GSubprocess) import = spawn_cli (f, national_path, "sync", "--remote", f->repo,
                                                 "--import-only", NULL);

      killed += kill_after (import, unlock_us / 1000 + delays[d]);
    }
  {
    GSubprocess *import = spawn_cli (f, national_path, "sync", "--import-only", NULL);

    g_assert_cmpint (finish (import, NULL, NULL), ==, 0);
    g_object_unref (import);
  }
  g_test_message ("%u runs were killed while running (unlocking takes %.0f ms)", killed, unlock_us / 1000.0);
  g_assert_cmpuint (killed, >, 0);

  /* The coordinator holds exactly what each unit holds as published. */
  national_reg = ck_register_open (national_path, &error);
  g_assert_true (ck_register_unlock (national_reg, CK_TEST_PASSPHRASE, &error));
  national = ck_sync_new (national_reg);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(CkRegister) reg = ck_register_open (f->dbs[i], &error);
      g_autoptr(CkSync) sync = NULL;
      g_autoptr(GHashTable) own = NULL;
      g_autoptr(GHashTable) seen = NULL;
      GHashTableIter iter;
      gpointer id, rev;

      g_assert_true (ck_register_unlock (reg, CK_TEST_PASSPHRASE, &error));
      sync = ck_sync_new (reg);
      own = ck_sync_test_record_ids (sync, unit_codes[i]);
      seen = ck_sync_test_record_ids (national, unit_codes[i]);
      g_assert_cmpuint (g_hash_table_size (own), >, 0);
      g_assert_cmpuint (g_hash_table_size (seen), ==, g_hash_table_size (own));
      g_hash_table_iter_init (&iter, own);
      while (g_hash_table_iter_next (&iter, &id, &rev))
        g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (seen, id)), ==, GPOINTER_TO_UINT (rev));
    }

  {
    g_autofree char *fsck = ck_sync_test_git (f->repo, &error, "fsck", "--strict", "--no-dangling", NULL);

    g_assert_no_error (error);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sync-cli/concurrent-publish", Fixture, NULL, fixture_set_up, test_concurrent_publish, fixture_tear_down);
  g_test_add ("/sync-cli/commands", Fixture, NULL, fixture_set_up, test_commands, fixture_tear_down);
  g_test_add ("/sync-cli/crash-mid-sync", Fixture, NULL, fixture_set_up, test_crash_mid_sync, fixture_tear_down);

  return g_test_run ();
}
