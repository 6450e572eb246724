/* ck-sessions.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ck-attention.h"
#include "ck-crypto.h"
#include "ck-date.h"
#include "ck-error.h"
#include "ck-lesson-row.h"
#include "ck-methods.h"
#include "ck-register.h"
#include "ck-session-stats.h"
#include "ck-session-storage.h"
#include "ck-session-suggest.h"
#include "ck-sessions.h"
#include "ck-shared-store.h"
#include "ck-vocabulary.h"

/* Sessions in the bin this long before emptying it erases them: undo lasts
 * as long as its notification, this only catches a crash in between. */
#define BIN_GRACE_SECONDS 60

/* LOCKED_STORAGE (reg) declares `storage` and holds the register until the
 * end of the enclosing block. */
typedef CkRegister CkSessionsGuard;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CkSessionsGuard, ck_register_release)
#define LOCKED_STORAGE(reg) \
  CkStorage *storage = ck_register_acquire (reg); \
  G_GNUC_UNUSED g_autoptr(CkSessionsGuard) _guard = (reg)

static gboolean
require_unlocked (CkStorage  *storage,
                  GError    **error)
{
  if (storage->key != NULL)
    return TRUE;

  g_set_error_literal (error, CK_ERROR, CK_ERROR_LOCKED,
                       _("The register is locked. Enter the passphrase first."));
  return FALSE;
}

static gboolean
is_valid_role (const char *role)
{
  GPtrArray *roles = ck_methods_get_roles (ck_methods_get_default ());

  for (guint i = 0; role != NULL && i < roles->len; i++)
    if (g_str_equal (((CkSessionRole *) roles->pdata[i])->id, role))
      return TRUE;

  return FALSE;
}

static gboolean
are_valid_codes (CkVocabulary *vocabulary,
                 const char   *list,
                 char * const *codes)
{
  for (guint i = 0; codes[i] != NULL; i++)
    if (ck_vocabulary_lookup (vocabulary, list, codes[i]) == NULL)
      return FALSE;

  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;

  return TRUE;
}

static gboolean
validate_item (CkStorage           *storage,
               const CkAgendaItem  *item,
               GError             **error)
{
  switch (item->kind)
    {
    case CK_AGENDA_CASE:
      /* An item stays when its case was erased, but a new one needs one. */
      if (item->case_id > 0 || item->id != 0)
        return TRUE;
      g_set_error_literal (error, CK_ERROR, CK_ERROR_INVALID, _("A case on the agenda must be a case of the register"));
      return FALSE;

    case CK_AGENDA_THEME:
      if (g_strcmp0 (item->theme_list, CK_THEME_TEAM) == 0 ? !is_blank (item->theme_code)
          : ck_vocabulary_lookup (storage->vocabulary, item->theme_list, item->theme_code) != NULL)
        return TRUE;
      g_set_error_literal (error, CK_ERROR, CK_ERROR_INVALID,
                           _("A theme on the agenda must be a ground, a manifestation, a channel or a team"));
      return FALSE;

    case CK_AGENDA_PATTERN:
      if (!is_blank (item->description))
        return TRUE;
      g_set_error_literal (error, CK_ERROR, CK_ERROR_INVALID, _("Describe the pattern on the agenda"));
      return FALSE;

    default:
      g_assert_not_reached ();
    }
}

