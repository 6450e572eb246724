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
describe_period (const CkQuasiId   *item,
                 CkGeneraliseLevel  level)
{
  if (level == CK_GENERALISE_HELD_BACK)
    return g_strdup_printf ("%d", item->year);

  /* Translators: a quarter, e.g. "2025 Q1" */
  return g_strdup_printf (_("%d Q%d"), item->year, item->quarter);
}

/* One note per level and period: a list of every small combination would
 * run to thousands of lines. */
static void
add_note (GHashTable        *notes_by_key,
          GHashTable        *seen_groups,
          GPtrArray         *notes,
          const CkQuasiId   *item,
          const char        *group,
          CkGeneraliseLevel  level)
{
  g_autofree char *key = NULL;
  CkPrivacyNote *note;

  if (notes == NULL)
    return;

  key = g_strdup_printf ("%d|%d|%d", level, item->year, level == CK_GENERALISE_HELD_BACK ? 0 : item->quarter);
  note = g_hash_table_lookup (notes_by_key, key);
  if (note == NULL)
    {
      note = g_new0 (CkPrivacyNote, 1);
      note->level = level;
      note->description = describe_period (item, level);
      g_ptr_array_add (notes, note);
      g_hash_table_insert (notes_by_key, g_steal_pointer (&key), note);
    }
  note->count++;

  if (!g_hash_table_contains (seen_groups, group))
    {
      g_hash_table_add (seen_groups, g_strdup (group));
      note->n_groups++;
    }
}

/* A combination as published at one level. Its strings are interned (one
 * pointer per distinct value), so that it hashes and compares as numbers:
 * 100,000 records are counted three times on every publish. */
typedef struct
{
  const char *team;
  const char *grounds;
  const char *reporter_role;
  const char *subject_role;
  int         year;
  int         quarter;
} Combination;

static guint
combination_hash (gconstpointer data)
{
  const Combination *c = data;
  guint hash = g_direct_hash (c->team);

  hash = hash * 31 + g_direct_hash (c->grounds);
  hash = hash * 31 + g_direct_hash (c->reporter_role);
  hash = hash * 31 + g_direct_hash (c->subject_role);
  hash = hash * 31 + (guint) c->year;
  return hash * 31 + (guint) c->quarter;
}

static gboolean
combination_equal (gconstpointer a,
                   gconstpointer b)
{
  const Combination *ca = a, *cb = b;

  return ca->team == cb->team && ca->grounds == cb->grounds && ca->reporter_role == cb->reporter_role &&
         ca->subject_role == cb->subject_role && ca->year == cb->year && ca->quarter == cb->quarter;
}

static const char *
intern (GHashTable *strings,
        const char *text)
{
  const char *known;

  if (text == NULL)
    return NULL;
  known = g_hash_table_lookup (strings, text);
  if (known != NULL)
    return known;
  g_hash_table_insert (strings, (gpointer) text, (gpointer) text);
  return text;
}

/* Counts the items still at @level by their combination at @level, and
 * moves those in combinations below @k one level up, noting which. */
static void
apply_level (CkQuasiId         *items,
             Combination       *base,
             guint              n_items,
             guint              k,
             CkGeneraliseLevel  level,
             GPtrArray         *failed_groups)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (combination_hash, combination_equal);
  g_autofree Combination *combinations = g_new0 (Combination, n_items);

  for (guint i = 0; i < n_items; i++)
    {
      Combination *c = &combinations[i];

      if (items[i].level != level)
        continue;
      *c = base[i];
      if (level != CK_GENERALISE_NONE)
        c->team = NULL;
      if (level >= CK_GENERALISE_YEAR)
        c->quarter = 0;
      g_hash_table_insert (counts, c, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, c)) + 1));
    }

  for (guint i = 0; i < n_items; i++)
    {
      g_autofree char *key = NULL;

      if (items[i].level != level ||
          GPOINTER_TO_UINT (g_hash_table_lookup (counts, &combinations[i])) >= k)
        continue;

      items[i].level = level + 1;
      key = make_key (&items[i], level);
      g_free (failed_groups->pdata[i]);
      failed_groups->pdata[i] = g_strdup_printf ("%d:%s", level, key);
    }
}

