/* ck-document.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "ck-document.h"
#include "ck-error.h"

/* A paged A4 document that flows as it is written: title, headings,
 * paragraphs, tables that continue on the next page with their header,
 * and figures drawn by a CkDrawFunc. Text is real text (searchable, and
 * readable by pdftotext and screen readers). For reports and minutes. */

#define PAGE_WIDTH   595.28   /* A4 in points */
#define PAGE_HEIGHT  841.89
#define MARGIN       56.0
#define FOOTER_SPACE 28.0
#define CELL_PADDING 4.0

struct _CkDocument
{
  GObject          parent_instance;

  cairo_surface_t *surface;
  cairo_t         *cr;
  char            *footer;
  double           y;          /* where the next block starts */
  guint            page;       /* pages begun, 1-based */
  gboolean         finished;
};

G_DEFINE_FINAL_TYPE (CkDocument, ck_document, G_TYPE_OBJECT)

static double
content_width (void)
{
  return PAGE_WIDTH - 2 * MARGIN;
}

static double
content_bottom (void)
{
  return PAGE_HEIGHT - MARGIN - FOOTER_SPACE;
}

static PangoLayout *
make_layout (CkDocument *self,
             const char *font,
             const char *text,
             double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (self->cr);
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, description);
  pango_layout_set_width (layout, pango_units_from_double (width));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int width, height;

  pango_layout_get_size (layout, &width, &height);
  return pango_units_to_double (height);
}

static void
draw_footer (CkDocument *self)
{
  g_autofree char *text = NULL;
  g_autoptr(PangoLayout) layout = NULL;

  /* Translators: the page number in the footer of a report. */
  text = self->footer != NULL ? g_strdup_printf (_("%s · page %u"), self->footer, self->page)
                              : g_strdup_printf (_("Page %u"), self->page);
  layout = make_layout (self, "Sans 8", text, content_width ());
  cairo_save (self->cr);
  cairo_set_source_rgb (self->cr, 0.4, 0.4, 0.4);
  cairo_move_to (self->cr, MARGIN, PAGE_HEIGHT - MARGIN);
  pango_cairo_show_layout (self->cr, layout);
  cairo_restore (self->cr);
}

static void
new_page (CkDocument *self)
{
  draw_footer (self);
  cairo_show_page (self->cr);
  self->page++;
  self->y = MARGIN;
}

/* Starts a new page when @height does not fit on what is left of this one
 * (unless this page is still empty: then it is too big for any page). */
static void
ensure_space (CkDocument *self,
              double      height)
{
  if (self->y + height > content_bottom () && self->y > MARGIN)
    new_page (self);
}

static void
show_text (CkDocument *self,
           const char *font,
           const char *text,
           double      space_before,
           double      space_after,
           double      grey)
{
  g_autoptr(PangoLayout) layout = make_layout (self, font, text, content_width ());
  double height = layout_height (layout);

  if (self->y > MARGIN)
    self->y += space_before;
  ensure_space (self, height);

  cairo_save (self->cr);
  cairo_set_source_rgb (self->cr, grey, grey, grey);
  cairo_move_to (self->cr, MARGIN, self->y);
  pango_cairo_show_layout (self->cr, layout);
  cairo_restore (self->cr);

  self->y += height + space_after;
}

static void
ck_document_finalize (GObject *object)
{
  CkDocument *self = (CkDocument *)object;

  g_clear_pointer (&self->cr, cairo_destroy);
  g_clear_pointer (&self->surface, cairo_surface_destroy);
  g_free (self->footer);

  G_OBJECT_CLASS (ck_document_parent_class)->finalize (object);
}

static void
ck_document_class_init (CkDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ck_document_finalize;
}

static void
ck_document_init (CkDocument *self)
{
  self->page = 1;
  self->y = MARGIN;
}

/**
 * ck_document_new_pdf:
 * @title: the document's title in its metadata
 *
 * Returns: (transfer full) (nullable): a document writing to @path, or
 *   %NULL with @error when the file cannot be made
 */
