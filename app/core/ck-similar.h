/* ck-similar.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ck-shared-record.h"
#include "ck-small-cells.h"
#include "ck-types.h"

G_BEGIN_DECLS

/* What two cases are compared on, each with a weight in
 * data/guidance/comparable.xml. */
typedef enum
{
  CK_SIMILAR_GROUNDS,
  CK_SIMILAR_MANIFESTATIONS,
  CK_SIMILAR_REPORTER_ROLE,
  CK_SIMILAR_SUBJECT_ROLE,
  CK_SIMILAR_SUBJECT_IS_MANAGER,
  CK_SIMILAR_BYSTANDERS_PRESENT,
  CK_SIMILAR_BYSTANDERS_INTERVENED,
  CK_SIMILAR_CHANNEL,
  CK_SIMILAR_FINDING,
  CK_SIMILAR_N_ATTRIBUTES
} CkSimilarAttribute;

/* A case or an anonymised record as the comparison sees it: code lists as
 * bit sets and codes as small numbers, both by the term's position in its
 * vocabulary (a code as position + 1, 0 for none), tristates two bits
 * each. The case index keeps one per case and record. */
typedef struct
{
  guint32 grounds;
  guint32 manifestations;
  guint32 measures;
  guint32 conditional;        /* which of the measures are conditional */
  guint8  n_grounds;
  guint8  n_manifestations;
  guint8  reporter_role;
  guint8  subject_role;
  guint8  channel;
  guint8  finding;
  guint8  tristates;          /* subject_is_manager, bystanders_present, bystanders_intervened */
  gint8   sanction_level;     /* -1 without measures */
  guint16 year;
  guint8  quarter;            /* 0 when only the year is known */
  guint8  closed;             /* afgedaan or gesloten */
} CkSimilarProfile;

void     ck_similar_profile_init_from_case   (CkSimilarProfile       *profile,
                                              const CkCase           *kase);
void     ck_similar_profile_init_from_record (CkSimilarProfile       *profile,
                                              const CkSharedRecord   *record);
guint32  ck_similar_code_bit                 (const char             *list,
                                              const char             *code);
guint8   ck_similar_code_number              (const char             *list,
                                              const char             *code);
guint8   ck_similar_tristates                (CkTristate              subject_is_manager,
                                              CkTristate              bystanders_present,
                                              CkTristate              bystanders_intervened);
gboolean ck_similar_status_is_closed         (const char             *status);

#define CK_TYPE_SIMILARITY (ck_similarity_get_type ())

G_DECLARE_FINAL_TYPE (CkSimilarity, ck_similarity, CK, SIMILARITY, GObject)

/* The weights of the comparison, loaded from its data file; never change
 * after that, so any thread may use them. */

CkSimilarity *ck_similarity_get_default       (void);
CkSimilarity *ck_similarity_new_from_bytes    (GBytes                 *xml,
                                               GError                **error);
guint         ck_similarity_get_weight        (CkSimilarity           *self,
                                               CkSimilarAttribute      attribute);
guint         ck_similarity_get_threshold     (CkSimilarity           *self);
guint         ck_similarity_get_max_results   (CkSimilarity           *self);
guint         ck_similarity_get_small_cell    (CkSimilarity           *self);
const char   *ck_similar_attribute_get_field  (CkSimilarAttribute      attribute);

guint         ck_similar_score                (CkSimilarity           *self,
                                               const CkSimilarProfile *query,
                                               const CkSimilarProfile *candidate);
guint32       ck_similar_shared_attributes    (const CkSimilarProfile *query,
                                               const CkSimilarProfile *candidate);

/* One query against many candidates: the comparison's weights turned into
 * tables for this query, so that scoring a candidate is a few lookups.
 * Gives exactly ck_similar_score(). */
typedef struct _CkSimilarScorer CkSimilarScorer;

CkSimilarScorer *ck_similar_scorer_new        (CkSimilarity           *similarity,
                                               const CkSimilarProfile *query);
void             ck_similar_scorer_free       (CkSimilarScorer        *self);
guint            ck_similar_scorer_score      (const CkSimilarScorer  *self,
                                               const CkSimilarProfile *candidate);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CkSimilarScorer, ck_similar_scorer_free)

