/* ck-stats-table.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "ck-stats-table.h"

G_DEFINE_BOXED_TYPE (CkStatsTable, ck_stats_table, ck_stats_table_ref, ck_stats_table_unref)

static void
clear_header (CkStatsHeader *header)
{
  g_free (header->label);
  g_free (header->code);
}

static void
clear_table (CkStatsTable *self)
{
  for (guint r = 0; r < self->n_rows; r++)
    clear_header (&self->rows[r]);
  for (guint c = 0; c < self->n_cols; c++)
    clear_header (&self->columns[c]);
  g_free (self->rows);
  g_free (self->columns);
  g_free (self->cells);
  g_free (self->title);
  g_free (self->row_title);
  g_free (self->note);
}

/**
 * ck_stats_table_new:
 * @name: a static string, used in file names
 *
 * Returns: (transfer full): a table of empty count cells
 */
CkStatsTable *
ck_stats_table_new (CkStatsTableId  id,
                    const char     *name,
                    guint           n_rows,
                    guint           n_cols)
{
  CkStatsTable *self = g_rc_box_new0 (CkStatsTable);

  self->id = id;
  self->name = name;
  self->n_rows = n_rows;
  self->n_cols = n_cols;
  self->rows = g_new0 (CkStatsHeader, MAX (n_rows, 1));
  self->columns = g_new0 (CkStatsHeader, MAX (n_cols, 1));
  self->cells = g_new0 (CkStatsCell, MAX ((gsize) n_rows * n_cols, 1));

  return self;
}

CkStatsTable *
ck_stats_table_ref (CkStatsTable *self)
{
  return g_rc_box_acquire (self);
}

void
ck_stats_table_unref (CkStatsTable *self)
{
  g_rc_box_release_full (self, (GDestroyNotify) clear_table);
}

CkStatsCell *
ck_stats_table_get_cell (CkStatsTable *self,
                         guint         row,
                         guint         col)
{
  g_return_val_if_fail (row < self->n_rows && col < self->n_cols, NULL);

  return &self->cells[(gsize) row * self->n_cols + col];
}

const CkStatsCell *
ck_stats_table_peek_cell (const CkStatsTable *self,
                          guint               row,
                          guint               col)
{
  g_return_val_if_fail (row < self->n_rows && col < self->n_cols, NULL);

  return &self->cells[(gsize) row * self->n_cols + col];
}

void
ck_stats_table_set_header (CkStatsHeader *header,
                           const char    *label,
                           const char    *code,
                           CkStatsDim     dim,
                           guint          value)
{
  g_free (header->label);
  g_free (header->code);
  header->label = g_strdup (label);
  header->code = g_strdup (code);
  header->dim = dim;
  header->value = value;
}

/* Returns: whether the cell shows its number as it is */
gboolean
ck_stats_cell_is_shown (const CkStatsCell *cell)
{
  if (cell->state != CK_STATS_CELL_SHOWN)
    return FALSE;
  if (cell->kind == CK_STATS_VALUE_SHARE)
    return cell->other_state == CK_STATS_CELL_SHOWN && cell->base > 0;

  return TRUE;
}

static char *
format_number (double value)
{
  /* Whole numbers stay whole; a median of an even count may end in .5. */
  if (fabs (value - round (value)) < 0.05)
    return g_strdup_printf ("%.0f", value);

  return g_strdup_printf ("%.1f", value);
}

static const char *
marker (CkStatsCellState state)
{
  switch ((int) state)
    {
    case CK_STATS_CELL_SMALL:
      return "<5";
    case CK_STATS_CELL_HIDDEN:
      return "×";
    case CK_STATS_CELL_TOO_FEW:
      /* Translators: in a table, instead of a median or a share computed
       * over fewer than 5 cases. */
      return C_("figure", "n<5");
    case CK_STATS_CELL_NONE:
      return "–";
    default:
      return NULL;
    }
}

static char *
format_share (const CkStatsCell *cell,
              gboolean           plain)
{
  if (cell->base == 0)
    return g_strdup ("–");

  /* A count of at most 4 of the base: the share is at most 4 / base; and
   * at least (base − 4) / base when the rest is that small. */
  if (cell->state == CK_STATS_CELL_SMALL)
    return g_strdup_printf ("≤%.0f%%", ceil (100.0 * (CK_STATS_MIN_COUNT - 1) / cell->base));
  if (cell->other_state == CK_STATS_CELL_SMALL)
    return g_strdup_printf ("≥%.0f%%", floor (100.0 * MAX (0, (int) cell->base - (CK_STATS_MIN_COUNT - 1)) / cell->base));
  if (cell->state != CK_STATS_CELL_SHOWN)
    return g_strdup (marker (cell->state));
  if (cell->other_state != CK_STATS_CELL_SHOWN)
    return g_strdup (marker (cell->other_state));

  if (plain)
    return g_strdup_printf ("%.1f", 100.0 * cell->value);
  return g_strdup_printf ("%.0f%%", 100.0 * cell->value);
}

