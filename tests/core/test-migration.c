/* test-migration.c: registers from older versions
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "ck-case.h"
#include "ck-case-query.h"
#include "ck-error.h"
#include "ck-guidance.h"
#include "ck-register.h"
#include "ck-retention.h"
#include "ck-schema.h"
#include "ck-sessions.h"
#include "ck-test-util.h"

/* Builds a register file from an SQL dump that an earlier version wrote. */
static char *
load_fixture (const char *dir,
              const char *name)
{
  g_autofree char *dump = NULL;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "old.sqlite", NULL);
  sqlite3 *db = NULL;

  g_file_get_contents (g_test_get_filename (G_TEST_DIST, "core", "fixtures", name, NULL), &dump, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, dump, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  return path;
}

/* Version 1 (no search index) is upgraded and keeps every case, the
 * confidential values included; the index is built on unlock. */
static void
test_from_version_1 (void)
{
  g_autofree char *dir = ck_test_make_dir ();
  g_autofree char *path = load_fixture (dir, "register-v1.sql");
  g_autoptr(CkRegister) reg = NULL;
  g_autoptr(CkCase) kase = NULL;
  g_autoptr(CkCaseQuery) query = ck_case_query_new ();
  g_autoptr(GArray) found = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  reg = ck_register_open (path, &error);
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpuint (ck_schema_get_version (db), ==, ck_schema_get_latest_version ());
  sqlite3_close (db);

  g_assert_true (ck_register_unlock (reg, CK_TEST_PASSPHRASE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (ck_register_get_cases (reg)), ==, 3);

  kase = ck_register_find_case (reg, "AMS-2024-0002", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kase->narrative, ==, "Geheim verhaal: Quirinus zei iets kwetsends.");
  g_assert_cmpstr (kase->reporter_name, ==, "Xandra Testmelder");
  g_assert_cmpstr (kase->grounds[0], ==, "herkomst");
  g_assert_cmpuint (kase->measures->len, ==, 2);

  query->text = g_strdup ("herkomst");
  found = ck_register_query (reg, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 3);

  history = ck_register_get_history (reg, kase->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);

  g_clear_object (&reg);
  ck_test_remove_dir (dir);
}

/* Version 5 is what the first release with the handling guidance and
 * statistics wrote; the migrations added since (synchronisation, sessions,
 * retention) come after it, never between, so it upgrades with its cases,
 * their guidance dates and the unit's deadlines, and the new features
 * work on it. */
static void
test_from_version_5 (void)
{
  g_autofree char *dir = ck_test_make_dir ();
  g_autofree char *path = load_fixture (dir, "register-v5.sql");
  g_autoptr(CkRegister) reg = NULL;
  g_autoptr(CkCase) kase = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GError) error = NULL;
  CkDeadlines deadlines;
  sqlite3 *db = NULL;
  GDate acknowledged;

  reg = ck_register_open (path, &error);
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpuint (ck_schema_get_version (db), ==, ck_schema_get_latest_version ());
  sqlite3_close (db);

  g_assert_true (ck_register_unlock (reg, CK_TEST_PASSPHRASE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (ck_register_get_cases (reg)), ==, 4);

  kase = ck_register_find_case (reg, "AMS-2025-0001", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kase->reporter_name, ==, "Jelle Lindeboom");
  g_assert_nonnull (strstr (kase->narrative, "nachtdiensten"));
  g_date_set_dmy (&acknowledged, 23, G_DATE_FEBRUARY, 2025);
  g_assert_cmpint (g_date_compare (&kase->acknowledged_date, &acknowledged), ==, 0);

  ck_guidance_get_deadlines (reg, &deadlines);
  g_assert_cmpint (deadlines.value[CK_DEADLINE_ACKNOWLEDGE], ==, 5);
  g_assert_cmpint (ck_retention_get_years (reg), ==, CK_RETENTION_DEFAULT_YEARS);
  sessions = ck_sessions_list (reg, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sessions->len, ==, 0);

  g_clear_object (&reg);
  ck_test_remove_dir (dir);
}

/* A register from a newer version is refused, not damaged. */
static void
test_too_new (void)
{
  g_autofree char *dir = ck_test_make_dir ();
  g_autoptr(CkRegister) reg = ck_test_create_register (dir, "register.sqlite");
  g_autofree char *path = g_strdup (ck_register_get_path (reg));
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %u", ck_schema_get_latest_version () + 1);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_clear_object (&reg);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  reg = ck_register_open (path, &error);
  g_assert_null (reg);
  g_assert_error (error, CK_ERROR, CK_ERROR_TOO_NEW);

  ck_test_remove_dir (dir);
}

static void
test_not_a_register (void)
{
  g_autofree char *dir = ck_test_make_dir ();
  g_autofree char *text = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *other = g_build_filename (dir, "other.sqlite", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.sqlite", NULL);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  CkRegister *reg;
  sqlite3 *db = NULL;

  g_file_set_contents (text, "dit is geen register", -1, &error);
  reg = ck_register_open (text, &error);
  g_assert_null (reg);
  g_assert_error (error, CK_ERROR, CK_ERROR_CORRUPT);
  g_clear_error (&error);
  g_file_get_contents (text, &after, NULL, NULL);
  g_assert_cmpstr (after, ==, "dit is geen register");

  g_assert_cmpint (sqlite3_open (other, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  reg = ck_register_open (other, &error);
  g_assert_null (reg);
  g_assert_error (error, CK_ERROR, CK_ERROR_CORRUPT);
  g_clear_error (&error);

  reg = ck_register_open (missing, &error);
  g_assert_null (reg);
  g_assert_error (error, CK_ERROR, CK_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  ck_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/migration/from-version-1", test_from_version_1);
  g_test_add_func ("/migration/from-version-5", test_from_version_5);
  g_test_add_func ("/migration/too-new", test_too_new);
  g_test_add_func ("/migration/not-a-register", test_not_a_register);

  return g_test_run ();
}
