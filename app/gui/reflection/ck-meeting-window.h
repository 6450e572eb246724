/* ck-meeting-window.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ck-meeting-plan.h"

G_BEGIN_DECLS

#define CK_TYPE_MEETING_WINDOW (ck_meeting_window_get_type ())

G_DECLARE_FINAL_TYPE (CkMeetingWindow, ck_meeting_window, CK, MEETING_WINDOW, AdwWindow)

/* The meeting screen for the projector: full screen, large type, driven
 * by the keyboard. It is given a CkMeetingPlan and nothing else: it holds
 * no register, so it cannot load what is confidential. Notes the minute
 * taker types leave it through the "note-added" signal. */
CkMeetingWindow *ck_meeting_window_new           (const CkMeetingPlan *plan);
void             ck_meeting_window_present_on    (CkMeetingWindow     *self,
                                                  GtkWindow           *laptop);
void             ck_meeting_window_report        (CkMeetingWindow     *self,
                                                  const char          *message);
int              ck_meeting_window_get_item      (CkMeetingWindow     *self);
guint            ck_meeting_window_get_step      (CkMeetingWindow     *self);
gboolean         ck_meeting_window_reached_end   (CkMeetingWindow     *self);

G_END_DECLS