CkDocument *
ck_document_new_pdf (const char  *path,
                     const char  *title,
                     GError     **error)
{
  g_autoptr(CkDocument) self = g_object_new (CK_TYPE_DOCUMENT, NULL);

  self->surface = cairo_pdf_surface_create (path, PAGE_WIDTH, PAGE_HEIGHT);
  if (cairo_surface_status (self->surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, CK_ERROR, CK_ERROR_IO, _("The document %s cannot be written: %s"),
                   path, cairo_status_to_string (cairo_surface_status (self->surface)));
      return NULL;
    }

  cairo_pdf_surface_set_metadata (self->surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (self->surface, CAIRO_PDF_METADATA_CREATOR, "Casuskamer " PACKAGE_VERSION);
  self->cr = cairo_create (self->surface);
  cairo_set_source_rgb (self->cr, 0, 0, 0);

  return g_steal_pointer (&self);
}

/* Sets the text at the foot of every page, beside the page number. */
void
ck_document_set_footer (CkDocument *self,
                        const char *footer)
{
  g_return_if_fail (CK_IS_DOCUMENT (self));

  g_free (self->footer);
  self->footer = g_strdup (footer);
}

void
ck_document_add_title (CkDocument *self,
                       const char *title,
                       const char *subtitle)
{
  g_return_if_fail (CK_IS_DOCUMENT (self));

  show_text (self, "Sans Bold 24", title, 0, 8, 0);
  if (subtitle != NULL)
    show_text (self, "Sans 13", subtitle, 0, 18, 0.3);
}

void
ck_document_add_heading (CkDocument *self,
                         const char *text)
{
  g_return_if_fail (CK_IS_DOCUMENT (self));

  /* Keep a heading with at least a few lines of what follows it. */
  ensure_space (self, 80);
  show_text (self, "Sans Bold 15", text, 16, 6, 0);
}

void
ck_document_add_subheading (CkDocument *self,
                            const char *text)
{
  g_return_if_fail (CK_IS_DOCUMENT (self));

  ensure_space (self, 60);
  show_text (self, "Sans Bold 11.5", text, 10, 4, 0);
}

void
ck_document_add_paragraph (CkDocument *self,
                           const char *text)
{
  g_return_if_fail (CK_IS_DOCUMENT (self));

  show_text (self, "Sans 10.5", text, 0, 7, 0);
}

/* A smaller, grey paragraph: notes on method, sources, suppression. */
void
ck_document_add_note (CkDocument *self,
                      const char *text)
{
  g_return_if_fail (CK_IS_DOCUMENT (self));

  show_text (self, "Sans Italic 8.5", text, 2, 7, 0.35);
}

/* The width of the longest word of @text: a column narrower than that
 * breaks words in the middle. */
static double
longest_word (CkDocument *self,
              const char *font,
              const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text != NULL ? text : "", " \n", -1);
  double longest = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autoptr(PangoLayout) layout = make_layout (self, font, words[i], -1);
      int width, height;

      pango_layout_set_width (layout, -1);
      pango_layout_get_size (layout, &width, &height);
      longest = MAX (longest, pango_units_to_double (width));
    }

  return longest;
}

/* Whether @text is a figure: a number, a share, a marker of one hidden. */
static gboolean
looks_numeric (const char *text)
{
  return text != NULL && (g_ascii_isdigit (text[0]) || strchr ("<>+-", text[0]) != NULL ||
                          g_str_has_prefix (text, "×") || g_str_has_prefix (text, "≤") ||
                          g_str_has_prefix (text, "≥") || g_str_has_prefix (text, "–"));
}

static void
measure_columns (CkDocument          *self,
                 const char * const  *header,
                 GPtrArray           *rows,
                 guint                n_columns,
                 double              *widths)
{
  double natural[n_columns];
  double least[n_columns];
  double total = 0, total_least = 0;

  for (guint c = 0; c < n_columns; c++)
    {
      natural[c] = 24;
      least[c] = 24;
    }

  /* Each column gets room in proportion to its widest cell, capped so that
   * one long cell cannot squeeze the others to nothing, but never less
   * than the longest word of its cells below the heading. */
  for (guint r = 0; r <= rows->len; r++)
    {
      const char * const *cells = r == 0 ? header : rows->pdata[r - 1];

      for (guint c = 0; c < n_columns && cells[c] != NULL; c++)
        {
          const char *font = r == 0 ? "Sans Bold 9" : "Sans 9";
          g_autoptr(PangoLayout) layout = make_layout (self, font, cells[c], -1);
          int width, height;

          pango_layout_set_width (layout, -1);
          pango_layout_get_size (layout, &width, &height);
          natural[c] = MAX (natural[c], MIN (pango_units_to_double (width) + 2 * CELL_PADDING, content_width () / 2));
          /* A heading or a name may break inside a long word; a number
           * may not. */
          if (r > 0)
            least[c] = MAX (least[c], MIN (ceil (longest_word (self, font, cells[c])) + 2 * CELL_PADDING + 1,
                                           looks_numeric (cells[c]) ? content_width () / 2 : content_width () / 6));
        }
    }

  for (guint c = 0; c < n_columns; c++)
    {
      natural[c] = MAX (natural[c], least[c]);
      total += natural[c];
      total_least += least[c];
    }

  /* Room to spare: every column grows alike. Too little: every column gets
   * its longest word and shares what is left by how much more it wants. */
  for (guint c = 0; c < n_columns; c++)
    {
      if (total <= content_width ())
        widths[c] = natural[c] * content_width () / total;
      else if (total_least >= content_width ())
        widths[c] = least[c] * content_width () / total_least;
      else
        widths[c] = least[c] + (natural[c] - least[c]) * (content_width () - total_least) / (total - total_least);
    }
}

