/* ck-stats-grid.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ck-stats-grid.h"

/* Small-cell protection.
 *
 * Primary suppression shows every count below 5 as "<5", zeros included:
 * were zeros shown as 0, "<5" would say "1 to 4", and four "<5" cells
 * with a total of "<5" would each be 1. Secondary suppression then hides
 * more cells ("×") until no hidden count from 1 to 4 can be worked out
 * from what is published: the cells shown, the totals, and what the
 * markers say ("<5" is 0 to 4, "×" is at least 5).
 *
 * Whether a cell can be worked out is decided exactly. A table with its
 * totals is a circulation on the bipartite graph of its rows and columns
 * (the totals being the edges back), so the values the hidden cells can
 * take together are the feasible flows with those bounds. A hidden cell
 * is safe when a feasible flow exists with a value other than its own,
 * which one max-flow computation per direction answers.
 *
 * Secondary cells are chosen greedily in the row or column of a cell that
 * is not yet safe: an inner cell before a total, the one that hides the
 * fewest cases first. */

#define MAX_SMALL (CK_STATS_MIN_COUNT - 1)

struct _CkStatsGrid
{
  guint             n_rows;      /* inner */
  guint             n_cols;
  guint             stride;      /* n_cols + 1 */
  CkStatsGridFlags  flags;
  guint             n_periods;   /* ROWS_ARE_PERIODS: the first rows that are */
  guint             trend;
  gint64           *values;      /* what the protection reasons with */
  gint64           *shown;       /* what people see */
  guint32          *keys;
  guint8           *states;
};

CkStatsGrid *
ck_stats_grid_new (guint            n_rows,
                   guint            n_cols,
                   CkStatsGridFlags flags)
{
  CkStatsGrid *self = g_new0 (CkStatsGrid, 1);
  gsize n = (gsize) (n_rows + 1) * (n_cols + 1);

  self->n_rows = n_rows;
  self->n_cols = n_cols;
  self->stride = n_cols + 1;
  self->flags = flags;
  self->n_periods = n_rows;
  self->values = g_new0 (gint64, n);
  self->shown = g_new (gint64, n);
  for (gsize i = 0; i < n; i++)
    self->shown[i] = -1;
  self->keys = g_new0 (guint32, n);
  self->states = g_new0 (guint8, n);

  return self;
}

void
ck_stats_grid_free (CkStatsGrid *self)
{
  if (self == NULL)
    return;

  g_free (self->values);
  g_free (self->shown);
  g_free (self->keys);
  g_free (self->states);
  g_free (self);
}

static gsize
at (const CkStatsGrid *self,
    guint              row,
    guint              col)
{
  return (gsize) row * self->stride + col;
}

/* Sets an inner cell; the totals are kept as the sums. */
void
ck_stats_grid_set (CkStatsGrid *self,
                   guint        row,
                   guint        col,
                   guint        value)
{
  gint64 delta;

  g_return_if_fail (row < self->n_rows && col < self->n_cols);

  delta = (gint64) value - self->values[at (self, row, col)];
  self->values[at (self, row, col)] = value;
  self->values[at (self, row, self->n_cols)] += delta;
  self->values[at (self, self->n_rows, col)] += delta;
  self->values[at (self, self->n_rows, self->n_cols)] += delta;
}

/* Sets what people see in a total when it is not the sum of its cells
 * (cases counted once where the cells count them once per ground). */
void
ck_stats_grid_set_shown (CkStatsGrid *self,
                         guint        row,
                         guint        col,
                         guint        shown)
{
  g_return_if_fail (row <= self->n_rows && col <= self->n_cols);
  g_return_if_fail (row == self->n_rows || col == self->n_cols);

  self->shown[at (self, row, col)] = shown;
}

void
ck_stats_grid_set_key (CkStatsGrid *self,
                       guint        row,
                       guint        col,
                       guint32      key)
{
  g_return_if_fail (row <= self->n_rows && col <= self->n_cols);

  self->keys[at (self, row, col)] = key;
}

/* With CK_STATS_GRID_ROWS_ARE_PERIODS: only the first @n_periods rows are
 * periods of the trend; the rest (a coarser period, say) are not. */
