/* ck-stats-filter-bar.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ck-stats-data.h"
#include "ck-stats-filter.h"

G_BEGIN_DECLS

#define CK_TYPE_STATS_FILTER_BAR (ck_stats_filter_bar_get_type ())

G_DECLARE_FINAL_TYPE (CkStatsFilterBar, ck_stats_filter_bar, CK, STATS_FILTER_BAR, GtkWidget)

CkStatsFilterBar *ck_stats_filter_bar_new             (void);
void              ck_stats_filter_bar_set_quarters    (CkStatsFilterBar *self,
                                                       int               first,
                                                       int               last);
void              ck_stats_filter_bar_set_period      (CkStatsFilterBar *self,
                                                       int               from,
                                                       int               to);
void              ck_stats_filter_bar_set_teams       (CkStatsFilterBar *self,
                                                       CkStatsData      *data);
void              ck_stats_filter_bar_set_show_units  (CkStatsFilterBar *self,
                                                       gboolean          show);
CkStatsFilter    *ck_stats_filter_bar_get_filter      (CkStatsFilterBar *self);

G_END_DECLS
