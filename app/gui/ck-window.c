/* ck-window.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ck-attention.h"
#include "ck-cases-page.h"
#include "ck-memory.h"
#include "ck-national-page.h"
#include "ck-overview-page.h"
#include "ck-patterns-page.h"
#include "ck-preferences-window.h"
#include "ck-reflection-page.h"
#include "ck-register.h"
#include "ck-retention.h"
#include "ck-sync-page.h"
#include "ck-unlock-page.h"
#include "ck-vocabulary.h"
#include "ck-window.h"

struct _CkWindow
{
  AdwApplicationWindow  parent_instance;

  char                 *register_path;
  gboolean              demo;
  CkRegister           *reg;
  GSettings            *settings;
  GCancellable         *cancellable;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  CkUnlockPage         *unlock_page;
  GtkStack             *pages;
  CkOverviewPage       *overview_page;
  CkCasesPage          *cases_page;
  /* Made when first shown (ensure_page()): most days need only the two
   * pages above, and each page costs time and memory to build. */
  CkPatternsPage       *patterns_page;
  CkReflectionPage     *reflection_page;
  CkNationalPage       *national_page;
  CkSyncPage           *sync_page;
  AdwWindowTitle       *sidebar_title;
  GtkWidget            *demo_badge;
};

G_DEFINE_FINAL_TYPE (CkWindow, ck_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_REGISTER_PATH,
  PROP_DEMO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A sidebar entry whose page is made when first shown holds a plain
 * AdwBin until then (ck-window.ui); the pages are AdwBins of their own
 * kind. */
static gboolean
is_slot (GtkWidget *child)
{
  return G_OBJECT_TYPE (child) == ADW_TYPE_BIN;
}

/* Returns: (transfer none): the page of the sidebar entry @name, made
 * now if it was not yet; the register must be open. */
static GtkWidget *
ensure_page (CkWindow   *self,
             const char *name)
{
  AdwBin *slot = ADW_BIN (gtk_stack_get_child_by_name (self->pages, name));
  GtkWidget *page = adw_bin_get_child (slot);

  g_assert (self->reg != NULL);

  if (page != NULL)
    return page;

  if (g_str_equal (name, "patterns"))
    {
      self->patterns_page = g_object_new (CK_TYPE_PATTERNS_PAGE, NULL);
      ck_patterns_page_set_register (self->patterns_page, self->reg);
      page = GTK_WIDGET (self->patterns_page);
    }
  else if (g_str_equal (name, "reflection"))
    {
      self->reflection_page = g_object_new (CK_TYPE_REFLECTION_PAGE, NULL);
      ck_reflection_page_set_register (self->reflection_page, self->reg);
      page = GTK_WIDGET (self->reflection_page);
    }
  else if (g_str_equal (name, "national"))
    {
      self->national_page = g_object_new (CK_TYPE_NATIONAL_PAGE, NULL);
      ck_national_page_set_register (self->national_page, self->reg);
      page = GTK_WIDGET (self->national_page);
    }
  else if (g_str_equal (name, "sync"))
    {
      self->sync_page = g_object_new (CK_TYPE_SYNC_PAGE, NULL);
      ck_sync_page_set_register (self->sync_page, self->reg);
      page = GTK_WIDGET (self->sync_page);
    }
  else
    g_assert_not_reached ();

  adw_bin_set_child (slot, page);
  return page;
}

static void
visible_page_changed_cb (CkWindow *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->pages);
  GtkWidget *slot = gtk_stack_get_visible_child (self->pages);

  if (self->reg != NULL && slot != NULL && is_slot (slot))
    ensure_page (self, name);
}

