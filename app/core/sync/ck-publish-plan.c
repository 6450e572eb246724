/* ck-publish-plan.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ck-anonymiser.h"
#include "ck-case.h"
#include "ck-case-storage.h"
#include "ck-crypto.h"
#include "ck-error.h"
#include "ck-k-anonymity.h"
#include "ck-publish-plan.h"
#include "ck-record-file.h"
#include "ck-register.h"
#include "ck-shared-store.h"
#include "ck-sync-bulk.h"
#include "ck-sync-signing.h"
#include "ck-sync-store.h"
#include "ck-text-check.h"

typedef struct
{
  char  *id;
  guint  rev;
  char  *state;
  char  *hash;
  char  *reason;
} LessonPlan;

struct _CkPublishPlan
{
  GPtrArray    *files;           /* CkPlanFile */
  GBytes       *meta;
  GStringChunk *strings;
  GArray       *record_states;   /* CkSyncCaseState to store */
  GArray       *forget;          /* gint64 case ids */
  GPtrArray    *own_put;         /* CkSharedRecord, stored before */
  GPtrArray    *own_insert;      /* CkSharedRecord, new to shared_records */
  GPtrArray    *own_remove;      /* char * ids */
  GPtrArray    *lessons;         /* LessonPlan */
  gint64        scanned_at;      /* unix seconds, when the cases were read */
};

/* While building: what the register gives and what is made of it. */
typedef struct
{
  CkPublishPlan *plan;
  CkStorage     *storage;
  CkRegister    *reg;
  const char    *unit;
  const char    *replica;
  CkPlanMode     mode;
  CkSyncResult  *result;
  CkTextCheck   *text_check;
  gint64         since;          /* when the last plan read the cases */
} Builder;

static void
plan_file_free (CkPlanFile *file)
{
  g_free (file->path);
  g_bytes_unref (file->contents);
  g_free (file);
}

static void
lesson_plan_free (LessonPlan *lesson)
{
  g_free (lesson->id);
  g_free (lesson->state);
  g_free (lesson->hash);
  g_free (lesson->reason);
  g_free (lesson);
}

void
ck_publish_plan_free (CkPublishPlan *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->files);
  g_clear_pointer (&self->meta, g_bytes_unref);
  g_array_unref (self->record_states);
  g_array_unref (self->forget);
  g_ptr_array_unref (self->own_put);
  g_ptr_array_unref (self->own_insert);
  g_ptr_array_unref (self->own_remove);
  g_ptr_array_unref (self->lessons);
  g_string_chunk_free (self->strings);
  g_free (self);
}

static CkPublishPlan *
plan_new (void)
{
  CkPublishPlan *self = g_new0 (CkPublishPlan, 1);

  self->files = g_ptr_array_new_with_free_func ((GDestroyNotify) plan_file_free);
  self->strings = g_string_chunk_new (64 * 1024);
  self->record_states = g_array_new (FALSE, TRUE, sizeof (CkSyncCaseState));
  self->forget = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->own_put = g_ptr_array_new_with_free_func ((GDestroyNotify) ck_shared_record_free);
  self->own_insert = g_ptr_array_new_with_free_func ((GDestroyNotify) ck_shared_record_free);
  self->own_remove = g_ptr_array_new_with_free_func (g_free);
  self->lessons = g_ptr_array_new_with_free_func ((GDestroyNotify) lesson_plan_free);
  return self;
}

static void
add_file (Builder          *b,
          CkSharedFileKind  kind,
          const char       *id,
          GBytes           *contents)
{
  CkPlanFile *file = g_new0 (CkPlanFile, 1);

  file->path = ck_shared_file_path (kind, b->unit, b->replica, id);
  file->contents = g_bytes_ref (contents);
  g_ptr_array_add (b->plan->files, file);
}

