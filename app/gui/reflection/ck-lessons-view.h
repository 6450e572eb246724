/* ck-lessons-view.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ck-types.h"

G_BEGIN_DECLS

#define CK_TYPE_LESSONS_VIEW (ck_lessons_view_get_type ())

G_DECLARE_FINAL_TYPE (CkLessonsView, ck_lessons_view, CK, LESSONS_VIEW, AdwBin)

/* The Lessen list: every released lesson the register holds, the unit's
 * own and those of other units, searchable by words, ground and
 * manifestation. */
void        ck_lessons_view_set_register (CkLessonsView *self,
                                          CkRegister    *reg);
GListModel *ck_lessons_view_get_shown    (CkLessonsView *self);

G_END_DECLS
