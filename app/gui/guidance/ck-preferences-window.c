/* ck-preferences-window.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ck-guidance.h"
#include "ck-preferences-window.h"
#include "ck-register.h"
#include "ck-retention.h"

struct _CkPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  CkRegister           *reg;
  GtkSpinButton        *buttons[CK_N_DEADLINES];
  CkDeadlines           before_restore;
  guint                 save_source;

  AdwPreferencesGroup  *deadlines_group;
  GtkSpinButton        *retention_button;
  GtkLabel             *retention_unit;
  guint                 retention_source;
};

G_DEFINE_FINAL_TYPE (CkPreferencesWindow, ck_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Typing "14" is two changes: save once the typing stops. */
#define SAVE_DELAY_MS 400

static void
show_deadlines (CkPreferencesWindow *self,
                const CkDeadlines   *deadlines)
{
  for (guint i = 0; i < CK_N_DEADLINES; i++)
    gtk_spin_button_set_value (self->buttons[i], deadlines->value[i]);
}

static void
read_deadlines (CkPreferencesWindow *self,
                CkDeadlines         *deadlines)
{
  for (guint i = 0; i < CK_N_DEADLINES; i++)
    deadlines->value[i] = gtk_spin_button_get_value_as_int (self->buttons[i]);
}

static void
save (CkPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  CkDeadlines deadlines;

  g_clear_handle_id (&self->save_source, g_source_remove);
  read_deadlines (self, &deadlines);
  if (!ck_guidance_set_deadlines (self->reg, &deadlines, &error))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
}

static gboolean
save_later_cb (gpointer user_data)
{
  CkPreferencesWindow *self = user_data;

  self->save_source = 0;
  save (self);
  return G_SOURCE_REMOVE;
}

static void
value_changed_cb (CkPreferencesWindow *self)
{
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_later_cb, self);
}

static void
save_retention (CkPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->retention_source, g_source_remove);
  if (!ck_retention_set_years (self->reg, gtk_spin_button_get_value_as_int (self->retention_button), &error))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
}

static gboolean
save_retention_later_cb (gpointer user_data)
{
  CkPreferencesWindow *self = user_data;

  self->retention_source = 0;
  save_retention (self);
  return G_SOURCE_REMOVE;
}

static void
show_retention_unit (CkPreferencesWindow *self)
{
  int years = gtk_spin_button_get_value_as_int (self->retention_button);

  gtk_label_set_text (self->retention_unit, g_dngettext (GETTEXT_PACKAGE, "year", "years", years));
}

/* Typing "12" passes through 1: nothing is erased before the register is
 * next opened, and the value is saved once the typing stops. */
static void
retention_changed_cb (CkPreferencesWindow *self)
{
  show_retention_unit (self);
  g_clear_handle_id (&self->retention_source, g_source_remove);
  self->retention_source = g_timeout_add (SAVE_DELAY_MS, save_retention_later_cb, self);
}

static void
undo_restore_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CkPreferencesWindow *self = CK_PREFERENCES_WINDOW (widget);

  show_deadlines (self, &self->before_restore);
  save (self);
}

static void
restore_defaults_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CkPreferencesWindow *self = CK_PREFERENCES_WINDOW (widget);
  CkDeadlines defaults;
  AdwToast *toast;

  read_deadlines (self, &self->before_restore);
  ck_guidance_get_default_deadlines (ck_guidance_get_default (), &defaults);
  show_deadlines (self, &defaults);
  save (self);

  toast = adw_toast_new (_("The guidance’s deadlines are back"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "preferences.undo-restore");
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

static void
build_rows (CkPreferencesWindow *self)
{
  CkGuidance *guidance = ck_guidance_get_default ();

  for (guint i = 0; i < CK_N_DEADLINES; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *unit = gtk_label_new (ck_deadline_is_in_months (i) ? _("months") : _("days"));
      GtkWidget *button;
      int min, max;

      ck_guidance_get_deadline_range (guidance, i, &min, &max);
      button = gtk_spin_button_new_with_range (min, max, 1);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (button), TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      ck_guidance_get_deadline_title (guidance, i), -1);
      gtk_widget_add_css_class (unit, "dim-label");
      gtk_label_set_width_chars (GTK_LABEL (unit), 7);
      gtk_label_set_xalign (GTK_LABEL (unit), 0);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ck_guidance_get_deadline_title (guidance, i));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), ck_guidance_get_deadline_description (guidance, i));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), unit);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (self->deadlines_group, row);

      self->buttons[i] = GTK_SPIN_BUTTON (button);
    }
}

static void
ck_preferences_window_dispose (GObject *object)
{
  CkPreferencesWindow *self = (CkPreferencesWindow *)object;

  /* A change typed just before closing is kept. */
  if (self->save_source != 0)
    save (self);
  if (self->retention_source != 0)
    save_retention (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CK_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (ck_preferences_window_parent_class)->dispose (object);
}

static void
ck_preferences_window_finalize (GObject *object)
{
  CkPreferencesWindow *self = (CkPreferencesWindow *)object;

  g_clear_object (&self->reg);

  G_OBJECT_CLASS (ck_preferences_window_parent_class)->finalize (object);
}

static void
ck_preferences_window_class_init (CkPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ck_preferences_window_dispose;
  object_class->finalize = ck_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ck-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CkPreferencesWindow, deadlines_group);
  gtk_widget_class_bind_template_child (widget_class, CkPreferencesWindow, retention_button);
  gtk_widget_class_bind_template_child (widget_class, CkPreferencesWindow, retention_unit);

  gtk_widget_class_install_action (widget_class, "preferences.restore-defaults", NULL, restore_defaults_action);
  gtk_widget_class_install_action (widget_class, "preferences.undo-restore", NULL, undo_restore_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ck_preferences_window_init (CkPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  build_rows (self);
}

/**
 * ck_preferences_window_new:
 *
 * Shows @reg's deadlines and retention term; each change is saved in @reg.
 */
CkPreferencesWindow *
ck_preferences_window_new (CkRegister *reg)
{
  CkPreferencesWindow *self = g_object_new (CK_TYPE_PREFERENCES_WINDOW, NULL);
  CkDeadlines deadlines;

  self->reg = g_object_ref (reg);
  ck_guidance_get_deadlines (reg, &deadlines);
  show_deadlines (self, &deadlines);
  gtk_spin_button_set_value (self->retention_button, ck_retention_get_years (reg));
  show_retention_unit (self);

  /* Connected once the stored values are shown: showing them saves nothing. */
  for (guint i = 0; i < CK_N_DEADLINES; i++)
    g_signal_connect_object (self->buttons[i], "value-changed", G_CALLBACK (value_changed_cb), self,
                             G_CONNECT_SWAPPED);
  g_signal_connect_object (self->retention_button, "value-changed", G_CALLBACK (retention_changed_cb), self,
                           G_CONNECT_SWAPPED);

  return self;
}

/* Returns: (transfer none): the button of @deadline; for tests */
GtkSpinButton *
ck_preferences_window_get_deadline_button (CkPreferencesWindow *self,
                                           CkDeadline           deadline)
{
  g_return_val_if_fail (CK_IS_PREFERENCES_WINDOW (self) && deadline < CK_N_DEADLINES, NULL);

  return self->buttons[deadline];
}

/* Returns: (transfer none): the button of the retention term; for tests */
GtkSpinButton *
ck_preferences_window_get_retention_button (CkPreferencesWindow *self)
{
  g_return_val_if_fail (CK_IS_PREFERENCES_WINDOW (self), NULL);

  return self->retention_button;
}
