/* ck-session.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "ck-date.h"
#include "ck-session.h"
#include "ck-vocabulary.h"

G_DEFINE_BOXED_TYPE (CkSession, ck_session, ck_session_copy, ck_session_free)

/* Wipes a confidential string before freeing it. */
static void
clear_secret (char **text)
{
  if (*text != NULL)
    sodium_memzero (*text, strlen (*text));
  g_clear_pointer (text, g_free);
}

CkParticipant *
ck_participant_new (const char *role,
                    const char *name)
{
  CkParticipant *self = g_new0 (CkParticipant, 1);

  self->role = g_strdup (role);
  self->name = g_strdup (name);
  return self;
}

static CkParticipant *
participant_copy (const CkParticipant *self)
{
  return ck_participant_new (self->role, self->name);
}

void
ck_participant_free (CkParticipant *self)
{
  if (self == NULL)
    return;

  g_free (self->role);
  clear_secret (&self->name);
  g_free (self);
}

CkAgendaItem *
ck_agenda_item_new (CkAgendaKind kind)
{
  CkAgendaItem *self = g_new0 (CkAgendaItem, 1);

  self->kind = kind;
  self->reasons = g_new0 (char *, 1);
  return self;
}

CkAgendaItem *
ck_agenda_item_copy (const CkAgendaItem *self)
{
  CkAgendaItem *copy = ck_agenda_item_new (self->kind);

  copy->id = self->id;
  copy->case_id = self->case_id;
  copy->case_reference = g_strdup (self->case_reference);
  copy->theme_list = g_strdup (self->theme_list);
  copy->theme_code = g_strdup (self->theme_code);
  copy->description = g_strdup (self->description);
  copy->filter = g_strdup (self->filter);
  copy->figure = g_strdup (self->figure);
  g_strfreev (copy->reasons);
  copy->reasons = g_strdupv (self->reasons);
  return copy;
}

void
ck_agenda_item_free (CkAgendaItem *self)
{
  if (self == NULL)
    return;

  g_free (self->case_reference);
  g_free (self->theme_list);
  g_free (self->theme_code);
  g_free (self->description);
  g_free (self->filter);
  g_free (self->figure);
  g_strfreev (self->reasons);
  g_free (self);
}

static const char *
theme_list_label (const char *list)
{
  if (g_strcmp0 (list, CK_VOCAB_GROUNDS) == 0)
    return _("Ground");
  if (g_strcmp0 (list, CK_VOCAB_MANIFESTATIONS) == 0)
    return _("Manifestation");
  if (g_strcmp0 (list, CK_VOCAB_CHANNELS) == 0)
    return _("Channel");
  if (g_strcmp0 (list, CK_THEME_TEAM) == 0)
    return _("Team");
  return list;
}

/* Returns: (transfer full): what the item is, in the user's language. A
 * case is named by its reference: for the planner and the minutes, never
 * for the meeting screen, which has its own titles. */
char *
ck_agenda_item_dup_title (const CkAgendaItem *self)
{
  CkVocabulary *vocabulary = ck_vocabulary_get_default ();

  switch (self->kind)
    {
    case CK_AGENDA_CASE:
      if (self->case_reference == NULL)
        return g_strdup (_("A case that was erased"));
      /* Translators: %s is a case reference such as AMS-2024-0042. */
      return g_strdup_printf (_("Case %s"), self->case_reference);

    case CK_AGENDA_THEME:
      {
        const char *label = g_strcmp0 (self->theme_list, CK_THEME_TEAM) == 0
                            ? self->theme_code
                            : ck_vocabulary_get_label (vocabulary, self->theme_list, self->theme_code);

        /* Translators: a theme of a session's agenda: "Ground: Age". */
        return g_strdup_printf (_("%s: %s"), theme_list_label (self->theme_list), label != NULL ? label : "");
      }

    case CK_AGENDA_PATTERN:
      if (self->description != NULL && *self->description != '\0')
        return g_strdup (self->description);
      return g_strdup (_("A pattern"));

    default:
      g_assert_not_reached ();
    }
}

CkSessionNote *
ck_session_note_new (gint64      item_id,
                     const char *step,
                     const char *text)
{
  CkSessionNote *self = g_new0 (CkSessionNote, 1);

  self->item_id = item_id;
  self->step = g_strdup (step);
  self->text = g_strdup (text);
  return self;
}

static CkSessionNote *
note_copy (const CkSessionNote *self)
{
  CkSessionNote *copy = ck_session_note_new (self->item_id, self->step, self->text);

  copy->about_person = self->about_person;
  copy->changed = self->changed;
  return copy;
}

void
ck_session_note_free (CkSessionNote *self)
{
  if (self == NULL)
    return;

  g_free (self->step);
  clear_secret (&self->text);
  g_free (self);
}

CkSessionLesson *
ck_session_lesson_new (void)
{
  CkSessionLesson *self = g_new0 (CkSessionLesson, 1);

  self->grounds = g_new0 (char *, 1);
  self->manifestations = g_new0 (char *, 1);
  return self;
}

