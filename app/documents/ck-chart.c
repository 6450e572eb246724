/* ck-chart.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "ck-chart.h"

/* Charts of the statistics tables. Each kind has one drawing function
 * that takes its sizes from the text size, so that a projector setting
 * makes every label larger and the chart makes room for it. Hidden cells
 * ("<5", "×") are drawn hatched and never with their number. */

typedef struct
{
  double x, y, w, h;
  guint  row, col;
} Hit;

struct _CkChart
{
  GObject       parent_instance;

  CkStatsTable *table;
  CkChartKind   kind;
  CkChartStyle  style;
  GArray       *hits;
};

G_DEFINE_FINAL_TYPE (CkChart, ck_chart, G_TYPE_OBJECT)

typedef struct
{
  double r, g, b;
} Rgb;

/* Distinguishable side by side, in light and dark, for up to 16 series. */
static const Rgb categories[] = {
  { 0.306, 0.475, 0.655 }, { 0.949, 0.557, 0.169 }, { 0.349, 0.631, 0.310 }, { 0.882, 0.341, 0.349 },
  { 0.463, 0.718, 0.698 }, { 0.929, 0.788, 0.282 }, { 0.690, 0.478, 0.631 }, { 1.000, 0.616, 0.655 },
  { 0.612, 0.459, 0.373 }, { 0.729, 0.690, 0.675 }, { 0.525, 0.737, 0.714 }, { 0.549, 0.820, 0.490 },
  { 0.714, 0.600, 0.176 }, { 0.286, 0.596, 0.580 }, { 0.827, 0.447, 0.584 }, { 0.475, 0.439, 0.431 },
};

/* Findings in vocabulary order: founded … not investigated. */
static const Rgb findings[] = {
  { 0.839, 0.278, 0.243 }, { 0.957, 0.592, 0.298 }, { 0.427, 0.592, 0.757 },
  { 0.565, 0.667, 0.580 }, { 0.741, 0.741, 0.741 },
};

static void
ck_chart_finalize (GObject *object)
{
  CkChart *self = (CkChart *)object;

  g_clear_pointer (&self->table, ck_stats_table_unref);
  g_clear_pointer (&self->hits, g_array_unref);

  G_OBJECT_CLASS (ck_chart_parent_class)->finalize (object);
}

static void
ck_chart_class_init (CkChartClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ck_chart_finalize;
}

static void
ck_chart_init (CkChart *self)
{
  self->hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  ck_chart_style_init (&self->style);
}

void
ck_chart_style_init (CkChartStyle *style)
{
  style->dark = FALSE;
  style->text_size = 9;
  style->background = FALSE;
}

/* Returns: whether a table of @id is drawn as a chart (else it is a
 * table only) */
gboolean
ck_chart_table_has_chart (CkStatsTableId id)
{
  return id != CK_STATS_TABLE_KEY_FIGURES && id != CK_STATS_TABLE_UNIT_KEY_FIGURES;
}

CkChart *
ck_chart_new (CkStatsTable *table)
{
  CkChart *self = g_object_new (CK_TYPE_CHART, NULL);

  self->table = ck_stats_table_ref (table);
  switch (table->id)
    {
    case CK_STATS_TABLE_QUARTER_GROUND:
    case CK_STATS_TABLE_QUARTER_UNIT:
      self->kind = CK_CHART_STACKED_BARS;
      break;
    case CK_STATS_TABLE_GROUND_MANIFESTATION:
    case CK_STATS_TABLE_UNIT_GROUND:
      self->kind = CK_CHART_HEAT_MAP;
      break;
    case CK_STATS_TABLE_LEAD_TIMES_GROUND:
    case CK_STATS_TABLE_LEAD_TIMES_UNIT:
      self->kind = CK_CHART_BOXES;
      break;
    case CK_STATS_TABLE_GROUND_FINDING:
    case CK_STATS_TABLE_GROUND_LEVEL:
    case CK_STATS_TABLE_UNIT_FINDING:
    case CK_STATS_TABLE_UNIT_LEVEL:
      self->kind = CK_CHART_SHARES;
      break;
    case CK_STATS_TABLE_COMPARABLE:
      self->kind = CK_CHART_SPREAD;
      break;
    case CK_STATS_TABLE_CHANNEL:
    case CK_STATS_TABLE_KIND:
    case CK_STATS_TABLE_KEY_FIGURES:
    case CK_STATS_TABLE_UNIT_KEY_FIGURES:
    case CK_STATS_N_TABLES:
    default:
      self->kind = CK_CHART_BARS;
      break;
    }

  return self;
}

/* Returns: (transfer none): the table drawn */
CkStatsTable *
ck_chart_get_table (CkChart *self)
{
  g_return_val_if_fail (CK_IS_CHART (self), NULL);

  return self->table;
}

CkChartKind
ck_chart_get_kind (CkChart *self)
{
  g_return_val_if_fail (CK_IS_CHART (self), CK_CHART_BARS);

  return self->kind;
}

void
ck_chart_set_style (CkChart            *self,
                    const CkChartStyle *style)
{
  g_return_if_fail (CK_IS_CHART (self));

  self->style = *style;
}

/* Drawing helpers. */

static void
set_colour (cairo_t *cr,
            Rgb      c,
            double   alpha)
{
  cairo_set_source_rgba (cr, c.r, c.g, c.b, alpha);
}