void
ck_stats_grid_set_n_periods (CkStatsGrid *self,
                             guint        n_periods)
{
  g_return_if_fail (n_periods <= self->n_rows);

  self->n_periods = n_periods;
}

/* Grids with the same non-zero trend are one table in successive periods:
 * they get one pattern of hidden cells. */
void
ck_stats_grid_set_trend (CkStatsGrid *self,
                         guint        trend)
{
  self->trend = trend;
}

guint
ck_stats_grid_get_n_rows (CkStatsGrid *self)
{
  return self->n_rows;
}

guint
ck_stats_grid_get_n_cols (CkStatsGrid *self)
{
  return self->n_cols;
}

static gint64
shown_value (const CkStatsGrid *self,
             gsize              i)
{
  return self->shown[i] >= 0 ? self->shown[i] : self->values[i];
}

/* Returns: what people see in the cell when it is shown */
guint
ck_stats_grid_get_value (CkStatsGrid *self,
                         guint        row,
                         guint        col)
{
  g_return_val_if_fail (row <= self->n_rows && col <= self->n_cols, 0);

  return (guint) shown_value (self, at (self, row, col));
}

CkStatsCellState
ck_stats_grid_get_state (CkStatsGrid *self,
                         guint        row,
                         guint        col)
{
  g_return_val_if_fail (row <= self->n_rows && col <= self->n_cols, CK_STATS_CELL_SHOWN);

  return self->states[at (self, row, col)];
}

gboolean
ck_stats_grid_is_published (const CkStatsGrid *self,
                            guint              row,
                            guint              col)
{
  gboolean total_row = row == self->n_rows;
  gboolean total_col = col == self->n_cols;

  if (total_row && total_col)
    return (self->flags & CK_STATS_GRID_GRAND_TOTAL) != 0;
  if (total_col)
    return (self->flags & CK_STATS_GRID_ROW_TOTALS) != 0;
  if (total_row)
    return (self->flags & CK_STATS_GRID_COLUMN_TOTALS) != 0;
  return TRUE;
}

static gboolean
is_inner (const CkStatsGrid *self,
          guint              row,
          guint              col)
{
  return row < self->n_rows && col < self->n_cols;
}

/* The max-flow part: a dense capacity matrix, as the graphs have at most
 * a few dozen nodes and between a row and a column there is one cell. */
typedef struct
{
  guint   n;
  gint64 *cap;
  int    *parent;
  int    *queue;
} Network;

static void
network_init (Network *net,
              guint    n)
{
  net->n = n;
  net->cap = g_new0 (gint64, (gsize) n * n);
  net->parent = g_new (int, n);
  net->queue = g_new (int, n);
}

static void
network_clear (Network *net)
{
  g_free (net->cap);
  g_free (net->parent);
  g_free (net->queue);
}

static gint64
max_flow (Network *net,
          int      source,
          int      sink)
{
  guint n = net->n;
  gint64 total = 0;

  for (;;)
    {
      int head = 0, tail = 0;
      gint64 push = G_MAXINT64;

      for (guint i = 0; i < n; i++)
        net->parent[i] = -1;
      net->parent[source] = source;
      net->queue[tail++] = source;

      while (head < tail && net->parent[sink] < 0)
        {
          int u = net->queue[head++];

          for (guint v = 0; v < n; v++)
            if (net->parent[v] < 0 && net->cap[(gsize) u * n + v] > 0)
              {
                net->parent[v] = u;
                net->queue[tail++] = (int) v;
              }
        }

      if (net->parent[sink] < 0)
        return total;

      for (int v = sink; v != source; v = net->parent[v])
        push = MIN (push, net->cap[(gsize) net->parent[v] * n + v]);
      for (int v = sink; v != source; v = net->parent[v])
        {
          net->cap[(gsize) net->parent[v] * n + v] -= push;
          net->cap[(gsize) v * n + net->parent[v]] += push;
        }
      total += push;
    }
}

typedef struct
{
  gint64 low;
  gint64 high;
} Bounds;

