/* ck-lesson-row.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ck-lesson-row.h"
#include "ck-vocabulary.h"

struct _CkLessonRow
{
  GObject         parent_instance;

  CkSharedLesson *lesson;
  gboolean        own;
  char           *search_text;   /* folded: what typed words are matched against */
};

G_DEFINE_FINAL_TYPE (CkLessonRow, ck_lesson_row, G_TYPE_OBJECT)

static void
ck_lesson_row_finalize (GObject *object)
{
  CkLessonRow *self = (CkLessonRow *)object;

  ck_shared_lesson_free (self->lesson);
  g_free (self->search_text);

  G_OBJECT_CLASS (ck_lesson_row_parent_class)->finalize (object);
}

static void
ck_lesson_row_class_init (CkLessonRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ck_lesson_row_finalize;
}

static void
ck_lesson_row_init (CkLessonRow *self)
{
}

static char *
fold (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normal, -1);
}

static void
append_labels (GString             *text,
               const char          *list,
               char * const        *codes)
{
  CkVocabulary *vocabulary = ck_vocabulary_get_default ();

  for (guint i = 0; codes[i] != NULL; i++)
    {
      const CkTerm *term = ck_vocabulary_lookup (vocabulary, list, codes[i]);

      g_string_append_printf (text, " %s", codes[i]);
      if (term != NULL)
        g_string_append_printf (text, " %s %s", term->label, term->source);
    }
}

/* @own: the lesson is this register's own */
CkLessonRow *
ck_lesson_row_new (const CkSharedLesson *lesson,
                   gboolean              own)
{
  CkLessonRow *self = g_object_new (CK_TYPE_LESSON_ROW, NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  self->lesson = ck_shared_lesson_copy (lesson);
  self->own = own;

  g_string_append_printf (text, "%s %s %s %s", lesson->title, lesson->text,
                          lesson->theme != NULL ? lesson->theme : "",
                          ck_vocabulary_get_label (ck_vocabulary_get_default (), CK_VOCAB_UNITS, lesson->unit));
  append_labels (text, CK_VOCAB_GROUNDS, lesson->grounds);
  append_labels (text, CK_VOCAB_MANIFESTATIONS, lesson->manifestations);
  self->search_text = fold (text->str);
  return self;
}

/* Returns: (transfer none) */
const CkSharedLesson *
ck_lesson_row_get_lesson (CkLessonRow *self)
{
  g_return_val_if_fail (CK_IS_LESSON_ROW (self), NULL);
  return self->lesson;
}

gboolean
ck_lesson_row_is_own (CkLessonRow *self)
{
  g_return_val_if_fail (CK_IS_LESSON_ROW (self), FALSE);
  return self->own;
}

/* Returns: (transfer full): "Q1 2026": when the lesson was released */
char *
ck_lesson_row_dup_period (CkLessonRow *self)
{
  g_return_val_if_fail (CK_IS_LESSON_ROW (self), NULL);

  /* Translators: the quarter a lesson was released in: "Q1 2026". */
  return g_strdup_printf (_("Q%2$d %1$d"), self->lesson->year, self->lesson->quarter);
}

/**
 * ck_lesson_row_matches:
 * @words: (nullable): typed words, each of which must occur in the title,
 *   text, theme, unit, grounds or manifestations
 * @ground: (nullable): a ground code the lesson must be about
 * @manifestation: (nullable): a manifestation code it must be about
 */
gboolean
ck_lesson_row_matches (CkLessonRow *self,
                       const char  *words,
                       const char  *ground,
                       const char  *manifestation)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (CK_IS_LESSON_ROW (self), FALSE);

  if (ground != NULL && !g_strv_contains ((const char * const *) self->lesson->grounds, ground))
    return FALSE;
  if (manifestation != NULL && !g_strv_contains ((const char * const *) self->lesson->manifestations, manifestation))
    return FALSE;
  if (words == NULL || *words == '\0')
    return TRUE;

  folded = fold (words);
  parts = g_strsplit_set (folded, " \t\n", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0' && strstr (self->search_text, parts[i]) == NULL)
      return FALSE;

  return TRUE;
}
