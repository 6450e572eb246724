/* ck-stats-table.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ck-stats-data.h"
#include "ck-stats-grid.h"

G_BEGIN_DECLS

typedef enum
{
  CK_STATS_TABLE_KEY_FIGURES,
  CK_STATS_TABLE_QUARTER_GROUND,
  CK_STATS_TABLE_GROUND_MANIFESTATION,
  CK_STATS_TABLE_LEAD_TIMES_GROUND,
  CK_STATS_TABLE_GROUND_FINDING,
  CK_STATS_TABLE_GROUND_LEVEL,
  CK_STATS_TABLE_CHANNEL,
  CK_STATS_TABLE_KIND,
  /* Across units: national figures only. */
  CK_STATS_TABLE_UNIT_KEY_FIGURES,
  CK_STATS_TABLE_QUARTER_UNIT,
  CK_STATS_TABLE_UNIT_GROUND,
  CK_STATS_TABLE_LEAD_TIMES_UNIT,
  CK_STATS_TABLE_UNIT_FINDING,
  CK_STATS_TABLE_UNIT_LEVEL,
  CK_STATS_TABLE_COMPARABLE,
  CK_STATS_N_TABLES,
} CkStatsTableId;

typedef enum
{
  CK_STATS_VALUE_COUNT,
  CK_STATS_VALUE_SHARE,          /* count of base, value = count / base */
  CK_STATS_VALUE_DAYS,           /* median days of count values; low, high the quartiles */
  CK_STATS_VALUE_LEVEL,          /* median sanction level, likewise */
  CK_STATS_VALUE_QUANTILE,       /* one quantile in days, of count values */
  CK_STATS_VALUE_CHANGE_COUNT,   /* relative change in per cent */
  CK_STATS_VALUE_CHANGE_SHARE,   /* change in percentage points */
  CK_STATS_VALUE_CHANGE_DAYS,    /* change in days */
} CkStatsValueKind;

/* Beyond the states of a count (ck-stats-grid.h), what a derived figure
 * may be instead of a number. */
#define CK_STATS_CELL_TOO_FEW ((CkStatsCellState) 16)   /* over fewer than 5 cases */
#define CK_STATS_CELL_NONE    ((CkStatsCellState) 17)   /* nothing to show: no cases */

typedef struct
{
  CkStatsValueKind kind;
  CkStatsCellState state;        /* of the count; of the share's count */
  CkStatsCellState other_state;  /* shares: of base − count */
  guint            count;
  guint            base;
  double           value;
  double           low;
  double           high;
} CkStatsCell;

/* What a row or a column stands for, so that a click on it can find the
 * cases behind it. */
typedef enum
{
  CK_STATS_SELECT_ALL,
  CK_STATS_SELECT_TRIAGED,       /* reached triage */
  CK_STATS_SELECT_DISPOSED,
  CK_STATS_SELECT_FOUNDED,       /* finding gegrond */
} CkStatsSelect;

typedef struct
{
  char          *label;
  char          *code;          /* for files: a vocabulary or quarter code */
  CkStatsDim     dim;           /* NONE for a total or a figure */
  guint          value;
  gboolean       year_only;     /* a QUARTER row of records known by year */
  gboolean       total;
  CkStatsSelect  select;
} CkStatsHeader;

typedef struct _CkStatsTable CkStatsTable;

/* A table of figures as people read it: row and column headings, cells
 * with their suppression, the last row and column possibly totals. Built
 * by ck_stats_compute() and then never changed; shared by reference. */
struct _CkStatsTable
{
  CkStatsTableId  id;
  const char     *name;         /* for file names, e.g. "cases-per-quarter" */
  char           *title;
  char           *row_title;
  char           *note;         /* how to read it; may be NULL */
  guint           n_rows;
  guint           n_cols;
  CkStatsHeader  *rows;
  CkStatsHeader  *columns;
  CkStatsCell    *cells;
  guint           ground;       /* COMPARABLE: the ground and manifestation compared */
  guint           manifestation;
};

#define CK_TYPE_STATS_TABLE (ck_stats_table_get_type ())

GType               ck_stats_table_get_type      (void) G_GNUC_CONST;
CkStatsTable       *ck_stats_table_new           (CkStatsTableId       id,
                                                  const char          *name,
                                                  guint                n_rows,
                                                  guint                n_cols);
CkStatsTable       *ck_stats_table_ref           (CkStatsTable        *self);
void                ck_stats_table_unref         (CkStatsTable        *self);
CkStatsCell        *ck_stats_table_get_cell      (CkStatsTable        *self,
                                                  guint                row,
                                                  guint                col);
const CkStatsCell  *ck_stats_table_peek_cell     (const CkStatsTable  *self,
                                                  guint                row,
                                                  guint                col);
void                ck_stats_table_set_header    (CkStatsHeader       *header,
                                                  const char          *label,
                                                  const char          *code,
                                                  CkStatsDim           dim,
                                                  guint                value);
gboolean            ck_stats_cell_is_shown       (const CkStatsCell   *cell);
char               *ck_stats_cell_format         (const CkStatsCell   *cell);
char               *ck_stats_cell_format_plain   (const CkStatsCell   *cell);
gboolean            ck_stats_table_has_hidden    (const CkStatsTable  *self);
char               *ck_stats_table_to_csv        (const CkStatsTable  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CkStatsTable, ck_stats_table_unref)

G_END_DECLS
