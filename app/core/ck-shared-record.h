/* ck-shared-record.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ck-types.h"

G_BEGIN_DECLS

typedef struct _CkSharedRecord CkSharedRecord;

/* An anonymised record: what leaves a unit (DOMAIN.md, privacy rule 1).
 * A fresh random id unrelated to the local case, the unit, the report date
 * coarsened to a quarter (or widened to a year), categorical fields, lead
 * times in days, and nothing else: no free text, no names, no dates.
 *
 * Lead times are -1 when the step has not happened. Code lists are sorted.
 * The same struct holds the unit's own records (as published) and those
 * imported from other units' replicas. */
struct _CkSharedRecord
{
  char       *id;                   /* 32 lowercase hex digits, random */
  char       *unit;
  char       *replica;              /* 32 lowercase hex digits */
  guint       rev;                  /* rises with every change */
  gboolean    retracted;

  int         year;                 /* of the report date */
  int         quarter;              /* 1–4, or 0 when widened to the year */
  char       *team;                 /* NULL when dropped to protect small groups */
  char       *kind;
  char       *channel;
  char      **grounds;
  char      **manifestations;
  char       *reporter_role;
  char       *subject_role;
  CkTristate  subject_is_manager;
  CkTristate  bystanders_present;
  CkTristate  bystanders_intervened;
  char       *triage_route;
  gboolean    lc_consulted;
  gboolean    sensitive;
  char       *finding;
  GArray     *measures;             /* of CkMeasure */
  CkTristate  restoration_offered;
  CkTristate  restoration_accepted;
  CkTristate  restoration_completed;
  CkTristate  reporter_left;
  char       *status;
  int         days_to_triage;       /* report → triage */
  int         days_to_feedback;     /* report → last feedback to the reporter */
  int         days_to_disposal;     /* report → disposal */
};

#define CK_TYPE_SHARED_RECORD (ck_shared_record_get_type ())

GType           ck_shared_record_get_type           (void) G_GNUC_CONST;
CkSharedRecord *ck_shared_record_new                (void);
CkSharedRecord *ck_shared_record_copy               (const CkSharedRecord *self);
void            ck_shared_record_free               (CkSharedRecord       *self);
char           *ck_shared_record_get_period         (const CkSharedRecord *self);
int             ck_shared_record_get_sanction_level (const CkSharedRecord *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CkSharedRecord, ck_shared_record_free)

G_END_DECLS
