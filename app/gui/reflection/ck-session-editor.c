/* ck-session-editor.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ck-case.h"
#include "ck-codes-row.h"
#include "ck-date.h"
#include "ck-date-row.h"
#include "ck-methods.h"
#include "ck-register.h"
#include "ck-session-editor.h"
#include "ck-session-stats.h"
#include "ck-sessions.h"
#include "ck-vocabulary.h"

/* The form keeps the session it edits (self->session) and a record of the
 * widgets of each participant, agenda item, lesson and action, in the
 * order of the session's arrays. collect() copies the widgets into the
 * session; a change of structure (adding, removing, moving) collects
 * first, changes the session, and rebuilds that group's rows from it. */

typedef struct
{
  GtkWidget   *row;
  GtkDropDown *role;
  GtkEditable *name;
} ParticipantRow;

typedef struct
{
  GtkWidget  *row;
  gboolean    built;      /* the note fields are made when first unfolded */
  GHashTable *notes;      /* step id → GtkTextView */
  GHashTable *abouts;     /* step id → GtkCheckButton */
} ItemRow;

typedef struct
{
  GtkWidget   *row;
  GtkEditable *title;
  GtkTextView *text;
  GtkEditable *theme;
  CkCodesRow  *grounds;
  CkCodesRow  *manifestations;
} LessonRow;

typedef struct
{
  GtkWidget   *row;
  GtkEditable *description;
  AdwComboRow *owner;
  CkDateRow   *due;
  AdwComboRow *status;
} ActionRow;

typedef enum
{
  REMOVED_NOTHING,
  REMOVED_ITEM,
  REMOVED_LESSON,
  REMOVED_ACTION,
} RemovedKind;

struct _CkSessionEditor
{
  AdwBin               parent_instance;

  CkRegister          *reg;
  CkTextCheckCache    *checks;
  CkSession           *session;
  gboolean             changed;
  gboolean             loading;
  GCancellable        *cancellable;
  GPtrArray           *participant_rows;
  GPtrArray           *item_rows;
  GPtrArray           *lesson_rows;
  GPtrArray           *action_rows;
  GPtrArray           *carried_rows;     /* GtkWidget */
  GPtrArray           *theme_filters;    /* "list=code" of the theme choices */

  /* What the last removal took, for Undo. */
  RemovedKind          removed_kind;
  gpointer             removed;
  guint                removed_index;

  AdwPreferencesPage  *preferences_page;
  AdwPreferencesGroup *retention_group;
  AdwActionRow        *retention_row;
  CkDateRow           *date_row;
  AdwEntryRow         *title_row;
  AdwComboRow         *method_row;
  AdwComboRow         *status_row;
  AdwPreferencesGroup *participants_group;
  AdwPreferencesGroup *carried_group;
  AdwPreferencesGroup *agenda_group;
  GtkWidget           *agenda_list;      /* GtkListBox of the item rows */
  GtkEntry            *case_entry;
  GtkMenuButton       *add_case_button;
  GtkMenuButton       *add_theme_button;
  GtkDropDown         *theme_dropdown;
  GtkEntry            *pattern_entry;
  AdwEntryRow         *patterns_row;
  AdwPreferencesGroup *lessons_group;
  AdwPreferencesGroup *actions_group;
};

G_DEFINE_FINAL_TYPE (CkSessionEditor, ck_session_editor, ADW_TYPE_BIN)

enum {
  CHANGED,
  SAVED,
  TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const statuses[] = { CK_SESSION_PLANNED, CK_SESSION_HELD };

static void rebuild_items (CkSessionEditor *self);
static void rebuild_lessons (CkSessionEditor *self);
static void rebuild_actions (CkSessionEditor *self);

static void
item_row_free (ItemRow *row)
{
  g_hash_table_unref (row->notes);
  g_hash_table_unref (row->abouts);
  g_free (row);
}

static void
toast (CkSessionEditor *self,
       const char      *message)
{
  g_signal_emit (self, signals[TOAST], 0, message, FALSE);
}

static void
mark_changed (CkSessionEditor *self)
{
  if (self->loading || self->changed)
    return;

  self->changed = TRUE;
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
track (CkSessionEditor *self,
       gpointer         widget,
       const char      *signal)
{
  g_signal_connect_object (widget, signal, G_CALLBACK (mark_changed), self, G_CONNECT_SWAPPED);
}

static GListModel *
role_choices (void)
{
  GPtrArray *roles = ck_methods_get_roles (ck_methods_get_default ());
  GtkStringList *choices = gtk_string_list_new (NULL);

  for (guint i = 0; i < roles->len; i++)
    gtk_string_list_append (choices, ((CkSessionRole *) roles->pdata[i])->label);

  return G_LIST_MODEL (choices);
}

static guint
role_position (const char *role)
{
  GPtrArray *roles = ck_methods_get_roles (ck_methods_get_default ());

  for (guint i = 0; i < roles->len; i++)
    if (g_strcmp0 (((CkSessionRole *) roles->pdata[i])->id, role) == 0)
      return i;

  return 0;
}

static const char *
role_at (guint position)
{
  GPtrArray *roles = ck_methods_get_roles (ck_methods_get_default ());

  return ((CkSessionRole *) roles->pdata[MIN (position, roles->len - 1)])->id;
}

static const CkMethod *
selected_method (CkSessionEditor *self)
{
  GPtrArray *methods = ck_methods_get_all (ck_methods_get_default ());
  guint position = adw_combo_row_get_selected (self->method_row);

  return methods->pdata[MIN (position, methods->len - 1)];
}

/* Returns: (transfer none): a row child holding a titled text field */
static GtkWidget *
make_text_row (const char   *title,
               GtkTextView **view)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *frame = gtk_frame_new (NULL);

  *view = GTK_TEXT_VIEW (gtk_text_view_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_focusable (row, FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_text_view_set_wrap_mode (*view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (*view, FALSE);
  gtk_text_view_set_top_margin (*view, 6);
  gtk_text_view_set_bottom_margin (*view, 6);
  gtk_text_view_set_left_margin (*view, 6);
  gtk_text_view_set_right_margin (*view, 6);
  gtk_widget_set_size_request (GTK_WIDGET (*view), -1, 64);
  gtk_accessible_update_property (GTK_ACCESSIBLE (*view), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (*view));
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), frame);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static char *
text_of (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Returns: (transfer full) (nullable): the text of @editable, trimmed, or
 * %NULL when empty */
static char *
entry_text (GtkEditable *editable)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static GtkWidget *
make_button (const char *icon,
             const char *tooltip,
             const char *action,
             guint       index)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", index);
  return button;
}

/* Every record's first member is its row. */
static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, *(GtkWidget **) rows->pdata[i]);
  g_ptr_array_set_size (rows, 0);
}

/* Participants */

/* Names and notes of a session past the retention term were erased and
 * cannot be entered again (ck-retention.h). */
static gboolean
is_erased (CkSessionEditor *self)
{
  return ck_date_is_set (&self->session->personal_data_erased_on);
}

static void
update_retention (CkSessionEditor *self)
{
  g_autofree char *date = NULL;
  g_autofree char *title = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->retention_group), is_erased (self));
  if (!is_erased (self))
    return;

  date = ck_date_format_user (&self->session->personal_data_erased_on);
  /* Translators: %s is a date. */
  title = g_strdup_printf (_("Names and notes erased on %s after the retention term"), date);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->retention_row), title);
}

