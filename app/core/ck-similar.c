/* ck-similar.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ck-case.h"
#include "ck-case-fields.h"
#include "ck-case-index.h"
#include "ck-date.h"
#include "ck-error.h"
#include "ck-register.h"
#include "ck-similar.h"
#include "ck-vocabulary.h"

/* Scores are whole numbers so that every way of computing one gives the
 * same: an attribute adds weight × SCALE × similarity (rounded down), and
 * the score is the sum over weight-of-what-the-case-records × SCALE / 1000,
 * rounded down: per mille. */
#define SCALE 1000000u

struct _CkSimilarity
{
  GObject parent_instance;

  guint   weights[CK_SIMILAR_N_ATTRIBUTES];
  guint   threshold;      /* per mille */
  guint   max_results;
  guint   small_cell;
};

G_DEFINE_FINAL_TYPE (CkSimilarity, ck_similarity, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (CkSimilarResult, ck_similar_result, ck_similar_result_copy, ck_similar_result_free)

static const char * const attribute_fields[CK_SIMILAR_N_ATTRIBUTES] = {
  "grounds", "manifestations", "reporter_role", "subject_role", "subject_is_manager",
  "bystanders_present", "bystanders_intervened", "channel", "finding",
};

/* The vocabularies whose codes become bits or numbers. */
static const struct
{
  const char *list;
  guint       limit;
} coded_lists[] = {
  { CK_VOCAB_GROUNDS, 32 },
  { CK_VOCAB_MANIFESTATIONS, 32 },
  { CK_VOCAB_MEASURES, 32 },
  { CK_VOCAB_REPORTER_ROLES, 255 },
  { CK_VOCAB_SUBJECT_ROLES, 255 },
  { CK_VOCAB_CHANNELS, 255 },
  { CK_VOCAB_FINDINGS, CK_SIMILAR_MAX_FINDINGS - 1 },
};

static void
ck_similarity_class_init (CkSimilarityClass *klass)
{
}

static void
ck_similarity_init (CkSimilarity *self)
{
}

/* Returns: the bit of @code in @list, 0 for an unknown code */
guint32
ck_similar_code_bit (const char *list,
                     const char *code)
{
  const CkTerm *term = ck_vocabulary_lookup (ck_vocabulary_get_default (), list, code);

  return term != NULL && term->position < 32 ? 1u << term->position : 0;
}

/* Returns: the position + 1 of @code in @list, 0 for none or unknown */
guint8
ck_similar_code_number (const char *list,
                        const char *code)
{
  const CkTerm *term = ck_vocabulary_lookup (ck_vocabulary_get_default (), list, code);

  return term != NULL && term->position < 255 ? term->position + 1 : 0;
}

guint8
ck_similar_tristates (CkTristate subject_is_manager,
                      CkTristate bystanders_present,
                      CkTristate bystanders_intervened)
{
  return (guint8) (subject_is_manager | bystanders_present << 2 | bystanders_intervened << 4);
}

gboolean
ck_similar_status_is_closed (const char *status)
{
  return g_strcmp0 (status, "afgedaan") == 0 || g_strcmp0 (status, "gesloten") == 0;
}

static guint32
code_bits (const char          *list,
           const char * const  *codes,
           guint8              *n_bits)
{
  guint32 bits = 0;

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    bits |= ck_similar_code_bit (list, codes[i]);

  *n_bits = (guint8) __builtin_popcount (bits);
  return bits;
}

static void
set_measures (CkSimilarProfile *profile,
              GArray           *measures)
{
  for (guint i = 0; i < measures->len; i++)
    {
      const CkMeasure *measure = &g_array_index (measures, CkMeasure, i);
      guint32 bit = ck_similar_code_bit (CK_VOCAB_MEASURES, measure->code);

      profile->measures |= bit;
      if (measure->conditional)
        profile->conditional |= bit;
    }
}

void
ck_similar_profile_init_from_case (CkSimilarProfile *profile,
                                   const CkCase     *kase)
{
  memset (profile, 0, sizeof *profile);
  profile->grounds = code_bits (CK_VOCAB_GROUNDS, (const char * const *) kase->grounds, &profile->n_grounds);
  profile->manifestations = code_bits (CK_VOCAB_MANIFESTATIONS, (const char * const *) kase->manifestations,
                                       &profile->n_manifestations);
  set_measures (profile, kase->measures);
  profile->reporter_role = ck_similar_code_number (CK_VOCAB_REPORTER_ROLES, kase->reporter_role);
  profile->subject_role = ck_similar_code_number (CK_VOCAB_SUBJECT_ROLES, kase->subject_role);
  profile->channel = ck_similar_code_number (CK_VOCAB_CHANNELS, kase->channel);
  profile->finding = ck_similar_code_number (CK_VOCAB_FINDINGS, kase->finding);
  profile->tristates = ck_similar_tristates (kase->subject_is_manager, kase->bystanders_present,
                                             kase->bystanders_intervened);
  profile->sanction_level = (gint8) ck_case_get_sanction_level (kase);
  profile->year = ck_date_is_set (&kase->report_date) ? g_date_get_year (&kase->report_date) : 0;
  profile->quarter = (guint8) ck_date_get_quarter (&kase->report_date);
  profile->closed = ck_similar_status_is_closed (kase->status);
}

void
ck_similar_profile_init_from_record (CkSimilarProfile     *profile,
                                     const CkSharedRecord *record)
{
  memset (profile, 0, sizeof *profile);
  profile->grounds = code_bits (CK_VOCAB_GROUNDS, (const char * const *) record->grounds, &profile->n_grounds);
  profile->manifestations = code_bits (CK_VOCAB_MANIFESTATIONS, (const char * const *) record->manifestations,
                                       &profile->n_manifestations);
  set_measures (profile, record->measures);
  profile->reporter_role = ck_similar_code_number (CK_VOCAB_REPORTER_ROLES, record->reporter_role);
  profile->subject_role = ck_similar_code_number (CK_VOCAB_SUBJECT_ROLES, record->subject_role);
  profile->channel = ck_similar_code_number (CK_VOCAB_CHANNELS, record->channel);
  profile->finding = ck_similar_code_number (CK_VOCAB_FINDINGS, record->finding);
  profile->tristates = ck_similar_tristates (record->subject_is_manager, record->bystanders_present,
                                             record->bystanders_intervened);
  profile->sanction_level = (gint8) ck_shared_record_get_sanction_level (record);
  profile->year = (guint16) CLAMP (record->year, 0, G_MAXUINT16);
  profile->quarter = (guint8) CLAMP (record->quarter, 0, 4);
  profile->closed = ck_similar_status_is_closed (record->status);
}

static gboolean
check_vocabulary (GError **error)
{
  CkVocabulary *vocabulary = ck_vocabulary_get_default ();

  /* A longer list would need wider bit sets: say so rather than compare
   * wrongly. */
  for (guint i = 0; i < G_N_ELEMENTS (coded_lists); i++)
    if (ck_vocabulary_get_terms (vocabulary, coded_lists[i].list)->len > coded_lists[i].limit)
      {
        g_set_error (error, CK_ERROR, CK_ERROR_CORRUPT,
                     "the vocabulary “%s” has more terms than comparing cases allows (%u)",
                     coded_lists[i].list, coded_lists[i].limit);
        return FALSE;
      }

  return TRUE;
}

typedef struct
{
  CkSimilarity *self;
  gboolean      seen[CK_SIMILAR_N_ATTRIBUTES];
} ParseState;

static gboolean
parse_number (const char  *text,
              guint64      max,
              guint       *value,
              GError     **error)
{
  guint64 number;

  if (!g_ascii_string_to_unsigned (text, 10, 0, max, &number, error))
    return FALSE;

  *value = (guint) number;
  return TRUE;
}

static void
start_element (GMarkupParseContext  *context,
               const char           *element,
               const char          **names,
               const char          **values,
               gpointer              user_data,
               GError              **error)
{
  ParseState *state = user_data;
  CkSimilarity *self = state->self;

  if (g_str_equal (element, "comparison"))
    {
      const char *version = NULL, *threshold = NULL, *results = NULL, *small_cell = NULL;

      if (!g_markup_collect_attributes (element, names, values, error,
                                        G_MARKUP_COLLECT_STRING, "version", &version,
                                        G_MARKUP_COLLECT_STRING, "threshold", &threshold,
                                        G_MARKUP_COLLECT_STRING, "results", &results,
                                        G_MARKUP_COLLECT_STRING, "small-cell", &small_cell,
                                        G_MARKUP_COLLECT_INVALID) ||
          !parse_number (threshold, 100, &self->threshold, error) ||
          !parse_number (results, 1000, &self->max_results, error) ||
          !parse_number (small_cell, 100, &self->small_cell, error))
        return;

      self->threshold *= 10;
      if (self->small_cell < 2 || self->max_results == 0)
        g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                     "small-cell must be at least 2 and results at least 1");
    }
  else if (g_str_equal (element, "attribute"))
    {
      const char *field = NULL, *weight = NULL;
      int index = -1;

      if (!g_markup_collect_attributes (element, names, values, error,
                                        G_MARKUP_COLLECT_STRING, "field", &field,
                                        G_MARKUP_COLLECT_STRING, "weight", &weight,
                                        G_MARKUP_COLLECT_INVALID))
        return;

      for (guint i = 0; i < CK_SIMILAR_N_ATTRIBUTES; i++)
        if (g_str_equal (attribute_fields[i], field))
          index = (int) i;

      if (index < 0 || state->seen[index])
        {
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                       "unknown or repeated attribute “%s”", field);
          return;
        }

      state->seen[index] = TRUE;
      parse_number (weight, 100, &self->weights[index], error);
    }
  else
    g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_UNKNOWN_ELEMENT,
                 "unexpected element <%s>", element);
}