/* What someone reading the published table knows about cell i. */
static Bounds
cell_bounds (const CkStatsGrid *self,
             guint              row,
             guint              col,
             gint64             big)
{
  gsize i = at (self, row, col);
  Bounds b = { self->values[i], self->values[i] };

  if (!ck_stats_grid_is_published (self, row, col))
    {
      b.low = 0;
      b.high = big;
      return b;
    }

  switch ((CkStatsCellState) self->states[i])
    {
    case CK_STATS_CELL_SMALL:
      b.low = 0;
      b.high = self->values[i] <= MAX_SMALL ? MAX_SMALL : big;
      break;

    case CK_STATS_CELL_HIDDEN:
      b.low = CK_STATS_MIN_COUNT;
      b.high = big;
      break;

    case CK_STATS_CELL_SHOWN:
    default:
      return b;
    }

  /* An inner cell is at most the totals of its row and column that are
   * shown (which, counting cases once, may be below the sum). */
  if (is_inner (self, row, col))
    {
      gsize r = at (self, row, self->n_cols);
      gsize c = at (self, self->n_rows, col);

      if (ck_stats_grid_is_published (self, row, self->n_cols) && self->states[r] == CK_STATS_CELL_SHOWN)
        b.high = MIN (b.high, shown_value (self, r));
      if (ck_stats_grid_is_published (self, self->n_rows, col) && self->states[c] == CK_STATS_CELL_SHOWN)
        b.high = MIN (b.high, shown_value (self, c));
    }

  return b;
}

/* Returns: whether the published table allows cell (@row, @col) a value
 * in [@low, @high] */
static gboolean
feasible (const CkStatsGrid *self,
          Network           *net,
          guint              row,
          guint              col,
          gint64             low,
          gint64             high)
{
  guint n_r = self->n_rows + 1;
  guint n_c = self->n_cols + 1;
  int source = (int) (n_r + n_c);
  int sink = source + 1;
  g_autofree gint64 *excess = g_new0 (gint64, n_r + n_c);
  gint64 big = 0, need = 0;

  for (gsize i = 0; i < (gsize) n_r * n_c; i++)
    big += ABS (self->values[i]);
  big = big * 2 + 1;

  memset (net->cap, 0, sizeof (gint64) * net->n * net->n);

  for (guint r = 0; r < n_r; r++)
    for (guint c = 0; c < n_c; c++)
      {
        gboolean margin = (r == self->n_rows) != (c == self->n_cols);
        int from = margin ? (int) (n_r + c) : (int) r;
        int to = margin ? (int) r : (int) (n_r + c);
        gsize i = at (self, r, c);
        Bounds b;

        if (r == row && c == col)
          {
            b.low = low;
            b.high = high;
          }
        else if (self->states[i] == CK_STATS_CELL_SHOWN && ck_stats_grid_is_published (self, r, c))
          {
            b.low = b.high = self->values[i];
          }
        else
          b = cell_bounds (self, r, c, big);

        if (b.low > b.high)
          return FALSE;

        /* The flow on the edge is low + g, 0 <= g <= high - low. */
        excess[from] -= b.low;
        excess[to] += b.low;
        net->cap[(gsize) from * net->n + to] += b.high - b.low;
      }

  /* A node that receives more fixed flow than it sends must pass the rest
   * on through the free part of its edges. */
  for (guint v = 0; v < n_r + n_c; v++)
    {
      if (excess[v] > 0)
        {
          net->cap[(gsize) source * net->n + v] += excess[v];
          need += excess[v];
        }
      else if (excess[v] < 0)
        net->cap[(gsize) v * net->n + sink] += -excess[v];
    }

  return max_flow (net, source, sink) == need;
}

/* Returns: whether the published table pins hidden cell (@row, @col) to
 * its own value */
static gboolean
is_derivable (const CkStatsGrid *self,
              Network           *net,
              guint              row,
              guint              col)
{
  gint64 value = self->values[at (self, row, col)];
  Bounds b = cell_bounds (self, row, col, G_MAXINT32);

  if (value - 1 >= b.low && feasible (self, net, row, col, b.low, value - 1))
    return FALSE;
  if (value + 1 <= b.high && feasible (self, net, row, col, value + 1, b.high))
    return FALSE;

  return TRUE;
}

