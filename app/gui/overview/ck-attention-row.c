/* ck-attention-row.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ck-attention-row.h"

struct _CkAttentionRow
{
  GObject    parent_instance;

  GPtrArray *items;      /* owns the item */
  guint      position;
};

G_DEFINE_FINAL_TYPE (CkAttentionRow, ck_attention_row, G_TYPE_OBJECT)

static void
ck_attention_row_finalize (GObject *object)
{
  CkAttentionRow *self = (CkAttentionRow *)object;

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (ck_attention_row_parent_class)->finalize (object);
}

static void
ck_attention_row_class_init (CkAttentionRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ck_attention_row_finalize;
}

static void
ck_attention_row_init (CkAttentionRow *self)
{
}

/**
 * ck_attention_row_new:
 * @items: (element-type CkAttentionItem): the array that owns the item
 * @position: the item's place in @items
 */
CkAttentionRow *
ck_attention_row_new (GPtrArray *items,
                      guint      position)
{
  CkAttentionRow *self;

  g_return_val_if_fail (position < items->len, NULL);

  self = g_object_new (CK_TYPE_ATTENTION_ROW, NULL);
  self->items = g_ptr_array_ref (items);
  self->position = position;
  return self;
}

const CkAttentionItem *
ck_attention_row_get_item (CkAttentionRow *self)
{
  g_return_val_if_fail (CK_IS_ATTENTION_ROW (self), NULL);

  return self->items->pdata[self->position];
}
