/* ck-meeting-facts.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ck-case.h"
#include "ck-date.h"
#include "ck-meeting-facts.h"
#include "ck-vocabulary.h"

G_DEFINE_BOXED_TYPE (CkMeetingFacts, ck_meeting_facts, ck_meeting_facts_copy, ck_meeting_facts_free)

static CkMeetingFacts *
facts_new (void)
{
  CkMeetingFacts *self = g_new0 (CkMeetingFacts, 1);

  self->days_open = -1;
  self->days_to_triage = -1;
  self->days_since_feedback = -1;
  return self;
}

static char **
measure_codes (GArray *measures)
{
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();

  for (guint i = 0; i < measures->len; i++)
    {
      const CkMeasure *measure = &g_array_index (measures, CkMeasure, i);
      g_autofree char *code = g_strconcat (measure->code, measure->conditional ? ":conditional" : NULL, NULL);

      g_strv_builder_add (codes, code);
    }

  return g_strv_builder_end (codes);
}

/**
 * ck_meeting_facts_new_from_case:
 * @kase: a case loaded without its confidential fields
 * @as_of: the day lead times of open cases run to
 *
 * Copies what a group may see of @kase, field by field. A case loaded
 * with its confidential fields is refused: what feeds the meeting screen
 * never held them.
 *
 * Returns: (transfer full) (nullable): the facts, or %NULL when @kase
 *   holds confidential fields
 */
CkMeetingFacts *
ck_meeting_facts_new_from_case (const CkCase *kase,
                             const GDate  *as_of)
{
  CkMeetingFacts *self;

  g_return_val_if_fail (kase != NULL, NULL);
  g_return_val_if_fail (!kase->has_confidential, NULL);

  self = facts_new ();
  self->kind = g_strdup (kase->kind);
  self->channel = g_strdup (kase->channel);
  self->grounds = g_strdupv (kase->grounds);
  self->manifestations = g_strdupv (kase->manifestations);
  self->team = g_strdup (kase->team);
  self->reporter_role = g_strdup (kase->reporter_role);
  self->subject_role = g_strdup (kase->subject_role);
  self->subject_is_manager = kase->subject_is_manager;
  self->bystanders_present = kase->bystanders_present;
  self->bystanders_intervened = kase->bystanders_intervened;
  if (ck_date_is_set (&kase->report_date))
    {
      self->year = g_date_get_year (&kase->report_date);
      self->quarter = ck_date_get_quarter (&kase->report_date);
    }
  self->days_open = ck_case_get_days_open (kase, as_of);
  if (ck_date_is_set (&kase->report_date) && ck_date_is_set (&kase->triage_date))
    self->days_to_triage = MAX (0, ck_date_days_between (&kase->report_date, &kase->triage_date));
  if (ck_date_is_set (&kase->last_feedback_date))
    self->days_since_feedback = MAX (0, ck_date_days_between (&kase->last_feedback_date, as_of));
  self->triage_route = g_strdup (kase->triage_route);
  self->lc_consulted = kase->lc_consulted;
  self->sensitive = kase->sensitive;
  self->finding = g_strdup (kase->finding);
  self->measures = measure_codes (kase->measures);
  self->restoration_offered = kase->restoration_offered;
  self->restoration_accepted = kase->restoration_accepted;
  self->restoration_completed = kase->restoration_completed;
  self->reporter_left = kase->reporter_left;
  self->status = g_strdup (kase->status);
  return self;
}

CkMeetingFacts *
ck_meeting_facts_copy (const CkMeetingFacts *self)
{
  CkMeetingFacts *copy = g_memdup2 (self, sizeof *self);

  copy->kind = g_strdup (self->kind);
  copy->channel = g_strdup (self->channel);
  copy->grounds = g_strdupv (self->grounds);
  copy->manifestations = g_strdupv (self->manifestations);
  copy->team = g_strdup (self->team);
  copy->reporter_role = g_strdup (self->reporter_role);
  copy->subject_role = g_strdup (self->subject_role);
  copy->triage_route = g_strdup (self->triage_route);
  copy->finding = g_strdup (self->finding);
  copy->measures = g_strdupv (self->measures);
  copy->status = g_strdup (self->status);
  return copy;
}

