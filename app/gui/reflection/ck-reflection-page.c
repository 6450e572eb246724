/* ck-reflection-page.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ck-date.h"
#include "ck-lessons-view.h"
#include "ck-meeting-window.h"
#include "ck-methods.h"
#include "ck-reflection-page.h"
#include "ck-register.h"
#include "ck-session-editor.h"
#include "ck-session-row.h"
#include "ck-sessions.h"
#include "ck-text-check-cache.h"

/* The sessions view keeps one session in the form. Before the form shows
 * another, starts a meeting or exports, it saves what was typed: nothing
 * is lost by moving on. A deleted session waits in the register's bin
 * while its toast offers Undo, and is erased when the toast goes. */

typedef enum
{
  AFTER_SAVE_NOTHING,
  AFTER_SAVE_SHOW,          /* show session @then_id, or a new one when 0 */
  AFTER_SAVE_MEETING,
  AFTER_SAVE_EXPORT,
  AFTER_SAVE_MEETING_OVER,
} AfterSave;

struct _CkReflectionPage
{
  AdwBin               parent_instance;

  CkRegister          *reg;
  CkTextCheckCache    *checks;
  GListStore          *sessions;        /* CkSessionRow */
  GtkSingleSelection  *selection;
  GCancellable        *cancellable;
  GArray              *pending_erase;   /* ids in the bin awaiting undo */
  gboolean             busy;            /* saving, loading a meeting or exporting */
  gboolean             selecting;       /* the selection moves by code, not by a person */
  gint64               then_id;
  char                *export_path;
  CkMinutesVariant     export_variant;
  CkMinutesFormat      export_format;
  CkMeetingWindow     *meeting;
  gint64               meeting_id;      /* the session the meeting shows */
  guint                pending_notes;
  gboolean             meeting_over;
  gboolean             meeting_reached_end;

  AdwToastOverlay     *toast_overlay;
  AdwViewStack        *view_stack;
  GtkListView         *session_list;
  GtkStack            *session_stack;
  CkSessionEditor     *session_editor;
  CkLessonsView       *lessons_view;
  GtkWidget           *session_buttons[5];
};

G_DEFINE_FINAL_TYPE (CkReflectionPage, ck_reflection_page, ADW_TYPE_BIN)

static void save_then (CkReflectionPage *self, AfterSave after);

static void
toast (CkReflectionPage *self,
       const char       *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static gint64
current_id (CkReflectionPage *self)
{
  const CkSession *session = ck_session_editor_get_session (self->session_editor);

  return session != NULL ? session->id : 0;
}

static gboolean
has_session (CkReflectionPage *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->session_stack), "editor") == 0;
}

static void
update_actions (CkReflectionPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean editing = has_session (self);

  gtk_widget_action_set_enabled (widget, "reflection.new-session", self->reg != NULL && !self->busy);
  gtk_widget_action_set_enabled (widget, "reflection.save",
                                 editing && !self->busy && ck_session_editor_is_changed (self->session_editor));
  gtk_widget_action_set_enabled (widget, "reflection.start-meeting", editing && !self->busy && self->meeting == NULL);
  gtk_widget_action_set_enabled (widget, "reflection.export", editing && !self->busy);
  gtk_widget_action_set_enabled (widget, "reflection.delete-session", editing && !self->busy && current_id (self) != 0);
}

static void
editor_changed_cb (CkReflectionPage *self)
{
  update_actions (self);
}

static void
editor_toast_cb (CkReflectionPage *self,
                 const char       *message,
                 gboolean          undoable)
{
  AdwToast *notice = adw_toast_new (message);

  if (undoable)
    {
      adw_toast_set_button_label (notice, _("_Undo"));
      adw_toast_set_action_name (notice, "reflection.undo-remove");
    }
  adw_toast_overlay_add_toast (self->toast_overlay, notice);
}

static void
undo_remove_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ck_session_editor_undo_remove (CK_REFLECTION_PAGE (widget)->session_editor);
}

/* The buttons of the header act on the session shown. */
static void
view_changed_cb (CkReflectionPage *self)
{
  gboolean sessions = g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "sessions") == 0;

  for (guint i = 0; i < G_N_ELEMENTS (self->session_buttons); i++)
    gtk_widget_set_visible (self->session_buttons[i], sessions);
}

