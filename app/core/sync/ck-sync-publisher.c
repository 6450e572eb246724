/* ck-sync-publisher.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>
#include <git2/sys/repository.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "ck-error.h"
#include "ck-git.h"
#include "ck-publish-plan.h"
#include "ck-record-file.h"
#include "ck-sqlite.h"
#include "ck-register.h"
#include "ck-sync-publisher.h"
#include "ck-sync-signing.h"
#include "ck-sync-store.h"

/* Above every backend libgit2 adds, so that new objects land in memory. */
#define MEMPACK_PRIORITY 1000

/* How the packbuilder works. libgit2 1.5 reads both its delta cache
 * and its big-file threshold from pack.deltaCacheSize (sic). A large
 * cache lets the delta threads keep and deflate every record's delta
 * (with a small one the single-threaded writing phase made each delta
 * again); the window memory still holds about five records (under 1 KiB,
 * much alike) and only one 32 KiB folder tree, which a window of ten
 * would take twice as long over for a pack a few percent smaller. */
#define PACK_CONFIG "[pack]\n\tdeltaCacheSize = 268435456\n\twindowMemory = 12288\n"

/* How much of the pack the indexer is given at a time. */
#define PACK_CHUNK (4 * 1024 * 1024)

typedef struct
{
  CkRegister      *reg;
  CkSyncSession   *session;
  CkSyncResult    *result;
  char            *unit;
  char            *replica;
  char            *ref;
  git_odb_backend *mempack;
  GArray          *new_objects;    /* git_oid */
} Publisher;

static gboolean
get_meta_oid (CkStorage  *storage,
              const char *key,
              git_oid    *oid)
{
  g_autofree char *hex = ck_storage_get_meta (storage, key);

  return hex != NULL && git_oid_fromstr (oid, hex) == 0;
}

/* Records @commit as published and nothing as pending, in one
 * transaction: one wait for the disk instead of two. */
static gboolean
mark_published (CkRegister     *reg,
                const git_oid  *commit,
                GError        **error)
{
  CkStorage *storage = ck_register_acquire (reg);
  g_autofree char *hex = ck_git_oid_to_hex (commit);
  gboolean ok = ck_storage_begin (storage, error);

  if (ok)
    {
      ok = ck_storage_set_meta (storage, CK_SYNC_META_PUBLISHED, hex, error) &&
           ck_storage_set_meta (storage, CK_SYNC_META_PENDING, NULL, error);
      if (ok)
        ok = ck_storage_commit (storage, error);
      else
        ck_storage_rollback (storage);
    }
  ck_register_release (reg);

  return ok;
}

static int
compare_updates (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (((const git_tree_update *) a)->path, ((const git_tree_update *) b)->path);
}

static gboolean
is_new (Publisher     *p,
        const git_oid *oid)
{
  return p->mempack->exists (p->mempack, oid) == 1;
}

/* Collects the objects of @tree that are in memory, that is new: the
 * subtrees that exist already are skipped whole. */
static gboolean
collect_new (Publisher  *p,
             git_tree   *tree,
             GError    **error)
{
  size_t n = git_tree_entrycount (tree);

  for (size_t i = 0; i < n; i++)
    {
      const git_tree_entry *entry = git_tree_entry_byindex (tree, i);
      const git_oid *oid = git_tree_entry_id (entry);

      if (!is_new (p, oid))
        continue;

      g_array_append_val (p->new_objects, *oid);
      if (git_tree_entry_type (entry) == GIT_OBJECT_TREE)
        {
          g_autoptr(git_tree) subtree = NULL;

          if (!ck_git_check (git_tree_lookup (&subtree, p->session->repo, oid), error, _("Reading the new tree")) ||
              !collect_new (p, subtree, error))
            return FALSE;
        }
    }

  return TRUE;
}

/* A packbuilder over the session's objects (the mempack included) that
 * reads PACK_CONFIG rather than the shared repository's own settings,
 * which are not Casuskamer's to change. @repo must outlive it. */
