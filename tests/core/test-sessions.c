/* test-sessions.c: reflection-room sessions in the register
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "ck-attention.h"
#include "ck-case.h"
#include "ck-meeting-facts.h"
#include "ck-date.h"
#include "ck-error.h"
#include "ck-lesson-row.h"
#include "ck-meeting-plan.h"
#include "ck-methods.h"
#include "ck-register.h"
#include "ck-session-row.h"
#include "ck-session-stats.h"
#include "ck-sessions.h"
#include "ck-shared-store.h"
#include "ck-test-util.h"

static void
set_date (GDate      *date,
          const char *iso)
{
  g_assert_true (ck_date_from_iso (date, iso));
}

static CkSession *
new_session (const char *iso)
{
  CkSession *session = ck_session_new ();

  set_date (&session->date, iso);
  session->method = g_strdup ("moreel_beraad");
  return session;
}

static CkAgendaItem *
case_item (gint64 case_id)
{
  CkAgendaItem *item = ck_agenda_item_new (CK_AGENDA_CASE);

  item->case_id = case_id;
  return item;
}

static CkAgendaItem *
theme_item (const char *list,
            const char *code)
{
  CkAgendaItem *item = ck_agenda_item_new (CK_AGENDA_THEME);

  item->theme_list = g_strdup (list);
  item->theme_code = g_strdup (code);
  return item;
}

static CkAgendaItem *
pattern_item (const char *description,
              const char *filter)
{
  CkAgendaItem *item = ck_agenda_item_new (CK_AGENDA_PATTERN);

  item->description = g_strdup (description);
  item->filter = g_strdup (filter);
  item->figure = g_strdup ("period-counts");
  return item;
}

static CkSessionLesson *
new_lesson (const char *title,
            const char *text)
{
  CkSessionLesson *lesson = ck_session_lesson_new ();

  lesson->title = g_strdup (title);
  lesson->text = g_strdup (text);
  g_strfreev (lesson->grounds);
  lesson->grounds = g_strsplit ("herkomst", ",", -1);
  return lesson;
}

static CkSessionAction *
new_action (const char *description,
            const char *role,
            const char *due)
{
  GDate date;

  g_date_clear (&date, 1);
  if (due != NULL)
    set_date (&date, due);
  return ck_session_action_new (description, role, &date);
}

static gint64
save_full_case (CkRegister *reg)
{
  g_autoptr(CkCase) kase = ck_test_make_full_case ();
  g_autoptr(GError) error = NULL;

  g_assert_true (ck_register_save_case (reg, kase, &error));
  g_assert_no_error (error);
  return kase->id;
}

static void
test_methods_default (void)
{
  CkMethods *methods = ck_methods_get_default ();
  const CkMethod *dilemma = ck_methods_lookup (methods, "moreel_beraad");
  const CkMethod *incident = ck_methods_lookup (methods, "intervisie");
  const CkMethod *aar = ck_methods_lookup (methods, "aar");
  const char *dilemma_steps[] = { "introduction", "case", "questions", "dilemma", "perspectives",
                                  "options", "choices", "dialogue", "conclusions", "evaluation" };
  const char *aar_steps[] = { "expected", "happened", "why", "sustain_improve" };

  g_assert_cmpuint (ck_methods_get_all (methods)->len, ==, 3);
  g_assert_nonnull (dilemma);
  g_assert_nonnull (incident);
  g_assert_nonnull (aar);

  g_assert_cmpuint (dilemma->n_steps, ==, G_N_ELEMENTS (dilemma_steps));
  for (guint i = 0; i < dilemma->n_steps; i++)
    {
      g_assert_cmpstr (dilemma->steps[i].id, ==, dilemma_steps[i]);
      g_assert_nonnull (dilemma->steps[i].title);
      g_assert_nonnull (dilemma->steps[i].text);
      g_assert_cmpuint (dilemma->steps[i].minutes, >, 0);
    }
  g_assert_cmpstr (dilemma->steps[3].title, ==, "The moral question");

  g_assert_cmpuint (aar->n_steps, ==, G_N_ELEMENTS (aar_steps));
  for (guint i = 0; i < aar->n_steps; i++)
    g_assert_cmpstr (aar->steps[i].id, ==, aar_steps[i]);
  g_assert_cmpstr (aar->title, ==, "After Action Review");
  g_assert_true (ck_method_lookup_step (aar, "why") == &aar->steps[2]);
  g_assert_null (ck_method_lookup_step (aar, "dilemma"));

  /* White space in the file becomes single spaces, as xgettext reads it. */
  g_assert_null (strchr (dilemma->steps[0].text, '\n'));
  g_assert_null (strstr (dilemma->steps[0].text, "  "));

  g_assert_cmpstr (ck_methods_get_role_label (methods, "ndv"), ==, "Member of Netwerk Divers Vakmanschap");
  g_assert_cmpstr (ck_methods_get_role_label (methods, "hr"), ==, "HR");
  g_assert_cmpstr (ck_methods_get_role_label (methods, "astronaut"), ==, "astronaut");
}

static const char extra_method[] =
  "<reflection version=\"2\">"
  " <roles><role id=\"chair\"><label>Chair</label></role></roles>"
  " <method id=\"socratisch\"><title>Socratic dialogue</title><description>One question, slowly.</description>"
  "  <step id=\"question\" minutes=\"10\"><title>The question</title><text>Which question do we ask?</text></step>"
  "  <step id=\"example\" minutes=\"20\"><title>An example</title><text>Whose example do we take?</text></step>"
  " </method>"
  "</reflection>";

