/* test-cli.c: casuskamer-cli as a script sees it, run as a program
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <signal.h>
#include <sqlite3.h>
#include <sysexits.h>

#include "ck-case-fields.h"
#include "ck-case-json.h"
#include "ck-case.h"
#include "ck-cli-test-util.h"
#include "ck-test-util.h"

typedef struct
{
  char *dir;
  char *db;
  char *passphrase_file;
} Fixture;

static void
write_file (const char *path,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = ck_test_make_dir ();
  f->db = g_build_filename (f->dir, "register.sqlite", NULL);
  f->passphrase_file = g_build_filename (f->dir, "passphrase", NULL);
  write_file (f->passphrase_file, CK_TEST_PASSPHRASE "\n", -1);
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

static GPtrArray *
collect_args (const char *first,
              va_list     rest)
{
  GPtrArray *args = g_ptr_array_new ();

  for (const char *arg = first; arg != NULL; arg = va_arg (rest, const char *))
    g_ptr_array_add (args, (gpointer) arg);

  return args;
}

/* Runs the tool with exactly the arguments given. */
G_GNUC_NULL_TERMINATED static CkCliResult *
run_bare (const char *input,
          const char *first,
          ...)
{
  g_autoptr(GPtrArray) args = NULL;
  va_list rest;

  va_start (rest, first);
  args = collect_args (first, rest);
  va_end (rest);

  return ck_cli_test_run_argv (input, args);
}

/* Runs the tool on the fixture's register, with its passphrase file. */
G_GNUC_NULL_TERMINATED static CkCliResult *
run (Fixture    *f,
     const char *input,
     const char *first,
     ...)
{
  CkCliResult *result;
  va_list rest;

  va_start (rest, first);
  result = ck_cli_test_run_va (f->db, f->passphrase_file, input, first, rest);
  va_end (rest);

  return result;
}

static void
init_register (Fixture *f)
{
  g_autoptr(CkCliResult) result = run (f, NULL, "init", "--unit", "AMS", NULL);

  ck_cli_test_assert_ok (result);
}

/* Returns: the list of cases, as `list --json` gives it */
static JsonArray *
list_cases (Fixture *f)
{
  g_autoptr(CkCliResult) result = run (f, NULL, "list", "--json", NULL);
  g_autoptr(JsonNode) node = NULL;

  ck_cli_test_assert_ok (result);
  node = ck_cli_test_parse_json (result->out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  return json_array_ref (json_node_get_array (node));
}

static guint
count_cases (Fixture *f)
{
  g_autoptr(JsonArray) cases = list_cases (f);

  return json_array_get_length (cases);
}

static JsonObject *
show_case (Fixture    *f,
           const char *reference)
{
  g_autoptr(CkCliResult) result = run (f, NULL, "show", reference, "--json", NULL);
  g_autoptr(JsonNode) node = NULL;

  ck_cli_test_assert_ok (result);
  node = ck_cli_test_parse_json (result->out);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

/* Returns: (transfer full): the register's files as a reader of the disk
 * sees them, and whether any file beside it appeared */
static GBytes *
snapshot (const char *path)
{
  const char *suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, suffixes[i], NULL);

      g_assert_false (g_file_test (side, G_FILE_TEST_EXISTS));
    }

  return read_file (path);
}

static void
test_init_refuses_existing (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(CkCliResult) first = NULL;
  g_autoptr(CkCliResult) second = NULL;
  g_autoptr(CkCliResult) other_unit = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  first = run (f, NULL, "init", "--unit", "AMS", NULL);
  ck_cli_test_assert_ok (first);
  g_assert_nonnull (strstr (first->out, f->db));
  g_assert_true (g_file_test (f->db, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (count_cases (f), ==, 0);

  before = snapshot (f->db);
  second = run (f, NULL, "init", "--unit", "AMS", NULL);
  ck_cli_test_assert_failed (second, EX_CANTCREAT, "already exists");
  other_unit = run (f, NULL, "init", "--unit", "RTD", NULL);
  ck_cli_test_assert_failed (other_unit, EX_CANTCREAT, "already exists");
  after = snapshot (f->db);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_init_checks_arguments (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(CkCliResult) no_unit = run (f, NULL, "init", NULL);
  g_autoptr(CkCliResult) bad_unit = run (f, NULL, "init", "--unit", "XYZ", NULL);
  g_autoptr(CkCliResult) extra = run (f, NULL, "init", "--unit", "AMS", "now", NULL);

  ck_cli_test_assert_failed (no_unit, EX_USAGE, "--unit");
  ck_cli_test_assert_failed (bad_unit, EX_DATAERR, "XYZ");
  ck_cli_test_assert_failed (extra, EX_USAGE, "now");
  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));
}

/* Without --db the tool uses the register the application uses (here in
 * the test's own data directory). */
static void
test_default_path (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "casuskamer", "register.sqlite", NULL);
  g_autoptr(CkCliResult) result = NULL;

  g_assert_false (g_file_test (expected, G_FILE_TEST_EXISTS));
  result = run_bare (NULL, "--passphrase-file", f->passphrase_file, "init", "--unit", "LIM", NULL);
  ck_cli_test_assert_ok (result);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
}

