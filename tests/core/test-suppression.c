/* test-suppression.c: small-cell protection, checked by brute force
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each protected table is attacked by enumerating every table of whole
 * numbers that agrees with what is published: the cells shown, the totals,
 * "<5" meaning 1 to 4 and "×" meaning 0 or at least 5. A cell shown as
 * "<5" must take at least two values among them. The enumeration knows
 * nothing of how the protection reasons.
 */

#include "config.h"

#include <locale.h>

#include "ck-stats.h"
#include "ck-stats-grid.h"
#include "ck-test-util.h"

#define MAX_TRIES 20000000

typedef struct
{
  CkStatsGrid *grid;
  guint        n_rows;
  guint        n_cols;
  guint        bound;             /* no cell is larger */
  guint       *cells;             /* the attacker's current guess */
  guint       *hidden;            /* indices of hidden inner cells */
  guint        n_hidden;
  guint64     *seen;              /* per cell (with totals): bit v set if v was feasible */
  guint64      tries;
  gboolean     gave_up;
} Attack;

static gboolean
fits (CkStatsCellState state,
      guint            value,
      guint            actual,
      guint            bound)
{
  switch ((int) state)
    {
    case CK_STATS_CELL_SHOWN:
      return value == actual;
    case CK_STATS_CELL_SMALL:
      return value <= 4;
    case CK_STATS_CELL_HIDDEN:
      return value >= 5 && value <= bound;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
line_ok (Attack  *a,
         gboolean is_row,
         guint    index,
         gboolean complete)
{
  guint n = is_row ? a->n_cols : a->n_rows;
  guint sum = 0;
  guint row = is_row ? index : a->n_rows;
  guint col = is_row ? a->n_cols : index;
  CkStatsCellState state;

  for (guint k = 0; k < n; k++)
    sum += is_row ? a->cells[index * a->n_cols + k] : a->cells[k * a->n_cols + index];

  if (!ck_stats_grid_is_published (a->grid, row, col))
    return TRUE;

  state = ck_stats_grid_get_state (a->grid, row, col);
  if (!complete)
    return state == CK_STATS_CELL_HIDDEN || sum <= (state == CK_STATS_CELL_SMALL ? 4 : ck_stats_grid_get_value (a->grid, row, col));

  return fits (state, sum, ck_stats_grid_get_value (a->grid, row, col), a->bound);
}

static void
record (Attack *a)
{
  guint grand = 0;

  for (guint r = 0; r <= a->n_rows; r++)
    for (guint c = 0; c <= a->n_cols; c++)
      {
        guint v = 0;

        if (r < a->n_rows && c < a->n_cols)
          v = a->cells[r * a->n_cols + c];
        else if (r < a->n_rows)
          for (guint k = 0; k < a->n_cols; k++)
            v += a->cells[r * a->n_cols + k];
        else if (c < a->n_cols)
          for (guint k = 0; k < a->n_rows; k++)
            v += a->cells[k * a->n_cols + c];
        else
          v = grand;

        if (r < a->n_rows && c == a->n_cols)
          grand += v;
        if (v < 64)
          a->seen[r * (a->n_cols + 1) + c] |= G_GUINT64_CONSTANT (1) << v;
      }
}

/* No cell is larger than a total of its row or column that is shown. */
static guint
cell_bound (Attack *a,
            guint   row,
            guint   col)
{
  guint bound = a->bound;

  if (ck_stats_grid_is_published (a->grid, row, a->n_cols) &&
      ck_stats_grid_get_state (a->grid, row, a->n_cols) == CK_STATS_CELL_SHOWN)
    bound = MIN (bound, ck_stats_grid_get_value (a->grid, row, a->n_cols));
  if (ck_stats_grid_is_published (a->grid, a->n_rows, col) &&
      ck_stats_grid_get_state (a->grid, a->n_rows, col) == CK_STATS_CELL_SHOWN)
    bound = MIN (bound, ck_stats_grid_get_value (a->grid, a->n_rows, col));

  return bound;
}

static void
search (Attack *a,
        guint   k)
{
  guint index, row, col;

  if (a->gave_up)
    return;
  if (++a->tries > MAX_TRIES)
    {
      a->gave_up = TRUE;
      return;
    }

  if (k == a->n_hidden)
    {
      guint grand = 0;

      for (guint r = 0; r < a->n_rows; r++)
        if (!line_ok (a, TRUE, r, TRUE))
          return;
      for (guint c = 0; c < a->n_cols; c++)
        if (!line_ok (a, FALSE, c, TRUE))
          return;
      for (guint i = 0; i < a->n_rows * a->n_cols; i++)
        grand += a->cells[i];
      if (ck_stats_grid_is_published (a->grid, a->n_rows, a->n_cols) &&
          !fits (ck_stats_grid_get_state (a->grid, a->n_rows, a->n_cols), grand,
                 ck_stats_grid_get_value (a->grid, a->n_rows, a->n_cols), a->bound))
        return;
      record (a);
      return;
    }

  index = a->hidden[k];
  row = index / a->n_cols;
  col = index % a->n_cols;

  /* The last hidden cell of a row with a known total is that total less
   * the rest: no need to try every value. */
  if ((k + 1 == a->n_hidden || a->hidden[k + 1] / a->n_cols != row) &&
      ck_stats_grid_is_published (a->grid, row, a->n_cols) &&
      ck_stats_grid_get_state (a->grid, row, a->n_cols) == CK_STATS_CELL_SHOWN)
    {
      gint64 rest = ck_stats_grid_get_value (a->grid, row, a->n_cols);

      for (guint c = 0; c < a->n_cols; c++)
        if (c != col)
          rest -= a->cells[row * a->n_cols + c];
      if (rest < 0 || !fits (ck_stats_grid_get_state (a->grid, row, col), (guint) rest, 0, a->bound))
        return;
      a->cells[index] = (guint) rest;
      if (line_ok (a, TRUE, row, TRUE) && line_ok (a, FALSE, col, FALSE))
        search (a, k + 1);
      a->cells[index] = 0;
      return;
    }

  for (guint v = 0; v <= cell_bound (a, row, col); v++)
    {
      gboolean last_in_row = k + 1 == a->n_hidden || a->hidden[k + 1] / a->n_cols != row;

      if (!fits (ck_stats_grid_get_state (a->grid, row, col), v, 0, a->bound))
        continue;
      a->cells[index] = v;
      if (!line_ok (a, TRUE, row, last_in_row) || !line_ok (a, FALSE, col, FALSE))
        continue;
      search (a, k + 1);
    }
  a->cells[index] = 0;
}

/* Returns: whether every published count from 1 to 4 of @grid can take
 * at least two values; %FALSE as well when the enumeration had to give up */
static gboolean
attack (CkStatsGrid *grid,
        gboolean    *gave_up)
{
  Attack a = { grid, ck_stats_grid_get_n_rows (grid), ck_stats_grid_get_n_cols (grid) };
  gboolean safe = TRUE;

  a.cells = g_new0 (guint, a.n_rows * a.n_cols);
  a.hidden = g_new0 (guint, a.n_rows * a.n_cols);
  a.seen = g_new0 (guint64, (a.n_rows + 1) * (a.n_cols + 1));
  /* Only an upper limit for the enumeration, well above any real cell:
   * the attacker does not know a hidden grand total. */
  a.bound = 2 * ck_stats_grid_get_value (grid, a.n_rows, a.n_cols) + 8;

  for (guint r = 0; r < a.n_rows; r++)
    for (guint c = 0; c < a.n_cols; c++)
      {
        if (ck_stats_grid_get_state (grid, r, c) == CK_STATS_CELL_SHOWN)
          a.cells[r * a.n_cols + c] = ck_stats_grid_get_value (grid, r, c);
        else
          a.hidden[a.n_hidden++] = r * a.n_cols + c;
      }

  search (&a, 0);

  for (guint r = 0; r <= a.n_rows && !a.gave_up; r++)
    for (guint c = 0; c <= a.n_cols; c++)
      if (ck_stats_grid_is_published (grid, r, c) &&
          ck_stats_grid_get_state (grid, r, c) == CK_STATS_CELL_SMALL &&
          ck_stats_grid_get_value (grid, r, c) > 0)
        {
          guint64 seen = a.seen[r * (a.n_cols + 1) + c];

          /* The true table is always feasible; one more value is needed. */
          g_assert_true (seen & (G_GUINT64_CONSTANT (1) << ck_stats_grid_get_value (grid, r, c)));
          if ((seen & (seen - 1)) == 0)
            safe = FALSE;
        }

  if (gave_up != NULL)
    *gave_up = a.gave_up;

  g_free (a.cells);
  g_free (a.hidden);
  g_free (a.seen);
  return safe && !a.gave_up;
}

/* A table with all its totals; a single column has just its total. */
static char *
dump_grid (CkStatsGrid *grid)
{
  GString *text = g_string_new (NULL);

  for (guint r = 0; r <= ck_stats_grid_get_n_rows (grid); r++)
    {
      for (guint c = 0; c <= ck_stats_grid_get_n_cols (grid); c++)
        {
          CkStatsCellState state = ck_stats_grid_get_state (grid, r, c);

          g_string_append_printf (text, " %3u%c", ck_stats_grid_get_value (grid, r, c),
                                  state == CK_STATS_CELL_SMALL ? '<' : state == CK_STATS_CELL_HIDDEN ? 'x' : ' ');
        }
      g_string_append_c (text, '\n');
    }

  return g_string_free (text, FALSE);
}

/* Fails the test, showing the table, unless it holds up to the attack. */
static void
assert_safe (CkStatsGrid *grid)
{
  gboolean gave_up = FALSE;

  if (!attack (grid, &gave_up))
    {
      g_autofree char *text = dump_grid (grid);

      g_error ("%s:\n%s", gave_up ? "too large to enumerate" : "a small cell can be worked out", text);
    }
}

static CkStatsGrid *
make_grid (guint        n_rows,
           guint        n_cols,
           const guint *values)
{
  CkStatsGrid *grid = ck_stats_grid_new (n_rows, n_cols,
                                         n_cols == 1 ? CK_STATS_GRID_COLUMN_TOTALS
                                                     : CK_STATS_GRID_ROW_TOTALS |
                                                       CK_STATS_GRID_COLUMN_TOTALS |
                                                       CK_STATS_GRID_GRAND_TOTAL);

  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < n_cols; c++)
      ck_stats_grid_set (grid, r, c, values[r * n_cols + c]);

  return grid;
}

static guint
count_state (CkStatsGrid      *grid,
             CkStatsCellState  state)
{
  guint n = 0;

  for (guint r = 0; r <= ck_stats_grid_get_n_rows (grid); r++)
    for (guint c = 0; c <= ck_stats_grid_get_n_cols (grid); c++)
      n += ck_stats_grid_get_state (grid, r, c) == state;

  return n;
}

/* Unprotected, the 3 is the total less the rest. */
static void
test_single_small (void)
{
  const guint values[] = { 3, 10, 12 };
  g_autoptr(CkStatsGrid) grid = make_grid (3, 1, values);

  ck_stats_protect (&grid, 1);

  g_assert_cmpint (ck_stats_grid_get_state (grid, 0, 0), ==, CK_STATS_CELL_SMALL);
  /* The smallest other cell goes with it; the total stays. */
  g_assert_cmpint (ck_stats_grid_get_state (grid, 1, 0), ==, CK_STATS_CELL_HIDDEN);
  g_assert_cmpint (ck_stats_grid_get_state (grid, 2, 0), ==, CK_STATS_CELL_SHOWN);
  g_assert_cmpint (ck_stats_grid_get_state (grid, 3, 0), ==, CK_STATS_CELL_SHOWN);
  assert_safe (grid);
}

/* The attack is not blind: hiding only the small cells fails it. */
static void
test_primary_alone_leaks (void)
{
  const guint line[] = { 3, 10, 12 };
  const guint corner[] = {
    2, 9, 20,
    8, 30, 6,
  };
  g_autoptr(CkStatsGrid) naive_line = make_grid (3, 1, line);
  g_autoptr(CkStatsGrid) naive_corner = make_grid (2, 3, corner);

  ck_stats_grid_mark_small (naive_line);
  g_assert_false (attack (naive_line, NULL));
  g_assert_false (ck_stats_grid_is_safe (naive_line));
  ck_stats_grid_mark_small (naive_corner);
  g_assert_false (attack (naive_corner, NULL));
  g_assert_false (ck_stats_grid_is_safe (naive_corner));
}

/* Small cells in a rectangle, and a line of ones whose total is small:
 * "<5" takes in 0, so neither pins a cell. */
static void
test_rectangles_of_small (void)
{
  const guint rectangle[] = {
    1, 3, 20,
    2, 1, 30,
    25, 30, 40,
  };
  const guint ones[] = {
    1, 1, 1, 1,
    0, 6, 2, 7,
    5, 4, 2, 0,
  };
  const guint single[] = {
    3, 12, 20,
    14, 30, 25,
    25, 30, 40,
  };
  g_autoptr(CkStatsGrid) grid = make_grid (3, 3, rectangle);
  g_autoptr(CkStatsGrid) line = make_grid (3, 4, ones);
  g_autoptr(CkStatsGrid) lone = make_grid (3, 3, single);

  ck_stats_protect (&grid, 1);
  assert_safe (grid);
  ck_stats_protect (&line, 1);
  assert_safe (line);

  /* One small cell needs a rectangle of three more. */
  ck_stats_protect (&lone, 1);
  assert_safe (lone);
  g_assert_cmpuint (count_state (lone, CK_STATS_CELL_HIDDEN), ==, 3);
  g_assert_cmpint (ck_stats_grid_get_state (lone, 0, 1), ==, CK_STATS_CELL_HIDDEN);
  g_assert_cmpint (ck_stats_grid_get_state (lone, 1, 0), ==, CK_STATS_CELL_HIDDEN);
  g_assert_cmpint (ck_stats_grid_get_state (lone, 1, 1), ==, CK_STATS_CELL_HIDDEN);
}

/* A row whose total is small hides its total and its cells. */
static void
test_small_total (void)
{
  const guint values[] = {
    2, 1, 0,
    9, 14, 8,
    7, 6, 12,
  };
  g_autoptr(CkStatsGrid) grid = make_grid (3, 3, values);

  ck_stats_protect (&grid, 1);
  g_assert_cmpint (ck_stats_grid_get_state (grid, 0, 3), ==, CK_STATS_CELL_SMALL);
  g_assert_cmpint (ck_stats_grid_get_state (grid, 0, 2), ==, CK_STATS_CELL_SMALL);   /* zeros too */
  assert_safe (grid);
  g_assert_true (ck_stats_grid_is_safe (grid));
}

/* Tables with many small counts, at random; every one must hold up. */
static void
test_random_tables (void)
{
  static const guint pool[] = { 0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 9, 12 };
  GRand *rand = g_rand_new_with_seed (20260101);
  guint verified = 0, skipped = 0;

  for (guint t = 0; t < 500; t++)
    {
      guint n_rows = g_rand_int_range (rand, 1, 5);
      guint n_cols = g_rand_int_range (rand, 2, 5);
      g_autofree guint *values = g_new (guint, n_rows * n_cols);
      g_autoptr(CkStatsGrid) grid = NULL;
      gboolean gave_up = FALSE;

      for (guint i = 0; i < n_rows * n_cols; i++)
        values[i] = pool[g_rand_int_range (rand, 0, G_N_ELEMENTS (pool))];
      grid = make_grid (n_rows, n_cols, values);
      ck_stats_protect (&grid, 1);

      if (attack (grid, &gave_up))
        verified++;
      else if (gave_up)
        skipped++;
      else
        {
          g_autofree char *text = dump_grid (grid);

          g_error ("table %u leaks a small cell:\n%s", t, text);
        }
    }

  g_test_message ("%u tables verified, %u too large to enumerate", verified, skipped);
  g_assert_cmpuint (skipped, <, 15);
  g_rand_free (rand);
}

/* Quarters × grounds: a ground hidden in one quarter is hidden in all. */
static void
test_same_pattern_over_periods (void)
{
  const guint values[] = {
    40, 3, 12,
    38, 9, 11,
    45, 6, 2,
    50, 8, 14,
  };
  g_autoptr(CkStatsGrid) grid = ck_stats_grid_new (4, 3, CK_STATS_GRID_ROW_TOTALS | CK_STATS_GRID_COLUMN_TOTALS |
                                                         CK_STATS_GRID_GRAND_TOTAL | CK_STATS_GRID_ROWS_ARE_PERIODS);

  for (guint r = 0; r < 4; r++)
    for (guint c = 0; c < 3; c++)
      ck_stats_grid_set (grid, r, c, values[r * 3 + c]);
  ck_stats_protect (&grid, 1);

  for (guint c = 0; c < 3; c++)
    {
      gboolean hidden = ck_stats_grid_get_state (grid, 0, c) != CK_STATS_CELL_SHOWN;

      for (guint r = 1; r < 4; r++)
        g_assert_cmpint (ck_stats_grid_get_state (grid, r, c) != CK_STATS_CELL_SHOWN, ==, hidden);
    }
  /* Both columns with a small cell are hidden throughout. */
  g_assert_cmpint (ck_stats_grid_get_state (grid, 1, 1), ==, CK_STATS_CELL_HIDDEN);
  g_assert_cmpint (ck_stats_grid_get_state (grid, 1, 2), ==, CK_STATS_CELL_HIDDEN);
  g_assert_cmpint (ck_stats_grid_get_state (grid, 0, 0), ==, CK_STATS_CELL_SHOWN);
  g_assert_true (ck_stats_grid_is_safe (grid));
  assert_safe (grid);
}

/* One table in successive periods, as separate grids of one trend. */
static void
test_same_pattern_across_grids (void)
{
  const guint periods[][3] = { { 3, 20, 30 }, { 12, 20, 30 }, { 11, 25, 4 } };
  CkStatsGrid *grids[3];

  for (guint p = 0; p < 3; p++)
    {
      grids[p] = make_grid (3, 1, periods[p]);
      ck_stats_grid_set_trend (grids[p], 7);
    }
  ck_stats_protect (grids, 3);

  for (guint r = 0; r <= 3; r++)
    {
      gboolean hidden = ck_stats_grid_get_state (grids[0], r, 0) != CK_STATS_CELL_SHOWN;

      for (guint p = 1; p < 3; p++)
        g_assert_cmpint (ck_stats_grid_get_state (grids[p], r, 0) != CK_STATS_CELL_SHOWN, ==, hidden);
    }
  g_assert_cmpint (ck_stats_grid_get_state (grids[0], 0, 0), ==, CK_STATS_CELL_SMALL);
  g_assert_cmpint (ck_stats_grid_get_state (grids[1], 0, 0), ==, CK_STATS_CELL_HIDDEN);
  for (guint p = 0; p < 3; p++)
    {
      assert_safe (grids[p]);
      ck_stats_grid_free (grids[p]);
    }
}

/* A total hidden in one table is hidden wherever it is shown. */
static void
test_shared_keys (void)
{
  /* Units × grounds, and the same units' totals in a table by channel. */
  const guint by_ground[] = { 3, 0, 20, 10, 15, 12 };
  const guint by_channel[] = { 2, 1, 15, 15, 12, 15 };
  CkStatsGrid *grids[2] = { make_grid (3, 2, by_ground), make_grid (3, 2, by_channel) };

  for (guint g = 0; g < 2; g++)
    for (guint r = 0; r < 3; r++)
      ck_stats_grid_set_key (grids[g], r, 2, 100 + r);
  ck_stats_protect (grids, 2);

  for (guint r = 0; r < 3; r++)
    g_assert_cmpint (ck_stats_grid_get_state (grids[0], r, 2), ==, ck_stats_grid_get_state (grids[1], r, 2));
  g_assert_cmpint (ck_stats_grid_get_state (grids[0], 0, 2), ==, CK_STATS_CELL_SMALL);
  assert_safe (grids[0]);
  assert_safe (grids[1]);
  ck_stats_grid_free (grids[0]);
  ck_stats_grid_free (grids[1]);
}

static void
add_records (CkStatsData *data,
             const char  *unit,
             const char  *ground,
             guint        n)
{
  for (guint i = 0; i < n; i++)
    {
      CkStatsFields f = { 0 };

      f.unit = unit;
      f.kind = "melding";
      f.channel = "lijn";
      f.grounds = ground;
      f.manifestations = "uitlating";
      f.status = "nieuw";
      f.year = 2025;
      f.quarter = 1 + i % 2;
      f.days_to_triage = (int) (5 + i % 17);
      f.days_to_feedback = -1;
      f.days_to_disposal = -1;
      ck_stats_data_add (data, &f);
    }
}

static const CkStatsCell *
unit_total (CkStatsTable *table,
            gboolean      units_in_rows,
            const char   *unit)
{
  if (units_in_rows)
    {
      for (guint r = 0; r < table->n_rows; r++)
        if (g_strcmp0 (table->rows[r].code, unit) == 0)
          return ck_stats_table_get_cell (table, r, table->n_cols - 1);
    }
  else
    for (guint c = 0; c < table->n_cols; c++)
      if (g_strcmp0 (table->columns[c].code, unit) == 0)
        return ck_stats_table_get_cell (table, table->n_rows - 1, c);

  g_error ("no unit %s in %s", unit, table->name);
}

/* National tables: Limburg has 3 cases, so its count shows "<5" and
 * another unit's total is hidden with it, the same unit in every table
 * that shows the units' totals. */
static void
test_national_tables (void)
{
  g_autoptr(CkStatsData) data = ck_stats_data_new (CK_STATS_SOURCE_SHARED);
  g_autoptr(CkStatsFilter) filter = ck_stats_filter_new (ck_stats_quarter_make (2025, 1),
                                                         ck_stats_quarter_make (2025, 2));
  g_autoptr(CkStatsFigures) figures = NULL;
  const char *units[] = { "AMS", "RTD", "DHG", "LIM" };
  const guint sizes[] = { 40, 31, 22, 3 };
  CkStatsTable *unit_ground, *quarter_unit, *key_by_unit;
  CkStatsOptions options;
  guint hidden_units = 0, hidden_cases = 0, visible_cases = 0;

  for (guint u = 0; u < G_N_ELEMENTS (units); u++)
    add_records (data, units[u], u % 2 ? "geslacht" : "herkomst", sizes[u]);
  ck_stats_data_seal (data);

  ck_stats_options_init (&options);
  options.protect = TRUE;
  figures = ck_stats_compute (data, filter, &options);

  unit_ground = ck_stats_figures_get_table (figures, CK_STATS_TABLE_UNIT_GROUND);
  quarter_unit = ck_stats_figures_get_table (figures, CK_STATS_TABLE_QUARTER_UNIT);
  key_by_unit = ck_stats_figures_get_table (figures, CK_STATS_TABLE_UNIT_KEY_FIGURES);

  g_assert_cmpint (unit_total (unit_ground, TRUE, "LIM")->state, ==, CK_STATS_CELL_SMALL);

  for (guint u = 0; u < G_N_ELEMENTS (units); u++)
    {
      CkStatsCellState state = unit_total (unit_ground, TRUE, units[u])->state;
      const CkStatsCell *key_cell = NULL;

      for (guint r = 0; r < key_by_unit->n_rows; r++)
        if (g_strcmp0 (key_by_unit->rows[r].code, units[u]) == 0)
          key_cell = ck_stats_table_get_cell (key_by_unit, r, 0);

      g_assert_cmpint (unit_total (quarter_unit, FALSE, units[u])->state, ==, state);
      g_assert_cmpint (key_cell->state, ==, state);
      if (state != CK_STATS_CELL_SHOWN)
        {
          hidden_units++;
          hidden_cases += sizes[u];
        }
      else
        visible_cases += sizes[u];
    }

  /* The national total less the units shown leaves more than Limburg. */
  g_assert_cmpuint (hidden_units, >=, 2);
  g_assert_cmpuint (hidden_cases, >=, 3 + CK_STATS_MIN_COUNT);
  g_assert_cmpuint (visible_cases + hidden_cases, ==, 96);

  /* Medians over fewer than 5 cases are not shown. */
  {
    CkStatsTable *lead = ck_stats_figures_get_table (figures, CK_STATS_TABLE_LEAD_TIMES_UNIT);

    for (guint r = 0; r < lead->n_rows; r++)
      if (g_strcmp0 (lead->rows[r].code, "LIM") == 0)
        g_assert_cmpint (ck_stats_table_get_cell (lead, r, 3)->state, ==, CK_STATS_CELL_TOO_FEW);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/suppression/single-small", test_single_small);
  g_test_add_func ("/suppression/primary-alone-leaks", test_primary_alone_leaks);
  g_test_add_func ("/suppression/rectangles-of-small", test_rectangles_of_small);
  g_test_add_func ("/suppression/small-total", test_small_total);
  g_test_add_func ("/suppression/random-tables", test_random_tables);
  g_test_add_func ("/suppression/same-pattern-over-periods", test_same_pattern_over_periods);
  g_test_add_func ("/suppression/same-pattern-across-grids", test_same_pattern_across_grids);
  g_test_add_func ("/suppression/shared-keys", test_shared_keys);
  g_test_add_func ("/suppression/national-tables", test_national_tables);

  return g_test_run ();
}
