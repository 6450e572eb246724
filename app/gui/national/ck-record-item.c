/* ck-record-item.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ck-record-item.h"

struct _CkRecordItem
{
  GObject         parent_instance;
  CkSharedRecord *record;
};

G_DEFINE_FINAL_TYPE (CkRecordItem, ck_record_item, G_TYPE_OBJECT)

static void
ck_record_item_finalize (GObject *object)
{
  CkRecordItem *self = (CkRecordItem *)object;

  g_clear_pointer (&self->record, ck_shared_record_free);

  G_OBJECT_CLASS (ck_record_item_parent_class)->finalize (object);
}

static void
ck_record_item_class_init (CkRecordItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ck_record_item_finalize;
}

static void
ck_record_item_init (CkRecordItem *self)
{
}

/* Takes ownership of @record. */
CkRecordItem *
ck_record_item_new (CkSharedRecord *record)
{
  CkRecordItem *self = g_object_new (CK_TYPE_RECORD_ITEM, NULL);

  self->record = record;
  return self;
}

const CkSharedRecord *
ck_record_item_get_record (CkRecordItem *self)
{
  g_return_val_if_fail (CK_IS_RECORD_ITEM (self), NULL);

  return self->record;
}
