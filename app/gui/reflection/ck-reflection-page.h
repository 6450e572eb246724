/* ck-reflection-page.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ck-session-minutes.h"
#include "ck-types.h"

G_BEGIN_DECLS

#define CK_TYPE_REFLECTION_PAGE (ck_reflection_page_get_type ())

G_DECLARE_FINAL_TYPE (CkReflectionPage, ck_reflection_page, CK, REFLECTION_PAGE, AdwBin)

/* The Reflectiekamer page: the unit's sessions (a list and the form of the
 * one chosen), meeting mode, minutes, and the Lessen list of every unit's
 * released lessons. */
void      ck_reflection_page_set_register  (CkReflectionPage    *self,
                                            CkRegister          *reg);
void      ck_reflection_page_new_session   (CkReflectionPage    *self);
void      ck_reflection_page_show_session  (CkReflectionPage    *self,
                                            gint64               id);
void      ck_reflection_page_start_meeting (CkReflectionPage    *self);
void      ck_reflection_page_export        (CkReflectionPage    *self,
                                            CkMinutesVariant     variant,
                                            CkMinutesFormat      format,
                                            const char          *path);
gboolean  ck_reflection_page_is_busy       (CkReflectionPage    *self);
void      ck_reflection_page_finish_pending (CkReflectionPage   *self);

G_END_DECLS
