/* test-sync.c: units and a national coordinator share records through a
 * real Git repository on disk
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <git2.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>

#include "ck-case.h"
#include "ck-case-index.h"
#include "ck-case-row.h"
#include "ck-error.h"
#include "ck-git.h"
#include "ck-k-anonymity.h"
#include "ck-lesson-row.h"
#include "ck-record-file.h"
#include "ck-register.h"
#include "ck-session.h"
#include "ck-sessions.h"
#include "ck-shared-store.h"
#include "ck-sync.h"
#include "ck-sync-bulk.h"
#include "ck-sync-store.h"
#include "ck-sync-test-util.h"
#include "ck-test-util.h"
#include "ck-text-check.h"

typedef struct
{
  char       *dir;
  char       *repo;
  CkRegister *regs[3];
  CkSync     *units[3];
  CkRegister *national_reg;
  CkSync     *national;
} Fixture;

static const char * const unit_codes[] = { "AMS", "RTD", "LIM" };
static const guint n_cases[] = { 900, 700, 600 };

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = ck_test_make_dir ();
  f->repo = g_build_filename (f->dir, "shared.git", NULL);

  for (guint i = 0; i < 3; i++)
    {
      f->regs[i] = ck_sync_test_register (f->dir, unit_codes[i], n_cases[i], i + 1);
      f->units[i] = ck_sync_test_sync (f->regs[i], f->repo);
    }

  f->national_reg = ck_sync_test_register (f->dir, "LE", 0, 99);
  f->national = ck_sync_test_sync (f->national_reg, f->repo);
  for (guint i = 0; i < 3; i++)
    ck_sync_test_enrol (f->national, f->units[i]);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  for (guint i = 0; i < 3; i++)
    {
      g_clear_object (&f->units[i]);
      g_clear_object (&f->regs[i]);
    }
  g_clear_object (&f->national);
  g_clear_object (&f->national_reg);
  ck_test_remove_dir (f->dir);
  g_free (f->repo);
  g_free (f->dir);
}

static void
publish_all (Fixture *f)
{
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(CkSyncResult) result = ck_sync_test_run (f->units[i], CK_SYNC_BOTH);

      g_assert_true (result->published);
      g_assert_cmpuint (result->n_active, >, 0);
      g_assert_cmpuint (result->n_active + result->n_held_back, ==, n_cases[i]);
      g_assert_cmpuint (result->n_written, ==, result->n_active);
      /* Nobody enrolled the other units' keys at a unit: nothing comes in. */
      g_assert_cmpuint (ck_sync_result_count_imported (result), ==, 0);
    }
}

/* The coordinator's view of @unit holds exactly what the unit published. */
static void
assert_same_records (Fixture *f,
                     guint    i)
{
  g_autoptr(GHashTable) own = ck_sync_test_record_ids (f->units[i], unit_codes[i]);
  g_autoptr(GHashTable) seen = ck_sync_test_record_ids (f->national, unit_codes[i]);
  GHashTableIter iter;
  gpointer id, rev;

  g_assert_cmpuint (g_hash_table_size (seen), ==, g_hash_table_size (own));
  g_hash_table_iter_init (&iter, own);
  while (g_hash_table_iter_next (&iter, &id, &rev))
    {
      g_assert_true (g_hash_table_contains (seen, id));
      g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (seen, id)), ==, GPOINTER_TO_UINT (rev));
    }
}

static void
test_coordinator_sees_all (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(CkSyncResult) first = NULL;
  g_autoptr(CkSyncResult) again = NULL;

  publish_all (f);
  first = ck_sync_test_run (f->national, CK_SYNC_BOTH);
  g_assert_cmpuint (first->quarantined->len, ==, 0);
  g_assert_cmpuint (first->imports->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      CkImportCount *count = ck_sync_result_get_import (first, unit_codes[i]);

      g_assert_cmpuint (count->records, ==, ck_sync_test_count_unit (f->units[i], unit_codes[i]));
      assert_same_records (f, i);
    }

  /* A second run finds nothing new. */
  again = ck_sync_test_run (f->national, CK_SYNC_BOTH);
  g_assert_cmpuint (ck_sync_result_count_imported (again), ==, 0);
  g_assert_cmpuint (again->quarantined->len, ==, 0);
  g_assert_false (again->published);
}

static gboolean
collect_ids (CkCase   *kase,
             gpointer  user_data)
{
  GArray *ids = user_data;

  g_array_append_val (ids, kase->id);
  return TRUE;
}

static void
test_edit_and_retraction (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(CkSyncResult) published = NULL;
  g_autoptr(CkSyncResult) imported = NULL;
  GHashTableIter iter;
  gpointer id, rev;
  guint raised = 0, gone = 0;

  publish_all (f);
  g_clear_pointer (&imported, ck_sync_result_free);
  imported = ck_sync_test_run (f->national, CK_SYNC_IMPORT);
  before = ck_sync_test_record_ids (f->units[0], "AMS");

  g_assert_true (ck_register_foreach_case (f->regs[0], FALSE, collect_ids, ids, &error));
  /* Edit 200 cases: a shared field changes. */
  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(CkCase) kase = ck_register_get_case (f->regs[0], g_array_index (ids, gint64, i), FALSE, &error);

      g_assert_no_error (error);
      kase->lc_consulted = !kase->lc_consulted;
      g_assert_true (ck_register_save_case (f->regs[0], kase, &error));
      g_assert_no_error (error);
    }
  /* Erase 100 others. */
  for (guint i = 200; i < 300; i++)
    {
      g_assert_true (ck_register_erase_case (f->regs[0], g_array_index (ids, gint64, i), &error));
      g_assert_no_error (error);
    }

  published = ck_sync_test_run (f->units[0], CK_SYNC_PUBLISH);
  g_assert_true (published->published);
  g_test_message ("written %u retracted %u active %u held %u", published->n_written, published->n_retracted, published->n_active, published->n_held_back);
  g_assert_cmpuint (published->n_written, >, 0);
  g_assert_cmpuint (published->n_retracted, >, 0);

  after = ck_sync_test_record_ids (f->units[0], "AMS");
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &id, &rev))
    {
      if (!g_hash_table_contains (after, id))
        gone++;
      else if (GPOINTER_TO_UINT (g_hash_table_lookup (after, id)) > GPOINTER_TO_UINT (rev))
        raised++;
    }
  g_assert_cmpuint (raised, >, 0);
  g_assert_cmpuint (gone, >, 0);

  g_clear_pointer (&imported, ck_sync_result_free);
  imported = ck_sync_test_run (f->national, CK_SYNC_IMPORT);
  g_assert_cmpuint (ck_sync_result_get_import (imported, "AMS")->removed, ==, gone);
  assert_same_records (f, 0);
  assert_same_records (f, 1);
}

