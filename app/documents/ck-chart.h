/* ck-chart.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "ck-stats-table.h"

G_BEGIN_DECLS

typedef enum
{
  CK_CHART_STACKED_BARS,     /* periods along, categories stacked */
  CK_CHART_HEAT_MAP,         /* rows × columns, darker is more */
  CK_CHART_BOXES,            /* lead times: median, quartiles, P10–P90 */
  CK_CHART_SHARES,           /* each row as a bar of 100 %, by column */
  CK_CHART_BARS,             /* one bar per row */
  CK_CHART_SPREAD,           /* sanction levels per unit, as dots */
} CkChartKind;

/* How charts look where they are drawn. */
typedef struct
{
  gboolean dark;             /* light text on a dark background */
  double   text_size;        /* the smallest text, in points; larger on a projector */
  gboolean background;       /* fill the background (files); the screen has its own */
} CkChartStyle;

#define CK_TYPE_CHART (ck_chart_get_type ())

G_DECLARE_FINAL_TYPE (CkChart, ck_chart, CK, CHART, GObject)

/* A chart of a CkStatsTable, drawn by one function on any cairo_t: the
 * screen, PNG, SVG or a page of the report. It shows what the table shows:
 * a hidden cell is drawn as hidden, never as its number. After drawing it
 * knows which cell is where, for clicks. One thread at a time. */

CkChart       *ck_chart_new                  (CkStatsTable       *table);
gboolean       ck_chart_table_has_chart      (CkStatsTableId      id);
CkStatsTable  *ck_chart_get_table            (CkChart            *self);
CkChartKind    ck_chart_get_kind             (CkChart            *self);
void           ck_chart_set_style            (CkChart            *self,
                                              const CkChartStyle *style);
double         ck_chart_get_height_for_width (CkChart            *self,
                                              double              width);
void           ck_chart_draw                 (cairo_t            *cr,
                                              double              width,
                                              double              height,
                                              gpointer            chart);
gboolean       ck_chart_hit                  (CkChart            *self,
                                              double              x,
                                              double              y,
                                              guint              *row,
                                              guint              *col);
char          *ck_chart_describe             (CkChart            *self);
void           ck_chart_style_init           (CkChartStyle       *style);

G_END_DECLS
