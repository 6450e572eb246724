/* ck-meeting-window.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ck-meeting-facts.h"
#include "ck-date.h"
#include "ck-meeting-window.h"
#include "ck-methods.h"

/* The screen walks the plan: an opening screen (the session, its roles
 * and the open actions of earlier sessions), then every method step of
 * every agenda item, then a closing screen. Each step has a timer of its
 * own that runs while the step is shown and can be paused. */

#define OPENING (-1)

struct _CkMeetingWindow
{
  AdwWindow         parent_instance;

  CkMeetingPlan    *plan;
  int               item;          /* OPENING, an item, or n_items: closing */
  guint             step;
  int               facts_item;    /* whose facts the grid shows */
  guint            *elapsed;       /* seconds, per item and step */
  gboolean          timer_paused;
  guint             tick_source;
  gboolean          reached_end;

  AdwToastOverlay  *toast_overlay;
  GtkWidget        *screen_box;
  GtkLabel         *position_label;
  GtkLabel         *timer_label;
  GtkWidget        *opening_page;
  GtkWidget        *step_page;
  GtkWidget        *closing_page;
  GtkLabel         *opening_title;
  GtkLabel         *opening_subtitle;
  GtkLabel         *method_label;
  GtkLabel         *roles_label;
  GtkWidget        *actions_heading;
  GtkBox           *actions_box;
  GtkLabel         *item_title;
  GtkLabel         *item_subtitle;
  GtkLabel         *step_title;
  GtkLabel         *step_text;
  GtkLabel         *counts_label;
  GtkBox           *facts_box;
  GtkSizeGroup     *fact_labels;
  GtkRevealer      *notes_revealer;
  GtkLabel         *notes_heading;
  GtkTextView      *notes_view;
  GtkCheckButton   *about_person_check;
};

G_DEFINE_FINAL_TYPE (CkMeetingWindow, ck_meeting_window, ADW_TYPE_WINDOW)

enum {
  NOTE_ADDED,
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint
n_items (CkMeetingWindow *self)
{
  return self->plan->items->len;
}

static guint
n_steps (CkMeetingWindow *self)
{
  return self->plan->method->n_steps;
}

static gboolean
on_step (CkMeetingWindow *self)
{
  return self->item >= 0 && (guint) self->item < n_items (self);
}

static const char *
withheld (void)
{
  return _("(withheld: it may name a person)");
}

static GtkWidget *
make_label (const char *text,
            const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, style);
  return label;
}

static void
remove_children (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

/* One screen at a time. Not a GtkStack: it makes a child with wrapped
 * text as wide as that text needs to fit its height, wider than the
 * screen when a step has much to show. */
static void
show_page (CkMeetingWindow *self,
           GtkWidget       *page)
{
  gtk_widget_set_visible (self->opening_page, page == self->opening_page);
  gtk_widget_set_visible (self->step_page, page == self->step_page);
  gtk_widget_set_visible (self->closing_page, page == self->closing_page);
}

static char *
format_minutes (guint seconds)
{
  return g_strdup_printf ("%02u:%02u", seconds / 60, seconds % 60);
}

static void
update_timer (CkMeetingWindow *self)
{
  g_autofree char *shown = NULL;
  g_autofree char *allowed = NULL;
  g_autofree char *text = NULL;
  guint seconds, limit;

  if (!on_step (self))
    {
      gtk_label_set_text (self->timer_label, "");
      return;
    }

  seconds = self->elapsed[self->item * n_steps (self) + self->step];
  limit = self->plan->method->steps[self->step].minutes * 60;
  shown = format_minutes (seconds);
  allowed = format_minutes (limit);
  /* Translators: the step timer: time taken / time given; "paused" after
   * it when it does not run. */
  text = self->timer_paused ? g_strdup_printf (_("%s / %s (paused)"), shown, allowed)
                            : g_strdup_printf (_("%s / %s"), shown, allowed);
  gtk_label_set_text (self->timer_label, text);

  if (seconds > limit)
    gtk_widget_add_css_class (GTK_WIDGET (self->timer_label), "overtime");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->timer_label), "overtime");
}

