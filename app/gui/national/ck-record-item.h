/* ck-record-item.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ck-shared-record.h"

G_BEGIN_DECLS

#define CK_TYPE_RECORD_ITEM (ck_record_item_get_type ())

G_DECLARE_FINAL_TYPE (CkRecordItem, ck_record_item, CK, RECORD_ITEM, GObject)

/* One anonymised record as an item of a list model. Immutable. */
CkRecordItem         *ck_record_item_new        (CkSharedRecord *record);
const CkSharedRecord *ck_record_item_get_record (CkRecordItem   *self);

G_END_DECLS
