/* ck-stats.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ck-stats-data.h"
#include "ck-stats-filter.h"
#include "ck-stats-table.h"

G_BEGIN_DECLS

/* The terms the figures measure handling against, in days from the report:
 * triage, feedback to the reporter, disposal. */
#define CK_STATS_TRIAGE_TERM    14
#define CK_STATS_FEEDBACK_TERM  30
#define CK_STATS_DISPOSAL_TERM  120

typedef struct
{
  GDate    today;
  guint    triage_term;
  guint    feedback_term;
  guint    disposal_term;
  /* Small-cell protection: for national figures and for anything that
   * leaves the application. */
  gboolean protect;
  /* The comparable cases of "like treated alike"; 0: the most frequent
   * ground and manifestation among founded cases. */
  guint    ground;
  guint    manifestation;
} CkStatsOptions;

typedef struct
{
  guint   n;
  double  p10;
  double  q1;
  double  median;
  double  q3;
  double  p90;
  guint   min;
  guint   max;
} CkStatsQuantiles;

/* The headline figures of one period, unprotected. Shares are over the
 * cases where the answer was recorded. */
typedef struct
{
  guint             cases;
  guint             reports;               /* reports and complaints, not signals */
  guint             reports_triaged;
  CkStatsQuantiles  to_triage;
  CkStatsQuantiles  to_disposal;
  guint             informed_due;          /* not anonymous, and the term has passed or feedback was given */
  guint             informed;              /* feedback within the term */
  guint             offered_known;
  guint             offered;
  guint             accepted_known;        /* of those offered */
  guint             accepted;
  guint             present_known;
  guint             present;
  guint             intervened_known;      /* where bystanders were present */
  guint             intervened;
  guint             left_known;
  guint             left;
  guint             open;
  guint             past_triage;           /* open, no triage, term passed */
  guint             past_feedback;         /* open, no feedback, term passed */
  guint             past_disposal;         /* open, not disposed, term passed */
} CkStatsKey;

typedef enum
{
  CK_STATS_WINDOW_CURRENT,
  CK_STATS_WINDOW_PREVIOUS,          /* as many quarters, just before */
  CK_STATS_WINDOW_YEAR_BEFORE,       /* the same quarters a year earlier */
  CK_STATS_N_WINDOWS,
} CkStatsWindow;

/* The rows of the key figures table. */
typedef enum
{
  CK_STATS_FIGURE_CASES,
  CK_STATS_FIGURE_REPORTS,
  CK_STATS_FIGURE_TRIAGED,
  CK_STATS_FIGURE_DAYS_TO_TRIAGE,
  CK_STATS_FIGURE_DAYS_TO_DISPOSAL,
  CK_STATS_FIGURE_INFORMED,
  CK_STATS_FIGURE_RESTORATION_OFFERED,
  CK_STATS_FIGURE_RESTORATION_ACCEPTED,
  CK_STATS_FIGURE_BYSTANDERS_PRESENT,
  CK_STATS_FIGURE_BYSTANDERS_INTERVENED,
  CK_STATS_FIGURE_REPORTERS_LEFT,
  CK_STATS_FIGURE_OPEN,
  CK_STATS_FIGURE_PAST_TRIAGE,
  CK_STATS_FIGURE_PAST_FEEDBACK,
  CK_STATS_FIGURE_PAST_DISPOSAL,
  CK_STATS_N_FIGURES,
} CkStatsFigure;

/* The columns of the key figures table. */
typedef enum
{
  CK_STATS_KEY_COLUMN_CURRENT,
  CK_STATS_KEY_COLUMN_PREVIOUS,
  CK_STATS_KEY_COLUMN_PREVIOUS_CHANGE,
  CK_STATS_KEY_COLUMN_YEAR_BEFORE,
  CK_STATS_KEY_COLUMN_YEAR_BEFORE_CHANGE,
  CK_STATS_N_KEY_COLUMNS,
} CkStatsKeyColumn;

#define CK_TYPE_STATS_FIGURES (ck_stats_figures_get_type ())

G_DECLARE_FINAL_TYPE (CkStatsFigures, ck_stats_figures, CK, STATS_FIGURES, GObject)

/* Every figure of a period for the Patronen and Landelijk pages and the
 * report, computed in one pass over the data. Immutable; any thread. */

void                  ck_stats_options_init         (CkStatsOptions        *options);

CkStatsFigures       *ck_stats_compute              (CkStatsData           *data,
                                                     const CkStatsFilter   *filter,
                                                     const CkStatsOptions  *options);
const CkStatsFilter  *ck_stats_figures_get_filter   (CkStatsFigures        *self);
const CkStatsOptions *ck_stats_figures_get_options  (CkStatsFigures        *self);
CkStatsSource         ck_stats_figures_get_source   (CkStatsFigures        *self);
const CkStatsKey     *ck_stats_figures_get_key      (CkStatsFigures        *self,
                                                     CkStatsWindow          window,
                                                     guint                  unit);
void                  ck_stats_figures_get_window   (CkStatsFigures        *self,
                                                     CkStatsWindow          window,
                                                     int                   *from,
                                                     int                   *to);
CkStatsTable         *ck_stats_figures_get_table    (CkStatsFigures        *self,
                                                     CkStatsTableId         id);
guint                 ck_stats_figures_get_year_only (CkStatsFigures       *self);

CkStatsTable         *ck_stats_compare              (CkStatsFigures        *unit,
                                                     CkStatsFigures        *national);
GArray               *ck_stats_select               (CkStatsData           *data,
                                                     const CkStatsFilter   *filter,
                                                     const CkStatsHeader   *row,
                                                     const CkStatsHeader   *column);

G_END_DECLS
