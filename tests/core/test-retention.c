/* test-retention.c: the retention term of personal data
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <sqlite3.h>

#include "ck-anonymiser.h"
#include "ck-audit.h"
#include "ck-case.h"
#include "ck-date.h"
#include "ck-error.h"
#include "ck-record-file.h"
#include "ck-register.h"
#include "ck-retention.h"
#include "ck-sessions.h"
#include "ck-shared-record.h"
#include "ck-test-util.h"

typedef struct
{
  char       *dir;
  CkRegister *reg;
  GDate       today;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = ck_test_make_dir ();
  f->reg = ck_test_create_register (f->dir, "register.sqlite");
  ck_date_set_today (&f->today);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->reg);
  ck_test_remove_dir (f->dir);
  g_free (f->dir);
}

/* A case with every field set, all its dates on one day @years_ago years
 * and @days_ago days before today, with @status. */
static gint64
add_case (Fixture    *f,
          int         years_ago,
          int         days_ago,
          const char *status)
{
  g_autoptr(CkCase) kase = ck_test_make_full_case ();
  g_autoptr(GError) error = NULL;
  GDate day = f->today;

  g_date_subtract_years (&day, years_ago);
  if (days_ago >= 0)
    g_date_subtract_days (&day, days_ago);
  else
    g_date_add_days (&day, -days_ago);
  kase->incident_date = kase->report_date = kase->triage_date = day;
  kase->disposal_date = kase->last_feedback_date = day;
  kase->acknowledged_date = kase->outcome_informed_date = day;
  g_free (kase->status);
  kase->status = g_strdup (status);
  if (!ck_case_is_closed (kase))
    {
      g_date_clear (&kase->disposal_date, 1);
      g_date_clear (&kase->outcome_informed_date, 1);
      g_clear_pointer (&kase->finding, g_free);
      g_array_set_size (kase->measures, 0);
    }

  g_assert_true (ck_register_save_case (f->reg, kase, &error));
  g_assert_no_error (error);
  return kase->id;
}

static GBytes *
read_blob (const char *path,
           const char *sql,
           gint64      id)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GBytes *blob = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    blob = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return blob;
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static GBytes *
encode_record (Fixture *f,
               gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CkCase) kase = ck_register_get_case (f->reg, id, FALSE, &error);
  g_autoptr(CkSharedRecord) record = NULL;

  g_assert_no_error (error);
  record = ck_anonymise_case (kase, "0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210", 1);
  return ck_record_file_encode (record);
}

static void
test_term_stored (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CkRegister) again = NULL;
  g_autofree char *path = g_strdup (ck_register_get_path (f->reg));

  g_assert_cmpint (ck_retention_get_years (f->reg), ==, CK_RETENTION_DEFAULT_YEARS);
  g_assert_cmpint (CK_RETENTION_DEFAULT_YEARS, ==, 5);

  g_assert_false (ck_retention_set_years (f->reg, 0, &error));
  g_assert_error (error, CK_ERROR, CK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ck_retention_set_years (f->reg, 31, &error));
  g_assert_error (error, CK_ERROR, CK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (ck_retention_get_years (f->reg), ==, 5);

  g_assert_true (ck_retention_set_years (f->reg, 30, &error));
  g_assert_no_error (error);
  g_assert_true (ck_retention_set_years (f->reg, 7, &error));

  /* Another process (the command line) reads the same term. */
  g_clear_object (&f->reg);
  again = ck_register_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ck_retention_get_years (again), ==, 7);
  f->reg = g_steal_pointer (&again);
}