static void
test_git_accepts_repository (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fsck = NULL;
  g_autofree char *refs = NULL;
  g_autofree char *log = NULL;
  g_auto(GStrv) lines = NULL;

  publish_all (f);

  fsck = ck_sync_test_git (f->repo, &error, "fsck", "--strict", "--no-dangling", NULL);
  g_assert_no_error (error);

  refs = ck_sync_test_git (f->repo, &error, "for-each-ref", "--format=%(refname)", NULL);
  g_assert_no_error (error);
  lines = g_strsplit (g_strstrip (refs), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  for (guint i = 0; lines[i] != NULL; i++)
    g_assert_true (g_str_has_prefix (lines[i], "refs/heads/units/"));

  log = ck_sync_test_git (f->repo, &error, "log", "--all", "--format=%s", NULL);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *subject = g_strdup_printf ("Publish %s:", unit_codes[i]);

      g_assert_nonnull (strstr (log, subject));
    }

  /* Objects are packed, not left loose. */
  {
    g_autofree char *count = ck_sync_test_git (f->repo, &error, "count-objects", "-v", NULL);

    g_assert_no_error (error);
    g_assert_nonnull (strstr (count, "count: 0\n"));
  }
}

/* What the register knows of its publishing: the mapping and state of
 * every record, its own shared records and the commits, as text. */
static char *
dump_sync_state (CkRegister *reg)
{
  static const char * const queries[] = {
    "SELECT case_id, shared_id, rev, updated_at, level, state, hash FROM sync_records ORDER BY case_id",
    "SELECT id, rev, year, quarter, team FROM shared_records WHERE own = 1 ORDER BY id",
    "SELECT key, value FROM meta WHERE key IN ('sync_published_commit', 'sync_pending_commit',"
    " 'sync_scanned_at') ORDER BY key",
  };
  g_autoptr(GString) dump = g_string_new (NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (ck_register_get_path (reg), &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (dump, "%s|", (const char *) sqlite3_column_text (stmt, c));
          g_string_append_c (dump, '\n');
        }
      sqlite3_finalize (stmt);
      g_string_append (dump, "--\n");
    }
  sqlite3_close (db);

  return g_string_free (g_steal_pointer (&dump), FALSE);
}

/* Makes @repo's objects/pack unwritable, even for root, while its packs
 * stay readable: they move to another folder that the repository names
 * as an alternate, and a plain file takes the folder's place. */
static void
break_pack_folder (const char *repo,
                   const char *elsewhere)
{
  g_autofree char *pack = g_build_filename (repo, "objects", "pack", NULL);
  g_autofree char *moved = g_build_filename (elsewhere, "pack", NULL);
  g_autofree char *info = g_build_filename (repo, "objects", "info", NULL);
  g_autofree char *alternates = g_build_filename (info, "alternates", NULL);
  g_autofree char *line = g_strconcat (elsewhere, "\n", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (elsewhere, 0700), ==, 0);
  g_assert_cmpint (g_rename (pack, moved), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (info, 0700), ==, 0);
  g_assert_true (g_file_set_contents (alternates, line, -1, &error));
  g_assert_true (g_file_set_contents (pack, "not a folder\n", -1, &error));
}

static void
repair_pack_folder (const char *repo,
                    const char *elsewhere)
{
  g_autofree char *pack = g_build_filename (repo, "objects", "pack", NULL);
  g_autofree char *moved = g_build_filename (elsewhere, "pack", NULL);
  g_autofree char *alternates = g_build_filename (repo, "objects", "info", "alternates", NULL);

  g_assert_cmpint (g_unlink (pack), ==, 0);
  g_assert_cmpint (g_rename (moved, pack), ==, 0);
  g_assert_cmpint (g_unlink (alternates), ==, 0);
}

/* A pack that cannot be written stops the publish with an error and
 * leaves the register's synchronisation state as it was; once the
 * repository is writable again, the same changes are published, each
 * record one revision higher. (test_bulk does the same for a pack with
 * deltas.) */
