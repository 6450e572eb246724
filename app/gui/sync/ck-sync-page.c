/* ck-sync-page.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ck-error.h"
#include "ck-register.h"
#include "ck-sync.h"
#include "ck-sync-page.h"
#include "ck-vocabulary.h"

struct _CkSyncPage
{
  AdwBin               parent_instance;

  CkRegister          *reg;
  CkSync              *sync;
  GCancellable        *cancellable;
  GPtrArray           *result_rows;
  GPtrArray           *key_rows;
  char                *own_key;
  char                *last_error;

  AdwToastOverlay     *toast_overlay;
  AdwEntryRow         *remote_row;
  GtkSpinButton       *k_spin;
  AdwEntryRow         *ssh_key_row;
  AdwEntryRow         *known_hosts_row;
  AdwPasswordEntryRow *token_row;
  GtkWidget           *sync_button;
  GtkWidget           *progress_box;
  GtkProgressBar      *progress_bar;
  AdwPreferencesGroup *result_group;
  AdwPreferencesGroup *keys_group;
  AdwActionRow        *own_key_row;
  AdwEntryRow         *enrol_row;
};

G_DEFINE_FINAL_TYPE (CkSyncPage, ck_sync_page, ADW_TYPE_BIN)

static void
toast (CkSyncPage *self,
       const char *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, rows->pdata[i]);
  g_ptr_array_set_size (rows, 0);
}

static GtkWidget *
add_row (CkSyncPage *self,
         GtkWidget  *parent,
         const char *title,
         const char *subtitle,
         const char *icon)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  if (icon != NULL)
    adw_action_row_set_icon_name (ADW_ACTION_ROW (row), icon);

  if (ADW_IS_EXPANDER_ROW (parent))
    adw_expander_row_add_row (ADW_EXPANDER_ROW (parent), row);
  else
    {
      adw_preferences_group_add (self->result_group, row);
      g_ptr_array_add (self->result_rows, row);
    }

  return row;
}

static GtkWidget *
add_expander (CkSyncPage *self,
              const char *title,
              const char *subtitle)
{
  GtkWidget *row = adw_expander_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  adw_preferences_group_add (self->result_group, row);
  g_ptr_array_add (self->result_rows, row);
  return row;
}

static void
show_publish (CkSyncPage         *self,
              const CkSyncResult *result)
{
  g_autofree char *published = NULL;
  g_autofree char *shared = NULL;

  if (result->published)
    /* Translators: what the last publish wrote */
    published = g_strdup_printf (_("%u records written, %u retracted, %u lessons"),
                                 result->n_written, result->n_retracted, result->n_lessons);
  else
    published = g_strdup (_("Nothing had changed since the last publish"));
  add_row (self, NULL, _("Published"), published, "send-to-symbolic");

  shared = g_strdup_printf (_("%u records shared, %u of them generalised; %u held back (smallest group %u)"),
                            result->n_active, result->n_generalised, result->n_held_back, result->k);
  add_row (self, NULL, _("This unit’s records"), shared, "view-list-symbolic");

  if (result->privacy_notes->len > 0 || result->held_lessons->len > 0)
    {
      /* Translators: "739 generalised, 734 held back" */
      g_autofree char *count = g_strdup_printf (_("%u generalised, %u held back"),
                                                result->n_generalised, result->n_held_back);
      GtkWidget *expander = add_expander (self, _("Generalised and held back"), count);

      for (guint i = 0; i < result->privacy_notes->len; i++)
        {
          g_autofree char *note = ck_privacy_note_format (result->privacy_notes->pdata[i], result->k);

          add_row (self, expander, note, NULL, NULL);
        }
      for (guint i = 0; i < result->held_lessons->len; i++)
        add_row (self, expander, result->held_lessons->pdata[i], NULL, "dialog-warning-symbolic");
    }
}

