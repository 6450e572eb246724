/* ck-record-file.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ck-shared-lesson.h"
#include "ck-shared-record.h"
#include "ck-types.h"

G_BEGIN_DECLS

/* The files of the shared repository (DESIGN.md, "Synchronisation through
 * Git") and their canonical JSON:
 *
 *   units/<unit>/<replica>/meta.json
 *   units/<unit>/<replica>/records/<aa>/<id>.json
 *   units/<unit>/<replica>/lessons/<aa>/<id>.json
 *
 * <unit> is the unit code in lowercase, <aa> the first two hex digits of
 * the id. A file is {"id","payload","replica","rev","schema","status",
 * "unit"}; a retracted one has an empty payload. Decoding is strict: every
 * field present, none unknown, codes from the vocabulary, the text exactly
 * as the encoder writes it. Errors are CK_ERROR_INVALID with a message for
 * the quarantine list. */

#define CK_RECORD_SCHEMA     1
#define CK_RECORD_MAX_BYTES  (32 * 1024)

typedef enum
{
  CK_SHARED_FILE_RECORD,
  CK_SHARED_FILE_LESSON,
} CkSharedFileKind;

typedef struct
{
  guint   schema_min;
  guint   schema_max;
  char   *unit;
  char   *replica;
  char   *app_version;
  char   *signing_key;     /* 64 hex digits */
  char  **purged;          /* ids whose files were removed on purpose */
} CkReplicaMeta;

gboolean        ck_shared_id_is_valid      (const char            *id);
char           *ck_shared_file_path        (CkSharedFileKind       kind,
                                            const char            *unit,
                                            const char            *replica,
                                            const char            *id);
char           *ck_shared_ref_name         (const char            *unit,
                                            const char            *replica);

GBytes         *ck_record_file_encode      (const CkSharedRecord  *record);
CkSharedRecord *ck_record_file_decode      (const char            *data,
                                            gsize                  len,
                                            GError               **error);
CkSharedRecord *ck_record_file_decode_general (const char         *data,
                                               gsize               len,
                                               GError            **error);
GBytes         *ck_lesson_file_encode      (const CkSharedLesson  *lesson);
CkSharedLesson *ck_lesson_file_decode      (const char            *data,
                                            gsize                  len,
                                            GError               **error);

GBytes         *ck_replica_meta_encode     (const CkReplicaMeta   *meta);
CkReplicaMeta  *ck_replica_meta_decode     (const char            *data,
                                            gsize                  len,
                                            GError               **error);
void            ck_replica_meta_free       (CkReplicaMeta         *meta);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CkReplicaMeta, ck_replica_meta_free)

G_END_DECLS