static gboolean
tick_cb (gpointer data)
{
  CkMeetingWindow *self = data;

  if (on_step (self) && !self->timer_paused)
    {
      self->elapsed[self->item * n_steps (self) + self->step]++;
      update_timer (self);
    }

  return G_SOURCE_CONTINUE;
}

static void
show_opening (CkMeetingWindow *self)
{
  CkMethods *methods = ck_methods_get_default ();
  const CkMeetingPlan *plan = self->plan;
  g_autoptr(GString) roles = g_string_new (NULL);
  g_autofree char *date = ck_date_format_user (&plan->date);
  g_autofree char *from = ck_date_format_user (&plan->period_from);
  g_autofree char *to = ck_date_format_user (&plan->period_to);
  g_autofree char *subtitle = NULL;
  g_autofree char *method = NULL;
  g_autofree char *roles_text = NULL;

  gtk_label_set_text (self->opening_title, plan->title != NULL ? plan->title : withheld ());
  /* Translators: under the title of the meeting screen: the date and the
   * period the session looks back on. */
  subtitle = g_strdup_printf (_("%s · cases of %s to %s"), date, from, to);
  gtk_label_set_text (self->opening_subtitle, subtitle);
  /* Translators: the method of the session, and what it is. */
  method = g_strdup_printf (_("Method: %s. %s"), plan->method->title,
                            plan->method->description != NULL ? plan->method->description : "");
  gtk_label_set_text (self->method_label, method);

  for (guint i = 0; plan->roles[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (roles, ", ");
      g_string_append (roles, ck_methods_get_role_label (methods, plan->roles[i]));
    }
  /* Translators: the roles of those present, never their names. */
  roles_text = roles->len > 0 ? g_strdup_printf (_("Present: %s"), roles->str) : NULL;
  gtk_label_set_text (self->roles_label, roles_text != NULL ? roles_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->roles_label), roles_text != NULL);

  remove_children (self->actions_box);
  gtk_widget_set_visible (self->actions_heading, plan->open_actions->len > 0);
  for (guint i = 0; i < plan->open_actions->len; i++)
    {
      const CkMeetingAction *action = plan->open_actions->pdata[i];
      g_autofree char *due = ck_date_format_user (&action->due);
      g_autofree char *line = NULL;
      const char *role = ck_methods_get_role_label (methods, action->owner_role);
      const char *what = action->description != NULL ? action->description : withheld ();

      if (ck_date_is_set (&action->due))
        /* Translators: an open action: what, its owner's role, its due date. */
        line = g_strdup_printf (_("• %s — %s, due %s"), what, role, due);
      else
        /* Translators: an open action without a due date: what, its owner's role. */
        line = g_strdup_printf (_("• %s — %s"), what, role);
      gtk_box_append (self->actions_box, make_label (line, "meeting-text"));
    }

  gtk_label_set_text (self->position_label, _("Opening"));
  show_page (self, self->opening_page);
}

/* The facts of a case beside the step: a projector is wide, not tall. */
static void
show_facts (CkMeetingWindow   *self,
            const CkMeetingFacts *facts)
{
  g_autoptr(GPtrArray) rows = ck_meeting_facts_get_rows (facts, TRUE);

  for (guint i = 0; i < rows->len; i++)
    {
      const CkFactRow *row = rows->pdata[i];
      GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *label = make_label (row->label, "meeting-fact-label");
      GtkWidget *value = make_label (row->value, "meeting-fact-value");

      /* Short labels on one line, in one column: the values line up. */
      gtk_label_set_wrap (GTK_LABEL (label), FALSE);
      gtk_size_group_add_widget (self->fact_labels, label);
      gtk_widget_set_valign (label, GTK_ALIGN_BASELINE);
      gtk_widget_set_valign (value, GTK_ALIGN_BASELINE);
      gtk_widget_set_hexpand (value, TRUE);
      gtk_box_append (GTK_BOX (line), label);
      gtk_box_append (GTK_BOX (line), value);
      gtk_box_append (self->facts_box, line);
    }
}

