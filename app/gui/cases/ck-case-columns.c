/* ck-case-columns.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ck-case-columns.h"
#include "ck-case-row.h"
#include "ck-case-slot.h"
#include "ck-date.h"
#include "ck-vocabulary.h"

/* The columns of the case list: how each cell shows a CkCaseRow and how
 * each column sorts. Code columns sort by label through a rank computed
 * once per code list, so that sorting 100,000 rows compares integers
 * rather than collating strings. */

/* An open case past the three months within which the reporter should
 * hear the outcome is marked. */
#define DAYS_OPEN_WARNING 90

typedef enum
{
  COLUMN_REFERENCE,
  COLUMN_DATE,
  COLUMN_KIND,
  COLUMN_GROUNDS,
  COLUMN_MANIFESTATIONS,
  COLUMN_STATUS,
  COLUMN_DAYS_OPEN,
} Column;

static int
compare_term_labels (gconstpointer a,
                     gconstpointer b)
{
  return g_utf8_collate ((*(CkTerm * const *) a)->label, (*(CkTerm * const *) b)->label);
}

/* Returns: (transfer none): code → 1 + its place among the labels of
 * @list in collation order; built once and kept */
static GHashTable *
get_label_ranks (const char *list)
{
  static GHashTable *by_list;
  g_autoptr(GPtrArray) terms = NULL;
  GHashTable *ranks;

  if (by_list == NULL)
    by_list = g_hash_table_new (g_str_hash, g_str_equal);

  ranks = g_hash_table_lookup (by_list, list);
  if (ranks != NULL)
    return ranks;

  terms = g_ptr_array_copy (ck_vocabulary_get_terms (ck_vocabulary_get_default (), list), NULL, NULL);
  g_ptr_array_sort (terms, compare_term_labels);

  ranks = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < terms->len; i++)
    g_hash_table_insert (ranks, (gpointer) ((CkTerm *) terms->pdata[i])->code, GUINT_TO_POINTER (i + 1));
  g_hash_table_insert (by_list, (gpointer) list, ranks);

  return ranks;
}

static int
compare_ranks (GHashTable *ranks,
               const char *a,
               const char *b)
{
  guint rank_a = a != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (ranks, a)) : 0;
  guint rank_b = b != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (ranks, b)) : 0;

  return (rank_a > rank_b) - (rank_a < rank_b);
}

static int
compare_code_lists (GHashTable         *ranks,
                    const char * const *a,
                    const char * const *b)
{
  guint i;

  for (i = 0; a[i] != NULL && b[i] != NULL; i++)
    {
      int result = compare_ranks (ranks, a[i], b[i]);

      if (result != 0)
        return result;
    }

  return (a[i] != NULL) - (b[i] != NULL);
}

