/* ck-stats-data.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ck-shared-record.h"
#include "ck-types.h"

G_BEGIN_DECLS

/* What the figures are counted by. Vocabulary dimensions number their
 * terms from 1 in file order; 0 means "not recorded". */
typedef enum
{
  CK_STATS_DIM_NONE,
  CK_STATS_DIM_QUARTER,          /* a quarter index, ck_stats_quarter_make() */
  CK_STATS_DIM_UNIT,
  CK_STATS_DIM_TEAM,             /* an index into the data's teams */
  CK_STATS_DIM_KIND,
  CK_STATS_DIM_CHANNEL,
  CK_STATS_DIM_GROUND,
  CK_STATS_DIM_MANIFESTATION,
  CK_STATS_DIM_REPORTER_ROLE,
  CK_STATS_DIM_SUBJECT_ROLE,
  CK_STATS_DIM_ROUTE,
  CK_STATS_DIM_FINDING,
  CK_STATS_DIM_MEASURE,
  CK_STATS_DIM_STATUS,
  CK_STATS_DIM_LEVEL,            /* sanction level + 1: 0 none, 1 level 0, … 13 level 12 */
} CkStatsDim;

#define CK_STATS_MAX_LEVEL 12
#define CK_STATS_N_LEVELS  (CK_STATS_MAX_LEVEL + 2)
#define CK_STATS_DAYS_NONE G_MAXUINT16

typedef enum
{
  CK_STATS_ROW_OWN               = 1 << 0,  /* shared: the register's own record */
  CK_STATS_ROW_YEAR_ONLY         = 1 << 1,  /* shared: period widened to the year */
  CK_STATS_ROW_LC_CONSULTED      = 1 << 2,
  CK_STATS_ROW_SENSITIVE         = 1 << 3,
  CK_STATS_ROW_CLOSED            = 1 << 4,  /* status afgedaan or gesloten */
  CK_STATS_ROW_ANONYMOUS         = 1 << 5,  /* the reporter is anonymous */
} CkStatsRowFlags;

/* Where a yes / no / not known answer sits in CkStatsRow.flags. */
typedef enum
{
  CK_STATS_SUBJECT_IS_MANAGER    = 8,
  CK_STATS_BYSTANDERS_PRESENT    = 10,
  CK_STATS_BYSTANDERS_INTERVENED = 12,
  CK_STATS_RESTORATION_OFFERED   = 14,
  CK_STATS_RESTORATION_ACCEPTED  = 16,
  CK_STATS_RESTORATION_COMPLETED = 18,
  CK_STATS_REPORTER_LEFT         = 20,
} CkStatsAnswer;

/* One case or anonymised record as the statistics see it: categorical
 * codes as small integers, code lists as bit sets (bit n-1 for term n),
 * lead times in days. 40 bytes, so a million records fit in 40 MB and one
 * pass over them stays in the processor's caches' reach. */
typedef struct
{
  guint32 grounds;
  guint32 manifestations;
  guint32 measures;
  guint32 flags;              /* CkStatsRowFlags | answers, 2 bits each */
  gint32  report_day;         /* Julian day of the report; for a shared record
                               * the last day of its period, which is never
                               * before the real report date */
  gint16  quarter;            /* for a year-only record, its first quarter */
  guint16 team;
  guint16 days_to_triage;     /* CK_STATS_DAYS_NONE: not (yet) */
  guint16 days_to_feedback;
  guint16 days_to_disposal;
  guint8  unit;
  guint8  kind;
  guint8  channel;
  guint8  reporter_role;
  guint8  subject_role;
  guint8  route;
  guint8  finding;
  guint8  status;
  gint8   sanction_level;     /* -1 without measures */
} CkStatsRow;

static inline CkTristate
ck_stats_row_get_answer (const CkStatsRow *row,
                         CkStatsAnswer     answer)
{
  return (CkTristate) ((row->flags >> answer) & 3);
}

/* What one row is made of, as text codes: filled from a case, a shared
 * record or a database row, then added with ck_stats_data_add(). Strings
 * are borrowed. Code lists are joined with ","; measures may carry
 * ":conditional". */
