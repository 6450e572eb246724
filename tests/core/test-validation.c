/* test-validation.c: the rules a case must meet
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "ck-case.h"
#include "ck-case-fields.h"
#include "ck-case-validate.h"
#include "ck-error.h"
#include "ck-test-util.h"
#include "ck-vocabulary.h"

static GDate today;

/* Asserts that @kase is refused exactly on @field. */
static void
assert_refused (const CkCase *kase,
                const char   *field)
{
  g_autoptr(GPtrArray) errors = ck_case_check (kase, ck_vocabulary_get_default (), &today);

  g_assert_cmpuint (errors->len, >=, 1);
  for (guint i = 0; i < errors->len; i++)
    if (g_strcmp0 (ck_error_get_field (errors->pdata[i]), field) == 0)
      return;

  g_error ("expected an error on %s, got one on %s (%s)", field,
           ck_error_get_field (errors->pdata[0]), ((GError *) errors->pdata[0])->message);
}

static void
test_valid (void)
{
  g_autoptr(CkCase) kase = ck_test_make_full_case ();
  g_autoptr(GPtrArray) errors = ck_case_check (kase, ck_vocabulary_get_default (), &today);

  g_assert_cmpuint (errors->len, ==, 0);
}

static void
test_disposal_before_report (void)
{
  g_autoptr(CkCase) kase = ck_test_make_full_case ();

  g_date_set_dmy (&kase->disposal_date, 3, 3, 2024);
  assert_refused (kase, "disposal_date");
}

static void
test_finding_without_triage (void)
{
  g_autoptr(CkCase) kase = ck_test_make_full_case ();

  g_date_clear (&kase->triage_date, 1);
  assert_refused (kase, "finding");
}

static void
test_unknown_codes (void)
{
  const char *fields[] = { "kind", "channel", "grounds", "manifestations", "triage_route",
                           "finding", "measures", "status", "reporter_role", "subject_role", "unit" };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autoptr(CkCase) kase = ck_test_make_full_case ();
      const CkFieldInfo *field = ck_case_field_lookup (fields[i]);
      g_autoptr(GError) error = NULL;

      g_assert_true (ck_case_field_set_string (field, kase, "bestaat_niet", &error));
      g_assert_no_error (error);
      assert_refused (kase, fields[i]);
    }
}

static void
test_future_and_order (void)
{
  g_autoptr(CkCase) kase = ck_test_make_full_case ();
  g_autoptr(CkCase) early = ck_test_make_full_case ();

  kase->report_date = today;
  g_date_add_days (&kase->report_date, 1);
  assert_refused (kase, "report_date");

  g_date_set_dmy (&early->incident_date, 10, 3, 2024);
  assert_refused (early, "report_date");
}

static void
test_required (void)
{
  g_autoptr(CkCase) kase = ck_case_new ();

  assert_refused (kase, "kind");
  assert_refused (kase, "report_date");
  assert_refused (kase, "status");
}

static void
test_handling_rules (void)
{
  g_autoptr(CkCase) none_and_more = ck_test_make_full_case ();
  g_autoptr(CkCase) accepted = ck_test_make_full_case ();
  g_autoptr(CkCase) intervened = ck_test_make_full_case ();
  g_autoptr(CkCase) closed = ck_test_make_full_case ();
  g_autoptr(CkCase) team = ck_test_make_full_case ();

  ck_case_add_measure (none_and_more, "geen", FALSE);
  assert_refused (none_and_more, "measures");

  accepted->restoration_offered = CK_TRISTATE_NO;
  assert_refused (accepted, "restoration_accepted");

  intervened->bystanders_present = CK_TRISTATE_NO;
  intervened->bystanders_intervened = CK_TRISTATE_YES;
  assert_refused (intervened, "bystanders_intervened");

  g_date_clear (&closed->disposal_date, 1);
  assert_refused (closed, "disposal_date");

  /* A name typed where a team code belongs would travel with the records. */
  g_free (team->team);
  team->team = g_strdup ("Jan de Vries");
  assert_refused (team, "team");
}

static void
test_text_forms (void)
{
  g_autoptr(CkCase) kase = ck_case_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *measures = NULL;

  g_assert_true (ck_case_field_set_string (ck_case_field_lookup ("measures"), kase,
                                           "geldboete:conditional, educatief", &error));
  measures = ck_case_field_to_string (ck_case_field_lookup ("measures"), kase);
  g_assert_cmpstr (measures, ==, "educatief,geldboete:conditional");

  g_assert_false (ck_case_field_set_string (ck_case_field_lookup ("report_date"), kase, "31-02-2024", &error));
  g_assert_error (error, CK_ERROR, CK_ERROR_INVALID);
  g_assert_cmpstr (ck_error_get_field (error), ==, "report_date");
  g_clear_error (&error);

  g_assert_true (ck_case_field_set_string (ck_case_field_lookup ("report_date"), kase, "29-02-2024", &error));
  g_assert_cmpint (g_date_get_day (&kase->report_date), ==, 29);

  g_assert_false (ck_case_field_set_string (ck_case_field_lookup ("bystanders_present"), kase, "misschien", &error));
  g_assert_error (error, CK_ERROR, CK_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, 1, 2025);

  g_test_add_func ("/validation/valid", test_valid);
  g_test_add_func ("/validation/disposal-before-report", test_disposal_before_report);
  g_test_add_func ("/validation/finding-without-triage", test_finding_without_triage);
  g_test_add_func ("/validation/unknown-codes", test_unknown_codes);
  g_test_add_func ("/validation/future-and-order", test_future_and_order);
  g_test_add_func ("/validation/required", test_required);
  g_test_add_func ("/validation/handling-rules", test_handling_rules);
  g_test_add_func ("/validation/text-forms", test_text_forms);

  return g_test_run ();
}
