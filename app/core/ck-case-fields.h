/* ck-case-fields.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ck-case.h"

G_BEGIN_DECLS

typedef enum
{
  CK_FIELD_TEXT,       /* char *                    */
  CK_FIELD_CODE,       /* char *, from a vocabulary */
  CK_FIELD_CODES,      /* char **, sorted codes     */
  CK_FIELD_DATE,       /* GDate                     */
  CK_FIELD_BOOL,       /* gboolean                  */
  CK_FIELD_TRISTATE,   /* CkTristate                */
  CK_FIELD_MEASURES,   /* GArray of CkMeasure       */
} CkFieldType;

/* One field of a case: its name is the JSON key, the SQL column (or the
 * secret's name) and the name in the audit log. The table drives storage,
 * JSON, copying, comparing and the audit log, so a new field is added in
 * one place. */
typedef struct
{
  const char  *name;
  CkFieldType  type;
  const char  *vocabulary;     /* CODE and CODES */
  gsize        offset;         /* into CkCase */
  const char  *label;          /* English, translate with _() */
  gboolean     confidential;   /* TEXT only: encrypted, never shared */
} CkFieldInfo;

const CkFieldInfo *ck_case_fields            (guint              *n_fields);
const CkFieldInfo *ck_case_field_lookup      (const char         *name);
const char        *ck_case_field_get_label   (const CkFieldInfo  *field);
void               ck_case_field_copy        (const CkFieldInfo  *field,
                                              const CkCase       *from,
                                              CkCase             *to);
gboolean           ck_case_field_equal       (const CkFieldInfo  *field,
                                              const CkCase       *a,
                                              const CkCase       *b);
gboolean           ck_case_field_is_empty    (const CkFieldInfo  *field,
                                              const CkCase       *self);
char              *ck_case_field_to_string   (const CkFieldInfo  *field,
                                              const CkCase       *self);
gboolean           ck_case_field_set_string  (const CkFieldInfo  *field,
                                              CkCase             *self,
                                              const char         *value,
                                              GError            **error);

const char        *ck_tristate_to_string     (CkTristate          value);
gboolean           ck_tristate_from_string   (const char         *text,
                                              CkTristate         *value);

G_END_DECLS