static void
test_due_and_apply (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) due = NULL;
  g_autoptr(GArray) soon = NULL;
  g_autoptr(CkCase) erased = NULL;
  g_autoptr(CkCase) kept = NULL;
  g_autoptr(CkCase) open = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GBytes) wrapped_key = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GBytes) files = NULL;
  g_autoptr(GBytes) record_before = NULL;
  g_autoptr(GBytes) record_after = NULL;
  const CkAuditEntry *last;
  gint64 six_years, four_years, open_case, almost;
  guint n_rows, n_erased = 99, changes = 0;
  GDate erase_on, expected;

  six_years = add_case (f, 6, 0, "afgedaan");
  four_years = add_case (f, 4, 0, "gesloten");
  open_case = add_case (f, 10, 0, "in_behandeling");
  almost = add_case (f, 5, -10, "gesloten");   /* past its term in 10 days */
  n_rows = g_list_model_get_n_items (ck_register_get_cases (f->reg));

  /* The editor's date: five years after the disposal. */
  g_assert_true (ck_retention_get_erase_date (f->reg, four_years, &erase_on, &error));
  expected = f->today;
  g_date_subtract_years (&expected, 4);
  g_date_add_years (&expected, 5);
  g_assert_cmpint (g_date_compare (&erase_on, &expected), ==, 0);
  g_assert_false (ck_retention_get_erase_date (f->reg, open_case, &erase_on, &error));
  g_assert_no_error (error);

  due = ck_retention_list_due (f->reg, &f->today, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 1);
  g_assert_cmpint (g_array_index (due, CkRetentionItem, 0).case_id, ==, six_years);
  soon = ck_retention_list_due (f->reg, &f->today, 30, &error);
  g_assert_cmpuint (soon->len, ==, 2);
  g_assert_cmpint (g_array_index (soon, CkRetentionItem, 1).case_id, ==, almost);

  wrapped_key = read_blob (ck_register_get_path (f->reg), "SELECT wrapped_key FROM case_seals WHERE case_id = ?", six_years);
  sealed = read_blob (ck_register_get_path (f->reg), "SELECT sealed FROM case_seals WHERE case_id = ?", six_years);
  g_assert_nonnull (wrapped_key);
  g_assert_nonnull (sealed);
  files = ck_test_read_register_files (ck_register_get_path (f->reg));
  g_assert_true (ck_test_bytes_contain (files, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed)));
  g_clear_pointer (&files, g_bytes_unref);
  record_before = encode_record (f, six_years);

  {
    gulong handler = g_signal_connect_swapped (f->reg, "changed", G_CALLBACK (count_cb), &changes);

    g_assert_true (ck_retention_apply (f->reg, &f->today, &n_erased, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n_erased, ==, 1);
    g_assert_cmpuint (changes, ==, 1);

    /* Idempotent: nothing more to erase, and nothing to tell. */
    g_assert_true (ck_retention_apply (f->reg, &f->today, &n_erased, NULL, &error));
    g_assert_cmpuint (n_erased, ==, 0);
    g_assert_cmpuint (changes, ==, 1);
    g_signal_handler_disconnect (f->reg, handler);
  }

  /* The seal and the key are gone from the file and the WAL. */
  files = ck_test_read_register_files (ck_register_get_path (f->reg));
  g_assert_false (ck_test_bytes_contain (files, g_bytes_get_data (wrapped_key, NULL), g_bytes_get_size (wrapped_key)));
  g_assert_false (ck_test_bytes_contain (files, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed)));

  /* The case is still listed and still the same record for the others. */
  g_assert_cmpuint (g_list_model_get_n_items (ck_register_get_cases (f->reg)), ==, n_rows);
  record_after = encode_record (f, six_years);
  g_assert_true (g_bytes_equal (record_before, record_after));

  erased = ck_register_get_case (f->reg, six_years, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (erased->has_confidential);
  g_assert_null (erased->reporter_name);
  g_assert_null (erased->narrative);
  g_assert_null (erased->notes);
  g_assert_cmpstr (erased->triage_route, ==, "disciplinair");
  g_assert_cmpint (g_date_compare (&erased->personal_data_erased_on, &f->today), ==, 0);
  g_assert_false (ck_retention_get_erase_date (f->reg, six_years, &erase_on, &error));

  kept = ck_register_get_case (f->reg, four_years, TRUE, &error);
  g_assert_cmpstr (kept->reporter_name, ==, "Xandra Testmelder");
  g_assert_false (ck_date_is_set (&kept->personal_data_erased_on));
  open = ck_register_get_case (f->reg, open_case, TRUE, &error);
  g_assert_cmpstr (open->narrative, ==, "Geheim verhaal: Quirinus zei iets kwetsends.");

  /* The history says what happened, and no value. */
  history = ck_register_get_history (f->reg, six_years, &error);
  g_assert_no_error (error);
  last = history->pdata[history->len - 1];
  g_assert_cmpstr (last->action, ==, "personal_data_erased");
  g_assert_null (last->old_value);
  g_assert_null (last->new_value);
}

