/* test-register.c: storing cases and keeping the case list current
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "ck-case.h"
#include "ck-case-fields.h"
#include "ck-case-query.h"
#include "ck-case-row.h"
#include "ck-error.h"
#include "ck-register.h"
#include "ck-test-util.h"

typedef struct
{
  char       *dir;
  CkRegister *reg;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = ck_test_make_dir ();
  f->reg = ck_test_create_register (f->dir, "register.sqlite");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->reg);
  ck_test_remove_dir (f->dir);
  g_free (f->dir);
}

static void
assert_cases_equal (const CkCase *expected,
                    const CkCase *actual)
{
  const CkFieldInfo *fields;
  guint n_fields;

  fields = ck_case_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *want = ck_case_field_to_string (&fields[i], expected);
      g_autofree char *got = ck_case_field_to_string (&fields[i], actual);

      if (!ck_case_field_equal (&fields[i], expected, actual))
        g_error ("field %s: expected “%s”, got “%s”", fields[i].name, want, got);
    }
}

/* Every field of the field table is stored and read back unchanged. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(CkCase) kase = ck_test_make_full_case ();
  g_autoptr(CkCase) loaded = NULL;
  g_autoptr(CkCase) reopened_case = NULL;
  g_autoptr(CkRegister) reopened = NULL;
  g_autoptr(GError) error = NULL;
  const CkFieldInfo *fields;
  guint n_fields;

  /* The test case must exercise every field, or the test proves less. */
  fields = ck_case_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (!g_str_equal (fields[i].name, "reference"))
      g_assert_false (ck_case_field_is_empty (&fields[i], kase));

  g_assert_true (ck_register_save_case (f->reg, kase, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kase->id, >, 0);
  g_assert_cmpstr (kase->reference, ==, "AMS-2024-0001");

  loaded = ck_register_get_case (f->reg, kase->id, TRUE, &error);
  g_assert_no_error (error);
  assert_cases_equal (kase, loaded);

  /* …and after closing and opening the file again. */
  {
    g_autofree char *path = g_strdup (ck_register_get_path (f->reg));

    reopened = ck_register_open (path, &error);
    g_assert_no_error (error);
    g_assert_true (ck_register_unlock (reopened, CK_TEST_PASSPHRASE, &error));
    g_assert_no_error (error);
  }

  reopened_case = ck_register_find_case (reopened, "AMS-2024-0001", TRUE, &error);
  g_assert_no_error (error);
  assert_cases_equal (kase, reopened_case);
}

static void
test_without_confidential (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(CkCase) kase = ck_test_make_full_case ();
  g_autoptr(CkCase) plain = NULL;
  g_autoptr(CkCase) full = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ck_register_save_case (f->reg, kase, &error));

  plain = ck_register_get_case (f->reg, kase->id, FALSE, &error);
  g_assert_no_error (error);
  g_assert_false (plain->has_confidential);
  g_assert_null (plain->narrative);
  g_assert_null (plain->reporter_name);

  /* Saving a case loaded without its confidential fields keeps them. */
  g_free (plain->status);
  plain->status = g_strdup ("gesloten");
  g_assert_true (ck_register_save_case (f->reg, plain, &error));
  g_assert_no_error (error);

  full = ck_register_get_case (f->reg, kase->id, TRUE, &error);
  g_assert_cmpstr (full->status, ==, "gesloten");
  g_assert_cmpstr (full->narrative, ==, kase->narrative);
  g_assert_cmpstr (full->reporter_name, ==, kase->reporter_name);
}

