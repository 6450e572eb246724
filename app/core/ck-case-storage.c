/* ck-case-storage.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ck-audit.h"
#include "ck-case.h"
#include "ck-case-fields.h"
#include "ck-case-query.h"
#include "ck-case-row.h"
#include "ck-case-storage.h"
#include "ck-crypto.h"
#include "ck-date.h"
#include "ck-error.h"
#include "ck-sqlite.h"
#include "ck-vocabulary.h"

/* Columns of the cases table are the scalar, non-confidential fields of
 * the field table; code lists and measures have tables of their own and
 * confidential fields live sealed in case_secrets. The statements are built
 * once from the field table. */
typedef struct
{
  const CkFieldInfo *columns[64];
  guint              n_columns;
  char              *insert_sql;
  char              *update_sql;
  char              *select_sql;
} CaseSql;

#define SELECT_FIXED_COLUMNS 5   /* id, uid, wrapped_key, created_at, updated_at */

static gboolean
is_column (const CkFieldInfo *field)
{
  return !field->confidential &&
         field->type != CK_FIELD_CODES &&
         field->type != CK_FIELD_MEASURES;
}

static const CaseSql *
get_case_sql (void)
{
  static CaseSql *sql;

  if (g_once_init_enter (&sql))
    {
      CaseSql *built = g_new0 (CaseSql, 1);
      g_autoptr(GString) names = g_string_new (NULL);
      g_autoptr(GString) marks = g_string_new (NULL);
      g_autoptr(GString) sets = g_string_new (NULL);
      const CkFieldInfo *fields;
      guint n_fields;

      fields = ck_case_fields (&n_fields);
      for (guint i = 0; i < n_fields; i++)
        {
          if (!is_column (&fields[i]))
            continue;

          g_assert (built->n_columns < G_N_ELEMENTS (built->columns));
          built->columns[built->n_columns++] = &fields[i];
          g_string_append_printf (names, ", %s", fields[i].name);
          g_string_append (marks, ", ?");
          g_string_append_printf (sets, "%s = ?, ", fields[i].name);
        }

      built->insert_sql = g_strdup_printf ("INSERT INTO cases (uid, wrapped_key, created_at, updated_at%s)"
                                           " VALUES (?, ?, ?, ?%s)",
                                           names->str, marks->str);
      built->update_sql = g_strdup_printf ("UPDATE cases SET %supdated_at = ? WHERE id = ?", sets->str);
      built->select_sql = g_strdup_printf ("SELECT id, uid, wrapped_key, created_at, updated_at%s"
                                           " FROM cases WHERE id = ?",
                                           names->str);
      g_once_init_leave (&sql, built);
    }

  return sql;
}

typedef struct
{
  const char *field;
  const char *insert_sql;
  const char *delete_sql;
  const char *select_sql;
} LinkTable;

static const LinkTable link_tables[] = {
  { "grounds",
    "INSERT INTO case_grounds (case_id, code) VALUES (?, ?)",
    "DELETE FROM case_grounds WHERE case_id = ?",
    "SELECT code FROM case_grounds WHERE case_id = ? ORDER BY code" },
  { "manifestations",
    "INSERT INTO case_manifestations (case_id, code) VALUES (?, ?)",
    "DELETE FROM case_manifestations WHERE case_id = ?",
    "SELECT code FROM case_manifestations WHERE case_id = ? ORDER BY code" },
};

static gboolean
require_key (CkStorage  *storage,
             GError    **error)
{
  if (storage->key != NULL)
    return TRUE;

  g_set_error_literal (error, CK_ERROR, CK_ERROR_LOCKED,
                       _("The register is locked. Enter the passphrase first."));
  return FALSE;
}

