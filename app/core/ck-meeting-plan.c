/* ck-meeting-plan.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ck-case.h"
#include "ck-case-storage.h"
#include "ck-meeting-plan.h"
#include "ck-session-stats.h"
#include "ck-session-storage.h"
#include "ck-session-suggest.h"

G_DEFINE_BOXED_TYPE (CkMeetingPlan, ck_meeting_plan, ck_meeting_plan_copy, ck_meeting_plan_free)

static void
meeting_item_free (CkMeetingItem *item)
{
  g_free (item->title);
  g_strfreev (item->reasons);
  ck_meeting_facts_free (item->facts);
  g_free (item);
}

static CkMeetingItem *
meeting_item_copy (const CkMeetingItem *item)
{
  CkMeetingItem *copy = g_memdup2 (item, sizeof *item);

  copy->title = g_strdup (item->title);
  copy->reasons = g_strdupv (item->reasons);
  copy->facts = item->facts != NULL ? ck_meeting_facts_copy (item->facts) : NULL;
  return copy;
}

static void
meeting_action_free (CkMeetingAction *action)
{
  g_free (action->description);
  g_free (action->owner_role);
  g_free (action);
}

static CkMeetingAction *
meeting_action_copy (const CkMeetingAction *action)
{
  CkMeetingAction *copy = g_memdup2 (action, sizeof *action);

  copy->description = g_strdup (action->description);
  copy->owner_role = g_strdup (action->owner_role);
  return copy;
}

static CkMeetingPlan *
plan_new (void)
{
  CkMeetingPlan *self = g_new0 (CkMeetingPlan, 1);

  g_date_clear (&self->date, 1);
  g_date_clear (&self->period_from, 1);
  g_date_clear (&self->period_to, 1);
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) meeting_item_free);
  self->open_actions = g_ptr_array_new_with_free_func ((GDestroyNotify) meeting_action_free);
  return self;
}

CkMeetingPlan *
ck_meeting_plan_copy (const CkMeetingPlan *self)
{
  CkMeetingPlan *copy = plan_new ();

  copy->session_id = self->session_id;
  copy->title = g_strdup (self->title);
  copy->date = self->date;
  copy->period_from = self->period_from;
  copy->period_to = self->period_to;
  copy->method = self->method;
  copy->roles = g_strdupv (self->roles);
  for (guint i = 0; i < self->items->len; i++)
    g_ptr_array_add (copy->items, meeting_item_copy (self->items->pdata[i]));
  for (guint i = 0; i < self->open_actions->len; i++)
    g_ptr_array_add (copy->open_actions, meeting_action_copy (self->open_actions->pdata[i]));
  copy->n_withheld = self->n_withheld;
  return copy;
}

void
ck_meeting_plan_free (CkMeetingPlan *self)
{
  if (self == NULL)
    return;

  g_free (self->title);
  g_strfreev (self->roles);
  g_ptr_array_unref (self->items);
  g_ptr_array_unref (self->open_actions);
  g_free (self);
}

/* Returns: (transfer full) (nullable): a copy of @text when the check
 * finds nothing in it; otherwise %NULL, counted in the plan */
static char *
checked (CkMeetingPlan *plan,
         CkTextCheck   *check,
         const char    *text)
{
  g_autoptr(GPtrArray) findings = NULL;

  if (text == NULL)
    return NULL;

  findings = ck_text_check_run (check, text);
  if (findings->len == 0)
    return g_strdup (text);

  plan->n_withheld++;
  return NULL;
}

