/* test-case-json.c: a case to JSON and back
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "ck-case.h"
#include "ck-case-fields.h"
#include "ck-case-json.h"
#include "ck-case-validate.h"
#include "ck-error.h"
#include "ck-test-util.h"
#include "ck-vocabulary.h"

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
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

/* Every field survives the way out and back, through the JSON text. */
static void
test_round_trip (void)
{
  g_autoptr(CkCase) kase = ck_test_make_full_case ();
  g_autoptr(CkCase) back = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) reparsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  node = ck_case_to_json (kase, TRUE);
  text = json_to_string (node, FALSE);
  reparsed = parse (text);
  back = ck_case_from_json (reparsed, &error);

  g_assert_no_error (error);
  g_assert_nonnull (back);
  assert_cases_equal (kase, back);
  g_assert_true (back->has_confidential);
  g_assert_cmpint (back->id, ==, 0);
}

/* The member types are what DOMAIN.md and the command line document. */
static void
test_shape (void)
{
  g_autoptr(CkCase) kase = ck_test_make_full_case ();
  g_autoptr(CkCase) empty = ck_case_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) empty_node = NULL;
  JsonObject *object;
  JsonArray *grounds;
  JsonArray *measures;
  JsonObject *measure;
  const CkFieldInfo *fields;
  guint n_fields;

  kase->id = 42;
  kase->reference = g_strdup ("AMS-2024-0042");
  node = ck_case_to_json (kase, TRUE);
  object = json_node_get_object (node);

  fields = ck_case_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    g_assert_true (json_object_has_member (object, fields[i].name));
  g_assert_cmpuint (json_object_get_size (object), ==, n_fields + 1);

  g_assert_cmpint (json_object_get_int_member (object, "id"), ==, 42);
  g_assert_cmpstr (json_object_get_string_member (object, "reference"), ==, "AMS-2024-0042");
  g_assert_cmpstr (json_object_get_string_member (object, "report_date"), ==, "2024-03-04");
  g_assert_cmpstr (json_object_get_string_member (object, "subject_is_manager"), ==, "yes");
  g_assert_cmpstr (json_object_get_string_member (object, "bystanders_intervened"), ==, "no");
  g_assert_true (json_object_get_boolean_member (object, "lc_consulted"));
  g_assert_cmpstr (json_object_get_string_member (object, "narrative"), ==, kase->narrative);

  grounds = json_object_get_array_member (object, "grounds");
  g_assert_cmpuint (json_array_get_length (grounds), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (grounds, 0), ==, "herkomst");
  g_assert_cmpstr (json_array_get_string_element (grounds, 1), ==, "leeftijd");

  measures = json_object_get_array_member (object, "measures");
  g_assert_cmpuint (json_array_get_length (measures), ==, 2);
  measure = json_array_get_object_element (measures, 1);
  g_assert_cmpstr (json_object_get_string_member (measure, "code"), ==, "schriftelijke_berisping");
  g_assert_true (json_object_get_boolean_member (measure, "conditional"));

  /* A new, empty case: nulls and empty arrays, never missing members. */
  empty_node = ck_case_to_json (empty, TRUE);
  object = json_node_get_object (empty_node);
  g_assert_true (json_object_get_null_member (object, "id"));
  g_assert_true (json_object_get_null_member (object, "report_date"));
  g_assert_true (json_object_get_null_member (object, "kind"));
  g_assert_true (json_object_get_null_member (object, "narrative"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "grounds")), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "reporter_left"), ==, "unknown");
  g_assert_false (json_object_get_boolean_member (object, "sensitive"));
}

static void
test_without_confidential (void)
{
  g_autoptr(CkCase) kase = ck_test_make_full_case ();
  g_autoptr(JsonNode) node = ck_case_to_json (kase, FALSE);
  g_autofree char *text = json_to_string (node, FALSE);
  JsonObject *object = json_node_get_object (node);
  const CkFieldInfo *fields;
  guint n_fields;

  fields = ck_case_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    g_assert_true (json_object_has_member (object, fields[i].name) == !fields[i].confidential);

  g_assert_null (strstr (text, kase->narrative));
  g_assert_null (strstr (text, kase->reporter_name));
  g_assert_null (strstr (text, kase->subject_personnel_number));
}

typedef struct
{
  const char *json;
  const char *field;
} BadInput;

static const BadInput bad_inputs[] = {
  { "{\"colour\": \"red\"}", "colour" },
  { "{\"kind\": 3}", "kind" },
  { "{\"kind\": [\"melding\"]}", "kind" },
  { "{\"grounds\": \"herkomst\"}", "grounds" },
  { "{\"grounds\": [\"herkomst\", 1]}", "grounds" },
  { "{\"report_date\": \"2024-13-01\"}", "report_date" },
  { "{\"report_date\": \"2024-02-30\"}", "report_date" },
  { "{\"report_date\": \"04-03-2024\"}", "report_date" },
  { "{\"report_date\": \"\"}", "report_date" },
  { "{\"report_date\": 20240304}", "report_date" },
  { "{\"lc_consulted\": \"yes\"}", "lc_consulted" },
  { "{\"lc_consulted\": null}", "lc_consulted" },
  { "{\"bystanders_present\": true}", "bystanders_present" },
  { "{\"bystanders_present\": \"maybe\"}", "bystanders_present" },
  { "{\"measures\": [\"geldboete\"]}", "measures" },
  { "{\"measures\": {\"code\": \"geldboete\"}}", "measures" },
  { "{\"measures\": [{\"code\": \"geldboete\", \"conditional\": \"yes\"}]}", "measures" },
  { "{\"measures\": [{\"code\": \"geldboete\", \"severity\": 6}]}", "measures" },
  { "{\"measures\": [{\"conditional\": true}]}", "measures" },
  { "{\"narrative\": 5}", "narrative" },
  { "{\"narrative\": [\"a\"]}", "narrative" },
  { "{\"kind\": \"melding\", \"status\": {}}", "status" },
};