static Rgb
foreground (CkChart *self)
{
  return self->style.dark ? (Rgb) { 0.93, 0.93, 0.93 } : (Rgb) { 0.13, 0.13, 0.13 };
}

static Rgb
muted (CkChart *self)
{
  return self->style.dark ? (Rgb) { 0.62, 0.62, 0.62 } : (Rgb) { 0.42, 0.42, 0.42 };
}

static Rgb
rule (CkChart *self)
{
  return self->style.dark ? (Rgb) { 0.32, 0.32, 0.32 } : (Rgb) { 0.84, 0.84, 0.84 };
}

static Rgb
category (guint index)
{
  return categories[index % G_N_ELEMENTS (categories)];
}

/* Sanction levels from light to dark, 0 (no measure) to 12 (dismissal). */
static Rgb
level_colour (guint level)
{
  double t = MIN (level, CK_STATS_MAX_LEVEL) / (double) CK_STATS_MAX_LEVEL;

  return (Rgb) { 0.98 - 0.38 * t, 0.90 - 0.78 * t, 0.55 - 0.45 * t };
}

static Rgb
column_colour (CkStatsTable *table,
               guint         col)
{
  const CkStatsHeader *header = &table->columns[col];

  if (header->dim == CK_STATS_DIM_FINDING && header->value >= 1 && header->value <= G_N_ELEMENTS (findings))
    return findings[header->value - 1];
  if (header->dim == CK_STATS_DIM_LEVEL)
    return header->value == 0 ? (Rgb) { 0.7, 0.7, 0.7 } : level_colour (header->value - 1);
  return category (col);
}

/* From the background to a strong blue, for heat maps. */
static Rgb
heat_colour (CkChart *self,
             double   t)
{
  if (self->style.dark)
    return (Rgb) { 0.14 + 0.36 * t, 0.18 + 0.50 * t, 0.24 + 0.76 * t };

  return (Rgb) { 0.95 - 0.85 * t, 0.96 - 0.66 * t, 0.98 - 0.43 * t };
}

static PangoLayout *
make_text (cairo_t    *cr,
           double      size,
           gboolean    bold,
           const char *text)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

static void
measure (PangoLayout *layout,
         double      *width,
         double      *height)
{
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
}

static double
text_width (cairo_t    *cr,
            double      size,
            const char *text)
{
  g_autoptr(PangoLayout) layout = make_text (cr, size, FALSE, text);
  double width;

  measure (layout, &width, NULL);
  return width;
}

/* Shows @text with its anchor (xalign, yalign in 0..1) at (x, y), cut to
 * @max_width with an ellipsis when that is given. */
static void
show_text (cairo_t    *cr,
           double      size,
           gboolean    bold,
           const char *text,
           double      x,
           double      y,
           double      xalign,
           double      yalign,
           double      max_width)
{
  g_autoptr(PangoLayout) layout = make_text (cr, size, bold, text);
  double w, h;

  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  measure (layout, &w, &h);
  cairo_move_to (cr, x - xalign * w, y - yalign * h);
  pango_cairo_show_layout (cr, layout);
  /* Leave no current point for the next path to start from. */
  cairo_new_path (cr);
}

