/* ck-document.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib-object.h>

G_BEGIN_DECLS

/* Draws a figure into the box (0, 0, width, height) of @cr, in points. The
 * same function draws on the screen, into PNG, SVG or a document. */
typedef void (*CkDrawFunc) (cairo_t  *cr,
                            double    width,
                            double    height,
                            gpointer  user_data);

#define CK_TYPE_DOCUMENT (ck_document_get_type ())

G_DECLARE_FINAL_TYPE (CkDocument, ck_document, CK, DOCUMENT, GObject)

CkDocument *ck_document_new_pdf        (const char          *path,
                                        const char          *title,
                                        GError             **error);
void        ck_document_set_footer     (CkDocument          *self,
                                        const char          *footer);
void        ck_document_add_title      (CkDocument          *self,
                                        const char          *title,
                                        const char          *subtitle);
void        ck_document_add_heading    (CkDocument          *self,
                                        const char          *text);
void        ck_document_add_subheading (CkDocument          *self,
                                        const char          *text);
void        ck_document_add_paragraph  (CkDocument          *self,
                                        const char          *text);
void        ck_document_add_note       (CkDocument          *self,
                                        const char          *text);
void        ck_document_add_table      (CkDocument          *self,
                                        const char * const  *header,
                                        GPtrArray           *rows);
void        ck_document_add_figure     (CkDocument          *self,
                                        double               height,
                                        CkDrawFunc           draw,
                                        gpointer             user_data);
void        ck_document_keep_space     (CkDocument          *self,
                                        double               height);
void        ck_document_add_page_break (CkDocument          *self);
guint       ck_document_get_n_pages    (CkDocument          *self);
gboolean    ck_document_finish         (CkDocument          *self,
                                        GError             **error);

G_END_DECLS