static void
test_erased_case_saves (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CkCase) kase = NULL;
  g_autoptr(CkCase) again = NULL;
  gint64 id = add_case (f, 8, 0, "gesloten");
  guint n_erased;

  g_assert_true (ck_retention_apply (f->reg, &f->today, &n_erased, NULL, &error));
  g_assert_cmpuint (n_erased, ==, 1);

  /* Saving the case as the editor shows it (empty fields) works. */
  kase = ck_register_get_case (f->reg, id, TRUE, &error);
  g_assert_no_error (error);
  g_free (kase->team);
  kase->team = g_strdup ("C07");
  g_assert_true (ck_register_save_case (f->reg, kase, &error));
  g_assert_no_error (error);

  again = ck_register_get_case (f->reg, id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->team, ==, "C07");
  g_assert_true (ck_date_is_set (&again->personal_data_erased_on));

  /* Personal data does not come back past its term. */
  again->narrative = g_strdup ("Nieuw verhaal");
  g_assert_false (ck_register_save_case (f->reg, again, &error));
  g_assert_error (error, CK_ERROR, CK_ERROR_INVALID);
  g_assert_cmpstr (ck_error_get_field (error), ==, "narrative");
}

/* The term counts from the day the case was closed, when that is later
 * than its disposal date. */
static void
test_counts_from_closing (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CkCase) kase = NULL;
  g_autoptr(GArray) due = NULL;
  gint64 id = add_case (f, 7, 0, "in_behandeling");
  GDate erase_on, expected;
  guint n_erased;

  kase = ck_register_get_case (f->reg, id, TRUE, &error);
  g_free (kase->status);
  kase->status = g_strdup ("afgedaan");
  kase->disposal_date = kase->report_date;
  kase->finding = g_strdup ("gegrond");
  g_assert_true (ck_register_save_case (f->reg, kase, &error));
  g_assert_no_error (error);

  g_assert_true (ck_retention_apply (f->reg, &f->today, &n_erased, NULL, &error));
  g_assert_cmpuint (n_erased, ==, 0);
  g_assert_true (ck_retention_get_erase_date (f->reg, id, &erase_on, &error));
  expected = f->today;
  g_date_add_years (&expected, 5);
  g_assert_cmpint (g_date_compare (&erase_on, &expected), ==, 0);

  /* A shorter term changes nothing for a case closed today. */
  g_assert_true (ck_retention_set_years (f->reg, 1, &error));
  due = ck_retention_list_due (f->reg, &f->today, 0, &error);
  g_assert_cmpuint (due->len, ==, 0);
}


static gint64
query_int (const char *path,
           const char *sql,
           const char *text)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

/* A held session @years_ago years before today with a named participant,
 * a note, a draft lesson that names someone and an action. */
