/* ck-guidance-group.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ck-case.h"
#include "ck-case-facts.h"
#include "ck-date.h"
#include "ck-guidance-group.h"
#include "ck-row-lines.h"

struct _CkGuidanceGroup
{
  AdwPreferencesGroup  parent_instance;

  GtkWidget           *step_rows[CK_N_STEPS];
  GtkWidget           *step_icons[CK_N_STEPS];

  GtkWidget           *now_row;
  GtkLabel            *now_label;
  GtkLabel            *now_description;
  GtkBox              *advice_box;
  GtkWidget           *advice_labels[CK_N_ADVICE];  /* made when first shown */
};

G_DEFINE_FINAL_TYPE (CkGuidanceGroup, ck_guidance_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  STEP_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const state_classes[] = { "step-done", "step-due", "step-overdue", "step-missed", "step-waiting" };

static char *
format_julian (guint32 julian)
{
  GDate date;

  ck_julian_to_date (julian, &date);
  return ck_date_format_user (&date);
}

/* Returns: (transfer full): what the row says under the step's name */
static char *
describe (const CkStepStatus *status)
{
  g_autofree char *due = status->due > 0 ? format_julian (status->due) : NULL;
  int days = ABS (status->days_left);

  switch (status->state)
    {
    case CK_STEP_STATE_DONE:
      return g_strdup (_("Done"));

    case CK_STEP_STATE_WAITING:
      return g_strdup (_("Comes after an earlier step"));

    case CK_STEP_STATE_MISSED:
      return g_strdup (_("Not done before the case was closed"));

    case CK_STEP_STATE_OVERDUE:
      /* Translators: "3 days late — it was due on 12-03-2025" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day late — it was due on %s",
                                           "%d days late — it was due on %s", days),
                              days, due);

    case CK_STEP_STATE_DUE:
      if (status->days_left == 0)
        return g_strdup (_("Due today"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Due in %d day, on %s", "Due in %d days, on %s", days),
                              days, due);

    case CK_STEP_STATE_OPEN:
      if (due != NULL)
        /* Translators: %s is a date. */
        return g_strdup_printf (_("Due on %s"), due);
      return g_strdup (_("To do"));

    case CK_STEP_STATE_NOT_APPLICABLE:
    default:
      return g_strdup ("");
    }
}

static const char *
icon_for (CkStepState state)
{
  switch (state)
    {
    case CK_STEP_STATE_DONE:
      return "object-select-symbolic";
    case CK_STEP_STATE_OVERDUE:
      return "dialog-warning-symbolic";
    case CK_STEP_STATE_DUE:
      return "alarm-symbolic";
    case CK_STEP_STATE_MISSED:
      return "window-close-symbolic";
    case CK_STEP_STATE_WAITING:
    case CK_STEP_STATE_OPEN:
    case CK_STEP_STATE_NOT_APPLICABLE:
    default:
      return "media-record-symbolic";
    }
}

static const char *
class_for (CkStepState state)
{
  switch (state)
    {
    case CK_STEP_STATE_DONE:
      return "step-done";
    case CK_STEP_STATE_DUE:
      return "step-due";
    case CK_STEP_STATE_OVERDUE:
      return "step-overdue";
    case CK_STEP_STATE_MISSED:
      return "step-missed";
    case CK_STEP_STATE_WAITING:
      return "step-waiting";
    case CK_STEP_STATE_OPEN:
    case CK_STEP_STATE_NOT_APPLICABLE:
    default:
      return NULL;
    }
}

static void
step_activated_cb (GtkWidget       *row,
                   CkGuidanceGroup *self)
{
  for (guint i = 0; i < CK_N_STEPS; i++)
    if (self->step_rows[i] == row)
      g_signal_emit (self, signals[STEP_ACTIVATED], 0, (int) i);
}

/* Each piece of advice keeps its label, shown or not: the form updates
 * the group as a person types, and laying out wrapped text again each
 * time is what costs. */
static void
show_advice (CkGuidanceGroup *self,
             guint            advice,
             gboolean         shown)
{
  GtkWidget *label = self->advice_labels[advice];
  GtkWidget *before = NULL;

  if (label == NULL && !shown)
    return;

  if (label == NULL)
    {
      label = gtk_label_new (ck_guidance_get_advice_text (ck_guidance_get_default (), advice));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "guidance-advice");
      /* In the order of the advice, whichever came first. */
      for (guint i = 0; i < advice; i++)
        if (self->advice_labels[i] != NULL)
          before = self->advice_labels[i];
      gtk_box_insert_child_after (self->advice_box, label, before);
      self->advice_labels[advice] = label;
    }

  gtk_widget_set_visible (label, shown);
}

