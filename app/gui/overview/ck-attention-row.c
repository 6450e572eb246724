/* ck-attention-row.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ck-attention-row.h"

struct _CkAttentionRow
{
  GObject    parent_instance;

  CkAttentionItem *item;
};

G_DEFINE_FINAL_TYPE (CkAttentionRow, ck_attention_row, G_TYPE_OBJECT)

static void
ck_attention_row_finalize (GObject *object)
{
  CkAttentionRow *self = (CkAttentionRow *)object;

  g_clear_pointer (&self->item, ck_attention_item_free);

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
 * @item: (transfer full): the item
 */
CkAttentionRow *
ck_attention_row_new (CkAttentionItem *item)
{
  CkAttentionRow *self;

  g_return_val_if_fail (item != NULL, NULL);

  self = g_object_new (CK_TYPE_ATTENTION_ROW, NULL);
  self->item = item;
  return self;
}

const CkAttentionItem *
ck_attention_row_get_item (CkAttentionRow *self)
{
  g_return_val_if_fail (CK_IS_ATTENTION_ROW (self), NULL);

  return self->item;
}
