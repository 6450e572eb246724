/* ck-text-check.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ck-types.h"

G_BEGIN_DECLS

/* What a text to be shared (a lesson) must not contain (DOMAIN.md,
 * privacy rule 1): names, numbers that identify someone, contact details,
 * exact dates. */
typedef enum
{
  CK_FINDING_NAME,
  CK_FINDING_EMAIL,
  CK_FINDING_PHONE,
  CK_FINDING_PERSONNEL_NUMBER,
  CK_FINDING_DATE,
} CkFindingKind;

typedef struct
{
  CkFindingKind  kind;
  gsize          start;     /* byte offsets into the checked text */
  gsize          end;
  char          *excerpt;   /* the text found */
} CkTextFinding;

#define CK_TYPE_TEXT_CHECK (ck_text_check_get_type ())

G_DECLARE_FINAL_TYPE (CkTextCheck, ck_text_check, CK, TEXT_CHECK, GObject)

CkTextCheck *ck_text_check_new              (void);
void         ck_text_check_add_name         (CkTextCheck  *self,
                                             const char   *name);
gboolean     ck_text_check_add_register_names (CkTextCheck *self,
                                               CkRegister  *reg,
                                               GError     **error);
GPtrArray   *ck_text_check_run              (CkTextCheck  *self,
                                             const char   *text);
const char  *ck_text_finding_describe       (const CkTextFinding *finding);
void         ck_text_finding_free           (CkTextFinding *finding);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CkTextFinding, ck_text_finding_free)

G_END_DECLS