typedef struct
{
  gint64      case_id;          /* cases only */
  const char *unit;
  const char *team;
  const char *kind;
  const char *channel;
  const char *grounds;
  const char *manifestations;
  const char *measures;
  const char *reporter_role;
  const char *subject_role;
  const char *triage_route;
  const char *finding;
  const char *status;
  int         year;
  int         quarter;          /* 0: the whole year */
  int         report_day;       /* Julian day, or 0: the end of the period */
  CkTristate  subject_is_manager;
  CkTristate  bystanders_present;
  CkTristate  bystanders_intervened;
  CkTristate  restoration_offered;
  CkTristate  restoration_accepted;
  CkTristate  restoration_completed;
  CkTristate  reporter_left;
  gboolean    lc_consulted;
  gboolean    sensitive;
  gboolean    own;
  int         days_to_triage;   /* -1: not (yet) */
  int         days_to_feedback;
  int         days_to_disposal;
} CkStatsFields;

typedef enum
{
  CK_STATS_SOURCE_CASES,        /* the unit's own register */
  CK_STATS_SOURCE_SHARED,       /* anonymised records of every unit */
} CkStatsSource;

#define CK_TYPE_STATS_DATA (ck_stats_data_get_type ())

G_DECLARE_FINAL_TYPE (CkStatsData, ck_stats_data, CK, STATS_DATA, GObject)

/* The rows the figures are computed from, kept in memory and sorted by
 * quarter. Built on one thread with ck_stats_data_add() and then sealed;
 * once sealed it never changes and any thread may read it. */

CkStatsData       *ck_stats_data_new             (CkStatsSource          source);
void               ck_stats_data_add             (CkStatsData           *self,
                                                  const CkStatsFields   *fields);
void               ck_stats_data_add_case        (CkStatsData           *self,
                                                  const CkCase          *kase);
void               ck_stats_data_add_record      (CkStatsData           *self,
                                                  const CkSharedRecord  *record,
                                                  gboolean               own);
void               ck_stats_data_seal            (CkStatsData           *self);

CkStatsSource      ck_stats_data_get_source      (CkStatsData           *self);
const CkStatsRow  *ck_stats_data_get_rows        (CkStatsData           *self,
                                                  guint                 *n_rows);
gint64             ck_stats_data_get_case_id     (CkStatsData           *self,
                                                  guint                  row);
void               ck_stats_data_get_range       (CkStatsData           *self,
                                                  int                    from_quarter,
                                                  int                    to_quarter,
                                                  guint                 *first,
                                                  guint                 *end);
gboolean           ck_stats_data_get_quarters    (CkStatsData           *self,
                                                  int                   *first,
                                                  int                   *last);
guint              ck_stats_data_get_n_teams     (CkStatsData           *self);
const char        *ck_stats_data_get_team        (CkStatsData           *self,
                                                  guint                  index);
guint              ck_stats_data_lookup_team     (CkStatsData           *self,
                                                  const char            *team);
guint              ck_stats_data_count_unit      (CkStatsData           *self,
                                                  guint                  unit);
guint              ck_stats_data_get_unit_basis  (CkStatsData           *self,
                                                  guint                  unit,
                                                  guint                 *own,
                                                  int                   *newest);

guint              ck_stats_dim_get_size         (CkStatsDim             dim);
const char        *ck_stats_dim_get_code         (CkStatsDim             dim,
                                                  guint                  value);
const char        *ck_stats_dim_get_label        (CkStatsDim             dim,
                                                  guint                  value);
guint              ck_stats_dim_lookup           (CkStatsDim             dim,
                                                  const char            *code);

int                ck_stats_quarter_make         (int                    year,
                                                  int                    quarter);
int                ck_stats_quarter_get_year     (int                    index);
int                ck_stats_quarter_get_number   (int                    index);
int                ck_stats_quarter_from_date    (const GDate           *date);
void               ck_stats_quarter_get_last_day (int                    index,
                                                  GDate                 *date);
gboolean           ck_stats_quarter_parse        (const char            *text,
                                                  int                   *index);
char              *ck_stats_quarter_to_code      (int                    index);
char              *ck_stats_quarter_to_label     (int                    index);

G_END_DECLS
