/* ck-guidance.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ck-attention-set.h"
#include "ck-case-facts.h"
#include "ck-types.h"

G_BEGIN_DECLS

/* The steps of handling a case, in order. Their texts are in
 * data/guidance/guidance.xml; when each applies and when it is done is
 * ck_guidance_evaluate()'s. */
typedef enum
{
  CK_STEP_REGISTERED,
  CK_STEP_ACKNOWLEDGED,
  CK_STEP_TRIAGE,
  CK_STEP_COORDINATOR,
  CK_STEP_HANDLING,
  CK_STEP_DISPOSAL,
  CK_STEP_RESTORATION,
  CK_STEP_INFORMED,
  CK_STEP_LESSON,
  CK_STEP_CLOSED,
  CK_N_STEPS
} CkStep;

typedef enum
{
  CK_DEADLINE_ACKNOWLEDGE,   /* days after the report */
  CK_DEADLINE_TRIAGE,        /* days after the report */
  CK_DEADLINE_FEEDBACK,      /* days since the reporter last heard */
  CK_DEADLINE_OUTCOME,       /* months after the report */
  CK_DEADLINE_LESSON,        /* days after the disposal */
  CK_N_DEADLINES
} CkDeadline;

/* The unit's deadline settings, in the units above. */
typedef struct
{
  int value[CK_N_DEADLINES];
} CkDeadlines;

typedef enum
{
  CK_STEP_STATE_NOT_APPLICABLE,
  CK_STEP_STATE_DONE,
  CK_STEP_STATE_WAITING,     /* an earlier step must be done first */
  CK_STEP_STATE_OPEN,        /* to do; due after the horizon, or without a deadline */
  CK_STEP_STATE_DUE,         /* due today or within the horizon */
  CK_STEP_STATE_OVERDUE,
  CK_STEP_STATE_MISSED,      /* the case was closed without it */
} CkStepState;

typedef struct
{
  CkStepState state;
  guint32     due;           /* Julian day; 0 without a deadline */
  int         days_left;     /* due − today; negative when overdue */
} CkStepStatus;

/* Situations the guidance has advice for. */
typedef enum
{
  CK_ADVICE_SIGNAL,
  CK_ADVICE_ANONYMOUS,
  CK_ADVICE_SENSITIVE,
  CK_ADVICE_MANAGER,
  CK_ADVICE_BYSTANDERS_PASSIVE,
  CK_ADVICE_REPORTER_LEFT,
  CK_ADVICE_FOUNDED,
  CK_ADVICE_NOT_FOUNDED,
  CK_ADVICE_OVERDUE,
  CK_N_ADVICE
} CkAdvice;

/* "Due this week": what the overview lists besides what is overdue. */
#define CK_GUIDANCE_HORIZON_DAYS 7

#define CK_TYPE_GUIDANCE (ck_guidance_get_type ())

G_DECLARE_FINAL_TYPE (CkGuidance, ck_guidance, CK, GUIDANCE, GObject)

/* The texts and the deadline definitions of the handling guidance, loaded
 * from its data file and translated as they are loaded; never change after
 * that, so any thread may read them. */

CkGuidance  *ck_guidance_get_default          (void);
CkGuidance  *ck_guidance_new_from_bytes       (GBytes             *xml,
                                               GError            **error);

const char  *ck_guidance_step_get_code        (CkStep              step);
const char  *ck_guidance_get_step_title       (CkGuidance         *self,
                                               CkStep              step);
const char  *ck_guidance_get_step_label       (CkGuidance         *self,
                                               CkStep              step);
const char  *ck_guidance_get_step_description (CkGuidance         *self,
                                               CkStep              step);
const char  *ck_guidance_get_advice_text      (CkGuidance         *self,
                                               CkAdvice            advice);

const char  *ck_deadline_get_id               (CkDeadline          deadline);
gboolean     ck_deadline_is_in_months         (CkDeadline          deadline);
const char  *ck_guidance_get_deadline_title   (CkGuidance         *self,
                                               CkDeadline          deadline);
const char  *ck_guidance_get_deadline_description (CkGuidance     *self,
                                               CkDeadline          deadline);
void         ck_guidance_get_deadline_range   (CkGuidance         *self,
                                               CkDeadline          deadline,
                                               int                *min,
                                               int                *max);
void         ck_guidance_get_default_deadlines (CkGuidance        *self,
                                               CkDeadlines        *deadlines);

void         ck_guidance_evaluate             (const CkDeadlines  *deadlines,
                                               const CkCaseFacts  *facts,
                                               guint32             today,
                                               CkStepStatus        statuses[CK_N_STEPS]);
CkStep       ck_guidance_get_current_step     (const CkStepStatus  statuses[CK_N_STEPS]);
guint32      ck_guidance_get_advice           (const CkCaseFacts  *facts,
                                               const CkStepStatus  statuses[CK_N_STEPS]);

void         ck_guidance_get_deadlines        (CkRegister         *reg,
                                               CkDeadlines        *deadlines);
gboolean     ck_guidance_set_deadlines        (CkRegister         *reg,
                                               const CkDeadlines  *deadlines,
                                               GError            **error);

CkAttentionSet *ck_guidance_collect_attention (CkRegister    *reg,
                                               const GDate   *today,
                                               GCancellable  *cancellable,
                                               GError       **error);

G_END_DECLS
