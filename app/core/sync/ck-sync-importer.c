/* ck-sync-importer.c
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
#include "ck-sync-bulk.h"
#include "ck-sync-importer.h"
#include "ck-sync-signing.h"
#include "ck-sync-store.h"
#include "ck-vocabulary.h"

typedef struct
{
  CkRegister     *reg;
  CkStorage      *storage;
  CkSyncSession  *session;
  CkSyncResult   *result;
  git_odb        *odb;
  char           *own_replica;

  /* The ref being imported */
  char           *ref;          /* "units/ams/<replica>" */
  char           *unit;         /* "AMS" */
  char           *unit_dir;     /* "ams" */
  char           *replica;
  char          **purged;
  CkImportCount  *count;
  GHashTable     *quarantined;  /* paths of the ref in quarantine now */
  GPtrArray      *jobs;         /* FileJob: the changed files of the ref */
  CkSyncBulk     *bulk;         /* while many records are stored at once */
  gboolean        any_records;  /* stored before this ref's import began */
  gboolean        any_lessons;
} Importer;

static gboolean
quarantine (Importer       *imp,
            const char     *path,
            const char     *reason,
            const git_oid  *oid,
            GError        **error)
{
  CkQuarantineEntry *entry = g_new0 (CkQuarantineEntry, 1);
  g_autofree char *hex = oid != NULL ? ck_git_oid_to_hex (oid) : NULL;

  entry->ref = g_strdup (imp->ref);
  entry->path = g_strdup (path != NULL ? path : "");
  entry->reason = g_strdup (reason);
  entry->seen_at = g_get_real_time () / G_USEC_PER_SEC;
  g_ptr_array_add (imp->result->quarantined, entry);
  if (imp->quarantined != NULL)
    g_hash_table_add (imp->quarantined, g_strdup (path != NULL ? path : ""));

  return ck_sync_store_quarantine (imp->storage, imp->ref, path, reason, hex, error);
}

/* Takes @path out of the quarantine, if it is there: most files never
 * were, and a lookup in memory spares a statement per file. */
static gboolean
release_path (Importer    *imp,
              const char  *path,
              GError     **error)
{
  if (imp->quarantined == NULL || !g_hash_table_contains (imp->quarantined, path))
    return TRUE;

  g_hash_table_remove (imp->quarantined, path);
  return ck_sync_store_release (imp->storage, imp->ref, path, error);
}

static const char *
filemode_problem (git_filemode_t mode)
{
  switch (mode)
    {
    case GIT_FILEMODE_BLOB:
      return NULL;
    case GIT_FILEMODE_LINK:
      return _("It is a symbolic link, not a file.");
    case GIT_FILEMODE_BLOB_EXECUTABLE:
      return _("It is marked executable; a record file must be an ordinary file (mode 100644).");
    case GIT_FILEMODE_TREE:
      return _("It is a folder where a file belongs.");
    case GIT_FILEMODE_COMMIT:
      return _("It is a link to another repository (a submodule), not a file.");
    case GIT_FILEMODE_UNREADABLE:
    default:
      return _("It is not an ordinary file (mode 100644).");
    }
}

static gboolean
is_bucket_name (const char *name)
{
  return strlen (name) == 2 && g_ascii_isxdigit (name[0]) && g_ascii_isxdigit (name[1]) &&
         !g_ascii_isupper (name[0]) && !g_ascii_isupper (name[1]);
}

/* Returns: (transfer full) (nullable): the id of "<id>.json" in bucket @aa */
static char *
file_id (const char *name,
         const char *aa)
{
  g_autofree char *id = NULL;

  if (strlen (name) != 37 || !g_str_has_suffix (name, ".json"))
    return NULL;

  id = g_strndup (name, 32);
  if (!ck_shared_id_is_valid (id) || strncmp (id, aa, 2) != 0)
    return NULL;

  return g_steal_pointer (&id);
}

/* Reads a blob after checking its header: nothing of an oversized object
 * is inflated. */
static git_odb_object *
read_blob (git_odb        *odb,
           const git_oid  *oid,
           char          **problem)
{
  git_odb_object *object = NULL;
  git_object_t type;
  size_t size;

  if (git_odb_read_header (&size, &type, odb, oid) < 0)
    {
      *problem = g_strdup (_("Its contents are missing from the repository."));
      return NULL;
    }
  if (type != GIT_OBJECT_BLOB)
    {
      *problem = g_strdup (_("It is not a file."));
      return NULL;
    }
  if (size > CK_RECORD_MAX_BYTES)
    {
      *problem = g_strdup_printf (_("It is too large: %zu bytes, where %d is the most a record may have."),
                                  size, CK_RECORD_MAX_BYTES);
      return NULL;
    }
  if (git_odb_read (&object, odb, oid) < 0)
    {
      *problem = g_strdup (_("Its contents cannot be read."));
      return NULL;
    }

  return object;
}

