/* ck-stats-cache.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ck-stats-data.h"
#include "ck-types.h"

G_BEGIN_DECLS

#define CK_TYPE_STATS_CACHE (ck_stats_cache_get_type ())

G_DECLARE_FINAL_TYPE (CkStatsCache, ck_stats_cache, CK, STATS_CACHE, GObject)

/* The register's cases and anonymised records as CkStatsData, read once
 * and read again only when they changed: the cases when the register says
 * so, the records when their version in the register moved (whoever moved
 * it). Reading lets go of the register between chunks, so that the window
 * stays responsive while a million records come in.
 *
 * Threads: the load functions may run on any thread; "changed" is emitted
 * on the thread of the register's "changed" signal. */

CkStatsCache *ck_stats_cache_new         (CkRegister           *reg);
CkStatsCache *ck_stats_cache_get_for_register (CkRegister      *reg);
CkRegister   *ck_stats_cache_get_register (CkStatsCache        *self);
CkStatsData  *ck_stats_cache_load        (CkStatsCache         *self,
                                          CkStatsSource         source,
                                          GCancellable         *cancellable,
                                          GError              **error);
void          ck_stats_cache_load_async  (CkStatsCache         *self,
                                          CkStatsSource         source,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
CkStatsData  *ck_stats_cache_load_finish (CkStatsCache         *self,
                                          GAsyncResult         *result,
                                          GError              **error);
GPtrArray    *ck_stats_cache_list_basis  (CkStatsCache         *self,
                                          GError              **error);

G_END_DECLS
