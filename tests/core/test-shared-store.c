/* test-shared-store.c: anonymised records in the register
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "ck-case.h"
#include "ck-error.h"
#include "ck-register.h"
#include "ck-shared-store.h"
#include "ck-test-util.h"

static CkSharedRecord *
make_record (const char *id,
             const char *unit)
{
  CkSharedRecord *record = ck_shared_record_new ();
  CkMeasure fine = { g_strdup ("geldboete"), TRUE };
  CkMeasure course = { g_strdup ("educatief"), FALSE };

  record->id = g_strdup (id);
  record->unit = g_strdup (unit);
  record->replica = g_strdup ("0123456789abcdef0123456789abcdef");
  record->rev = 3;
  record->year = 2025;
  record->quarter = 2;
  record->team = g_strdup ("B04");
  record->kind = g_strdup ("melding");
  record->channel = g_strdup ("vik");
  g_strfreev (record->grounds);
  record->grounds = g_strsplit ("herkomst,leeftijd", ",", -1);
  g_strfreev (record->manifestations);
  record->manifestations = g_strsplit ("uitlating", ",", -1);
  record->reporter_role = g_strdup ("slachtoffer");
  record->subject_role = g_strdup ("collega");
  record->subject_is_manager = CK_TRISTATE_NO;
  record->bystanders_present = CK_TRISTATE_YES;
  record->triage_route = g_strdup ("disciplinair");
  record->lc_consulted = TRUE;
  record->finding = g_strdup ("gegrond");
  g_array_append_val (record->measures, course);
  g_array_append_val (record->measures, fine);
  record->restoration_offered = CK_TRISTATE_YES;
  record->reporter_left = CK_TRISTATE_NO;
  record->status = g_strdup ("afgedaan");
  record->days_to_triage = 9;
  record->days_to_disposal = 120;

  return record;
}

static void
test_round_trip (void)
{
  g_autofree char *dir = ck_test_make_dir ();
  g_autoptr(CkRegister) reg = ck_test_create_register (dir, "register.sqlite");
  g_autoptr(CkSharedRecord) record = make_record ("aaaa0000000000000000000000000001", "RTD");
  g_autoptr(CkSharedRecord) other = make_record ("bbbb0000000000000000000000000002", "LIM");
  g_autoptr(CkSharedRecord) loaded = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) rtd = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *period = NULL;
  CkStorage *storage = ck_register_acquire (reg);

  g_assert_true (ck_storage_begin (storage, &error));
  g_assert_true (ck_shared_store_put (storage, record, FALSE, &error));
  g_assert_true (ck_shared_store_put (storage, other, FALSE, &error));
  g_assert_true (ck_storage_commit (storage, &error));
  g_assert_no_error (error);

  loaded = ck_shared_store_get (storage, record->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->unit, ==, "RTD");
  g_assert_cmpuint (loaded->rev, ==, 3);
  g_assert_cmpstr (loaded->grounds[1], ==, "leeftijd");
  g_assert_cmpuint (loaded->measures->len, ==, 2);
  g_assert_true (g_array_index (loaded->measures, CkMeasure, 1).conditional);
  g_assert_cmpint (ck_shared_record_get_sanction_level (loaded), ==, 6);
  g_assert_cmpint (loaded->bystanders_present, ==, CK_TRISTATE_YES);
  g_assert_cmpint (loaded->bystanders_intervened, ==, CK_TRISTATE_UNKNOWN);
  g_assert_cmpint (loaded->days_to_feedback, ==, -1);
  g_assert_cmpint (loaded->days_to_disposal, ==, 120);
  period = ck_shared_record_get_period (loaded);
  g_assert_cmpstr (period, ==, "2025Q2");

  all = ck_shared_store_list (storage, NULL, &error);
  rtd = ck_shared_store_list (storage, "RTD", &error);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpuint (rtd->len, ==, 1);

  /* A newer revision replaces the record, its code lists with it. */
  g_strfreev (record->grounds);
  record->grounds = g_strsplit ("geslacht", ",", -1);
  record->rev = 4;
  record->quarter = 0;
  g_assert_true (ck_shared_store_put (storage, record, FALSE, &error));
  g_clear_pointer (&loaded, ck_shared_record_free);
  loaded = ck_shared_store_get (storage, record->id, &error);
  g_assert_cmpstr (loaded->grounds[0], ==, "geslacht");
  g_assert_null (loaded->grounds[1]);
  g_clear_pointer (&period, g_free);
  period = ck_shared_record_get_period (loaded);
  g_assert_cmpstr (period, ==, "2025");

  g_assert_true (ck_shared_store_remove (storage, record->id, &error));
  g_clear_pointer (&loaded, ck_shared_record_free);
  loaded = ck_shared_store_get (storage, record->id, &error);
  g_assert_null (loaded);
  g_assert_error (error, CK_ERROR, CK_ERROR_NOT_FOUND);

  ck_register_release (reg);
  g_clear_object (&reg);
  ck_test_remove_dir (dir);
}

static void
test_lessons (void)
{
  g_autofree char *dir = ck_test_make_dir ();
  g_autoptr(CkRegister) reg = ck_test_create_register (dir, "register.sqlite");
  g_autoptr(CkSharedLesson) own = ck_shared_lesson_new ();
  g_autoptr(CkSharedLesson) theirs = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(GError) error = NULL;
  CkStorage *storage = ck_register_acquire (reg);

  own->id = g_strdup ("cccc0000000000000000000000000003");
  own->unit = g_strdup ("AMS");
  own->replica = g_strdup ("0123456789abcdef0123456789abcdef");
  own->rev = 1;
  own->year = 2026;
  own->quarter = 3;
  own->title = g_strdup ("Omstanders aanspreken");
  own->text = g_strdup ("Bespreek in de briefing wat omstanders kunnen doen.");
  g_strfreev (own->grounds);
  own->grounds = g_strsplit ("herkomst", ",", -1);

  theirs = ck_shared_lesson_copy (own);
  g_free (theirs->id);
  theirs->id = g_strdup ("dddd0000000000000000000000000004");
  g_free (theirs->unit);
  theirs->unit = g_strdup ("LIM");
  theirs->year = 2025;

  g_assert_true (ck_shared_store_put_lesson (storage, own, TRUE, &error));
  g_assert_true (ck_shared_store_put_lesson (storage, theirs, FALSE, &error));
  g_assert_no_error (error);

  all = ck_shared_store_list_lessons (storage, NULL, FALSE, &error);
  mine = ck_shared_store_list_lessons (storage, NULL, TRUE, &error);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpuint (mine->len, ==, 1);
  g_assert_cmpstr (((CkSharedLesson *) all->pdata[0])->unit, ==, "AMS");
  g_assert_cmpstr (((CkSharedLesson *) mine->pdata[0])->grounds[0], ==, "herkomst");
  g_assert_cmpstr (((CkSharedLesson *) mine->pdata[0])->text, ==, own->text);

  g_assert_true (ck_shared_store_remove_lesson (storage, own->id, &error));
  g_clear_pointer (&mine, g_ptr_array_unref);
  mine = ck_shared_store_list_lessons (storage, NULL, TRUE, &error);
  g_assert_cmpuint (mine->len, ==, 0);

  ck_register_release (reg);
  g_clear_object (&reg);
  ck_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/shared-store/round-trip", test_round_trip);
  g_test_add_func ("/shared-store/lessons", test_lessons);

  return g_test_run ();
}