/* Whether an incoming @id may be stored: not another's, and newer. */
static char *
check_owner (Importer   *imp,
             gboolean    lesson,
             const char *id,
             guint       rev,
             gboolean   *exists)
{
  g_autofree char *replica = NULL;
  gboolean own = FALSE;
  guint stored_rev = 0;

  if (!(lesson ? imp->any_lessons : imp->any_records))
    {
      *exists = FALSE;
      return NULL;
    }

  *exists = ck_sync_store_lookup_shared (imp->storage, lesson, id, &replica, &own, &stored_rev);
  if (!*exists)
    return NULL;
  if (own)
    return g_strdup (_("It uses the id of one of this unit’s own records."));
  if (!g_str_equal (replica, imp->replica))
    return g_strdup (_("It uses the id of a record of another replica."));
  if (rev <= stored_rev)
    return g_strdup_printf (_("Its revision %u is not newer than revision %u imported before."), rev, stored_rev);

  return NULL;
}

static char *
check_identity (Importer   *imp,
                const char *id,
                const char *file_id_text,
                const char *unit,
                const char *replica)
{
  if (!g_str_equal (id, file_id_text))
    return g_strdup (_("Its id differs from its file name."));
  if (!g_str_equal (unit, imp->unit))
    return g_strdup_printf (_("It claims unit %s but lies in the folder of unit %s."), unit, imp->unit);
  if (!g_str_equal (replica, imp->replica))
    return g_strdup (_("It claims another replica than the one whose folder it lies in."));

  return NULL;
}

/* A changed file of the ref: read and decoded by prepare_job(), which is
 * safe in any thread, then checked against the register and stored by
 * apply_job() in the importing thread. */
typedef struct
{
  gboolean         lesson;
  char            *path;
  const char      *aa;          /* within path, which ends in "<aa>/<name>" */
  const char      *name;
  git_oid          oid;
  git_filemode_t   mode;

  gint             state;
  char            *id;
  char            *problem;
  CkSharedRecord  *record;
  CkSharedLesson  *lesson_file;
} FileJob;

/* Frees what a job read and decoded, once it is stored: the importing
 * thread keeps one job's contents at a time, not the whole ref's, and the
 * workers' memory is used again instead of growing. A worker only ever
 * looks at the state of a job it did not take. */
static void
file_job_clear (FileJob *job)
{
  job->aa = job->name = NULL;
  g_clear_pointer (&job->path, g_free);
  g_clear_pointer (&job->id, g_free);
  g_clear_pointer (&job->problem, g_free);
  g_clear_pointer (&job->record, ck_shared_record_free);
  g_clear_pointer (&job->lesson_file, ck_shared_lesson_free);
}

static void
file_job_free (FileJob *job)
{
  file_job_clear (job);
  g_free (job);
}

static void
prepare_job (FileJob *job,
             git_odb *odb)
{
  g_autoptr(git_odb_object) object = NULL;
  g_autoptr(GError) error = NULL;
  const char *mode_problem;
  const char *data;
  gsize size;

  if (!(job->id = file_id (job->name, job->aa)))
    {
      job->problem = g_strdup (_("Its name is not <id>.json in the folder of the id’s first two digits."));
      return;
    }
  if ((mode_problem = filemode_problem (job->mode)) != NULL)
    {
      job->problem = g_strdup (mode_problem);
      return;
    }
  if (!(object = read_blob (odb, &job->oid, &job->problem)))
    return;

  data = git_odb_object_data (object);
  size = git_odb_object_size (object);
  if (job->lesson)
    job->lesson_file = ck_lesson_file_decode (data, size, &error);
  else
    job->record = ck_record_file_decode (data, size, &error);
  if (error != NULL)
    job->problem = g_strdup (error->message);
}

static gboolean
apply_job (Importer  *imp,
           FileJob   *job,
           GError   **error)
{
  g_autofree char *problem = NULL;
  gboolean exists = FALSE;

  if (job->problem != NULL)
    return quarantine (imp, job->path, job->problem, &job->oid, error);

  if (job->record != NULL)
    {
      CkSharedRecord *record = job->record;

      if ((problem = check_identity (imp, record->id, job->id, record->unit, record->replica)) ||
          (problem = check_owner (imp, FALSE, record->id, record->rev, &exists)))
        return quarantine (imp, job->path, problem, &job->oid, error);

      if (record->retracted)
        {
          if (exists && !ck_shared_store_remove (imp->storage, record->id, error))
            return FALSE;
          imp->count->removed++;
        }
      else if (exists)
        {
          if (!ck_shared_store_put (imp->storage, record, FALSE, error))
            return FALSE;
          imp->count->records++;
        }
      else
        {
          if (!(imp->bulk != NULL ? ck_sync_bulk_insert (imp->bulk, record, FALSE, error)
                                  : ck_shared_store_insert (imp->storage, record, FALSE, error)))
            return FALSE;
          imp->count->records++;
        }
      /* ck_sync_bulk_insert() notes its own writes. */
      if (imp->bulk != NULL && exists)
        ck_sync_bulk_note (imp->bulk, record->id);
    }
  else
    {
      CkSharedLesson *lesson = job->lesson_file;

      if ((problem = check_identity (imp, lesson->id, job->id, lesson->unit, lesson->replica)) ||
          (problem = check_owner (imp, TRUE, lesson->id, lesson->rev, &exists)))
        return quarantine (imp, job->path, problem, &job->oid, error);

      if (lesson->retracted)
        {
          if (exists && !ck_shared_store_remove_lesson (imp->storage, lesson->id, error))
            return FALSE;
        }
      else
        {
          if (!ck_shared_store_put_lesson (imp->storage, lesson, FALSE, error))
            return FALSE;
          imp->count->lessons++;
        }
    }

  return release_path (imp, job->path, error);
}

