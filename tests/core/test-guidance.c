/* test-guidance.c: the handling guidance, its deadlines and the overview
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "ck-attention.h"
#include "ck-case.h"
#include "ck-case-facts.h"
#include "ck-case-index.h"
#include "ck-date.h"
#include "ck-demo.h"
#include "ck-error.h"
#include "ck-guidance.h"
#include "ck-register.h"
#include "ck-similar.h"
#include "ck-test-util.h"

static CkDeadlines defaults;

static guint32
julian (int year,
        int month,
        int day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return g_date_get_julian (&date);
}

static CkCaseFacts
report_on (guint32 report)
{
  CkCaseFacts facts = { 0 };

  facts.report = report;
  return facts;
}

static CkStepStatus
status_of (const CkCaseFacts *facts,
           guint32            today,
           CkStep             step)
{
  CkStepStatus statuses[CK_N_STEPS];

  ck_guidance_evaluate (&defaults, facts, today, statuses);
  return statuses[step];
}

static void
test_data (void)
{
  CkGuidance *guidance = ck_guidance_get_default ();
  static const char * const bad[] = {
    /* a step missing */
    "<guidance version='1'><deadlines/><steps><step code='registered'><title>a</title><label>b</label>"
    "<description>c</description></step></steps><advice/></guidance>",
    /* steps out of order */
    "<guidance version='1'><steps><step code='acknowledged'/></steps></guidance>",
    /* an unknown situation */
    "<guidance version='1'><advice><text when='sometimes'>x</text></advice></guidance>",
    /* a default outside its range */
    "<guidance version='1'><deadlines><deadline id='triage' unit='days' default='90' min='1' max='60'>"
    "<title>t</title></deadline></deadlines></guidance>",
    /* a deadline in the wrong unit */
    "<guidance version='1'><deadlines><deadline id='outcome' unit='days' default='3' min='1' max='12'>"
    "<title>t</title></deadline></deadlines></guidance>",
  };

  for (guint i = 0; i < CK_N_STEPS; i++)
    {
      g_assert_nonnull (ck_guidance_get_step_title (guidance, i));
      g_assert_cmpstr (ck_guidance_get_step_label (guidance, i), !=, "");
      g_assert_cmpuint (strlen (ck_guidance_get_step_description (guidance, i)), >, 40);
    }
  for (guint i = 0; i < CK_N_ADVICE; i++)
    g_assert_cmpuint (strlen (ck_guidance_get_advice_text (guidance, i)), >, 20);

  g_assert_cmpstr (ck_guidance_get_step_label (guidance, CK_STEP_ACKNOWLEDGED), ==, "Confirm receipt to the reporter");
  g_assert_cmpint (defaults.value[CK_DEADLINE_ACKNOWLEDGE], ==, 7);
  g_assert_cmpint (defaults.value[CK_DEADLINE_TRIAGE], ==, 14);
  g_assert_cmpint (defaults.value[CK_DEADLINE_FEEDBACK], ==, 28);
  g_assert_cmpint (defaults.value[CK_DEADLINE_OUTCOME], ==, 3);
  g_assert_true (ck_deadline_is_in_months (CK_DEADLINE_OUTCOME));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (bad[i], strlen (bad[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(CkGuidance) parsed = ck_guidance_new_from_bytes (bytes, &error);

      g_assert_null (parsed);
      g_assert_nonnull (error);
    }
}

/* Receipt is due on day 7 and late from day 8; "due" starts a week
 * ahead, so a fresh report shows its receipt as due at once. */
static void
test_acknowledge_boundaries (void)
{
  guint32 report = julian (2026, 3, 2);
  CkCaseFacts facts = report_on (report);
  CkStepStatus s;

  s = status_of (&facts, report, CK_STEP_ACKNOWLEDGED);
  g_assert_cmpint (s.state, ==, CK_STEP_STATE_DUE);
  g_assert_cmpint (s.days_left, ==, 7);
  g_assert_cmpuint (s.due, ==, julian (2026, 3, 9));

  s = status_of (&facts, report + 7, CK_STEP_ACKNOWLEDGED);
  g_assert_cmpint (s.state, ==, CK_STEP_STATE_DUE);
  g_assert_cmpint (s.days_left, ==, 0);

  s = status_of (&facts, report + 8, CK_STEP_ACKNOWLEDGED);
  g_assert_cmpint (s.state, ==, CK_STEP_STATE_OVERDUE);
  g_assert_cmpint (s.days_left, ==, -1);

  /* Triage (14 days) enters the week ahead on day 7, not on day 6. */
  g_assert_cmpint (status_of (&facts, report + 6, CK_STEP_TRIAGE).state, ==, CK_STEP_STATE_OPEN);
  g_assert_cmpint (status_of (&facts, report + 7, CK_STEP_TRIAGE).state, ==, CK_STEP_STATE_DUE);

  /* Done is done, late or not. */
  facts.acknowledged = report + 12;
  g_assert_cmpint (status_of (&facts, report + 30, CK_STEP_ACKNOWLEDGED).state, ==, CK_STEP_STATE_DONE);
}

/* The outcome is due months after the report; a month without the day
 * ends the period on its last day. */
static void
test_outcome_months (void)
{
  static const struct
  {
    int report[3];
    int months;
    int due[3];
  } cases[] = {
    { { 2025, 11, 30 }, 3, { 2026, 2, 28 } },
    { { 2023, 11, 30 }, 3, { 2024, 2, 29 } },
    { { 2025, 1, 31 }, 3, { 2025, 4, 30 } },
    { { 2025, 1, 31 }, 1, { 2025, 2, 28 } },
    { { 2025, 10, 15 }, 3, { 2026, 1, 15 } },
    { { 2024, 12, 31 }, 2, { 2025, 2, 28 } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      CkDeadlines deadlines = defaults;
      CkCaseFacts facts = report_on (julian (cases[i].report[0], cases[i].report[1], cases[i].report[2]));
      CkStepStatus statuses[CK_N_STEPS];

      deadlines.value[CK_DEADLINE_OUTCOME] = cases[i].months;
      ck_guidance_evaluate (&deadlines, &facts, facts.report, statuses);
      g_assert_cmpuint (statuses[CK_STEP_DISPOSAL].due, ==, julian (cases[i].due[0], cases[i].due[1], cases[i].due[2]));
      g_assert_cmpuint (statuses[CK_STEP_RESTORATION].due, ==, statuses[CK_STEP_DISPOSAL].due);
    }
}

/* What restarts a clock: news for the reporter restarts the four weeks;
 * the disposal stops them and starts the outcome, the lesson and
 * closing; taking the disposal back undoes that. */
static void
test_clocks_reset (void)
{
  guint32 report = julian (2026, 1, 5);
  CkCaseFacts facts = report_on (report);
  CkStepStatus statuses[CK_N_STEPS];
  guint32 today = report + 40;

  /* Without any news, four weeks from the report. */
  ck_guidance_evaluate (&defaults, &facts, today, statuses);
  g_assert_cmpuint (statuses[CK_STEP_HANDLING].due, ==, report + 28);
  g_assert_cmpint (statuses[CK_STEP_HANDLING].state, ==, CK_STEP_STATE_OVERDUE);
  g_assert_cmpint (statuses[CK_STEP_INFORMED].state, ==, CK_STEP_STATE_WAITING);
  g_assert_cmpint (statuses[CK_STEP_LESSON].state, ==, CK_STEP_STATE_NOT_APPLICABLE);
  g_assert_cmpint (statuses[CK_STEP_CLOSED].state, ==, CK_STEP_STATE_WAITING);

  /* The receipt restarts it, and so does each piece of news. */
  facts.acknowledged = report + 3;
  ck_guidance_evaluate (&defaults, &facts, today, statuses);
  g_assert_cmpuint (statuses[CK_STEP_HANDLING].due, ==, report + 31);
  facts.last_feedback = report + 35;
  ck_guidance_evaluate (&defaults, &facts, today, statuses);
  g_assert_cmpuint (statuses[CK_STEP_HANDLING].due, ==, report + 63);
  g_assert_cmpint (statuses[CK_STEP_HANDLING].state, ==, CK_STEP_STATE_OPEN);

  /* Disposed, founded, with measures: news is no longer due, the outcome
   * and the lesson are. */
  facts.triage = report + 10;
  facts.disposal = report + 60;
  facts.flags |= CK_FACT_HAS_FINDING | CK_FACT_FOUNDED | CK_FACT_HAS_MEASURES | CK_FACT_HAS_ROUTE;
  today = report + 70;
  ck_guidance_evaluate (&defaults, &facts, today, statuses);
  g_assert_cmpint (statuses[CK_STEP_HANDLING].state, ==, CK_STEP_STATE_DONE);
  g_assert_cmpint (statuses[CK_STEP_DISPOSAL].state, ==, CK_STEP_STATE_DONE);
  g_assert_cmpint (statuses[CK_STEP_INFORMED].state, ==, CK_STEP_STATE_OPEN);
  g_assert_cmpuint (statuses[CK_STEP_INFORMED].due, ==, julian (2026, 4, 5));
  g_assert_cmpuint (statuses[CK_STEP_LESSON].due, ==, facts.disposal + 28);
  g_assert_cmpint (statuses[CK_STEP_LESSON].state, ==, CK_STEP_STATE_OPEN);

  /* A founded report without measures is not disposed yet. */
  facts.flags &= ~CK_FACT_HAS_MEASURES;
  ck_guidance_evaluate (&defaults, &facts, today, statuses);
  g_assert_cmpint (statuses[CK_STEP_DISPOSAL].state, !=, CK_STEP_STATE_DONE);
  facts.flags |= CK_FACT_HAS_MEASURES;

  /* A disposal after the outcome deadline makes the outcome due at once. */
  facts.disposal = report + 100;
  ck_guidance_evaluate (&defaults, &facts, report + 100, statuses);
  g_assert_cmpuint (statuses[CK_STEP_INFORMED].due, ==, report + 100);
  g_assert_cmpint (statuses[CK_STEP_INFORMED].state, ==, CK_STEP_STATE_DUE);
  g_assert_cmpint (statuses[CK_STEP_DISPOSAL].state, ==, CK_STEP_STATE_DONE);

  /* Everything done but closing: closing is due with the lesson's clock. */
  facts.outcome_informed = report + 101;
  facts.flags |= CK_FACT_LESSON_CONSIDERED | CK_FACT_RESTORATION_ANSWERED;
  ck_guidance_evaluate (&defaults, &facts, report + 122, statuses);
  g_assert_cmpint (statuses[CK_STEP_CLOSED].state, ==, CK_STEP_STATE_DUE);
  g_assert_cmpuint (statuses[CK_STEP_CLOSED].due, ==, report + 128);
  g_assert_cmpint (ck_guidance_get_current_step (statuses), ==, CK_STEP_CLOSED);

  /* Taking the disposal back: the outcome and the lesson wait again, and
   * the four weeks of news run again from the last news. */
  facts.disposal = 0;
  facts.outcome_informed = 0;
  ck_guidance_evaluate (&defaults, &facts, report + 120, statuses);
  g_assert_cmpint (statuses[CK_STEP_INFORMED].state, ==, CK_STEP_STATE_WAITING);
  g_assert_cmpint (statuses[CK_STEP_LESSON].state, ==, CK_STEP_STATE_WAITING);
  g_assert_cmpint (statuses[CK_STEP_CLOSED].state, ==, CK_STEP_STATE_WAITING);
  g_assert_cmpint (statuses[CK_STEP_HANDLING].state, ==, CK_STEP_STATE_OVERDUE);
  g_assert_cmpuint (statuses[CK_STEP_HANDLING].due, ==, report + 63);
}

static void
test_applicability (void)
{
  guint32 report = julian (2026, 5, 4);
  CkCaseFacts facts = report_on (report);
  CkStepStatus statuses[CK_N_STEPS];
  guint32 advice;

  /* A signal: no receipt, no triage unless someone takes it there, no
   * restoration; it is still disposed of within the outcome deadline. */
  facts.flags = CK_FACT_SIGNAL;
  ck_guidance_evaluate (&defaults, &facts, report + 1, statuses);
  g_assert_cmpint (statuses[CK_STEP_ACKNOWLEDGED].state, ==, CK_STEP_STATE_NOT_APPLICABLE);
  g_assert_cmpint (statuses[CK_STEP_TRIAGE].state, ==, CK_STEP_STATE_NOT_APPLICABLE);
  g_assert_cmpint (statuses[CK_STEP_RESTORATION].state, ==, CK_STEP_STATE_NOT_APPLICABLE);
  g_assert_cmpint (statuses[CK_STEP_INFORMED].state, ==, CK_STEP_STATE_NOT_APPLICABLE);
  g_assert_cmpint (statuses[CK_STEP_DISPOSAL].state, ==, CK_STEP_STATE_OPEN);
  advice = ck_guidance_get_advice (&facts, statuses);
  g_assert_true (advice & (1 << CK_ADVICE_SIGNAL));
  facts.triage = report + 3;
  ck_guidance_evaluate (&defaults, &facts, report + 4, statuses);
  g_assert_cmpint (statuses[CK_STEP_TRIAGE].state, ==, CK_STEP_STATE_DONE);

  /* An anonymous report: triage, but nobody to confirm receipt to or to
   * keep informed. */
  facts = report_on (report);
  facts.flags = CK_FACT_ANONYMOUS;
  ck_guidance_evaluate (&defaults, &facts, report + 40, statuses);
  g_assert_cmpint (statuses[CK_STEP_ACKNOWLEDGED].state, ==, CK_STEP_STATE_NOT_APPLICABLE);
  g_assert_cmpint (statuses[CK_STEP_TRIAGE].state, ==, CK_STEP_STATE_OVERDUE);
  g_assert_cmpint (statuses[CK_STEP_HANDLING].state, ==, CK_STEP_STATE_OPEN);
  g_assert_cmpuint (statuses[CK_STEP_HANDLING].due, ==, 0);
  g_assert_cmpint (statuses[CK_STEP_INFORMED].state, ==, CK_STEP_STATE_NOT_APPLICABLE);

  /* Sensitive: the national coordinator by the triage deadline. */
  facts = report_on (report);
  facts.flags = CK_FACT_SENSITIVE | CK_FACT_MANAGER;
  ck_guidance_evaluate (&defaults, &facts, report + 15, statuses);
  g_assert_cmpint (statuses[CK_STEP_COORDINATOR].state, ==, CK_STEP_STATE_OVERDUE);
  g_assert_cmpint (statuses[CK_STEP_COORDINATOR].days_left, ==, -1);
  advice = ck_guidance_get_advice (&facts, statuses);
  g_assert_true (advice & (1 << CK_ADVICE_SENSITIVE));
  g_assert_true (advice & (1 << CK_ADVICE_MANAGER));
  g_assert_true (advice & (1 << CK_ADVICE_OVERDUE));
  g_assert_false (advice & (1 << CK_ADVICE_FOUNDED));
  facts.flags |= CK_FACT_LC_CONSULTED;
  ck_guidance_evaluate (&defaults, &facts, report + 15, statuses);
  g_assert_cmpint (statuses[CK_STEP_COORDINATOR].state, ==, CK_STEP_STATE_DONE);

  /* Closed with steps not taken: they are missed, not overdue. */
  facts = report_on (report);
  facts.triage = report + 2;
  facts.disposal = report + 30;
  facts.flags = CK_FACT_CLOSED | CK_FACT_HAS_FINDING;
  ck_guidance_evaluate (&defaults, &facts, report + 300, statuses);
  g_assert_cmpint (statuses[CK_STEP_ACKNOWLEDGED].state, ==, CK_STEP_STATE_MISSED);
  g_assert_cmpint (statuses[CK_STEP_INFORMED].state, ==, CK_STEP_STATE_MISSED);
  g_assert_cmpint (statuses[CK_STEP_CLOSED].state, ==, CK_STEP_STATE_DONE);
  g_assert_cmpint (statuses[CK_STEP_DISPOSAL].state, ==, CK_STEP_STATE_DONE);
  g_assert_cmpint (ck_guidance_get_current_step (statuses), ==, CK_N_STEPS);
}

static void
count_cb (CkRegister *reg,
          guint      *count)
{
  (*count)++;
}

/* The unit's deadlines live in the register, where casuskamer-cli reads
 * them too; a value out of range is refused and nothing changes. */
static void
test_deadline_settings (void)
{
  g_autofree char *dir = ck_test_make_dir ();
  g_autoptr(CkRegister) reg = ck_test_create_register (dir, "register.sqlite");
  g_autoptr(CkRegister) reopened = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (ck_register_get_path (reg));
  CkDeadlines deadlines;
  guint changed = 0;

  ck_guidance_get_deadlines (reg, &deadlines);
  g_assert_cmpmem (&deadlines, sizeof deadlines, &defaults, sizeof defaults);

  g_signal_connect (reg, "changed", G_CALLBACK (count_cb), &changed);

  deadlines.value[CK_DEADLINE_ACKNOWLEDGE] = 5;
  deadlines.value[CK_DEADLINE_OUTCOME] = 2;
  g_assert_true (ck_guidance_set_deadlines (reg, &deadlines, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);

  deadlines.value[CK_DEADLINE_TRIAGE] = 0;
  deadlines.value[CK_DEADLINE_ACKNOWLEDGE] = 6;
  g_assert_false (ck_guidance_set_deadlines (reg, &deadlines, &error));
  g_assert_error (error, CK_ERROR, CK_ERROR_INVALID);
  g_assert_cmpstr (ck_error_get_field (error), ==, "triage");
  g_assert_cmpuint (changed, ==, 1);
  g_clear_error (&error);

  g_clear_object (&reg);
  reopened = ck_register_open (path, &error);
  g_assert_no_error (error);
  ck_register_unlock (reopened, CK_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
  ck_guidance_get_deadlines (reopened, &deadlines);
  g_assert_cmpint (deadlines.value[CK_DEADLINE_ACKNOWLEDGE], ==, 5);
  g_assert_cmpint (deadlines.value[CK_DEADLINE_OUTCOME], ==, 2);
  g_assert_cmpint (deadlines.value[CK_DEADLINE_TRIAGE], ==, 14);

  g_clear_object (&reopened);
  ck_test_remove_dir (dir);
}

typedef struct
{
  char       *dir;
  CkRegister *reg;
  GDate       today;
  gint64      ids[6];
} Fixture;

static CkCase *
open_case (const GDate *today,
           int          days_ago,
           const char  *kind)
{
  CkCase *kase = ck_case_new ();

  kase->kind = g_strdup (kind);
  kase->status = g_strdup ("nieuw");
  kase->reporter_role = g_strdup ("slachtoffer");
  g_strfreev (kase->grounds);
  kase->grounds = g_strsplit ("herkomst", ",", -1);
  kase->report_date = *today;
  g_date_subtract_days (&kase->report_date, days_ago);
  kase->incident_date = kase->report_date;
  return kase;
}

static void
days_before (GDate       *date,
             const GDate *today,
             int          days)
{
  *date = *today;
  g_date_subtract_days (date, days);
}

/* Six cases on 16 March 2026 with a known overview:
 *  0 a report of ten days ago, receipt not confirmed: receipt 3 days
 *    late, triage due in 4 days;
 *  1 a report of two days ago, receipt confirmed: nothing due this week;
 *  2 a signal of 200 days ago, never disposed of: 108 days late;
 *  3 a closed case with steps never taken: nothing;
 *  4 a sensitive report of 20 days ago, triaged, receipt confirmed: the
 *    national coordinator 6 days late;
 *  5 like 0, but in the bin: nothing. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = ck_test_make_dir ();
  f->reg = ck_test_create_register (f->dir, "register.sqlite");
  g_date_clear (&f->today, 1);
  g_date_set_dmy (&f->today, 16, 3, 2026);

  for (guint i = 0; i < G_N_ELEMENTS (f->ids); i++)
    {
      g_autoptr(CkCase) kase = NULL;

      switch (i)
        {
        case 0:
        case 5:
          kase = open_case (&f->today, 10, "melding");
          break;

        case 1:
          kase = open_case (&f->today, 2, "melding");
          days_before (&kase->acknowledged_date, &f->today, 1);
          break;

        case 2:
          kase = open_case (&f->today, 200, "signaal");
          break;

        case 3:
          kase = open_case (&f->today, 400, "klacht");
          days_before (&kase->triage_date, &f->today, 390);
          days_before (&kase->disposal_date, &f->today, 300);
          kase->finding = g_strdup ("ongegrond");
          g_free (kase->status);
          kase->status = g_strdup ("gesloten");
          break;

        case 4:
        default:
          kase = open_case (&f->today, 20, "melding");
          kase->sensitive = TRUE;
          days_before (&kase->acknowledged_date, &f->today, 18);
          days_before (&kase->triage_date, &f->today, 15);
          kase->triage_route = g_strdup ("disciplinair");
          g_free (kase->status);
          kase->status = g_strdup ("in_behandeling");
          break;
        }

      g_assert_true (ck_register_save_case (f->reg, kase, &error));
      g_assert_no_error (error);
      f->ids[i] = kase->id;
    }

  g_assert_true (ck_register_delete_case (f->reg, f->ids[5], &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->reg);
  ck_test_remove_dir (f->dir);
  g_free (f->dir);
}

/* Renders the overview as "reference step days-overdue" lines. */
static char *
describe (CkAttentionSet *items)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < ck_attention_set_get_n_items (items); i++)
    {
      g_autoptr(CkAttentionItem) item = ck_attention_set_make_item (items, i);

      g_assert_cmpint (item->kind, ==, CK_ATTENTION_CASE_STEP);
      g_assert_true (g_date_valid (&item->due));
      g_string_append_printf (text, "%s %s %d\n", item->subject,
                              ck_guidance_step_get_code (item->target_id), item->days_overdue);
    }

  return g_string_free (text, FALSE);
}

static char *
collect (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CkAttentionSet) items = ck_guidance_collect_attention (f->reg, &f->today, NULL, &error);

  g_assert_no_error (error);
  return describe (items);
}

static void
test_overview (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *before = collect (f);
  g_autofree char *after_receipt = NULL;
  g_autofree char *after_other = NULL;
  g_autofree char *path = g_strdup (ck_register_get_path (f->reg));
  g_autoptr(CkCase) first = NULL;
  g_autoptr(CkRegister) other = NULL;
  g_autoptr(CkCase) signal = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CkAttentionSet) items = NULL;
  g_autoptr(CkAttentionItem) receipt = NULL;

  g_assert_cmpstr (before, ==,
                   "AMS-2025-0001 disposal 108\n"
                   "AMS-2026-0003 coordinator 6\n"
                   "AMS-2026-0001 acknowledged 3\n"
                   "AMS-2026-0001 triage -4\n");

  /* The case's own item carries what the overview needs to open it. */
  items = ck_guidance_collect_attention (f->reg, &f->today, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ck_attention_set_count_overdue (items), ==, 3);
  receipt = ck_attention_set_make_item (items, 2);
  g_assert_cmpint (receipt->case_id, ==, f->ids[0]);
  g_assert_cmpstr (receipt->title, ==, "Confirm receipt to the reporter");

  /* Confirming the receipt takes that item away: the index reads the
   * change, not the whole register. */
  first = ck_register_get_case (f->reg, f->ids[0], TRUE, &error);
  g_assert_no_error (error);
  first->acknowledged_date = f->today;
  g_assert_true (ck_register_save_case (f->reg, first, &error));
  g_assert_no_error (error);
  after_receipt = collect (f);
  g_assert_cmpstr (after_receipt, ==,
                   "AMS-2025-0001 disposal 108\n"
                   "AMS-2026-0003 coordinator 6\n"
                   "AMS-2026-0001 triage -4\n");

  /* A change made through another connection, as casuskamer-cli would,
   * reaches the index through the change log. */
  other = ck_register_open (path, &error);
  g_assert_no_error (error);
  ck_register_unlock (other, CK_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
  signal = ck_register_get_case (other, f->ids[2], FALSE, &error);
  g_assert_no_error (error);
  signal->disposal_date = f->today;
  g_free (signal->status);
  signal->status = g_strdup ("gesloten");
  g_assert_true (ck_register_save_case (other, signal, &error));
  g_assert_no_error (error);
  g_assert_true (ck_register_restore_case (other, f->ids[5], &error));
  g_assert_no_error (error);

  after_other = collect (f);
  g_assert_cmpstr (after_other, ==,
                   "AMS-2026-0003 coordinator 6\n"
                   "AMS-2026-0004 acknowledged 3\n"
                   "AMS-2026-0001 triage -4\n"
                   "AMS-2026-0004 triage -4\n");
}

/* Shorter deadlines in the register change the overview at once. */
static void
test_overview_follows_settings (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  CkDeadlines deadlines = defaults;

  deadlines.value[CK_DEADLINE_ACKNOWLEDGE] = 14;
  deadlines.value[CK_DEADLINE_TRIAGE] = 7;
  g_assert_true (ck_guidance_set_deadlines (f->reg, &deadlines, &error));
  g_assert_no_error (error);

  text = collect (f);
  g_assert_cmpstr (text, ==,
                   "AMS-2025-0001 disposal 108\n"
                   "AMS-2026-0003 coordinator 13\n"
                   "AMS-2026-0001 triage 3\n"
                   "AMS-2026-0001 acknowledged -4\n"
                   "AMS-2026-0002 triage -5\n");
}

/* The index reads a case as the guidance and the comparison read it. */
static void
test_index_matches_cases (void)
{
  g_autofree char *dir = ck_test_make_dir ();
  g_autoptr(CkRegister) reg = ck_test_create_register (dir, "register.sqlite");
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GError) error = NULL;
  CkCaseIndex *index = ck_case_index_get_for_register (reg);
  GDate until;
  guint with_receipt = 0, told = 0, lessons = 0;

  g_date_clear (&until, 1);
  g_date_set_dmy (&until, 30, 9, 2026);
  cases = ck_demo_generate ("AMS", 400, 5, &until);
  g_assert_true (ck_register_insert_cases (reg, cases, &error));
  g_assert_no_error (error);
  g_assert_true (ck_case_index_update (index, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ck_case_index_get_n_cases (index), ==, 400);
  g_assert_true (ck_case_index_get_n_cases (index) == ck_case_index_get_n_cases (ck_case_index_get_for_register (reg)));

  for (guint i = 0; i < cases->len; i++)
    {
      g_autoptr(CkCase) stored = ck_register_get_case (reg, ((CkCase *) cases->pdata[i])->id, FALSE, &error);
      CkCaseFacts expected, indexed;
      CkSimilarProfile profile, indexed_profile;

      g_assert_no_error (error);
      ck_case_facts_init_from_case (&expected, stored);
      g_assert_true (ck_case_index_get_facts (index, stored->id, &indexed));
      g_assert_cmpmem (&expected, sizeof expected, &indexed, sizeof indexed);

      ck_similar_profile_init_from_case (&profile, stored);
      g_assert_true (ck_case_index_get_profile (index, stored->id, &indexed_profile));
      g_assert_cmpmem (&profile, sizeof profile, &indexed_profile, sizeof indexed_profile);

      with_receipt += ck_date_is_set (&stored->acknowledged_date);
      told += ck_date_is_set (&stored->outcome_informed_date);
      lessons += stored->lesson_considered;
    }

  /* The demo register has the new steps in realistic shares. */
  g_assert_cmpuint (with_receipt, >, 150);
  g_assert_cmpuint (told, >, 60);
  g_assert_cmpuint (lessons, >, 20);

  g_clear_object (&reg);
  ck_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ck_guidance_get_default_deadlines (ck_guidance_get_default (), &defaults);

  g_test_add_func ("/guidance/data", test_data);
  g_test_add_func ("/guidance/acknowledge-boundaries", test_acknowledge_boundaries);
  g_test_add_func ("/guidance/outcome-months", test_outcome_months);
  g_test_add_func ("/guidance/clocks-reset", test_clocks_reset);
  g_test_add_func ("/guidance/applicability", test_applicability);
  g_test_add_func ("/guidance/deadline-settings", test_deadline_settings);
  g_test_add ("/guidance/overview", Fixture, NULL, fixture_set_up, test_overview, fixture_tear_down);
  g_test_add ("/guidance/overview-follows-settings", Fixture, NULL, fixture_set_up,
              test_overview_follows_settings, fixture_tear_down);
  g_test_add_func ("/guidance/index-matches-cases", test_index_matches_cases);

  return g_test_run ();
}
