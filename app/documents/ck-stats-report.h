/* ck-stats-report.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ck-stats.h"
#include "ck-stats-data.h"

G_BEGIN_DECLS

typedef enum
{
  CK_STATS_REPORT_UNIT,          /* the unit's register, beside the national figure */
  CK_STATS_REPORT_NATIONAL,      /* every unit's anonymised records */
} CkStatsReportScope;

#define CK_TYPE_STATS_REPORT (ck_stats_report_get_type ())

G_DECLARE_FINAL_TYPE (CkStatsReport, ck_stats_report, CK, STATS_REPORT, GObject)

/* The report a coordinator can hand on: a title page with the data basis,
 * the key figures with their change, every chart with its table, and how
 * to read them. Everything in it is protected against small counts, also
 * the unit's own figures, as it leaves the application. The same figures
 * go to CSV files, one per table. Any thread; one at a time. */

CkStatsReport *ck_stats_report_new          (CkStatsReportScope     scope,
                                             const CkStatsFilter   *filter,
                                             const CkStatsOptions  *options);
void           ck_stats_report_set_cases    (CkStatsReport         *self,
                                             CkStatsData           *cases,
                                             const char            *unit);
void           ck_stats_report_set_records  (CkStatsReport         *self,
                                             CkStatsData           *records,
                                             GPtrArray             *basis);
gboolean       ck_stats_report_write_pdf    (CkStatsReport         *self,
                                             const char            *path,
                                             GError               **error);
gboolean       ck_stats_report_write_csv    (CkStatsReport         *self,
                                             const char            *dir,
                                             GError               **error);
void           ck_stats_report_write_async  (CkStatsReport         *self,
                                             const char            *pdf_path,
                                             const char            *csv_dir,
                                             GCancellable          *cancellable,
                                             GAsyncReadyCallback    callback,
                                             gpointer               user_data);
gboolean       ck_stats_report_write_finish (CkStatsReport         *self,
                                             GAsyncResult          *result,
                                             GError               **error);

G_END_DECLS