/**
 * ck_similarity_new_from_bytes:
 *
 * Parses a comparison file. An attribute it leaves out weighs nothing.
 *
 * Returns: (transfer full): the weights, or %NULL with @error set
 */
CkSimilarity *
ck_similarity_new_from_bytes (GBytes  *xml,
                              GError **error)
{
  static const GMarkupParser parser = { start_element, NULL, NULL, NULL, NULL };
  g_autoptr(CkSimilarity) self = g_object_new (CK_TYPE_SIMILARITY, NULL);
  g_autoptr(GMarkupParseContext) context = NULL;
  ParseState state = { .self = self };
  gsize len;
  const char *data = g_bytes_get_data (xml, &len);

  if (!check_vocabulary (error))
    return NULL;

  context = g_markup_parse_context_new (&parser, G_MARKUP_PREFIX_ERROR_POSITION, &state, NULL);
  if (!g_markup_parse_context_parse (context, data, len, error) ||
      !g_markup_parse_context_end_parse (context, error))
    return NULL;

  if (self->small_cell == 0)
    {
      g_set_error (error, CK_ERROR, CK_ERROR_CORRUPT, "not a comparison file");
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * ck_similarity_get_default:
 *
 * The weights shipped with the application, loaded once.
 *
 * Returns: (transfer none): the weights
 */
CkSimilarity *
ck_similarity_get_default (void)
{
  static CkSimilarity *similarity;

  if (g_once_init_enter (&similarity))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      CkSimilarity *loaded;

      bytes = g_resources_lookup_data (RESOURCE_PREFIX "/data/comparable.xml",
                                       G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (bytes == NULL)
        g_error ("The built-in comparison weights are missing: %s", error->message);

      loaded = ck_similarity_new_from_bytes (bytes, &error);
      if (loaded == NULL)
        g_error ("The built-in comparison weights are invalid: %s", error->message);

      g_once_init_leave (&similarity, loaded);
    }

  return similarity;
}

guint
ck_similarity_get_weight (CkSimilarity       *self,
                          CkSimilarAttribute  attribute)
{
  g_return_val_if_fail (CK_IS_SIMILARITY (self) && attribute < CK_SIMILAR_N_ATTRIBUTES, 0);

  return self->weights[attribute];
}

/* Returns: the score (per mille) from which a case counts as comparable */
guint
ck_similarity_get_threshold (CkSimilarity *self)
{
  g_return_val_if_fail (CK_IS_SIMILARITY (self), 0);

  return self->threshold;
}

guint
ck_similarity_get_max_results (CkSimilarity *self)
{
  g_return_val_if_fail (CK_IS_SIMILARITY (self), 0);

  return self->max_results;
}

guint
ck_similarity_get_small_cell (CkSimilarity *self)
{
  g_return_val_if_fail (CK_IS_SIMILARITY (self), 0);

  return self->small_cell;
}

/* Returns: the name of the case field @attribute compares, for its label */
const char *
ck_similar_attribute_get_field (CkSimilarAttribute attribute)
{
  g_return_val_if_fail (attribute < CK_SIMILAR_N_ATTRIBUTES, NULL);

  return attribute_fields[attribute];
}

static guint
tristate_at (guint8 tristates,
             guint  index)
{
  return (tristates >> (2 * index)) & 3;
}

/* Whether the query records @attribute: only then does it count, for or
 * against. */
static gboolean
query_has (const CkSimilarProfile *query,
           CkSimilarAttribute      attribute)
{
  switch (attribute)
    {
    case CK_SIMILAR_GROUNDS:
      return query->grounds != 0;
    case CK_SIMILAR_MANIFESTATIONS:
      return query->manifestations != 0;
    case CK_SIMILAR_REPORTER_ROLE:
      return query->reporter_role != 0;
    case CK_SIMILAR_SUBJECT_ROLE:
      return query->subject_role != 0;
    case CK_SIMILAR_SUBJECT_IS_MANAGER:
      return tristate_at (query->tristates, 0) != CK_TRISTATE_UNKNOWN;
    case CK_SIMILAR_BYSTANDERS_PRESENT:
      return tristate_at (query->tristates, 1) != CK_TRISTATE_UNKNOWN;
    case CK_SIMILAR_BYSTANDERS_INTERVENED:
      return tristate_at (query->tristates, 2) != CK_TRISTATE_UNKNOWN;
    case CK_SIMILAR_CHANNEL:
      return query->channel != 0;
    case CK_SIMILAR_FINDING:
      return query->finding != 0;
    case CK_SIMILAR_N_ATTRIBUTES:
    default:
      g_assert_not_reached ();
    }
}

static guint
weight_total (CkSimilarity           *self,
              const CkSimilarProfile *query)
{
  guint total = 0;

  for (guint i = 0; i < CK_SIMILAR_N_ATTRIBUTES; i++)
    if (query_has (query, i))
      total += self->weights[i];

  return total;
}

/* What a code list adds: weight × SCALE × shared / all codes of both. */
static guint32
set_term (guint weight,
          guint shared,
          guint n_query,
          guint n_candidate)
{
  guint all = n_query + n_candidate - shared;

  return all > 0 ? (guint32) ((guint64) weight * SCALE * shared / all) : 0;
}

/* Returns: the bits (CkSimilarAttribute) of what the two have in common,
 * among what @query records */
guint32
ck_similar_shared_attributes (const CkSimilarProfile *query,
                              const CkSimilarProfile *candidate)
{
  guint32 shared = 0;

  if (query->grounds & candidate->grounds)
    shared |= 1 << CK_SIMILAR_GROUNDS;
  if (query->manifestations & candidate->manifestations)
    shared |= 1 << CK_SIMILAR_MANIFESTATIONS;
  if (query->reporter_role != 0 && query->reporter_role == candidate->reporter_role)
    shared |= 1 << CK_SIMILAR_REPORTER_ROLE;
  if (query->subject_role != 0 && query->subject_role == candidate->subject_role)
    shared |= 1 << CK_SIMILAR_SUBJECT_ROLE;
  for (guint i = 0; i < 3; i++)
    if (tristate_at (query->tristates, i) != CK_TRISTATE_UNKNOWN &&
        tristate_at (query->tristates, i) == tristate_at (candidate->tristates, i))
      shared |= 1 << (CK_SIMILAR_SUBJECT_IS_MANAGER + i);
  if (query->channel != 0 && query->channel == candidate->channel)
    shared |= 1 << CK_SIMILAR_CHANNEL;
  if (query->finding != 0 && query->finding == candidate->finding)
    shared |= 1 << CK_SIMILAR_FINDING;

  return shared;
}

/**
 * ck_similar_score:
 *
 * The definition of how comparable @candidate is to @query: over the
 * attributes @query records, the weighted share that @candidate has in
 * common, the code lists by their overlap (shared codes over all codes).
 *
 * Returns: per mille, 1000 for a case that matches on everything
 */
guint
ck_similar_score (CkSimilarity           *self,
                  const CkSimilarProfile *query,
                  const CkSimilarProfile *candidate)
{
  guint total = weight_total (self, query);
  guint32 shared = ck_similar_shared_attributes (query, candidate);
  guint64 sum = 0;

  if (total == 0)
    return 0;

  if (query->grounds != 0)
    sum += set_term (self->weights[CK_SIMILAR_GROUNDS],
                     __builtin_popcount (query->grounds & candidate->grounds),
                     query->n_grounds, candidate->n_grounds);
  if (query->manifestations != 0)
    sum += set_term (self->weights[CK_SIMILAR_MANIFESTATIONS],
                     __builtin_popcount (query->manifestations & candidate->manifestations),
                     query->n_manifestations, candidate->n_manifestations);

  for (guint i = CK_SIMILAR_REPORTER_ROLE; i < CK_SIMILAR_N_ATTRIBUTES; i++)
    if (shared & (1 << i))
      sum += (guint64) self->weights[i] * SCALE;

  return (guint) (sum / ((guint64) total * (SCALE / 1000)));
}

struct _CkSimilarScorer
{
  guint   divisor;                       /* 0: nothing to compare on */
  guint8  grounds_bits[32];              /* the query's bits, as positions */
  guint8  n_grounds_bits;
  guint8  manifestations_bits[32];
  guint8  n_manifestations_bits;
  guint32 grounds[33][33];               /* by shared codes, then the candidate's number */
  guint32 manifestations[33][33];
  guint32 reporter_role[256];
  guint32 subject_role[256];
  guint32 channel[256];
  guint32 finding[256];
  guint32 tristates[64];
};

static guint8
bit_positions (guint32  bits,
               guint8  *positions)
{
  guint8 n = 0;

  for (guint i = 0; i < 32; i++)
    if (bits & (1u << i))
      positions[n++] = (guint8) i;

  return n;
}

static void
fill_number_table (guint32 *table,
                   guint    weight,
                   guint8   value)
{
  if (value != 0)
    table[value] = weight * SCALE;
}

/**
 * ck_similar_scorer_new:
 *
 * Turns the weights into tables for @query, so that scoring one candidate
 * is a handful of lookups: the case index scores a million that way.
 *
 * Returns: (transfer full): the scorer
 */
CkSimilarScorer *
ck_similar_scorer_new (CkSimilarity           *similarity,
                       const CkSimilarProfile *query)
{
  CkSimilarScorer *self = g_new0 (CkSimilarScorer, 1);
  const guint *w = similarity->weights;

  self->divisor = weight_total (similarity, query) * (SCALE / 1000);
  self->n_grounds_bits = bit_positions (query->grounds, self->grounds_bits);
  self->n_manifestations_bits = bit_positions (query->manifestations, self->manifestations_bits);

  for (guint shared = 0; shared <= 32; shared++)
    for (guint n = 0; n <= 32; n++)
      {
        if (query->grounds != 0 && shared <= MIN (n, query->n_grounds))
          self->grounds[shared][n] = set_term (w[CK_SIMILAR_GROUNDS], shared, query->n_grounds, n);
        if (query->manifestations != 0 && shared <= MIN (n, query->n_manifestations))
          self->manifestations[shared][n] = set_term (w[CK_SIMILAR_MANIFESTATIONS], shared,
                                                      query->n_manifestations, n);
      }

  fill_number_table (self->reporter_role, w[CK_SIMILAR_REPORTER_ROLE], query->reporter_role);
  fill_number_table (self->subject_role, w[CK_SIMILAR_SUBJECT_ROLE], query->subject_role);
  fill_number_table (self->channel, w[CK_SIMILAR_CHANNEL], query->channel);
  fill_number_table (self->finding, w[CK_SIMILAR_FINDING], query->finding);

  for (guint t = 0; t < 64; t++)
    for (guint i = 0; i < 3; i++)
      if (tristate_at (query->tristates, i) != CK_TRISTATE_UNKNOWN &&
          tristate_at (query->tristates, i) == tristate_at (t, i))
        self->tristates[t] += w[CK_SIMILAR_SUBJECT_IS_MANAGER + i] * SCALE;

  return self;
}

void
ck_similar_scorer_free (CkSimilarScorer *self)
{
  g_free (self);
}

static inline guint
count_shared (const guint8 *positions,
              guint8        n,
              guint32       bits)
{
  guint shared = 0;

  for (guint8 i = 0; i < n; i++)
    shared += (bits >> positions[i]) & 1;

  return shared;
}

/**
 * ck_similar_scorer_score_raw:
 *
 * The score before it is divided into per mille: larger is more
 * comparable, and ck_similar_scorer_to_score() turns it into the score.
 * What the index compares, as it saves a division per candidate.
 */
guint32
ck_similar_scorer_score_raw (const CkSimilarScorer  *self,
                             const CkSimilarProfile *candidate)
{
  guint32 sum = self->reporter_role[candidate->reporter_role] +
                self->subject_role[candidate->subject_role] +
                self->channel[candidate->channel] +
                self->finding[candidate->finding] +
                self->tristates[candidate->tristates & 63];

  if (self->n_grounds_bits > 0)
    sum += self->grounds[count_shared (self->grounds_bits, self->n_grounds_bits, candidate->grounds)]
                        [MIN (candidate->n_grounds, 32)];
  if (self->n_manifestations_bits > 0)
    sum += self->manifestations[count_shared (self->manifestations_bits, self->n_manifestations_bits,
                                              candidate->manifestations)]
                               [MIN (candidate->n_manifestations, 32)];

  return sum;
}

guint
ck_similar_scorer_to_score (const CkSimilarScorer *self,
                            guint32                raw)
{
  return self->divisor > 0 ? raw / self->divisor : 0;
}

/* Returns: the smallest raw score with at least @score per mille */
guint32
ck_similar_scorer_raw_for (const CkSimilarScorer *self,
                           guint                  score)
{
  return self->divisor > 0 ? score * self->divisor : G_MAXUINT32;
}

guint
ck_similar_scorer_score (const CkSimilarScorer  *self,
                         const CkSimilarProfile *candidate)
{
  return ck_similar_scorer_to_score (self, ck_similar_scorer_score_raw (self, candidate));
}

CkSimilarResult *
ck_similar_result_new (void)
{
  CkSimilarResult *self = g_new0 (CkSimilarResult, 1);

  self->matches = g_ptr_array_new_with_free_func ((GDestroyNotify) ck_similar_match_free);
  self->proposed_level = -1;
  self->own.median_level = -2;
  self->national.median_level = -2;
  return self;
}

static void
clear_measure (gpointer data)
{
  g_clear_pointer (&((CkMeasure *) data)->code, g_free);
}

/* Returns: (transfer full): an empty match, for the case index to fill */
CkSimilarMatch *
ck_similar_match_new (CkSimilarSource source)
{
  CkSimilarMatch *self = g_new0 (CkSimilarMatch, 1);

  self->source = source;
  self->measures = g_array_new (FALSE, TRUE, sizeof (CkMeasure));
  g_array_set_clear_func (self->measures, clear_measure);
  self->sanction_level = -1;
  return self;
}

static CkSimilarMatch *
match_copy (const CkSimilarMatch *self)
{
  CkSimilarMatch *copy = ck_similar_match_new (self->source);

  copy->score = self->score;
  copy->case_id = self->case_id;
  copy->reference = g_strdup (self->reference);
  copy->year = self->year;
  copy->quarter = self->quarter;
  copy->finding = g_strdup (self->finding);
  for (guint i = 0; i < self->measures->len; i++)
    {
      const CkMeasure *m = &g_array_index (self->measures, CkMeasure, i);
      CkMeasure dup = { g_strdup (m->code), m->conditional };

      g_array_append_val (copy->measures, dup);
    }
  copy->sanction_level = self->sanction_level;
  copy->shared = self->shared;
  copy->shared_grounds = g_strdupv (self->shared_grounds);
  copy->shared_manifestations = g_strdupv (self->shared_manifestations);
  return copy;
}

void
ck_similar_match_free (CkSimilarMatch *self)
{
  if (self == NULL)
    return;

  g_free (self->reference);
  g_free (self->finding);
  g_clear_pointer (&self->measures, g_array_unref);
  g_strfreev (self->shared_grounds);
  g_strfreev (self->shared_manifestations);
  g_free (self);
}

CkSimilarResult *
ck_similar_result_copy (const CkSimilarResult *self)
{
  CkSimilarResult *copy = ck_similar_result_new ();
  GPtrArray *matches = copy->matches;

  *copy = *self;
  copy->matches = matches;
  for (guint i = 0; i < self->matches->len; i++)
    g_ptr_array_add (copy->matches, match_copy (self->matches->pdata[i]));

  return copy;
}

void
ck_similar_result_free (CkSimilarResult *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->matches, g_ptr_array_unref);
  g_free (self);
}

/* Returns: the sanction level of the middle case (the lower of the two
 * middle ones), or -1 when none had measures */
static int
median_level (const guint *levels,
              guint        n_levels)
{
  guint total = 0, seen = 0;

  for (guint i = 1; i < n_levels; i++)
    total += levels[i];
  if (total == 0)
    return -1;

  for (guint i = 1; i < n_levels; i++)
    {
      seen += levels[i];
      if (2 * seen >= total)
        return (int) i - 1;
    }

  return -1;
}

/**
 * ck_similar_counts_fill:
 * @findings: counts by finding position + 1, @n_findings long
 * @levels: counts by sanction level + 1, @n_levels long
 * @protect: whether these are other units' records: protect small cells
 *
 * Fills @counts from raw counts of comparable cases, for the case index.
 * The median is kept only where the counts behind it may be shown.
 */
void
ck_similar_counts_fill (CkSimilarCounts *counts,
                        const guint     *findings,
                        guint            n_findings,
                        const guint     *levels,
                        guint            n_levels,
                        guint            total,
                        guint            small_cell,
                        gboolean         protect)
{
  g_return_if_fail (n_findings <= CK_SIMILAR_MAX_FINDINGS && n_levels <= CK_SIMILAR_MAX_LEVELS);

  if (protect)
    {
      const guint *vectors[] = { findings, levels };
      const guint lengths[] = { n_findings, n_levels };
      CkCell *cells[] = { counts->findings, counts->levels };

      ck_small_cells_protect (small_cell, total, 2, vectors, lengths, cells, &counts->total);
      counts->median_level = total >= small_cell ? median_level (levels, n_levels) : -2;
      return;
    }

  counts->total = (CkCell) { CK_CELL_EXACT, total };
  for (guint i = 0; i < n_findings; i++)
    counts->findings[i] = (CkCell) { CK_CELL_EXACT, findings[i] };
  for (guint i = 0; i < n_levels; i++)
    counts->levels[i] = (CkCell) { CK_CELL_EXACT, levels[i] };
  counts->median_level = total > 0 ? median_level (levels, n_levels) : -2;
}

static char *
describe_code (const char *field_name,
               const char *code)
{
  const CkFieldInfo *field = ck_case_field_lookup (field_name);

  /* Translators: what two cases share, e.g. "Channel: VIK". */
  return g_strdup_printf (_("%s: %s"), ck_case_field_get_label (field),
                          ck_vocabulary_get_label (ck_vocabulary_get_default (), field->vocabulary, code));
}

static char *
describe_tristate (CkSimilarAttribute attribute,
                   CkTristate         value)
{
  gboolean yes = value == CK_TRISTATE_YES;

  switch (attribute)
    {
    case CK_SIMILAR_SUBJECT_IS_MANAGER:
      return g_strdup (yes ? _("the person concerned is the reporter’s manager")
                           : _("the person concerned is not the reporter’s manager"));
    case CK_SIMILAR_BYSTANDERS_PRESENT:
      return g_strdup (yes ? _("bystanders present") : _("no bystanders"));
    case CK_SIMILAR_BYSTANDERS_INTERVENED:
      return g_strdup (yes ? _("bystanders intervened") : _("bystanders did not intervene"));
    case CK_SIMILAR_GROUNDS:
    case CK_SIMILAR_MANIFESTATIONS:
    case CK_SIMILAR_REPORTER_ROLE:
    case CK_SIMILAR_SUBJECT_ROLE:
    case CK_SIMILAR_CHANNEL:
    case CK_SIMILAR_FINDING:
    case CK_SIMILAR_N_ATTRIBUTES:
    default:
      g_assert_not_reached ();
    }
}

/**
 * ck_similar_describe_shared:
 * @query: the case that was compared
 *
 * Says why @match is comparable to @query, in the user's language: one
 * text per attribute they have in common, with its value ("Grounds:
 * Origin, race or skin colour", "bystanders did not intervene").
 *
 * Returns: (transfer full): the texts, most weighty first
 */
GStrv
ck_similar_describe_shared (const CkSimilarMatch *match,
                            const CkCase         *query)
{
  CkVocabulary *vocabulary = ck_vocabulary_get_default ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const CkTristate tristates[] = { query->subject_is_manager, query->bystanders_present,
                                   query->bystanders_intervened };

  for (guint a = 0; a < CK_SIMILAR_N_ATTRIBUTES; a++)
    {
      g_autofree char *text = NULL;
      g_autofree char *labels = NULL;

      if (!(match->shared & (1 << a)))
        continue;

      switch ((CkSimilarAttribute) a)
        {
        case CK_SIMILAR_GROUNDS:
          labels = ck_vocabulary_join_labels (vocabulary, CK_VOCAB_GROUNDS, (const char * const *) match->shared_grounds);
          text = g_strdup_printf (_("%s: %s"), ck_case_field_get_label (ck_case_field_lookup ("grounds")), labels);
          break;
        case CK_SIMILAR_MANIFESTATIONS:
          labels = ck_vocabulary_join_labels (vocabulary, CK_VOCAB_MANIFESTATIONS,
                                              (const char * const *) match->shared_manifestations);
          text = g_strdup_printf (_("%s: %s"), ck_case_field_get_label (ck_case_field_lookup ("manifestations")),
                                  labels);
          break;
        case CK_SIMILAR_REPORTER_ROLE:
          text = describe_code ("reporter_role", query->reporter_role);
          break;
        case CK_SIMILAR_SUBJECT_ROLE:
          text = describe_code ("subject_role", query->subject_role);
          break;
        case CK_SIMILAR_CHANNEL:
          text = describe_code ("channel", query->channel);
          break;
        case CK_SIMILAR_FINDING:
          text = describe_code ("finding", query->finding);
          break;
        case CK_SIMILAR_SUBJECT_IS_MANAGER:
        case CK_SIMILAR_BYSTANDERS_PRESENT:
        case CK_SIMILAR_BYSTANDERS_INTERVENED:
          text = describe_tristate (a, tristates[a - CK_SIMILAR_SUBJECT_IS_MANAGER]);
          break;
        case CK_SIMILAR_N_ATTRIBUTES:
        default:
          g_assert_not_reached ();
        }

      g_strv_builder_add (builder, text);
    }

  return g_strv_builder_end (builder);
}

/**
 * ck_similar_find:
 * @kase: the case to compare, as it is now (it need not be stored)
 * @limit: how many comparable cases to list; 0 for the comparison's own
 *
 * Finds the closed cases of the register and the anonymised records of
 * other units most comparable to @kase, and how all comparable ones ended.
 * Brings the case index up to date first, which reads the whole register
 * the first time: call it from a worker thread.
 *
 * Returns: (transfer full): the result, or %NULL with @error
 */
CkSimilarResult *
ck_similar_find (CkRegister    *reg,
                 const CkCase  *kase,
                 guint          limit,
                 GCancellable  *cancellable,
                 GError       **error)
{
  CkSimilarity *similarity = ck_similarity_get_default ();
  CkCaseIndex *index;

  g_return_val_if_fail (CK_IS_REGISTER (reg), NULL);
  g_return_val_if_fail (kase != NULL, NULL);

  index = ck_case_index_get_for_register (reg);
  if (!ck_case_index_update (index, cancellable, error))
    return NULL;

  return ck_case_index_find_similar (index, similarity, kase,
                                     limit > 0 ? limit : ck_similarity_get_max_results (similarity));
}

typedef struct
{
  CkCase *kase;
  guint   limit;
} FindData;

static void
find_data_free (FindData *data)
{
  ck_case_free (data->kase);
  g_free (data);
}

static void
find_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  FindData *data = task_data;
  g_autoptr(GError) error = NULL;
  CkSimilarResult *result;

  result = ck_similar_find (source_object, data->kase, data->limit, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, (GDestroyNotify) ck_similar_result_free);
}

void
ck_similar_find_async (CkRegister          *reg,
                       const CkCase        *kase,
                       guint                limit,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FindData *data;

  g_return_if_fail (CK_IS_REGISTER (reg));
  g_return_if_fail (kase != NULL);

  data = g_new0 (FindData, 1);
  data->kase = ck_case_copy (kase);
  data->limit = limit;

  task = g_task_new (reg, cancellable, callback, user_data);
  g_task_set_source_tag (task, ck_similar_find_async);
  g_task_set_task_data (task, data, (GDestroyNotify) find_data_free);
  g_task_run_in_thread (task, find_thread);
}

CkSimilarResult *
ck_similar_find_finish (CkRegister    *reg,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, reg), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
