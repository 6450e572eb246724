/* test-session-minutes.c: the minutes of a reflection session
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sys/stat.h>

#include "ck-case.h"
#include "ck-date.h"
#include "ck-demo.h"
#include "ck-methods.h"
#include "ck-register.h"
#include "ck-session-minutes.h"
#include "ck-sessions.h"
#include "ck-test-util.h"

/* Returns: (transfer full): the text of the PDF at @path, each run of
 * white space (where lines wrapped) made one space */
static char *
pdf_text (const char *path)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);
  g_autofree char *out = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "pdftotext", path, "-", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));
  return g_regex_replace_literal (space, out, -1, 0, " ", 0, NULL);
}

static CkSessionAction *
new_action (const char *description,
            const char *role,
            const char *due)
{
  GDate date;

  g_date_clear (&date, 1);
  if (due != NULL)
    g_assert_true (ck_date_from_iso (&date, due));
  return ck_session_action_new (description, role, &date);
}

static CkSessionNote *
new_note (guint       item,
          const char *step,
          const char *text,
          gboolean    about_person)
{
  CkSessionNote *note = ck_session_note_new (item, step, text);

  note->about_person = about_person;
  return note;
}

static CkSessionLesson *
new_lesson (const char *title,
            const char *text)
{
  CkSessionLesson *lesson = ck_session_lesson_new ();

  lesson->title = g_strdup (title);
  lesson->text = g_strdup (text);
  return lesson;
}

/* Keeps a copy of @path in the test artefacts folder (CK_TEST_ARTEFACTS),
 * for people to look at. */
static void
keep_artefact (const char *path)
{
  const char *dir = g_getenv ("CK_TEST_ARTEFACTS");
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *copy = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  if (dir == NULL)
    return;

  g_mkdir_with_parents (dir, 0755);
  copy = g_build_filename (dir, base, NULL);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (copy, contents, len, NULL));
  g_test_message ("artefact: %s", copy);
}

/* A session on the full test case whose texts name people in every way
 * the safe minutes must catch. */
static CkSession *
make_session (CkRegister *reg)
{
  g_autoptr(CkCase) kase = ck_test_make_full_case ();
  g_autoptr(GError) error = NULL;
  CkSession *session = ck_session_new ();
  CkAgendaItem *item;

  g_assert_true (ck_register_save_case (reg, kase, &error));
  g_assert_no_error (error);

  g_assert_true (ck_date_from_iso (&session->date, "2025-03-12"));
  session->method = g_strdup ("aar");
  session->title = g_strdup ("Voorjaarssessie");
  g_ptr_array_add (session->participants, ck_participant_new ("chair", "Vera Voorzitter"));
  g_ptr_array_add (session->participants, ck_participant_new ("ndv", "Philomena Netwerk"));
  item = ck_agenda_item_new (CK_AGENDA_CASE);
  item->case_id = kase->id;
  g_strfreev (item->reasons);
  item->reasons = g_strsplit ("sensitive,no_triage", ",", -1);
  g_ptr_array_add (session->items, item);
  item = ck_agenda_item_new (CK_AGENDA_PATTERN);
  item->description = g_strdup ("Meer meldingen over roosters");
  item->filter = g_strdup ("grounds=herkomst");
  g_ptr_array_add (session->items, item);

  g_ptr_array_add (session->notes, new_note (0, "expected", "Snelle triage binnen twee weken.", FALSE));
  g_ptr_array_add (session->notes, new_note (0, "happened", "De leidinggevende twijfelde lang.", TRUE));
  g_ptr_array_add (session->notes, new_note (0, "why", "Xandra durfde eerst niet te melden.", FALSE));
  g_ptr_array_add (session->notes, new_note (1, "sustain_improve", "Rooster transparant maken.", FALSE));
  g_strfreev (session->patterns);
  session->patterns = g_strsplit ("roosters,Yorick-effect", ",", -1);
  g_ptr_array_add (session->lessons, new_lesson ("Omstanders aanspreken", "Wie zwijgt, stemt in."));
  g_ptr_array_add (session->lessons, new_lesson ("Les over Zeno", "Zeno greep niet in."));
  g_ptr_array_add (session->actions, new_action ("Teamgesprek plannen", "manager", "2025-04-01"));
  g_ptr_array_add (session->actions, new_action ("Bel 06-98765432 terug", "vik", NULL));

  g_assert_true (ck_sessions_save (reg, session, &error));
  g_assert_no_error (error);
  return session;
}

