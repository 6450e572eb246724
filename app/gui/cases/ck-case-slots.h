/* ck-case-slots.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CK_TYPE_CASE_SLOTS (ck_case_slots_get_type ())

G_DECLARE_FINAL_TYPE (CkCaseSlots, ck_case_slots, CK, CASE_SLOTS, GObject)

/* The case list as the column view sees it: a CkCaseSlot per place in
 * @rows (a list of CkCaseRow). When a search or a sort changes @rows, the
 * slots stay and say that they show other cases; only slots past the new
 * end go. GTK 4.8 makes every visible row anew for items it has not seen,
 * which took most of the time a search needed to redraw. */
CkCaseSlots *ck_case_slots_new      (GListModel  *rows);
GListModel  *ck_case_slots_get_rows (CkCaseSlots *self);

G_END_DECLS
