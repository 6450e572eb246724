/* ck-case-fields.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ck-case-fields.h"
#include "ck-date.h"
#include "ck-error.h"
#include "ck-vocabulary.h"

#define FIELD(n, t, v, member, l) \
  { n, t, v, G_STRUCT_OFFSET (CkCase, member), l, FALSE }
#define SECRET(n, member, l) \
  { n, CK_FIELD_TEXT, NULL, G_STRUCT_OFFSET (CkCase, member), l, TRUE }

static const CkFieldInfo fields[] = {
  FIELD ("reference", CK_FIELD_TEXT, NULL, reference, N_("Reference")),
  FIELD ("unit", CK_FIELD_CODE, CK_VOCAB_UNITS, unit, N_("Unit")),
  FIELD ("team", CK_FIELD_TEXT, NULL, team, N_("Sector or team")),
  FIELD ("kind", CK_FIELD_CODE, CK_VOCAB_KINDS, kind, N_("Kind")),
  FIELD ("channel", CK_FIELD_CODE, CK_VOCAB_CHANNELS, channel, N_("Channel")),
  FIELD ("grounds", CK_FIELD_CODES, CK_VOCAB_GROUNDS, grounds, N_("Grounds")),
  FIELD ("manifestations", CK_FIELD_CODES, CK_VOCAB_MANIFESTATIONS, manifestations, N_("Manifestations")),
  FIELD ("reporter_role", CK_FIELD_CODE, CK_VOCAB_REPORTER_ROLES, reporter_role, N_("Reporter")),
  FIELD ("subject_role", CK_FIELD_CODE, CK_VOCAB_SUBJECT_ROLES, subject_role, N_("Person concerned")),
  FIELD ("subject_is_manager", CK_FIELD_TRISTATE, NULL, subject_is_manager, N_("Person concerned is the reporter’s manager")),
  FIELD ("bystanders_present", CK_FIELD_TRISTATE, NULL, bystanders_present, N_("Bystanders present")),
  FIELD ("bystanders_intervened", CK_FIELD_TRISTATE, NULL, bystanders_intervened, N_("Bystanders intervened")),
  FIELD ("incident_date", CK_FIELD_DATE, NULL, incident_date, N_("Incident date")),
  FIELD ("report_date", CK_FIELD_DATE, NULL, report_date, N_("Report date")),
  FIELD ("acknowledged_date", CK_FIELD_DATE, NULL, acknowledged_date, N_("Receipt confirmed to the reporter")),
  FIELD ("triage_date", CK_FIELD_DATE, NULL, triage_date, N_("Triage date")),
  FIELD ("disposal_date", CK_FIELD_DATE, NULL, disposal_date, N_("Disposal date")),
  FIELD ("last_feedback_date", CK_FIELD_DATE, NULL, last_feedback_date, N_("Last feedback to the reporter")),
  FIELD ("outcome_informed_date", CK_FIELD_DATE, NULL, outcome_informed_date, N_("Outcome told to the reporter")),
  FIELD ("triage_route", CK_FIELD_CODE, CK_VOCAB_ROUTES, triage_route, N_("Triage route")),
  FIELD ("lc_consulted", CK_FIELD_BOOL, NULL, lc_consulted, N_("National coordinator consulted")),
  FIELD ("sensitive", CK_FIELD_BOOL, NULL, sensitive, N_("Complex or media-sensitive")),
  FIELD ("finding", CK_FIELD_CODE, CK_VOCAB_FINDINGS, finding, N_("Finding")),
  FIELD ("measures", CK_FIELD_MEASURES, CK_VOCAB_MEASURES, measures, N_("Measures")),
  FIELD ("restoration_offered", CK_FIELD_TRISTATE, NULL, restoration_offered, N_("Restoration offered")),
  FIELD ("restoration_accepted", CK_FIELD_TRISTATE, NULL, restoration_accepted, N_("Restoration accepted")),
  FIELD ("restoration_completed", CK_FIELD_TRISTATE, NULL, restoration_completed, N_("Restoration completed")),
  FIELD ("lesson_considered", CK_FIELD_BOOL, NULL, lesson_considered, N_("Lesson for the team considered")),
  FIELD ("reporter_left", CK_FIELD_TRISTATE, NULL, reporter_left, N_("Reporter left the organisation")),
  FIELD ("status", CK_FIELD_CODE, CK_VOCAB_STATUSES, status, N_("Status")),
  SECRET ("reporter_name", reporter_name, N_("Reporter’s name")),
  SECRET ("reporter_personnel_number", reporter_personnel_number, N_("Reporter’s personnel number")),
  SECRET ("reporter_contact", reporter_contact, N_("Reporter’s contact details")),
  SECRET ("subject_name", subject_name, N_("Name of the person concerned")),
  SECRET ("subject_personnel_number", subject_personnel_number, N_("Personnel number of the person concerned")),
  SECRET ("bystander_names", bystander_names, N_("Names of bystanders")),
  SECRET ("file_reference", file_reference, N_("File reference")),
  SECRET ("narrative", narrative, N_("What happened")),
  SECRET ("notes", notes, N_("Notes about persons")),
};

#undef FIELD
#undef SECRET

const CkFieldInfo *
ck_case_fields (guint *n_fields)
{
  *n_fields = G_N_ELEMENTS (fields);
  return fields;
}

/* Returns: (nullable): the field called @name */
const CkFieldInfo *
ck_case_field_lookup (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i].name, name) == 0)
      return &fields[i];

  return NULL;
}