/* The files are read and decoded by worker threads while the importing
 * thread stores them, in order: a job is free, taken, or done. Whoever
 * needs a free job takes it, so nothing waits on a worker that failed. */
enum
{
  JOB_FREE,
  JOB_TAKEN,
  JOB_DONE,
};

typedef struct
{
  GPtrArray  *jobs;
  const char *repo_path;
  gint        next;
  gint        stop;
  gint        awaited;     /* the job the importing thread waits for, or -1 */
  GMutex      mutex;
  GCond       done;
} Pipeline;

/* Wakes the importing thread only when it waits for this very job: a
 * wake-up per file cost more than the waiting. The importing thread sets
 * @awaited before it looks at the state, a worker sets the state before it
 * looks at @awaited, so one of them sees the other. */
static void
finish_job (Pipeline *pipeline,
            FileJob  *job,
            guint     i)
{
  g_atomic_int_set (&job->state, JOB_DONE);
  if (g_atomic_int_get (&pipeline->awaited) == (gint) i)
    {
      g_mutex_lock (&pipeline->mutex);
      g_cond_broadcast (&pipeline->done);
      g_mutex_unlock (&pipeline->mutex);
    }
}

/* Each worker reads through a repository of its own: libgit2 objects are
 * not shared between threads. */
static gpointer
worker_thread (gpointer data)
{
  Pipeline *pipeline = data;
  g_autoptr(git_repository) repo = NULL;
  g_autoptr(git_odb) odb = NULL;

  if (git_repository_open_bare (&repo, pipeline->repo_path) < 0 ||
      git_repository_odb (&odb, repo) < 0)
    return NULL;

  while (!g_atomic_int_get (&pipeline->stop))
    {
      guint i = (guint) g_atomic_int_add (&pipeline->next, 1);
      FileJob *job;

      if (i >= pipeline->jobs->len)
        break;
      job = pipeline->jobs->pdata[i];
      if (g_atomic_int_compare_and_exchange (&job->state, JOB_FREE, JOB_TAKEN))
        {
          prepare_job (job, odb);
          finish_job (pipeline, job, i);
        }
    }

  return NULL;
}

/* Returns: the job, read and decoded, by a worker or else here */
static FileJob *
wait_job (Importer *imp,
          Pipeline *pipeline,
          guint     i)
{
  FileJob *job = pipeline->jobs->pdata[i];

  if (g_atomic_int_compare_and_exchange (&job->state, JOB_FREE, JOB_TAKEN))
    {
      prepare_job (job, imp->odb);
      g_atomic_int_set (&job->state, JOB_DONE);
      return job;
    }

  if (g_atomic_int_get (&job->state) == JOB_DONE)
    return job;

  g_mutex_lock (&pipeline->mutex);
  g_atomic_int_set (&pipeline->awaited, (gint) i);
  while (g_atomic_int_get (&job->state) != JOB_DONE)
    g_cond_wait (&pipeline->done, &pipeline->mutex);
  g_atomic_int_set (&pipeline->awaited, -1);
  g_mutex_unlock (&pipeline->mutex);
  return job;
}

static gboolean
store_jobs (Importer  *imp,
            Pipeline  *pipeline,
            GError   **error)
{
  for (guint i = 0; i < pipeline->jobs->len; i++)
    {
      FileJob *job = wait_job (imp, pipeline, i);

      if (!apply_job (imp, job, error))
        return FALSE;
      file_job_clear (job);
    }

  return TRUE;
}

static gboolean
apply_jobs (Importer  *imp,
            Pipeline  *pipeline,
            GError   **error)
{
  gboolean ok;

  if (pipeline->jobs->len < CK_SYNC_BULK_RECORDS)
    return store_jobs (imp, pipeline, error);

  if (!(imp->bulk = ck_sync_bulk_begin (imp->storage, error)))
    return FALSE;
  ok = store_jobs (imp, pipeline, error) && ck_sync_bulk_end (imp->bulk, error);
  g_clear_pointer (&imp->bulk, ck_sync_bulk_free);

  return ok;
}

/* Few jobs are done here alone; for many, one worker per processor reads
 * and decodes ahead of this thread, which stores, all in the same one
 * transaction. */