void
ck_meeting_facts_free (CkMeetingFacts *self)
{
  if (self == NULL)
    return;

  g_free (self->kind);
  g_free (self->channel);
  g_strfreev (self->grounds);
  g_strfreev (self->manifestations);
  g_free (self->team);
  g_free (self->reporter_role);
  g_free (self->subject_role);
  g_free (self->triage_route);
  g_free (self->finding);
  g_strfreev (self->measures);
  g_free (self->status);
  g_free (self);
}

static const char *
label_of (const char *list,
          const char *code)
{
  return ck_vocabulary_get_label (ck_vocabulary_get_default (), list, code);
}

/* Returns: (transfer full): what the case is, in two lines: "Complaint ·
 * Q3 2024 · External · team B01" and its grounds and manifestations */
char *
ck_meeting_facts_dup_summary (const CkMeetingFacts *self)
{
  CkVocabulary *vocabulary = ck_vocabulary_get_default ();
  g_autofree char *grounds = ck_vocabulary_join_labels (vocabulary, CK_VOCAB_GROUNDS,
                                                        (const char * const *) self->grounds);
  g_autofree char *manifestations = ck_vocabulary_join_labels (vocabulary, CK_VOCAB_MANIFESTATIONS,
                                                               (const char * const *) self->manifestations);
  GString *summary = g_string_new (label_of (CK_VOCAB_KINDS, self->kind));

  if (self->year > 0)
    {
      g_string_append (summary, " · ");
      /* Translators: the quarter a case was reported in: "Q1 2025". */
      g_string_append_printf (summary, _("Q%2$d %1$d"), self->year, self->quarter);
    }
  if (self->channel != NULL)
    g_string_append_printf (summary, " · %s", label_of (CK_VOCAB_CHANNELS, self->channel));
  if (self->team != NULL)
    /* Translators: a case's team, in the summary of a case. */
    g_string_append_printf (summary, _(" · team %s"), self->team);
  g_string_append_printf (summary, "\n%s · %s", grounds, manifestations);

  return g_string_free (summary, FALSE);
}

static void
add_row (GPtrArray  *rows,
         const char *label,
         char       *value)
{
  CkFactRow *row = g_new0 (CkFactRow, 1);

  row->label = g_strdup (label);
  row->value = value;
  g_ptr_array_add (rows, row);
}

static char *
describe_bystanders (const CkMeetingFacts *self)
{
  if (self->bystanders_present == CK_TRISTATE_NO)
    return g_strdup (_("None"));
  if (self->bystanders_intervened == CK_TRISTATE_YES)
    return g_strdup (_("Present, and intervened"));
  if (self->bystanders_intervened == CK_TRISTATE_NO)
    return g_strdup (_("Present, did not intervene"));
  return g_strdup (_("Present"));
}

static char *
describe_subject (const CkMeetingFacts *self)
{
  const char *role = label_of (CK_VOCAB_SUBJECT_ROLES, self->subject_role);

  if (self->subject_is_manager != CK_TRISTATE_YES)
    return g_strdup (role);
  if (g_strcmp0 (self->subject_role, "leidinggevende") == 0)
    return g_strdup (_("The reporter’s own manager"));
  /* Translators: the role of the person concerned, who is also the
   * reporter's manager: "Colleague, and the reporter's manager". */
  return g_strdup_printf (_("%s, and the reporter’s manager"), role);
}

static char *
describe_measures (const CkMeetingFacts *self)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; self->measures[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (self->measures[i], ":", 2);

      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, label_of (CK_VOCAB_MEASURES, parts[0]));
      if (parts[1] != NULL)
        g_string_append (text, _(" (conditional)"));
    }

  return g_string_free (text, FALSE);
}

static char *
describe_restoration (const CkMeetingFacts *self)
{
  if (self->restoration_completed == CK_TRISTATE_YES)
    return g_strdup (_("Offered, accepted and completed"));
  if (self->restoration_accepted == CK_TRISTATE_YES)
    return g_strdup (_("Offered and accepted"));
  if (self->restoration_accepted == CK_TRISTATE_NO)
    return g_strdup (_("Offered, not accepted"));
  if (self->restoration_offered == CK_TRISTATE_YES)
    return g_strdup (_("Offered"));
  return g_strdup (_("Not offered"));
}

static char *
describe_status (const CkMeetingFacts *self)
{
  const char *status = label_of (CK_VOCAB_STATUSES, self->status);
  gboolean closed = g_strcmp0 (self->status, "afgedaan") == 0 || g_strcmp0 (self->status, "gesloten") == 0;

  if (self->days_open < 0)
    return g_strdup (status);
  if (closed)
    /* Translators: "Disposed, after 87 days". */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, after %d day", "%s, after %d days", self->days_open),
                            status, self->days_open);
  /* Translators: "Being handled, open for 134 days". */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, open for %d day", "%s, open for %d days", self->days_open),
                          status, self->days_open);
}

