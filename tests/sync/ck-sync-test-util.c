/* ck-sync-test-util.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "ck-demo.h"
#include "ck-register.h"
#include "ck-shared-record.h"
#include "ck-sync-test-util.h"
#include "ck-test-util.h"

/* Returns: (transfer full): a new register of @unit with @n_cases demo
 * cases, names and narratives included */
CkRegister *
ck_sync_test_register (const char *dir,
                       const char *unit,
                       guint       n_cases,
                       guint32     seed)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("%s-%u.sqlite", unit, seed);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(CkRegister) reg = ck_register_create (path, unit, CK_TEST_PASSPHRASE, &error);
  g_autoptr(GPtrArray) cases = NULL;
  GDate until;

  g_assert_no_error (error);
  if (n_cases > 0)
    {
      g_date_clear (&until, 1);
      g_date_set_dmy (&until, 30, 9, 2025);
      cases = ck_demo_generate (unit, n_cases, seed, &until);
      g_assert_true (ck_register_insert_cases (reg, cases, &error));
      g_assert_no_error (error);
    }

  return g_steal_pointer (&reg);
}

CkSync *
ck_sync_test_sync (CkRegister *reg,
                   const char *remote)
{
  g_autoptr(GError) error = NULL;
  CkSync *sync = ck_sync_new (reg);

  g_assert_true (ck_sync_set_remote (sync, remote, &error));
  g_assert_no_error (error);
  ck_sync_set_timeout (sync, 20);
  return sync;
}

CkSyncResult *
ck_sync_test_run (CkSync      *sync,
                  CkSyncFlags  flags)
{
  g_autoptr(GError) error = NULL;
  CkSyncResult *result = ck_sync_run (sync, flags, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

void
ck_sync_test_enrol (CkSync *coordinator,
                    CkSync *unit)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = ck_sync_dup_own_key (unit, &error);

  g_assert_no_error (error);
  g_assert_true (ck_sync_enrol_key (coordinator, key, &error));
  g_assert_no_error (error);
}

/* Runs git in @repo (NULL for the current folder); the arguments end with
 * NULL. Returns: (transfer full) (nullable): its output, or %NULL with
 * @error when it failed (the message holds its stderr) */
char *
ck_sync_test_git (const char  *repo,
                  GError     **error,
                  ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (char *) "git");
  if (repo != NULL)
    {
      g_ptr_array_add (argv, (char *) "-C");
      g_ptr_array_add (argv, (char *) repo);
    }
  va_start (args, error);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, error);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, error))
    return NULL;

  if (!g_subprocess_get_successful (process))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "git %s failed: %s%s",
                   (char *) argv->pdata[repo != NULL ? 3 : 1], err, out);
      return NULL;
    }

  return g_steal_pointer (&out);
}

/* Returns: (transfer full): every object of @repo, reachable or not, as
 * "git cat-file --batch-all-objects --batch" prints them */
GBytes *
ck_sync_test_all_objects (const char *repo)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  GBytes *out = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              "git", "-C", repo, "cat-file", "--batch-all-objects", "--batch", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate (process, NULL, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));
  return out;
}

guint
ck_sync_test_count_unit (CkSync     *sync,
                         const char *unit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = ck_sync_list_records (sync, unit, &error);

  g_assert_no_error (error);
  return records->len;
}

/* Returns: (transfer full): the ids of @unit's shared records → their rev */
GHashTable *
ck_sync_test_record_ids (CkSync     *sync,
                         const char *unit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = ck_sync_list_records (sync, unit, &error);
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i++)
    {
      CkSharedRecord *record = records->pdata[i];

      g_hash_table_insert (ids, g_strdup (record->id), GUINT_TO_POINTER (record->rev));
    }

  return ids;
}