static CkMeetingItem *
build_item (CkStorage           *storage,
            CkMeetingPlan       *plan,
            const CkAgendaItem  *agenda_item,
            guint                case_number,
            GPtrArray           *counts,
            const GDate         *as_of,
            CkTextCheck         *check,
            GError             **error)
{
  g_autofree char *list = NULL;
  g_autofree char *code = NULL;
  CkMeetingItem *item = g_new0 (CkMeetingItem, 1);

  item->item_id = agenda_item->id;
  item->kind = agenda_item->kind;
  item->reasons = g_strdupv (agenda_item->reasons);

  switch (agenda_item->kind)
    {
    case CK_AGENDA_CASE:
      /* Translators: the title of a case on the meeting screen: its
       * number among the cases of the agenda, never its reference. */
      item->title = g_strdup_printf (_("Case %u"), case_number);
      if (agenda_item->case_id > 0)
        {
          g_autoptr(CkCase) kase = ck_case_storage_load (storage, agenda_item->case_id, FALSE, error);

          if (kase == NULL)
            {
              meeting_item_free (item);
              return NULL;
            }
          item->facts = ck_meeting_facts_new_from_case (kase, as_of);
        }
      break;

    case CK_AGENDA_THEME:
      item->title = ck_agenda_item_dup_title (agenda_item);
      list = g_strdup (agenda_item->theme_list);
      code = g_strdup (agenda_item->theme_code);
      break;

    case CK_AGENDA_PATTERN:
      item->title = checked (plan, check, agenda_item->description);
      ck_session_stats_parse_filter (agenda_item->filter, &list, &code);
      break;

    default:
      g_assert_not_reached ();
    }

  if (list != NULL && code != NULL)
    {
      const CkPeriodCount *count = ck_session_stats_find (counts, list, code);

      item->has_counts = TRUE;
      item->current = count != NULL ? count->current : 0;
      item->previous = count != NULL ? count->previous : 0;
    }

  return item;
}

/**
 * ck_meeting_plan_build:
 * @today: the day lead times of open cases run to, when it comes before
 *   the session's date
 * @check: the check for free text, with the register's names
 *
 * Builds the meeting screen's plan of session @session_id: the session
 * and its cases are loaded without their confidential values.
 *
 * Returns: (transfer full) (nullable): the plan, or %NULL with @error
 */
CkMeetingPlan *
ck_meeting_plan_build (CkStorage    *storage,
                       gint64        session_id,
                       const GDate  *today,
                       CkTextCheck  *check,
                       GError      **error)
{
  g_autoptr(CkMeetingPlan) plan = NULL;
  g_autoptr(CkSession) session = NULL;
  g_autoptr(GPtrArray) counts = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GStrvBuilder) roles = g_strv_builder_new ();
  CkMethods *methods = ck_methods_get_default ();
  GDate as_of;
  guint case_number = 0;

  g_return_val_if_fail (CK_IS_TEXT_CHECK (check), NULL);

  session = ck_session_storage_load (storage, session_id, FALSE, error);
  if (session == NULL)
    return NULL;

  plan = plan_new ();
  plan->session_id = session->id;
  plan->date = session->date;
  plan->method = ck_methods_lookup (methods, session->method);
  if (plan->method == NULL)
    plan->method = g_ptr_array_index (ck_methods_get_all (methods), 0);

  if (session->title != NULL)
    plan->title = checked (plan, check, session->title);
  else
    plan->title = ck_session_dup_title (session);

  for (guint i = 0; i < session->participants->len; i++)
    g_strv_builder_add (roles, ((CkParticipant *) session->participants->pdata[i])->role);
  plan->roles = g_strv_builder_end (roles);

  if (!ck_session_get_period (storage, &session->date, &plan->period_from, &plan->period_to, error) ||
      !(counts = ck_session_stats_count (storage, &plan->period_from, &plan->period_to, error)))
    return NULL;

  as_of = g_date_compare (today, &session->date) < 0 ? *today : session->date;
  for (guint i = 0; i < session->items->len; i++)
    {
      const CkAgendaItem *agenda_item = session->items->pdata[i];
      CkMeetingItem *item;

      if (agenda_item->kind == CK_AGENDA_CASE)
        case_number++;
      item = build_item (storage, plan, agenda_item, case_number, counts, &as_of, check, error);
      if (item == NULL)
        return NULL;
      g_ptr_array_add (plan->items, item);
    }

  actions = ck_session_storage_list_open_actions (storage, &session->date, NULL, error);
  if (actions == NULL)
    return NULL;
  for (guint i = 0; i < actions->len; i++)
    {
      const CkSessionAction *action = actions->pdata[i];
      CkMeetingAction *open = g_new0 (CkMeetingAction, 1);

      open->description = checked (plan, check, action->description);
      open->owner_role = g_strdup (action->owner_role);
      open->due = action->due;
      open->session_date = action->session_date;
      g_ptr_array_add (plan->open_actions, open);
    }

  return g_steal_pointer (&plan);
}
