/* ck-session-storage.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ck-session.h"
#include "ck-storage.h"

G_BEGIN_DECLS

/* The SQL of reflection sessions. Every function expects an unlocked
 * CkStorage; those that write expect the caller to hold a transaction, so
 * that a change and its audit entries commit together. */

gboolean          ck_session_storage_insert            (CkStorage            *storage,
                                                        CkSession            *session,
                                                        GError              **error);
gboolean          ck_session_storage_update            (CkStorage            *storage,
                                                        CkSession            *session,
                                                        GError              **error);
CkSession        *ck_session_storage_load              (CkStorage            *storage,
                                                        gint64                id,
                                                        gboolean              with_confidential,
                                                        GError              **error);
GPtrArray        *ck_session_storage_list_rows         (CkStorage            *storage,
                                                        GError              **error);
gboolean          ck_session_storage_set_deleted       (CkStorage            *storage,
                                                        gint64                id,
                                                        gboolean              deleted,
                                                        GError              **error);
gboolean          ck_session_storage_erase             (CkStorage            *storage,
                                                        gint64                id,
                                                        GError              **error);
gboolean          ck_session_storage_erase_personal_data (CkStorage          *storage,
                                                        gint64                id,
                                                        const GDate          *today,
                                                        GError              **error);
GArray           *ck_session_storage_list_deleted      (CkStorage            *storage,
                                                        gint64                older_than,
                                                        GError              **error);
gboolean          ck_session_storage_put_note          (CkStorage            *storage,
                                                        const CkSessionNote  *note,
                                                        gboolean              append,
                                                        GError              **error);
GPtrArray        *ck_session_storage_list_open_actions (CkStorage            *storage,
                                                        const GDate          *before,
                                                        const GDate          *due_by,
                                                        GError              **error);
gboolean          ck_session_storage_set_action_status (CkStorage            *storage,
                                                        gint64                action_id,
                                                        CkActionStatus        status,
                                                        GError              **error);
CkSessionLesson  *ck_session_storage_load_lesson       (CkStorage            *storage,
                                                        gint64                lesson_id,
                                                        GError              **error);
gboolean          ck_session_storage_set_lesson_state  (CkStorage            *storage,
                                                        gint64                lesson_id,
                                                        CkLessonState         state,
                                                        const char           *shared_id,
                                                        guint                 shared_rev,
                                                        GError              **error);
gboolean          ck_session_storage_get_previous_date (CkStorage            *storage,
                                                        const GDate          *before,
                                                        GDate                *date,
                                                        GError              **error);

G_END_DECLS
