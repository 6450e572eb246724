/* test-search.c: search as you type and the list filters
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <sqlite3.h>

#include "ck-case.h"
#include "ck-case-query.h"
#include "ck-register.h"
#include "ck-test-util.h"

typedef struct
{
  char       *dir;
  CkRegister *reg;
  gint64      ids[4];
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *grounds[] = { "antisemitisme", "herkomst", "herkomst,leeftijd", "geslacht" };
  const char *statuses[] = { "afgedaan", "afgedaan", "gesloten", "afgedaan" };
  const char *teams[] = { "B01", "B02", "REC", "B01" };
  g_autoptr(GError) error = NULL;

  f->dir = ck_test_make_dir ();
  f->reg = ck_test_create_register (f->dir, "register.sqlite");

  for (guint i = 0; i < G_N_ELEMENTS (f->ids); i++)
    {
      g_autoptr(CkCase) kase = ck_test_make_full_case ();

      g_strfreev (kase->grounds);
      kase->grounds = g_strsplit (grounds[i], ",", -1);
      g_free (kase->status);
      kase->status = g_strdup (statuses[i]);
      g_free (kase->team);
      kase->team = g_strdup (teams[i]);
      g_date_set_dmy (&kase->report_date, 4, 3 + i, 2024);
      g_date_set_dmy (&kase->triage_date, 15, 3 + i, 2024);
      g_date_set_dmy (&kase->disposal_date, 20, 9, 2024);
      kase->last_feedback_date = kase->disposal_date;
      if (i == 3)
        {
          g_free (kase->channel);
          kase->channel = g_strdup ("lijn");
        }
      g_assert_true (ck_register_save_case (f->reg, kase, &error));
      g_assert_no_error (error);
      f->ids[i] = kase->id;
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->reg);
  ck_test_remove_dir (f->dir);
  g_free (f->dir);
}

/* Runs @query and compares the ids with the cases numbered in @expected
 * (indexes into the fixture, -1 terminated). */
static void
assert_query (Fixture           *f,
              const CkCaseQuery *query,
              const int         *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = ck_register_query (f->reg, query, &error);
  guint n = 0;

  g_assert_no_error (error);
  while (expected[n] >= 0)
    n++;

  g_assert_cmpuint (ids->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, f->ids[expected[i]]);
}

static void
assert_text (Fixture    *f,
             const char *text,
             const int  *expected)
{
  g_autoptr(CkCaseQuery) query = ck_case_query_new ();

  query->text = g_strdup (text);
  assert_query (f, query, expected);
}

static void
test_text (Fixture       *f,
           gconstpointer  data)
{
  assert_text (f, "antisem", (int[]) { 0, -1 });
  assert_text (f, "Antisemitism", (int[]) { 0, -1 });
  assert_text (f, "herk", (int[]) { 1, 2, -1 });
  assert_text (f, "herk leeft", (int[]) { 2, -1 });
  assert_text (f, "AMS-2024-0002", (int[]) { 1, -1 });
  assert_text (f, "rec", (int[]) { 2, -1 });
  assert_text (f, "", (int[]) { 0, 1, 2, 3, -1 });
  assert_text (f, "  ", (int[]) { 0, 1, 2, 3, -1 });
  assert_text (f, "nergens", (int[]) { -1 });
}

/* Confidential fields are not searchable: a search must not reveal which
 * case names someone. */
static void
test_confidential_not_indexed (Fixture       *f,
                               gconstpointer  data)
{
  assert_text (f, "Quirinus", (int[]) { -1 });
  assert_text (f, "Xandra", (int[]) { -1 });
  assert_text (f, "7654321", (int[]) { -1 });
}

static GArray *
run_text (Fixture    *f,
          const char *text)
{
  g_autoptr(CkCaseQuery) query = ck_case_query_new ();
  g_autoptr(GError) error = NULL;
  GArray *ids;

  query->text = g_strdup (text);
  ids = ck_register_query (f->reg, query, &error);
  g_assert_no_error (error);
  return ids;
}

/* What a person types is never read as FTS5 syntax: punctuation and
 * operators give the same result as the bare words. */