static char *
hash_bytes (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

static void
keep_state (Builder               *b,
            const CkSyncCaseState *state)
{
  g_array_append_val (b->plan->record_states, *state);
}

/* A tombstone: the record's id with status "retracted" and nothing else. */
static void
retract_record (Builder         *b,
                CkSyncCaseState *state,
                const char      *new_state)
{
  g_autoptr(CkSharedRecord) tombstone = ck_shared_record_new ();
  g_autoptr(GBytes) contents = NULL;

  tombstone->id = g_strdup (state->shared_id);
  tombstone->unit = g_strdup (b->unit);
  tombstone->replica = g_strdup (b->replica);
  tombstone->rev = state->rev + (g_strcmp0 (state->state, "active") == 0 ? 1 : 0);
  tombstone->retracted = TRUE;
  contents = ck_record_file_encode (tombstone);
  add_file (b, CK_SHARED_FILE_RECORD, state->shared_id, contents);

  if (g_strcmp0 (state->state, "active") == 0)
    {
      g_ptr_array_add (b->plan->own_remove, g_strdup (state->shared_id));
      b->result->n_retracted++;
    }

  state->rev = tombstone->rev;
  state->state = new_state;
  state->hash = NULL;
}

static gboolean
plan_gone (Builder          *b,
           CkSyncCaseState  *state,
           GError          **error)
{
  if (!ck_sync_store_load_mapping (b->storage, b->plan->strings, state, error))
    return FALSE;

  if (g_strcmp0 (state->state, "active") == 0 ||
      (b->mode == CK_PLAN_FULL && state->rev > 0))
    {
      retract_record (b, state, "retracted");
      keep_state (b, state);
    }
  else if (state->rev == 0)
    g_array_append_val (b->plan->forget, state->case_id);

  return TRUE;
}

static gboolean
plan_held (Builder          *b,
           CkSyncCaseState  *state,
           int               old_level,
           GError          **error)
{
  b->result->n_held_back++;

  /* Held back before, and still: its stored state stays as it is. */
  if (b->mode == CK_PLAN_CHANGES && state->mapped && old_level == CK_GENERALISE_HELD_BACK &&
      g_strcmp0 (state->state, "held") == 0)
    return TRUE;

  if (!ck_sync_store_load_mapping (b->storage, b->plan->strings, state, error))
    return FALSE;

  if (state->shared_id == NULL)
    {
      g_autofree char *id = ck_random_uid ();

      state->shared_id = g_string_chunk_insert (b->plan->strings, id);
    }

  if (g_strcmp0 (state->state, "active") == 0 || (b->mode == CK_PLAN_FULL && state->rev > 0))
    retract_record (b, state, "held");
  else
    state->state = "held";

  state->level = CK_GENERALISE_HELD_BACK;
  keep_state (b, state);
  return TRUE;
}

static gboolean
plan_active (Builder          *b,
             CkSyncCaseState  *state,
             GError          **error)
{
  g_autoptr(CkCase) kase = NULL;
  g_autoptr(CkSharedRecord) record = NULL;
  g_autoptr(GBytes) unversioned = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autofree char *hash = NULL;
  gboolean same;
  guint record_rev;

  b->result->n_active++;
  if (state->level > CK_GENERALISE_NONE)
    b->result->n_generalised++;

  if (b->mode == CK_PLAN_CHANGES &&
      state->mapped &&
      g_strcmp0 (state->state, "active") == 0 &&
      state->published_updated_at == state->updated_at &&
      state->updated_at < b->since)
    return TRUE;

  if (!ck_sync_store_load_mapping (b->storage, b->plan->strings, state, error))
    return FALSE;

  if (state->shared_id == NULL)
    {
      g_autofree char *id = ck_random_uid ();

      state->shared_id = g_string_chunk_insert (b->plan->strings, id);
    }

  if (!(kase = ck_case_storage_load (b->storage, state->case_id, FALSE, error)))
    return FALSE;

  record = ck_anonymise_case (kase, state->shared_id, b->replica, 0);
  ck_anonymiser_generalise (record, state->level);
  unversioned = ck_record_file_encode (record);
  hash = hash_bytes (unversioned);
  same = g_strcmp0 (state->state, "active") == 0 && g_strcmp0 (hash, state->hash) == 0;

  /* A change to a field that is not shared (the narrative, a date inside
   * the same quarter…) leaves the record as it was published. */
  if (same && b->mode == CK_PLAN_CHANGES)
    {
      state->published_updated_at = state->updated_at;
      keep_state (b, state);
      return TRUE;
    }

  record->rev = same ? MAX (state->rev, 1) : state->rev + 1;
  record_rev = record->rev;
  contents = ck_record_file_encode (record);
  add_file (b, CK_SHARED_FILE_RECORD, state->shared_id, contents);
  if (!same)
    b->result->n_written++;

  /* Only an active record has a row in shared_records. */
  g_ptr_array_add (g_strcmp0 (state->state, "active") == 0 ? b->plan->own_put : b->plan->own_insert,
                   g_steal_pointer (&record));
  state->rev = record_rev;
  state->state = "active";
  state->hash = g_string_chunk_insert (b->plan->strings, hash);
  state->published_updated_at = state->updated_at;
  keep_state (b, state);
  return TRUE;
}

static gboolean
plan_records (Builder  *b,
              GError  **error)
{
  g_autoptr(GArray) states = NULL;
  g_autofree CkQuasiId *ids = NULL;
  g_autofree guint *index = NULL;
  guint n_present = 0;

  /* Times are whole seconds: a case saved in the second the last plan read
   * the cases may have changed after it, and is looked at again. */
  {
    g_autofree char *since = ck_storage_get_meta (b->storage, "sync_scanned_at");

    b->since = since != NULL ? g_ascii_strtoll (since, NULL, 10) : 0;
    b->plan->scanned_at = g_get_real_time () / G_USEC_PER_SEC;
  }

  if (!(states = ck_sync_store_scan_cases (b->storage, b->plan->strings, b->mode == CK_PLAN_FULL, error)))
    return FALSE;

  ids = g_new0 (CkQuasiId, states->len);
  index = g_new0 (guint, states->len);
  for (guint i = 0; i < states->len; i++)
    {
      CkSyncCaseState *state = &g_array_index (states, CkSyncCaseState, i);

      if (state->gone)
        continue;
      ids[n_present].team = state->team;
      ids[n_present].year = state->year;
      ids[n_present].quarter = state->quarter;
      ids[n_present].grounds = state->grounds;
      ids[n_present].reporter_role = state->reporter_role;
      ids[n_present].subject_role = state->subject_role;
      index[n_present++] = i;
    }

  b->result->k = ck_sync_store_get_k (b->storage);
  ck_k_anonymity_apply (ids, n_present, b->result->k, b->result->privacy_notes);

  for (guint n = 0; n < n_present; n++)
    {
      CkSyncCaseState *state = &g_array_index (states, CkSyncCaseState, index[n]);
      int old_level = state->level;

      state->level = ids[n].level;
      /* A record whose generalisation changes is published again. */
      if (state->level != old_level)
        state->published_updated_at = -1;

      if (state->level == CK_GENERALISE_HELD_BACK)
        {
          if (!plan_held (b, state, old_level, error))
            return FALSE;
        }
      else if (!plan_active (b, state, error))
        return FALSE;
    }

  for (guint i = 0; i < states->len; i++)
    {
      CkSyncCaseState *state = &g_array_index (states, CkSyncCaseState, i);

      if (state->gone && !plan_gone (b, state, error))
        return FALSE;
    }

  return TRUE;
}

static LessonPlan *
add_lesson_plan (Builder    *b,
                 const char *id,
                 guint       rev,
                 const char *state,
                 const char *hash,
                 const char *reason)
{
  LessonPlan *lesson = g_new0 (LessonPlan, 1);

  lesson->id = g_strdup (id);
  lesson->rev = rev;
  lesson->state = g_strdup (state);
  lesson->hash = g_strdup (hash);
  lesson->reason = g_strdup (reason);
  g_ptr_array_add (b->plan->lessons, lesson);
  return lesson;
}

static void
retract_lesson (Builder    *b,
                const char *id,
                guint       rev,
                const char *new_state,
                const char *reason)
{
  g_autoptr(CkSharedLesson) tombstone = ck_shared_lesson_new ();
  g_autoptr(GBytes) contents = NULL;

  tombstone->id = g_strdup (id);
  tombstone->unit = g_strdup (b->unit);
  tombstone->replica = g_strdup (b->replica);
  tombstone->rev = rev;
  tombstone->retracted = TRUE;
  contents = ck_lesson_file_encode (tombstone);
  add_file (b, CK_SHARED_FILE_LESSON, id, contents);
  add_lesson_plan (b, id, rev, new_state, NULL, reason);
}

/* Returns: (transfer full) (nullable): why @lesson may not leave, or %NULL */
static char *
check_lesson (Builder              *b,
              const CkSharedLesson *lesson,
              GError              **error)
{
  const char *texts[] = { lesson->title, lesson->text, lesson->theme };
  g_autoptr(GString) reasons = g_string_new (NULL);

  if (b->text_check == NULL)
    {
      b->text_check = ck_text_check_new ();
      if (!ck_text_check_add_register_names (b->text_check, b->reg, error))
        return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GPtrArray) findings = ck_text_check_run (b->text_check, texts[i]);

      for (guint f = 0; f < findings->len; f++)
        {
          const CkTextFinding *finding = findings->pdata[f];

          if (reasons->len > 0)
            g_string_append (reasons, "; ");
          /* Translators: what the check found, e.g. "An exact date: “12 March”" */
          g_string_append_printf (reasons, _("%s: “%s”"), ck_text_finding_describe (finding), finding->excerpt);
        }
    }

  return reasons->len > 0 ? g_string_free (g_steal_pointer (&reasons), FALSE) : g_strdup ("");
}

