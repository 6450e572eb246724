/* ck-case-validate.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ck-case.h"
#include "ck-case-fields.h"
#include "ck-case-validate.h"
#include "ck-date.h"
#include "ck-error.h"
#include "ck-vocabulary.h"

#define MAX_SECRET_LENGTH (64 * 1024)

static void
add_error (GPtrArray  *errors,
           const char *field,
           const char *message)
{
  GError *error = NULL;

  ck_set_field_error (&error, field, "%s", message);
  g_ptr_array_add (errors, error);
}

static gboolean
has_error_for (GPtrArray  *errors,
               const char *field)
{
  for (guint i = 0; i < errors->len; i++)
    if (g_strcmp0 (ck_error_get_field (errors->pdata[i]), field) == 0)
      return TRUE;

  return FALSE;
}

static void
check_code (GPtrArray         *errors,
            CkVocabulary      *vocabulary,
            const CkFieldInfo *field,
            const char        *code)
{
  g_autofree char *message = NULL;

  if (code == NULL || ck_vocabulary_lookup (vocabulary, field->vocabulary, code) != NULL)
    return;

  /* Translators: the first %s is a code such as "herkomst", the second the
   * name of a field such as "Grounds". */
  message = g_strdup_printf (_("“%s” is not a known code for %s"),
                             code, ck_case_field_get_label (field));
  add_error (errors, field->name, message);
}

static void
check_codes (GPtrArray    *errors,
             const CkCase *self,
             CkVocabulary *vocabulary)
{
  const CkFieldInfo *fields;
  guint n_fields;

  fields = ck_case_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const CkFieldInfo *field = &fields[i];
      gconstpointer p = G_STRUCT_MEMBER_P (self, field->offset);

      switch (field->type)
        {
        case CK_FIELD_CODE:
          check_code (errors, vocabulary, field, *(char * const *) p);
          break;

        case CK_FIELD_CODES:
          for (char * const *c = *(char ** const *) p; c != NULL && *c != NULL; c++)
            check_code (errors, vocabulary, field, *c);
          break;

        case CK_FIELD_MEASURES:
          for (guint j = 0; j < self->measures->len; j++)
            check_code (errors, vocabulary, field,
                        g_array_index (self->measures, CkMeasure, j).code);
          break;

        case CK_FIELD_TEXT:
          if (field->confidential)
            {
              const char *text = *(char * const *) p;

              if (text != NULL && (!g_utf8_validate (text, -1, NULL) || strlen (text) > MAX_SECRET_LENGTH))
                add_error (errors, field->name, _("This text is too long or not valid text"));
            }
          break;

        case CK_FIELD_DATE:
        case CK_FIELD_BOOL:
        case CK_FIELD_TRISTATE:
        default:
          break;
        }
    }
}

/* Team codes are short codes, never names: a name here would travel with
 * the anonymised records. */