static void
retention_applied_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(CkWindow) self = g_weak_ref_get (weak);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  CkRegister *reg = CK_REGISTER (object);
  guint n_cases = 0, n_sessions = 0;
  gboolean ok;

  g_weak_ref_clear (weak);
  g_free (weak);

  /* Finished even when the window went meanwhile: it emits "changed". */
  ok = ck_retention_apply_finish (reg, result, &n_cases, &n_sessions, &error);
  if (self == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;

  if (!ok)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  if (n_cases + n_sessions == 0)
    return;

  message = ck_retention_describe_erased (n_cases, n_sessions, ck_retention_get_years (reg));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
unlocked_cb (CkWindow     *self,
             CkRegister   *reg,
             CkUnlockPage *page)
{
  CkVocabulary *vocabulary = ck_vocabulary_get_default ();
  const char *unit = ck_register_get_unit (reg);
  g_autofree char *subtitle = NULL;

  g_set_object (&self->reg, reg);

  /* Translators: %s is the name of a police unit, e.g. "Amsterdam". */
  subtitle = g_strdup_printf (_("Unit %s"), ck_vocabulary_get_label (vocabulary, CK_VOCAB_UNITS, unit));
  adw_window_title_set_subtitle (self->sidebar_title, subtitle);

  ck_cases_page_set_register (self->cases_page, reg);
  ck_overview_page_set_register (self->overview_page, reg);
  gtk_stack_set_visible_child_name (self->stack, "main");

  /* The day starts with what needs attention. */
  gtk_stack_set_visible_child (self->pages, GTK_WIDGET (self->overview_page));
  gtk_widget_grab_focus (GTK_WIDGET (self->overview_page));

  /* Personal data past its retention term goes before anyone reads it
   * (DOMAIN.md, privacy rule 6); the pages follow through "changed". */
  {
    GWeakRef *weak = g_new0 (GWeakRef, 1);

    /* A weak reference: closing the window does not wait for the worker. */
    g_weak_ref_init (weak, self);
    ck_retention_apply_async (reg, self->cancellable, retention_applied_cb, weak);
  }

  /* Reading the register left freed memory in the worker's heap. */
  ck_memory_release_unused ();
}

static void
item_activated_cb (CkWindow              *self,
                   const CkAttentionItem *item,
                   CkOverviewPage        *page)
{
  switch (item->kind)
    {
    case CK_ATTENTION_CASE_STEP:
      ck_cases_page_open_case (self->cases_page, item->case_id);
      break;

    /* A follow-up action opens with the session that agreed on it. */
    case CK_ATTENTION_ACTION:
      gtk_stack_set_visible_child_name (self->pages, "reflection");
      ck_reflection_page_show_session (CK_REFLECTION_PAGE (ensure_page (self, "reflection")), item->session_id);
      break;

    default:
      break;
    }
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CkWindow *self = CK_WINDOW (widget);
  GtkWindow *preferences;

  if (self->reg == NULL)
    return;

  preferences = GTK_WINDOW (ck_preferences_window_new (self->reg));
  gtk_window_set_transient_for (preferences, GTK_WINDOW (self));
  gtk_window_present (preferences);
}

static void
new_case_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CkWindow *self = CK_WINDOW (widget);

  if (self->reg == NULL)
    return;

  gtk_stack_set_visible_child (self->pages, GTK_WIDGET (self->cases_page));
  ck_cases_page_new_case (self->cases_page);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CkWindow *self = CK_WINDOW (widget);

  if (self->reg == NULL)
    return;

  gtk_stack_set_visible_child (self->pages, GTK_WIDGET (self->cases_page));
  ck_cases_page_focus_search (self->cases_page);
}

/* Opens case "x" in the editor, from wherever a case was chosen (the
 * cases behind a chart, say). */
static void
open_case_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CkWindow *self = CK_WINDOW (widget);

  if (self->reg == NULL)
    return;

  ck_cases_page_open_case (self->cases_page, g_variant_get_int64 (parameter));
}

static void
sync_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CkWindow *self = CK_WINDOW (widget);

  if (self->reg == NULL)
    return;

  gtk_stack_set_visible_child_name (self->pages, "sync");
  ck_sync_page_run (CK_SYNC_PAGE (ensure_page (self, "sync")));
}

static gboolean
ck_window_close_request (GtkWindow *window)
{
  CkWindow *self = CK_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  /* Cases deleted in this session stop waiting for undo now. */
  if (self->reg != NULL)
    {
      ck_cases_page_finish_pending (self->cases_page);
      if (self->reflection_page != NULL)
        ck_reflection_page_finish_pending (self->reflection_page);
    }

  return GTK_WINDOW_CLASS (ck_window_parent_class)->close_request (window);
}