static void
test_failed_pack_write (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *elsewhere = g_build_filename (f->dir, "elsewhere", NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CkSyncResult) first = NULL;
  /* A few records, then every one. */
  const guint n_edits[] = { 20, G_MAXUINT };
  GHashTableIter iter;
  gpointer id, rev;

  first = ck_sync_test_run (f->units[0], CK_SYNC_PUBLISH);
  g_assert_true (ck_register_foreach_case (f->regs[0], FALSE, collect_ids, ids, &error));

  for (guint round = 0; round < G_N_ELEMENTS (n_edits); round++)
    {
      g_autoptr(CkSyncResult) failed = NULL;
      g_autoptr(CkSyncResult) published = NULL;
      g_autofree char *state = NULL;
      g_autofree char *state_after = NULL;
      g_autofree char *ref_before = NULL;
      g_autofree char *ref_after = NULL;
      guint raised = 0;

      for (guint i = 0; i < MIN (n_edits[round], ids->len); i++)
        {
          g_autoptr(CkCase) kase = ck_register_get_case (f->regs[0], g_array_index (ids, gint64, i), FALSE, &error);

          g_assert_no_error (error);
          kase->lc_consulted = !kase->lc_consulted;
          g_assert_true (ck_register_save_case (f->regs[0], kase, &error));
        }
      /* Times are whole seconds: the edits must come after the last scan. */
      g_usleep (G_USEC_PER_SEC);

      g_clear_pointer (&before, g_hash_table_unref);
      before = ck_sync_test_record_ids (f->units[0], "AMS");
      state = dump_sync_state (f->regs[0]);
      ref_before = ck_sync_test_git (f->repo, &error, "for-each-ref", NULL);
      g_assert_no_error (error);

      break_pack_folder (f->repo, elsewhere);
      failed = ck_sync_run (f->units[0], CK_SYNC_PUBLISH, NULL, &error);
      g_assert_null (failed);
      g_assert_error (error, CK_ERROR, CK_ERROR_IO);
      g_test_message ("%s", error->message);
      g_clear_error (&error);
      repair_pack_folder (f->repo, elsewhere);

      state_after = dump_sync_state (f->regs[0]);
      g_assert_cmpstr (state_after, ==, state);
      ref_after = ck_sync_test_git (f->repo, &error, "for-each-ref", NULL);
      g_assert_cmpstr (ref_after, ==, ref_before);

      published = ck_sync_test_run (f->units[0], CK_SYNC_PUBLISH);
      g_assert_true (published->published);
      g_assert_cmpuint (published->n_written, >, 0);

      g_clear_pointer (&after, g_hash_table_unref);
      after = ck_sync_test_record_ids (f->units[0], "AMS");
      g_hash_table_iter_init (&iter, before);
      while (g_hash_table_iter_next (&iter, &id, &rev))
        {
          guint new_rev = GPOINTER_TO_UINT (g_hash_table_lookup (after, id));

          g_assert_cmpuint (new_rev, >=, GPOINTER_TO_UINT (rev));
          g_assert_cmpuint (new_rev, <=, GPOINTER_TO_UINT (rev) + 1);
          raised += new_rev > GPOINTER_TO_UINT (rev);
        }
      g_assert_cmpuint (raised, ==, published->n_written);
    }

  g_free (ck_sync_test_git (f->repo, &error, "fsck", "--strict", "--no-dangling", NULL));
  g_assert_no_error (error);
}

typedef struct
{
  GPtrArray *values;
} Secrets;