static void
select_id (CkReflectionPage *self,
           gint64            id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sessions));

  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CkSessionRow) row = g_list_model_get_item (G_LIST_MODEL (self->sessions), i);

      if (ck_session_row_get_id (row) == id)
        gtk_single_selection_set_selected (self->selection, i);
    }
  self->selecting = FALSE;
}

static void
reload_list (CkReflectionPage *self)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  gint64 shown = current_id (self);

  rows = ck_sessions_list (self->reg, &error);
  if (rows == NULL)
    {
      toast (self, error->message);
      return;
    }

  self->selecting = TRUE;
  g_list_store_splice (self->sessions, 0, g_list_model_get_n_items (G_LIST_MODEL (self->sessions)),
                       rows->pdata, rows->len);
  self->selecting = FALSE;
  select_id (self, shown);
}

static void
show_session (CkReflectionPage *self,
              gint64            id)
{
  g_autoptr(CkSession) session = NULL;
  g_autoptr(GError) error = NULL;

  if (id == 0)
    {
      session = ck_session_new ();
      ck_date_set_today (&session->date);
      session->unit = g_strdup (ck_register_get_unit (self->reg));
      session->method = g_strdup ("moreel_beraad");
      /* Every session has someone to lead it and someone to take notes. */
      g_ptr_array_add (session->participants, ck_participant_new ("chair", NULL));
      g_ptr_array_add (session->participants, ck_participant_new ("minute_taker", NULL));
    }
  else if ((session = ck_sessions_load (self->reg, id, TRUE, &error)) == NULL)
    {
      toast (self, error->message);
      return;
    }

  ck_session_editor_edit (self->session_editor, session);
  gtk_stack_set_visible_child_name (self->session_stack, "editor");
  select_id (self, id);
  update_actions (self);
}

static void
show_first_or_none (CkReflectionPage *self)
{
  g_autoptr(CkSessionRow) first = g_list_model_get_item (G_LIST_MODEL (self->sessions), 0);

  if (first != NULL)
    show_session (self, ck_session_row_get_id (first));
  else
    {
      gtk_stack_set_visible_child_name (self->session_stack, "none");
      update_actions (self);
    }
}

static void
selection_changed_cb (CkReflectionPage *self)
{
  CkSessionRow *row = gtk_single_selection_get_selected_item (self->selection);

  if (self->selecting || row == NULL || ck_session_row_get_id (row) == current_id (self))
    return;

  self->then_id = ck_session_row_get_id (row);
  save_then (self, AFTER_SAVE_SHOW);
}

/* Meeting mode */

/* Marks the meeting's session held when the meeting got to its closing
 * screen, and shows what the meeting added to it. */
static void
finish_meeting (CkReflectionPage *self)
{
  g_autoptr(CkSession) session = NULL;
  g_autoptr(GError) error = NULL;

  session = ck_sessions_load (self->reg, self->meeting_id, TRUE, &error);
  if (session == NULL)
    {
      toast (self, error->message);
      return;
    }

  if (self->meeting_reached_end && g_strcmp0 (session->status, CK_SESSION_PLANNED) == 0)
    {
      g_free (session->status);
      session->status = g_strdup (CK_SESSION_HELD);
      if (!ck_sessions_save (self->reg, session, &error))
        toast (self, error->message);
    }

  if (current_id (self) == self->meeting_id)
    ck_session_editor_edit (self->session_editor, session);
  reload_list (self);
  update_actions (self);
}

static void
reload_after_meeting (CkReflectionPage *self)
{
  if (!self->meeting_over || self->pending_notes > 0)
    return;

  self->meeting_over = FALSE;

  /* What was typed in the form during the meeting is saved first (its
   * notes only where they were edited), then the meeting's notes show. */
  if (current_id (self) == self->meeting_id && ck_session_editor_is_changed (self->session_editor))
    save_then (self, AFTER_SAVE_MEETING_OVER);
  else
    finish_meeting (self);
}

static void
note_saved_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CkReflectionPage) self = user_data;
  g_autoptr(GError) error = NULL;

  self->pending_notes--;
  if (!ck_sessions_put_note_finish (CK_REGISTER (object), result, &error))
    {
      /* Translators: %s says why. */
      g_autofree char *message = g_strdup_printf (_("The note was not saved: %s"), error->message);

      if (self->meeting != NULL)
        ck_meeting_window_report (self->meeting, message);
      else
        toast (self, message);
    }

  reload_after_meeting (self);
}