/* Refuses what a person can get wrong, in words they understand. */
static gboolean
validate (CkStorage        *storage,
          const CkSession  *session,
          GError          **error)
{
  if (!ck_date_is_set (&session->date))
    {
      ck_set_field_error (error, "date", _("Give the session a date"));
      return FALSE;
    }

  if (ck_methods_lookup (ck_methods_get_default (), session->method) == NULL)
    {
      ck_set_field_error (error, "method", _("Choose one of the methods"));
      return FALSE;
    }

  if (g_strcmp0 (session->status, CK_SESSION_PLANNED) != 0 && g_strcmp0 (session->status, CK_SESSION_HELD) != 0)
    {
      ck_set_field_error (error, "status", _("A session is planned or held"));
      return FALSE;
    }

  if (g_strcmp0 (session->unit, storage->unit) != 0)
    {
      ck_set_field_error (error, "unit", _("This register holds the sessions of unit %s, not of %s"),
                          storage->unit, session->unit);
      return FALSE;
    }

  for (guint i = 0; i < session->participants->len; i++)
    if (!is_valid_role (((CkParticipant *) session->participants->pdata[i])->role))
      {
        ck_set_field_error (error, "participants", _("Choose a role for every participant"));
        return FALSE;
      }

  for (guint i = 0; i < session->items->len; i++)
    if (!validate_item (storage, session->items->pdata[i], error))
      return FALSE;

  for (guint i = 0; i < session->lessons->len; i++)
    {
      const CkSessionLesson *lesson = session->lessons->pdata[i];

      if (lesson->state == CK_LESSON_RELEASED)
        continue;
      if (is_blank (lesson->title))
        {
          ck_set_field_error (error, "lessons", _("Give every lesson a title"));
          return FALSE;
        }
      if (!are_valid_codes (storage->vocabulary, CK_VOCAB_GROUNDS, lesson->grounds) ||
          !are_valid_codes (storage->vocabulary, CK_VOCAB_MANIFESTATIONS, lesson->manifestations))
        {
          ck_set_field_error (error, "lessons", _("A lesson’s grounds and manifestations must come from the lists"));
          return FALSE;
        }
    }

  for (guint i = 0; i < session->actions->len; i++)
    {
      const CkSessionAction *action = session->actions->pdata[i];

      if (is_blank (action->description))
        {
          ck_set_field_error (error, "actions", _("Describe every action"));
          return FALSE;
        }
      if (!is_valid_role (action->owner_role))
        {
          ck_set_field_error (error, "actions", _("Choose the role that owns each action"));
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
save_locked (CkRegister  *reg,
             CkSession   *session,
             GError     **error)
{
  LOCKED_STORAGE (reg);
  gboolean ok;

  if (!require_unlocked (storage, error))
    return FALSE;

  if (session->unit == NULL)
    session->unit = g_strdup (storage->unit);
  if (session->method == NULL)
    session->method = g_strdup (((CkMethod *) ck_methods_get_all (ck_methods_get_default ())->pdata[0])->id);

  if (!validate (storage, session, error) || !ck_storage_begin (storage, error))
    return FALSE;

  if (session->id == 0)
    ok = ck_session_storage_insert (storage, session, error);
  else
    ok = ck_session_storage_update (storage, session, error);

  if (!ok)
    {
      ck_storage_rollback (storage);
      return FALSE;
    }

  return ck_storage_commit (storage, error);
}

/* Returns: (transfer full) (element-type CkSessionRow): the sessions not
 * in the bin, the latest first */
GPtrArray *
ck_sessions_list (CkRegister  *reg,
                  GError     **error)
{
  LOCKED_STORAGE (reg);

  if (!require_unlocked (storage, error))
    return NULL;

  return ck_session_storage_list_rows (storage, error);
}

/**
 * ck_sessions_load:
 * @with_confidential: also open participants' names, notes and the
 *   lessons' texts
 *
 * Returns: (transfer full) (nullable): the session, or %NULL with @error
 */
CkSession *
ck_sessions_load (CkRegister  *reg,
                  gint64       id,
                  gboolean     with_confidential,
                  GError     **error)
{
  LOCKED_STORAGE (reg);

  return ck_session_storage_load (storage, id, with_confidential, error);
}

/**
 * ck_sessions_save:
 * @session: a new session (id 0) or one loaded with its confidential values
 *
 * Validates @session and writes it in one transaction, setting its ids and
 * those of everything in it. Of a stored session, only the notes marked
 * changed are written; ck_sessions_put_note() writes one on its own.
 */
gboolean
ck_sessions_save (CkRegister  *reg,
                  CkSession   *session,
                  GError     **error)
{
  g_return_val_if_fail (CK_IS_REGISTER (reg), FALSE);

  if (!save_locked (reg, session, error))
    return FALSE;

  ck_register_emit_changed (reg);
  return TRUE;
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autoptr(CkSession) session = ck_session_copy (task_data);
  GError *error = NULL;

  if (save_locked (source_object, session, &error))
    g_task_return_pointer (task, g_steal_pointer (&session), (GDestroyNotify) ck_session_free);
  else
    g_task_return_error (task, error);
}

void
ck_sessions_save_async (CkRegister          *reg,
                        const CkSession     *session,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CK_IS_REGISTER (reg));

  task = g_task_new (reg, cancellable, callback, user_data);
  g_task_set_source_tag (task, ck_sessions_save_async);
  g_task_set_task_data (task, ck_session_copy (session), (GDestroyNotify) ck_session_free);
  g_task_run_in_thread (task, save_thread);
}

/* Returns: (transfer full) (nullable): the session as saved, with its ids */
CkSession *
ck_sessions_save_finish (CkRegister    *reg,
                         GAsyncResult  *result,
                         GError       **error)
{
  CkSession *session;

  g_return_val_if_fail (g_task_is_valid (result, reg), NULL);

  session = g_task_propagate_pointer (G_TASK (result), error);
  if (session != NULL)
    ck_register_emit_changed (reg);
  return session;
}

/* Runs @write (storage, @id, @value, error) in a transaction of its own. */
static gboolean
write_in_transaction (CkRegister  *reg,
                      gboolean   (*write) (CkStorage *, gint64, int, GError **),
                      gint64       id,
                      int          value,
                      GError     **error)
{
  LOCKED_STORAGE (reg);

  if (!require_unlocked (storage, error) || !ck_storage_begin (storage, error))
    return FALSE;

  if (!write (storage, id, value, error))
    {
      ck_storage_rollback (storage);
      return FALSE;
    }

  return ck_storage_commit (storage, error);
}

/* Moves session @id to the bin: ck_sessions_restore() takes it back out,
 * ck_sessions_erase() or ck_sessions_empty_bin() erase it. */
gboolean
ck_sessions_delete (CkRegister  *reg,
                    gint64       id,
                    GError     **error)
{
  if (!write_in_transaction (reg, ck_session_storage_set_deleted, id, TRUE, error))
    return FALSE;

  ck_register_emit_changed (reg);
  return TRUE;
}

gboolean
ck_sessions_restore (CkRegister  *reg,
                     gint64       id,
                     GError     **error)
{
  if (!write_in_transaction (reg, ck_session_storage_set_deleted, id, FALSE, error))
    return FALSE;

  ck_register_emit_changed (reg);
  return TRUE;
}

static gboolean
erase (CkStorage  *storage,
       gint64      id,
       int         unused,
       GError    **error)
{
  return ck_session_storage_erase (storage, id, error);
}

/* Erases session @id for good, with its key; its released lessons are
 * withdrawn so that the next synchronisation retracts them. */
gboolean
ck_sessions_erase (CkRegister  *reg,
                   gint64       id,
                   GError     **error)
{
  if (!write_in_transaction (reg, erase, id, FALSE, error))
    return FALSE;

  ck_register_emit_changed (reg);
  return TRUE;
}

/* Erases the sessions left in the bin by an earlier run. */
gboolean
ck_sessions_empty_bin (CkRegister  *reg,
                       GError     **error)
{
  g_autoptr(GArray) ids = NULL;

  {
    LOCKED_STORAGE (reg);

    if (!require_unlocked (storage, error))
      return FALSE;
    ids = ck_session_storage_list_deleted (storage, g_get_real_time () / G_USEC_PER_SEC - BIN_GRACE_SECONDS, error);
    if (ids == NULL)
      return FALSE;
  }

  for (guint i = 0; i < ids->len; i++)
    if (!write_in_transaction (reg, erase, g_array_index (ids, gint64, i), FALSE, error))
      return FALSE;

  return TRUE;
}

static gboolean
put_note_locked (CkRegister           *reg,
                 const CkSessionNote  *note,
                 gboolean              append,
                 GError              **error)
{
  LOCKED_STORAGE (reg);

  if (!require_unlocked (storage, error) || !ck_storage_begin (storage, error))
    return FALSE;

  if (!ck_session_storage_put_note (storage, note, append, error))
    {
      ck_storage_rollback (storage);
      return FALSE;
    }

  return ck_storage_commit (storage, error);
}

/**
 * ck_sessions_put_note:
 * @append: add the text after what the step's note says already
 *
 * Writes the note of one step of one agenda item, sealed with the
 * session's key. An empty note is removed (unless @append).
 */
gboolean
ck_sessions_put_note (CkRegister           *reg,
                      const CkSessionNote  *note,
                      gboolean              append,
                      GError              **error)
{
  g_return_val_if_fail (CK_IS_REGISTER (reg), FALSE);

  return put_note_locked (reg, note, append, error);
}

typedef struct
{
  CkSessionNote *note;
  gboolean       append;
} NoteData;

static void
note_data_free (NoteData *data)
{
  ck_session_note_free (data->note);
  g_free (data);
}

static void
put_note_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  NoteData *data = task_data;
  GError *error = NULL;

  if (put_note_locked (source_object, data->note, data->append, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
ck_sessions_put_note_async (CkRegister          *reg,
                            const CkSessionNote *note,
                            gboolean             append,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  NoteData *data = g_new0 (NoteData, 1);

  g_return_if_fail (CK_IS_REGISTER (reg));

  data->note = ck_session_note_new (note->item_id, note->step, note->text);
  data->note->about_person = note->about_person;
  data->append = append;

  task = g_task_new (reg, cancellable, callback, user_data);
  g_task_set_source_tag (task, ck_sessions_put_note_async);
  g_task_set_task_data (task, data, (GDestroyNotify) note_data_free);
  g_task_run_in_thread (task, put_note_thread);
}

gboolean
ck_sessions_put_note_finish (CkRegister    *reg,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, reg), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * ck_sessions_list_open_actions:
 * @before: (nullable): only of sessions held before this date
 *
 * Returns: (transfer full) (element-type CkSessionAction): open actions,
 *   the first due first
 */
GPtrArray *
ck_sessions_list_open_actions (CkRegister   *reg,
                               const GDate  *before,
                               GError      **error)
{
  LOCKED_STORAGE (reg);

  if (!require_unlocked (storage, error))
    return NULL;

  return ck_session_storage_list_open_actions (storage, before, NULL, error);
}

static gboolean
set_action_status (CkStorage  *storage,
                   gint64      id,
                   int         status,
                   GError    **error)
{
  return ck_session_storage_set_action_status (storage, id, (CkActionStatus) status, error);
}

gboolean
ck_sessions_set_action_status (CkRegister      *reg,
                               gint64           action_id,
                               CkActionStatus   status,
                               GError         **error)
{
  if (!write_in_transaction (reg, set_action_status, action_id, status, error))
    return FALSE;

  ck_register_emit_changed (reg);
  return TRUE;
}

/**
 * ck_sessions_get_attention:
 * @today: the day to measure from
 * @horizon_days: also what falls due within this many days
 *
 * The open follow-up actions that are overdue or fall due within the
 * horizon, as the Overzicht page lists them.
 *
 * Returns: (transfer full) (element-type CkAttentionItem): the most
 *   overdue first
 */
GPtrArray *
ck_sessions_get_attention (CkRegister   *reg,
                           const GDate  *today,
                           guint         horizon_days,
                           GError      **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) ck_attention_item_free);
  g_autoptr(GPtrArray) actions = NULL;
  CkMethods *methods = ck_methods_get_default ();
  GDate due_by = *today;

  g_date_add_days (&due_by, horizon_days);

  {
    LOCKED_STORAGE (reg);

    if (!require_unlocked (storage, error))
      return NULL;
    actions = ck_session_storage_list_open_actions (storage, NULL, &due_by, error);
    if (actions == NULL)
      return NULL;
  }

  for (guint i = 0; i < actions->len; i++)
    {
      const CkSessionAction *action = actions->pdata[i];
      CkAttentionItem *item = ck_attention_item_new (CK_ATTENTION_ACTION);
      g_autoptr(CkSession) session = ck_session_new ();

      session->date = action->session_date;
      item->due = action->due;
      item->days_overdue = ck_date_days_between (&action->due, today);
      /* Translators: an action on the overview: "HR: Plan a team talk". */
      item->title = g_strdup_printf (_("%s: %s"), ck_methods_get_role_label (methods, action->owner_role),
                                     action->description);
      item->subject = ck_session_dup_title (session);
      item->target_id = action->id;
      item->session_id = action->session_id;
      g_ptr_array_add (items, item);
    }

  g_ptr_array_sort (items, ck_attention_item_compare);
  return g_steal_pointer (&items);
}

/**
 * ck_sessions_get_period:
 *
 * The period a session on @date looks back on: from the day after the
 * session before it (or three months) up to @date.
 */
gboolean
ck_sessions_get_period (CkRegister   *reg,
                        const GDate  *date,
                        GDate        *from,
                        GDate        *to,
                        GError      **error)
{
  LOCKED_STORAGE (reg);

  if (!require_unlocked (storage, error))
    return FALSE;

  return ck_session_get_period (storage, date, from, to, error);
}

/**
 * ck_sessions_count_period:
 * @date: the date of a session
 *
 * Returns: (transfer full) (element-type CkPeriodCount): the counts per
 *   ground, manifestation, channel and team of the period a session on
 *   @date looks back on, and of the period before it
 */
GPtrArray *
ck_sessions_count_period (CkRegister   *reg,
                          const GDate  *date,
                          GError      **error)
{
  LOCKED_STORAGE (reg);
  GDate from, to;

  if (!require_unlocked (storage, error) ||
      !ck_session_get_period (storage, date, &from, &to, error))
    return NULL;

  return ck_session_stats_count (storage, &from, &to, error);
}

/**
 * ck_sessions_suggest:
 * @today: the day the figures are taken
 *
 * Returns: (transfer full) (element-type CkAgendaItem): what the agenda of
 *   @session could hold besides what it holds: see ck_session_suggest()
 */
GPtrArray *
ck_sessions_suggest (CkRegister       *reg,
                     const CkSession  *session,
                     const GDate      *today,
                     GError          **error)
{
  LOCKED_STORAGE (reg);

  if (!require_unlocked (storage, error))
    return NULL;

  return ck_session_suggest (storage, session, today, error);
}

static void
suggest_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *items;
  GDate today;

  ck_date_set_today (&today);
  items = ck_sessions_suggest (source_object, task_data, &today, &error);
  if (items != NULL)
    g_task_return_pointer (task, items, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

void
ck_sessions_suggest_async (CkRegister          *reg,
                           const CkSession     *session,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CK_IS_REGISTER (reg));

  task = g_task_new (reg, cancellable, callback, user_data);
  g_task_set_source_tag (task, ck_sessions_suggest_async);
  g_task_set_task_data (task, ck_session_copy (session), (GDestroyNotify) ck_session_free);
  g_task_run_in_thread (task, suggest_thread);
}

/* Returns: (transfer full) (element-type CkAgendaItem) */
GPtrArray *
ck_sessions_suggest_finish (CkRegister    *reg,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, reg), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ck_sessions_new_text_check:
 *
 * A text check that knows every name in the register. Decrypts every
 * case: call it from a worker thread. The check may then be used from
 * any thread.
 *
 * Returns: (transfer full) (nullable)
 */
CkTextCheck *
ck_sessions_new_text_check (CkRegister  *reg,
                            GError     **error)
{
  g_autoptr(CkTextCheck) check = ck_text_check_new ();

  if (!ck_text_check_add_register_names (check, reg, error))
    return NULL;

  return g_steal_pointer (&check);
}

static void
text_check_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GError *error = NULL;
  CkTextCheck *check = ck_sessions_new_text_check (source_object, &error);

  if (check != NULL)
    g_task_return_pointer (task, check, g_object_unref);
  else
    g_task_return_error (task, error);
}

void
ck_sessions_new_text_check_async (CkRegister          *reg,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CK_IS_REGISTER (reg));

  task = g_task_new (reg, cancellable, callback, user_data);
  g_task_set_source_tag (task, ck_sessions_new_text_check_async);
  g_task_run_in_thread (task, text_check_thread);
}

