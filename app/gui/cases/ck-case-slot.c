/* ck-case-slot.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ck-case-row.h"
#include "ck-case-slot.h"

struct _CkCaseSlot
{
  GObject     parent_instance;

  GListModel *rows;       /* of CkCaseRow */
  guint       position;
};

G_DEFINE_FINAL_TYPE (CkCaseSlot, ck_case_slot, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
ck_case_slot_finalize (GObject *object)
{
  CkCaseSlot *self = (CkCaseSlot *)object;

  g_clear_object (&self->rows);

  G_OBJECT_CLASS (ck_case_slot_parent_class)->finalize (object);
}

static void
ck_case_slot_class_init (CkCaseSlotClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ck_case_slot_finalize;

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ck_case_slot_init (CkCaseSlot *self)
{
}

CkCaseSlot *
ck_case_slot_new (GListModel *rows,
                  guint       position)
{
  CkCaseSlot *self = g_object_new (CK_TYPE_CASE_SLOT, NULL);

  self->rows = g_object_ref (rows);
  self->position = position;
  return self;
}

guint
ck_case_slot_get_position (CkCaseSlot *self)
{
  g_return_val_if_fail (CK_IS_CASE_SLOT (self), 0);

  return self->position;
}

/* Returns: (transfer full) (nullable): the case shown in the slot now */
CkCaseRow *
ck_case_slot_dup_row (CkCaseSlot *self)
{
  g_return_val_if_fail (CK_IS_CASE_SLOT (self), NULL);

  return g_list_model_get_item (self->rows, self->position);
}

/* Tells the cells of the slot that it shows another case. */
void
ck_case_slot_changed (CkCaseSlot *self)
{
  g_return_if_fail (CK_IS_CASE_SLOT (self));

  if (g_signal_has_handler_pending (self, signals[CHANGED], 0, TRUE))
    g_signal_emit (self, signals[CHANGED], 0);
}
