/* ck-sync-stream.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* libgit2 1.5 has no network timeouts: a remote that stops answering
 * blocks a fetch or push for ever. Casuskamer registers its own socket
 * stream with libgit2 (used for SSH, HTTP and under TLS) that connects
 * with a timeout and waits for data in short slices, and a watchdog that
 * a worker thread binds to itself around network work: when the
 * cancellable fires or nothing moved for the timeout, the watchdog shuts
 * the thread's sockets down, which also wakes libssh2, which reads the
 * socket itself. */

typedef struct _CkSyncWatchdog CkSyncWatchdog;

CkSyncWatchdog *ck_sync_watchdog_new        (guint            timeout_seconds,
                                             GCancellable    *cancellable);
void            ck_sync_watchdog_free       (CkSyncWatchdog  *self);
void            ck_sync_watchdog_enter      (CkSyncWatchdog  *self);
void            ck_sync_watchdog_leave      (CkSyncWatchdog  *self);
void            ck_sync_watchdog_touch      (CkSyncWatchdog  *self);
gboolean        ck_sync_watchdog_timed_out  (CkSyncWatchdog  *self);
CkSyncWatchdog *ck_sync_watchdog_get_current (void);

void            ck_sync_stream_register     (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CkSyncWatchdog, ck_sync_watchdog_free)

G_END_DECLS
