/* ck-session-row.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CK_TYPE_SESSION_ROW (ck_session_row_get_type ())

G_DECLARE_FINAL_TYPE (CkSessionRow, ck_session_row, CK, SESSION_ROW, GObject)

/* What the list of sessions shows of a session: nothing confidential.
 * Rows are immutable; a changed session gets a new row. */
CkSessionRow *ck_session_row_new                (gint64        id,
                                                 const GDate  *date,
                                                 const char   *title,
                                                 const char   *method,
                                                 const char   *status,
                                                 guint         n_items,
                                                 guint         n_open_actions);
gint64        ck_session_row_get_id             (CkSessionRow *self);
const GDate  *ck_session_row_get_date           (CkSessionRow *self);
const char   *ck_session_row_get_title          (CkSessionRow *self);
const char   *ck_session_row_get_method         (CkSessionRow *self);
const char   *ck_session_row_get_status         (CkSessionRow *self);
guint         ck_session_row_get_n_items        (CkSessionRow *self);
guint         ck_session_row_get_n_open_actions (CkSessionRow *self);

G_END_DECLS
