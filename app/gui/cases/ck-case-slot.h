/* ck-case-slot.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ck-types.h"

G_BEGIN_DECLS

#define CK_TYPE_CASE_SLOT (ck_case_slot_get_type ())

G_DECLARE_FINAL_TYPE (CkCaseSlot, ck_case_slot, CK, CASE_SLOT, GObject)

/* A row of the case list by its place, not by its case: the list keeps
 * its slots while a search or a sort changes which case each shows, and
 * a slot emits "changed" when its case is another one. */
CkCaseSlot *ck_case_slot_new     (GListModel *rows,
                                  guint       position);
guint       ck_case_slot_get_position (CkCaseSlot *self);
CkCaseRow  *ck_case_slot_dup_row (CkCaseSlot *self);
void        ck_case_slot_changed (CkCaseSlot *self);

G_END_DECLS