CkTextCheck *
ck_sessions_new_text_check_finish (CkRegister    *reg,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, reg), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ck_sessions_load_meeting:
 * @today: the day lead times of open cases run to
 * @check: the check of free text, with the register's names
 *
 * Returns: (transfer full) (nullable): what the meeting screen shows of
 *   session @id; see ck_meeting_plan_build()
 */
CkMeetingPlan *
ck_sessions_load_meeting (CkRegister   *reg,
                          gint64        id,
                          const GDate  *today,
                          CkTextCheck  *check,
                          GError      **error)
{
  LOCKED_STORAGE (reg);

  if (!require_unlocked (storage, error))
    return NULL;

  return ck_meeting_plan_build (storage, id, today, check, error);
}

typedef struct
{
  gint64       id;
  CkTextCheck *check;
} MeetingData;

static void
meeting_data_free (MeetingData *data)
{
  g_object_unref (data->check);
  g_free (data);
}

static void
load_meeting_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  MeetingData *data = task_data;
  GError *error = NULL;
  CkMeetingPlan *plan;
  GDate today;

  ck_date_set_today (&today);
  plan = ck_sessions_load_meeting (source_object, data->id, &today, data->check, &error);
  if (plan != NULL)
    g_task_return_pointer (task, plan, (GDestroyNotify) ck_meeting_plan_free);
  else
    g_task_return_error (task, error);
}

