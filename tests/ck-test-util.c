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

struct _CkTestSecrets
{
  GHashTable *words;     /* folded words and numbers that only a secret holds */
  GPtrArray  *phrases;   /* whole values, white space made single spaces */
};

/* Returns: (transfer full): @text folded, its white space single spaces */
static char *
normalize (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* Calls @func with each run of letters and digits of @text, folded. */
static void
foreach_word (const char *text,
              void      (*func) (const char *word, gpointer data),
              gpointer    data)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  const char *start = NULL;

  for (const char *p = folded;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        {
          if (start == NULL)
            start = p;
          continue;
        }
      if (start != NULL)
        {
          g_autofree char *word = g_strndup (start, p - start);

          func (word, data);
          start = NULL;
        }
      if (c == 0)
        break;
    }
}

static void
add_word (const char *word,
          gpointer    data)
{
  CkTestSecrets *self = data;
  const char *particles[] = { "van", "der", "den", "de", "el", "het", "ten", "ter", NULL };

  /* Short words and name particles are in ordinary text too. */
  if (g_utf8_strlen (word, -1) >= 3 && !g_strv_contains (particles, word))
    g_hash_table_add (self->words, g_strdup (word));
}

/* Adds a name, number or contact: each of its words is a secret. */
static void
add_words (CkTestSecrets *self,
           const char    *value)
{
  if (value != NULL && *value != '\0')
    foreach_word (value, add_word, self);
}

/* Adds a value that is a secret as a whole, such as a narrative. */
void
ck_test_secrets_add (CkTestSecrets *self,
                     const char    *value)
{
  if (value != NULL && *value != '\0')
    g_ptr_array_add (self->phrases, normalize (value));
}

static gboolean
add_case (CkCase   *kase,
          gpointer  data)
{
  CkTestSecrets *self = data;

  add_words (self, kase->reporter_name);
  add_words (self, kase->subject_name);
  add_words (self, kase->bystander_names);
  add_words (self, kase->reporter_personnel_number);
  add_words (self, kase->subject_personnel_number);
  if (kase->reporter_contact != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (kase->reporter_contact, " ", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          if (g_ascii_isdigit (parts[i][0]) || strchr (parts[i], '@') != NULL)
            ck_test_secrets_add (self, parts[i]);
        }
    }
  ck_test_secrets_add (self, kase->file_reference);
  ck_test_secrets_add (self, kase->narrative);
  ck_test_secrets_add (self, kase->notes);
  return TRUE;
}

/* Returns: (transfer full): the secrets of every case in @reg */
CkTestSecrets *
ck_test_secrets_new (CkRegister *reg)
{
  g_autoptr(GError) error = NULL;
  CkTestSecrets *self = g_new0 (CkTestSecrets, 1);

  self->words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->phrases = g_ptr_array_new_with_free_func (g_free);
  g_assert_true (ck_register_foreach_case (reg, TRUE, add_case, self, &error));
  g_assert_no_error (error);
  return self;
}

guint
ck_test_secrets_count (CkTestSecrets *self)
{
  return g_hash_table_size (self->words) + self->phrases->len;
}

typedef struct
{
  CkTestSecrets *self;
  char          *found;
} FindWord;

static void
find_word (const char *word,
           gpointer    data)
{
  FindWord *find = data;

  if (find->found == NULL && g_hash_table_contains (find->self->words, word))
    find->found = g_strdup (word);
}

/* Returns: (transfer full) (nullable): the first secret @text holds */
char *
ck_test_secrets_find (CkTestSecrets *self,
                      const char    *text)
{
  g_autofree char *normal = normalize (text);
  FindWord find = { self, NULL };

  foreach_word (text, find_word, &find);
  if (find.found != NULL)
    return find.found;

  for (guint i = 0; i < self->phrases->len; i++)
    if (strstr (normal, self->phrases->pdata[i]) != NULL)
      return g_strdup (self->phrases->pdata[i]);

  return NULL;
}

void
ck_test_secrets_free (CkTestSecrets *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->words);
  g_ptr_array_unref (self->phrases);
  g_free (self);
}