static void
rebuild_participants (CkSessionEditor *self)
{
  clear_rows (self->participants_group, self->participant_rows);

  for (guint i = 0; i < self->session->participants->len; i++)
    {
      const CkParticipant *participant = self->session->participants->pdata[i];
      g_autoptr(GListModel) roles = role_choices ();
      ParticipantRow *record = g_new0 (ParticipantRow, 1);
      GtkWidget *entry = gtk_entry_new ();

      record->row = adw_action_row_new ();
      record->role = GTK_DROP_DOWN (gtk_drop_down_new (g_object_ref (roles), NULL));
      record->name = GTK_EDITABLE (entry);
      gtk_widget_set_valign (GTK_WIDGET (record->role), GTK_ALIGN_CENTER);
      gtk_drop_down_set_selected (record->role, role_position (participant->role));
      gtk_accessible_update_property (GTK_ACCESSIBLE (record->role), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Role"), -1);
      gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Name (optional, encrypted)"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name"), -1);
      gtk_editable_set_text (record->name, participant->name != NULL ? participant->name : "");
      gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
      gtk_widget_set_hexpand (entry, TRUE);
      gtk_widget_set_sensitive (entry, !is_erased (self));
      gtk_widget_add_css_class (entry, "confidential");
      adw_action_row_add_prefix (ADW_ACTION_ROW (record->row), GTK_WIDGET (record->role));
      adw_action_row_add_suffix (ADW_ACTION_ROW (record->row), entry);
      adw_action_row_add_suffix (ADW_ACTION_ROW (record->row),
                                 make_button ("list-remove-symbolic", _("Remove Participant"),
                                              "editor.remove-participant", i));
      track (self, record->role, "notify::selected");
      track (self, record->name, "changed");

      adw_preferences_group_add (self->participants_group, record->row);
      g_ptr_array_add (self->participant_rows, record);
    }
}

/* Open actions of earlier sessions */

static void
rebuild_carried (CkSessionEditor *self)
{
  CkMethods *methods = ck_methods_get_default ();
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->carried_rows->len; i++)
    adw_preferences_group_remove (self->carried_group, self->carried_rows->pdata[i]);
  g_ptr_array_set_size (self->carried_rows, 0);

  actions = ck_sessions_list_open_actions (self->reg, &self->session->date, &error);
  if (actions == NULL)
    {
      toast (self, error->message);
      actions = g_ptr_array_new ();
    }

  for (guint i = 0; i < actions->len; i++)
    {
      const CkSessionAction *action = actions->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *done = gtk_button_new_with_mnemonic (_("_Done"));
      g_autofree char *due = ck_date_format_user (&action->due);
      g_autofree char *held = ck_date_format_user (&action->session_date);
      g_autofree char *subtitle = NULL;

      if (ck_date_is_set (&action->due))
        /* Translators: an open action's owner, due date and session. */
        subtitle = g_strdup_printf (_("%s · due %s · from the session of %s"),
                                    ck_methods_get_role_label (methods, action->owner_role), due, held);
      else
        subtitle = g_strdup_printf (_("%s · from the session of %s"),
                                    ck_methods_get_role_label (methods, action->owner_role), held);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), action->description);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (done, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (done), "editor.carried-done");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (done), "x", action->id);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), done);
      adw_preferences_group_add (self->carried_group, row);
      g_ptr_array_add (self->carried_rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->carried_group), actions->len > 0);
}

/* Agenda */

static const char *
kind_icon (CkAgendaKind kind)
{
  switch (kind)
    {
    case CK_AGENDA_CASE:
      return "folder-documents-symbolic";
    case CK_AGENDA_THEME:
      return "view-list-bullet-symbolic";
    case CK_AGENDA_PATTERN:
    default:
      return "find-location-symbolic";
    }
}

static void
add_note_rows (CkSessionEditor    *self,
               ItemRow            *record,
               const CkAgendaItem *item)
{
  const CkMethod *method = selected_method (self);

  if (record->built)
    return;
  record->built = TRUE;

  if (item->id == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Save the session to take notes on this item"));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (record->row), row);
      return;
    }

  for (guint s = 0; s < method->n_steps; s++)
    {
      const CkMethodStep *step = &method->steps[s];
      const CkSessionNote *note = ck_session_find_note (self->session, item->id, step->id);
      GtkTextView *view;
      GtkWidget *row = make_text_row (step->title, &view);
      GtkWidget *about = gtk_check_button_new_with_label (_("About a person"));
      GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));

      gtk_widget_set_tooltip_text (about, _("Notes about a person stay out of the minutes to circulate"));
      gtk_box_append (GTK_BOX (box), about);
      if (note != NULL)
        {
          gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), note->text, -1);
          gtk_check_button_set_active (GTK_CHECK_BUTTON (about), note->about_person);
        }
      gtk_widget_set_sensitive (row, !is_erased (self));
      track (self, gtk_text_view_get_buffer (view), "changed");
      track (self, about, "toggled");
      g_hash_table_insert (record->notes, (char *) step->id, view);
      g_hash_table_insert (record->abouts, (char *) step->id, about);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (record->row), row);
    }
}

static void
item_expanded_cb (GtkWidget       *row,
                  GParamSpec      *pspec,
                  CkSessionEditor *self)
{
  for (guint i = 0; i < self->item_rows->len; i++)
    {
      ItemRow *record = self->item_rows->pdata[i];

      if (record->row == row && adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)))
        add_note_rows (self, record, self->session->items->pdata[i]);
    }
}

static void
rebuild_items (CkSessionEditor *self)
{
  GPtrArray *items = self->session->items;
  GtkWidget *list = gtk_list_box_new ();

  /* A fresh list, filled before it is shown: removing and adding rows one
   * by one in a shown list costs time for every row already there. */
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Agenda"), -1);
  g_ptr_array_set_size (self->item_rows, 0);

  for (guint i = 0; i < items->len; i++)
    {
      const CkAgendaItem *item = items->pdata[i];
      ItemRow *record = g_new0 (ItemRow, 1);
      g_autofree char *title = ck_agenda_item_dup_title (item);
      g_autofree char *reasons = ck_reasons_describe (item->reasons);
      GtkWidget *up = make_button ("go-up-symbolic", _("Move Up"), "editor.item-up", i);
      GtkWidget *down = make_button ("go-down-symbolic", _("Move Down"), "editor.item-down", i);

      record->notes = g_hash_table_new (g_str_hash, g_str_equal);
      record->abouts = g_hash_table_new (g_str_hash, g_str_equal);
      record->row = adw_expander_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (record->row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (record->row), title);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (record->row), reasons);
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (record->row), gtk_image_new_from_icon_name (kind_icon (item->kind)));
      gtk_widget_set_sensitive (up, i > 0);
      gtk_widget_set_sensitive (down, i + 1 < items->len);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (record->row), up);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (record->row), down);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (record->row),
                                   make_button ("user-trash-symbolic", _("Remove from the Agenda"),
                                                "editor.remove-item", i));
      /* An agenda can be long: each item's ten note fields are made when
       * the item is first unfolded. */
      g_signal_connect_object (record->row, "notify::expanded", G_CALLBACK (item_expanded_cb), self, 0);

      gtk_list_box_append (GTK_LIST_BOX (list), record->row);
      g_ptr_array_add (self->item_rows, record);
    }

  if (self->agenda_list != NULL)
    adw_preferences_group_remove (self->agenda_group, self->agenda_list);
  self->agenda_list = list;
  gtk_widget_set_visible (list, items->len > 0);
  adw_preferences_group_add (self->agenda_group, list);
}

/* Lessons */