/* @check: the check of free text, with the register's names
 * (ck_sessions_new_text_check()) */
void
ck_sessions_load_meeting_async (CkRegister          *reg,
                                gint64               id,
                                CkTextCheck         *check,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  MeetingData *data;

  g_return_if_fail (CK_IS_REGISTER (reg));
  g_return_if_fail (CK_IS_TEXT_CHECK (check));

  data = g_new0 (MeetingData, 1);
  data->id = id;
  data->check = g_object_ref (check);
  task = g_task_new (reg, cancellable, callback, user_data);
  g_task_set_source_tag (task, ck_sessions_load_meeting_async);
  g_task_set_task_data (task, data, (GDestroyNotify) meeting_data_free);
  g_task_run_in_thread (task, load_meeting_thread);
}

CkMeetingPlan *
ck_sessions_load_meeting_finish (CkRegister    *reg,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, reg), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
ck_lesson_finding_free (CkLessonFinding *finding)
{
  if (finding == NULL)
    return;

  ck_text_finding_free (finding->finding);
  g_free (finding);
}

/**
 * ck_sessions_check_lesson:
 *
 * Runs @check over what of @lesson would leave the unit.
 *
 * Returns: (transfer full) (element-type CkLessonFinding): empty when
 *   the lesson may be released
 */
