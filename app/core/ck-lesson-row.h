/* ck-lesson-row.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ck-shared-lesson.h"

G_BEGIN_DECLS

#define CK_TYPE_LESSON_ROW (ck_lesson_row_get_type ())

G_DECLARE_FINAL_TYPE (CkLessonRow, ck_lesson_row, CK, LESSON_ROW, GObject)

/* A released lesson of any unit, as the Lessen list shows it. Immutable. */
CkLessonRow          *ck_lesson_row_new           (const CkSharedLesson *lesson,
                                                   gboolean              own);
const CkSharedLesson *ck_lesson_row_get_lesson    (CkLessonRow          *self);
gboolean              ck_lesson_row_is_own        (CkLessonRow          *self);
char                 *ck_lesson_row_dup_period    (CkLessonRow          *self);
gboolean              ck_lesson_row_matches       (CkLessonRow          *self,
                                                   const char           *words,
                                                   const char           *ground,
                                                   const char           *manifestation);

G_END_DECLS
