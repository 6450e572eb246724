/* ck-retention.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ck-case-storage.h"
#include "ck-date.h"
#include "ck-error.h"
#include "ck-register.h"
#include "ck-retention.h"
#include "ck-sqlite.h"
#include "ck-storage.h"

#define META_KEY "retention_years"

/* The day a closed case closed: the later of its disposal date and the
 * last change of its status (a closed case's last status change is the
 * one that closed it), or the day it was registered. */
#define CLOSED_ON_SQL \
  "COALESCE (NULLIF (max (COALESCE (c.disposal_date, '')," \
  "                       COALESCE ((SELECT date (max (a.at), 'unixepoch', 'localtime') FROM audit a" \
  "                                  WHERE a.case_id = c.id AND a.action = 'changed' AND a.field = 'status'), ''))," \
  "                  '')," \
  "          date (c.created_at, 'unixepoch', 'localtime'))"

#define CLOSED_CASES_SQL \
  "SELECT c.id, c.reference, " CLOSED_ON_SQL \
  " FROM cases c JOIN case_seals s ON s.case_id = c.id" \
  " WHERE c.status IN ('afgedaan', 'gesloten') AND c.deleted_at IS NULL"

/* Only cases with personal data count; disposed after ?1 cannot be due,
 * which spares most of the audit lookups. */
static const char list_sql[] =
  CLOSED_CASES_SQL " AND s.sealed IS NOT NULL AND (c.disposal_date IS NULL OR c.disposal_date <= ?1)"
  " ORDER BY c.id";

static const char case_sql[] = CLOSED_CASES_SQL " AND c.id = ?1";

static void
clear_item (gpointer data)
{
  CkRetentionItem *item = data;

  g_clear_pointer (&item->reference, g_free);
}

static gboolean
read_item (sqlite3_stmt    *stmt,
           int              years,
           CkRetentionItem *item)
{
  item->case_id = sqlite3_column_int64 (stmt, 0);
  if (!ck_date_from_iso (&item->closed_on, ck_sqlite_column_text (stmt, 2)) ||
      !ck_date_is_set (&item->closed_on))
    return FALSE;

  item->erase_on = item->closed_on;
  g_date_add_years (&item->erase_on, years);
  return TRUE;
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const CkRetentionItem *item_a = a;
  const CkRetentionItem *item_b = b;
  int cmp = g_date_compare (&item_a->erase_on, &item_b->erase_on);

  if (cmp != 0)
    return cmp;
  return item_a->case_id < item_b->case_id ? -1 : item_a->case_id > item_b->case_id;
}

static int
read_years (CkStorage *storage)
{
  g_autofree char *text = ck_storage_get_meta (storage, META_KEY);
  gint64 value;

  if (text != NULL &&
      g_ascii_string_to_signed (text, 10, CK_RETENTION_MIN_YEARS, CK_RETENTION_MAX_YEARS, &value, NULL))
    return (int) value;

  return CK_RETENTION_DEFAULT_YEARS;
}

/* Called with the register's lock. */
static GArray *
list_due (CkStorage    *storage,
          const GDate  *today,
          int           within_days,
          GError      **error)
{
  g_autoptr(GArray) items = g_array_new (FALSE, TRUE, sizeof (CkRetentionItem));
  g_autofree char *cutoff_iso = NULL;
  int years = read_years (storage);
  GDate limit = *today;
  GDate cutoff;
  sqlite3_stmt *stmt;
  int rc;

  g_array_set_clear_func (items, clear_item);

  if (storage->key == NULL)
    {
      g_set_error_literal (error, CK_ERROR, CK_ERROR_LOCKED,
                           _("The register is locked. Enter the passphrase first."));
      return NULL;
    }

  g_date_add_days (&limit, MAX (within_days, 0));
  /* Two days of slack: adding and subtracting years differ around 29
   * February. The exact test is on erase_on below. */
  cutoff = limit;
  g_date_subtract_years (&cutoff, years);
  g_date_add_days (&cutoff, 2);
  cutoff_iso = ck_date_to_iso (&cutoff);

  if (!(stmt = ck_storage_prepare (storage, list_sql, error)))
    return NULL;

  ck_sqlite_bind_text (stmt, 1, cutoff_iso);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CkRetentionItem item = { 0 };

      if (!read_item (stmt, years, &item) || g_date_compare (&item.erase_on, &limit) > 0)
        continue;

      item.reference = g_strdup (ck_sqlite_column_text (stmt, 1));
      g_array_append_val (items, item);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      ck_sqlite_set_error (error, storage->db, rc);
      return NULL;
    }

  g_array_sort (items, compare_items);
  return g_steal_pointer (&items);
}

