/* ck-session-storage.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "ck-audit.h"
#include "ck-crypto.h"
#include "ck-date.h"
#include "ck-error.h"
#include "ck-session-row.h"
#include "ck-session-storage.h"
#include "ck-shared-store.h"
#include "ck-sqlite.h"

/* Every sealed value of a session is bound by its context (the associated
 * data) to the session's uid and to its place in the session, so that a
 * value copied to another row or session fails to open. */

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

static char *
audit_reference (gint64 session_id)
{
  return g_strdup_printf ("session/%" G_GINT64_FORMAT, session_id);
}

static gboolean
audit (CkStorage   *storage,
       gint64       session_id,
       const char  *action,
       const char  *field,
       const char  *value,
       GError     **error)
{
  g_autofree char *reference = audit_reference (session_id);

  return ck_audit_append (storage, 0, reference, action, field, NULL, value, error);
}

/* Replaces *@field with a copy of @value (g_set_str() is newer than GLib 2.74). */
static void
replace_string (char       **field,
                const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*field);
  *field = copy;
}

/* The title of a lesson whose text the retention term erased: a lesson
 * needs one, and this one names nobody. */
#define ERASED_TITLE "—"

static gboolean
refuse_erased (GError **error)
{
  g_set_error_literal (error, CK_ERROR, CK_ERROR_INVALID,
                       _("The names and notes of this session were erased after the retention term "
                         "and cannot be entered again"));
  return FALSE;
}

static char *
key_context (const char *uid)
{
  return g_strconcat ("session-key/", uid, NULL);
}

static GBytes *
seal_text (const CkSecretKey *key,
           const char        *text,
           const char        *context)
{
  return ck_secret_key_seal (key, text, strlen (text), context);
}

/* Returns: (transfer full) (nullable): the data key of session @id, its
 * uid in @uid, and in @erased (nullable) whether the retention term erased
 * its personal data */
static CkSecretKey *
session_key (CkStorage  *storage,
             gint64      id,
             char      **uid,
             gboolean   *erased,
             GError    **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GBytes) wrapped = NULL;
  g_autofree char *context = NULL;
  int rc;

  if (!(stmt = ck_storage_prepare (storage,
                                   "SELECT uid, wrapped_key, personal_data_erased_on IS NOT NULL"
                                   " FROM sessions WHERE id = ?",
                                   error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        g_set_error_literal (error, CK_ERROR, CK_ERROR_NOT_FOUND, _("There is no such session"));
      else
        ck_sqlite_set_error (error, storage->db, rc);
      return NULL;
    }

  *uid = g_strdup (ck_sqlite_column_text (stmt, 0));
  wrapped = ck_sqlite_column_bytes (stmt, 1);
  if (erased != NULL)
    *erased = sqlite3_column_int (stmt, 2) != 0;
  sqlite3_reset (stmt);

  context = key_context (*uid);
  return ck_secret_key_unwrap (storage->key, wrapped, context, error);
}

static void
bind_date (sqlite3_stmt *stmt,
           int           index,
           const GDate  *date)
{
  g_autofree char *iso = ck_date_is_set (date) ? ck_date_to_iso (date) : NULL;

  ck_sqlite_bind_text (stmt, index, iso);
}

static void
column_date (sqlite3_stmt *stmt,
             int           column,
             GDate        *date)
{
  g_date_clear (date, 1);
  if (sqlite3_column_type (stmt, column) != SQLITE_NULL)
    ck_date_from_iso (date, ck_sqlite_column_text (stmt, column));
}

static char **
split_codes (const char *joined)
{
  if (joined == NULL || *joined == '\0')
    return g_new0 (char *, 1);

  return g_strsplit (joined, ",", -1);
}

/* Returns: (transfer full): the ids in the first column of @sql, run with
 * @session_id, as a set */
static GHashTable *
existing_ids (CkStorage   *storage,
              const char  *sql,
              gint64       session_id,
              GError     **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = ck_storage_prepare (storage, sql, error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, session_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 1);

      *id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_add (ids, id);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      ck_sqlite_set_error (error, storage->db, rc);
      return NULL;
    }

  return g_steal_pointer (&ids);
}

