/* ck-text-check.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ck-case.h"
#include "ck-register.h"
#include "ck-text-check.h"

/* Checks a text that is about to leave the unit (a lesson) for what would
 * identify someone. Names come from the register's own confidential
 * fields, so that "Fatima" is caught in a unit where a Fatima reported or
 * was reported; the rest are patterns. It errs on the side of finding too
 * much: the person releasing the text sees each finding and rewrites. */

struct _CkTextCheck
{
  GObject     parent_instance;
  GHashTable *names;      /* folded word or name → the name as written */
  GPtrArray  *patterns;   /* Pattern */
};

typedef struct
{
  CkFindingKind  kind;
  GRegex        *regex;
} Pattern;

G_DEFINE_FINAL_TYPE (CkTextCheck, ck_text_check, G_TYPE_OBJECT)

/* Words that are part of names but say nothing about who someone is. */
static const char * const name_particles[] = {
  "de", "der", "den", "van", "von", "het", "ten", "ter", "te", "la", "le", "el", "al", "bin", "ben", "da", "dos", "du",
};

static const struct
{
  CkFindingKind  kind;
  const char    *pattern;
} pattern_sources[] = {
  { CK_FINDING_EMAIL, "[[:alnum:]._%+-]+@[[:alnum:].-]+\\.[[:alpha:]]{2,}" },
  /* Dutch numbers (06-12345678, 020 123 4567, +31 6 1234 5678) and other
   * international ones. */
  { CK_FINDING_PHONE, "(?<![\\d])(?:\\+|00)\\d{2,3}[\\s-]?(?:\\(0\\))?[\\s-]?\\d(?:[\\s-]?\\d){6,11}(?![\\d])" },
  { CK_FINDING_PHONE, "(?<![\\d])0\\d{1,3}[\\s-]?\\d(?:[\\s-]?\\d){5,7}(?![\\d])" },
  { CK_FINDING_DATE, "(?<![\\d])\\d{4}-\\d{1,2}-\\d{1,2}(?![\\d])" },
  { CK_FINDING_DATE, "(?<![\\d])\\d{1,2}[-/.]\\d{1,2}[-/.](?:\\d{4}|\\d{2})(?![\\d])" },
  /* A day and month without the year is an exact date too: "op 12-3",
   * "op 12/03". Not with a dot, which "1.5 uur" would match. */
  { CK_FINDING_DATE, "(?<![\\d./-])(?:0?[1-9]|[12]\\d|3[01])[-/](?:0?[1-9]|1[0-2])(?![\\d./-])" },
  { CK_FINDING_DATE, "(?<![\\d])\\d{1,2}(?:e|ste|de)?\\s+(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
                     "|jan|feb|mrt|apr|jun|jul|aug|sept|sep|okt|nov|dec"
                     "|january|february|march|may|june|july|october)\\b\\.?(?:\\s+\\d{4})?" },
  { CK_FINDING_DATE, "\\b(?:january|february|march|april|may|june|july|august|september|october|november|december)\\s+\\d{1,2}(?:st|nd|rd|th)?\\b(?:,?\\s+\\d{4})?" },
  /* Personnel numbers are six or more digits: any such run is one. */
  { CK_FINDING_PERSONNEL_NUMBER, "(?<![\\d])\\d{6,}(?![\\d])" },
};

static void
pattern_free (Pattern *pattern)
{
  g_regex_unref (pattern->regex);
  g_free (pattern);
}

static void
ck_text_check_finalize (GObject *object)
{
  CkTextCheck *self = (CkTextCheck *)object;

  g_clear_pointer (&self->names, g_hash_table_unref);
  g_clear_pointer (&self->patterns, g_ptr_array_unref);

  G_OBJECT_CLASS (ck_text_check_parent_class)->finalize (object);
}

static void
ck_text_check_class_init (CkTextCheckClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ck_text_check_finalize;
}

static void
ck_text_check_init (CkTextCheck *self)
{
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->patterns = g_ptr_array_new_with_free_func ((GDestroyNotify) pattern_free);

  for (guint i = 0; i < G_N_ELEMENTS (pattern_sources); i++)
    {
      g_autoptr(GError) error = NULL;
      Pattern *pattern = g_new0 (Pattern, 1);

      pattern->kind = pattern_sources[i].kind;
      pattern->regex = g_regex_new (pattern_sources[i].pattern,
                                    G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, &error);
      g_assert_no_error (error);
      g_ptr_array_add (self->patterns, pattern);
    }
}

CkTextCheck *
ck_text_check_new (void)
{
  return g_object_new (CK_TYPE_TEXT_CHECK, NULL);
}

/* Returns: (transfer full): @word lowercased and without diacritics */
static char *
fold_word (const char *word)
{
  g_autofree char *decomposed = g_utf8_normalize (word, -1, G_NORMALIZE_NFKD);
  g_autoptr(GString) bare = g_string_new (NULL);

  for (const char *p = decomposed; p != NULL && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) != G_UNICODE_NON_SPACING_MARK)
        g_string_append_unichar (bare, c);
    }

  return g_utf8_casefold (bare->str, -1);
}

static gboolean
is_particle (const char *folded)
{
  return g_strv_contains (name_particles, folded);
}

