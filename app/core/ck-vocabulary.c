/* ck-vocabulary.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ck-error.h"
#include "ck-vocabulary.h"

struct _CkVocabulary
{
  GObject       parent_instance;

  guint         version;
  GStringChunk *strings;
  /* list id → GPtrArray of CkTerm, in file order */
  GHashTable   *lists;
  /* list id → (code → CkTerm) */
  GHashTable   *index;
};

G_DEFINE_FINAL_TYPE (CkVocabulary, ck_vocabulary, G_TYPE_OBJECT)

typedef struct
{
  CkVocabulary *self;
  const char   *list_id;
  GPtrArray    *list;
  GHashTable   *codes;
  CkTerm       *term;
  GString      *text;
  gboolean      in_label;
} ParseState;

static void
ck_vocabulary_finalize (GObject *object)
{
  CkVocabulary *self = (CkVocabulary *)object;

  g_clear_pointer (&self->index, g_hash_table_unref);
  g_clear_pointer (&self->lists, g_hash_table_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);

  G_OBJECT_CLASS (ck_vocabulary_parent_class)->finalize (object);
}

static void
ck_vocabulary_class_init (CkVocabularyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ck_vocabulary_finalize;
}

static void
ck_vocabulary_init (CkVocabulary *self)
{
  self->strings = g_string_chunk_new (4096);
  self->lists = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                       (GDestroyNotify) g_ptr_array_unref);
  self->index = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                       (GDestroyNotify) g_hash_table_unref);
}

static gboolean
is_valid_code (const char *code)
{
  if (code == NULL || *code == '\0' || strlen (code) > 40)
    return FALSE;

  for (const char *p = code; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
      return FALSE;

  return TRUE;
}

static void
start_vocabulary (ParseState  *state,
                  const char  *element,
                  const char **names,
                  const char **values,
                  GError     **error)
{
  CkVocabulary *self = state->self;
  const char *id = NULL;

  if (!g_markup_collect_attributes (element, names, values, error,
                                    G_MARKUP_COLLECT_STRING, "id", &id,
                                    G_MARKUP_COLLECT_INVALID))
    return;

  if (g_hash_table_contains (self->lists, id))
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                   "vocabulary “%s” appears twice", id);
      return;
    }

  state->list_id = g_string_chunk_insert_const (self->strings, id);
  state->list = g_ptr_array_new_with_free_func (g_free);
  state->codes = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (self->lists, (char *) state->list_id, state->list);
  g_hash_table_insert (self->index, (char *) state->list_id, state->codes);
}

static void
start_term (ParseState  *state,
            const char  *element,
            const char **names,
            const char **values,
            GError     **error)
{
  CkVocabulary *self = state->self;
  const char *code = NULL;
  const char *name = NULL;
  const char *severity = NULL;
  CkTerm *term;

  if (state->list == NULL)
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                   "<term> outside <vocabulary>");
      return;
    }

  if (!g_markup_collect_attributes (element, names, values, error,
                                    G_MARKUP_COLLECT_STRING, "code", &code,
                                    G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL, "name", &name,
                                    G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL, "severity", &severity,
                                    G_MARKUP_COLLECT_INVALID))
    return;

  if (!is_valid_code (code) || g_hash_table_contains (state->codes, code))
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                   "invalid or repeated code “%s” in “%s”", code, state->list_id);
      return;
    }

  term = g_new0 (CkTerm, 1);
  term->code = g_string_chunk_insert_const (self->strings, code);
  term->severity = severity != NULL ? (int) g_ascii_strtoll (severity, NULL, 10) : -1;
  term->position = state->list->len;
  if (name != NULL)
    term->label = term->source = g_string_chunk_insert_const (self->strings, name);

  g_ptr_array_add (state->list, term);
  g_hash_table_insert (state->codes, (char *) term->code, term);
  state->term = term;
}

static void
start_element (GMarkupParseContext  *context,
               const char           *element,
               const char          **names,
               const char          **values,
               gpointer              user_data,
               GError              **error)
{
  ParseState *state = user_data;

  if (g_str_equal (element, "vocabularies"))
    {
      const char *version = NULL;

      if (g_markup_collect_attributes (element, names, values, error,
                                       G_MARKUP_COLLECT_STRING, "version", &version,
                                       G_MARKUP_COLLECT_INVALID))
        state->self->version = (guint) g_ascii_strtoull (version, NULL, 10);
    }
  else if (g_str_equal (element, "vocabulary"))
    start_vocabulary (state, element, names, values, error);
  else if (g_str_equal (element, "term"))
    start_term (state, element, names, values, error);
  else if (g_str_equal (element, "label") && state->term != NULL)
    {
      state->in_label = TRUE;
      g_string_truncate (state->text, 0);
    }
  else
    g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_UNKNOWN_ELEMENT,
                 "unexpected element <%s>", element);
}