static void
test_full_and_safe (void)
{
  g_autofree char *dir = ck_test_make_dir ();
  g_autofree char *full_path = g_build_filename (dir, "verslag.pdf", NULL);
  g_autofree char *safe_path = g_build_filename (dir, "verslag-veilig.pdf", NULL);
  g_autoptr(CkRegister) reg = ck_test_create_register (dir, "register.sqlite");
  g_autoptr(CkSession) session = make_session (reg);
  g_autoptr(CkTextCheck) check = NULL;
  g_autoptr(CkTestSecrets) secrets = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *full = NULL;
  g_autofree char *safe = NULL;
  g_autofree char *found = NULL;
  struct stat info;
  GDate today;
  const char *confidential[] = {
    "Vera Voorzitter", "Philomena", "twijfelde", "Xandra", "Yorick", "Zeno", "98765432",
  };

  g_assert_true (ck_date_from_iso (&today, "2025-03-12"));
  check = ck_sessions_new_text_check (reg, &error);
  g_assert_no_error (error);

  g_assert_true (ck_session_minutes_write (reg, session->id, CK_MINUTES_FULL, CK_MINUTES_PDF, check, &today,
                                           full_path, &error));
  g_assert_no_error (error);
  g_assert_true (ck_session_minutes_write (reg, session->id, CK_MINUTES_SAFE, CK_MINUTES_PDF, check, &today,
                                           safe_path, &error));
  g_assert_no_error (error);

  /* The confidential minutes are for their owner's eyes only. */
  g_assert_cmpint (g_stat (full_path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);

  full = pdf_text (full_path);
  safe = pdf_text (safe_path);
  g_assert_nonnull (strstr (full, "Vera Voorzitter"));
  g_assert_nonnull (strstr (full, "Xandra durfde eerst niet te melden."));
  g_assert_nonnull (strstr (full, "De leidinggevende twijfelde lang."));
  g_assert_nonnull (strstr (full, "Case AMS-2024-0001"));

  for (guint i = 0; i < G_N_ELEMENTS (confidential); i++)
    {
      if (strstr (safe, confidential[i]) != NULL)
        g_error ("The safe minutes hold “%s”", confidential[i]);
    }

  /* What may circulate is there: the method, facts, clean notes, the
   * clean lesson and action, and the count of what was left out. */
  g_assert_nonnull (strstr (safe, "Minutes: Voorjaarssessie"));
  g_assert_nonnull (strstr (safe, "After Action Review"));
  g_assert_nonnull (strstr (safe, "Case 1"));
  g_assert_null (strstr (safe, "AMS-2024-0001"));
  g_assert_nonnull (strstr (safe, "Member of Netwerk Divers Vakmanschap"));
  g_assert_nonnull (strstr (safe, "Disciplinary investigation, after 11 days"));
  g_assert_nonnull (strstr (safe, "Snelle triage binnen twee weken."));
  g_assert_nonnull (strstr (safe, "Rooster transparant maken."));
  g_assert_nonnull (strstr (safe, "Wie zwijgt, stemt in."));
  g_assert_nonnull (strstr (safe, "Teamgesprek plannen"));
  g_assert_nonnull (strstr (safe, "complex or media-sensitive; not in triage"));
  g_assert_nonnull (strstr (safe, "6 texts were left out"));

  /* And the register's own secrets are in neither variant's facts. */
  secrets = ck_test_secrets_new (reg);
  found = ck_test_secrets_find (secrets, safe);
  g_assert_null (found);

  ck_test_remove_dir (dir);
}

static void
test_markdown (void)
{
  g_autofree char *dir = ck_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "verslag.md", NULL);
  g_autoptr(CkRegister) reg = ck_test_create_register (dir, "register.sqlite");
  g_autoptr(CkSession) session = make_session (reg);
  g_autoptr(CkTextCheck) check = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *written = NULL;
  g_autofree char *part = NULL;
  GDate today;

  g_assert_true (ck_date_from_iso (&today, "2025-03-12"));
  check = ck_sessions_new_text_check (reg, &error);

  markdown = ck_session_minutes_to_markdown (reg, session->id, CK_MINUTES_SAFE, check, &today, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (markdown, "# Minutes: Voorjaarssessie\n"));
  g_assert_nonnull (strstr (markdown, "\n## Agenda\n"));
  g_assert_nonnull (strstr (markdown, "\n### 1. Case 1\n"));
  g_assert_nonnull (strstr (markdown, "| Fact | Value |\n| --- | --- |\n| Kind | Report |\n"));
  g_assert_nonnull (strstr (markdown, "**What was expected?**: Snelle triage binnen twee weken.\n"));
  g_assert_nonnull (strstr (markdown, "| Teamgesprek plannen | Manager | 2025-04-01 | Open |\n"));
  g_assert_null (strstr (markdown, "Xandra"));
  g_assert_null (strstr (markdown, "Philomena"));

  /* A file export is the same text, and replaces what was there only once
   * it is complete. */
  g_assert_true (g_file_set_contents (path, "older minutes", -1, NULL));
  g_assert_true (ck_session_minutes_write (reg, session->id, CK_MINUTES_SAFE, CK_MINUTES_MARKDOWN, check, &today,
                                           path, &error));
  g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
  g_assert_cmpstr (written, ==, markdown);
  g_clear_pointer (&written, g_free);

  g_assert_false (ck_session_minutes_write (reg, 999, CK_MINUTES_SAFE, CK_MINUTES_MARKDOWN, check, &today,
                                            path, &error));
  g_assert_nonnull (error);
  g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
  g_assert_cmpstr (written, ==, markdown);
  part = g_strconcat (path, ".part", NULL);
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));

  ck_test_remove_dir (dir);
}

