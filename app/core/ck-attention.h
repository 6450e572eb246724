/* ck-attention.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _CkAttentionItem CkAttentionItem;

typedef enum
{
  CK_ATTENTION_CASE_STEP,     /* a step of a case's handling is due */
  CK_ATTENTION_ACTION,        /* a follow-up action of a reflection session is due */
} CkAttentionKind;

/* Something that needs doing, as the Overzicht page lists it: from the
 * handling guidance (case steps) and from reflection sessions (actions).
 * Never anything confidential. */
struct _CkAttentionItem
{
  CkAttentionKind  kind;
  GDate            due;
  int              days_overdue;   /* > 0 overdue, <= 0 days left; sorts by urgency */
  char            *title;          /* what must happen, in the user's language */
  char            *subject;        /* the case's reference, or the session's title */
  gint64           case_id;        /* CASE_STEP: the case */
  gint64           target_id;      /* ACTION: the action; CASE_STEP: the step's code id if any */
  gint64           session_id;     /* ACTION: the session that agreed on it */
};

#define CK_TYPE_ATTENTION_ITEM (ck_attention_item_get_type ())

GType            ck_attention_item_get_type (void) G_GNUC_CONST;
CkAttentionItem *ck_attention_item_new      (CkAttentionKind        kind);
CkAttentionItem *ck_attention_item_copy     (const CkAttentionItem *self);
void             ck_attention_item_free     (CkAttentionItem       *self);
int              ck_attention_item_compare  (gconstpointer          a,
                                             gconstpointer          b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CkAttentionItem, ck_attention_item_free)

G_END_DECLS