CkSessionLesson *
ck_session_lesson_copy (const CkSessionLesson *self)
{
  CkSessionLesson *copy = ck_session_lesson_new ();

  copy->id = self->id;
  copy->title = g_strdup (self->title);
  copy->text = g_strdup (self->text);
  copy->theme = g_strdup (self->theme);
  g_strfreev (copy->grounds);
  copy->grounds = g_strdupv (self->grounds);
  g_strfreev (copy->manifestations);
  copy->manifestations = g_strdupv (self->manifestations);
  copy->state = self->state;
  copy->shared_id = g_strdup (self->shared_id);
  copy->shared_rev = self->shared_rev;
  return copy;
}

void
ck_session_lesson_free (CkSessionLesson *self)
{
  if (self == NULL)
    return;

  clear_secret (&self->title);
  clear_secret (&self->text);
  clear_secret (&self->theme);
  g_strfreev (self->grounds);
  g_strfreev (self->manifestations);
  g_free (self->shared_id);
  g_free (self);
}

/* @due: (nullable) */
CkSessionAction *
ck_session_action_new (const char  *description,
                       const char  *owner_role,
                       const GDate *due)
{
  CkSessionAction *self = g_new0 (CkSessionAction, 1);

  self->description = g_strdup (description);
  self->owner_role = g_strdup (owner_role);
  g_date_clear (&self->due, 1);
  g_date_clear (&self->session_date, 1);
  if (due != NULL)
    self->due = *due;
  self->status = CK_ACTION_OPEN;
  return self;
}

CkSessionAction *
ck_session_action_copy (const CkSessionAction *self)
{
  CkSessionAction *copy = ck_session_action_new (self->description, self->owner_role, &self->due);

  copy->id = self->id;
  copy->session_id = self->session_id;
  copy->session_date = self->session_date;
  copy->status = self->status;
  return copy;
}

void
ck_session_action_free (CkSessionAction *self)
{
  if (self == NULL)
    return;

  g_free (self->description);
  g_free (self->owner_role);
  g_free (self);
}

CkSession *
ck_session_new (void)
{
  CkSession *self = g_new0 (CkSession, 1);

  g_date_clear (&self->date, 1);
  g_date_clear (&self->personal_data_erased_on, 1);
  self->status = g_strdup (CK_SESSION_PLANNED);
  self->participants = g_ptr_array_new_with_free_func ((GDestroyNotify) ck_participant_free);
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) ck_agenda_item_free);
  self->notes = g_ptr_array_new_with_free_func ((GDestroyNotify) ck_session_note_free);
  self->patterns = g_new0 (char *, 1);
  self->lessons = g_ptr_array_new_with_free_func ((GDestroyNotify) ck_session_lesson_free);
  self->actions = g_ptr_array_new_with_free_func ((GDestroyNotify) ck_session_action_free);
  /* A new session holds all of its values. */
  self->has_confidential = TRUE;
  return self;
}

static void
copy_array (GPtrArray      *to,
            GPtrArray      *from,
            GBoxedCopyFunc  copy)
{
  for (guint i = 0; i < from->len; i++)
    g_ptr_array_add (to, copy (from->pdata[i]));
}

CkSession *
ck_session_copy (const CkSession *self)
{
  CkSession *copy = ck_session_new ();

  copy->id = self->id;
  copy->uid = g_strdup (self->uid);
  copy->unit = g_strdup (self->unit);
  copy->date = self->date;
  copy->title = g_strdup (self->title);
  copy->method = g_strdup (self->method);
  g_free (copy->status);
  copy->status = g_strdup (self->status);
  copy_array (copy->participants, self->participants, (GBoxedCopyFunc) participant_copy);
  copy_array (copy->items, self->items, (GBoxedCopyFunc) ck_agenda_item_copy);
  copy_array (copy->notes, self->notes, (GBoxedCopyFunc) note_copy);
  g_strfreev (copy->patterns);
  copy->patterns = g_strdupv (self->patterns);
  copy_array (copy->lessons, self->lessons, (GBoxedCopyFunc) ck_session_lesson_copy);
  copy_array (copy->actions, self->actions, (GBoxedCopyFunc) ck_session_action_copy);
  copy->has_confidential = self->has_confidential;
  copy->personal_data_erased_on = self->personal_data_erased_on;
  copy->created_at = self->created_at;
  copy->updated_at = self->updated_at;
  return copy;
}

void
ck_session_free (CkSession *self)
{
  if (self == NULL)
    return;

  g_free (self->uid);
  g_free (self->unit);
  g_free (self->title);
  g_free (self->method);
  g_free (self->status);
  g_ptr_array_unref (self->participants);
  g_ptr_array_unref (self->items);
  g_ptr_array_unref (self->notes);
  g_strfreev (self->patterns);
  g_ptr_array_unref (self->lessons);
  g_ptr_array_unref (self->actions);
  g_free (self);
}

