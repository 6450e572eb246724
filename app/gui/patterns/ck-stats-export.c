/* ck-stats-export.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ck-register.h"
#include "ck-stats-export.h"

typedef struct
{
  AdwToastOverlay    *toasts;
  CkStatsCache       *cache;
  CkStatsReport      *report;
  CkStatsData        *records;
  gboolean            tables;
  char               *path;
} Export;

static void
export_free (Export *export)
{
  g_clear_object (&export->toasts);
  g_clear_object (&export->cache);
  g_clear_object (&export->report);
  g_clear_object (&export->records);
  g_free (export->path);
  g_free (export);
}

static void
toast (AdwToastOverlay *toasts,
       const char      *text)
{
  adw_toast_overlay_add_toast (toasts, adw_toast_new (text));
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Export *export = task_data;
  g_autoptr(GPtrArray) basis = NULL;
  g_autoptr(GError) error = NULL;

  /* The data basis asks the register; this is the place to wait for it. */
  if (!(basis = ck_stats_cache_list_basis (export->cache, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  ck_stats_report_set_records (export->report, export->records, basis);

  if (export->tables
      ? !ck_stats_report_write_csv (export->report, export->path, &error)
      : !ck_stats_report_write_pdf (export->report, export->path, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Export *export = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      toast (export->toasts, error->message);
      return;
    }

  name = g_path_get_basename (export->path);
  text = export->tables
         /* Translators: %s is the name of a folder. */
         ? g_strdup_printf (_("The tables were saved in %s"), name)
         /* Translators: %s is the name of a file. */
         : g_strdup_printf (_("The report was saved as %s"), name);
  toast (export->toasts, text);
}

static void
response_cb (GtkNativeDialog *chooser,
             int              response,
             Export          *export)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GTask) task = NULL;

  if (response != GTK_RESPONSE_ACCEPT ||
      !(file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) ||
      !(export->path = g_file_get_path (file)))
    {
      export_free (export);
      g_object_unref (chooser);
      return;
    }

  toast (export->toasts, export->tables ? _("Saving the tables…") : _("Saving the report…"));
  task = g_task_new (NULL, NULL, written_cb, NULL);
  g_task_set_source_tag (task, ck_stats_export);
  g_task_set_task_data (task, export, (GDestroyNotify) export_free);
  g_task_run_in_thread (task, write_thread);
  g_object_unref (chooser);
}

void
ck_stats_export (GtkWidget            *parent,
                 AdwToastOverlay      *toasts,
                 CkStatsCache         *cache,
                 CkStatsReportScope    scope,
                 const CkStatsFilter  *filter,
                 const CkStatsOptions *options,
                 CkStatsData          *cases,
                 CkStatsData          *records,
                 gboolean              tables)
{
  GtkRoot *root = gtk_widget_get_root (parent);
  GtkFileChooserNative *chooser;
  Export *export = g_new0 (Export, 1);
  const char *unit = ck_register_get_unit (ck_stats_cache_get_register (cache));
  g_autofree char *from = ck_stats_quarter_to_code (filter->from);
  g_autofree char *to = ck_stats_quarter_to_code (filter->to);
  g_autofree char *name = NULL;

  export->toasts = g_object_ref (toasts);
  export->cache = g_object_ref (cache);
  export->tables = tables;
  export->report = ck_stats_report_new (scope, filter, options);
  export->records = records != NULL ? g_object_ref (records) : NULL;
  if (scope == CK_STATS_REPORT_UNIT)
    ck_stats_report_set_cases (export->report, cases, unit);

  chooser = gtk_file_chooser_native_new (tables ? _("Save the Tables in a Folder") : _("Save the Report"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         tables ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER : GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (!tables)
    {
      /* Translators: the file name offered for a report; %s are the scope
       * (a unit code, or "landelijk") and the first and last quarter. Use
       * no slashes. */
      name = g_strdup_printf (_("patterns-%s-%s-%s.pdf"),
                              scope == CK_STATS_REPORT_UNIT ? unit : _("national"), from, to);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }
  g_signal_connect (chooser, "response", G_CALLBACK (response_cb), export);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
