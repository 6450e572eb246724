/* test-stats.c: the figures of the statistics engine, against hand counts
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "ck-case.h"
#include "ck-date.h"
#include "ck-demo-records.h"
#include "ck-register.h"
#include "ck-shared-store.h"
#include "ck-stats.h"
#include "ck-stats-cache.h"
#include "ck-test-util.h"

/* The fixture: five records in 2025Q1–Q2, one in the quarter before and
 * two a year earlier. Record 2 has two grounds. Today is 2025-09-30.
 *
 *  # quarter kind    channel  grounds            manif.      triage disp. feedb. finding  level  status
 *  1 2025Q1  melding vik      herkomst           uitlating    10     40     5    gegrond    1    gesloten
 *  2 2025Q1  melding lijn     herkomst,leeftijd  uitlating    20    100    40    gegrond    3    afgedaan
 *  3 2025Q1  signaal vp       geslacht           uitsluiting   –      –     –    –          –    nieuw (anonymous)
 *  4 2025Q2  klacht  vik      geslacht           intimidatie   5      –    10    –          –    in_behandeling
 *  5 2025Q2  melding lijn     herkomst           schriftelijk 30      –     –    –          –    in_behandeling
 *  6 2024Q4  melding lijn     herkomst           uitlating     7      –     –                     in_behandeling
 *  7 2024Q1  melding lijn     herkomst           uitlating     9      –     –                     in_behandeling
 *  8 2024Q2  signaal lijn     geslacht           uitlating     –      –     –                     nieuw
 */

typedef struct
{
  int         year;
  int         quarter;
  const char *kind;
  const char *channel;
  const char *grounds;
  const char *manifestations;
  int         triage;
  int         disposal;
  int         feedback;
  const char *finding;
  const char *measures;
  const char *status;
  const char *reporter;
  CkTristate  offered;
  CkTristate  accepted;
  CkTristate  present;
  CkTristate  intervened;
  CkTristate  left;
} Fixture;

#define Y CK_TRISTATE_YES
#define N CK_TRISTATE_NO
#define U CK_TRISTATE_UNKNOWN

static const Fixture fixture[] = {
  { 2025, 1, "melding", "vik", "herkomst", "uitlating", 10, 40, 5, "gegrond", "correctief_gesprek",
    "gesloten", "slachtoffer", Y, Y, Y, N, N },
  { 2025, 1, "melding", "lijn", "herkomst,leeftijd", "uitlating", 20, 100, 40, "gegrond", "schriftelijke_berisping",
    "afgedaan", "slachtoffer", N, U, N, U, Y },
  { 2025, 1, "signaal", "vertrouwenspersoon", "geslacht", "uitsluiting", -1, -1, -1, NULL, NULL,
    "nieuw", "anoniem", U, U, U, U, U },
  { 2025, 2, "klacht", "vik", "geslacht", "intimidatie", 5, -1, 10, NULL, NULL,
    "in_behandeling", "slachtoffer", U, U, Y, Y, U },
  { 2025, 2, "melding", "lijn", "herkomst", "schriftelijk_online", 30, -1, -1, NULL, NULL,
    "in_behandeling", "omstander", U, U, U, U, U },
  { 2024, 4, "melding", "lijn", "herkomst", "uitlating", 7, -1, -1, NULL, NULL,
    "in_behandeling", "slachtoffer", U, U, U, U, U },
  { 2024, 1, "melding", "lijn", "herkomst", "uitlating", 9, -1, -1, NULL, NULL,
    "in_behandeling", "slachtoffer", U, U, U, U, U },
  { 2024, 2, "signaal", "lijn", "geslacht", "uitlating", -1, -1, -1, NULL, NULL,
    "nieuw", "slachtoffer", U, U, U, U, U },
};

static void
fill_fields (CkStatsFields *f,
             const Fixture *x,
             const char    *unit)
{
  memset (f, 0, sizeof *f);
  f->unit = unit;
  f->team = "B01";
  f->kind = x->kind;
  f->channel = x->channel;
  f->grounds = x->grounds;
  f->manifestations = x->manifestations;
  f->measures = x->measures;
  f->reporter_role = x->reporter;
  f->subject_role = "collega";
  f->triage_route = x->triage >= 0 ? "lijn" : NULL;
  f->finding = x->finding;
  f->status = x->status;
  f->year = x->year;
  f->quarter = x->quarter;
  f->restoration_offered = x->offered;
  f->restoration_accepted = x->accepted;
  f->bystanders_present = x->present;
  f->bystanders_intervened = x->intervened;
  f->reporter_left = x->left;
  f->days_to_triage = x->triage;
  f->days_to_feedback = x->feedback;
  f->days_to_disposal = x->disposal;
}

