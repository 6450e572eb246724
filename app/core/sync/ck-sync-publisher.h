/* ck-sync-publisher.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ck-sync-result.h"
#include "ck-sync-session.h"
#include "ck-types.h"

G_BEGIN_DECLS

/* Publishes the replica's snapshot on its own ref: the plan's files are
 * written into a new tree in memory (a mempack backend), committed on top
 * of what the shared repository holds, signed, written as one pack, and
 * the ref moved (or pushed) and read back. The plan's state is stored in
 * the register, with the commit as pending, before the ref moves, so that
 * a crash at any point loses nothing: the next publish builds on the
 * pending commit. */

gboolean  ck_sync_publish        (CkRegister     *reg,
                                  CkSyncSession  *session,
                                  CkSyncResult   *result,
                                  GError        **error);
gboolean  ck_sync_export_files   (CkRegister     *reg,
                                  const char     *directory,
                                  CkSyncResult   *result,
                                  GError        **error);

G_END_DECLS
