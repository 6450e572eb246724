/* ck-case-list.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ck-case-list.h"
#include "ck-case-row.h"

struct _CkCaseList
{
  GObject    parent_instance;
  GPtrArray *rows;   /* of CkCaseRow, ascending id */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CkCaseList, ck_case_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
ck_case_list_get_item_type (GListModel *model)
{
  return CK_TYPE_CASE_ROW;
}

static guint
ck_case_list_get_n_items (GListModel *model)
{
  return CK_CASE_LIST (model)->rows->len;
}

static gpointer
ck_case_list_get_item (GListModel *model,
                       guint       position)
{
  CkCaseList *self = CK_CASE_LIST (model);

  if (position >= self->rows->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->rows, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = ck_case_list_get_item_type;
  iface->get_n_items = ck_case_list_get_n_items;
  iface->get_item = ck_case_list_get_item;
}

static void
ck_case_list_finalize (GObject *object)
{
  CkCaseList *self = (CkCaseList *)object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (ck_case_list_parent_class)->finalize (object);
}

static void
ck_case_list_class_init (CkCaseListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ck_case_list_finalize;
}

static void
ck_case_list_init (CkCaseList *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
}

CkCaseList *
ck_case_list_new (void)
{
  return g_object_new (CK_TYPE_CASE_LIST, NULL);
}

/* Binary search: the position of @id, or where it would go. */
static guint
find_position (CkCaseList *self,
               gint64      id,
               gboolean   *found)
{
  guint lo = 0;
  guint hi = self->rows->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gint64 mid_id = ck_case_row_get_id (g_ptr_array_index (self->rows, mid));

      if (mid_id == id)
        {
          *found = TRUE;
          return mid;
        }
      if (mid_id < id)
        lo = mid + 1;
      else
        hi = mid;
    }

  *found = FALSE;
  return lo;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  gint64 id_a = ck_case_row_get_id (*(CkCaseRow **) a);
  gint64 id_b = ck_case_row_get_id (*(CkCaseRow **) b);

  return (id_a > id_b) - (id_a < id_b);
}

/**
 * ck_case_list_reset:
 * @rows: (transfer container) (element-type CkCaseRow): the new content
 *
 * Replaces the whole content in one change.
 */
void
ck_case_list_reset (CkCaseList *self,
                    GPtrArray  *rows)
{
  guint removed;

  g_return_if_fail (CK_IS_CASE_LIST (self));

  removed = self->rows->len;
  g_ptr_array_unref (self->rows);
  self->rows = rows;
  g_ptr_array_set_free_func (self->rows, g_object_unref);
  g_ptr_array_sort (self->rows, compare_rows);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->rows->len);
}

/* Inserts @row, or replaces the row with the same id. */
void
ck_case_list_put (CkCaseList *self,
                  CkCaseRow  *row)
{
  gboolean found;
  guint position;

  g_return_if_fail (CK_IS_CASE_LIST (self));
  g_return_if_fail (CK_IS_CASE_ROW (row));

  position = find_position (self, ck_case_row_get_id (row), &found);
  if (found)
    {
      g_object_unref (g_ptr_array_index (self->rows, position));
      g_ptr_array_index (self->rows, position) = g_object_ref (row);
    }
  else
    g_ptr_array_insert (self->rows, position, g_object_ref (row));

  g_list_model_items_changed (G_LIST_MODEL (self), position, found ? 1 : 0, 1);
}

void
ck_case_list_remove (CkCaseList *self,
                     gint64      id)
{
  gboolean found;
  guint position;

  g_return_if_fail (CK_IS_CASE_LIST (self));

  position = find_position (self, id, &found);
  if (!found)
    return;

  g_ptr_array_remove_index (self->rows, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
}

/* Returns: (transfer none) (nullable): the row of case @id */
CkCaseRow *
ck_case_list_find (CkCaseList *self,
                   gint64      id)
{
  gboolean found;
  guint position;

  g_return_val_if_fail (CK_IS_CASE_LIST (self), NULL);

  position = find_position (self, id, &found);
  return found ? g_ptr_array_index (self->rows, position) : NULL;
}