/**
 * ck_text_check_add_name:
 * @name: a person's name, e.g. "Anouk el Amrani"; several separated by
 *   commas or semicolons are each added
 *
 * Makes every word of @name of three letters or more (but for particles
 * such as "van") a finding in the texts checked.
 */
void
ck_text_check_add_name (CkTextCheck *self,
                        const char  *name)
{
  g_auto(GStrv) parts = NULL;

  g_return_if_fail (CK_IS_TEXT_CHECK (self));

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return;

  parts = g_regex_split_simple ("[\\s,;.()/\"'’-]+", name, 0, 0);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *folded = fold_word (parts[i]);

      if (g_utf8_strlen (folded, -1) < 3 || is_particle (folded))
        continue;
      if (!g_hash_table_contains (self->names, folded))
        g_hash_table_insert (self->names, g_steal_pointer (&folded), g_strdup (name));
    }
}

static gboolean
add_case_names (CkCase   *kase,
                gpointer  user_data)
{
  CkTextCheck *self = user_data;

  ck_text_check_add_name (self, kase->reporter_name);
  ck_text_check_add_name (self, kase->subject_name);
  ck_text_check_add_name (self, kase->bystander_names);
  return TRUE;
}

/**
 * ck_text_check_add_register_names:
 *
 * Adds every name in the register's confidential fields. Decrypts every
 * case: call it from a worker thread.
 */
gboolean
ck_text_check_add_register_names (CkTextCheck  *self,
                                  CkRegister   *reg,
                                  GError      **error)
{
  g_return_val_if_fail (CK_IS_TEXT_CHECK (self), FALSE);

  return ck_register_foreach_case (reg, TRUE, add_case_names, self, error);
}

static void
add_finding (GPtrArray     *findings,
             CkFindingKind  kind,
             const char    *text,
             gsize          start,
             gsize          end)
{
  CkTextFinding *finding;

  /* A span already found (a date inside a phone-like run) counts once. */
  for (guint i = 0; i < findings->len; i++)
    {
      CkTextFinding *other = findings->pdata[i];

      if (start < other->end && other->start < end)
        return;
    }

  finding = g_new0 (CkTextFinding, 1);
  finding->kind = kind;
  finding->start = start;
  finding->end = end;
  finding->excerpt = g_strndup (text + start, end - start);
  g_ptr_array_add (findings, finding);
}

static void
find_names (CkTextCheck *self,
            const char  *text,
            GPtrArray   *findings)
{
  const char *word_start = NULL;

  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        {
          if (word_start == NULL)
            word_start = p;
          continue;
        }

      if (word_start != NULL)
        {
          g_autofree char *word = g_strndup (word_start, p - word_start);
          g_autofree char *folded = fold_word (word);

          if (g_hash_table_contains (self->names, folded))
            add_finding (findings, CK_FINDING_NAME, text, word_start - text, p - text);
          word_start = NULL;
        }

      if (c == 0)
        break;
    }
}

static int
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  const CkTextFinding *fa = *(CkTextFinding * const *) a;
  const CkTextFinding *fb = *(CkTextFinding * const *) b;

  return (fa->start > fb->start) - (fa->start < fb->start);
}

/**
 * ck_text_check_run:
 *
 * Returns: (transfer full) (element-type CkTextFinding): what @text must
 *   not contain, in the order it appears; empty when it may be shared
 */
GPtrArray *
ck_text_check_run (CkTextCheck *self,
                   const char  *text)
{
  GPtrArray *findings = g_ptr_array_new_with_free_func ((GDestroyNotify) ck_text_finding_free);

  g_return_val_if_fail (CK_IS_TEXT_CHECK (self), findings);

  if (text == NULL)
    return findings;

  if (!g_utf8_validate (text, -1, NULL))
    {
      add_finding (findings, CK_FINDING_NAME, text, 0, 0);
      return findings;
    }

  find_names (self, text, findings);

  for (guint i = 0; i < self->patterns->len; i++)
    {
      Pattern *pattern = self->patterns->pdata[i];
      g_autoptr(GMatchInfo) match = NULL;

      g_regex_match (pattern->regex, text, 0, &match);
      while (g_match_info_matches (match))
        {
          int start, end;

          if (g_match_info_fetch_pos (match, 0, &start, &end) && end > start)
            add_finding (findings, pattern->kind, text, start, end);
          g_match_info_next (match, NULL);
        }
    }

  g_ptr_array_sort (findings, compare_findings);
  return findings;
}

/* Returns: what kind of thing was found, in the user's language */
const char *
ck_text_finding_describe (const CkTextFinding *finding)
{
  switch (finding->kind)
    {
    case CK_FINDING_NAME:
      return _("A name from the register");
    case CK_FINDING_EMAIL:
      return _("An e-mail address");
    case CK_FINDING_PHONE:
      return _("A phone number");
    case CK_FINDING_PERSONNEL_NUMBER:
      return _("A personnel number or other identifying number");
    case CK_FINDING_DATE:
      return _("An exact date");
    default:
      g_assert_not_reached ();
    }
}

void
ck_text_finding_free (CkTextFinding *finding)
{
  if (finding == NULL)
    return;

  g_free (finding->excerpt);
  g_free (finding);
}
