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
#include "ck-case-seal.h"
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

/* id, uid, wrapped_key, sealed, created_at, updated_at, personal_data_erased_on */
#define SELECT_FIXED_COLUMNS 7

static gboolean
is_column (const CkFieldInfo *field)
{
  return !field->confidential && field->type != CK_FIELD_MEASURES;
}

static const CaseSql *
get_case_sql (void)
{
  static CaseSql *sql;

  if (g_once_init_enter (&sql))
    {
      CaseSql *built = g_new0 (CaseSql, 1);
      g_autoptr(GString) names = g_string_new (NULL);
      g_autoptr(GString) select_names = g_string_new (NULL);
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
          g_string_append_printf (select_names, ", c.%s", fields[i].name);
          g_string_append (marks, ", ?");
          g_string_append_printf (sets, "%s = ?, ", fields[i].name);
        }

      built->insert_sql = g_strdup_printf ("INSERT INTO cases (uid, created_at, updated_at%s)"
                                           " VALUES (?, ?, ?%s)",
                                           names->str, marks->str);
      built->update_sql = g_strdup_printf ("UPDATE cases SET %supdated_at = ? WHERE id = ?", sets->str);
      /* A LEFT JOIN: the retention term takes a case's seal, not its row. */
      built->select_sql = g_strdup_printf ("SELECT c.id, c.uid, s.wrapped_key, s.sealed, c.created_at, c.updated_at,"
                                           " c.personal_data_erased_on%s"
                                           " FROM cases c LEFT JOIN case_seals s ON s.case_id = c.id WHERE c.id = ?",
                                           select_names->str);
      g_once_init_leave (&sql, built);
    }

  return sql;
}

/* The code lists' link tables, kept beside the joined column. */
typedef struct
{
  const char *field;
  const char *insert_sql;
  const char *delete_sql;
} LinkTable;

