/* ck-case-query.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ck-types.h"

G_BEGIN_DECLS

/* Which cases a list shows: text as typed (matched as prefixes against the
 * non-confidential fields) and optional filters. Unset members match all. */
struct _CkCaseQuery
{
  char  *text;
  char  *status;
  char  *ground;
  GDate  from;     /* report date, inclusive */
  GDate  to;
};

#define CK_TYPE_CASE_QUERY (ck_case_query_get_type ())

GType        ck_case_query_get_type     (void) G_GNUC_CONST;
CkCaseQuery *ck_case_query_new          (void);
CkCaseQuery *ck_case_query_copy         (const CkCaseQuery *self);
void         ck_case_query_free         (CkCaseQuery       *self);
gboolean     ck_case_query_is_empty     (const CkCaseQuery *self);
char        *ck_case_query_build_match  (const char        *text,
                                         CkVocabulary      *vocabulary);
char        *ck_case_index_token        (const char        *list,
                                         const char        *code);
void         ck_case_append_index_token (GString           *text,
                                         const char        *list,
                                         const char        *code);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CkCaseQuery, ck_case_query_free)

G_END_DECLS