static gboolean
is_valid_team (const char *team)
{
  gsize len = strlen (team);

  if (len == 0 || len > 12)
    return FALSE;

  for (const char *p = team; *p; p++)
    if (!g_ascii_isupper (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;

  return TRUE;
}

static void
check_not_before (GPtrArray   *errors,
                  const char  *field,
                  const GDate *date,
                  const GDate *earliest,
                  const char  *message)
{
  if (ck_date_is_set (date) && ck_date_is_set (earliest) &&
      g_date_compare (date, earliest) < 0 && !has_error_for (errors, field))
    add_error (errors, field, message);
}

static void
check_dates (GPtrArray    *errors,
             const CkCase *self,
             const GDate  *today)
{
  static const char * const date_fields[] = {
    "incident_date", "report_date", "triage_date", "disposal_date", "last_feedback_date",
    "acknowledged_date", "outcome_informed_date",
  };

  for (guint i = 0; i < G_N_ELEMENTS (date_fields); i++)
    {
      const CkFieldInfo *field = ck_case_field_lookup (date_fields[i]);
      const GDate *date = G_STRUCT_MEMBER_P (self, field->offset);

      if (ck_date_is_set (date) && g_date_compare (date, today) > 0)
        add_error (errors, field->name, _("This date is in the future"));
    }

  check_not_before (errors, "report_date", &self->report_date, &self->incident_date,
                    _("The report cannot come before the incident"));
  check_not_before (errors, "triage_date", &self->triage_date, &self->report_date,
                    _("Triage cannot come before the report"));
  check_not_before (errors, "disposal_date", &self->disposal_date, &self->report_date,
                    _("The disposal cannot come before the report"));
  check_not_before (errors, "disposal_date", &self->disposal_date, &self->triage_date,
                    _("The disposal cannot come before triage"));
  check_not_before (errors, "last_feedback_date", &self->last_feedback_date, &self->report_date,
                    _("Feedback to the reporter cannot come before the report"));
  check_not_before (errors, "acknowledged_date", &self->acknowledged_date, &self->report_date,
                    _("The receipt cannot be confirmed before the report came in"));
  check_not_before (errors, "outcome_informed_date", &self->outcome_informed_date, &self->disposal_date,
                    _("The reporter cannot be told the outcome before the disposal"));
}

static void
check_handling (GPtrArray    *errors,
                const CkCase *self)
{
  gboolean has_none = FALSE;

  if (self->finding != NULL && !ck_date_is_set (&self->triage_date))
    add_error (errors, "finding", _("A finding needs a triage date: every report goes to triage first"));

  if (self->measures->len > 0 && self->finding == NULL)
    add_error (errors, "measures", _("Record the finding before the measures"));

  for (guint i = 0; i < self->measures->len; i++)
    has_none |= g_str_equal (g_array_index (self->measures, CkMeasure, i).code, "geen");
  if (has_none && self->measures->len > 1)
    add_error (errors, "measures", _("“No measure” cannot be combined with other measures"));

  if (self->bystanders_intervened == CK_TRISTATE_YES && self->bystanders_present == CK_TRISTATE_NO)
    add_error (errors, "bystanders_intervened", _("Bystanders cannot intervene if none were present"));

  if (self->restoration_accepted == CK_TRISTATE_YES && self->restoration_offered != CK_TRISTATE_YES)
    add_error (errors, "restoration_accepted", _("Restoration can only be accepted once it was offered"));

  if (self->restoration_completed == CK_TRISTATE_YES && self->restoration_accepted != CK_TRISTATE_YES)
    add_error (errors, "restoration_completed", _("Restoration can only be completed once it was accepted"));

  /* What the reporter is told is how the case ended. */
  if (ck_date_is_set (&self->outcome_informed_date) && !ck_date_is_set (&self->disposal_date))
    add_error (errors, "outcome_informed_date", _("Record the disposal before telling the reporter the outcome"));

  if (ck_case_is_closed (self) && !ck_date_is_set (&self->disposal_date))
    add_error (errors, "disposal_date", _("A disposed or closed case needs a disposal date"));
}

/**
 * ck_case_check:
 * @today: the date against which "in the future" is judged
 *
 * Checks every rule a case must meet before it is stored.
 *
 * Returns: (transfer full) (element-type GError): one error per problem,
 *   each naming its field (ck_error_get_field()); empty when the case is valid.
 */
GPtrArray *
ck_case_check (const CkCase *self,
               CkVocabulary *vocabulary,
               const GDate  *today)
{
  GPtrArray *errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);

  if (self->unit == NULL)
    add_error (errors, "unit", _("Choose the unit"));
  if (self->kind == NULL)
    add_error (errors, "kind", _("Choose whether this is a signal, a report or a complaint"));
  if (self->status == NULL)
    add_error (errors, "status", _("Choose a status"));
  if (!ck_date_is_set (&self->report_date))
    add_error (errors, "report_date", _("Enter the date the case came in"));
  if (self->team != NULL && !is_valid_team (self->team))
    add_error (errors, "team", _("A team is a code of up to 12 capital letters, digits or hyphens, such as “B03”"));

  check_codes (errors, self, vocabulary);
  check_dates (errors, self, today);
  check_handling (errors, self);

  return errors;
}

/* Returns: %TRUE when valid; else %FALSE with the first problem in @error */
gboolean
ck_case_validate (const CkCase  *self,
                  CkVocabulary  *vocabulary,
                  GError       **error)
{
  g_autoptr(GPtrArray) errors = NULL;
  GDate today;

  ck_date_set_today (&today);
  errors = ck_case_check (self, vocabulary, &today);
  if (errors->len == 0)
    return TRUE;

  g_propagate_error (error, g_ptr_array_steal_index (errors, 0));
  return FALSE;
}
