/* ck-stats-filter.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _CkStatsFilter CkStatsFilter;

/* Which cases or records the figures count: the quarters from and to
 * (inclusive, ck_stats_quarter_make()), and optional codes; %NULL matches
 * all. The team is the unit's own sector or team code. */
struct _CkStatsFilter
{
  int   from;
  int   to;
  char *unit;
  char *team;
  char *ground;
  char *manifestation;
  char *channel;
  char *kind;
};

#define CK_TYPE_STATS_FILTER (ck_stats_filter_get_type ())

GType          ck_stats_filter_get_type   (void) G_GNUC_CONST;
CkStatsFilter *ck_stats_filter_new        (int                  from,
                                           int                  to);
CkStatsFilter *ck_stats_filter_copy       (const CkStatsFilter *self);
void           ck_stats_filter_free       (CkStatsFilter       *self);
gboolean       ck_stats_filter_equal      (const CkStatsFilter *a,
                                           const CkStatsFilter *b);
int            ck_stats_filter_get_length (const CkStatsFilter *self);
char          *ck_stats_filter_describe   (const CkStatsFilter *self);
char          *ck_stats_filter_describe_period (const CkStatsFilter *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CkStatsFilter, ck_stats_filter_free)

G_END_DECLS
