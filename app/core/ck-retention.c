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
#include "ck-session.h"
#include "ck-session-storage.h"
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

/* Sessions dated on or before ?1 that still hold personal data: a name, a
 * note, or the sealed text of a lesson that was not released. One whose
 * personal data went once takes no names or notes again. */
static const char sessions_sql[] =
  "SELECT s.id, s.title, s.date FROM sessions s"
  " WHERE s.deleted_at IS NULL AND s.personal_data_erased_on IS NULL AND s.date <= ?1"
  " AND (EXISTS (SELECT 1 FROM session_participants p WHERE p.session_id = s.id AND p.name IS NOT NULL)"
  "      OR EXISTS (SELECT 1 FROM session_notes n JOIN session_items i ON i.id = n.item_id"
  "                 WHERE i.session_id = s.id)"
  "      OR EXISTS (SELECT 1 FROM session_lessons l WHERE l.session_id = s.id"
  "                 AND l.state <> 'released' AND l.sealed IS NOT NULL))"
  " ORDER BY s.id";

typedef struct
{
  guint n_cases;
  guint n_sessions;
} Counts;

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
  /* Cases first, then sessions, each by id. */
  if ((item_a->session_id != 0) != (item_b->session_id != 0))
    return item_a->session_id != 0 ? 1 : -1;
  if (item_a->case_id != item_b->case_id)
    return item_a->case_id < item_b->case_id ? -1 : 1;
  return item_a->session_id < item_b->session_id ? -1 : item_a->session_id > item_b->session_id;
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

/* Adds the sessions past their term on @limit to @items; @cutoff_iso is
 * a day on or after the latest date such a session can have. */
static gboolean
list_due_sessions (CkStorage    *storage,
                   int           years,
                   const GDate  *limit,
                   const char   *cutoff_iso,
                   GArray       *items,
                   GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = ck_storage_prepare (storage, sessions_sql, error)))
    return FALSE;

  ck_sqlite_bind_text (stmt, 1, cutoff_iso);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(CkSession) session = ck_session_new ();
      CkRetentionItem item = { 0 };

      if (!ck_date_from_iso (&session->date, ck_sqlite_column_text (stmt, 2)) ||
          !ck_date_is_set (&session->date))
        continue;

      item.session_id = sqlite3_column_int64 (stmt, 0);
      item.closed_on = session->date;
      item.erase_on = session->date;
      g_date_add_years (&item.erase_on, years);
      if (g_date_compare (&item.erase_on, limit) > 0)
        continue;

      session->title = g_strdup (ck_sqlite_column_text (stmt, 1));
      item.reference = ck_session_dup_title (session);
      g_array_append_val (items, item);
    }
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE || ck_sqlite_set_error (error, storage->db, rc);
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

  if (!list_due_sessions (storage, years, &limit, cutoff_iso, items, error))
    return NULL;

  g_array_sort (items, compare_items);
  return g_steal_pointer (&items);
}