/* Each refusal is CK_ERROR_INVALID, names the member, and says so. */
static void
test_strict (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_inputs); i++)
    {
      g_autoptr(JsonNode) node = parse (bad_inputs[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(CkCase) kase = ck_case_from_json (node, &error);

      g_test_message ("%s", bad_inputs[i].json);
      g_assert_null (kase);
      g_assert_error (error, CK_ERROR, CK_ERROR_INVALID);
      g_assert_cmpstr (ck_error_get_field (error), ==, bad_inputs[i].field);
      g_assert_nonnull (strstr (error->message, bad_inputs[i].field));
    }
}

/* The form is checked here, whether a code exists when the case is
 * validated, as for every other way in. */
static void
test_codes_left_to_validation (void)
{
  g_autoptr(JsonNode) node = parse ("{\"kind\": \"melding\", \"status\": \"nieuw\","
                                    " \"report_date\": \"2024-03-04\", \"unit\": \"AMS\","
                                    " \"grounds\": [\"herkomst\", \"zonnebrand\"]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(CkCase) kase = ck_case_from_json (node, &error);

  g_assert_no_error (error);
  g_assert_false (ck_case_validate (kase, ck_vocabulary_get_default (), &error));
  g_assert_error (error, CK_ERROR, CK_ERROR_INVALID);
  g_assert_cmpstr (ck_error_get_field (error), ==, "grounds");
}

static void
test_nulls_and_read_only (void)
{
  g_autoptr(JsonNode) node = parse ("{\"id\": 7, \"reference\": \"RTD-2020-0001\","
                                    " \"team\": null, \"report_date\": null, \"narrative\": null,"
                                    " \"grounds\": [\"leeftijd\", \"herkomst\", \"leeftijd\"],"
                                    " \"measures\": [{\"code\": \"geen\"}]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(CkCase) kase = ck_case_from_json (node, &error);

  g_assert_no_error (error);
  g_assert_cmpint (kase->id, ==, 0);
  g_assert_null (kase->reference);
  g_assert_null (kase->team);
  g_assert_null (kase->narrative);
  g_assert_false (g_date_valid (&kase->report_date));
  /* Normalized: sorted, without duplicates. */
  g_assert_cmpuint (g_strv_length (kase->grounds), ==, 2);
  g_assert_cmpstr (kase->grounds[0], ==, "herkomst");
  g_assert_cmpuint (kase->measures->len, ==, 1);
  g_assert_false (g_array_index (kase->measures, CkMeasure, 0).conditional);
}

static void
test_lists (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) one = parse ("{\"kind\": \"signaal\"}");
  g_autoptr(JsonNode) many = parse ("[{\"kind\": \"signaal\"}, {\"kind\": \"klacht\"}]");
  g_autoptr(JsonNode) bad = parse ("[{\"kind\": \"signaal\"}, {\"kind\": false}]");
  g_autoptr(JsonNode) scalar = parse ("\"melding\"");
  g_autoptr(JsonNode) not_objects = parse ("[{\"kind\": \"signaal\"}, 12]");
  g_autoptr(GPtrArray) cases = NULL;

  cases = ck_cases_from_json (one, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, ==, 1);
  g_clear_pointer (&cases, g_ptr_array_unref);

  cases = ck_cases_from_json (many, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, ==, 2);
  g_assert_cmpstr (((CkCase *) cases->pdata[1])->kind, ==, "klacht");
  g_clear_pointer (&cases, g_ptr_array_unref);

  cases = ck_cases_from_json (bad, &error);
  g_assert_null (cases);
  g_assert_error (error, CK_ERROR, CK_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Case 2: "));
  g_assert_cmpstr (ck_error_get_field (error), ==, "kind");
  g_clear_error (&error);

  cases = ck_cases_from_json (not_objects, &error);
  g_assert_null (cases);
  g_assert_error (error, CK_ERROR, CK_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Case 2: "));
  g_clear_error (&error);

  cases = ck_cases_from_json (scalar, &error);
  g_assert_null (cases);
  g_assert_error (error, CK_ERROR, CK_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/case-json/round-trip", test_round_trip);
  g_test_add_func ("/case-json/shape", test_shape);
  g_test_add_func ("/case-json/without-confidential", test_without_confidential);
  g_test_add_func ("/case-json/strict", test_strict);
  g_test_add_func ("/case-json/codes-left-to-validation", test_codes_left_to_validation);
  g_test_add_func ("/case-json/nulls-and-read-only", test_nulls_and_read_only);
  g_test_add_func ("/case-json/lists", test_lists);

  return g_test_run ();
}
