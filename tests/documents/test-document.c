/* test-document.c: paged PDF documents
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <locale.h>

#include "ck-document.h"
#include "ck-test-util.h"

static void
draw_box (cairo_t  *cr,
          double    width,
          double    height,
          gpointer  user_data)
{
  int *calls = user_data;

  (*calls)++;
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_set_source_rgb (cr, 0.2, 0.4, 0.8);
  cairo_fill (cr);
}

/* Returns: (transfer full): the output of a poppler tool on @path */
static char *
run_tool (const char *tool,
          const char *path)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  if (g_str_equal (tool, "pdftotext"))
    process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, tool, "-layout", path, "-", NULL);
  else
    process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, tool, path, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));
  return out;
}

static void
test_flow (void)
{
  g_autofree char *dir = ck_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CkDocument) doc = ck_document_new_pdf (path, "Kwartaalrapportage", &error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  const char *header[] = { "Grond", "Aantal", "Mediaan dagen", NULL };
  int figure_calls = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < 120; i++)
    g_ptr_array_add (rows, g_strsplit (i == 7 ? "Herkomst, ras of huidskleur|<5|12" : "Leeftijd|42|30", "|", -1));

  ck_document_set_footer (doc, "Eenheid Amsterdam");
  ck_document_add_title (doc, "Kwartaalrapportage", "2025Q1 tot en met 2025Q4");
  ck_document_add_heading (doc, "Kerncijfers");
  ck_document_add_paragraph (doc, "Het aantal meldingen steeg met 12%.");
  ck_document_add_figure (doc, 200, draw_box, &figure_calls);
  ck_document_add_table (doc, header, rows);
  ck_document_add_note (doc, "Aantallen onder de 5 zijn als <5 weergegeven.");
  g_assert_true (ck_document_finish (doc, &error));
  g_assert_no_error (error);

  g_assert_cmpint (figure_calls, ==, 1);
  g_assert_cmpuint (ck_document_get_n_pages (doc), >=, 3);

  text = run_tool ("pdftotext", path);
  g_assert_nonnull (strstr (text, "Kwartaalrapportage"));
  g_assert_nonnull (strstr (text, "Het aantal meldingen steeg met 12%."));
  g_assert_nonnull (strstr (text, "Herkomst, ras of huidskleur"));
  g_assert_nonnull (strstr (text, "<5"));
  g_assert_nonnull (strstr (text, "Eenheid Amsterdam"));
  /* The table's header is repeated on the pages it runs over. */
  g_assert_nonnull (strstr (strstr (text, "\f") + 1, "Mediaan dagen"));

  info = run_tool ("pdfinfo", path);
  g_assert_true (g_regex_match_simple ("^Title:\\s+Kwartaalrapportage$", info, G_REGEX_MULTILINE, 0));

  ck_test_remove_dir (dir);
}

static void
test_unwritable (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CkDocument) doc = ck_document_new_pdf ("/nonexistent-folder/report.pdf", "x", &error);

  g_assert_null (doc);
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/document/flow", test_flow);
  g_test_add_func ("/document/unwritable", test_unwritable);

  return g_test_run ();
}