static void
hide (CkStatsGrid *self,
      guint        row,
      guint        col)
{
  gsize i = at (self, row, col);

  if (self->states[i] == CK_STATS_CELL_SHOWN)
    self->states[i] = CK_STATS_CELL_HIDDEN;
}

static gboolean
is_candidate (const CkStatsGrid *self,
              guint              row,
              guint              col)
{
  gsize i = at (self, row, col);

  return self->states[i] == CK_STATS_CELL_SHOWN &&
         ck_stats_grid_is_published (self, row, col) &&
         self->values[i] > 0;
}

/* What hiding a candidate costs: the cases it hides, and in a trend the
 * whole column; a total costs more than any inner cell, as it is shown
 * in other tables too. */
static gint64
hiding_cost (const CkStatsGrid *self,
             guint              row,
             guint              col)
{
  gint64 cost = self->values[at (self, row, col)];

  if (!is_inner (self, row, col))
    return cost + ((gint64) 1 << 40);

  if ((self->flags & CK_STATS_GRID_ROWS_ARE_PERIODS) && row < self->n_periods)
    {
      cost = 0;
      for (guint r = 0; r < self->n_periods; r++)
        if (self->states[at (self, r, col)] == CK_STATS_CELL_SHOWN)
          cost += self->values[at (self, r, col)];
    }

  return cost;
}

/* Whether the cell hides cases: a "<5" standing for zero hides nothing. */
static gboolean
hides_cases (const CkStatsGrid *self,
             gsize              i)
{
  return self->states[i] == CK_STATS_CELL_HIDDEN ||
         (self->states[i] == CK_STATS_CELL_SMALL && self->values[i] > 0);
}

/* A category hidden in one period of a trend is hidden in every period
 * where it has cases. */
static gboolean
spread_over_periods (CkStatsGrid *self)
{
  gboolean changed = FALSE;

  if (!(self->flags & CK_STATS_GRID_ROWS_ARE_PERIODS))
    return FALSE;

  for (guint c = 0; c < self->n_cols; c++)
    {
      gboolean any = FALSE;

      for (guint r = 0; r < self->n_periods && !any; r++)
        any = hides_cases (self, at (self, r, c));
      if (!any)
        continue;

      for (guint r = 0; r < self->n_periods; r++)
        if (is_candidate (self, r, c))
          {
            hide (self, r, c);
            changed = TRUE;
          }
    }

  return changed;
}

static gboolean
pick_candidate (const CkStatsGrid *self,
                guint              row,
                guint              col,
                guint             *pick_row,
                guint             *pick_col)
{
  gint64 best = G_MAXINT64;

  for (guint c = 0; c <= self->n_cols; c++)
    if (c != col && is_candidate (self, row, c) && hiding_cost (self, row, c) < best)
      {
        best = hiding_cost (self, row, c);
        *pick_row = row;
        *pick_col = c;
      }

  for (guint r = 0; r <= self->n_rows; r++)
    if (r != row && is_candidate (self, r, col) && hiding_cost (self, r, col) < best)
      {
        best = hiding_cost (self, r, col);
        *pick_row = r;
        *pick_col = col;
      }

  return best < G_MAXINT64;
}

/* When the row and column of a cell offer nothing more to hide, anything
 * else in the table may still break the equations that pin it. */
static gboolean
pick_anywhere (const CkStatsGrid *self,
               guint             *pick_row,
               guint             *pick_col)
{
  gint64 best = G_MAXINT64;

  for (guint r = 0; r <= self->n_rows; r++)
    for (guint c = 0; c <= self->n_cols; c++)
      if (is_candidate (self, r, c) && hiding_cost (self, r, c) < best)
        {
          best = hiding_cost (self, r, c);
          *pick_row = r;
          *pick_col = c;
        }

  return best < G_MAXINT64;
}

/* A rectangle of the failing cell (row, col) and three more corners:
 * hidden together, the four form a cycle along which the cells can shift
 * without changing a total, which is what hides a value. */
typedef struct
{
  guint  row;
  guint  col;
  gint64 cost;
} Rectangle;

static gboolean
is_free (const CkStatsGrid *self,
         guint              row,
         guint              col)
{
  return self->states[at (self, row, col)] != CK_STATS_CELL_SHOWN ||
         !ck_stats_grid_is_published (self, row, col);
}

