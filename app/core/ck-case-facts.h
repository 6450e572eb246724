/* ck-case-facts.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ck-types.h"

G_BEGIN_DECLS

typedef enum
{
  CK_FACT_SIGNAL               = 1 << 0,   /* a signal, not a report or complaint */
  CK_FACT_ANONYMOUS            = 1 << 1,   /* the reporter cannot be reached */
  CK_FACT_SENSITIVE            = 1 << 2,   /* complex or media-sensitive */
  CK_FACT_LC_CONSULTED         = 1 << 3,
  CK_FACT_HAS_ROUTE            = 1 << 4,
  CK_FACT_HAS_FINDING          = 1 << 5,
  CK_FACT_FOUNDED              = 1 << 6,   /* founded or partly founded */
  CK_FACT_HAS_MEASURES         = 1 << 7,
  CK_FACT_RESTORATION_ANSWERED = 1 << 8,   /* offered: yes or no recorded */
  CK_FACT_LESSON_CONSIDERED    = 1 << 9,
  CK_FACT_CLOSED               = 1 << 10,  /* status "gesloten" */
  CK_FACT_MANAGER              = 1 << 11,  /* the person concerned is the reporter's manager */
  CK_FACT_BYSTANDERS_PASSIVE   = 1 << 12,  /* present, and did not intervene */
  CK_FACT_REPORTER_LEFT        = 1 << 13,
} CkFactFlags;

/* What the handling guidance needs to know of a case, and nothing else:
 * dates as Julian day numbers (0 when not recorded) and flags. Small, so
 * that the case index keeps it for every case; made from a case here and
 * from a row of the register by the index, and the tests hold both to the
 * same answer. */
typedef struct
{
  guint32 report;
  guint32 acknowledged;
  guint32 triage;
  guint32 last_feedback;
  guint32 disposal;
  guint32 outcome_informed;
  guint32 flags;             /* CkFactFlags */
} CkCaseFacts;

void     ck_case_facts_init_from_case (CkCaseFacts  *facts,
                                       const CkCase *kase);
guint32  ck_case_facts_flags_for      (const char   *kind,
                                       const char   *reporter_role,
                                       const char   *finding,
                                       const char   *status);
guint32  ck_julian_from_date          (const GDate  *date);
guint32  ck_julian_from_iso           (const char   *iso);
void     ck_julian_to_date            (guint32       julian,
                                       GDate        *date);

G_END_DECLS