static void
test_demo_and_list_json (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(CkCliResult) demo = run (f, NULL, "demo", "--unit", "AMS", "--cases", "12", "--seed", "5", NULL);
  g_autoptr(CkCliResult) more = NULL;
  g_autoptr(CkCliResult) wrong_unit = NULL;
  g_autoptr(JsonArray) cases = NULL;
  g_autoptr(GHashTable) references = g_hash_table_new (g_str_hash, g_str_equal);

  /* The register did not exist: demo created it. */
  ck_cli_test_assert_ok (demo);
  g_assert_nonnull (strstr (demo->out, "12"));

  cases = list_cases (f);
  g_assert_cmpuint (json_array_get_length (cases), ==, 12);
  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *kase = json_array_get_object_element (cases, i);
      const char *reference = json_object_get_string_member (kase, "reference");

      g_assert_true (g_str_has_prefix (reference, "AMS-"));
      g_assert_true (g_hash_table_add (references, (gpointer) reference));
      g_assert_cmpuint (strlen (json_object_get_string_member (kase, "report_date")), ==, 10);
      g_assert_nonnull (json_object_get_string_member (kase, "kind"));
      g_assert_nonnull (json_object_get_string_member (kase, "status"));
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (kase, "grounds")), >=, 1);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (kase, "manifestations")), >=, 1);
      g_assert_cmpint (json_object_get_int_member (kase, "days_open"), >=, 0);
      /* A list never carries confidential fields. */
      g_assert_false (json_object_has_member (kase, "narrative"));
      g_assert_false (json_object_has_member (kase, "reporter_name"));
    }

  /* An existing register is unlocked and added to; its unit is the default. */
  more = run (f, NULL, "demo", "--cases", "3", "--seed", "6", NULL);
  ck_cli_test_assert_ok (more);
  g_assert_cmpuint (count_cases (f), ==, 15);

  wrong_unit = run (f, NULL, "demo", "--unit", "RTD", "--cases", "3", NULL);
  ck_cli_test_assert_failed (wrong_unit, EX_USAGE, "RTD");
  g_assert_cmpuint (count_cases (f), ==, 15);
}

static void
test_demo_checks_arguments (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(CkCliResult) no_unit = run (f, NULL, "demo", "--cases", "3", NULL);
  g_autoptr(CkCliResult) zero = run (f, NULL, "demo", "--unit", "AMS", "--cases", "0", NULL);
  g_autoptr(CkCliResult) not_a_number = run (f, NULL, "demo", "--unit", "AMS", "--cases", "many", NULL);
  g_autoptr(CkCliResult) future = run (f, NULL, "demo", "--unit", "AMS", "--until", "2999-01-01", NULL);
  g_autoptr(CkCliResult) bad_date = run (f, NULL, "demo", "--unit", "AMS", "--until", "gisteren", NULL);

  ck_cli_test_assert_failed (no_unit, EX_USAGE, "--unit");
  ck_cli_test_assert_failed (zero, EX_USAGE, "--cases");
  ck_cli_test_assert_failed (not_a_number, EX_USAGE, "many");
  ck_cli_test_assert_failed (future, EX_USAGE, "future");
  ck_cli_test_assert_failed (bad_date, EX_USAGE, "gisteren");
  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));
}