static int
compare_rectangles (gconstpointer a,
                    gconstpointer b)
{
  const Rectangle *ra = a;
  const Rectangle *rb = b;

  return (ra->cost > rb->cost) - (ra->cost < rb->cost);
}

/* Returns: (element-type Rectangle): the rectangles through (row, col)
 * whose other corners are hidden already or may be, cheapest first */
static GArray *
list_rectangles (const CkStatsGrid *self,
                 guint              row,
                 guint              col)
{
  GArray *rectangles = g_array_new (FALSE, FALSE, sizeof (Rectangle));

  for (guint r = 0; r <= self->n_rows; r++)
    for (guint c = 0; c <= self->n_cols; c++)
      {
        guint corners[3][2] = { { row, c }, { r, col }, { r, c } };
        Rectangle rect = { r, c, 0 };
        gboolean usable = r != row && c != col;

        for (guint k = 0; k < 3 && usable; k++)
          {
            guint cr = corners[k][0], cc = corners[k][1];

            if (is_free (self, cr, cc))
              continue;
            if (!is_candidate (self, cr, cc))
              usable = FALSE;
            else
              rect.cost += hiding_cost (self, cr, cc);
          }

        if (usable && rect.cost > 0)
          g_array_append_val (rectangles, rect);
      }

  g_array_sort (rectangles, compare_rectangles);
  return rectangles;
}

static void
hide_rectangle (CkStatsGrid *self,
                guint        row,
                guint        col,
                guint        r,
                guint        c,
                guint8      *undo)
{
  guint corners[3][2] = { { row, c }, { r, col }, { r, c } };

  if (undo != NULL)
    memcpy (undo, self->states, (gsize) (self->n_rows + 1) * self->stride);

  for (guint k = 0; k < 3; k++)
    if (is_candidate (self, corners[k][0], corners[k][1]))
      {
        hide (self, corners[k][0], corners[k][1]);
        if (is_inner (self, corners[k][0], corners[k][1]))
          spread_over_periods (self);
      }
}

/* How many of the cheapest rectangles are tried before settling for the
 * cheapest one that does not yet suffice. */
#define LOOKAHEAD 6

/* Hides more cells until (row, col) cannot be worked out. */
static gboolean
protect_cell (CkStatsGrid *self,
              Network     *net,
              guint        row,
              guint        col)
{
  g_autofree guint8 *undo = g_new (guint8, (gsize) (self->n_rows + 1) * self->stride);
  gboolean changed = FALSE;

  while (is_derivable (self, net, row, col))
    {
      g_autoptr(GArray) rectangles = list_rectangles (self, row, col);
      gboolean safe = FALSE;
      guint pr = 0, pc = 0;

      for (guint i = 0; i < MIN (rectangles->len, LOOKAHEAD) && !safe; i++)
        {
          Rectangle *rect = &g_array_index (rectangles, Rectangle, i);

          hide_rectangle (self, row, col, rect->row, rect->col, undo);
          safe = !is_derivable (self, net, row, col);
          if (!safe)
            memcpy (self->states, undo, (gsize) (self->n_rows + 1) * self->stride);
        }

      if (safe)
        return TRUE;

      /* None suffices alone: take the cheapest and look again. */
      if (rectangles->len > 0)
        {
          Rectangle *rect = &g_array_index (rectangles, Rectangle, 0);

          hide_rectangle (self, row, col, rect->row, rect->col, NULL);
        }
      else if (pick_candidate (self, row, col, &pr, &pc) || pick_anywhere (self, &pr, &pc))
        {
          hide (self, pr, pc);
          if (is_inner (self, pr, pc))
            spread_over_periods (self);
        }
      else
        break;

      changed = TRUE;
    }

  return changed;
}

/* A "<5" that stands for a zero tells nothing about a person. */
static gboolean
needs_protection (const CkStatsGrid *self,
                  guint              row,
                  guint              col)
{
  gsize i = at (self, row, col);

  return self->states[i] == CK_STATS_CELL_SMALL && self->values[i] > 0 &&
         ck_stats_grid_is_published (self, row, col);
}

