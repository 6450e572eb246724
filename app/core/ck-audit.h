/* ck-audit.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "ck-storage.h"
#include "ck-types.h"

G_BEGIN_DECLS

/* One line of a case's history. For a confidential field old_value and
 * new_value are NULL and confidential is TRUE: the log only knows that it
 * changed. */
struct _CkAuditEntry
{
  gint64    at;          /* unix seconds */
  char     *actor;
  char     *action;      /* created, changed, deleted, restored, erased,
                          * personal_data_erased (ck-retention.h) */
  char     *field;       /* NULL unless action is "changed" */
  char     *old_value;
  char     *new_value;
  gboolean  confidential;
};

#define CK_TYPE_AUDIT_ENTRY (ck_audit_entry_get_type ())

GType         ck_audit_entry_get_type  (void) G_GNUC_CONST;
CkAuditEntry *ck_audit_entry_copy      (const CkAuditEntry *self);
void          ck_audit_entry_free      (CkAuditEntry       *self);

gboolean      ck_audit_append          (CkStorage          *storage,
                                        gint64              case_id,
                                        const char         *reference,
                                        const char         *action,
                                        const char         *field,
                                        const char         *old_value,
                                        const char         *new_value,
                                        GError            **error);
gboolean      ck_audit_append_changes  (CkStorage          *storage,
                                        const CkCase       *before,
                                        const CkCase       *after,
                                        GError            **error);
GPtrArray    *ck_audit_list            (CkStorage          *storage,
                                        gint64              case_id,
                                        GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CkAuditEntry, ck_audit_entry_free)

G_END_DECLS
