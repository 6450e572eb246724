/* ck-k-anonymity.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ck-k-anonymity.h"
#include "ck-vocabulary.h"

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
  int         level;      /* where it was counted, for the notes */
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
  hash = hash * 31 + (guint) c->quarter;
  return hash * 31 + (guint) c->level;
}

static gboolean
combination_equal (gconstpointer a,
                   gconstpointer b)
{
  const Combination *ca = a, *cb = b;

  return ca->team == cb->team && ca->grounds == cb->grounds && ca->reporter_role == cb->reporter_role &&
         ca->subject_role == cb->subject_role && ca->year == cb->year && ca->quarter == cb->quarter &&
         ca->level == cb->level;
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
 * moves those in combinations below @k one level up; @failed keeps the
 * combination that was too small. */
static void
apply_level (CkQuasiId         *items,
             const Combination *base,
             Combination       *failed,
             guint              n_items,
             guint              k,
             CkGeneraliseLevel  level)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (combination_hash, combination_equal);
  g_autofree Combination *combinations = g_new0 (Combination, n_items);

  for (guint i = 0; i < n_items; i++)
    {
      Combination *c = &combinations[i];

      if (items[i].level != level)
        continue;
      *c = base[i];
      c->level = level;
      if (level != CK_GENERALISE_NONE)
        c->team = NULL;
      if (level >= CK_GENERALISE_YEAR)
        c->quarter = 0;
      g_hash_table_insert (counts, c, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, c)) + 1));
    }

  for (guint i = 0; i < n_items; i++)
    if (items[i].level == level &&
        GPOINTER_TO_UINT (g_hash_table_lookup (counts, &combinations[i])) < k)
      {
        items[i].level = level + 1;
        failed[i] = combinations[i];
      }
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

/* One note per level and period: a list of every small combination would
 * run to thousands of lines. */
static void
add_notes (const CkQuasiId   *items,
           const Combination *failed,
           guint              n_items,
           GPtrArray         *notes)
{
  g_autoptr(GHashTable) by_period = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GHashTable) seen = g_hash_table_new (combination_hash, combination_equal);

  for (guint i = 0; i < n_items; i++)
    {
      CkGeneraliseLevel level = items[i].level;
      CkPrivacyNote *note;
      guint key;

      /* A record that starts without a team and stays there lost nothing. */
      if (failed[i].level < 0)
        continue;

      key = ((guint) level * 10000 + (guint) items[i].year) * 10 + (level == CK_GENERALISE_HELD_BACK ? 0 : items[i].quarter);
      note = g_hash_table_lookup (by_period, GUINT_TO_POINTER (key));
      if (note == NULL)
        {
          note = g_new0 (CkPrivacyNote, 1);
          note->level = level;
          note->description = describe_period (&items[i], level);
          g_ptr_array_add (notes, note);
          g_hash_table_insert (by_period, GUINT_TO_POINTER (key), note);
        }
      note->count++;

      if (!g_hash_table_contains (seen, &failed[i]))
        {
          g_hash_table_add (seen, (gpointer) &failed[i]);
          note->n_groups++;
        }
    }

  g_ptr_array_sort (notes, compare_notes);
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
  g_autoptr(GHashTable) strings = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree Combination *base = g_new0 (Combination, n_items);
  g_autofree Combination *failed = g_new0 (Combination, n_items);

  for (guint i = 0; i < n_items; i++)
    {
      items[i].level = items[i].team != NULL ? CK_GENERALISE_NONE : CK_GENERALISE_TEAM;
      base[i].team = intern (strings, items[i].team);
      base[i].grounds = intern (strings, items[i].grounds != NULL ? items[i].grounds : "");
      base[i].reporter_role = intern (strings, items[i].reporter_role);
      base[i].subject_role = intern (strings, items[i].subject_role);
      base[i].year = items[i].year;
      base[i].quarter = items[i].quarter;
      failed[i].level = -1;
    }

  apply_level (items, base, failed, n_items, MAX (k, 1), CK_GENERALISE_NONE);
  apply_level (items, base, failed, n_items, MAX (k, 1), CK_GENERALISE_TEAM);
  apply_level (items, base, failed, n_items, MAX (k, 1), CK_GENERALISE_YEAR);

  if (notes != NULL)
    add_notes (items, failed, n_items, notes);
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
