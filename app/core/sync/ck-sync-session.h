/* ck-sync-session.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <git2.h>
#include <glib.h>

#include "ck-sync-remote.h"
#include "ck-types.h"

G_BEGIN_DECLS

/* One synchronisation's view of the shared repository.
 *
 * A plain path is worked on directly: objects are read from it and packs
 * written into it, and the replica's ref is moved with a compare-and-swap
 * under Git's lock file. (libgit2's push over a file path overwrites a ref
 * without such a check, and would copy every object through a second
 * pack; reading and writing the repository itself is both safer and
 * faster.) Over SSH and HTTPS the session keeps a bare cache repository
 * beside the register ("<register>-sync"), fetches every unit's ref into
 * refs/ck/remote/ there, and pushes the replica's ref from it.
 *
 * Either way ck_sync_session_lookup_tip() gives what the shared repository
 * holds for a ref, as last seen. */

typedef struct
{
  CkRemote        *remote;
  git_repository  *repo;
  const char      *tracking_prefix;   /* "refs/heads/" or "refs/ck/remote/" */
  gboolean         fetched;
} CkSyncSession;

CkSyncSession *ck_sync_session_open        (CkRegister      *reg,
                                            CkRemote        *remote,
                                            GError         **error);
gboolean       ck_sync_session_fetch       (CkSyncSession   *self,
                                            GError         **error);
gboolean       ck_sync_session_lookup_tip  (CkSyncSession   *self,
                                            const char      *ref,
                                            git_oid         *oid);
gboolean       ck_sync_session_deliver     (CkSyncSession   *self,
                                            const char      *ref,
                                            const git_oid   *expected,
                                            const git_oid   *commit,
                                            GError         **error);
void           ck_sync_session_free        (CkSyncSession   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CkSyncSession, ck_sync_session_free)

G_END_DECLS
