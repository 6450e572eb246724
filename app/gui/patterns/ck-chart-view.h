/* ck-chart-view.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "ck-stats-table.h"

G_BEGIN_DECLS

#define CK_TYPE_CHART_VIEW (ck_chart_view_get_type ())

G_DECLARE_FINAL_TYPE (CkChartView, ck_chart_view, CK, CHART_VIEW, GtkWidget)

CkChartView  *ck_chart_view_new           (void);
void          ck_chart_view_set_table     (CkChartView   *self,
                                           CkStatsTable  *table);
CkStatsTable *ck_chart_view_get_table     (CkChartView   *self);
void          ck_chart_view_set_clickable (CkChartView   *self,
                                           gboolean       clickable);
void          ck_chart_view_set_text_size (CkChartView   *self,
                                           double         points);
void          ck_chart_view_show_table    (CkChartView   *self,
                                           gboolean       show);
char         *ck_chart_view_describe      (CkChartView   *self);
gboolean      ck_chart_view_get_cell_at   (CkChartView   *self,
                                           double         x,
                                           double         y,
                                           guint         *row,
                                           guint         *col);

G_END_DECLS
