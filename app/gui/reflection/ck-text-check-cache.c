/* ck-text-check-cache.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ck-register.h"
#include "ck-sessions.h"
#include "ck-text-check-cache.h"

struct _CkTextCheckCache
{
  GObject      parent_instance;

  CkRegister  *reg;
  CkTextCheck *check;        /* NULL until built, and after a case changed */
  GPtrArray   *waiting;      /* GTask, while it is being built */
  guint        generation;   /* rises with every change of a case */
  guint        building;     /* the generation being built for */
};

G_DEFINE_FINAL_TYPE (CkTextCheckCache, ck_text_check_cache, G_TYPE_OBJECT)

static void
cases_changed_cb (CkTextCheckCache *self)
{
  /* A name may have come or gone. */
  g_clear_object (&self->check);
  self->generation++;
}

static void
built_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CkTextCheckCache) self = user_data;
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->waiting);
  g_autoptr(GError) error = NULL;
  g_autoptr(CkTextCheck) check = ck_sessions_new_text_check_finish (CK_REGISTER (object), result, &error);

  /* Kept only if no case changed meanwhile; those waiting get it anyway,
   * built from the register as it was when they asked. */
  if (check != NULL && self->building == self->generation)
    g_set_object (&self->check, check);

  for (guint i = 0; i < waiting->len; i++)
    {
      GTask *task = waiting->pdata[i];

      if (check != NULL)
        g_task_return_pointer (task, g_object_ref (check), g_object_unref);
      else
        g_task_return_error (task, g_error_copy (error));
    }
}

static void
ck_text_check_cache_dispose (GObject *object)
{
  CkTextCheckCache *self = (CkTextCheckCache *)object;

  if (self->reg != NULL)
    g_signal_handlers_disconnect_by_data (ck_register_get_cases (self->reg), self);

  G_OBJECT_CLASS (ck_text_check_cache_parent_class)->dispose (object);
}

static void
ck_text_check_cache_finalize (GObject *object)
{
  CkTextCheckCache *self = (CkTextCheckCache *)object;

  g_clear_object (&self->check);
  g_clear_object (&self->reg);
  g_clear_pointer (&self->waiting, g_ptr_array_unref);

  G_OBJECT_CLASS (ck_text_check_cache_parent_class)->finalize (object);
}

static void
ck_text_check_cache_class_init (CkTextCheckCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ck_text_check_cache_dispose;
  object_class->finalize = ck_text_check_cache_finalize;
}

static void
ck_text_check_cache_init (CkTextCheckCache *self)
{
}

CkTextCheckCache *
ck_text_check_cache_new (CkRegister *reg)
{
  CkTextCheckCache *self = g_object_new (CK_TYPE_TEXT_CHECK_CACHE, NULL);

  self->reg = g_object_ref (reg);
  /* The case list changes with every case saved, deleted or erased, and
   * not with sessions. */
  g_signal_connect_object (ck_register_get_cases (reg), "items-changed",
                           G_CALLBACK (cases_changed_cb), self, G_CONNECT_SWAPPED);
  return self;
}

/* Returns: whether the check can be had without building it */
gboolean
ck_text_check_cache_is_ready (CkTextCheckCache *self)
{
  g_return_val_if_fail (CK_IS_TEXT_CHECK_CACHE (self), FALSE);

  return self->check != NULL;
}

void
ck_text_check_cache_get_async (CkTextCheckCache    *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CK_IS_TEXT_CHECK_CACHE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ck_text_check_cache_get_async);

  if (self->check != NULL)
    {
      g_task_return_pointer (task, g_object_ref (self->check), g_object_unref);
      return;
    }

  if (self->waiting == NULL)
    {
      self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
      self->building = self->generation;
      ck_sessions_new_text_check_async (self->reg, NULL, built_cb, g_object_ref (self));
    }
  g_ptr_array_add (self->waiting, g_steal_pointer (&task));
}

/* Returns: (transfer full) (nullable): the check, or %NULL with @error */
CkTextCheck *
ck_text_check_cache_get_finish (CkTextCheckCache  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
