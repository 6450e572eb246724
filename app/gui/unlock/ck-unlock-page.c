/* ck-unlock-page.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ck-crypto.h"
#include "ck-demo.h"
#include "ck-error.h"
#include "ck-keyring.h"
#include "ck-register.h"
#include "ck-unlock-page.h"
#include "ck-vocabulary.h"

/* What stands between starting the application and the register: choosing
 * a passphrase for a new register, entering it for an existing one, or
 * waiting while the demo register is made. Emits ::unlocked with the open
 * register. */
struct _CkUnlockPage
{
  AdwBin                parent_instance;

  char                 *path;
  CkRegister           *reg;
  GCancellable         *cancellable;
  GSettings            *settings;

  GtkStack             *stack;
  AdwComboRow          *unit_row;
  AdwPasswordEntryRow  *new_passphrase_row;
  AdwPasswordEntryRow  *repeat_row;
  GtkLabel             *create_error;
  GtkButton            *create_button;
  AdwPasswordEntryRow  *passphrase_row;
  GtkSwitch            *remember_switch;
  GtkLabel             *unlock_error;
  GtkButton            *unlock_button;
  AdwStatusPage        *working_page;
  AdwStatusPage        *failed_page;
};

G_DEFINE_FINAL_TYPE (CkUnlockPage, ck_unlock_page, ADW_TYPE_BIN)

enum {
  UNLOCKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_working (CkUnlockPage *self,
              const char   *title)
{
  adw_status_page_set_title (self->working_page, title);
  gtk_stack_set_visible_child_name (self->stack, "working");
}

static void
show_failed (CkUnlockPage *self,
             const GError *error)
{
  adw_status_page_set_description (self->failed_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "failed");
}

static void
finish (CkUnlockPage *self,
        CkRegister   *reg)
{
  g_signal_emit (self, signals[UNLOCKED], 0, reg);
}

static void
set_busy (CkUnlockPage *self,
          GtkButton    *button,
          gboolean      busy)
{
  gtk_widget_set_sensitive (GTK_WIDGET (button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->passphrase_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->new_passphrase_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->repeat_row), !busy);
}

/* Creating a new register */

static void
create_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CkUnlockPage *self = source_object;
  char **args = task_data;
  g_autoptr(GError) error = NULL;
  CkRegister *reg = ck_register_create (self->path, args[0], args[1], &error);

  if (reg == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, reg, g_object_unref);
}

static void
create_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  CkUnlockPage *self = CK_UNLOCK_PAGE (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(CkRegister) reg = g_task_propagate_pointer (G_TASK (result), &error);

  set_busy (self, self->create_button, FALSE);
  if (reg == NULL)
    {
      gtk_label_set_text (self->create_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->create_error), TRUE);
      return;
    }

  finish (self, reg);
}

static void
create_clicked_cb (CkUnlockPage *self)
{
  GPtrArray *units = ck_vocabulary_get_terms (ck_vocabulary_get_default (), CK_VOCAB_UNITS);
  const CkTerm *unit = g_ptr_array_index (units, adw_combo_row_get_selected (self->unit_row));
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->new_passphrase_row));
  const char *repeat = gtk_editable_get_text (GTK_EDITABLE (self->repeat_row));
  g_autoptr(GTask) task = NULL;
  char **args;

  if (g_utf8_strlen (passphrase, -1) < 8)
    {
      gtk_label_set_text (self->create_error, _("Choose a passphrase of at least 8 characters"));
      gtk_widget_set_visible (GTK_WIDGET (self->create_error), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->new_passphrase_row));
      return;
    }

  if (!g_str_equal (passphrase, repeat))
    {
      gtk_label_set_text (self->create_error, _("The two passphrases are not the same"));
      gtk_widget_set_visible (GTK_WIDGET (self->create_error), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->repeat_row));
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->create_error), FALSE);
  set_busy (self, self->create_button, TRUE);

  args = g_new0 (char *, 3);
  args[0] = g_strdup (unit->code);
  args[1] = g_strdup (passphrase);
  task = g_task_new (self, self->cancellable, create_done, NULL);
  g_task_set_task_data (task, args, (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, create_thread);
}

/* Unlocking an existing register */

static void
remember_key (CkUnlockPage *self)
{
  g_autoptr(CkSecretKey) key = ck_register_dup_key (self->reg);
  gboolean remember = gtk_switch_get_active (self->remember_switch);

  g_settings_set_boolean (self->settings, "remember-key", remember);

  /* Failures only mean the passphrase is asked again next time. */
  if (remember && key != NULL)
    ck_keyring_store_async (ck_register_get_id (self->reg), key, NULL, NULL, NULL);
  else if (!remember)
    ck_keyring_forget_async (ck_register_get_id (self->reg), NULL, NULL, NULL);
}

static void
unlock_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CkUnlockPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  set_busy (self, self->unlock_button, FALSE);

  if (!ck_register_unlock_finish (CK_REGISTER (object), result, &error))
    {
      gtk_label_set_text (self->unlock_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->unlock_error), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->passphrase_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
      return;
    }

  remember_key (self);
  finish (self, self->reg);
}

static void
unlock_clicked_cb (CkUnlockPage *self)
{
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));

  if (*passphrase == '\0' || !gtk_widget_get_sensitive (GTK_WIDGET (self->unlock_button)))
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->unlock_error), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->passphrase_row), "error");
  set_busy (self, self->unlock_button, TRUE);
  ck_register_unlock_async (self->reg, passphrase, self->cancellable, unlock_done, g_object_ref (self));
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
}

