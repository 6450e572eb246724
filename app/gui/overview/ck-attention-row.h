/* ck-attention-row.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ck-attention.h"

G_BEGIN_DECLS

#define CK_TYPE_ATTENTION_ROW (ck_attention_row_get_type ())

G_DECLARE_FINAL_TYPE (CkAttentionRow, ck_attention_row, CK, ATTENTION_ROW, GObject)

/* One item of the overview as an object, for list views: made when a
 * view asks for it. Immutable. */

CkAttentionRow        *ck_attention_row_new      (CkAttentionItem *item);
const CkAttentionItem *ck_attention_row_get_item (CkAttentionRow  *self);

G_END_DECLS
