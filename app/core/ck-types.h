/* ck-types.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CkAuditEntry  CkAuditEntry;
typedef struct _CkCase        CkCase;
typedef struct _CkCaseList    CkCaseList;
typedef struct _CkCaseQuery   CkCaseQuery;
typedef struct _CkCaseRow     CkCaseRow;
typedef struct _CkRegister    CkRegister;
typedef struct _CkSecretKey   CkSecretKey;
typedef struct _CkTerm        CkTerm;
typedef struct _CkVocabulary  CkVocabulary;

/* A yes / no / not known answer; 0 is "not known" so that a cleared struct
 * means "nothing recorded". */
typedef enum
{
  CK_TRISTATE_UNKNOWN = 0,
  CK_TRISTATE_NO      = 1,
  CK_TRISTATE_YES     = 2,
} CkTristate;

G_END_DECLS
