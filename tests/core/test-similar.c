/* test-similar.c: comparable cases and their protected figures
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "ck-case.h"
#include "ck-case-index.h"
#include "ck-date.h"
#include "ck-demo.h"
#include "ck-register.h"
#include "ck-shared-store.h"
#include "ck-similar.h"
#include "ck-small-cells.h"
#include "ck-test-util.h"
#include "ck-vocabulary.h"

#define K 5

/* The case being compared: origin, a remark, a colleague towards the
 * person harmed, bystanders who did not intervene, through the line. */
static CkCase *
make_query (void)
{
  CkCase *kase = ck_case_new ();

  kase->unit = g_strdup ("AMS");
  kase->kind = g_strdup ("melding");
  kase->status = g_strdup ("in_behandeling");
  kase->channel = g_strdup ("lijn");
  g_strfreev (kase->grounds);
  kase->grounds = g_strsplit ("herkomst", ",", -1);
  g_strfreev (kase->manifestations);
  kase->manifestations = g_strsplit ("uitlating", ",", -1);
  kase->reporter_role = g_strdup ("slachtoffer");
  kase->subject_role = g_strdup ("collega");
  kase->subject_is_manager = CK_TRISTATE_NO;
  kase->bystanders_present = CK_TRISTATE_YES;
  kase->bystanders_intervened = CK_TRISTATE_NO;
  g_date_set_dmy (&kase->report_date, 2, 3, 2026);
  g_date_set_dmy (&kase->triage_date, 9, 3, 2026);
  return kase;
}

/* Like the query, closed with @finding and @measure, reported on @day. */
static CkCase *
make_closed (int         year,
             int         month,
             const char *finding,
             const char *measure)
{
  CkCase *kase = make_query ();

  g_date_set_dmy (&kase->report_date, 1, month, year);
  kase->incident_date = kase->report_date;
  kase->triage_date = kase->report_date;
  g_date_add_days (&kase->triage_date, 10);
  kase->disposal_date = kase->report_date;
  g_date_add_days (&kase->disposal_date, 60);
  kase->finding = g_strdup (finding);
  ck_case_add_measure (kase, measure, FALSE);
  g_free (kase->status);
  kase->status = g_strdup ("afgedaan");
  kase->has_confidential = TRUE;
  kase->reporter_name = g_strdup ("Vertrouwelijke Melder");
  kase->narrative = g_strdup ("Geheim: wat er in de kantine gebeurde.");
  return kase;
}

static CkSharedRecord *
make_record (const char *id,
             const char *unit,
             int         year,
             int         quarter,
             const char *finding,
             const char *measure)
{
  CkSharedRecord *record = ck_shared_record_new ();
  CkMeasure m = { g_strdup (measure), FALSE };

  record->id = g_strdup (id);
  record->unit = g_strdup (unit);
  record->replica = g_strdup ("0123456789abcdef0123456789abcdef");
  record->rev = 1;
  record->year = year;
  record->quarter = quarter;
  record->kind = g_strdup ("melding");
  record->channel = g_strdup ("lijn");
  g_strfreev (record->grounds);
  record->grounds = g_strsplit ("herkomst", ",", -1);
  g_strfreev (record->manifestations);
  record->manifestations = g_strsplit ("uitlating", ",", -1);
  record->reporter_role = g_strdup ("slachtoffer");
  record->subject_role = g_strdup ("collega");
  record->subject_is_manager = CK_TRISTATE_NO;
  record->bystanders_present = CK_TRISTATE_YES;
  record->bystanders_intervened = CK_TRISTATE_NO;
  record->finding = g_strdup (finding);
  g_array_append_val (record->measures, m);
  record->status = g_strdup ("afgedaan");
  return record;
}

static void
put_record (CkRegister     *reg,
            CkSharedRecord *record,
            gboolean        own)
{
  g_autoptr(GError) error = NULL;
  CkStorage *storage = ck_register_acquire (reg);

  g_assert_true (ck_shared_store_put (storage, record, own, &error));
  g_assert_no_error (error);
  ck_register_release (reg);
  ck_shared_record_free (record);
}

static void
save (CkRegister *reg,
      CkCase     *kase)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ck_register_save_case (reg, kase, &error));
  g_assert_no_error (error);
  ck_case_free (kase);
}

