/* test-encryption.c: confidential fields at rest
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "ck-case.h"
#include "ck-crypto.h"
#include "ck-error.h"
#include "ck-register.h"
#include "ck-test-util.h"

static const char *secrets[] = {
  "Xandra Testmelder", "7654321", "xandra@example.org", "Yorick Testbetrokkene",
  "1234567", "Zeno Omstander", "DOSSIER-TEST-1", "Quirinus zei iets kwetsends",
};

static CkRegister *
make_register_with_case (const char  *dir,
                         gint64      *id)
{
  CkRegister *reg = ck_test_create_register (dir, "register.sqlite");
  g_autoptr(CkCase) kase = ck_test_make_full_case ();
  g_autoptr(GError) error = NULL;

  g_assert_true (ck_register_save_case (reg, kase, &error));
  g_assert_no_error (error);
  *id = kase->id;
  return reg;
}

/* No confidential value is in the register's files in readable form,
 * while the non-confidential ones are (so the search is not blind). */
static void
test_ciphertext_only (void)
{
  g_autofree char *dir = ck_test_make_dir ();
  g_autoptr(CkRegister) reg = NULL;
  g_autoptr(GBytes) files = NULL;
  gint64 id;

  reg = make_register_with_case (dir, &id);
  files = ck_test_read_register_files (ck_register_get_path (reg));

  g_assert_true (ck_test_bytes_contain (files, "disciplinair", strlen ("disciplinair")));
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    if (ck_test_bytes_contain (files, secrets[i], strlen (secrets[i])))
      g_error ("“%s” is readable in the register file", secrets[i]);

  g_clear_object (&reg);
  ck_test_remove_dir (dir);
}