static void
test_list_text_and_filters (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(CkCliResult) first = NULL;
  g_autoptr(CkCliResult) second = NULL;
  g_autoptr(CkCliResult) text = NULL;
  g_autoptr(CkCliResult) filtered = NULL;
  g_autoptr(CkCliResult) bad_from = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_auto(GStrv) lines = NULL;
  JsonArray *cases;

  init_register (f);
  first = run (f, NULL, "add", "--report-date", "2024-03-04", "--kind", "melding",
               "--grounds", "herkomst,leeftijd", NULL);
  second = run (f, NULL, "add", "--report-date", "2024-06-01", "--kind", "signaal",
                "--grounds", "geslacht", "--status", "triage", NULL);
  ck_cli_test_assert_ok (first);
  ck_cli_test_assert_ok (second);

  text = run (f, NULL, "list", NULL);
  ck_cli_test_assert_ok (text);
  lines = g_strsplit (text->out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);   /* header, two cases, "" */
  g_assert_true (g_str_has_prefix (lines[0], "Reference"));
  g_assert_nonnull (strstr (lines[0], "Days open"));
  g_assert_true (g_str_has_prefix (lines[1], "AMS-2024-0001"));
  g_assert_nonnull (strstr (lines[1], "Origin, race or skin colour, Age"));
  g_assert_nonnull (strstr (lines[1], "New"));
  g_assert_true (g_str_has_prefix (lines[2], "AMS-2024-0002"));
  g_assert_nonnull (strstr (lines[2], "In triage"));
  /* Aligned: the columns start at the same place on every line. */
  g_assert_cmpint (strstr (lines[1], "Report") - lines[1], ==, strstr (lines[0], "Kind") - lines[0]);
  g_assert_cmpint (strstr (lines[2], "Signal") - lines[2], ==, strstr (lines[0], "Kind") - lines[0]);

  filtered = run (f, NULL, "list", "--json", "--status", "triage", NULL);
  ck_cli_test_assert_ok (filtered);
  node = ck_cli_test_parse_json (filtered->out);
  cases = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (cases), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (cases, 0), "reference"),
                   ==, "AMS-2024-0002");

  bad_from = run (f, NULL, "list", "--from", "2024-02-30", NULL);
  ck_cli_test_assert_failed (bad_from, EX_USAGE, "2024-02-30");
}

/* What `show --json` prints is the whole case, confidential fields and
 * all, and can be fed back to `add`. */
static void
test_show_json_round_trip (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(CkCase) kase = ck_test_make_full_case ();
  g_autoptr(JsonNode) node = ck_case_to_json (kase, TRUE);
  g_autofree char *json = json_to_string (node, TRUE);
  g_autofree char *path = g_build_filename (f->dir, "case.json", NULL);
  g_autoptr(CkCliResult) added = NULL;
  g_autoptr(JsonObject) shown = NULL;
  g_autoptr(JsonNode) shown_node = NULL;
  g_autoptr(CkCase) back = NULL;
  g_autoptr(GError) error = NULL;
  const CkFieldInfo *fields;
  guint n_fields;

  init_register (f);
  write_file (path, json, -1);
  added = run (f, NULL, "add", "--json", path, NULL);
  ck_cli_test_assert_ok (added);
  g_assert_cmpstr (added->out, ==, "AMS-2024-0001\n");

  shown = show_case (f, "AMS-2024-0001");
  g_assert_cmpstr (json_object_get_string_member (shown, "narrative"), ==, kase->narrative);
  g_assert_cmpstr (json_object_get_string_member (shown, "reporter_name"), ==, kase->reporter_name);
  g_assert_cmpstr (json_object_get_string_member (shown, "reference"), ==, "AMS-2024-0001");

  shown_node = json_node_init_object (json_node_alloc (), shown);
  back = ck_case_from_json (shown_node, &error);
  g_assert_no_error (error);
  fields = ck_case_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (!g_str_equal (fields[i].name, "reference"))
      g_assert_true (ck_case_field_equal (&fields[i], kase, back));
}

static void
test_show_text (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CkCliResult) added = NULL;
  g_autoptr(CkCliResult) shown = NULL;
  g_autoptr(CkCliResult) listed = NULL;
  g_autoptr(CkCliResult) missing = NULL;
  const char *heading;
  const char *narrative;

  init_register (f);
  added = run (f, NULL, "add", "--report-date", "04-03-2024", "--kind", "klacht",
               "--grounds", "leeftijd", "--sensitive", "yes",
               "--narrative", "Geheim 7731\nTweede regel", NULL);
  ck_cli_test_assert_ok (added);

  shown = run (f, NULL, "show", "AMS-2024-0001", NULL);
  ck_cli_test_assert_ok (shown);
  g_assert_nonnull (strstr (shown->out, "Reference:"));
  g_assert_nonnull (strstr (shown->out, "Kind:"));
  g_assert_nonnull (strstr (shown->out, "Complaint\n"));
  g_assert_nonnull (strstr (shown->out, "Age\n"));
  g_assert_nonnull (strstr (shown->out, "Report date:"));
  g_assert_nonnull (strstr (shown->out, "2024-03-04\n"));
  g_assert_nonnull (strstr (shown->out, "Status:"));
  g_assert_nonnull (strstr (shown->out, "New\n"));

  /* Confidential fields come after their own heading, and only there. */
  heading = strstr (shown->out, "\nConfidential\n");
  narrative = strstr (shown->out, "Geheim 7731");
  g_assert_nonnull (heading);
  g_assert_nonnull (narrative);
  g_assert_true (narrative > heading);
  g_assert_nonnull (strstr (shown->out, "What happened:"));
  g_assert_nonnull (strstr (narrative, "\n  "));
  g_assert_nonnull (strstr (narrative, "Tweede regel"));

  listed = run (f, NULL, "list", NULL);
  ck_cli_test_assert_ok (listed);
  g_assert_null (strstr (listed->out, "Geheim"));

  missing = run (f, NULL, "show", "AMS-2024-0099", NULL);
  ck_cli_test_assert_failed (missing, EX_NOINPUT, "AMS-2024-0099");
}