static void
show_step (CkMeetingWindow *self)
{
  const CkMeetingItem *item = self->plan->items->pdata[self->item];
  const CkMethodStep *step = &self->plan->method->steps[self->step];
  g_autofree char *position = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *reasons = ck_reasons_describe (item->reasons);

  /* Translators: where the meeting is: "Item 2 of 6 · Step 3 of 10: The
   * moral question". */
  position = g_strdup_printf (_("Item %u of %u · Step %u of %u: %s"),
                              (guint) self->item + 1, n_items (self), self->step + 1, n_steps (self), step->title);
  gtk_label_set_text (self->position_label, position);

  gtk_label_set_text (self->item_title, item->title != NULL ? item->title : withheld ());
  if (item->facts != NULL)
    subtitle = ck_meeting_facts_dup_summary (item->facts);
  else if (item->kind == CK_AGENDA_CASE)
    subtitle = g_strdup (_("This case was erased from the register."));
  if (*reasons != '\0')
    {
      /* Translators: why an item is on the agenda. */
      g_autofree char *why = g_strdup_printf (_("On the agenda because: %s"), reasons);
      char *joined = subtitle != NULL ? g_strconcat (subtitle, "\n", why, NULL) : g_strdup (why);

      g_free (subtitle);
      subtitle = joined;
    }
  gtk_label_set_text (self->item_subtitle, subtitle != NULL ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->item_subtitle), subtitle != NULL);

  gtk_label_set_text (self->step_title, step->title);
  gtk_label_set_text (self->step_text, step->text);

  if (item->has_counts)
    {
      g_autofree char *counts =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u case in this period · %u in the period before",
                                      "%u cases in this period · %u in the period before",
                                      item->current),
                         item->current, item->previous);

      gtk_label_set_text (self->counts_label, counts);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->counts_label), item->has_counts);

  /* The facts stay while the steps of their item go by. */
  if (self->facts_item != self->item)
    {
      remove_children (self->facts_box);
      if (item->facts != NULL)
        show_facts (self, item->facts);
      self->facts_item = self->item;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->facts_box), item->facts != NULL);

  show_page (self, self->step_page);
}

static void
show_closing (CkMeetingWindow *self)
{
  self->reached_end = TRUE;
  gtk_label_set_text (self->position_label, _("Closing"));
  show_page (self, self->closing_page);
}

static void
show_current (CkMeetingWindow *self)
{
  if (self->item == OPENING)
    show_opening (self);
  else if (on_step (self))
    show_step (self);
  else
    show_closing (self);

  update_timer (self);
}

/* Hands what the minute taker typed to whoever keeps notes, and empties
 * the field: nothing typed stays on the screen. */
static void
flush_note (CkMeetingWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  const CkMeetingItem *item;
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));

  if (*text != '\0' && on_step (self))
    {
      item = self->plan->items->pdata[self->item];
      g_signal_emit (self, signals[NOTE_ADDED], 0, item->item_id, self->plan->method->steps[self->step].id,
                     text, gtk_check_button_get_active (self->about_person_check));
    }

  gtk_text_buffer_set_text (buffer, "", -1);
  gtk_check_button_set_active (self->about_person_check, FALSE);
}

static void
close_notes (CkMeetingWindow *self)
{
  flush_note (self);
  gtk_revealer_set_reveal_child (self->notes_revealer, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->notes_revealer), FALSE);
  /* A note handed on must not come back on the projector with Ctrl+Z. */
  gtk_text_buffer_set_enable_undo (gtk_text_view_get_buffer (self->notes_view), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->timer_label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Time taken on this step, and the time it is given"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->notes_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Note of the minute taker"), -1);
  gtk_widget_grab_focus (self->screen_box);
}

static void
go_to (CkMeetingWindow *self,
       int              item,
       guint            step)
{
  if (gtk_revealer_get_reveal_child (self->notes_revealer))
    close_notes (self);

  self->item = CLAMP (item, OPENING, (int) n_items (self));
  self->step = on_step (self) ? MIN (step, n_steps (self) - 1) : 0;
  show_current (self);
}

static void
next_step_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CkMeetingWindow *self = CK_MEETING_WINDOW (widget);

  if (self->item == OPENING)
    go_to (self, 0, 0);
  else if (on_step (self) && self->step + 1 < n_steps (self))
    go_to (self, self->item, self->step + 1);
  else if (on_step (self))
    go_to (self, self->item + 1, 0);
}

