/* ck-national-records-view.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ck-case.h"
#include "ck-national-records-view.h"
#include "ck-record-item.h"
#include "ck-register.h"
#include "ck-sync.h"
#include "ck-vocabulary.h"

struct _CkNationalRecordsView
{
  AdwBin              parent_instance;

  CkRegister         *reg;
  CkSync             *sync;
  GCancellable       *cancellable;
  GListStore         *records;
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  char               *unit;
  gboolean            stale;      /* the register changed while not shown */

  GtkDropDown        *unit_dropdown;
  GtkLabel           *count_label;
  GtkStack           *content_stack;
  GtkColumnView      *column_view;
};

G_DEFINE_FINAL_TYPE (CkNationalRecordsView, ck_national_records_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_REGISTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef char *(*CellText) (const CkSharedRecord *record);

static const char *
label (const char *list,
       const char *code)
{
  return code != NULL ? ck_vocabulary_get_label (ck_vocabulary_get_default (), list, code) : "";
}

static char *
unit_text (const CkSharedRecord *r)
{
  return g_strdup (r->unit);
}

static char *
period_text (const CkSharedRecord *r)
{
  return ck_shared_record_get_period (r);
}

static char *
team_text (const CkSharedRecord *r)
{
  return g_strdup (r->team != NULL ? r->team : "—");
}

static char *
kind_text (const CkSharedRecord *r)
{
  return g_strdup (label (CK_VOCAB_KINDS, r->kind));
}

static char *
channel_text (const CkSharedRecord *r)
{
  return g_strdup (label (CK_VOCAB_CHANNELS, r->channel));
}

static char *
grounds_text (const CkSharedRecord *r)
{
  return ck_vocabulary_join_labels (ck_vocabulary_get_default (), CK_VOCAB_GROUNDS,
                                    (const char * const *) r->grounds);
}

static char *
finding_text (const CkSharedRecord *r)
{
  return g_strdup (label (CK_VOCAB_FINDINGS, r->finding));
}

static char *
sanction_text (const CkSharedRecord *r)
{
  const char *heaviest = NULL;
  int level = -1;

  for (guint i = 0; i < r->measures->len; i++)
    {
      const CkMeasure *m = &g_array_index (r->measures, CkMeasure, i);
      const CkTerm *term = ck_vocabulary_lookup (ck_vocabulary_get_default (), CK_VOCAB_MEASURES, m->code);

      if (term != NULL && term->severity > level)
        {
          level = term->severity;
          heaviest = term->label;
        }
    }

  return g_strdup (heaviest != NULL ? heaviest : "");
}

static char *
days_text (int days)
{
  return days >= 0 ? g_strdup_printf ("%d", days) : g_strdup ("");
}

static char *
triage_days_text (const CkSharedRecord *r)
{
  return days_text (r->days_to_triage);
}

static char *
disposal_days_text (const CkSharedRecord *r)
{
  return days_text (r->days_to_disposal);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *cell = gtk_inscription_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), GPOINTER_TO_INT (user_data) ? 1.0 : 0.0);
  gtk_list_item_set_child (item, cell);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  CellText text = g_object_get_data (G_OBJECT (factory), "cell-text");
  CkRecordItem *record = gtk_list_item_get_item (item);
  g_autofree char *value = text (ck_record_item_get_record (record));

  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)), value);
}

static int
compare_cells (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  CellText text = user_data;
  g_autofree char *ta = text (ck_record_item_get_record ((CkRecordItem *) a));
  g_autofree char *tb = text (ck_record_item_get_record ((CkRecordItem *) b));
  int order = g_utf8_collate (ta, tb);

  return order < 0 ? GTK_ORDERING_SMALLER : order > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static void
add_column (CkNationalRecordsView *self,
            const char            *title,
            CellText               text,
            gboolean               numeric,
            gboolean               expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;
  g_autoptr(GtkSorter) sorter = NULL;

  g_object_set_data (G_OBJECT (factory), "cell-text", text);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (numeric));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), NULL);

  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_cells, text, NULL));
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_append_column (self->column_view, column);
}

static gboolean
match_unit (gpointer item,
            gpointer user_data)
{
  CkNationalRecordsView *self = user_data;

  return self->unit == NULL || g_strcmp0 (ck_record_item_get_record (item)->unit, self->unit) == 0;
}