static void
end_element (GMarkupParseContext  *context,
             const char           *element,
             gpointer              user_data,
             GError              **error)
{
  ParseState *state = user_data;
  CkVocabulary *self = state->self;

  if (g_str_equal (element, "label"))
    {
      const char *source = g_strstrip (state->text->str);

      state->term->source = g_string_chunk_insert_const (self->strings, source);
      state->term->label = g_string_chunk_insert_const (self->strings,
                                                        g_dgettext (GETTEXT_PACKAGE, source));
      state->in_label = FALSE;
    }
  else if (g_str_equal (element, "term"))
    {
      if (state->term->label == NULL)
        g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                     "term “%s” has neither a label nor a name", state->term->code);
      state->term = NULL;
    }
  else if (g_str_equal (element, "vocabulary"))
    {
      state->list = NULL;
      state->codes = NULL;
      state->list_id = NULL;
    }
}

static void
text (GMarkupParseContext  *context,
      const char           *text,
      gsize                 len,
      gpointer              user_data,
      GError              **error)
{
  ParseState *state = user_data;

  if (state->in_label)
    g_string_append_len (state->text, text, len);
}

/**
 * ck_vocabulary_new_from_bytes:
 *
 * Parses a vocabulary file. Labels are translated with the application's
 * gettext domain as they are loaded.
 *
 * Returns: (transfer full): the vocabulary, or %NULL with @error set.
 */
CkVocabulary *
ck_vocabulary_new_from_bytes (GBytes  *xml,
                              GError **error)
{
  static const GMarkupParser parser = { start_element, end_element, text, NULL, NULL };
  g_autoptr(CkVocabulary) self = g_object_new (CK_TYPE_VOCABULARY, NULL);
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GString) buffer = g_string_new (NULL);
  ParseState state = { .self = self, .text = buffer };
  gsize len;
  const char *data = g_bytes_get_data (xml, &len);

  context = g_markup_parse_context_new (&parser, G_MARKUP_PREFIX_ERROR_POSITION, &state, NULL);
  if (!g_markup_parse_context_parse (context, data, len, error) ||
      !g_markup_parse_context_end_parse (context, error))
    return NULL;

  if (self->version == 0)
    {
      g_set_error (error, CK_ERROR, CK_ERROR_CORRUPT, "vocabulary without a version");
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * ck_vocabulary_get_default:
 *
 * The vocabulary shipped with the application, loaded once. It is a
 * program-wide constant like a translation catalogue, which is why it may be
 * reached from anywhere.
 *
 * Returns: (transfer none): the vocabulary
 */
CkVocabulary *
ck_vocabulary_get_default (void)
{
  static CkVocabulary *vocabulary;

  if (g_once_init_enter (&vocabulary))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      CkVocabulary *loaded;

      bytes = g_resources_lookup_data (RESOURCE_PREFIX "/data/vocabulary.xml",
                                       G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (bytes == NULL)
        g_error ("The built-in vocabulary is missing: %s", error->message);

      loaded = ck_vocabulary_new_from_bytes (bytes, &error);
      if (loaded == NULL)
        g_error ("The built-in vocabulary is invalid: %s", error->message);

      g_once_init_leave (&vocabulary, loaded);
    }

  return vocabulary;
}

guint
ck_vocabulary_get_version (CkVocabulary *self)
{
  g_return_val_if_fail (CK_IS_VOCABULARY (self), 0);

  return self->version;
}

/* Returns: (transfer none) (nullable): the term, or %NULL for an unknown code */
const CkTerm *
ck_vocabulary_lookup (CkVocabulary *self,
                      const char   *list,
                      const char   *code)
{
  GHashTable *codes;

  g_return_val_if_fail (CK_IS_VOCABULARY (self), NULL);
  g_return_val_if_fail (list != NULL, NULL);

  if (code == NULL)
    return NULL;

  codes = g_hash_table_lookup (self->index, list);
  return codes != NULL ? g_hash_table_lookup (codes, code) : NULL;
}

/* Returns: (transfer none): the label of @code, or @code itself when the
 * vocabulary does not know it, so that a value from a newer version still
 * shows as something. */
const char *
ck_vocabulary_get_label (CkVocabulary *self,
                         const char   *list,
                         const char   *code)
{
  const CkTerm *term = ck_vocabulary_lookup (self, list, code);

  return term != NULL ? term->label : code;
}

/* Returns: (transfer none) (element-type CkTerm): the terms of @list in
 * order; an empty array for an unknown list. */
GPtrArray *
ck_vocabulary_get_terms (CkVocabulary *self,
                         const char   *list)
{
  static GPtrArray *empty;
  GPtrArray *terms;

  g_return_val_if_fail (CK_IS_VOCABULARY (self), NULL);

  terms = g_hash_table_lookup (self->lists, list);
  if (terms != NULL)
    return terms;

  if (g_once_init_enter (&empty))
    g_once_init_leave (&empty, g_ptr_array_new ());
  return empty;
}

/* Returns: (transfer full): the labels of @codes joined with ", ". */
char *
ck_vocabulary_join_labels (CkVocabulary       *self,
                           const char         *list,
                           const char * const *codes)
{
  GString *joined = g_string_new (NULL);

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (joined, ", ");
      g_string_append (joined, ck_vocabulary_get_label (self, list, codes[i]));
    }

  return g_string_free (joined, FALSE);
}