static const char *
describe_lesson_state (CkLessonState state)
{
  switch (state)
    {
    case CK_LESSON_RELEASED:
      return _("Released to every unit");
    case CK_LESSON_WITHDRAWN:
      return _("Withdrawn; it can be released again");
    case CK_LESSON_DRAFT:
    default:
      return _("Not released");
    }
}

static void
lesson_title_changed_cb (GtkEditable *title,
                         GtkWidget   *row)
{
  const char *text = gtk_editable_get_text (title);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), *text != '\0' ? text : _("New lesson"));
}

static void
rebuild_lessons (CkSessionEditor *self)
{
  clear_rows (self->lessons_group, self->lesson_rows);

  for (guint i = 0; i < self->session->lessons->len; i++)
    {
      const CkSessionLesson *lesson = self->session->lessons->pdata[i];
      gboolean released = lesson->state == CK_LESSON_RELEASED;
      LessonRow *record = g_new0 (LessonRow, 1);
      GtkWidget *title = adw_entry_row_new ();
      GtkWidget *theme = adw_entry_row_new ();
      GtkWidget *text_row = make_text_row (_("Lesson"), &record->text);
      GtkWidget *release;

      record->row = adw_expander_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (record->row), FALSE);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (record->row), describe_lesson_state (lesson->state));
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (record->row),
                                   gtk_image_new_from_icon_name (released ? "emblem-shared-symbolic" : "starred-symbolic"));

      record->title = GTK_EDITABLE (title);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (title), _("Title"));
      g_signal_connect_object (title, "changed", G_CALLBACK (lesson_title_changed_cb), record->row, 0);
      gtk_editable_set_text (record->title, lesson->title != NULL ? lesson->title : "");
      lesson_title_changed_cb (record->title, record->row);

      gtk_text_buffer_set_text (gtk_text_view_get_buffer (record->text), lesson->text != NULL ? lesson->text : "", -1);
      record->theme = GTK_EDITABLE (theme);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (theme), _("Theme (optional)"));
      gtk_editable_set_text (record->theme, lesson->theme != NULL ? lesson->theme : "");
      record->grounds = CK_CODES_ROW (ck_codes_row_new (_("Grounds"), CK_VOCAB_GROUNDS));
      ck_codes_row_set_codes (record->grounds, (const char * const *) lesson->grounds);
      record->manifestations = CK_CODES_ROW (ck_codes_row_new (_("Manifestations"), CK_VOCAB_MANIFESTATIONS));
      ck_codes_row_set_codes (record->manifestations, (const char * const *) lesson->manifestations);

      /* What was released is what was checked: it changes only after a
       * withdrawal. */
      gtk_widget_set_sensitive (title, !released);
      gtk_text_view_set_editable (record->text, !released);
      gtk_widget_set_sensitive (theme, !released);
      gtk_widget_set_sensitive (GTK_WIDGET (record->grounds), !released);
      gtk_widget_set_sensitive (GTK_WIDGET (record->manifestations), !released);

      if (released)
        release = make_button ("edit-undo-symbolic", _("Withdraw from Other Units"), "editor.withdraw-lesson", i);
      else
        release = make_button ("send-to-symbolic", _("Release for Other Units…"), "editor.release-lesson", i);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (record->row), release);
      if (!released)
        adw_expander_row_add_action (ADW_EXPANDER_ROW (record->row),
                                     make_button ("user-trash-symbolic", _("Remove Lesson"), "editor.remove-lesson", i));

      adw_expander_row_add_row (ADW_EXPANDER_ROW (record->row), title);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (record->row), text_row);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (record->row), theme);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (record->row), GTK_WIDGET (record->grounds));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (record->row), GTK_WIDGET (record->manifestations));
      track (self, record->title, "changed");
      track (self, gtk_text_view_get_buffer (record->text), "changed");
      track (self, record->theme, "changed");
      track (self, record->grounds, "notify::subtitle");
      track (self, record->manifestations, "notify::subtitle");

      adw_preferences_group_add (self->lessons_group, record->row);
      g_ptr_array_add (self->lesson_rows, record);
    }
}

/* Actions */

static void
action_description_changed_cb (GtkEditable *description,
                               GtkWidget   *row)
{
  const char *text = gtk_editable_get_text (description);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), *text != '\0' ? text : _("New action"));
}

static void
rebuild_actions (CkSessionEditor *self)
{
  clear_rows (self->actions_group, self->action_rows);

  for (guint i = 0; i < self->session->actions->len; i++)
    {
      const CkSessionAction *action = self->session->actions->pdata[i];
      ActionRow *record = g_new0 (ActionRow, 1);
      g_autoptr(GListModel) roles = role_choices ();
      g_autoptr(GtkStringList) states = gtk_string_list_new ((const char *[]) { _("Open"), _("Done"), _("Dropped"), NULL });
      GtkWidget *description = adw_entry_row_new ();

      record->row = adw_expander_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (record->row), FALSE);
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (record->row), gtk_image_new_from_icon_name ("object-select-symbolic"));
      adw_expander_row_add_action (ADW_EXPANDER_ROW (record->row),
                                   make_button ("user-trash-symbolic", _("Remove Action"), "editor.remove-action", i));

      record->description = GTK_EDITABLE (description);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (description), _("What is to be done"));
      g_signal_connect_object (description, "changed", G_CALLBACK (action_description_changed_cb), record->row, 0);
      gtk_editable_set_text (record->description, action->description != NULL ? action->description : "");
      action_description_changed_cb (record->description, record->row);

      record->owner = ADW_COMBO_ROW (adw_combo_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (record->owner), _("Owner"));
      adw_combo_row_set_model (record->owner, roles);
      adw_combo_row_set_selected (record->owner, role_position (action->owner_role));
      record->due = CK_DATE_ROW (ck_date_row_new (_("Due")));
      ck_date_row_set_date (record->due, &action->due);
      record->status = ADW_COMBO_ROW (adw_combo_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (record->status), _("Status"));
      adw_combo_row_set_model (record->status, G_LIST_MODEL (states));
      adw_combo_row_set_selected (record->status, action->status);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (record->row),
                                     ck_methods_get_role_label (ck_methods_get_default (), action->owner_role));

      adw_expander_row_add_row (ADW_EXPANDER_ROW (record->row), description);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (record->row), GTK_WIDGET (record->owner));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (record->row), GTK_WIDGET (record->due));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (record->row), GTK_WIDGET (record->status));
      track (self, record->description, "changed");
      track (self, record->owner, "notify::selected");
      track (self, ck_date_row_get_editable (record->due), "changed");
      track (self, record->status, "notify::selected");

      adw_preferences_group_add (self->actions_group, record->row);
      g_ptr_array_add (self->action_rows, record);
    }
}

/* Copies the form into self->session. Returns: %FALSE with @error when a
 * date cannot be read */