static int
compare_status (const char *a,
                const char *b)
{
  CkVocabulary *vocabulary = ck_vocabulary_get_default ();
  const CkTerm *term_a = ck_vocabulary_lookup (vocabulary, CK_VOCAB_STATUSES, a);
  const CkTerm *term_b = ck_vocabulary_lookup (vocabulary, CK_VOCAB_STATUSES, b);
  int pos_a = term_a != NULL ? (int) term_a->position : -1;
  int pos_b = term_b != NULL ? (int) term_b->position : -1;

  /* The order of the workflow, not of the alphabet. */
  return (pos_a > pos_b) - (pos_a < pos_b);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  CkCaseRow *row_a = CK_CASE_ROW ((gpointer) a);
  CkCaseRow *row_b = CK_CASE_ROW ((gpointer) b);
  int result = 0;

  switch ((Column) GPOINTER_TO_INT (user_data))
    {
    case COLUMN_REFERENCE:
      result = g_strcmp0 (ck_case_row_get_reference (row_a), ck_case_row_get_reference (row_b));
      break;

    case COLUMN_DATE:
      result = g_strcmp0 (ck_case_row_get_report_date (row_a), ck_case_row_get_report_date (row_b));
      break;

    case COLUMN_KIND:
      result = compare_ranks (get_label_ranks (CK_VOCAB_KINDS),
                              ck_case_row_get_kind (row_a), ck_case_row_get_kind (row_b));
      break;

    case COLUMN_GROUNDS:
      result = compare_code_lists (get_label_ranks (CK_VOCAB_GROUNDS),
                                   ck_case_row_get_grounds (row_a), ck_case_row_get_grounds (row_b));
      break;

    case COLUMN_MANIFESTATIONS:
      result = compare_code_lists (get_label_ranks (CK_VOCAB_MANIFESTATIONS),
                                   ck_case_row_get_manifestations (row_a),
                                   ck_case_row_get_manifestations (row_b));
      break;

    case COLUMN_STATUS:
      result = compare_status (ck_case_row_get_status (row_a), ck_case_row_get_status (row_b));
      break;

    case COLUMN_DAYS_OPEN:
      result = (ck_case_row_get_days_open (row_a) > ck_case_row_get_days_open (row_b)) -
               (ck_case_row_get_days_open (row_a) < ck_case_row_get_days_open (row_b));
      break;

    default:
      g_assert_not_reached ();
    }

  if (result == 0)
    {
      gint64 id_a = ck_case_row_get_id (row_a);
      gint64 id_b = ck_case_row_get_id (row_b);

      /* Equal cells keep the order of registration, so a sort is stable
       * from one refresh to the next. */
      result = (id_a > id_b) - (id_a < id_b);
    }

  return result < 0 ? GTK_ORDERING_SMALLER : result > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

/* The full text of a cut-off cell, asked only when the pointer rests on
 * it: setting a tooltip on every cell as it is bound costs GTK 4.8 more
 * than the rest of a search. */
static gboolean
query_tooltip_cb (GtkWidget  *cell,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip)
{
  const char *text = gtk_inscription_get_text (GTK_INSCRIPTION (cell));

  if (text == NULL || *text == '\0')
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
setup_text_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *cell = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), 4);
  if (column == COLUMN_DAYS_OPEN)
    {
      gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), 1.0);
      gtk_widget_add_css_class (cell, "numeric");
    }
  if (column == COLUMN_GROUNDS || column == COLUMN_MANIFESTATIONS)
    {
      gtk_widget_set_has_tooltip (cell, TRUE);
      g_signal_connect (cell, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
    }
  g_object_set_data (G_OBJECT (item), "ck-column", GINT_TO_POINTER (column));
  gtk_list_item_set_child (item, cell);
}

static void
setup_status_cell (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_halign (label, GTK_ALIGN_START);
  gtk_widget_add_css_class (label, "status-pill");
  g_object_set_data (G_OBJECT (item), "ck-column", GINT_TO_POINTER (COLUMN_STATUS));
  gtk_list_item_set_child (item, label);
}

static char *
describe (CkCaseRow *row,
          Column     column)
{
  CkVocabulary *vocabulary = ck_vocabulary_get_default ();

  switch (column)
    {
    case COLUMN_REFERENCE:
      return g_strdup (ck_case_row_get_reference (row));

    case COLUMN_DATE:
      {
        GDate date;

        ck_date_from_iso (&date, ck_case_row_get_report_date (row));
        return ck_date_format_user (&date);
      }

    case COLUMN_KIND:
      return g_strdup (ck_vocabulary_get_label (vocabulary, CK_VOCAB_KINDS, ck_case_row_get_kind (row)));

    case COLUMN_GROUNDS:
      return ck_vocabulary_join_labels (vocabulary, CK_VOCAB_GROUNDS, ck_case_row_get_grounds (row));

    case COLUMN_MANIFESTATIONS:
      return ck_vocabulary_join_labels (vocabulary, CK_VOCAB_MANIFESTATIONS, ck_case_row_get_manifestations (row));

    case COLUMN_STATUS:
      return g_strdup (ck_vocabulary_get_label (vocabulary, CK_VOCAB_STATUSES, ck_case_row_get_status (row)));

    case COLUMN_DAYS_OPEN:
      {
        int days = ck_case_row_get_days_open (row);

        return days < 0 ? g_strdup ("—") : g_strdup_printf ("%d", days);
      }

    default:
      g_assert_not_reached ();
    }
}