static void
test_file_mode (void)
{
  g_autofree char *dir = ck_test_make_dir ();
  g_autoptr(CkRegister) reg = NULL;
  GStatBuf st;
  gint64 id;

  reg = make_register_with_case (dir, &id);
  g_assert_cmpint (g_stat (ck_register_get_path (reg), &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* A register that became readable to others is made private on open. */
  g_clear_object (&reg);
  {
    g_autofree char *path = g_build_filename (dir, "register.sqlite", NULL);
    g_autoptr(GError) error = NULL;

    g_chmod (path, 0644);
    reg = ck_register_open (path, &error);
    g_assert_no_error (error);
    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }

  g_clear_object (&reg);
  ck_test_remove_dir (dir);
}

static void
test_wrong_passphrase (void)
{
  g_autofree char *dir = ck_test_make_dir ();
  g_autoptr(CkRegister) reg = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gint64 id;

  reg = make_register_with_case (dir, &id);
  path = g_strdup (ck_register_get_path (reg));
  g_clear_object (&reg);

  reg = ck_register_open (path, &error);
  g_assert_no_error (error);
  g_assert_false (ck_register_is_unlocked (reg));

  g_assert_false (ck_register_unlock (reg, "correct horse battery!", &error));
  g_assert_error (error, CK_ERROR, CK_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);

  /* Nothing is readable while locked. */
  g_assert_null (ck_register_get_case (reg, id, FALSE, &error));
  g_assert_error (error, CK_ERROR, CK_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (ck_register_get_cases (reg)), ==, 0);

  g_assert_true (ck_register_unlock (reg, CK_TEST_PASSPHRASE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (ck_register_get_cases (reg)), ==, 1);

  g_clear_object (&reg);
  ck_test_remove_dir (dir);
}

static void
test_change_passphrase_and_key (void)
{
  g_autofree char *dir = ck_test_make_dir ();
  g_autoptr(CkRegister) reg = NULL;
  g_autoptr(CkSecretKey) key = NULL;
  g_autoptr(CkSecretKey) wrong_key = ck_secret_key_new_random ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gint64 id;

  reg = make_register_with_case (dir, &id);
  path = g_strdup (ck_register_get_path (reg));
  key = ck_register_dup_key (reg);
  g_assert_true (ck_register_change_passphrase (reg, "a new passphrase", &error));
  g_assert_no_error (error);
  g_clear_object (&reg);

  reg = ck_register_open (path, &error);
  g_assert_false (ck_register_unlock (reg, CK_TEST_PASSPHRASE, &error));
  g_assert_error (error, CK_ERROR, CK_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  g_assert_true (ck_register_unlock (reg, "a new passphrase", &error));
  g_clear_object (&reg);

  /* The keyring path: the right key opens it, another key does not. */
  reg = ck_register_open (path, &error);
  g_assert_false (ck_register_unlock_with_key (reg, wrong_key, &error));
  g_assert_error (error, CK_ERROR, CK_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  g_assert_true (ck_register_unlock_with_key (reg, key, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (ck_register_get_cases (reg)), ==, 1);

  /* With no case left to try a key on, the stored check still refuses
   * another key. */
  g_assert_true (ck_register_erase_case (reg, id, &error));
  g_assert_no_error (error);
  g_clear_object (&reg);
  reg = ck_register_open (path, &error);
  g_assert_false (ck_register_unlock_with_key (reg, wrong_key, &error));
  g_assert_error (error, CK_ERROR, CK_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  g_assert_true (ck_register_unlock_with_key (reg, key, &error));
  g_assert_no_error (error);

  g_clear_object (&reg);
  ck_test_remove_dir (dir);
}

static GBytes *
read_blob (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GBytes *blob = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    blob = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return blob;
}

/* Erasing destroys the case's sealed data key and its sealed values in
 * the database file and in the WAL: what is left cannot be decrypted, even
 * with the passphrase. */
static void
test_erase_is_unrecoverable (void)
{
  g_autofree char *dir = ck_test_make_dir ();
  g_autoptr(CkRegister) reg = NULL;
  g_autoptr(GBytes) wrapped_key = NULL;
  g_autoptr(GBytes) sealed_narrative = NULL;
  g_autoptr(GBytes) files = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  reg = make_register_with_case (dir, &id);
  wrapped_key = read_blob (ck_register_get_path (reg), "SELECT wrapped_key FROM case_seals");
  sealed_narrative = read_blob (ck_register_get_path (reg), "SELECT sealed FROM case_seals");
  g_assert_nonnull (wrapped_key);
  g_assert_nonnull (sealed_narrative);

  files = ck_test_read_register_files (ck_register_get_path (reg));
  g_assert_true (ck_test_bytes_contain (files, g_bytes_get_data (wrapped_key, NULL), g_bytes_get_size (wrapped_key)));
  g_clear_pointer (&files, g_bytes_unref);

  g_assert_true (ck_register_delete_case (reg, id, &error));
  g_assert_true (ck_register_erase_case (reg, id, &error));
  g_assert_no_error (error);

  files = ck_test_read_register_files (ck_register_get_path (reg));
  g_assert_false (ck_test_bytes_contain (files, g_bytes_get_data (wrapped_key, NULL), g_bytes_get_size (wrapped_key)));
  g_assert_false (ck_test_bytes_contain (files, g_bytes_get_data (sealed_narrative, NULL), g_bytes_get_size (sealed_narrative)));

  g_assert_null (ck_register_get_case (reg, id, TRUE, &error));
  g_assert_error (error, CK_ERROR, CK_ERROR_NOT_FOUND);

  g_clear_object (&reg);
  ck_test_remove_dir (dir);
}

static void
test_sealed_values_are_bound (void)
{
  g_autoptr(CkSecretKey) key = ck_secret_key_new_random ();
  g_autoptr(CkSecretKey) other = ck_secret_key_new_random ();
  g_autoptr(GBytes) sealed = ck_secret_key_seal (key, "geheim", 6, "case-a/narrative");
  g_autoptr(GError) error = NULL;
  g_autofree char *opened = NULL;
  char *fail;

  opened = ck_secret_key_open_string (key, sealed, "case-a/narrative", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (opened, ==, "geheim");

  /* Moved to another field or case, or under another key: refused. */
  fail = ck_secret_key_open_string (key, sealed, "case-a/notes", &error);
  g_assert_null (fail);
  g_assert_error (error, CK_ERROR, CK_ERROR_CORRUPT);
  g_clear_error (&error);
  fail = ck_secret_key_open_string (other, sealed, "case-a/narrative", &error);
  g_assert_null (fail);
  g_assert_error (error, CK_ERROR, CK_ERROR_CORRUPT);
}

/* The bulk path gives each case a data key of its own, as saving one case
 * does: a key shared between cases would survive the erasure of one. */
static void
test_bulk_cases_have_own_keys (void)
{
  g_autofree char *dir = ck_test_make_dir ();
  g_autoptr(CkRegister) reg = ck_test_create_register (dir, "register.sqlite");
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func ((GDestroyNotify) ck_case_free);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func ((GDestroyNotify) ck_secret_key_free);
  g_autoptr(CkSecretKey) register_key = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  for (guint i = 0; i < 4; i++)
    g_ptr_array_add (cases, ck_test_make_full_case ());
  g_assert_true (ck_register_insert_cases (reg, cases, &error));
  g_assert_no_error (error);

  register_key = ck_register_dup_key (reg);
  g_assert_cmpint (sqlite3_open_v2 (ck_register_get_path (reg), &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT c.uid, s.wrapped_key FROM cases c JOIN case_seals s ON s.case_id = c.id", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *context = g_strconcat ("case-key/", sqlite3_column_text (stmt, 0), NULL);
      g_autoptr(GBytes) wrapped = g_bytes_new (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
      CkSecretKey *key = ck_secret_key_unwrap (register_key, wrapped, context, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < keys->len; i++)
        g_assert_false (memcmp (ck_secret_key_get_data (key), ck_secret_key_get_data (keys->pdata[i]),
                                CK_SECRET_KEY_BYTES) == 0);
      g_ptr_array_add (keys, key);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (keys->len, ==, 4);

  for (guint i = 0; i < cases->len; i++)
    {
      g_autoptr(CkCase) loaded = ck_register_get_case (reg, ((CkCase *) cases->pdata[i])->id, TRUE, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (loaded->narrative, ==, ((CkCase *) cases->pdata[i])->narrative);
      g_assert_cmpstr (loaded->reporter_name, ==, ((CkCase *) cases->pdata[i])->reporter_name);
    }

  g_clear_object (&reg);
  ck_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/encryption/ciphertext-only", test_ciphertext_only);
  g_test_add_func ("/encryption/file-mode", test_file_mode);
  g_test_add_func ("/encryption/wrong-passphrase", test_wrong_passphrase);
  g_test_add_func ("/encryption/change-passphrase-and-key", test_change_passphrase_and_key);
  g_test_add_func ("/encryption/erase-is-unrecoverable", test_erase_is_unrecoverable);
  g_test_add_func ("/encryption/sealed-values-are-bound", test_sealed_values_are_bound);
  g_test_add_func ("/encryption/bulk-cases-have-own-keys", test_bulk_cases_have_own_keys);

  return g_test_run ();
}