static gboolean
collect (CkSessionEditor  *self,
         GError          **error)
{
  CkSession *session = self->session;
  GPtrArray *methods = ck_methods_get_all (ck_methods_get_default ());
  g_auto(GStrv) tags = NULL;
  g_autoptr(GStrvBuilder) patterns = g_strv_builder_new ();
  GDate date;

  if (!ck_date_row_get_date (self->date_row, &date))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The session’s date is not a date; write it as 2025-03-15"));
      return FALSE;
    }
  session->date = date;
  g_free (session->title);
  session->title = entry_text (GTK_EDITABLE (self->title_row));
  g_free (session->method);
  session->method = g_strdup (((CkMethod *) methods->pdata[MIN (adw_combo_row_get_selected (self->method_row),
                                                                 methods->len - 1)])->id);
  g_free (session->status);
  session->status = g_strdup (statuses[MIN (adw_combo_row_get_selected (self->status_row), 1)]);

  for (guint i = 0; i < self->participant_rows->len; i++)
    {
      ParticipantRow *record = self->participant_rows->pdata[i];
      CkParticipant *participant = session->participants->pdata[i];

      g_free (participant->role);
      participant->role = g_strdup (role_at (gtk_drop_down_get_selected (record->role)));
      g_free (participant->name);
      participant->name = entry_text (record->name);
    }

  for (guint i = 0; i < self->item_rows->len; i++)
    {
      ItemRow *record = self->item_rows->pdata[i];
      const CkAgendaItem *item = session->items->pdata[i];
      GHashTableIter iter;
      gpointer step, view;

      g_hash_table_iter_init (&iter, record->notes);
      while (g_hash_table_iter_next (&iter, &step, &view))
        {
          g_autofree char *text = text_of (view);
          gboolean about = gtk_check_button_get_active (g_hash_table_lookup (record->abouts, step));
          CkSessionNote *note = ck_session_find_note (session, item->id, step);

          if (note == NULL && *text == '\0')
            continue;
          if (note == NULL)
            {
              note = ck_session_note_new (item->id, step, NULL);
              g_ptr_array_add (session->notes, note);
            }
          if (g_strcmp0 (note->text, text) != 0 || note->about_person != about)
            {
              g_free (note->text);
              note->text = g_steal_pointer (&text);
              note->about_person = about;
              note->changed = TRUE;
            }
        }
    }

  tags = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (self->patterns_row)), ",", -1);
  for (guint i = 0; tags[i] != NULL; i++)
    if (*g_strstrip (tags[i]) != '\0')
      g_strv_builder_add (patterns, tags[i]);
  g_strfreev (session->patterns);
  session->patterns = g_strv_builder_end (patterns);

  for (guint i = 0; i < self->lesson_rows->len; i++)
    {
      LessonRow *record = self->lesson_rows->pdata[i];
      CkSessionLesson *lesson = session->lessons->pdata[i];

      if (lesson->state == CK_LESSON_RELEASED)
        continue;
      g_free (lesson->title);
      lesson->title = entry_text (record->title);
      g_free (lesson->text);
      lesson->text = text_of (record->text);
      g_free (lesson->theme);
      lesson->theme = entry_text (record->theme);
      g_strfreev (lesson->grounds);
      lesson->grounds = ck_codes_row_get_codes (record->grounds);
      g_strfreev (lesson->manifestations);
      lesson->manifestations = ck_codes_row_get_codes (record->manifestations);
    }

  for (guint i = 0; i < self->action_rows->len; i++)
    {
      ActionRow *record = self->action_rows->pdata[i];
      CkSessionAction *action = session->actions->pdata[i];

      g_free (action->description);
      action->description = entry_text (record->description);
      g_free (action->owner_role);
      action->owner_role = g_strdup (role_at (adw_combo_row_get_selected (record->owner)));
      action->status = MIN (adw_combo_row_get_selected (record->status), CK_ACTION_DROPPED);
      if (!ck_date_row_get_date (record->due, &action->due))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The due date of action %u is not a date; write it as 2025-03-15"), i + 1);
          return FALSE;
        }
    }

  return TRUE;
}

/* Collects before a change of structure; what cannot be read stays as it
 * was in the session. */
static void
collect_quietly (CkSessionEditor *self)
{
  g_autoptr(GError) error = NULL;

  collect (self, &error);
}

static void
update_period (CkSessionEditor *self)
{
  g_autofree char *description = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  GDate from, to;

  if (!ck_date_is_set (&self->session->date) ||
      !ck_sessions_get_period (self->reg, &self->session->date, &from, &to, NULL))
    {
      adw_preferences_group_set_description (self->agenda_group, NULL);
      return;
    }

  from_text = ck_date_format_user (&from);
  to_text = ck_date_format_user (&to);
  /* Translators: the period a session looks back on. */
  description = g_strdup_printf (_("Cases, themes and patterns of %s to %s"), from_text, to_text);
  adw_preferences_group_set_description (self->agenda_group, description);
}

static void
method_changed_cb (CkSessionEditor *self)
{
  if (self->loading || self->session == NULL)
    return;

  /* The notes of the other method's steps stay stored. */
  collect_quietly (self);
  rebuild_items (self);
  mark_changed (self);
}

static void
date_changed_cb (CkSessionEditor *self)
{
  GDate date;

  if (self->loading || self->session == NULL ||
      !ck_date_row_get_date (self->date_row, &date) || !ck_date_is_set (&date))
    return;

  self->session->date = date;
  update_period (self);
  rebuild_carried (self);
}

static void
add_participant_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CkSessionEditor *self = CK_SESSION_EDITOR (widget);
  /* The first is most often the chair, then the others in their order. */
  guint position = MIN (self->session->participants->len, ck_methods_get_roles (ck_methods_get_default ())->len - 1);

  collect_quietly (self);
  g_ptr_array_add (self->session->participants, ck_participant_new (role_at (position), NULL));
  rebuild_participants (self);
  mark_changed (self);
}

static void
remove_participant_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  CkSessionEditor *self = CK_SESSION_EDITOR (widget);
  guint index = g_variant_get_uint32 (parameter);

  collect_quietly (self);
  if (index >= self->session->participants->len)
    return;
  g_ptr_array_remove_index (self->session->participants, index);
  rebuild_participants (self);
  mark_changed (self);
}

static void
clear_removed (CkSessionEditor *self)
{
  switch (self->removed_kind)
    {
    case REMOVED_ITEM:
      ck_agenda_item_free (self->removed);
      break;
    case REMOVED_LESSON:
      ck_session_lesson_free (self->removed);
      break;
    case REMOVED_ACTION:
      ck_session_action_free (self->removed);
      break;
    case REMOVED_NOTHING:
    default:
      break;
    }

  self->removed_kind = REMOVED_NOTHING;
  self->removed = NULL;
}

/* Takes element @index out of @array and keeps it for Undo. */
static void
remove_with_undo (CkSessionEditor *self,
                  GPtrArray       *array,
                  guint            index,
                  RemovedKind      kind,
                  const char      *message)
{
  clear_removed (self);
  self->removed = g_ptr_array_steal_index (array, index);
  self->removed_kind = kind;
  self->removed_index = index;
  mark_changed (self);

  g_signal_emit (self, signals[TOAST], 0, message, TRUE);
}

/* Puts back what the last removal took, if the form still shows it. */
void
ck_session_editor_undo_remove (CkSessionEditor *self)
{
  GPtrArray *array;

  g_return_if_fail (CK_IS_SESSION_EDITOR (self));

  switch (self->removed_kind)
    {
    case REMOVED_ITEM:
      array = self->session->items;
      break;
    case REMOVED_LESSON:
      array = self->session->lessons;
      break;
    case REMOVED_ACTION:
      array = self->session->actions;
      break;
    case REMOVED_NOTHING:
    default:
      return;
    }

  collect_quietly (self);
  g_ptr_array_insert (array, MIN (self->removed_index, array->len), g_steal_pointer (&self->removed));
  if (self->removed_kind == REMOVED_ITEM)
    rebuild_items (self);
  else if (self->removed_kind == REMOVED_LESSON)
    rebuild_lessons (self);
  else
    rebuild_actions (self);
  self->removed_kind = REMOVED_NOTHING;
}

