/* ck-stats-report.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ck-chart.h"
#include "ck-date.h"
#include "ck-document.h"
#include "ck-error.h"
#include "ck-stats-report.h"
#include "ck-stats-store.h"

/* A table wider than this is printed in parts, each with the row labels. */
#define MAX_PRINTED_COLUMNS 8

struct _CkStatsReport
{
  GObject             parent_instance;

  CkStatsReportScope  scope;
  CkStatsFilter      *filter;
  CkStatsOptions      options;
  char               *unit;
  CkStatsData        *cases;
  CkStatsData        *records;
  GPtrArray          *basis;
  CkStatsFigures     *unit_figures;
  CkStatsFigures     *national_figures;
  CkStatsTable       *compared;
};

G_DEFINE_FINAL_TYPE (CkStatsReport, ck_stats_report, G_TYPE_OBJECT)

static const CkStatsTableId unit_charts[] = {
  CK_STATS_TABLE_QUARTER_GROUND, CK_STATS_TABLE_GROUND_MANIFESTATION, CK_STATS_TABLE_LEAD_TIMES_GROUND,
  CK_STATS_TABLE_GROUND_FINDING, CK_STATS_TABLE_GROUND_LEVEL, CK_STATS_TABLE_CHANNEL, CK_STATS_TABLE_KIND,
};

static const CkStatsTableId national_charts[] = {
  CK_STATS_TABLE_QUARTER_UNIT, CK_STATS_TABLE_UNIT_GROUND, CK_STATS_TABLE_COMPARABLE,
  CK_STATS_TABLE_LEAD_TIMES_UNIT, CK_STATS_TABLE_UNIT_FINDING, CK_STATS_TABLE_UNIT_LEVEL,
  CK_STATS_TABLE_QUARTER_GROUND, CK_STATS_TABLE_GROUND_MANIFESTATION, CK_STATS_TABLE_LEAD_TIMES_GROUND,
  CK_STATS_TABLE_GROUND_FINDING, CK_STATS_TABLE_GROUND_LEVEL, CK_STATS_TABLE_CHANNEL, CK_STATS_TABLE_KIND,
};

static void
ck_stats_report_finalize (GObject *object)
{
  CkStatsReport *self = (CkStatsReport *)object;

  g_clear_pointer (&self->filter, ck_stats_filter_free);
  g_free (self->unit);
  g_clear_object (&self->cases);
  g_clear_object (&self->records);
  g_clear_pointer (&self->basis, g_ptr_array_unref);
  g_clear_object (&self->unit_figures);
  g_clear_object (&self->national_figures);
  g_clear_pointer (&self->compared, ck_stats_table_unref);

  G_OBJECT_CLASS (ck_stats_report_parent_class)->finalize (object);
}

static void
ck_stats_report_class_init (CkStatsReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ck_stats_report_finalize;
}

static void
ck_stats_report_init (CkStatsReport *self)
{
}

/**
 * ck_stats_report_new:
 * @options: today and the terms; protection is always on
 *
 * Returns: (transfer full): a report of @filter's period
 */
CkStatsReport *
ck_stats_report_new (CkStatsReportScope    scope,
                     const CkStatsFilter  *filter,
                     const CkStatsOptions *options)
{
  CkStatsReport *self = g_object_new (CK_TYPE_STATS_REPORT, NULL);

  self->scope = scope;
  self->filter = ck_stats_filter_copy (filter);
  self->options = *options;
  self->options.protect = TRUE;
  return self;
}

/* The unit's own cases, for a report of the unit. */
void
ck_stats_report_set_cases (CkStatsReport *self,
                           CkStatsData   *cases,
                           const char    *unit)
{
  g_return_if_fail (CK_IS_STATS_REPORT (self));

  g_set_object (&self->cases, cases);
  g_free (self->unit);
  self->unit = g_strdup (unit);
}

/**
 * ck_stats_report_set_records:
 * @basis: (element-type CkStatsBasis) (nullable): what the records are,
 *   unit by unit
 *
 * The anonymised records of every unit: the national figures.
 */
void
ck_stats_report_set_records (CkStatsReport *self,
                             CkStatsData   *records,
                             GPtrArray     *basis)
{
  g_return_if_fail (CK_IS_STATS_REPORT (self));

  g_set_object (&self->records, records);
  g_clear_pointer (&self->basis, g_ptr_array_unref);
  if (basis != NULL)
    self->basis = g_ptr_array_ref (basis);
}