static CkSimilarResult *
find (CkRegister   *reg,
      const CkCase *query)
{
  g_autoptr(GError) error = NULL;
  CkSimilarResult *result = ck_similar_find (reg, query, 0, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

/* Renders the matches as "who score" lines: a reference, or the period
 * of a national record, which is all that says who it is. */
static char *
describe (const CkSimilarResult *result)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < result->matches->len; i++)
    {
      const CkSimilarMatch *match = result->matches->pdata[i];

      if (match->source == CK_SIMILAR_OWN)
        g_string_append_printf (text, "%s %u\n", match->reference, match->score);
      else
        {
          g_assert_null (match->reference);
          g_assert_cmpint (match->case_id, ==, 0);
          g_string_append_printf (text, "national %dQ%d %s %u\n", match->year, match->quarter,
                                  match->finding, match->score);
        }
    }

  return g_string_free (text, FALSE);
}

static void
test_weights (void)
{
  CkSimilarity *similarity = ck_similarity_get_default ();
  static const char * const bad[] = {
    "<comparison version='1' threshold='60' results='20' small-cell='5'><attribute field='narrative' weight='5'/></comparison>",
    "<comparison version='1' threshold='60' results='20' small-cell='5'><attribute field='grounds' weight='5'/>"
    "<attribute field='grounds' weight='5'/></comparison>",
    "<comparison version='1' threshold='160' results='20' small-cell='5'/>",
    "<comparison version='1' threshold='60' results='20' small-cell='1'/>",
  };

  g_assert_cmpuint (ck_similarity_get_threshold (similarity), ==, 600);
  g_assert_cmpuint (ck_similarity_get_small_cell (similarity), ==, K);
  g_assert_cmpuint (ck_similarity_get_max_results (similarity), ==, 20);
  g_assert_cmpuint (ck_similarity_get_weight (similarity, CK_SIMILAR_GROUNDS), ==, 30);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (bad[i], strlen (bad[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(CkSimilarity) parsed = ck_similarity_new_from_bytes (bytes, &error);

      g_assert_null (parsed);
      g_assert_nonnull (error);
    }
}

/* A score worked out by hand: of 84 (no finding to compare), the grounds
 * overlap half (15 of 30), the manifestation fully (20), the reporter (6),
 * not the person concerned (0), the hierarchy (8), the bystanders' being
 * there (4) and not whether they intervened (unknown: 0), nor the channel. */
static void
test_score_by_hand (void)
{
  CkSimilarity *similarity = ck_similarity_get_default ();
  g_autoptr(CkCase) query = make_query ();
  g_autoptr(CkCase) other = make_query ();
  g_autoptr(CkSimilarScorer) scorer = NULL;
  CkSimilarProfile q, c;

  g_strfreev (other->grounds);
  other->grounds = g_strsplit ("herkomst,leeftijd", ",", -1);
  g_free (other->subject_role);
  other->subject_role = g_strdup ("leidinggevende");
  other->bystanders_intervened = CK_TRISTATE_UNKNOWN;
  g_free (other->channel);
  other->channel = g_strdup ("vik");

  ck_similar_profile_init_from_case (&q, query);
  ck_similar_profile_init_from_case (&c, other);
  scorer = ck_similar_scorer_new (similarity, &q);

  g_assert_cmpuint (ck_similar_score (similarity, &q, &c), ==, 1000 * 53 / 84);
  g_assert_cmpuint (ck_similar_scorer_score (scorer, &c), ==, 630);
  g_assert_cmpuint (ck_similar_score (similarity, &q, &q), ==, 1000);
  g_assert_cmpuint (ck_similar_shared_attributes (&q, &c), ==,
                    1 << CK_SIMILAR_GROUNDS | 1 << CK_SIMILAR_MANIFESTATIONS | 1 << CK_SIMILAR_REPORTER_ROLE |
                    1 << CK_SIMILAR_SUBJECT_IS_MANAGER | 1 << CK_SIMILAR_BYSTANDERS_PRESENT);
}

/* The tables give exactly the definition, for many pairs of cases. */
static void
test_scorer_is_the_definition (void)
{
  CkSimilarity *similarity = ck_similarity_get_default ();
  g_autoptr(GPtrArray) cases = NULL;
  GDate until;

  g_date_clear (&until, 1);
  g_date_set_dmy (&until, 30, 6, 2026);
  cases = ck_demo_generate ("AMS", 150, 9, &until);

  for (guint i = 0; i < cases->len; i++)
    {
      g_autoptr(CkSimilarScorer) scorer = NULL;
      CkSimilarProfile q;

      ck_similar_profile_init_from_case (&q, cases->pdata[i]);
      scorer = ck_similar_scorer_new (similarity, &q);
      for (guint j = 0; j < cases->len; j++)
        {
          CkSimilarProfile c;

          ck_similar_profile_init_from_case (&c, cases->pdata[j]);
          g_assert_cmpuint (ck_similar_scorer_score (scorer, &c), ==, ck_similar_score (similarity, &q, &c));
        }
    }
}

typedef struct
{
  char       *dir;
  CkRegister *reg;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  CkCase *l5, *l2, *l3, *l6, *open;

  f->dir = ck_test_make_dir ();
  f->reg = ck_test_create_register (f->dir, "register.sqlite");

  /* The unit's own: two exactly alike in the same quarter, one through
   * another channel, one on more grounds, one on another manifestation,
   * one about something else altogether, and one still open. */
  save (f->reg, make_closed (2025, 5, "gegrond", "educatief"));                  /* AMS-2025-0001 */
  save (f->reg, make_closed (2025, 4, "gegrond", "schriftelijke_berisping"));    /* AMS-2025-0002 */
  l5 = make_closed (2024, 2, "deels_gegrond", "correctief_gesprek");             /* AMS-2024-0001 */
  g_free (l5->channel);
  l5->channel = g_strdup ("vik");
  save (f->reg, l5);
  l2 = make_closed (2024, 3, "gegrond", "educatief");                            /* AMS-2024-0002 */
  g_strfreev (l2->grounds);
  l2->grounds = g_strsplit ("herkomst,leeftijd", ",", -1);
  save (f->reg, l2);
  l3 = make_closed (2024, 4, "ongegrond", "geen");                               /* AMS-2024-0003 */
  g_strfreev (l3->manifestations);
  l3->manifestations = g_strsplit ("schriftelijk_online", ",", -1);
  save (f->reg, l3);
  l6 = make_closed (2024, 5, "gegrond", "ontslag");                              /* AMS-2024-0004 */
  g_strfreev (l6->grounds);
  l6->grounds = g_strsplit ("geslacht", ",", -1);
  g_strfreev (l6->manifestations);
  l6->manifestations = g_strsplit ("fysiek_geweld", ",", -1);
  g_free (l6->reporter_role);
  l6->reporter_role = g_strdup ("omstander");
  g_free (l6->subject_role);
  l6->subject_role = g_strdup ("leidinggevende");
  l6->subject_is_manager = CK_TRISTATE_YES;
  save (f->reg, l6);
  open = make_query ();                                                         /* AMS-2026-0001 */
  save (f->reg, open);

  /* Other units: three alike (two in one quarter, in the opposite order
   * of their ids), one through another channel, one still open, and this
   * unit's own as it published it. */
  put_record (f->reg, make_record ("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "RTD", 2025, 3, "gegrond", "educatief"), FALSE);
  put_record (f->reg, make_record ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "DHG", 2025, 3, "deels_gegrond", "educatief"), FALSE);
  put_record (f->reg, make_record ("cccccccccccccccccccccccccccccccc", "RTD", 2026, 1, "gegrond", "geldboete"), FALSE);
  {
    CkSharedRecord *other_channel = make_record ("dddddddddddddddddddddddddddddddd", "RTD", 2024, 1,
                                                 "gegrond", "correctief_gesprek");

    g_free (other_channel->channel);
    other_channel->channel = g_strdup ("vik");
    put_record (f->reg, other_channel, FALSE);
  }
  {
    CkSharedRecord *unfinished = make_record ("eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee", "RTD", 2026, 2, "gegrond", "ontslag");

    g_free (unfinished->status);
    unfinished->status = g_strdup ("in_behandeling");
    put_record (f->reg, unfinished, FALSE);
  }
  put_record (f->reg, make_record ("ffffffffffffffffffffffffffffffff", "AMS", 2025, 2, "gegrond", "educatief"), TRUE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->reg);
  ck_test_remove_dir (f->dir);
  g_free (f->dir);
}

/* The known answer: best first; equal scores put the unit's own first,
 * then the most recent, then the lowest id. */
static void
test_known_top (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CkCase) query = make_query ();
  g_autoptr(CkSimilarResult) result = NULL;
  g_autofree char *text = NULL;
  const CkSimilarMatch *first;

  result = find (f->reg, query);
  text = describe (result);
  g_assert_cmpstr (text, ==,
                   "AMS-2025-0001 1000\n"
                   "AMS-2025-0002 1000\n"
                   "national 2026Q1 gegrond 1000\n"
                   "national 2025Q3 deels_gegrond 1000\n"
                   "national 2025Q3 gegrond 1000\n"
                   "AMS-2024-0001 952\n"
                   "national 2024Q1 gegrond 952\n"
                   "AMS-2024-0002 821\n"
                   "AMS-2024-0003 761\n");

  /* Why it is comparable, and how it ended. */
  first = result->matches->pdata[0];
  g_assert_cmpstr (first->finding, ==, "gegrond");
  g_assert_cmpuint (first->measures->len, ==, 1);
  g_assert_cmpstr (g_array_index (first->measures, CkMeasure, 0).code, ==, "educatief");
  g_assert_cmpint (first->sanction_level, ==, 2);
  g_assert_cmpstr (first->shared_grounds[0], ==, "herkomst");
  g_assert_cmpstr (first->shared_manifestations[0], ==, "uitlating");
  g_assert_true (first->shared & (1 << CK_SIMILAR_CHANNEL));
  g_assert_false (((CkSimilarMatch *) result->matches->pdata[5])->shared & (1 << CK_SIMILAR_CHANNEL));

  /* Among the unit's own comparable cases: three founded, one partly,
   * one not; levels 1, 2, 2, 3 and 0. */
  g_assert_cmpint (result->own.total.state, ==, CK_CELL_EXACT);
  g_assert_cmpuint (result->own.total.value, ==, 5);
  g_assert_cmpuint (result->own.findings[ck_similar_code_number (CK_VOCAB_FINDINGS, "gegrond")].value, ==, 3);
  g_assert_cmpuint (result->own.findings[ck_similar_code_number (CK_VOCAB_FINDINGS, "ongegrond")].value, ==, 1);
  g_assert_cmpuint (result->own.levels[2 + 1].value, ==, 2);
  g_assert_cmpuint (result->own.levels[0 + 1].value, ==, 1);
  g_assert_cmpint (result->own.median_level, ==, 2);
  g_assert_cmpint (result->proposed_level, ==, -1);

  /* Four comparable records of other units: fewer than five, so nothing
   * but "<5" about them. */
  g_assert_cmpint (result->national.total.state, ==, CK_CELL_BELOW);
  for (guint i = 0; i < result->n_findings; i++)
    g_assert_cmpint (result->national.findings[i].state, ==, CK_CELL_HIDDEN);
  for (guint i = 0; i < result->n_levels; i++)
    g_assert_cmpint (result->national.levels[i].state, ==, CK_CELL_HIDDEN);
  g_assert_cmpint (result->national.median_level, ==, -2);
}

/* A stored case is never compared with itself, and its proposed measures
 * are placed among the others. A limit lists fewer, the same first. */
static void
test_self_and_limit (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CkCase) stored = ck_register_find_case (f->reg, "AMS-2025-0002", FALSE, &error);
  g_autoptr(CkSimilarResult) result = NULL;
  g_autoptr(CkSimilarResult) limited = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  result = find (f->reg, stored);
  text = describe (result);
  g_assert_null (strstr (text, "AMS-2025-0002"));
  /* Now the finding counts too: the partly founded record drops. */
  g_assert_true (g_str_has_prefix (text, "AMS-2025-0001 1000\n"
                                         "national 2026Q1 gegrond 1000\n"
                                         "national 2025Q3 gegrond 1000\n"
                                         "national 2024Q1 gegrond 960\n"));
  g_assert_cmpint (result->proposed_level, ==, 3);

  limited = ck_similar_find (f->reg, stored, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (limited->matches->len, ==, 2);
  g_assert_cmpuint (((CkSimilarMatch *) limited->matches->pdata[1])->score, ==, 1000);
  g_assert_cmpuint (limited->own.total.value, ==, result->own.total.value);
}

/* Records that arrive or go are in the next answer; nothing of the
 * other cases' confidential fields is in any answer. */
static void
test_follows_changes (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CkCase) query = make_query ();
  g_autoptr(CkSimilarResult) before = find (f->reg, query);
  g_autoptr(CkSimilarResult) added = NULL;
  g_autoptr(CkSimilarResult) removed = NULL;
  g_autoptr(GError) error = NULL;
  CkStorage *storage;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *id = g_strdup_printf ("%032x", 0x100 + i);

      put_record (f->reg, make_record (id, "LIM", 2023, 4, "ongegrond", "geen"), FALSE);
    }
  added = find (f->reg, query);
  g_assert_cmpuint (added->matches->len, ==, before->matches->len + 3);
  g_assert_cmpint (added->national.total.state, ==, CK_CELL_EXACT);
  g_assert_cmpuint (added->national.total.value, ==, 7);

  storage = ck_register_acquire (f->reg);
  g_assert_true (ck_shared_store_remove (storage, "cccccccccccccccccccccccccccccccc", &error));
  g_assert_no_error (error);
  ck_register_release (f->reg);
  removed = find (f->reg, query);
  g_assert_cmpuint (removed->matches->len, ==, added->matches->len - 1);
  g_assert_cmpuint (removed->national.total.value, ==, 6);

  for (guint i = 0; i < removed->matches->len; i++)
    {
      const CkSimilarMatch *match = removed->matches->pdata[i];

      g_assert_false (match->year == 2026 && match->source == CK_SIMILAR_NATIONAL);
    }
}