static void
remove_item_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CkSessionEditor *self = CK_SESSION_EDITOR (widget);
  guint index = g_variant_get_uint32 (parameter);

  collect_quietly (self);
  if (index >= self->session->items->len)
    return;
  remove_with_undo (self, self->session->items, index, REMOVED_ITEM,
                    _("Removed from the agenda; its notes go when the session is saved"));
  rebuild_items (self);
}

static void
move_item (CkSessionEditor *self,
           guint            index,
           int              by)
{
  GPtrArray *items = self->session->items;
  gpointer item;

  collect_quietly (self);
  if (index >= items->len || (int) index + by < 0 || index + by >= items->len)
    return;

  item = g_ptr_array_steal_index (items, index);
  g_ptr_array_insert (items, index + by, item);
  rebuild_items (self);
  mark_changed (self);
}

static void
item_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  move_item (CK_SESSION_EDITOR (widget), g_variant_get_uint32 (parameter), -1);
}

static void
item_down_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  move_item (CK_SESSION_EDITOR (widget), g_variant_get_uint32 (parameter), 1);
}

static gboolean
on_agenda (CkSessionEditor    *self,
           const CkAgendaItem *item)
{
  for (guint i = 0; i < self->session->items->len; i++)
    {
      const CkAgendaItem *other = self->session->items->pdata[i];

      if (other->kind != item->kind)
        continue;
      if (item->kind == CK_AGENDA_CASE && other->case_id == item->case_id)
        return TRUE;
      if (item->kind == CK_AGENDA_THEME && g_strcmp0 (other->theme_list, item->theme_list) == 0 &&
          g_strcmp0 (other->theme_code, item->theme_code) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
append_item (CkSessionEditor *self,
             CkAgendaItem    *item)
{
  g_ptr_array_add (self->session->items, item);
  rebuild_items (self);
  mark_changed (self);
}

static void
add_case_cb (CkSessionEditor *self)
{
  g_autofree char *reference = g_ascii_strup (gtk_editable_get_text (GTK_EDITABLE (self->case_entry)), -1);
  g_autoptr(CkCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CkAgendaItem) item = ck_agenda_item_new (CK_AGENDA_CASE);

  g_strstrip (reference);
  kase = ck_register_find_case (self->reg, reference, FALSE, &error);
  if (kase == NULL)
    {
      toast (self, error->message);
      return;
    }

  item->case_id = kase->id;
  item->case_reference = g_strdup (kase->reference);
  collect_quietly (self);
  if (on_agenda (self, item))
    {
      toast (self, _("This case is on the agenda already"));
      return;
    }

  append_item (self, g_steal_pointer (&item));
  gtk_editable_set_text (GTK_EDITABLE (self->case_entry), "");
  gtk_menu_button_popdown (self->add_case_button);
}

static void
add_case_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  add_case_cb (CK_SESSION_EDITOR (widget));
}

/* Fills the theme choices: every ground, manifestation and channel, and,
 * once @counts are there, the teams with cases in the session's period,
 * all with their numbers of cases. */
static void
fill_themes (CkSessionEditor *self,
             GPtrArray       *counts)
{
  CkVocabulary *vocabulary = ck_vocabulary_get_default ();
  const char *lists[] = { CK_VOCAB_GROUNDS, CK_VOCAB_MANIFESTATIONS, CK_VOCAB_CHANNELS };
  g_autoptr(GtkStringList) choices = gtk_string_list_new ((const char *[]) { _("Choose a theme…"), NULL });
  guint selected = gtk_drop_down_get_selected (self->theme_dropdown);

  g_ptr_array_set_size (self->theme_filters, 0);
  g_ptr_array_add (self->theme_filters, g_strdup (""));

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      GPtrArray *terms = ck_vocabulary_get_terms (vocabulary, lists[l]);

      for (guint i = 0; i < terms->len; i++)
        {
          const CkTerm *term = terms->pdata[i];
          g_autoptr(CkAgendaItem) theme = ck_agenda_item_new (CK_AGENDA_THEME);
          const CkPeriodCount *count = counts != NULL ? ck_session_stats_find (counts, lists[l], term->code) : NULL;
          g_autofree char *title = NULL;
          g_autofree char *label = NULL;

          theme->theme_list = g_strdup (lists[l]);
          theme->theme_code = g_strdup (term->code);
          title = ck_agenda_item_dup_title (theme);
          /* Translators: a theme and its number of cases in the period. */
          label = counts != NULL ? g_strdup_printf (_("%s (%u)"), title, count != NULL ? count->current : 0)
                                 : g_strdup (title);
          gtk_string_list_append (choices, label);
          g_ptr_array_add (self->theme_filters, ck_session_stats_make_filter (lists[l], term->code));
        }
    }

  for (guint i = 0; counts != NULL && i < counts->len; i++)
    {
      const CkPeriodCount *count = counts->pdata[i];
      g_autofree char *label = NULL;

      if (g_strcmp0 (count->list, CK_THEME_TEAM) != 0)
        continue;
      label = g_strdup_printf (_("Team: %s (%u)"), count->code, count->current);
      gtk_string_list_append (choices, label);
      g_ptr_array_add (self->theme_filters, ck_session_stats_make_filter (CK_THEME_TEAM, count->code));
    }

  gtk_drop_down_set_model (self->theme_dropdown, G_LIST_MODEL (choices));
  if (selected != GTK_INVALID_LIST_POSITION && selected < self->theme_filters->len)
    gtk_drop_down_set_selected (self->theme_dropdown, selected);
}

static void
count_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *counts = ck_sessions_count_period (source_object, task_data, &error);

  if (counts != NULL)
    g_task_return_pointer (task, counts, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

static void
counted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CkSessionEditor) self = user_data;
  g_autoptr(GPtrArray) counts = g_task_propagate_pointer (G_TASK (result), NULL);

  /* Without the counts the choices are there all the same. */
  if (counts != NULL)
    fill_themes (self, counts);
}

/* The choices come at once; their counts (a scan of the period's cases)
 * follow from a thread. */
static void
theme_popover_show_cb (CkSessionEditor *self)
{
  g_autoptr(GTask) task = NULL;

  fill_themes (self, NULL);
  if (!ck_date_is_set (&self->session->date))
    return;

  task = g_task_new (self->reg, self->cancellable, counted_cb, g_object_ref (self));
  g_task_set_source_tag (task, theme_popover_show_cb);
  g_task_set_task_data (task, g_memdup2 (&self->session->date, sizeof (GDate)), g_free);
  g_task_run_in_thread (task, count_thread);
}

static gboolean
selected_theme (CkSessionEditor  *self,
                char            **list,
                char            **code)
{
  guint selected = gtk_drop_down_get_selected (self->theme_dropdown);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->theme_filters->len)
    return FALSE;

  return ck_session_stats_parse_filter (self->theme_filters->pdata[selected], list, code);
}

static void
add_theme_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CkSessionEditor *self = CK_SESSION_EDITOR (widget);
  g_autoptr(CkAgendaItem) item = ck_agenda_item_new (CK_AGENDA_THEME);

  if (!selected_theme (self, &item->theme_list, &item->theme_code))
    {
      toast (self, _("Choose a ground, manifestation, channel or team first"));
      return;
    }

  collect_quietly (self);
  if (on_agenda (self, item))
    {
      toast (self, _("This theme is on the agenda already"));
      return;
    }

  append_item (self, g_steal_pointer (&item));
  gtk_menu_button_popdown (self->add_theme_button);
}