static void
bind_column (sqlite3_stmt      *stmt,
             int                index,
             const CkFieldInfo *field,
             const CkCase      *kase)
{
  gconstpointer p = G_STRUCT_MEMBER_P (kase, field->offset);

  switch (field->type)
    {
    case CK_FIELD_TEXT:
    case CK_FIELD_CODE:
      ck_sqlite_bind_text (stmt, index, *(char * const *) p);
      break;

    case CK_FIELD_DATE:
      {
        g_autofree char *iso = ck_date_to_iso (p);

        ck_sqlite_bind_text (stmt, index, iso);
      }
      break;

    case CK_FIELD_BOOL:
      sqlite3_bind_int (stmt, index, *(const gboolean *) p ? 1 : 0);
      break;

    case CK_FIELD_TRISTATE:
      switch (*(const CkTristate *) p)
        {
        case CK_TRISTATE_YES:
          sqlite3_bind_int (stmt, index, 1);
          break;
        case CK_TRISTATE_NO:
          sqlite3_bind_int (stmt, index, 0);
          break;
        case CK_TRISTATE_UNKNOWN:
        default:
          sqlite3_bind_null (stmt, index);
          break;
        }
      break;

    case CK_FIELD_CODES:
    case CK_FIELD_MEASURES:
    default:
      g_assert_not_reached ();
    }
}

static void
read_column (sqlite3_stmt      *stmt,
             int                column,
             const CkFieldInfo *field,
             CkCase            *kase)
{
  gpointer p = G_STRUCT_MEMBER_P (kase, field->offset);

  switch (field->type)
    {
    case CK_FIELD_TEXT:
    case CK_FIELD_CODE:
      g_free (*(char **) p);
      *(char **) p = g_strdup (ck_sqlite_column_text (stmt, column));
      break;

    case CK_FIELD_DATE:
      ck_date_from_iso (p, ck_sqlite_column_text (stmt, column));
      break;

    case CK_FIELD_BOOL:
      *(gboolean *) p = sqlite3_column_int (stmt, column) != 0;
      break;

    case CK_FIELD_TRISTATE:
      if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
        *(CkTristate *) p = CK_TRISTATE_UNKNOWN;
      else
        *(CkTristate *) p = sqlite3_column_int (stmt, column) ? CK_TRISTATE_YES : CK_TRISTATE_NO;
      break;

    case CK_FIELD_CODES:
    case CK_FIELD_MEASURES:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
assign_reference (CkStorage  *storage,
                  CkCase     *kase,
                  GError    **error)
{
  g_autofree char *prefix = NULL;
  sqlite3_stmt *stmt;
  guint year;
  int rc;

  if (ck_date_is_set (&kase->report_date))
    year = g_date_get_year (&kase->report_date);
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      year = g_date_time_get_year (now);
    }

  prefix = g_strdup_printf ("%s-%u-", kase->unit, year);
  stmt = ck_storage_prepare (storage,
                             "INSERT INTO reference_counters (prefix, last) VALUES (?, 1)"
                             " ON CONFLICT (prefix) DO UPDATE SET last = last + 1"
                             " RETURNING last",
                             error);
  if (stmt == NULL)
    return FALSE;

  ck_sqlite_bind_text (stmt, 1, prefix);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return ck_sqlite_set_error (error, storage->db, rc);
    }

  g_free (kase->reference);
  kase->reference = g_strdup_printf ("%s%04d", prefix, sqlite3_column_int (stmt, 0));
  sqlite3_reset (stmt);

  return TRUE;
}

