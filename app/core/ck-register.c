/* ck-register.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ck-audit.h"
#include "ck-case.h"
#include "ck-case-list.h"
#include "ck-case-query.h"
#include "ck-case-row.h"
#include "ck-case-storage.h"
#include "ck-case-validate.h"
#include "ck-crypto.h"
#include "ck-date.h"
#include "ck-error.h"
#include "ck-register.h"
#include "ck-schema.h"
#include "ck-sqlite.h"
#include "ck-vocabulary.h"

/* Cases stay in the bin this long before a new start erases them: undo
 * lasts as long as its notification, this only catches a crash in between. */
#define BIN_GRACE_SECONDS 60

struct _CkRegister
{
  GObject     parent_instance;

  char       *path;
  char       *id;
  GRecMutex   mutex;
  CkStorage  *storage;
  CkCaseList *cases;
  /* Whether the case list is kept filled: only once it was asked for, so
   * that the command line never loads 100,000 rows it does not show. */
  gboolean    list_active;
};

G_DEFINE_FINAL_TYPE (CkRegister, ck_register, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UNLOCKED,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
ck_register_finalize (GObject *object)
{
  CkRegister *self = (CkRegister *)object;

  g_clear_pointer (&self->storage, ck_storage_free);
  g_clear_object (&self->cases);
  g_free (self->path);
  g_free (self->id);
  g_rec_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (ck_register_parent_class)->finalize (object);
}

static void
ck_register_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CkRegister *self = CK_REGISTER (object);

  switch (prop_id)
    {
    case PROP_UNLOCKED:
      g_value_set_boolean (value, ck_register_is_unlocked (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ck_register_class_init (CkRegisterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ck_register_finalize;
  object_class->get_property = ck_register_get_property;

  properties[PROP_UNLOCKED] =
    g_param_spec_boolean ("unlocked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CkRegister::changed:
   *
   * Something in the register changed: views that show figures recompute.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ck_register_init (CkRegister *self)
{
  g_rec_mutex_init (&self->mutex);
  self->cases = ck_case_list_new ();
}

CkStorage *
ck_register_acquire (CkRegister *self)
{
  g_rec_mutex_lock (&self->mutex);
  return self->storage;
}

void
ck_register_release (CkRegister *self)
{
  g_rec_mutex_unlock (&self->mutex);
}

void
ck_register_emit_changed (CkRegister *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/* LOCKED_STORAGE (self) declares `storage` and holds the register's mutex
 * until the end of the enclosing block. */
typedef CkRegister CkRegisterGuard;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CkRegisterGuard, ck_register_release)
#define LOCKED_STORAGE(self) \
  CkStorage *storage = ck_register_acquire (self); \
  G_GNUC_UNUSED g_autoptr(CkRegisterGuard) _guard = (self)

static gboolean
require_unlocked (CkStorage  *storage,
                  GError    **error)
{
  if (storage->key != NULL)
    return TRUE;

  g_set_error_literal (error, CK_ERROR, CK_ERROR_LOCKED,
                       _("The register is locked. Enter the passphrase first."));
  return FALSE;
}

static char *
get_data_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "casuskamer", NULL);
}

/* Returns: (transfer full): where the application keeps the register */
char *
ck_register_get_default_path (void)
{
  g_autofree char *dir = get_data_dir ();

  return g_build_filename (dir, "register.sqlite", NULL);
}

/* Returns: (transfer full): where the demo register lives, apart from the
 * real one so that trying the demo never touches real cases */
char *
ck_register_get_demo_path (void)
{
  g_autofree char *dir = get_data_dir ();

  return g_build_filename (dir, "demo.sqlite", NULL);
}

static gboolean
configure_connection (sqlite3  *db,
                      GError  **error)
{
  /* WAL for readers beside a writer; FULL sync because a saved case must
   * survive a power cut; secure_delete so erased cases leave zeroes. */
  sqlite3_busy_timeout (db, 5000);
  return ck_sqlite_exec (db,
                         "PRAGMA journal_mode = WAL;"
                         "PRAGMA synchronous = FULL;"
                         "PRAGMA foreign_keys = ON;"
                         "PRAGMA secure_delete = ON;"
                         "PRAGMA trusted_schema = OFF;",
                         error);
}

static sqlite3 *
open_database (const char  *path,
               gboolean     create,
               GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX | (create ? SQLITE_OPEN_CREATE : 0),
                        NULL);
  if (rc != SQLITE_OK)
    {
      ck_sqlite_set_error (error, db, rc);
      sqlite3_close (db);
      return NULL;
    }

  sqlite3_extended_result_codes (db, 1);
  return db;
}

/* Creates @path with mode 0600 before SQLite sees it: SQLite gives its WAL
 * and shared-memory files the mode of the database file. */
static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, CK_ERROR, CK_ERROR_IO,
                   _("The folder %s cannot be created: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == EEXIST)
        g_set_error (error, CK_ERROR, CK_ERROR_EXISTS,
                     _("A file already exists at %s; it was left as it is."), path);
      else
        g_set_error (error, CK_ERROR, CK_ERROR_IO,
                     _("The register cannot be created at %s: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  close (fd);
  return TRUE;
}

static CkRegister *
register_new (const char *path,
              sqlite3    *db)
{
  CkRegister *self = g_object_new (CK_TYPE_REGISTER, NULL);

  self->path = g_strdup (path);
  self->storage = ck_storage_new (db, ck_vocabulary_get_default ());
  return self;
}

static char *
register_key_context (const char *register_id)
{
  return g_strconcat ("register-key/", register_id, NULL);
}

static gboolean
write_key_material (CkStorage          *storage,
                    const char         *register_id,
                    const CkSecretKey  *register_key,
                    const char         *passphrase,
                    GError            **error)
{
  guint8 salt[CK_KDF_SALT_BYTES];
  g_autoptr(CkSecretKey) passphrase_key = NULL;
  g_autoptr(GBytes) salt_bytes = NULL;
  g_autoptr(GBytes) wrapped = NULL;
  g_autofree char *context = register_key_context (register_id);
  g_autofree char *opslimit = NULL;
  g_autofree char *memlimit = NULL;
  CkKdfCost cost;

  ck_kdf_cost_default (&cost);
  ck_random_bytes (salt, sizeof salt);
  passphrase_key = ck_secret_key_derive (passphrase, salt, &cost, error);
  if (passphrase_key == NULL)
    return FALSE;

  salt_bytes = g_bytes_new (salt, sizeof salt);
  wrapped = ck_secret_key_wrap (passphrase_key, register_key, context);
  opslimit = g_strdup_printf ("%" G_GUINT64_FORMAT, cost.opslimit);
  memlimit = g_strdup_printf ("%" G_GSIZE_FORMAT, cost.memlimit);

  return ck_storage_set_meta_bytes (storage, "kdf_salt", salt_bytes, error) &&
         ck_storage_set_meta (storage, "kdf_opslimit", opslimit, error) &&
         ck_storage_set_meta (storage, "kdf_memlimit", memlimit, error) &&
         ck_storage_set_meta_bytes (storage, "wrapped_key", wrapped, error);
}

static GBytes *
make_key_check (CkRegister        *self,
                const CkSecretKey *key)
{
  g_autofree char *context = g_strconcat ("register-key-check/", self->id, NULL);

  return ck_secret_key_make_check (key, context);
}

/* Remembers the check of a key that the passphrase opened, so that a key
 * from the keyring can be verified later even when no case holds a
 * sealed key to try it on. */
static gboolean
store_key_check (CkRegister        *self,
                 const CkSecretKey *key,
                 GError           **error)
{
  g_autoptr(GBytes) check = make_key_check (self, key);
  g_autoptr(GBytes) stored = ck_storage_get_meta_bytes (self->storage, "key_check");

  if (stored != NULL && g_bytes_equal (stored, check))
    return TRUE;
  return ck_storage_set_meta_bytes (self->storage, "key_check", check, error);
}

/**
 * ck_register_create:
 * @path: where to create the register; nothing may exist there yet
 * @unit: the unit code, from the "units" vocabulary
 *
 * Creates a register with a fresh random register key, sealed by a key
 * derived from @passphrase. Slow (Argon2id): call it off the main thread.
 *
 * Returns: (transfer full): the register, unlocked and empty
 */
CkRegister *
ck_register_create (const char  *path,
                    const char  *unit,
                    const char  *passphrase,
                    GError     **error)
{
  g_autoptr(CkRegister) self = NULL;
  g_autoptr(CkSecretKey) register_key = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3 *db;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (passphrase != NULL, NULL);

  if (!ck_crypto_init (error))
    return NULL;

  if (ck_vocabulary_lookup (ck_vocabulary_get_default (), CK_VOCAB_UNITS, unit) == NULL)
    {
      g_set_error (error, CK_ERROR, CK_ERROR_INVALID,
                   _("“%s” is not a known unit code"), unit != NULL ? unit : "");
      return NULL;
    }

  if (strlen (passphrase) < 8)
    {
      g_set_error_literal (error, CK_ERROR, CK_ERROR_INVALID,
                           _("Choose a passphrase of at least 8 characters"));
      return NULL;
    }

  if (!create_private_file (path, error))
    return NULL;

  if (!(db = open_database (path, TRUE, error)))
    goto failed;

  self = register_new (path, db);
  self->id = ck_random_uid ();
  register_key = ck_secret_key_new_random ();

  if (!configure_connection (db, &local_error) ||
      !ck_schema_migrate (db, 0, &local_error) ||
      !ck_storage_begin (self->storage, &local_error) ||
      !ck_storage_set_meta (self->storage, "register_id", self->id, &local_error) ||
      !ck_storage_set_meta (self->storage, "unit", unit, &local_error) ||
      !ck_storage_set_meta (self->storage, "index_stale", NULL, &local_error) ||
      !write_key_material (self->storage, self->id, register_key, passphrase, &local_error) ||
      !store_key_check (self, register_key, &local_error) ||
      !ck_storage_commit (self->storage, &local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto failed;
    }

  self->storage->unit = g_strdup (unit);
  self->storage->key = g_steal_pointer (&register_key);
  return g_steal_pointer (&self);

failed:
  g_clear_object (&self);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (path);
    g_unlink (wal);
    g_unlink (shm);
  }
  return NULL;
}

/**
 * ck_register_open:
 *
 * Opens an existing register, bringing its schema up to date. A file that
 * is not a register is refused without being changed.
 *
 * Returns: (transfer full): the register, still locked
 */
CkRegister *
ck_register_open (const char  *path,
                  GError     **error)
{
  g_autoptr(CkRegister) self = NULL;
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;
  sqlite3 *db;
  guint version;

  g_return_val_if_fail (path != NULL, NULL);

  if (!ck_crypto_init (error))
    return NULL;

  if (g_stat (path, &st) != 0)
    {
      g_set_error (error, CK_ERROR, CK_ERROR_NOT_FOUND,
                   _("There is no register at %s"), path);
      return NULL;
    }

  if (!(db = open_database (path, FALSE, error)))
    return NULL;
  self = register_new (path, db);

  /* Reading the version is the first access: it fails on a file that is
   * not SQLite, before anything could be written to it. */
  if (!ck_sqlite_exec (db, "SELECT count(*) FROM sqlite_schema", &local_error))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", path);
      return NULL;
    }

  version = ck_schema_get_version (db);
  if (version == 0)
    {
      g_set_error (error, CK_ERROR, CK_ERROR_CORRUPT,
                   _("%s is not a Casuskamer register; it was left as it is."), path);
      return NULL;
    }

  /* A register copied with looser permissions is made private again. */
  if ((st.st_mode & 077) != 0)
    g_chmod (path, 0600);

  if (!configure_connection (db, error) ||
      !ck_schema_migrate (db, 0, error))
    return NULL;

  self->id = ck_storage_get_meta (self->storage, "register_id");
  self->storage->unit = ck_storage_get_meta (self->storage, "unit");
  if (self->id == NULL || self->storage->unit == NULL)
    {
      g_set_error (error, CK_ERROR, CK_ERROR_CORRUPT,
                   _("%s is damaged: its identity is missing."), path);
      return NULL;
    }

  return g_steal_pointer (&self);
}

static gboolean
prepare_unlocked (CkRegister  *self,
                  GError     **error)
{
  CkStorage *storage = self->storage;
  g_autofree char *index_stale = ck_storage_get_meta (storage, "index_stale");
  gboolean rebuild = g_strcmp0 (index_stale, "1") == 0;
  g_autoptr(GArray) leftovers = NULL;

  /* Cases left in the bin by a crash are erased now. */
  leftovers = ck_case_storage_list_deleted (storage, g_get_real_time () / G_USEC_PER_SEC - BIN_GRACE_SECONDS, error);
  if (leftovers == NULL)
    return FALSE;

  if (leftovers->len == 0 && !rebuild)
    return TRUE;

  if (!ck_storage_begin (storage, error))
    return FALSE;

  for (guint i = 0; i < leftovers->len; i++)
    if (!ck_case_storage_erase (storage, g_array_index (leftovers, gint64, i), error))
      goto failed;

  /* A migration changed what the search index holds. */
  if (rebuild &&
      (!ck_case_storage_rebuild_index (storage, error) ||
       !ck_storage_set_meta (storage, "index_stale", NULL, error)))
    goto failed;

  if (!ck_storage_commit (storage, error))
    return FALSE;

  if (leftovers->len > 0)
    sqlite3_wal_checkpoint_v2 (storage->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);

  return TRUE;

failed:
  ck_storage_rollback (storage);
  return FALSE;
}

/* Checks @key against the register and keeps it. Called with the mutex. */
static gboolean
accept_key (CkRegister   *self,
            CkSecretKey  *key,
            GError      **error)
{
  self->storage->key = key;
  if (!prepare_unlocked (self, error))
    {
      g_clear_pointer (&self->storage->key, ck_secret_key_free);
      return FALSE;
    }

  return TRUE;
}

static CkSecretKey *
derive_register_key (CkRegister  *self,
                     const char  *passphrase,
                     GError     **error)
{
  CkStorage *storage = self->storage;
  g_autoptr(GBytes) salt = ck_storage_get_meta_bytes (storage, "kdf_salt");
  g_autoptr(GBytes) wrapped = ck_storage_get_meta_bytes (storage, "wrapped_key");
  g_autofree char *opslimit = ck_storage_get_meta (storage, "kdf_opslimit");
  g_autofree char *memlimit = ck_storage_get_meta (storage, "kdf_memlimit");
  g_autofree char *context = register_key_context (self->id);
  g_autoptr(CkSecretKey) passphrase_key = NULL;
  g_autoptr(GError) local_error = NULL;
  CkSecretKey *register_key;
  CkKdfCost cost;

  if (salt == NULL || wrapped == NULL || opslimit == NULL || memlimit == NULL ||
      g_bytes_get_size (salt) != CK_KDF_SALT_BYTES)
    {
      g_set_error_literal (error, CK_ERROR, CK_ERROR_CORRUPT,
                           _("The register is damaged: its key is missing."));
      return NULL;
    }

  cost.opslimit = g_ascii_strtoull (opslimit, NULL, 10);
  cost.memlimit = g_ascii_strtoull (memlimit, NULL, 10);
  passphrase_key = ck_secret_key_derive (passphrase, g_bytes_get_data (salt, NULL), &cost, error);
  if (passphrase_key == NULL)
    return NULL;

  register_key = ck_secret_key_unwrap (passphrase_key, wrapped, context, &local_error);
  if (register_key == NULL)
    {
      g_set_error_literal (error, CK_ERROR, CK_ERROR_WRONG_PASSPHRASE,
                           _("The passphrase is not correct."));
      return NULL;
    }

  return register_key;
}

static void
load_rows (CkRegister *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;
  GDate today;

  if (!self->list_active || !ck_register_is_unlocked (self))
    return;

  ck_date_set_today (&today);
  {
    LOCKED_STORAGE (self);
    rows = ck_case_storage_list_rows (storage, &today, &error);
  }

  if (rows == NULL)
    {
      g_warning ("Could not list the cases: %s", error->message);
      return;
    }

  ck_case_list_reset (self->cases, rows);
}

/* Unlocks with @passphrase, the storage lock held. */
static gboolean
accept_passphrase (CkRegister  *self,
                   const char  *passphrase,
                   GError     **error)
{
  CkSecretKey *key = derive_register_key (self, passphrase, error);

  if (key == NULL || !accept_key (self, key, error))
    return FALSE;
  if (!store_key_check (self, key, error))
    {
      g_clear_pointer (&self->storage->key, ck_secret_key_free);
      return FALSE;
    }
  return TRUE;
}

/**
 * ck_register_unlock:
 *
 * Unlocks with the passphrase (CK_ERROR_WRONG_PASSPHRASE when it is not
 * the right one) and loads the case list. Slow (Argon2id): the application
 * uses ck_register_unlock_async().
 */
gboolean
ck_register_unlock (CkRegister  *self,
                    const char  *passphrase,
                    GError     **error)
{
  g_return_val_if_fail (CK_IS_REGISTER (self), FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);

  {
    LOCKED_STORAGE (self);

    if (storage->key != NULL)
      return TRUE;

    if (!accept_passphrase (self, passphrase, error))
      return FALSE;
  }

  load_rows (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNLOCKED]);
  return TRUE;
}

static void
unlock_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CkRegister *self = source_object;
  const char *passphrase = task_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;
  GDate today;

  ck_date_set_today (&today);
  {
    LOCKED_STORAGE (self);

    if (storage->key == NULL && !accept_passphrase (self, passphrase, &error))
      {
        g_task_return_error (task, g_steal_pointer (&error));
        return;
      }

    rows = ck_case_storage_list_rows (storage, &today, &error);
  }

  if (rows == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, rows, (GDestroyNotify) g_ptr_array_unref);
}

static void
free_passphrase (gpointer data)
{
  char *passphrase = data;

  sodium_memzero (passphrase, strlen (passphrase));
  g_free (passphrase);
}

void
ck_register_unlock_async (CkRegister          *self,
                          const char          *passphrase,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CK_IS_REGISTER (self));
  g_return_if_fail (passphrase != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ck_register_unlock_async);
  g_task_set_task_data (task, g_strdup (passphrase), free_passphrase);
  g_task_run_in_thread (task, unlock_thread);
}

gboolean
ck_register_unlock_finish (CkRegister    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  GPtrArray *rows;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  rows = g_task_propagate_pointer (G_TASK (result), error);
  if (rows == NULL)
    return FALSE;

  self->list_active = TRUE;
  ck_case_list_reset (self->cases, rows);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNLOCKED]);
  return TRUE;
}