static void
previous_step_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CkMeetingWindow *self = CK_MEETING_WINDOW (widget);

  if (on_step (self) && self->step > 0)
    go_to (self, self->item, self->step - 1);
  else if (self->item > 0)
    go_to (self, self->item - 1, n_steps (self) - 1);
  else
    go_to (self, OPENING, 0);
}

static void
next_item_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CkMeetingWindow *self = CK_MEETING_WINDOW (widget);

  go_to (self, self->item + 1, 0);
}

static void
previous_item_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CkMeetingWindow *self = CK_MEETING_WINDOW (widget);

  go_to (self, self->item - 1, 0);
}

static void
toggle_timer_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CkMeetingWindow *self = CK_MEETING_WINDOW (widget);

  self->timer_paused = !self->timer_paused;
  update_timer (self);
}

static void
toggle_notes_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CkMeetingWindow *self = CK_MEETING_WINDOW (widget);
  const CkMethodStep *step;
  g_autofree char *heading = NULL;

  if (gtk_revealer_get_reveal_child (self->notes_revealer))
    {
      close_notes (self);
      return;
    }

  /* A note belongs to a step of an item. */
  if (!on_step (self))
    return;

  step = &self->plan->method->steps[self->step];
  /* Translators: above the minute taker's field; %s is the method step. */
  heading = g_strdup_printf (_("Note for “%s” (minute taker)"), step->title);
  gtk_label_set_text (self->notes_heading, heading);
  gtk_widget_set_visible (GTK_WIDGET (self->notes_revealer), TRUE);
  gtk_revealer_set_reveal_child (self->notes_revealer, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->notes_view));
}

static void
add_note_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CkMeetingWindow *self = CK_MEETING_WINDOW (widget);

  flush_note (self);
}

static void
leave_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CkMeetingWindow *self = CK_MEETING_WINDOW (widget);

  if (gtk_revealer_get_reveal_child (self->notes_revealer))
    close_notes (self);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static gboolean
ck_meeting_window_close_request (GtkWindow *window)
{
  CkMeetingWindow *self = CK_MEETING_WINDOW (window);

  flush_note (self);
  g_clear_handle_id (&self->tick_source, g_source_remove);
  g_signal_emit (self, signals[FINISHED], 0, self->reached_end);

  return GTK_WINDOW_CLASS (ck_meeting_window_parent_class)->close_request (window);
}

static void
ck_meeting_window_dispose (GObject *object)
{
  CkMeetingWindow *self = (CkMeetingWindow *)object;

  g_clear_handle_id (&self->tick_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CK_TYPE_MEETING_WINDOW);

  G_OBJECT_CLASS (ck_meeting_window_parent_class)->dispose (object);
}

static void
ck_meeting_window_finalize (GObject *object)
{
  CkMeetingWindow *self = (CkMeetingWindow *)object;

  g_clear_pointer (&self->plan, ck_meeting_plan_free);
  g_clear_object (&self->fact_labels);
  g_free (self->elapsed);

  G_OBJECT_CLASS (ck_meeting_window_parent_class)->finalize (object);
}

