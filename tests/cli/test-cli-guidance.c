/* test-cli-guidance.c: `due`, `checklist`, `deadlines` and `similar` as a
 * script sees them
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <sysexits.h>

#include "ck-case.h"
#include "ck-cli-test-util.h"
#include "ck-register.h"
#include "ck-shared-store.h"
#include "ck-test-util.h"

typedef struct
{
  char *dir;
  char *db;
  char *passphrase_file;
} Fixture;

/* Runs the tool on the fixture's register in a fixed language. */
G_GNUC_NULL_TERMINATED static CkCliResult *
run (Fixture    *f,
     const char *first,
     ...)
{
  CkCliResult *result;
  va_list rest;

  va_start (rest, first);
  result = ck_cli_test_run_va (f->db, f->passphrase_file, NULL, first, rest);
  va_end (rest);

  return result;
}

static CkCase *
make_case (const char *kind,
           int         year,
           int         month,
           int         day)
{
  CkCase *kase = ck_case_new ();

  kase->kind = g_strdup (kind);
  kase->status = g_strdup ("nieuw");
  kase->channel = g_strdup ("lijn");
  kase->reporter_role = g_strdup ("slachtoffer");
  kase->subject_role = g_strdup ("collega");
  g_strfreev (kase->grounds);
  kase->grounds = g_strsplit ("herkomst", ",", -1);
  g_strfreev (kase->manifestations);
  kase->manifestations = g_strsplit ("uitlating", ",", -1);
  g_date_set_dmy (&kase->report_date, day, month, year);
  kase->has_confidential = TRUE;
  kase->reporter_name = g_strdup ("Wilhelmina Geheimhouder");
  kase->narrative = g_strdup ("Vertrouwelijk verhaal over de kantine.");
  return kase;
}

static void
close_case (CkCase     *kase,
            const char *finding,
            const char *measure)
{
  kase->triage_date = kase->report_date;
  g_date_add_days (&kase->triage_date, 7);
  kase->disposal_date = kase->report_date;
  g_date_add_days (&kase->disposal_date, 50);
  kase->finding = g_strdup (finding);
  ck_case_add_measure (kase, measure, FALSE);
  g_free (kase->status);
  kase->status = g_strdup ("gesloten");
}

static CkSharedRecord *
make_record (guint       n,
             const char *unit,
             const char *finding,
             const char *measure)
{
  CkSharedRecord *record = ck_shared_record_new ();
  CkMeasure m = { g_strdup (measure), FALSE };

  record->id = g_strdup_printf ("%032x", 0xabc00 + n);
  record->unit = g_strdup (unit);
  record->replica = g_strdup ("0123456789abcdef0123456789abcdef");
  record->rev = 1;
  record->year = 2025;
  record->quarter = 1 + n % 4;
  record->kind = g_strdup ("melding");
  record->channel = g_strdup ("lijn");
  g_strfreev (record->grounds);
  record->grounds = g_strsplit ("herkomst", ",", -1);
  g_strfreev (record->manifestations);
  record->manifestations = g_strsplit ("uitlating", ",", -1);
  record->reporter_role = g_strdup ("slachtoffer");
  record->subject_role = g_strdup ("collega");
  record->finding = g_strdup (finding);
  g_array_append_val (record->measures, m);
  record->status = g_strdup ("gesloten");
  return record;
}