static void
update_count (CkNationalRecordsView *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->records));
  g_autoptr(GHashTable) units = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *text = NULL;

  for (guint i = 0; i < total; i++)
    {
      g_autoptr(CkRecordItem) item = g_list_model_get_item (G_LIST_MODEL (self->records), i);

      g_hash_table_add (units, (gpointer) ck_record_item_get_record (item)->unit);
    }

  if (shown == total)
    {
      guint n_units = g_hash_table_size (units);
      g_autofree char *records = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record", "%u records", total), total);
      g_autofree char *of_units = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unit", "%u units", n_units), n_units);

      /* Translators: "1,200 records" and "3 units" */
      text = g_strdup_printf (_("%s of %s"), records, of_units);
    }
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u record", "%u of %u records", total), shown, total);
  gtk_label_set_text (self->count_label, text);

  gtk_stack_set_visible_child_name (self->content_stack, total == 0 ? "empty" : "list");
}

static void
records_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CkNationalRecordsView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = ck_sync_list_records_finish (CK_SYNC (object), result, &error);
  g_autoptr(GPtrArray) items = NULL;

  if (records == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (self->count_label, error->message);
      return;
    }

  items = g_ptr_array_new_full (records->len, g_object_unref);
  for (guint i = 0; i < records->len; i++)
    g_ptr_array_add (items, ck_record_item_new (g_steal_pointer (&records->pdata[i])));
  g_list_store_splice (self->records, 0, g_list_model_get_n_items (G_LIST_MODEL (self->records)),
                       items->pdata, items->len);
  update_count (self);
}

/* Loads the records when shown: the register changes with every case
 * saved, and 100,000 records are not read again for a page nobody sees. */
static void
reload (CkNationalRecordsView *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->sync == NULL)
    return;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  self->stale = FALSE;

  self->cancellable = g_cancellable_new ();
  ck_sync_list_records_async (self->sync, self->cancellable, records_loaded_cb, g_object_ref (self));
}

static void
unit_selected_cb (CkNationalRecordsView *self)
{
  guint selected = gtk_drop_down_get_selected (self->unit_dropdown);
  GPtrArray *units = ck_vocabulary_get_terms (ck_vocabulary_get_default (), CK_VOCAB_UNITS);

  g_clear_pointer (&self->unit, g_free);
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected <= units->len)
    self->unit = g_strdup (((CkTerm *) units->pdata[selected - 1])->code);

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

static void
fill_units (CkNationalRecordsView *self)
{
  GPtrArray *units = ck_vocabulary_get_terms (ck_vocabulary_get_default (), CK_VOCAB_UNITS);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  gtk_string_list_append (names, _("All units"));
  for (guint i = 0; i < units->len; i++)
    {
      const CkTerm *term = units->pdata[i];
      g_autofree char *name = g_strdup_printf ("%s — %s", term->code, term->label);

      gtk_string_list_append (names, name);
    }
  gtk_drop_down_set_model (self->unit_dropdown, G_LIST_MODEL (names));
}

static void
ck_national_records_view_map (GtkWidget *widget)
{
  CkNationalRecordsView *self = CK_NATIONAL_RECORDS_VIEW (widget);

  GTK_WIDGET_CLASS (ck_national_records_view_parent_class)->map (widget);

  if (self->stale)
    reload (self);
}

static void
ck_national_records_view_dispose (GObject *object)
{
  CkNationalRecordsView *self = (CkNationalRecordsView *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->reg != NULL)
    g_signal_handlers_disconnect_by_data (self->reg, self);
  /* No gtk_widget_dispose_template(): the template's only child is the
   * AdwBin's child, and AdwBin unparents it itself (libadwaita 1.2). */
  g_clear_object (&self->sync);
  g_clear_object (&self->reg);
  g_clear_object (&self->filtered);
  g_clear_object (&self->records);

  G_OBJECT_CLASS (ck_national_records_view_parent_class)->dispose (object);
}

static void
ck_national_records_view_finalize (GObject *object)
{
  CkNationalRecordsView *self = (CkNationalRecordsView *)object;

  g_free (self->unit);

  G_OBJECT_CLASS (ck_national_records_view_parent_class)->finalize (object);
}