static void
note_added_cb (CkReflectionPage *self,
               gint64            item_id,
               const char       *step,
               const char       *text,
               gboolean          about_person,
               CkMeetingWindow  *meeting)
{
  g_autoptr(CkSessionNote) note = ck_session_note_new (item_id, step, text);

  note->about_person = about_person;
  self->pending_notes++;
  ck_sessions_put_note_async (self->reg, note, TRUE, self->cancellable, note_saved_cb, g_object_ref (self));
}

static void
meeting_finished_cb (CkReflectionPage *self,
                     gboolean          reached_end,
                     CkMeetingWindow  *meeting)
{
  g_signal_handlers_disconnect_by_data (meeting, self);
  self->meeting = NULL;
  self->meeting_over = TRUE;
  self->meeting_reached_end = reached_end;
  reload_after_meeting (self);
}

static void
meeting_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CkReflectionPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CkMeetingPlan) plan = NULL;
  GtkRoot *root;

  self->busy = FALSE;
  plan = ck_sessions_load_meeting_finish (CK_REGISTER (object), result, &error);
  if (plan == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      update_actions (self);
      return;
    }

  if (plan->n_withheld > 0)
    {
      g_autofree char *message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u text is withheld from the meeting screen: it may name a person",
                                      "%u texts are withheld from the meeting screen: they may name a person",
                                      plan->n_withheld),
                         plan->n_withheld);

      toast (self, message);
    }

  root = gtk_widget_get_root (GTK_WIDGET (self));
  self->meeting = ck_meeting_window_new (plan);
  g_signal_connect_object (self->meeting, "note-added", G_CALLBACK (note_added_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->meeting, "finished", G_CALLBACK (meeting_finished_cb), self, G_CONNECT_SWAPPED);
  ck_meeting_window_present_on (self->meeting, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  update_actions (self);
}

static void
meeting_check_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CkReflectionPage) self = user_data;
  g_autoptr(CkTextCheck) check = NULL;
  g_autoptr(GError) error = NULL;

  check = ck_text_check_cache_get_finish (CK_TEXT_CHECK_CACHE (object), result, &error);
  if (check == NULL)
    {
      self->busy = FALSE;
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      update_actions (self);
      return;
    }

  ck_sessions_load_meeting_async (self->reg, self->meeting_id, check, self->cancellable,
                                  meeting_loaded_cb, g_object_ref (self));
}

/* The texts the screen shows are checked for names, numbers and dates
 * first. */
static void
load_meeting (CkReflectionPage *self)
{
  self->meeting_id = current_id (self);
  self->busy = TRUE;
  update_actions (self);
  if (!ck_text_check_cache_is_ready (self->checks))
    toast (self, _("Checking the session’s texts for names, numbers and dates…"));
  ck_text_check_cache_get_async (self->checks, self->cancellable, meeting_check_cb, g_object_ref (self));
}

/* Minutes */

static void
minutes_written_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CkReflectionPage) self = user_data;
  g_autoptr(GError) error = NULL;

  self->busy = FALSE;
  update_actions (self);
  if (!ck_session_minutes_write_finish (CK_REGISTER (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }

  toast (self, _("Minutes written"));
}

static void
minutes_check_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CkReflectionPage) self = user_data;
  g_autoptr(CkTextCheck) check = NULL;
  g_autoptr(GError) error = NULL;

  check = ck_text_check_cache_get_finish (CK_TEXT_CHECK_CACHE (object), result, &error);
  if (check == NULL)
    {
      self->busy = FALSE;
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      update_actions (self);
      return;
    }

  ck_session_minutes_write_async (self->reg, current_id (self), self->export_variant, self->export_format,
                                  self->export_path, check, self->cancellable, minutes_written_cb,
                                  g_object_ref (self));
}

static void
write_minutes (CkReflectionPage *self)
{
  self->busy = TRUE;
  update_actions (self);
  ck_text_check_cache_get_async (self->checks, self->cancellable, minutes_check_cb, g_object_ref (self));
}

/* Saving first */

static void
after_save (CkReflectionPage *self,
            AfterSave         after)
{
  switch (after)
    {
    case AFTER_SAVE_SHOW:
      show_session (self, self->then_id);
      break;

    case AFTER_SAVE_MEETING:
      load_meeting (self);
      break;

    case AFTER_SAVE_EXPORT:
      write_minutes (self);
      break;

    case AFTER_SAVE_MEETING_OVER:
      finish_meeting (self);
      break;

    case AFTER_SAVE_NOTHING:
    default:
      toast (self, _("Session saved"));
      break;
    }
}