/* A register with
 *  AMS-2026-0001 a report of 6 March 2026, receipt not confirmed;
 *  AMS-2026-0002 a report of 14 March 2026, receipt confirmed;
 *  AMS-2025-0001 … 0003 closed, founded, with measures of levels 2, 3, 2,
 *    receipt, outcome and lesson never recorded;
 * and of unit RTD twelve comparable records, three of them unfounded. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CkRegister) reg = NULL;
  CkStorage *storage;
  CkCase *kase;
  const char *measures[] = { "educatief", "schriftelijke_berisping", "educatief" };

  f->dir = ck_test_make_dir ();
  f->db = g_build_filename (f->dir, "register.sqlite", NULL);
  f->passphrase_file = g_build_filename (f->dir, "passphrase", NULL);
  g_file_set_contents (f->passphrase_file, CK_TEST_PASSPHRASE "\n", -1, &error);
  g_assert_no_error (error);

  reg = ck_register_create (f->db, "AMS", CK_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);

  kase = make_case ("melding", 2026, 3, 6);
  g_assert_true (ck_register_save_case (reg, kase, &error));
  ck_case_free (kase);
  kase = make_case ("melding", 2026, 3, 14);
  g_date_set_dmy (&kase->acknowledged_date, 15, 3, 2026);
  g_assert_true (ck_register_save_case (reg, kase, &error));
  ck_case_free (kase);
  for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
    {
      kase = make_case ("melding", 2025, 2 + i, 1);
      close_case (kase, "gegrond", measures[i]);
      g_assert_true (ck_register_save_case (reg, kase, &error));
      ck_case_free (kase);
    }
  g_assert_no_error (error);

  storage = ck_register_acquire (reg);
  for (guint i = 0; i < 12; i++)
    {
      g_autoptr(CkSharedRecord) record = make_record (i, "RTD", i < 9 ? "gegrond" : "ongegrond",
                                                      i < 9 ? "correctief_gesprek" : "geen");

      g_assert_true (ck_shared_store_put (storage, record, FALSE, &error));
      g_assert_no_error (error);
    }
  ck_register_release (reg);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ck_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->passphrase_file);
}

static void
test_due (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(CkCliResult) text = run (f, "due", "--today", "2026-03-16", NULL);
  g_autoptr(CkCliResult) json = run (f, "due", "--today", "2026-03-16", "--json", NULL);
  g_autoptr(CkCliResult) bad = run (f, "due", "--today", "16-03", NULL);
  g_autoptr(JsonNode) node = NULL;
  JsonArray *items;
  JsonObject *first;

  ck_cli_test_assert_ok (text);
  g_assert_nonnull (strstr (text->out, "3 days late"));
  g_assert_nonnull (strstr (text->out, "Confirm receipt to the reporter"));
  g_assert_nonnull (strstr (text->out, "due in 4 days"));
  g_assert_null (strstr (text->out, "Geheimhouder"));

  ck_cli_test_assert_ok (json);
  node = ck_cli_test_parse_json (json->out);
  items = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  first = json_array_get_object_element (items, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "reference"), ==, "AMS-2026-0001");
  g_assert_cmpstr (json_object_get_string_member (first, "step"), ==, "acknowledged");
  g_assert_cmpstr (json_object_get_string_member (first, "due"), ==, "2026-03-13");
  g_assert_cmpint (json_object_get_int_member (first, "days_overdue"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 1), "step"), ==, "triage");

  g_assert_cmpint (bad->status, ==, EX_USAGE);
}

/* The deadlines are the register's: what `deadlines` sets, `due` uses
 * (and so does the application). */
static void
test_deadlines (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CkCliResult) shown = run (f, "deadlines", NULL);
  g_autoptr(CkCliResult) set = run (f, "deadlines", "--set", "acknowledge=10", "--set", "triage=7", NULL);
  g_autoptr(CkCliResult) json = run (f, "deadlines", "--json", NULL);
  g_autoptr(CkCliResult) due = run (f, "due", "--today", "2026-03-16", "--json", NULL);
  g_autoptr(CkCliResult) too_long = run (f, "deadlines", "--set", "acknowledge=99", NULL);
  g_autoptr(CkCliResult) unknown = run (f, "deadlines", "--set", "soon=3", NULL);
  g_autoptr(CkCliResult) after = run (f, "deadlines", "--json", NULL);
  g_autoptr(CkCliResult) reset = run (f, "deadlines", "--reset", "--json", NULL);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) due_node = NULL;
  JsonObject *acknowledge;

  ck_cli_test_assert_ok (shown);
  g_assert_nonnull (strstr (shown->out, "Confirm receipt within"));
  g_assert_nonnull (strstr (shown->out, "months"));

  ck_cli_test_assert_ok (set);
  ck_cli_test_assert_ok (json);
  node = ck_cli_test_parse_json (json->out);
  acknowledge = json_array_get_object_element (json_node_get_array (node), 0);
  g_assert_cmpstr (json_object_get_string_member (acknowledge, "name"), ==, "acknowledge");
  g_assert_cmpint (json_object_get_int_member (acknowledge, "value"), ==, 10);
  g_assert_cmpint (json_object_get_int_member (acknowledge, "default"), ==, 7);

  /* Receipt now due in 0 days, triage 3 days late and first. */
  ck_cli_test_assert_ok (due);
  due_node = ck_cli_test_parse_json (due->out);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (due_node), 0),
                                                  "step"), ==, "triage");

  g_assert_cmpint (too_long->status, ==, EX_DATAERR);
  g_assert_nonnull (strstr (too_long->err, "from 1 to 30"));
  g_assert_cmpint (unknown->status, ==, EX_USAGE);
  g_assert_cmpstr (after->out, ==, json->out);

  ck_cli_test_assert_ok (reset);
  g_assert_nonnull (strstr (reset->out, "\"value\" : 7"));
}