static git_packbuilder *
new_packbuilder (Publisher       *p,
                 git_repository **repo,
                 GError         **error)
{
  g_autoptr(git_odb) odb = NULL;
  g_autoptr(git_config) config = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  git_packbuilder *builder = NULL;
  int fd;
  int rc;

  fd = g_file_open_tmp ("casuskamer-pack-XXXXXX.config", &path, &local_error);
  if (fd < 0)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  close (fd);

  rc = g_file_set_contents (path, PACK_CONFIG, -1, NULL) ? 0 : -1;
  if (rc == 0)
    rc = git_repository_odb (&odb, p->session->repo);
  if (rc == 0)
    rc = git_repository_wrap_odb (repo, odb);
  if (rc == 0)
    rc = git_config_new (&config);
  if (rc == 0)
    rc = git_config_add_file_ondisk (config, path, GIT_CONFIG_LEVEL_APP, *repo, 0);
  if (rc == 0)
    git_repository_set_config (*repo, config);
  if (rc == 0)
    rc = git_packbuilder_new (&builder, *repo);
  g_unlink (path);

  if (!ck_git_check (rc, error, _("Packing the records")))
    return NULL;

  git_packbuilder_set_threads (builder, 0);
  return builder;
}

typedef struct
{
  git_indexer          *indexer;
  git_indexer_progress  stats;
  GByteArray           *buffer;
} PackSink;

static int
flush_pack (PackSink *sink)
{
  int rc = 0;

  if (sink->buffer->len > 0)
    rc = git_indexer_append (sink->indexer, sink->buffer->data, sink->buffer->len, &sink->stats);
  g_byte_array_set_size (sink->buffer, 0);
  return rc;
}

/* The packbuilder hands the pack over an object header or body at a time,
 * and the indexer maps and unmaps the growing file for every piece it is
 * given: at 100,000 records that cost more than deflating them. It gets
 * pieces of PACK_CHUNK instead. */
static int
pack_piece_cb (void   *data,
               size_t  size,
               void   *user_data)
{
  PackSink *sink = user_data;

  g_byte_array_append (sink->buffer, data, size);
  return sink->buffer->len >= PACK_CHUNK ? flush_pack (sink) : 0;
}

/* Writes the pack of @builder into @pack_dir with its index, as
 * git_packbuilder_write() does but in large pieces. */
static int
write_pack_file (git_packbuilder *builder,
                 git_odb         *odb,
                 const char      *pack_dir)
{
  g_autoptr(git_indexer) indexer = NULL;
  g_autoptr(GByteArray) buffer = g_byte_array_sized_new (PACK_CHUNK + 64 * 1024);
  git_indexer_options options = GIT_INDEXER_OPTIONS_INIT;
  PackSink sink = { NULL, { 0 }, buffer };
  int rc;

  rc = git_indexer_new (&indexer, pack_dir, 0, odb, &options);
  sink.indexer = indexer;
  if (rc == 0)
    rc = git_packbuilder_foreach (builder, pack_piece_cb, &sink);
  if (rc == 0)
    rc = flush_pack (&sink);
  if (rc == 0)
    rc = git_indexer_commit (indexer, &sink.stats);

  return rc;
}

/* Writes the new objects as one pack into the session's repository. */
static gboolean
write_pack (Publisher      *p,
            const git_oid  *tree_id,
            const git_oid  *commit_id,
            GError        **error)
{
  g_autoptr(git_repository) packing_repo = NULL;
  g_autoptr(git_packbuilder) builder = NULL;
  g_autoptr(git_tree) tree = NULL;
  g_autoptr(git_odb) odb = NULL;
  g_autofree char *pack_dir = g_build_filename (git_repository_path (p->session->repo), "objects", "pack", NULL);

  g_array_append_val (p->new_objects, *commit_id);
  if (is_new (p, tree_id))
    g_array_append_val (p->new_objects, *tree_id);
  if (!ck_git_check (git_tree_lookup (&tree, p->session->repo, tree_id), error, _("Reading the new tree")) ||
      !collect_new (p, tree, error))
    return FALSE;

  if (!(builder = new_packbuilder (p, &packing_repo, error)))
    return FALSE;
  for (guint i = 0; i < p->new_objects->len; i++)
    if (!ck_git_check (git_packbuilder_insert (builder, &g_array_index (p->new_objects, git_oid, i), NULL),
                       error, _("Packing the records")))
      return FALSE;

  if (git_repository_odb (&odb, packing_repo) < 0)
    return ck_git_check (-1, error, _("Packing the records"));
  if (!ck_remote_explain (p->session->remote, write_pack_file (builder, odb, pack_dir),
                          _("Writing the records"), error))
    return FALSE;
  g_clear_pointer (&builder, git_packbuilder_free);
  g_clear_pointer (&odb, git_odb_free);

  if (git_repository_odb (&odb, p->session->repo) == 0)
    git_odb_refresh (odb);
  return TRUE;
}