typedef struct
{
  CkReflectionPage *page;
  AfterSave         after;
} SaveThen;

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autofree SaveThen *data = user_data;
  g_autoptr(CkReflectionPage) self = data->page;
  g_autoptr(GError) error = NULL;

  self->busy = FALSE;
  if (!ck_session_editor_save_finish (CK_SESSION_EDITOR (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      /* The form stays on the session that could not be saved. */
      select_id (self, current_id (self));
      update_actions (self);
      return;
    }

  reload_list (self);
  update_actions (self);
  after_save (self, data->after);
}

/* Saves the form when it holds changes, then does @after. */
static void
save_then (CkReflectionPage *self,
           AfterSave         after)
{
  SaveThen *data;

  if (!has_session (self) || !ck_session_editor_is_changed (self->session_editor))
    {
      if (after != AFTER_SAVE_NOTHING)
        after_save (self, after);
      return;
    }

  data = g_new0 (SaveThen, 1);
  data->page = g_object_ref (self);
  data->after = after;
  self->busy = TRUE;
  update_actions (self);
  ck_session_editor_save_async (self->session_editor, self->cancellable, saved_cb, data);
}

/* Actions */

static void
new_session_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ck_reflection_page_new_session (CK_REFLECTION_PAGE (widget));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save_then (CK_REFLECTION_PAGE (widget), AFTER_SAVE_NOTHING);
}

static void
start_meeting_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ck_reflection_page_start_meeting (CK_REFLECTION_PAGE (widget));
}

static void
export_chosen_cb (GtkNativeDialog  *dialog,
                  int               response,
                  CkReflectionPage *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);

  if (file != NULL && g_file_peek_path (file) != NULL)
    ck_reflection_page_export (self, self->export_variant, self->export_format, g_file_peek_path (file));
  g_object_unref (self);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CkReflectionPage *self = CK_REFLECTION_PAGE (widget);
  const char *choice = g_variant_get_string (parameter, NULL);
  const CkSession *session = ck_session_editor_get_session (self->session_editor);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *date = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *dialog;
  gboolean safe = g_str_has_prefix (choice, "safe");

  if (session == NULL)
    return;

  self->export_variant = safe ? CK_MINUTES_SAFE : CK_MINUTES_FULL;
  self->export_format = g_str_has_suffix (choice, "pdf") ? CK_MINUTES_PDF : CK_MINUTES_MARKDOWN;
  date = ck_date_to_iso (&session->date);
  /* Translators: file names of minutes; %s is the session's date. Keep
   * them free of spaces. */
  name = g_strdup_printf (safe ? _("minutes-%s.%s") : _("minutes-%s-confidential.%s"), date,
                          self->export_format == CK_MINUTES_PDF ? "pdf" : "md");

  dialog = gtk_file_chooser_native_new (safe ? _("Save Minutes to Circulate") : _("Save Confidential Minutes"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (export_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
erase_pending (CkReflectionPage *self,
               gint64            id)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->pending_erase->len; i++)
    if (g_array_index (self->pending_erase, gint64, i) == id)
      {
        g_array_remove_index (self->pending_erase, i);
        if (!ck_sessions_erase (self->reg, id, &error))
          toast (self, error->message);
        return;
      }
}

static void
toast_dismissed_cb (AdwToast         *notice,
                    CkReflectionPage *self)
{
  erase_pending (self, g_variant_get_int64 (adw_toast_get_action_target_value (notice)));
}

static void
delete_session_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CkReflectionPage *self = CK_REFLECTION_PAGE (widget);
  const CkSession *session = ck_session_editor_get_session (self->session_editor);
  g_autofree char *title = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *notice;
  gint64 id;

  if (session == NULL || session->id == 0)
    return;

  id = session->id;
  title = ck_session_dup_title (session);
  if (!ck_sessions_delete (self->reg, id, &error))
    {
      toast (self, error->message);
      return;
    }

  g_array_append_val (self->pending_erase, id);
  /* Translators: %s is a session's title. */
  message = g_strdup_printf (_("“%s” deleted"), title);
  notice = adw_toast_new (message);
  adw_toast_set_button_label (notice, _("_Undo"));
  adw_toast_set_action_name (notice, "reflection.undo-delete");
  adw_toast_set_action_target_value (notice, g_variant_new_int64 (id));
  adw_toast_set_priority (notice, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (notice, "dismissed", G_CALLBACK (toast_dismissed_cb), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, notice);

  reload_list (self);
  show_first_or_none (self);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CkReflectionPage *self = CK_REFLECTION_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(GError) error = NULL;
  gboolean pending = FALSE;

  for (guint i = 0; i < self->pending_erase->len; i++)
    if (g_array_index (self->pending_erase, gint64, i) == id)
      {
        g_array_remove_index (self->pending_erase, i);
        pending = TRUE;
        break;
      }

  /* Too late: it was erased already. */
  if (!pending)
    return;

  if (!ck_sessions_restore (self->reg, id, &error))
    {
      toast (self, error->message);
      return;
    }

  reload_list (self);
  self->then_id = id;
  save_then (self, AFTER_SAVE_SHOW);
}

/* Session list rows */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_wrap (GTK_LABEL (subtitle), TRUE);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  g_object_set_data (G_OBJECT (box), "title", title);
  g_object_set_data (G_OBJECT (box), "subtitle", subtitle);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  CkSessionRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  const CkMethod *method = ck_methods_lookup (ck_methods_get_default (), ck_session_row_get_method (row));
  g_autofree char *date = ck_date_format_user (ck_session_row_get_date (row));
  g_autoptr(GString) subtitle = g_string_new (date);
  guint open = ck_session_row_get_n_open_actions (row);

  g_string_append_printf (subtitle, " · %s", g_strcmp0 (ck_session_row_get_status (row), CK_SESSION_HELD) == 0
                                             ? _("held") : _("planned"));
  if (method != NULL)
    g_string_append_printf (subtitle, "\n%s", method->title);
  if (open > 0)
    g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "\n%u open action", "\n%u open actions", open), open);

  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "title"), ck_session_row_get_title (row));
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "subtitle"), subtitle->str);
}

