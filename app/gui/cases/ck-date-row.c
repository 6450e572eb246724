/* ck-date-row.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ck-date.h"
#include "ck-date-row.h"

/* A date typed the way people write it (15-03-2024), or picked from a
 * calendar. An empty entry means "not recorded". */
struct _CkDateRow
{
  AdwActionRow  parent_instance;

  GtkEntry     *entry;
  GtkMenuButton *calendar_button;
  GtkCalendar  *calendar;
  GtkPopover   *popover;
};

G_DEFINE_FINAL_TYPE (CkDateRow, ck_date_row, ADW_TYPE_ACTION_ROW)

static void
day_selected_cb (CkDateRow *self)
{
  g_autoptr(GDateTime) picked = gtk_calendar_get_date (self->calendar);
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (picked),
                  g_date_time_get_month (picked), g_date_time_get_year (picked));
  ck_date_row_set_date (self, &date);
  gtk_popover_popdown (self->popover);
}

static void
popover_show_cb (CkDateRow *self)
{
  g_autoptr(GDateTime) shown = NULL;
  GDate date;

  /* Open the calendar on the typed date, or today. */
  if (!ck_date_row_get_date (self, &date) || !ck_date_is_set (&date))
    ck_date_set_today (&date);

  shown = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 0, 0, 0);
  g_signal_handlers_block_by_func (self->calendar, day_selected_cb, self);
  gtk_calendar_select_day (self->calendar, shown);
  g_signal_handlers_unblock_by_func (self->calendar, day_selected_cb, self);
}

/* The calendar is made when first asked for: five of them in every
 * editor would cost more than the rest of the form. */
static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       user_data)
{
  CkDateRow *self = user_data;

  if (self->popover != NULL)
    return;

  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  self->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (self->popover, GTK_WIDGET (self->calendar));
  g_signal_connect_swapped (self->calendar, "day-selected", G_CALLBACK (day_selected_cb), self);
  g_signal_connect_swapped (self->popover, "show", G_CALLBACK (popover_show_cb), self);
  gtk_menu_button_set_popover (button, GTK_WIDGET (self->popover));
}

static void
ck_date_row_class_init (CkDateRowClass *klass)
{
}

static void
ck_date_row_init (CkDateRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  self->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_editable_set_width_chars (GTK_EDITABLE (self->entry), 11);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (self->entry), 11);
  /* Translators: the placeholder of a date field; keep it in the order of
   * the date format (day-month-year in Dutch: dd-mm-jjjj). */
  gtk_entry_set_placeholder_text (self->entry, _("yyyy-mm-dd"));
  gtk_widget_set_valign (GTK_WIDGET (self->entry), GTK_ALIGN_CENTER);

  self->calendar_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->calendar_button, "x-office-calendar-symbolic");
  gtk_menu_button_set_create_popup_func (self->calendar_button, create_popup_cb, self, NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->calendar_button), _("Pick a Date"));
  gtk_widget_set_valign (GTK_WIDGET (self->calendar_button), GTK_ALIGN_CENTER);

  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->entry));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->calendar_button));
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), box);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self), GTK_WIDGET (self->entry));
}

GtkWidget *
ck_date_row_new (const char *title)
{
  return g_object_new (CK_TYPE_DATE_ROW, "title", title, NULL);
}

/* @date: (nullable): the date, or %NULL or an unset date for none */
void
ck_date_row_set_date (CkDateRow   *self,
                      const GDate *date)
{
  g_autofree char *text = ck_date_format_user (date);

  g_return_if_fail (CK_IS_DATE_ROW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
}

/**
 * ck_date_row_get_date:
 * @date: (out): the date, cleared when the entry is empty
 *
 * Returns: %FALSE when the text is not a date
 */
gboolean
ck_date_row_get_date (CkDateRow *self,
                      GDate     *date)
{
  g_return_val_if_fail (CK_IS_DATE_ROW (self), FALSE);

  return ck_date_parse_user (date, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
}

/* Returns: (transfer none): the entry, for tests and change tracking */
GtkEditable *
ck_date_row_get_editable (CkDateRow *self)
{
  g_return_val_if_fail (CK_IS_DATE_ROW (self), NULL);

  return GTK_EDITABLE (self->entry);
}