static void
test_add_options (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CkCliResult) added = NULL;
  g_autoptr(JsonObject) kase = NULL;
  JsonArray *grounds;
  JsonArray *measures;

  init_register (f);
  added = run (f, NULL, "add",
               "--report-date", "2024-03-04",
               "--kind", "melding",
               "--grounds", "leeftijd,herkomst",
               "--triage-date", "2024-03-10",
               "--finding", "gegrond",
               "--measures", "geldboete:conditional,educatief",
               "--bystanders-present", "yes",
               "--lc-consulted", "yes",
               "--narrative", "Iets vertrouwelijks",
               NULL);
  ck_cli_test_assert_ok (added);
  g_assert_cmpstr (added->out, ==, "AMS-2024-0001\n");

  kase = show_case (f, "AMS-2024-0001");
  g_assert_cmpstr (json_object_get_string_member (kase, "status"), ==, "nieuw");
  g_assert_cmpstr (json_object_get_string_member (kase, "unit"), ==, "AMS");
  g_assert_cmpstr (json_object_get_string_member (kase, "report_date"), ==, "2024-03-04");
  g_assert_cmpstr (json_object_get_string_member (kase, "finding"), ==, "gegrond");
  g_assert_cmpstr (json_object_get_string_member (kase, "bystanders_present"), ==, "yes");
  g_assert_true (json_object_get_boolean_member (kase, "lc_consulted"));
  g_assert_cmpstr (json_object_get_string_member (kase, "narrative"), ==, "Iets vertrouwelijks");

  grounds = json_object_get_array_member (kase, "grounds");
  g_assert_cmpuint (json_array_get_length (grounds), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (grounds, 0), ==, "herkomst");
  g_assert_cmpstr (json_array_get_string_element (grounds, 1), ==, "leeftijd");

  measures = json_object_get_array_member (kase, "measures");
  g_assert_cmpuint (json_array_get_length (measures), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (measures, 0), "code"),
                   ==, "educatief");
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (measures, 0), "conditional"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (measures, 1), "code"),
                   ==, "geldboete");
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (measures, 1), "conditional"));
}

static void
test_add_json_array_is_bulk (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(CkCliResult) added = NULL;
  g_autoptr(CkCliResult) refused = NULL;
  g_autoptr(CkCliResult) empty = NULL;

  init_register (f);
  added = run (f,
               "[{\"kind\": \"melding\", \"report_date\": \"2024-01-02\"},"
               " {\"kind\": \"signaal\", \"report_date\": \"2023-05-06\", \"narrative\": \"n\"},"
               " {\"kind\": \"klacht\", \"report_date\": \"2024-01-03\", \"status\": \"triage\"}]",
               "add", "--json", "-", NULL);
  ck_cli_test_assert_ok (added);
  g_assert_cmpstr (added->out, ==, "AMS-2024-0001\nAMS-2023-0001\nAMS-2024-0002\n");
  g_assert_cmpuint (count_cases (f), ==, 3);

  /* All or nothing: the second case is refused, so the first is not kept. */
  refused = run (f,
                 "[{\"kind\": \"melding\", \"report_date\": \"2024-02-02\"},"
                 " {\"kind\": \"melding\", \"report_date\": \"2024-02-03\", \"grounds\": [\"zonnebrand\"]}]",
                 "add", "--json", "-", NULL);
  ck_cli_test_assert_failed (refused, EX_DATAERR, "Case 2");
  g_assert_nonnull (strstr (refused->err, "zonnebrand"));
  g_assert_cmpuint (count_cases (f), ==, 3);

  empty = run (f, "[]", "add", "--json", "-", NULL);
  ck_cli_test_assert_ok (empty);
  g_assert_cmpstr (empty->out, ==, "");
  g_assert_cmpuint (count_cases (f), ==, 3);
}

