/* ck-stats-store.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ck-stats-data.h"
#include "ck-storage.h"

G_BEGIN_DECLS

/* What the national figures rest on, one unit at a time. */
typedef struct
{
  char    *unit;
  guint    records;
  guint    own;               /* of which this register's own */
  int      newest_quarter;    /* of its newest record */
  gint64   synced_at;         /* unix seconds of the last import, 0 if not known */
} CkStatsBasis;

/* The SQL of the statistics: reading cases and anonymised records into
 * a CkStatsData, in chunks so that the caller can let go of the storage
 * between them. The caller holds the register (ck_register_acquire()) for
 * each call. */

typedef struct _CkStatsReader CkStatsReader;

CkStatsReader *ck_stats_reader_new          (CkStatsSource   source);
gboolean       ck_stats_reader_step         (CkStatsReader  *self,
                                             CkStorage      *storage,
                                             guint           max_rows,
                                             gboolean       *done,
                                             GError        **error);
CkStatsData   *ck_stats_reader_finish       (CkStatsReader  *self);
void           ck_stats_reader_free         (CkStatsReader  *self);

gint64         ck_stats_store_get_version   (CkStorage      *storage);
gint64         ck_stats_store_get_sync_time (CkStorage      *storage,
                                             const char     *unit);
void           ck_stats_basis_free          (CkStatsBasis   *basis);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CkStatsReader, ck_stats_reader_free)

G_END_DECLS