static void
test_methods_from_data (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (extra_method, strlen (extra_method));
  g_autoptr(GError) error = NULL;
  g_autoptr(CkMethods) methods = ck_methods_new_from_bytes (bytes, &error);
  const CkMethod *method;
  const char *broken[] = {
    /* a step without its time */
    "<reflection version=\"1\"><roles><role id=\"a\"><label>A</label></role></roles>"
    "<method id=\"m\"><title>M</title><step id=\"s\"><title>S</title><text>T</text></step></method></reflection>",
    /* a step twice */
    "<reflection version=\"1\"><roles><role id=\"a\"><label>A</label></role></roles>"
    "<method id=\"m\"><title>M</title><step id=\"s\" minutes=\"5\"><title>S</title><text>T</text></step>"
    "<step id=\"s\" minutes=\"5\"><title>S</title><text>T</text></step></method></reflection>",
    /* a step without its text */
    "<reflection version=\"1\"><roles><role id=\"a\"><label>A</label></role></roles>"
    "<method id=\"m\"><title>M</title><step id=\"s\" minutes=\"5\"><title>S</title></step></method></reflection>",
    /* no methods at all */
    "<reflection version=\"1\"><roles><role id=\"a\"><label>A</label></role></roles></reflection>",
  };

  g_assert_no_error (error);
  g_assert_cmpuint (ck_methods_get_version (methods), ==, 2);
  method = ck_methods_lookup (methods, "socratisch");
  g_assert_nonnull (method);
  g_assert_cmpuint (method->n_steps, ==, 2);
  g_assert_cmpstr (method->steps[1].id, ==, "example");
  g_assert_cmpuint (method->steps[1].minutes, ==, 20);
  g_assert_cmpstr (method->description, ==, "One question, slowly.");

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autoptr(GBytes) bad = g_bytes_new_static (broken[i], strlen (broken[i]));
      g_autoptr(CkMethods) none = ck_methods_new_from_bytes (bad, &error);

      g_assert_null (none);
      g_assert_nonnull (error);
      g_clear_error (&error);
    }
}