static gboolean
run_jobs (Importer  *imp,
          GError   **error)
{
  Pipeline pipeline = { imp->jobs, git_repository_path (imp->session->repo), 0, 0, -1 };
  guint n_threads = imp->jobs->len >= 512 ? CLAMP (g_get_num_processors (), 1, 4) : 0;
  g_autofree GThread **threads = g_new0 (GThread *, MAX (n_threads, 1));
  gboolean ok;

  g_mutex_init (&pipeline.mutex);
  g_cond_init (&pipeline.done);
  for (guint t = 0; t < n_threads; t++)
    threads[t] = g_thread_new ("ck-sync-import", worker_thread, &pipeline);

  ok = apply_jobs (imp, &pipeline, error);

  g_atomic_int_set (&pipeline.stop, 1);
  for (guint t = 0; t < n_threads; t++)
    g_thread_join (threads[t]);
  g_mutex_clear (&pipeline.mutex);
  g_cond_clear (&pipeline.done);

  g_ptr_array_set_size (imp->jobs, 0);
  return ok;
}

/* @dir: "<ref>/records" or "<ref>/lessons" */
static void
add_job (Importer              *imp,
         gboolean               lesson,
         const char            *dir,
         const char            *aa,
         const git_tree_entry  *entry)
{
  FileJob *job = g_new0 (FileJob, 1);
  const char *name = git_tree_entry_name (entry);

  job->lesson = lesson;
  job->path = g_strconcat (dir, "/", aa, "/", name, NULL);
  job->name = job->path + strlen (job->path) - strlen (name);
  job->aa = job->name - 1 - strlen (aa);
  job->mode = git_tree_entry_filemode (entry);
  git_oid_cpy (&job->oid, git_tree_entry_id (entry));
  g_ptr_array_add (imp->jobs, job);
}

/* A file that was there at the last import and is gone now. */
static gboolean
vanished (Importer              *imp,
          gboolean               lesson,
          const char            *aa,
          const git_tree_entry  *entry,
          const char            *path,
          GError               **error)
{
  g_autofree char *id = file_id (git_tree_entry_name (entry), aa);
  g_autofree char *replica = NULL;
  gboolean own = FALSE, exists;
  guint rev = 0;

  if (id == NULL)
    return release_path (imp, path, error);

  exists = ck_sync_store_lookup_shared (imp->storage, lesson, id, &replica, &own, &rev);
  if (!exists || own || !g_str_equal (replica, imp->replica))
    return release_path (imp, path, error);

  if (!(lesson ? ck_shared_store_remove_lesson (imp->storage, id, error)
               : ck_shared_store_remove (imp->storage, id, error)))
    return FALSE;
  imp->count->removed++;

  if (imp->purged != NULL && g_strv_contains ((const char * const *) imp->purged, id))
    return release_path (imp, path, error);

  return quarantine (imp, path, _("The file was removed without a retraction; its record was dropped."), NULL, error);
}

static git_tree *
subtree (git_repository *repo,
         git_tree       *tree,
         const char     *name)
{
  const git_tree_entry *entry = tree != NULL ? git_tree_entry_byname (tree, name) : NULL;
  git_tree *sub = NULL;

  if (entry == NULL || git_tree_entry_type (entry) != GIT_OBJECT_TREE)
    return NULL;
  if (git_tree_lookup (&sub, repo, git_tree_entry_id (entry)) < 0)
    return NULL;

  return sub;
}

static gboolean
diff_bucket (Importer    *imp,
             gboolean     lesson,
             const char  *dir,
             const char  *aa,
             git_tree    *new_bucket,
             git_tree    *old_bucket,
             GError     **error)
{
  size_t n_new = new_bucket != NULL ? git_tree_entrycount (new_bucket) : 0;
  size_t n_old = old_bucket != NULL ? git_tree_entrycount (old_bucket) : 0;

  for (size_t i = 0; i < n_new; i++)
    {
      const git_tree_entry *entry = git_tree_entry_byindex (new_bucket, i);
      const git_tree_entry *before = old_bucket != NULL ? git_tree_entry_byname (old_bucket, git_tree_entry_name (entry)) : NULL;

      if (before != NULL && git_oid_equal (git_tree_entry_id (before), git_tree_entry_id (entry)) &&
          git_tree_entry_filemode (before) == git_tree_entry_filemode (entry))
        continue;

      add_job (imp, lesson, dir, aa, entry);
    }

  for (size_t i = 0; i < n_old; i++)
    {
      const git_tree_entry *entry = git_tree_entry_byindex (old_bucket, i);
      g_autofree char *path = NULL;

      if (new_bucket != NULL && git_tree_entry_byname (new_bucket, git_tree_entry_name (entry)) != NULL)
        continue;

      path = g_strdup_printf ("%s/%s/%s", dir, aa, git_tree_entry_name (entry));
      if (!vanished (imp, lesson, aa, entry, path, error))
        return FALSE;
    }

  return TRUE;
}

/* Compares "records" or "lessons" with the tree imported before, one
 * bucket of 256 at a time: an unchanged bucket is one comparison. */