/* Erases what is past its term in one transaction. Called with the lock. */
static gboolean
apply_locked (CkStorage    *storage,
              const GDate  *today,
              guint        *n_erased,
              GError      **error)
{
  g_autoptr(GArray) due = list_due (storage, today, 0, error);
  guint n = 0;

  *n_erased = 0;
  if (due == NULL)
    return FALSE;
  if (due->len == 0)
    return TRUE;

  if (!ck_storage_begin (storage, error))
    return FALSE;

  for (guint i = 0; i < due->len; i++)
    {
      const CkRetentionItem *item = &g_array_index (due, CkRetentionItem, i);

      if (!ck_case_storage_erase_personal_data (storage, item->case_id, today, error))
        {
          ck_storage_rollback (storage);
          return FALSE;
        }
      n++;
    }

  if (!ck_storage_commit (storage, error))
    return FALSE;

  /* As for an erased case: the zeroed pages go into the database file and
   * the WAL is emptied, so no earlier copy of the seals stays there. */
  sqlite3_wal_checkpoint_v2 (storage->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);

  *n_erased = n;
  return TRUE;
}

/* Returns: the unit's retention term in years; the default when none was
 * set */
int
ck_retention_get_years (CkRegister *reg)
{
  CkStorage *storage;
  int years;

  g_return_val_if_fail (CK_IS_REGISTER (reg), CK_RETENTION_DEFAULT_YEARS);

  storage = ck_register_acquire (reg);
  years = read_years (storage);
  ck_register_release (reg);

  return years;
}

/**
 * ck_retention_set_years:
 *
 * Stores the unit's term. A value outside CK_RETENTION_MIN_YEARS ..
 * CK_RETENTION_MAX_YEARS is refused (CK_ERROR_INVALID, field
 * "retention_years"). Erases nothing by itself: ck_retention_apply() does.
 */
gboolean
ck_retention_set_years (CkRegister  *reg,
                        int          years,
                        GError     **error)
{
  g_autofree char *value = NULL;
  CkStorage *storage;
  gboolean ok;

  g_return_val_if_fail (CK_IS_REGISTER (reg), FALSE);

  if (years < CK_RETENTION_MIN_YEARS || years > CK_RETENTION_MAX_YEARS)
    {
      ck_set_field_error (error, META_KEY,
                          _("The retention term must be between %d and %d years"),
                          CK_RETENTION_MIN_YEARS, CK_RETENTION_MAX_YEARS);
      return FALSE;
    }

  value = g_strdup_printf ("%d", years);
  storage = ck_register_acquire (reg);
  ok = ck_storage_set_meta (storage, META_KEY, value, error);
  ck_register_release (reg);

  if (ok)
    ck_register_emit_changed (reg);
  return ok;
}

/**
 * ck_retention_list_due:
 * @today: the day to judge against
 * @within_days: also list what passes its term within this many days
 *
 * Returns: (transfer full) (element-type CkRetentionItem): the closed
 *   cases that still hold personal data and are past their term on
 *   @today (erase_on on or before @today) or will be within @within_days,
 *   soonest first; %NULL with @error
 */
GArray *
ck_retention_list_due (CkRegister   *reg,
                       const GDate  *today,
                       int           within_days,
                       GError      **error)
{
  CkStorage *storage;
  GArray *items;

  g_return_val_if_fail (CK_IS_REGISTER (reg), NULL);
  g_return_val_if_fail (today != NULL && ck_date_is_set (today), NULL);

  storage = ck_register_acquire (reg);
  items = list_due (storage, today, within_days, error);
  ck_register_release (reg);

  return items;
}

