/* ck-case.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ck-types.h"

G_BEGIN_DECLS

typedef struct
{
  char     *code;
  gboolean  conditional;   /* voorwaardelijk */
} CkMeasure;

/* One case of the unit's register (DOMAIN.md, "What a case holds").
 *
 * Strings are owned by the case; code lists are sorted and without
 * duplicates (ck_case_normalize()). The confidential fields at the end are
 * NULL when the case was loaded without them. */
struct _CkCase
{
  gint64      id;                  /* 0 until stored */
  char       *uid;                 /* random, never shown, binds ciphertext to this case */
  char       *reference;           /* assigned when stored, e.g. "AMS-2024-0042" */
  char       *unit;
  char       *team;
  char       *kind;
  char       *channel;
  char      **grounds;
  char      **manifestations;
  char       *reporter_role;
  char       *subject_role;
  CkTristate  subject_is_manager;
  CkTristate  bystanders_present;
  CkTristate  bystanders_intervened;
  GDate       incident_date;
  GDate       report_date;
  GDate       triage_date;
  GDate       disposal_date;
  GDate       last_feedback_date;
  GDate       acknowledged_date;       /* the reporter was told the report arrived */
  GDate       outcome_informed_date;   /* the reporter was told how it ended */
  char       *triage_route;
  gboolean    lc_consulted;
  gboolean    sensitive;           /* complex or media-sensitive */
  char       *finding;
  GArray     *measures;            /* of CkMeasure */
  CkTristate  restoration_offered;
  CkTristate  restoration_accepted;
  CkTristate  restoration_completed;
  gboolean    lesson_considered;       /* the lesson for the team was weighed */
  CkTristate  reporter_left;
  char       *status;
  gint64      created_at;          /* unix seconds, set by the register */
  gint64      updated_at;
  GDate       personal_data_erased_on; /* set by the register once the retention
                                        * term erased the confidential fields */

  /* Confidential: encrypted at rest, never leave the machine. */
  gboolean    has_confidential;
  char       *reporter_name;
  char       *reporter_personnel_number;
  char       *reporter_contact;
  char       *subject_name;
  char       *subject_personnel_number;
  char       *bystander_names;
  char       *file_reference;
  char       *narrative;
  char       *notes;
};

#define CK_TYPE_CASE (ck_case_get_type ())

GType     ck_case_get_type        (void) G_GNUC_CONST;
CkCase   *ck_case_new             (void);
CkCase   *ck_case_copy            (const CkCase *self);
void      ck_case_free            (CkCase       *self);
void      ck_case_normalize       (CkCase       *self);
void      ck_case_add_measure     (CkCase       *self,
                                   const char   *code,
                                   gboolean      conditional);
int       ck_case_get_sanction_level (const CkCase *self);
gboolean  ck_case_is_closed       (const CkCase *self);
int       ck_case_get_days_open   (const CkCase *self,
                                   const GDate  *today);
void      ck_case_clear_confidential (CkCase    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CkCase, ck_case_free)

G_END_DECLS
