/* ck-sessions.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ck-meeting-plan.h"
#include "ck-session.h"
#include "ck-text-check.h"
#include "ck-types.h"

G_BEGIN_DECLS

/* The reflection room of a register: its sessions, their lessons for
 * other units, and the actions that fall due.
 *
 * Threads: the synchronous calls are safe from any thread (the register
 * serialises database work), but those that change something emit the
 * register's "changed" and belong on the register's thread; the _async
 * calls work in a thread and emit it in their _finish(). */

/* Which finding of the text check is in which field of a lesson. */
typedef struct
{
  const char    *field;      /* "title", "text" or "theme" */
  CkTextFinding *finding;
} CkLessonFinding;

GPtrArray     *ck_sessions_list                  (CkRegister            *reg,
                                                  GError               **error);
CkSession     *ck_sessions_load                  (CkRegister            *reg,
                                                  gint64                 id,
                                                  gboolean               with_confidential,
                                                  GError               **error);
gboolean       ck_sessions_save                  (CkRegister            *reg,
                                                  CkSession             *session,
                                                  GError               **error);
void           ck_sessions_save_async            (CkRegister            *reg,
                                                  const CkSession       *session,
                                                  GCancellable          *cancellable,
                                                  GAsyncReadyCallback    callback,
                                                  gpointer               user_data);
CkSession     *ck_sessions_save_finish           (CkRegister            *reg,
                                                  GAsyncResult          *result,
                                                  GError               **error);
gboolean       ck_sessions_delete                (CkRegister            *reg,
                                                  gint64                 id,
                                                  GError               **error);
gboolean       ck_sessions_restore               (CkRegister            *reg,
                                                  gint64                 id,
                                                  GError               **error);
gboolean       ck_sessions_erase                 (CkRegister            *reg,
                                                  gint64                 id,
                                                  GError               **error);
gboolean       ck_sessions_empty_bin             (CkRegister            *reg,
                                                  GError               **error);

gboolean       ck_sessions_put_note              (CkRegister            *reg,
                                                  const CkSessionNote   *note,
                                                  gboolean               append,
                                                  GError               **error);
void           ck_sessions_put_note_async        (CkRegister            *reg,
                                                  const CkSessionNote   *note,
                                                  gboolean               append,
                                                  GCancellable          *cancellable,
                                                  GAsyncReadyCallback    callback,
                                                  gpointer               user_data);
gboolean       ck_sessions_put_note_finish       (CkRegister            *reg,
                                                  GAsyncResult          *result,
                                                  GError               **error);

GPtrArray     *ck_sessions_list_open_actions     (CkRegister            *reg,
                                                  const GDate           *before,
                                                  GError               **error);
gboolean       ck_sessions_set_action_status     (CkRegister            *reg,
                                                  gint64                 action_id,
                                                  CkActionStatus         status,
                                                  GError               **error);
GPtrArray     *ck_sessions_get_attention         (CkRegister            *reg,
                                                  const GDate           *today,
                                                  guint                  horizon_days,
                                                  GError               **error);

gboolean       ck_sessions_get_period            (CkRegister            *reg,
                                                  const GDate           *date,
                                                  GDate                 *from,
                                                  GDate                 *to,
                                                  GError               **error);
GPtrArray     *ck_sessions_count_period          (CkRegister            *reg,
                                                  const GDate           *date,
                                                  GError               **error);
GPtrArray     *ck_sessions_suggest               (CkRegister            *reg,
                                                  const CkSession       *session,
                                                  const GDate           *today,
                                                  GError               **error);
void           ck_sessions_suggest_async         (CkRegister            *reg,
                                                  const CkSession       *session,
                                                  GCancellable          *cancellable,
                                                  GAsyncReadyCallback    callback,
                                                  gpointer               user_data);
GPtrArray     *ck_sessions_suggest_finish        (CkRegister            *reg,
                                                  GAsyncResult          *result,
                                                  GError               **error);

CkTextCheck   *ck_sessions_new_text_check        (CkRegister            *reg,
                                                  GError               **error);
void           ck_sessions_new_text_check_async  (CkRegister            *reg,
                                                  GCancellable          *cancellable,
                                                  GAsyncReadyCallback    callback,
                                                  gpointer               user_data);
CkTextCheck   *ck_sessions_new_text_check_finish (CkRegister            *reg,
                                                  GAsyncResult          *result,
                                                  GError               **error);

CkMeetingPlan *ck_sessions_load_meeting          (CkRegister            *reg,
                                                  gint64                 id,
                                                  const GDate           *today,
                                                  CkTextCheck           *check,
                                                  GError               **error);
void           ck_sessions_load_meeting_async    (CkRegister            *reg,
                                                  gint64                 id,
                                                  CkTextCheck           *check,
                                                  GCancellable          *cancellable,
                                                  GAsyncReadyCallback    callback,
                                                  gpointer               user_data);
CkMeetingPlan *ck_sessions_load_meeting_finish   (CkRegister            *reg,
                                                  GAsyncResult          *result,
                                                  GError               **error);

GPtrArray     *ck_sessions_check_lesson          (const CkSessionLesson *lesson,
                                                  CkTextCheck           *check);
gboolean       ck_sessions_release_lesson        (CkRegister            *reg,
                                                  gint64                 lesson_id,
                                                  CkTextCheck           *check,
                                                  const GDate           *today,
                                                  GError               **error);
gboolean       ck_sessions_withdraw_lesson       (CkRegister            *reg,
                                                  gint64                 lesson_id,
                                                  GError               **error);
GListModel    *ck_sessions_list_lessons          (CkRegister            *reg,
                                                  GError               **error);
void           ck_lesson_finding_free            (CkLessonFinding       *finding);

G_END_DECLS