static void
ck_meeting_window_class_init (CkMeetingWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ck_meeting_window_dispose;
  object_class->finalize = ck_meeting_window_finalize;
  window_class->close_request = ck_meeting_window_close_request;

  /**
   * CkMeetingWindow::note-added:
   * @item_id: the agenda item
   * @step: the method step
   * @text: what the minute taker typed
   * @about_person: whether it is about a person
   *
   * The minute taker added a note; it is no longer on the screen.
   */
  signals[NOTE_ADDED] =
    g_signal_new ("note-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4, G_TYPE_INT64, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_BOOLEAN);

  /**
   * CkMeetingWindow::finished:
   * @reached_end: whether the meeting got to its closing screen
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ck-meeting-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CkMeetingWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CkMeetingWindow, screen_box);
  gtk_widget_class_bind_template_child (widget_class, CkMeetingWindow, position_label);
  gtk_widget_class_bind_template_child (widget_class, CkMeetingWindow, timer_label);
  gtk_widget_class_bind_template_child (widget_class, CkMeetingWindow, opening_page);
  gtk_widget_class_bind_template_child (widget_class, CkMeetingWindow, step_page);
  gtk_widget_class_bind_template_child (widget_class, CkMeetingWindow, closing_page);
  gtk_widget_class_bind_template_child (widget_class, CkMeetingWindow, opening_title);
  gtk_widget_class_bind_template_child (widget_class, CkMeetingWindow, opening_subtitle);
  gtk_widget_class_bind_template_child (widget_class, CkMeetingWindow, method_label);
  gtk_widget_class_bind_template_child (widget_class, CkMeetingWindow, roles_label);
  gtk_widget_class_bind_template_child (widget_class, CkMeetingWindow, actions_heading);
  gtk_widget_class_bind_template_child (widget_class, CkMeetingWindow, actions_box);
  gtk_widget_class_bind_template_child (widget_class, CkMeetingWindow, item_title);
  gtk_widget_class_bind_template_child (widget_class, CkMeetingWindow, item_subtitle);
  gtk_widget_class_bind_template_child (widget_class, CkMeetingWindow, step_title);
  gtk_widget_class_bind_template_child (widget_class, CkMeetingWindow, step_text);
  gtk_widget_class_bind_template_child (widget_class, CkMeetingWindow, counts_label);
  gtk_widget_class_bind_template_child (widget_class, CkMeetingWindow, facts_box);
  gtk_widget_class_bind_template_child (widget_class, CkMeetingWindow, notes_revealer);
  gtk_widget_class_bind_template_child (widget_class, CkMeetingWindow, notes_heading);
  gtk_widget_class_bind_template_child (widget_class, CkMeetingWindow, notes_view);
  gtk_widget_class_bind_template_child (widget_class, CkMeetingWindow, about_person_check);

  gtk_widget_class_install_action (widget_class, "meeting.next-step", NULL, next_step_action);
  gtk_widget_class_install_action (widget_class, "meeting.previous-step", NULL, previous_step_action);
  gtk_widget_class_install_action (widget_class, "meeting.next-item", NULL, next_item_action);
  gtk_widget_class_install_action (widget_class, "meeting.previous-item", NULL, previous_item_action);
  gtk_widget_class_install_action (widget_class, "meeting.toggle-timer", NULL, toggle_timer_action);
  gtk_widget_class_install_action (widget_class, "meeting.toggle-notes", NULL, toggle_notes_action);
  gtk_widget_class_install_action (widget_class, "meeting.add-note", NULL, add_note_action);
  gtk_widget_class_install_action (widget_class, "meeting.leave", NULL, leave_action);
}

static void
add_key (GtkEventController *controller,
         guint               keyval,
         GdkModifierType     modifiers,
         const char         *action)
{
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers),
                                                          gtk_named_action_new (action)));
}

static void
ck_meeting_window_init (CkMeetingWindow *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->fact_labels = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);

  /* The keys live on the screen, which holds the focus: GtkWindow's own
   * arrow bindings (moving the focus) would take them first on the
   * window. The keys of a presentation remote (Page Down, Page Up) step
   * too. */
  shortcuts = gtk_shortcut_controller_new ();
  add_key (shortcuts, GDK_KEY_Right, 0, "meeting.next-step");
  add_key (shortcuts, GDK_KEY_Page_Down, 0, "meeting.next-step");
  add_key (shortcuts, GDK_KEY_space, 0, "meeting.next-step");
  add_key (shortcuts, GDK_KEY_Left, 0, "meeting.previous-step");
  add_key (shortcuts, GDK_KEY_Page_Up, 0, "meeting.previous-step");
  add_key (shortcuts, GDK_KEY_Down, 0, "meeting.next-item");
  add_key (shortcuts, GDK_KEY_Up, 0, "meeting.previous-item");
  add_key (shortcuts, GDK_KEY_t, 0, "meeting.toggle-timer");
  add_key (shortcuts, GDK_KEY_m, GDK_CONTROL_MASK, "meeting.toggle-notes");
  add_key (shortcuts, GDK_KEY_Escape, 0, "meeting.leave");
  gtk_widget_add_controller (self->screen_box, shortcuts);

  /* In the note field, Ctrl+Enter adds the note and Escape closes the
   * field, before the field takes the keys as text. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  add_key (shortcuts, GDK_KEY_Return, GDK_CONTROL_MASK, "meeting.add-note");
  add_key (shortcuts, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "meeting.add-note");
  add_key (shortcuts, GDK_KEY_Escape, 0, "meeting.toggle-notes");
  gtk_widget_add_controller (GTK_WIDGET (self->notes_view), shortcuts);
  gtk_widget_set_visible (GTK_WIDGET (self->notes_revealer), FALSE);
  /* A note handed on must not come back on the projector with Ctrl+Z. */
  gtk_text_buffer_set_enable_undo (gtk_text_view_get_buffer (self->notes_view), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->timer_label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Time taken on this step, and the time it is given"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->notes_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Note of the minute taker"), -1);
  gtk_widget_grab_focus (self->screen_box);
}