GPtrArray *
ck_sessions_check_lesson (const CkSessionLesson *lesson,
                          CkTextCheck           *check)
{
  GPtrArray *findings = g_ptr_array_new_with_free_func ((GDestroyNotify) ck_lesson_finding_free);
  const struct { const char *field; const char *text; } fields[] = {
    { "title", lesson->title }, { "text", lesson->text }, { "theme", lesson->theme },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autoptr(GPtrArray) found = ck_text_check_run (check, fields[i].text);

      for (guint j = 0; j < found->len; j++)
        {
          CkLessonFinding *finding = g_new0 (CkLessonFinding, 1);

          finding->field = fields[i].field;
          finding->finding = g_ptr_array_steal_index (found, j--);
          g_ptr_array_add (findings, finding);
        }
    }

  return findings;
}

static gboolean
release_locked (CkStorage        *storage,
                gint64            lesson_id,
                CkTextCheck      *check,
                const char       *replica,
                const GDate      *today,
                GError          **error)
{
  g_autoptr(CkSessionLesson) lesson = NULL;
  g_autoptr(CkSharedLesson) shared = NULL;
  g_autoptr(GPtrArray) findings = NULL;

  if (!require_unlocked (storage, error) ||
      !(lesson = ck_session_storage_load_lesson (storage, lesson_id, error)))
    return FALSE;

  if (lesson->state == CK_LESSON_RELEASED)
    return TRUE;

  if (is_blank (lesson->title) || is_blank (lesson->text))
    {
      g_set_error_literal (error, CK_ERROR, CK_ERROR_INVALID,
                           _("A lesson needs a title and a text before it can be released"));
      return FALSE;
    }

  findings = ck_sessions_check_lesson (lesson, check);
  if (findings->len > 0)
    {
      const CkLessonFinding *first = findings->pdata[0];

      /* Translators: %s is what was found, e.g. "A phone number", and
       * “%s” the text itself. */
      g_set_error (error, CK_ERROR, CK_ERROR_INVALID,
                   _("The lesson was not released: it contains %s (“%s”). Change the text and try again."),
                   ck_text_finding_describe (first->finding), first->finding->excerpt);
      return FALSE;
    }

  shared = ck_shared_lesson_new ();
  shared->id = lesson->shared_id != NULL ? g_strdup (lesson->shared_id) : ck_random_uid ();
  shared->unit = g_strdup (storage->unit);
  shared->replica = g_strdup (replica);
  shared->rev = lesson->shared_rev + 1;
  shared->year = g_date_get_year (today);
  shared->quarter = ck_date_get_quarter (today);
  shared->title = g_strstrip (g_strdup (lesson->title));
  shared->text = g_strstrip (g_strdup (lesson->text));
  shared->theme = is_blank (lesson->theme) ? NULL : g_strstrip (g_strdup (lesson->theme));
  g_strfreev (shared->grounds);
  shared->grounds = g_strdupv (lesson->grounds);
  g_strfreev (shared->manifestations);
  shared->manifestations = g_strdupv (lesson->manifestations);

  if (!ck_storage_begin (storage, error))
    return FALSE;

  if (!ck_shared_store_put_lesson (storage, shared, TRUE, error) ||
      !ck_session_storage_set_lesson_state (storage, lesson_id, CK_LESSON_RELEASED,
                                            shared->id, shared->rev, error))
    {
      ck_storage_rollback (storage);
      return FALSE;
    }

  return ck_storage_commit (storage, error);
}

