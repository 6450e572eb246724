/* ck-pack-file.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <git2.h>
#include <glib.h>

G_BEGIN_DECLS

/* A pack of whole objects, without deltas, written with its index
 * (version 2 of both) straight from the objects' ids: for a publish of a
 * few changes, where deltas would save a few kilobytes but the
 * packbuilder's delta search, its deflating at level 6 and the indexer's
 * reading the pack back cost most of the time. Stands in for
 * git_packbuilder_write(), so it reports errors the way libgit2 does. */

int  ck_pack_file_write  (git_odb        *odb,
                          const git_oid  *oids,
                          gsize           n_oids,
                          const char     *pack_dir);

G_END_DECLS
