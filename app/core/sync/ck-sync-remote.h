/* ck-sync-remote.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <git2.h>
#include <gio/gio.h>

#include "ck-sync-stream.h"

G_BEGIN_DECLS

/* Where the shared repository is and how to reach it: a plain path to a
 * bare repository (a file share or USB stick; made on first use), SSH
 * (the agent or a key file; the host key must be in known_hosts) or HTTPS
 * (a token kept in the keyring). Fills libgit2's callbacks: credentials
 * with a bounded number of attempts, the host key and certificate checks,
 * progress that keeps the watchdog quiet, and cancellation. A callback
 * that refuses keeps its reason in words for people; ck_remote_explain()
 * turns any libgit2 failure into such words. */

typedef enum
{
  CK_REMOTE_PATH,
  CK_REMOTE_SSH,
  CK_REMOTE_HTTP,
} CkRemoteKind;

typedef void (*CkRemoteProgressFunc) (double      fraction,
                                      const char *text,
                                      gpointer    user_data);

typedef struct
{
  CkRemoteKind          kind;
  char                 *url;
  char                 *path;             /* CK_REMOTE_PATH: absolute */
  char                 *host;
  int                   port;
  char                 *known_hosts;      /* SSH: the file host keys are checked against */
  char                 *ssh_key;          /* SSH: a private key file; NULL for the agent or ~/.ssh/id_* */
  char                 *token;            /* HTTPS: the password or token */

  GCancellable         *cancellable;
  CkSyncWatchdog       *watchdog;
  CkRemoteProgressFunc  progress;
  gpointer              progress_data;
  const char           *stage;            /* what progress text says is happening */

  guint                 attempts;
  GError               *refusal;
} CkRemote;

#define CK_REMOTE_MAX_ATTEMPTS 3

CkRemote   *ck_remote_new             (const char            *url,
                                       GError               **error);
void        ck_remote_free            (CkRemote              *self);
const char *ck_remote_describe        (CkRemote              *self);
void        ck_remote_fill_callbacks  (CkRemote              *self,
                                       git_remote_callbacks  *callbacks);
gboolean    ck_remote_explain         (CkRemote              *self,
                                       int                    rc,
                                       const char            *what,
                                       GError               **error);
gboolean    ck_remote_check_cancelled (CkRemote              *self,
                                       GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CkRemote, ck_remote_free)

G_END_DECLS