/* Erases what is past its term in one transaction. Called with the lock. */
static gboolean
apply_locked (CkStorage    *storage,
              const GDate  *today,
              Counts       *counts,
              GError      **error)
{
  g_autoptr(GArray) due = list_due (storage, today, 0, error);
  Counts n = { 0, 0 };

  *counts = n;
  if (due == NULL)
    return FALSE;
  if (due->len == 0)
    return TRUE;

  if (!ck_storage_begin (storage, error))
    return FALSE;

  for (guint i = 0; i < due->len; i++)
    {
      const CkRetentionItem *item = &g_array_index (due, CkRetentionItem, i);
      gboolean ok;

      if (item->session_id != 0)
        ok = ck_session_storage_erase_personal_data (storage, item->session_id, today, error);
      else
        ok = ck_case_storage_erase_personal_data (storage, item->case_id, today, error);
      if (!ok)
        {
          ck_storage_rollback (storage);
          return FALSE;
        }
      if (item->session_id != 0)
        n.n_sessions++;
      else
        n.n_cases++;
    }

  if (!ck_storage_commit (storage, error))
    return FALSE;

  /* As for an erased case: the zeroed pages go into the database file and
   * the WAL is emptied, so no earlier copy of the seals stays there. */
  sqlite3_wal_checkpoint_v2 (storage->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);

  *counts = n;
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
 *   cases and the sessions that still hold personal data and are past
 *   their term on @today (erase_on on or before @today) or will be within
 *   @within_days, soonest first (cases before sessions on the same day);
 *   %NULL with @error
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
 * @n_cases: (out) (optional): how many cases lost their personal data
 * @n_sessions: (out) (optional): how many sessions did
 *
 * Erases the personal data of every case and session past its term, in
 * one transaction with an audit entry ("personal_data_erased") for each.
 * Running it again erases nothing more. Call on the register's thread.
 */
gboolean
ck_retention_apply (CkRegister   *reg,
                    const GDate  *today,
                    guint        *n_cases,
                    guint        *n_sessions,
                    GError      **error)
{
  CkStorage *storage;
  Counts n = { 0, 0 };
  gboolean ok;

  g_return_val_if_fail (CK_IS_REGISTER (reg), FALSE);
  g_return_val_if_fail (today != NULL && ck_date_is_set (today), FALSE);

  storage = ck_register_acquire (reg);
  ok = apply_locked (storage, today, &n, error);
  ck_register_release (reg);

  if (ok && n.n_cases + n.n_sessions > 0)
    ck_register_emit_changed (reg);
  if (n_cases != NULL)
    *n_cases = n.n_cases;
  if (n_sessions != NULL)
    *n_sessions = n.n_sessions;
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
  g_autofree Counts *n = g_new0 (Counts, 1);
  CkStorage *storage;
  gboolean ok;
  GDate today;

  ck_date_set_today (&today);
  storage = ck_register_acquire (reg);
  ok = apply_locked (storage, &today, n, &error);
  ck_register_release (reg);

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&n), g_free);
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
                           guint         *n_cases,
                           guint         *n_sessions,
                           GError       **error)
{
  g_autofree Counts *n = NULL;

  g_return_val_if_fail (g_task_is_valid (result, reg), FALSE);

  n = g_task_propagate_pointer (G_TASK (result), error);
  if (n == NULL)
    return FALSE;

  if (n->n_cases + n->n_sessions > 0)
    ck_register_emit_changed (reg);
  if (n_cases != NULL)
    *n_cases = n->n_cases;
  if (n_sessions != NULL)
    *n_sessions = n->n_sessions;
  return TRUE;
}

/* Returns: (transfer full): "5 years", for people */
char *
ck_retention_format_years (int years)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d year", "%d years", years), years);
}

/* Returns: (transfer full): what the window and the command line say
 * after ck_retention_apply() erased @n_cases cases and @n_sessions
 * sessions (not both 0) */
char *
ck_retention_describe_erased (guint n_cases,
                              guint n_sessions,
                              int   years)
{
  g_autofree char *term = ck_retention_format_years (years);
  g_autofree char *cases = NULL;
  g_autofree char *sessions = NULL;

  if (n_sessions == 0)
    /* Translators: %u counts cases; %s is a term such as "5 years". */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Personal data of %u case was erased after the retention term of %s",
                                         "Personal data of %u cases was erased after the retention term of %s",
                                         n_cases),
                            n_cases, term);

  if (n_cases == 0)
    /* Translators: %u counts reflection sessions; %s is a term such as "5 years". */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Personal data of %u session was erased after the retention term of %s",
                                         "Personal data of %u sessions was erased after the retention term of %s",
                                         n_sessions),
                            n_sessions, term);

  /* Two counts in one sentence: each counted part has its own plural. */
  /* Translators: part of "Personal data of 3 cases and 1 session was erased…". */
  cases = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case", "%u cases", n_cases), n_cases);
  /* Translators: part of "Personal data of 3 cases and 1 session was erased…". */
  sessions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u session", "%u sessions", n_sessions), n_sessions);
  /* Translators: the first %s is e.g. "3 cases", the second "1 session",
   * the third a term such as "5 years". */
  return g_strdup_printf (_("Personal data of %s and %s was erased after the retention term of %s"),
                          cases, sessions, term);
}
