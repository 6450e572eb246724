/* ck-git.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <git2.h>
#include <glib.h>

G_BEGIN_DECLS

/* libgit2 for the synchronisation: one initialisation per process (with
 * the socket stream of ck-sync-stream.c, which gives network work the
 * timeouts libgit2 1.5 lacks), cleanup functions, and errors turned into
 * GErrors for people. */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (git_repository, git_repository_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (git_odb, git_odb_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (git_tree, git_tree_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (git_commit, git_commit_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (git_blob, git_blob_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (git_reference, git_reference_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (git_remote, git_remote_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (git_signature, git_signature_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (git_packbuilder, git_packbuilder_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (git_indexer, git_indexer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (git_reference_iterator, git_reference_iterator_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (git_odb_object, git_odb_object_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (git_config, git_config_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (git_buf, git_buf_dispose)

void      ck_git_init         (void);
gboolean  ck_git_check        (int          rc,
                               GError     **error,
                               const char  *what);
char     *ck_git_oid_to_hex   (const git_oid *oid);

G_END_DECLS