/**
 * ck_sessions_release_lesson:
 * @check: the text check, with the register's names
 * @today: the day of the release
 *
 * Releases lesson @lesson_id for other units: it is checked once more,
 * and refused (CK_ERROR_INVALID) when @check finds anything; then it
 * goes into the shared lessons as this unit's own, to be published with
 * the unit's records. Releasing again after a withdrawal keeps its shared
 * id and raises its revision.
 */
gboolean
ck_sessions_release_lesson (CkRegister   *reg,
                            gint64        lesson_id,
                            CkTextCheck  *check,
                            const GDate  *today,
                            GError      **error)
{
  g_autofree char *replica = NULL;
  gboolean ok;

  g_return_val_if_fail (CK_IS_REGISTER (reg), FALSE);
  g_return_val_if_fail (CK_IS_TEXT_CHECK (check), FALSE);

  replica = ck_register_dup_replica_id (reg);
  if (replica == NULL)
    {
      g_set_error_literal (error, CK_ERROR, CK_ERROR_IO,
                           _("This installation’s replica id could not be stored. Nothing was released."));
      return FALSE;
    }

  {
    LOCKED_STORAGE (reg);

    ok = release_locked (storage, lesson_id, check, replica, today, error);
  }

  if (ok)
    ck_register_emit_changed (reg);
  return ok;
}