static void
test_add_refuses_bad_values (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->dir, "missing.json", NULL);
  g_autoptr(CkCliResult) unknown_code = NULL;
  g_autoptr(CkCliResult) bad_date = NULL;
  g_autoptr(CkCliResult) future = NULL;
  g_autoptr(CkCliResult) bad_answer = NULL;
  g_autoptr(CkCliResult) unknown_key = NULL;
  g_autoptr(CkCliResult) wrong_type = NULL;
  g_autoptr(CkCliResult) not_json = NULL;
  g_autoptr(CkCliResult) no_file = NULL;
  g_autoptr(CkCliResult) no_fields = NULL;
  g_autoptr(CkCliResult) both = NULL;
  g_autoptr(CkCliResult) unknown_option = NULL;
  g_autoptr(CkCliResult) read_only = NULL;

  init_register (f);

  unknown_code = run (f, NULL, "add", "--report-date", "2024-03-04", "--kind", "melding",
                      "--grounds", "herkomst,zonnebrand", NULL);
  ck_cli_test_assert_failed (unknown_code, EX_DATAERR, "zonnebrand");

  bad_date = run (f, NULL, "add", "--report-date", "2024-13-45", "--kind", "melding", NULL);
  ck_cli_test_assert_failed (bad_date, EX_DATAERR, "2024-13-45");

  future = run (f, NULL, "add", "--report-date", "2999-01-01", "--kind", "melding", NULL);
  ck_cli_test_assert_failed (future, EX_DATAERR, "future");

  bad_answer = run (f, NULL, "add", "--report-date", "2024-03-04", "--kind", "melding",
                    "--bystanders-present", "perhaps", NULL);
  ck_cli_test_assert_failed (bad_answer, EX_DATAERR, "perhaps");

  unknown_key = run (f, "{\"kind\": \"melding\", \"report_date\": \"2024-03-04\", \"colour\": \"red\"}",
                     "add", "--json", "-", NULL);
  ck_cli_test_assert_failed (unknown_key, EX_DATAERR, "colour");

  wrong_type = run (f, "{\"kind\": \"melding\", \"report_date\": \"2024-03-04\", \"grounds\": \"herkomst\"}",
                    "add", "--json", "-", NULL);
  ck_cli_test_assert_failed (wrong_type, EX_DATAERR, "grounds");

  not_json = run (f, "{\"kind\": ", "add", "--json", "-", NULL);
  ck_cli_test_assert_failed (not_json, EX_DATAERR, NULL);

  no_file = run (f, NULL, "add", "--json", missing, NULL);
  ck_cli_test_assert_failed (no_file, EX_NOINPUT, "missing.json");

  no_fields = run (f, NULL, "add", NULL);
  ck_cli_test_assert_failed (no_fields, EX_USAGE, NULL);

  both = run (f, NULL, "add", "--json", "-", "--kind", "melding", NULL);
  ck_cli_test_assert_failed (both, EX_USAGE, "--json");

  unknown_option = run (f, NULL, "add", "--colour", "red", NULL);
  ck_cli_test_assert_failed (unknown_option, EX_USAGE, "--colour");

  /* The register gives the reference; it is no option. */
  read_only = run (f, NULL, "add", "--reference", "AMS-1999-0001", "--kind", "melding", NULL);
  ck_cli_test_assert_failed (read_only, EX_USAGE, "--reference");

  g_assert_cmpuint (count_cases (f), ==, 0);
}

static void
test_usage_errors (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CkCliResult) unknown_command = NULL;
  g_autoptr(CkCliResult) no_command = NULL;
  g_autoptr(CkCliResult) unknown_global = NULL;
  g_autoptr(CkCliResult) unknown_option = NULL;
  g_autoptr(CkCliResult) missing_reference = NULL;
  g_autoptr(CkCliResult) extra_reference = NULL;
  g_autoptr(CkCliResult) help_unknown = NULL;

  init_register (f);

  unknown_command = run (f, NULL, "frobnicate", NULL);
  ck_cli_test_assert_failed (unknown_command, EX_USAGE, "frobnicate");
  no_command = run_bare (NULL, "--db", f->db, "--passphrase-file", f->passphrase_file, NULL);
  ck_cli_test_assert_failed (no_command, EX_USAGE, "command");
  unknown_global = run_bare (NULL, "--colour", "list", NULL);
  ck_cli_test_assert_failed (unknown_global, EX_USAGE, "--colour");
  unknown_option = run (f, NULL, "list", "--colour", NULL);
  ck_cli_test_assert_failed (unknown_option, EX_USAGE, "--colour");
  missing_reference = run (f, NULL, "show", NULL);
  ck_cli_test_assert_failed (missing_reference, EX_USAGE, "missing");
  extra_reference = run (f, NULL, "show", "AMS-2024-0001", "AMS-2024-0002", NULL);
  ck_cli_test_assert_failed (extra_reference, EX_USAGE, "AMS-2024-0002");
  help_unknown = run (f, NULL, "help", "frobnicate", NULL);
  ck_cli_test_assert_failed (help_unknown, EX_USAGE, "frobnicate");
}