static char *
format_change (const CkStatsCell *cell)
{
  double value;

  /* No sign on a change that rounds to nothing. */
  switch ((int) cell->kind)
    {
    case CK_STATS_VALUE_CHANGE_COUNT:
      value = round (cell->value);
      /* Translators: a change against an earlier period, in per cent. */
      return value == 0 ? g_strdup (_("0%")) : g_strdup_printf (_("%+.0f%%"), value);
    case CK_STATS_VALUE_CHANGE_SHARE:
      value = round (cell->value);
      /* Translators: a change of a share, in percentage points. */
      return value == 0 ? g_strdup (_("0 pt")) : g_strdup_printf (_("%+.0f pt"), value);
    case CK_STATS_VALUE_CHANGE_DAYS:
    default:
      value = round (cell->value * 10) / 10;
      /* Translators: a change of a median lead time, in days. */
      return value == 0 ? g_strdup (_("0 d")) : g_strdup_printf (_("%+.1f d"), value);
    }
}

static char *
format_cell (const CkStatsCell *cell,
             gboolean           plain)
{
  const char *mark;

  if (cell->kind == CK_STATS_VALUE_SHARE && cell->state != CK_STATS_CELL_TOO_FEW &&
      cell->state != CK_STATS_CELL_NONE)
    return format_share (cell, plain);

  if ((mark = marker (cell->state)) != NULL)
    return g_strdup (mark);

  switch (cell->kind)
    {
    case CK_STATS_VALUE_COUNT:
      return g_strdup_printf ("%u", cell->count);

    case CK_STATS_VALUE_DAYS:
    case CK_STATS_VALUE_LEVEL:
      {
        g_autofree char *median = format_number (cell->value);
        g_autofree char *low = format_number (cell->low);
        g_autofree char *high = format_number (cell->high);

        if (plain)
          return g_strdup_printf ("%s (%s-%s)", median, low, high);
        /* Translators: a median and its interquartile range, e.g. "12 (7–20)". */
        return g_strdup_printf (_("%s (%s–%s)"), median, low, high);
      }

    case CK_STATS_VALUE_QUANTILE:
      return format_number (cell->value);

    case CK_STATS_VALUE_CHANGE_COUNT:
    case CK_STATS_VALUE_CHANGE_SHARE:
    case CK_STATS_VALUE_CHANGE_DAYS:
      return format_change (cell);

    case CK_STATS_VALUE_SHARE:
    default:
      return g_strdup ("");
    }
}

/* Returns: (transfer full): the cell as a table shows it: "12", "<5", "×",
 * "45%", "12 (7–20)" */
char *
ck_stats_cell_format (const CkStatsCell *cell)
{
  return format_cell (cell, FALSE);
}

/* Returns: (transfer full): the cell for a file: numbers with a point,
 * shares in per cent without the sign, markers as they are */
char *
ck_stats_cell_format_plain (const CkStatsCell *cell)
{
  char *text = format_cell (cell, TRUE);

  /* Whatever the locale's decimal separator, files use the point. */
  g_strdelimit (text, ",", '.');
  return text;
}

/* Returns: whether any cell is small or hidden */
gboolean
ck_stats_table_has_hidden (const CkStatsTable *self)
{
  for (gsize i = 0; i < (gsize) self->n_rows * self->n_cols; i++)
    {
      const CkStatsCell *cell = &self->cells[i];

      if (cell->state == CK_STATS_CELL_SMALL || cell->state == CK_STATS_CELL_HIDDEN ||
          cell->other_state == CK_STATS_CELL_SMALL || cell->other_state == CK_STATS_CELL_HIDDEN)
        return TRUE;
    }

  return FALSE;
}

static void
append_csv_field (GString    *out,
                  const char *text)
{
  if (text == NULL)
    text = "";

  if (strpbrk (text, ",\"\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* Returns: (transfer full): the table as CSV (RFC 4180, UTF-8, CRLF): a
 * header line, then one line per row; hidden cells as the tables show
 * them */
char *
ck_stats_table_to_csv (const CkStatsTable *self)
{
  GString *out = g_string_new (NULL);

  append_csv_field (out, self->row_title);
  for (guint c = 0; c < self->n_cols; c++)
    {
      g_string_append_c (out, ',');
      append_csv_field (out, self->columns[c].label);
    }
  g_string_append (out, "\r\n");

  for (guint r = 0; r < self->n_rows; r++)
    {
      append_csv_field (out, self->rows[r].label);
      for (guint c = 0; c < self->n_cols; c++)
        {
          g_autofree char *text = ck_stats_cell_format_plain (ck_stats_table_peek_cell (self, r, c));

          g_string_append_c (out, ',');
          append_csv_field (out, text);
        }
      g_string_append (out, "\r\n");
    }

  return g_string_free (out, FALSE);
}
