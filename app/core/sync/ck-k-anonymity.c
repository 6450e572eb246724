/* ck-k-anonymity.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ck-k-anonymity.h"
#include "ck-vocabulary.h"

/* Keys hold the values as published at @level; the separator cannot occur
 * in codes. */
static char *
make_key (const CkQuasiId   *item,
          CkGeneraliseLevel  level)
{
  return g_strdup_printf ("%s|%d|%d|%s|%s|%s",
                          level == CK_GENERALISE_NONE && item->team != NULL ? item->team : "",
                          item->year,
                          level >= CK_GENERALISE_YEAR ? 0 : item->quarter,
                          item->grounds != NULL ? item->grounds : "",
                          item->reporter_role != NULL ? item->reporter_role : "",
                          item->subject_role != NULL ? item->subject_role : "");
}

static char *
describe (const CkQuasiId   *item,
          CkGeneraliseLevel  level)
{
  CkVocabulary *vocabulary = ck_vocabulary_get_default ();
  g_auto(GStrv) grounds = g_strsplit (item->grounds != NULL ? item->grounds : "", ",", -1);
  g_autofree char *ground_labels = NULL;
  g_autofree char *period = NULL;
  g_autofree char *who = NULL;
  const char *reporter = item->reporter_role != NULL
    ? ck_vocabulary_get_label (vocabulary, CK_VOCAB_REPORTER_ROLES, item->reporter_role) : _("not recorded");
  const char *subject = item->subject_role != NULL
    ? ck_vocabulary_get_label (vocabulary, CK_VOCAB_SUBJECT_ROLES, item->subject_role) : _("not recorded");

  ground_labels = grounds[0] != NULL
    ? ck_vocabulary_join_labels (vocabulary, CK_VOCAB_GROUNDS, (const char * const *) grounds)
    : g_strdup (_("no ground"));

  if (level == CK_GENERALISE_TEAM && item->team != NULL)
    /* Translators: a period and a team, e.g. "2025 Q1, team B03" */
    period = g_strdup_printf (_("%d Q%d, team %s"), item->year, item->quarter, item->team);
  else if (level <= CK_GENERALISE_YEAR)
    /* Translators: a quarter, e.g. "2025 Q1" */
    period = g_strdup_printf (_("%d Q%d"), item->year, item->quarter);
  else
    period = g_strdup_printf ("%d", item->year);

  /* Translators: who reported and whom it was about, e.g. "reporter Person
   * harmed, about Colleague" */
  who = g_strdup_printf (_("reporter %s, about %s"), reporter, subject);

  /* Translators: a combination of period, grounds and roles */
  return g_strdup_printf (_("%s · %s · %s"), period, ground_labels, who);
}

static void
add_note (GHashTable        *notes_by_key,
          GPtrArray         *notes,
          const CkQuasiId   *item,
          CkGeneraliseLevel  level)
{
  g_autofree char *key = NULL;
  CkPrivacyNote *note;

  if (notes == NULL)
    return;

  /* One note per combination as it stood before this step. */
  {
    g_autofree char *group = make_key (item, level - 1);

    key = g_strdup_printf ("%d:%s", level, group);
  }
  note = g_hash_table_lookup (notes_by_key, key);
  if (note == NULL)
    {
      note = g_new0 (CkPrivacyNote, 1);
      note->level = level;
      note->description = describe (item, level);
      g_ptr_array_add (notes, note);
      g_hash_table_insert (notes_by_key, g_steal_pointer (&key), note);
    }
  note->count++;
}

/* Counts the items still at @level or above by their key at @level, and
 * moves those in groups below @k one level up. */
static void
apply_level (CkQuasiId         *items,
             guint              n_items,
             guint              k,
             CkGeneraliseLevel  level,
             GHashTable        *notes_by_key,
             GPtrArray         *notes)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_set_size (keys, n_items);
  for (guint i = 0; i < n_items; i++)
    {
      char *key;
      guint count;

      if (items[i].level != level)
        continue;
      key = make_key (&items[i], level);
      count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));
      g_hash_table_insert (counts, g_strdup (key), GUINT_TO_POINTER (count + 1));
      keys->pdata[i] = key;
    }

  for (guint i = 0; i < n_items; i++)
    {
      if (items[i].level != level)
        continue;
      if (GPOINTER_TO_UINT (g_hash_table_lookup (counts, keys->pdata[i])) >= k)
        continue;

      items[i].level = level + 1;
      /* A record without a team loses nothing when the team is dropped. */
      if (level == CK_GENERALISE_NONE && items[i].team == NULL)
        continue;
      add_note (notes_by_key, notes, &items[i], level + 1);
    }
}

/**
 * ck_k_anonymity_apply:
 * @k: the smallest group that may be published, at least 1
 * @notes: (nullable) (element-type CkPrivacyNote): gets a note per
 *   combination that was generalised or held back
 *
 * Sets the level of every item.
 */
void
ck_k_anonymity_apply (CkQuasiId *items,
                      guint      n_items,
                      guint      k,
                      GPtrArray *notes)
{
  g_autoptr(GHashTable) notes_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < n_items; i++)
    items[i].level = items[i].team != NULL ? CK_GENERALISE_NONE : CK_GENERALISE_TEAM;

  apply_level (items, n_items, MAX (k, 1), CK_GENERALISE_NONE, notes_by_key, notes);
  apply_level (items, n_items, MAX (k, 1), CK_GENERALISE_TEAM, notes_by_key, notes);
  apply_level (items, n_items, MAX (k, 1), CK_GENERALISE_YEAR, notes_by_key, notes);
}

/* Returns: (transfer full): the note as one sentence for people */
char *
ck_privacy_note_format (const CkPrivacyNote *note,
                        guint                k)
{
  switch (note->level)
    {
    case CK_GENERALISE_TEAM:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u record published without its team, as fewer than %u share it: %s",
                                           "%u records published without their team, as fewer than %u share it: %s",
                                           note->count),
                              note->count, k, note->description);
    case CK_GENERALISE_YEAR:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u record published with its year instead of its quarter, as fewer than %u share the quarter: %s",
                                           "%u records published with their year instead of their quarter, as fewer than %u share the quarter: %s",
                                           note->count),
                              note->count, k, note->description);
    case CK_GENERALISE_HELD_BACK:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u record held back, as fewer than %u share it even over the whole year: %s",
                                           "%u records held back, as fewer than %u share it even over the whole year: %s",
                                           note->count),
                              note->count, k, note->description);
    case CK_GENERALISE_NONE:
    default:
      return g_strdup (note->description);
    }
}

void
ck_privacy_note_free (CkPrivacyNote *note)
{
  if (note == NULL)
    return;

  g_free (note->description);
  g_free (note);
}