static void
compute (CkStatsReport *self)
{
  if (self->unit_figures != NULL || self->national_figures != NULL)
    return;

  if (self->records != NULL)
    {
      g_autoptr(CkStatsFilter) national = ck_stats_filter_copy (self->filter);

      /* Beside a unit, the national figure is of every unit; its teams are
       * its own. */
      if (self->scope == CK_STATS_REPORT_UNIT)
        {
          g_clear_pointer (&national->unit, g_free);
          g_clear_pointer (&national->team, g_free);
        }
      self->national_figures = ck_stats_compute (self->records, national, &self->options);
    }

  if (self->scope == CK_STATS_REPORT_UNIT && self->cases != NULL)
    {
      g_autoptr(CkStatsFilter) unit = ck_stats_filter_copy (self->filter);

      g_free (unit->unit);
      unit->unit = g_strdup (self->unit);
      self->unit_figures = ck_stats_compute (self->cases, unit, &self->options);
      if (self->national_figures != NULL)
        self->compared = ck_stats_compare (self->unit_figures, self->national_figures);
    }
}

static CkStatsFigures *
main_figures (CkStatsReport *self)
{
  return self->scope == CK_STATS_REPORT_UNIT ? self->unit_figures : self->national_figures;
}

static gboolean
check_data (CkStatsReport  *self,
            GError        **error)
{
  if ((self->scope == CK_STATS_REPORT_UNIT && self->cases != NULL) ||
      (self->scope == CK_STATS_REPORT_NATIONAL && self->records != NULL))
    return TRUE;

  g_set_error_literal (error, CK_ERROR, CK_ERROR_FAILED,
                       _("There is nothing to report on: the figures have not been read."));
  return FALSE;
}

static char *
scope_label (CkStatsReport *self)
{
  if (self->scope == CK_STATS_REPORT_NATIONAL)
    return g_strdup (_("National"));

  /* Translators: %s is the name of a police unit. */
  return g_strdup_printf (_("Unit %s"), ck_stats_dim_get_label (CK_STATS_DIM_UNIT,
                                                                ck_stats_dim_lookup (CK_STATS_DIM_UNIT, self->unit)));
}

static char *
format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (unix_time);

  /* Translators: a date and time in the data basis of a report, as
   * g_date_time_format() takes it. */
  return g_date_time_format (time, _("%Y-%m-%d %H:%M"));
}

/* Appends @table to @doc, in parts when it is too wide for the page. */
static void
add_table (CkDocument   *doc,
           CkStatsTable *table)
{
  guint n_parts = (table->n_cols + MAX_PRINTED_COLUMNS - 1) / MAX_PRINTED_COLUMNS;
  guint per_part;

  if (table->n_cols == 0 || table->n_rows == 0)
    return;

  n_parts = MAX (n_parts, 1);
  per_part = (table->n_cols + n_parts - 1) / n_parts;

  for (guint part = 0; part < n_parts; part++)
    {
      guint first = part * per_part;
      guint last = MIN (table->n_cols, first + per_part);
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
      g_autoptr(GStrvBuilder) header = g_strv_builder_new ();
      g_auto(GStrv) header_cells = NULL;

      g_strv_builder_add (header, table->row_title);
      for (guint c = first; c < last; c++)
        g_strv_builder_add (header, table->columns[c].label);
      header_cells = g_strv_builder_end (header);

      for (guint r = 0; r < table->n_rows; r++)
        {
          g_autoptr(GStrvBuilder) row = g_strv_builder_new ();

          g_strv_builder_add (row, table->rows[r].label);
          for (guint c = first; c < last; c++)
            {
              g_autofree char *text = ck_stats_cell_format (ck_stats_table_peek_cell (table, r, c));

              g_strv_builder_add (row, text);
            }
          g_ptr_array_add (rows, g_strv_builder_end (row));
        }

      ck_document_add_table (doc, (const char * const *) header_cells, rows);
    }
}

static void
add_chart (CkDocument   *doc,
           CkStatsTable *table)
{
  g_autoptr(CkChart) chart = NULL;
  CkChartStyle style;
  /* The text width of an A4 page with the document's margins. */
  double width = 483.28;

  if (ck_chart_table_has_chart (table->id))
    {
      chart = ck_chart_new (table);
      ck_chart_style_init (&style);
      style.text_size = 7.5;
      ck_chart_set_style (chart, &style);
      /* The heading goes with its chart. */
      ck_document_keep_space (doc, ck_chart_get_height_for_width (chart, width) + 48);
    }

  ck_document_add_heading (doc, table->title);
  if (table->n_rows == 0 || table->n_cols == 0 ||
      (table->n_rows <= 1 && table->rows[0].total && table->n_cols <= 1))
    {
      ck_document_add_paragraph (doc, _("No cases in this period."));
      return;
    }

  if (chart != NULL)
    ck_document_add_figure (doc, ck_chart_get_height_for_width (chart, width), ck_chart_draw, chart);
  add_table (doc, table);
  if (table->note != NULL)
    ck_document_add_note (doc, table->note);
}