static void
test_syntax_is_text (Fixture       *f,
                     gconstpointer  data)
{
  const char *pairs[][2] = {
    { "\"herk", "herk" },
    { "herk*) OR (", "herk or" },
    { "NEAR(herk, leeft)", "near herk leeft" },
    { "herk AND", "herk and" },
    { "-herk ^leeft", "herk leeft" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autoptr(GArray) typed = run_text (f, pairs[i][0]);
      g_autoptr(GArray) words = run_text (f, pairs[i][1]);

      g_assert_cmpuint (typed->len, ==, words->len);
      for (guint j = 0; j < typed->len; j++)
        g_assert_cmpint (g_array_index (typed, gint64, j), ==, g_array_index (words, gint64, j));
    }
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(CkCaseQuery) status = ck_case_query_new ();
  g_autoptr(CkCaseQuery) ground = ck_case_query_new ();
  g_autoptr(CkCaseQuery) period = ck_case_query_new ();
  g_autoptr(CkCaseQuery) all = ck_case_query_new ();

  status->status = g_strdup ("gesloten");
  assert_query (f, status, (int[]) { 2, -1 });

  ground->ground = g_strdup ("herkomst");
  assert_query (f, ground, (int[]) { 1, 2, -1 });

  g_date_set_dmy (&period->from, 1, 4, 2024);
  g_date_set_dmy (&period->to, 30, 5, 2024);
  assert_query (f, period, (int[]) { 1, 2, -1 });

  all->text = g_strdup ("b01");
  all->ground = g_strdup ("geslacht");
  all->status = g_strdup ("afgedaan");
  assert_query (f, all, (int[]) { 3, -1 });
}

static void
assert_index_intact (Fixture *f)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (ck_register_get_path (f->reg), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO cases_fts (cases_fts) VALUES ('integrity-check')", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
}

/* The index follows every change, through the bin and back: its entries
 * are removed with exactly the values they were made with. */
static void
test_follows_changes (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CkCase) kase = NULL;
  g_autoptr(GError) error = NULL;

  kase = ck_register_get_case (f->reg, f->ids[0], TRUE, &error);
  g_assert_no_error (error);
  g_strfreev (kase->grounds);
  kase->grounds = g_strsplit ("geslacht", ",", -1);
  g_free (kase->team);
  kase->team = g_strdup ("OPS");
  g_assert_true (ck_register_save_case (f->reg, kase, &error));
  g_assert_no_error (error);

  assert_text (f, "antisem", (int[]) { -1 });
  assert_text (f, "sex", (int[]) { 0, 3, -1 });
  assert_text (f, "ops", (int[]) { 0, -1 });
  assert_text (f, "b01", (int[]) { 3, -1 });

  g_assert_true (ck_register_delete_case (f->reg, f->ids[0], &error));
  assert_text (f, "ops", (int[]) { -1 });
  /* Deleting twice changes nothing, and leaves the index whole. */
  g_assert_true (ck_register_delete_case (f->reg, f->ids[0], &error));
  g_assert_true (ck_register_restore_case (f->reg, f->ids[0], &error));
  g_assert_no_error (error);
  assert_text (f, "ops", (int[]) { 0, -1 });

  g_assert_true (ck_register_erase_case (f->reg, f->ids[3], &error));
  g_assert_no_error (error);
  assert_text (f, "sex", (int[]) { 0, -1 });
  assert_index_intact (f);
}

/* Words name codes through their labels and codes, in any field. */
static void
test_codes_by_label (Fixture       *f,
                     gconstpointer  data)
{
  /* "disciplinair" is the route, "Founded" the finding of every case. */
  assert_text (f, "disciplinary", (int[]) { 0, 1, 2, 3, -1 });
  assert_text (f, "founded", (int[]) { 0, 1, 2, 3, -1 });
  assert_text (f, "gegrond", (int[]) { 0, 1, 2, 3, -1 });
  /* "lijn" is a channel and a route; the fourth case has it as channel
   * only, so the route's label does not find it, the channel's does. */
  assert_text (f, "line", (int[]) { 3, -1 });
  assert_text (f, "handled", (int[]) { -1 });
  assert_text (f, "vik", (int[]) { 0, 1, 2, -1 });
  assert_text (f, "closed", (int[]) { 2, -1 });
  assert_text (f, "age origin", (int[]) { 2, -1 });
}

/* Deleted cases are not found. */
static void
test_deleted (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ck_register_delete_case (f->reg, f->ids[0], &error));
  assert_text (f, "antisem", (int[]) { -1 });
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/search/text", Fixture, NULL, fixture_set_up, test_text, fixture_tear_down);
  g_test_add ("/search/confidential-not-indexed", Fixture, NULL, fixture_set_up, test_confidential_not_indexed, fixture_tear_down);
  g_test_add ("/search/syntax-is-text", Fixture, NULL, fixture_set_up, test_syntax_is_text, fixture_tear_down);
  g_test_add ("/search/filters", Fixture, NULL, fixture_set_up, test_filters, fixture_tear_down);
  g_test_add ("/search/deleted", Fixture, NULL, fixture_set_up, test_deleted, fixture_tear_down);
  g_test_add ("/search/follows-changes", Fixture, NULL, fixture_set_up, test_follows_changes, fixture_tear_down);
  g_test_add ("/search/codes-by-label", Fixture, NULL, fixture_set_up, test_codes_by_label, fixture_tear_down);

  return g_test_run ();
}
