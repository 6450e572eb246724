/* ck-audit.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ck-audit.h"
#include "ck-case.h"
#include "ck-case-fields.h"
#include "ck-sqlite.h"

G_DEFINE_BOXED_TYPE (CkAuditEntry, ck_audit_entry, ck_audit_entry_copy, ck_audit_entry_free)

CkAuditEntry *
ck_audit_entry_copy (const CkAuditEntry *self)
{
  CkAuditEntry *copy = g_new0 (CkAuditEntry, 1);

  copy->at = self->at;
  copy->actor = g_strdup (self->actor);
  copy->action = g_strdup (self->action);
  copy->field = g_strdup (self->field);
  copy->old_value = g_strdup (self->old_value);
  copy->new_value = g_strdup (self->new_value);
  copy->confidential = self->confidential;
  return copy;
}

void
ck_audit_entry_free (CkAuditEntry *self)
{
  if (self == NULL)
    return;

  g_free (self->actor);
  g_free (self->action);
  g_free (self->field);
  g_free (self->old_value);
  g_free (self->new_value);
  g_free (self);
}

/* Appends one entry. The audit table refuses updates and deletes by
 * trigger, so the log only ever grows. Call inside the transaction of the
 * change it records. */
gboolean
ck_audit_append (CkStorage   *storage,
                 gint64       case_id,
                 const char  *reference,
                 const char  *action,
                 const char  *field,
                 const char  *old_value,
                 const char  *new_value,
                 GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = ck_storage_prepare (storage,
                             "INSERT INTO audit (case_id, reference, at, actor, action, field, old_value, new_value)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, case_id);
  ck_sqlite_bind_text (stmt, 2, reference);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
  ck_sqlite_bind_text (stmt, 4, storage->actor);
  ck_sqlite_bind_text (stmt, 5, action);
  ck_sqlite_bind_text (stmt, 6, field);
  ck_sqlite_bind_text (stmt, 7, old_value);
  ck_sqlite_bind_text (stmt, 8, new_value);

  return ck_sqlite_step_done (storage->db, stmt, error);
}

/* Records one "changed" entry per field that differs between @before and
 * @after; confidential fields without their values. */
gboolean
ck_audit_append_changes (CkStorage     *storage,
                         const CkCase  *before,
                         const CkCase  *after,
                         GError       **error)
{
  const CkFieldInfo *fields;
  guint n_fields;

  fields = ck_case_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const CkFieldInfo *field = &fields[i];
      g_autofree char *old_value = NULL;
      g_autofree char *new_value = NULL;

      if (ck_case_field_equal (field, before, after))
        continue;

      if (!field->confidential)
        {
          old_value = ck_case_field_to_string (field, before);
          new_value = ck_case_field_to_string (field, after);
        }

      if (!ck_audit_append (storage, after->id, after->reference, "changed",
                            field->name, old_value, new_value, error))
        return FALSE;
    }

  return TRUE;
}

/* Returns: (transfer full) (element-type CkAuditEntry): oldest first */
GPtrArray *
ck_audit_list (CkStorage  *storage,
               gint64      case_id,
               GError    **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ck_audit_entry_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = ck_storage_prepare (storage,
                             "SELECT at, actor, action, field, old_value, new_value"
                             " FROM audit WHERE case_id = ? ORDER BY id",
                             error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, case_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CkAuditEntry *entry = g_new0 (CkAuditEntry, 1);
      const CkFieldInfo *field;

      entry->at = sqlite3_column_int64 (stmt, 0);
      entry->actor = g_strdup (ck_sqlite_column_text (stmt, 1));
      entry->action = g_strdup (ck_sqlite_column_text (stmt, 2));
      entry->field = g_strdup (ck_sqlite_column_text (stmt, 3));
      entry->old_value = g_strdup (ck_sqlite_column_text (stmt, 4));
      entry->new_value = g_strdup (ck_sqlite_column_text (stmt, 5));
      field = ck_case_field_lookup (entry->field);
      entry->confidential = field != NULL && field->confidential;
      g_ptr_array_add (entries, entry);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      ck_sqlite_set_error (error, storage->db, rc);
      return NULL;
    }

  return g_steal_pointer (&entries);
}