/* Diagonal lines: what is hidden. */
static void
hatch (CkChart *self,
       cairo_t *cr,
       double   x,
       double   y,
       double   w,
       double   h)
{
  Rgb c = muted (self);

  if (w <= 0 || h <= 0)
    return;

  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_clip_preserve (cr);
  set_colour (cr, c, 0.18);
  cairo_fill_preserve (cr);
  set_colour (cr, c, 0.9);
  cairo_set_line_width (cr, 0.8);
  cairo_stroke (cr);
  for (double d = -h; d < w; d += 5)
    {
      cairo_move_to (cr, x + d, y + h);
      cairo_line_to (cr, x + d + h, y);
    }
  set_colour (cr, c, 0.7);
  cairo_set_line_width (cr, 0.7);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
add_hit (CkChart *self,
         double   x,
         double   y,
         double   w,
         double   h,
         guint    row,
         guint    col)
{
  Hit hit = { x, y, w, h, row, col };

  if (w > 0 && h > 0)
    g_array_append_val (self->hits, hit);
}

/* A round step for an axis of whole numbers. */
static double
nice_step (double max,
           int    ticks)
{
  double raw = MAX (max / ticks, 1);
  double magnitude = pow (10, floor (log10 (raw)));
  double fraction = raw / magnitude;

  if (fraction <= 1)
    return magnitude;
  if (fraction <= 2)
    return 2 * magnitude;
  if (fraction <= 5)
    return 5 * magnitude;
  return 10 * magnitude;
}

static gboolean
has_total_column (CkStatsTable *table)
{
  return table->n_cols > 0 && table->columns[table->n_cols - 1].total;
}

static gboolean
has_total_row (CkStatsTable *table)
{
  return table->n_rows > 0 && table->rows[table->n_rows - 1].total;
}

static guint
data_rows (CkStatsTable *table)
{
  return table->n_rows - (has_total_row (table) ? 1 : 0);
}

static guint
data_cols (CkStatsTable *table)
{
  return table->n_cols - (has_total_column (table) ? 1 : 0);
}

static gboolean
shown (const CkStatsCell *cell)
{
  return cell->state == CK_STATS_CELL_SHOWN;
}

static double
line_height (CkChart *self)
{
  return ceil (self->style.text_size * 1.6);
}

/* A legend of swatches that wraps over lines; returns its height. */
static double
draw_legend (CkChart     *self,
             cairo_t     *cr,
             double       x,
             double       y,
             double       width,
             CkStatsTable *table,
             guint        n_items,
             gboolean     with_hidden,
             gboolean     draw)
{
  double size = self->style.text_size;
  double swatch = size;
  double lx = x, ly = y, lh = line_height (self);

  for (guint i = 0; i < n_items + (with_hidden ? 1 : 0); i++)
    {
      const char *label = i < n_items ? table->columns[i].label : _("Not shown (<5 or ×)");
      double w = swatch + 4 + text_width (cr, size, label) + 14;

      if (lx + w > x + width && lx > x)
        {
          lx = x;
          ly += lh;
        }

      if (draw)
        {
          if (i < n_items)
            {
              set_colour (cr, column_colour (table, i), 1);
              cairo_rectangle (cr, lx, ly + (lh - swatch) / 2, swatch, swatch);
              cairo_fill (cr);
            }
          else
            hatch (self, cr, lx, ly + (lh - swatch) / 2, swatch, swatch);
          set_colour (cr, foreground (self), 1);
          show_text (cr, size, FALSE, label, lx + swatch + 4, ly + lh / 2, 0, 0.5, -1);
        }
      lx += w;
    }

  return ly + lh - y;
}

/* Stacked bars: one per period, a segment per category, a tick at the
 * number of cases (a case with two grounds is in two segments). */
static void
draw_stacked_bars (CkChart *self,
                   cairo_t *cr,
                   double   width,
                   double   height)
{
  CkStatsTable *table = self->table;
  guint n_rows = data_rows (table), n_cols = data_cols (table);
  guint total_col = table->n_cols - 1;
  double size = self->style.text_size;
  gboolean hidden = ck_stats_table_has_hidden (table);
  double legend_h = draw_legend (self, cr, 0, 0, width, table, n_cols, hidden, FALSE);
  double max = 1, step, axis_w, plot_x, plot_y = size, plot_w, plot_h, bar_w, label_every;
  g_autofree char *max_label = NULL;
  int label_step = 1;

  for (guint r = 0; r < n_rows; r++)
    {
      double stack = 0;

      for (guint c = 0; c < n_cols; c++)
        if (shown (ck_stats_table_peek_cell (table, r, c)))
          stack += ck_stats_table_peek_cell (table, r, c)->count;
      if (has_total_column (table) && shown (ck_stats_table_peek_cell (table, r, total_col)))
        stack = MAX (stack, ck_stats_table_peek_cell (table, r, total_col)->count);
      max = MAX (max, stack);
    }

  step = nice_step (max, 5);
  max = ceil (max / step) * step;
  max_label = g_strdup_printf ("%.0f", max);
  axis_w = text_width (cr, size, max_label) + 6;
  plot_x = axis_w;
  plot_w = width - plot_x;
  plot_h = height - legend_h - plot_y - line_height (self) * 1.4;
  if (plot_h < 20 || n_rows == 0)
    return;
  bar_w = plot_w / n_rows;

  /* Period labels where they fit. */
  label_every = 0;
  for (guint r = 0; r < n_rows; r++)
    label_every = MAX (label_every, text_width (cr, size, table->rows[r].label) + 8);
  while (label_step * bar_w < label_every && label_step < (int) n_rows)
    label_step++;

  /* Grid and axis. */
  cairo_set_line_width (cr, 0.6);
  for (double v = 0; v <= max + 0.5; v += step)
    {
      double y = plot_y + plot_h - v / max * plot_h;
      g_autofree char *label = g_strdup_printf ("%.0f", v);

      set_colour (cr, rule (self), 1);
      cairo_move_to (cr, plot_x, y);
      cairo_line_to (cr, plot_x + plot_w, y);
      cairo_stroke (cr);
      set_colour (cr, muted (self), 1);
      show_text (cr, size, FALSE, label, plot_x - 4, y, 1, 0.5, -1);
    }

  for (guint r = 0; r < n_rows; r++)
    {
      double x = plot_x + r * bar_w + bar_w * 0.15;
      double w = bar_w * 0.7;
      double base = plot_y + plot_h;
      double stacked = 0;

      for (guint c = 0; c < n_cols; c++)
        {
          const CkStatsCell *cell = ck_stats_table_peek_cell (table, r, c);
          double h;

          if (!shown (cell) || cell->count == 0)
            continue;
          h = cell->count / max * plot_h;
          set_colour (cr, column_colour (table, c), 1);
          cairo_rectangle (cr, x, base - stacked - h, w, h);
          cairo_fill (cr);
          add_hit (self, x, base - stacked - h, w, h, r, c);
          stacked += h;
        }

      if (has_total_column (table))
        {
          const CkStatsCell *total = ck_stats_table_peek_cell (table, r, total_col);

          if (shown (total))
            {
              double ty = base - total->count / max * plot_h;

              /* What the totals show beyond the visible segments is hidden. */
              if (base - ty > stacked + 0.5)
                {
                  hatch (self, cr, x, ty, w, base - stacked - ty);
                  add_hit (self, x, ty, w, base - stacked - ty, r, total_col);
                }
              set_colour (cr, foreground (self), 1);
              cairo_set_line_width (cr, 1.6);
              cairo_move_to (cr, x - bar_w * 0.08, ty);
              cairo_line_to (cr, x + w + bar_w * 0.08, ty);
              cairo_stroke (cr);
            }
          else
            {
              set_colour (cr, muted (self), 1);
              show_text (cr, size, FALSE, total->state == CK_STATS_CELL_SMALL ? "<5" : "×",
                         x + w / 2, base - stacked - 2, 0.5, 1, -1);
            }
        }

      if ((int) r % label_step == 0)
        {
          set_colour (cr, muted (self), 1);
          show_text (cr, size, FALSE, table->rows[r].label, x + w / 2, base + 3, 0.5, 0, -1);
        }
    }

  draw_legend (self, cr, 0, height - legend_h, width, table, n_cols, hidden, TRUE);
}

static double
label_column_width (CkChart      *self,
                    cairo_t      *cr,
                    CkStatsTable *table,
                    guint         n_rows,
                    double        width)
{
  double w = 0;

  for (guint r = 0; r < n_rows; r++)
    w = MAX (w, text_width (cr, self->style.text_size, table->rows[r].label));

  return MIN (w + 8, width * 0.35);
}

static double
row_height (CkChart *self)
{
  return ceil (self->style.text_size * 2.2);
}

static void
draw_heat_map (CkChart *self,
               cairo_t *cr,
               double   width,
               double   height)
{
  CkStatsTable *table = self->table;
  guint n_rows = data_rows (table), n_cols = data_cols (table);
  double size = self->style.text_size;
  double label_w = label_column_width (self, cr, table, n_rows, width);
  double header_h = 0, cell_w, cell_h, max = 1;

  if (n_rows == 0 || n_cols == 0)
    return;

  /* Column headings slanted above their cells. */
  for (guint c = 0; c < n_cols; c++)
    header_h = MAX (header_h, text_width (cr, size, table->columns[c].label));
  header_h = MIN (header_h * 0.72 + size * 1.5, height * 0.45);
  /* The slanted headings reach beyond their column to the right. */
  cell_w = (width - label_w - MIN (header_h, width * 0.2)) / n_cols;
  cell_h = MIN (row_height (self) * 1.1, (height - header_h) / n_rows);

  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < n_cols; c++)
      if (shown (ck_stats_table_peek_cell (table, r, c)))
        max = MAX (max, ck_stats_table_peek_cell (table, r, c)->count);

  for (guint c = 0; c < n_cols; c++)
    {
      double x = label_w + (c + 0.5) * cell_w;
      g_autoptr(PangoLayout) layout = make_text (cr, size, FALSE, table->columns[c].label);
      double w, h;

      measure (layout, &w, &h);
      cairo_save (cr);
      cairo_translate (cr, x, header_h - 4);
      cairo_rotate (cr, -G_PI / 4);
      set_colour (cr, foreground (self), 1);
      cairo_move_to (cr, 0, -h / 2);
      pango_layout_set_width (layout, (int) (MIN (header_h - 4, width - x) * 1.35 * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_cairo_show_layout (cr, layout);
      cairo_restore (cr);
    }

  for (guint r = 0; r < n_rows; r++)
    {
      double y = header_h + r * cell_h;

      set_colour (cr, foreground (self), 1);
      show_text (cr, size, FALSE, table->rows[r].label, label_w - 6, y + cell_h / 2, 1, 0.5, label_w - 6);

      for (guint c = 0; c < n_cols; c++)
        {
          const CkStatsCell *cell = ck_stats_table_peek_cell (table, r, c);
          double x = label_w + c * cell_w;
          g_autofree char *text = ck_stats_cell_format (cell);

          if (shown (cell))
            {
              double t = sqrt (cell->count / max);
              Rgb colour = heat_colour (self, t);

              set_colour (cr, colour, 1);
              cairo_rectangle (cr, x + 1, y + 1, cell_w - 2, cell_h - 2);
              cairo_fill (cr);
              /* Figures in a colour that stands out from the cell. */
              if (0.299 * colour.r + 0.587 * colour.g + 0.114 * colour.b < 0.5)
                cairo_set_source_rgb (cr, 1, 1, 1);
              else
                cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
            }
          else
            {
              hatch (self, cr, x + 1, y + 1, cell_w - 2, cell_h - 2);
              set_colour (cr, foreground (self), 1);
            }

          if (text_width (cr, size, text) < cell_w - 4)
            show_text (cr, size, FALSE, text, x + cell_w / 2, y + cell_h / 2, 0.5, 0.5, -1);
          add_hit (self, x, y, cell_w, cell_h, r, c);
        }
    }
}

/* The columns of a lead time: n, P10, Q1, median, Q3, P90. */
#define LEAD_COLUMNS 6

static void
draw_boxes (CkChart *self,
            cairo_t *cr,
            double   width,
            double   height)
{
  CkStatsTable *table = self->table;
  guint n_rows = table->n_rows;
  double size = self->style.text_size;
  double label_w = label_column_width (self, cr, table, n_rows, width);
  double gap = size * 3;
  /* Room for half an axis label beyond the last tick. */
  double panel_w = (width - label_w - gap - text_width (cr, size, "0000") / 2) / 2;
  double title_h = line_height (self), axis_h = line_height (self) * 1.2;
  double box_h = MIN (row_height (self), (height - title_h - axis_h) / MAX (n_rows, 1));

  if (n_rows == 0 || panel_w < 40)
    return;

  for (guint r = 0; r < n_rows; r++)
    {
      double y = title_h + r * box_h;

      set_colour (cr, foreground (self), 1);
      show_text (cr, size, has_total_row (table) && r == n_rows - 1, table->rows[r].label,
                 label_w - 6, y + box_h / 2, 1, 0.5, label_w - 6);
    }

  for (guint m = 0; m < 2; m++)
    {
      double x0 = label_w + m * (panel_w + gap);
      double max = 1, step;
      guint base = m * LEAD_COLUMNS;

      for (guint r = 0; r < n_rows; r++)
        {
          const CkStatsCell *p90 = ck_stats_table_peek_cell (table, r, base + 5);

          if (shown (p90))
            max = MAX (max, p90->value);
        }
      step = nice_step (max, 4);
      max = ceil (max / step) * step;

      set_colour (cr, foreground (self), 1);
      show_text (cr, size, TRUE, m == 0 ? _("Days to triage") : _("Days to disposal"),
                 x0, 0, 0, 0, panel_w);

      cairo_set_line_width (cr, 0.6);
      for (double v = 0; v <= max + 0.5; v += step)
        {
          double x = x0 + v / max * panel_w;
          g_autofree char *label = g_strdup_printf ("%.0f", v);

          set_colour (cr, rule (self), 1);
          cairo_move_to (cr, x, title_h);
          cairo_line_to (cr, x, title_h + n_rows * box_h);
          cairo_stroke (cr);
          set_colour (cr, muted (self), 1);
          show_text (cr, size, FALSE, label, x, title_h + n_rows * box_h + 3, 0.5, 0, -1);
        }

      for (guint r = 0; r < n_rows; r++)
        {
          const CkStatsCell *p10 = ck_stats_table_peek_cell (table, r, base + 1);
          const CkStatsCell *q1 = ck_stats_table_peek_cell (table, r, base + 2);
          const CkStatsCell *median = ck_stats_table_peek_cell (table, r, base + 3);
          const CkStatsCell *q3 = ck_stats_table_peek_cell (table, r, base + 4);
          const CkStatsCell *p90 = ck_stats_table_peek_cell (table, r, base + 5);
          double y = title_h + r * box_h, cy = y + box_h / 2, h = box_h * 0.55;
          Rgb colour = has_total_row (table) && r == n_rows - 1 ? foreground (self) : category (m == 0 ? 0 : 1);

          if (!shown (median))
            {
              g_autofree char *text = ck_stats_cell_format (median);

              set_colour (cr, muted (self), 1);
              show_text (cr, size, FALSE, text, x0 + 4, cy, 0, 0.5, -1);
              continue;
            }

#define X(v) (x0 + (v) / max * panel_w)
          set_colour (cr, colour, 1);
          cairo_set_line_width (cr, 1.2);
          cairo_move_to (cr, X (p10->value), cy);
          cairo_line_to (cr, X (q1->value), cy);
          cairo_move_to (cr, X (q3->value), cy);
          cairo_line_to (cr, X (p90->value), cy);
          cairo_move_to (cr, X (p10->value), cy - h / 3);
          cairo_line_to (cr, X (p10->value), cy + h / 3);
          cairo_move_to (cr, X (p90->value), cy - h / 3);
          cairo_line_to (cr, X (p90->value), cy + h / 3);
          cairo_stroke (cr);
          set_colour (cr, colour, 0.35);
          cairo_rectangle (cr, X (q1->value), cy - h / 2, MAX (1, X (q3->value) - X (q1->value)), h);
          cairo_fill_preserve (cr);
          set_colour (cr, colour, 1);
          cairo_stroke (cr);
          cairo_set_line_width (cr, 2.4);
          cairo_move_to (cr, X (median->value), cy - h / 2);
          cairo_line_to (cr, X (median->value), cy + h / 2);
          cairo_stroke (cr);
          add_hit (self, x0, y, panel_w, box_h, r, base + 3);
#undef X
        }
    }
}

/* Each row as a bar of 100 %, split by the columns it counts. */
static void
draw_shares (CkChart *self,
             cairo_t *cr,
             double   width,
             double   height)
{
  CkStatsTable *table = self->table;
  guint n_rows = table->n_rows, n_cols = data_cols (table);
  guint total_col = table->n_cols - 1;
  double size = self->style.text_size;
  double label_w = label_column_width (self, cr, table, n_rows, width);
  gboolean hidden = ck_stats_table_has_hidden (table);
  double legend_h = draw_legend (self, cr, 0, 0, width, table, n_cols, hidden, FALSE);
  double count_w = text_width (cr, size, "n = 00000") + 8;
  double bar_h = MIN (row_height (self), (height - legend_h - 6) / MAX (n_rows, 1));
  double plot_w = width - label_w - count_w;

  if (n_rows == 0 || plot_w < 40)
    return;

  for (guint r = 0; r < n_rows; r++)
    {
      const CkStatsCell *total = ck_stats_table_peek_cell (table, r, total_col);
      gboolean is_total = has_total_row (table) && r == n_rows - 1;
      double y = r * bar_h, x = label_w, sum = 0;
      g_autofree char *count = NULL;
      g_autofree char *n = NULL;

      set_colour (cr, foreground (self), 1);
      show_text (cr, size, is_total, table->rows[r].label, label_w - 6, y + bar_h / 2, 1, 0.5, label_w - 6);

      if (!shown (total) || total->count == 0)
        {
          hatch (self, cr, x, y + bar_h * 0.2, plot_w, bar_h * 0.6);
          n = ck_stats_cell_format (total);
        }
      else
        {
          for (guint c = 0; c < n_cols; c++)
            {
              const CkStatsCell *cell = ck_stats_table_peek_cell (table, r, c);
              double w;

              if (!shown (cell) || cell->count == 0)
                continue;
              w = cell->count / (double) total->count * plot_w;
              set_colour (cr, column_colour (table, c), 1);
              cairo_rectangle (cr, x, y + bar_h * 0.2, w, bar_h * 0.6);
              cairo_fill (cr);
              add_hit (self, x, y + bar_h * 0.2, w, bar_h * 0.6, r, c);
              x += w;
              sum += cell->count;
            }
          if (sum < total->count)
            hatch (self, cr, x, y + bar_h * 0.2, label_w + plot_w - x, bar_h * 0.6);
          n = g_strdup_printf ("%u", total->count);
        }

      /* Translators: the number of cases a bar stands for. */
      count = g_strdup_printf (_("n = %s"), n);
      set_colour (cr, muted (self), 1);
      show_text (cr, size, FALSE, count, label_w + plot_w + 6, y + bar_h / 2, 0, 0.5, -1);
    }

  draw_legend (self, cr, 0, height - legend_h, width, table, n_cols, hidden, TRUE);
}

/* One bar per row, of the first column; a share beside it if the table
 * has one (kinds: reached triage). */
static void
draw_bars (CkChart *self,
           cairo_t *cr,
           double   width,
           double   height)
{
  CkStatsTable *table = self->table;
  guint n_rows = data_rows (table);
  double size = self->style.text_size;
  double label_w = label_column_width (self, cr, table, n_rows, width);
  double note_w = text_width (cr, size, "00000 · 100% ") + 8;
  double bar_h = MIN (row_height (self), height / MAX (n_rows, 1));
  double plot_w = width - label_w - note_w, max = 1;
  gboolean with_share = table->n_cols >= 3 && table->columns[2].code != NULL &&
                        g_str_equal (table->columns[2].code, "triaged-share");

  if (n_rows == 0 || plot_w < 30)
    return;

  for (guint r = 0; r < n_rows; r++)
    if (shown (ck_stats_table_peek_cell (table, r, 0)))
      max = MAX (max, ck_stats_table_peek_cell (table, r, 0)->count);

  for (guint r = 0; r < n_rows; r++)
    {
      const CkStatsCell *cell = ck_stats_table_peek_cell (table, r, 0);
      double y = r * bar_h;
      g_autofree char *value = ck_stats_cell_format (cell);
      g_autofree char *note = NULL;
      double w;

      set_colour (cr, foreground (self), 1);
      show_text (cr, size, FALSE, table->rows[r].label, label_w - 6, y + bar_h / 2, 1, 0.5, label_w - 6);

      if (shown (cell))
        {
          w = MAX (cell->count > 0 ? 1 : 0, cell->count / max * plot_w);
          set_colour (cr, category (0), 1);
          cairo_rectangle (cr, label_w, y + bar_h * 0.2, w, bar_h * 0.6);
          cairo_fill (cr);
        }
      else
        {
          w = plot_w * 0.04;
          hatch (self, cr, label_w, y + bar_h * 0.2, w, bar_h * 0.6);
        }
      add_hit (self, label_w, y, MAX (w, 4), bar_h, r, 0);

      if (with_share)
        {
          g_autofree char *share = ck_stats_cell_format (ck_stats_table_peek_cell (table, r, 2));

          note = g_strdup_printf ("%s · %s", value, share);
        }
      set_colour (cr, muted (self), 1);
      show_text (cr, size, FALSE, note != NULL ? note : value, label_w + w + 6, y + bar_h / 2, 0, 0.5, -1);
    }
}

/* Sanction levels per unit: a dot per level, its area the number of
 * cases; the median and quartiles as a line. Hidden counts are open dots
 * of one size. */
static void
draw_spread (CkChart *self,
             cairo_t *cr,
             double   width,
             double   height)
{
  CkStatsTable *table = self->table;
  guint n_rows = table->n_rows;
  guint n_levels = table->n_cols >= 2 ? table->n_cols - 2 : 0;
  guint median_col = table->n_cols - 1;
  double size = self->style.text_size;
  double label_w = label_column_width (self, cr, table, n_rows, width);
  double axis_h = line_height (self) * 1.3;
  double row_h = MIN (row_height (self) * 1.2, (height - axis_h) / MAX (n_rows, 1));
  double plot_w = width - label_w - size, max = 1;

  if (n_rows == 0 || n_levels == 0 || plot_w < 40)
    return;

  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < n_levels; c++)
      if (shown (ck_stats_table_peek_cell (table, r, c)))
        max = MAX (max, ck_stats_table_peek_cell (table, r, c)->count);

#define LX(level) (label_w + ((level) + 0.5) / (CK_STATS_MAX_LEVEL + 1) * plot_w)
  cairo_set_line_width (cr, 0.6);
  for (guint l = 0; l <= CK_STATS_MAX_LEVEL; l++)
    {
      g_autofree char *label = g_strdup_printf ("%u", l);

      set_colour (cr, rule (self), 1);
      cairo_move_to (cr, LX (l), 0);
      cairo_line_to (cr, LX (l), n_rows * row_h);
      cairo_stroke (cr);
      set_colour (cr, muted (self), 1);
      show_text (cr, size, FALSE, label, LX (l), n_rows * row_h + 3, 0.5, 0, -1);
    }

  for (guint r = 0; r < n_rows; r++)
    {
      const CkStatsCell *median = ck_stats_table_peek_cell (table, r, median_col);
      double cy = (r + 0.5) * row_h;
      double max_radius = MIN (row_h * 0.45, plot_w / (CK_STATS_MAX_LEVEL + 1) * 0.45);

      set_colour (cr, foreground (self), 1);
      show_text (cr, size, has_total_row (table) && r == n_rows - 1, table->rows[r].label,
                 label_w - 6, cy, 1, 0.5, label_w - 6);

      for (guint c = 0; c < n_levels; c++)
        {
          const CkStatsCell *cell = ck_stats_table_peek_cell (table, r, c);
          const CkStatsHeader *header = &table->columns[c];
          double cx;

          /* Cases without any measure recorded have no level to place. */
          if (header->dim != CK_STATS_DIM_LEVEL || header->value == 0)
            continue;
          cx = LX (header->value - 1);

          if (shown (cell))
            {
              double radius;

              if (cell->count == 0)
                continue;
              radius = MAX (2, sqrt (cell->count / max) * max_radius);
              set_colour (cr, level_colour (header->value - 1), 0.9);
              cairo_arc (cr, cx, cy, radius, 0, 2 * G_PI);
              cairo_fill_preserve (cr);
              set_colour (cr, foreground (self), 0.5);
              cairo_set_line_width (cr, 0.6);
              cairo_stroke (cr);
              add_hit (self, cx - radius, cy - radius, 2 * radius, 2 * radius, r, c);
            }
          else
            {
              set_colour (cr, muted (self), 1);
              cairo_set_line_width (cr, 1);
              cairo_arc (cr, cx, cy, max_radius * 0.35, 0, 2 * G_PI);
              cairo_stroke (cr);
              add_hit (self, cx - max_radius * 0.35, cy - max_radius * 0.35, max_radius * 0.7, max_radius * 0.7, r, c);
            }
        }

      if (shown (median))
        {
          set_colour (cr, foreground (self), 1);
          cairo_set_line_width (cr, 1.4);
          cairo_move_to (cr, LX (median->low), cy + row_h * 0.32);
          cairo_line_to (cr, LX (median->high), cy + row_h * 0.32);
          cairo_stroke (cr);
          cairo_set_line_width (cr, 2.4);
          cairo_move_to (cr, LX (median->value), cy + row_h * 0.18);
          cairo_line_to (cr, LX (median->value), cy + row_h * 0.46);
          cairo_stroke (cr);
        }
    }
#undef LX
}

/**
 * ck_chart_get_height_for_width:
 *
 * Returns: the height the chart needs at @width, in the units of the
 *   text size
 */
double
ck_chart_get_height_for_width (CkChart *self,
                               double   width)
{
  CkStatsTable *table;
  double rows;
  double line;

  g_return_val_if_fail (CK_IS_CHART (self), 0);

  table = self->table;
  line = line_height (self);
  switch (self->kind)
    {
    case CK_CHART_STACKED_BARS:
      return MAX (width * 0.42, line * 16);
    case CK_CHART_HEAT_MAP:
      rows = data_rows (table);
      return rows * row_height (self) * 1.1 + MIN (width * 0.3, line * 9);
    case CK_CHART_BOXES:
      return table->n_rows * row_height (self) + line * 2.4;
    case CK_CHART_SHARES:
      return table->n_rows * row_height (self) + line * (2 + data_cols (table) / 4);
    case CK_CHART_SPREAD:
      return table->n_rows * row_height (self) * 1.2 + line * 1.4;
    case CK_CHART_BARS:
    default:
      return MAX (data_rows (table), 1) * row_height (self);
    }
}

/**
 * ck_chart_draw:
 * @chart: (type CkChart): the chart
 *
 * Draws the chart into (0, 0, @width, @height) of @cr; a CkDrawFunc.
 */
void
ck_chart_draw (cairo_t  *cr,
               double    width,
               double    height,
               gpointer  chart)
{
  CkChart *self = CK_CHART (chart);

  g_array_set_size (self->hits, 0);

  cairo_save (cr);
  if (self->style.background)
    {
      if (self->style.dark)
        cairo_set_source_rgb (cr, 0.14, 0.14, 0.14);
      else
        cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
    }

  switch (self->kind)
    {
    case CK_CHART_STACKED_BARS:
      draw_stacked_bars (self, cr, width, height);
      break;
    case CK_CHART_HEAT_MAP:
      draw_heat_map (self, cr, width, height);
      break;
    case CK_CHART_BOXES:
      draw_boxes (self, cr, width, height);
      break;
    case CK_CHART_SHARES:
      draw_shares (self, cr, width, height);
      break;
    case CK_CHART_SPREAD:
      draw_spread (self, cr, width, height);
      break;
    case CK_CHART_BARS:
    default:
      draw_bars (self, cr, width, height);
      break;
    }
  cairo_restore (cr);
}

/**
 * ck_chart_hit:
 *
 * Finds what was drawn at (@x, @y) in the last drawing: a cell of the
 * table, or a whole row (@col the total column).
 *
 * Returns: whether something was there
 */
gboolean
ck_chart_hit (CkChart *self,
              double   x,
              double   y,
              guint   *row,
              guint   *col)
{
  g_return_val_if_fail (CK_IS_CHART (self), FALSE);

  for (guint i = 0; i < self->hits->len; i++)
    {
      const Hit *hit = &g_array_index (self->hits, Hit, i);

      if (x >= hit->x && x < hit->x + hit->w && y >= hit->y && y < hit->y + hit->h)
        {
          *row = hit->row;
          *col = hit->col;
          return TRUE;
        }
    }

  return FALSE;
}

static void
describe_row (GString      *text,
              CkStatsTable *table,
              guint         row,
              guint         n_cols,
              guint         limit)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  for (guint c = 0; c < n_cols && parts->len < limit; c++)
    {
      const CkStatsCell *cell = ck_stats_table_peek_cell (table, row, c);
      g_autofree char *value = ck_stats_cell_format (cell);

      if (cell->kind == CK_STATS_VALUE_COUNT && shown (cell) && cell->count == 0)
        continue;
      g_ptr_array_add (parts, g_strdup_printf ("%s %s", table->columns[c].label, value));
    }
  g_ptr_array_add (parts, NULL);
  joined = g_strjoinv (", ", (char **) parts->pdata);
  g_string_append_printf (text, "%s: %s. ", table->rows[row].label, joined);
}