static void
add_secret (GPtrArray  *values,
            const char *text,
            gboolean    names)
{
  g_auto(GStrv) words = NULL;

  if (text == NULL || strlen (text) < 4)
    return;
  g_ptr_array_add (values, g_strdup (text));
  if (!names)
    return;

  /* Every part of a name on its own too, as written (capitalised). */
  words = g_strsplit_set (text, " ,;.", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (strlen (words[i]) >= 4)
      g_ptr_array_add (values, g_strdup (words[i]));
}

static gboolean
collect_secrets (CkCase   *kase,
                 gpointer  user_data)
{
  GPtrArray *values = user_data;

  add_secret (values, kase->reporter_name, TRUE);
  add_secret (values, kase->reporter_personnel_number, FALSE);
  add_secret (values, kase->reporter_contact, FALSE);
  add_secret (values, kase->subject_name, TRUE);
  add_secret (values, kase->subject_personnel_number, FALSE);
  add_secret (values, kase->bystander_names, TRUE);
  add_secret (values, kase->file_reference, FALSE);
  add_secret (values, kase->narrative, FALSE);
  add_secret (values, kase->notes, FALSE);
  /* The local reference and id mean nothing outside, and must not leak. */
  add_secret (values, kase->reference, FALSE);
  add_secret (values, kase->uid, FALSE);
  return TRUE;
}

/* Whether @value occurs in @body as a word of its own: a personnel
 * number inside a random hex id is chance, not a leak. */
static gboolean
contains_word (GBytes     *body,
               const char *value)
{
  gsize size, len = strlen (value);
  const char *data = g_bytes_get_data (body, &size);
  const char *end = data + size;
  const char *p = data;

  while (p < end && (p = memmem (p, end - p, value, len)) != NULL)
    {
      gboolean start_ok = p == data || !g_ascii_isalnum (p[-1]);
      gboolean end_ok = p + len >= end || !g_ascii_isalnum (p[len]);

      if (start_ok && end_ok)
        return TRUE;
      p++;
    }

  return FALSE;
}

static void
test_nothing_confidential_leaves (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GBytes) objects = NULL;
  g_autoptr(GError) error = NULL;

  publish_all (f);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (ck_register_foreach_case (f->regs[i], TRUE, collect_secrets, values, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (values->len, >, 1000);

  /* Every object in the repository, reachable or not. Blobs are searched
   * for every value, numbers as words of their own (a random hex id may
   * hold any seven digits); commits and trees, whose ids are binary or
   * hex, for every value that is not a number. */
  objects = ck_sync_test_all_objects (f->repo);
  g_assert_cmpuint (g_bytes_get_size (objects), >, 10000);
  {
    gsize size;
    const char *cursor = g_bytes_get_data (objects, &size);
    const char *end = cursor + size;
    guint n_blobs = 0;

    while (cursor < end)
      {
        const char *newline = memchr (cursor, '\n', end - cursor);
        g_autofree char *header = g_strndup (cursor, newline - cursor);
        g_auto(GStrv) fields = g_strsplit (header, " ", 3);
        gsize len = g_ascii_strtoull (fields[2], NULL, 10);
        gboolean is_blob = g_str_equal (fields[1], "blob");
        g_autoptr(GBytes) body = NULL;

        /* Of a commit, what people wrote: the author lines and the message;
         * the rest is ids and the base64 signature, where any short word
         * turns up by chance. */
        if (g_str_equal (fields[1], "commit"))
          {
            g_autofree char *text = g_strndup (newline + 1, len);
            g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
            GString *people = g_string_new (NULL);
            gboolean message = FALSE;

            for (guint l = 0; lines[l] != NULL; l++)
              {
                if (lines[l][0] == '\0')
                  message = TRUE;
                if (message || g_str_has_prefix (lines[l], "author ") || g_str_has_prefix (lines[l], "committer "))
                  g_string_append_printf (people, "%s\n", lines[l]);
              }
            body = g_string_free_to_bytes (people);
          }
        else
          body = g_bytes_new_static (newline + 1, len);

        n_blobs += is_blob;
        for (guint i = 0; i < values->len; i++)
          {
            const char *value = values->pdata[i];

            gboolean number = strspn (value, "0123456789") == strlen (value);

            if (!is_blob && number)
              continue;
            if (number ? contains_word (body, value) : ck_test_bytes_contain (body, value, strlen (value)))
              g_error ("A confidential value reached the repository in a %s: %s", fields[1], value);
          }
        cursor = newline + 1 + len + 1;
      }
    g_assert_cmpuint (n_blobs, >, 100);
  }
}

static char *
qi_key (const CkSharedRecord *record)
{
  g_autofree char *grounds = g_strjoinv (",", record->grounds);

  return g_strdup_printf ("%s|%d|%d|%s|%s|%s", record->team != NULL ? record->team : "",
                          record->year, record->quarter, grounds,
                          record->reporter_role != NULL ? record->reporter_role : "",
                          record->subject_role != NULL ? record->subject_role : "");
}

static void
count_tree (git_repository *repo,
            git_tree       *tree,
            GHashTable     *counts)
{
  for (size_t i = 0; i < git_tree_entrycount (tree); i++)
    {
      const git_tree_entry *entry = git_tree_entry_byindex (tree, i);

      if (git_tree_entry_type (entry) == GIT_OBJECT_TREE)
        {
          g_autoptr(git_tree) sub = NULL;

          g_assert_cmpint (git_tree_lookup (&sub, repo, git_tree_entry_id (entry)), ==, 0);
          count_tree (repo, sub, counts);
        }
      else if (g_str_has_suffix (git_tree_entry_name (entry), ".json") &&
               !g_str_equal (git_tree_entry_name (entry), "meta.json"))
        {
          g_autoptr(git_blob) blob = NULL;
          g_autoptr(GError) error = NULL;
          g_autoptr(CkSharedRecord) record = NULL;
          g_autofree char *key = NULL;

          g_assert_cmpint (git_blob_lookup (&blob, repo, git_tree_entry_id (entry)), ==, 0);
          record = ck_record_file_decode (git_blob_rawcontent (blob), git_blob_rawsize (blob), &error);
          g_assert_no_error (error);
          if (record->retracted)
            continue;
          key = qi_key (record);
          g_hash_table_insert (counts, g_strdup (key),
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)) + 1));
        }
    }
}

static void
assert_k_anonymous (const char *repo_path,
                    guint       k)
{
  g_autoptr(git_repository) repo = NULL;
  g_autoptr(git_reference_iterator) iter = NULL;
  git_reference *ref;
  guint n_refs = 0;

  g_assert_cmpint (git_repository_open (&repo, repo_path), ==, 0);
  g_assert_cmpint (git_reference_iterator_glob_new (&iter, repo, "refs/heads/units/*"), ==, 0);
  while (git_reference_next (&ref, iter) == 0)
    {
      g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(git_commit) commit = NULL;
      g_autoptr(git_tree) tree = NULL;
      GHashTableIter hiter;
      gpointer key, count;

      g_assert_cmpint (git_commit_lookup (&commit, repo, git_reference_target (ref)), ==, 0);
      g_assert_cmpint (git_commit_tree (&tree, commit), ==, 0);
      count_tree (repo, tree, counts);
      g_assert_cmpuint (g_hash_table_size (counts), >, 0);
      g_hash_table_iter_init (&hiter, counts);
      while (g_hash_table_iter_next (&hiter, &key, &count))
        if (GPOINTER_TO_UINT (count) < k)
          g_error ("%s: only %u records share %s", git_reference_name (ref), GPOINTER_TO_UINT (count), (char *) key);
      git_reference_free (ref);
      n_refs++;
    }
  g_assert_cmpuint (n_refs, ==, 3);
}

static void
test_k_anonymity (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  publish_all (f);
  assert_k_anonymous (f->repo, CK_K_ANONYMITY_DEFAULT_K);

  /* A larger k holds more back, says why, and still holds in the snapshot. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(CkSyncResult) result = NULL;

      g_assert_true (ck_sync_set_k (f->units[i], 12, &error));
      g_assert_no_error (error);
      result = ck_sync_test_run (f->units[i], CK_SYNC_PUBLISH);
      g_assert_cmpuint (result->k, ==, 12);
      g_assert_cmpuint (result->n_held_back, >, 0);
      g_assert_cmpuint (result->privacy_notes->len, >, 0);
      for (guint n = 0; n < result->privacy_notes->len; n++)
        {
          g_autofree char *text = ck_privacy_note_format (result->privacy_notes->pdata[n], result->k);

          g_assert_nonnull (strstr (text, "12"));
        }
    }
  assert_k_anonymous (f->repo, 12);

  /* The same setting is seen by another CkSync on the register. */
  {
    g_autoptr(CkSync) other = ck_sync_new (f->regs[0]);

    g_assert_cmpuint (ck_sync_get_k (other), ==, 12);
  }
}