static void
add_pattern_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CkSessionEditor *self = CK_SESSION_EDITOR (widget);
  g_autoptr(CkAgendaItem) item = ck_agenda_item_new (CK_AGENDA_PATTERN);
  g_autofree char *list = NULL;
  g_autofree char *code = NULL;

  item->description = entry_text (GTK_EDITABLE (self->pattern_entry));
  if (item->description == NULL)
    {
      toast (self, _("Describe the pattern first"));
      return;
    }

  /* The theme chosen, if any, is the figure the pattern refers to. */
  if (selected_theme (self, &list, &code))
    {
      item->filter = ck_session_stats_make_filter (list, code);
      item->figure = g_strdup ("period-counts");
    }

  collect_quietly (self);
  append_item (self, g_steal_pointer (&item));
  gtk_editable_set_text (GTK_EDITABLE (self->pattern_entry), "");
  gtk_menu_button_popdown (self->add_theme_button);
}

static void
suggest_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CkSessionEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = ck_sessions_suggest_finish (CK_REGISTER (object), result, &error);
  g_autofree char *message = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.suggest", TRUE);
  if (items == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }

  if (items->len == 0)
    {
      toast (self, _("Nothing more to suggest for this period"));
      return;
    }

  collect_quietly (self);
  for (guint i = 0; i < items->len; i++)
    if (!on_agenda (self, items->pdata[i]))
      g_ptr_array_add (self->session->items, ck_agenda_item_copy (items->pdata[i]));
  rebuild_items (self);
  mark_changed (self);

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item suggested", "%u items suggested", items->len),
                             items->len);
  toast (self, message);
}

static void
suggest_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CkSessionEditor *self = CK_SESSION_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (!collect (self, &error))
    {
      toast (self, error->message);
      return;
    }

  gtk_widget_action_set_enabled (widget, "editor.suggest", FALSE);
  ck_sessions_suggest_async (self->reg, self->session, self->cancellable, suggest_done, g_object_ref (self));
}

static void
add_lesson_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CkSessionEditor *self = CK_SESSION_EDITOR (widget);
  LessonRow *record;

  collect_quietly (self);
  g_ptr_array_add (self->session->lessons, ck_session_lesson_new ());
  rebuild_lessons (self);
  mark_changed (self);

  record = g_ptr_array_index (self->lesson_rows, self->lesson_rows->len - 1);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (record->row), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (record->title));
}

static void
remove_lesson_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CkSessionEditor *self = CK_SESSION_EDITOR (widget);
  guint index = g_variant_get_uint32 (parameter);

  collect_quietly (self);
  if (index >= self->session->lessons->len)
    return;
  remove_with_undo (self, self->session->lessons, index, REMOVED_LESSON, _("Lesson removed"));
  rebuild_lessons (self);
}

static void
add_action_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CkSessionEditor *self = CK_SESSION_EDITOR (widget);
  ActionRow *record;

  collect_quietly (self);
  g_ptr_array_add (self->session->actions, ck_session_action_new (NULL, "coordinator", NULL));
  rebuild_actions (self);
  mark_changed (self);

  record = g_ptr_array_index (self->action_rows, self->action_rows->len - 1);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (record->row), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (record->description));
}

static void
remove_action_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CkSessionEditor *self = CK_SESSION_EDITOR (widget);
  guint index = g_variant_get_uint32 (parameter);

  collect_quietly (self);
  if (index >= self->session->actions->len)
    return;
  remove_with_undo (self, self->session->actions, index, REMOVED_ACTION, _("Action removed"));
  rebuild_actions (self);
}

static void
carried_done_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CkSessionEditor *self = CK_SESSION_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (!ck_sessions_set_action_status (self->reg, g_variant_get_int64 (parameter), CK_ACTION_DONE, &error))
    toast (self, error->message);
  rebuild_carried (self);
}

/* Saving */

static void
reload_saved (CkSessionEditor *self,
              gint64           id)
{
  g_autoptr(CkSession) saved = NULL;
  g_autoptr(GError) error = NULL;

  saved = ck_sessions_load (self->reg, id, TRUE, &error);
  if (saved == NULL)
    {
      toast (self, error->message);
      return;
    }

  ck_session_editor_edit (self, saved);
}

static void
save_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CkSessionEditor *self = g_task_get_source_object (task);
  g_autoptr(CkSession) saved = NULL;
  GError *error = NULL;

  saved = ck_sessions_save_finish (CK_REGISTER (object), result, &error);
  if (saved == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Rebuilt from what is stored: new items get their note fields. */
  reload_saved (self, saved->id);
  g_signal_emit (self, signals[SAVED], 0, saved->id);
  g_task_return_boolean (task, TRUE);
}

/**
 * ck_session_editor_save_async:
 *
 * Saves the form; the form then shows the session as stored. An error is
 * one for the person using the form (a date that is not a date, a field
 * the register refuses).
 */
void
ck_session_editor_save_async (CkSessionEditor     *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (CK_IS_SESSION_EDITOR (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ck_session_editor_save_async);

  if (self->session == NULL || !collect (self, &error))
    {
      if (error == NULL)
        error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no session to save"));
      g_task_return_error (task, error);
      return;
    }

  ck_sessions_save_async (self->reg, self->session, cancellable, save_done, g_steal_pointer (&task));
}

gboolean
ck_session_editor_save_finish (CkSessionEditor  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Releasing a lesson: save, build the check with the register's names,
 * check, show what was found or ask for the explicit release. */

typedef struct
{
  CkSessionEditor *editor;
  guint            index;
  gint64           lesson_id;
  CkTextCheck     *check;
} Release;

static void
release_free (Release *release)
{
  g_clear_object (&release->editor);
  g_clear_object (&release->check);
  g_free (release);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Release, release_free)

static const char *
field_label (const char *field)
{
  if (g_strcmp0 (field, "title") == 0)
    return _("In the title");
  if (g_strcmp0 (field, "theme") == 0)
    return _("In the theme");
  return _("In the text");
}

static void
release_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     Release          *release)
{
  CkSessionEditor *self = release->editor;
  g_autoptr(GError) error = NULL;
  GDate today;

  if (g_strcmp0 (response, "release") != 0)
    return;

  ck_date_set_today (&today);
  if (!ck_sessions_release_lesson (self->reg, release->lesson_id, release->check, &today, &error))
    {
      toast (self, error->message);
      return;
    }

  toast (self, _("Lesson released; the next synchronisation publishes it"));
  reload_saved (self, self->session->id);
}

static void
ask_release (CkSessionEditor       *self,
             Release               *release,
             const CkSessionLesson *lesson,
             GPtrArray             *findings)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GString) body = g_string_new (NULL);
  AdwMessageDialog *dialog;

  if (findings->len > 0)
    {
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                           _("The Lesson Cannot Be Released Yet"), NULL));
      g_string_append (body, _("Lessons travel to every unit, so they must not say who was involved. Change these and try again:"));
      for (guint i = 0; i < findings->len; i++)
        {
          const CkLessonFinding *finding = findings->pdata[i];

          /* Translators: a finding of the text check: "In the text: A
           * name from the register: “Fatima”". */
          g_string_append_printf (body, _("\n• %s: %s: “%s”"), field_label (finding->field),
                                  ck_text_finding_describe (finding->finding), finding->finding->excerpt);
        }
      adw_message_dialog_add_response (dialog, "close", _("_Change the Lesson"));
    }
  else
    {
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                           _("Release the Lesson for Every Unit?"), NULL));
      /* Translators: %s is the lesson's title. */
      g_string_printf (body, _("“%s” will be published with the unit’s anonymised records at the next synchronisation, "
                               "and every unit and the national coordinator can read it. You can withdraw it later."),
                       lesson->title);
      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "release", _("_Release"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "release", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "cancel");
      g_signal_connect_data (dialog, "response", G_CALLBACK (release_response_cb),
                             g_steal_pointer (&release), (GClosureNotify) release_free, 0);
    }

  adw_message_dialog_set_body (dialog, body->str);
  gtk_window_present (GTK_WINDOW (dialog));
  g_clear_pointer (&release, release_free);
}