/* Whether published cells let anyone work out a count below k: for each
 * cell shown as "<k", tries every value 1 … k − 1 and counts those that
 * the total and the other cells allow. */
static void
assert_not_derivable (const guint  *counts,
                      const CkCell *cells,
                      guint         n,
                      const CkCell *total)
{
  guint shown = 0;

  for (guint i = 0; i < n; i++)
    {
      switch (cells[i].state)
        {
        case CK_CELL_EXACT:
          g_assert_cmpuint (cells[i].value, ==, counts[i]);
          g_assert_true (counts[i] == 0 || counts[i] >= K);
          shown += counts[i];
          break;
        case CK_CELL_BELOW:
          g_assert_true (counts[i] >= 1 && counts[i] < K);
          break;
        case CK_CELL_HIDDEN:
        case CK_CELL_AT_LEAST:
        default:
          break;
        }
    }

  if (total->state == CK_CELL_BELOW)
    {
      for (guint i = 0; i < n; i++)
        g_assert_cmpint (cells[i].state, ==, CK_CELL_HIDDEN);
      return;
    }

  if (total->state != CK_CELL_EXACT)
    return;

  for (guint i = 0; i < n; i++)
    {
      guint feasible = 0;

      if (cells[i].state != CK_CELL_BELOW)
        continue;

      for (guint v = 1; v < K; v++)
        {
          guint64 min_rest = 0, max_rest = 0;
          guint64 rest = (guint64) total->value - shown - v;

          if ((guint64) total->value < shown + v)
            continue;
          for (guint j = 0; j < n; j++)
            {
              if (j == i)
                continue;
              if (cells[j].state == CK_CELL_BELOW)
                min_rest += 1, max_rest += K - 1;
              else if (cells[j].state == CK_CELL_HIDDEN)
                min_rest += K, max_rest += total->value;
            }
          if (min_rest <= rest && rest <= max_rest)
            feasible++;
        }

      if (feasible < 2)
        g_error ("cell %u (%u) can be worked out from the total %u", i, counts[i], total->value);
    }
}

