/* test-cli-retention.c: `retention`, and the retention term that every
 * other command enforces, as a script sees them
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
#include "ck-date.h"
#include "ck-register.h"
#include "ck-sessions.h"
#include "ck-test-util.h"

typedef struct
{
  char *dir;
  char *db;
  char *passphrase_file;
  char *old_ref;
  char *recent_ref;
  char *open_ref;
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

/* A report closed (disposed) @years_ago years ago, or an open one. */
static CkCase *
make_case (int      years_ago,
           gboolean closed)
{
  CkCase *kase = ck_case_new ();
  GDate day;

  ck_date_set_today (&day);
  g_date_subtract_years (&day, years_ago);
  g_date_subtract_days (&day, 60);
  kase->kind = g_strdup ("melding");
  kase->channel = g_strdup ("lijn");
  kase->reporter_role = g_strdup ("slachtoffer");
  kase->subject_role = g_strdup ("collega");
  g_strfreev (kase->grounds);
  kase->grounds = g_strsplit ("herkomst", ",", -1);
  g_strfreev (kase->manifestations);
  kase->manifestations = g_strsplit ("uitlating", ",", -1);
  kase->report_date = kase->triage_date = day;
  kase->has_confidential = TRUE;
  kase->reporter_name = g_strdup ("Wilhelmina Geheimhouder");
  kase->narrative = g_strdup ("Vertrouwelijk verhaal over de kantine.");
  if (closed)
    {
      g_date_add_days (&day, 60);
      kase->disposal_date = day;
      kase->finding = g_strdup ("gegrond");
      kase->status = g_strdup ("gesloten");
    }
  else
    kase->status = g_strdup ("in_behandeling");
  return kase;
}

/* A reflection session @years_ago years ago with a named participant. */
static void
add_session (CkRegister *reg,
             int         years_ago,
             const char *title)
{
  g_autoptr(CkSession) session = ck_session_new ();
  g_autoptr(GError) error = NULL;

  ck_date_set_today (&session->date);
  g_date_subtract_years (&session->date, years_ago);
  session->title = g_strdup (title);
  session->method = g_strdup ("moreel_beraad");
  g_ptr_array_add (session->participants, ck_participant_new ("chair", "Wilhelmina Geheimhouder"));
  g_assert_true (ck_sessions_save (reg, session, &error));
  g_assert_no_error (error);
}

/* A register with a case closed 8 years ago (the first of its year), one
 * closed 4 years ago and one open for 10 years; a session of 6 years ago
 * and one of 2 years ago. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CkRegister) reg = NULL;
  const struct { int years_ago; gboolean closed; char **reference; } cases[] = {
    { 8, TRUE, &f->old_ref }, { 4, TRUE, &f->recent_ref }, { 10, FALSE, &f->open_ref },
  };

  f->dir = ck_test_make_dir ();
  f->db = g_build_filename (f->dir, "register.sqlite", NULL);
  f->passphrase_file = g_build_filename (f->dir, "passphrase", NULL);
  g_file_set_contents (f->passphrase_file, CK_TEST_PASSPHRASE "\n", -1, &error);
  g_assert_no_error (error);

  reg = ck_register_create (f->db, "AMS", CK_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CkCase) kase = make_case (cases[i].years_ago, cases[i].closed);

      g_assert_true (ck_register_save_case (reg, kase, &error));
      g_assert_no_error (error);
      *cases[i].reference = g_strdup (kase->reference);
    }
  add_session (reg, 6, "Oude reflectie");
  add_session (reg, 2, "Recente reflectie");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ck_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->passphrase_file);
  g_free (f->old_ref);
  g_free (f->recent_ref);
  g_free (f->open_ref);
}

static JsonArray *
get_due (JsonNode *root)
{
  return json_object_get_array_member (json_node_get_object (root), "due");
}

/* `retention` shows what is past the term and erases nothing. */
static void
test_preview (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(CkCliResult) text = run (f, "retention", NULL);
  g_autoptr(CkCliResult) json = NULL;
  g_autoptr(CkCliResult) later = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *item;

  ck_cli_test_assert_ok (text);
  g_assert_nonnull (strstr (text->out, "Retention term: 5 years"));
  g_assert_nonnull (strstr (text->out, f->old_ref));
  g_assert_nonnull (strstr (text->out, "past the term"));
  g_assert_null (strstr (text->out, f->recent_ref));
  g_assert_null (strstr (text->out, f->open_ref));
  g_assert_nonnull (strstr (text->out, "Session"));
  g_assert_nonnull (strstr (text->out, "Oude reflectie"));
  g_assert_null (strstr (text->out, "Recente reflectie"));
  g_assert_null (strstr (text->out, "Wilhelmina"));

  /* Asked again: nothing was erased in between. */
  json = run (f, "retention", "--json", "--within", "400", NULL);
  ck_cli_test_assert_ok (json);
  root = ck_cli_test_parse_json (json->out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "years"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "erased"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "erased_sessions"), ==, 0);
  g_assert_cmpuint (json_array_get_length (get_due (root)), ==, 3);
  item = json_array_get_object_element (get_due (root), 0);
  g_assert_cmpstr (json_object_get_string_member (item, "kind"), ==, "case");
  g_assert_cmpstr (json_object_get_string_member (item, "reference"), ==, f->old_ref);
  g_assert_true (json_object_get_boolean_member (item, "past_term"));
  item = json_array_get_object_element (get_due (root), 1);
  g_assert_cmpstr (json_object_get_string_member (item, "kind"), ==, "session");
  g_assert_cmpstr (json_object_get_string_member (item, "title"), ==, "Oude reflectie");
  g_assert_true (json_object_get_boolean_member (item, "past_term"));
  item = json_array_get_object_element (get_due (root), 2);
  g_assert_cmpstr (json_object_get_string_member (item, "reference"), ==, f->recent_ref);
  g_assert_false (json_object_get_boolean_member (item, "past_term"));

  later = run (f, "retention", "--within", "-1", NULL);
  g_assert_cmpint (later->status, ==, EX_USAGE);
}

