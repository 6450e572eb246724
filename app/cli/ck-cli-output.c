/* ck-cli-output.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "ck-case.h"
#include "ck-cli-output.h"
#include "ck-date.h"
#include "ck-vocabulary.h"

/* Pretty, so that a person can read it too; scripts do not mind. */
void
ck_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  gsize length;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &length);

  fwrite (text, 1, length, stdout);
  fputc ('\n', stdout);
}

/* Adds the member @member with @value, or null for a NULL @value. */
void
ck_cli_json_add_string (JsonBuilder *builder,
                        const char  *member,
                        const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static const char *
format_answer (gboolean yes)
{
  return yes ? C_("answer", "yes") : C_("answer", "no");
}

/**
 * ck_cli_format_value:
 *
 * Returns: (transfer full): the value of @field as people read it: labels
 *   in the user's language rather than codes, dates as they write them;
 *   "" when the field is empty
 */
char *
ck_cli_format_value (const CkFieldInfo *field,
                     const CkCase      *kase)
{
  CkVocabulary *vocabulary = ck_vocabulary_get_default ();
  gconstpointer p = G_STRUCT_MEMBER_P (kase, field->offset);

  switch (field->type)
    {
    case CK_FIELD_TEXT:
      return g_strdup (*(char * const *) p != NULL ? *(char * const *) p : "");

    case CK_FIELD_CODE:
      {
        const char *code = *(char * const *) p;

        return g_strdup (code != NULL ? ck_vocabulary_get_label (vocabulary, field->vocabulary, code) : "");
      }

    case CK_FIELD_CODES:
      return ck_vocabulary_join_labels (vocabulary, field->vocabulary, *(const char * const * const *) p);

    case CK_FIELD_DATE:
      return ck_date_format_user (p);

    case CK_FIELD_BOOL:
      return g_strdup (format_answer (*(const gboolean *) p));

    case CK_FIELD_TRISTATE:
      switch (*(const CkTristate *) p)
        {
        case CK_TRISTATE_YES:
          return g_strdup (format_answer (TRUE));
        case CK_TRISTATE_NO:
          return g_strdup (format_answer (FALSE));
        case CK_TRISTATE_UNKNOWN:
        default:
          return g_strdup (C_("answer", "unknown"));
        }

    case CK_FIELD_MEASURES:
      {
        GString *text = g_string_new (NULL);

        for (guint i = 0; i < kase->measures->len; i++)
          {
            const CkMeasure *measure = &g_array_index (kase->measures, CkMeasure, i);
            const char *label = ck_vocabulary_get_label (vocabulary, field->vocabulary, measure->code);

            if (i > 0)
              g_string_append (text, ", ");
            if (measure->conditional)
              /* Translators: a disciplinary measure that is suspended
               * (voorwaardelijk), e.g. "Fine (conditional)". */
              g_string_append_printf (text, _("%s (conditional)"), label);
            else
              g_string_append (text, label);
          }

        return g_string_free (text, FALSE);
      }

    default:
      g_assert_not_reached ();
    }
}

/* Returns: how many columns @text takes in a terminal, near enough for the
 * labels and codes shown here. */
guint
ck_cli_text_width (const char *text)
{
  return g_utf8_strlen (text, -1);
}

static void
append_padding (GString *line,
                guint    n)
{
  for (guint i = 0; i < n; i++)
    g_string_append_c (line, ' ');
}

/* Prints "label:  value", the values lined up after @label_width, and the
 * further lines of a value of several lines indented to match. An empty
 * value shows as a dash, so that it is seen to be empty. */
void
ck_cli_print_labelled (const char *label,
                       const char *value,
                       guint       label_width)
{
  g_autoptr(GString) text = g_string_new (label);
  g_auto(GStrv) lines = NULL;

  g_string_append_c (text, ':');
  append_padding (text, label_width - ck_cli_text_width (label) + 1);

  if (value == NULL || *value == '\0')
    value = "—";

  lines = g_strsplit (value, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i > 0)
        append_padding (text, label_width + 2);
      g_string_append (text, lines[i]);
      g_string_append_c (text, '\n');
    }

  g_print ("%s", text->str);
}

struct _CkCliTable
{
  guint      n_columns;
  gboolean  *right_aligned;
  GPtrArray *rows;     /* of GStrv, n_columns each */
};

CkCliTable *
ck_cli_table_new (guint n_columns)
{
  CkCliTable *self = g_new0 (CkCliTable, 1);

  self->n_columns = n_columns;
  self->right_aligned = g_new0 (gboolean, n_columns);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  return self;
}

void
ck_cli_table_free (CkCliTable *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->rows);
  g_free (self->right_aligned);
  g_free (self);
}

void
ck_cli_table_set_right_aligned (CkCliTable *self,
                                guint       column)
{
  g_return_if_fail (column < self->n_columns);

  self->right_aligned[column] = TRUE;
}

/* Adds a row of n_columns strings (copied), followed by NULL. */
void
ck_cli_table_add_row (CkCliTable *self,
                      ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GStrv row;
  va_list cells;
  const char *cell;

  va_start (cells, self);
  while ((cell = va_arg (cells, const char *)) != NULL)
    g_strv_builder_add (builder, cell);
  va_end (cells);

  row = g_strv_builder_end (builder);
  if (g_strv_length (row) != self->n_columns)
    {
      g_critical ("%s: a row needs %u cells", G_STRFUNC, self->n_columns);
      g_strfreev (row);
      return;
    }
  g_ptr_array_add (self->rows, row);
}

/* Prints the rows with their columns lined up, two spaces apart, and no
 * blanks at the end of a line. */
void
ck_cli_table_print (CkCliTable *self)
{
  g_autofree guint *widths = g_new0 (guint, self->n_columns);
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint r = 0; r < self->rows->len; r++)
    {
      char **row = self->rows->pdata[r];

      for (guint c = 0; c < self->n_columns; c++)
        widths[c] = MAX (widths[c], ck_cli_text_width (row[c]));
    }

  for (guint r = 0; r < self->rows->len; r++)
    {
      char **row = self->rows->pdata[r];

      g_string_truncate (line, 0);
      for (guint c = 0; c < self->n_columns; c++)
        {
          guint padding = widths[c] - ck_cli_text_width (row[c]);

          if (c > 0)
            g_string_append (line, "  ");
          if (self->right_aligned[c])
            append_padding (line, padding);
          g_string_append (line, row[c]);
          if (!self->right_aligned[c])
            append_padding (line, padding);
        }
      while (line->len > 0 && line->str[line->len - 1] == ' ')
        g_string_truncate (line, line->len - 1);
      g_string_append_c (line, '\n');
      g_print ("%s", line->str);
    }
}