/* Returns: (transfer full): the session's title, or one made of its date */
char *
ck_session_dup_title (const CkSession *self)
{
  g_autofree char *date = NULL;

  if (self->title != NULL && *self->title != '\0')
    return g_strdup (self->title);

  date = ck_date_format_user (&self->date);
  /* Translators: %s is a date. */
  return g_strdup_printf (_("Reflection session of %s"), date);
}

/* Returns: (transfer none) (nullable) */
CkAgendaItem *
ck_session_find_item (const CkSession *self,
                      gint64           item_id)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      CkAgendaItem *item = self->items->pdata[i];

      if (item->id == item_id)
        return item;
    }

  return NULL;
}

/* Returns: (transfer none) (nullable) */
CkSessionNote *
ck_session_find_note (const CkSession *self,
                      gint64           item_id,
                      const char      *step)
{
  for (guint i = 0; i < self->notes->len; i++)
    {
      CkSessionNote *note = self->notes->pdata[i];

      if (note->item_id == item_id && g_strcmp0 (note->step, step) == 0)
        return note;
    }

  return NULL;
}

/* Drops the confidential values, as if the session was loaded without. */
void
ck_session_clear_confidential (CkSession *self)
{
  for (guint i = 0; i < self->participants->len; i++)
    clear_secret (&((CkParticipant *) self->participants->pdata[i])->name);
  g_ptr_array_set_size (self->notes, 0);
  for (guint i = 0; i < self->lessons->len; i++)
    {
      CkSessionLesson *lesson = self->lessons->pdata[i];

      clear_secret (&lesson->title);
      clear_secret (&lesson->text);
      clear_secret (&lesson->theme);
    }
  self->has_confidential = FALSE;
}

static const char * const lesson_states[] = { "draft", "released", "withdrawn" };
static const char * const action_statuses[] = { "open", "done", "dropped" };
static const char * const agenda_kinds[] = { "case", "theme", "pattern" };

static gboolean
lookup_code (const char * const *codes,
             guint               n_codes,
             const char         *text,
             int                *value)
{
  for (guint i = 0; i < n_codes; i++)
    if (g_strcmp0 (codes[i], text) == 0)
      {
        *value = (int) i;
        return TRUE;
      }

  return FALSE;
}

const char *
ck_lesson_state_to_string (CkLessonState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (lesson_states), NULL);
  return lesson_states[state];
}

gboolean
ck_lesson_state_from_string (const char    *text,
                             CkLessonState *state)
{
  int value;

  if (!lookup_code (lesson_states, G_N_ELEMENTS (lesson_states), text, &value))
    return FALSE;
  *state = (CkLessonState) value;
  return TRUE;
}

const char *
ck_action_status_to_string (CkActionStatus status)
{
  g_return_val_if_fail (status < G_N_ELEMENTS (action_statuses), NULL);
  return action_statuses[status];
}

gboolean
ck_action_status_from_string (const char     *text,
                              CkActionStatus *status)
{
  int value;

  if (!lookup_code (action_statuses, G_N_ELEMENTS (action_statuses), text, &value))
    return FALSE;
  *status = (CkActionStatus) value;
  return TRUE;
}

const char *
ck_agenda_kind_to_string (CkAgendaKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (agenda_kinds), NULL);
  return agenda_kinds[kind];
}

gboolean
ck_agenda_kind_from_string (const char   *text,
                            CkAgendaKind *kind)
{
  int value;

  if (!lookup_code (agenda_kinds, G_N_ELEMENTS (agenda_kinds), text, &value))
    return FALSE;
  *kind = (CkAgendaKind) value;
  return TRUE;
}

/* Returns: (transfer none): why an item was suggested, in the user's
 * language; @reason itself when it is not known */
const char *
ck_reason_describe (const char *reason)
{
  static const struct
  {
    const char *code;
    const char *text;
  } reasons[] = {
    { CK_REASON_NEW, N_("new in this period") },
    { CK_REASON_LONG_OPEN, N_("open for more than 90 days") },
    { CK_REASON_SENSITIVE, N_("complex or media-sensitive") },
    { CK_REASON_NO_TRIAGE, N_("not in triage") },
    { CK_REASON_NOT_INFORMED, N_("reporter not informed") },
    { CK_REASON_NO_RESTORATION, N_("restoration not offered") },
    { CK_REASON_CHANGED, N_("changed most since the last session") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    if (g_strcmp0 (reasons[i].code, reason) == 0)
      return _(reasons[i].text);

  return reason;
}

/* Returns: (transfer full): why an item was suggested, every reason in the
 * user's language, "; " between them; empty when there is none */
char *
ck_reasons_describe (char * const *reasons)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; reasons != NULL && reasons[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (text, "; ");
      g_string_append (text, ck_reason_describe (reasons[i]));
    }

  return g_string_free (text, FALSE);
}