typedef struct
{
  GPtrArray *names;
} DemoNames;

static gboolean
collect_names (CkCase   *kase,
               gpointer  data)
{
  DemoNames *names = data;

  if (kase->reporter_name != NULL && names->names->len < 6)
    g_ptr_array_add (names->names, g_strdup (kase->reporter_name));
  return TRUE;
}

/* The demo register's safe minutes, with notes, lessons and actions that
 * name its people, hold none of its confidential values. */
static void
test_demo_safe_minutes (void)
{
  g_autofree char *dir = ck_test_make_dir ();
  g_autofree char *demo = g_build_filename (dir, "demo.sqlite", NULL);
  g_autofree char *full_path = g_build_filename (dir, "demo-verslag.pdf", NULL);
  g_autofree char *safe_path = g_build_filename (dir, "demo-verslag-veilig.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CkRegister) reg = ck_demo_open_register (demo, &error);
  g_autoptr(CkSession) session = ck_session_new ();
  g_autoptr(GPtrArray) suggested = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CkTestSecrets) secrets = NULL;
  g_autoptr(CkTextCheck) check = NULL;
  g_autofree char *full = NULL;
  g_autofree char *safe = NULL;
  g_autofree char *found = NULL;
  g_autofree char *in_full = NULL;
  g_autofree char *lesson_text = NULL;
  g_autofree char *action_text = NULL;
  const CkMethod *method = ck_methods_lookup (ck_methods_get_default (), "moreel_beraad");
  DemoNames collected = { names };
  GDate today;

  g_assert_no_error (error);
  ck_date_set_today (&today);
  g_assert_true (ck_register_foreach_case (reg, TRUE, collect_names, &collected, &error));

  session->date = today;
  session->method = g_strdup (method->id);
  g_ptr_array_add (session->participants, ck_participant_new ("chair", names->pdata[0]));
  suggested = ck_sessions_suggest (reg, session, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (suggested->len, >, 4);
  for (guint i = 0; i < suggested->len; i++)
    g_ptr_array_add (session->items, ck_agenda_item_copy (suggested->pdata[i]));

  /* Every step of every item has a note; one in three names someone, and
   * only some of those are marked as about a person. */
  for (guint i = 0; i < session->items->len; i++)
    for (guint s = 0; s < method->n_steps; s++)
      {
        g_autofree char *text = (i + s) % 3 == 0
                                ? g_strdup_printf ("%s vertelde over stap %u.", (char *) names->pdata[(i + s) % names->len], s)
                                : g_strdup_printf ("De groep besprak stap %u.", s);

        g_ptr_array_add (session->notes, new_note (i, method->steps[s].id, text, (i + s) % 2 == 0));
      }
  lesson_text = g_strdup_printf ("Wat %s overkwam, zien we vaker.", (char *) names->pdata[1]);
  g_ptr_array_add (session->lessons, new_lesson ("Les", lesson_text));
  action_text = g_strdup_printf ("%s terugbellen", (char *) names->pdata[2]);
  g_ptr_array_add (session->actions, new_action (action_text, "vik", NULL));
  g_assert_true (ck_sessions_save (reg, session, &error));
  g_assert_no_error (error);

  check = ck_sessions_new_text_check (reg, &error);
  g_assert_true (ck_session_minutes_write (reg, session->id, CK_MINUTES_SAFE, CK_MINUTES_PDF, check, &today,
                                           safe_path, &error));
  g_assert_no_error (error);
  g_assert_true (ck_session_minutes_write (reg, session->id, CK_MINUTES_FULL, CK_MINUTES_PDF, check, &today,
                                           full_path, &error));
  g_assert_no_error (error);

  keep_artefact (safe_path);
  secrets = ck_test_secrets_new (reg);
  g_assert_cmpuint (ck_test_secrets_count (secrets), >, 2000);
  safe = pdf_text (safe_path);
  full = pdf_text (full_path);

  /* The search finds what the full minutes hold, so it would find it in
   * the safe ones too. */
  in_full = ck_test_secrets_find (secrets, full);
  g_assert_nonnull (in_full);
  found = ck_test_secrets_find (secrets, safe);
  if (found != NULL)
    g_error ("The safe minutes of the demo hold the confidential “%s”", found);
  g_assert_nonnull (strstr (safe, "De groep besprak stap 1."));

  ck_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/minutes/full-and-safe", test_full_and_safe);
  g_test_add_func ("/minutes/markdown", test_markdown);
  g_test_add_func ("/minutes/demo-safe-minutes", test_demo_safe_minutes);

  return g_test_run ();
}
