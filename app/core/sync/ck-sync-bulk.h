/* ck-sync-bulk.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ck-shared-record.h"
#include "ck-storage.h"

G_BEGIN_DECLS

/* From this many records on, a write of shared records is a bulk write. */
#define CK_SYNC_BULK_RECORDS 10000

/* A bulk write of shared records, in the caller's transaction: the
 * secondary indexes of shared_records and its code tables, and the
 * triggers that log every write of a record for the case index (schema
 * 0004) and the statistics (0005), are dropped for the write and made
 * again at its end, which is quicker than keeping them up to date row by
 * row. The writes noted with ck_sync_bulk_note() are then logged at once,
 * as the triggers would have logged them one by one. Where shared_records
 * has a trigger this code does not know, the triggers stay and log as
 * usual. A new record stored with ck_sync_bulk_insert() has its codes
 * added to the code tables with those of other new records, a batch at a
 * time. */
typedef struct _CkSyncBulk CkSyncBulk;

CkSyncBulk *ck_sync_bulk_begin (CkStorage   *storage,
                                GError     **error);
void        ck_sync_bulk_note  (CkSyncBulk  *self,
                                const char  *record_id);
gboolean    ck_sync_bulk_insert (CkSyncBulk           *self,
                                 const CkSharedRecord *record,
                                 gboolean              own,
                                 GError              **error);
gboolean    ck_sync_bulk_end   (CkSyncBulk  *self,
                                GError     **error);
void        ck_sync_bulk_free  (CkSyncBulk  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CkSyncBulk, ck_sync_bulk_free)

G_END_DECLS