static void
show_import (CkSyncPage         *self,
             const CkSyncResult *result)
{
  CkVocabulary *vocabulary = ck_vocabulary_get_default ();
  g_autoptr(GPtrArray) quarantine = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *total = NULL;
  GtkWidget *expander;

  total = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record in", "%u records in",
                                        ck_sync_result_count_imported (result)),
                           ck_sync_result_count_imported (result));
  expander = add_expander (self, _("Imported"), total);
  if (result->imports->len == 0)
    add_row (self, expander, _("Nothing new from other units"), NULL, NULL);
  for (guint i = 0; i < result->imports->len; i++)
    {
      const CkImportCount *count = result->imports->pdata[i];
      g_autofree char *title = g_strdup_printf ("%s — %s", count->unit,
                                                ck_vocabulary_get_label (vocabulary, CK_VOCAB_UNITS, count->unit));
      g_autofree char *text = g_strdup_printf (_("%u records in, %u retracted, %u lessons"),
                                               count->records, count->removed, count->lessons);

      add_row (self, expander, title, text, NULL);
    }
  if (result->imports->len > 0)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);

  for (guint i = 0; i < result->skipped_refs->len; i++)
    add_row (self, NULL, _("Not imported"), result->skipped_refs->pdata[i], "dialog-information-symbolic");

  quarantine = ck_sync_list_quarantine (self->sync, &error);
  if (quarantine != NULL && quarantine->len > 0)
    {
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file", "%u files", quarantine->len),
                                                quarantine->len);

      expander = add_expander (self, _("Refused files"), count);
      adw_expander_row_set_icon_name (ADW_EXPANDER_ROW (expander), "dialog-warning-symbolic");
      for (guint i = 0; i < quarantine->len; i++)
        {
          const CkQuarantineEntry *entry = quarantine->pdata[i];

          add_row (self, expander, entry->path[0] != '\0' ? entry->path : entry->ref, entry->reason, NULL);
        }
    }
}

static void
show_result (CkSyncPage         *self,
             const CkSyncResult *result)
{
  clear_rows (self->result_group, self->result_rows);

  if (self->last_error != NULL)
    add_row (self, NULL, _("The last attempt failed"), self->last_error, "dialog-error-symbolic");

  if (result == NULL)
    {
      if (self->last_error == NULL)
        add_row (self, NULL, _("Not synchronised yet"),
                 _("Set the shared repository above, then publish and fetch."), NULL);
      adw_preferences_group_set_description (self->result_group, NULL);
      return;
    }

  {
    g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (result->finished_at);
    g_autofree char *time = g_date_time_format (when, "%x %X");
    g_autofree char *description = g_strdup_printf (_("%s, with %s"), time, result->remote);

    adw_preferences_group_set_description (self->result_group, description);
  }

  if (result->publish_done)
    show_publish (self, result);
  if (result->import_done)
    show_import (self, result);
}

static void
withdraw_undo_cb (AdwToast   *toast_,
                  CkSyncPage *self)
{
  const char *key = g_object_get_data (G_OBJECT (toast_), "key");
  g_autoptr(GError) error = NULL;

  if (!ck_sync_enrol_key (self->sync, key, &error))
    toast (self, error->message);
}

static void
withdraw_clicked_cb (GtkButton  *button,
                     CkSyncPage *self)
{
  const char *replica = g_object_get_data (G_OBJECT (button), "replica");
  const char *key = g_object_get_data (G_OBJECT (button), "key");
  g_autoptr(GError) error = NULL;
  AdwToast *undo;

  if (!ck_sync_withdraw_key (self->sync, replica, &error))
    {
      toast (self, error->message);
      return;
    }

  undo = adw_toast_new (_("Key withdrawn and its records removed; undo enrols it again, and the records come back at the next fetch"));
  adw_toast_set_button_label (undo, _("_Undo"));
  g_object_set_data_full (G_OBJECT (undo), "key", g_strdup (key), g_free);
  g_signal_connect_object (undo, "button-clicked", G_CALLBACK (withdraw_undo_cb), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, undo);
}

static void
load_keys (CkSyncPage *self)
{
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;

  clear_rows (self->keys_group, self->key_rows);

  g_clear_pointer (&self->own_key, g_free);
  self->own_key = ck_sync_dup_own_key (self->sync, &error);
  adw_action_row_set_subtitle (self->own_key_row, self->own_key != NULL ? self->own_key : error->message);
  g_clear_error (&error);

  keys = ck_sync_list_keys (self->sync, &error);
  for (guint i = 0; keys != NULL && i < keys->len; i++)
    {
      const CkEnrolledKey *key = keys->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *title = g_strdup_printf (_("%s, replica %.8s…"), key->unit, key->replica);
      g_autofree char *text = g_strdup_printf ("%s:%s:%s", key->unit, key->replica, key->public_key);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), key->public_key);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Withdraw the Key"));
      g_object_set_data_full (G_OBJECT (button), "replica", g_strdup (key->replica), g_free);
      g_object_set_data_full (G_OBJECT (button), "key", g_strdup (text), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (withdraw_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (self->keys_group, row);
      g_ptr_array_add (self->key_rows, row);
    }
}

