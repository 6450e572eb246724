/* ck-shared-lesson.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ck-shared-lesson.h"

G_DEFINE_BOXED_TYPE (CkSharedLesson, ck_shared_lesson, ck_shared_lesson_copy, ck_shared_lesson_free)

CkSharedLesson *
ck_shared_lesson_new (void)
{
  CkSharedLesson *self = g_new0 (CkSharedLesson, 1);

  self->grounds = g_new0 (char *, 1);
  self->manifestations = g_new0 (char *, 1);
  return self;
}

CkSharedLesson *
ck_shared_lesson_copy (const CkSharedLesson *self)
{
  CkSharedLesson *copy = ck_shared_lesson_new ();

  copy->id = g_strdup (self->id);
  copy->unit = g_strdup (self->unit);
  copy->replica = g_strdup (self->replica);
  copy->rev = self->rev;
  copy->retracted = self->retracted;
  copy->year = self->year;
  copy->quarter = self->quarter;
  copy->title = g_strdup (self->title);
  copy->text = g_strdup (self->text);
  copy->theme = g_strdup (self->theme);
  g_strfreev (copy->grounds);
  copy->grounds = g_strdupv (self->grounds);
  g_strfreev (copy->manifestations);
  copy->manifestations = g_strdupv (self->manifestations);
  return copy;
}

void
ck_shared_lesson_free (CkSharedLesson *self)
{
  if (self == NULL)
    return;

  g_free (self->id);
  g_free (self->unit);
  g_free (self->replica);
  g_free (self->title);
  g_free (self->text);
  g_free (self->theme);
  g_strfreev (self->grounds);
  g_strfreev (self->manifestations);
  g_free (self);
}