/**
 * ck_chart_describe:
 *
 * Returns: (transfer full): what the chart shows in words, for screen
 *   readers: its kind, its extent and its main figures, hidden ones as
 *   hidden
 */
char *
ck_chart_describe (CkChart *self)
{
  CkStatsTable *table;
  GString *text;
  guint n_rows, n_cols;

  g_return_val_if_fail (CK_IS_CHART (self), NULL);

  table = self->table;
  n_rows = data_rows (table);
  n_cols = data_cols (table);
  text = g_string_new (NULL);

  switch (self->kind)
    {
    case CK_CHART_STACKED_BARS:
      /* Translators: the start of a description for screen readers. */
      g_string_append_printf (text, _("Stacked bar chart, one bar per quarter, %u in all. "), n_rows);
      for (guint r = 0; r < n_rows; r++)
        {
          g_autofree char *total = ck_stats_cell_format (ck_stats_table_peek_cell (table, r, table->n_cols - 1));

          /* Translators: a quarter and its number of cases, in a description. */
          g_string_append_printf (text, _("%s: %s cases. "), table->rows[r].label, total);
        }
      if (has_total_row (table))
        describe_row (text, table, table->n_rows - 1, n_cols, 16);
      break;

    case CK_CHART_HEAT_MAP:
      g_string_append_printf (text, _("Heat map of %u rows and %u columns; darker cells hold more cases. "),
                              n_rows, n_cols);
      for (guint r = 0; r < n_rows; r++)
        describe_row (text, table, r, n_cols, 6);
      break;

    case CK_CHART_BOXES:
      g_string_append (text, _("Box plots of the days from the report to triage and to disposal: the median, "
                               "the middle half of the cases and the 10th to 90th percentile. "));
      for (guint r = 0; r < table->n_rows; r++)
        {
          g_autofree char *triage = ck_stats_cell_format (ck_stats_table_peek_cell (table, r, 3));
          g_autofree char *disposal = ck_stats_cell_format (ck_stats_table_peek_cell (table, r, LEAD_COLUMNS + 3));

          /* Translators: a group and its median lead times, in a description. */
          g_string_append_printf (text, _("%s: median %s days to triage, %s days to disposal. "),
                                  table->rows[r].label, triage, disposal);
        }
      break;

    case CK_CHART_SHARES:
      g_string_append (text, _("Bars of 100 percent, split by category. "));
      for (guint r = 0; r < table->n_rows; r++)
        describe_row (text, table, r, table->n_cols, 16);
      break;

    case CK_CHART_SPREAD:
      g_string_append (text, _("Dot chart of sanction levels per unit, from 0 to 12. "));
      for (guint r = 0; r < table->n_rows; r++)
        {
          g_autofree char *n = ck_stats_cell_format (ck_stats_table_peek_cell (table, r, table->n_cols - 2));
          g_autofree char *median = ck_stats_cell_format (ck_stats_table_peek_cell (table, r, table->n_cols - 1));

          /* Translators: a unit, its number of comparable cases and their median sanction level. */
          g_string_append_printf (text, _("%s: %s cases, median level %s. "), table->rows[r].label, n, median);
        }
      break;

    case CK_CHART_BARS:
    default:
      g_string_append (text, _("Bar chart. "));
      for (guint r = 0; r < n_rows; r++)
        describe_row (text, table, r, table->n_cols, 4);
      break;
    }

  if (ck_stats_table_has_hidden (table))
    g_string_append (text, _("Some numbers are hidden to protect the people involved: "
                             "“<5” is fewer than 5, “×” is hidden so that those cannot be worked out."));

  return g_string_free (text, FALSE);
}