static void
add_basis (CkStatsReport *self,
           CkDocument    *doc)
{
  CkStatsFigures *figures = main_figures (self);
  const CkStatsKey *key = ck_stats_figures_get_key (figures, CK_STATS_WINDOW_CURRENT, 0);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const char *header[] = { _("Unit"), _("Records"), _("Newest period"), _("Synchronised"), NULL };

  ck_document_add_subheading (doc, _("Data basis"));

  if (self->scope == CK_STATS_REPORT_UNIT)
    {
      g_autofree char *text = NULL;

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The unit's figures come from its own register: %u case reported in this period.",
                                           "The unit's figures come from its own register: %u cases reported in this period.",
                                           key->cases),
                              key->cases);
      ck_document_add_paragraph (doc, text);
      if (self->records == NULL)
        return;
      ck_document_add_paragraph (doc, _("The national figures beside them come only from the anonymised records "
                                        "of every unit, as synchronised:"));
    }
  else
    ck_document_add_paragraph (doc, _("The national figures come only from the anonymised records of every unit, "
                                      "as synchronised:"));

  for (guint i = 0; self->basis != NULL && i < self->basis->len; i++)
    {
      const CkStatsBasis *unit = self->basis->pdata[i];
      g_autofree char *records = g_strdup_printf ("%u", unit->records);
      g_autofree char *newest = ck_stats_quarter_to_label (unit->newest_quarter);
      g_autofree char *synced = unit->synced_at > 0 ? format_time (unit->synced_at)
                                                    : g_strdup (unit->own > 0 ? _("own records")
                                                                              : _("not recorded"));
      const char *label = ck_stats_dim_get_label (CK_STATS_DIM_UNIT,
                                                  ck_stats_dim_lookup (CK_STATS_DIM_UNIT, unit->unit));

      g_ptr_array_add (rows, g_strdupv ((char *[]) { (char *) label, records, newest, synced, NULL }));
    }

  if (rows->len > 0)
    ck_document_add_table (doc, header, rows);
  else
    ck_document_add_paragraph (doc, _("No anonymised records have been synchronised yet."));
}

static void
add_method (CkStatsReport *self,
            CkDocument    *doc)
{
  g_autofree char *terms = NULL;

  ck_document_add_heading (doc, _("How to read these figures"));
  ck_document_add_paragraph (doc, _("Small numbers are protected. Counts below 5 are shown as “<5”, zero included. "
                                    "Cells marked “×” are hidden as well, so that no count below 5 can be worked "
                                    "out from the totals or from the other tables, and a category hidden in one "
                                    "quarter stays hidden in every quarter of the same chart. Medians and shares "
                                    "over fewer than 5 cases are shown as “n<5”."));
  ck_document_add_paragraph (doc, _("A case with several grounds (or manifestations) counts once for each of "
                                    "them in the figures per ground, and once in every total. Lead times are "
                                    "given as the median with the first and third quartile (the middle half "
                                    "of the cases), never as means. Shares are of the cases where the answer "
                                    "was recorded."));
  terms = g_strdup_printf (_("Terms: triage within %u days of the report, feedback to the reporter within %u days, "
                             "disposal within %u days. A reporter counts as informed when feedback was recorded "
                             "within the term; anonymous reporters are left out."),
                           self->options.triage_term, self->options.feedback_term, self->options.disposal_term);
  ck_document_add_paragraph (doc, terms);
  if (self->records != NULL)
    ck_document_add_paragraph (doc, _("Anonymised records carry the quarter of the report, not the day: their "
                                      "terms are counted from the end of that quarter. Records widened to the "
                                      "whole year to protect small groups appear in a row of their own."));
}

/**
 * ck_stats_report_write_pdf:
 *
 * Writes the report as a PDF to @path, replacing what is there.
 */