static void
release_check_done (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(Release) release = user_data;
  CkSessionEditor *self = release->editor;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  const CkSessionLesson *lesson;

  release->check = ck_text_check_cache_get_finish (CK_TEXT_CHECK_CACHE (object), result, &error);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.release-lesson", TRUE);
  if (release->check == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }

  if (release->index >= self->session->lessons->len)
    return;
  lesson = self->session->lessons->pdata[release->index];
  if (lesson->id != release->lesson_id)
    return;

  findings = ck_sessions_check_lesson (lesson, release->check);
  ask_release (self, g_steal_pointer (&release), lesson, findings);
}

static void
release_saved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Release) release = user_data;
  CkSessionEditor *self = release->editor;
  g_autoptr(GError) error = NULL;
  const CkSessionLesson *lesson;

  if (!ck_session_editor_save_finish (self, result, &error))
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.release-lesson", TRUE);
      toast (self, error->message);
      return;
    }

  lesson = self->session->lessons->pdata[release->index];
  release->lesson_id = lesson->id;
  if (!ck_text_check_cache_is_ready (self->checks))
    toast (self, _("Checking the lesson for names, numbers and dates…"));
  ck_text_check_cache_get_async (self->checks, self->cancellable, release_check_done, g_steal_pointer (&release));
}

static void
release_lesson_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CkSessionEditor *self = CK_SESSION_EDITOR (widget);
  Release *release;
  guint index = g_variant_get_uint32 (parameter);

  if (index >= self->session->lessons->len)
    return;

  release = g_new0 (Release, 1);
  release->editor = g_object_ref (self);
  release->index = index;
  gtk_widget_action_set_enabled (widget, "editor.release-lesson", FALSE);

  /* What is checked and released is what is stored. */
  ck_session_editor_save_async (self, self->cancellable, release_saved_cb, release);
}

static void
withdraw_lesson_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CkSessionEditor *self = CK_SESSION_EDITOR (widget);
  guint index = g_variant_get_uint32 (parameter);
  g_autoptr(GError) error = NULL;
  const CkSessionLesson *lesson;

  if (index >= self->session->lessons->len)
    return;

  collect_quietly (self);
  lesson = self->session->lessons->pdata[index];
  if (!ck_sessions_withdraw_lesson (self->reg, lesson->id, &error))
    {
      toast (self, error->message);
      return;
    }

  toast (self, _("Lesson withdrawn; the next synchronisation retracts it"));
  ((CkSessionLesson *) self->session->lessons->pdata[index])->state = CK_LESSON_WITHDRAWN;
  rebuild_lessons (self);
}

static void
ck_session_editor_dispose (GObject *object)
{
  CkSessionEditor *self = (CkSessionEditor *)object;

  g_cancellable_cancel (self->cancellable);
  /* No gtk_widget_dispose_template(): AdwBin unparents its child. */

  G_OBJECT_CLASS (ck_session_editor_parent_class)->dispose (object);
}

static void
ck_session_editor_finalize (GObject *object)
{
  CkSessionEditor *self = (CkSessionEditor *)object;

  clear_removed (self);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->checks);
  g_clear_object (&self->reg);
  g_clear_pointer (&self->session, ck_session_free);
  g_clear_pointer (&self->participant_rows, g_ptr_array_unref);
  g_clear_pointer (&self->item_rows, g_ptr_array_unref);
  g_clear_pointer (&self->lesson_rows, g_ptr_array_unref);
  g_clear_pointer (&self->action_rows, g_ptr_array_unref);
  g_clear_pointer (&self->carried_rows, g_ptr_array_unref);
  g_clear_pointer (&self->theme_filters, g_ptr_array_unref);

  G_OBJECT_CLASS (ck_session_editor_parent_class)->finalize (object);
}

static void
ck_session_editor_class_init (CkSessionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ck_session_editor_dispose;
  object_class->finalize = ck_session_editor_finalize;

  /**
   * CkSessionEditor::changed:
   *
   * The form now differs from the stored session.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * CkSessionEditor::saved:
   * @id: the session's id
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * CkSessionEditor::toast:
   * @message: what to tell the person
   * @undoable: whether ck_session_editor_undo_remove() undoes it
   *
   * Something to show for a moment, in the page's toasts.
   */
  signals[TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);

  g_type_ensure (CK_TYPE_DATE_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ck-session-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CkSessionEditor, preferences_page);
  gtk_widget_class_bind_template_child (widget_class, CkSessionEditor, retention_group);
  gtk_widget_class_bind_template_child (widget_class, CkSessionEditor, retention_row);
  gtk_widget_class_bind_template_child (widget_class, CkSessionEditor, date_row);
  gtk_widget_class_bind_template_child (widget_class, CkSessionEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, CkSessionEditor, method_row);
  gtk_widget_class_bind_template_child (widget_class, CkSessionEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, CkSessionEditor, participants_group);
  gtk_widget_class_bind_template_child (widget_class, CkSessionEditor, carried_group);
  gtk_widget_class_bind_template_child (widget_class, CkSessionEditor, agenda_group);
  gtk_widget_class_bind_template_child (widget_class, CkSessionEditor, case_entry);
  gtk_widget_class_bind_template_child (widget_class, CkSessionEditor, add_case_button);
  gtk_widget_class_bind_template_child (widget_class, CkSessionEditor, add_theme_button);
  gtk_widget_class_bind_template_child (widget_class, CkSessionEditor, theme_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CkSessionEditor, pattern_entry);
  gtk_widget_class_bind_template_child (widget_class, CkSessionEditor, patterns_row);
  gtk_widget_class_bind_template_child (widget_class, CkSessionEditor, lessons_group);
  gtk_widget_class_bind_template_child (widget_class, CkSessionEditor, actions_group);
  gtk_widget_class_bind_template_callback (widget_class, add_case_cb);

  gtk_widget_class_install_action (widget_class, "editor.add-participant", NULL, add_participant_action);
  gtk_widget_class_install_action (widget_class, "editor.remove-participant", "u", remove_participant_action);
  gtk_widget_class_install_action (widget_class, "editor.suggest", NULL, suggest_action);
  gtk_widget_class_install_action (widget_class, "editor.add-case", NULL, add_case_action);
  gtk_widget_class_install_action (widget_class, "editor.add-theme", NULL, add_theme_action);
  gtk_widget_class_install_action (widget_class, "editor.add-pattern", NULL, add_pattern_action);
  gtk_widget_class_install_action (widget_class, "editor.remove-item", "u", remove_item_action);
  gtk_widget_class_install_action (widget_class, "editor.item-up", "u", item_up_action);
  gtk_widget_class_install_action (widget_class, "editor.item-down", "u", item_down_action);
  gtk_widget_class_install_action (widget_class, "editor.add-lesson", NULL, add_lesson_action);
  gtk_widget_class_install_action (widget_class, "editor.remove-lesson", "u", remove_lesson_action);
  gtk_widget_class_install_action (widget_class, "editor.release-lesson", "u", release_lesson_action);
  gtk_widget_class_install_action (widget_class, "editor.withdraw-lesson", "u", withdraw_lesson_action);
  gtk_widget_class_install_action (widget_class, "editor.add-action", NULL, add_action_action);
  gtk_widget_class_install_action (widget_class, "editor.remove-action", "u", remove_action_action);
  gtk_widget_class_install_action (widget_class, "editor.carried-done", "x", carried_done_action);
}

