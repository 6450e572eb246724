/* ck-json.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Canonical JSON, the form of every file in the shared repository: UTF-8,
 * keys sorted by their bytes, integers only, no insignificant whitespace,
 * one LF at the end. The writer produces it; the parser accepts only
 * strict JSON (no duplicate keys, no numbers with fractions or exponents,
 * no unpaired surrogates, no NUL in strings, limited nesting) and reports
 * whether the text was also canonical.
 *
 * json-glib is not used here: it keeps the last of duplicate keys without
 * a word and knows no canonical form. */

typedef enum
{
  CK_JSON_NULL,
  CK_JSON_BOOL,
  CK_JSON_INT,
  CK_JSON_STRING,
  CK_JSON_ARRAY,
  CK_JSON_OBJECT,
} CkJsonKind;

typedef struct _CkJson CkJson;

struct _CkJson
{
  CkJsonKind  kind;
  gboolean    boolean;
  gint64      integer;
  char       *string;
  GPtrArray  *items;     /* ARRAY: CkJson; OBJECT: CkJson with ->name, in file order */
  char       *name;      /* the key of an object member */
  gboolean    sorted;    /* OBJECT: the keys are in canonical (byte) order */
};

CkJson       *ck_json_parse          (const char   *data,
                                      gsize         len,
                                      GError      **error);
void          ck_json_free           (CkJson       *self);
const CkJson *ck_json_member         (const CkJson *object,
                                      const char   *name);
const char   *ck_json_kind_name      (CkJsonKind    kind);

typedef struct
{
  GString  *out;
  guint     depth;
  guint64   need_comma;   /* one bit per level */
  gboolean  after_key;
} CkJsonWriter;

void          ck_json_writer_init          (CkJsonWriter *self,
                                            GString      *out);
void          ck_json_writer_begin_object  (CkJsonWriter *self);
void          ck_json_writer_end_object    (CkJsonWriter *self);
void          ck_json_writer_begin_array   (CkJsonWriter *self);
void          ck_json_writer_end_array     (CkJsonWriter *self);
void          ck_json_writer_key           (CkJsonWriter *self,
                                            const char   *key);
void          ck_json_writer_string        (CkJsonWriter *self,
                                            const char   *value);
void          ck_json_writer_int           (CkJsonWriter *self,
                                            gint64        value);
void          ck_json_writer_bool          (CkJsonWriter *self,
                                            gboolean      value);
void          ck_json_writer_null          (CkJsonWriter *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CkJson, ck_json_free)

G_END_DECLS