/* Returns: whether any cell was hidden */
static gboolean
protect_grid (CkStatsGrid *self)
{
  Network net;
  gboolean changed = spread_over_periods (self);

  network_init (&net, self->n_rows + self->n_cols + 4);

  for (guint r = 0; r <= self->n_rows; r++)
    for (guint c = 0; c <= self->n_cols; c++)
      if (needs_protection (self, r, c))
        changed |= protect_cell (self, &net, r, c);

  network_clear (&net);
  return changed;
}

/* Marks the published counts below CK_STATS_MIN_COUNT as small, and does
 * nothing more: primary suppression alone, which ck_stats_protect()
 * completes. */
void
ck_stats_grid_mark_small (CkStatsGrid *self)
{
  for (guint r = 0; r <= self->n_rows; r++)
    for (guint c = 0; c <= self->n_cols; c++)
      {
        gsize i = at (self, r, c);
        gint64 v = shown_value (self, i);

        if (ck_stats_grid_is_published (self, r, c) && v <= MAX_SMALL)
          self->states[i] = CK_STATS_CELL_SMALL;
      }
}

/* Hides in @self what is hidden elsewhere: cells with a hidden key, and
 * the pattern of the other grids of its trend. */
static gboolean
apply_shared (CkStatsGrid  *self,
              GHashTable   *hidden_keys,
              CkStatsGrid **grids,
              guint         n_grids)
{
  gboolean changed = FALSE;

  for (guint r = 0; r <= self->n_rows; r++)
    for (guint c = 0; c <= self->n_cols; c++)
      {
        gsize i = at (self, r, c);
        gboolean hidden = self->keys[i] != 0 &&
                          g_hash_table_contains (hidden_keys, GUINT_TO_POINTER (self->keys[i]));

        for (guint g = 0; g < n_grids && !hidden && self->trend != 0; g++)
          {
            CkStatsGrid *other = grids[g];

            if (other != self && other->trend == self->trend &&
                other->n_rows == self->n_rows && other->n_cols == self->n_cols)
              hidden = hides_cases (other, i);
          }

        if (hidden && is_candidate (self, r, c))
          {
            hide (self, r, c);
            changed = TRUE;
          }
      }

  return changed;
}

static gboolean
collect_keys (CkStatsGrid *self,
              GHashTable  *hidden_keys)
{
  gboolean changed = FALSE;

  for (gsize i = 0; i < (gsize) (self->n_rows + 1) * self->stride; i++)
    if (self->keys[i] != 0 && hides_cases (self, i) &&
        g_hash_table_add (hidden_keys, GUINT_TO_POINTER (self->keys[i])))
      changed = TRUE;

  return changed;
}

/**
 * ck_stats_protect:
 * @grids: (array length=n_grids): tables published together
 *
 * Marks every published count below CK_STATS_MIN_COUNT as small, and hides
 * further cells until none of them can be worked out from what the tables
 * show; a quantity hidden in one table is hidden in all that share its key,
 * and grids of one trend get the same pattern.
 */
void
ck_stats_protect (CkStatsGrid **grids,
                  guint         n_grids)
{
  g_autoptr(GHashTable) hidden_keys = g_hash_table_new (NULL, NULL);
  gboolean changed;

  for (guint g = 0; g < n_grids; g++)
    ck_stats_grid_mark_small (grids[g]);

  /* Hiding only ever adds cells, so this ends. */
  do
    {
      changed = FALSE;
      for (guint g = 0; g < n_grids; g++)
        {
          changed |= apply_shared (grids[g], hidden_keys, grids, n_grids);
          changed |= protect_grid (grids[g]);
          changed |= collect_keys (grids[g], hidden_keys);
        }
    }
  while (changed);
}

/* Returns: whether no published count from 1 to 4 of @self can be worked
 * out from what @self shows */
gboolean
ck_stats_grid_is_safe (CkStatsGrid *self)
{
  Network net;
  gboolean safe = TRUE;

  network_init (&net, self->n_rows + self->n_cols + 4);
  for (guint r = 0; r <= self->n_rows && safe; r++)
    for (guint c = 0; c <= self->n_cols && safe; c++)
      if (needs_protection (self, r, c))
        safe = !is_derivable (self, &net, r, c);
  network_clear (&net);

  return safe;
}