static const char *
yes_no (CkTristate value)
{
  switch (value)
    {
    case CK_TRISTATE_YES:
      return _("Yes");
    case CK_TRISTATE_NO:
      return _("No");
    case CK_TRISTATE_UNKNOWN:
    default:
      return _("Not known");
    }
}

/**
 * ck_meeting_facts_get_rows:
 * @details_only: leave out what ck_meeting_facts_dup_summary() says
 *
 * The facts as lines of label and value in the user's language, leaving
 * out what was not recorded.
 *
 * Returns: (transfer full) (element-type CkFactRow)
 */
GPtrArray *
ck_meeting_facts_get_rows (const CkMeetingFacts *self,
                        gboolean           details_only)
{
  CkVocabulary *vocabulary = ck_vocabulary_get_default ();
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) ck_fact_row_free);

  if (!details_only)
    {
      add_row (rows, _("Kind"), g_strdup (label_of (CK_VOCAB_KINDS, self->kind)));
      if (self->year > 0)
        /* Translators: the quarter a case was reported in: "Q1 2025". */
        add_row (rows, _("Reported"), g_strdup_printf (_("Q%2$d %1$d"), self->year, self->quarter));
      add_row (rows, _("Grounds"), ck_vocabulary_join_labels (vocabulary, CK_VOCAB_GROUNDS,
                                                               (const char * const *) self->grounds));
      add_row (rows, _("Manifestations"), ck_vocabulary_join_labels (vocabulary, CK_VOCAB_MANIFESTATIONS,
                                                                      (const char * const *) self->manifestations));
      if (self->channel != NULL)
        add_row (rows, _("Channel"), g_strdup (label_of (CK_VOCAB_CHANNELS, self->channel)));
      if (self->team != NULL)
        add_row (rows, _("Team"), g_strdup (self->team));
    }
  if (self->reporter_role != NULL)
    add_row (rows, _("Reporter"), g_strdup (label_of (CK_VOCAB_REPORTER_ROLES, self->reporter_role)));
  if (self->subject_role != NULL)
    add_row (rows, _("Person concerned"), describe_subject (self));
  if (self->bystanders_present != CK_TRISTATE_UNKNOWN)
    add_row (rows, _("Bystanders"), describe_bystanders (self));
  if (self->days_to_triage >= 0)
    /* Translators: "Disciplinary investigation, after 12 days". */
    add_row (rows, _("Triage"), g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, after %d day", "%s, after %d days",
                                                              self->days_to_triage),
                                                 self->triage_route != NULL
                                                 ? label_of (CK_VOCAB_ROUTES, self->triage_route)
                                                 : _("Route not recorded"),
                                                 self->days_to_triage));
  else
    add_row (rows, _("Triage"), g_strdup (_("Not in triage")));
  if (self->days_since_feedback >= 0)
    add_row (rows, _("Reporter informed"),
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", self->days_since_feedback),
                              self->days_since_feedback));
  else if (g_strcmp0 (self->reporter_role, "anoniem") != 0)
    add_row (rows, _("Reporter informed"), g_strdup (_("Never")));
  if (self->sensitive)
    add_row (rows, _("Complex or media-sensitive"),
             /* Translators: LC is the national coordinator (Landelijk Coördinator). */
             g_strdup (self->lc_consulted ? _("Yes; LC consulted") : _("Yes; LC not consulted")));
  if (self->finding != NULL)
    add_row (rows, _("Finding"), g_strdup (label_of (CK_VOCAB_FINDINGS, self->finding)));
  if (self->measures[0] != NULL)
    add_row (rows, _("Measures"), describe_measures (self));
  add_row (rows, _("Restoration"), describe_restoration (self));
  if (self->reporter_left != CK_TRISTATE_UNKNOWN)
    add_row (rows, _("Reporter left"), g_strdup (yes_no (self->reporter_left)));
  add_row (rows, _("Status"), describe_status (self));

  return rows;
}

void
ck_fact_row_free (CkFactRow *row)
{
  if (row == NULL)
    return;

  g_free (row->label);
  g_free (row->value);
  g_free (row);
}