/**
 * ck_meeting_window_new:
 * @plan: what the meeting shows; copied
 */
CkMeetingWindow *
ck_meeting_window_new (const CkMeetingPlan *plan)
{
  CkMeetingWindow *self;

  g_return_val_if_fail (plan != NULL && plan->method != NULL, NULL);

  self = g_object_new (CK_TYPE_MEETING_WINDOW, NULL);
  self->plan = ck_meeting_plan_copy (plan);
  self->elapsed = g_new0 (guint, MAX (1, n_items (self)) * n_steps (self));
  self->item = OPENING;
  self->facts_item = OPENING;
  self->tick_source = g_timeout_add_seconds (1, tick_cb, self);
  show_current (self);
  return self;
}

/**
 * ck_meeting_window_present_on:
 * @laptop: (nullable): the window the meeting was started from
 *
 * Shows the meeting full screen: on another monitor than @laptop's when
 * there is one (the projector, with the laptop's screen extended), else on
 * the only one.
 */
void
ck_meeting_window_present_on (CkMeetingWindow *self,
                              GtkWindow       *laptop)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  GListModel *monitors = gdk_display_get_monitors (display);
  GdkMonitor *own = NULL;
  GdkMonitor *projector = NULL;

  g_return_if_fail (CK_IS_MEETING_WINDOW (self));

  if (laptop != NULL && gtk_native_get_surface (GTK_NATIVE (laptop)) != NULL)
    own = gdk_display_get_monitor_at_surface (display, gtk_native_get_surface (GTK_NATIVE (laptop)));

  for (guint i = 0; i < g_list_model_get_n_items (monitors) && projector == NULL; i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);

      if (monitor != own && g_list_model_get_n_items (monitors) > 1)
        projector = monitor;
    }

  /* 720p and XGA projectors get smaller type, so that a step with the
   * facts of its case fits the screen. */
  if (g_list_model_get_n_items (monitors) > 0)
    {
      g_autoptr(GdkMonitor) target = projector != NULL ? g_object_ref (projector) : g_list_model_get_item (monitors, 0);
      GdkRectangle geometry;

      gdk_monitor_get_geometry (target, &geometry);
      if (geometry.height < 1050)
        gtk_widget_add_css_class (GTK_WIDGET (self), "compact");
    }

  gtk_window_present (GTK_WINDOW (self));
  if (projector != NULL)
    gtk_window_fullscreen_on_monitor (GTK_WINDOW (self), projector);
  else
    gtk_window_fullscreen (GTK_WINDOW (self));
}

/* Shows @message on the meeting screen for a few seconds (a note that
 * could not be saved, for instance). */
void
ck_meeting_window_report (CkMeetingWindow *self,
                          const char      *message)
{
  g_return_if_fail (CK_IS_MEETING_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* Returns: the item shown: -1 on the opening screen, the number of items
 * on the closing one */
int
ck_meeting_window_get_item (CkMeetingWindow *self)
{
  g_return_val_if_fail (CK_IS_MEETING_WINDOW (self), OPENING);

  return self->item;
}

guint
ck_meeting_window_get_step (CkMeetingWindow *self)
{
  g_return_val_if_fail (CK_IS_MEETING_WINDOW (self), 0);

  return self->step;
}

gboolean
ck_meeting_window_reached_end (CkMeetingWindow *self)
{
  g_return_val_if_fail (CK_IS_MEETING_WINDOW (self), FALSE);

  return self->reached_end;
}