static gboolean
write_links (CkStorage     *storage,
             const CkCase  *kase,
             gboolean       replace,
             GError       **error)
{
  sqlite3_stmt *stmt;

  for (guint t = 0; t < G_N_ELEMENTS (link_tables); t++)
    {
      const CkFieldInfo *field = ck_case_field_lookup (link_tables[t].field);
      char * const *codes = *(char ** const *) G_STRUCT_MEMBER_P (kase, field->offset);

      if (replace)
        {
          if (!(stmt = ck_storage_prepare (storage, link_tables[t].delete_sql, error)))
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, kase->id);
          if (!ck_sqlite_step_done (storage->db, stmt, error))
            return FALSE;
        }

      if (!(stmt = ck_storage_prepare (storage, link_tables[t].insert_sql, error)))
        return FALSE;
      for (guint i = 0; codes[i] != NULL; i++)
        {
          sqlite3_bind_int64 (stmt, 1, kase->id);
          ck_sqlite_bind_text (stmt, 2, codes[i]);
          if (!ck_sqlite_step_done (storage->db, stmt, error))
            return FALSE;
        }
    }

  if (replace)
    {
      if (!(stmt = ck_storage_prepare (storage, "DELETE FROM case_measures WHERE case_id = ?", error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, kase->id);
      if (!ck_sqlite_step_done (storage->db, stmt, error))
        return FALSE;
    }

  if (!(stmt = ck_storage_prepare (storage,
                                   "INSERT INTO case_measures (case_id, code, conditional) VALUES (?, ?, ?)",
                                   error)))
    return FALSE;
  for (guint i = 0; i < kase->measures->len; i++)
    {
      const CkMeasure *measure = &g_array_index (kase->measures, CkMeasure, i);

      sqlite3_bind_int64 (stmt, 1, kase->id);
      ck_sqlite_bind_text (stmt, 2, measure->code);
      sqlite3_bind_int (stmt, 3, measure->conditional ? 1 : 0);
      if (!ck_sqlite_step_done (storage->db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static char *
secret_context (const CkCase      *kase,
                const CkFieldInfo *field)
{
  return g_strconcat (kase->uid, "/", field->name, NULL);
}

static char *
case_key_context (const char *uid)
{
  return g_strconcat ("case-key/", uid, NULL);
}

/* Seals the confidential fields that differ from @before (all of them when
 * @before is NULL) with the case's data key. */
static gboolean
write_secrets (CkStorage          *storage,
               const CkSecretKey  *case_key,
               const CkCase       *kase,
               const CkCase       *before,
               GError            **error)
{
  const CkFieldInfo *fields;
  guint n_fields;

  fields = ck_case_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const CkFieldInfo *field = &fields[i];
      const char *value;
      sqlite3_stmt *stmt;

      if (!field->confidential)
        continue;
      if (before != NULL && ck_case_field_equal (field, before, kase))
        continue;

      /* Only now is the member known to be a string. */
      value = *(char * const *) G_STRUCT_MEMBER_P (kase, field->offset);

      if (value == NULL || *value == '\0')
        {
          if (before == NULL)
            continue;
          stmt = ck_storage_prepare (storage, "DELETE FROM case_secrets WHERE case_id = ? AND field = ?", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, kase->id);
          sqlite3_bind_text (stmt, 2, field->name, -1, SQLITE_STATIC);
        }
      else
        {
          g_autofree char *context = secret_context (kase, field);
          g_autoptr(GBytes) sealed = ck_secret_key_seal (case_key, value, strlen (value), context);

          stmt = ck_storage_prepare (storage,
                                     "INSERT OR REPLACE INTO case_secrets (case_id, field, sealed) VALUES (?, ?, ?)",
                                     error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, kase->id);
          sqlite3_bind_text (stmt, 2, field->name, -1, SQLITE_STATIC);
          ck_sqlite_bind_bytes (stmt, 3, sealed);
        }

      if (!ck_sqlite_step_done (storage->db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static void
append_terms (GString           *terms,
              CkVocabulary      *vocabulary,
              const CkFieldInfo *field,
              const char        *code)
{
  const CkTerm *term = ck_vocabulary_lookup (vocabulary, field->vocabulary, code);

  g_string_append_printf (terms, "%s ", code);
  if (term != NULL)
    {
      g_string_append_printf (terms, "%s ", term->source);
      if (term->label != term->source)
        g_string_append_printf (terms, "%s ", term->label);
    }
}

/* The search index entry of a case: its reference, team, and every code of
 * it with the code's labels. Never a confidential field. */
static gboolean
index_case (CkStorage     *storage,
            const CkCase  *kase,
            GError       **error)
{
  g_autoptr(GString) terms = g_string_new (NULL);
  const CkFieldInfo *fields;
  sqlite3_stmt *stmt;
  guint n_fields;

  fields = ck_case_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const CkFieldInfo *field = &fields[i];
      gconstpointer p = G_STRUCT_MEMBER_P (kase, field->offset);

      g_assert (!(field->confidential && field->type != CK_FIELD_TEXT));

      switch (field->type)
        {
        case CK_FIELD_CODE:
          if (*(char * const *) p != NULL)
            append_terms (terms, storage->vocabulary, field, *(char * const *) p);
          break;

        case CK_FIELD_CODES:
          for (char * const *c = *(char ** const *) p; *c != NULL; c++)
            append_terms (terms, storage->vocabulary, field, *c);
          break;

        case CK_FIELD_MEASURES:
          for (guint j = 0; j < kase->measures->len; j++)
            append_terms (terms, storage->vocabulary, field,
                          g_array_index (kase->measures, CkMeasure, j).code);
          break;

        case CK_FIELD_TEXT:
        case CK_FIELD_DATE:
        case CK_FIELD_BOOL:
        case CK_FIELD_TRISTATE:
        default:
          break;
        }
    }

  if (!(stmt = ck_storage_prepare (storage, "DELETE FROM cases_fts WHERE rowid = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, kase->id);
  if (!ck_sqlite_step_done (storage->db, stmt, error))
    return FALSE;

  if (!(stmt = ck_storage_prepare (storage,
                                   "INSERT INTO cases_fts (rowid, reference, team, terms) VALUES (?, ?, ?, ?)",
                                   error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, kase->id);
  ck_sqlite_bind_text (stmt, 2, kase->reference);
  ck_sqlite_bind_text (stmt, 3, kase->team);
  ck_sqlite_bind_text (stmt, 4, terms->str);

  return ck_sqlite_step_done (storage->db, stmt, error);
}

/* Stores a new case, all but its search index entry, sealing its
 * confidential fields with @case_key. */
static gboolean
insert_case (CkStorage          *storage,
             CkCase             *kase,
             const CkSecretKey  *case_key,
             GError            **error)
{
  const CaseSql *sql = get_case_sql ();
  g_autoptr(GBytes) wrapped = NULL;
  g_autofree char *context = NULL;
  sqlite3_stmt *stmt;
  gint64 now;

  ck_case_normalize (kase);
  g_free (kase->uid);
  kase->uid = ck_random_uid ();
  if (kase->unit == NULL)
    kase->unit = g_strdup (storage->unit);
  if (!assign_reference (storage, kase, error))
    return FALSE;

  context = case_key_context (kase->uid);
  wrapped = ck_secret_key_wrap (storage->key, case_key, context);
  now = g_get_real_time () / G_USEC_PER_SEC;

  if (!(stmt = ck_storage_prepare (storage, sql->insert_sql, error)))
    return FALSE;
  ck_sqlite_bind_text (stmt, 1, kase->uid);
  ck_sqlite_bind_bytes (stmt, 2, wrapped);
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_int64 (stmt, 4, now);
  for (guint i = 0; i < sql->n_columns; i++)
    bind_column (stmt, 5 + i, sql->columns[i], kase);
  if (!ck_sqlite_step_done (storage->db, stmt, error))
    return FALSE;

  kase->id = sqlite3_last_insert_rowid (storage->db);
  kase->created_at = kase->updated_at = now;

  return write_links (storage, kase, FALSE, error) &&
         write_secrets (storage, case_key, kase, NULL, error) &&
         ck_audit_append (storage, kase->id, kase->reference, "created", NULL, NULL, NULL, error);
}

/**
 * ck_case_storage_insert:
 *
 * Stores a new case: gives it an id, a random uid, its own data key and a
 * reference, and records its creation in the audit log. The case must have
 * been validated.
 */
gboolean
ck_case_storage_insert (CkStorage  *storage,
                        CkCase     *kase,
                        GError    **error)
{
  g_autoptr(CkSecretKey) case_key = NULL;

  if (!require_key (storage, error))
    return FALSE;

  case_key = ck_secret_key_new_random ();
  return insert_case (storage, kase, case_key, error) &&
         index_case (storage, kase, error);
}

/**
 * ck_case_storage_insert_all:
 * @cases: (element-type CkCase): new, validated cases
 *
 * Stores each case as ck_case_storage_insert() does, in the order given,
 * and then their search index entries. Two things make this the fast way
 * for many cases: FTS5 writes its pending entries out as a new segment
 * whenever a later statement of the transaction opens a savepoint, as most
 * inserts here do, so entries made between the other inserts cost a
 * segment, and later merges, per case; made after them, they are written
 * out in large batches. And each case
 * gets its own fresh random data key in one guarded buffer, rather than
 * in a new one whose locking and fencing cost several system calls.
 */
gboolean
ck_case_storage_insert_all (CkStorage  *storage,
                            GPtrArray  *cases,
                            GError    **error)
{
  g_autoptr(CkSecretKey) case_key = NULL;

  if (!require_key (storage, error))
    return FALSE;

  case_key = ck_secret_key_new_random ();
  for (guint i = 0; i < cases->len; i++)
    {
      if (i > 0)
        ck_secret_key_regenerate (case_key);
      if (!insert_case (storage, cases->pdata[i], case_key, error))
        return FALSE;
    }

  for (guint i = 0; i < cases->len; i++)
    if (!index_case (storage, cases->pdata[i], error))
      return FALSE;

  return TRUE;
}

static CkSecretKey *
unwrap_case_key (CkStorage     *storage,
                 const CkCase  *kase,
                 GBytes        *wrapped,
                 GError       **error)
{
  g_autofree char *context = case_key_context (kase->uid);

  return ck_secret_key_unwrap (storage->key, wrapped, context, error);
}

static gboolean
read_links (CkStorage  *storage,
            CkCase     *kase,
            GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  for (guint t = 0; t < G_N_ELEMENTS (link_tables); t++)
    {
      const CkFieldInfo *field = ck_case_field_lookup (link_tables[t].field);
      char ***slot = G_STRUCT_MEMBER_P (kase, field->offset);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      if (!(stmt = ck_storage_prepare (storage, link_tables[t].select_sql, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, kase->id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_strv_builder_add (builder, ck_sqlite_column_text (stmt, 0));
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return ck_sqlite_set_error (error, storage->db, rc);

      g_strfreev (*slot);
      *slot = g_strv_builder_end (builder);
    }

  if (!(stmt = ck_storage_prepare (storage,
                                   "SELECT code, conditional FROM case_measures WHERE case_id = ? ORDER BY code",
                                   error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, kase->id);
  g_array_set_size (kase->measures, 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ck_case_add_measure (kase, ck_sqlite_column_text (stmt, 0), sqlite3_column_int (stmt, 1) != 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return ck_sqlite_set_error (error, storage->db, rc);

  return TRUE;
}

static gboolean
read_secrets (CkStorage  *storage,
              CkCase     *kase,
              GBytes     *wrapped_key,
              GError    **error)
{
  g_autoptr(CkSecretKey) case_key = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!(case_key = unwrap_case_key (storage, kase, wrapped_key, error)))
    return FALSE;

  if (!(stmt = ck_storage_prepare (storage, "SELECT field, sealed FROM case_secrets WHERE case_id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, kase->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const CkFieldInfo *field = ck_case_field_lookup (ck_sqlite_column_text (stmt, 0));
      g_autoptr(GBytes) sealed = NULL;
      g_autofree char *context = NULL;
      char *value;

      /* A secret this version does not know (from a newer one) stays sealed. */
      if (field == NULL || !field->confidential)
        continue;

      sealed = ck_sqlite_column_bytes (stmt, 1);
      context = secret_context (kase, field);
      if (sealed == NULL || !(value = ck_secret_key_open_string (case_key, sealed, context, error)))
        {
          sqlite3_reset (stmt);
          if (sealed == NULL)
            g_set_error_literal (error, CK_ERROR, CK_ERROR_CORRUPT, _("An encrypted value is missing"));
          return FALSE;
        }

      g_free (*(char **) G_STRUCT_MEMBER_P (kase, field->offset));
      *(char **) G_STRUCT_MEMBER_P (kase, field->offset) = value;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return ck_sqlite_set_error (error, storage->db, rc);

  kase->has_confidential = TRUE;
  return TRUE;
}

/**
 * ck_case_storage_load:
 * @with_confidential: also decrypt the confidential fields
 *
 * Returns: (transfer full) (nullable): the case, or %NULL with @error set
 *   (CK_ERROR_NOT_FOUND when there is no such case).
 */
CkCase *
ck_case_storage_load (CkStorage  *storage,
                      gint64      id,
                      gboolean    with_confidential,
                      GError    **error)
{
  const CaseSql *sql = get_case_sql ();
  g_autoptr(CkCase) kase = NULL;
  g_autoptr(GBytes) wrapped_key = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!require_key (storage, error))
    return NULL;

  if (!(stmt = ck_storage_prepare (storage, sql->select_sql, error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        g_set_error (error, CK_ERROR, CK_ERROR_NOT_FOUND, _("There is no such case"));
      else
        ck_sqlite_set_error (error, storage->db, rc);
      return NULL;
    }

  kase = ck_case_new ();
  kase->id = sqlite3_column_int64 (stmt, 0);
  kase->uid = g_strdup (ck_sqlite_column_text (stmt, 1));
  wrapped_key = ck_sqlite_column_bytes (stmt, 2);
  kase->created_at = sqlite3_column_int64 (stmt, 3);
  kase->updated_at = sqlite3_column_int64 (stmt, 4);
  for (guint i = 0; i < sql->n_columns; i++)
    read_column (stmt, SELECT_FIXED_COLUMNS + i, sql->columns[i], kase);
  sqlite3_reset (stmt);

  if (!read_links (storage, kase, error))
    return NULL;

  if (with_confidential && !read_secrets (storage, kase, wrapped_key, error))
    return NULL;

  return g_steal_pointer (&kase);
}

/**
 * ck_case_storage_update:
 *
 * Writes the changes of @kase against what is stored, one audit entry per
 * changed field. When @kase was loaded without its confidential fields
 * they are left as they are.
 */
gboolean
ck_case_storage_update (CkStorage  *storage,
                        CkCase     *kase,
                        GError    **error)
{
  const CaseSql *sql = get_case_sql ();
  g_autoptr(CkCase) before = NULL;
  g_autoptr(CkSecretKey) case_key = NULL;
  sqlite3_stmt *stmt;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  ck_case_normalize (kase);

  if (!(before = ck_case_storage_load (storage, kase->id, kase->has_confidential, error)))
    return FALSE;

  /* What identifies the case is the register's, not the caller's. */
  g_free (kase->uid);
  kase->uid = g_strdup (before->uid);
  g_free (kase->reference);
  kase->reference = g_strdup (before->reference);
  g_free (kase->unit);
  kase->unit = g_strdup (before->unit);
  kase->created_at = before->created_at;
  kase->updated_at = now;

  /* Without its confidential fields loaded, a case leaves them alone:
   * both sides hold none, so nothing below sees a change there. */
  if (!kase->has_confidential)
    ck_case_clear_confidential (kase);

  if (!(stmt = ck_storage_prepare (storage, sql->update_sql, error)))
    return FALSE;
  for (guint i = 0; i < sql->n_columns; i++)
    bind_column (stmt, 1 + i, sql->columns[i], kase);
  sqlite3_bind_int64 (stmt, sql->n_columns + 1, now);
  sqlite3_bind_int64 (stmt, sql->n_columns + 2, kase->id);
  if (!ck_sqlite_step_done (storage->db, stmt, error))
    return FALSE;

  if (!write_links (storage, kase, TRUE, error))
    return FALSE;

  if (kase->has_confidential)
    {
      g_autoptr(GBytes) wrapped_key = NULL;

      if (!(stmt = ck_storage_prepare (storage, "SELECT wrapped_key FROM cases WHERE id = ?", error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, kase->id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        wrapped_key = ck_sqlite_column_bytes (stmt, 0);
      sqlite3_reset (stmt);

      if (wrapped_key == NULL ||
          !(case_key = unwrap_case_key (storage, kase, wrapped_key, error)) ||
          !write_secrets (storage, case_key, kase, before, error))
        {
          if (wrapped_key == NULL)
            g_set_error_literal (error, CK_ERROR, CK_ERROR_CORRUPT, _("A stored key is missing"));
          return FALSE;
        }
    }

  return index_case (storage, kase, error) &&
         ck_audit_append_changes (storage, before, kase, error);
}

/* Returns: the id of the case with @reference, 0 when there is none (and
 * @error is not set), or -1 with @error set. */
gint64
ck_case_storage_find (CkStorage   *storage,
                      const char  *reference,
                      gboolean     include_deleted,
                      GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  if (!(stmt = ck_storage_prepare (storage, "SELECT id, deleted_at FROM cases WHERE reference = ?", error)))
    return -1;

  ck_sqlite_bind_text (stmt, 1, reference);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && (include_deleted || sqlite3_column_type (stmt, 1) == SQLITE_NULL))
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      ck_sqlite_set_error (error, storage->db, rc);
      return -1;
    }

  return id;
}

static char *
lookup_reference (CkStorage *storage,
                  gint64     id)
{
  sqlite3_stmt *stmt = ck_storage_prepare (storage, "SELECT reference FROM cases WHERE id = ?", NULL);
  char *reference = NULL;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    reference = g_strdup (ck_sqlite_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return reference;
}

/* Moves a case into the bin (where undo can get it back) or out of it. */
gboolean
ck_case_storage_set_deleted (CkStorage  *storage,
                             gint64      id,
                             gboolean    deleted,
                             GError    **error)
{
  g_autofree char *reference = lookup_reference (storage, id);
  sqlite3_stmt *stmt;

  if (reference == NULL)
    {
      g_set_error (error, CK_ERROR, CK_ERROR_NOT_FOUND, _("There is no such case"));
      return FALSE;
    }

  if (!(stmt = ck_storage_prepare (storage, "UPDATE cases SET deleted_at = ? WHERE id = ?", error)))
    return FALSE;
  if (deleted)
    sqlite3_bind_int64 (stmt, 1, g_get_real_time () / G_USEC_PER_SEC);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!ck_sqlite_step_done (storage->db, stmt, error))
    return FALSE;

  return ck_audit_append (storage, id, reference, deleted ? "deleted" : "restored",
                          NULL, NULL, NULL, error);
}

/**
 * ck_case_storage_erase:
 *
 * Removes a case for good, with its sealed data key. The connection runs
 * with secure_delete, so the freed pages are zeroed; the register
 * checkpoints the WAL after the transaction so no old copy stays there.
 * The audit log keeps that the case existed and was erased.
 */
gboolean
ck_case_storage_erase (CkStorage  *storage,
                       gint64      id,
                       GError    **error)
{
  g_autofree char *reference = lookup_reference (storage, id);
  sqlite3_stmt *stmt;

  if (reference == NULL)
    {
      g_set_error (error, CK_ERROR, CK_ERROR_NOT_FOUND, _("There is no such case"));
      return FALSE;
    }

  if (!(stmt = ck_storage_prepare (storage, "DELETE FROM cases_fts WHERE rowid = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!ck_sqlite_step_done (storage->db, stmt, error))
    return FALSE;

  if (!(stmt = ck_storage_prepare (storage, "DELETE FROM cases WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!ck_sqlite_step_done (storage->db, stmt, error))
    return FALSE;

  return ck_audit_append (storage, id, reference, "erased", NULL, NULL, NULL, error);
}

/* Returns: (transfer full) (element-type gint64): the cases in the bin
 * since before @older_than (unix seconds; G_MAXINT64 for all). */
GArray *
ck_case_storage_list_deleted (CkStorage  *storage,
                              gint64      older_than,
                              GError    **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = ck_storage_prepare (storage,
                                   "SELECT id FROM cases WHERE deleted_at IS NOT NULL AND deleted_at < ? ORDER BY id",
                                   error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, older_than);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      ck_sqlite_set_error (error, storage->db, rc);
      return NULL;
    }

  return g_steal_pointer (&ids);
}

#define ROW_SELECT \
  "SELECT c.id, c.reference, c.report_date, c.kind, c.status, c.team," \
  " CAST (julianday (COALESCE (c.disposal_date, ?1)) - julianday (c.report_date) AS INTEGER)," \
  " (SELECT group_concat (code, ',') FROM case_grounds WHERE case_id = c.id)," \
  " (SELECT group_concat (code, ',') FROM case_manifestations WHERE case_id = c.id)" \
  " FROM cases c"

static CkCaseRow *
read_row (sqlite3_stmt *stmt)
{
  int days_open = sqlite3_column_type (stmt, 6) == SQLITE_NULL ? -1 : MAX (0, sqlite3_column_int (stmt, 6));

  return ck_case_row_new (sqlite3_column_int64 (stmt, 0),
                          ck_sqlite_column_text (stmt, 1),
                          ck_sqlite_column_text (stmt, 2),
                          ck_sqlite_column_text (stmt, 3),
                          ck_sqlite_column_text (stmt, 7),
                          ck_sqlite_column_text (stmt, 8),
                          ck_sqlite_column_text (stmt, 4),
                          ck_sqlite_column_text (stmt, 5),
                          days_open);
}

/* Returns: (transfer full) (element-type CkCaseRow): every case not in
 * the bin, by id. */
GPtrArray *
ck_case_storage_list_rows (CkStorage    *storage,
                           const GDate  *today,
                           GError      **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *today_iso = ck_date_to_iso (today);
  sqlite3_stmt *stmt;
  int rc;

  if (!require_key (storage, error))
    return NULL;

  if (!(stmt = ck_storage_prepare (storage, ROW_SELECT " WHERE c.deleted_at IS NULL ORDER BY c.id", error)))
    return NULL;

  ck_sqlite_bind_text (stmt, 1, today_iso);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, read_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      ck_sqlite_set_error (error, storage->db, rc);
      return NULL;
    }

  return g_steal_pointer (&rows);
}

/* Returns: (transfer full) (nullable): the row of case @id, or %NULL when
 * it does not exist or is in the bin (without @error) or on failure. */
CkCaseRow *
ck_case_storage_load_row (CkStorage    *storage,
                          gint64        id,
                          const GDate  *today,
                          GError      **error)
{
  g_autofree char *today_iso = ck_date_to_iso (today);
  CkCaseRow *row = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = ck_storage_prepare (storage, ROW_SELECT " WHERE c.id = ?2 AND c.deleted_at IS NULL", error)))
    return NULL;

  ck_sqlite_bind_text (stmt, 1, today_iso);
  sqlite3_bind_int64 (stmt, 2, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    row = read_row (stmt);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    ck_sqlite_set_error (error, storage->db, rc);

  return row;
}

/**
 * ck_case_storage_query:
 *
 * Returns: (transfer full) (element-type gint64): the ids of the cases
 *   matching @query, ascending.
 */
GArray *
ck_case_storage_query (CkStorage          *storage,
                       const CkCaseQuery  *query,
                       GError            **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) sql = g_string_new ("SELECT c.id FROM cases c WHERE c.deleted_at IS NULL");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *match = ck_case_query_build_match (query->text);
  g_autofree char *from = ck_date_to_iso (&query->from);
  g_autofree char *to = ck_date_to_iso (&query->to);
  int index = 1;
  int rc;

  if (!require_key (storage, error))
    return NULL;

  /* Only the parts in use are in the statement, so SQLite can plan each
   * combination well; values are always bound, never pasted in. */
  if (match != NULL)
    g_string_append (sql, " AND c.id IN (SELECT rowid FROM cases_fts WHERE cases_fts MATCH ?)");
  if (query->status != NULL)
    g_string_append (sql, " AND c.status = ?");
  if (query->ground != NULL)
    g_string_append (sql, " AND c.id IN (SELECT case_id FROM case_grounds WHERE code = ?)");
  if (from != NULL)
    g_string_append (sql, " AND c.report_date >= ?");
  if (to != NULL)
    g_string_append (sql, " AND c.report_date <= ?");
  g_string_append (sql, " ORDER BY c.id");

  if (!(stmt = ck_sqlite_prepare (storage->db, sql->str, error)))
    return NULL;

  if (match != NULL)
    ck_sqlite_bind_text (stmt, index++, match);
  if (query->status != NULL)
    ck_sqlite_bind_text (stmt, index++, query->status);
  if (query->ground != NULL)
    ck_sqlite_bind_text (stmt, index++, query->ground);
  if (from != NULL)
    ck_sqlite_bind_text (stmt, index++, from);
  if (to != NULL)
    ck_sqlite_bind_text (stmt, index++, to);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }

  if (rc != SQLITE_DONE)
    {
      ck_sqlite_set_error (error, storage->db, rc);
      return NULL;
    }

  return g_steal_pointer (&ids);
}

/* Rebuilds the search index, e.g. after the user's language changed. Call
 * inside a transaction. */
gboolean
ck_case_storage_rebuild_index (CkStorage  *storage,
                               GError    **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  if (!ck_sqlite_exec (storage->db, "DELETE FROM cases_fts", error))
    return FALSE;

  if (!(stmt = ck_storage_prepare (storage, "SELECT id FROM cases", error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return ck_sqlite_set_error (error, storage->db, rc);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CkCase) kase = ck_case_storage_load (storage, g_array_index (ids, gint64, i), FALSE, error);

      if (kase == NULL || !index_case (storage, kase, error))
        return FALSE;
    }

  return TRUE;
}