/* The example of the brief: in other units, twelve founded and three
 * unfounded comparable cases. Three is shown as "<5"; as the total shows
 * 15, the twelve must be hidden too, or 15 − 12 gives the three away. */
static void
test_small_cells_example (void)
{
  const guint findings[] = { 0, 12, 0, 3, 0, 0 };
  const guint levels[] = { 0, 3, 0, 12 };
  const guint *vectors[] = { findings, levels };
  const guint lengths[] = { G_N_ELEMENTS (findings), G_N_ELEMENTS (levels) };
  CkCell finding_cells[G_N_ELEMENTS (findings)];
  CkCell level_cells[G_N_ELEMENTS (levels)];
  CkCell *cells[] = { finding_cells, level_cells };
  CkCell total;
  g_autofree char *below = NULL;
  g_autofree char *hidden = NULL;

  ck_small_cells_protect (K, 15, 2, vectors, lengths, cells, &total);
  g_assert_cmpint (total.state, ==, CK_CELL_EXACT);
  g_assert_cmpuint (total.value, ==, 15);
  g_assert_cmpint (finding_cells[3].state, ==, CK_CELL_BELOW);
  g_assert_cmpint (finding_cells[1].state, ==, CK_CELL_HIDDEN);
  g_assert_cmpint (finding_cells[0].state, ==, CK_CELL_EXACT);
  g_assert_cmpint (level_cells[1].state, ==, CK_CELL_BELOW);
  g_assert_cmpint (level_cells[3].state, ==, CK_CELL_HIDDEN);
  assert_not_derivable (findings, finding_cells, G_N_ELEMENTS (findings), &total);
  assert_not_derivable (levels, level_cells, G_N_ELEMENTS (levels), &total);

  below = ck_cell_format (&finding_cells[3], K);
  hidden = ck_cell_format (&finding_cells[1], K);
  g_assert_cmpstr (below, ==, "<5");
  g_assert_cmpstr (hidden, ==, "×");
}