/* Unlocks with a register key kept elsewhere (the keyring). */
gboolean
ck_register_unlock_with_key (CkRegister         *self,
                             const CkSecretKey  *key,
                             GError            **error)
{
  g_return_val_if_fail (CK_IS_REGISTER (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  {
    LOCKED_STORAGE (self);
    g_autoptr(GBytes) wrapped = NULL;
    g_autoptr(GBytes) stored_check = NULL;
    g_autoptr(CkSecretKey) probe_key = NULL;
    g_autoptr(GError) local_error = NULL;

    if (storage->key != NULL)
      return TRUE;

    /* The key is right if it matches the check stored at the last unlock
     * with the passphrase. */
    stored_check = ck_storage_get_meta_bytes (storage, "key_check");
    if (stored_check != NULL)
      {
        g_autoptr(GBytes) check = make_key_check (self, key);

        if (!g_bytes_equal (stored_check, check))
          {
            g_set_error_literal (error, CK_ERROR, CK_ERROR_WRONG_PASSPHRASE,
                                 _("The stored key does not open this register."));
            return FALSE;
          }
      }
    /* A register last opened by an older version has no check: the key
     * is right if it opens a sealed case key; an empty register accepts
     * it, as there is nothing to read. */
    else
      {
        sqlite3_stmt *stmt = ck_storage_prepare (storage,
                                                 "SELECT c.uid, s.wrapped_key FROM cases c"
                                                 " JOIN case_seals s ON s.case_id = c.id LIMIT 1",
                                                 error);
        g_autofree char *context = NULL;

        if (stmt == NULL)
          return FALSE;
        if (sqlite3_step (stmt) == SQLITE_ROW)
          {
            context = g_strconcat ("case-key/", ck_sqlite_column_text (stmt, 0), NULL);
            wrapped = ck_sqlite_column_bytes (stmt, 1);
          }
        sqlite3_reset (stmt);

        if (wrapped != NULL &&
            !(probe_key = ck_secret_key_unwrap (key, wrapped, context, &local_error)))
          {
            g_set_error_literal (error, CK_ERROR, CK_ERROR_WRONG_PASSPHRASE,
                                 _("The stored key does not open this register."));
            return FALSE;
          }
      }

    if (!accept_key (self, ck_secret_key_copy (key), error))
      return FALSE;
  }

  load_rows (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNLOCKED]);
  return TRUE;
}

/* Returns: (transfer full) (nullable): a copy of the register key, for the
 * keyring; %NULL while locked */
CkSecretKey *
ck_register_dup_key (CkRegister *self)
{
  LOCKED_STORAGE (self);

  return storage->key != NULL ? ck_secret_key_copy (storage->key) : NULL;
}

/* Seals the same register key with a new passphrase: nothing else changes. */
gboolean
ck_register_change_passphrase (CkRegister  *self,
                               const char  *passphrase,
                               GError     **error)
{
  LOCKED_STORAGE (self);

  if (!require_unlocked (storage, error))
    return FALSE;

  if (strlen (passphrase) < 8)
    {
      g_set_error_literal (error, CK_ERROR, CK_ERROR_INVALID,
                           _("Choose a passphrase of at least 8 characters"));
      return FALSE;
    }

  if (!ck_storage_begin (storage, error))
    return FALSE;
  if (!write_key_material (storage, self->id, storage->key, passphrase, error))
    {
      ck_storage_rollback (storage);
      return FALSE;
    }
  return ck_storage_commit (storage, error);
}

gboolean
ck_register_is_unlocked (CkRegister *self)
{
  LOCKED_STORAGE (self);

  return storage->key != NULL;
}

const char *
ck_register_get_path (CkRegister *self)
{
  g_return_val_if_fail (CK_IS_REGISTER (self), NULL);

  return self->path;
}

const char *
ck_register_get_id (CkRegister *self)
{
  g_return_val_if_fail (CK_IS_REGISTER (self), NULL);

  return self->id;
}

const char *
ck_register_get_unit (CkRegister *self)
{
  g_return_val_if_fail (CK_IS_REGISTER (self), NULL);

  return self->storage->unit;
}

/**
 * ck_register_dup_replica_id:
 *
 * This installation's replica id: 32 random hex digits, made on first
 * use and kept in the register. The shared repository knows the unit's
 * records by it; a copied register file is the same replica, which the
 * synchronisation detects and refuses (one writer per replica).
 *
 * Returns: (transfer full) (nullable): the id, or %NULL if it could not
 *   be stored
 */
char *
ck_register_dup_replica_id (CkRegister *self)
{
  LOCKED_STORAGE (self);
  char *replica = ck_storage_get_meta (storage, "replica_id");

  if (replica == NULL)
    {
      replica = ck_random_uid ();
      if (!ck_storage_set_meta (storage, "replica_id", replica, NULL))
        g_clear_pointer (&replica, g_free);
    }

  return replica;
}

/* Sets who the audit log names for the changes that follow. */
void
ck_register_set_actor (CkRegister *self,
                       const char *actor)
{
  LOCKED_STORAGE (self);

  g_free (storage->actor);
  storage->actor = g_strdup (actor);
}

/* Returns: (transfer none): a GListModel of CkCaseRow, every case that is
 * not in the bin, ordered by id; empty while locked */
GListModel *
ck_register_get_cases (CkRegister *self)
{
  g_return_val_if_fail (CK_IS_REGISTER (self), NULL);

  if (!self->list_active)
    {
      self->list_active = TRUE;
      load_rows (self);
    }

  return G_LIST_MODEL (self->cases);
}

/* Returns: (transfer full) (nullable): the case, or %NULL with @error */
CkCase *
ck_register_get_case (CkRegister  *self,
                      gint64       id,
                      gboolean     with_confidential,
                      GError     **error)
{
  LOCKED_STORAGE (self);

  return ck_case_storage_load (storage, id, with_confidential, error);
}

/* Returns: (transfer full) (nullable): the case with @reference, or %NULL
 * with @error (CK_ERROR_NOT_FOUND when there is none) */
CkCase *
ck_register_find_case (CkRegister  *self,
                       const char  *reference,
                       gboolean     with_confidential,
                       GError     **error)
{
  LOCKED_STORAGE (self);
  gint64 id;

  if (!require_unlocked (storage, error))
    return NULL;

  id = ck_case_storage_find (storage, reference, FALSE, error);
  if (id < 0)
    return NULL;
  if (id == 0)
    {
      g_set_error (error, CK_ERROR, CK_ERROR_NOT_FOUND,
                   _("There is no case %s"), reference);
      return NULL;
    }

  return ck_case_storage_load (storage, id, with_confidential, error);
}

/* A unit's register holds that unit's cases only. */
static gboolean
check_unit (CkStorage     *storage,
            const CkCase  *kase,
            GError       **error)
{
  if (g_strcmp0 (kase->unit, storage->unit) == 0)
    return TRUE;

  ck_set_field_error (error, "unit", _("This register holds the cases of unit %s, not of %s"),
                      storage->unit, kase->unit);
  return FALSE;
}

/* Validates and writes @kase in one transaction. Called with the mutex. */
static gboolean
save_locked (CkRegister  *self,
             CkCase      *kase,
             GError     **error)
{
  CkStorage *storage = self->storage;
  gboolean ok;

  if (!require_unlocked (storage, error))
    return FALSE;

  if (kase->unit == NULL)
    kase->unit = g_strdup (storage->unit);
  ck_case_normalize (kase);

  if (!check_unit (storage, kase, error) ||
      !ck_case_validate (kase, storage->vocabulary, error) ||
      !ck_storage_begin (storage, error))
    return FALSE;

  if (kase->id == 0)
    ok = ck_case_storage_insert (storage, kase, error);
  else
    ok = ck_case_storage_update (storage, kase, error);

  if (!ok)
    {
      ck_storage_rollback (storage);
      return FALSE;
    }

  return ck_storage_commit (storage, error);
}

static CkCaseRow *
load_row (CkRegister *self,
          gint64      id)
{
  LOCKED_STORAGE (self);
  GDate today;

  ck_date_set_today (&today);
  return ck_case_storage_load_row (storage, id, &today, NULL);
}

static void
update_list (CkRegister *self,
             gint64      id,
             CkCaseRow  *row)
{
  if (self->list_active)
    {
      if (row != NULL)
        ck_case_list_put (self->cases, row);
      else
        ck_case_list_remove (self->cases, id);
    }

  ck_register_emit_changed (self);
}

/**
 * ck_register_save_case:
 * @kase: a new case (id 0) or a changed one
 *
 * Validates and stores @kase; on success its id, reference and times are
 * filled in. A refused field is reported as CK_ERROR_INVALID naming the
 * field (ck_error_get_field()); nothing is written then.
 */
gboolean
ck_register_save_case (CkRegister  *self,
                       CkCase      *kase,
                       GError     **error)
{
  g_autoptr(CkCaseRow) row = NULL;

  g_return_val_if_fail (CK_IS_REGISTER (self), FALSE);
  g_return_val_if_fail (kase != NULL, FALSE);

  {
    LOCKED_STORAGE (self);

    if (!save_locked (self, kase, error))
      return FALSE;
    (void) storage;
  }

  if (self->list_active)
    row = load_row (self, kase->id);
  update_list (self, kase->id, row);
  return TRUE;
}

typedef struct
{
  CkCase    *kase;
  CkCaseRow *row;
} SaveResult;

static void
save_result_free (SaveResult *result)
{
  g_clear_pointer (&result->kase, ck_case_free);
  g_clear_object (&result->row);
  g_free (result);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CkRegister *self = source_object;
  g_autoptr(CkCase) kase = ck_case_copy (task_data);
  g_autoptr(GError) error = NULL;
  SaveResult *result;

  {
    LOCKED_STORAGE (self);

    if (!save_locked (self, kase, &error))
      {
        g_task_return_error (task, g_steal_pointer (&error));
        return;
      }
    (void) storage;
  }

  result = g_new0 (SaveResult, 1);
  result->row = load_row (self, kase->id);
  result->kase = g_steal_pointer (&kase);
  g_task_return_pointer (task, result, (GDestroyNotify) save_result_free);
}

void
ck_register_save_case_async (CkRegister          *self,
                             const CkCase        *kase,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CK_IS_REGISTER (self));
  g_return_if_fail (kase != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ck_register_save_case_async);
  g_task_set_task_data (task, ck_case_copy (kase), (GDestroyNotify) ck_case_free);
  g_task_run_in_thread (task, save_thread);
}