static void
load_settings (CkSyncPage *self)
{
  g_autofree char *remote = ck_sync_dup_remote (self->sync);
  g_autofree char *ssh_key = ck_sync_dup_setting (self->sync, CK_SYNC_SETTING_SSH_KEY);
  g_autofree char *known_hosts = ck_sync_dup_setting (self->sync, CK_SYNC_SETTING_KNOWN_HOSTS);
  g_autoptr(CkSyncResult) result = NULL;

  gtk_editable_set_text (GTK_EDITABLE (self->remote_row), remote != NULL ? remote : "");
  gtk_editable_set_text (GTK_EDITABLE (self->ssh_key_row), ssh_key != NULL ? ssh_key : "");
  gtk_editable_set_text (GTK_EDITABLE (self->known_hosts_row), known_hosts != NULL ? known_hosts : "");
  g_signal_handlers_block_matched (self->k_spin, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_spin_button_set_value (self->k_spin, ck_sync_get_k (self->sync));
  g_signal_handlers_unblock_matched (self->k_spin, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);

  result = ck_sync_load_last_result (self->sync);
  show_result (self, result);
  load_keys (self);
}

static void
remote_applied_cb (CkSyncPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!ck_sync_set_remote (self->sync, gtk_editable_get_text (GTK_EDITABLE (self->remote_row)), &error))
    toast (self, error->message);
  else
    {
      g_autofree char *remote = ck_sync_dup_remote (self->sync);

      gtk_editable_set_text (GTK_EDITABLE (self->remote_row), remote);
    }
}

static void
k_changed_cb (CkSyncPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->sync != NULL &&
      !ck_sync_set_k (self->sync, gtk_spin_button_get_value_as_int (self->k_spin), &error))
    toast (self, error->message);
}

static void
setting_applied (CkSyncPage  *self,
                 AdwEntryRow *row,
                 const char  *name)
{
  g_autoptr(GError) error = NULL;

  if (!ck_sync_set_setting (self->sync, name, gtk_editable_get_text (GTK_EDITABLE (row)), &error))
    toast (self, error->message);
}

static void
ssh_key_applied_cb (CkSyncPage *self)
{
  setting_applied (self, self->ssh_key_row, CK_SYNC_SETTING_SSH_KEY);
}

static void
known_hosts_applied_cb (CkSyncPage *self)
{
  setting_applied (self, self->known_hosts_row, CK_SYNC_SETTING_KNOWN_HOSTS);
}

static void
token_saved_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CkSyncPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ck_sync_save_token_finish (CK_SYNC (object), result, &error))
    toast (self, error->message);
  else
    toast (self, _("The token is kept in the keyring"));
}

static void
token_applied_cb (CkSyncPage *self)
{
  ck_sync_save_token_async (self->sync, gtk_editable_get_text (GTK_EDITABLE (self->token_row)),
                            NULL, token_saved_cb, g_object_ref (self));
  gtk_editable_set_text (GTK_EDITABLE (self->token_row), "");
}

static void
enrol_applied_cb (CkSyncPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!ck_sync_enrol_key (self->sync, gtk_editable_get_text (GTK_EDITABLE (self->enrol_row)), &error))
    {
      toast (self, error->message);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->enrol_row), "");
  toast (self, _("Key enrolled; its records come in at the next fetch"));
  load_keys (self);
}

static void
set_running (CkSyncPage *self,
             gboolean    running)
{
  gtk_widget_set_visible (self->progress_box, running);
  gtk_widget_set_sensitive (self->sync_button, !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sync.run", !running && self->sync != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sync.cancel", running);
}

static void
progress_cb (CkSync     *sync,
             double      fraction,
             const char *text,
             CkSyncPage *self)
{
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CkSyncPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CkSyncResult) sync_result = ck_sync_run_finish (CK_SYNC (object), result, &error);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->last_error, g_free);
  set_running (self, FALSE);

  if (sync_result == NULL)
    {
      g_autoptr(CkSyncResult) last = ck_sync_load_last_result (self->sync);

      if (!g_error_matches (error, CK_ERROR, CK_ERROR_CANCELLED))
        self->last_error = g_strdup (error->message);
      toast (self, error->message);
      show_result (self, last);
      return;
    }

  show_result (self, sync_result);
  load_keys (self);
  toast (self, _("Synchronised"));
}

