/* ck-case-filter.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ck-case-filter.h"
#include "ck-case-row.h"

/* Lets through the cases whose ids the register's query returned. The
 * query runs in SQL (FTS5 and the filters) off the main thread; the filter
 * only looks ids up, so filtering 100,000 rows stays cheap. */
struct _CkCaseFilter
{
  GtkFilter  parent_instance;
  GArray    *ids;      /* ascending gint64, or NULL: everything matches */
};

G_DEFINE_FINAL_TYPE (CkCaseFilter, ck_case_filter, GTK_TYPE_FILTER)

static gboolean
contains (GArray *ids,
          gint64  id)
{
  guint lo = 0;
  guint hi = ids->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gint64 mid_id = g_array_index (ids, gint64, mid);

      if (mid_id == id)
        return TRUE;
      if (mid_id < id)
        lo = mid + 1;
      else
        hi = mid;
    }

  return FALSE;
}

static gboolean
ck_case_filter_match (GtkFilter *filter,
                      gpointer   item)
{
  CkCaseFilter *self = CK_CASE_FILTER (filter);

  return self->ids == NULL || contains (self->ids, ck_case_row_get_id (item));
}

static GtkFilterMatch
ck_case_filter_get_strictness (GtkFilter *filter)
{
  CkCaseFilter *self = CK_CASE_FILTER (filter);

  if (self->ids == NULL)
    return GTK_FILTER_MATCH_ALL;
  if (self->ids->len == 0)
    return GTK_FILTER_MATCH_NONE;
  return GTK_FILTER_MATCH_SOME;
}

static void
ck_case_filter_finalize (GObject *object)
{
  CkCaseFilter *self = (CkCaseFilter *)object;

  g_clear_pointer (&self->ids, g_array_unref);

  G_OBJECT_CLASS (ck_case_filter_parent_class)->finalize (object);
}

static void
ck_case_filter_class_init (CkCaseFilterClass *klass)
{
  GtkFilterClass *filter_class = GTK_FILTER_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = ck_case_filter_finalize;
  filter_class->match = ck_case_filter_match;
  filter_class->get_strictness = ck_case_filter_get_strictness;
}

static void
ck_case_filter_init (CkCaseFilter *self)
{
}

CkCaseFilter *
ck_case_filter_new (void)
{
  return g_object_new (CK_TYPE_CASE_FILTER, NULL);
}

/**
 * ck_case_filter_set_ids:
 * @ids: (nullable) (transfer full): ascending case ids to let through, or
 *   %NULL to let everything through
 */
void
ck_case_filter_set_ids (CkCaseFilter *self,
                        GArray       *ids)
{
  g_return_if_fail (CK_IS_CASE_FILTER (self));

  g_clear_pointer (&self->ids, g_array_unref);
  self->ids = ids;
  gtk_filter_changed (GTK_FILTER (self), GTK_FILTER_CHANGE_DIFFERENT);
}