static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(CkCliResult) global = run_bare (NULL, "--help", NULL);
  g_autoptr(CkCliResult) add = run_bare (NULL, "add", "--help", NULL);
  g_autoptr(CkCliResult) show = run_bare (NULL, "help", "show", NULL);

  ck_cli_test_assert_ok (global);
  g_assert_nonnull (strstr (global->out, "--passphrase-file"));
  g_assert_nonnull (strstr (global->out, "Exit status"));
  for (const char * const *code = (const char *[]) { " 64 ", " 65 ", " 66 ", " 70 ", " 73 ", " 74 ", " 77 ", NULL };
       *code != NULL; code++)
    g_assert_nonnull (strstr (global->out, *code));
  g_assert_nonnull (strstr (global->out, "delete"));

  /* The field options come from the field table. */
  ck_cli_test_assert_ok (add);
  g_assert_nonnull (strstr (add->out, "--report-date=YYYY-MM-DD"));
  g_assert_nonnull (strstr (add->out, "--narrative=TEXT"));
  g_assert_nonnull (strstr (add->out, "--subject-is-manager=yes|no|unknown"));
  g_assert_nonnull (strstr (add->out, "--json=FILE"));
  g_assert_nonnull (strstr (add->out, "herkomst (Origin, race or skin colour)"));
  g_assert_null (strstr (add->out, "--reference"));

  ck_cli_test_assert_ok (show);
  g_assert_nonnull (strstr (show->out, "show REF"));
  g_assert_nonnull (strstr (show->out, "--json"));
}

static void
test_missing_register (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(CkCliResult) list = run (f, NULL, "list", NULL);
  g_autoptr(CkCliResult) add = run (f, NULL, "add", "--kind", "melding", "--report-date", "2024-03-04", NULL);

  ck_cli_test_assert_failed (list, EX_NOINPUT, f->db);
  ck_cli_test_assert_failed (add, EX_NOINPUT, f->db);
  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));
}

static void
make_foreign_database (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE notes (text TEXT);"
                                     "INSERT INTO notes VALUES ('not a register');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* A file that is not a register is reported, by every command that opens
 * it, and left exactly as it was. */
static void
test_not_a_register (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1234);
  guint8 noise[8192];

  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = g_rand_int_range (rand, 0, 256);

  for (guint kind = 0; kind < 4; kind++)
    {
      g_autoptr(GBytes) before = NULL;
      g_autoptr(GBytes) after = NULL;
      g_autoptr(CkCliResult) list = NULL;
      g_autoptr(CkCliResult) demo = NULL;
      g_autoptr(CkCliResult) add = NULL;
      g_autoptr(CkCliResult) init = NULL;

      g_unlink (f->db);
      switch (kind)
        {
        case 0:
          write_file (f->db, "Dit is een boodschappenlijst.\nMelk, brood.\n", -1);
          break;
        case 1:
          write_file (f->db, (const char *) noise, sizeof noise);
          break;
        case 2:
          write_file (f->db, "", 0);
          break;
        default:
          make_foreign_database (f->db);
          break;
        }

      before = snapshot (f->db);
      list = run (f, NULL, "list", NULL);
      ck_cli_test_assert_failed (list, EX_DATAERR, "not a Casuskamer register");
      demo = run (f, NULL, "demo", "--unit", "AMS", "--cases", "3", NULL);
      ck_cli_test_assert_failed (demo, EX_DATAERR, "not a Casuskamer register");
      add = run (f, "{\"kind\": \"melding\", \"report_date\": \"2024-03-04\"}", "add", "--json", "-", NULL);
      ck_cli_test_assert_failed (add, EX_DATAERR, "not a Casuskamer register");
      init = run (f, NULL, "init", "--unit", "AMS", NULL);
      ck_cli_test_assert_failed (init, EX_CANTCREAT, "already exists");
      after = snapshot (f->db);
      g_assert_true (g_bytes_equal (before, after));
    }
}

