/* ck-k-anonymity.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Small groups (DOMAIN.md, privacy rule 2). The quasi-identifiers of a
 * record are its team, period, grounds and the roles of reporter and
 * person concerned. A combination that fewer than k records share is
 * generalised: first the team is dropped, then the quarter widened to the
 * year; what is still below k is held back. Counted over the values as
 * published, so that every published combination has k records or more. */

#define CK_K_ANONYMITY_DEFAULT_K 5

typedef enum
{
  CK_GENERALISE_NONE      = 0,
  CK_GENERALISE_TEAM      = 1,   /* team dropped */
  CK_GENERALISE_YEAR      = 2,   /* team dropped, quarter widened to the year */
  CK_GENERALISE_HELD_BACK = 3,
} CkGeneraliseLevel;

typedef struct
{
  const char        *team;           /* NULL when the case has none */
  int                year;
  int                quarter;
  const char        *grounds;        /* sorted codes joined with "," */
  const char        *reporter_role;
  const char        *subject_role;
  CkGeneraliseLevel  level;          /* the result */
} CkQuasiId;

/* One line of the publish result: how many records of a period were
 * generalised or held back, and in how many combinations too small. */
typedef struct
{
  CkGeneraliseLevel  level;
  guint              count;          /* records */
  guint              n_groups;       /* combinations below k */
  char              *description;    /* the period, "2025 Q1" or "2025" */
} CkPrivacyNote;

void       ck_k_anonymity_apply   (CkQuasiId     *items,
                                   guint          n_items,
                                   guint          k,
                                   GPtrArray     *notes);
char      *ck_privacy_note_format (const CkPrivacyNote *note,
                                   guint          k);
void       ck_privacy_note_free   (CkPrivacyNote *note);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CkPrivacyNote, ck_privacy_note_free)

G_END_DECLS
