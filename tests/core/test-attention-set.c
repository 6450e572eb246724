/* test-attention-set.c: the overview's compact list of items
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "ck-attention-set.h"

/* The set as "subject days-overdue" lines. */
static char *
describe (CkAttentionSet *set)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < ck_attention_set_get_n_items (set); i++)
    {
      g_autoptr(CkAttentionItem) item = ck_attention_set_make_item (set, i);

      g_assert_cmpint (item->days_overdue, ==, ck_attention_set_get_days_overdue (set, i));
      g_string_append_printf (text, "%s %d\n", item->subject, item->days_overdue);
    }

  return g_string_free (text, FALSE);
}

static CkAttentionItem *
action (const char *subject,
        int         days_overdue,
        gint64      id)
{
  CkAttentionItem *item = ck_attention_item_new (CK_ATTENTION_ACTION);

  item->subject = g_strdup (subject);
  item->title = g_strdup ("Train the team leaders");
  item->days_overdue = days_overdue;
  item->target_id = id;
  g_date_set_dmy (&item->due, 1, 9, 2026);
  return item;
}

static void
test_steps (void)
{
  g_autoptr(CkAttentionSet) set = ck_attention_set_new (4);
  g_autoptr(CkAttentionItem) item = NULL;
  g_autofree char *text = NULL;
  char reference[32], title[64];
  GDate due;
  guint subject;

  /* The set keeps its own copies: what it was given may go. */
  g_strlcpy (reference, "AMS-2026-0007", sizeof reference);
  g_strlcpy (title, "Confirm receipt to the reporter", sizeof title);
  subject = ck_attention_set_add_subject (set, 7, reference);

  g_date_clear (&due, 1);
  g_date_set_dmy (&due, 20, 9, 2026);
  ck_attention_set_append_step (set, subject, title, g_date_get_julian (&due), 10, 1);
  ck_attention_set_append_step (set, subject, "Triage", g_date_get_julian (&due), 0, 2);
  ck_attention_set_append_step (set, subject, "Triage", g_date_get_julian (&due), -3, 2);
  memset (reference, 0, sizeof reference);
  memset (title, 0, sizeof title);

  g_assert_cmpuint (ck_attention_set_get_n_items (set), ==, 3);
  g_assert_cmpuint (ck_attention_set_count_overdue (set), ==, 1);

  item = ck_attention_set_make_item (set, 0);
  g_assert_cmpint (item->kind, ==, CK_ATTENTION_CASE_STEP);
  g_assert_cmpint (item->case_id, ==, 7);
  g_assert_cmpint (item->target_id, ==, 1);
  g_assert_cmpstr (item->subject, ==, "AMS-2026-0007");
  g_assert_cmpstr (item->title, ==, "Confirm receipt to the reporter");
  g_assert_cmpint (g_date_compare (&item->due, &due), ==, 0);
  g_clear_pointer (&item, ck_attention_item_free);

  item = ck_attention_set_make_item (set, 2);
  g_assert_cmpint (item->target_id, ==, 2);
  g_assert_cmpstr (item->title, ==, "Triage");

  text = describe (set);
  g_assert_cmpstr (text, ==, "AMS-2026-0007 10\nAMS-2026-0007 0\nAMS-2026-0007 -3\n");
}

/* Items of another source go where ck_attention_item_compare() puts
 * them: by days overdue, then by subject; at either end too. */
static void
test_add_items (void)
{
  g_autoptr(CkAttentionSet) set = ck_attention_set_new (0);
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func ((GDestroyNotify) ck_attention_item_free);
  g_autoptr(CkAttentionItem) made = NULL;
  g_autoptr(CkAttentionItem) step = NULL;
  g_autofree char *text = NULL;
  guint b = ck_attention_set_add_subject (set, 1, "B");
  guint d = ck_attention_set_add_subject (set, 2, "D");

  ck_attention_set_append_step (set, b, "Register", 2461300, 5, 0);
  ck_attention_set_append_step (set, d, "Register", 2461300, 5, 0);
  ck_attention_set_append_step (set, b, "Confirm receipt", 2461310, -2, 1);

  g_ptr_array_add (actions, action ("C", 5, 41));
  g_ptr_array_add (actions, action ("A", 30, 42));
  g_ptr_array_add (actions, action ("Z", -6, 43));
  g_ptr_array_add (actions, action ("A", 0, 44));
  ck_attention_set_add_items (set, actions);

  g_assert_cmpuint (actions->len, ==, 0);
  text = describe (set);
  g_assert_cmpstr (text, ==, "A 30\nB 5\nC 5\nD 5\nA 0\nB -2\nZ -6\n");
  g_assert_cmpuint (ck_attention_set_count_overdue (set), ==, 4);

  /* A whole item comes back as it went in, a copy each time. */
  made = ck_attention_set_make_item (set, 2);
  g_assert_cmpint (made->kind, ==, CK_ATTENTION_ACTION);
  g_assert_cmpint (made->target_id, ==, 41);
  g_assert_cmpstr (made->title, ==, "Train the team leaders");
  step = ck_attention_set_make_item (set, 5);
  g_assert_cmpint (step->case_id, ==, 1);
  g_assert_cmpstr (step->title, ==, "Confirm receipt");
}

static void
test_empty (void)
{
  g_autoptr(CkAttentionSet) set = ck_attention_set_new (0);
  CkAttentionSet *copy = g_boxed_copy (CK_TYPE_ATTENTION_SET, set);

  g_assert_true (copy == set);
  g_boxed_free (CK_TYPE_ATTENTION_SET, copy);
  g_assert_cmpuint (ck_attention_set_get_n_items (set), ==, 0);
  g_assert_cmpuint (ck_attention_set_count_overdue (set), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/attention-set/steps", test_steps);
  g_test_add_func ("/attention-set/add-items", test_add_items);
  g_test_add_func ("/attention-set/empty", test_empty);

  return g_test_run ();
}
