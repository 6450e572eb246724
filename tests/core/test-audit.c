/* test-audit.c: the change history of a case
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <sqlite3.h>

#include "ck-audit.h"
#include "ck-case.h"
#include "ck-register.h"
#include "ck-test-util.h"

static CkAuditEntry *
entry (GPtrArray *history,
       guint      i)
{
  g_assert_cmpuint (i, <, history->len);
  return history->pdata[i];
}

static void
test_history (void)
{
  g_autofree char *dir = ck_test_make_dir ();
  g_autoptr(CkRegister) reg = ck_test_create_register (dir, "register.sqlite");
  g_autoptr(CkCase) kase = ck_test_make_full_case ();
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;

  ck_register_set_actor (reg, "coordinator-ams");
  g_assert_true (ck_register_save_case (reg, kase, &error));

  g_free (kase->status);
  kase->status = g_strdup ("gesloten");
  g_free (kase->narrative);
  kase->narrative = g_strdup ("Nieuwe geheime tekst over Quirinus");
  g_assert_true (ck_register_save_case (reg, kase, &error));

  /* Saving without a change records nothing. */
  g_assert_true (ck_register_save_case (reg, kase, &error));

  g_assert_true (ck_register_delete_case (reg, kase->id, &error));
  g_assert_true (ck_register_restore_case (reg, kase->id, &error));
  g_assert_no_error (error);

  history = ck_register_get_history (reg, kase->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 5);

  g_assert_cmpstr (entry (history, 0)->action, ==, "created");
  g_assert_cmpstr (entry (history, 0)->actor, ==, "coordinator-ams");
  g_assert_cmpint (entry (history, 0)->at, >, 1700000000);

  g_assert_cmpstr (entry (history, 1)->action, ==, "changed");
  g_assert_cmpstr (entry (history, 1)->field, ==, "status");
  g_assert_cmpstr (entry (history, 1)->old_value, ==, "afgedaan");
  g_assert_cmpstr (entry (history, 1)->new_value, ==, "gesloten");
  g_assert_false (entry (history, 1)->confidential);

  /* A confidential field: only that it changed, never its values. */
  g_assert_cmpstr (entry (history, 2)->field, ==, "narrative");
  g_assert_true (entry (history, 2)->confidential);
  g_assert_null (entry (history, 2)->old_value);
  g_assert_null (entry (history, 2)->new_value);

  g_assert_cmpstr (entry (history, 3)->action, ==, "deleted");
  g_assert_cmpstr (entry (history, 4)->action, ==, "restored");

  g_clear_object (&reg);
  ck_test_remove_dir (dir);
}

static void
test_append_only (void)
{
  g_autofree char *dir = ck_test_make_dir ();
  g_autoptr(CkRegister) reg = ck_test_create_register (dir, "register.sqlite");
  g_autoptr(CkCase) kase = ck_test_make_full_case ();
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_true (ck_register_save_case (reg, kase, &error));
  g_assert_cmpint (sqlite3_open (ck_register_get_path (reg), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit SET actor = 'someone else'", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  sqlite3_close (db);

  /* An erased case keeps its history, without anything confidential. */
  g_assert_true (ck_register_erase_case (reg, kase->id, &error));
  {
    g_autoptr(GPtrArray) history = ck_register_get_history (reg, kase->id, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (history->len, ==, 2);
    g_assert_cmpstr (entry (history, 1)->action, ==, "erased");
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

  g_test_add_func ("/audit/history", test_history);
  g_test_add_func ("/audit/append-only", test_append_only);

  return g_test_run ();
}