/* Returns: (transfer full) (nullable): the case as stored, with its id and
 * reference, or %NULL with @error */
CkCase *
ck_register_save_case_finish (CkRegister    *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  SaveResult *saved;
  CkCase *kase;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  saved = g_task_propagate_pointer (G_TASK (result), error);
  if (saved == NULL)
    return NULL;

  update_list (self, saved->kase->id, saved->row);
  kase = g_steal_pointer (&saved->kase);
  save_result_free (saved);
  return kase;
}

/**
 * ck_register_insert_cases:
 * @cases: (element-type CkCase): new cases
 *
 * The bulk path: validates every case first, then inserts them all in one
 * transaction, so either all are stored or none. The error of an invalid
 * case names its position ("case 12: …").
 */
gboolean
ck_register_insert_cases (CkRegister  *self,
                          GPtrArray   *cases,
                          GError     **error)
{
  GDate today;
  gboolean ok;

  g_return_val_if_fail (CK_IS_REGISTER (self), FALSE);

  {
    LOCKED_STORAGE (self);

    if (!require_unlocked (storage, error))
      return FALSE;

    ck_date_set_today (&today);
    for (guint i = 0; i < cases->len; i++)
      {
        CkCase *kase = cases->pdata[i];
        g_autoptr(GPtrArray) problems = NULL;
        g_autoptr(GError) local_error = NULL;

        if (kase->unit == NULL)
          kase->unit = g_strdup (storage->unit);
        ck_case_normalize (kase);
        problems = ck_case_check (kase, storage->vocabulary, &today);
        if (problems->len == 0 && !check_unit (storage, kase, &local_error))
          g_ptr_array_add (problems, g_steal_pointer (&local_error));
        if (problems->len > 0)
          {
            g_propagate_prefixed_error (error, g_ptr_array_steal_index (problems, 0),
                                        _("Case %u: "), i + 1);
            return FALSE;
          }
      }

    if (!ck_storage_begin (storage, error))
      return FALSE;

    /* A 32 MiB page cache for the import (SQLite's default is 2 MiB): the
     * indexes on references and dates otherwise thrash it. */
    ck_sqlite_exec (storage->db, "PRAGMA cache_size = -32768", NULL);
    ok = ck_case_storage_insert_all (storage, cases, error);
    if (ok)
      ok = ck_storage_commit (storage, error);
    else
      ck_storage_rollback (storage);
    ck_sqlite_exec (storage->db, "PRAGMA cache_size = -2000", NULL);

    if (!ok)
      return FALSE;
  }

  load_rows (self);
  ck_register_emit_changed (self);
  return TRUE;
}