gboolean
ck_stats_report_write_pdf (CkStatsReport  *self,
                           const char     *path,
                           GError        **error)
{
  g_autoptr(CkDocument) doc = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *period = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *footer = NULL;
  g_autofree char *made = NULL;
  g_autofree char *made_line = NULL;
  g_autofree char *conditions = NULL;
  CkStatsFigures *figures;
  const CkStatsTableId *charts;
  guint n_charts;
  GDate today;

  g_return_val_if_fail (CK_IS_STATS_REPORT (self), FALSE);

  if (!check_data (self, error))
    return FALSE;
  compute (self);
  figures = main_figures (self);

  scope = scope_label (self);
  period = ck_stats_filter_describe_period (self->filter);
  conditions = ck_stats_filter_describe (self->filter);
  /* Translators: the subtitle of a report: the scope and the period. */
  subtitle = g_strdup_printf (_("%s · %s"), scope, conditions);
  /* Translators: the footer of a report: the scope and the period. */
  footer = g_strdup_printf (_("Patterns and trends · %s · %s"), scope, period);

  if (!(doc = ck_document_new_pdf (path, _("Patterns and trends"), error)))
    return FALSE;
  ck_document_set_footer (doc, footer);

  ck_document_add_title (doc, _("Patterns and trends"), subtitle);
  ck_date_set_today (&today);
  made = ck_date_format_user (&today);
  /* Translators: %s is a date. */
  made_line = g_strdup_printf (_("Made on %s with Casuskamer."), made);
  ck_document_add_paragraph (doc, made_line);
  ck_document_add_paragraph (doc, _("An overview of the cases of exclusion, discrimination and racism: how many "
                                    "there are, how they came in, how they were handled and how they ended, "
                                    "compared with the period before and the same period a year earlier."));
  add_basis (self, doc);
  add_method (self, doc);
  ck_document_add_page_break (doc);

  ck_document_add_heading (doc, _("Key figures"));
  add_table (doc, ck_stats_figures_get_table (figures, CK_STATS_TABLE_KEY_FIGURES));
  ck_document_add_note (doc, ck_stats_figures_get_table (figures, CK_STATS_TABLE_KEY_FIGURES)->note);

  if (self->compared != NULL)
    {
      ck_document_add_heading (doc, self->compared->title);
      add_table (doc, self->compared);
      ck_document_add_note (doc, self->compared->note);
    }

  if (self->scope == CK_STATS_REPORT_NATIONAL)
    {
      CkStatsTable *by_unit = ck_stats_figures_get_table (figures, CK_STATS_TABLE_UNIT_KEY_FIGURES);

      ck_document_add_heading (doc, by_unit->title);
      add_table (doc, by_unit);
      ck_document_add_note (doc, by_unit->note);
      charts = national_charts;
      n_charts = G_N_ELEMENTS (national_charts);
    }
  else
    {
      charts = unit_charts;
      n_charts = G_N_ELEMENTS (unit_charts);
    }

  for (guint i = 0; i < n_charts; i++)
    add_chart (doc, ck_stats_figures_get_table (figures, charts[i]));

  return ck_document_finish (doc, error);
}

static gboolean
write_csv (const char    *dir,
           const char    *name,
           CkStatsTable  *table,
           GError       **error)
{
  g_autofree char *file = g_strconcat (name, ".csv", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autofree char *csv = ck_stats_table_to_csv (table);
  g_autoptr(GError) local_error = NULL;

  if (!g_file_set_contents_full (path, csv, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local_error))
    {
      g_set_error (error, CK_ERROR, CK_ERROR_IO, _("The table %s cannot be written: %s"),
                   path, local_error->message);
      return FALSE;
    }

  return TRUE;
}

/**
 * ck_stats_report_write_csv:
 *
 * Writes every table of the report as a CSV file into @dir, made if
 * needed: key-figures.csv, cases-per-quarter.csv and so on.
 */
gboolean
ck_stats_report_write_csv (CkStatsReport  *self,
                           const char     *dir,
                           GError        **error)
{
  CkStatsFigures *figures;

  g_return_val_if_fail (CK_IS_STATS_REPORT (self), FALSE);

  if (!check_data (self, error))
    return FALSE;
  compute (self);
  figures = main_figures (self);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, CK_ERROR, CK_ERROR_IO, _("The folder %s cannot be made: %s"),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }

  for (guint id = 0; id < CK_STATS_N_TABLES; id++)
    {
      CkStatsTable *table = ck_stats_figures_get_table (figures, id);

      if (table != NULL && !write_csv (dir, table->name, table, error))
        return FALSE;
    }

  return self->compared == NULL || write_csv (dir, self->compared->name, self->compared, error);
}

typedef struct
{
  char *pdf_path;
  char *csv_dir;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_free (data->pdf_path);
  g_free (data->csv_dir);
  g_free (data);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CkStatsReport *self = source_object;
  WriteData *data = task_data;
  g_autoptr(GError) error = NULL;

  if ((data->pdf_path != NULL && !ck_stats_report_write_pdf (self, data->pdf_path, &error)) ||
      (data->csv_dir != NULL && !ck_stats_report_write_csv (self, data->csv_dir, &error)))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* Writes the PDF and/or the CSV files in a worker thread. */
void
ck_stats_report_write_async (CkStatsReport       *self,
                             const char          *pdf_path,
                             const char          *csv_dir,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *data;

  g_return_if_fail (CK_IS_STATS_REPORT (self));

  data = g_new0 (WriteData, 1);
  data->pdf_path = g_strdup (pdf_path);
  data->csv_dir = g_strdup (csv_dir);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ck_stats_report_write_async);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  g_task_run_in_thread (task, write_thread);
}

gboolean
ck_stats_report_write_finish (CkStatsReport  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