/* A copy of a register publishing as the same replica is refused. */
static void
test_cloned_replica_refused (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy_path = g_build_filename (f->dir, "copy.sqlite", NULL);
  g_autoptr(CkRegister) copy = NULL;
  g_autoptr(CkSync) copy_sync = NULL;
  g_autoptr(CkSyncResult) result = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *tip_before = NULL;
  g_autofree char *tip_after = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  publish_all (f);
  /* A copy of the file and its write-ahead log, as a backup tool makes. */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *from = g_strconcat (ck_register_get_path (f->regs[0]), i == 0 ? "" : "-wal", NULL);
      g_autofree char *to = g_strconcat (copy_path, i == 0 ? "" : "-wal", NULL);

      g_clear_pointer (&contents, g_free);
      g_assert_true (g_file_get_contents (from, &contents, &len, NULL));
      g_assert_true (g_file_set_contents (to, contents, len, NULL));
    }
  copy = ck_register_open (copy_path, &error);
  g_assert_no_error (error);
  g_assert_true (ck_register_unlock (copy, CK_TEST_PASSPHRASE, &error));

  /* The original publishes a change first. */
  g_assert_true (ck_register_foreach_case (f->regs[0], FALSE, collect_ids, ids, &error));
  for (guint i = 0; i < 100; i++)
    {
      g_autoptr(CkCase) kase = ck_register_get_case (f->regs[0], g_array_index (ids, gint64, i), FALSE, &error);

      kase->sensitive = !kase->sensitive;
      g_assert_true (ck_register_save_case (f->regs[0], kase, &error));
    }
  result = ck_sync_test_run (f->units[0], CK_SYNC_PUBLISH);
  g_assert_true (result->published);

  tip_before = ck_sync_test_git (f->repo, &error, "for-each-ref", "--format=%(objectname)", "refs/heads/units/ams/", NULL);
  copy_sync = ck_sync_new (copy);
  for (guint i = 100; i < 200; i++)
    {
      g_autoptr(CkCase) kase = ck_register_get_case (copy, g_array_index (ids, gint64, i), FALSE, &error);

      kase->sensitive = !kase->sensitive;
      g_assert_true (ck_register_save_case (copy, kase, &error));
    }
  g_assert_null (ck_sync_run (copy_sync, CK_SYNC_PUBLISH, NULL, &error));
  g_assert_error (error, CK_ERROR, CK_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "copy"));

  tip_after = ck_sync_test_git (f->repo, NULL, "for-each-ref", "--format=%(objectname)", "refs/heads/units/ams/", NULL);
  g_assert_cmpstr (tip_before, ==, tip_after);
}

/* A repository copied and repacked by the git command still works. */
static void
test_git_cli_copy_imports (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *mirror = g_build_filename (f->dir, "mirror.git", NULL);
  g_autofree char *work = g_build_filename (f->dir, "work", NULL);
  g_autofree char *out = NULL;
  g_autoptr(CkRegister) reg = NULL;
  g_autoptr(CkSync) national = NULL;
  g_autoptr(CkSyncResult) result = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  publish_all (f);

  /* A person clones the repository, adds a branch of their own and pushes
   * it; then mirrors everything to a new repository and packs it. */
  out = ck_sync_test_git (NULL, &error, "clone", "-q", f->repo, work, NULL);
  g_assert_no_error (error);
  g_clear_pointer (&out, g_free);
  out = ck_sync_test_git (work, &error, "-c", "user.name=Someone", "-c", "user.email=someone@example.org",
                          "commit", "-q", "--allow-empty", "-m", "notes", NULL);
  g_assert_no_error (error);
  g_clear_pointer (&out, g_free);
  out = ck_sync_test_git (work, &error, "push", "-q", "origin", "HEAD:refs/heads/notes", NULL);
  g_assert_no_error (error);
  g_clear_pointer (&out, g_free);
  out = ck_sync_test_git (NULL, &error, "clone", "-q", "--mirror", f->repo, mirror, NULL);
  g_assert_no_error (error);
  g_clear_pointer (&out, g_free);
  out = ck_sync_test_git (mirror, &error, "gc", "-q", "--aggressive", "--prune=now", NULL);
  g_assert_no_error (error);

  reg = ck_sync_test_register (f->dir, "LE", 0, 98);
  national = ck_sync_test_sync (reg, mirror);
  for (guint i = 0; i < 3; i++)
    ck_sync_test_enrol (national, f->units[i]);
  result = ck_sync_test_run (national, CK_SYNC_IMPORT);
  g_assert_cmpuint (result->quarantined->len, ==, 0);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (ck_sync_test_count_unit (national, unit_codes[i]), ==,
                      ck_sync_test_count_unit (f->units[i], unit_codes[i]));

  /* The unit moves to the copy and goes on publishing there. */
  g_assert_true (ck_sync_set_remote (f->units[0], mirror, &error));
  g_assert_true (ck_register_foreach_case (f->regs[0], FALSE, collect_ids, ids, &error));
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(CkCase) kase = ck_register_get_case (f->regs[0], g_array_index (ids, gint64, i), FALSE, &error);

      kase->lc_consulted = !kase->lc_consulted;
      g_assert_true (ck_register_save_case (f->regs[0], kase, &error));
    }
  g_clear_pointer (&result, ck_sync_result_free);
  result = ck_sync_test_run (f->units[0], CK_SYNC_PUBLISH);
  g_assert_true (result->published);

  g_clear_pointer (&result, ck_sync_result_free);
  result = ck_sync_test_run (national, CK_SYNC_IMPORT);
  g_assert_cmpuint (ck_sync_result_get_import (result, "AMS")->records, >, 0);
  {
    g_autoptr(GHashTable) own = ck_sync_test_record_ids (f->units[0], "AMS");
    g_autoptr(GHashTable) seen = ck_sync_test_record_ids (national, "AMS");

    g_assert_cmpuint (g_hash_table_size (own), ==, g_hash_table_size (seen));
  }

  g_clear_pointer (&out, g_free);
  out = ck_sync_test_git (mirror, &error, "fsck", "--strict", "--no-dangling", NULL);
  g_assert_no_error (error);
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CkSyncResult) result = NULL;
  g_autofree char *out = g_build_filename (f->dir, "export", NULL);
  g_autofree char *listing = NULL;
  g_autoptr(GSubprocess) find = NULL;
  guint n_files = 0;

  g_assert_true (ck_sync_export (f->units[1], out, &result, &error));
  g_assert_no_error (error);
  find = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "find", out, "-type", "f", NULL);
  g_assert_true (g_subprocess_communicate_utf8 (find, NULL, NULL, &listing, NULL, &error));
  for (const char *p = listing; *p; p++)
    n_files += *p == '\n';
  g_assert_cmpuint (n_files, ==, result->n_active + 1);

  /* Exporting stores nothing: the first publish writes every record. */
  {
    g_autoptr(CkSyncResult) published = ck_sync_test_run (f->units[1], CK_SYNC_PUBLISH);

    g_assert_cmpuint (published->n_written, ==, result->n_active);
  }
}

