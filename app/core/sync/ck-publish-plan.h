/* ck-publish-plan.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ck-storage.h"
#include "ck-sync-result.h"
#include "ck-types.h"

G_BEGIN_DECLS

/* What the next publish writes, worked out from the register alone (no
 * Git): every case is anonymised or checked against what was published of
 * it, small groups are generalised or held back, released lessons are
 * checked again, and the files to write are listed with the state that
 * goes with them. Storing the plan (ck_publish_plan_store()) happens in
 * the same transaction that records the commit about to be delivered. */

typedef struct
{
  char   *path;
  GBytes *contents;
} CkPlanFile;

typedef struct _CkPublishPlan CkPublishPlan;

typedef enum
{
  CK_PLAN_CHANGES,   /* only what changed since the last publish */
  CK_PLAN_FULL,      /* every file of the snapshot: a new repository, or an export */
} CkPlanMode;

CkPublishPlan *ck_publish_plan_build        (CkRegister     *reg,
                                             const char     *replica,
                                             CkPlanMode      mode,
                                             CkSyncResult   *result,
                                             GError        **error);
GPtrArray     *ck_publish_plan_get_files    (CkPublishPlan  *self);
GBytes        *ck_publish_plan_get_meta     (CkPublishPlan  *self);
gboolean       ck_publish_plan_store        (CkPublishPlan  *self,
                                             CkStorage      *storage,
                                             GError        **error);
void           ck_publish_plan_free         (CkPublishPlan  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CkPublishPlan, ck_publish_plan_free)

G_END_DECLS
