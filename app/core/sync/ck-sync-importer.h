/* ck-sync-importer.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ck-sync-result.h"
#include "ck-sync-session.h"
#include "ck-types.h"

G_BEGIN_DECLS

/* Imports the other replicas' records and lessons into shared_records and
 * shared_lessons (own = 0). A ref is read only when its commit changed
 * since the last import, only when it is signed by the key the national
 * coordinator enrolled for that replica, and only the files that differ
 * from the tree imported before. Every file is checked: its path exactly
 * units/<unit>/<replica>/{records,lessons}/<aa>/<id>.json in the ref's own
 * folder, mode 100644, size (read from the object header before the
 * object), strict canonical JSON with known fields and codes, and unit,
 * replica and id matching the path. A bad file goes to the quarantine
 * list with the reason; the rest goes on. The changes of one ref and its
 * new import state are stored in one transaction, so a crash loses
 * nothing and a second run imports nothing new.
 *
 * Does not emit CkRegister::changed: the caller does, on the register's
 * thread. */

gboolean  ck_sync_import  (CkRegister     *reg,
                           CkSyncSession  *session,
                           CkSyncResult   *result,
                           GError        **error);

G_END_DECLS