static gboolean
set_deleted (CkRegister  *self,
             gint64       id,
             gboolean     deleted,
             GError     **error)
{
  g_autoptr(CkCaseRow) row = NULL;

  {
    LOCKED_STORAGE (self);

    if (!require_unlocked (storage, error) ||
        !ck_storage_begin (storage, error))
      return FALSE;
    if (!ck_case_storage_set_deleted (storage, id, deleted, error))
      {
        ck_storage_rollback (storage);
        return FALSE;
      }
    if (!ck_storage_commit (storage, error))
      return FALSE;
  }

  if (!deleted)
    row = load_row (self, id);
  update_list (self, id, row);
  return TRUE;
}

/* Moves a case into the bin: it leaves the list but can be restored until
 * it is erased (ck_register_erase_case(), or the next start). */
gboolean
ck_register_delete_case (CkRegister  *self,
                         gint64       id,
                         GError     **error)
{
  g_return_val_if_fail (CK_IS_REGISTER (self), FALSE);

  return set_deleted (self, id, TRUE, error);
}

/* Undoes ck_register_delete_case(). */
gboolean
ck_register_restore_case (CkRegister  *self,
                          gint64       id,
                          GError     **error)
{
  g_return_val_if_fail (CK_IS_REGISTER (self), FALSE);

  return set_deleted (self, id, FALSE, error);
}