static void
register_changed_cb (CkReflectionPage *self)
{
  /* Open-action counts change with actions done in another session. */
  if (!self->busy)
    reload_list (self);
}

static void
ck_reflection_page_dispose (GObject *object)
{
  CkReflectionPage *self = (CkReflectionPage *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->meeting != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->meeting, self);
      gtk_window_destroy (GTK_WINDOW (self->meeting));
      self->meeting = NULL;
    }
  if (self->reg != NULL)
    g_signal_handlers_disconnect_by_data (self->reg, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);

  G_OBJECT_CLASS (ck_reflection_page_parent_class)->dispose (object);
}

static void
ck_reflection_page_finalize (GObject *object)
{
  CkReflectionPage *self = (CkReflectionPage *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->checks);
  g_clear_object (&self->selection);
  g_clear_object (&self->sessions);
  g_clear_object (&self->reg);
  g_clear_pointer (&self->pending_erase, g_array_unref);
  g_free (self->export_path);

  G_OBJECT_CLASS (ck_reflection_page_parent_class)->finalize (object);
}

static void
ck_reflection_page_class_init (CkReflectionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ck_reflection_page_dispose;
  object_class->finalize = ck_reflection_page_finalize;

  g_type_ensure (CK_TYPE_SESSION_EDITOR);
  g_type_ensure (CK_TYPE_LESSONS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ck-reflection-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CkReflectionPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CkReflectionPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CkReflectionPage, session_list);
  gtk_widget_class_bind_template_child (widget_class, CkReflectionPage, session_stack);
  gtk_widget_class_bind_template_child (widget_class, CkReflectionPage, session_editor);
  gtk_widget_class_bind_template_child (widget_class, CkReflectionPage, lessons_view);
  gtk_widget_class_bind_template_child_full (widget_class, "save_button", FALSE,
                                             G_STRUCT_OFFSET (CkReflectionPage, session_buttons[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "meeting_button", FALSE,
                                             G_STRUCT_OFFSET (CkReflectionPage, session_buttons[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "export_button", FALSE,
                                             G_STRUCT_OFFSET (CkReflectionPage, session_buttons[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "delete_button", FALSE,
                                             G_STRUCT_OFFSET (CkReflectionPage, session_buttons[3]));
  gtk_widget_class_bind_template_child_full (widget_class, "new_button", FALSE,
                                             G_STRUCT_OFFSET (CkReflectionPage, session_buttons[4]));
  gtk_widget_class_bind_template_callback (widget_class, editor_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_toast_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_changed_cb);

  gtk_widget_class_install_action (widget_class, "reflection.new-session", NULL, new_session_action);
  gtk_widget_class_install_action (widget_class, "reflection.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "reflection.start-meeting", NULL, start_meeting_action);
  gtk_widget_class_install_action (widget_class, "reflection.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "reflection.delete-session", NULL, delete_session_action);
  gtk_widget_class_install_action (widget_class, "reflection.undo-delete", "x", undo_delete_action);
  gtk_widget_class_install_action (widget_class, "reflection.undo-remove", NULL, undo_remove_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "reflection.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "reflection.start-meeting", NULL);
}

static void
ck_reflection_page_init (CkReflectionPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->pending_erase = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->sessions = g_list_store_new (CK_TYPE_SESSION_ROW);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sessions)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->session_list, factory);
  gtk_list_view_set_model (self->session_list, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (selection_changed_cb),
                           self, G_CONNECT_SWAPPED);

  update_actions (self);
}

/**
 * ck_reflection_page_set_register:
 *
 * Shows the sessions of @reg, the latest first, and its lessons.
 */
void
ck_reflection_page_set_register (CkReflectionPage *self,
                                 CkRegister       *reg)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CK_IS_REFLECTION_PAGE (self));
  g_return_if_fail (self->reg == NULL);

  self->reg = g_object_ref (reg);
  self->checks = ck_text_check_cache_new (reg);
  ck_session_editor_set_register (self->session_editor, reg, self->checks);
  ck_lessons_view_set_register (self->lessons_view, reg);

  /* Sessions deleted by an earlier run that ended before their undo did. */
  if (!ck_sessions_empty_bin (reg, &error))
    toast (self, error->message);

  reload_list (self);
  show_first_or_none (self);
  g_signal_connect_object (reg, "changed", G_CALLBACK (register_changed_cb), self, G_CONNECT_SWAPPED);
}

/* Opens a new session for today in the form, after saving the one shown. */
void
ck_reflection_page_new_session (CkReflectionPage *self)
{
  g_return_if_fail (CK_IS_REFLECTION_PAGE (self));

  if (self->reg == NULL || self->busy)
    return;

  adw_view_stack_set_visible_child_name (self->view_stack, "sessions");
  self->then_id = 0;
  save_then (self, AFTER_SAVE_SHOW);
}

/* Opens session @id in the form, after saving the one shown: where the
 * overview sends a follow-up action. */
void
ck_reflection_page_show_session (CkReflectionPage *self,
                                 gint64            id)
{
  g_return_if_fail (CK_IS_REFLECTION_PAGE (self));
  g_return_if_fail (id > 0);

  if (self->reg == NULL || self->busy)
    return;

  adw_view_stack_set_visible_child_name (self->view_stack, "sessions");
  if (id == current_id (self))
    return;
  self->then_id = id;
  save_then (self, AFTER_SAVE_SHOW);
}

/* Saves the session shown, then opens it in meeting mode. */
void
ck_reflection_page_start_meeting (CkReflectionPage *self)
{
  g_return_if_fail (CK_IS_REFLECTION_PAGE (self));

  if (!has_session (self) || self->busy || self->meeting != NULL)
    return;

  if (current_id (self) == 0 && !ck_session_editor_is_changed (self->session_editor))
    return;

  save_then (self, AFTER_SAVE_MEETING);
}

/* Saves the session shown, then writes its minutes to @path. */
void
ck_reflection_page_export (CkReflectionPage *self,
                           CkMinutesVariant  variant,
                           CkMinutesFormat   format,
                           const char       *path)
{
  g_return_if_fail (CK_IS_REFLECTION_PAGE (self));

  if (!has_session (self) || self->busy)
    return;

  self->export_variant = variant;
  self->export_format = format;
  g_free (self->export_path);
  self->export_path = g_strdup (path);
  save_then (self, AFTER_SAVE_EXPORT);
}

/* Returns: whether the page is saving, loading a meeting or exporting */
gboolean
ck_reflection_page_is_busy (CkReflectionPage *self)
{
  g_return_val_if_fail (CK_IS_REFLECTION_PAGE (self), FALSE);

  return self->busy;
}

/* Erases the sessions still waiting for undo; called as the window closes. */
void
ck_reflection_page_finish_pending (CkReflectionPage *self)
{
  g_return_if_fail (CK_IS_REFLECTION_PAGE (self));

  while (self->pending_erase->len > 0)
    erase_pending (self, g_array_index (self->pending_erase, gint64, 0));
}
