/* ck-sync.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ck-error.h"
#include "ck-git.h"
#include "ck-record-file.h"
#include "ck-register.h"
#include "ck-shared-store.h"
#include "ck-sync.h"
#include "ck-sync-importer.h"
#include "ck-sync-publisher.h"
#include "ck-sync-remote.h"
#include "ck-sync-session.h"
#include "ck-sync-signing.h"
#include "ck-sync-store.h"
#include "ck-sync-token.h"

/* At most this often the progress reaches the window. */
#define PROGRESS_INTERVAL_US (50 * 1000)

struct _CkSync
{
  GObject             parent_instance;

  CkRegister         *reg;
  guint               timeout;
  CkSyncProgressFunc  progress_func;
  gpointer            progress_data;
  gboolean            running;
};

G_DEFINE_FINAL_TYPE (CkSync, ck_sync, G_TYPE_OBJECT)

enum {
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  CkSync        *self;
  CkSyncFlags    flags;
  GMainContext  *context;
  gint64         last_report;
  char          *last_text;
} RunData;

typedef struct
{
  CkSync *self;
  double  fraction;
  char   *text;
} Report;

static void
run_data_free (RunData *data)
{
  g_clear_object (&data->self);
  g_clear_pointer (&data->context, g_main_context_unref);
  g_free (data->last_text);
  g_free (data);
}

static gboolean
emit_report (gpointer user_data)
{
  Report *report = user_data;

  g_signal_emit (report->self, signals[PROGRESS], 0, report->fraction, report->text);
  return G_SOURCE_REMOVE;
}

static void
report_free (gpointer user_data)
{
  Report *report = user_data;

  g_object_unref (report->self);
  g_free (report->text);
  g_free (report);
}

static void
progress_cb (double      fraction,
             const char *text,
             gpointer    user_data)
{
  RunData *data = user_data;
  gint64 now = g_get_monotonic_time ();
  Report *report;

  if (g_strcmp0 (text, data->last_text) == 0 && now - data->last_report < PROGRESS_INTERVAL_US)
    return;
  data->last_report = now;
  g_free (data->last_text);
  data->last_text = g_strdup (text);

  if (data->context == NULL)
    {
      if (data->self->progress_func != NULL)
        data->self->progress_func (fraction, text, data->self->progress_data);
      return;
    }

  report = g_new0 (Report, 1);
  report->self = g_object_ref (data->self);
  report->fraction = CLAMP (fraction, 0.0, 1.0);
  report->text = g_strdup (text);
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, emit_report, report, report_free);
}

static char *
get_meta (CkSync     *self,
          const char *key)
{
  CkStorage *storage = ck_register_acquire (self->reg);
  char *value = ck_storage_get_meta (storage, key);

  ck_register_release (self->reg);
  return value;
}

static CkRemote *
make_remote (CkSync        *self,
             RunData       *data,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autofree char *url = get_meta (self, CK_SYNC_META_REMOTE);
  g_autofree char *known_hosts = get_meta (self, CK_SYNC_SETTING_KNOWN_HOSTS);
  g_autoptr(CkRemote) remote = ck_remote_new (url, error);

  if (remote == NULL)
    return NULL;

  if (known_hosts != NULL)
    {
      g_free (remote->known_hosts);
      remote->known_hosts = g_steal_pointer (&known_hosts);
    }
  remote->ssh_key = get_meta (self, CK_SYNC_SETTING_SSH_KEY);
  if (remote->kind == CK_REMOTE_HTTP)
    remote->token = ck_sync_token_lookup (remote->host, cancellable);
  remote->cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  remote->watchdog = ck_sync_watchdog_new (self->timeout, remote->cancellable);
  remote->progress = progress_cb;
  remote->progress_data = data;
  return g_steal_pointer (&remote);
}