typedef enum
{
  CK_SIMILAR_OWN,        /* a case of this register */
  CK_SIMILAR_NATIONAL,   /* an anonymised record of another unit */
} CkSimilarSource;

/* One comparable case. A national one says nothing of its unit or id:
 * a list of them per unit would show that unit's small numbers. */
typedef struct
{
  CkSimilarSource  source;
  guint            score;                  /* per mille of the best possible */
  gint64           case_id;                /* OWN only */
  char            *reference;              /* OWN only */
  int              year;
  int              quarter;                /* 0 when only the year is known */
  char            *finding;                /* code, or NULL */
  GArray          *measures;               /* of CkMeasure */
  int              sanction_level;         /* -1 without measures */
  guint32          shared;                 /* bit per CkSimilarAttribute in common */
  char           **shared_grounds;         /* the codes in common */
  char           **shared_manifestations;
} CkSimilarMatch;

#define CK_SIMILAR_MAX_FINDINGS 16
#define CK_SIMILAR_MAX_LEVELS   32

/* How the comparable cases of one source ended: findings by the term's
 * position + 1 (0: none recorded), sanction levels by level + 1 (0: no
 * measures). National figures come protected against small cells. */
typedef struct
{
  CkCell total;
  CkCell findings[CK_SIMILAR_MAX_FINDINGS];
  CkCell levels[CK_SIMILAR_MAX_LEVELS];
  int    median_level;                     /* -2 when not shown */
} CkSimilarCounts;

typedef struct _CkSimilarResult CkSimilarResult;

struct _CkSimilarResult
{
  guint            threshold;              /* per mille: from here a case counts as comparable */
  guint            small_cell;             /* k of the protection */
  guint            n_findings;             /* used entries of the counts */
  guint            n_levels;
  int              proposed_level;         /* the case's own sanction level, -1 none */
  CkSimilarCounts  own;
  CkSimilarCounts  national;
  GPtrArray       *matches;                /* CkSimilarMatch, most comparable first */
};

#define CK_TYPE_SIMILAR_RESULT (ck_similar_result_get_type ())

GType            ck_similar_result_get_type   (void) G_GNUC_CONST;
CkSimilarResult *ck_similar_result_new        (void);
CkSimilarResult *ck_similar_result_copy       (const CkSimilarResult *self);
void             ck_similar_result_free       (CkSimilarResult       *self);
void             ck_similar_match_free        (CkSimilarMatch        *self);
GStrv            ck_similar_describe_shared   (const CkSimilarMatch  *match,
                                               const CkCase          *query);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CkSimilarResult, ck_similar_result_free)

CkSimilarResult *ck_similar_find              (CkRegister             *reg,
                                               const CkCase           *kase,
                                               guint                   limit,
                                               GCancellable           *cancellable,
                                               GError                **error);
void             ck_similar_find_async        (CkRegister             *reg,
                                               const CkCase           *kase,
                                               guint                   limit,
                                               GCancellable           *cancellable,
                                               GAsyncReadyCallback     callback,
                                               gpointer                user_data);
CkSimilarResult *ck_similar_find_finish       (CkRegister             *reg,
                                               GAsyncResult           *result,
                                               GError                **error);

/* For the case index, which runs the comparison over what it keeps. */
guint32          ck_similar_scorer_score_raw  (const CkSimilarScorer  *self,
                                               const CkSimilarProfile *candidate);
guint            ck_similar_scorer_to_score   (const CkSimilarScorer  *self,
                                               guint32                 raw);
guint32          ck_similar_scorer_raw_for    (const CkSimilarScorer  *self,
                                               guint                   score);
CkSimilarMatch  *ck_similar_match_new         (CkSimilarSource         source);
void             ck_similar_counts_fill       (CkSimilarCounts        *counts,
                                               const guint            *findings,
                                               guint                   n_findings,
                                               const guint            *levels,
                                               guint                   n_levels,
                                               guint                   total,
                                               guint                   small_cell,
                                               gboolean                protect);

G_END_DECLS
