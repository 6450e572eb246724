/* ck-small-cells.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How a count from other units' records may be shown (DOMAIN.md, privacy
 * rule 3). */
typedef enum
{
  CK_CELL_EXACT,       /* as it is (0, or at least k) */
  CK_CELL_BELOW,       /* 1 to k − 1: shown as "<k" */
  CK_CELL_HIDDEN,      /* hidden so that a cell below k cannot be worked out */
  CK_CELL_AT_LEAST,    /* a total of at least k, not shown exactly */
} CkCellState;

typedef struct
{
  CkCellState state;
  guint       value;   /* only for CK_CELL_EXACT; 0 otherwise */
} CkCell;

void   ck_small_cells_protect  (guint                k,
                                guint                total,
                                guint                n_vectors,
                                const guint * const *counts,
                                const guint         *lengths,
                                CkCell * const      *cells,
                                CkCell              *total_cell);
char  *ck_cell_format          (const CkCell        *cell,
                                guint                k);

G_END_DECLS