/**
 * ck_retention_get_erase_date:
 *
 * For a closed case whose personal data is kept: the day it passes its
 * term. Returns %FALSE without @error for an open case, a case whose
 * personal data is already erased, or one that does not exist.
 */
gboolean
ck_retention_get_erase_date (CkRegister  *reg,
                             gint64       case_id,
                             GDate       *erase_on,
                             GError     **error)
{
  CkStorage *storage;
  sqlite3_stmt *stmt;
  CkRetentionItem item = { 0 };
  gboolean found = FALSE;
  int rc;

  g_return_val_if_fail (CK_IS_REGISTER (reg), FALSE);

  storage = ck_register_acquire (reg);
  stmt = ck_storage_prepare (storage, case_sql, error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, case_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        found = read_item (stmt, read_years (storage), &item);
      else if (rc != SQLITE_DONE)
        ck_sqlite_set_error (error, storage->db, rc);
      sqlite3_reset (stmt);
    }
  ck_register_release (reg);

  if (found)
    *erase_on = item.erase_on;
  return found;
}

/**
 * ck_retention_apply:
 * @today: the day to judge against, recorded as the day of erasure
 * @n_erased: (out): how many cases lost their personal data
 *
 * Erases the personal data of every case past its term, in one
 * transaction with an audit entry ("personal_data_erased") per case.
 * Running it again erases nothing more. Call on the register's thread.
 */
gboolean
ck_retention_apply (CkRegister   *reg,
                    const GDate  *today,
                    guint        *n_erased,
                    GError      **error)
{
  CkStorage *storage;
  guint n = 0;
  gboolean ok;

  g_return_val_if_fail (CK_IS_REGISTER (reg), FALSE);
  g_return_val_if_fail (today != NULL && ck_date_is_set (today), FALSE);

  storage = ck_register_acquire (reg);
  ok = apply_locked (storage, today, &n, error);
  ck_register_release (reg);

  if (ok && n > 0)
    ck_register_emit_changed (reg);
  if (n_erased != NULL)
    *n_erased = n;
  return ok;
}

static void
apply_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CkRegister *reg = source_object;
  g_autoptr(GError) error = NULL;
  CkStorage *storage;
  guint n = 0;
  gboolean ok;
  GDate today;

  ck_date_set_today (&today);
  storage = ck_register_acquire (reg);
  ok = apply_locked (storage, &today, &n, &error);
  ck_register_release (reg);

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, n);
}

/* ck_retention_apply() for today, in a worker thread. */
void
ck_retention_apply_async (CkRegister          *reg,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CK_IS_REGISTER (reg));

  task = g_task_new (reg, cancellable, callback, user_data);
  g_task_set_source_tag (task, ck_retention_apply_async);
  /* Once started it erases: the result is reported even when cancelled,
   * so that the register's "changed" is emitted. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, apply_thread);
}

/* Emits the register's "changed" when something was erased. */
gboolean
ck_retention_apply_finish (CkRegister    *reg,
                           GAsyncResult  *result,
                           guint         *n_erased,
                           GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, reg), FALSE);

  n = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (n > 0)
    ck_register_emit_changed (reg);
  if (n_erased != NULL)
    *n_erased = (guint) n;
  return TRUE;
}

/* Returns: (transfer full): "5 years", for people */
char *
ck_retention_format_years (int years)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d year", "%d years", years), years);
}

/* Returns: (transfer full): what the window and the command line say
 * after ck_retention_apply() erased @n_erased cases */
char *
ck_retention_describe_erased (guint n_erased,
                              int   years)
{
  g_autofree char *term = ck_retention_format_years (years);

  /* Translators: %u counts cases; %s is a term such as "5 years". */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Personal data of %u case was erased after the retention term of %s",
                                       "Personal data of %u cases was erased after the retention term of %s",
                                       n_erased),
                          n_erased, term);
}