static gboolean
delete_by_id (CkStorage   *storage,
              const char  *sql,
              gint64       id,
              GError     **error)
{
  sqlite3_stmt *stmt = ck_storage_prepare (storage, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  return ck_sqlite_step_done (storage->db, stmt, error);
}

static gboolean
write_header (CkStorage         *storage,
              CkSession         *session,
              GBytes            *wrapped_key,
              GError           **error)
{
  sqlite3_stmt *stmt;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (wrapped_key != NULL)
    {
      stmt = ck_storage_prepare (storage,
                                 "INSERT INTO sessions (uid, unit, date, title, method, status, wrapped_key,"
                                 " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                 error);
      if (stmt == NULL)
        return FALSE;
      ck_sqlite_bind_text (stmt, 1, session->uid);
      ck_sqlite_bind_text (stmt, 2, session->unit);
      bind_date (stmt, 3, &session->date);
      ck_sqlite_bind_text (stmt, 4, session->title);
      ck_sqlite_bind_text (stmt, 5, session->method);
      ck_sqlite_bind_text (stmt, 6, session->status);
      ck_sqlite_bind_bytes (stmt, 7, wrapped_key);
      sqlite3_bind_int64 (stmt, 8, now);
      sqlite3_bind_int64 (stmt, 9, now);
      if (!ck_sqlite_step_done (storage->db, stmt, error))
        return FALSE;

      session->id = sqlite3_last_insert_rowid (storage->db);
      session->created_at = now;
    }
  else
    {
      stmt = ck_storage_prepare (storage,
                                 "UPDATE sessions SET date = ?, title = ?, method = ?, status = ?, updated_at = ?"
                                 " WHERE id = ? AND deleted_at IS NULL",
                                 error);
      if (stmt == NULL)
        return FALSE;
      bind_date (stmt, 1, &session->date);
      ck_sqlite_bind_text (stmt, 2, session->title);
      ck_sqlite_bind_text (stmt, 3, session->method);
      ck_sqlite_bind_text (stmt, 4, session->status);
      sqlite3_bind_int64 (stmt, 5, now);
      sqlite3_bind_int64 (stmt, 6, session->id);
      if (!ck_sqlite_step_done (storage->db, stmt, error))
        return FALSE;
      if (sqlite3_changes (storage->db) == 0)
        {
          g_set_error_literal (error, CK_ERROR, CK_ERROR_NOT_FOUND, _("There is no such session"));
          return FALSE;
        }
    }

  session->updated_at = now;
  return TRUE;
}

static char *
participant_context (const char *uid,
                     guint       position)
{
  return g_strdup_printf ("%s/participant/%u", uid, position);
}

/* Participants and patterns have no identity of their own: they are
 * written anew each time. */
static gboolean
write_participants (CkStorage          *storage,
                    CkSession          *session,
                    const CkSecretKey  *key,
                    GError            **error)
{
  sqlite3_stmt *stmt;

  if (!delete_by_id (storage, "DELETE FROM session_participants WHERE session_id = ?", session->id, error))
    return FALSE;

  if (!(stmt = ck_storage_prepare (storage,
                                   "INSERT INTO session_participants (session_id, position, role, name)"
                                   " VALUES (?, ?, ?, ?)",
                                   error)))
    return FALSE;

  for (guint i = 0; i < session->participants->len; i++)
    {
      CkParticipant *participant = session->participants->pdata[i];
      g_autoptr(GBytes) sealed = NULL;

      sqlite3_bind_int64 (stmt, 1, session->id);
      sqlite3_bind_int (stmt, 2, i);
      ck_sqlite_bind_text (stmt, 3, participant->role);
      if (participant->name != NULL && *participant->name != '\0')
        {
          g_autofree char *context = participant_context (session->uid, i);

          sealed = seal_text (key, participant->name, context);
          ck_sqlite_bind_bytes (stmt, 4, sealed);
        }
      else
        sqlite3_bind_null (stmt, 4);

      if (!ck_sqlite_step_done (storage->db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_patterns (CkStorage  *storage,
                CkSession  *session,
                GError    **error)
{
  sqlite3_stmt *stmt;

  if (!delete_by_id (storage, "DELETE FROM session_patterns WHERE session_id = ?", session->id, error))
    return FALSE;

  if (!(stmt = ck_storage_prepare (storage,
                                   "INSERT INTO session_patterns (session_id, position, tag) VALUES (?, ?, ?)",
                                   error)))
    return FALSE;

  for (guint i = 0; session->patterns[i] != NULL; i++)
    {
      sqlite3_bind_int64 (stmt, 1, session->id);
      sqlite3_bind_int (stmt, 2, i);
      ck_sqlite_bind_text (stmt, 3, session->patterns[i]);
      if (!ck_sqlite_step_done (storage->db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_items (CkStorage  *storage,
             CkSession  *session,
             GError    **error)
{
  g_autoptr(GHashTable) old = NULL;
  GHashTableIter iter;
  gpointer id;

  old = existing_ids (storage, "SELECT id FROM session_items WHERE session_id = ?", session->id, error);
  if (old == NULL)
    return FALSE;

  for (guint i = 0; i < session->items->len; i++)
    {
      CkAgendaItem *item = session->items->pdata[i];
      g_autofree char *reasons = g_strjoinv (",", item->reasons);
      gboolean update = item->id != 0 && g_hash_table_remove (old, &item->id);
      sqlite3_stmt *stmt;

      if (update)
        stmt = ck_storage_prepare (storage,
                                   "UPDATE session_items SET position = ?2, kind = ?3, case_id = ?4,"
                                   " theme_list = ?5, theme_code = ?6, description = ?7, filter = ?8,"
                                   " figure = ?9, reasons = ?10 WHERE id = ?1",
                                   error);
      else
        stmt = ck_storage_prepare (storage,
                                   "INSERT INTO session_items (session_id, position, kind, case_id, theme_list,"
                                   " theme_code, description, filter, figure, reasons)"
                                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                                   error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, update ? item->id : session->id);
      sqlite3_bind_int (stmt, 2, i);
      ck_sqlite_bind_text (stmt, 3, ck_agenda_kind_to_string (item->kind));
      if (item->kind == CK_AGENDA_CASE && item->case_id > 0)
        sqlite3_bind_int64 (stmt, 4, item->case_id);
      else
        sqlite3_bind_null (stmt, 4);
      ck_sqlite_bind_text (stmt, 5, item->theme_list);
      ck_sqlite_bind_text (stmt, 6, item->theme_code);
      ck_sqlite_bind_text (stmt, 7, item->description);
      ck_sqlite_bind_text (stmt, 8, item->filter);
      ck_sqlite_bind_text (stmt, 9, item->figure);
      ck_sqlite_bind_text (stmt, 10, reasons);
      if (!ck_sqlite_step_done (storage->db, stmt, error))
        return FALSE;

      if (!update)
        item->id = sqlite3_last_insert_rowid (storage->db);
    }

  /* Their notes go with them (ON DELETE CASCADE). */
  g_hash_table_iter_init (&iter, old);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    if (!delete_by_id (storage, "DELETE FROM session_items WHERE id = ?", *(gint64 *) id, error))
      return FALSE;

  return TRUE;
}

static char *
lesson_context (const char *uid,
                gint64      lesson_id)
{
  return g_strdup_printf ("%s/lesson/%" G_GINT64_FORMAT, uid, lesson_id);
}

/* The plaintext of a lesson: each non-empty field as its name and its
 * text, both NUL-terminated, as a case's confidential fields are. */
static GBytes *
seal_lesson (const CkSecretKey     *key,
             const char            *uid,
             const CkSessionLesson *lesson)
{
  g_autoptr(GByteArray) plain = g_byte_array_new ();
  g_autofree char *context = lesson_context (uid, lesson->id);
  const struct { const char *name; const char *value; } fields[] = {
    { "title", lesson->title }, { "text", lesson->text }, { "theme", lesson->theme },
  };
  GBytes *sealed;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (fields[i].value == NULL || *fields[i].value == '\0')
        continue;
      g_byte_array_append (plain, (const guint8 *) fields[i].name, strlen (fields[i].name) + 1);
      g_byte_array_append (plain, (const guint8 *) fields[i].value, strlen (fields[i].value) + 1);
    }

  if (plain->len == 0)
    return NULL;

  sealed = ck_secret_key_seal (key, plain->data, plain->len, context);
  sodium_memzero (plain->data, plain->len);
  return sealed;
}

static gboolean
open_lesson (const CkSecretKey  *key,
             const char         *uid,
             CkSessionLesson    *lesson,
             GBytes             *sealed,
             GError            **error)
{
  g_autofree char *context = NULL;
  g_autofree char *plain = NULL;
  gsize len, pos = 0;
  gboolean ok = TRUE;

  if (sealed == NULL)
    return TRUE;

  context = lesson_context (uid, lesson->id);
  plain = ck_secret_key_open_bytes (key, sealed, context, &len, error);
  if (plain == NULL)
    return FALSE;

  while (ok && pos < len)
    {
      const char *name = plain + pos;
      const char *value;

      pos += strlen (name) + 1;
      ok = pos < len;
      if (!ok)
        break;
      value = plain + pos;
      pos += strlen (value) + 1;
      ok = pos <= len && g_utf8_validate (value, -1, NULL);

      if (ok && g_str_equal (name, "title"))
        replace_string (&lesson->title, value);
      else if (ok && g_str_equal (name, "text"))
        replace_string (&lesson->text, value);
      else if (ok && g_str_equal (name, "theme"))
        replace_string (&lesson->theme, value);
    }

  sodium_memzero (plain, len);
  if (!ok)
    g_set_error_literal (error, CK_ERROR, CK_ERROR_CORRUPT, _("An encrypted value is damaged"));
  return ok;
}

/* Removes the released copy of a lesson, so that the next synchronisation
 * retracts it from the shared repository. */
static gboolean
retract_shared (CkStorage   *storage,
                gint64       session_id,
                const char  *shared_id,
                GError     **error)
{
  return ck_shared_store_remove_lesson (storage, shared_id, error) &&
         audit (storage, session_id, "withdrawn", "lesson", shared_id, error);
}

static gboolean
delete_lesson (CkStorage   *storage,
               gint64       session_id,
               gint64       lesson_id,
               GError     **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *shared_id = NULL;

  if (!(stmt = ck_storage_prepare (storage,
                                   "SELECT shared_id FROM session_lessons WHERE id = ? AND state = 'released'",
                                   error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, lesson_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    shared_id = g_strdup (ck_sqlite_column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (shared_id != NULL && !retract_shared (storage, session_id, shared_id, error))
    return FALSE;

  return delete_by_id (storage, "DELETE FROM session_lessons WHERE id = ?", lesson_id, error);
}

/* The text of a released lesson is what was checked and published; it
 * changes only by withdrawing and releasing it again, so an update leaves
 * it alone. */
static gboolean
write_lessons (CkStorage          *storage,
               CkSession          *session,
               const CkSecretKey  *key,
               GError            **error)
{
  g_autoptr(GHashTable) old = NULL;
  GHashTableIter iter;
  gpointer id;

  old = existing_ids (storage, "SELECT id FROM session_lessons WHERE session_id = ?", session->id, error);
  if (old == NULL)
    return FALSE;

  for (guint i = 0; i < session->lessons->len; i++)
    {
      CkSessionLesson *lesson = session->lessons->pdata[i];
      g_autofree char *grounds = g_strjoinv (",", lesson->grounds);
      g_autofree char *manifestations = g_strjoinv (",", lesson->manifestations);
      g_autoptr(GBytes) sealed = NULL;
      gboolean update = lesson->id != 0 && g_hash_table_remove (old, &lesson->id);
      sqlite3_stmt *stmt;

      if (!update)
        {
          if (!(stmt = ck_storage_prepare (storage,
                                           "INSERT INTO session_lessons (session_id, position, grounds,"
                                           " manifestations, state) VALUES (?, ?, '', '', 'draft')",
                                           error)))
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, session->id);
          sqlite3_bind_int (stmt, 2, i);
          if (!ck_sqlite_step_done (storage->db, stmt, error))
            return FALSE;
          lesson->id = sqlite3_last_insert_rowid (storage->db);
          lesson->state = CK_LESSON_DRAFT;
          g_clear_pointer (&lesson->shared_id, g_free);
          lesson->shared_rev = 0;
        }

      sealed = seal_lesson (key, session->uid, lesson);
      if (!(stmt = ck_storage_prepare (storage,
                                       "UPDATE session_lessons SET position = ?2,"
                                       " sealed = CASE state WHEN 'released' THEN sealed ELSE ?3 END,"
                                       " grounds = CASE state WHEN 'released' THEN grounds ELSE ?4 END,"
                                       " manifestations = CASE state WHEN 'released' THEN manifestations ELSE ?5 END"
                                       " WHERE id = ?1",
                                       error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, lesson->id);
      sqlite3_bind_int (stmt, 2, i);
      if (sealed != NULL)
        ck_sqlite_bind_bytes (stmt, 3, sealed);
      else
        sqlite3_bind_null (stmt, 3);
      ck_sqlite_bind_text (stmt, 4, grounds);
      ck_sqlite_bind_text (stmt, 5, manifestations);
      if (!ck_sqlite_step_done (storage->db, stmt, error))
        return FALSE;
    }

  g_hash_table_iter_init (&iter, old);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    if (!delete_lesson (storage, session->id, *(gint64 *) id, error))
      return FALSE;

  return TRUE;
}

static gboolean
write_actions (CkStorage  *storage,
               CkSession  *session,
               GError    **error)
{
  g_autoptr(GHashTable) old = NULL;
  GHashTableIter iter;
  gpointer id;

  old = existing_ids (storage, "SELECT id FROM session_actions WHERE session_id = ?", session->id, error);
  if (old == NULL)
    return FALSE;

  for (guint i = 0; i < session->actions->len; i++)
    {
      CkSessionAction *action = session->actions->pdata[i];
      gboolean update = action->id != 0 && g_hash_table_remove (old, &action->id);
      sqlite3_stmt *stmt;

      if (update)
        stmt = ck_storage_prepare (storage,
                                   "UPDATE session_actions SET position = ?2, description = ?3, owner_role = ?4,"
                                   " due_date = ?5, status = ?6 WHERE id = ?1",
                                   error);
      else
        stmt = ck_storage_prepare (storage,
                                   "INSERT INTO session_actions (session_id, position, description, owner_role,"
                                   " due_date, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                   error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, update ? action->id : session->id);
      sqlite3_bind_int (stmt, 2, i);
      ck_sqlite_bind_text (stmt, 3, action->description);
      ck_sqlite_bind_text (stmt, 4, action->owner_role);
      bind_date (stmt, 5, &action->due);
      ck_sqlite_bind_text (stmt, 6, ck_action_status_to_string (action->status));
      if (!ck_sqlite_step_done (storage->db, stmt, error))
        return FALSE;

      if (!update)
        action->id = sqlite3_last_insert_rowid (storage->db);
      action->session_id = session->id;
      action->session_date = session->date;
    }

  g_hash_table_iter_init (&iter, old);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    if (!delete_by_id (storage, "DELETE FROM session_actions WHERE id = ?", *(gint64 *) id, error))
      return FALSE;

  return TRUE;
}

static gboolean
write_children (CkStorage          *storage,
                CkSession          *session,
                const CkSecretKey  *key,
                GError            **error)
{
  return write_participants (storage, session, key, error) &&
         write_items (storage, session, error) &&
         write_patterns (storage, session, error) &&
         write_lessons (storage, session, key, error) &&
         write_actions (storage, session, error);
}

/**
 * ck_session_storage_insert:
 *
 * Stores a new session under a fresh uid and data key, with its notes,
 * whose item_id is the place of their item on the agenda (the items have
 * no ids yet). Sets the ids of the session and of everything in it.
 */
gboolean
ck_session_storage_insert (CkStorage  *storage,
                           CkSession  *session,
                           GError    **error)
{
  g_autoptr(CkSecretKey) key = NULL;
  g_autoptr(GBytes) wrapped = NULL;
  g_autofree char *context = NULL;

  if (!require_key (storage, error))
    return FALSE;

  g_free (session->uid);
  session->uid = ck_random_uid ();
  key = ck_secret_key_new_random ();
  context = key_context (session->uid);
  wrapped = ck_secret_key_wrap (storage->key, key, context);

  if (!write_header (storage, session, wrapped, error) ||
      !write_children (storage, session, key, error))
    return FALSE;

  /* Notes refer to items by id: before the insert, by their place. */
  for (guint i = 0; i < session->notes->len; i++)
    {
      CkSessionNote *note = session->notes->pdata[i];
      CkAgendaItem *item;

      if (note->item_id < 0 || (guint) note->item_id >= session->items->len)
        continue;
      item = session->items->pdata[note->item_id];
      note->item_id = item->id;
      if (!ck_session_storage_put_note (storage, note, FALSE, error))
        return FALSE;
    }

  return audit (storage, session->id, "created", NULL, NULL, error);
}

/**
 * ck_session_storage_update:
 *
 * Writes @session over the stored one: its header, participants, agenda,
 * patterns, lessons and actions, and the notes marked changed (of items
 * still on the agenda); the other notes are left as they are stored. An
 * item that is no longer on the agenda takes its notes with it.
 */
gboolean
ck_session_storage_update (CkStorage  *storage,
                           CkSession  *session,
                           GError    **error)
{
  g_autoptr(CkSecretKey) key = NULL;
  g_autofree char *uid = NULL;
  gboolean erased = FALSE;

  if (!require_key (storage, error))
    return FALSE;

  if (!session->has_confidential)
    {
      g_set_error_literal (error, CK_ERROR, CK_ERROR_INVALID,
                           _("A session loaded without its confidential values cannot be saved"));
      return FALSE;
    }

  key = session_key (storage, session->id, &uid, &erased, error);
  if (key == NULL)
    return FALSE;
  replace_string (&session->uid, uid);

  /* Names past their term do not come back; the form of an erased
   * session holds none, so saving it works. */
  if (erased)
    for (guint i = 0; i < session->participants->len; i++)
      {
        const CkParticipant *participant = session->participants->pdata[i];

        if (participant->name != NULL && *participant->name != '\0')
          return refuse_erased (error);
      }

  if (!write_header (storage, session, NULL, error) ||
      !write_children (storage, session, key, error))
    return FALSE;

  for (guint i = 0; i < session->notes->len; i++)
    {
      CkSessionNote *note = session->notes->pdata[i];

      if (note->changed && ck_session_find_item (session, note->item_id) != NULL)
        {
          if (!ck_session_storage_put_note (storage, note, FALSE, error))
            return FALSE;
          note->changed = FALSE;
        }
    }

  return audit (storage, session->id, "changed", NULL, NULL, error);
}

static gboolean
read_participants (CkStorage          *storage,
                   CkSession          *session,
                   const CkSecretKey  *key,
                   GError            **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = ck_storage_prepare (storage,
                                   "SELECT position, role, name FROM session_participants"
                                   " WHERE session_id = ? ORDER BY position",
                                   error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, session->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CkParticipant *participant = ck_participant_new (ck_sqlite_column_text (stmt, 1), NULL);
      g_autoptr(GBytes) sealed = ck_sqlite_column_bytes (stmt, 2);

      g_ptr_array_add (session->participants, participant);
      if (key != NULL && sealed != NULL)
        {
          g_autofree char *context = participant_context (session->uid, sqlite3_column_int (stmt, 0));

          participant->name = ck_secret_key_open_string (key, sealed, context, error);
          if (participant->name == NULL)
            {
              sqlite3_reset (stmt);
              return FALSE;
            }
        }
    }
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE || ck_sqlite_set_error (error, storage->db, rc);
}

static gboolean
read_items (CkStorage  *storage,
            CkSession  *session,
            GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = ck_storage_prepare (storage,
                                   "SELECT i.id, i.kind, i.case_id, c.reference, i.theme_list, i.theme_code,"
                                   " i.description, i.filter, i.figure, i.reasons"
                                   " FROM session_items i LEFT JOIN cases c ON c.id = i.case_id"
                                   " WHERE i.session_id = ? ORDER BY i.position",
                                   error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, session->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CkAgendaKind kind = CK_AGENDA_PATTERN;
      CkAgendaItem *item;

      /* An item of a kind this version does not know shows as a pattern
       * with its description. */
      ck_agenda_kind_from_string (ck_sqlite_column_text (stmt, 1), &kind);
      item = ck_agenda_item_new (kind);
      item->id = sqlite3_column_int64 (stmt, 0);
      item->case_id = sqlite3_column_int64 (stmt, 2);
      item->case_reference = g_strdup (ck_sqlite_column_text (stmt, 3));
      item->theme_list = g_strdup (ck_sqlite_column_text (stmt, 4));
      item->theme_code = g_strdup (ck_sqlite_column_text (stmt, 5));
      item->description = g_strdup (ck_sqlite_column_text (stmt, 6));
      item->filter = g_strdup (ck_sqlite_column_text (stmt, 7));
      item->figure = g_strdup (ck_sqlite_column_text (stmt, 8));
      g_strfreev (item->reasons);
      item->reasons = split_codes (ck_sqlite_column_text (stmt, 9));
      g_ptr_array_add (session->items, item);
    }
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE || ck_sqlite_set_error (error, storage->db, rc);
}

static char *
note_context (const char *uid,
              gint64      item_id,
              const char *step)
{
  return g_strdup_printf ("%s/note/%" G_GINT64_FORMAT "/%s", uid, item_id, step);
}

static gboolean
read_notes (CkStorage          *storage,
            CkSession          *session,
            const CkSecretKey  *key,
            GError            **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = ck_storage_prepare (storage,
                                   "SELECT n.item_id, n.step, n.about_person, n.sealed FROM session_notes n"
                                   " JOIN session_items i ON i.id = n.item_id"
                                   " WHERE i.session_id = ? ORDER BY i.position, n.step",
                                   error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, session->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 item_id = sqlite3_column_int64 (stmt, 0);
      const char *step = ck_sqlite_column_text (stmt, 1);
      g_autoptr(GBytes) sealed = ck_sqlite_column_bytes (stmt, 3);
      g_autofree char *context = note_context (session->uid, item_id, step);
      CkSessionNote *note = ck_session_note_new (item_id, step, NULL);

      note->about_person = sqlite3_column_int (stmt, 2) != 0;
      g_ptr_array_add (session->notes, note);
      note->text = ck_secret_key_open_string (key, sealed, context, error);
      if (note->text == NULL)
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE || ck_sqlite_set_error (error, storage->db, rc);
}

static gboolean
read_patterns (CkStorage  *storage,
               CkSession  *session,
               GError    **error)
{
  g_autoptr(GStrvBuilder) tags = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = ck_storage_prepare (storage,
                                   "SELECT tag FROM session_patterns WHERE session_id = ? ORDER BY position",
                                   error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, session->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (tags, ck_sqlite_column_text (stmt, 0));
  sqlite3_reset (stmt);

  g_strfreev (session->patterns);
  session->patterns = g_strv_builder_end (tags);

  return rc == SQLITE_DONE || ck_sqlite_set_error (error, storage->db, rc);
}

#define LESSON_COLUMNS "id, grounds, manifestations, state, shared_id, shared_rev, sealed"

static CkSessionLesson *
read_lesson_row (sqlite3_stmt  *stmt,
                 GBytes       **sealed)
{
  CkSessionLesson *lesson = ck_session_lesson_new ();

  lesson->id = sqlite3_column_int64 (stmt, 0);
  g_strfreev (lesson->grounds);
  lesson->grounds = split_codes (ck_sqlite_column_text (stmt, 1));
  g_strfreev (lesson->manifestations);
  lesson->manifestations = split_codes (ck_sqlite_column_text (stmt, 2));
  ck_lesson_state_from_string (ck_sqlite_column_text (stmt, 3), &lesson->state);
  lesson->shared_id = g_strdup (ck_sqlite_column_text (stmt, 4));
  lesson->shared_rev = sqlite3_column_int (stmt, 5);
  *sealed = ck_sqlite_column_bytes (stmt, 6);
  return lesson;
}

static gboolean
read_lessons (CkStorage          *storage,
              CkSession          *session,
              const CkSecretKey  *key,
              GError            **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = ck_storage_prepare (storage,
                                   "SELECT " LESSON_COLUMNS " FROM session_lessons"
                                   " WHERE session_id = ? ORDER BY position",
                                   error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, session->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GBytes) sealed = NULL;
      CkSessionLesson *lesson = read_lesson_row (stmt, &sealed);

      g_ptr_array_add (session->lessons, lesson);
      if (key != NULL && !open_lesson (key, session->uid, lesson, sealed, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE || ck_sqlite_set_error (error, storage->db, rc);
}

#define ACTION_SELECT \
  "SELECT a.id, a.session_id, s.date, a.description, a.owner_role, a.due_date, a.status" \
  " FROM session_actions a JOIN sessions s ON s.id = a.session_id"

static CkSessionAction *
read_action_row (sqlite3_stmt *stmt)
{
  CkSessionAction *action = ck_session_action_new (ck_sqlite_column_text (stmt, 3),
                                                   ck_sqlite_column_text (stmt, 4),
                                                   NULL);

  action->id = sqlite3_column_int64 (stmt, 0);
  action->session_id = sqlite3_column_int64 (stmt, 1);
  column_date (stmt, 2, &action->session_date);
  column_date (stmt, 5, &action->due);
  ck_action_status_from_string (ck_sqlite_column_text (stmt, 6), &action->status);
  return action;
}

static gboolean
read_actions (CkStorage  *storage,
              CkSession  *session,
              GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = ck_storage_prepare (storage, ACTION_SELECT " WHERE a.session_id = ? ORDER BY a.position", error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, session->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (session->actions, read_action_row (stmt));
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE || ck_sqlite_set_error (error, storage->db, rc);
}

/**
 * ck_session_storage_load:
 * @with_confidential: also open the participants' names, the notes and
 *   the lessons' texts
 *
 * Returns: (transfer full) (nullable): the session, or %NULL with @error
 *   (CK_ERROR_NOT_FOUND when there is none, or it is in the bin)
 */
CkSession *
ck_session_storage_load (CkStorage  *storage,
                         gint64      id,
                         gboolean    with_confidential,
                         GError    **error)
{
  g_autoptr(CkSession) session = NULL;
  g_autoptr(CkSecretKey) key = NULL;
  g_autoptr(GBytes) wrapped = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!require_key (storage, error))
    return NULL;

  if (!(stmt = ck_storage_prepare (storage,
                                   "SELECT uid, unit, date, title, method, status, wrapped_key, created_at, updated_at,"
                                   " personal_data_erased_on FROM sessions WHERE id = ? AND deleted_at IS NULL",
                                   error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        g_set_error_literal (error, CK_ERROR, CK_ERROR_NOT_FOUND, _("There is no such session"));
      else
        ck_sqlite_set_error (error, storage->db, rc);
      return NULL;
    }

  session = ck_session_new ();
  session->id = id;
  session->uid = g_strdup (ck_sqlite_column_text (stmt, 0));
  session->unit = g_strdup (ck_sqlite_column_text (stmt, 1));
  column_date (stmt, 2, &session->date);
  session->title = g_strdup (ck_sqlite_column_text (stmt, 3));
  session->method = g_strdup (ck_sqlite_column_text (stmt, 4));
  replace_string (&session->status, ck_sqlite_column_text (stmt, 5));
  wrapped = ck_sqlite_column_bytes (stmt, 6);
  session->created_at = sqlite3_column_int64 (stmt, 7);
  session->updated_at = sqlite3_column_int64 (stmt, 8);
  column_date (stmt, 9, &session->personal_data_erased_on);
  sqlite3_reset (stmt);

  if (with_confidential)
    {
      g_autofree char *context = key_context (session->uid);

      key = ck_secret_key_unwrap (storage->key, wrapped, context, error);
      if (key == NULL)
        return NULL;
    }

  if (!read_participants (storage, session, key, error) ||
      !read_items (storage, session, error) ||
      (with_confidential && !read_notes (storage, session, key, error)) ||
      !read_patterns (storage, session, error) ||
      !read_lessons (storage, session, key, error) ||
      !read_actions (storage, session, error))
    return NULL;

  session->has_confidential = with_confidential;
  return g_steal_pointer (&session);
}

/* Returns: (transfer full) (element-type CkSessionRow): every session not
 * in the bin, the latest first */
GPtrArray *
ck_session_storage_list_rows (CkStorage  *storage,
                              GError    **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = ck_storage_prepare (storage,
                                   "SELECT s.id, s.date, s.title, s.method, s.status,"
                                   " (SELECT COUNT(*) FROM session_items i WHERE i.session_id = s.id),"
                                   " (SELECT COUNT(*) FROM session_actions a WHERE a.session_id = s.id"
                                   "  AND a.status = 'open')"
                                   " FROM sessions s WHERE s.deleted_at IS NULL ORDER BY s.date DESC, s.id DESC",
                                   error)))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GDate date;

      column_date (stmt, 1, &date);
      g_ptr_array_add (rows, ck_session_row_new (sqlite3_column_int64 (stmt, 0), &date,
                                                 ck_sqlite_column_text (stmt, 2),
                                                 ck_sqlite_column_text (stmt, 3),
                                                 ck_sqlite_column_text (stmt, 4),
                                                 sqlite3_column_int (stmt, 5),
                                                 sqlite3_column_int (stmt, 6)));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      ck_sqlite_set_error (error, storage->db, rc);
      return NULL;
    }

  return g_steal_pointer (&rows);
}

/* Moves session @id into the bin, or back out of it. */
gboolean
ck_session_storage_set_deleted (CkStorage  *storage,
                                gint64      id,
                                gboolean    deleted,
                                GError    **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = ck_storage_prepare (storage,
                                   "UPDATE sessions SET deleted_at = ?2 WHERE id = ?1"
                                   " AND (deleted_at IS NULL) = (?2 IS NOT NULL)",
                                   error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (deleted)
    sqlite3_bind_int64 (stmt, 2, g_get_real_time () / G_USEC_PER_SEC);
  else
    sqlite3_bind_null (stmt, 2);
  if (!ck_sqlite_step_done (storage->db, stmt, error))
    return FALSE;

  if (sqlite3_changes (storage->db) == 0)
    {
      g_set_error_literal (error, CK_ERROR, CK_ERROR_NOT_FOUND, _("There is no such session"));
      return FALSE;
    }

  return audit (storage, id, deleted ? "deleted" : "restored", NULL, NULL, error);
}

/**
 * ck_session_storage_erase:
 *
 * Deletes session @id for good: its key, names, notes and everything
 * else. Its released lessons are withdrawn.
 */
gboolean
ck_session_storage_erase (CkStorage  *storage,
                          gint64      id,
                          GError    **error)
{
  g_autoptr(GPtrArray) shared = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = ck_storage_prepare (storage,
                                   "SELECT shared_id FROM session_lessons WHERE session_id = ? AND state = 'released'",
                                   error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (shared, g_strdup (ck_sqlite_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return ck_sqlite_set_error (error, storage->db, rc);

  for (guint i = 0; i < shared->len; i++)
    if (!retract_shared (storage, id, shared->pdata[i], error))
      return FALSE;

  return delete_by_id (storage, "DELETE FROM sessions WHERE id = ?", id, error) &&
         audit (storage, id, "erased", NULL, NULL, error);
}

/**
 * ck_session_storage_erase_personal_data:
 * @today: the day to record as the day of erasure
 *
 * What the retention term takes of session @id: its participants' names,
 * its notes and the texts of its lessons that are not released (a draft
 * may name someone). The session gets a fresh data key in place of the
 * old one, so that no leftover copy of the old values (in a backup, say)
 * can be opened with a key the register still holds; the released
 * lessons' own copies, which passed the text check, are sealed anew under
 * it. Date, method, agenda, patterns, actions and every lesson's row and
 * codes stay: a lesson whose text went keeps the title ERASED_TITLE, so
 * that the session stays valid and can be saved. The caller checkpoints
 * the WAL after the transaction, as for ck_session_storage_erase().
 */
gboolean
ck_session_storage_erase_personal_data (CkStorage    *storage,
                                        gint64        id,
                                        const GDate  *today,
                                        GError      **error)
{
  g_autoptr(CkSecretKey) old_key = NULL;
  g_autoptr(CkSecretKey) new_key = NULL;
  g_autoptr(GBytes) wrapped = NULL;
  g_autoptr(GPtrArray) lessons = g_ptr_array_new_with_free_func ((GDestroyNotify) ck_session_lesson_free);
  g_autofree char *uid = NULL;
  g_autofree char *context = NULL;
  g_autofree char *today_iso = ck_date_to_iso (today);
  sqlite3_stmt *stmt;
  int rc;

  if (!require_key (storage, error) ||
      !(old_key = session_key (storage, id, &uid, NULL, error)))
    return FALSE;

  if (!(stmt = ck_storage_prepare (storage,
                                   "SELECT " LESSON_COLUMNS " FROM session_lessons WHERE session_id = ?",
                                   error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GBytes) sealed = NULL;
      CkSessionLesson *lesson = read_lesson_row (stmt, &sealed);

      g_ptr_array_add (lessons, lesson);
      if (lesson->state != CK_LESSON_RELEASED)
        lesson->title = g_strdup (ERASED_TITLE);
      else if (!open_lesson (old_key, uid, lesson, sealed, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return ck_sqlite_set_error (error, storage->db, rc);

  new_key = ck_secret_key_new_random ();
  context = key_context (uid);
  wrapped = ck_secret_key_wrap (storage->key, new_key, context);

  /* updated_at stays: nothing that is counted or shown to others changed. */
  if (!(stmt = ck_storage_prepare (storage,
                                   "UPDATE sessions SET wrapped_key = ?, personal_data_erased_on = ? WHERE id = ?",
                                   error)))
    return FALSE;
  ck_sqlite_bind_bytes (stmt, 1, wrapped);
  ck_sqlite_bind_text (stmt, 2, today_iso);
  sqlite3_bind_int64 (stmt, 3, id);
  if (!ck_sqlite_step_done (storage->db, stmt, error))
    return FALSE;

  if (!delete_by_id (storage, "UPDATE session_participants SET name = NULL WHERE session_id = ?", id, error) ||
      !delete_by_id (storage,
                     "DELETE FROM session_notes WHERE item_id IN (SELECT id FROM session_items WHERE session_id = ?)",
                     id, error))
    return FALSE;

  /* A draft or withdrawn lesson keeps its row and codes, which are
   * counted and say what it was about; only its text goes. */
  for (guint i = 0; i < lessons->len; i++)
    {
      const CkSessionLesson *lesson = lessons->pdata[i];
      g_autoptr(GBytes) sealed = seal_lesson (new_key, uid, lesson);

      if (!(stmt = ck_storage_prepare (storage, "UPDATE session_lessons SET sealed = ? WHERE id = ?", error)))
        return FALSE;
      if (sealed != NULL)
        ck_sqlite_bind_bytes (stmt, 1, sealed);
      else
        sqlite3_bind_null (stmt, 1);
      sqlite3_bind_int64 (stmt, 2, lesson->id);
      if (!ck_sqlite_step_done (storage->db, stmt, error))
        return FALSE;
    }

  return audit (storage, id, "personal_data_erased", NULL, NULL, error);
}

/* Returns: (transfer full) (element-type gint64): the sessions in the bin
 * since before @older_than (unix seconds) */
GArray *
ck_session_storage_list_deleted (CkStorage  *storage,
                                 gint64      older_than,
                                 GError    **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = ck_storage_prepare (storage,
                                   "SELECT id FROM sessions WHERE deleted_at IS NOT NULL AND deleted_at < ?",
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

/* Returns: the session that agenda item @item_id belongs to, 0 when there
 * is none */
static gint64
item_session (CkStorage  *storage,
              gint64      item_id,
              GError    **error)
{
  sqlite3_stmt *stmt = ck_storage_prepare (storage,
                                           "SELECT session_id FROM session_items WHERE id = ?",
                                           error);
  gint64 session_id = 0;

  if (stmt == NULL)
    return -1;

  sqlite3_bind_int64 (stmt, 1, item_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    session_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (session_id == 0)
    g_set_error_literal (error, CK_ERROR, CK_ERROR_NOT_FOUND,
                         _("This agenda item is no longer on the session’s agenda"));
  return session_id;
}

/**
 * ck_session_storage_put_note:
 * @append: add @note's text after the stored note of the same step
 *   instead of replacing it
 *
 * Writes the note of one step of one agenda item, sealed. A note with an
 * empty text is removed.
 */
gboolean
ck_session_storage_put_note (CkStorage            *storage,
                             const CkSessionNote  *note,
                             gboolean              append,
                             GError              **error)
{
  g_autoptr(CkSecretKey) key = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *context = NULL;
  g_autofree char *text = NULL;
  gboolean about_person = note->about_person;
  gboolean erased = FALSE;
  gint64 session_id;
  sqlite3_stmt *stmt;

  if (!require_key (storage, error))
    return FALSE;

  session_id = item_session (storage, note->item_id, error);
  if (session_id <= 0 || !(key = session_key (storage, session_id, &uid, &erased, error)))
    return FALSE;
  if (erased && note->text != NULL && *note->text != '\0')
    return refuse_erased (error);

  context = note_context (uid, note->item_id, note->step);
  text = g_strdup (note->text != NULL ? note->text : "");

  if (append)
    {
      g_autoptr(GBytes) old_sealed = NULL;

      if (!(stmt = ck_storage_prepare (storage,
                                       "SELECT sealed, about_person FROM session_notes WHERE item_id = ? AND step = ?",
                                       error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, note->item_id);
      ck_sqlite_bind_text (stmt, 2, note->step);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          old_sealed = ck_sqlite_column_bytes (stmt, 0);
          about_person = about_person || sqlite3_column_int (stmt, 1) != 0;
        }
      sqlite3_reset (stmt);

      if (old_sealed != NULL)
        {
          g_autofree char *old = ck_secret_key_open_string (key, old_sealed, context, error);
          char *joined;

          if (old == NULL)
            return FALSE;
          joined = *text != '\0' ? g_strconcat (old, "\n", text, NULL) : g_strdup (old);
          sodium_memzero (old, strlen (old));
          sodium_memzero (text, strlen (text));
          g_free (text);
          text = joined;
        }
    }

  if (*text == '\0')
    {
      if (!(stmt = ck_storage_prepare (storage, "DELETE FROM session_notes WHERE item_id = ? AND step = ?", error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, note->item_id);
      ck_sqlite_bind_text (stmt, 2, note->step);
      return ck_sqlite_step_done (storage->db, stmt, error);
    }

  sealed = seal_text (key, text, context);
  sodium_memzero (text, strlen (text));

  if (!(stmt = ck_storage_prepare (storage,
                                   "INSERT OR REPLACE INTO session_notes (item_id, step, about_person, sealed, updated_at)"
                                   " VALUES (?, ?, ?, ?, ?)",
                                   error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, note->item_id);
  ck_sqlite_bind_text (stmt, 2, note->step);
  sqlite3_bind_int (stmt, 3, about_person ? 1 : 0);
  ck_sqlite_bind_bytes (stmt, 4, sealed);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time () / G_USEC_PER_SEC);

  /* The log says that a note changed, never what it says. */
  return ck_sqlite_step_done (storage->db, stmt, error) &&
         audit (storage, session_id, "changed", "note", NULL, error);
}

/**
 * ck_session_storage_list_open_actions:
 * @before: (nullable): only of sessions held before this date
 * @due_by: (nullable): only those with a due date on or before this one
 *
 * Returns: (transfer full) (element-type CkSessionAction): the open
 *   actions of the sessions not in the bin, by due date (those without
 *   one last), then by session and place
 */
GPtrArray *
ck_session_storage_list_open_actions (CkStorage    *storage,
                                      const GDate  *before,
                                      const GDate  *due_by,
                                      GError      **error)
{
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func ((GDestroyNotify) ck_session_action_free);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = ck_storage_prepare (storage,
                                   ACTION_SELECT
                                   " WHERE a.status = 'open' AND s.deleted_at IS NULL"
                                   " AND (?1 IS NULL OR s.date < ?1)"
                                   " AND (?2 IS NULL OR a.due_date <= ?2)"
                                   " ORDER BY a.due_date IS NULL, a.due_date, s.date, a.position",
                                   error)))
    return NULL;

  bind_date (stmt, 1, before);
  bind_date (stmt, 2, due_by);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (actions, read_action_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      ck_sqlite_set_error (error, storage->db, rc);
      return NULL;
    }

  return g_steal_pointer (&actions);
}

gboolean
ck_session_storage_set_action_status (CkStorage       *storage,
                                      gint64           action_id,
                                      CkActionStatus   status,
                                      GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 session_id = 0;

  if (!(stmt = ck_storage_prepare (storage, "SELECT session_id FROM session_actions WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, action_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    session_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (session_id == 0)
    {
      g_set_error_literal (error, CK_ERROR, CK_ERROR_NOT_FOUND, _("There is no such action"));
      return FALSE;
    }

  if (!(stmt = ck_storage_prepare (storage, "UPDATE session_actions SET status = ? WHERE id = ?", error)))
    return FALSE;
  ck_sqlite_bind_text (stmt, 1, ck_action_status_to_string (status));
  sqlite3_bind_int64 (stmt, 2, action_id);

  return ck_sqlite_step_done (storage->db, stmt, error) &&
         audit (storage, session_id, "changed", "action", ck_action_status_to_string (status), error);
}

/* Returns: (transfer full) (nullable): lesson @lesson_id with its texts */
CkSessionLesson *
ck_session_storage_load_lesson (CkStorage  *storage,
                                gint64      lesson_id,
                                GError    **error)
{
  g_autoptr(CkSessionLesson) lesson = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(CkSecretKey) key = NULL;
  g_autofree char *uid = NULL;
  gint64 session_id = 0;
  sqlite3_stmt *stmt;

  if (!require_key (storage, error))
    return NULL;

  if (!(stmt = ck_storage_prepare (storage,
                                   "SELECT " LESSON_COLUMNS ", session_id FROM session_lessons WHERE id = ?",
                                   error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, lesson_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      lesson = read_lesson_row (stmt, &sealed);
      session_id = sqlite3_column_int64 (stmt, 7);
    }
  sqlite3_reset (stmt);

  if (lesson == NULL)
    {
      g_set_error_literal (error, CK_ERROR, CK_ERROR_NOT_FOUND, _("There is no such lesson"));
      return NULL;
    }

  key = session_key (storage, session_id, &uid, NULL, error);
  if (key == NULL || !open_lesson (key, uid, lesson, sealed, error))
    return NULL;

  return g_steal_pointer (&lesson);
}

/* Records a release or withdrawal of lesson @lesson_id; the caller writes
 * or removes the shared copy in the same transaction. */
gboolean
ck_session_storage_set_lesson_state (CkStorage       *storage,
                                     gint64           lesson_id,
                                     CkLessonState    state,
                                     const char      *shared_id,
                                     guint            shared_rev,
                                     GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 session_id = 0;

  if (!(stmt = ck_storage_prepare (storage, "SELECT session_id FROM session_lessons WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, lesson_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    session_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (session_id == 0)
    {
      g_set_error_literal (error, CK_ERROR, CK_ERROR_NOT_FOUND, _("There is no such lesson"));
      return FALSE;
    }

  if (!(stmt = ck_storage_prepare (storage,
                                   "UPDATE session_lessons SET state = ?, shared_id = ?, shared_rev = ? WHERE id = ?",
                                   error)))
    return FALSE;
  ck_sqlite_bind_text (stmt, 1, ck_lesson_state_to_string (state));
  ck_sqlite_bind_text (stmt, 2, shared_id);
  sqlite3_bind_int (stmt, 3, shared_rev);
  sqlite3_bind_int64 (stmt, 4, lesson_id);

  return ck_sqlite_step_done (storage->db, stmt, error) &&
         (state != CK_LESSON_RELEASED || audit (storage, session_id, "released", "lesson", shared_id, error));
}

/**
 * ck_session_storage_get_previous_date:
 *
 * Sets @date to the date of the latest session before @before, or clears
 * it when there is none.
 */
gboolean
ck_session_storage_get_previous_date (CkStorage    *storage,
                                      const GDate  *before,
                                      GDate        *date,
                                      GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = ck_storage_prepare (storage,
                                   "SELECT MAX(date) FROM sessions WHERE date < ? AND deleted_at IS NULL",
                                   error)))
    return FALSE;

  bind_date (stmt, 1, before);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    column_date (stmt, 0, date);
  sqlite3_reset (stmt);

  return rc == SQLITE_ROW || ck_sqlite_set_error (error, storage->db, rc);
}
