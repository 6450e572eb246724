/* ck-anonymiser.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ck-k-anonymity.h"
#include "ck-shared-record.h"
#include "ck-types.h"

G_BEGIN_DECLS

/* Turns a case into its shared record (DOMAIN.md, privacy rule 1): the
 * shared id the register keeps for it, the unit, the report date
 * coarsened to the quarter, lead times in days, the categorical fields;
 * never a name, a number, a date or a word of free text. Reads only the
 * non-confidential fields of the case. */

CkSharedRecord *ck_anonymise_case       (const CkCase       *kase,
                                         const char         *shared_id,
                                         const char         *replica,
                                         guint               rev);
void            ck_anonymiser_generalise (CkSharedRecord    *record,
                                          CkGeneraliseLevel  level);

G_END_DECLS
