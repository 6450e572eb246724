/* ck-anonymiser.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ck-anonymiser.h"
#include "ck-case.h"
#include "ck-date.h"

/* The same cap the importer applies. */
#define MAX_DAYS 36500

static int
lead_time (const GDate *from,
           const GDate *to)
{
  int days;

  if (!ck_date_is_set (from) || !ck_date_is_set (to))
    return -1;

  days = ck_date_days_between (from, to);
  return CLAMP (days, 0, MAX_DAYS);
}

/**
 * ck_anonymise_case:
 * @kase: a stored case with a report date
 *
 * Returns: (transfer full): the case's shared record, not yet generalised
 */
CkSharedRecord *
ck_anonymise_case (const CkCase *kase,
                   const char   *shared_id,
                   const char   *replica,
                   guint         rev)
{
  CkSharedRecord *record = ck_shared_record_new ();

  record->id = g_strdup (shared_id);
  record->unit = g_strdup (kase->unit);
  record->replica = g_strdup (replica);
  record->rev = rev;

  record->year = g_date_get_year (&kase->report_date);
  record->quarter = ck_date_get_quarter (&kase->report_date);
  record->team = g_strdup (kase->team);
  record->kind = g_strdup (kase->kind);
  record->channel = g_strdup (kase->channel);
  g_strfreev (record->grounds);
  record->grounds = g_strdupv (kase->grounds);
  g_strfreev (record->manifestations);
  record->manifestations = g_strdupv (kase->manifestations);
  record->reporter_role = g_strdup (kase->reporter_role);
  record->subject_role = g_strdup (kase->subject_role);
  record->subject_is_manager = kase->subject_is_manager;
  record->bystanders_present = kase->bystanders_present;
  record->bystanders_intervened = kase->bystanders_intervened;
  record->triage_route = g_strdup (kase->triage_route);
  record->lc_consulted = kase->lc_consulted;
  record->sensitive = kase->sensitive;
  record->finding = g_strdup (kase->finding);
  for (guint i = 0; i < kase->measures->len; i++)
    {
      const CkMeasure *m = &g_array_index (kase->measures, CkMeasure, i);
      CkMeasure copy = { g_strdup (m->code), m->conditional };

      g_array_append_val (record->measures, copy);
    }
  record->restoration_offered = kase->restoration_offered;
  record->restoration_accepted = kase->restoration_accepted;
  record->restoration_completed = kase->restoration_completed;
  record->reporter_left = kase->reporter_left;
  record->status = g_strdup (kase->status);
  record->days_to_triage = lead_time (&kase->report_date, &kase->triage_date);
  record->days_to_feedback = lead_time (&kase->report_date, &kase->last_feedback_date);
  record->days_to_disposal = lead_time (&kase->report_date, &kase->disposal_date);

  return record;
}

/* Applies the level ck_k_anonymity_apply() chose for the record. */
void
ck_anonymiser_generalise (CkSharedRecord    *record,
                          CkGeneraliseLevel  level)
{
  if (level >= CK_GENERALISE_TEAM)
    g_clear_pointer (&record->team, g_free);
  if (level >= CK_GENERALISE_YEAR)
    record->quarter = 0;
}