static void
store_last_result (CkSync       *self,
                   CkSyncResult *result)
{
  CkStorage *storage = ck_register_acquire (self->reg);
  g_autofree char *json = ck_sync_result_to_json (result);

  ck_storage_set_meta (storage, CK_SYNC_META_LAST_RESULT, json, NULL);
  ck_register_release (self->reg);
}

static CkSyncResult *
run_sync (RunData       *data,
          GCancellable  *cancellable,
          GError       **error)
{
  CkSync *self = data->self;
  g_autoptr(CkSyncResult) result = ck_sync_result_new ();
  g_autoptr(CkRemote) remote = NULL;
  g_autoptr(CkSyncSession) session = NULL;
  CkSyncWatchdog *watchdog;
  gboolean ok;

  if (!ck_register_is_unlocked (self->reg))
    {
      g_set_error_literal (error, CK_ERROR, CK_ERROR_LOCKED,
                           _("The register is locked. Enter the passphrase first."));
      return NULL;
    }

  if (!(remote = make_remote (self, data, cancellable, error)))
    return NULL;
  result->remote = g_strdup (ck_remote_describe (remote));

  progress_cb (0, _("Opening the shared repository"), data);
  if (!(session = ck_sync_session_open (self->reg, remote, error)))
    return NULL;

  progress_cb (0.05, _("Fetching the units’ records"), data);
  if (!ck_sync_session_fetch (session, error))
    return NULL;

  if (data->flags & CK_SYNC_PUBLISH)
    {
      progress_cb (0.3, _("Publishing this unit’s records"), data);
      if (!ck_sync_publish (self->reg, session, result, error))
        return NULL;
    }

  if (data->flags & CK_SYNC_IMPORT)
    {
      progress_cb (0.6, _("Importing the other units’ records"), data);
      if (!ck_sync_import (self->reg, session, result, error))
        return NULL;
    }

  watchdog = remote->watchdog;
  ok = watchdog == NULL || !ck_sync_watchdog_timed_out (watchdog);
  if (!ok)
    {
      g_set_error (error, CK_ERROR, CK_ERROR_IO,
                   _("The shared repository at %s stopped answering. Nothing was lost; try again later."),
                   ck_remote_describe (remote));
      return NULL;
    }

  result->finished_at = g_get_real_time () / G_USEC_PER_SEC;
  store_last_result (self, result);
  progress_cb (1, _("Done"), data);
  return g_steal_pointer (&result);
}

static void
ck_sync_dispose (GObject *object)
{
  CkSync *self = (CkSync *)object;

  g_clear_object (&self->reg);

  G_OBJECT_CLASS (ck_sync_parent_class)->dispose (object);
}

static void
ck_sync_class_init (CkSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ck_sync_dispose;

  /**
   * CkSync::progress:
   * @fraction: from 0 to 1
   * @text: what is being done, for people
   */
  signals[PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_STRING);
}

static void
ck_sync_init (CkSync *self)
{
  self->timeout = CK_SYNC_DEFAULT_TIMEOUT;
}

CkSync *
ck_sync_new (CkRegister *reg)
{
  CkSync *self;

  g_return_val_if_fail (CK_IS_REGISTER (reg), NULL);

  self = g_object_new (CK_TYPE_SYNC, NULL);
  self->reg = g_object_ref (reg);
  ck_git_init ();
  return self;
}

CkRegister *
ck_sync_get_register (CkSync *self)
{
  g_return_val_if_fail (CK_IS_SYNC (self), NULL);

  return self->reg;
}

/* Returns: (transfer full) (nullable): the shared repository's address */
char *
ck_sync_dup_remote (CkSync *self)
{
  g_return_val_if_fail (CK_IS_SYNC (self), NULL);

  return get_meta (self, CK_SYNC_META_REMOTE);
}

