/* ck-stats-export.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ck-stats-cache.h"
#include "ck-stats-report.h"

G_BEGIN_DECLS

/* Asks where, then writes the report (PDF) or its tables (CSV) of what a
 * page shows, off the main thread, and says how it went in a toast. */
void ck_stats_export (GtkWidget            *parent,
                      AdwToastOverlay      *toasts,
                      CkStatsCache         *cache,
                      CkStatsReportScope    scope,
                      const CkStatsFilter  *filter,
                      const CkStatsOptions *options,
                      CkStatsData          *cases,
                      CkStatsData          *records,
                      gboolean              tables);

G_END_DECLS