static gboolean
diff_collection (Importer    *imp,
                 gboolean     lesson,
                 git_tree    *new_tree,
                 git_tree    *old_tree,
                 GError     **error)
{
  git_repository *repo = imp->session->repo;
  g_autofree char *dir = g_strdup_printf ("%s/%s", imp->ref, lesson ? "lessons" : "records");
  size_t n_new = new_tree != NULL ? git_tree_entrycount (new_tree) : 0;
  size_t n_old = old_tree != NULL ? git_tree_entrycount (old_tree) : 0;

  for (size_t i = 0; i < n_new; i++)
    {
      const git_tree_entry *entry = git_tree_entry_byindex (new_tree, i);
      const char *aa = git_tree_entry_name (entry);
      const git_tree_entry *before = old_tree != NULL ? git_tree_entry_byname (old_tree, aa) : NULL;
      g_autoptr(git_tree) new_bucket = NULL;
      g_autoptr(git_tree) old_bucket = NULL;

      if (!is_bucket_name (aa) || git_tree_entry_filemode (entry) != GIT_FILEMODE_TREE)
        {
          g_autofree char *path = g_strdup_printf ("%s/%s", dir, aa);

          if (!quarantine (imp, path, _("Only folders named after two hex digits belong here."),
                           git_tree_entry_id (entry), error))
            return FALSE;
          continue;
        }

      if (before != NULL && git_oid_equal (git_tree_entry_id (before), git_tree_entry_id (entry)))
        continue;

      new_bucket = subtree (repo, new_tree, aa);
      old_bucket = subtree (repo, old_tree, aa);
      if (new_bucket == NULL)
        {
          g_autofree char *path = g_strdup_printf ("%s/%s", dir, aa);

          if (!quarantine (imp, path, _("The folder cannot be read: the repository is damaged there."),
                           git_tree_entry_id (entry), error))
            return FALSE;
          continue;
        }
      if (!diff_bucket (imp, lesson, dir, aa, new_bucket, old_bucket, error))
        return FALSE;
    }

  for (size_t i = 0; i < n_old; i++)
    {
      const git_tree_entry *entry = git_tree_entry_byindex (old_tree, i);
      const char *aa = git_tree_entry_name (entry);
      g_autoptr(git_tree) old_bucket = NULL;

      if ((new_tree != NULL && git_tree_entry_byname (new_tree, aa) != NULL) || !is_bucket_name (aa))
        continue;

      old_bucket = subtree (repo, old_tree, aa);
      if (!diff_bucket (imp, lesson, dir, aa, NULL, old_bucket, error))
        return FALSE;
    }

  return TRUE;
}

