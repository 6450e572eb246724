/* ck-sync-result.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ck-k-anonymity.h"
#include "ck-sync-store.h"

G_BEGIN_DECLS

typedef struct
{
  char  *unit;
  guint  records;     /* new or changed */
  guint  removed;     /* retracted or purged */
  guint  lessons;
} CkImportCount;

/* What one synchronisation did, for the Synchronisation page and the
 * command line: what was published, generalised and held back (and why),
 * what came in per unit, and what was put in quarantine. Kept in the
 * register as the last result. */
typedef struct
{
  gboolean   publish_done;
  gboolean   import_done;
  char      *remote;
  gint64     finished_at;        /* unix seconds */
  guint      k;

  gboolean   published;          /* a new commit reached the repository */
  guint      n_written;          /* record files added or changed */
  guint      n_retracted;        /* records retracted */
  guint      n_active;           /* records the unit shares now */
  guint      n_held_back;
  guint      n_generalised;
  guint      n_lessons;          /* lessons added or changed */
  GPtrArray *privacy_notes;      /* CkPrivacyNote */
  GPtrArray *held_lessons;       /* char *: the title and why */

  GPtrArray *imports;            /* CkImportCount, by unit */
  GPtrArray *quarantined;        /* CkQuarantineEntry, found in this run */
  GPtrArray *skipped_refs;       /* char *: replicas not imported, and why */
} CkSyncResult;

#define CK_TYPE_SYNC_RESULT (ck_sync_result_get_type ())

GType          ck_sync_result_get_type     (void) G_GNUC_CONST;
CkSyncResult  *ck_sync_result_new          (void);
CkSyncResult  *ck_sync_result_copy         (const CkSyncResult *self);
void           ck_sync_result_free         (CkSyncResult       *self);
CkImportCount *ck_sync_result_get_import   (CkSyncResult       *self,
                                            const char         *unit);
guint          ck_sync_result_count_imported (const CkSyncResult *self);
char          *ck_sync_result_to_json      (const CkSyncResult *self);
CkSyncResult  *ck_sync_result_from_json    (const char         *json);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CkSyncResult, ck_sync_result_free)

G_END_DECLS