static gboolean
plan_lessons (Builder  *b,
              GError  **error)
{
  g_autoptr(GPtrArray) own = NULL;
  g_autoptr(GHashTable) states = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;

  if (!(own = ck_shared_store_list_lessons (b->storage, NULL, TRUE, error)) ||
      !(states = ck_sync_store_list_lesson_states (b->storage, error)))
    return FALSE;

  for (guint i = 0; i < own->len; i++)
    {
      g_autoptr(CkSharedLesson) lesson = ck_shared_lesson_copy (own->pdata[i]);
      CkSyncLessonState *state = g_hash_table_lookup (states, lesson->id);
      g_autoptr(GBytes) unversioned = NULL;
      g_autoptr(GBytes) contents = NULL;
      g_autofree char *hash = NULL;
      g_autofree char *reason = NULL;
      gboolean active = state != NULL && g_strcmp0 (state->state, "active") == 0;
      guint rev = state != NULL ? state->rev : 0;

      if (!ck_shared_id_is_valid (lesson->id))
        continue;
      /* The id of @own's lesson, which outlives @seen; not of the copy. */
      g_hash_table_add (seen, ((CkSharedLesson *) own->pdata[i])->id);

      g_free (lesson->unit);
      lesson->unit = g_strdup (b->unit);
      g_free (lesson->replica);
      lesson->replica = g_strdup (b->replica);
      lesson->rev = 0;
      unversioned = ck_lesson_file_encode (lesson);
      hash = hash_bytes (unversioned);

      if (active && g_strcmp0 (hash, state->hash) == 0 && b->mode == CK_PLAN_CHANGES)
        continue;

      /* The second guard: the text was checked when it was released, but
       * the register may know new names since. */
      if (!(reason = check_lesson (b, lesson, error)))
        return FALSE;
      if (*reason != '\0')
        {
          g_ptr_array_add (b->result->held_lessons,
                           /* Translators: a lesson's title and why it was held back */
                           g_strdup_printf (_("Lesson “%s” held back: %s"), lesson->title, reason));
          if (active || (b->mode == CK_PLAN_FULL && rev > 0))
            retract_lesson (b, lesson->id, rev + (active ? 1 : 0), "held", reason);
          else
            add_lesson_plan (b, lesson->id, rev, "held", NULL, reason);
          continue;
        }

      lesson->rev = active && g_strcmp0 (hash, state->hash) == 0 ? MAX (rev, 1) : rev + 1;
      contents = ck_lesson_file_encode (lesson);
      add_file (b, CK_SHARED_FILE_LESSON, lesson->id, contents);
      add_lesson_plan (b, lesson->id, lesson->rev, "active", hash, NULL);
      b->result->n_lessons++;
    }

  /* Lessons no longer released are retracted. */
  g_hash_table_iter_init (&iter, states);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      CkSyncLessonState *state = value;

      if (g_hash_table_contains (seen, key))
        continue;
      if (g_strcmp0 (state->state, "active") == 0)
        retract_lesson (b, key, state->rev + 1, "retracted", NULL);
      else if (b->mode == CK_PLAN_FULL && state->rev > 0)
        retract_lesson (b, key, state->rev, state->state, NULL);
    }

  return TRUE;
}