static void
ck_window_constructed (GObject *object)
{
  CkWindow *self = CK_WINDOW (object);

  G_OBJECT_CLASS (ck_window_parent_class)->constructed (object);

  if (self->demo)
    {
      /* Translators: the window title while the demo register is open. */
      gtk_window_set_title (GTK_WINDOW (self), _("Casuskamer — DEMO"));
      gtk_widget_set_visible (self->demo_badge, TRUE);
    }

  ck_unlock_page_start (self->unlock_page, self->register_path, self->demo);
}

static void
ck_window_dispose (GObject *object)
{
  CkWindow *self = (CkWindow *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CK_TYPE_WINDOW);

  G_OBJECT_CLASS (ck_window_parent_class)->dispose (object);
}

static void
ck_window_finalize (GObject *object)
{
  CkWindow *self = (CkWindow *)object;

  g_clear_object (&self->reg);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_free (self->register_path);

  G_OBJECT_CLASS (ck_window_parent_class)->finalize (object);
}

static void
ck_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CkWindow *self = CK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_REGISTER_PATH:
      self->register_path = g_value_dup_string (value);
      break;

    case PROP_DEMO:
      self->demo = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ck_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CkWindow *self = CK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_REGISTER_PATH:
      g_value_set_string (value, self->register_path);
      break;

    case PROP_DEMO:
      g_value_set_boolean (value, self->demo);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ck_window_class_init (CkWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = ck_window_constructed;
  object_class->dispose = ck_window_dispose;
  object_class->finalize = ck_window_finalize;
  object_class->set_property = ck_window_set_property;
  object_class->get_property = ck_window_get_property;
  window_class->close_request = ck_window_close_request;

  properties[PROP_REGISTER_PATH] =
    g_param_spec_string ("register-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CK_TYPE_CASES_PAGE);
  g_type_ensure (CK_TYPE_OVERVIEW_PAGE);
  g_type_ensure (CK_TYPE_UNLOCK_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ck-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CkWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CkWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CkWindow, unlock_page);
  gtk_widget_class_bind_template_child (widget_class, CkWindow, pages);
  gtk_widget_class_bind_template_child (widget_class, CkWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, CkWindow, cases_page);
  gtk_widget_class_bind_template_child (widget_class, CkWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, CkWindow, demo_badge);
  gtk_widget_class_bind_template_callback (widget_class, unlocked_cb);
  gtk_widget_class_bind_template_callback (widget_class, item_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.new-case", NULL, new_case_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.preferences", NULL);
  gtk_widget_class_install_action (widget_class, "win.open-case", "x", open_case_action);
  gtk_widget_class_install_action (widget_class, "win.sync", NULL, sync_action);
}

static void
ck_window_init (CkWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->pages, "notify::visible-child",
                           G_CALLBACK (visible_page_changed_cb), self, G_CONNECT_SWAPPED);

  self->settings = g_settings_new (APP_ID);
  self->cancellable = g_cancellable_new ();
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

/**
 * ck_window_new:
 * @register_path: the register to open, or create when it does not exist
 * @demo: @register_path is the demo register: make and open it without
 *   asking for a passphrase
 */
CkWindow *
ck_window_new (CkApplication *application,
               const char    *register_path,
               gboolean       demo)
{
  return g_object_new (CK_TYPE_WINDOW,
                       "application", application,
                       "register-path", register_path,
                       "demo", demo,
                       NULL);
}

/* Returns: (transfer none) (nullable): the open register, once unlocked */
CkRegister *
ck_window_get_register (CkWindow *self)
{
  g_return_val_if_fail (CK_IS_WINDOW (self), NULL);

  return self->reg;
}

/**
 * ck_window_get_page:
 * @name: a page of the sidebar: "overview", "cases", "patterns",
 *   "reflection", "national" or "sync"
 *
 * Returns: (transfer none) (nullable): the page, made now if it was not
 *   yet; %NULL while the register is locked
 */
GtkWidget *
ck_window_get_page (CkWindow   *self,
                    const char *name)
{
  GtkWidget *child;

  g_return_val_if_fail (CK_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (self->reg == NULL)
    return NULL;

  child = gtk_stack_get_child_by_name (self->pages, name);
  g_return_val_if_fail (child != NULL, NULL);

  return is_slot (child) ? ensure_page (self, name) : child;
}
