/* ck-session-editor.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ck-session.h"
#include "ck-text-check-cache.h"
#include "ck-types.h"

G_BEGIN_DECLS

#define CK_TYPE_SESSION_EDITOR (ck_session_editor_get_type ())

G_DECLARE_FINAL_TYPE (CkSessionEditor, ck_session_editor, CK, SESSION_EDITOR, AdwBin)

/* The form of one session: its date, method and participants, the agenda
 * with the notes per step, and what it ended with. Nothing is stored
 * until it is saved; releasing a lesson saves first. Emits "changed" when
 * the form starts to differ from what is stored, "saved" after a save,
 * and "toast" with what to tell the person. */
void              ck_session_editor_set_register (CkSessionEditor      *self,
                                                  CkRegister           *reg,
                                                  CkTextCheckCache     *checks);
void              ck_session_editor_edit         (CkSessionEditor      *self,
                                                  const CkSession      *session);
const CkSession  *ck_session_editor_get_session  (CkSessionEditor      *self);
gboolean          ck_session_editor_is_changed   (CkSessionEditor      *self);
void              ck_session_editor_save_async   (CkSessionEditor      *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean          ck_session_editor_save_finish  (CkSessionEditor      *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void              ck_session_editor_undo_remove  (CkSessionEditor      *self);
GtkWidget        *ck_session_editor_get_row      (CkSessionEditor      *self,
                                                  const char           *kind,
                                                  guint                 index,
                                                  const char           *field);

G_END_DECLS