static gboolean
plan_meta (Builder  *b,
           GError  **error)
{
  g_autofree char *public_key = ck_sync_signing_dup_public_key (b->storage, error);
  CkReplicaMeta meta = { 0 };
  char *purged[] = { NULL };

  if (public_key == NULL)
    return FALSE;

  meta.schema_min = CK_RECORD_SCHEMA;
  meta.schema_max = CK_RECORD_SCHEMA;
  meta.unit = (char *) b->unit;
  meta.replica = (char *) b->replica;
  meta.app_version = (char *) PACKAGE_VERSION;
  meta.signing_key = public_key;
  meta.purged = purged;
  b->plan->meta = ck_replica_meta_encode (&meta);
  return TRUE;
}

/**
 * ck_publish_plan_build:
 * @replica: this installation's replica id
 * @result: gets the counts and the privacy notes
 *
 * Works out the next publish. Holds the register for the time it takes:
 * call it from a worker thread.
 *
 * Returns: (transfer full) (nullable): the plan, or %NULL with @error
 */
CkPublishPlan *
ck_publish_plan_build (CkRegister    *reg,
                       const char    *replica,
                       CkPlanMode     mode,
                       CkSyncResult  *result,
                       GError       **error)
{
  g_autoptr(CkPublishPlan) plan = plan_new ();
  Builder b = { plan, NULL, reg, NULL, replica, mode, result, NULL, 0 };
  gboolean ok;

  b.storage = ck_register_acquire (reg);
  b.unit = b.storage->unit;
  if (b.storage->key == NULL)
    {
      ck_register_release (reg);
      g_set_error_literal (error, CK_ERROR, CK_ERROR_LOCKED,
                           _("The register is locked. Enter the passphrase first."));
      return NULL;
    }

  ok = plan_records (&b, error) && plan_lessons (&b, error) && plan_meta (&b, error);
  ck_register_release (reg);
  g_clear_object (&b.text_check);

  return ok ? g_steal_pointer (&plan) : NULL;
}

