/* ck-similar-window.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ck-similar.h"
#include "ck-types.h"

G_BEGIN_DECLS

#define CK_TYPE_SIMILAR_WINDOW (ck_similar_window_get_type ())

G_DECLARE_FINAL_TYPE (CkSimilarWindow, ck_similar_window, CK, SIMILAR_WINDOW, AdwWindow)

/* The comparable cases of a case (toetsingskader): how comparable closed
 * cases ended, in the unit and in other units, and the most comparable
 * ones with why. Shows nothing confidential of other cases: it never has
 * it. */

CkSimilarWindow       *ck_similar_window_new        (CkRegister      *reg,
                                                     const CkCase    *kase);
const CkSimilarResult *ck_similar_window_get_result (CkSimilarWindow *self);

G_END_DECLS