static double
draw_row (CkDocument         *self,
          const char * const *cells,
          const double       *widths,
          guint               n_columns,
          gboolean            is_header,
          gboolean            measure_only)
{
  double height = 0;
  double x = MARGIN;

  for (guint c = 0; c < n_columns; c++)
    {
      const char *text = cells[c];
      g_autoptr(PangoLayout) layout = make_layout (self, is_header ? "Sans Bold 9" : "Sans 9",
                                                   text, widths[c] - 2 * CELL_PADDING);

      height = MAX (height, layout_height (layout) + 2 * CELL_PADDING);
      if (!measure_only)
        {
          cairo_move_to (self->cr, x + CELL_PADDING, self->y + CELL_PADDING);
          pango_cairo_show_layout (self->cr, layout);
        }
      x += widths[c];

      if (text == NULL)
        break;
    }

  if (!measure_only)
    {
      cairo_save (self->cr);
      cairo_set_line_width (self->cr, is_header ? 0.8 : 0.3);
      cairo_set_source_rgb (self->cr, 0.5, 0.5, 0.5);
      cairo_move_to (self->cr, MARGIN, self->y + height);
      cairo_line_to (self->cr, MARGIN + content_width (), self->y + height);
      cairo_stroke (self->cr);
      cairo_restore (self->cr);
    }

  return height;
}

/**
 * ck_document_add_table:
 * @header: the column titles, %NULL-terminated
 * @rows: (element-type GStrv): the cells, one vector per row, as many as
 *   the header has titles
 *
 * A table across the text width; when it runs over a page its header is
 * repeated on the next.
 */
void
ck_document_add_table (CkDocument         *self,
                       const char * const *header,
                       GPtrArray          *rows)
{
  guint n_columns;

  g_return_if_fail (CK_IS_DOCUMENT (self));
  g_return_if_fail (header != NULL && header[0] != NULL);

  n_columns = g_strv_length ((char **) header);
  {
    double widths[n_columns];
    double header_height;

    measure_columns (self, header, rows, n_columns, widths);
    header_height = draw_row (self, header, widths, n_columns, TRUE, TRUE);

    self->y += 4;
    ensure_space (self, header_height * 2);
    self->y += draw_row (self, header, widths, n_columns, TRUE, FALSE);

    for (guint r = 0; r < rows->len; r++)
      {
        const char * const *cells = rows->pdata[r];
        double height = draw_row (self, cells, widths, n_columns, FALSE, TRUE);

        if (self->y + height > content_bottom ())
          {
            new_page (self);
            self->y += draw_row (self, header, widths, n_columns, TRUE, FALSE);
          }
        self->y += draw_row (self, cells, widths, n_columns, FALSE, FALSE);
      }

    self->y += 10;
  }
}

/**
 * ck_document_add_figure:
 * @height: in points; the figure takes the text width
 *
 * Calls @draw with a context whose origin is the figure's top left.
 */
void
ck_document_add_figure (CkDocument *self,
                        double      height,
                        CkDrawFunc  draw,
                        gpointer    user_data)
{
  g_return_if_fail (CK_IS_DOCUMENT (self));
  g_return_if_fail (draw != NULL);

  height = MIN (height, content_bottom () - MARGIN);
  ensure_space (self, height);

  cairo_save (self->cr);
  cairo_translate (self->cr, MARGIN, self->y);
  cairo_rectangle (self->cr, 0, 0, content_width (), height);
  cairo_clip (self->cr);
  draw (self->cr, content_width (), height, user_data);
  cairo_restore (self->cr);

  self->y += height + 10;
}

/* Starts a new page unless @height points fit on this one: to keep a
 * heading with the figure under it. */
void
ck_document_keep_space (CkDocument *self,
                        double      height)
{
  g_return_if_fail (CK_IS_DOCUMENT (self));

  ensure_space (self, MIN (height, content_bottom () - MARGIN));
}

void
ck_document_add_page_break (CkDocument *self)
{
  g_return_if_fail (CK_IS_DOCUMENT (self));

  if (self->y > MARGIN)
    new_page (self);
}

guint
ck_document_get_n_pages (CkDocument *self)
{
  g_return_val_if_fail (CK_IS_DOCUMENT (self), 0);

  return self->page;
}

/* Writes the last page and closes the file. */
gboolean
ck_document_finish (CkDocument  *self,
                    GError     **error)
{
  cairo_status_t status;

  g_return_val_if_fail (CK_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (!self->finished, FALSE);

  draw_footer (self);
  cairo_show_page (self->cr);
  cairo_surface_finish (self->surface);
  self->finished = TRUE;

  status = cairo_surface_status (self->surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, CK_ERROR, CK_ERROR_IO, _("The document could not be written: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}