/* Returns: (transfer none) (element-type CkPlanFile): the files to write */
GPtrArray *
ck_publish_plan_get_files (CkPublishPlan *self)
{
  return self->files;
}

/* Returns: (transfer none): the replica's meta.json */
GBytes *
ck_publish_plan_get_meta (CkPublishPlan *self)
{
  return self->meta;
}

/* Stores the plan's state: the caller holds a transaction. */
gboolean
ck_publish_plan_store (CkPublishPlan  *self,
                       CkStorage      *storage,
                       GError        **error)
{
  g_autofree char *scanned_at = g_strdup_printf ("%" G_GINT64_FORMAT, self->scanned_at);

  if (!ck_storage_set_meta (storage, "sync_scanned_at", scanned_at, error))
    return FALSE;

  for (guint i = 0; i < self->record_states->len; i++)
    if (!ck_sync_store_put_record_state (storage, &g_array_index (self->record_states, CkSyncCaseState, i), error))
      return FALSE;

  for (guint i = 0; i < self->forget->len; i++)
    if (!ck_sync_store_forget_record (storage, g_array_index (self->forget, gint64, i), error))
      return FALSE;

  for (guint i = 0; i < self->own_put->len; i++)
    if (!ck_shared_store_put (storage, self->own_put->pdata[i], TRUE, error))
      return FALSE;

  if (self->own_insert->len >= CK_SYNC_BULK_RECORDS)
    {
      g_autoptr(CkSyncBulk) bulk = ck_sync_bulk_begin (storage, error);

      if (bulk == NULL)
        return FALSE;
      for (guint i = 0; i < self->own_insert->len; i++)
        if (!ck_sync_bulk_insert (bulk, self->own_insert->pdata[i], TRUE, error))
          return FALSE;
      if (!ck_sync_bulk_end (bulk, error))
        return FALSE;
    }
  else
    for (guint i = 0; i < self->own_insert->len; i++)
      if (!ck_shared_store_insert (storage, self->own_insert->pdata[i], TRUE, error))
        return FALSE;

  for (guint i = 0; i < self->own_remove->len; i++)
    if (!ck_shared_store_remove (storage, self->own_remove->pdata[i], error))
      return FALSE;

  for (guint i = 0; i < self->lessons->len; i++)
    {
      LessonPlan *lesson = self->lessons->pdata[i];

      if (!ck_sync_store_put_lesson_state (storage, lesson->id, lesson->rev, lesson->state,
                                           lesson->hash, lesson->reason, error))
        return FALSE;
    }

  return TRUE;
}
