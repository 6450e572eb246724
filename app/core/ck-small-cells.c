/* ck-small-cells.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ck-small-cells.h"

/* Whether a vector whose cells below k (P) and hidden cells (Q) are not
 * shown still hides every cell of P, when the total is shown. A reader
 * knows that each cell of P lies in 1 … k − 1 and each of Q is at least k,
 * and what they add up to: the total less the shown cells. A cell of P is
 * given away when that leaves it one possible value. Without Q that
 * happens for a single cell, or when all of P must be 1, or all k − 1;
 * with Q, when P and Q can only be 1 and k each. */
static gboolean
is_safe (guint k,
         guint n_below,
         guint sum_below,
         guint n_hidden,
         guint sum_hidden)
{
  guint sum = sum_below + sum_hidden;

  if (n_below == 0)
    return TRUE;

  if (n_hidden == 0)
    return n_below >= 2 && n_below < sum && sum < (k - 1) * n_below;

  return (sum_below - n_below) + (sum_hidden - k * n_hidden) >= 1;
}

/* Returns: %FALSE when the vector cannot be protected with its total shown */
static gboolean
protect_vector (guint        k,
                const guint *counts,
                guint        n,
                CkCell      *cells,
                gboolean     total_shown)
{
  guint n_below = 0, sum_below = 0, n_hidden = 0, sum_hidden = 0;

  for (guint i = 0; i < n; i++)
    {
      if (counts[i] > 0 && counts[i] < k)
        {
          cells[i] = (CkCell) { CK_CELL_BELOW, 0 };
          n_below++;
          sum_below += counts[i];
        }
      else
        cells[i] = (CkCell) { CK_CELL_EXACT, counts[i] };
    }

  if (!total_shown)
    return TRUE;

  /* Hide the smallest shown cells until no cell below k can be worked
   * out from the total. */
  while (!is_safe (k, n_below, sum_below, n_hidden, sum_hidden))
    {
      guint smallest = n;

      for (guint i = 0; i < n; i++)
        if (cells[i].state == CK_CELL_EXACT && counts[i] > 0 &&
            (smallest == n || counts[i] < counts[smallest]))
          smallest = i;

      if (smallest == n)
        return FALSE;

      cells[smallest] = (CkCell) { CK_CELL_HIDDEN, 0 };
      n_hidden++;
      sum_hidden += counts[smallest];
    }

  return TRUE;
}

/**
 * ck_small_cells_protect:
 * @k: the smallest count that may be shown (5)
 * @total: what every vector adds up to
 * @counts: (array length=n_vectors): the counts of each vector, which
 *   split the same @total records in different ways
 * @cells: (array length=n_vectors): where to write how each count may be
 *   shown, as long as the vector
 * @total_cell: (out): how @total may be shown
 *
 * Suppresses small cells: a count from 1 to @k − 1 is shown as "<k"; so
 * that none of them can be worked out from the total and the other
 * counts, more cells are hidden, the smallest first, or where that cannot
 * help, the total is shown only as "at least @k". Below @k records in
 * all, nothing but "<k" is shown.
 */
void
ck_small_cells_protect (guint                k,
                        guint                total,
                        guint                n_vectors,
                        const guint * const *counts,
                        const guint         *lengths,
                        CkCell * const      *cells,
                        CkCell              *total_cell)
{
  gboolean total_shown = TRUE;

  g_return_if_fail (k >= 2);

  if (total > 0 && total < k)
    {
      for (guint v = 0; v < n_vectors; v++)
        for (guint i = 0; i < lengths[v]; i++)
          cells[v][i] = (CkCell) { CK_CELL_HIDDEN, 0 };
      *total_cell = (CkCell) { CK_CELL_BELOW, 0 };
      return;
    }

  for (guint v = 0; v < n_vectors; v++)
    total_shown &= protect_vector (k, counts[v], lengths[v], cells[v], TRUE);

  if (total_shown)
    {
      *total_cell = (CkCell) { CK_CELL_EXACT, total };
      return;
    }

  /* Without the exact total, the cells below k tell nothing more. */
  for (guint v = 0; v < n_vectors; v++)
    protect_vector (k, counts[v], lengths[v], cells[v], FALSE);
  *total_cell = (CkCell) { CK_CELL_AT_LEAST, 0 };
}

/* Returns: (transfer full): "12", "<5", "≥5", or "×" for a hidden cell */
char *
ck_cell_format (const CkCell *cell,
                guint         k)
{
  switch (cell->state)
    {
    case CK_CELL_EXACT:
      return g_strdup_printf ("%u", cell->value);

    case CK_CELL_BELOW:
      return g_strdup_printf ("<%u", k);

    case CK_CELL_AT_LEAST:
      return g_strdup_printf ("≥%u", k);

    case CK_CELL_HIDDEN:
    default:
      return g_strdup ("×");
    }
}
