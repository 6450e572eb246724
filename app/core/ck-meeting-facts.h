/* ck-meeting-facts.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ck-types.h"

G_BEGIN_DECLS

typedef struct _CkMeetingFacts CkMeetingFacts;

/* What a group may see of a case: on the meeting screen, in minutes.
 * Codes, yes/no answers, the quarter of the report and lead times in
 * days; no field can hold a name, a number, a date or free text. The
 * meeting screen is built from this and from nothing else of a case, so
 * it cannot show what is confidential, whatever else is open. */
struct _CkMeetingFacts
{
  char       *kind;
  char       *channel;
  char      **grounds;
  char      **manifestations;
  char       *team;
  char       *reporter_role;
  char       *subject_role;
  CkTristate  subject_is_manager;
  CkTristate  bystanders_present;
  CkTristate  bystanders_intervened;
  int         year;                 /* of the report */
  int         quarter;
  int         days_open;            /* report to disposal, or to the day the facts were taken */
  int         days_to_triage;       /* -1 without triage */
  int         days_since_feedback;  /* -1 when the reporter was never informed */
  char       *triage_route;
  gboolean    lc_consulted;
  gboolean    sensitive;
  char       *finding;
  char      **measures;             /* codes, "code:conditional" when conditional */
  CkTristate  restoration_offered;
  CkTristate  restoration_accepted;
  CkTristate  restoration_completed;
  CkTristate  reporter_left;
  char       *status;
};

/* One line of the facts as people read them. */
typedef struct
{
  char *label;
  char *value;
} CkFactRow;

#define CK_TYPE_MEETING_FACTS (ck_meeting_facts_get_type ())

GType           ck_meeting_facts_get_type      (void) G_GNUC_CONST;
CkMeetingFacts *ck_meeting_facts_new_from_case (const CkCase          *kase,
                                                const GDate           *as_of);
CkMeetingFacts *ck_meeting_facts_copy          (const CkMeetingFacts  *self);
void            ck_meeting_facts_free          (CkMeetingFacts        *self);
char           *ck_meeting_facts_dup_summary   (const CkMeetingFacts  *self);
GPtrArray      *ck_meeting_facts_get_rows      (const CkMeetingFacts  *self,
                                                gboolean               details_only);
void            ck_fact_row_free               (CkFactRow             *row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CkMeetingFacts, ck_meeting_facts_free)

G_END_DECLS
