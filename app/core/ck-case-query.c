/* ck-case-query.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ck-case-query.h"
#include "ck-date.h"
#include "ck-vocabulary.h"

/* How typed text finds cases. The search index (schema/0002-search.sql)
 * holds a case's reference and team as words, and each of its codes as one
 * token named by its list. A typed word matches a case when the reference
 * or team has a word starting with it, or when one of the case's codes has
 * a label (in the user's language or in English) or a code with a word
 * starting with it. Every typed word must match. */

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

/* Returns: (transfer full): @text lowercased, without diacritics, for
 * comparing words the way the index's tokenizer does */
static char *
fold (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  g_autoptr(GString) bare = g_string_new (NULL);

  for (const char *p = decomposed; p != NULL && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) != G_UNICODE_NON_SPACING_MARK)
        g_string_append_unichar (bare, c);
    }

  return g_utf8_casefold (bare->str, -1);
}

/* Returns: (transfer full): the words of @text: runs of letters and digits,
 * folded */
static GPtrArray *
split_words (const char *text)
{
  g_autofree char *folded = NULL;
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  GString *word = g_string_new (NULL);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      g_string_free (word, TRUE);
      return words;
    }

  folded = fold (text);
  for (const char *p = folded;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }

      if (word->len > 0)
        {
          g_ptr_array_add (words, g_strdup (word->str));
          g_string_truncate (word, 0);
        }

      if (c == 0)
        break;
    }

  g_string_free (word, TRUE);
  return words;
}

gboolean
ck_case_query_is_empty (const CkCaseQuery *self)
{
  g_autoptr(GPtrArray) words = split_words (self->text);

  return words->len == 0 && self->status == NULL && self->ground == NULL &&
         !ck_date_is_set (&self->from) && !ck_date_is_set (&self->to);
}

/* Appends the index token of a code, "grounds_herkomst", to @text. */
void
ck_case_append_index_token (GString    *text,
                            const char *list,
                            const char *code)
{
  /* Only letters, digits and '_' make one token. */
  for (const char *p = list; *p; p++)
    g_string_append_c (text, *p == '-' ? '_' : *p);
  g_string_append_c (text, '_');
  for (const char *p = code; *p; p++)
    g_string_append_c (text, *p == '-' ? '_' : *p);
}

/* Returns: (transfer full): the index token of a code */
char *
ck_case_index_token (const char *list,
                     const char *code)
{
  GString *token = g_string_new (NULL);

  ck_case_append_index_token (token, list, code);
  return g_string_free (token, FALSE);
}

typedef struct
{
  char      *token;
  GPtrArray *words;   /* of the label, the English label and the code */
} IndexedTerm;

static const char * const indexed_lists[] = {
  CK_VOCAB_UNITS, CK_VOCAB_KINDS, CK_VOCAB_CHANNELS, CK_VOCAB_GROUNDS,
  CK_VOCAB_MANIFESTATIONS, CK_VOCAB_REPORTER_ROLES, CK_VOCAB_SUBJECT_ROLES,
  CK_VOCAB_ROUTES, CK_VOCAB_FINDINGS, CK_VOCAB_MEASURES, CK_VOCAB_STATUSES,
};

static void
add_words (GPtrArray  *words,
           const char *text)
{
  g_autoptr(GPtrArray) more = split_words (text);

  for (guint i = 0; i < more->len; i++)
    g_ptr_array_add (words, g_steal_pointer (&more->pdata[i]));
}

/* Returns: (transfer none): every code's token with its words; built once
 * per vocabulary and kept */
static GPtrArray *
get_indexed_terms (CkVocabulary *vocabulary)
{
  static GHashTable *by_vocabulary;
  G_LOCK_DEFINE_STATIC (indexed_terms);
  GPtrArray *terms;

  G_LOCK (indexed_terms);

  if (by_vocabulary == NULL)
    by_vocabulary = g_hash_table_new (NULL, NULL);

  terms = g_hash_table_lookup (by_vocabulary, vocabulary);
  if (terms == NULL)
    {
      terms = g_ptr_array_new ();
      for (guint l = 0; l < G_N_ELEMENTS (indexed_lists); l++)
        {
          GPtrArray *list = ck_vocabulary_get_terms (vocabulary, indexed_lists[l]);

          for (guint i = 0; i < list->len; i++)
            {
              const CkTerm *term = list->pdata[i];
              IndexedTerm *indexed = g_new0 (IndexedTerm, 1);
              g_autofree char *code = g_strdup (term->code);

              indexed->token = ck_case_index_token (indexed_lists[l], term->code);
              indexed->words = g_ptr_array_new_with_free_func (g_free);
              add_words (indexed->words, term->label);
              add_words (indexed->words, term->source);
              add_words (indexed->words, g_strdelimit (code, "_-", ' '));
              g_ptr_array_add (terms, indexed);
            }
        }

      /* Kept for the life of the program, as the vocabulary is. */
      g_hash_table_insert (by_vocabulary, vocabulary, terms);
    }

  G_UNLOCK (indexed_terms);
  return terms;
}

static gboolean
has_word_starting_with (GPtrArray  *words,
                        const char *prefix)
{
  for (guint i = 0; i < words->len; i++)
    if (g_str_has_prefix (words->pdata[i], prefix))
      return TRUE;

  return FALSE;
}

/**
 * ck_case_query_build_match:
 *
 * Turns typed text into an FTS5 expression for the index of
 * schema/0002-search.sql: for each word, the reference or team words that
 * start with it, or the tokens of the codes it names; all words must
 * match. Words are quoted, so nothing typed is read as FTS5 syntax.
 *
 * Returns: (transfer full) (nullable): the expression, or %NULL when the
 *   text has no words.
 */
char *
ck_case_query_build_match (const char   *text,
                           CkVocabulary *vocabulary)
{
  g_autoptr(GPtrArray) words = split_words (text);
  GPtrArray *terms;
  GString *match;

  if (words->len == 0)
    return NULL;

  terms = get_indexed_terms (vocabulary);
  match = g_string_new (NULL);
  for (guint w = 0; w < words->len; w++)
    {
      const char *word = words->pdata[w];

      if (w > 0)
        g_string_append (match, " AND ");
      g_string_append_printf (match, "({reference team} : \"%s\"*", word);

      for (guint i = 0; i < terms->len; i++)
        {
          IndexedTerm *term = terms->pdata[i];

          if (has_word_starting_with (term->words, word))
            g_string_append_printf (match, " OR \"%s\"", term->token);
        }

      g_string_append_c (match, ')');
    }

  return g_string_free (match, FALSE);
}
