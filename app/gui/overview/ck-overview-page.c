/* ck-overview-page.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ck-attention.h"
#include "ck-attention-list.h"
#include "ck-attention-row.h"
#include "ck-date.h"
#include "ck-guidance.h"
#include "ck-memory.h"
#include "ck-overview-page.h"
#include "ck-register.h"
#include "ck-sessions.h"

/* What needs attention across the register: everything overdue or due
 * within the week, most urgent first, one click from where it is dealt
 * with. Items come from gather_items(), the one place that asks each
 * source; the list is made again, off the main thread, whenever the
 * register changes and when the day has changed. */
struct _CkOverviewPage
{
  AdwBin           parent_instance;

  CkRegister      *reg;
  CkAttentionList *items;
  GCancellable    *cancellable;
  guint            refresh_source;
  GDate            computed_for;    /* the day the list was made for */

  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *title;
  GtkStack        *stack;
  GtkSpinner      *spinner;
  GtkListView     *list_view;
  AdwStatusPage   *error_page;
};

G_DEFINE_FINAL_TYPE (CkOverviewPage, ck_overview_page, ADW_TYPE_BIN)

enum {
  ITEM_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Changes often come in bursts (an import, a bulk edit): one refresh. */
#define REFRESH_DELAY_MS 300

/**
 * gather_items:
 *
 * Asks every source of the overview for its items and merges them, most
 * urgent first. Runs in a worker thread.
 *
 * Returns: (transfer full): the items, or %NULL with @error
 */
static CkAttentionSet *
gather_items (CkRegister    *reg,
              const GDate   *today,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(CkAttentionSet) items = NULL;
  g_autoptr(GPtrArray) actions = NULL;

  /* The handling guidance: steps of cases that are late or due, many. */
  items = ck_guidance_collect_attention (reg, today, cancellable, error);
  if (items == NULL)
    return NULL;

  /* The reflection room's follow-up actions, a few, within the same
   * horizon as the steps. */
  actions = ck_sessions_get_attention (reg, today, CK_GUIDANCE_HORIZON_DAYS, error);
  if (actions == NULL)
    return NULL;
  ck_attention_set_add_items (items, actions);

  return g_steal_pointer (&items);
}

typedef struct
{
  CkRegister *reg;
  GDate       today;
} GatherData;

static void
gather_data_free (GatherData *data)
{
  g_clear_object (&data->reg);
  g_free (data);
}

static void
gather_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GatherData *data = task_data;
  g_autoptr(GError) error = NULL;
  CkAttentionSet *items = gather_items (data->reg, &data->today, cancellable, &error);

  if (items == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, items, (GDestroyNotify) ck_attention_set_unref);
}

static void
update_title (CkOverviewPage *self)
{
  CkAttentionSet *items = ck_attention_list_get_items (self->items);
  guint n = ck_attention_set_get_n_items (items);
  guint overdue = ck_attention_set_count_overdue (items);
  g_autofree char *late = NULL;
  g_autofree char *soon = NULL;
  g_autofree char *subtitle = NULL;

  late = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u overdue", "%u overdue", overdue), overdue);
  soon = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u due this week", "%u due this week", n - overdue),
                          n - overdue);
  /* Translators: "3 overdue · 5 due this week" */
  subtitle = g_strdup_printf (_("%s · %s"), late, soon);
  adw_window_title_set_subtitle (self->title, subtitle);
}

static void
gathered_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  CkOverviewPage *self = CK_OVERVIEW_PAGE (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(CkAttentionSet) items = g_task_propagate_pointer (G_TASK (result), &error);

  if (items == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_spinner_stop (self->spinner);
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      adw_window_title_set_subtitle (self->title, NULL);
      return;
    }

  ck_attention_list_set_items (self->items, items);
  ck_memory_release_unused ();
  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, ck_attention_set_get_n_items (items) > 0 ? "list" : "empty");
  update_title (self);
}

/**
 * ck_overview_page_refresh:
 *
 * Makes the list again, in a worker thread; what is shown stays until
 * the new list is there.
 */
void
ck_overview_page_refresh (CkOverviewPage *self)
{
  g_autoptr(GTask) task = NULL;
  GatherData *data;

  g_return_if_fail (CK_IS_OVERVIEW_PAGE (self));

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->reg == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  data = g_new0 (GatherData, 1);
  data->reg = g_object_ref (self->reg);
  ck_date_set_today (&data->today);
  self->computed_for = data->today;

  if (!g_str_equal (gtk_stack_get_visible_child_name (self->stack), "list"))
    {
      gtk_spinner_start (self->spinner);
      gtk_stack_set_visible_child_name (self->stack, "loading");
    }

  task = g_task_new (self, self->cancellable, gathered_cb, NULL);
  g_task_set_source_tag (task, ck_overview_page_refresh);
  g_task_set_task_data (task, data, (GDestroyNotify) gather_data_free);
  g_task_run_in_thread (task, gather_thread);
}