static CkSession *
add_session (Fixture    *f,
             int         years_ago,
             const char *name)
{
  g_autoptr(CkSession) session = ck_session_new ();
  g_autoptr(GError) error = NULL;
  CkAgendaItem *item;
  CkSessionLesson *lesson;

  session->date = f->today;
  g_date_subtract_years (&session->date, years_ago);
  session->method = g_strdup ("moreel_beraad");
  g_free (session->status);
  session->status = g_strdup (CK_SESSION_HELD);
  g_ptr_array_add (session->participants, ck_participant_new ("chair", name));
  g_ptr_array_add (session->participants, ck_participant_new ("hr", NULL));
  item = ck_agenda_item_new (CK_AGENDA_THEME);
  item->theme_list = g_strdup ("grounds");
  item->theme_code = g_strdup ("herkomst");
  g_ptr_array_add (session->items, item);
  item = ck_agenda_item_new (CK_AGENDA_PATTERN);
  item->description = g_strdup ("Meer meldingen via de lijn");
  item->filter = g_strdup ("channels=lijn");
  item->figure = g_strdup ("period-counts");
  g_ptr_array_add (session->items, item);
  g_ptr_array_add (session->notes, ck_session_note_new (0, "dilemma", "Bartholomeus zei het hardop."));
  g_ptr_array_add (session->notes, ck_session_note_new (1, "options", "Ottoline belt de lijn."));
  g_strfreev (session->patterns);
  session->patterns = g_strsplit ("groepsapp,nachtdiensten", ",", -1);
  lesson = ck_session_lesson_new ();
  lesson->title = g_strdup ("Leonora-les");
  lesson->text = g_strdup ("Een les over wat Leonora overkwam.");
  g_strfreev (lesson->grounds);
  lesson->grounds = g_strsplit ("herkomst", ",", -1);
  g_ptr_array_add (session->lessons, lesson);
  lesson = ck_session_lesson_new ();
  lesson->title = g_strdup ("Omstanders aanspreken");
  lesson->text = g_strdup ("Als niemand ingrijpt, voelt de melder zich alleen. Spreek omstanders aan.");
  g_strfreev (lesson->grounds);
  lesson->grounds = g_strsplit ("geslacht", ",", -1);
  g_ptr_array_add (session->lessons, lesson);
  g_ptr_array_add (session->actions, ck_session_action_new ("Teamgesprek plannen", "manager", NULL));

  g_assert_true (ck_sessions_save (f->reg, session, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&session);
}

static void
test_sessions (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CkSession) old = add_session (f, 6, "Philomena Geheimnaam");
  g_autoptr(CkSession) recent = add_session (f, 4, "Cornelis Bewaard");
  g_autoptr(CkSession) erased = NULL;
  g_autoptr(CkSession) kept = NULL;
  g_autoptr(CkSession) saved = NULL;
  g_autoptr(CkTextCheck) check = NULL;
  g_autoptr(GArray) due = NULL;
  g_autoptr(GListModel) released = NULL;
  g_autoptr(GBytes) files = NULL;
  g_autofree char *audit_reference = g_strdup_printf ("session/%" G_GINT64_FORMAT, old->id);
  const char *path = ck_register_get_path (f->reg);
  const char *secrets[] = { "wrapped_key FROM sessions WHERE id", "name FROM session_participants WHERE position = 0 AND session_id",
                            "n.sealed FROM session_notes n JOIN session_items i ON i.id = n.item_id WHERE i.position = 0 AND i.session_id",
                            "n.sealed FROM session_notes n JOIN session_items i ON i.id = n.item_id WHERE i.position = 1 AND i.session_id",
                            "sealed FROM session_lessons WHERE position = 0 AND session_id" };
  GBytes *blobs[G_N_ELEMENTS (secrets)];
  const CkRetentionItem *item;
  CkSessionNote note = { 0, (char *) "dilemma", (char *) "Weer een naam: Ottoline.", FALSE, TRUE };
  CkSessionLesson *lesson;
  CkParticipant *participant;
  guint n_cases = 99, n_sessions = 99;

  /* The second lesson goes to the other units; its text stays. */
  check = ck_sessions_new_text_check (f->reg, &error);
  g_assert_no_error (error);
  lesson = old->lessons->pdata[1];
  g_assert_true (ck_sessions_release_lesson (f->reg, lesson->id, check, &f->today, &error));
  g_assert_no_error (error);

  due = ck_retention_list_due (f->reg, &f->today, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 1);
  item = &g_array_index (due, CkRetentionItem, 0);
  g_assert_cmpint (item->session_id, ==, old->id);
  g_assert_cmpint (item->case_id, ==, 0);
  g_assert_cmpint (g_date_compare (&item->closed_on, &old->date), ==, 0);
  g_assert_nonnull (item->reference);

  /* Every sealed value of the old session, and its key, are in the file. */
  files = ck_test_read_register_files (path);
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT %s = ?", secrets[i]);

      blobs[i] = read_blob (path, sql, old->id);
      g_assert_nonnull (blobs[i]);
      g_assert_true (ck_test_bytes_contain (files, g_bytes_get_data (blobs[i], NULL), g_bytes_get_size (blobs[i])));
    }
  g_clear_pointer (&files, g_bytes_unref);

  g_assert_true (ck_retention_apply (f->reg, &f->today, &n_cases, &n_sessions, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_cases, ==, 0);
  g_assert_cmpuint (n_sessions, ==, 1);

  /* Idempotent. */
  g_assert_true (ck_retention_apply (f->reg, &f->today, &n_cases, &n_sessions, &error));
  g_assert_cmpuint (n_sessions, ==, 0);
  g_assert_cmpuint (n_cases, ==, 0);

  /* Gone from the file and the WAL: the old key and every sealed value. */
  files = ck_test_read_register_files (path);
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    {
      g_assert_false (ck_test_bytes_contain (files, g_bytes_get_data (blobs[i], NULL), g_bytes_get_size (blobs[i])));
      g_bytes_unref (blobs[i]);
    }

  erased = ck_sessions_load (f->reg, old->id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_date_compare (&erased->personal_data_erased_on, &f->today), ==, 0);
  g_assert_cmpuint (erased->participants->len, ==, 2);
  participant = erased->participants->pdata[0];
  g_assert_cmpstr (participant->role, ==, "chair");
  g_assert_null (participant->name);
  g_assert_cmpuint (erased->notes->len, ==, 0);

  /* The categorical parts stay. */
  g_assert_cmpint (g_date_compare (&erased->date, &old->date), ==, 0);
  g_assert_cmpstr (erased->method, ==, "moreel_beraad");
  g_assert_cmpuint (erased->items->len, ==, 2);
  g_assert_cmpstr (((CkAgendaItem *) erased->items->pdata[0])->theme_code, ==, "herkomst");
  g_assert_cmpstr (((CkAgendaItem *) erased->items->pdata[1])->description, ==, "Meer meldingen via de lijn");
  g_assert_cmpstr (erased->patterns[1], ==, "nachtdiensten");
  g_assert_cmpuint (erased->actions->len, ==, 1);
  g_assert_cmpstr (((CkSessionAction *) erased->actions->pdata[0])->description, ==, "Teamgesprek plannen");
  g_assert_cmpuint (erased->lessons->len, ==, 2);
  lesson = erased->lessons->pdata[0];
  g_assert_cmpint (lesson->state, ==, CK_LESSON_DRAFT);
  g_assert_cmpstr (lesson->title, ==, "—");
  g_assert_null (lesson->text);
  g_assert_cmpstr (lesson->grounds[0], ==, "herkomst");
  lesson = erased->lessons->pdata[1];
  g_assert_cmpint (lesson->state, ==, CK_LESSON_RELEASED);
  g_assert_cmpstr (lesson->title, ==, "Omstanders aanspreken");
  released = ck_sessions_list_lessons (f->reg, &error);
  g_assert_cmpuint (g_list_model_get_n_items (released), ==, 1);

  /* The history says so, without a value. */
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM audit WHERE reference = ?"
                              " AND action = 'personal_data_erased' AND old_value IS NULL AND new_value IS NULL",
                              audit_reference), ==, 1);

  /* The younger session keeps all. */
  kept = ck_sessions_load (f->reg, recent->id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_false (ck_date_is_set (&kept->personal_data_erased_on));
  g_assert_cmpstr (((CkParticipant *) kept->participants->pdata[0])->name, ==, "Cornelis Bewaard");
  g_assert_cmpuint (kept->notes->len, ==, 2);
  g_assert_cmpstr (((CkSessionLesson *) kept->lessons->pdata[0])->title, ==, "Leonora-les");

  /* The erased session saves as the editor shows it… */
  g_free (erased->title);
  erased->title = g_strdup ("Moreel beraad, voorjaar");
  g_assert_true (ck_sessions_save (f->reg, erased, &error));
  g_assert_no_error (error);
  saved = ck_sessions_load (f->reg, old->id, TRUE, &error);
  g_assert_cmpstr (saved->title, ==, "Moreel beraad, voorjaar");
  g_assert_true (ck_date_is_set (&saved->personal_data_erased_on));

  /* …but takes no names or notes again. */
  participant = saved->participants->pdata[1];
  participant->name = g_strdup ("Nieuwe Naam");
  g_assert_false (ck_sessions_save (f->reg, saved, &error));
  g_assert_error (error, CK_ERROR, CK_ERROR_INVALID);
  g_clear_error (&error);
  note.item_id = ((CkAgendaItem *) saved->items->pdata[0])->id;
  g_assert_false (ck_sessions_put_note (f->reg, &note, TRUE, &error));
  g_assert_error (error, CK_ERROR, CK_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (ck_retention_apply (f->reg, &f->today, &n_cases, &n_sessions, &error));
  g_assert_cmpuint (n_sessions, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/retention/term-stored", Fixture, NULL, fixture_set_up, test_term_stored, fixture_tear_down);
  g_test_add ("/retention/due-and-apply", Fixture, NULL, fixture_set_up, test_due_and_apply, fixture_tear_down);
  g_test_add ("/retention/erased-case-saves", Fixture, NULL, fixture_set_up, test_erased_case_saves, fixture_tear_down);
  g_test_add ("/retention/sessions", Fixture, NULL, fixture_set_up, test_sessions, fixture_tear_down);
  g_test_add ("/retention/counts-from-closing", Fixture, NULL, fixture_set_up, test_counts_from_closing, fixture_tear_down);

  return g_test_run ();
}