static void
test_passphrase (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *wrong_file = g_build_filename (f->dir, "wrong", NULL);
  g_autofree char *missing_file = g_build_filename (f->dir, "no-such-file", NULL);
  g_autofree char *crlf_file = g_build_filename (f->dir, "crlf", NULL);
  g_autoptr(CkCliResult) wrong = NULL;
  g_autoptr(CkCliResult) none = NULL;
  g_autoptr(CkCliResult) missing = NULL;
  g_autoptr(CkCliResult) crlf = NULL;
  g_autoptr(CkCliResult) init_without = NULL;
  g_autofree char *other_db = g_build_filename (f->dir, "other.sqlite", NULL);

  init_register (f);

  write_file (wrong_file, "not the passphrase\n", -1);
  wrong = run_bare (NULL, "--db", f->db, "--passphrase-file", wrong_file, "list", NULL);
  ck_cli_test_assert_failed (wrong, EX_NOPERM, "passphrase");

  /* Standard input is a pipe here: no prompt, a clear refusal. */
  none = run_bare ("", "--db", f->db, "list", NULL);
  ck_cli_test_assert_failed (none, EX_USAGE, "--passphrase-file");

  missing = run_bare (NULL, "--db", f->db, "--passphrase-file", missing_file, "list", NULL);
  ck_cli_test_assert_failed (missing, EX_NOINPUT, "no-such-file");

  /* Only the first line counts, without its line ending. */
  write_file (crlf_file, CK_TEST_PASSPHRASE "\r\nsecond line\n", -1);
  crlf = run_bare (NULL, "--db", f->db, "--passphrase-file", crlf_file, "list", NULL);
  ck_cli_test_assert_ok (crlf);

  init_without = run_bare ("", "--db", other_db, "init", "--unit", "AMS", NULL);
  ck_cli_test_assert_failed (init_without, EX_USAGE, "--passphrase-file");
  g_assert_false (g_file_test (other_db, G_FILE_TEST_EXISTS));
}

static JsonObject *
find_entry (JsonArray  *history,
            const char *field)
{
  for (guint i = 0; i < json_array_get_length (history); i++)
    {
      JsonObject *entry = json_array_get_object_element (history, i);
      JsonNode *name = json_object_get_member (entry, "field");

      if (!JSON_NODE_HOLDS_NULL (name) && g_strcmp0 (json_node_get_string (name), field) == 0)
        return entry;
    }

  return NULL;
}