static gboolean
erase_ids (CkRegister  *self,
           GArray      *ids,
           GError     **error)
{
  {
    LOCKED_STORAGE (self);

    if (!require_unlocked (storage, error) ||
        !ck_storage_begin (storage, error))
      return FALSE;

    for (guint i = 0; i < ids->len; i++)
      if (!ck_case_storage_erase (storage, g_array_index (ids, gint64, i), error))
        {
          ck_storage_rollback (storage);
          return FALSE;
        }

    if (!ck_storage_commit (storage, error))
      return FALSE;

    /* Move the zeroed pages into the database file and empty the WAL, so
     * that no earlier copy of the erased pages stays behind in it. */
    sqlite3_wal_checkpoint_v2 (storage->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  }

  for (guint i = 0; i < ids->len; i++)
    ck_case_list_remove (self->cases, g_array_index (ids, gint64, i));
  ck_register_emit_changed (self);
  return TRUE;
}

/**
 * ck_register_erase_case:
 *
 * Removes a case for good, with its data key: its confidential values can
 * no longer be decrypted from anything left in the register's files.
 */
gboolean
ck_register_erase_case (CkRegister  *self,
                        gint64       id,
                        GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (CK_IS_REGISTER (self), FALSE);

  g_array_append_val (ids, id);
  return erase_ids (self, ids, error);
}

/* Erases every case in the bin. */
gboolean
ck_register_empty_bin (CkRegister  *self,
                       GError     **error)
{
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (CK_IS_REGISTER (self), FALSE);

  {
    LOCKED_STORAGE (self);

    ids = ck_case_storage_list_deleted (storage, G_MAXINT64, error);
  }

  return ids != NULL && erase_ids (self, ids, error);
}

/* Returns: (transfer full) (element-type gint64): ascending ids of the
 * cases that match @query */
GArray *
ck_register_query (CkRegister         *self,
                   const CkCaseQuery  *query,
                   GError            **error)
{
  LOCKED_STORAGE (self);

  return ck_case_storage_query (storage, query, error);
}

static void
query_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  GArray *ids;

  if (g_task_return_error_if_cancelled (task))
    return;

  ids = ck_register_query (source_object, task_data, &error);
  if (ids == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, ids, (GDestroyNotify) g_array_unref);
}

