/* test-text-check.c: what a lesson must not contain before it is shared
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "ck-case.h"
#include "ck-register.h"
#include "ck-test-util.h"
#include "ck-text-check.h"

/* Asserts the kinds found in @text, in order (-1 terminated). */
static void
assert_findings (CkTextCheck *check,
                 const char  *text,
                 const int   *kinds)
{
  g_autoptr(GPtrArray) findings = ck_text_check_run (check, text);
  guint n = 0;

  while (kinds[n] >= 0)
    n++;

  if (findings->len != n)
    {
      for (guint i = 0; i < findings->len; i++)
        g_printerr ("found %d: “%s”\n", ((CkTextFinding *) findings->pdata[i])->kind,
                    ((CkTextFinding *) findings->pdata[i])->excerpt);
      g_error ("“%s”: expected %u findings, got %u", text, n, findings->len);
    }

  for (guint i = 0; i < n; i++)
    g_assert_cmpint (((CkTextFinding *) findings->pdata[i])->kind, ==, kinds[i]);
}

static void
test_patterns (void)
{
  g_autoptr(CkTextCheck) check = ck_text_check_new ();

  assert_findings (check, "Bespreek uitlatingen in de briefing en grijp als omstander in.", (int[]) { -1 });
  assert_findings (check, "In 2024Q1 zagen we meer meldingen over afkomst.", (int[]) { -1 });
  assert_findings (check, "Mail naar j.jansen@politie.nl of bel 06-12345678.",
                   (int[]) { CK_FINDING_EMAIL, CK_FINDING_PHONE, -1 });
  assert_findings (check, "Bel +31 6 1234 5678 of 020 123 4567.", (int[]) { CK_FINDING_PHONE, CK_FINDING_PHONE, -1 });
  assert_findings (check, "Op 12-03-2024 en op 2024-03-12 gebeurde het.", (int[]) { CK_FINDING_DATE, CK_FINDING_DATE, -1 });
  assert_findings (check, "Het was op 3 maart 2025, of op 4 mrt.", (int[]) { CK_FINDING_DATE, CK_FINDING_DATE, -1 });
  assert_findings (check, "It happened on March 3rd, 2025.", (int[]) { CK_FINDING_DATE, -1 });
  assert_findings (check, "Personeelsnummer 1234567 meldde het.", (int[]) { CK_FINDING_PERSONNEL_NUMBER, -1 });
  assert_findings (check, "Team B07 had 12 meldingen in 2025.", (int[]) { -1 });
  /* A day and month without the year still names the day. */
  assert_findings (check, "Op 12-3 en op 28/02 ging het mis.", (int[]) { CK_FINDING_DATE, CK_FINDING_DATE, -1 });
  assert_findings (check, "Het gesprek duurde 1.5 uur; 3 van de 4 kwamen.", (int[]) { -1 });
}

static void
test_names (void)
{
  g_autoptr(CkTextCheck) check = ck_text_check_new ();
  g_autoptr(GPtrArray) findings = NULL;
  const CkTextFinding *finding;

  ck_text_check_add_name (check, "Fatima el Amrani");
  ck_text_check_add_name (check, "Jan de Vries, Zoë Bakker");

  findings = ck_text_check_run (check, "Toen FATIMA het aankaartte, lachte de groep.");
  g_assert_cmpuint (findings->len, ==, 1);
  finding = findings->pdata[0];
  g_assert_cmpint (finding->kind, ==, CK_FINDING_NAME);
  g_assert_cmpstr (finding->excerpt, ==, "FATIMA");
  g_assert_cmpuint (finding->start, ==, 5);

  /* Diacritics and particles: "Zoe" is Zoë, "de" is nobody. */
  assert_findings (check, "Zoe en de rest van het team.", (int[]) { CK_FINDING_NAME, -1 });
  assert_findings (check, "Vries", (int[]) { CK_FINDING_NAME, -1 });
  assert_findings (check, "Jansen", (int[]) { -1 });
}

static void
test_register_names (void)
{
  g_autofree char *dir = ck_test_make_dir ();
  g_autoptr(CkRegister) reg = ck_test_create_register (dir, "register.sqlite");
  g_autoptr(CkCase) kase = ck_test_make_full_case ();
  g_autoptr(CkTextCheck) check = ck_text_check_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (ck_register_save_case (reg, kase, &error));
  g_assert_true (ck_text_check_add_register_names (check, reg, &error));
  g_assert_no_error (error);

  /* The test case's reporter, person concerned and bystander. */
  assert_findings (check, "Xandra sprak Yorick aan; Zeno keek toe.",
                   (int[]) { CK_FINDING_NAME, CK_FINDING_NAME, CK_FINDING_NAME, -1 });

  g_clear_object (&reg);
  ck_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/text-check/patterns", test_patterns);
  g_test_add_func ("/text-check/names", test_names);
  g_test_add_func ("/text-check/register-names", test_register_names);

  return g_test_run ();
}
