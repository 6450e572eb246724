/* ck-sync-session.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ck-error.h"
#include "ck-git.h"
#include "ck-register.h"
#include "ck-sync-session.h"

#define FETCH_REFSPEC "+refs/heads/units/*:refs/ck/remote/units/*"

void
ck_sync_session_free (CkSyncSession *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->repo, git_repository_free);
  g_free (self);
}

static gboolean
is_empty_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);

  return dir != NULL && g_dir_read_name (dir) == NULL;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* Makes a bare repository at @path in one step: it is made beside it and
 * renamed into place, so that units publishing for the first time at the
 * same moment never see half of one. */
static gboolean
init_in_place (const char  *path,
               gboolean     shared,
               GError     **error)
{
  g_autofree char *parent = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *template = g_strdup_printf ("%s/.%s-XXXXXX", parent, base);
  git_repository_init_options options = GIT_REPOSITORY_INIT_OPTIONS_INIT;
  git_repository *repo = NULL;
  int rc;

  if (g_mkdir_with_parents (parent, 0700) != 0 || g_mkdtemp (template) == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, CK_ERROR, CK_ERROR_IO,
                   _("The folder %s cannot be made: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  options.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKPATH;
  if (shared)
    options.description = "Casuskamer: anonymised records of every unit";
  rc = git_repository_init_ext (&repo, template, &options);
  git_repository_free (repo);
  if (!ck_git_check (rc, error, _("Making the shared repository")))
    {
      remove_tree (template);
      return FALSE;
    }

  /* Another process won the race: use its repository. */
  if (g_rename (template, path) != 0)
    remove_tree (template);

  return TRUE;
}

/* Opens the bare repository at @path, making it when there is nothing
 * there yet. */
static git_repository *
open_or_init (const char  *path,
              gboolean     shared,
              GError     **error)
{
  git_repository *repo = NULL;
  int rc;

  if ((!g_file_test (path, G_FILE_TEST_EXISTS) || is_empty_dir (path)) &&
      !init_in_place (path, shared, error))
    return NULL;

  rc = git_repository_open_ext (&repo, path, GIT_REPOSITORY_OPEN_NO_SEARCH | GIT_REPOSITORY_OPEN_BARE, NULL);
  if (rc < 0)
    {
      g_set_error (error, CK_ERROR, CK_ERROR_INVALID,
                   _("%s is not a shared repository. Choose an empty folder, or the folder of the shared "
                     "repository itself (its name usually ends in .git)."),
                   path);
      return NULL;
    }

  return repo;
}

/**
 * ck_sync_session_open:
 *
 * Opens the shared repository (a path) or the register's cache of it (a
 * network address, fetched by ck_sync_session_fetch()).
 *
 * Returns: (transfer full) (nullable): the session, or %NULL with @error
 */
CkSyncSession *
ck_sync_session_open (CkRegister  *reg,
                      CkRemote    *remote,
                      GError     **error)
{
  g_autoptr(CkSyncSession) self = g_new0 (CkSyncSession, 1);

  ck_git_init ();
  self->remote = remote;

  if (remote->kind == CK_REMOTE_PATH)
    {
      self->repo = open_or_init (remote->path, TRUE, error);
      self->tracking_prefix = "refs/heads/";
    }
  else
    {
      g_autofree char *cache = g_strconcat (ck_register_get_path (reg), "-sync", NULL);

      self->repo = open_or_init (cache, FALSE, error);
      self->tracking_prefix = "refs/ck/remote/";
    }

  if (self->repo == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

/* Brings every unit's ref into the cache; nothing to do for a path. */
gboolean
ck_sync_session_fetch (CkSyncSession  *self,
                       GError        **error)
{
  g_autoptr(git_remote) remote = NULL;
  git_fetch_options options = GIT_FETCH_OPTIONS_INIT;
  char *refspecs[] = { (char *) FETCH_REFSPEC };
  git_strarray specs = { refspecs, 1 };
  int rc;

  if (self->remote->kind == CK_REMOTE_PATH || self->fetched)
    return TRUE;

  rc = git_remote_create_anonymous (&remote, self->repo, self->remote->url);
  if (!ck_remote_explain (self->remote, rc, _("Reaching the shared repository"), error))
    return FALSE;

  ck_remote_fill_callbacks (self->remote, &options.callbacks);
  options.prune = GIT_FETCH_PRUNE;
  options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
  self->remote->stage = _("Fetching the units’ records");

  if (self->remote->watchdog != NULL)
    ck_sync_watchdog_enter (self->remote->watchdog);
  rc = git_remote_fetch (remote, &specs, &options, NULL);
  if (self->remote->watchdog != NULL)
    ck_sync_watchdog_leave (self->remote->watchdog);

  if (!ck_remote_explain (self->remote, rc, _("Fetching from the shared repository"), error))
    return FALSE;

  self->fetched = TRUE;
  return TRUE;
}

/**
 * ck_sync_session_lookup_tip:
 * @ref: "units/ams/<replica>"
 *
 * Returns: whether the shared repository holds @ref (as last fetched),
 *   and its commit in @oid
 */
gboolean
ck_sync_session_lookup_tip (CkSyncSession *self,
                            const char    *ref,
                            git_oid       *oid)
{
  g_autofree char *name = g_strconcat (self->tracking_prefix, ref, NULL);

  return git_reference_name_to_id (oid, self->repo, name) == 0;
}

static gboolean
clone_error (GError **error)
{
  g_set_error_literal (error, CK_ERROR, CK_ERROR_EXISTS,
                       _("The shared repository holds a newer publication of this replica that this "
                         "register did not make: a copy of this register has published too. Only one "
                         "copy may publish; nothing was changed. Stop using the other copy."));
  return FALSE;
}

static gboolean
deliver_to_path (CkSyncSession  *self,
                 const char     *name,
                 const git_oid  *expected,
                 const git_oid  *commit,
                 GError        **error)
{
  g_autoptr(git_reference) reference = NULL;
  int rc;

  if (expected == NULL)
    rc = git_reference_create (&reference, self->repo, name, commit, 0, "casuskamer: publish");
  else
    rc = git_reference_create_matching (&reference, self->repo, name, commit, 1, expected,
                                        "casuskamer: publish");

  if (rc == GIT_EEXISTS || rc == GIT_EMODIFIED)
    return clone_error (error);

  return ck_remote_explain (self->remote, rc, _("Updating the shared repository"), error);
}

/* Reads the ref back from the server: the push is only done when the
 * shared repository says so. */
static gboolean
confirm_push (CkSyncSession  *self,
              git_remote     *remote,
              const char     *name,
              const git_oid  *commit,
              GError        **error)
{
  git_remote_callbacks callbacks;
  const git_remote_head **heads = NULL;
  size_t n_heads = 0;
  int rc;

  ck_remote_fill_callbacks (self->remote, &callbacks);
  rc = git_remote_connect (remote, GIT_DIRECTION_FETCH, &callbacks, NULL, NULL);
  if (rc >= 0)
    rc = git_remote_ls (&heads, &n_heads, remote);
  if (!ck_remote_explain (self->remote, rc, _("Checking the publication"), error))
    return FALSE;

  for (size_t i = 0; i < n_heads; i++)
    if (g_str_equal (heads[i]->name, name))
      {
        if (git_oid_equal (&heads[i]->oid, commit))
          {
            git_remote_disconnect (remote);
            return TRUE;
          }
        break;
      }

  git_remote_disconnect (remote);
  return clone_error (error);
}

static gboolean
deliver_by_push (CkSyncSession  *self,
                 const char     *ref,
                 const char     *name,
                 const git_oid  *commit,
                 GError        **error)
{
  g_autoptr(git_remote) remote = NULL;
  g_autoptr(git_reference) local = NULL;
  g_autoptr(git_reference) tracking = NULL;
  g_autofree char *refspec = g_strdup_printf ("%s:%s", name, name);
  g_autofree char *tracking_name = g_strconcat (self->tracking_prefix, ref, NULL);
  git_push_options options = GIT_PUSH_OPTIONS_INIT;
  char *refspecs[] = { refspec };
  git_strarray specs = { refspecs, 1 };
  int rc;

  rc = git_reference_create (&local, self->repo, name, commit, 1, "casuskamer: publish");
  if (!ck_git_check (rc, error, _("Preparing the publication")))
    return FALSE;

  rc = git_remote_create_anonymous (&remote, self->repo, self->remote->url);
  if (!ck_remote_explain (self->remote, rc, _("Reaching the shared repository"), error))
    return FALSE;

  ck_remote_fill_callbacks (self->remote, &options.callbacks);
  options.pb_parallelism = 0;
  self->remote->stage = _("Sending the records");

  if (self->remote->watchdog != NULL)
    ck_sync_watchdog_enter (self->remote->watchdog);
  rc = git_remote_push (remote, &specs, &options);
  if (rc >= 0)
    rc = confirm_push (self, remote, name, commit, error) ? 0 : 1;
  if (self->remote->watchdog != NULL)
    ck_sync_watchdog_leave (self->remote->watchdog);

  if (rc == 1)
    return FALSE;
  if (rc < 0 && self->remote->refusal == NULL && strstr (git_error_last () != NULL ? git_error_last ()->message : "", "non-fastforward") != NULL)
    return clone_error (error);
  if (!ck_remote_explain (self->remote, rc, _("Sending to the shared repository"), error))
    return FALSE;

  git_reference_create (&tracking, self->repo, tracking_name, commit, 1, "casuskamer: published");
  return TRUE;
}

/**
 * ck_sync_session_deliver:
 * @ref: "units/ams/<replica>"
 * @expected: (nullable): what the shared repository holds for @ref now,
 *   %NULL when it holds nothing
 *
 * Moves @ref in the shared repository to @commit, whose objects are in
 * the session's repository already; refuses when the shared repository no
 * longer holds @expected (another copy of this replica published).
 */
gboolean
ck_sync_session_deliver (CkSyncSession  *self,
                         const char     *ref,
                         const git_oid  *expected,
                         const git_oid  *commit,
                         GError        **error)
{
  g_autofree char *name = g_strconcat ("refs/heads/", ref, NULL);

  if (self->remote->kind == CK_REMOTE_PATH)
    return deliver_to_path (self, name, expected, commit, error);

  return deliver_by_push (self, ref, name, commit, error);
}