static char *
first_reporter_name (CkRegister *reg)
{
  g_autoptr(GError) error = NULL;
  GListModel *rows = ck_register_get_cases (reg);
  g_autoptr(CkCaseRow) row = g_list_model_get_item (rows, 0);
  g_autoptr(CkCase) kase = ck_register_get_case (reg, ck_case_row_get_id (row), TRUE, &error);
  g_auto(GStrv) words = NULL;

  g_assert_no_error (error);
  words = g_strsplit (kase->reporter_name, " ", 2);
  return g_strdup (words[0]);
}

static void
put_lesson (CkRegister *reg,
            const char *id,
            const char *title,
            const char *text)
{
  g_autoptr(CkSharedLesson) lesson = ck_shared_lesson_new ();
  g_autoptr(GError) error = NULL;
  CkStorage *storage = ck_register_acquire (reg);

  lesson->id = g_strdup (id);
  lesson->unit = g_strdup (ck_register_get_unit (reg));
  lesson->replica = g_strdup ("00000000000000000000000000000000");
  lesson->rev = 1;
  lesson->year = 2025;
  lesson->quarter = 2;
  lesson->title = g_strdup (title);
  lesson->text = g_strdup (text);
  g_strfreev (lesson->grounds);
  lesson->grounds = g_strsplit ("herkomst", ",", -1);
  g_assert_true (ck_shared_store_put_lesson (storage, lesson, TRUE, &error));
  g_assert_no_error (error);
  ck_register_release (reg);
}

static void
test_lessons (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CkSyncResult) published = NULL;
  g_autoptr(CkSyncResult) imported = NULL;
  g_autofree char *name = first_reporter_name (f->regs[0]);
  g_autofree char *bad_text = g_strdup_printf ("Na het gesprek met %s op 12 maart bleek dat de aanpak werkte.", name);
  const char *good = "aaaa0000000000000000000000000001";
  const char *bad = "bbbb0000000000000000000000000002";
  g_autoptr(GPtrArray) lessons = NULL;
  CkStorage *storage;

  put_lesson (f->regs[0], good, "Bespreek uitsluiting vroeg",
              "Teams die een signaal binnen een week bespraken, kwamen vaker tot herstel.");
  put_lesson (f->regs[0], bad, "Een gesprek", bad_text);

  published = ck_sync_test_run (f->units[0], CK_SYNC_PUBLISH);
  g_assert_cmpuint (published->n_lessons, ==, 1);
  g_assert_cmpuint (published->held_lessons->len, ==, 1);
  g_assert_nonnull (strstr (published->held_lessons->pdata[0], name));
  g_assert_nonnull (strstr (published->held_lessons->pdata[0], "12 maart"));

  imported = ck_sync_test_run (f->national, CK_SYNC_IMPORT);
  g_assert_cmpuint (ck_sync_result_get_import (imported, "AMS")->lessons, ==, 1);
  storage = ck_register_acquire (f->national_reg);
  lessons = ck_shared_store_list_lessons (storage, "AMS", FALSE, &error);
  ck_register_release (f->national_reg);
  g_assert_cmpuint (lessons->len, ==, 1);
  g_assert_cmpstr (((CkSharedLesson *) lessons->pdata[0])->id, ==, good);

  /* Withdrawn at the unit: retracted everywhere. */
  storage = ck_register_acquire (f->regs[0]);
  g_assert_true (ck_shared_store_remove_lesson (storage, good, &error));
  ck_register_release (f->regs[0]);
  g_clear_pointer (&published, ck_sync_result_free);
  published = ck_sync_test_run (f->units[0], CK_SYNC_PUBLISH);
  g_assert_true (published->published);
  g_clear_pointer (&imported, ck_sync_result_free);
  imported = ck_sync_test_run (f->national, CK_SYNC_IMPORT);
  g_clear_pointer (&lessons, g_ptr_array_unref);
  storage = ck_register_acquire (f->national_reg);
  lessons = ck_shared_store_list_lessons (storage, "AMS", FALSE, &error);
  ck_register_release (f->national_reg);
  g_assert_cmpuint (lessons->len, ==, 0);
}

