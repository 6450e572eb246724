/* ck-attention-list.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ck-attention-list.h"
#include "ck-attention-row.h"

struct _CkAttentionList
{
  GObject    parent_instance;

  CkAttentionSet *items;
};

static void ck_attention_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CkAttentionList, ck_attention_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, ck_attention_list_model_init))

static GType
ck_attention_list_get_item_type (GListModel *model)
{
  return CK_TYPE_ATTENTION_ROW;
}

static guint
ck_attention_list_get_n_items (GListModel *model)
{
  return ck_attention_set_get_n_items (CK_ATTENTION_LIST (model)->items);
}

static gpointer
ck_attention_list_get_item (GListModel *model,
                            guint       position)
{
  CkAttentionList *self = CK_ATTENTION_LIST (model);

  if (position >= ck_attention_set_get_n_items (self->items))
    return NULL;

  return ck_attention_row_new (ck_attention_set_make_item (self->items, position));
}

static void
ck_attention_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = ck_attention_list_get_item_type;
  iface->get_n_items = ck_attention_list_get_n_items;
  iface->get_item = ck_attention_list_get_item;
}

static void
ck_attention_list_finalize (GObject *object)
{
  CkAttentionList *self = (CkAttentionList *)object;

  g_clear_pointer (&self->items, ck_attention_set_unref);

  G_OBJECT_CLASS (ck_attention_list_parent_class)->finalize (object);
}

static void
ck_attention_list_class_init (CkAttentionListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ck_attention_list_finalize;
}

static void
ck_attention_list_init (CkAttentionList *self)
{
  self->items = ck_attention_set_new (0);
}

CkAttentionList *
ck_attention_list_new (void)
{
  return g_object_new (CK_TYPE_ATTENTION_LIST, NULL);
}

/**
 * ck_attention_list_set_items:
 * @items: the items; the list takes a reference
 *
 * Shows @items instead of what the list held.
 */
void
ck_attention_list_set_items (CkAttentionList *self,
                             CkAttentionSet  *items)
{
  guint removed;

  g_return_if_fail (CK_IS_ATTENTION_LIST (self));
  g_return_if_fail (items != NULL);

  removed = ck_attention_set_get_n_items (self->items);
  ck_attention_set_unref (self->items);
  self->items = ck_attention_set_ref (items);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, ck_attention_set_get_n_items (items));
}

/* Returns: (transfer none): the items the list shows */
CkAttentionSet *
ck_attention_list_get_items (CkAttentionList *self)
{
  g_return_val_if_fail (CK_IS_ATTENTION_LIST (self), NULL);

  return self->items;
}
