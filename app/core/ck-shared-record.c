/* ck-shared-record.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ck-case.h"
#include "ck-shared-record.h"
#include "ck-vocabulary.h"

G_DEFINE_BOXED_TYPE (CkSharedRecord, ck_shared_record, ck_shared_record_copy, ck_shared_record_free)

static void
clear_measure (gpointer data)
{
  g_clear_pointer (&((CkMeasure *) data)->code, g_free);
}

CkSharedRecord *
ck_shared_record_new (void)
{
  CkSharedRecord *self = g_new0 (CkSharedRecord, 1);

  self->grounds = g_new0 (char *, 1);
  self->manifestations = g_new0 (char *, 1);
  self->measures = g_array_new (FALSE, TRUE, sizeof (CkMeasure));
  g_array_set_clear_func (self->measures, clear_measure);
  self->days_to_triage = -1;
  self->days_to_feedback = -1;
  self->days_to_disposal = -1;

  return self;
}

CkSharedRecord *
ck_shared_record_copy (const CkSharedRecord *self)
{
  CkSharedRecord *copy = ck_shared_record_new ();

  copy->id = g_strdup (self->id);
  copy->unit = g_strdup (self->unit);
  copy->replica = g_strdup (self->replica);
  copy->rev = self->rev;
  copy->retracted = self->retracted;
  copy->year = self->year;
  copy->quarter = self->quarter;
  copy->team = g_strdup (self->team);
  copy->kind = g_strdup (self->kind);
  copy->channel = g_strdup (self->channel);
  g_strfreev (copy->grounds);
  copy->grounds = g_strdupv (self->grounds);
  g_strfreev (copy->manifestations);
  copy->manifestations = g_strdupv (self->manifestations);
  copy->reporter_role = g_strdup (self->reporter_role);
  copy->subject_role = g_strdup (self->subject_role);
  copy->subject_is_manager = self->subject_is_manager;
  copy->bystanders_present = self->bystanders_present;
  copy->bystanders_intervened = self->bystanders_intervened;
  copy->triage_route = g_strdup (self->triage_route);
  copy->lc_consulted = self->lc_consulted;
  copy->sensitive = self->sensitive;
  copy->finding = g_strdup (self->finding);
  for (guint i = 0; i < self->measures->len; i++)
    {
      const CkMeasure *m = &g_array_index (self->measures, CkMeasure, i);
      CkMeasure dup = { g_strdup (m->code), m->conditional };

      g_array_append_val (copy->measures, dup);
    }
  copy->restoration_offered = self->restoration_offered;
  copy->restoration_accepted = self->restoration_accepted;
  copy->restoration_completed = self->restoration_completed;
  copy->reporter_left = self->reporter_left;
  copy->status = g_strdup (self->status);
  copy->days_to_triage = self->days_to_triage;
  copy->days_to_feedback = self->days_to_feedback;
  copy->days_to_disposal = self->days_to_disposal;

  return copy;
}

void
ck_shared_record_free (CkSharedRecord *self)
{
  if (self == NULL)
    return;

  g_free (self->id);
  g_free (self->unit);
  g_free (self->replica);
  g_free (self->team);
  g_free (self->kind);
  g_free (self->channel);
  g_strfreev (self->grounds);
  g_strfreev (self->manifestations);
  g_free (self->reporter_role);
  g_free (self->subject_role);
  g_free (self->triage_route);
  g_free (self->finding);
  g_clear_pointer (&self->measures, g_array_unref);
  g_free (self->status);
  g_free (self);
}

/* Returns: (transfer full): "2025Q1", or "2025" for a record widened to
 * its year */
char *
ck_shared_record_get_period (const CkSharedRecord *self)
{
  if (self->quarter == 0)
    return g_strdup_printf ("%04d", self->year);

  return g_strdup_printf ("%04dQ%d", self->year, self->quarter);
}

/* Returns: the highest ordinal severity among the measures, -1 for none;
 * the same scale as ck_case_get_sanction_level() */
int
ck_shared_record_get_sanction_level (const CkSharedRecord *self)
{
  CkVocabulary *vocabulary = ck_vocabulary_get_default ();
  int level = -1;

  for (guint i = 0; i < self->measures->len; i++)
    {
      const CkTerm *term = ck_vocabulary_lookup (vocabulary, CK_VOCAB_MEASURES,
                                                 g_array_index (self->measures, CkMeasure, i).code);

      if (term != NULL)
        level = MAX (level, term->severity);
    }

  return level;
}