static guint
count_listed_lessons (CkRegister *reg,
                      const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) lessons = ck_sessions_list_lessons (reg, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (lessons); i++)
    {
      g_autoptr(CkLessonRow) row = g_list_model_get_item (lessons, i);

      n += g_strcmp0 (ck_lesson_row_get_lesson (row)->title, title) == 0;
    }
  return n;
}

/* A lesson released in a reflection session travels with the unit's
 * records to the Lessons list of the coordinator; withdrawn, it leaves. */
static void
test_session_lessons (Fixture       *f,
                      gconstpointer  data)
{
  const char *title = "Vraag omstanders wat ze zagen";
  g_autoptr(GError) error = NULL;
  g_autoptr(CkSession) session = ck_session_new ();
  g_autoptr(CkTextCheck) check = NULL;
  g_autoptr(CkSyncResult) published = NULL;
  g_autoptr(CkSyncResult) imported = NULL;
  CkSessionLesson *lesson = ck_session_lesson_new ();
  GDate today;

  g_date_set_dmy (&today, 15, G_DATE_SEPTEMBER, 2026);
  session->date = today;
  session->unit = g_strdup (ck_register_get_unit (f->regs[0]));
  session->method = g_strdup ("moreel_beraad");
  lesson->title = g_strdup (title);
  lesson->text = g_strdup ("Wie erbij was, zag vaak meer dan de melder kon zeggen; vraag het binnen een week.");
  g_ptr_array_add (session->lessons, lesson);
  g_assert_true (ck_sessions_save (f->regs[0], session, &error));
  g_assert_no_error (error);

  check = ck_sessions_new_text_check (f->regs[0], &error);
  g_assert_no_error (error);
  g_assert_true (ck_sessions_release_lesson (f->regs[0], lesson->id, check, &today, &error));
  g_assert_no_error (error);

  published = ck_sync_test_run (f->units[0], CK_SYNC_PUBLISH);
  g_assert_cmpuint (published->n_lessons, ==, 1);
  imported = ck_sync_test_run (f->national, CK_SYNC_IMPORT);
  g_assert_cmpuint (ck_sync_result_get_import (imported, "AMS")->lessons, ==, 1);
  g_assert_cmpuint (count_listed_lessons (f->national_reg, title), ==, 1);

  g_assert_true (ck_sessions_withdraw_lesson (f->regs[0], lesson->id, &error));
  g_assert_no_error (error);
  g_clear_pointer (&published, ck_sync_result_free);
  published = ck_sync_test_run (f->units[0], CK_SYNC_PUBLISH);
  g_clear_pointer (&imported, ck_sync_result_free);
  imported = ck_sync_test_run (f->national, CK_SYNC_IMPORT);
  g_assert_cmpuint (count_listed_lessons (f->national_reg, title), ==, 0);
}