/* Starts "Publish and Fetch" unless it is running. */
void
ck_sync_page_run (CkSyncPage *self)
{
  g_return_if_fail (CK_IS_SYNC_PAGE (self));

  if (self->sync == NULL || ck_sync_is_running (self->sync))
    return;

  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _("Starting"));
  set_running (self, TRUE);
  ck_sync_run_async (self->sync, CK_SYNC_BOTH, self->cancellable, run_done_cb, g_object_ref (self));
}

gboolean
ck_sync_page_is_running (CkSyncPage *self)
{
  g_return_val_if_fail (CK_IS_SYNC_PAGE (self), FALSE);

  return self->sync != NULL && ck_sync_is_running (self->sync);
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  ck_sync_page_run (CK_SYNC_PAGE (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CkSyncPage *self = CK_SYNC_PAGE (widget);

  g_cancellable_cancel (self->cancellable);
  gtk_progress_bar_set_text (self->progress_bar, _("Cancelling…"));
}

static void
copy_key_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CkSyncPage *self = CK_SYNC_PAGE (widget);

  if (self->own_key == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->own_key);
  toast (self, _("Key copied"));
}

static void
ck_sync_page_dispose (GObject *object)
{
  CkSyncPage *self = (CkSyncPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* No gtk_widget_dispose_template(): the template's only child is the
   * AdwBin's child, and AdwBin unparents it itself (libadwaita 1.2). */
  g_clear_object (&self->sync);
  g_clear_object (&self->reg);

  G_OBJECT_CLASS (ck_sync_page_parent_class)->dispose (object);
}

static void
ck_sync_page_finalize (GObject *object)
{
  CkSyncPage *self = (CkSyncPage *)object;

  g_ptr_array_unref (self->result_rows);
  g_ptr_array_unref (self->key_rows);
  g_free (self->own_key);
  g_free (self->last_error);

  G_OBJECT_CLASS (ck_sync_page_parent_class)->finalize (object);
}

static void
ck_sync_page_class_init (CkSyncPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ck_sync_page_dispose;
  object_class->finalize = ck_sync_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ck-sync-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CkSyncPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CkSyncPage, remote_row);
  gtk_widget_class_bind_template_child (widget_class, CkSyncPage, k_spin);
  gtk_widget_class_bind_template_child (widget_class, CkSyncPage, ssh_key_row);
  gtk_widget_class_bind_template_child (widget_class, CkSyncPage, known_hosts_row);
  gtk_widget_class_bind_template_child (widget_class, CkSyncPage, token_row);
  gtk_widget_class_bind_template_child (widget_class, CkSyncPage, sync_button);
  gtk_widget_class_bind_template_child (widget_class, CkSyncPage, progress_box);
  gtk_widget_class_bind_template_child (widget_class, CkSyncPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CkSyncPage, result_group);
  gtk_widget_class_bind_template_child (widget_class, CkSyncPage, keys_group);
  gtk_widget_class_bind_template_child (widget_class, CkSyncPage, own_key_row);
  gtk_widget_class_bind_template_child (widget_class, CkSyncPage, enrol_row);
  gtk_widget_class_bind_template_callback (widget_class, remote_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, k_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, ssh_key_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, known_hosts_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, token_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, enrol_applied_cb);

  gtk_widget_class_install_action (widget_class, "sync.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "sync.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "sync.copy-key", NULL, copy_key_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "sync.run", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "sync.cancel", NULL);
}

static void
ck_sync_page_init (CkSyncPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->result_rows = g_ptr_array_new ();
  self->key_rows = g_ptr_array_new ();
  set_running (self, FALSE);
}

void
ck_sync_page_set_register (CkSyncPage *self,
                           CkRegister *reg)
{
  g_return_if_fail (CK_IS_SYNC_PAGE (self));

  g_set_object (&self->reg, reg);
  g_clear_object (&self->sync);
  if (reg == NULL)
    return;

  self->sync = ck_sync_new (reg);
  g_signal_connect_object (self->sync, "progress", G_CALLBACK (progress_cb), self, 0);
  load_settings (self);
  set_running (self, FALSE);
}
