/* ck-attention-set.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ck-attention.h"

G_BEGIN_DECLS

/* The overview's items, most urgent first, kept small: a register with a
 * hundred thousand open cases has a few hundred thousand steps due, and
 * a CkAttentionItem with its own strings for each would cost tens of
 * megabytes that nobody looks at. A step is four numbers here, its
 * case's reference and its title kept once; ck_attention_set_make_item() makes the item when a row
 * is shown. */
typedef struct _CkAttentionSet CkAttentionSet;

#define CK_TYPE_ATTENTION_SET (ck_attention_set_get_type ())

GType            ck_attention_set_get_type         (void) G_GNUC_CONST;
CkAttentionSet  *ck_attention_set_new              (guint            reserved);
CkAttentionSet  *ck_attention_set_ref              (CkAttentionSet  *self);
void             ck_attention_set_unref            (CkAttentionSet  *self);

guint            ck_attention_set_add_subject      (CkAttentionSet  *self,
                                                    gint64           case_id,
                                                    const char      *reference);
void             ck_attention_set_append_step      (CkAttentionSet  *self,
                                                    guint            subject,
                                                    const char      *title,
                                                    guint32          due,
                                                    int              days_overdue,
                                                    guint            step);
void             ck_attention_set_add_items        (CkAttentionSet  *self,
                                                    GPtrArray       *items);

guint            ck_attention_set_get_n_items      (CkAttentionSet  *self);
guint            ck_attention_set_count_overdue    (CkAttentionSet  *self);
int              ck_attention_set_get_days_overdue (CkAttentionSet  *self,
                                                    guint            position);
CkAttentionItem *ck_attention_set_make_item        (CkAttentionSet  *self,
                                                    guint            position);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CkAttentionSet, ck_attention_set_unref)

G_END_DECLS
