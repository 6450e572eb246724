/* ck-stats-cache.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ck-error.h"
#include "ck-register.h"
#include "ck-stats-cache.h"
#include "ck-stats-store.h"

/* Rows read while holding the register: small enough that a save waits
 * a few milliseconds at most. */
#define CHUNK_ROWS 20000
/* A table that keeps changing while it is read is read again, a few times. */
#define MAX_ATTEMPTS 4

struct _CkStatsCache
{
  GObject       parent_instance;

  CkRegister   *reg;
  GMutex        mutex;
  CkStatsData  *cases;
  guint         cases_generation;     /* of the cached cases */
  guint         generation;           /* rises with the register's "changed" */
  CkStatsData  *shared;
  gint64        shared_version;
  gboolean      borrowed;             /* reg is not referenced: it owns us */
};

G_DEFINE_FINAL_TYPE (CkStatsCache, ck_stats_cache, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
register_changed_cb (CkStatsCache *self)
{
  g_mutex_lock (&self->mutex);
  self->generation++;
  g_mutex_unlock (&self->mutex);

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
ck_stats_cache_dispose (GObject *object)
{
  CkStatsCache *self = (CkStatsCache *)object;

  if (self->reg != NULL)
    g_signal_handlers_disconnect_by_data (self->reg, self);
  if (self->borrowed)
    self->reg = NULL;
  else
    g_clear_object (&self->reg);

  G_OBJECT_CLASS (ck_stats_cache_parent_class)->dispose (object);
}

static void
ck_stats_cache_finalize (GObject *object)
{
  CkStatsCache *self = (CkStatsCache *)object;

  g_clear_object (&self->cases);
  g_clear_object (&self->shared);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (ck_stats_cache_parent_class)->finalize (object);
}

static void
ck_stats_cache_class_init (CkStatsCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ck_stats_cache_dispose;
  object_class->finalize = ck_stats_cache_finalize;

  /**
   * CkStatsCache::changed:
   *
   * The register changed: figures shown may be out of date.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ck_stats_cache_init (CkStatsCache *self)
{
  g_mutex_init (&self->mutex);
  self->generation = 1;
}

CkStatsCache *
ck_stats_cache_new (CkRegister *reg)
{
  CkStatsCache *self = g_object_new (CK_TYPE_STATS_CACHE, NULL);

  self->reg = g_object_ref (reg);
  g_signal_connect_object (reg, "changed", G_CALLBACK (register_changed_cb), self, G_CONNECT_SWAPPED);
  return self;
}

/**
 * ck_stats_cache_get_for_register:
 *
 * The one cache of @reg, made on first use, so that the pages that show
 * figures share what was read.
 *
 * Returns: (transfer none): the cache, which lives as long as @reg
 */
CkStatsCache *
ck_stats_cache_get_for_register (CkRegister *reg)
{
  CkStatsCache *cache = g_object_get_data (G_OBJECT (reg), "ck-stats-cache");

  if (cache == NULL)
    {
      cache = ck_stats_cache_new (reg);
      /* The cache holds the register weakly here, or neither would go. */
      g_clear_object (&cache->reg);
      cache->reg = reg;
      cache->borrowed = TRUE;
      g_object_set_data_full (G_OBJECT (reg), "ck-stats-cache", cache, g_object_unref);
    }

  return cache;
}

/* Returns: (transfer none): the register */
CkRegister *
ck_stats_cache_get_register (CkStatsCache *self)
{
  g_return_val_if_fail (CK_IS_STATS_CACHE (self), NULL);

  return self->reg;
}

static gint64
read_version (CkStatsCache *self)
{
  CkStorage *storage = ck_register_acquire (self->reg);
  gint64 version = ck_stats_store_get_version (storage);

  ck_register_release (self->reg);
  return version;
}

static CkStatsData *
read_all (CkStatsCache   *self,
          CkStatsSource   source,
          GCancellable   *cancellable,
          GError        **error)
{
  g_autoptr(CkStatsReader) reader = ck_stats_reader_new (source);
  gboolean done = FALSE;

  while (!done)
    {
      CkStorage *storage;
      gboolean ok;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      storage = ck_register_acquire (self->reg);
      if (storage == NULL || storage->key == NULL)
        {
          ck_register_release (self->reg);
          g_set_error_literal (error, CK_ERROR, CK_ERROR_LOCKED,
                               _("The register is locked. Enter the passphrase first."));
          return NULL;
        }
      ok = ck_stats_reader_step (reader, storage, CHUNK_ROWS, &done, error);
      ck_register_release (self->reg);

      if (!ok)
        return NULL;
    }

  return ck_stats_reader_finish (reader);
}

static CkStatsData *
load_shared (CkStatsCache  *self,
             GCancellable  *cancellable,
             GError       **error)
{
  for (guint attempt = 0; attempt < MAX_ATTEMPTS; attempt++)
    {
      gint64 before = read_version (self);
      g_autoptr(CkStatsData) data = NULL;

      g_mutex_lock (&self->mutex);
      if (self->shared != NULL && self->shared_version == before)
        {
          data = g_object_ref (self->shared);
          g_mutex_unlock (&self->mutex);
          return g_steal_pointer (&data);
        }
      g_mutex_unlock (&self->mutex);

      if (!(data = read_all (self, CK_STATS_SOURCE_SHARED, cancellable, error)))
        return NULL;

      /* Only a copy of one version of the table is kept. */
      if (read_version (self) != before && attempt + 1 < MAX_ATTEMPTS)
        continue;

      g_mutex_lock (&self->mutex);
      g_set_object (&self->shared, data);
      self->shared_version = before;
      g_mutex_unlock (&self->mutex);
      return g_steal_pointer (&data);
    }

  g_assert_not_reached ();
}

static CkStatsData *
load_cases (CkStatsCache  *self,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(CkStatsData) data = NULL;
  guint generation;

  g_mutex_lock (&self->mutex);
  generation = self->generation;
  if (self->cases != NULL && self->cases_generation == generation)
    data = g_object_ref (self->cases);
  g_mutex_unlock (&self->mutex);

  if (data != NULL)
    return g_steal_pointer (&data);

  if (!(data = read_all (self, CK_STATS_SOURCE_CASES, cancellable, error)))
    return NULL;

  g_mutex_lock (&self->mutex);
  g_set_object (&self->cases, data);
  self->cases_generation = generation;
  g_mutex_unlock (&self->mutex);

  return g_steal_pointer (&data);
}

/**
 * ck_stats_cache_load:
 * @source: the unit's cases, or the anonymised records of every unit
 *
 * Returns the data as it is in the register now, read again only if it
 * changed since the last call. Any thread.
 *
 * Returns: (transfer full) (nullable): the data, or %NULL with @error
 */
CkStatsData *
ck_stats_cache_load (CkStatsCache  *self,
                     CkStatsSource  source,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_return_val_if_fail (CK_IS_STATS_CACHE (self), NULL);

  if (source == CK_STATS_SOURCE_SHARED)
    return load_shared (self, cancellable, error);

  return load_cases (self, cancellable, error);
}

typedef struct
{
  CkStatsSource  source;
  CkRegister    *reg;         /* held while the thread reads it */
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->reg);
  g_free (data);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GError) error = NULL;
  CkStatsData *result = ck_stats_cache_load (source_object, data->source, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, g_object_unref);
}

void
ck_stats_cache_load_async (CkStatsCache        *self,
                           CkStatsSource        source,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (CK_IS_STATS_CACHE (self));

  data = g_new0 (LoadData, 1);
  data->source = source;
  data->reg = g_object_ref (self->reg);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ck_stats_cache_load_async);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

/* Returns: (transfer full) (nullable): the data, or %NULL with @error */
CkStatsData *
ck_stats_cache_load_finish (CkStatsCache  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ck_stats_cache_list_basis:
 *
 * What the national figures rest on, unit by unit: counted from the
 * records in memory (read first if need be), with the time of the last
 * synchronisation from the register. Any thread.
 *
 * Returns: (transfer full) (element-type CkStatsBasis) (nullable): the
 *   units with records, or %NULL with @error
 */
GPtrArray *
ck_stats_cache_list_basis (CkStatsCache  *self,
                           GError       **error)
{
  g_autoptr(CkStatsData) data = NULL;
  g_autoptr(GPtrArray) basis = NULL;
  CkStorage *storage;

  g_return_val_if_fail (CK_IS_STATS_CACHE (self), NULL);

  if (!(data = ck_stats_cache_load (self, CK_STATS_SOURCE_SHARED, NULL, error)))
    return NULL;

  basis = g_ptr_array_new_with_free_func ((GDestroyNotify) ck_stats_basis_free);
  for (guint u = 1; u <= ck_stats_dim_get_size (CK_STATS_DIM_UNIT); u++)
    {
      CkStatsBasis *unit;
      guint own;
      int newest;
      guint records = ck_stats_data_get_unit_basis (data, u, &own, &newest);

      if (records == 0)
        continue;

      unit = g_new0 (CkStatsBasis, 1);
      unit->unit = g_strdup (ck_stats_dim_get_code (CK_STATS_DIM_UNIT, u));
      unit->records = records;
      unit->own = own;
      unit->newest_quarter = newest;
      g_ptr_array_add (basis, unit);
    }

  storage = ck_register_acquire (self->reg);
  for (guint i = 0; i < basis->len; i++)
    {
      CkStatsBasis *unit = basis->pdata[i];

      unit->synced_at = ck_stats_store_get_sync_time (storage, unit->unit);
    }
  ck_register_release (self->reg);

  return g_steal_pointer (&basis);
}
