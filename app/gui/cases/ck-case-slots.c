/* ck-case-slots.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ck-case-slot.h"
#include "ck-case-slots.h"

struct _CkCaseSlots
{
  GObject     parent_instance;

  GListModel *rows;
  guint       n_items;
  GPtrArray  *slots;    /* by position, NULL where none was asked for yet */
};

static void ck_case_slots_list_model_init (GListModelInterface *iface);

static void
unref_slot (gpointer slot)
{
  if (slot != NULL)
    g_object_unref (slot);
}

G_DEFINE_FINAL_TYPE_WITH_CODE (CkCaseSlots, ck_case_slots, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, ck_case_slots_list_model_init))

static void
rows_changed_cb (GListModel  *rows,
                 guint        position,
                 guint        removed,
                 guint        added,
                 CkCaseSlots *self)
{
  guint old_n = self->n_items;
  guint new_n = g_list_model_get_n_items (rows);

  self->n_items = new_n;

  /* Every slot from @position on that stays shows another case now. */
  for (guint i = position; i < MIN (new_n, self->slots->len); i++)
    if (self->slots->pdata[i] != NULL)
      ck_case_slot_changed (self->slots->pdata[i]);

  if (self->slots->len > new_n)
    g_ptr_array_set_size (self->slots, new_n);

  if (new_n != old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), MIN (old_n, new_n),
                                old_n > new_n ? old_n - new_n : 0,
                                new_n > old_n ? new_n - old_n : 0);
}

static GType
ck_case_slots_get_item_type (GListModel *model)
{
  return CK_TYPE_CASE_SLOT;
}

static guint
ck_case_slots_get_n_items (GListModel *model)
{
  return CK_CASE_SLOTS (model)->n_items;
}

static gpointer
ck_case_slots_get_item (GListModel *model,
                        guint       position)
{
  CkCaseSlots *self = CK_CASE_SLOTS (model);

  if (position >= self->n_items)
    return NULL;

  if (position >= self->slots->len)
    g_ptr_array_set_size (self->slots, position + 1);
  if (self->slots->pdata[position] == NULL)
    self->slots->pdata[position] = ck_case_slot_new (self->rows, position);

  return g_object_ref (self->slots->pdata[position]);
}

static void
ck_case_slots_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = ck_case_slots_get_item_type;
  iface->get_n_items = ck_case_slots_get_n_items;
  iface->get_item = ck_case_slots_get_item;
}

static void
ck_case_slots_dispose (GObject *object)
{
  CkCaseSlots *self = (CkCaseSlots *)object;

  if (self->rows != NULL)
    g_signal_handlers_disconnect_by_data (self->rows, self);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->slots, g_ptr_array_unref);

  G_OBJECT_CLASS (ck_case_slots_parent_class)->dispose (object);
}

static void
ck_case_slots_class_init (CkCaseSlotsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ck_case_slots_dispose;
}

static void
ck_case_slots_init (CkCaseSlots *self)
{
  self->slots = g_ptr_array_new_with_free_func (unref_slot);
}

CkCaseSlots *
ck_case_slots_new (GListModel *rows)
{
  CkCaseSlots *self = g_object_new (CK_TYPE_CASE_SLOTS, NULL);

  self->rows = g_object_ref (rows);
  self->n_items = g_list_model_get_n_items (rows);
  g_signal_connect (rows, "items-changed", G_CALLBACK (rows_changed_cb), self);
  return self;
}

/* Returns: (transfer none): the cases the slots show, in order */
GListModel *
ck_case_slots_get_rows (CkCaseSlots *self)
{
  g_return_val_if_fail (CK_IS_CASE_SLOTS (self), NULL);

  return self->rows;
}
