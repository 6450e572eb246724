/* ck-meeting-plan.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ck-meeting-facts.h"
#include "ck-methods.h"
#include "ck-session.h"
#include "ck-storage.h"
#include "ck-text-check.h"

G_BEGIN_DECLS

typedef struct _CkMeetingPlan CkMeetingPlan;

/* An agenda item as the group sees it. */
typedef struct
{
  gint64        item_id;
  CkAgendaKind  kind;
  char         *title;        /* for the screen; NULL when withheld */
  char        **reasons;      /* CK_REASON_… codes */
  CkMeetingFacts  *facts;        /* CASE: NULL once the case was erased */
  gboolean      has_counts;   /* THEME and PATTERN with a filter the counts know */
  guint         current;      /* cases in the session's period */
  guint         previous;     /* and in the period before it */
} CkMeetingItem;

/* An open action of an earlier session, reviewed at the start. */
typedef struct
{
  char  *description;         /* NULL when withheld */
  char  *owner_role;
  GDate  due;
  GDate  session_date;
} CkMeetingAction;

/* Everything the meeting screen shows, and nothing it must not: the
 * session without participants' names or notes, the cases as CkMeetingFacts,
 * and free text only after the text check found nothing in it (a text
 * with a finding is withheld: its field is NULL and @n_withheld counts
 * it). Built in the core, so that the screen never holds a register. */
struct _CkMeetingPlan
{
  gint64          session_id;
  char           *title;          /* NULL when withheld */
  GDate           date;
  GDate           period_from;
  GDate           period_to;
  const CkMethod *method;         /* of ck_methods_get_default() */
  char          **roles;          /* the participants' roles, no names */
  GPtrArray      *items;          /* CkMeetingItem, in agenda order */
  GPtrArray      *open_actions;   /* CkMeetingAction */
  guint           n_withheld;
};

#define CK_TYPE_MEETING_PLAN (ck_meeting_plan_get_type ())

GType          ck_meeting_plan_get_type (void) G_GNUC_CONST;
CkMeetingPlan *ck_meeting_plan_build    (CkStorage            *storage,
                                         gint64                session_id,
                                         const GDate          *today,
                                         CkTextCheck          *check,
                                         GError              **error);
CkMeetingPlan *ck_meeting_plan_copy     (const CkMeetingPlan  *self);
void           ck_meeting_plan_free     (CkMeetingPlan        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CkMeetingPlan, ck_meeting_plan_free)

G_END_DECLS
