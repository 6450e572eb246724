/* ck-case-query.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ck-case-query.h"
#include "ck-date.h"

G_DEFINE_BOXED_TYPE (CkCaseQuery, ck_case_query, ck_case_query_copy, ck_case_query_free)

CkCaseQuery *
ck_case_query_new (void)
{
  CkCaseQuery *self = g_new0 (CkCaseQuery, 1);

  g_date_clear (&self->from, 1);
  g_date_clear (&self->to, 1);
  return self;
}

CkCaseQuery *
ck_case_query_copy (const CkCaseQuery *self)
{
  CkCaseQuery *copy = ck_case_query_new ();

  copy->text = g_strdup (self->text);
  copy->status = g_strdup (self->status);
  copy->ground = g_strdup (self->ground);
  copy->from = self->from;
  copy->to = self->to;
  return copy;
}

void
ck_case_query_free (CkCaseQuery *self)
{
  if (self == NULL)
    return;

  g_free (self->text);
  g_free (self->status);
  g_free (self->ground);
  g_free (self);
}

gboolean
ck_case_query_is_empty (const CkCaseQuery *self)
{
  g_autofree char *match = ck_case_query_build_match (self->text);

  return match == NULL && self->status == NULL && self->ground == NULL &&
         !ck_date_is_set (&self->from) && !ck_date_is_set (&self->to);
}

/**
 * ck_case_query_build_match:
 *
 * Turns typed text into an FTS5 expression: every word must match as the
 * start of a word, so that "disc beh" finds "discriminatie … behandeling".
 * Words are split the way the index splits them (letters and digits), and
 * quoted, so that nothing typed is read as FTS5 syntax.
 *
 * Returns: (transfer full) (nullable): the expression, or %NULL when the
 *   text has no words.
 */
char *
ck_case_query_build_match (const char *text)
{
  GString *match;
  GString *word;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  match = g_string_new (NULL);
  word = g_string_new (NULL);

  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }

      if (word->len > 0)
        {
          if (match->len > 0)
            g_string_append_c (match, ' ');
          g_string_append_printf (match, "\"%s\"*", word->str);
          g_string_truncate (word, 0);
        }

      if (c == 0)
        break;
    }

  g_string_free (word, TRUE);

  if (match->len == 0)
    {
      g_string_free (match, TRUE);
      return NULL;
    }

  return g_string_free (match, FALSE);
}