/* Checks and keeps @url as the shared repository. */
gboolean
ck_sync_set_remote (CkSync      *self,
                    const char  *url,
                    GError     **error)
{
  g_autoptr(CkRemote) remote = ck_remote_new (url, error);
  g_autofree char *value = NULL;
  CkStorage *storage;
  gboolean ok;

  g_return_val_if_fail (CK_IS_SYNC (self), FALSE);

  if (remote == NULL)
    return FALSE;

  /* A relative path means where the command was given; keep it absolute. */
  value = g_strdup (remote->kind == CK_REMOTE_PATH ? remote->path : remote->url);
  storage = ck_register_acquire (self->reg);
  ok = ck_storage_set_meta (storage, CK_SYNC_META_REMOTE, value, error);
  ck_register_release (self->reg);
  return ok;
}

guint
ck_sync_get_k (CkSync *self)
{
  CkStorage *storage;
  guint k;

  g_return_val_if_fail (CK_IS_SYNC (self), CK_K_ANONYMITY_DEFAULT_K);

  storage = ck_register_acquire (self->reg);
  k = ck_sync_store_get_k (storage);
  ck_register_release (self->reg);
  return k;
}

gboolean
ck_sync_set_k (CkSync  *self,
               guint    k,
               GError **error)
{
  CkStorage *storage;
  gboolean ok;

  g_return_val_if_fail (CK_IS_SYNC (self), FALSE);

  storage = ck_register_acquire (self->reg);
  ok = ck_sync_store_set_k (storage, k, error);
  ck_register_release (self->reg);
  return ok;
}

/* Returns: (transfer full) (nullable): a CK_SYNC_SETTING_… value */
char *
ck_sync_dup_setting (CkSync     *self,
                     const char *name)
{
  g_return_val_if_fail (CK_IS_SYNC (self), NULL);

  return get_meta (self, name);
}

/* A %NULL or empty @value removes the setting. */
gboolean
ck_sync_set_setting (CkSync      *self,
                     const char  *name,
                     const char  *value,
                     GError     **error)
{
  CkStorage *storage;
  gboolean ok;

  g_return_val_if_fail (CK_IS_SYNC (self), FALSE);

  storage = ck_register_acquire (self->reg);
  ok = ck_storage_set_meta (storage, name, value != NULL && *value != '\0' ? value : NULL, error);
  ck_register_release (self->reg);
  return ok;
}