const char *
ck_case_field_get_label (const CkFieldInfo *field)
{
  return _(field->label);
}

const char *
ck_tristate_to_string (CkTristate value)
{
  switch (value)
    {
    case CK_TRISTATE_YES:
      return "yes";
    case CK_TRISTATE_NO:
      return "no";
    case CK_TRISTATE_UNKNOWN:
    default:
      return "unknown";
    }
}

gboolean
ck_tristate_from_string (const char *text,
                         CkTristate *value)
{
  if (g_strcmp0 (text, "yes") == 0 || g_strcmp0 (text, "true") == 0)
    *value = CK_TRISTATE_YES;
  else if (g_strcmp0 (text, "no") == 0 || g_strcmp0 (text, "false") == 0)
    *value = CK_TRISTATE_NO;
  else if (text == NULL || *text == '\0' || g_strcmp0 (text, "unknown") == 0)
    *value = CK_TRISTATE_UNKNOWN;
  else
    return FALSE;

  return TRUE;
}

void
ck_case_field_copy (const CkFieldInfo *field,
                    const CkCase      *from,
                    CkCase            *to)
{
  gconstpointer src = G_STRUCT_MEMBER_P (from, field->offset);
  gpointer dest = G_STRUCT_MEMBER_P (to, field->offset);

  switch (field->type)
    {
    case CK_FIELD_TEXT:
    case CK_FIELD_CODE:
      g_free (*(char **) dest);
      *(char **) dest = g_strdup (*(char * const *) src);
      break;

    case CK_FIELD_CODES:
      g_strfreev (*(char ***) dest);
      *(char ***) dest = g_strdupv (*(char ** const *) src);
      break;

    case CK_FIELD_DATE:
      *(GDate *) dest = *(const GDate *) src;
      break;

    case CK_FIELD_BOOL:
      *(gboolean *) dest = *(const gboolean *) src;
      break;

    case CK_FIELD_TRISTATE:
      *(CkTristate *) dest = *(const CkTristate *) src;
      break;

    case CK_FIELD_MEASURES:
      {
        GArray *source = *(GArray * const *) src;

        g_array_set_size (*(GArray **) dest, 0);
        for (guint i = 0; i < source->len; i++)
          {
            const CkMeasure *m = &g_array_index (source, CkMeasure, i);

            ck_case_add_measure (to, m->code, m->conditional);
          }
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
strv_equal (char * const *a,
            char * const *b)
{
  guint i;

  for (i = 0; a[i] != NULL && b[i] != NULL; i++)
    if (!g_str_equal (a[i], b[i]))
      return FALSE;

  return a[i] == NULL && b[i] == NULL;
}

static gboolean
measures_equal (GArray *a,
                GArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      const CkMeasure *ma = &g_array_index (a, CkMeasure, i);
      const CkMeasure *mb = &g_array_index (b, CkMeasure, i);

      if (!g_str_equal (ma->code, mb->code) || !ma->conditional != !mb->conditional)
        return FALSE;
    }

  return TRUE;
}

/* Compares normalized cases; an empty string equals NULL. */
gboolean
ck_case_field_equal (const CkFieldInfo *field,
                     const CkCase      *a,
                     const CkCase      *b)
{
  gconstpointer pa = G_STRUCT_MEMBER_P (a, field->offset);
  gconstpointer pb = G_STRUCT_MEMBER_P (b, field->offset);

  switch (field->type)
    {
    case CK_FIELD_TEXT:
    case CK_FIELD_CODE:
      {
        const char *sa = *(char * const *) pa;
        const char *sb = *(char * const *) pb;

        return g_strcmp0 (sa != NULL ? sa : "", sb != NULL ? sb : "") == 0;
      }

    case CK_FIELD_CODES:
      return strv_equal (*(char ** const *) pa, *(char ** const *) pb);

    case CK_FIELD_DATE:
      return ck_date_compare (pa, pb) == 0;

    case CK_FIELD_BOOL:
      return !*(const gboolean *) pa == !*(const gboolean *) pb;

    case CK_FIELD_TRISTATE:
      return *(const CkTristate *) pa == *(const CkTristate *) pb;

    case CK_FIELD_MEASURES:
      return measures_equal (*(GArray * const *) pa, *(GArray * const *) pb);

    default:
      g_assert_not_reached ();
    }
}

gboolean
ck_case_field_is_empty (const CkFieldInfo *field,
                        const CkCase      *self)
{
  gconstpointer p = G_STRUCT_MEMBER_P (self, field->offset);

  switch (field->type)
    {
    case CK_FIELD_TEXT:
    case CK_FIELD_CODE:
      return *(char * const *) p == NULL || **(char * const *) p == '\0';

    case CK_FIELD_CODES:
      return *(char ** const *) p == NULL || **(char ** const *) p == NULL;

    case CK_FIELD_DATE:
      return !ck_date_is_set (p);

    case CK_FIELD_BOOL:
      return !*(const gboolean *) p;

    case CK_FIELD_TRISTATE:
      return *(const CkTristate *) p == CK_TRISTATE_UNKNOWN;

    case CK_FIELD_MEASURES:
      return (*(GArray * const *) p)->len == 0;

    default:
      g_assert_not_reached ();
    }
}

/* Returns: (transfer full): the value in the stable text form used by the
 * audit log and the command line: codes rather than labels, ISO dates,
 * "yes"/"no"/"unknown", code lists joined with ",", a conditional measure
 * as "code:conditional". Empty values give "". */
char *
ck_case_field_to_string (const CkFieldInfo *field,
                         const CkCase      *self)
{
  gconstpointer p = G_STRUCT_MEMBER_P (self, field->offset);

  switch (field->type)
    {
    case CK_FIELD_TEXT:
    case CK_FIELD_CODE:
      return g_strdup (*(char * const *) p != NULL ? *(char * const *) p : "");

    case CK_FIELD_CODES:
      return g_strjoinv (",", *(char ** const *) p);

    case CK_FIELD_DATE:
      {
        char *iso = ck_date_to_iso (p);

        return iso != NULL ? iso : g_strdup ("");
      }

    case CK_FIELD_BOOL:
      return g_strdup (*(const gboolean *) p ? "yes" : "no");

    case CK_FIELD_TRISTATE:
      return g_strdup (ck_tristate_to_string (*(const CkTristate *) p));

    case CK_FIELD_MEASURES:
      {
        GArray *measures = *(GArray * const *) p;
        GString *text = g_string_new (NULL);

        for (guint i = 0; i < measures->len; i++)
          {
            const CkMeasure *m = &g_array_index (measures, CkMeasure, i);

            if (i > 0)
              g_string_append_c (text, ',');
            g_string_append (text, m->code);
            if (m->conditional)
              g_string_append (text, ":conditional");
          }

        return g_string_free (text, FALSE);
      }

    default:
      g_assert_not_reached ();
    }
}

/* Sets @field from the text form of ck_case_field_to_string(). Only the
 * form is checked here; whether a code exists is ck_case_validate()'s job,
 * so that every entry path reports unknown codes the same way. */
gboolean
ck_case_field_set_string (const CkFieldInfo  *field,
                          CkCase             *self,
                          const char         *value,
                          GError            **error)
{
  gpointer p = G_STRUCT_MEMBER_P (self, field->offset);

  if (value == NULL)
    value = "";

  switch (field->type)
    {
    case CK_FIELD_TEXT:
    case CK_FIELD_CODE:
      g_free (*(char **) p);
      *(char **) p = *value != '\0' ? g_strdup (value) : NULL;
      return TRUE;

    case CK_FIELD_CODES:
      g_strfreev (*(char ***) p);
      *(char ***) p = g_strsplit (value, ",", -1);
      for (char **c = *(char ***) p; *c != NULL; c++)
        g_strstrip (*c);
      ck_case_normalize (self);
      return TRUE;

    case CK_FIELD_DATE:
      if (!ck_date_parse_user (p, value))
        {
          ck_set_field_error (error, field->name,
                              _("“%s” is not a date; write it as 2024-03-15 or 15-03-2024"),
                              value);
          return FALSE;
        }
      return TRUE;

    case CK_FIELD_BOOL:
      {
        CkTristate tristate;

        if (!ck_tristate_from_string (value, &tristate))
          {
            ck_set_field_error (error, field->name, _("Answer “yes” or “no”, not “%s”"), value);
            return FALSE;
          }
        *(gboolean *) p = tristate == CK_TRISTATE_YES;
        return TRUE;
      }

    case CK_FIELD_TRISTATE:
      if (!ck_tristate_from_string (value, p))
        {
          ck_set_field_error (error, field->name,
                              _("Answer “yes”, “no” or “unknown”, not “%s”"), value);
          return FALSE;
        }
      return TRUE;

    case CK_FIELD_MEASURES:
      {
        g_auto(GStrv) items = g_strsplit (value, ",", -1);

        g_array_set_size (self->measures, 0);
        for (guint i = 0; items[i] != NULL; i++)
          {
            char *item = g_strstrip (items[i]);
            char *colon = strchr (item, ':');
            gboolean conditional = FALSE;

            if (*item == '\0')
              continue;
            if (colon != NULL)
              {
                *colon = '\0';
                if (!g_str_equal (colon + 1, "conditional"))
                  {
                    ck_set_field_error (error, field->name,
                                        _("A measure can only be marked “:conditional”, not “:%s”"),
                                        colon + 1);
                    return FALSE;
                  }
                conditional = TRUE;
              }
            ck_case_add_measure (self, item, conditional);
          }
        ck_case_normalize (self);
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
}