static gboolean
is_open (CkCaseRow *row)
{
  const char *status = ck_case_row_get_status (row);

  return g_strcmp0 (status, "afgedaan") != 0 && g_strcmp0 (status, "gesloten") != 0;
}

/* Shows in @item's cell the case its slot shows now. */
static void
fill_cell (GtkListItem *item)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (item), "ck-column"));
  gpointer shown = gtk_list_item_get_item (item);
  g_autoptr(CkCaseRow) row = CK_IS_CASE_SLOT (shown) ? ck_case_slot_dup_row (shown) : g_object_ref (shown);
  GtkWidget *cell = gtk_list_item_get_child (item);
  g_autofree char *text = NULL;

  if (row == NULL)
    return;

  text = describe (row, column);
  if (column == COLUMN_STATUS)
    {
      g_autofree char *css = g_strdup_printf ("status-%s", ck_case_row_get_status (row));
      const char *classes[] = { "status-pill", css, NULL };

      /* Restyling costs more than the rest of the cell: only on a change. */
      if (!gtk_widget_has_css_class (cell, css))
        gtk_widget_set_css_classes (cell, classes);
      gtk_label_set_text (GTK_LABEL (cell), text);
      return;
    }

  gtk_inscription_set_text (GTK_INSCRIPTION (cell), text);
  if (column == COLUMN_DAYS_OPEN)
    {
      gboolean late = is_open (row) && ck_case_row_get_days_open (row) > DAYS_OPEN_WARNING;

      if (late)
        gtk_widget_add_css_class (cell, "warning");
      else
        gtk_widget_remove_css_class (cell, "warning");
    }
}

/* The slot stays bound while a search or a sort changes its case. */
static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  fill_cell (item);
  if (CK_IS_CASE_SLOT (gtk_list_item_get_item (item)))
    g_signal_connect_object (gtk_list_item_get_item (item), "changed", G_CALLBACK (fill_cell), item,
                             G_CONNECT_SWAPPED);
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  if (CK_IS_CASE_SLOT (gtk_list_item_get_item (item)))
    g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (item), fill_cell, item);
}

static void
add_column (GtkColumnView *view,
            const char    *title,
            Column         column,
            gboolean       expand,
            int            fixed_width)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;
  g_autoptr(GtkSorter) sorter = NULL;

  if (column == COLUMN_STATUS)
    g_signal_connect (factory, "setup", G_CALLBACK (setup_status_cell), GINT_TO_POINTER (column));
  else
    g_signal_connect (factory, "setup", G_CALLBACK (setup_text_cell), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), NULL);

  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_rows, GINT_TO_POINTER (column), NULL));
  view_column = gtk_column_view_column_new (title, g_object_ref (factory));
  gtk_column_view_column_set_sorter (view_column, sorter);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (view_column, fixed_width);
  gtk_column_view_append_column (view, view_column);
}

/**
 * ck_case_columns_add:
 *
 * Adds the case list's columns to @view, which shows CkCaseRow items, or
 * CkCaseSlot items (ck-case-slots.h) where searches change them often.
 */
void
ck_case_columns_add (GtkColumnView *view)
{
  add_column (view, _("Reference"), COLUMN_REFERENCE, FALSE, 140);
  add_column (view, _("Date"), COLUMN_DATE, FALSE, 100);
  add_column (view, _("Kind"), COLUMN_KIND, FALSE, 100);
  add_column (view, _("Grounds"), COLUMN_GROUNDS, TRUE, -1);
  add_column (view, _("Manifestations"), COLUMN_MANIFESTATIONS, TRUE, -1);
  add_column (view, _("Status"), COLUMN_STATUS, FALSE, 140);
  add_column (view, _("Days Open"), COLUMN_DAYS_OPEN, FALSE, 100);
}
