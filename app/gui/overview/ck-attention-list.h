/* ck-attention-list.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ck-attention-set.h"

G_BEGIN_DECLS

#define CK_TYPE_ATTENTION_LIST (ck_attention_list_get_type ())

G_DECLARE_FINAL_TYPE (CkAttentionList, ck_attention_list, CK, ATTENTION_LIST, GObject)

/* The overview's items as a GListModel of CkAttentionRow. It keeps the
 * compact set and makes a row, with its item, only when a view asks for
 * one, so that tens of thousands of items cost what is on screen. */

CkAttentionList *ck_attention_list_new       (void);
void             ck_attention_list_set_items (CkAttentionList *self,
                                              CkAttentionSet  *items);
CkAttentionSet  *ck_attention_list_get_items (CkAttentionList *self);

G_END_DECLS
