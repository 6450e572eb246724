/* ck-sync.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ck-sync-result.h"
#include "ck-types.h"

G_BEGIN_DECLS

#define CK_TYPE_SYNC (ck_sync_get_type ())

G_DECLARE_FINAL_TYPE (CkSync, ck_sync, CK, SYNC, GObject)

/* The synchronisation of one register with the shared repository, for the
 * window and the command line: its settings (kept in the register, so
 * that both use the same), publishing and importing in a worker thread
 * with progress, cancellation and a watchdog, the replica keys, the
 * quarantine list and the shared records.
 *
 * CkSync::progress is emitted in the thread-default main context of the
 * thread that called ck_sync_run_async(). ck_sync_run() blocks and calls
 * the progress function of ck_sync_set_progress_func() in its own thread
 * instead; CkRegister::changed is emitted when a run finishes, in the
 * caller's thread. */

typedef enum
{
  CK_SYNC_PUBLISH = 1 << 0,
  CK_SYNC_IMPORT  = 1 << 1,
  CK_SYNC_BOTH    = CK_SYNC_PUBLISH | CK_SYNC_IMPORT,
} CkSyncFlags;

typedef void (*CkSyncProgressFunc) (double      fraction,
                                    const char *text,
                                    gpointer    user_data);

#define CK_SYNC_DEFAULT_TIMEOUT 60

CkSync        *ck_sync_new                 (CkRegister          *reg);
CkRegister    *ck_sync_get_register        (CkSync              *self);

char          *ck_sync_dup_remote          (CkSync              *self);
gboolean       ck_sync_set_remote          (CkSync              *self,
                                            const char          *url,
                                            GError             **error);
guint          ck_sync_get_k               (CkSync              *self);
gboolean       ck_sync_set_k               (CkSync              *self,
                                            guint                k,
                                            GError             **error);
char          *ck_sync_dup_setting         (CkSync              *self,
                                            const char          *name);
gboolean       ck_sync_set_setting         (CkSync              *self,
                                            const char          *name,
                                            const char          *value,
                                            GError             **error);
void           ck_sync_save_token_async    (CkSync              *self,
                                            const char          *token,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean       ck_sync_save_token_finish   (CkSync              *self,
                                            GAsyncResult        *result,
                                            GError             **error);
void           ck_sync_set_timeout         (CkSync              *self,
                                            guint                seconds);
void           ck_sync_set_progress_func   (CkSync              *self,
                                            CkSyncProgressFunc   func,
                                            gpointer             user_data);

CkSyncResult  *ck_sync_run                 (CkSync              *self,
                                            CkSyncFlags          flags,
                                            GCancellable        *cancellable,
                                            GError             **error);
void           ck_sync_run_async           (CkSync              *self,
                                            CkSyncFlags          flags,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
CkSyncResult  *ck_sync_run_finish          (CkSync              *self,
                                            GAsyncResult        *result,
                                            GError             **error);
gboolean       ck_sync_is_running          (CkSync              *self);
CkSyncResult  *ck_sync_load_last_result    (CkSync              *self);

gboolean       ck_sync_export              (CkSync              *self,
                                            const char          *directory,
                                            CkSyncResult       **result,
                                            GError             **error);

char          *ck_sync_dup_own_key         (CkSync              *self,
                                            GError             **error);
gboolean       ck_sync_enrol_key           (CkSync              *self,
                                            const char          *text,
                                            GError             **error);
gboolean       ck_sync_withdraw_key        (CkSync              *self,
                                            const char          *replica,
                                            GError             **error);
GPtrArray     *ck_sync_list_keys           (CkSync              *self,
                                            GError             **error);
GPtrArray     *ck_sync_list_quarantine     (CkSync              *self,
                                            GError             **error);
GPtrArray     *ck_sync_list_records        (CkSync              *self,
                                            const char          *unit,
                                            GError             **error);
void           ck_sync_list_records_async  (CkSync              *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
GPtrArray     *ck_sync_list_records_finish (CkSync              *self,
                                            GAsyncResult        *result,
                                            GError             **error);

/* Settings names for ck_sync_dup_setting() */
#define CK_SYNC_SETTING_KNOWN_HOSTS "sync_known_hosts"
#define CK_SYNC_SETTING_SSH_KEY     "sync_ssh_key"

G_END_DECLS