static void
test_crud (void)
{
  g_autofree char *dir = ck_test_make_dir ();
  g_autoptr(CkRegister) reg = ck_test_create_register (dir, "register.sqlite");
  g_autoptr(CkSession) session = new_session ("2025-03-12");
  g_autoptr(CkSession) loaded = NULL;
  g_autoptr(CkSession) bare = NULL;
  g_autoptr(CkSession) again = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  gint64 case_id = save_full_case (reg);
  gint64 theme_id, pattern_id;
  CkSessionNote *note;

  g_ptr_array_add (session->participants, ck_participant_new ("chair", "Vera Voorzitter"));
  g_ptr_array_add (session->participants, ck_participant_new ("hr", NULL));
  g_ptr_array_add (session->items, case_item (case_id));
  g_ptr_array_add (session->items, theme_item ("grounds", "leeftijd"));
  g_ptr_array_add (session->items, pattern_item ("Meer meldingen via de lijn", "channels=lijn"));
  /* Before it is stored, a note names its item by its place. */
  note = ck_session_note_new (0, "case", "Wubbo vertelde over de briefing.");
  note->about_person = TRUE;
  g_ptr_array_add (session->notes, note);
  g_ptr_array_add (session->notes, ck_session_note_new (1, "dilemma", "Melden of eerst het gesprek?"));
  g_strfreev (session->patterns);
  session->patterns = g_strsplit ("groepsapp,nachtdiensten", ",", -1);
  g_ptr_array_add (session->lessons, new_lesson ("Spreek omstanders aan", "Omstanders grijpen vaker in als de leiding het voordoet."));
  g_ptr_array_add (session->actions, new_action ("Teamgesprek plannen", "manager", "2025-04-01"));

  g_assert_true (ck_sessions_save (reg, session, &error));
  g_assert_no_error (error);
  g_assert_cmpint (session->id, >, 0);
  g_assert_cmpstr (session->unit, ==, "AMS");
  for (guint i = 0; i < session->items->len; i++)
    g_assert_cmpint (((CkAgendaItem *) session->items->pdata[i])->id, >, 0);
  g_assert_cmpint (((CkSessionLesson *) session->lessons->pdata[0])->id, >, 0);
  g_assert_cmpint (((CkSessionAction *) session->actions->pdata[0])->id, >, 0);
  theme_id = ((CkAgendaItem *) session->items->pdata[1])->id;
  pattern_id = ((CkAgendaItem *) session->items->pdata[2])->id;

  loaded = ck_sessions_load (reg, session->id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((CkParticipant *) loaded->participants->pdata[0])->name, ==, "Vera Voorzitter");
  g_assert_cmpstr (((CkParticipant *) loaded->participants->pdata[1])->role, ==, "hr");
  g_assert_null (((CkParticipant *) loaded->participants->pdata[1])->name);
  g_assert_cmpuint (loaded->items->len, ==, 3);
  g_assert_cmpint (((CkAgendaItem *) loaded->items->pdata[0])->case_id, ==, case_id);
  g_assert_cmpstr (((CkAgendaItem *) loaded->items->pdata[0])->case_reference, ==, "AMS-2024-0001");
  g_assert_cmpstr (((CkAgendaItem *) loaded->items->pdata[2])->filter, ==, "channels=lijn");
  note = ck_session_find_note (loaded, ((CkAgendaItem *) loaded->items->pdata[0])->id, "case");
  g_assert_nonnull (note);
  g_assert_cmpstr (note->text, ==, "Wubbo vertelde over de briefing.");
  g_assert_true (note->about_person);
  g_assert_nonnull (ck_session_find_note (loaded, theme_id, "dilemma"));
  g_assert_cmpstr (loaded->patterns[1], ==, "nachtdiensten");
  g_assert_cmpstr (((CkSessionLesson *) loaded->lessons->pdata[0])->text, ==,
                   "Omstanders grijpen vaker in als de leiding het voordoet.");
  g_assert_cmpint (((CkSessionLesson *) loaded->lessons->pdata[0])->state, ==, CK_LESSON_DRAFT);
  g_assert_cmpstr (((CkSessionAction *) loaded->actions->pdata[0])->owner_role, ==, "manager");

  /* Without the confidential values: roles, agenda and actions, no names,
   * notes or lesson texts; and such a session cannot overwrite them. */
  bare = ck_sessions_load (reg, session->id, FALSE, &error);
  g_assert_no_error (error);
  g_assert_false (bare->has_confidential);
  g_assert_null (((CkParticipant *) bare->participants->pdata[0])->name);
  g_assert_cmpuint (bare->notes->len, ==, 0);
  g_assert_null (((CkSessionLesson *) bare->lessons->pdata[0])->text);
  g_assert_cmpuint (bare->actions->len, ==, 1);
  g_assert_false (ck_sessions_save (reg, bare, &error));
  g_assert_error (error, CK_ERROR, CK_ERROR_INVALID);
  g_clear_error (&error);

  /* Update: the theme leaves the agenda and takes its note along; the
   * pattern keeps its id; an action is added. */
  g_free (loaded->title);
  loaded->title = g_strdup ("Voorjaarssessie");
  g_ptr_array_remove_index (loaded->items, 1);
  g_ptr_array_add (loaded->actions, new_action ("Terugkoppelen aan melder", "coordinator", NULL));
  g_assert_true (ck_sessions_save (reg, loaded, &error));
  g_assert_no_error (error);

  again = ck_sessions_load (reg, session->id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->title, ==, "Voorjaarssessie");
  g_assert_cmpuint (again->items->len, ==, 2);
  g_assert_cmpint (((CkAgendaItem *) again->items->pdata[1])->id, ==, pattern_id);
  g_assert_cmpuint (again->notes->len, ==, 1);
  g_assert_null (ck_session_find_note (again, theme_id, "dilemma"));
  g_assert_cmpuint (again->actions->len, ==, 2);
  g_assert_false (ck_date_is_set (&((CkSessionAction *) again->actions->pdata[1])->due));

  /* Of a stored session, only the notes marked changed are written. */
  note = ck_session_find_note (again, pattern_id, "options");
  g_assert_null (note);
  note = ck_session_note_new (pattern_id, "options", "Vaker de lijn spreken.");
  note->changed = TRUE;
  g_ptr_array_add (again->notes, note);
  note = ck_session_find_note (again, ((CkAgendaItem *) again->items->pdata[0])->id, "case");
  g_free (note->text);
  note->text = g_strdup ("Overschreven zonder dat het als gewijzigd is gemarkeerd.");
  g_assert_true (ck_sessions_save (reg, again, &error));
  g_assert_no_error (error);
  {
    g_autoptr(CkSession) reloaded = ck_sessions_load (reg, session->id, TRUE, &error);

    g_assert_cmpstr (ck_session_find_note (reloaded, pattern_id, "options")->text, ==, "Vaker de lijn spreken.");
    g_assert_cmpstr (ck_session_find_note (reloaded, ((CkAgendaItem *) reloaded->items->pdata[0])->id, "case")->text,
                     ==, "Wubbo vertelde over de briefing.");
  }

  rows = ck_sessions_list (reg, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (ck_session_row_get_title (rows->pdata[0]), ==, "Voorjaarssessie");
  g_assert_cmpuint (ck_session_row_get_n_items (rows->pdata[0]), ==, 2);
  g_assert_cmpuint (ck_session_row_get_n_open_actions (rows->pdata[0]), ==, 2);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Delete goes to the bin, restore brings it back, erase is for good. */
  g_assert_true (ck_sessions_delete (reg, session->id, &error));
  rows = ck_sessions_list (reg, &error);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_assert_true (ck_sessions_restore (reg, session->id, &error));
  g_assert_no_error (error);
  rows = ck_sessions_list (reg, &error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_true (ck_sessions_erase (reg, session->id, &error));
  g_assert_no_error (error);
  g_assert_null (ck_sessions_load (reg, session->id, TRUE, &error));
  g_assert_error (error, CK_ERROR, CK_ERROR_NOT_FOUND);

  ck_test_remove_dir (dir);
}

static void
test_refuses_invalid (void)
{
  g_autofree char *dir = ck_test_make_dir ();
  g_autoptr(CkRegister) reg = ck_test_create_register (dir, "register.sqlite");
  g_autoptr(GError) error = NULL;
  g_autoptr(CkSession) undated = new_session ("2025-03-12");
  g_autoptr(CkSession) unknown_method = new_session ("2025-03-12");
  g_autoptr(CkSession) unknown_role = new_session ("2025-03-12");
  g_autoptr(CkSession) no_case = new_session ("2025-03-12");
  g_autoptr(GPtrArray) rows = NULL;

  g_date_clear (&undated->date, 1);
  g_assert_false (ck_sessions_save (reg, undated, &error));
  g_assert_error (error, CK_ERROR, CK_ERROR_INVALID);
  g_assert_cmpstr (ck_error_get_field (error), ==, "date");
  g_clear_error (&error);

  g_free (unknown_method->method);
  unknown_method->method = g_strdup ("tarot");
  g_assert_false (ck_sessions_save (reg, unknown_method, &error));
  g_assert_cmpstr (ck_error_get_field (error), ==, "method");
  g_clear_error (&error);

  g_ptr_array_add (unknown_role->actions, new_action ("Iets doen", "astronaut", NULL));
  g_assert_false (ck_sessions_save (reg, unknown_role, &error));
  g_assert_cmpstr (ck_error_get_field (error), ==, "actions");
  g_clear_error (&error);

  g_ptr_array_add (no_case->items, case_item (0));
  g_assert_false (ck_sessions_save (reg, no_case, &error));
  g_assert_error (error, CK_ERROR, CK_ERROR_INVALID);
  g_clear_error (&error);

  rows = ck_sessions_list (reg, &error);
  g_assert_cmpuint (rows->len, ==, 0);
  ck_test_remove_dir (dir);
}

/* Names, notes and lesson drafts never reach the disk as they were typed. */
static void
test_encrypted_at_rest (void)
{
  g_autofree char *dir = ck_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "register.sqlite", NULL);
  g_autoptr(CkRegister) reg = ck_test_create_register (dir, "register.sqlite");
  g_autoptr(CkSession) session = new_session ("2025-03-12");
  g_autoptr(GBytes) files = NULL;
  g_autoptr(GError) error = NULL;
  CkSessionNote appended = { 0, (char *) "dilemma", (char *) "Tweede regel over Ottoline.", FALSE };
  const char *secrets[] = { "Philomena Geheimnaam", "Bartholomeus zei het", "Ottoline", "Leonora-les" };

  g_ptr_array_add (session->participants, ck_participant_new ("ndv", "Philomena Geheimnaam"));
  g_ptr_array_add (session->items, theme_item ("grounds", "herkomst"));
  g_ptr_array_add (session->notes, ck_session_note_new (0, "dilemma", "Bartholomeus zei het hardop."));
  g_ptr_array_add (session->lessons, new_lesson ("Leonora-les", "Een les met een naam erin."));
  g_assert_true (ck_sessions_save (reg, session, &error));
  g_assert_no_error (error);

  appended.item_id = ((CkAgendaItem *) session->items->pdata[0])->id;
  g_assert_true (ck_sessions_put_note (reg, &appended, TRUE, &error));
  g_assert_no_error (error);
  {
    g_autoptr(CkSession) loaded = ck_sessions_load (reg, session->id, TRUE, &error);

    g_assert_cmpstr (ck_session_find_note (loaded, appended.item_id, "dilemma")->text, ==,
                     "Bartholomeus zei het hardop.\nTweede regel over Ottoline.");
  }

  files = ck_test_read_register_files (path);
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    g_assert_false (ck_test_bytes_contain (files, secrets[i], strlen (secrets[i])));

  ck_test_remove_dir (dir);
}

static CkSession *
save_session (CkRegister *reg,
              CkSession  *session)
{
  g_autoptr(GError) error = NULL;

  ck_sessions_save (reg, session, &error);
  g_assert_no_error (error);
  return session;
}

/* Open actions of earlier sessions come back at the next session, until
 * they are done. */
static void
test_actions_carried_over (void)
{
  g_autofree char *dir = ck_test_make_dir ();
  g_autoptr(CkRegister) reg = ck_test_create_register (dir, "register.sqlite");
  g_autoptr(CkSession) first = new_session ("2025-01-10");
  g_autoptr(CkSession) second = new_session ("2025-03-10");
  g_autoptr(CkSession) third = new_session ("2025-05-10");
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(CkTextCheck) check = ck_text_check_new ();
  g_autoptr(CkMeetingPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  CkSessionAction *done;
  GDate today;

  g_ptr_array_add (first->actions, new_action ("Teamgesprek B03 plannen", "manager", "2025-02-01"));
  done = new_action ("Herstelaanbod nagaan", "vik", "2025-02-15");
  done->status = CK_ACTION_DONE;
  g_ptr_array_add (first->actions, done);
  g_ptr_array_add (first->actions, new_action ("Werkwijze triage toelichten", "triage", NULL));
  save_session (reg, first);
  g_ptr_array_add (second->actions, new_action ("Training omstanders", "hr", "2025-06-01"));
  save_session (reg, second);
  save_session (reg, third);

  open = ck_sessions_list_open_actions (reg, &second->date, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 2);
  g_assert_cmpstr (((CkSessionAction *) open->pdata[0])->description, ==, "Teamgesprek B03 plannen");
  g_assert_cmpstr (((CkSessionAction *) open->pdata[1])->description, ==, "Werkwijze triage toelichten");
  g_assert_cmpint (g_date_compare (&((CkSessionAction *) open->pdata[0])->session_date, &first->date), ==, 0);
  g_clear_pointer (&open, g_ptr_array_unref);

  /* The third session sees those of both before it… */
  set_date (&today, "2025-05-10");
  plan = ck_sessions_load_meeting (reg, third->id, &today, check, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->open_actions->len, ==, 3);
  g_assert_cmpstr (((CkMeetingAction *) plan->open_actions->pdata[0])->description, ==, "Teamgesprek B03 plannen");
  g_assert_cmpstr (((CkMeetingAction *) plan->open_actions->pdata[1])->description, ==, "Training omstanders");
  g_clear_pointer (&plan, ck_meeting_plan_free);

  /* …until one is done. */
  g_assert_true (ck_sessions_set_action_status (reg, ((CkSessionAction *) first->actions->pdata[0])->id,
                                                CK_ACTION_DONE, &error));
  g_assert_no_error (error);
  plan = ck_sessions_load_meeting (reg, third->id, &today, check, &error);
  g_assert_cmpuint (plan->open_actions->len, ==, 2);
  g_assert_cmpstr (((CkMeetingAction *) plan->open_actions->pdata[0])->description, ==, "Training omstanders");

  ck_test_remove_dir (dir);
}

static void
test_attention (void)
{
  g_autofree char *dir = ck_test_make_dir ();
  g_autoptr(CkRegister) reg = ck_test_create_register (dir, "register.sqlite");
  g_autoptr(CkSession) session = new_session ("2026-02-01");
  g_autoptr(CkSession) deleted = new_session ("2026-02-20");
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  CkSessionAction *done;
  CkAttentionItem *item;
  GDate today;

  g_ptr_array_add (session->actions, new_action ("Teamgesprek plannen", "hr", "2026-03-01"));
  g_ptr_array_add (session->actions, new_action ("Herstel evalueren", "vik", "2026-03-20"));
  g_ptr_array_add (session->actions, new_action ("Beleid herzien", "manager", "2026-05-01"));
  done = new_action ("Al gedaan", "hr", "2026-02-15");
  done->status = CK_ACTION_DONE;
  g_ptr_array_add (session->actions, done);
  g_ptr_array_add (session->actions, new_action ("Ooit", "member", NULL));
  save_session (reg, session);
  g_ptr_array_add (deleted->actions, new_action ("Weggegooid", "hr", "2026-02-25"));
  save_session (reg, deleted);
  g_assert_true (ck_sessions_delete (reg, deleted->id, &error));

  set_date (&today, "2026-03-10");
  items = ck_sessions_get_attention (reg, &today, 14, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 2);

  item = items->pdata[0];
  g_assert_cmpint (item->kind, ==, CK_ATTENTION_ACTION);
  g_assert_cmpint (item->days_overdue, ==, 9);
  g_assert_cmpstr (item->title, ==, "HR: Teamgesprek plannen");
  g_assert_cmpstr (item->subject, ==, "Reflection session of 2026-02-01");
  g_assert_cmpint (item->target_id, ==, ((CkSessionAction *) session->actions->pdata[0])->id);
  g_assert_cmpint (g_date_get_day (&item->due), ==, 1);

  item = items->pdata[1];
  g_assert_cmpint (item->days_overdue, ==, -10);
  g_assert_cmpstr (item->title, ==, "VIK (safety, integrity and complaints): Herstel evalueren");
  g_clear_pointer (&items, g_ptr_array_unref);

  /* A longer horizon takes in the one due in May. */
  items = ck_sessions_get_attention (reg, &today, 60, &error);
  g_assert_cmpuint (items->len, ==, 3);

  ck_test_remove_dir (dir);
}

static CkCase *
fixture_case (const char *kind,
              const char *report,
              const char *status,
              const char *triage,
              const char *feedback,
              const char *disposal,
              const char *grounds,
              const char *channel)
{
  CkCase *kase = ck_case_new ();

  kase->unit = g_strdup ("AMS");
  kase->kind = g_strdup (kind);
  kase->status = g_strdup (status);
  kase->channel = g_strdup (channel);
  kase->reporter_role = g_strdup ("slachtoffer");
  set_date (&kase->report_date, report);
  if (triage != NULL)
    set_date (&kase->triage_date, triage);
  if (feedback != NULL)
    set_date (&kase->last_feedback_date, feedback);
  if (disposal != NULL)
    set_date (&kase->disposal_date, disposal);
  g_strfreev (kase->grounds);
  kase->grounds = g_strsplit (grounds, ",", -1);
  g_strfreev (kase->manifestations);
  kase->manifestations = g_strsplit ("uitlating", ",", -1);
  kase->has_confidential = TRUE;
  kase->reporter_name = g_strdup ("Fixture Melder");
  return kase;
}

static const char *
reference_of (CkRegister *reg,
              gint64      id)
{
  static char reference[32];
  g_autoptr(CkCase) kase = ck_register_get_case (reg, id, FALSE, NULL);

  g_strlcpy (reference, kase->reference, sizeof reference);
  return reference;
}

/* Eight cases around a period from 1 April to 30 June 2025 (the last
 * session was on 31 March), each built to raise known signs. */
static void
test_suggest (void)
{
  g_autofree char *dir = ck_test_make_dir ();
  g_autoptr(CkRegister) reg = ck_test_create_register (dir, "register.sqlite");
  g_autoptr(CkSession) before = new_session ("2025-03-31");
  g_autoptr(CkSession) session = new_session ("2025-06-30");
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func ((GDestroyNotify) ck_case_free);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  CkCase *kase;
  GDate today, from, to;
  struct { guint kase; const char *reasons; } expected[] = {
    { 1, "sensitive,long_open,not_informed,no_restoration" },
    { 8, "long_open,no_triage,not_informed" },
    { 3, "no_triage,not_informed,new" },
    { 6, "no_restoration" },
    { 2, "new" },
    { 5, "new" },
  };
  const char *patterns[] = { "grounds=herkomst", "manifestations=uitlating", "grounds=geslacht" };

  /* 1: open since January, sensitive, last told anything in February. */
  kase = fixture_case ("melding", "2025-01-10", "in_behandeling", "2025-01-20", "2025-02-01", NULL, "geslacht", "lijn");
  kase->sensitive = TRUE;
  g_ptr_array_add (cases, kase);
  /* 2: an anonymous signal in May. */
  kase = fixture_case ("signaal", "2025-05-01", "nieuw", NULL, NULL, NULL, "herkomst", "lijn");
  g_free (kase->reporter_role);
  kase->reporter_role = g_strdup ("anoniem");
  g_ptr_array_add (cases, kase);
  /* 3: a report in April, no triage, no feedback. */
  g_ptr_array_add (cases, fixture_case ("melding", "2025-04-15", "nieuw", NULL, NULL, NULL, "herkomst", "vik"));
  /* 4: closed in February: nothing to do with this period. */
  kase = fixture_case ("klacht", "2024-11-01", "gesloten", "2024-11-10", "2025-02-15", "2025-02-15", "herkomst", "lijn");
  kase->finding = g_strdup ("gegrond");
  kase->restoration_offered = CK_TRISTATE_YES;
  g_ptr_array_add (cases, kase);
  /* 5: in May, triaged, informed, restoration offered. */
  kase = fixture_case ("melding", "2025-05-20", "in_behandeling", "2025-05-25", "2025-05-26", NULL, "herkomst", "lijn");
  kase->restoration_offered = CK_TRISTATE_YES;
  g_ptr_array_add (cases, kase);
  /* 6: disposed of in May without restoration being offered. */
  kase = fixture_case ("melding", "2025-02-01", "afgedaan", "2025-02-05", "2025-05-01", "2025-05-01", "geslacht", "lijn");
  kase->finding = g_strdup ("gegrond");
  ck_case_add_measure (kase, "correctief_gesprek", FALSE);
  kase->restoration_offered = CK_TRISTATE_NO;
  g_ptr_array_add (cases, kase);
  /* 7: five days old: too new for triage or feedback to be late. */
  g_ptr_array_add (cases, fixture_case ("melding", "2025-06-25", "nieuw", NULL, NULL, NULL, "herkomst,leeftijd", "lijn"));
  /* 8: waiting for triage since December. */
  g_ptr_array_add (cases, fixture_case ("melding", "2024-12-01", "triage", NULL, NULL, NULL, "overig", "lijn"));
  g_assert_true (ck_register_insert_cases (reg, cases, &error));
  g_assert_no_error (error);

  save_session (reg, before);
  g_assert_true (ck_sessions_get_period (reg, &session->date, &from, &to, &error));
  g_assert_cmpint (g_date_get_month (&from), ==, 4);
  g_assert_cmpint (g_date_get_day (&from), ==, 1);
  g_assert_cmpint (g_date_compare (&to, &session->date), ==, 0);

  set_date (&today, "2025-06-30");
  items = ck_sessions_suggest (reg, session, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, G_N_ELEMENTS (expected) + G_N_ELEMENTS (patterns));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      CkAgendaItem *item = items->pdata[i];
      CkCase *wanted = cases->pdata[expected[i].kase - 1];
      g_autofree char *reasons = g_strjoinv (",", item->reasons);

      g_assert_cmpint (item->kind, ==, CK_AGENDA_CASE);
      g_assert_cmpint (item->case_id, ==, wanted->id);
      g_assert_cmpstr (item->case_reference, ==, reference_of (reg, wanted->id));
      g_assert_cmpstr (reasons, ==, expected[i].reasons);
    }
  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    {
      CkAgendaItem *item = items->pdata[G_N_ELEMENTS (expected) + i];

      g_assert_cmpint (item->kind, ==, CK_AGENDA_PATTERN);
      g_assert_cmpstr (item->filter, ==, patterns[i]);
      g_assert_cmpstr (item->reasons[0], ==, "changed");
    }
  g_assert_cmpstr (((CkAgendaItem *) items->pdata[6])->description, ==,
                   "Ground: Origin, race or skin colour: 4 cases in this period, 0 in the period before");
  g_clear_pointer (&items, g_ptr_array_unref);

  /* What is on the agenda already is not suggested again: case 7 moves up. */
  g_ptr_array_add (session->items, case_item (((CkCase *) cases->pdata[2])->id));
  g_ptr_array_add (session->items, theme_item ("grounds", "herkomst"));
  items = ck_sessions_suggest (reg, session, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((CkAgendaItem *) items->pdata[2])->case_id, ==, ((CkCase *) cases->pdata[5])->id);
  g_assert_cmpint (((CkAgendaItem *) items->pdata[5])->case_id, ==, ((CkCase *) cases->pdata[6])->id);
  g_assert_cmpstr (((CkAgendaItem *) items->pdata[6])->filter, ==, "manifestations=uitlating");

  ck_test_remove_dir (dir);
}

static void
test_period_counts (void)
{
  g_autofree char *dir = ck_test_make_dir ();
  g_autoptr(CkRegister) reg = ck_test_create_register (dir, "register.sqlite");
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func ((GDestroyNotify) ck_case_free);
  g_autoptr(GPtrArray) counts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *list = NULL;
  g_autofree char *code = NULL;
  const CkPeriodCount *count;
  CkStorage *storage;
  CkCase *kase;
  GDate from, to;

  g_ptr_array_add (cases, fixture_case ("melding", "2025-02-10", "nieuw", NULL, NULL, NULL, "herkomst", "vik"));
  g_ptr_array_add (cases, fixture_case ("melding", "2025-02-11", "nieuw", NULL, NULL, NULL, "herkomst,leeftijd", "vik"));
  kase = fixture_case ("melding", "2025-01-05", "nieuw", NULL, NULL, NULL, "herkomst", "lijn");
  kase->team = g_strdup ("B03");
  g_ptr_array_add (cases, kase);
  g_ptr_array_add (cases, fixture_case ("melding", "2024-11-30", "nieuw", NULL, NULL, NULL, "herkomst", "lijn"));
  g_assert_true (ck_register_insert_cases (reg, cases, &error));

  set_date (&from, "2025-02-01");
  set_date (&to, "2025-02-28");
  storage = ck_register_acquire (reg);
  counts = ck_session_stats_count (storage, &from, &to, &error);
  ck_register_release (reg);
  g_assert_no_error (error);

  count = ck_session_stats_find (counts, "grounds", "herkomst");
  g_assert_cmpuint (count->current, ==, 2);
  g_assert_cmpuint (count->previous, ==, 1);
  count = ck_session_stats_find (counts, "channels", "vik");
  g_assert_cmpuint (count->current, ==, 2);
  g_assert_cmpuint (count->previous, ==, 0);
  count = ck_session_stats_find (counts, "team", "B03");
  g_assert_cmpuint (count->current, ==, 0);
  g_assert_cmpuint (count->previous, ==, 1);
  g_assert_null (ck_session_stats_find (counts, "grounds", "geslacht"));

  /* The same counts for a session on the last day of the period, whose
   * session before was on the day before the period. */
  {
    g_autoptr(CkSession) before = new_session ("2025-01-31");
    g_autoptr(GPtrArray) period = NULL;
    GDate date;

    save_session (reg, before);
    set_date (&date, "2025-02-28");
    period = ck_sessions_count_period (reg, &date, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (ck_session_stats_find (period, "grounds", "herkomst")->current, ==, 2);
    g_assert_cmpuint (ck_session_stats_find (period, "grounds", "leeftijd")->current, ==, 1);
  }

  g_assert_true (ck_session_stats_parse_filter ("team=B03", &list, &code));
  g_assert_cmpstr (list, ==, "team");
  g_assert_cmpstr (code, ==, "B03");
  g_assert_false (ck_session_stats_parse_filter ("colour=blue", &list, &code));
  g_assert_false (ck_session_stats_parse_filter ("grounds=", &list, &code));

  ck_test_remove_dir (dir);
}

static void
test_release_and_withdraw (void)
{
  g_autofree char *dir = ck_test_make_dir ();
  g_autoptr(CkRegister) reg = ck_test_create_register (dir, "register.sqlite");
  g_autoptr(CkSession) session = new_session ("2025-03-12");
  g_autoptr(CkTextCheck) check = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) shared = NULL;
  g_autoptr(GListModel) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *replica = NULL;
  g_autofree char *shared_id = NULL;
  CkSessionLesson *lesson;
  CkSharedLesson *released;
  CkStorage *storage;
  GDate today;

  save_full_case (reg);
  check = ck_sessions_new_text_check (reg, &error);
  g_assert_no_error (error);

  lesson = new_lesson ("Omstanders aanspreken", "Toen Xandra het meldde, bleef het team stil. Bel 06-12345678.");
  g_free (lesson->theme);
  lesson->theme = g_strdup ("omstanders");
  g_ptr_array_add (session->lessons, lesson);
  save_session (reg, session);

  /* The check finds the name from the register and the phone number… */
  findings = ck_sessions_check_lesson (lesson, check);
  g_assert_cmpuint (findings->len, ==, 2);
  g_assert_cmpstr (((CkLessonFinding *) findings->pdata[0])->field, ==, "text");
  g_assert_cmpint (((CkLessonFinding *) findings->pdata[0])->finding->kind, ==, CK_FINDING_NAME);
  g_assert_cmpint (((CkLessonFinding *) findings->pdata[1])->finding->kind, ==, CK_FINDING_PHONE);

  /* …and release refuses it, whoever asks. */
  set_date (&today, "2025-03-12");
  g_assert_false (ck_sessions_release_lesson (reg, lesson->id, check, &today, &error));
  g_assert_error (error, CK_ERROR, CK_ERROR_INVALID);
  g_clear_error (&error);
  storage = ck_register_acquire (reg);
  shared = ck_shared_store_list_lessons (storage, NULL, FALSE, &error);
  ck_register_release (reg);
  g_assert_cmpuint (shared->len, ==, 0);
  g_clear_pointer (&shared, g_ptr_array_unref);

  g_free (lesson->text);
  lesson->text = g_strdup ("Als niemand ingrijpt, voelt de melder zich alleen. Spreek omstanders aan.");
  save_session (reg, session);
  g_assert_true (ck_sessions_release_lesson (reg, lesson->id, check, &today, &error));
  g_assert_no_error (error);

  replica = ck_register_dup_replica_id (reg);
  storage = ck_register_acquire (reg);
  shared = ck_shared_store_list_lessons (storage, NULL, TRUE, &error);
  ck_register_release (reg);
  g_assert_cmpuint (shared->len, ==, 1);
  released = shared->pdata[0];
  g_assert_cmpuint (strlen (released->id), ==, 32);
  g_assert_cmpstr (released->unit, ==, "AMS");
  g_assert_cmpstr (released->replica, ==, replica);
  g_assert_cmpuint (released->rev, ==, 1);
  g_assert_cmpint (released->year, ==, 2025);
  g_assert_cmpint (released->quarter, ==, 1);
  g_assert_cmpstr (released->theme, ==, "omstanders");
  g_assert_cmpstr (released->grounds[0], ==, "herkomst");
  shared_id = g_strdup (released->id);
  g_clear_pointer (&shared, g_ptr_array_unref);

  rows = ck_sessions_list_lessons (reg, &error);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  {
    g_autoptr(CkLessonRow) row = g_list_model_get_item (rows, 0);

    g_assert_true (ck_lesson_row_is_own (row));
    g_assert_true (ck_lesson_row_matches (row, "OMSTANDERS", "herkomst", NULL));
    g_assert_true (ck_lesson_row_matches (row, "origin", NULL, NULL));
    g_assert_false (ck_lesson_row_matches (row, NULL, "leeftijd", NULL));
    g_assert_false (ck_lesson_row_matches (row, "omstanders rooster", NULL, NULL));
  }

  /* A released lesson's text is what was checked: saving leaves it. */
  g_free (lesson->text);
  lesson->text = g_strdup ("Gewijzigd na vrijgave door Xandra.");
  save_session (reg, session);
  {
    g_autoptr(CkSession) loaded = ck_sessions_load (reg, session->id, TRUE, &error);
    CkSessionLesson *stored = loaded->lessons->pdata[0];

    g_assert_cmpint (stored->state, ==, CK_LESSON_RELEASED);
    g_assert_cmpstr (stored->text, ==, "Als niemand ingrijpt, voelt de melder zich alleen. Spreek omstanders aan.");
  }

  /* Withdrawn: gone from the shared lessons, marked in the session. */
  g_assert_true (ck_sessions_withdraw_lesson (reg, lesson->id, &error));
  g_assert_no_error (error);
  storage = ck_register_acquire (reg);
  shared = ck_shared_store_list_lessons (storage, NULL, FALSE, &error);
  ck_register_release (reg);
  g_assert_cmpuint (shared->len, ==, 0);
  g_clear_pointer (&shared, g_ptr_array_unref);
  {
    g_autoptr(CkSession) loaded = ck_sessions_load (reg, session->id, TRUE, &error);
    CkSessionLesson *stored = loaded->lessons->pdata[0];

    g_assert_cmpint (stored->state, ==, CK_LESSON_WITHDRAWN);
    g_assert_cmpuint (stored->shared_rev, ==, 2);
  }
  g_assert_false (ck_sessions_withdraw_lesson (reg, lesson->id, &error));
  g_assert_error (error, CK_ERROR, CK_ERROR_INVALID);
  g_clear_error (&error);

  /* Released again under the same id, a revision higher. */
  g_free (lesson->text);
  lesson->text = g_strdup ("Spreek omstanders aan, en vraag de melder wat helpt.");
  save_session (reg, session);
  g_assert_true (ck_sessions_release_lesson (reg, lesson->id, check, &today, &error));
  storage = ck_register_acquire (reg);
  shared = ck_shared_store_list_lessons (storage, NULL, TRUE, &error);
  ck_register_release (reg);
  g_assert_cmpuint (shared->len, ==, 1);
  g_assert_cmpstr (((CkSharedLesson *) shared->pdata[0])->id, ==, shared_id);
  g_assert_cmpuint (((CkSharedLesson *) shared->pdata[0])->rev, ==, 3);
  g_clear_pointer (&shared, g_ptr_array_unref);

  /* Erasing the session withdraws what it released. */
  g_assert_true (ck_sessions_erase (reg, session->id, &error));
  storage = ck_register_acquire (reg);
  shared = ck_shared_store_list_lessons (storage, NULL, FALSE, &error);
  ck_register_release (reg);
  g_assert_cmpuint (shared->len, ==, 0);

  ck_test_remove_dir (dir);
}

static gboolean
text_contains_any (const char         *text,
                   const char * const *values)
{
  for (guint i = 0; values[i] != NULL; i++)
    if (strstr (text, values[i]) != NULL)
      return TRUE;

  return FALSE;
}

/* The meeting's plan has the facts of the cases and checked free text
 * only. */
static void
test_meeting_plan_without_confidential (void)
{
  g_autofree char *dir = ck_test_make_dir ();
  g_autoptr(CkRegister) reg = ck_test_create_register (dir, "register.sqlite");
  g_autoptr(CkSession) earlier = new_session ("2024-03-01");
  g_autoptr(CkSession) session = new_session ("2025-03-12");
  g_autoptr(CkTextCheck) check = NULL;
  g_autoptr(CkMeetingPlan) plan = NULL;
  g_autoptr(CkCase) full = ck_test_make_full_case ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) shown = g_string_new (NULL);
  gint64 case_id = save_full_case (reg);
  const char *secrets[] = {
    "Xandra", "Testmelder", "7654321", "xandra@example.org", "Yorick", "Testbetrokkene", "1234567",
    "Zeno", "DOSSIER-TEST-1", "Geheim verhaal", "Quirinus", "Notitie over", "Vera Voorzitter", NULL,
  };
  CkMeetingItem *item;
  GDate today;

  g_ptr_array_add (earlier->actions, new_action ("Yorick bellen", "manager", "2025-02-01"));
  g_ptr_array_add (earlier->actions, new_action ("Teamgesprek voeren", "manager", "2025-02-01"));
  save_session (reg, earlier);

  session->title = g_strdup ("Sessie, vragen: 020 123 4567");
  g_ptr_array_add (session->participants, ck_participant_new ("chair", "Vera Voorzitter"));
  g_ptr_array_add (session->items, case_item (case_id));
  g_ptr_array_add (session->items, pattern_item ("Wat Xandra overkwam, zagen we vaker", "grounds=herkomst"));
  g_ptr_array_add (session->items, theme_item ("grounds", "herkomst"));
  g_ptr_array_add (session->notes, ck_session_note_new (0, "case", "Notitie over Quirinus"));
  save_session (reg, session);

  check = ck_sessions_new_text_check (reg, &error);
  g_assert_no_error (error);
  set_date (&today, "2025-03-12");
  plan = ck_sessions_load_meeting (reg, session->id, &today, check, &error);
  g_assert_no_error (error);

  g_assert_null (plan->title);
  g_assert_cmpuint (plan->n_withheld, ==, 3);
  g_assert_cmpstr (plan->roles[0], ==, "chair");
  g_assert_cmpstr (plan->method->id, ==, "moreel_beraad");
  g_assert_cmpuint (plan->items->len, ==, 3);

  item = plan->items->pdata[0];
  g_assert_cmpstr (item->title, ==, "Case 1");
  g_assert_nonnull (item->facts);
  g_assert_cmpint (item->facts->year, ==, 2024);
  g_assert_cmpint (item->facts->quarter, ==, 1);
  g_assert_cmpint (item->facts->days_to_triage, ==, 11);
  rows = ck_meeting_facts_get_rows (item->facts, FALSE);
  for (guint i = 0; i < rows->len; i++)
    g_string_append_printf (shown, "%s: %s\n", ((CkFactRow *) rows->pdata[i])->label,
                            ((CkFactRow *) rows->pdata[i])->value);
  g_assert_nonnull (strstr (shown->str, "Triage: Disciplinary investigation, after 11 days"));
  g_assert_nonnull (strstr (shown->str, "Measures: Educational measure, Written reprimand (conditional)"));

  item = plan->items->pdata[1];
  g_assert_null (item->title);
  g_assert_true (item->has_counts);
  item = plan->items->pdata[2];
  g_assert_cmpstr (item->title, ==, "Ground: Origin, race or skin colour");
  g_assert_true (item->has_counts);
  g_assert_cmpuint (item->current, ==, 1);
  g_assert_cmpuint (item->previous, ==, 0);

  g_assert_cmpuint (plan->open_actions->len, ==, 2);
  g_assert_null (((CkMeetingAction *) plan->open_actions->pdata[0])->description);
  g_assert_cmpstr (((CkMeetingAction *) plan->open_actions->pdata[1])->description, ==, "Teamgesprek voeren");

  for (guint i = 0; i < plan->items->len; i++)
    {
      item = plan->items->pdata[i];
      if (item->title != NULL)
        g_string_append_printf (shown, "%s\n", item->title);
    }
  g_assert_false (text_contains_any (shown->str, secrets));

  /* Facts are made only of a case loaded without its secrets. */
  g_test_expect_message (NULL, G_LOG_LEVEL_CRITICAL, "*has_confidential*");
  g_assert_null (ck_meeting_facts_new_from_case (full, &today));
  g_test_assert_expected_messages ();

  ck_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sessions/methods/default", test_methods_default);
  g_test_add_func ("/sessions/methods/from-data", test_methods_from_data);
  g_test_add_func ("/sessions/crud", test_crud);
  g_test_add_func ("/sessions/refuses-invalid", test_refuses_invalid);
  g_test_add_func ("/sessions/encrypted-at-rest", test_encrypted_at_rest);
  g_test_add_func ("/sessions/actions/carried-over", test_actions_carried_over);
  g_test_add_func ("/sessions/actions/attention", test_attention);
  g_test_add_func ("/sessions/suggest/known-answer", test_suggest);
  g_test_add_func ("/sessions/suggest/period-counts", test_period_counts);
  g_test_add_func ("/sessions/lessons/release-and-withdraw", test_release_and_withdraw);
  g_test_add_func ("/sessions/meeting/plan-without-confidential", test_meeting_plan_without_confidential);

  return g_test_run ();
}