static void
ck_session_editor_init (CkSessionEditor *self)
{
  GPtrArray *methods = ck_methods_get_all (ck_methods_get_default ());
  g_autoptr(GtkStringList) method_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) status_names = gtk_string_list_new ((const char *[]) { _("Planned"), _("Held"), NULL });
  GtkPopover *popover;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->participant_rows = g_ptr_array_new_with_free_func (g_free);
  self->item_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) item_row_free);
  self->lesson_rows = g_ptr_array_new_with_free_func (g_free);
  self->action_rows = g_ptr_array_new_with_free_func (g_free);
  self->carried_rows = g_ptr_array_new ();
  self->theme_filters = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < methods->len; i++)
    gtk_string_list_append (method_names, ((CkMethod *) methods->pdata[i])->title);
  adw_combo_row_set_model (self->method_row, G_LIST_MODEL (method_names));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (status_names));

  track (self, ck_date_row_get_editable (self->date_row), "changed");
  g_signal_connect_object (ck_date_row_get_editable (self->date_row), "changed",
                           G_CALLBACK (date_changed_cb), self, G_CONNECT_SWAPPED);
  track (self, self->title_row, "changed");
  track (self, self->method_row, "notify::selected");
  g_signal_connect_object (self->method_row, "notify::selected", G_CALLBACK (method_changed_cb), self, G_CONNECT_SWAPPED);
  track (self, self->status_row, "notify::selected");
  track (self, self->patterns_row, "changed");

  popover = gtk_menu_button_get_popover (self->add_theme_button);
  g_signal_connect_object (popover, "show", G_CALLBACK (theme_popover_show_cb), self, G_CONNECT_SWAPPED);
}

/* The retention term may erase the names and notes of the session shown
 * (the window applies it just after unlocking): the form then shows the
 * session as it is now, unless it holds changes, which saving refuses. */
static void
register_changed_cb (CkSessionEditor *self)
{
  g_autoptr(CkSession) stored = NULL;

  if (self->session == NULL || self->session->id == 0 || self->changed || is_erased (self))
    return;

  stored = ck_sessions_load (self->reg, self->session->id, FALSE, NULL);
  if (stored != NULL && ck_date_is_set (&stored->personal_data_erased_on))
    reload_saved (self, self->session->id);
}

/* @checks: where the text check with the register's names is had */
void
ck_session_editor_set_register (CkSessionEditor  *self,
                                CkRegister       *reg,
                                CkTextCheckCache *checks)
{
  g_return_if_fail (CK_IS_SESSION_EDITOR (self));

  if (self->reg != NULL)
    g_signal_handlers_disconnect_by_data (self->reg, self);
  g_set_object (&self->reg, reg);
  g_set_object (&self->checks, checks);
  if (reg != NULL)
    g_signal_connect_object (reg, "changed", G_CALLBACK (register_changed_cb), self, G_CONNECT_SWAPPED);
}

/**
 * ck_session_editor_edit:
 * @session: the session to show, loaded with its confidential values (or
 *   new); copied
 */
void
ck_session_editor_edit (CkSessionEditor *self,
                        const CkSession *session)
{
  GPtrArray *methods = ck_methods_get_all (ck_methods_get_default ());
  g_autofree char *patterns = NULL;

  g_return_if_fail (CK_IS_SESSION_EDITOR (self));
  g_return_if_fail (self->reg != NULL);

  self->loading = TRUE;
  clear_removed (self);
  g_clear_pointer (&self->session, ck_session_free);
  self->session = ck_session_copy (session);

  ck_date_row_set_date (self->date_row, &session->date);
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), session->title != NULL ? session->title : "");
  for (guint i = 0; i < methods->len; i++)
    if (g_strcmp0 (((CkMethod *) methods->pdata[i])->id, session->method) == 0)
      adw_combo_row_set_selected (self->method_row, i);
  adw_combo_row_set_selected (self->status_row, g_strcmp0 (session->status, CK_SESSION_HELD) == 0 ? 1 : 0);
  patterns = g_strjoinv (", ", session->patterns);
  gtk_editable_set_text (GTK_EDITABLE (self->patterns_row), patterns);

  update_retention (self);
  rebuild_participants (self);
  rebuild_carried (self);
  rebuild_items (self);
  rebuild_lessons (self);
  rebuild_actions (self);
  update_period (self);

  self->loading = FALSE;
  self->changed = session->id == 0;
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Returns: (transfer none) (nullable): the session as last loaded or
 * saved; the form may differ */
const CkSession *
ck_session_editor_get_session (CkSessionEditor *self)
{
  g_return_val_if_fail (CK_IS_SESSION_EDITOR (self), NULL);

  return self->session;
}

gboolean
ck_session_editor_is_changed (CkSessionEditor *self)
{
  g_return_val_if_fail (CK_IS_SESSION_EDITOR (self), FALSE);

  return self->changed;
}

/**
 * ck_session_editor_get_row:
 * @kind: "participant", "item", "lesson" or "action"
 * @field: "row"; "role" or "name"; "note:STEP" or "about:STEP"; "title",
 *   "text", "theme", "grounds" or "manifestations"; "description",
 *   "owner", "due" or "status"
 *
 * Returns: (transfer none) (nullable): the widget, for tests; an item's
 *   row is unfolded, which makes its note fields
 */
GtkWidget *
ck_session_editor_get_row (CkSessionEditor *self,
                           const char      *kind,
                           guint            index,
                           const char      *field)
{
  g_return_val_if_fail (CK_IS_SESSION_EDITOR (self), NULL);

  if (g_str_equal (kind, "participant") && index < self->participant_rows->len)
    {
      ParticipantRow *record = self->participant_rows->pdata[index];

      return g_str_equal (field, "role") ? GTK_WIDGET (record->role)
           : g_str_equal (field, "name") ? GTK_WIDGET (record->name) : record->row;
    }
  if (g_str_equal (kind, "item") && index < self->item_rows->len)
    {
      ItemRow *record = self->item_rows->pdata[index];

      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (record->row), TRUE);
      if (g_str_has_prefix (field, "note:"))
        return g_hash_table_lookup (record->notes, field + 5);
      if (g_str_has_prefix (field, "about:"))
        return g_hash_table_lookup (record->abouts, field + 6);
      return record->row;
    }
  if (g_str_equal (kind, "lesson") && index < self->lesson_rows->len)
    {
      LessonRow *record = self->lesson_rows->pdata[index];

      return g_str_equal (field, "title") ? GTK_WIDGET (record->title)
           : g_str_equal (field, "text") ? GTK_WIDGET (record->text)
           : g_str_equal (field, "theme") ? GTK_WIDGET (record->theme)
           : g_str_equal (field, "grounds") ? GTK_WIDGET (record->grounds)
           : g_str_equal (field, "manifestations") ? GTK_WIDGET (record->manifestations) : record->row;
    }
  if (g_str_equal (kind, "action") && index < self->action_rows->len)
    {
      ActionRow *record = self->action_rows->pdata[index];

      return g_str_equal (field, "description") ? GTK_WIDGET (record->description)
           : g_str_equal (field, "owner") ? GTK_WIDGET (record->owner)
           : g_str_equal (field, "due") ? GTK_WIDGET (record->due)
           : g_str_equal (field, "status") ? GTK_WIDGET (record->status) : record->row;
    }

  return NULL;
}