void
ck_register_query_async (CkRegister          *self,
                         const CkCaseQuery   *query,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CK_IS_REGISTER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ck_register_query_async);
  g_task_set_task_data (task, ck_case_query_copy (query), (GDestroyNotify) ck_case_query_free);
  g_task_run_in_thread (task, query_thread);
}

GArray *
ck_register_query_finish (CkRegister    *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ck_register_foreach_case:
 * @func: called with each case not in the bin, oldest first; returns
 *   %FALSE to stop
 *
 * For work over the whole register (checks, statistics) off the main
 * thread. The register stays locked against other use meanwhile.
 */
gboolean
ck_register_foreach_case (CkRegister  *self,
                          gboolean     with_confidential,
                          CkCaseFunc   func,
                          gpointer     user_data,
                          GError     **error)
{
  LOCKED_STORAGE (self);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(CkCaseQuery) everything = ck_case_query_new ();

  if (!require_unlocked (storage, error))
    return FALSE;

  ids = ck_case_storage_query (storage, everything, error);
  if (ids == NULL)
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CkCase) kase = ck_case_storage_load (storage, g_array_index (ids, gint64, i),
                                                     with_confidential, error);

      if (kase == NULL)
        return FALSE;
      if (!func (kase, user_data))
        break;
    }

  return TRUE;
}

/* Returns: (transfer full) (element-type CkAuditEntry): the case's history,
 * oldest first */
GPtrArray *
ck_register_get_history (CkRegister  *self,
                         gint64       id,
                         GError     **error)
{
  LOCKED_STORAGE (self);

  if (!require_unlocked (storage, error))
    return NULL;

  return ck_audit_list (storage, id, error);
}