/**
 * ck_guidance_group_update:
 * @kase: the case as the form shows it now
 *
 * Shows the checklist of @kase under @deadlines as on @today.
 */
void
ck_guidance_group_update (CkGuidanceGroup   *self,
                          const CkCase      *kase,
                          const CkDeadlines *deadlines,
                          const GDate       *today)
{
  CkGuidance *guidance = ck_guidance_get_default ();
  CkStepStatus statuses[CK_N_STEPS];
  CkCaseFacts facts;
  guint32 advice;
  CkStep current;

  g_return_if_fail (CK_IS_GUIDANCE_GROUP (self));

  ck_case_facts_init_from_case (&facts, kase);
  ck_guidance_evaluate (deadlines, &facts, ck_julian_from_date (today), statuses);

  for (guint i = 0; i < CK_N_STEPS; i++)
    {
      const CkStepStatus *status = &statuses[i];
      g_autofree char *subtitle = describe (status);
      const char *css = class_for (status->state);

      gtk_widget_set_visible (self->step_rows[i], status->state != CK_STEP_STATE_NOT_APPLICABLE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->step_rows[i]), subtitle);
      gtk_image_set_from_icon_name (GTK_IMAGE (self->step_icons[i]), icon_for (status->state));
      for (guint c = 0; c < G_N_ELEMENTS (state_classes); c++)
        gtk_widget_remove_css_class (self->step_rows[i], state_classes[c]);
      if (css != NULL)
        gtk_widget_add_css_class (self->step_rows[i], css);
    }

  current = ck_guidance_get_current_step (statuses);
  if (current != CK_N_STEPS)
    {
      g_autofree char *now = g_strdup_printf (_("Now: %s"), ck_guidance_get_step_label (guidance, current));

      gtk_label_set_text (self->now_label, now);
      gtk_label_set_text (self->now_description, ck_guidance_get_step_description (guidance, current));
      gtk_widget_set_visible (GTK_WIDGET (self->now_description), TRUE);
    }
  else
    {
      gtk_label_set_text (self->now_label, facts.flags & CK_FACT_CLOSED ? _("The case is closed")
                                                                        : _("Every step is done"));
      gtk_widget_set_visible (GTK_WIDGET (self->now_description), FALSE);
    }

  advice = ck_guidance_get_advice (&facts, statuses);
  for (guint i = 0; i < CK_N_ADVICE; i++)
    show_advice (self, i, (advice & (1 << i)) != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->advice_box), advice != 0);
}

/* Returns: (transfer none): the row of @step; for tests */
GtkWidget *
ck_guidance_group_get_step_row (CkGuidanceGroup *self,
                                CkStep           step)
{
  g_return_val_if_fail (CK_IS_GUIDANCE_GROUP (self) && step < CK_N_STEPS, NULL);

  return self->step_rows[step];
}

static void
ck_guidance_group_class_init (CkGuidanceGroupClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /**
   * CkGuidanceGroup::step-activated:
   * @step: the CkStep whose row was activated
   *
   * The person wants to record @step: the editor takes them to its field.
   */
  signals[STEP_ACTIVATED] =
    g_signal_new ("step-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ck-guidance-group.ui");
  gtk_widget_class_bind_template_child (widget_class, CkGuidanceGroup, now_row);
  gtk_widget_class_bind_template_child (widget_class, CkGuidanceGroup, now_label);
  gtk_widget_class_bind_template_child (widget_class, CkGuidanceGroup, now_description);
  gtk_widget_class_bind_template_child (widget_class, CkGuidanceGroup, advice_box);
}

static void
ck_guidance_group_init (CkGuidanceGroup *self)
{
  CkGuidance *guidance = ck_guidance_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The steps in their order, under what to do now. */
  for (guint i = 0; i < CK_N_STEPS; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (icon_for (CK_STEP_STATE_OPEN));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ck_guidance_get_step_title (guidance, i));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_widget_add_css_class (icon, "step-icon");
      gtk_widget_add_css_class (row, "guidance-step");
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, ck_guidance_get_step_description (guidance, i));
      /* The checklist changes with every case the editor opens. */
      ck_row_set_one_line (row, TRUE);
      g_signal_connect (row, "activated", G_CALLBACK (step_activated_cb), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);

      self->step_rows[i] = row;
      self->step_icons[i] = icon;
    }
}