static void
ck_national_records_view_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  CkNationalRecordsView *self = CK_NATIONAL_RECORDS_VIEW (object);

  switch (prop_id)
    {
    case PROP_REGISTER:
      g_value_set_object (value, self->reg);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ck_national_records_view_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  CkNationalRecordsView *self = CK_NATIONAL_RECORDS_VIEW (object);

  switch (prop_id)
    {
    case PROP_REGISTER:
      ck_national_records_view_set_register (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ck_national_records_view_class_init (CkNationalRecordsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ck_national_records_view_dispose;
  object_class->finalize = ck_national_records_view_finalize;
  object_class->get_property = ck_national_records_view_get_property;
  object_class->set_property = ck_national_records_view_set_property;
  widget_class->map = ck_national_records_view_map;

  /* Every view of the Landelijk page has this property: the page hands
   * the register to its views through it. */
  properties[PROP_REGISTER] =
    g_param_spec_object ("register", NULL, NULL, CK_TYPE_REGISTER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ck-national-records-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CkNationalRecordsView, unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CkNationalRecordsView, count_label);
  gtk_widget_class_bind_template_child (widget_class, CkNationalRecordsView, content_stack);
  gtk_widget_class_bind_template_child (widget_class, CkNationalRecordsView, column_view);
  gtk_widget_class_bind_template_callback (widget_class, unit_selected_cb);
}

static void
ck_national_records_view_init (CkNationalRecordsView *self)
{
  g_autoptr(GtkSortListModel) sorted = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->records = g_list_store_new (CK_TYPE_RECORD_ITEM);
  self->filter = gtk_custom_filter_new (match_unit, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->records)),
                                              GTK_FILTER (self->filter));
  sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                    g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  selection = gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&sorted)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));

  add_column (self, _("Unit"), unit_text, FALSE, FALSE);
  add_column (self, _("Period"), period_text, FALSE, FALSE);
  add_column (self, _("Team"), team_text, FALSE, FALSE);
  add_column (self, _("Kind"), kind_text, FALSE, FALSE);
  add_column (self, _("Channel"), channel_text, FALSE, FALSE);
  add_column (self, _("Grounds"), grounds_text, FALSE, TRUE);
  add_column (self, _("Finding"), finding_text, FALSE, FALSE);
  add_column (self, _("Heaviest measure"), sanction_text, FALSE, FALSE);
  add_column (self, _("Days to triage"), triage_days_text, TRUE, FALSE);
  add_column (self, _("Days to disposal"), disposal_days_text, TRUE, FALSE);

  fill_units (self);
  update_count (self);
}

static void
register_changed_cb (CkNationalRecordsView *self)
{
  reload (self);
}

void
ck_national_records_view_set_register (CkNationalRecordsView *self,
                                       CkRegister            *reg)
{
  g_return_if_fail (CK_IS_NATIONAL_RECORDS_VIEW (self));

  if (self->reg == reg)
    return;

  if (self->reg != NULL)
    g_signal_handlers_disconnect_by_data (self->reg, self);
  g_set_object (&self->reg, reg);
  g_clear_object (&self->sync);

  if (reg != NULL)
    {
      self->sync = ck_sync_new (reg);
      g_signal_connect_object (reg, "changed", G_CALLBACK (register_changed_cb), self, G_CONNECT_SWAPPED);
    }

  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGISTER]);
}

/* Returns: (transfer none): the records shown, after the unit filter */
GListModel *
ck_national_records_view_get_model (CkNationalRecordsView *self)
{
  g_return_val_if_fail (CK_IS_NATIONAL_RECORDS_VIEW (self), NULL);

  return G_LIST_MODEL (self->filtered);
}

/* Shows only @unit's records, or every unit's for %NULL. */
void
ck_national_records_view_set_unit (CkNationalRecordsView *self,
                                   const char            *unit)
{
  GPtrArray *units = ck_vocabulary_get_terms (ck_vocabulary_get_default (), CK_VOCAB_UNITS);

  g_return_if_fail (CK_IS_NATIONAL_RECORDS_VIEW (self));

  for (guint i = 0; unit != NULL && i < units->len; i++)
    if (g_str_equal (((CkTerm *) units->pdata[i])->code, unit))
      {
        gtk_drop_down_set_selected (self->unit_dropdown, i + 1);
        return;
      }

  gtk_drop_down_set_selected (self->unit_dropdown, 0);
}