static gboolean
refresh_later_cb (gpointer user_data)
{
  CkOverviewPage *self = user_data;

  self->refresh_source = 0;
  ck_overview_page_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
register_changed_cb (CkOverviewPage *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_timeout_add (REFRESH_DELAY_MS, refresh_later_cb, self);
}

/* A list made yesterday is wrong today. */
static void
map_cb (CkOverviewPage *self)
{
  GDate today;

  ck_date_set_today (&today);
  if (self->reg != NULL && ck_date_compare (&today, &self->computed_for) != 0)
    ck_overview_page_refresh (self);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ck_overview_page_refresh (CK_OVERVIEW_PAGE (widget));
}

static void
activate_cb (CkOverviewPage *self,
             guint           position)
{
  g_autoptr(CkAttentionRow) row = g_list_model_get_item (G_LIST_MODEL (self->items), position);

  if (row != NULL)
    g_signal_emit (self, signals[ITEM_ACTIVATED], 0, ck_attention_row_get_item (row));
}

/* Returns: (transfer full): "3 days late", "Due today", "Due in 2 days" */
static char *
describe_urgency (int days_overdue)
{
  if (days_overdue > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day late", "%d days late", days_overdue),
                            days_overdue);
  if (days_overdue == 0)
    return g_strdup (_("Due today"));

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Due in %d day", "Due in %d days", -days_overdue),
                          -days_overdue);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *pill = gtk_label_new (NULL);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  gtk_widget_add_css_class (box, "attention-row");
  gtk_widget_add_css_class (pill, "attention-pill");
  gtk_label_set_width_chars (GTK_LABEL (pill), 14);
  gtk_widget_set_valign (pill, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (arrow, "dim-label");

  gtk_box_append (GTK_BOX (texts), title);
  gtk_box_append (GTK_BOX (texts), subtitle);
  gtk_box_append (GTK_BOX (box), pill);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), arrow);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  const CkAttentionItem *item = ck_attention_row_get_item (gtk_list_item_get_item (list_item));
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *pill = gtk_widget_get_first_child (box);
  GtkWidget *texts = gtk_widget_get_next_sibling (pill);
  GtkWidget *title = gtk_widget_get_first_child (texts);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  g_autofree char *urgency = describe_urgency (item->days_overdue);
  g_autofree char *due = ck_date_format_user (&item->due);
  g_autofree char *details = NULL;
  g_autofree char *accessible = NULL;

  /* Translators: under an item of the overview: "AMS-2025-0042 · due 12-03-2025". */
  details = g_strdup_printf (_("%s · due %s"), item->subject, due);
  gtk_label_set_text (GTK_LABEL (pill), urgency);
  gtk_label_set_text (GTK_LABEL (title), item->title);
  gtk_label_set_text (GTK_LABEL (subtitle), details);

  gtk_widget_remove_css_class (pill, "overdue");
  gtk_widget_remove_css_class (pill, "due");
  gtk_widget_add_css_class (pill, item->days_overdue > 0 ? "overdue" : "due");

  accessible = g_strdup_printf ("%s: %s, %s", urgency, item->title, details);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
ck_overview_page_dispose (GObject *object)
{
  CkOverviewPage *self = (CkOverviewPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->reg != NULL)
    g_signal_handlers_disconnect_by_data (self->reg, self);

  G_OBJECT_CLASS (ck_overview_page_parent_class)->dispose (object);
}

static void
ck_overview_page_finalize (GObject *object)
{
  CkOverviewPage *self = (CkOverviewPage *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->items);
  g_clear_object (&self->reg);

  G_OBJECT_CLASS (ck_overview_page_parent_class)->finalize (object);
}

static void
ck_overview_page_class_init (CkOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ck_overview_page_dispose;
  object_class->finalize = ck_overview_page_finalize;

  /**
   * CkOverviewPage::item-activated:
   * @item: the item clicked or entered
   *
   * The person wants to deal with @item: open its case, or its session.
   */
  signals[ITEM_ACTIVATED] =
    g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  CK_TYPE_ATTENTION_ITEM | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ck-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CkOverviewPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CkOverviewPage, title);
  gtk_widget_class_bind_template_child (widget_class, CkOverviewPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CkOverviewPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, CkOverviewPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, CkOverviewPage, error_page);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);

  gtk_widget_class_install_action (widget_class, "overview.refresh", NULL, refresh_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "overview.refresh", NULL);
}

static void
ck_overview_page_init (CkOverviewPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->items = ck_attention_list_new ();
  g_date_clear (&self->computed_for, 1);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->items)))));

  g_signal_connect_swapped (self, "map", G_CALLBACK (map_cb), self);
}

/**
 * ck_overview_page_set_register:
 *
 * Shows what needs attention in @reg, and keeps it current.
 */
void
ck_overview_page_set_register (CkOverviewPage *self,
                               CkRegister     *reg)
{
  g_return_if_fail (CK_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (self->reg == NULL);

  self->reg = g_object_ref (reg);
  g_signal_connect_object (reg, "changed", G_CALLBACK (register_changed_cb), self, G_CONNECT_SWAPPED);
  ck_overview_page_refresh (self);
}

/* Returns: (transfer none): the list shown, of CkAttentionRow; for tests */
GListModel *
ck_overview_page_get_items (CkOverviewPage *self)
{
  g_return_val_if_fail (CK_IS_OVERVIEW_PAGE (self), NULL);

  return G_LIST_MODEL (self->items);
}