/* The rule holds for any counts: thousands of random splits of the same
 * records, small counts made common on purpose. */
static void
test_small_cells_random (void)
{
  GRand *rand = g_rand_new_with_seed (11);
  guint hidden_totals = 0;

  for (guint round = 0; round < 20000; round++)
    {
      guint n_a = g_rand_int_range (rand, 2, 8), n_b = g_rand_int_range (rand, 2, 15);
      guint a[16] = { 0 }, b[16] = { 0 };
      guint total = g_rand_int_range (rand, 0, round % 3 == 0 ? 12 : 60);
      const guint *vectors[] = { a, b };
      const guint lengths[] = { n_a, n_b };
      CkCell cells_a[16], cells_b[16];
      CkCell *cells[] = { cells_a, cells_b };
      CkCell total_cell;

      /* Each record falls in a cell of each vector, lopsidedly. */
      for (guint r = 0; r < total; r++)
        {
          a[MIN (g_rand_int_range (rand, 0, n_a), g_rand_int_range (rand, 0, n_a))]++;
          b[MIN (g_rand_int_range (rand, 0, n_b), g_rand_int_range (rand, 0, n_b))]++;
        }

      ck_small_cells_protect (K, total, 2, vectors, lengths, cells, &total_cell);
      assert_not_derivable (a, cells_a, n_a, &total_cell);
      assert_not_derivable (b, cells_b, n_b, &total_cell);
      if (total_cell.state == CK_CELL_AT_LEAST)
        {
          hidden_totals++;
          g_assert_cmpuint (total, >=, K);
        }
      if (total == 0)
        g_assert_cmpint (total_cell.state, ==, CK_CELL_EXACT);
    }

  /* Both ways out were taken. */
  g_assert_cmpuint (hidden_totals, >, 0);
  g_rand_free (rand);
}

