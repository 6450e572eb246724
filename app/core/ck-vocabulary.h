/* ck-vocabulary.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ck-types.h"

G_BEGIN_DECLS

/* The code lists of data/vocabulary/vocabulary.xml. */
#define CK_VOCAB_UNITS          "units"
#define CK_VOCAB_KINDS          "kinds"
#define CK_VOCAB_CHANNELS       "channels"
#define CK_VOCAB_GROUNDS        "grounds"
#define CK_VOCAB_MANIFESTATIONS "manifestations"
#define CK_VOCAB_REPORTER_ROLES "reporter-roles"
#define CK_VOCAB_SUBJECT_ROLES  "subject-roles"
#define CK_VOCAB_ROUTES         "routes"
#define CK_VOCAB_FINDINGS       "findings"
#define CK_VOCAB_MEASURES       "measures"
#define CK_VOCAB_STATUSES       "statuses"

/* A term is owned by its vocabulary and never changes after loading. */
struct _CkTerm
{
  const char *code;
  const char *label;      /* in the user's language */
  const char *source;     /* the untranslated label, for search */
  int         severity;   /* measures only; -1 elsewhere */
  guint       position;   /* order within its list */
};

#define CK_TYPE_VOCABULARY (ck_vocabulary_get_type ())

G_DECLARE_FINAL_TYPE (CkVocabulary, ck_vocabulary, CK, VOCABULARY, GObject)

CkVocabulary  *ck_vocabulary_get_default   (void);
CkVocabulary  *ck_vocabulary_new_from_bytes (GBytes        *xml,
                                             GError       **error);
guint          ck_vocabulary_get_version   (CkVocabulary  *self);
const CkTerm  *ck_vocabulary_lookup        (CkVocabulary  *self,
                                            const char    *list,
                                            const char    *code);
const char    *ck_vocabulary_get_label     (CkVocabulary  *self,
                                            const char    *list,
                                            const char    *code);
GPtrArray     *ck_vocabulary_get_terms     (CkVocabulary  *self,
                                            const char    *list);
char          *ck_vocabulary_join_labels   (CkVocabulary  *self,
                                            const char    *list,
                                            const char * const *codes);

G_END_DECLS