static CkStatsData *
make_data (void)
{
  CkStatsData *data = ck_stats_data_new (CK_STATS_SOURCE_SHARED);

  for (guint i = 0; i < G_N_ELEMENTS (fixture); i++)
    {
      CkStatsFields f;

      fill_fields (&f, &fixture[i], "RTD");
      ck_stats_data_add (data, &f);
    }
  ck_stats_data_seal (data);
  return data;
}

static void
init_options (CkStatsOptions *options)
{
  ck_stats_options_init (options);
  g_date_set_dmy (&options->today, 30, 9, 2025);
}

static CkStatsFilter *
period (const char *from,
        const char *to)
{
  int f, t;

  g_assert_true (ck_stats_quarter_parse (from, &f));
  g_assert_true (ck_stats_quarter_parse (to, &t));
  return ck_stats_filter_new (f, t);
}

/* Returns: the row of @table whose code is @code */
static guint
find_row (CkStatsTable *table,
          const char   *code)
{
  for (guint r = 0; r < table->n_rows; r++)
    if (g_strcmp0 (table->rows[r].code, code) == 0)
      return r;

  g_error ("no row %s in %s", code, table->name);
}

static guint
find_col (CkStatsTable *table,
          const char   *code)
{
  for (guint c = 0; c < table->n_cols; c++)
    if (g_strcmp0 (table->columns[c].code, code) == 0)
      return c;

  g_error ("no column %s in %s", code, table->name);
}

static guint
count_at (CkStatsTable *table,
          const char   *row,
          const char   *col)
{
  return ck_stats_table_get_cell (table, find_row (table, row), find_col (table, col))->count;
}

