/* ck-guidance-group.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ck-guidance.h"
#include "ck-types.h"

G_BEGIN_DECLS

#define CK_TYPE_GUIDANCE_GROUP (ck_guidance_group_get_type ())

G_DECLARE_FINAL_TYPE (CkGuidanceGroup, ck_guidance_group, CK, GUIDANCE_GROUP, AdwPreferencesGroup)

/* The checklist of a case in its editor: each step that applies, done or
 * when due, what to do now and the guidance for the case's situation. */

void        ck_guidance_group_update       (CkGuidanceGroup   *self,
                                            const CkCase      *kase,
                                            const CkDeadlines *deadlines,
                                            const GDate       *today);
GtkWidget  *ck_guidance_group_get_step_row (CkGuidanceGroup   *self,
                                            CkStep             step);

G_END_DECLS
