/* ck-test-util.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "ck-case.h"
#include "ck-date.h"
#include "ck-register.h"
#include "ck-test-util.h"

/* Returns: (transfer full): a fresh private directory under the test's
 * temporary directory. */
char *
ck_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("casuskamer-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_recursive (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children != NULL)
    {
      GFileInfo *info;

      while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
        {
          g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));

          remove_recursive (child);
          g_object_unref (info);
        }
    }

  g_file_delete (file, NULL, NULL);
}

void
ck_test_remove_dir (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  remove_recursive (file);
}

/* Returns: (transfer full): a new, unlocked register of unit AMS in @dir */
CkRegister *
ck_test_create_register (const char *dir,
                         const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  CkRegister *reg = ck_register_create (path, "AMS", CK_TEST_PASSPHRASE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reg);
  return reg;
}

/* Returns: (transfer full): a valid case with every field set to a value
 * other than its default, confidential ones included. */
CkCase *
ck_test_make_full_case (void)
{
  CkCase *kase = ck_case_new ();

  kase->unit = g_strdup ("AMS");
  kase->team = g_strdup ("B03");
  kase->kind = g_strdup ("melding");
  kase->channel = g_strdup ("vik");
  g_strfreev (kase->grounds);
  kase->grounds = g_strsplit ("leeftijd,herkomst", ",", -1);
  g_strfreev (kase->manifestations);
  kase->manifestations = g_strsplit ("uitlating,schriftelijk_online", ",", -1);
  kase->reporter_role = g_strdup ("slachtoffer");
  kase->subject_role = g_strdup ("leidinggevende");
  kase->subject_is_manager = CK_TRISTATE_YES;
  kase->bystanders_present = CK_TRISTATE_YES;
  kase->bystanders_intervened = CK_TRISTATE_NO;
  g_date_set_dmy (&kase->incident_date, 1, 3, 2024);
  g_date_set_dmy (&kase->report_date, 4, 3, 2024);
  g_date_set_dmy (&kase->triage_date, 15, 3, 2024);
  g_date_set_dmy (&kase->disposal_date, 20, 6, 2024);
  g_date_set_dmy (&kase->last_feedback_date, 1, 6, 2024);
  /* Late in the year, so that tests can move the other dates of 2024
   * without making these come before them. */
  g_date_set_dmy (&kase->acknowledged_date, 2, 12, 2024);
  g_date_set_dmy (&kase->outcome_informed_date, 30, 12, 2024);
  kase->triage_route = g_strdup ("disciplinair");
  kase->lc_consulted = TRUE;
  kase->sensitive = TRUE;
  kase->finding = g_strdup ("gegrond");
  ck_case_add_measure (kase, "schriftelijke_berisping", TRUE);
  ck_case_add_measure (kase, "educatief", FALSE);
  kase->restoration_offered = CK_TRISTATE_YES;
  kase->restoration_accepted = CK_TRISTATE_YES;
  kase->restoration_completed = CK_TRISTATE_NO;
  kase->lesson_considered = TRUE;
  kase->reporter_left = CK_TRISTATE_NO;
  kase->status = g_strdup ("afgedaan");

  kase->has_confidential = TRUE;
  kase->reporter_name = g_strdup ("Xandra Testmelder");
  kase->reporter_personnel_number = g_strdup ("7654321");
  kase->reporter_contact = g_strdup ("xandra@example.org");
  kase->subject_name = g_strdup ("Yorick Testbetrokkene");
  kase->subject_personnel_number = g_strdup ("1234567");
  kase->bystander_names = g_strdup ("Zeno Omstander");
  kase->file_reference = g_strdup ("DOSSIER-TEST-1");
  kase->narrative = g_strdup ("Geheim verhaal: Quirinus zei iets kwetsends.");
  kase->notes = g_strdup ("Notitie over Xandra");

  ck_case_normalize (kase);
  return kase;
}

/* Returns: (transfer full): the database file and its WAL, concatenated,
 * as a reader of the disk would see them. */
GBytes *
ck_test_read_register_files (const char *path)
{
  g_autoptr(GByteArray) all = g_byte_array_new ();
  const char *suffixes[] = { "", "-wal", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *contents = NULL;
      gsize len;

      if (g_file_get_contents (file, &contents, &len, NULL))
        g_byte_array_append (all, (const guint8 *) contents, len);
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&all));
}

gboolean
ck_test_bytes_contain (GBytes        *haystack,
                       gconstpointer  needle,
                       gsize          len)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (haystack, &size);

  return len > 0 && memmem (data, size, needle, len) != NULL;
}