static gboolean
make_commit (Publisher      *p,
             const git_oid  *tree_id,
             const git_oid  *parent_id,
             git_oid        *commit_id,
             GError        **error)
{
  g_autoptr(git_tree) tree = NULL;
  g_autoptr(git_commit) parent = NULL;
  g_autoptr(git_signature) signature = NULL;
  g_auto(git_buf) buffer = GIT_BUF_INIT;
  g_autofree char *name = g_strdup_printf ("Casuskamer %s", p->unit);
  g_autofree char *email = g_strdup_printf ("%s@casuskamer.invalid", p->replica);
  g_autofree char *message = NULL;
  g_autofree char *signed_block = NULL;
  const git_commit *parents[1];
  CkStorage *storage;

  message = g_strdup_printf ("Publish %s: %u written, %u retracted, %u active\n",
                             p->unit, p->result->n_written, p->result->n_retracted, p->result->n_active);

  if (!ck_git_check (git_tree_lookup (&tree, p->session->repo, tree_id), error, _("Reading the new tree")) ||
      (parent_id != NULL &&
       !ck_git_check (git_commit_lookup (&parent, p->session->repo, parent_id), error, _("Reading the last publication"))) ||
      !ck_git_check (git_signature_now (&signature, name, email), error, _("Signing the publication")))
    return FALSE;

  parents[0] = parent;
  if (!ck_git_check (git_commit_create_buffer (&buffer, p->session->repo, signature, signature, NULL, message,
                                               tree, parent != NULL ? 1 : 0, parents),
                     error, _("Making the publication")))
    return FALSE;

  storage = ck_register_acquire (p->reg);
  signed_block = ck_sync_signing_sign (storage, buffer.ptr, buffer.size, error);
  ck_register_release (p->reg);
  if (signed_block == NULL)
    return FALSE;

  return ck_git_check (git_commit_create_with_signature (commit_id, p->session->repo, buffer.ptr, signed_block,
                                                         CK_SIGNATURE_FIELD),
                       error, _("Signing the publication"));
}

/* Writes a blob to memory without asking every backend first whether it
 * exists: for 100,000 new records that asking cost more than the rest. A
 * blob that did exist is packed once more, which Git allows. */
static gboolean
write_blob (Publisher   *p,
            const void  *data,
            gsize        size,
            git_oid     *oid,
            GError     **error)
{
  if (!ck_git_check (git_odb_hash (oid, data, size, GIT_OBJECT_BLOB), error, _("Writing the records")))
    return FALSE;

  return ck_git_check (p->mempack->write (p->mempack, oid, data, size, GIT_OBJECT_BLOB), error,
                       _("Writing the records"));
}

static gboolean
build_tree (Publisher      *p,
            CkPublishPlan  *plan,
            git_tree       *base,
            git_oid        *tree_id,
            GError        **error)
{
  GPtrArray *files = ck_publish_plan_get_files (plan);
  g_autoptr(GArray) updates = g_array_sized_new (FALSE, TRUE, sizeof (git_tree_update), files->len + 1);
  g_autofree char *meta_path = g_strconcat (p->ref, "/meta.json", NULL);
  GBytes *meta = ck_publish_plan_get_meta (plan);
  git_tree_update update = { 0 };
  gsize size;
  const void *data;

  update.action = GIT_TREE_UPDATE_UPSERT;
  update.filemode = GIT_FILEMODE_BLOB;
  update.path = meta_path;
  data = g_bytes_get_data (meta, &size);
  if (!write_blob (p, data, size, &update.id, error))
    return FALSE;
  g_array_append_val (updates, update);

  for (guint i = 0; i < files->len; i++)
    {
      CkPlanFile *file = files->pdata[i];

      update.path = file->path;
      data = g_bytes_get_data (file->contents, &size);
      if (!write_blob (p, data, size, &update.id, error))
        return FALSE;
      g_array_append_val (updates, update);
    }

  /* libgit2 inserts each update into a sorted list: in order, that costs
   * nothing; out of order, moving 100,000 entries each time. */
  g_array_sort (updates, compare_updates);
  return ck_git_check (git_tree_create_updated (tree_id, p->session->repo, base, updates->len,
                                                (git_tree_update *) updates->data),
                       error, _("Writing the records"));
}

typedef struct
{
  Publisher     *p;
  const git_oid *tree_id;
  const git_oid *commit_id;
  GError        *error;
} PackJob;

static gpointer
pack_thread (gpointer data)
{
  PackJob *job = data;

  return GINT_TO_POINTER (write_pack (job->p, job->tree_id, job->commit_id, &job->error));
}

/* Stores the plan and, with @commit_id, that commit as pending. Its
 * objects are packed meanwhile in a thread of their own (the one uses
 * libgit2, the other SQLite), and the transaction commits only once they
 * are written: a pending commit always has its objects. The plan, done
 * with, is freed while the pack is still being written: for 100,000
 * records that takes a few hundred milliseconds. */