static void
test_references (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *expected[] = { "AMS-2024-0001", "AMS-2024-0002", "AMS-2023-0001" };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(CkCase) kase = ck_test_make_full_case ();

      if (i == 2)
        {
          g_date_set_dmy (&kase->incident_date, 1, 3, 2023);
          g_date_set_dmy (&kase->report_date, 2, 3, 2023);
        }
      g_assert_true (ck_register_save_case (f->reg, kase, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (kase->reference, ==, expected[i]);
    }
}

static void
test_invalid_is_not_saved (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(CkCase) kase = ck_test_make_full_case ();
  g_autoptr(GError) error = NULL;

  g_date_set_dmy (&kase->disposal_date, 1, 1, 2024);
  g_assert_false (ck_register_save_case (f->reg, kase, &error));
  g_assert_error (error, CK_ERROR, CK_ERROR_INVALID);
  g_assert_cmpstr (ck_error_get_field (error), ==, "disposal_date");
  g_assert_cmpint (kase->id, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (ck_register_get_cases (f->reg)), ==, 0);
}

static void
test_list_follows_changes (Fixture       *f,
                           gconstpointer  data)
{
  GListModel *cases = ck_register_get_cases (f->reg);
  g_autoptr(CkCase) first = ck_test_make_full_case ();
  g_autoptr(CkCase) second = ck_test_make_full_case ();
  g_autoptr(CkCaseRow) row = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ck_register_save_case (f->reg, first, &error));
  g_assert_true (ck_register_save_case (f->reg, second, &error));
  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 2);

  g_free (second->status);
  second->status = g_strdup ("gesloten");
  g_assert_true (ck_register_save_case (f->reg, second, &error));
  row = g_list_model_get_item (cases, 1);
  g_assert_cmpstr (ck_case_row_get_status (row), ==, "gesloten");
  g_assert_cmpstr (ck_case_row_get_reference (row), ==, second->reference);
  g_assert_cmpstr (ck_case_row_get_grounds (row)[0], ==, "herkomst");
  g_assert_cmpstr (ck_case_row_get_grounds (row)[1], ==, "leeftijd");
  /* From the report on 4 March to the disposal on 20 June 2024. */
  g_assert_cmpint (ck_case_row_get_days_open (row), ==, 108);

  g_assert_true (ck_register_delete_case (f->reg, first->id, &error));
  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 1);

  g_assert_true (ck_register_restore_case (f->reg, first->id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 2);
  g_clear_object (&row);
  row = g_list_model_get_item (cases, 0);
  g_assert_cmpint (ck_case_row_get_id (row), ==, first->id);

  g_assert_true (ck_register_delete_case (f->reg, first->id, &error));
  g_assert_true (ck_register_empty_bin (f->reg, &error));
  g_assert_no_error (error);
  g_assert_false (ck_register_restore_case (f->reg, first->id, &error));
  g_assert_error (error, CK_ERROR, CK_ERROR_NOT_FOUND);
}

static void
test_bin_emptied_on_next_start (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(CkCase) kase = ck_test_make_full_case ();
  g_autoptr(CkRegister) reopened = NULL;
  g_autoptr(CkCase) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (ck_register_get_path (f->reg));

  g_assert_true (ck_register_save_case (f->reg, kase, &error));
  g_assert_true (ck_register_delete_case (f->reg, kase->id, &error));

  /* Within the grace period a crash must not lose the chance to undo. */
  reopened = ck_register_open (path, &error);
  g_assert_true (ck_register_unlock (reopened, CK_TEST_PASSPHRASE, &error));
  g_assert_true (ck_register_restore_case (reopened, kase->id, &error));
  g_assert_no_error (error);
  found = ck_register_get_case (reopened, kase->id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->narrative, ==, kase->narrative);
}

