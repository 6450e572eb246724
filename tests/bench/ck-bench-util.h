/* ck-bench-util.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CK_BENCH_PASSPHRASE "benchmark passphrase"

double  ck_bench_now_ms            (void);
double  ck_bench_median            (GArray     *samples_ms);
double  ck_bench_run_ms            (const char * const *argv,
                                    const char *stdin_text,
                                    char      **stdout_text);
void    ck_bench_report            (const char *what,
                                    double      ours_ms,
                                    double      baseline_ms,
                                    double      target_ms);
char   *ck_bench_cache_path        (const char *stem);
char   *ck_bench_ensure_register   (guint       n_cases);
long    ck_bench_peak_rss_kb       (void);
long    ck_bench_rss_kb            (void);
long    ck_bench_pss_kb            (void);
long    ck_bench_anonymous_kb      (void);

G_END_DECLS