static void
save_token_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  g_autofree char *url = get_meta (source_object, CK_SYNC_META_REMOTE);
  g_autoptr(CkRemote) remote = NULL;
  g_autoptr(GError) error = NULL;

  if (!(remote = ck_remote_new (url, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (remote->kind != CK_REMOTE_HTTP)
    {
      g_task_return_new_error (task, CK_ERROR, CK_ERROR_INVALID, "%s",
                               _("A token is only needed for a shared repository at an HTTPS address."));
      return;
    }

  if (!ck_sync_token_store (remote->host, task_data, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* Keeps @token in the keyring for the shared repository's host. */
void
ck_sync_save_token_async (CkSync              *self,
                          const char          *token,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CK_IS_SYNC (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ck_sync_save_token_async);
  g_task_set_task_data (task, g_strdup (token), g_free);
  g_task_run_in_thread (task, save_token_thread);
}

gboolean
ck_sync_save_token_finish (CkSync        *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* How long network work may go without any data moving. */
void
ck_sync_set_timeout (CkSync *self,
                     guint   seconds)
{
  g_return_if_fail (CK_IS_SYNC (self));

  self->timeout = MAX (seconds, 1);
}

/* For ck_sync_run(): called in the running thread. */
void
ck_sync_set_progress_func (CkSync             *self,
                           CkSyncProgressFunc  func,
                           gpointer            user_data)
{
  g_return_if_fail (CK_IS_SYNC (self));

  self->progress_func = func;
  self->progress_data = user_data;
}

static gboolean
begin_run (CkSync  *self,
           GError **error)
{
  if (self->running)
    {
      g_set_error_literal (error, CK_ERROR, CK_ERROR_FAILED,
                           _("A synchronisation is running already."));
      return FALSE;
    }

  self->running = TRUE;
  return TRUE;
}

/**
 * ck_sync_run:
 *
 * Publishes and/or imports, blocking the calling thread.
 *
 * Returns: (transfer full) (nullable): what was done, or %NULL with @error
 */
CkSyncResult *
ck_sync_run (CkSync        *self,
             CkSyncFlags    flags,
             GCancellable  *cancellable,
             GError       **error)
{
  RunData data = { self, flags, NULL, 0, NULL };
  CkSyncResult *result;

  g_return_val_if_fail (CK_IS_SYNC (self), NULL);

  if (!begin_run (self, error))
    return NULL;

  result = run_sync (&data, cancellable, error);
  g_free (data.last_text);
  self->running = FALSE;
  ck_register_emit_changed (self->reg);
  return result;
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  CkSyncResult *result = run_sync (task_data, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, (GDestroyNotify) ck_sync_result_free);
}

void
ck_sync_run_async (CkSync              *self,
                   CkSyncFlags          flags,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  RunData *data;

  g_return_if_fail (CK_IS_SYNC (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ck_sync_run_async);
  /* The run's own error says what a cancel left done (CK_ERROR_CANCELLED). */
  g_task_set_check_cancellable (task, FALSE);

  if (!begin_run (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (RunData, 1);
  data->self = g_object_ref (self);
  data->flags = flags;
  data->context = g_main_context_ref_thread_default ();
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  g_task_run_in_thread (task, run_thread);
}

CkSyncResult *
ck_sync_run_finish (CkSync        *self,
                    GAsyncResult  *result,
                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  /* Only a run that started clears the flag: a refused second run must
   * not end the first. */
  if (g_task_get_task_data (G_TASK (result)) != NULL)
    {
      self->running = FALSE;
      ck_register_emit_changed (self->reg);
    }

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
ck_sync_is_running (CkSync *self)
{
  g_return_val_if_fail (CK_IS_SYNC (self), FALSE);

  return self->running;
}

/* Returns: (transfer full) (nullable): the result of the last run that
 * finished, as kept in the register */
CkSyncResult *
ck_sync_load_last_result (CkSync *self)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (CK_IS_SYNC (self), NULL);

  json = get_meta (self, CK_SYNC_META_LAST_RESULT);
  return ck_sync_result_from_json (json);
}

/**
 * ck_sync_export:
 * @result: (out) (optional): what would be published
 *
 * Writes what publishing now would put in the shared repository, for
 * inspection; stores nothing.
 */
gboolean
ck_sync_export (CkSync         *self,
                const char     *directory,
                CkSyncResult  **result,
                GError        **error)
{
  g_autoptr(CkSyncResult) exported = ck_sync_result_new ();

  g_return_val_if_fail (CK_IS_SYNC (self), FALSE);

  if (!ck_sync_export_files (self->reg, directory, exported, error))
    return FALSE;

  if (result != NULL)
    *result = g_steal_pointer (&exported);
  return TRUE;
}

/* Returns: (transfer full) (nullable): this replica's key as the national
 * coordinator enrols it, "AMS:<replica>:<key>" */
char *
ck_sync_dup_own_key (CkSync  *self,
                     GError **error)
{
  g_autofree char *replica = NULL;
  g_autofree char *public_key = NULL;
  CkStorage *storage;

  g_return_val_if_fail (CK_IS_SYNC (self), NULL);

  if (!(replica = ck_register_dup_replica_id (self->reg)))
    {
      g_set_error_literal (error, CK_ERROR, CK_ERROR_IO, _("The register’s replica id cannot be stored."));
      return NULL;
    }

  storage = ck_register_acquire (self->reg);
  public_key = ck_sync_signing_dup_public_key (storage, error);
  ck_register_release (self->reg);
  if (public_key == NULL)
    return NULL;

  return ck_sync_signing_format_enrolment (ck_register_get_unit (self->reg), replica, public_key);
}

/* Enrols another replica's key, given as ck_sync_dup_own_key() shows it. */
gboolean
ck_sync_enrol_key (CkSync      *self,
                   const char  *text,
                   GError     **error)
{
  g_autofree char *unit = NULL;
  g_autofree char *replica = NULL;
  g_autofree char *public_key = NULL;
  g_autofree char *own = NULL;
  CkStorage *storage;
  gboolean ok;

  g_return_val_if_fail (CK_IS_SYNC (self), FALSE);

  if (!ck_sync_signing_parse_enrolment (text, &unit, &replica, &public_key, error))
    return FALSE;

  own = ck_register_dup_replica_id (self->reg);
  if (g_strcmp0 (own, replica) == 0)
    {
      g_set_error_literal (error, CK_ERROR, CK_ERROR_INVALID,
                           _("This is this register’s own key; enrol the keys of other units’ registers."));
      return FALSE;
    }

  storage = ck_register_acquire (self->reg);
  ok = ck_sync_store_enrol_key (storage, unit, replica, public_key, error);
  ck_register_release (self->reg);
  return ok;
}

/* Withdraws the key of @replica and removes what was imported from it. */
gboolean
ck_sync_withdraw_key (CkSync      *self,
                      const char  *replica,
                      GError     **error)
{
  CkStorage *storage;
  gboolean ok;

  g_return_val_if_fail (CK_IS_SYNC (self), FALSE);

  storage = ck_register_acquire (self->reg);
  ok = ck_storage_begin (storage, error);
  if (ok)
    {
      ok = ck_sync_store_withdraw_key (storage, replica, error) &&
           ck_sync_store_remove_replica (storage, replica, error);
      if (ok)
        ok = ck_storage_commit (storage, error);
      else
        ck_storage_rollback (storage);
    }
  ck_register_release (self->reg);

  if (ok)
    ck_register_emit_changed (self->reg);
  return ok;
}

/* Returns: (transfer full) (element-type CkEnrolledKey) (nullable) */
GPtrArray *
ck_sync_list_keys (CkSync  *self,
                   GError **error)
{
  CkStorage *storage;
  GPtrArray *keys;

  g_return_val_if_fail (CK_IS_SYNC (self), NULL);

  storage = ck_register_acquire (self->reg);
  keys = ck_sync_store_list_keys (storage, error);
  ck_register_release (self->reg);
  return keys;
}

/* Returns: (transfer full) (element-type CkQuarantineEntry) (nullable) */
GPtrArray *
ck_sync_list_quarantine (CkSync  *self,
                         GError **error)
{
  CkStorage *storage;
  GPtrArray *entries;

  g_return_val_if_fail (CK_IS_SYNC (self), NULL);

  storage = ck_register_acquire (self->reg);
  entries = ck_sync_store_list_quarantine (storage, error);
  ck_register_release (self->reg);
  return entries;
}

/**
 * ck_sync_list_records:
 * @unit: (nullable): only this unit's, or %NULL for every unit
 *
 * Returns: (transfer full) (element-type CkSharedRecord) (nullable): the
 *   anonymised records, the unit's own as published and those imported
 */
GPtrArray *
ck_sync_list_records (CkSync      *self,
                      const char  *unit,
                      GError     **error)
{
  CkStorage *storage;
  GPtrArray *records;

  g_return_val_if_fail (CK_IS_SYNC (self), NULL);

  storage = ck_register_acquire (self->reg);
  records = ck_shared_store_list (storage, unit, error);
  ck_register_release (self->reg);
  return records;
}

static void
list_records_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *records = ck_sync_list_records (source_object, NULL, &error);

  if (records == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, records, (GDestroyNotify) g_ptr_array_unref);
}

void
ck_sync_list_records_async (CkSync              *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CK_IS_SYNC (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ck_sync_list_records_async);
  g_task_run_in_thread (task, list_records_thread);
}

/* Returns: (transfer full) (element-type CkSharedRecord) (nullable) */
GPtrArray *
ck_sync_list_records_finish (CkSync        *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