static void
test_edit_and_audit (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(CkCliResult) added = NULL;
  g_autoptr(CkCliResult) edited = NULL;
  g_autoptr(CkCliResult) audit_text = NULL;
  g_autoptr(CkCliResult) audit_json = NULL;
  g_autoptr(CkCliResult) refused = NULL;
  g_autoptr(CkCliResult) nothing = NULL;
  g_autoptr(JsonObject) kase = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray *history;
  JsonObject *entry;

  init_register (f);
  added = run (f, "{\"kind\": \"melding\", \"report_date\": \"2024-03-04\", \"narrative\": \"Oud geheim 1111\"}",
               "add", "--json", "-", NULL);
  ck_cli_test_assert_ok (added);

  edited = run (f, NULL, "edit", "AMS-2024-0001", "--status", "in_behandeling",
                "--triage-date", "2024-03-10", "--narrative", "Nieuw geheim 4242", NULL);
  ck_cli_test_assert_ok (edited);
  g_assert_cmpstr (edited->out, ==, "AMS-2024-0001\n");

  kase = show_case (f, "AMS-2024-0001");
  g_assert_cmpstr (json_object_get_string_member (kase, "status"), ==, "in_behandeling");
  g_assert_cmpstr (json_object_get_string_member (kase, "narrative"), ==, "Nieuw geheim 4242");
  g_assert_cmpstr (json_object_get_string_member (kase, "kind"), ==, "melding");

  audit_json = run (f, NULL, "audit", "AMS-2024-0001", "--json", NULL);
  ck_cli_test_assert_ok (audit_json);
  g_assert_null (strstr (audit_json->out, "geheim"));
  node = ck_cli_test_parse_json (audit_json->out);
  history = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (history), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (history, 0), "action"),
                   ==, "created");

  entry = find_entry (history, "status");
  g_assert_nonnull (entry);
  g_assert_cmpstr (json_object_get_string_member (entry, "action"), ==, "changed");
  g_assert_cmpstr (json_object_get_string_member (entry, "old"), ==, "nieuw");
  g_assert_cmpstr (json_object_get_string_member (entry, "new"), ==, "in_behandeling");
  g_assert_nonnull (strstr (json_object_get_string_member (entry, "actor"), "casuskamer-cli"));
  g_assert_nonnull (find_entry (history, "triage_date"));

  entry = find_entry (history, "narrative");
  g_assert_nonnull (entry);
  g_assert_true (json_object_get_boolean_member (entry, "confidential"));
  g_assert_true (json_object_get_null_member (entry, "old"));
  g_assert_true (json_object_get_null_member (entry, "new"));

  audit_text = run (f, NULL, "audit", "AMS-2024-0001", NULL);
  ck_cli_test_assert_ok (audit_text);
  g_assert_nonnull (strstr (audit_text->out, "created"));
  g_assert_nonnull (strstr (audit_text->out, "New → Being handled"));
  g_assert_nonnull (strstr (audit_text->out, "— → 2024-03-10"));
  g_assert_nonnull (strstr (audit_text->out, "What happened"));
  g_assert_nonnull (strstr (audit_text->out, "(changed)"));
  g_assert_null (strstr (audit_text->out, "geheim"));

  /* A refused change leaves the case and its history as they were. */
  refused = run (f, NULL, "edit", "AMS-2024-0001", "--status", "gesloten", NULL);
  ck_cli_test_assert_failed (refused, EX_DATAERR, "disposal");
  nothing = run (f, NULL, "edit", "AMS-2024-0001", NULL);
  ck_cli_test_assert_failed (nothing, EX_USAGE, NULL);
  g_clear_pointer (&audit_json, ck_cli_result_free);
  audit_json = run (f, NULL, "audit", "AMS-2024-0001", "--json", NULL);
  g_clear_pointer (&node, json_node_unref);
  node = ck_cli_test_parse_json (audit_json->out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 4);
}

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(CkCliResult) added = NULL;
  g_autoptr(CkCliResult) without_yes = NULL;
  g_autoptr(CkCliResult) erased = NULL;
  g_autoptr(CkCliResult) shown = NULL;
  g_autoptr(CkCliResult) again = NULL;

  init_register (f);
  added = run (f, NULL, "add", "--kind", "melding", "--report-date", "2024-03-04", NULL);
  ck_cli_test_assert_ok (added);

  without_yes = run (f, NULL, "delete", "AMS-2024-0001", NULL);
  ck_cli_test_assert_failed (without_yes, EX_USAGE, "--yes");
  g_assert_cmpuint (count_cases (f), ==, 1);

  erased = run (f, NULL, "delete", "AMS-2024-0001", "--yes", NULL);
  ck_cli_test_assert_ok (erased);
  g_assert_cmpuint (count_cases (f), ==, 0);

  shown = run (f, NULL, "show", "AMS-2024-0001", NULL);
  ck_cli_test_assert_failed (shown, EX_NOINPUT, "AMS-2024-0001");
  again = run (f, NULL, "delete", "AMS-2024-0001", "--yes", NULL);
  ck_cli_test_assert_failed (again, EX_NOINPUT, "AMS-2024-0001");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* A tool that stops before reading its input must fail the assertion
   * about it, not end this program. */
  signal (SIGPIPE, SIG_IGN);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/init/refuses-existing", test_init_refuses_existing);
  ADD ("/cli/init/checks-arguments", test_init_checks_arguments);
  ADD ("/cli/init/default-path", test_default_path);
  ADD ("/cli/demo/list-json", test_demo_and_list_json);
  ADD ("/cli/demo/checks-arguments", test_demo_checks_arguments);
  ADD ("/cli/list/text-and-filters", test_list_text_and_filters);
  ADD ("/cli/show/json-round-trip", test_show_json_round_trip);
  ADD ("/cli/show/text", test_show_text);
  ADD ("/cli/add/options", test_add_options);
  ADD ("/cli/add/json-array-is-bulk", test_add_json_array_is_bulk);
  ADD ("/cli/add/refuses-bad-values", test_add_refuses_bad_values);
  ADD ("/cli/usage-errors", test_usage_errors);
  ADD ("/cli/help", test_help);
  ADD ("/cli/missing-register", test_missing_register);
  ADD ("/cli/not-a-register", test_not_a_register);
  ADD ("/cli/passphrase", test_passphrase);
  ADD ("/cli/edit-and-audit", test_edit_and_audit);
  ADD ("/cli/delete", test_delete);
#undef ADD

  return g_test_run ();
}