/* Any other command erases what is past the term before it shows
 * anything, and says so on stderr. */
static void
test_enforced_by_every_command (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(CkCliResult) old = run (f, "show", f->old_ref, NULL);
  g_autoptr(CkCliResult) recent = NULL;
  g_autoptr(CkCliResult) open = NULL;
  g_autoptr(CkCliResult) audit = NULL;
  g_autoptr(CkCliResult) again = NULL;

  g_assert_cmpint (old->status, ==, 0);
  g_assert_cmpstr (old->err, ==,
                   "Personal data of 1 case and 1 session was erased after the retention term of 5 years.\n");
  g_assert_null (strstr (old->out, "Wilhelmina"));
  g_assert_null (strstr (old->out, "kantine"));
  g_assert_nonnull (strstr (old->out, "Personal data erased on"));
  g_assert_nonnull (strstr (old->out, "Closed"));

  recent = run (f, "show", f->recent_ref, NULL);
  ck_cli_test_assert_ok (recent);
  g_assert_nonnull (strstr (recent->out, "Wilhelmina Geheimhouder"));
  open = run (f, "show", f->open_ref, NULL);
  ck_cli_test_assert_ok (open);
  g_assert_nonnull (strstr (open->out, "Wilhelmina Geheimhouder"));

  audit = run (f, "audit", f->old_ref, NULL);
  ck_cli_test_assert_ok (audit);
  g_assert_nonnull (strstr (audit->out, "personal data erased after the retention term"));
  g_assert_null (strstr (audit->out, "Wilhelmina"));

  /* Still listed, nothing more to erase. */
  again = run (f, "list", NULL);
  ck_cli_test_assert_ok (again);
  g_assert_nonnull (strstr (again->out, f->old_ref));
}

/* --years changes the term for every command; --apply erases, once. */
static void
test_years_and_apply (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CkCliResult) zero = run (f, "retention", "--years", "0", NULL);
  g_autoptr(CkCliResult) many = run (f, "retention", "--years", "31", NULL);
  g_autoptr(CkCliResult) set = NULL;
  g_autoptr(CkCliResult) apply = NULL;
  g_autoptr(CkCliResult) twice = NULL;
  g_autoptr(CkCliResult) extra = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) root_twice = NULL;

  g_assert_cmpint (zero->status, ==, EX_DATAERR);
  g_assert_nonnull (strstr (zero->err, "between 1 and 30 years"));
  g_assert_cmpint (many->status, ==, EX_DATAERR);

  set = run (f, "retention", "--years", "3", "--json", NULL);
  ck_cli_test_assert_ok (set);
  root = ck_cli_test_parse_json (set->out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "years"), ==, 3);
  g_assert_cmpuint (json_array_get_length (get_due (root)), ==, 3);
  g_clear_pointer (&root, json_node_unref);

  apply = run (f, "retention", "--apply", "--json", NULL);
  ck_cli_test_assert_ok (apply);
  root = ck_cli_test_parse_json (apply->out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "erased"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "erased_sessions"), ==, 1);
  g_assert_cmpuint (json_array_get_length (get_due (root)), ==, 0);

  twice = run (f, "retention", "--apply", "--json", NULL);
  ck_cli_test_assert_ok (twice);
  root_twice = ck_cli_test_parse_json (twice->out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root_twice), "erased"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root_twice), "erased_sessions"), ==, 0);

  extra = run (f, "retention", "extra", NULL);
  g_assert_cmpint (extra->status, ==, EX_USAGE);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli-retention/preview", Fixture, NULL, fixture_set_up, test_preview, fixture_tear_down);
  g_test_add ("/cli-retention/enforced-by-every-command", Fixture, NULL, fixture_set_up,
              test_enforced_by_every_command, fixture_tear_down);
  g_test_add ("/cli-retention/years-and-apply", Fixture, NULL, fixture_set_up, test_years_and_apply,
              fixture_tear_down);

  return g_test_run ();
}
