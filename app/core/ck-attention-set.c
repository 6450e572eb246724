/* ck-attention-set.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ck-attention-set.h"
#include "ck-case-facts.h"

/* An entry is sixteen bytes: what a row shows is looked up through the
 * subject it points at, and the title through its step. */
typedef struct
{
  guint32 origin;        /* a subject, or ITEM | a whole item */
  guint32 due;           /* Julian day */
  gint32  days_overdue;
  guint32 step;
} Entry;

#define ITEM 0x80000000u

typedef struct
{
  gint64      case_id;
  const char *reference;   /* in the set's chunk */
} Subject;

struct _CkAttentionSet
{
  gatomicrefcount  ref_count;
  GArray          *entries;    /* Entry, most urgent first */
  GArray          *subjects;   /* Subject */
  GPtrArray       *titles;     /* by step, in the set's chunk */
  GPtrArray       *items;      /* CkAttentionItem that came whole */
  GStringChunk    *strings;
};

G_DEFINE_BOXED_TYPE (CkAttentionSet, ck_attention_set, ck_attention_set_ref, ck_attention_set_unref)

/**
 * ck_attention_set_new:
 * @reserved: how many steps will be appended, if known, or 0
 */
CkAttentionSet *
ck_attention_set_new (guint reserved)
{
  CkAttentionSet *self = g_new0 (CkAttentionSet, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->entries = g_array_sized_new (FALSE, FALSE, sizeof (Entry), reserved);
  self->subjects = g_array_new (FALSE, FALSE, sizeof (Subject));
  self->titles = g_ptr_array_new ();
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) ck_attention_item_free);
  self->strings = g_string_chunk_new (4096);
  return self;
}

CkAttentionSet *
ck_attention_set_ref (CkAttentionSet *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ck_attention_set_unref (CkAttentionSet *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_array_unref (self->entries);
  g_array_unref (self->subjects);
  g_ptr_array_unref (self->titles);
  g_ptr_array_unref (self->items);
  g_string_chunk_free (self->strings);
  g_free (self);
}

/**
 * ck_attention_set_add_subject:
 * @case_id: the case
 * @reference: its reference, which the set copies
 *
 * Makes a case known to the set, once, before its steps are appended.
 *
 * Returns: the subject's number, for ck_attention_set_append_step()
 */
guint
ck_attention_set_add_subject (CkAttentionSet *self,
                              gint64          case_id,
                              const char     *reference)
{
  Subject subject = { case_id, NULL };

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (self->subjects->len < ITEM, 0);

  subject.reference = g_string_chunk_insert (self->strings, reference);
  g_array_append_val (self->subjects, subject);
  return self->subjects->len - 1;
}

/**
 * ck_attention_set_append_step:
 * @subject: from ck_attention_set_add_subject()
 * @title: what @step asks, the same for every case; the set copies it
 * @due: the Julian day it is due
 * @step: the CkStep, the item's target_id
 *
 * Adds a CK_ATTENTION_CASE_STEP item after the others: the caller appends
 * in the order of ck_attention_item_compare().
 */
void
ck_attention_set_append_step (CkAttentionSet *self,
                              guint           subject,
                              const char     *title,
                              guint32         due,
                              int             days_overdue,
                              guint           step)
{
  Entry entry = { subject, due, days_overdue, step };

  g_return_if_fail (self != NULL);
  g_return_if_fail (subject < self->subjects->len);

  if (step >= self->titles->len)
    g_ptr_array_set_size (self->titles, step + 1);
  if (self->titles->pdata[step] == NULL)
    self->titles->pdata[step] = g_string_chunk_insert (self->strings, title);

  g_array_append_val (self->entries, entry);
}

static const char *
entry_subject (CkAttentionSet *self,
               const Entry    *entry)
{
  if (entry->origin & ITEM)
    return ((CkAttentionItem *) self->items->pdata[entry->origin & ~ITEM])->subject;

  return g_array_index (self->subjects, Subject, entry->origin).reference;
}

/**
 * ck_attention_set_add_items:
 * @items: (element-type CkAttentionItem): items of another source; the
 *   set takes them out of @items
 *
 * Puts each of @items where ck_attention_item_compare() puts it among
 * the set's items: a few, such as a reflection room's actions, among
 * many steps.
 */
void
ck_attention_set_add_items (CkAttentionSet *self,
                            GPtrArray      *items)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (items != NULL);

  while (items->len > 0)
    {
      CkAttentionItem *item = g_ptr_array_steal_index_fast (items, items->len - 1);
      Entry entry = { ITEM | self->items->len, 0, item->days_overdue, 0 };
      guint low = 0, high = self->entries->len;

      if (g_date_valid (&item->due))
        entry.due = g_date_get_julian (&item->due);
      g_ptr_array_add (self->items, item);

      /* After every entry that comes before it or ties with it. */
      while (low < high)
        {
          guint middle = low + (high - low) / 2;
          const Entry *other = &g_array_index (self->entries, Entry, middle);
          int order = other->days_overdue != item->days_overdue
                      ? item->days_overdue - other->days_overdue
                      : g_strcmp0 (entry_subject (self, other), item->subject);

          if (order <= 0)
            low = middle + 1;
          else
            high = middle;
        }
      g_array_insert_val (self->entries, low, entry);
    }
}

guint
ck_attention_set_get_n_items (CkAttentionSet *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->entries->len;
}

/* Returns: how many of the items are overdue (the first ones) */
guint
ck_attention_set_count_overdue (CkAttentionSet *self)
{
  guint low = 0, high;

  g_return_val_if_fail (self != NULL, 0);

  high = self->entries->len;
  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (g_array_index (self->entries, Entry, middle).days_overdue > 0)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

int
ck_attention_set_get_days_overdue (CkAttentionSet *self,
                                   guint           position)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (position < self->entries->len, 0);

  return g_array_index (self->entries, Entry, position).days_overdue;
}

/**
 * ck_attention_set_make_item:
 *
 * Returns: (transfer full): the item at @position
 */
CkAttentionItem *
ck_attention_set_make_item (CkAttentionSet *self,
                            guint           position)
{
  const Entry *entry;
  const Subject *subject;
  CkAttentionItem *item;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (position < self->entries->len, NULL);

  entry = &g_array_index (self->entries, Entry, position);
  if (entry->origin & ITEM)
    return ck_attention_item_copy (self->items->pdata[entry->origin & ~ITEM]);

  subject = &g_array_index (self->subjects, Subject, entry->origin);
  item = ck_attention_item_new (CK_ATTENTION_CASE_STEP);
  ck_julian_to_date (entry->due, &item->due);
  item->days_overdue = entry->days_overdue;
  item->title = g_strdup (self->titles->pdata[entry->step]);
  item->subject = g_strdup (subject->reference);
  item->case_id = subject->case_id;
  item->target_id = entry->step;
  return item;
}