static void
test_bulk_all_or_nothing (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func ((GDestroyNotify) ck_case_free);
  g_autoptr(CkCaseQuery) query = ck_case_query_new ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  CkCase *bad;

  for (guint i = 0; i < 10; i++)
    g_ptr_array_add (cases, ck_test_make_full_case ());
  bad = cases->pdata[7];
  g_free (bad->kind);
  bad->kind = g_strdup ("gerucht");

  g_assert_false (ck_register_insert_cases (f->reg, cases, &error));
  g_assert_error (error, CK_ERROR, CK_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Case 8: "));
  g_assert_cmpuint (g_list_model_get_n_items (ck_register_get_cases (f->reg)), ==, 0);

  g_clear_error (&error);
  g_free (bad->kind);
  bad->kind = g_strdup ("klacht");
  g_assert_true (ck_register_insert_cases (f->reg, cases, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (ck_register_get_cases (f->reg)), ==, 10);

  /* Every case is in the search index, which the bulk path fills last. */
  query->text = g_strdup ("disciplinair");
  ids = ck_register_query (f->reg, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 10);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  CkCase **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = ck_register_save_case_finish (CK_REGISTER (object), result, &error);
  g_assert_no_error (error);
}

static void
test_save_async (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(CkCase) kase = ck_test_make_full_case ();
  g_autoptr(CkCase) saved = NULL;

  ck_register_save_case_async (f->reg, kase, NULL, saved_cb, &saved);
  while (saved == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpstr (saved->reference, ==, "AMS-2024-0001");
  g_assert_cmpint (kase->id, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (ck_register_get_cases (f->reg)), ==, 1);
}

/* Rows keep their values compactly; what goes in comes out, however
 * long the reference and whether or not a field is set. */
static void
test_row_values (void)
{
  g_autoptr(CkCaseRow) row = ck_case_row_new (7, "AMS-2025-0042", "2025-03-04", "melding",
                                              "herkomst,leeftijd", "", "open", "team-noord", 12);
  g_autoptr(CkCaseRow) same = ck_case_row_new (8, "AMS-2025-0043", "2025-03-04", "melding",
                                               "herkomst,leeftijd", NULL, "open", NULL, -1);
  g_autoptr(CkCaseRow) long_reference = ck_case_row_new (9, "ZEER-LANGE-CODE-2025-123456", NULL, NULL,
                                                         NULL, "uitsluiting", NULL, NULL, 0);
  g_autoptr(CkCaseRow) odd_reference = ck_case_row_new (10, "\xff", NULL, NULL, NULL, NULL, NULL, NULL, 0);

  g_assert_cmpint (ck_case_row_get_id (row), ==, 7);
  g_assert_cmpstr (ck_case_row_get_reference (row), ==, "AMS-2025-0042");
  g_assert_cmpstr (ck_case_row_get_report_date (row), ==, "2025-03-04");
  g_assert_cmpstr (ck_case_row_get_kind (row), ==, "melding");
  g_assert_cmpstrv (ck_case_row_get_grounds (row), ((const char * const[]) { "herkomst", "leeftijd", NULL }));
  g_assert_null (ck_case_row_get_manifestations (row)[0]);
  g_assert_cmpstr (ck_case_row_get_status (row), ==, "open");
  g_assert_cmpstr (ck_case_row_get_team (row), ==, "team-noord");
  g_assert_cmpint (ck_case_row_get_days_open (row), ==, 12);

  /* Values that repeat are shared. */
  g_assert_true (ck_case_row_get_grounds (same) == ck_case_row_get_grounds (row));
  g_assert_true (ck_case_row_get_report_date (same) == ck_case_row_get_report_date (row));
  g_assert_null (ck_case_row_get_team (same));
  g_assert_cmpint (ck_case_row_get_days_open (same), ==, -1);

  g_assert_cmpstr (ck_case_row_get_reference (long_reference), ==, "ZEER-LANGE-CODE-2025-123456");
  g_assert_null (ck_case_row_get_report_date (long_reference));
  g_assert_null (ck_case_row_get_grounds (long_reference)[0]);
  g_assert_cmpstrv (ck_case_row_get_manifestations (long_reference), ((const char * const[]) { "uitsluiting", NULL }));
  g_assert_cmpstr (ck_case_row_get_reference (odd_reference), ==, "\xff");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/register/round-trip", Fixture, NULL, fixture_set_up, test_round_trip, fixture_tear_down);
  g_test_add ("/register/without-confidential", Fixture, NULL, fixture_set_up, test_without_confidential, fixture_tear_down);
  g_test_add ("/register/references", Fixture, NULL, fixture_set_up, test_references, fixture_tear_down);
  g_test_add ("/register/invalid-is-not-saved", Fixture, NULL, fixture_set_up, test_invalid_is_not_saved, fixture_tear_down);
  g_test_add ("/register/list-follows-changes", Fixture, NULL, fixture_set_up, test_list_follows_changes, fixture_tear_down);
  g_test_add ("/register/bin-kept-after-crash", Fixture, NULL, fixture_set_up, test_bin_emptied_on_next_start, fixture_tear_down);
  g_test_add ("/register/bulk-all-or-nothing", Fixture, NULL, fixture_set_up, test_bulk_all_or_nothing, fixture_tear_down);
  g_test_add_func ("/register/row-values", test_row_values);
  g_test_add ("/register/save-async", Fixture, NULL, fixture_set_up, test_save_async, fixture_tear_down);

  return g_test_run ();
}