static gboolean
withdraw_locked (CkStorage  *storage,
                 gint64      lesson_id,
                 int         unused,
                 GError    **error)
{
  g_autoptr(CkSessionLesson) lesson = ck_session_storage_load_lesson (storage, lesson_id, error);

  if (lesson == NULL)
    return FALSE;

  if (lesson->state != CK_LESSON_RELEASED)
    {
      g_set_error_literal (error, CK_ERROR, CK_ERROR_INVALID, _("This lesson was not released"));
      return FALSE;
    }

  /* The revision rises past the retraction the synchronisation publishes,
   * so that a later release supersedes it. */
  return ck_shared_store_remove_lesson (storage, lesson->shared_id, error) &&
         ck_session_storage_set_lesson_state (storage, lesson_id, CK_LESSON_WITHDRAWN,
                                              lesson->shared_id, lesson->shared_rev + 1, error);
}

/**
 * ck_sessions_withdraw_lesson:
 *
 * Withdraws a released lesson: it leaves the shared lessons, so that the
 * next synchronisation publishes its retraction, and is marked withdrawn.
 */
gboolean
ck_sessions_withdraw_lesson (CkRegister  *reg,
                             gint64       lesson_id,
                             GError     **error)
{
  if (!write_in_transaction (reg, withdraw_locked, lesson_id, FALSE, error))
    return FALSE;

  ck_register_emit_changed (reg);
  return TRUE;
}

/**
 * ck_sessions_list_lessons:
 *
 * Every released lesson this register holds: its own and those that
 * synchronisation brought from other units.
 *
 * Returns: (transfer full): a GListModel of CkLessonRow, newest first
 */
GListModel *
ck_sessions_list_lessons (CkRegister  *reg,
                          GError     **error)
{
  g_autoptr(GListStore) store = g_list_store_new (CK_TYPE_LESSON_ROW);
  g_autoptr(GPtrArray) lessons = NULL;
  g_autoptr(GPtrArray) own = NULL;
  g_autoptr(GHashTable) own_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  {
    LOCKED_STORAGE (reg);

    if (!require_unlocked (storage, error) ||
        !(lessons = ck_shared_store_list_lessons (storage, NULL, FALSE, error)) ||
        !(own = ck_shared_store_list_lessons (storage, NULL, TRUE, error)))
      return NULL;
  }

  for (guint i = 0; i < own->len; i++)
    g_hash_table_add (own_ids, ((CkSharedLesson *) own->pdata[i])->id);

  for (guint i = 0; i < lessons->len; i++)
    {
      const CkSharedLesson *lesson = lessons->pdata[i];

      g_ptr_array_add (rows, ck_lesson_row_new (lesson, g_hash_table_contains (own_ids, lesson->id)));
    }

  g_list_store_splice (store, 0, 0, rows->pdata, rows->len);
  return G_LIST_MODEL (g_steal_pointer (&store));
}