/* Quarantines every entry of @tree but @allowed. */
static gboolean
refuse_others (Importer    *imp,
               git_tree    *tree,
               const char  *dir,
               const char  *allowed,
               GError     **error)
{
  size_t n = git_tree_entrycount (tree);

  for (size_t i = 0; i < n; i++)
    {
      const git_tree_entry *entry = git_tree_entry_byindex (tree, i);
      g_autofree char *path = NULL;

      if (g_str_equal (git_tree_entry_name (entry), allowed) &&
          git_tree_entry_filemode (entry) == GIT_FILEMODE_TREE)
        continue;

      path = *dir != '\0' ? g_strdup_printf ("%s/%s", dir, git_tree_entry_name (entry))
                          : g_strdup (git_tree_entry_name (entry));
      if (!quarantine (imp, path, _("It lies outside the replica’s own folder; a replica may only write there."),
                       git_tree_entry_id (entry), error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
read_meta (Importer             *imp,
           git_tree             *replica_tree,
           const CkEnrolledKey  *key,
           GError              **error)
{
  const git_tree_entry *entry = git_tree_entry_byname (replica_tree, "meta.json");
  g_autofree char *path = g_strconcat (imp->ref, "/meta.json", NULL);
  g_autoptr(git_odb_object) object = NULL;
  g_autoptr(CkReplicaMeta) meta = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *problem = NULL;
  const char *mode_problem;

  if (entry == NULL)
    return quarantine (imp, path, _("The replica has no meta.json."), NULL, error);
  if ((mode_problem = filemode_problem (git_tree_entry_filemode (entry))) != NULL)
    return quarantine (imp, path, mode_problem, git_tree_entry_id (entry), error);
  if (!(object = read_blob (imp->odb, git_tree_entry_id (entry), &problem)))
    return quarantine (imp, path, problem, git_tree_entry_id (entry), error);

  meta = ck_replica_meta_decode (git_odb_object_data (object), git_odb_object_size (object), &local_error);
  if (meta == NULL)
    return quarantine (imp, path, local_error->message, git_tree_entry_id (entry), error);
  if (!g_str_equal (meta->unit, imp->unit) || !g_str_equal (meta->replica, imp->replica))
    return quarantine (imp, path, _("It names another unit or replica than its folder."), git_tree_entry_id (entry), error);
  if (!g_str_equal (meta->signing_key, key->public_key))
    return quarantine (imp, path, _("It names another signing key than the one enrolled."), git_tree_entry_id (entry), error);

  imp->purged = g_steal_pointer (&meta->purged);
  return release_path (imp, path, error);
}

static gboolean
check_replica_entries (Importer  *imp,
                       git_tree  *replica_tree,
                       GError   **error)
{
  size_t n = git_tree_entrycount (replica_tree);

  for (size_t i = 0; i < n; i++)
    {
      const git_tree_entry *entry = git_tree_entry_byindex (replica_tree, i);
      const char *name = git_tree_entry_name (entry);
      g_autofree char *path = NULL;

      if (g_str_equal (name, "meta.json") ||
          ((g_str_equal (name, "records") || g_str_equal (name, "lessons")) &&
           git_tree_entry_filemode (entry) == GIT_FILEMODE_TREE))
        continue;

      path = g_strdup_printf ("%s/%s", imp->ref, name);
      if (!quarantine (imp, path, _("Casuskamer knows no such file in a replica’s folder."), git_tree_entry_id (entry), error))
        return FALSE;
    }

  return TRUE;
}

/* Walks root → units → <unit> → <replica>, quarantining everything beside
 * the path. Returns: (transfer full) (nullable): the replica's folder */
static git_tree *
descend (Importer  *imp,
         git_tree  *root,
         gboolean   report,
         GError   **error)
{
  git_repository *repo = imp->session->repo;
  g_autoptr(git_tree) units = NULL;
  g_autoptr(git_tree) unit = NULL;
  g_autofree char *unit_path = g_strconcat ("units/", imp->unit_dir, NULL);

  if (report && !refuse_others (imp, root, "", "units", error))
    return NULL;
  if (!(units = subtree (repo, root, "units")))
    return NULL;
  if (report && !refuse_others (imp, units, "units", imp->unit_dir, error))
    return NULL;
  if (!(unit = subtree (repo, units, imp->unit_dir)))
    return NULL;
  if (report && !refuse_others (imp, unit, unit_path, imp->replica, error))
    return NULL;

  return subtree (repo, unit, imp->replica);
}

static gboolean
import_tree (Importer             *imp,
             git_tree             *root,
             git_tree             *old_root,
             const CkEnrolledKey  *key,
             GError              **error)
{
  g_autoptr(git_tree) replica_tree = NULL;
  g_autoptr(git_tree) old_replica_tree = NULL;
  g_autoptr(git_tree) records = NULL;
  g_autoptr(git_tree) old_records = NULL;
  g_autoptr(git_tree) lessons = NULL;
  g_autoptr(git_tree) old_lessons = NULL;
  GError *local_error = NULL;
  git_repository *repo = imp->session->repo;

  replica_tree = descend (imp, root, TRUE, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (old_root != NULL)
    old_replica_tree = descend (imp, old_root, FALSE, NULL);

  if (replica_tree == NULL)
    return quarantine (imp, "", _("The replica’s ref holds no folder units/<unit>/<replica>."), NULL, error);

  if (!read_meta (imp, replica_tree, key, error) ||
      !check_replica_entries (imp, replica_tree, error))
    return FALSE;

  records = subtree (repo, replica_tree, "records");
  old_records = subtree (repo, old_replica_tree, "records");
  lessons = subtree (repo, replica_tree, "lessons");
  old_lessons = subtree (repo, old_replica_tree, "lessons");

  return diff_collection (imp, FALSE, records, old_records, error) &&
         diff_collection (imp, TRUE, lessons, old_lessons, error) &&
         run_jobs (imp, error);
}

/* Returns: (transfer full) (nullable): why the ref is not read at all */
static char *
check_signature (Importer             *imp,
                 const git_oid        *commit_id,
                 const CkEnrolledKey  *key)
{
  g_auto(git_buf) signature = GIT_BUF_INIT;
  g_auto(git_buf) signed_data = GIT_BUF_INIT;
  g_autoptr(GError) error = NULL;

  if (key == NULL)
    return g_strdup (_("The key of this replica is not enrolled: its records are not imported. The national "
                       "coordinator enrols it on the Synchronisation page."));
  if (!g_str_equal (key->unit, imp->unit))
    return g_strdup_printf (_("The key of this replica is enrolled for unit %s, not %s."), key->unit, imp->unit);

  if (git_commit_extract_signature (&signature, &signed_data, imp->session->repo, (git_oid *) commit_id,
                                    CK_SIGNATURE_FIELD) < 0)
    return g_strdup (_("The replica’s latest commit is not signed."));

  if (!ck_sync_signing_verify (signature.ptr, key->public_key, signed_data.ptr, signed_data.size, &error))
    return g_strdup (error->message);

  return NULL;
}

static gboolean
parse_ref (Importer   *imp,
           const char *name)
{
  g_auto(GStrv) parts = g_strsplit (name, "/", -1);
  g_autofree char *upper = NULL;
  g_autofree char *lower = NULL;

  if (g_strv_length (parts) != 3 || !g_str_equal (parts[0], "units"))
    return FALSE;

  upper = g_ascii_strup (parts[1], -1);
  lower = g_ascii_strdown (upper, -1);
  if (ck_vocabulary_lookup (ck_vocabulary_get_default (), CK_VOCAB_UNITS, upper) == NULL ||
      strcmp (parts[1], lower) != 0 ||
      !ck_shared_id_is_valid (parts[2]))
    return FALSE;

  imp->unit = g_steal_pointer (&upper);
  imp->unit_dir = g_strdup (parts[1]);
  imp->replica = g_strdup (parts[2]);
  return TRUE;
}

static void
clear_ref (Importer *imp)
{
  g_clear_pointer (&imp->ref, g_free);
  g_clear_pointer (&imp->unit, g_free);
  g_clear_pointer (&imp->unit_dir, g_free);
  g_clear_pointer (&imp->replica, g_free);
  g_clear_pointer (&imp->purged, g_strfreev);
  g_clear_pointer (&imp->quarantined, g_hash_table_unref);
  if (imp->jobs != NULL)
    g_ptr_array_set_size (imp->jobs, 0);
  imp->count = NULL;
}

/* Forgets the quarantine entries of files that are no longer there. */
static gboolean
release_gone (Importer  *imp,
              git_tree  *tree,
              GError   **error)
{
  g_autoptr(GPtrArray) entries = ck_sync_store_list_quarantine (imp->storage, error);

  if (entries == NULL)
    return FALSE;

  for (guint i = 0; i < entries->len; i++)
    {
      const CkQuarantineEntry *entry = entries->pdata[i];
      git_tree_entry *found = NULL;

      if (!g_str_equal (entry->ref, imp->ref) || entry->path[0] == '\0')
        continue;
      if (git_tree_entry_bypath (&found, tree, entry->path) == 0)
        {
          git_tree_entry_free (found);
          continue;
        }
      if (!ck_sync_store_release (imp->storage, imp->ref, entry->path, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
import_ref_locked (Importer       *imp,
                   const git_oid  *commit_id,
                   GError        **error)
{
  g_autoptr(CkSyncRefState) before = NULL;
  g_autoptr(CkEnrolledKey) key = NULL;
  g_autoptr(git_commit) commit = NULL;
  g_autoptr(git_tree) tree = NULL;
  g_autoptr(git_tree) old_tree = NULL;
  g_autofree char *commit_hex = ck_git_oid_to_hex (commit_id);
  g_autofree char *problem = NULL;
  g_autoptr(GError) local_error = NULL;
  CkSyncRefState state = { 0 };
  git_oid old_tree_id;

  before = ck_sync_store_get_ref (imp->storage, imp->ref, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (before != NULL && g_str_equal (before->commit_id, commit_hex))
    return TRUE;

  key = ck_sync_store_get_key (imp->storage, imp->replica);
  if ((problem = check_signature (imp, commit_id, key)) != NULL)
    {
      g_ptr_array_add (imp->result->skipped_refs, g_strdup_printf ("%s (%.8s…): %s", imp->unit, imp->replica, problem));
      return quarantine (imp, "", problem, commit_id, error);
    }

  if (!ck_git_check (git_commit_lookup (&commit, imp->session->repo, commit_id), error, _("Reading a unit’s records")) ||
      !ck_git_check (git_commit_tree (&tree, commit), error, _("Reading a unit’s records")))
    return FALSE;

  if (before != NULL && git_oid_fromstr (&old_tree_id, before->tree_id) == 0)
    git_tree_lookup (&old_tree, imp->session->repo, &old_tree_id);

  imp->count = ck_sync_result_get_import (imp->result, imp->unit);
  {
    g_autoptr(GPtrArray) entries = ck_sync_store_list_quarantine (imp->storage, error);

    if (entries == NULL)
      return FALSE;
    imp->quarantined = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    for (guint i = 0; i < entries->len; i++)
      {
        CkQuarantineEntry *entry = entries->pdata[i];

        if (g_str_equal (entry->ref, imp->ref))
          g_hash_table_add (imp->quarantined, g_strdup (entry->path));
      }
  }
  if (!ck_sync_store_has_shared (imp->storage, FALSE, &imp->any_records, error) ||
      !ck_sync_store_has_shared (imp->storage, TRUE, &imp->any_lessons, error) ||
      !release_path (imp, "", error) ||
      !import_tree (imp, tree, old_tree, key, error))
    return FALSE;

  if (!release_gone (imp, tree, error))
    return FALSE;

  state.ref = imp->ref;
  state.unit = imp->unit;
  state.replica = imp->replica;
  state.commit_id = commit_hex;
  state.tree_id = ck_git_oid_to_hex (git_tree_id (tree));
  if (!ck_sync_store_put_ref (imp->storage, &state, error))
    {
      g_free (state.tree_id);
      return FALSE;
    }
  g_free (state.tree_id);
  return TRUE;
}

/* One ref in one transaction. */
static gboolean
import_ref (Importer       *imp,
            const git_oid  *commit_id,
            GError        **error)
{
  gboolean ok;

  imp->storage = ck_register_acquire (imp->reg);
  ok = ck_storage_begin (imp->storage, error);
  if (ok)
    {
      /* A bigger page cache for the first import of a large replica. */
      sqlite3_exec (imp->storage->db, "PRAGMA cache_size = -131072", NULL, NULL, NULL);
      ok = import_ref_locked (imp, commit_id, error);
      if (ok)
        ok = ck_storage_commit (imp->storage, error);
      else
        ck_storage_rollback (imp->storage);
      sqlite3_exec (imp->storage->db, "PRAGMA cache_size = -2000", NULL, NULL, NULL);
    }
  ck_register_release (imp->reg);
  imp->storage = NULL;

  return ok;
}

typedef struct
{
  char    *name;
  git_oid  oid;
  gboolean direct;
} RefTip;

static void
ref_tip_free (RefTip *tip)
{
  g_free (tip->name);
  g_free (tip);
}

static GPtrArray *
list_refs (Importer  *imp,
           GError   **error)
{
  g_autoptr(GPtrArray) tips = g_ptr_array_new_with_free_func ((GDestroyNotify) ref_tip_free);
  g_autoptr(git_reference_iterator) iter = NULL;
  g_autofree char *prefix = g_strconcat (imp->session->tracking_prefix, "units/", NULL);
  git_reference *ref;
  int rc;

  if (!ck_git_check (git_reference_iterator_new (&iter, imp->session->repo), error, _("Reading the units’ refs")))
    return NULL;

  while ((rc = git_reference_next (&ref, iter)) == 0)
    {
      const char *name = git_reference_name (ref);

      if (g_str_has_prefix (name, prefix))
        {
          RefTip *tip = g_new0 (RefTip, 1);

          tip->name = g_strdup (name + strlen (imp->session->tracking_prefix));
          tip->direct = git_reference_type (ref) == GIT_REFERENCE_DIRECT;
          if (tip->direct)
            git_oid_cpy (&tip->oid, git_reference_target (ref));
          g_ptr_array_add (tips, tip);
        }
      git_reference_free (ref);
    }

  if (rc != GIT_ITEROVER && !ck_git_check (rc, error, _("Reading the units’ refs")))
    return NULL;

  return g_steal_pointer (&tips);
}

static gboolean
quarantine_ref (Importer    *imp,
                const char  *name,
                const char  *reason,
                GError     **error)
{
  gboolean ok;

  imp->ref = g_strdup (name);
  imp->storage = ck_register_acquire (imp->reg);
  ok = quarantine (imp, "", reason, NULL, error);
  ck_register_release (imp->reg);
  imp->storage = NULL;
  clear_ref (imp);
  return ok;
}

/**
 * ck_sync_import:
 *
 * Imports what changed in every other replica's ref. Blocks: call it from
 * a worker thread, after ck_sync_session_fetch().
 */
gboolean
ck_sync_import (CkRegister     *reg,
                CkSyncSession  *session,
                CkSyncResult   *result,
                GError        **error)
{
  Importer imp = { reg, NULL, session, result, NULL, NULL };
  g_autoptr(GPtrArray) tips = NULL;
  CkRemote *remote = session->remote;
  gboolean ok = TRUE;

  if (git_repository_odb (&imp.odb, session->repo) < 0)
    return ck_git_check (-1, error, _("Reading the shared repository"));
  imp.own_replica = ck_register_dup_replica_id (reg);
  imp.jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) file_job_free);

  if (!(tips = list_refs (&imp, error)))
    ok = FALSE;

  for (guint i = 0; ok && i < tips->len; i++)
    {
      RefTip *tip = tips->pdata[i];
      g_autofree char *text = NULL;

      if (!ck_remote_check_cancelled (remote, error))
        {
          ok = FALSE;
          break;
        }

      if (!tip->direct)
        {
          ok = quarantine_ref (&imp, tip->name, _("The ref is a symbolic ref, not a replica’s commit."), error);
          continue;
        }
      if (!parse_ref (&imp, tip->name))
        {
          clear_ref (&imp);
          ok = quarantine_ref (&imp, tip->name, _("The ref’s name is not units/<unit>/<replica> with a known "
                                                  "unit code in lowercase and a replica id."), error);
          continue;
        }
      imp.ref = g_strdup (tip->name);

      if (g_strcmp0 (imp.replica, imp.own_replica) != 0)
        {
          if (remote->progress != NULL)
            {
              /* Translators: "Importing AMS (2 of 14)" */
              text = g_strdup_printf (_("Importing %s (%u of %u)"), imp.unit, i + 1, tips->len);
              remote->progress ((double) i / tips->len, text, remote->progress_data);
            }
          ok = import_ref (&imp, &tip->oid, error);
        }
      clear_ref (&imp);
    }

  result->import_done = ok;
  g_ptr_array_unref (imp.jobs);
  git_odb_free (imp.odb);
  g_free (imp.own_replica);
  return ok;
}
