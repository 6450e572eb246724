/* test-demo.c: the demo register generator
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "ck-case.h"
#include "ck-case-fields.h"
#include "ck-case-validate.h"
#include "ck-date.h"
#include "ck-demo.h"
#include "ck-vocabulary.h"

static GDate until;

static char *
fingerprint (GPtrArray *cases)
{
  g_autoptr(GString) all = g_string_new (NULL);
  const CkFieldInfo *fields;
  guint n_fields;

  fields = ck_case_fields (&n_fields);
  for (guint c = 0; c < cases->len; c++)
    for (guint i = 0; i < n_fields; i++)
      {
        g_autofree char *value = ck_case_field_to_string (&fields[i], cases->pdata[c]);

        g_string_append_printf (all, "%s=%s\n", fields[i].name, value);
      }

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, all->str, all->len);
}

static void
test_deterministic (void)
{
  g_autoptr(GPtrArray) a = ck_demo_generate ("AMS", 300, 7, &until);
  g_autoptr(GPtrArray) b = ck_demo_generate ("AMS", 300, 7, &until);
  g_autoptr(GPtrArray) c = ck_demo_generate ("AMS", 300, 8, &until);
  g_autofree char *fa = fingerprint (a);
  g_autofree char *fb = fingerprint (b);
  g_autofree char *fc = fingerprint (c);

  g_assert_cmpstr (fa, ==, fb);
  g_assert_cmpstr (fa, !=, fc);
}

static void
test_valid_and_realistic (void)
{
  g_autoptr(GPtrArray) cases = ck_demo_generate ("RTD", CK_DEMO_CASES, CK_DEMO_SEED, &until);
  g_autoptr(GHashTable) grounds = g_hash_table_new (g_str_hash, g_str_equal);
  GDate first = until;
  guint reports = 0, triaged_reports = 0, disposed = 0, with_measures = 0;
  guint multiple_grounds = 0, conditional = 0;
  guint most = 0;
  const char *most_ground = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_date_subtract_years (&first, 3);
  g_assert_cmpuint (cases->len, ==, CK_DEMO_CASES);

  for (guint i = 0; i < cases->len; i++)
    {
      CkCase *kase = cases->pdata[i];
      g_autoptr(GPtrArray) errors = ck_case_check (kase, ck_vocabulary_get_default (), &until);

      if (errors->len > 0)
        g_error ("demo case %u is invalid: %s", i, ((GError *) errors->pdata[0])->message);

      g_assert_cmpstr (kase->unit, ==, "RTD");
      g_assert_cmpint (g_date_compare (&kase->report_date, &first), >=, 0);
      g_assert_nonnull (kase->narrative);
      g_assert_nonnull (kase->subject_name);

      for (char **g = kase->grounds; *g; g++)
        g_hash_table_insert (grounds, *g, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (grounds, *g)) + 1));
      multiple_grounds += g_strv_length (kase->grounds) > 1;

      if (g_str_equal (kase->kind, "melding") && ck_date_days_between (&kase->report_date, &until) > 60)
        {
          reports++;
          triaged_reports += ck_date_is_set (&kase->triage_date);
        }
      disposed += ck_date_is_set (&kase->disposal_date);
      with_measures += kase->measures->len > 0;
      for (guint m = 0; m < kase->measures->len; m++)
        conditional += g_array_index (kase->measures, CkMeasure, m).conditional;
    }

  g_hash_table_iter_init (&iter, grounds);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (value) > most)
      {
        most = GPOINTER_TO_UINT (value);
        most_ground = key;
      }

  /* The shapes the views and tests rely on. */
  g_assert_cmpstr (most_ground, ==, "herkomst");
  g_assert_cmpuint (g_hash_table_size (grounds), >=, 12);
  g_assert_cmpuint (multiple_grounds, >, cases->len / 10);
  g_assert_cmpfloat ((double) triaged_reports / reports, >, 0.8);
  g_assert_cmpuint (disposed, >, cases->len / 2);
  g_assert_cmpuint (with_measures, >, cases->len / 3);
  g_assert_cmpuint (conditional, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_date_clear (&until, 1);
  g_date_set_dmy (&until, 30, 9, 2026);

  g_test_add_func ("/demo/deterministic", test_deterministic);
  g_test_add_func ("/demo/valid-and-realistic", test_valid_and_realistic);

  return g_test_run ();
}