/* National figures through the whole path: a unit's three cases never
 * show as 3, in the counts or in who the records are. */
static void
test_national_small_cells (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(CkCase) query = make_query ();
  g_autoptr(CkSimilarResult) result = NULL;
  guint unfounded = ck_similar_code_number (CK_VOCAB_FINDINGS, "ongegrond");
  guint founded = ck_similar_code_number (CK_VOCAB_FINDINGS, "gegrond");
  CkStorage *storage;

  /* Only RTD's records now: 12 founded (two were there), 3 unfounded. */
  storage = ck_register_acquire (f->reg);
  ck_shared_store_remove (storage, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", NULL);
  ck_shared_store_remove (storage, "dddddddddddddddddddddddddddddddd", NULL);
  ck_register_release (f->reg);
  for (guint i = 0; i < 13; i++)
    {
      g_autofree char *id = g_strdup_printf ("%032x", 0x200 + i);

      put_record (f->reg, make_record (id, "RTD", 2025, 1 + i % 4, i < 10 ? "gegrond" : "ongegrond",
                                       i < 10 ? "educatief" : "geen"), FALSE);
    }

  result = ck_similar_find (f->reg, query, 100, NULL, NULL);
  g_assert_cmpint (result->national.total.state, ==, CK_CELL_EXACT);
  g_assert_cmpuint (result->national.total.value, ==, 15);
  g_assert_cmpint (result->national.findings[unfounded].state, ==, CK_CELL_BELOW);
  g_assert_cmpint (result->national.findings[founded].state, ==, CK_CELL_HIDDEN);
  g_assert_cmpint (result->national.levels[0 + 1].state, ==, CK_CELL_BELOW);

  for (guint i = 0; i < result->matches->len; i++)
    {
      const CkSimilarMatch *match = result->matches->pdata[i];

      if (match->source == CK_SIMILAR_NATIONAL)
        g_assert_null (match->reference);
    }
}

/* The index against a plain scan of the same cases and records, loaded
 * through the register's own functions: the same list, the same counts. */
typedef struct
{
  GPtrArray *cases;
} Collected;

static gboolean
collect_case (CkCase   *kase,
              gpointer  user_data)
{
  g_ptr_array_add (((Collected *) user_data)->cases, ck_case_copy (kase));
  return TRUE;
}

typedef struct
{
  guint       score;
  gboolean    own;
  int         year;
  int         quarter;
  gint64      id;
  const char *key;
  const char *finding;
  int         level;
} Scanned;

static int
compare_scanned (gconstpointer a,
                 gconstpointer b)
{
  const Scanned *sa = a, *sb = b;

  if (sa->score != sb->score)
    return sa->score > sb->score ? -1 : 1;
  if (sa->own != sb->own)
    return sa->own ? -1 : 1;
  if (sa->year != sb->year)
    return sa->year > sb->year ? -1 : 1;
  if (sa->quarter != sb->quarter)
    return sa->quarter > sb->quarter ? -1 : 1;
  if (sa->own)
    return sa->id < sb->id ? -1 : sa->id > sb->id;
  return strcmp (sa->key, sb->key);
}

static CkSharedRecord *
record_from_case (const CkCase *kase,
                  const char   *unit,
                  guint         n)
{
  CkSharedRecord *record = ck_shared_record_new ();
  g_autofree char *seed = g_strdup_printf ("record %s %u", unit, n);

  record->id = g_compute_checksum_for_string (G_CHECKSUM_MD5, seed, -1);
  record->unit = g_strdup (unit);
  record->replica = g_strdup ("0123456789abcdef0123456789abcdef");
  record->rev = 1;
  record->year = g_date_get_year (&kase->report_date);
  record->quarter = ck_date_get_quarter (&kase->report_date);
  record->kind = g_strdup (kase->kind);
  record->channel = g_strdup (kase->channel);
  g_strfreev (record->grounds);
  record->grounds = g_strdupv (kase->grounds);
  g_strfreev (record->manifestations);
  record->manifestations = g_strdupv (kase->manifestations);
  record->reporter_role = g_strdup (kase->reporter_role);
  record->subject_role = g_strdup (kase->subject_role);
  record->subject_is_manager = kase->subject_is_manager;
  record->bystanders_present = kase->bystanders_present;
  record->bystanders_intervened = kase->bystanders_intervened;
  record->finding = g_strdup (kase->finding);
  for (guint i = 0; i < kase->measures->len; i++)
    {
      const CkMeasure *m = &g_array_index (kase->measures, CkMeasure, i);
      CkMeasure copy = { g_strdup (m->code), m->conditional };

      g_array_append_val (record->measures, copy);
    }
  record->status = g_strdup (kase->status);
  return record;
}

static void
test_index_is_a_scan (void)
{
  CkSimilarity *similarity = ck_similarity_get_default ();
  g_autofree char *dir = ck_test_make_dir ();
  g_autoptr(CkRegister) reg = ck_test_create_register (dir, "register.sqlite");
  g_autoptr(GPtrArray) own = NULL;
  g_autoptr(GPtrArray) others = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  Collected collected = { g_ptr_array_new_with_free_func ((GDestroyNotify) ck_case_free) };
  CkStorage *storage;
  GDate until;

  g_date_clear (&until, 1);
  g_date_set_dmy (&until, 30, 6, 2026);
  own = ck_demo_generate ("AMS", 400, 21, &until);
  g_assert_true (ck_register_insert_cases (reg, own, &error));
  g_assert_no_error (error);

  others = ck_demo_generate ("RTD", 1500, 22, &until);
  storage = ck_register_acquire (reg);
  ck_storage_begin (storage, NULL);
  for (guint i = 0; i < others->len; i++)
    {
      const char *unit = i % 50 == 0 ? "AMS" : i % 2 ? "RTD" : "LIM";
      g_autoptr(CkSharedRecord) record = record_from_case (others->pdata[i], unit, i);

      g_assert_true (ck_shared_store_put (storage, record, i % 50 == 0, &error));
      g_assert_no_error (error);
    }
  ck_storage_commit (storage, NULL);
  records = ck_shared_store_list (storage, NULL, &error);
  ck_register_release (reg);
  g_assert_no_error (error);

  g_assert_true (ck_register_foreach_case (reg, FALSE, collect_case, &collected, &error));
  g_assert_no_error (error);

  for (guint q = 0; q < 40; q++)
    {
      const CkCase *query = own->pdata[q * 10];
      g_autoptr(CkSimilarResult) result = ck_similar_find (reg, query, 25, NULL, &error);
      g_autoptr(GArray) scanned = g_array_new (FALSE, FALSE, sizeof (Scanned));
      g_autoptr(GPtrArray) stored_records = g_ptr_array_new ();
      guint own_total = 0, national_total = 0;
      CkSimilarProfile qp;

      g_assert_no_error (error);
      ck_similar_profile_init_from_case (&qp, query);

      for (guint i = 0; i < collected.cases->len; i++)
        {
          const CkCase *kase = collected.cases->pdata[i];
          CkSimilarProfile p;
          Scanned s;

          if (kase->id == query->id || !ck_case_is_closed (kase))
            continue;
          ck_similar_profile_init_from_case (&p, kase);
          s = (Scanned) { ck_similar_score (similarity, &qp, &p), TRUE, p.year, p.quarter, kase->id,
                          kase->reference, kase->finding, p.sanction_level };
          if (s.score >= ck_similarity_get_threshold (similarity))
            {
              g_array_append_val (scanned, s);
              own_total++;
            }
        }

      /* The register keeps only other units' records, and this unit's
       * own as published; the scan leaves out those and open ones. */
      for (guint i = 0; i < records->len; i++)
        {
          const CkSharedRecord *record = records->pdata[i];
          CkSimilarProfile p;
          Scanned s;

          if (g_str_equal (record->unit, "AMS") || !ck_similar_status_is_closed (record->status))
            continue;
          ck_similar_profile_init_from_record (&p, record);
          s = (Scanned) { ck_similar_score (similarity, &qp, &p), FALSE, record->year, record->quarter, 0,
                          record->id, record->finding, p.sanction_level };
          if (s.score >= ck_similarity_get_threshold (similarity))
            {
              g_array_append_val (scanned, s);
              national_total++;
            }
        }

      g_array_sort (scanned, compare_scanned);
      g_assert_cmpuint (result->matches->len, ==, MIN (25, scanned->len));
      for (guint i = 0; i < result->matches->len; i++)
        {
          const CkSimilarMatch *match = result->matches->pdata[i];
          const Scanned *s = &g_array_index (scanned, Scanned, i);

          g_assert_cmpuint (match->score, ==, s->score);
          g_assert_cmpint (match->source == CK_SIMILAR_OWN, ==, s->own);
          g_assert_cmpstr (match->finding, ==, s->finding);
          g_assert_cmpint (match->sanction_level, ==, s->level);
          if (s->own)
            g_assert_cmpstr (match->reference, ==, s->key);
          else
            g_assert_cmpint (match->year * 10 + match->quarter, ==, s->year * 10 + s->quarter);
        }
      g_assert_cmpuint (result->own.total.value, ==, own_total);
      if (result->national.total.state == CK_CELL_EXACT)
        g_assert_cmpuint (result->national.total.value, ==, national_total);
      else
        g_assert_true (national_total < K || result->national.total.state == CK_CELL_AT_LEAST);
    }

  /* The own records (own = 1) were published by this register: never
   * counted twice. */
  g_assert_cmpuint (ck_case_index_get_n_records (ck_case_index_get_for_register (reg)), <, others->len);

  g_ptr_array_unref (collected.cases);
  g_clear_object (&reg);
  ck_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/similar/weights", test_weights);
  g_test_add_func ("/similar/score-by-hand", test_score_by_hand);
  g_test_add_func ("/similar/scorer-is-the-definition", test_scorer_is_the_definition);
  g_test_add ("/similar/known-top", Fixture, NULL, fixture_set_up, test_known_top, fixture_tear_down);
  g_test_add ("/similar/self-and-limit", Fixture, NULL, fixture_set_up, test_self_and_limit, fixture_tear_down);
  g_test_add ("/similar/follows-changes", Fixture, NULL, fixture_set_up, test_follows_changes, fixture_tear_down);
  g_test_add_func ("/similar/small-cells-example", test_small_cells_example);
  g_test_add_func ("/similar/small-cells-random", test_small_cells_random);
  g_test_add ("/similar/national-small-cells", Fixture, NULL, fixture_set_up, test_national_small_cells,
              fixture_tear_down);
  g_test_add_func ("/similar/index-is-a-scan", test_index_is_a_scan);

  return g_test_run ();
}
