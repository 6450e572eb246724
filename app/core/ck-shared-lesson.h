/* ck-shared-lesson.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ck-types.h"

G_BEGIN_DECLS

typedef struct _CkSharedLesson CkSharedLesson;

/* A lesson a reflection room released for other units (DOMAIN.md, privacy
 * rule 1): its text passed the check of ck-text-check.c and a person
 * released it. It travels beside the unit's anonymised records. */
struct _CkSharedLesson
{
  char      *id;              /* 32 lowercase hex digits, random */
  char      *unit;
  char      *replica;
  guint      rev;
  gboolean   retracted;

  int        year;            /* when it was released */
  int        quarter;
  char      *title;
  char      *text;
  char      *theme;           /* free words, checked like the text; may be NULL */
  char     **grounds;         /* codes it is about; may be empty */
  char     **manifestations;
};

#define CK_TYPE_SHARED_LESSON (ck_shared_lesson_get_type ())

GType           ck_shared_lesson_get_type (void) G_GNUC_CONST;
CkSharedLesson *ck_shared_lesson_new      (void);
CkSharedLesson *ck_shared_lesson_copy     (const CkSharedLesson *self);
void            ck_shared_lesson_free     (CkSharedLesson       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CkSharedLesson, ck_shared_lesson_free)

G_END_DECLS
