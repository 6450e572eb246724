/* test-vocabulary.c: the code lists and dates as people type them
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "ck-date.h"
#include "ck-vocabulary.h"

static void
test_builtin (void)
{
  CkVocabulary *vocabulary = ck_vocabulary_get_default ();
  const CkTerm *term;
  const char *codes[] = { "herkomst", "leeftijd", NULL };
  g_autofree char *joined = NULL;

  g_assert_cmpuint (ck_vocabulary_get_version (vocabulary), >=, 1);
  g_assert_cmpuint (ck_vocabulary_get_terms (vocabulary, CK_VOCAB_GROUNDS)->len, ==, 15);
  g_assert_cmpuint (ck_vocabulary_get_terms (vocabulary, CK_VOCAB_UNITS)->len, ==, 13);
  g_assert_cmpuint (ck_vocabulary_get_terms (vocabulary, "no-such-list")->len, ==, 0);

  term = ck_vocabulary_lookup (vocabulary, CK_VOCAB_MEASURES, "ontslag");
  g_assert_nonnull (term);
  g_assert_cmpint (term->severity, ==, 12);
  g_assert_cmpstr (term->label, ==, "Dismissal");
  g_assert_null (ck_vocabulary_lookup (vocabulary, CK_VOCAB_MEASURES, "herkomst"));

  g_assert_cmpstr (ck_vocabulary_get_label (vocabulary, CK_VOCAB_UNITS, "RTD"), ==, "Rotterdam");
  g_assert_cmpstr (ck_vocabulary_get_label (vocabulary, CK_VOCAB_GROUNDS, "x_nieuw"), ==, "x_nieuw");

  joined = ck_vocabulary_join_labels (vocabulary, CK_VOCAB_GROUNDS, codes);
  g_assert_cmpstr (joined, ==, "Origin, race or skin colour, Age");
}

static void
test_severity_is_ordered (void)
{
  GPtrArray *measures = ck_vocabulary_get_terms (ck_vocabulary_get_default (), CK_VOCAB_MEASURES);
  int last = -1;

  for (guint i = 0; i < measures->len; i++)
    {
      const CkTerm *term = measures->pdata[i];

      g_assert_cmpint (term->severity, >=, last);
      last = term->severity;
    }
}

static void
test_invalid_files (void)
{
  const char *bad[] = {
    "<vocabularies><vocabulary id='a'><term code='x'><label>X</label></term></vocabulary></vocabularies>",
    "<vocabularies version='1'><vocabulary id='a'><term code='x'/></vocabulary></vocabularies>",
    "<vocabularies version='1'><vocabulary id='a'><term code='x y'><label>X</label></term></vocabulary></vocabularies>",
    "<vocabularies version='1'><vocabulary id='a'><term code='x'><label>X</label></term><term code='x'><label>Y</label></term></vocabulary></vocabularies>",
    "<vocabularies version='1'><vocabulary id='a'><term code='x'><label>X</label></term>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (bad[i], strlen (bad[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(CkVocabulary) vocabulary = ck_vocabulary_new_from_bytes (bytes, &error);

      g_assert_null (vocabulary);
      g_assert_nonnull (error);
    }
}

static void
test_dates (void)
{
  GDate date;
  g_autofree char *iso = NULL;
  g_autofree char *quarter = NULL;

  g_assert_true (ck_date_parse_user (&date, "15-03-2024"));
  iso = ck_date_to_iso (&date);
  g_assert_cmpstr (iso, ==, "2024-03-15");
  g_assert_true (ck_date_parse_user (&date, " 2024-3-15 "));
  g_assert_cmpint (g_date_get_day (&date), ==, 15);
  g_assert_true (ck_date_parse_user (&date, "15/3/2024"));
  g_assert_true (ck_date_parse_user (&date, "15.03.2024"));
  quarter = ck_date_to_quarter (&date);
  g_assert_cmpstr (quarter, ==, "2024Q1");

  g_assert_true (ck_date_parse_user (&date, ""));
  g_assert_false (ck_date_is_set (&date));

  g_assert_false (ck_date_parse_user (&date, "15-03"));
  g_assert_false (ck_date_parse_user (&date, "15-03/2024"));
  g_assert_false (ck_date_parse_user (&date, "30-02-2024"));
  g_assert_false (ck_date_parse_user (&date, "2024-03-15x"));
  g_assert_false (ck_date_parse_user (&date, "morgen"));
  g_assert_false (ck_date_from_iso (&date, "15-03-2024"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vocabulary/builtin", test_builtin);
  g_test_add_func ("/vocabulary/severity-is-ordered", test_severity_is_ordered);
  g_test_add_func ("/vocabulary/invalid-files", test_invalid_files);
  g_test_add_func ("/vocabulary/dates", test_dates);

  return g_test_run ();
}
