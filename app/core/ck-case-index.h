/* ck-case-index.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ck-attention-set.h"
#include "ck-case-facts.h"
#include "ck-guidance.h"
#include "ck-similar.h"
#include "ck-types.h"

G_BEGIN_DECLS

#define CK_TYPE_CASE_INDEX (ck_case_index_get_type ())

G_DECLARE_FINAL_TYPE (CkCaseIndex, ck_case_index, CK, CASE_INDEX, GObject)

/* A compact copy in memory of what the overview and the comparison of
 * cases read: the handling facts and the comparison profile of every case
 * in the register (not the bin), and the profile of every closed
 * anonymised record of other units. Nothing confidential is ever read
 * into it. (Not the search index of cases_fts: that one is on disk.)
 *
 * Read once, then kept current: triggers log which cases and records
 * change (schema 0004, whoever changes them, this process or another), and
 * ck_case_index_update() reads only those. The register owns its index.
 *
 * Threads: every call is safe from any thread. An update holds the
 * register a few thousand rows at a time, so the application stays
 * responsive while the first one reads a large register; queries never
 * wait for the disk. */

CkCaseIndex     *ck_case_index_get_for_register  (CkRegister          *reg);
gboolean         ck_case_index_update            (CkCaseIndex         *self,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
guint            ck_case_index_get_n_cases       (CkCaseIndex         *self);
guint            ck_case_index_get_n_records     (CkCaseIndex         *self);
gboolean         ck_case_index_get_facts         (CkCaseIndex         *self,
                                                  gint64               id,
                                                  CkCaseFacts         *facts);
gboolean         ck_case_index_get_profile       (CkCaseIndex         *self,
                                                  gint64               id,
                                                  CkSimilarProfile    *profile);
CkAttentionSet  *ck_case_index_collect_attention (CkCaseIndex         *self,
                                                  CkGuidance          *guidance,
                                                  const CkDeadlines   *deadlines,
                                                  guint32              today);
CkSimilarResult *ck_case_index_find_similar      (CkCaseIndex         *self,
                                                  CkSimilarity        *similarity,
                                                  const CkCase        *query,
                                                  guint                limit);

G_END_DECLS