static void
test_checklist (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CkCliResult) json = run (f, "checklist", "AMS-2026-0001", "--today", "2026-03-16", "--json", NULL);
  g_autoptr(CkCliResult) text = run (f, "checklist", "AMS-2025-0002", "--today", "2026-03-16", NULL);
  g_autoptr(CkCliResult) missing = run (f, "checklist", "AMS-2019-0001", NULL);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;
  JsonArray *steps;

  ck_cli_test_assert_ok (json);
  node = ck_cli_test_parse_json (json->out);
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "current"), ==, "acknowledged");
  steps = json_object_get_array_member (object, "steps");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (steps, 1), "state"), ==, "overdue");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (steps, 1), "days_left"), ==, -3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (steps, 2), "state"), ==, "due");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (steps, 3), "state"), ==,
                   "not-applicable");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "advice")), ==, 1);

  /* A founded case closed without the lesson or the outcome: missed. */
  ck_cli_test_assert_ok (text);
  g_assert_nonnull (strstr (text->out, "Lesson for the team considered"));
  g_assert_nonnull (strstr (text->out, "not done before closing"));
  g_assert_null (strstr (text->out, "Now: "));
  g_assert_nonnull (strstr (text->out, "The report is founded."));

  g_assert_cmpint (missing->status, ==, EX_NOINPUT);
}

static void
test_similar (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(CkCliResult) json = run (f, "similar", "AMS-2026-0001", "--json", NULL);
  g_autoptr(CkCliResult) text = run (f, "similar", "AMS-2026-0001", NULL);
  g_autoptr(CkCliResult) limited = run (f, "similar", "AMS-2026-0001", "--json", "--limit", "2", NULL);
  g_autoptr(CkCliResult) bad_limit = run (f, "similar", "AMS-2026-0001", "--limit", "-3", NULL);
  g_autoptr(CkCliResult) missing = run (f, "similar", "AMS-2019-0001", NULL);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) limited_node = NULL;
  JsonObject *object, *own, *national, *first, *last;
  JsonArray *matches;

  ck_cli_test_assert_ok (json);
  node = ck_cli_test_parse_json (json->out);
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "case"), ==, "AMS-2026-0001");
  g_assert_cmpint (json_object_get_int_member (object, "threshold"), ==, 60);

  /* The unit's own: three founded, levels 2, 3, 2. */
  own = json_object_get_object_member (object, "own");
  g_assert_cmpint (json_object_get_int_member (own, "total"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (own, "findings"), "gegrond"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (own, "sanction_levels"), "2"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (own, "median_sanction_level"), ==, 2);

  /* RTD's three unfounded show as "<5", and the nine founded are hidden
   * too: 12 − 9 would give the three away. */
  national = json_object_get_object_member (object, "national");
  g_assert_cmpint (json_object_get_int_member (national, "total"), ==, 12);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (national, "findings"), "ongegrond"),
                   ==, "<5");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (national, "findings"), "gegrond"),
                   ==, "hidden");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (national, "findings"), "deels_gegrond"),
                   ==, 0);

  matches = json_object_get_array_member (object, "matches");
  g_assert_cmpuint (json_array_get_length (matches), ==, 15);
  first = json_array_get_object_element (matches, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "source"), ==, "own");
  g_assert_cmpstr (json_object_get_string_member (first, "reference"), ==, "AMS-2025-0003");
  g_assert_cmpint (json_object_get_int_member (first, "score"), ==, 100);
  last = json_array_get_object_element (matches, 14);
  g_assert_cmpstr (json_object_get_string_member (last, "source"), ==, "national");
  g_assert_false (json_object_has_member (last, "reference"));
  g_assert_false (json_object_has_member (last, "unit"));
  g_assert_false (json_object_has_member (last, "id"));

  /* Which unit a record came from, its id and anything confidential of
   * the other cases never show. */
  for (CkCliResult *r = json; r != NULL; r = r == json ? text : NULL)
    {
      g_assert_null (strstr (r->out, "RTD"));
      g_assert_null (strstr (r->out, "abc0"));
      g_assert_null (strstr (r->out, "Geheimhouder"));
      g_assert_null (strstr (r->out, "kantine"));
    }

  ck_cli_test_assert_ok (text);
  g_assert_nonnull (strstr (text->out, "Grounds: Origin, race or skin colour"));
  g_assert_nonnull (strstr (text->out, "<5"));
  g_assert_nonnull (strstr (text->out, "other unit"));

  ck_cli_test_assert_ok (limited);
  limited_node = ck_cli_test_parse_json (limited->out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (limited_node),
                                                                          "matches")), ==, 2);
  g_assert_cmpint (bad_limit->status, ==, EX_USAGE);
  g_assert_cmpint (missing->status, ==, EX_NOINPUT);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/guidance/due", test_due);
  ADD ("/cli/guidance/deadlines", test_deadlines);
  ADD ("/cli/guidance/checklist", test_checklist);
  ADD ("/cli/similar", test_similar);
#undef ADD

  return g_test_run ();
}