/* By period, then level. */
static int
compare_notes (gconstpointer a,
               gconstpointer b)
{
  const CkPrivacyNote *na = *(CkPrivacyNote * const *) a;
  const CkPrivacyNote *nb = *(CkPrivacyNote * const *) b;
  int order = strcmp (na->description, nb->description);

  return order != 0 ? order : (int) na->level - (int) nb->level;
}

/**
 * ck_k_anonymity_apply:
 * @k: the smallest group that may be published, at least 1
 * @notes: (nullable) (element-type CkPrivacyNote): gets a note per
 *   period and level of the records generalised or held back
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
  g_autoptr(GHashTable) seen_groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) failed_groups = g_ptr_array_new_with_free_func (g_free);

  g_autoptr(GHashTable) strings = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree Combination *base = g_new0 (Combination, n_items);

  g_ptr_array_set_size (failed_groups, n_items);
  for (guint i = 0; i < n_items; i++)
    {
      items[i].level = items[i].team != NULL ? CK_GENERALISE_NONE : CK_GENERALISE_TEAM;
      base[i].team = intern (strings, items[i].team);
      base[i].grounds = intern (strings, items[i].grounds != NULL ? items[i].grounds : "");
      base[i].reporter_role = intern (strings, items[i].reporter_role);
      base[i].subject_role = intern (strings, items[i].subject_role);
      base[i].year = items[i].year;
      base[i].quarter = items[i].quarter;
    }

  apply_level (items, base, n_items, MAX (k, 1), CK_GENERALISE_NONE, failed_groups);
  apply_level (items, base, n_items, MAX (k, 1), CK_GENERALISE_TEAM, failed_groups);
  apply_level (items, base, n_items, MAX (k, 1), CK_GENERALISE_YEAR, failed_groups);

  if (notes == NULL)
    return;

  /* Each record is told once, at the level it ends at; a record without a
   * team that is published as it is lost nothing. */
  for (guint i = 0; i < n_items; i++)
    if (failed_groups->pdata[i] != NULL)
      add_note (notes_by_key, seen_groups, notes, &items[i], failed_groups->pdata[i], items[i].level);
  g_ptr_array_sort (notes, compare_notes);
}

/* Returns: (transfer full): the note as one sentence for people */
char *
ck_privacy_note_format (const CkPrivacyNote *note,
                        guint                k)
{
  g_autofree char *records = NULL;

  switch (note->level)
    {
    case CK_GENERALISE_TEAM:
      /* Translators: "2025 Q1: 12 records published without their team" */
      records = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u record published without its team",
                                              "%s: %u records published without their team", note->count),
                                 note->description, note->count);
      /* Translators: the first %s is the sentence above */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s; %u combination of team, grounds and roles had fewer than %u records",
                                           "%s; %u combinations of team, grounds and roles had fewer than %u records",
                                           note->n_groups),
                              records, note->n_groups, k);

    case CK_GENERALISE_YEAR:
      records = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u record published with its year instead of its quarter",
                                              "%s: %u records published with their year instead of their quarter",
                                              note->count),
                                 note->description, note->count);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s; %u combination of grounds and roles had fewer than %u records in the quarter",
                                           "%s; %u combinations of grounds and roles had fewer than %u records in the quarter",
                                           note->n_groups),
                              records, note->n_groups, k);

    case CK_GENERALISE_HELD_BACK:
      records = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u record held back",
                                              "%s: %u records held back", note->count),
                                 note->description, note->count);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s; %u combination of grounds and roles had fewer than %u records even over the whole year",
                                           "%s; %u combinations of grounds and roles had fewer than %u records even over the whole year",
                                           note->n_groups),
                              records, note->n_groups, k);

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
