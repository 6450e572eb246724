/* ck-register.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ck-storage.h"
#include "ck-types.h"

G_BEGIN_DECLS

#define CK_TYPE_REGISTER (ck_register_get_type ())

G_DECLARE_FINAL_TYPE (CkRegister, ck_register, CK, REGISTER, GObject)

/* The unit's case register: one SQLite file, locked until the passphrase
 * (or a key from the keyring) opens it.
 *
 * Threads: every call is safe from any thread, as database work is
 * serialised inside. The case list and the signals belong to the thread
 * that created the register (the main thread in the application): the
 * synchronous calls that change cases must be made there, and the async
 * calls update the list when their _finish() is called there. */

char          *ck_register_get_default_path    (void);
char          *ck_register_get_demo_path       (void);

CkRegister    *ck_register_create              (const char           *path,
                                                const char           *unit,
                                                const char           *passphrase,
                                                GError              **error);
CkRegister    *ck_register_open                (const char           *path,
                                                GError              **error);

gboolean       ck_register_unlock              (CkRegister           *self,
                                                const char           *passphrase,
                                                GError              **error);
void           ck_register_unlock_async        (CkRegister           *self,
                                                const char           *passphrase,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean       ck_register_unlock_finish       (CkRegister           *self,
                                                GAsyncResult         *result,
                                                GError              **error);
gboolean       ck_register_unlock_with_key     (CkRegister           *self,
                                                const CkSecretKey    *key,
                                                GError              **error);
CkSecretKey   *ck_register_dup_key             (CkRegister           *self);
gboolean       ck_register_change_passphrase   (CkRegister           *self,
                                                const char           *passphrase,
                                                GError              **error);
gboolean       ck_register_is_unlocked         (CkRegister           *self);

const char    *ck_register_get_path            (CkRegister           *self);
const char    *ck_register_get_id              (CkRegister           *self);
const char    *ck_register_get_unit            (CkRegister           *self);
char          *ck_register_dup_replica_id      (CkRegister           *self);
void           ck_register_set_actor           (CkRegister           *self,
                                                const char           *actor);

GListModel    *ck_register_get_cases           (CkRegister           *self);
CkCase        *ck_register_get_case            (CkRegister           *self,
                                                gint64                id,
                                                gboolean              with_confidential,
                                                GError              **error);
CkCase        *ck_register_find_case           (CkRegister           *self,
                                                const char           *reference,
                                                gboolean              with_confidential,
                                                GError              **error);
gboolean       ck_register_save_case           (CkRegister           *self,
                                                CkCase               *kase,
                                                GError              **error);
void           ck_register_save_case_async     (CkRegister           *self,
                                                const CkCase         *kase,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
CkCase        *ck_register_save_case_finish    (CkRegister           *self,
                                                GAsyncResult         *result,
                                                GError              **error);
gboolean       ck_register_insert_cases        (CkRegister           *self,
                                                GPtrArray            *cases,
                                                GError              **error);
gboolean       ck_register_delete_case         (CkRegister           *self,
                                                gint64                id,
                                                GError              **error);
gboolean       ck_register_restore_case        (CkRegister           *self,
                                                gint64                id,
                                                GError              **error);
gboolean       ck_register_erase_case          (CkRegister           *self,
                                                gint64                id,
                                                GError              **error);
gboolean       ck_register_empty_bin           (CkRegister           *self,
                                                GError              **error);

GArray        *ck_register_query               (CkRegister           *self,
                                                const CkCaseQuery    *query,
                                                GError              **error);
void           ck_register_query_async         (CkRegister           *self,
                                                const CkCaseQuery    *query,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
GArray        *ck_register_query_finish        (CkRegister           *self,
                                                GAsyncResult         *result,
                                                GError              **error);
typedef gboolean (*CkCaseFunc) (CkCase   *kase,
                                gpointer  user_data);

gboolean       ck_register_foreach_case        (CkRegister           *self,
                                                gboolean              with_confidential,
                                                CkCaseFunc            func,
                                                gpointer              user_data,
                                                GError              **error);
GPtrArray     *ck_register_get_history         (CkRegister           *self,
                                                gint64                id,
                                                GError              **error);

/* For the core's feature stores: exclusive use of the storage until
 * ck_register_release(). Never hold it across a main loop iteration. */
CkStorage     *ck_register_acquire             (CkRegister           *self);
void           ck_register_release             (CkRegister           *self);
void           ck_register_emit_changed        (CkRegister           *self);

G_END_DECLS