static const LinkTable link_tables[] = {
  { "grounds",
    "INSERT INTO case_grounds (case_id, code) VALUES (?, ?)",
    "DELETE FROM case_grounds WHERE case_id = ?" },
  { "manifestations",
    "INSERT INTO case_manifestations (case_id, code) VALUES (?, ?)",
    "DELETE FROM case_manifestations WHERE case_id = ?" },
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

    case CK_FIELD_CODES:
      {
        g_autofree char *joined = g_strjoinv (",", *(char ** const *) p);

        ck_sqlite_bind_text (stmt, index, joined);
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

    case CK_FIELD_CODES:
      {
        const char *joined = ck_sqlite_column_text (stmt, column);

        g_strfreev (*(char ***) p);
        *(char ***) p = joined != NULL && *joined != '\0' ? g_strsplit (joined, ",", -1) : g_new0 (char *, 1);
      }
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

    case CK_FIELD_MEASURES:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
read_counter (CkStorage   *storage,
              const char  *prefix,
              int         *last,
              GError     **error)
{
  sqlite3_stmt *stmt = ck_storage_prepare (storage, "SELECT last FROM reference_counters WHERE prefix = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  ck_sqlite_bind_text (stmt, 1, prefix);
  rc = sqlite3_step (stmt);
  *last = rc == SQLITE_ROW ? sqlite3_column_int (stmt, 0) : 0;
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return ck_sqlite_set_error (error, storage->db, rc);

  return TRUE;
}

static gboolean
write_counter (CkStorage   *storage,
               const char  *prefix,
               int          last,
               GError     **error)
{
  sqlite3_stmt *stmt = ck_storage_prepare (storage,
                                           "INSERT OR REPLACE INTO reference_counters (prefix, last) VALUES (?, ?)",
                                           error);

  if (stmt == NULL)
    return FALSE;

  ck_sqlite_bind_text (stmt, 1, prefix);
  sqlite3_bind_int (stmt, 2, last);
  return ck_sqlite_step_done (storage->db, stmt, error);
}

/* Gives @kase the next reference of its unit and report year, e.g.
 * "AMS-2025-0042". @counters (prefix → last number) holds the counters
 * of a bulk insert until write_counters(); without it each counter is
 * written at once. */
static gboolean
assign_reference (CkStorage   *storage,
                  CkCase      *kase,
                  GHashTable  *counters,
                  GError     **error)
{
  g_autofree char *prefix = NULL;
  gpointer stored;
  guint year;
  int last;

  if (ck_date_is_set (&kase->report_date))
    year = g_date_get_year (&kase->report_date);
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      year = g_date_time_get_year (now);
    }

  prefix = g_strdup_printf ("%s-%u-", kase->unit, year);
  if (counters != NULL && g_hash_table_lookup_extended (counters, prefix, NULL, &stored))
    last = GPOINTER_TO_INT (stored);
  else if (!read_counter (storage, prefix, &last, error))
    return FALSE;

  last++;
  if (counters != NULL)
    g_hash_table_insert (counters, g_strdup (prefix), GINT_TO_POINTER (last));
  else if (!write_counter (storage, prefix, last, error))
    return FALSE;

  g_free (kase->reference);
  kase->reference = g_strdup_printf ("%s%04d", prefix, last);
  return TRUE;
}

static gboolean
write_counters (CkStorage   *storage,
                GHashTable  *counters,
                GError     **error)
{
  GHashTableIter iter;
  gpointer prefix, last;

  g_hash_table_iter_init (&iter, counters);
  while (g_hash_table_iter_next (&iter, &prefix, &last))
    if (!write_counter (storage, prefix, GPOINTER_TO_INT (last), error))
      return FALSE;

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
case_key_context (const char *uid)
{
  return g_strconcat ("case-key/", uid, NULL);
}

/* Returns: (transfer full): the "terms" text of a case's index entry: the
 * token of each of its codes (ck_case_index_token()). The one source of
 * what is indexed, so that an entry can be removed with exactly what was
 * put in (the index is contentless). */
static char *
index_terms (const CkCase *kase)
{
  GString *terms = g_string_new (NULL);
  const CkFieldInfo *fields;
  guint n_fields;

  fields = ck_case_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const CkFieldInfo *field = &fields[i];
      gconstpointer p = G_STRUCT_MEMBER_P (kase, field->offset);
      g_autoptr(GPtrArray) codes = g_ptr_array_new ();

      switch (field->type)
        {
        case CK_FIELD_CODE:
          if (*(char * const *) p != NULL)
            g_ptr_array_add (codes, *(char * const *) p);
          break;

        case CK_FIELD_CODES:
          for (char * const *c = *(char ** const *) p; *c != NULL; c++)
            g_ptr_array_add (codes, *c);
          break;

        case CK_FIELD_MEASURES:
          for (guint j = 0; j < kase->measures->len; j++)
            g_ptr_array_add (codes, g_array_index (kase->measures, CkMeasure, j).code);
          break;

        case CK_FIELD_TEXT:
        case CK_FIELD_DATE:
        case CK_FIELD_BOOL:
        case CK_FIELD_TRISTATE:
        default:
          break;
        }

      for (guint j = 0; j < codes->len; j++)
        {
          ck_case_append_index_token (terms, field->vocabulary, codes->pdata[j]);
          g_string_append_c (terms, ' ');
        }
    }

  return g_string_free (terms, FALSE);
}

/* Adds (@command NULL) or removes (@command "delete") a case's entry;
 * @terms is index_terms() of @kase. */
static gboolean
write_index_entry (CkStorage     *storage,
                   const CkCase  *kase,
                   const char    *command,
                   const char    *terms,
                   GError       **error)
{
  sqlite3_stmt *stmt;

  stmt = ck_storage_prepare (storage,
                             "INSERT INTO cases_fts (cases_fts, rowid, reference, team, terms)"
                             " VALUES (?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;

  ck_sqlite_bind_text (stmt, 1, command);
  sqlite3_bind_int64 (stmt, 2, kase->id);
  ck_sqlite_bind_text (stmt, 3, kase->reference);
  ck_sqlite_bind_text (stmt, 4, kase->team);
  ck_sqlite_bind_text (stmt, 5, terms);

  return ck_sqlite_step_done (storage->db, stmt, error);
}

static gboolean
index_case (CkStorage     *storage,
            const CkCase  *kase,
            GError       **error)
{
  g_autofree char *terms = index_terms (kase);

  return write_index_entry (storage, kase, NULL, terms, error);
}

/* @kase: the case as it was indexed */
static gboolean
unindex_case (CkStorage     *storage,
              const CkCase  *kase,
              GError       **error)
{
  g_autofree char *terms = index_terms (kase);

  return write_index_entry (storage, kase, "delete", terms, error);
}

/* What a new case needs that takes no database: its uid, its sealed data
 * key and confidential fields, its index terms. Made apart from the
 * writing so that a bulk insert can make it on another core. */
typedef struct
{
  GBytes *wrapped_key;
  GBytes *sealed;
  char   *terms;
} SealedCase;

static void
sealed_case_free (SealedCase *sealed)
{
  g_clear_pointer (&sealed->wrapped_key, g_bytes_unref);
  g_clear_pointer (&sealed->sealed, g_bytes_unref);
  g_free (sealed->terms);
  g_free (sealed);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SealedCase, sealed_case_free)

/* Gives @kase a fresh uid and seals it under @case_key, itself sealed by
 * the register key. Touches no database: safe in a worker thread. */
static SealedCase *
seal_case (const CkSecretKey *register_key,
           CkCase            *kase,
           const CkSecretKey *case_key)
{
  SealedCase *sealed = g_new0 (SealedCase, 1);
  g_autofree char *context = NULL;

  g_free (kase->uid);
  kase->uid = ck_random_uid ();
  context = case_key_context (kase->uid);
  sealed->wrapped_key = ck_secret_key_wrap (register_key, case_key, context);
  sealed->sealed = ck_case_seal_confidential (kase, case_key);
  sealed->terms = index_terms (kase);

  return sealed;
}

/* Writes a new, sealed case: its reference, row, code lists and the audit
 * entry of its creation; its index entry is the caller's. */
static gboolean
write_case (CkStorage   *storage,
            CkCase      *kase,
            SealedCase  *sealed,
            GHashTable  *counters,
            GError     **error)
{
  const CaseSql *sql = get_case_sql ();
  sqlite3_stmt *stmt;
  gint64 now;

  if (kase->unit == NULL)
    kase->unit = g_strdup (storage->unit);
  if (!assign_reference (storage, kase, counters, error))
    return FALSE;

  now = g_get_real_time () / G_USEC_PER_SEC;
  if (!(stmt = ck_storage_prepare (storage, sql->insert_sql, error)))
    return FALSE;
  ck_sqlite_bind_text (stmt, 1, kase->uid);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_int64 (stmt, 3, now);
  for (guint i = 0; i < sql->n_columns; i++)
    bind_column (stmt, 4 + i, sql->columns[i], kase);
  if (!ck_sqlite_step_done (storage->db, stmt, error))
    return FALSE;

  kase->id = sqlite3_last_insert_rowid (storage->db);
  kase->created_at = kase->updated_at = now;

  if (!(stmt = ck_storage_prepare (storage,
                                   "INSERT INTO case_seals (case_id, wrapped_key, sealed) VALUES (?, ?, ?)",
                                   error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, kase->id);
  ck_sqlite_bind_bytes (stmt, 2, sealed->wrapped_key);
  if (sealed->sealed != NULL)
    ck_sqlite_bind_bytes (stmt, 3, sealed->sealed);
  else
    sqlite3_bind_null (stmt, 3);
  if (!ck_sqlite_step_done (storage->db, stmt, error))
    return FALSE;

  return write_links (storage, kase, FALSE, error) &&
         ck_audit_append (storage, kase->id, kase->reference, "created", NULL, NULL, NULL, error);
}

/**
 * ck_case_storage_insert:
 *
 * Stores a new case: gives it an id, a random uid, its own data key and a
 * reference, and records its creation in the audit log. The case must have
 * been validated and normalized.
 */
gboolean
ck_case_storage_insert (CkStorage  *storage,
                        CkCase     *kase,
                        GError    **error)
{
  g_autoptr(CkSecretKey) case_key = NULL;
  g_autoptr(SealedCase) sealed = NULL;

  if (!require_key (storage, error))
    return FALSE;

  case_key = ck_secret_key_new_random ();
  sealed = seal_case (storage->key, kase, case_key);
  return write_case (storage, kase, sealed, NULL, error) &&
         write_index_entry (storage, kase, NULL, sealed->terms, error);
}

typedef struct
{
  const CkSecretKey *register_key;
  GPtrArray         *cases;
  GAsyncQueue       *sealed;      /* SealedCase, in the order of @cases */
  int                stop;        /* the writer failed: stop sealing */
} SealPipeline;

static gpointer
seal_thread (gpointer data)
{
  SealPipeline *pipeline = data;
  g_autoptr(CkSecretKey) case_key = ck_secret_key_new_random ();

  for (guint i = 0; i < pipeline->cases->len && !g_atomic_int_get (&pipeline->stop); i++)
    {
      /* Every case gets a fresh random key; the guarded buffer is reused
       * because allocating one costs several system calls. */
      if (i > 0)
        ck_secret_key_regenerate (case_key);
      g_async_queue_push (pipeline->sealed, seal_case (pipeline->register_key, pipeline->cases->pdata[i], case_key));
    }

  return NULL;
}

/**
 * ck_case_storage_insert_all:
 * @cases: (element-type CkCase): new, validated, normalized cases
 *
 * Stores each case as ck_case_storage_insert() does, in the order given.
 * Made for many cases at once:
 *
 * - the sealing, which needs no database, runs in a worker thread while
 *   this thread writes, so two cores share the work;
 * - the search index entries are written after all the rows: FTS5 writes
 *   its pending entries out as a segment whenever a later statement opens
 *   a savepoint, so entries between other inserts cost a segment (and its
 *   merging) per case;
 * - the reference counters are counted in memory and written once.
 */
gboolean
ck_case_storage_insert_all (CkStorage  *storage,
                            GPtrArray  *cases,
                            GError    **error)
{
  g_autoptr(GHashTable) counters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) terms = g_ptr_array_new_full (cases->len, g_free);
  SealPipeline pipeline = { 0 };
  gboolean ok = TRUE;
  GThread *sealer;
  SealedCase *sealed;

  if (!require_key (storage, error))
    return FALSE;

  pipeline.register_key = storage->key;
  pipeline.cases = cases;
  pipeline.sealed = g_async_queue_new_full ((GDestroyNotify) sealed_case_free);
  sealer = g_thread_new ("ck-seal", seal_thread, &pipeline);

  for (guint i = 0; i < cases->len; i++)
    {
      sealed = g_async_queue_pop (pipeline.sealed);
      ok = write_case (storage, cases->pdata[i], sealed, counters, error);
      g_ptr_array_add (terms, g_steal_pointer (&sealed->terms));
      sealed_case_free (sealed);
      if (!ok)
        {
          g_atomic_int_set (&pipeline.stop, 1);
          break;
        }
    }

  g_thread_join (sealer);
  g_async_queue_unref (pipeline.sealed);
  if (!ok)
    return FALSE;

  if (!write_counters (storage, counters, error))
    return FALSE;

  for (guint i = 0; i < cases->len; i++)
    if (!write_index_entry (storage, cases->pdata[i], NULL, terms->pdata[i], error))
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

/* The code lists are read with the row; the measures have their table. */
static gboolean
read_measures (CkStorage  *storage,
               CkCase     *kase,
               GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

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
  g_autoptr(GBytes) sealed = NULL;
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
  sealed = ck_sqlite_column_bytes (stmt, 3);
  kase->created_at = sqlite3_column_int64 (stmt, 4);
  kase->updated_at = sqlite3_column_int64 (stmt, 5);
  ck_date_from_iso (&kase->personal_data_erased_on, ck_sqlite_column_text (stmt, 6));
  for (guint i = 0; i < sql->n_columns; i++)
    read_column (stmt, SELECT_FIXED_COLUMNS + i, sql->columns[i], kase);
  sqlite3_reset (stmt);

  if (!read_measures (storage, kase, error))
    return NULL;

  if (with_confidential && wrapped_key == NULL)
    {
      /* Erased after the retention term: there is nothing left to open. */
      if (!ck_date_is_set (&kase->personal_data_erased_on))
        {
          g_set_error_literal (error, CK_ERROR, CK_ERROR_CORRUPT, _("A stored key is missing"));
          return NULL;
        }
      ck_case_clear_confidential (kase);
      kase->has_confidential = TRUE;
    }
  else if (with_confidential)
    {
      g_autoptr(CkSecretKey) case_key = unwrap_case_key (storage, kase, wrapped_key, error);

      if (case_key == NULL || !ck_case_open_confidential (kase, case_key, sealed, error))
        return NULL;
    }

  return g_steal_pointer (&kase);
}

/* Returns: (transfer full) (nullable): the reference of case @id, or
 * %NULL when there is none; @in_bin tells whether it is in the bin. */
static char *
lookup_case (CkStorage *storage,
             gint64     id,
             gboolean  *in_bin)
{
  sqlite3_stmt *stmt = ck_storage_prepare (storage, "SELECT reference, deleted_at FROM cases WHERE id = ?", NULL);
  char *reference = NULL;

  *in_bin = FALSE;
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      reference = g_strdup (ck_sqlite_column_text (stmt, 0));
      *in_bin = sqlite3_column_type (stmt, 1) != SQLITE_NULL;
    }
  sqlite3_reset (stmt);

  return reference;
}

static gboolean
confidential_changed (const CkCase *before,
                      const CkCase *after)
{
  const CkFieldInfo *fields;
  guint n_fields;

  fields = ck_case_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (fields[i].confidential && !ck_case_field_equal (&fields[i], before, after))
      return TRUE;

  return FALSE;
}

static gboolean
check_no_confidential (const CkCase  *kase,
                       GError       **error)
{
  const CkFieldInfo *fields;
  guint n_fields;

  fields = ck_case_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const char *value;

      if (!fields[i].confidential)
        continue;

      value = *(char * const *) G_STRUCT_MEMBER_P (kase, fields[i].offset);
      if (value != NULL && *value != '\0')
        {
          ck_set_field_error (error, fields[i].name,
                              _("The personal data of this case was erased after the retention term and cannot be entered again"));
          return FALSE;
        }
    }

  return TRUE;
}

/* Seals the confidential fields of @kase anew, under a fresh nonce. */
static gboolean
reseal (CkStorage  *storage,
        CkCase     *kase,
        GError    **error)
{
  g_autoptr(GBytes) wrapped_key = NULL;
  g_autoptr(CkSecretKey) case_key = NULL;
  g_autoptr(GBytes) sealed = NULL;
  sqlite3_stmt *stmt;

  if (!(stmt = ck_storage_prepare (storage, "SELECT wrapped_key FROM case_seals WHERE case_id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, kase->id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    wrapped_key = ck_sqlite_column_bytes (stmt, 0);
  sqlite3_reset (stmt);

  if (wrapped_key == NULL)
    {
      g_set_error_literal (error, CK_ERROR, CK_ERROR_CORRUPT, _("A stored key is missing"));
      return FALSE;
    }

  if (!(case_key = unwrap_case_key (storage, kase, wrapped_key, error)))
    return FALSE;

  sealed = ck_case_seal_confidential (kase, case_key);
  if (!(stmt = ck_storage_prepare (storage, "UPDATE case_seals SET sealed = ? WHERE case_id = ?", error)))
    return FALSE;
  if (sealed != NULL)
    ck_sqlite_bind_bytes (stmt, 1, sealed);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_int64 (stmt, 2, kase->id);

  return ck_sqlite_step_done (storage->db, stmt, error);
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
  sqlite3_stmt *stmt;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean in_bin;

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
  kase->personal_data_erased_on = before->personal_data_erased_on;

  /* Personal data past its term does not come back: the case has no data
   * key any more, and a saved case without such data stays valid. */
  if (ck_date_is_set (&before->personal_data_erased_on) && kase->has_confidential &&
      !check_no_confidential (kase, error))
    return FALSE;

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

  if (kase->has_confidential && confidential_changed (before, kase) &&
      !reseal (storage, kase, error))
    return FALSE;

  /* A case in the bin has no index entry; restoring it makes one. */
  g_free (lookup_case (storage, kase->id, &in_bin));
  if (!in_bin && (!unindex_case (storage, before, error) || !index_case (storage, kase, error)))
    return FALSE;

  return ck_audit_append_changes (storage, before, kase, error);
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

/* Moves a case into the bin (where undo can get it back) or out of it. */
gboolean
ck_case_storage_set_deleted (CkStorage  *storage,
                             gint64      id,
                             gboolean    deleted,
                             GError    **error)
{
  g_autoptr(CkCase) kase = NULL;
  g_autofree char *reference = NULL;
  sqlite3_stmt *stmt;
  gboolean in_bin;

  reference = lookup_case (storage, id, &in_bin);
  if (reference == NULL)
    {
      g_set_error (error, CK_ERROR, CK_ERROR_NOT_FOUND, _("There is no such case"));
      return FALSE;
    }

  if (in_bin == deleted)
    return TRUE;

  if (!(kase = ck_case_storage_load (storage, id, FALSE, error)))
    return FALSE;

  if (!(stmt = ck_storage_prepare (storage, "UPDATE cases SET deleted_at = ? WHERE id = ?", error)))
    return FALSE;
  if (deleted)
    sqlite3_bind_int64 (stmt, 1, g_get_real_time () / G_USEC_PER_SEC);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!ck_sqlite_step_done (storage->db, stmt, error))
    return FALSE;

  /* A case in the bin is not searchable: the index holds only listed
   * cases, so that a text search needs nothing but the index. */
  if (!(deleted ? unindex_case (storage, kase, error) : index_case (storage, kase, error)))
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
  g_autofree char *reference = NULL;
  sqlite3_stmt *stmt;
  gboolean in_bin;

  reference = lookup_case (storage, id, &in_bin);
  if (reference == NULL)
    {
      g_set_error (error, CK_ERROR, CK_ERROR_NOT_FOUND, _("There is no such case"));
      return FALSE;
    }

  if (!in_bin)
    {
      g_autoptr(CkCase) kase = ck_case_storage_load (storage, id, FALSE, error);

      if (kase == NULL || !unindex_case (storage, kase, error))
        return FALSE;
    }

  if (!(stmt = ck_storage_prepare (storage, "DELETE FROM cases WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!ck_sqlite_step_done (storage->db, stmt, error))
    return FALSE;

  return ck_audit_append (storage, id, reference, "erased", NULL, NULL, NULL, error);
}

/**
 * ck_case_storage_erase_personal_data:
 * @today: the day to record as the day of erasure
 *
 * Deletes the case's sealed confidential values and its sealed data key,
 * so that no copy of them (backups, WAL leftovers) can be opened again;
 * the categorical row and its history stay. The caller checkpoints the
 * WAL after the transaction, as for ck_case_storage_erase().
 */
gboolean
ck_case_storage_erase_personal_data (CkStorage    *storage,
                                     gint64        id,
                                     const GDate  *today,
                                     GError      **error)
{
  g_autofree char *reference = NULL;
  g_autofree char *today_iso = ck_date_to_iso (today);
  sqlite3_stmt *stmt;
  gboolean in_bin;

  reference = lookup_case (storage, id, &in_bin);
  if (reference == NULL)
    {
      g_set_error (error, CK_ERROR, CK_ERROR_NOT_FOUND, _("There is no such case"));
      return FALSE;
    }

  if (!(stmt = ck_storage_prepare (storage, "DELETE FROM case_seals WHERE case_id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!ck_sqlite_step_done (storage->db, stmt, error))
    return FALSE;

  /* updated_at stays: nothing that is counted or published changed. */
  if (!(stmt = ck_storage_prepare (storage, "UPDATE cases SET personal_data_erased_on = ? WHERE id = ?", error)))
    return FALSE;
  ck_sqlite_bind_text (stmt, 1, today_iso);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!ck_sqlite_step_done (storage->db, stmt, error))
    return FALSE;

  return ck_audit_append (storage, id, reference, "personal_data_erased", NULL, NULL, NULL, error);
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
  " c.grounds, c.manifestations" \
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
  g_autofree char *match = ck_case_query_build_match (query->text, storage->vocabulary);
  g_autofree char *from = ck_date_to_iso (&query->from);
  g_autofree char *to = ck_date_to_iso (&query->to);
  int index = 1;
  int rc;

  if (!require_key (storage, error))
    return NULL;

  if (match != NULL && query->status == NULL && query->ground == NULL && from == NULL && to == NULL)
    {
      /* Text alone is answered by the index alone: it holds only the
       * cases that are not in the bin. */
      g_string_assign (sql, "SELECT rowid FROM cases_fts WHERE cases_fts MATCH ? ORDER BY rowid");
    }
  else
    {
      /* Only the parts in use are in the statement, so SQLite can plan
       * each combination well; values are always bound, never pasted in. */
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
    }

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

/* Rebuilds the search index, after a migration that changed what is
 * indexed. Call inside a transaction. */
gboolean
ck_case_storage_rebuild_index (CkStorage  *storage,
                               GError    **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  if (!ck_sqlite_exec (storage->db, "INSERT INTO cases_fts (cases_fts) VALUES ('delete-all')", error))
    return FALSE;

  if (!(stmt = ck_storage_prepare (storage, "SELECT id FROM cases WHERE deleted_at IS NULL", error)))
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
