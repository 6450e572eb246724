/* ck-stats-grid.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Counts below this are never shown in a national figure or an export. */
#define CK_STATS_MIN_COUNT 5

typedef enum
{
  CK_STATS_CELL_SHOWN,
  CK_STATS_CELL_SMALL,      /* 0 to CK_STATS_MIN_COUNT − 1: shown as "<5" */
  CK_STATS_CELL_HIDDEN,     /* hidden so that no small cell can be worked out: "×" */
} CkStatsCellState;

typedef enum
{
  CK_STATS_GRID_ROW_TOTALS       = 1 << 0,
  CK_STATS_GRID_COLUMN_TOTALS    = 1 << 1,
  CK_STATS_GRID_GRAND_TOTAL      = 1 << 2,
  /* The rows are consecutive periods of a trend: a category hidden in
   * one period is hidden in all of them. */
  CK_STATS_GRID_ROWS_ARE_PERIODS = 1 << 3,
} CkStatsGridFlags;

typedef struct _CkStatsGrid CkStatsGrid;

/* A table of counts with its published totals, for small-cell protection.
 * Cell (row, col) with row == n_rows or col == n_cols is a total: the
 * row totals are column n_cols, the column totals row n_rows.
 *
 * A total is the sum of its cells. Where a case is counted once per
 * ground but once in a total, people see the smaller number of cases
 * (ck_stats_grid_set_shown()); the protection then assumes the sum is
 * known as well, which is stricter than needed.
 *
 * Cells that publish the same quantity in several tables (a unit's cases,
 * say) carry the same key, so that a total hidden in one table is hidden
 * in every table that shows it. */

CkStatsGrid      *ck_stats_grid_new        (guint              n_rows,
                                            guint              n_cols,
                                            CkStatsGridFlags   flags);
void              ck_stats_grid_free       (CkStatsGrid       *self);
void              ck_stats_grid_set        (CkStatsGrid       *self,
                                            guint              row,
                                            guint              col,
                                            guint              value);
void              ck_stats_grid_set_shown  (CkStatsGrid       *self,
                                            guint              row,
                                            guint              col,
                                            guint              shown);
void              ck_stats_grid_set_key    (CkStatsGrid       *self,
                                            guint              row,
                                            guint              col,
                                            guint32            key);
void              ck_stats_grid_set_n_periods (CkStatsGrid    *self,
                                            guint              n_periods);
void              ck_stats_grid_set_trend  (CkStatsGrid       *self,
                                            guint              trend);
guint             ck_stats_grid_get_n_rows (CkStatsGrid       *self);
guint             ck_stats_grid_get_n_cols (CkStatsGrid       *self);
guint             ck_stats_grid_get_value  (CkStatsGrid       *self,
                                            guint              row,
                                            guint              col);
CkStatsCellState  ck_stats_grid_get_state  (CkStatsGrid       *self,
                                            guint              row,
                                            guint              col);
gboolean          ck_stats_grid_is_published (const CkStatsGrid *self,
                                            guint              row,
                                            guint              col);

void              ck_stats_grid_mark_small (CkStatsGrid       *self);
void              ck_stats_protect         (CkStatsGrid      **grids,
                                            guint              n_grids);
gboolean          ck_stats_grid_is_safe    (CkStatsGrid       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CkStatsGrid, ck_stats_grid_free)

G_END_DECLS