static guint
count_rows (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static guint
count_indexes (const char *path)
{
  return count_rows (path, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL"
                           " AND tbl_name LIKE 'shared_record%'");
}

static guint
count_triggers (const char *path)
{
  return count_rows (path, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'shared_records'");
}

static void
run_sql (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* More than CK_SYNC_BULK_RECORDS at once: the indexes and the triggers
 * that log each write are dropped for the write and made again, in the
 * same transaction, and the writes logged at once, as the triggers would
 * have: the case index and the statistics of the register see them all.
 * The codes of the new records go to the code tables at once, the same.
 * A trigger the bulk write does not know keeps every trigger in place. A
 * failed pack write takes the transaction back. */
static void
test_bulk (void)
{
  g_autofree char *dir = ck_test_make_dir ();
  g_autofree char *repo = g_build_filename (dir, "shared.git", NULL);
  g_autoptr(CkRegister) unit_reg = ck_sync_test_register (dir, "OBR", CK_SYNC_BULK_RECORDS + 1500, 21);
  g_autoptr(CkRegister) national_reg = ck_sync_test_register (dir, "LE", 0, 22);
  g_autoptr(CkSync) unit = ck_sync_test_sync (unit_reg, repo);
  g_autoptr(CkSync) national = ck_sync_test_sync (national_reg, repo);
  g_autoptr(CkSyncResult) published = NULL;
  g_autoptr(CkSyncResult) imported = NULL;
  g_autoptr(GError) error = NULL;
  const char *national_path = ck_register_get_path (national_reg);
  const char *unit_path = ck_register_get_path (unit_reg);
  CkCaseIndex *index = ck_case_index_get_for_register (national_reg);
  guint indexes = count_indexes (national_path);
  guint triggers = count_triggers (national_path);
  guint stats_version = count_rows (national_path, "SELECT version FROM stats_version");

  g_assert_true (ck_sync_set_k (unit, 2, &error));
  g_assert_true (ck_case_index_update (index, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ck_case_index_get_n_records (index), ==, 0);
  /* The unit's own writes are logged row by row, by every trigger, when
   * one of them is not one the bulk write knows. */
  run_sql (unit_path, "DROP TRIGGER stats_shared_records_insert;"
                      "CREATE TRIGGER shared_records_watched AFTER INSERT ON shared_records"
                      " BEGIN UPDATE stats_version SET version = version + 1 WHERE id = 1; END");

  /* A pack with deltas that cannot be written keeps nothing either. */
  {
    g_autofree char *elsewhere = g_build_filename (dir, "elsewhere", NULL);
    g_autofree char *state = dump_sync_state (unit_reg);
    g_autofree char *state_after = NULL;
    g_autoptr(CkSyncResult) failed = NULL;

    g_free (ck_sync_test_git (NULL, &error, "init", "-q", "--bare", repo, NULL));
    g_assert_no_error (error);
    break_pack_folder (repo, elsewhere);
    failed = ck_sync_run (unit, CK_SYNC_PUBLISH, NULL, &error);
    g_assert_null (failed);
    g_assert_error (error, CK_ERROR, CK_ERROR_IO);
    g_clear_error (&error);
    repair_pack_folder (repo, elsewhere);
    state_after = dump_sync_state (unit_reg);
    g_assert_cmpstr (state_after, ==, state);
  }

  published = ck_sync_test_run (unit, CK_SYNC_PUBLISH);
  g_assert_cmpuint (published->n_written, >=, CK_SYNC_BULK_RECORDS);
  g_assert_cmpuint (ck_sync_test_count_unit (unit, "OBR"), ==, published->n_active);
  g_free (ck_sync_test_git (repo, &error, "fsck", "--strict", "--no-dangling", NULL));
  g_assert_no_error (error);

  g_assert_cmpuint (count_rows (unit_path, "SELECT count(*) FROM index_changes WHERE record_id IS NOT NULL"), ==,
                    published->n_active);

  ck_sync_test_enrol (national, unit);
  imported = ck_sync_test_run (national, CK_SYNC_IMPORT);
  g_assert_cmpuint (ck_sync_result_count_imported (imported), ==, published->n_active);
  g_assert_cmpuint (ck_sync_test_count_unit (national, "OBR"), ==, published->n_active);

  g_assert_cmpuint (indexes, ==, 4);
  g_assert_cmpuint (triggers, ==, 6);
  g_assert_cmpuint (count_indexes (national_path), ==, indexes);
  g_assert_cmpuint (count_indexes (unit_path), ==, indexes);
  g_assert_cmpuint (count_triggers (national_path), ==, triggers);
  g_assert_cmpuint (count_triggers (unit_path), ==, triggers);
  g_assert_cmpuint (count_rows (unit_path, "SELECT count(*) FROM sqlite_schema"
                                           " WHERE name = 'shared_records_watched'"), ==, 1);
  /* Logged once per record, read by the index as changes (fewer than it
   * reads again from scratch), counted once by the statistics. */
  g_assert_cmpuint (count_rows (national_path, "SELECT count(*) FROM index_changes c"
                                               " JOIN shared_records r ON r.id = c.record_id"), ==, published->n_active);
  g_assert_cmpuint (count_rows (national_path, "SELECT version FROM stats_version"), ==, stats_version + 1);
  /* The codes of the records, added to the code tables at once. */
  for (guint i = 0; i < 2; i++)
    {
      const char *path = i == 0 ? national_path : unit_path;

      g_assert_cmpuint (count_rows (path, "SELECT count(*) FROM shared_record_grounds"), >, published->n_active);
      g_assert_cmpuint (count_rows (path, "SELECT count(*) FROM shared_record_grounds"), ==,
                        count_rows (path, "SELECT sum (length (grounds) - length (replace (grounds, ',', '')) + 1)"
                                          " FROM shared_records WHERE grounds != ''"));
      g_assert_cmpuint (count_rows (path, "SELECT count(*) FROM shared_record_manifestations"), ==,
                        count_rows (path, "SELECT sum (length (manifestations) - length (replace (manifestations, ',', ''))"
                                          " + 1) FROM shared_records WHERE manifestations != ''"));
      g_assert_cmpuint (count_rows (path, "SELECT count(*) FROM shared_record_grounds g"
                                          " JOIN shared_records r ON r.id = g.record_id"
                                          " WHERE instr (',' || r.grounds || ',', ',' || g.code || ',') = 0"), ==, 0);
    }
  g_assert_true (ck_case_index_update (index, NULL, &error));
  g_assert_no_error (error);
  {
    /* What the index read as changes, it would read from scratch. */
    g_autoptr(CkRegister) fresh = ck_register_open (national_path, &error);
    CkCaseIndex *fresh_index;

    g_assert_no_error (error);
    g_assert_true (ck_register_unlock (fresh, CK_TEST_PASSPHRASE, &error));
    fresh_index = ck_case_index_get_for_register (fresh);
    g_assert_true (ck_case_index_update (fresh_index, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (ck_case_index_get_n_records (index), >, 0);
    g_assert_cmpuint (ck_case_index_get_n_records (index), ==, ck_case_index_get_n_records (fresh_index));
  }

  g_clear_object (&unit);
  g_clear_object (&national);
  ck_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/sync/coordinator-sees-all", test_coordinator_sees_all);
  ADD ("/sync/edit-and-retraction", test_edit_and_retraction);
  ADD ("/sync/git-accepts-repository", test_git_accepts_repository);
  ADD ("/sync/failed-pack-write", test_failed_pack_write);
  ADD ("/sync/nothing-confidential-leaves", test_nothing_confidential_leaves);
  ADD ("/sync/k-anonymity", test_k_anonymity);
  ADD ("/sync/cloned-replica-refused", test_cloned_replica_refused);
  ADD ("/sync/git-cli-copy-imports", test_git_cli_copy_imports);
  ADD ("/sync/export", test_export);
  ADD ("/sync/lessons", test_lessons);
  ADD ("/sync/session-lessons", test_session_lessons);
  g_test_add_func ("/sync/bulk", test_bulk);

  return g_test_run ();
}