static void
keyring_lookup_done (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CkUnlockPage) self = user_data;
  g_autoptr(CkSecretKey) key = NULL;
  g_autoptr(GError) error = NULL;

  key = ck_keyring_lookup_finish (result, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  if (key != NULL && ck_register_unlock_with_key (self->reg, key, NULL))
    {
      finish (self, self->reg);
      return;
    }

  /* No keyring, or no key in it: ask as usual. */
  gtk_stack_set_visible_child_name (self->stack, "unlock");
  gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
}

static void
start_unlock (CkUnlockPage *self)
{
  g_autoptr(GError) error = NULL;

  self->reg = ck_register_open (self->path, &error);
  if (self->reg == NULL)
    {
      show_failed (self, error);
      return;
    }

  gtk_switch_set_active (self->remember_switch, g_settings_get_boolean (self->settings, "remember-key"));
  if (g_settings_get_boolean (self->settings, "remember-key"))
    {
      show_working (self, _("Opening the register…"));
      ck_keyring_lookup_async (ck_register_get_id (self->reg), self->cancellable,
                               keyring_lookup_done, g_object_ref (self));
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "unlock");
  gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
}

/* The demo register */

static void
demo_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CkUnlockPage *self = source_object;
  g_autoptr(GError) error = NULL;
  CkRegister *reg = ck_demo_open_register (self->path, &error);

  if (reg == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, reg, g_object_unref);
}

static void
demo_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  CkUnlockPage *self = CK_UNLOCK_PAGE (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(CkRegister) reg = g_task_propagate_pointer (G_TASK (result), &error);

  if (reg == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_failed (self, error);
      return;
    }

  finish (self, reg);
}

/**
 * ck_unlock_page_start:
 * @register_path: the register file
 * @demo: whether it is the demo register
 *
 * Shows what fits: the demo being prepared, a new register to set up when
 * nothing exists at @register_path, or the passphrase prompt.
 */
void
ck_unlock_page_start (CkUnlockPage *self,
                      const char   *register_path,
                      gboolean      demo)
{
  g_return_if_fail (CK_IS_UNLOCK_PAGE (self));

  g_free (self->path);
  self->path = g_strdup (register_path);

  if (demo)
    {
      g_autoptr(GTask) task = g_task_new (self, self->cancellable, demo_done, NULL);

      show_working (self, _("Preparing the demo register…"));
      g_task_run_in_thread (task, demo_thread);
    }
  else if (!g_file_test (register_path, G_FILE_TEST_EXISTS))
    {
      gtk_stack_set_visible_child_name (self->stack, "create");
      gtk_widget_grab_focus (GTK_WIDGET (self->new_passphrase_row));
    }
  else
    start_unlock (self);
}

static void
ck_unlock_page_dispose (GObject *object)
{
  CkUnlockPage *self = (CkUnlockPage *)object;

  g_cancellable_cancel (self->cancellable);
  /* No gtk_widget_dispose_template(): the template's only child is the
   * AdwBin's child, and AdwBin unparents it itself (libadwaita 1.2). */

  G_OBJECT_CLASS (ck_unlock_page_parent_class)->dispose (object);
}

static void
ck_unlock_page_finalize (GObject *object)
{
  CkUnlockPage *self = (CkUnlockPage *)object;

  g_clear_object (&self->reg);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_free (self->path);

  G_OBJECT_CLASS (ck_unlock_page_parent_class)->finalize (object);
}

static void
ck_unlock_page_class_init (CkUnlockPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ck_unlock_page_dispose;
  object_class->finalize = ck_unlock_page_finalize;

  /**
   * CkUnlockPage::unlocked:
   * @register: the open, unlocked register
   */
  signals[UNLOCKED] =
    g_signal_new ("unlocked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CK_TYPE_REGISTER);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ck-unlock-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CkUnlockPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CkUnlockPage, unit_row);
  gtk_widget_class_bind_template_child (widget_class, CkUnlockPage, new_passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, CkUnlockPage, repeat_row);
  gtk_widget_class_bind_template_child (widget_class, CkUnlockPage, create_error);
  gtk_widget_class_bind_template_child (widget_class, CkUnlockPage, create_button);
  gtk_widget_class_bind_template_child (widget_class, CkUnlockPage, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, CkUnlockPage, remember_switch);
  gtk_widget_class_bind_template_child (widget_class, CkUnlockPage, unlock_error);
  gtk_widget_class_bind_template_child (widget_class, CkUnlockPage, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, CkUnlockPage, working_page);
  gtk_widget_class_bind_template_child (widget_class, CkUnlockPage, failed_page);
  /* The spinner turns only while it is seen: a turning spinner has the
   * window redo its layout sixty times a second, shown or not. */
  gtk_widget_class_bind_template_callback_full (widget_class, "gtk_spinner_start", G_CALLBACK (gtk_spinner_start));
  gtk_widget_class_bind_template_callback_full (widget_class, "gtk_spinner_stop", G_CALLBACK (gtk_spinner_stop));
  gtk_widget_class_bind_template_callback (widget_class, create_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, unlock_clicked_cb);
}

static void
ck_unlock_page_init (CkUnlockPage *self)
{
  GPtrArray *units = ck_vocabulary_get_terms (ck_vocabulary_get_default (), CK_VOCAB_UNITS);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);

  for (guint i = 0; i < units->len; i++)
    gtk_string_list_append (names, ((CkTerm *) units->pdata[i])->label);
  adw_combo_row_set_model (self->unit_row, G_LIST_MODEL (names));
}