static gboolean
store_plan (Publisher      *p,
            CkPublishPlan **plan,
            const git_oid  *tree_id,
            const git_oid  *commit_id,
            GError        **error)
{
  CkStorage *storage = ck_register_acquire (p->reg);
  g_autofree char *hex = commit_id != NULL ? ck_git_oid_to_hex (commit_id) : NULL;
  PackJob job = { p, tree_id, commit_id, NULL };
  GThread *packer = NULL;
  gboolean ok, packed = TRUE;

  if (commit_id != NULL)
    packer = g_thread_new ("ck-sync-pack", pack_thread, &job);

  ok = ck_storage_begin (storage, error);
  if (ok)
    {
      /* A first publish stores a row or three for each of 100,000 records:
       * a page cache the size of the new indexes keeps them from spilling. */
      ck_sqlite_exec (storage->db, "PRAGMA cache_size = -131072", NULL);
      ok = ck_publish_plan_store (*plan, storage, error) &&
           (hex == NULL || ck_storage_set_meta (storage, CK_SYNC_META_PENDING, hex, error));
      g_clear_pointer (plan, ck_publish_plan_free);
      if (packer != NULL)
        packed = GPOINTER_TO_INT (g_thread_join (g_steal_pointer (&packer)));
      if (ok && !packed)
        {
          g_propagate_error (error, g_steal_pointer (&job.error));
          ok = FALSE;
        }
      if (ok)
        ok = ck_storage_commit (storage, error);
      else
        ck_storage_rollback (storage);
      ck_sqlite_exec (storage->db, "PRAGMA cache_size = -2000", NULL);
    }
  if (packer != NULL)
    g_thread_join (packer);
  ck_register_release (p->reg);
  g_clear_error (&job.error);

  return ok;
}

static gboolean
object_exists (CkSyncSession *session,
               const git_oid *oid)
{
  g_autoptr(git_odb) odb = NULL;

  return git_repository_odb (&odb, session->repo) == 0 && git_odb_exists (odb, oid);
}

static gboolean
publish (Publisher  *p,
         GError    **error)
{
  g_autoptr(CkPublishPlan) plan = NULL;
  g_autoptr(git_commit) base_commit = NULL;
  g_autoptr(git_tree) base_tree = NULL;
  g_autoptr(git_odb) odb = NULL;
  git_oid tip, published, pending, tree_id, commit_id;
  gboolean have_tip, have_published, have_pending;
  const git_oid *base = NULL;
  CkPlanMode mode = CK_PLAN_CHANGES;
  CkStorage *storage;

  storage = ck_register_acquire (p->reg);
  have_published = get_meta_oid (storage, CK_SYNC_META_PUBLISHED, &published);
  have_pending = get_meta_oid (storage, CK_SYNC_META_PENDING, &pending);
  ck_register_release (p->reg);

  have_tip = ck_sync_session_lookup_tip (p->session, p->ref, &tip);
  if (have_tip)
    {
      gboolean is_published = have_published && git_oid_equal (&tip, &published);
      gboolean is_pending = have_pending && git_oid_equal (&tip, &pending);

      if (!is_published && !is_pending)
        {
          g_set_error_literal (error, CK_ERROR, CK_ERROR_EXISTS,
                               _("The shared repository holds a publication of this replica that this "
                                 "register did not make: a copy of this register has published too. "
                                 "Only one copy may publish; nothing was changed. Stop using the other copy."));
          return FALSE;
        }

      /* The last publish landed, but the register did not hear of it. */
      if (is_pending)
        {
          published = pending;
          have_published = TRUE;
          have_pending = FALSE;
          if (!mark_published (p->reg, &published, error))
            return FALSE;
        }

      base = have_pending && object_exists (p->session, &pending) ? &pending : &tip;
    }
  else if (have_published || have_pending)
    /* A new shared repository, or one that lost this replica: start over. */
    mode = CK_PLAN_FULL;

  if (base != NULL && !object_exists (p->session, base))
    {
      mode = CK_PLAN_FULL;
      base = NULL;
    }

  if (!(plan = ck_publish_plan_build (p->reg, p->replica, mode, p->result, error)))
    return FALSE;

  if (git_repository_odb (&odb, p->session->repo) < 0 ||
      git_mempack_new (&p->mempack) < 0 ||
      git_odb_add_backend (odb, p->mempack, MEMPACK_PRIORITY) < 0)
    return ck_git_check (-1, error, _("Preparing the publication"));

  if (base != NULL &&
      (!ck_git_check (git_commit_lookup (&base_commit, p->session->repo, base), error, _("Reading the last publication")) ||
       !ck_git_check (git_commit_tree (&base_tree, base_commit), error, _("Reading the last publication"))))
    return FALSE;

  if (!build_tree (p, plan, base_tree, &tree_id, error))
    return FALSE;

  if (base_tree != NULL && git_oid_equal (&tree_id, git_tree_id (base_tree)))
    {
      /* Nothing new to write; a pending commit may still wait for delivery. */
      if (!store_plan (p, &plan, NULL, NULL, error))
        return FALSE;
      if (base == &pending && !git_oid_equal (&pending, &tip))
        commit_id = pending;
      else
        return TRUE;
    }
  else
    {
      if (!make_commit (p, &tree_id, have_tip ? &tip : NULL, &commit_id, error) ||
          !store_plan (p, &plan, &tree_id, &commit_id, error))
        return FALSE;
    }

  if (!ck_remote_check_cancelled (p->session->remote, error) ||
      !ck_sync_session_deliver (p->session, p->ref, have_tip ? &tip : NULL, &commit_id, error))
    return FALSE;

  p->result->published = TRUE;
  return mark_published (p->reg, &commit_id, error);
}

