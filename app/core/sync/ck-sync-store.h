/* ck-sync-store.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ck-storage.h"

G_BEGIN_DECLS

/* The SQL of the synchronisation tables (schema 0006-sync.sql) and of the
 * settings it keeps in the register's meta table, so that the window and
 * the command line use the same ones. Writers hold a transaction. */

#define CK_SYNC_META_K                "sync_k"
#define CK_SYNC_META_REMOTE           "sync_remote"
#define CK_SYNC_META_PUBLISHED        "sync_published_commit"
#define CK_SYNC_META_PENDING          "sync_pending_commit"
#define CK_SYNC_META_LAST_RESULT      "sync_last_result"

/* A case as publishing sees it: its quasi-identifiers and what was last
 * published of it. Strings live in the GStringChunk given to the scan. */
typedef struct
{
  gint64       case_id;
  gboolean     gone;            /* erased or in the bin: to retract */
  gint64       updated_at;
  const char  *team;
  int          year;
  int          quarter;
  const char  *grounds;
  const char  *reporter_role;
  const char  *subject_role;

  gboolean     mapped;          /* has a shared id, read by ck_sync_store_load_mapping() */
  const char  *shared_id;       /* NULL before the first publish, or not read yet */
  guint        rev;
  gint64       published_updated_at;
  int          level;
  const char  *state;
  const char  *hash;            /* NULL when not read yet */
} CkSyncCaseState;

typedef struct
{
  guint  rev;
  char  *state;
  char  *hash;
} CkSyncLessonState;

typedef struct
{
  char  *ref;
  char  *unit;
  char  *replica;
  char  *commit_id;
  char  *tree_id;
} CkSyncRefState;

typedef struct
{
  char   *ref;
  char   *path;
  char   *reason;
  gint64  seen_at;
} CkQuarantineEntry;

typedef struct
{
  char   *replica;
  char   *unit;
  char   *public_key;
  gint64  enrolled_at;
} CkEnrolledKey;

guint       ck_sync_store_get_k             (CkStorage          *storage);
gboolean    ck_sync_store_set_k             (CkStorage          *storage,
                                             guint               k,
                                             GError            **error);

GArray     *ck_sync_store_scan_cases        (CkStorage          *storage,
                                             GStringChunk       *strings,
                                             gboolean            with_ids,
                                             GError            **error);
gboolean    ck_sync_store_load_mapping      (CkStorage          *storage,
                                             GStringChunk       *strings,
                                             CkSyncCaseState    *state,
                                             GError            **error);
gboolean    ck_sync_store_put_record_state  (CkStorage          *storage,
                                             const CkSyncCaseState *state,
                                             GError            **error);
gboolean    ck_sync_store_forget_record     (CkStorage          *storage,
                                             gint64              case_id,
                                             GError            **error);

GHashTable *ck_sync_store_list_lesson_states (CkStorage         *storage,
                                              GError           **error);
gboolean    ck_sync_store_put_lesson_state  (CkStorage          *storage,
                                             const char         *lesson_id,
                                             guint               rev,
                                             const char         *state,
                                             const char         *hash,
                                             const char         *reason,
                                             GError            **error);

CkSyncRefState *ck_sync_store_get_ref       (CkStorage          *storage,
                                             const char         *ref,
                                             GError            **error);
gboolean    ck_sync_store_put_ref           (CkStorage          *storage,
                                             const CkSyncRefState *state,
                                             GError            **error);
void        ck_sync_ref_state_free          (CkSyncRefState     *state);

gboolean    ck_sync_store_quarantine        (CkStorage          *storage,
                                             const char         *ref,
                                             const char         *path,
                                             const char         *reason,
                                             const char         *object_id,
                                             GError            **error);
gboolean    ck_sync_store_release           (CkStorage          *storage,
                                             const char         *ref,
                                             const char         *path,
                                             GError            **error);
GPtrArray  *ck_sync_store_list_quarantine   (CkStorage          *storage,
                                             GError            **error);
void        ck_quarantine_entry_free        (CkQuarantineEntry  *entry);

gboolean    ck_sync_store_enrol_key         (CkStorage          *storage,
                                             const char         *unit,
                                             const char         *replica,
                                             const char         *public_key,
                                             GError            **error);
gboolean    ck_sync_store_withdraw_key      (CkStorage          *storage,
                                             const char         *replica,
                                             GError            **error);
CkEnrolledKey *ck_sync_store_get_key        (CkStorage          *storage,
                                             const char         *replica);
GPtrArray  *ck_sync_store_list_keys         (CkStorage          *storage,
                                             GError            **error);
void        ck_enrolled_key_free            (CkEnrolledKey      *key);

gboolean    ck_sync_store_lookup_shared     (CkStorage          *storage,
                                             gboolean            lesson,
                                             const char         *id,
                                             char              **replica,
                                             gboolean           *own,
                                             guint              *rev);
gboolean    ck_sync_store_has_shared        (CkStorage          *storage,
                                             gboolean            lesson,
                                             gboolean           *any,
                                             GError            **error);
gboolean    ck_sync_store_remove_replica    (CkStorage          *storage,
                                             const char         *replica,
                                             GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CkSyncRefState, ck_sync_ref_state_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CkQuarantineEntry, ck_quarantine_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CkEnrolledKey, ck_enrolled_key_free)

G_END_DECLS
