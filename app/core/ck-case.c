/* ck-case.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sodium.h>

#include "ck-case.h"
#include "ck-case-fields.h"
#include "ck-date.h"
#include "ck-vocabulary.h"

G_DEFINE_BOXED_TYPE (CkCase, ck_case, ck_case_copy, ck_case_free)

static void
clear_measure (gpointer data)
{
  CkMeasure *measure = data;

  g_clear_pointer (&measure->code, g_free);
}

static GArray *
new_measures (void)
{
  GArray *measures = g_array_new (FALSE, TRUE, sizeof (CkMeasure));

  g_array_set_clear_func (measures, clear_measure);
  return measures;
}

CkCase *
ck_case_new (void)
{
  CkCase *self = g_new0 (CkCase, 1);

  g_date_clear (&self->incident_date, 1);
  g_date_clear (&self->report_date, 1);
  g_date_clear (&self->triage_date, 1);
  g_date_clear (&self->disposal_date, 1);
  g_date_clear (&self->last_feedback_date, 1);
  g_date_clear (&self->acknowledged_date, 1);
  g_date_clear (&self->outcome_informed_date, 1);
  g_date_clear (&self->personal_data_erased_on, 1);
  self->grounds = g_new0 (char *, 1);
  self->manifestations = g_new0 (char *, 1);
  self->measures = new_measures ();

  return self;
}

/* Copies every field through the field table so that a field added there
 * can never be forgotten here. */
CkCase *
ck_case_copy (const CkCase *self)
{
  CkCase *copy;
  const CkFieldInfo *fields;
  guint n_fields;

  g_return_val_if_fail (self != NULL, NULL);

  copy = ck_case_new ();
  copy->id = self->id;
  copy->uid = g_strdup (self->uid);
  copy->created_at = self->created_at;
  copy->updated_at = self->updated_at;
  copy->personal_data_erased_on = self->personal_data_erased_on;
  copy->has_confidential = self->has_confidential;

  fields = ck_case_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    ck_case_field_copy (&fields[i], self, copy);

  return copy;
}

void
ck_case_clear_confidential (CkCase *self)
{
  const CkFieldInfo *fields;
  guint n_fields;

  fields = ck_case_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (fields[i].confidential)
      {
        char **slot = G_STRUCT_MEMBER_P (self, fields[i].offset);

        if (*slot != NULL)
          sodium_memzero (*slot, strlen (*slot));
        g_clear_pointer (slot, g_free);
      }

  self->has_confidential = FALSE;
}

void
ck_case_free (CkCase *self)
{
  if (self == NULL)
    return;

  ck_case_clear_confidential (self);
  g_free (self->uid);
  g_free (self->reference);
  g_free (self->unit);
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

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static void
normalize_codes (char ***codes)
{
  g_autoptr(GPtrArray) unique = g_ptr_array_new ();
  g_auto(GStrv) old = *codes;

  for (guint i = 0; old != NULL && old[i] != NULL; i++)
    if (*old[i] != '\0' && !g_ptr_array_find_with_equal_func (unique, old[i], g_str_equal, NULL))
      g_ptr_array_add (unique, g_strdup (old[i]));

  g_ptr_array_sort (unique, compare_strings);
  g_ptr_array_add (unique, NULL);
  *codes = (char **) g_ptr_array_steal (unique, NULL);
}

static int
compare_measures (gconstpointer a,
                  gconstpointer b)
{
  return strcmp (((const CkMeasure *) a)->code, ((const CkMeasure *) b)->code);
}

/* Sorts the code lists and drops duplicates and empty codes, so that two
 * cases with the same content compare equal field by field. */
void
ck_case_normalize (CkCase *self)
{
  g_return_if_fail (self != NULL);

  normalize_codes (&self->grounds);
  normalize_codes (&self->manifestations);

  g_array_sort (self->measures, compare_measures);
  for (guint i = 1; i < self->measures->len;)
    {
      CkMeasure *prev = &g_array_index (self->measures, CkMeasure, i - 1);
      CkMeasure *cur = &g_array_index (self->measures, CkMeasure, i);

      if (g_str_equal (prev->code, cur->code))
        {
          prev->conditional = prev->conditional && cur->conditional;
          g_array_remove_index (self->measures, i);
        }
      else
        i++;
    }
}

void
ck_case_add_measure (CkCase     *self,
                     const char *code,
                     gboolean    conditional)
{
  CkMeasure measure = { g_strdup (code), conditional };

  g_return_if_fail (self != NULL);
  g_return_if_fail (code != NULL);

  g_array_append_val (self->measures, measure);
}

/* Returns: the highest ordinal severity among the case's measures (a
 * conditional measure counts at its own level), or -1 when none is
 * recorded. */
int
ck_case_get_sanction_level (const CkCase *self)
{
  CkVocabulary *vocabulary = ck_vocabulary_get_default ();
  int level = -1;

  g_return_val_if_fail (self != NULL, -1);

  for (guint i = 0; i < self->measures->len; i++)
    {
      const CkMeasure *measure = &g_array_index (self->measures, CkMeasure, i);
      const CkTerm *term = ck_vocabulary_lookup (vocabulary, CK_VOCAB_MEASURES, measure->code);

      if (term != NULL)
        level = MAX (level, term->severity);
    }

  return level;
}

gboolean
ck_case_is_closed (const CkCase *self)
{
  return g_strcmp0 (self->status, "afgedaan") == 0 ||
         g_strcmp0 (self->status, "gesloten") == 0;
}

/* Returns: days from the report (or incident) date to the disposal date, or
 * to @today while the case has no disposal date; -1 without any date. */
int
ck_case_get_days_open (const CkCase *self,
                       const GDate  *today)
{
  const GDate *start;
  const GDate *end;

  start = ck_date_is_set (&self->report_date) ? &self->report_date : &self->incident_date;
  end = ck_date_is_set (&self->disposal_date) ? &self->disposal_date : today;

  if (!ck_date_is_set (start) || !ck_date_is_set (end))
    return -1;

  return MAX (0, ck_date_days_between (start, end));
}