/**
 * ck_sync_publish:
 *
 * Publishes what changed in the register since the last publish. Blocks:
 * call it from a worker thread.
 */
gboolean
ck_sync_publish (CkRegister     *reg,
                 CkSyncSession  *session,
                 CkSyncResult   *result,
                 GError        **error)
{
  Publisher p = { reg, session, result, NULL, NULL, NULL, NULL, NULL };
  gboolean ok;

  p.replica = ck_register_dup_replica_id (reg);
  if (p.replica == NULL)
    {
      g_set_error_literal (error, CK_ERROR, CK_ERROR_IO, _("The register’s replica id cannot be stored."));
      return FALSE;
    }
  p.unit = g_strdup (ck_register_get_unit (reg));
  p.ref = ck_shared_ref_name (p.unit, p.replica);
  p.new_objects = g_array_new (FALSE, FALSE, sizeof (git_oid));

  ok = publish (&p, error);
  result->publish_done = ok;

  /* The odb owns the backend; dropping the repository's cached odb frees
   * the objects kept in memory. */
  if (p.mempack != NULL)
    git_mempack_reset (p.mempack);
  g_array_unref (p.new_objects);
  g_free (p.unit);
  g_free (p.replica);
  g_free (p.ref);
  return ok;
}

static gboolean
write_file (const char  *directory,
            const char  *path,
            GBytes      *contents,
            GError     **error)
{
  g_autofree char *full = g_build_filename (directory, path, NULL);
  g_autofree char *parent = g_path_get_dirname (full);

  if (g_mkdir_with_parents (parent, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, CK_ERROR, CK_ERROR_IO, _("The folder %s cannot be made: %s"),
                   parent, g_strerror (saved_errno));
      return FALSE;
    }

  return g_file_set_contents_full (full, g_bytes_get_data (contents, NULL), g_bytes_get_size (contents),
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

/**
 * ck_sync_export_files:
 * @directory: where to write the files; made when missing
 *
 * Writes every file the replica's snapshot would hold if it were
 * published now, for inspection, without publishing or storing anything.
 */
gboolean
ck_sync_export_files (CkRegister    *reg,
                      const char    *directory,
                      CkSyncResult  *result,
                      GError       **error)
{
  g_autofree char *replica = ck_register_dup_replica_id (reg);
  g_autofree char *ref = NULL;
  g_autofree char *meta_path = NULL;
  g_autoptr(CkPublishPlan) plan = NULL;
  GPtrArray *files;

  if (replica == NULL)
    {
      g_set_error_literal (error, CK_ERROR, CK_ERROR_IO, _("The register’s replica id cannot be stored."));
      return FALSE;
    }

  if (!(plan = ck_publish_plan_build (reg, replica, CK_PLAN_FULL, result, error)))
    return FALSE;

  ref = ck_shared_ref_name (ck_register_get_unit (reg), replica);
  meta_path = g_strconcat (ref, "/meta.json", NULL);
  if (!write_file (directory, meta_path, ck_publish_plan_get_meta (plan), error))
    return FALSE;

  files = ck_publish_plan_get_files (plan);
  for (guint i = 0; i < files->len; i++)
    {
      CkPlanFile *file = files->pdata[i];

      if (!write_file (directory, file->path, file->contents, error))
        return FALSE;
    }

  return TRUE;
}
