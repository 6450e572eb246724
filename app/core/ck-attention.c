/* ck-attention.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ck-attention.h"

G_DEFINE_BOXED_TYPE (CkAttentionItem, ck_attention_item, ck_attention_item_copy, ck_attention_item_free)

CkAttentionItem *
ck_attention_item_new (CkAttentionKind kind)
{
  CkAttentionItem *self = g_new0 (CkAttentionItem, 1);

  self->kind = kind;
  g_date_clear (&self->due, 1);
  return self;
}

CkAttentionItem *
ck_attention_item_copy (const CkAttentionItem *self)
{
  CkAttentionItem *copy = g_memdup2 (self, sizeof *self);

  copy->title = g_strdup (self->title);
  copy->subject = g_strdup (self->subject);
  return copy;
}

void
ck_attention_item_free (CkAttentionItem *self)
{
  if (self == NULL)
    return;

  g_free (self->title);
  g_free (self->subject);
  g_free (self);
}

/* For g_ptr_array_sort(): most overdue first, then by subject. */
int
ck_attention_item_compare (gconstpointer a,
                           gconstpointer b)
{
  const CkAttentionItem *ia = *(CkAttentionItem * const *) a;
  const CkAttentionItem *ib = *(CkAttentionItem * const *) b;

  if (ia->days_overdue != ib->days_overdue)
    return ib->days_overdue - ia->days_overdue;

  return g_strcmp0 (ia->subject, ib->subject);
}