static void
test_key_figures (void)
{
  g_autoptr(CkStatsData) data = make_data ();
  g_autoptr(CkStatsFilter) filter = period ("2025Q1", "2025Q2");
  g_autoptr(CkStatsFigures) figures = NULL;
  const CkStatsKey *key;
  CkStatsOptions options;

  init_options (&options);
  figures = ck_stats_compute (data, filter, &options);
  key = ck_stats_figures_get_key (figures, CK_STATS_WINDOW_CURRENT, 0);

  g_assert_cmpuint (key->cases, ==, 5);
  g_assert_cmpuint (key->reports, ==, 4);
  g_assert_cmpuint (key->reports_triaged, ==, 4);

  /* Days to triage 5, 10, 20, 30: an even count, the median between. */
  g_assert_cmpuint (key->to_triage.n, ==, 4);
  g_assert_cmpfloat_with_epsilon (key->to_triage.median, 15.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (key->to_triage.q1, 8.75, 1e-9);
  g_assert_cmpfloat_with_epsilon (key->to_triage.q3, 22.5, 1e-9);
  g_assert_cmpuint (key->to_triage.min, ==, 5);
  g_assert_cmpuint (key->to_triage.max, ==, 30);
  /* Days to disposal 40 and 100. */
  g_assert_cmpuint (key->to_disposal.n, ==, 2);
  g_assert_cmpfloat_with_epsilon (key->to_disposal.median, 70.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (key->to_disposal.q1, 55.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (key->to_disposal.q3, 85.0, 1e-9);

  /* Reporters 1, 2, 4 and 5 are due (5: no feedback, the term passed);
   * 1 and 4 heard within 30 days. Reporter 3 is anonymous. */
  g_assert_cmpuint (key->informed_due, ==, 4);
  g_assert_cmpuint (key->informed, ==, 2);

  g_assert_cmpuint (key->offered_known, ==, 2);
  g_assert_cmpuint (key->offered, ==, 1);
  g_assert_cmpuint (key->accepted_known, ==, 1);
  g_assert_cmpuint (key->accepted, ==, 1);
  g_assert_cmpuint (key->present_known, ==, 3);
  g_assert_cmpuint (key->present, ==, 2);
  g_assert_cmpuint (key->intervened_known, ==, 2);
  g_assert_cmpuint (key->intervened, ==, 1);
  g_assert_cmpuint (key->left_known, ==, 2);
  g_assert_cmpuint (key->left, ==, 1);

  /* Open: 3, 4, 5. Past triage: 3. Past feedback: 5. Past disposal: 3
   * (2025-03-31 + 120 days is before today; 4 and 5 are not yet). */
  g_assert_cmpuint (key->open, ==, 3);
  g_assert_cmpuint (key->past_triage, ==, 1);
  g_assert_cmpuint (key->past_feedback, ==, 1);
  g_assert_cmpuint (key->past_disposal, ==, 1);

  /* The period before (2024Q3–Q4) and a year before (2024Q1–Q2). */
  g_assert_cmpuint (ck_stats_figures_get_key (figures, CK_STATS_WINDOW_PREVIOUS, 0)->cases, ==, 1);
  g_assert_cmpuint (ck_stats_figures_get_key (figures, CK_STATS_WINDOW_YEAR_BEFORE, 0)->cases, ==, 2);
  g_assert_cmpfloat_with_epsilon (ck_stats_figures_get_key (figures, CK_STATS_WINDOW_YEAR_BEFORE, 0)->to_triage.median,
                                  9.0, 1e-9);

  /* The unit's own row equals the whole, as all records are RTD's. */
  g_assert_cmpuint (ck_stats_figures_get_key (figures, CK_STATS_WINDOW_CURRENT,
                                              ck_stats_dim_lookup (CK_STATS_DIM_UNIT, "RTD"))->cases, ==, 5);
}

static void
test_key_table (void)
{
  g_autoptr(CkStatsData) data = make_data ();
  g_autoptr(CkStatsFilter) filter = period ("2025Q1", "2025Q2");
  g_autoptr(CkStatsFigures) figures = NULL;
  CkStatsTable *table;
  CkStatsOptions options;
  g_autofree char *cases = NULL;
  g_autofree char *change = NULL;
  g_autofree char *year_change = NULL;
  g_autofree char *triage = NULL;
  g_autofree char *informed = NULL;

  init_options (&options);
  figures = ck_stats_compute (data, filter, &options);
  table = ck_stats_figures_get_table (figures, CK_STATS_TABLE_KEY_FIGURES);

  cases = ck_stats_cell_format_plain (ck_stats_table_get_cell (table, CK_STATS_FIGURE_CASES, CK_STATS_KEY_COLUMN_CURRENT));
  change = ck_stats_cell_format_plain (ck_stats_table_get_cell (table, CK_STATS_FIGURE_CASES,
                                                                CK_STATS_KEY_COLUMN_PREVIOUS_CHANGE));
  year_change = ck_stats_cell_format_plain (ck_stats_table_get_cell (table, CK_STATS_FIGURE_CASES,
                                                                     CK_STATS_KEY_COLUMN_YEAR_BEFORE_CHANGE));
  triage = ck_stats_cell_format_plain (ck_stats_table_get_cell (table, CK_STATS_FIGURE_DAYS_TO_TRIAGE,
                                                                CK_STATS_KEY_COLUMN_CURRENT));
  informed = ck_stats_cell_format_plain (ck_stats_table_get_cell (table, CK_STATS_FIGURE_INFORMED,
                                                                  CK_STATS_KEY_COLUMN_CURRENT));
  g_assert_cmpstr (cases, ==, "5");
  g_assert_cmpstr (change, ==, "+400%");
  g_assert_cmpstr (year_change, ==, "+150%");
  g_assert_cmpstr (triage, ==, "15 (8.8-22.5)");
  g_assert_cmpstr (informed, ==, "50.0");
}

static void
test_grounds (void)
{
  g_autoptr(CkStatsData) data = make_data ();
  g_autoptr(CkStatsFilter) filter = period ("2025Q1", "2025Q2");
  g_autoptr(CkStatsFigures) figures = NULL;
  CkStatsTable *table;
  CkStatsOptions options;

  init_options (&options);
  figures = ck_stats_compute (data, filter, &options);

  /* Record 2 counts for origin and for age, and once in the totals. */
  table = ck_stats_figures_get_table (figures, CK_STATS_TABLE_QUARTER_GROUND);
  g_assert_cmpuint (table->n_rows, ==, 3);           /* Q1, Q2, total */
  g_assert_cmpuint (table->n_cols, ==, 4);           /* three grounds, cases */
  g_assert_cmpuint (count_at (table, "2025Q1", "herkomst"), ==, 2);
  g_assert_cmpuint (count_at (table, "2025Q1", "leeftijd"), ==, 1);
  g_assert_cmpuint (count_at (table, "2025Q1", "geslacht"), ==, 1);
  g_assert_cmpuint (count_at (table, "2025Q1", "total"), ==, 3);
  g_assert_cmpuint (count_at (table, "2025Q2", "herkomst"), ==, 1);
  g_assert_cmpuint (count_at (table, "2025Q2", "geslacht"), ==, 1);
  g_assert_cmpuint (count_at (table, "2025Q2", "total"), ==, 2);
  g_assert_cmpuint (count_at (table, "total", "herkomst"), ==, 3);
  g_assert_cmpuint (count_at (table, "total", "leeftijd"), ==, 1);
  g_assert_cmpuint (count_at (table, "total", "geslacht"), ==, 2);
  g_assert_cmpuint (count_at (table, "total", "total"), ==, 5);
  g_assert_nonnull (strstr (table->note, "once"));

  table = ck_stats_figures_get_table (figures, CK_STATS_TABLE_GROUND_MANIFESTATION);
  g_assert_cmpuint (count_at (table, "herkomst", "uitlating"), ==, 2);
  g_assert_cmpuint (count_at (table, "herkomst", "schriftelijk_online"), ==, 1);
  g_assert_cmpuint (count_at (table, "leeftijd", "uitlating"), ==, 1);
  g_assert_cmpuint (count_at (table, "geslacht", "uitsluiting"), ==, 1);
  g_assert_cmpuint (count_at (table, "geslacht", "intimidatie"), ==, 1);
  g_assert_cmpuint (count_at (table, "herkomst", "total"), ==, 3);
  g_assert_cmpuint (count_at (table, "total", "uitlating"), ==, 2);
  g_assert_cmpuint (count_at (table, "total", "total"), ==, 5);

  table = ck_stats_figures_get_table (figures, CK_STATS_TABLE_CHANNEL);
  g_assert_cmpuint (count_at (table, "vik", "cases"), ==, 2);
  g_assert_cmpuint (count_at (table, "lijn", "cases"), ==, 2);
  g_assert_cmpuint (count_at (table, "vertrouwenspersoon", "cases"), ==, 1);
  g_assert_cmpuint (count_at (table, "total", "cases"), ==, 5);

  table = ck_stats_figures_get_table (figures, CK_STATS_TABLE_KIND);
  g_assert_cmpuint (count_at (table, "melding", "cases"), ==, 3);
  g_assert_cmpuint (count_at (table, "melding", "triaged"), ==, 3);
  g_assert_cmpuint (count_at (table, "signaal", "triaged"), ==, 0);
  g_assert_cmpuint (count_at (table, "klacht", "triaged"), ==, 1);
  g_assert_cmpuint (count_at (table, "total", "triaged"), ==, 4);

  /* Findings and sanction levels per ground: record 2 for both grounds. */
  table = ck_stats_figures_get_table (figures, CK_STATS_TABLE_GROUND_FINDING);
  g_assert_cmpuint (count_at (table, "herkomst", "gegrond"), ==, 2);
  g_assert_cmpuint (count_at (table, "leeftijd", "gegrond"), ==, 1);
  g_assert_cmpuint (count_at (table, "total", "gegrond"), ==, 2);

  table = ck_stats_figures_get_table (figures, CK_STATS_TABLE_GROUND_LEVEL);
  g_assert_cmpuint (table->n_cols, ==, 3);           /* levels 1 and 3, total */
  g_assert_cmpuint (ck_stats_table_get_cell (table, find_row (table, "herkomst"), 0)->count, ==, 1);
  g_assert_cmpuint (ck_stats_table_get_cell (table, find_row (table, "herkomst"), 1)->count, ==, 1);
  g_assert_cmpuint (ck_stats_table_get_cell (table, find_row (table, "leeftijd"), 1)->count, ==, 1);
  g_assert_cmpuint (ck_stats_table_get_cell (table, find_row (table, "total"), 2)->count, ==, 2);

  /* Origin: triage 10, 20, 30; the total row holds all cases once. */
  table = ck_stats_figures_get_table (figures, CK_STATS_TABLE_LEAD_TIMES_GROUND);
  g_assert_cmpuint (count_at (table, "herkomst", "triage-n"), ==, 3);
  g_assert_cmpfloat_with_epsilon (ck_stats_table_get_cell (table, find_row (table, "herkomst"),
                                                           find_col (table, "triage-median"))->value, 20.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (ck_stats_table_get_cell (table, find_row (table, "leeftijd"),
                                                           find_col (table, "disposal-median"))->value, 100.0, 1e-9);
  g_assert_cmpuint (count_at (table, "total", "triage-n"), ==, 4);
  g_assert_cmpfloat_with_epsilon (ck_stats_table_get_cell (table, find_row (table, "total"),
                                                           find_col (table, "triage-median"))->value, 15.0, 1e-9);
}

static void
test_filters (void)
{
  g_autoptr(CkStatsData) data = make_data ();
  g_autoptr(CkStatsFilter) filter = period ("2025Q1", "2025Q2");
  g_autoptr(CkStatsFigures) by_ground = NULL;
  g_autoptr(CkStatsFigures) by_channel = NULL;
  g_autoptr(CkStatsFigures) by_other_unit = NULL;
  CkStatsOptions options;

  init_options (&options);

  /* A case with several grounds is found under each. */
  filter->ground = g_strdup ("leeftijd");
  by_ground = ck_stats_compute (data, filter, &options);
  g_assert_cmpuint (ck_stats_figures_get_key (by_ground, CK_STATS_WINDOW_CURRENT, 0)->cases, ==, 1);
  g_clear_pointer (&filter->ground, g_free);

  filter->channel = g_strdup ("vik");
  filter->kind = g_strdup ("melding");
  by_channel = ck_stats_compute (data, filter, &options);
  g_assert_cmpuint (ck_stats_figures_get_key (by_channel, CK_STATS_WINDOW_CURRENT, 0)->cases, ==, 1);

  filter->unit = g_strdup ("LIM");
  by_other_unit = ck_stats_compute (data, filter, &options);
  g_assert_cmpuint (ck_stats_figures_get_key (by_other_unit, CK_STATS_WINDOW_CURRENT, 0)->cases, ==, 0);
}

static void
test_empty_period (void)
{
  g_autoptr(CkStatsData) data = make_data ();
  g_autoptr(CkStatsFilter) filter = period ("2020Q1", "2020Q4");
  g_autoptr(CkStatsFigures) figures = NULL;
  g_autofree char *median = NULL;
  g_autofree char *share = NULL;
  const CkStatsKey *key;
  CkStatsTable *table;
  CkStatsOptions options;

  init_options (&options);
  figures = ck_stats_compute (data, filter, &options);
  key = ck_stats_figures_get_key (figures, CK_STATS_WINDOW_CURRENT, 0);

  g_assert_cmpuint (key->cases, ==, 0);
  g_assert_cmpuint (key->to_triage.n, ==, 0);
  g_assert_cmpfloat (key->to_triage.median, ==, 0);

  table = ck_stats_figures_get_table (figures, CK_STATS_TABLE_KEY_FIGURES);
  median = ck_stats_cell_format (ck_stats_table_get_cell (table, CK_STATS_FIGURE_DAYS_TO_TRIAGE, 0));
  share = ck_stats_cell_format (ck_stats_table_get_cell (table, CK_STATS_FIGURE_TRIAGED, 0));
  g_assert_cmpstr (median, ==, "–");
  g_assert_cmpstr (share, ==, "–");

  /* Four quarters with nothing, and no grounds to show. */
  table = ck_stats_figures_get_table (figures, CK_STATS_TABLE_QUARTER_GROUND);
  g_assert_cmpuint (table->n_rows, ==, 5);
  g_assert_cmpuint (table->n_cols, ==, 1);
  g_assert_cmpuint (count_at (table, "total", "total"), ==, 0);
}

/* Quantiles of an odd count, a single value and equal values. */
static void
test_medians (void)
{
  const int sets[][6] = {
    { 3, 1, 2, 9, -1 },          /* 1 2 3 9 → even: 2.5 */
    { 4, 7, 7, 7, -1 },          /* 4 7 7 7 → 7 */
    { 12, -1 },                  /* one value */
    { 1, 5, 2, 8, 3, -1 },       /* 1 2 3 5 8 → 3 */
  };
  const double medians[] = { 2.5, 7, 12, 3 };
  const double q1s[] = { 1.75, 6.25, 12, 2 };

  for (guint s = 0; s < G_N_ELEMENTS (sets); s++)
    {
      g_autoptr(CkStatsData) data = ck_stats_data_new (CK_STATS_SOURCE_SHARED);
      g_autoptr(CkStatsFilter) filter = period ("2025Q1", "2025Q1");
      g_autoptr(CkStatsFigures) figures = NULL;
      const CkStatsKey *key;
      CkStatsOptions options;

      for (guint i = 0; sets[s][i] >= 0; i++)
        {
          CkStatsFields f;

          fill_fields (&f, &fixture[0], "AMS");
          f.days_to_triage = sets[s][i];
          ck_stats_data_add (data, &f);
        }
      ck_stats_data_seal (data);

      init_options (&options);
      figures = ck_stats_compute (data, filter, &options);
      key = ck_stats_figures_get_key (figures, CK_STATS_WINDOW_CURRENT, 0);
      g_assert_cmpfloat_with_epsilon (key->to_triage.median, medians[s], 1e-9);
      g_assert_cmpfloat_with_epsilon (key->to_triage.q1, q1s[s], 1e-9);
    }
}

/* Records widened to the year count in the year's row and in the totals,
 * never in a quarter. */
static void
test_year_only (void)
{
  g_autoptr(CkStatsData) data = ck_stats_data_new (CK_STATS_SOURCE_SHARED);
  g_autoptr(CkStatsFilter) year = period ("2025Q1", "2025Q4");
  g_autoptr(CkStatsFilter) half = period ("2025Q1", "2025Q2");
  g_autoptr(CkStatsFigures) figures = NULL;
  g_autoptr(CkStatsFigures) partial = NULL;
  CkStatsTable *table;
  CkStatsOptions options;
  CkStatsFields f;

  fill_fields (&f, &fixture[0], "AMS");
  ck_stats_data_add (data, &f);
  f.quarter = 0;
  ck_stats_data_add (data, &f);
  ck_stats_data_seal (data);

  init_options (&options);
  figures = ck_stats_compute (data, year, &options);
  g_assert_cmpuint (ck_stats_figures_get_key (figures, CK_STATS_WINDOW_CURRENT, 0)->cases, ==, 2);
  g_assert_cmpuint (ck_stats_figures_get_year_only (figures), ==, 1);
  table = ck_stats_figures_get_table (figures, CK_STATS_TABLE_QUARTER_GROUND);
  g_assert_cmpuint (table->n_rows, ==, 6);          /* 4 quarters, the year, the total */
  g_assert_cmpuint (count_at (table, "2025Q1", "total"), ==, 1);
  g_assert_cmpuint (count_at (table, "2025", "total"), ==, 1);
  g_assert_true (table->rows[4].year_only);

  /* Half a year cannot hold a record of the whole year. */
  partial = ck_stats_compute (data, half, &options);
  g_assert_cmpuint (ck_stats_figures_get_key (partial, CK_STATS_WINDOW_CURRENT, 0)->cases, ==, 1);
}

static CkCase *
make_case (const char *report,
           const char *triage,
           const char *grounds)
{
  CkCase *kase = ck_test_make_full_case ();

  ck_date_from_iso (&kase->report_date, report);
  ck_date_from_iso (&kase->incident_date, report);
  ck_date_from_iso (&kase->triage_date, triage);
  g_date_clear (&kase->disposal_date, 1);
  g_date_clear (&kase->last_feedback_date, 1);
  g_date_clear (&kase->acknowledged_date, 1);
  g_date_clear (&kase->outcome_informed_date, 1);
  kase->lesson_considered = FALSE;
  g_free (kase->status);
  kase->status = g_strdup (triage != NULL ? "in_behandeling" : "nieuw");
  if (triage == NULL)
    g_clear_pointer (&kase->triage_route, g_free);
  g_clear_pointer (&kase->finding, g_free);
  g_array_set_size (kase->measures, 0);
  g_strfreev (kase->grounds);
  kase->grounds = g_strsplit (grounds, ",", -1);
  return kase;
}

/* Unit figures come from the register's own cases, with exact dates;
 * national figures only from anonymised records. */
static void
test_register_sources (void)
{
  g_autofree char *dir = ck_test_make_dir ();
  g_autoptr(CkRegister) reg = ck_test_create_register (dir, "register.sqlite");
  g_autoptr(CkStatsCache) cache = ck_stats_cache_new (reg);
  g_autoptr(CkStatsData) cases = NULL;
  g_autoptr(CkStatsData) shared = NULL;
  g_autoptr(CkStatsData) again = NULL;
  g_autoptr(CkStatsFilter) filter = period ("2025Q1", "2025Q1");
  g_autoptr(CkStatsFigures) unit = NULL;
  g_autoptr(CkStatsFigures) national = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  const char *reports[] = { "2025-01-10", "2025-02-01", "2025-03-20" };
  const char *triages[] = { "2025-01-13", "2025-02-12", NULL };
  const char *grounds[] = { "herkomst", "herkomst,geslacht", "geslacht" };
  gint64 saved[3];
  CkStatsTable *table;
  CkStatsOptions options;
  const CkStatsKey *key;
  guint row, col;

  for (guint i = 0; i < G_N_ELEMENTS (reports); i++)
    {
      g_autoptr(CkCase) kase = make_case (reports[i], triages[i], grounds[i]);

      g_assert_true (ck_register_save_case (reg, kase, &error));
      g_assert_no_error (error);
      saved[i] = kase->id;
    }

  cases = ck_stats_cache_load (cache, CK_STATS_SOURCE_CASES, NULL, &error);
  g_assert_no_error (error);
  shared = ck_stats_cache_load (cache, CK_STATS_SOURCE_SHARED, NULL, &error);
  g_assert_no_error (error);

  init_options (&options);
  unit = ck_stats_compute (cases, filter, &options);
  national = ck_stats_compute (shared, filter, &options);

  /* Triage after 3 and 11 days, from the exact dates. */
  key = ck_stats_figures_get_key (unit, CK_STATS_WINDOW_CURRENT, 0);
  g_assert_cmpuint (key->cases, ==, 3);
  g_assert_cmpfloat_with_epsilon (key->to_triage.median, 7.0, 1e-9);
  /* No anonymised records: nothing national, whatever the register holds. */
  g_assert_cmpuint (ck_stats_figures_get_key (national, CK_STATS_WINDOW_CURRENT, 0)->cases, ==, 0);

  /* The cases behind a cell: sex in 2025Q1 are the second and third. */
  table = ck_stats_figures_get_table (unit, CK_STATS_TABLE_QUARTER_GROUND);
  row = find_row (table, "2025Q1");
  col = find_col (table, "geslacht");
  ids = ck_stats_select (cases, filter, &table->rows[row], &table->columns[col]);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, saved[1]);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, saved[2]);
  g_array_unref (g_steal_pointer (&ids));

  /* …and those behind a lead time: only the cases that reached triage. */
  table = ck_stats_figures_get_table (unit, CK_STATS_TABLE_LEAD_TIMES_GROUND);
  ids = ck_stats_select (cases, filter, &table->rows[find_row (table, "geslacht")],
                         &table->columns[find_col (table, "triage-median")]);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, saved[1]);

  /* Unchanged data is not read again; a new record is. */
  again = ck_stats_cache_load (cache, CK_STATS_SOURCE_SHARED, NULL, &error);
  g_assert_true (again == shared);
  g_clear_object (&again);
  {
    g_autoptr(CkSharedRecord) record = ck_shared_record_new ();
    CkStorage *storage = ck_register_acquire (reg);

    record->id = g_strdup ("0123456789abcdef0123456789abcdef");
    record->unit = g_strdup ("LIM");
    record->replica = g_strdup ("fedcba9876543210fedcba9876543210");
    record->rev = 1;
    record->year = 2025;
    record->quarter = 1;
    record->kind = g_strdup ("melding");
    g_strfreev (record->grounds);
    record->grounds = g_strsplit ("herkomst", ",", -1);
    g_strfreev (record->manifestations);
    record->manifestations = g_strsplit ("uitlating", ",", -1);
    record->status = g_strdup ("nieuw");
    g_assert_true (ck_shared_store_put (storage, record, FALSE, &error));
    ck_register_release (reg);
    g_assert_no_error (error);
  }
  again = ck_stats_cache_load (cache, CK_STATS_SOURCE_SHARED, NULL, &error);
  g_assert_true (again != shared);
  {
    g_autoptr(CkStatsFigures) after = ck_stats_compute (again, filter, &options);

    g_assert_cmpuint (ck_stats_figures_get_key (after, CK_STATS_WINDOW_CURRENT, 0)->cases, ==, 1);
  }

  /* A saved case makes the cases be read again. */
  {
    g_autoptr(CkCase) kase = make_case ("2025-03-01", NULL, "leeftijd");
    g_autoptr(CkStatsData) fresh = NULL;

    g_assert_true (ck_register_save_case (reg, kase, &error));
    fresh = ck_stats_cache_load (cache, CK_STATS_SOURCE_CASES, NULL, &error);
    g_assert_true (fresh != cases);
    g_assert_cmpuint (ck_stats_data_count_unit (fresh, ck_stats_dim_lookup (CK_STATS_DIM_UNIT, "AMS")), ==, 4);
  }

  g_clear_object (&cache);
  g_clear_object (&reg);
  ck_test_remove_dir (dir);
}

static gboolean
add_generated (const CkSharedRecord *record,
               gpointer              user_data)
{
  ck_stats_data_add_record (user_data, record, FALSE);
  return TRUE;
}

static void
assert_same_key (const CkStatsKey *a,
                 const CkStatsKey *b)
{
  g_assert_cmpuint (a->cases, ==, b->cases);
  g_assert_cmpuint (a->reports_triaged, ==, b->reports_triaged);
  g_assert_cmpuint (a->informed_due, ==, b->informed_due);
  g_assert_cmpuint (a->informed, ==, b->informed);
  g_assert_cmpuint (a->accepted, ==, b->accepted);
  g_assert_cmpuint (a->intervened_known, ==, b->intervened_known);
  g_assert_cmpuint (a->left, ==, b->left);
  g_assert_cmpuint (a->past_disposal, ==, b->past_disposal);
  g_assert_cmpuint (a->to_triage.n, ==, b->to_triage.n);
  g_assert_cmpfloat (a->to_triage.median, ==, b->to_triage.median);
  g_assert_cmpfloat (a->to_disposal.q3, ==, b->to_disposal.q3);
}

/* The period before and the year before, however they are counted (the
 * year before of a long period is derived from this period), agree with
 * counting them as periods of their own; records known only by their
 * year included, and on enough records to be counted on two threads. */
static void
test_windows_agree (void)
{
  const char * const units[] = { "AMS", "RTD", "LIM", NULL };
  g_autoptr(CkStatsData) data = ck_stats_data_new (CK_STATS_SOURCE_SHARED);
  const char *periods[][2] = {
    { "2025Q1", "2025Q2" }, { "2024Q3", "2025Q4" }, { "2022Q1", "2025Q4" }, { "2025Q2", "2025Q2" },
  };
  CkStatsOptions options;
  GDate until;

  g_date_clear (&until, 1);
  g_date_set_dmy (&until, 31, 12, 2025);
  ck_demo_records_generate (units, 200000, &until, 5, 17, add_generated, data);
  ck_stats_data_seal (data);
  init_options (&options);

  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    {
      g_autoptr(CkStatsFilter) filter = period (periods[i][0], periods[i][1]);
      g_autoptr(CkStatsFilter) before = NULL;
      g_autoptr(CkStatsFilter) year = NULL;
      g_autoptr(CkStatsFigures) figures = ck_stats_compute (data, filter, &options);
      g_autoptr(CkStatsFigures) figures_before = NULL;
      g_autoptr(CkStatsFigures) figures_year = NULL;
      int len = ck_stats_filter_get_length (filter);

      before = ck_stats_filter_new (filter->from - len, filter->from - 1);
      year = ck_stats_filter_new (filter->from - 4, filter->to - 4);
      figures_before = ck_stats_compute (data, before, &options);
      figures_year = ck_stats_compute (data, year, &options);

      assert_same_key (ck_stats_figures_get_key (figures, CK_STATS_WINDOW_PREVIOUS, 0),
                       ck_stats_figures_get_key (figures_before, CK_STATS_WINDOW_CURRENT, 0));
      assert_same_key (ck_stats_figures_get_key (figures, CK_STATS_WINDOW_YEAR_BEFORE, 0),
                       ck_stats_figures_get_key (figures_year, CK_STATS_WINDOW_CURRENT, 0));
      g_assert_cmpuint (ck_stats_figures_get_key (figures, CK_STATS_WINDOW_CURRENT, 0)->cases, >, 0);
    }
}

static void
test_quarters (void)
{
  int q;
  g_autofree char *code = NULL;
  GDate date;

  g_assert_true (ck_stats_quarter_parse ("2024Q3", &q));
  g_assert_cmpint (ck_stats_quarter_get_year (q), ==, 2024);
  g_assert_cmpint (ck_stats_quarter_get_number (q), ==, 3);
  code = ck_stats_quarter_to_code (q + 2);
  g_assert_cmpstr (code, ==, "2025Q1");
  ck_stats_quarter_get_last_day (q, &date);
  g_assert_cmpint (g_date_get_day (&date), ==, 30);
  g_assert_cmpint (g_date_get_month (&date), ==, 9);

  g_assert_false (ck_stats_quarter_parse ("2024Q5", &q));
  g_assert_false (ck_stats_quarter_parse ("2024", &q));
  g_assert_false (ck_stats_quarter_parse ("24Q1", &q));
  g_assert_false (ck_stats_quarter_parse ("2024Q1x", &q));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stats/quarters", test_quarters);
  g_test_add_func ("/stats/key-figures", test_key_figures);
  g_test_add_func ("/stats/key-table", test_key_table);
  g_test_add_func ("/stats/grounds", test_grounds);
  g_test_add_func ("/stats/filters", test_filters);
  g_test_add_func ("/stats/empty-period", test_empty_period);
  g_test_add_func ("/stats/medians", test_medians);
  g_test_add_func ("/stats/year-only", test_year_only);
  g_test_add_func ("/stats/register-sources", test_register_sources);
  g_test_add_func ("/stats/windows-agree", test_windows_agree);

  return g_test_run ();
}
