/* ck-case-json.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ck-case.h"
#include "ck-case-fields.h"
#include "ck-case-json.h"
#include "ck-date.h"
#include "ck-error.h"

/* A case in JSON is an object with one member per field of the field table,
 * named as the field, plus the local "id". Codes stay codes (labels are for
 * people, and change with the language); dates are "YYYY-MM-DD" or null;
 * yes/no/unknown answers are those words. The register assigns "id" and
 * "reference", so on input they are accepted and ignored: what `show`
 * prints can be fed back to `add`. */

static gboolean
is_read_only (const char *name)
{
  return g_str_equal (name, "id") || g_str_equal (name, "reference");
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *text)
{
  if (text != NULL)
    json_builder_add_string_value (builder, text);
  else
    json_builder_add_null_value (builder);
}

static void
add_value (JsonBuilder       *builder,
           const CkFieldInfo *field,
           const CkCase      *kase)
{
  gconstpointer p = G_STRUCT_MEMBER_P (kase, field->offset);

  switch (field->type)
    {
    case CK_FIELD_TEXT:
    case CK_FIELD_CODE:
      add_string_or_null (builder, *(char * const *) p);
      break;

    case CK_FIELD_CODES:
      json_builder_begin_array (builder);
      for (char * const *c = *(char ** const *) p; c != NULL && *c != NULL; c++)
        json_builder_add_string_value (builder, *c);
      json_builder_end_array (builder);
      break;

    case CK_FIELD_DATE:
      {
        g_autofree char *iso = ck_date_to_iso (p);

        add_string_or_null (builder, iso);
      }
      break;

    case CK_FIELD_BOOL:
      json_builder_add_boolean_value (builder, *(const gboolean *) p);
      break;

    case CK_FIELD_TRISTATE:
      json_builder_add_string_value (builder, ck_tristate_to_string (*(const CkTristate *) p));
      break;

    case CK_FIELD_MEASURES:
      json_builder_begin_array (builder);
      for (guint i = 0; i < kase->measures->len; i++)
        {
          const CkMeasure *measure = &g_array_index (kase->measures, CkMeasure, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "code");
          json_builder_add_string_value (builder, measure->code);
          json_builder_set_member_name (builder, "conditional");
          json_builder_add_boolean_value (builder, measure->conditional);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      break;

    default:
      g_assert_not_reached ();
    }
}

/**
 * ck_case_to_json:
 * @with_confidential: also write the confidential fields; without it their
 *   members are left out altogether
 *
 * Returns: (transfer full): a JSON object with the fields in the order of
 *   the field table
 */
JsonNode *
ck_case_to_json (const CkCase *kase,
                 gboolean      with_confidential)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const CkFieldInfo *fields;
  guint n_fields;

  g_return_val_if_fail (kase != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  if (kase->id > 0)
    json_builder_add_int_value (builder, kase->id);
  else
    json_builder_add_null_value (builder);

  fields = ck_case_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      if (fields[i].confidential && !with_confidential)
        continue;

      json_builder_set_member_name (builder, fields[i].name);
      add_value (builder, &fields[i], kase);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static gboolean
holds_type (JsonNode *node,
            GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static gboolean
set_type_error (GError            **error,
                const CkFieldInfo  *field)
{
  switch (field->type)
    {
    case CK_FIELD_TEXT:
    case CK_FIELD_CODE:
      ck_set_field_error (error, field->name, _("“%s” must be a string or null"), field->name);
      break;

    case CK_FIELD_CODES:
      ck_set_field_error (error, field->name, _("“%s” must be an array of codes (strings)"), field->name);
      break;

    case CK_FIELD_DATE:
      ck_set_field_error (error, field->name, _("“%s” must be a date written as YYYY-MM-DD, or null"),
                          field->name);
      break;

    case CK_FIELD_BOOL:
      ck_set_field_error (error, field->name, _("“%s” must be true or false"), field->name);
      break;

    case CK_FIELD_TRISTATE:
      ck_set_field_error (error, field->name, _("“%s” must be “yes”, “no” or “unknown”"), field->name);
      break;

    case CK_FIELD_MEASURES:
      ck_set_field_error (error, field->name,
                          _("“%s” must be an array of objects such as {\"code\": \"educatief\", \"conditional\": false}"),
                          field->name);
      break;

    default:
      g_assert_not_reached ();
    }

  return FALSE;
}

static gboolean
read_measure (const CkFieldInfo  *field,
              JsonNode           *node,
              CkCase             *kase,
              GError            **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  const char *code = NULL;
  gboolean conditional = FALSE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return set_type_error (error, field);

  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &name, &value))
    {
      if (g_str_equal (name, "code") && holds_type (value, G_TYPE_STRING))
        code = json_node_get_string (value);
      else if (g_str_equal (name, "conditional") && holds_type (value, G_TYPE_BOOLEAN))
        conditional = json_node_get_boolean (value);
      else
        return set_type_error (error, field);
    }

  if (code == NULL || *code == '\0')
    return set_type_error (error, field);

  ck_case_add_measure (kase, code, conditional);
  return TRUE;
}

/* Sets @field of @kase from @node, checking the JSON type and the form of
 * the value; whether a code exists is left to ck_case_validate(). */
static gboolean
read_field (const CkFieldInfo  *field,
            JsonNode           *node,
            CkCase             *kase,
            GError            **error)
{
  gpointer p = G_STRUCT_MEMBER_P (kase, field->offset);

  switch (field->type)
    {
    case CK_FIELD_TEXT:
    case CK_FIELD_CODE:
      {
        const char *text;

        if (JSON_NODE_HOLDS_NULL (node))
          text = NULL;
        else if (holds_type (node, G_TYPE_STRING))
          text = json_node_get_string (node);
        else
          return set_type_error (error, field);

        g_free (*(char **) p);
        *(char **) p = text != NULL && *text != '\0' ? g_strdup (text) : NULL;
        return TRUE;
      }

    case CK_FIELD_CODES:
      {
        g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
        JsonArray *array;

        if (!JSON_NODE_HOLDS_ARRAY (node))
          return set_type_error (error, field);

        array = json_node_get_array (node);
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            JsonNode *element = json_array_get_element (array, i);

            if (!holds_type (element, G_TYPE_STRING))
              return set_type_error (error, field);
            g_strv_builder_add (codes, json_node_get_string (element));
          }

        g_strfreev (*(char ***) p);
        *(char ***) p = g_strv_builder_end (codes);
        return TRUE;
      }

    case CK_FIELD_DATE:
      {
        const char *text;

        if (JSON_NODE_HOLDS_NULL (node))
          {
            g_date_clear (p, 1);
            return TRUE;
          }
        if (!holds_type (node, G_TYPE_STRING))
          return set_type_error (error, field);

        text = json_node_get_string (node);
        if (*text == '\0' || !ck_date_from_iso (p, text))
          {
            ck_set_field_error (error, field->name,
                                _("“%s”: “%s” is not a date; write it as YYYY-MM-DD"),
                                field->name, text);
            return FALSE;
          }
        return TRUE;
      }

    case CK_FIELD_BOOL:
      if (!holds_type (node, G_TYPE_BOOLEAN))
        return set_type_error (error, field);
      *(gboolean *) p = json_node_get_boolean (node);
      return TRUE;

    case CK_FIELD_TRISTATE:
      {
        const char *text = holds_type (node, G_TYPE_STRING) ? json_node_get_string (node) : NULL;

        if (g_strcmp0 (text, "yes") == 0)
          *(CkTristate *) p = CK_TRISTATE_YES;
        else if (g_strcmp0 (text, "no") == 0)
          *(CkTristate *) p = CK_TRISTATE_NO;
        else if (g_strcmp0 (text, "unknown") == 0)
          *(CkTristate *) p = CK_TRISTATE_UNKNOWN;
        else
          return set_type_error (error, field);
        return TRUE;
      }

    case CK_FIELD_MEASURES:
      {
        JsonArray *array;

        if (!JSON_NODE_HOLDS_ARRAY (node))
          return set_type_error (error, field);

        array = json_node_get_array (node);
        g_array_set_size (kase->measures, 0);
        for (guint i = 0; i < json_array_get_length (array); i++)
          if (!read_measure (field, json_array_get_element (array, i), kase, error))
            return FALSE;
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
}

/**
 * ck_case_from_json:
 * @node: a JSON object as ck_case_to_json() writes it; members may be left
 *   out, and a left-out field stays empty
 *
 * Reads a new case. Strict: an unknown member, a value of the wrong JSON
 * type or a value in the wrong form is refused with CK_ERROR_INVALID naming
 * the member (ck_error_get_field()). Codes are not looked up here: the
 * register validates the case when it is saved.
 *
 * Returns: (transfer full) (nullable): the case, normalized, with id 0;
 *   %NULL with @error set
 */
CkCase *
ck_case_from_json (JsonNode  *node,
                   GError   **error)
{
  g_autoptr(CkCase) kase = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, CK_ERROR, CK_ERROR_INVALID,
                           _("A case must be a JSON object"));
      return NULL;
    }

  kase = ck_case_new ();
  kase->has_confidential = TRUE;

  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &name, &value))
    {
      const CkFieldInfo *field;

      if (is_read_only (name))
        continue;

      field = ck_case_field_lookup (name);
      if (field == NULL)
        {
          ck_set_field_error (error, name, _("“%s” is not a field of a case"), name);
          return NULL;
        }

      if (!read_field (field, value, kase, error))
        return NULL;
    }

  ck_case_normalize (kase);
  return g_steal_pointer (&kase);
}

/**
 * ck_cases_from_json:
 * @node: one case object, or an array of case objects
 *
 * Reads every case of @node with ck_case_from_json(); the error of a case
 * in an array names its position ("Case 3: …"), as the register's bulk
 * insert does.
 *
 * Returns: (transfer full) (element-type CkCase) (nullable): the cases in
 *   the order given, or %NULL with @error set
 */
GPtrArray *
ck_cases_from_json (JsonNode  *node,
                    GError   **error)
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func ((GDestroyNotify) ck_case_free);

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          CkCase *kase = ck_case_from_json (json_array_get_element (array, i), error);

          if (kase == NULL)
            {
              g_prefix_error (error, _("Case %u: "), i + 1);
              return NULL;
            }
          g_ptr_array_add (cases, kase);
        }
    }
  else if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      CkCase *kase = ck_case_from_json (node, error);

      if (kase == NULL)
        return NULL;
      g_ptr_array_add (cases, kase);
    }
  else
    {
      g_set_error_literal (error, CK_ERROR, CK_ERROR_INVALID,
                           _("The JSON must hold a case object or an array of case objects"));
      return NULL;
    }

  return g_steal_pointer (&cases);
}
