/* ck-case-editor.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ck-case.h"
#include "ck-case-editor.h"
#include "ck-case-fields.h"
#include "ck-case-history.h"
#include "ck-case-validate.h"
#include "ck-codes-row.h"
#include "ck-constant-layout.h"
#include "ck-culling-box.h"
#include "ck-date.h"
#include "ck-date-row.h"
#include "ck-error.h"
#include "ck-glyph-warmup.h"
#include "ck-guidance.h"
#include "ck-guidance-group.h"
#include "ck-measures-row.h"
#include "ck-register.h"
#include "ck-retention.h"
#include "ck-row-lines.h"
#include "ck-similar.h"
#include "ck-similar-window.h"
#include "ck-vocabulary.h"

/* Edits every field of a case. The rows are made from the core's field
 * table, placed by the layout below; a refused value is told in the row
 * of its field, and nothing is saved until every field is right. Above
 * them, the handling guidance's checklist follows the form as it is
 * filled in, and the comparable cases are one click away. */

typedef enum
{
  GROUP_CASE,
  GROUP_WHAT,
  GROUP_PEOPLE,
  GROUP_HANDLING,
  GROUP_CONFIDENTIAL,
  N_GROUPS
} Group;

typedef struct
{
  const char *field;
  Group       group;
  gboolean    required;
  gboolean    long_text;
} Placement;

static const Placement layout[] = {
  { "kind", GROUP_CASE, TRUE },
  { "status", GROUP_CASE, TRUE },
  { "channel", GROUP_CASE },
  { "team", GROUP_CASE },
  { "incident_date", GROUP_WHAT },
  { "grounds", GROUP_WHAT },
  { "manifestations", GROUP_WHAT },
  { "reporter_role", GROUP_PEOPLE },
  { "subject_role", GROUP_PEOPLE },
  { "subject_is_manager", GROUP_PEOPLE },
  { "bystanders_present", GROUP_PEOPLE },
  { "bystanders_intervened", GROUP_PEOPLE },
  { "reporter_left", GROUP_PEOPLE },
  { "report_date", GROUP_HANDLING, TRUE },
  { "acknowledged_date", GROUP_HANDLING },
  { "triage_date", GROUP_HANDLING },
  { "triage_route", GROUP_HANDLING },
  { "sensitive", GROUP_HANDLING },
  { "lc_consulted", GROUP_HANDLING },
  { "last_feedback_date", GROUP_HANDLING },
  { "disposal_date", GROUP_HANDLING },
  { "finding", GROUP_HANDLING },
  { "measures", GROUP_HANDLING },
  { "restoration_offered", GROUP_HANDLING },
  { "restoration_accepted", GROUP_HANDLING },
  { "restoration_completed", GROUP_HANDLING },
  { "outcome_informed_date", GROUP_HANDLING },
  { "lesson_considered", GROUP_HANDLING },
  { "reporter_name", GROUP_CONFIDENTIAL },
  { "reporter_personnel_number", GROUP_CONFIDENTIAL },
  { "reporter_contact", GROUP_CONFIDENTIAL },
  { "subject_name", GROUP_CONFIDENTIAL },
  { "subject_personnel_number", GROUP_CONFIDENTIAL },
  { "bystander_names", GROUP_CONFIDENTIAL },
  { "file_reference", GROUP_CONFIDENTIAL },
  { "narrative", GROUP_CONFIDENTIAL, FALSE, TRUE },
  { "notes", GROUP_CONFIDENTIAL, FALSE, TRUE },
};

/* Where each step of the handling guidance is recorded, for going from
 * the checklist to the field. */
static const char * const step_fields[CK_N_STEPS] = {
  [CK_STEP_REGISTERED] = "report_date",
  [CK_STEP_ACKNOWLEDGED] = "acknowledged_date",
  [CK_STEP_TRIAGE] = "triage_date",
  [CK_STEP_COORDINATOR] = "lc_consulted",
  [CK_STEP_HANDLING] = "last_feedback_date",
  [CK_STEP_DISPOSAL] = "disposal_date",
  [CK_STEP_RESTORATION] = "restoration_offered",
  [CK_STEP_INFORMED] = "outcome_informed_date",
  [CK_STEP_LESSON] = "lesson_considered",
  [CK_STEP_CLOSED] = "status",
};

/* Tristate answers in the order of their combo rows. */
static const CkTristate tristate_order[] = { CK_TRISTATE_UNKNOWN, CK_TRISTATE_YES, CK_TRISTATE_NO };

typedef struct
{
  const CkFieldInfo *field;
  const Placement   *placement;
  GtkWidget         *row;
  GtkWidget         *input;         /* entry, switch or text view where the row has one */
  GtkWidget         *error_label;   /* long texts only */
} FieldEditor;

struct _CkCaseEditor
{
  AdwWindow          parent_instance;

  CkRegister        *reg;
  CkCase            *kase;          /* as loaded; compared with the form for changes */
  GArray            *editors;       /* FieldEditor */
  GCancellable      *cancellable;
  gboolean           saving;
  gboolean           closing;
  gboolean           keep_active;   /* hidden while active: see focus_change_cb() */
  gboolean           loading;       /* filling the form is no change */
  GPtrArray         *toasts;        /* AdwToast shown for the case in the form */
  char              *similar_hint;  /* the comparable-cases row before it counted */

  AdwWindowTitle    *title;
  AdwBin            *content;
  AdwToastOverlay   *toast_overlay;
  GtkScrolledWindow *scrolled_window;
  GtkButton         *cancel_button;
  GtkButton         *save_button;
  AdwPreferencesGroup *groups[N_GROUPS];
  AdwPreferencesGroup *history_group;
  AdwActionRow      *history_row;
  CkGuidanceGroup   *guidance_group;
  AdwActionRow      *similar_row;
  AdwActionRow      *retention_row;
  GtkImage          *retention_icon;

  CkDeadlines        deadlines;
  guint              guidance_source;  /* idle: the form changed */
  guint              similar_source;   /* timeout: count comparable cases */
  GCancellable      *similar_cancellable;
};

G_DEFINE_FINAL_TYPE (CkCaseEditor, ck_case_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GListModel *
code_choices (const CkFieldInfo *field,
              gboolean           required)
{
  GPtrArray *terms = ck_vocabulary_get_terms (ck_vocabulary_get_default (), field->vocabulary);
  GtkStringList *choices = gtk_string_list_new (NULL);

  if (!required)
    /* Translators: the choice for a field with nothing recorded. */
    gtk_string_list_append (choices, _("—"));
  for (guint i = 0; i < terms->len; i++)
    gtk_string_list_append (choices, ((CkTerm *) terms->pdata[i])->label);

  return G_LIST_MODEL (choices);
}

static GtkWidget *
make_long_text_row (FieldEditor *editor,
                    const char  *title)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_widget_set_size_request (view, -1, 100);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_frame_set_child (GTK_FRAME (frame), view);

  editor->error_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (editor->error_label), 0);
  gtk_widget_add_css_class (editor->error_label, "error");
  gtk_widget_set_visible (editor->error_label, FALSE);

  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), frame);
  gtk_box_append (GTK_BOX (box), editor->error_label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  editor->input = view;
  return row;
}

static GtkWidget *
make_entry_row (FieldEditor *editor,
                const char  *title)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *entry = gtk_entry_new ();

  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), editor->field->confidential ? 24 : 10);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), entry);

  editor->input = entry;
  return row;
}

static GtkWidget *
make_row (FieldEditor *editor)
{
  const CkFieldInfo *field = editor->field;
  const char *title = ck_case_field_get_label (field);
  GtkWidget *row = NULL;

  switch (field->type)
    {
    case CK_FIELD_TEXT:
      if (editor->placement->long_text)
        return make_long_text_row (editor, title);
      row = make_entry_row (editor, title);
      break;

    case CK_FIELD_CODE:
      {
        g_autoptr(GListModel) choices = code_choices (field, editor->placement->required);

        row = adw_combo_row_new ();
        adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (row), TRUE);
        adw_combo_row_set_model (ADW_COMBO_ROW (row), choices);
      }
      break;

    case CK_FIELD_TRISTATE:
      {
        g_autoptr(GtkStringList) choices = gtk_string_list_new ((const char *[]) {
          _("Not known"), _("Yes"), _("No"), NULL
        });

        row = adw_combo_row_new ();
        adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (row), TRUE);
        adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (choices));
      }
      break;

    case CK_FIELD_BOOL:
      row = adw_action_row_new ();
      editor->input = gtk_switch_new ();
      gtk_widget_set_valign (editor->input, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), editor->input);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), editor->input);
      break;

    case CK_FIELD_DATE:
      row = ck_date_row_new (title);
      editor->input = GTK_WIDGET (ck_date_row_get_editable (CK_DATE_ROW (row)));
      break;

    case CK_FIELD_CODES:
      row = ck_codes_row_new (title, field->vocabulary);
      break;

    case CK_FIELD_MEASURES:
      row = ck_measures_row_new (title);
      break;

    default:
      g_assert_not_reached ();
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  /* The form opens with every case: its rows keep to one line. */
  ck_row_set_one_line (row, TRUE);
  return row;
}

static void
set_text (FieldEditor *editor,
          const char  *text)
{
  if (GTK_IS_TEXT_VIEW (editor->input))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor->input)), text != NULL ? text : "", -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (editor->input), text != NULL ? text : "");
}

static char *
get_text (FieldEditor *editor)
{
  char *text;

  if (GTK_IS_TEXT_VIEW (editor->input))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor->input));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  else
    text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (editor->input)));

  /* Stray spaces at the ends of a value are never meant. */
  return g_strstrip (text);
}

static void
load_field (FieldEditor  *editor,
            const CkCase *kase)
{
  const CkFieldInfo *field = editor->field;
  gconstpointer p = G_STRUCT_MEMBER_P (kase, field->offset);

  switch (field->type)
    {
    case CK_FIELD_TEXT:
      set_text (editor, *(char * const *) p);
      break;

    case CK_FIELD_CODE:
      {
        const CkTerm *term = ck_vocabulary_lookup (ck_vocabulary_get_default (), field->vocabulary,
                                                   *(char * const *) p);
        guint offset = editor->placement->required ? 0 : 1;

        adw_combo_row_set_selected (ADW_COMBO_ROW (editor->row), term != NULL ? term->position + offset : 0);
      }
      break;

    case CK_FIELD_TRISTATE:
      for (guint i = 0; i < G_N_ELEMENTS (tristate_order); i++)
        if (tristate_order[i] == *(const CkTristate *) p)
          adw_combo_row_set_selected (ADW_COMBO_ROW (editor->row), i);
      break;

    case CK_FIELD_BOOL:
      gtk_switch_set_active (GTK_SWITCH (editor->input), *(const gboolean *) p);
      break;

    case CK_FIELD_DATE:
      ck_date_row_set_date (CK_DATE_ROW (editor->row), p);
      break;

    case CK_FIELD_CODES:
      ck_codes_row_set_codes (CK_CODES_ROW (editor->row), *(const char * const * const *) p);
      break;

    case CK_FIELD_MEASURES:
      ck_measures_row_set_measures (CK_MEASURES_ROW (editor->row), kase);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Copies what the form shows into @kase; a date that is not a date adds
 * an error for its field to @errors. */
static void
store_field (FieldEditor *editor,
             CkCase      *kase,
             GPtrArray   *errors)
{
  const CkFieldInfo *field = editor->field;
  gpointer p = G_STRUCT_MEMBER_P (kase, field->offset);

  switch (field->type)
    {
    case CK_FIELD_TEXT:
      {
        g_autofree char *text = get_text (editor);

        /* Team codes are codes: capitals, whatever was typed. */
        if (!field->confidential)
          {
            char *upper = g_utf8_strup (text, -1);

            g_free (text);
            text = upper;
          }
        g_free (*(char **) p);
        *(char **) p = *text != '\0' ? g_steal_pointer (&text) : NULL;
      }
      break;

    case CK_FIELD_CODE:
      {
        GPtrArray *terms = ck_vocabulary_get_terms (ck_vocabulary_get_default (), field->vocabulary);
        guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (editor->row));
        guint offset = editor->placement->required ? 0 : 1;

        g_free (*(char **) p);
        *(char **) p = NULL;
        if (selected != GTK_INVALID_LIST_POSITION && selected >= offset && selected - offset < terms->len)
          *(char **) p = g_strdup (((CkTerm *) terms->pdata[selected - offset])->code);
      }
      break;

    case CK_FIELD_TRISTATE:
      {
        guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (editor->row));

        *(CkTristate *) p = selected < G_N_ELEMENTS (tristate_order) ? tristate_order[selected] : CK_TRISTATE_UNKNOWN;
      }
      break;

    case CK_FIELD_BOOL:
      *(gboolean *) p = gtk_switch_get_active (GTK_SWITCH (editor->input));
      break;

    case CK_FIELD_DATE:
      if (!ck_date_row_get_date (CK_DATE_ROW (editor->row), p))
        {
          GError *error = NULL;

          ck_set_field_error (&error, field->name, "%s",
                              _("This is not a date; write it as 15-03-2024"));
          g_ptr_array_add (errors, error);
        }
      break;

    case CK_FIELD_CODES:
      g_strfreev (*(char ***) p);
      *(char ***) p = ck_codes_row_get_codes (CK_CODES_ROW (editor->row));
      break;

    case CK_FIELD_MEASURES:
      ck_measures_row_get_measures (CK_MEASURES_ROW (editor->row), kase);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
show_error (FieldEditor *editor,
            const char  *message)
{
  if (editor->error_label != NULL)
    {
      gtk_label_set_text (GTK_LABEL (editor->error_label), message != NULL ? message : "");
      gtk_widget_set_visible (editor->error_label, message != NULL);
    }
  else if (CK_IS_CODES_ROW (editor->row))
    ck_codes_row_set_error (CK_CODES_ROW (editor->row), message);
  else if (CK_IS_MEASURES_ROW (editor->row))
    ck_measures_row_set_error (CK_MEASURES_ROW (editor->row), message);
  else
    {
      /* The whole message, on as many lines as it takes. */
      ck_row_set_one_line (editor->row, message == NULL);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (editor->row), message != NULL ? message : "");
    }

  if (message != NULL)
    gtk_widget_add_css_class (editor->row, "field-error");
  else
    gtk_widget_remove_css_class (editor->row, "field-error");

  /* A screen reader hears the problem with the field. */
  if (message != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (editor->row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (editor->row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static FieldEditor *
find_editor (CkCaseEditor *self,
             const char   *name)
{
  for (guint i = 0; i < self->editors->len; i++)
    {
      FieldEditor *editor = &g_array_index (self->editors, FieldEditor, i);

      if (g_strcmp0 (editor->field->name, name) == 0)
        return editor;
    }

  return NULL;
}

/* Returns: (transfer full): the case as the form shows it */
static CkCase *
read_form (CkCaseEditor *self,
           GPtrArray    *errors)
{
  CkCase *kase = ck_case_copy (self->kase);

  for (guint i = 0; i < self->editors->len; i++)
    store_field (&g_array_index (self->editors, FieldEditor, i), kase, errors);
  ck_case_normalize (kase);

  return kase;
}

/* Toasts are about the case in the form, and go when another is loaded. */
static void
show_toast (CkCaseEditor *self,
            AdwToast     *toast)
{
  g_ptr_array_add (self->toasts, g_object_ref (toast));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_errors (CkCaseEditor *self,
             GPtrArray    *errors)
{
  FieldEditor *first = NULL;

  for (guint i = 0; i < self->editors->len; i++)
    show_error (&g_array_index (self->editors, FieldEditor, i), NULL);

  for (guint i = 0; i < errors->len; i++)
    {
      const GError *error = errors->pdata[i];
      FieldEditor *editor = find_editor (self, ck_error_get_field (error));

      if (editor == NULL)
        {
          show_toast (self, adw_toast_new (error->message));
          continue;
        }

      /* The first problem of a field is the one to fix first. */
      if (!gtk_widget_has_css_class (editor->row, "field-error"))
        show_error (editor, error->message);
      if (first == NULL)
        first = editor;
    }

  if (first != NULL)
    {
      AdwToast *toast = adw_toast_new (_("Not saved: correct the marked fields"));

      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      show_toast (self, toast);
      gtk_widget_grab_focus (first->input != NULL ? first->input : first->row);
    }
}

static void
count_similar_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CkCaseEditor) self = user_data;
  g_autoptr(CkSimilarResult) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *own = NULL;
  g_autofree char *national = NULL;
  g_autofree char *subtitle = NULL;

  found = ck_similar_find_finish (CK_REGISTER (object), result, &error);
  if (found == NULL)
    return;

  own = ck_cell_format (&found->own.total, found->small_cell);
  national = ck_cell_format (&found->national.total, found->small_cell);
  /* Translators: "23 in this unit · <5 in other units"; the counts may be "<5". */
  subtitle = g_strdup_printf (_("%s in this unit · %s in other units"), own, national);
  adw_action_row_set_subtitle (self->similar_row, subtitle);
}

/* Counts the comparable cases of the form as it is now, for the row
 * that opens them. */
static gboolean
count_similar (gpointer user_data)
{
  CkCaseEditor *self = user_data;
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(CkCase) kase = read_form (self, errors);

  self->similar_source = 0;
  ck_case_clear_confidential (kase);
  g_cancellable_cancel (self->similar_cancellable);
  g_clear_object (&self->similar_cancellable);
  self->similar_cancellable = g_cancellable_new ();
  ck_similar_find_async (self->reg, kase, 1, self->similar_cancellable, count_similar_cb, g_object_ref (self));

  return G_SOURCE_REMOVE;
}

/* Shows the checklist of the form as it is now: a date being typed, or
 * not a date yet, counts as not recorded. */
static gboolean
update_guidance (gpointer user_data)
{
  CkCaseEditor *self = user_data;
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(CkCase) kase = read_form (self, errors);
  GDate today;

  self->guidance_source = 0;
  ck_date_set_today (&today);
  ck_guidance_group_update (self->guidance_group, kase, &self->deadlines, &today);

  /* What is comparable changes less often, and costs more to find. */
  g_clear_handle_id (&self->similar_source, g_source_remove);
  self->similar_source = g_timeout_add (600, count_similar, self);

  return G_SOURCE_REMOVE;
}

static void
form_changed_cb (CkCaseEditor *self)
{
  if (self->loading)
    return;

  if (self->guidance_source == 0)
    self->guidance_source = g_idle_add (update_guidance, self);
}

/* Says how long the case keeps its personal data (DOMAIN.md, privacy
 * rule 6), from the case as stored; an erased case cannot take new
 * personal data. */
static void
update_retention (CkCaseEditor *self)
{
  g_autofree char *term = ck_retention_format_years (ck_retention_get_years (self->reg));
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  gboolean erased = ck_date_is_set (&self->kase->personal_data_erased_on);
  GDate erase_on;

  if (erased)
    {
      g_autofree char *date = ck_date_format_user (&self->kase->personal_data_erased_on);

      /* Translators: %s is a date. */
      title = g_strdup_printf (_("Personal data erased on %s"), date);
      subtitle = g_strdup (_("The retention term had passed. The other fields of the case are kept."));
    }
  else if (self->kase->id != 0 && ck_retention_get_erase_date (self->reg, self->kase->id, &erase_on, NULL))
    {
      g_autofree char *date = NULL;

      /* The last day it is kept is the day before it goes. */
      g_date_subtract_days (&erase_on, 1);
      date = ck_date_format_user (&erase_on);
      /* Translators: %s is a date. */
      title = g_strdup_printf (_("Personal data kept until %s"), date);
      /* Translators: %s is a term such as "5 years". */
      subtitle = g_strdup_printf (_("Erased %s after the case was closed"), term);
    }
  else
    {
      title = g_strdup (_("Personal data kept while the case is open"));
      /* Translators: %s is a term such as "5 years". */
      subtitle = g_strdup_printf (_("Erased %s after the case is closed"), term);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->retention_row), title);
  adw_action_row_set_subtitle (self->retention_row, subtitle);
  gtk_image_set_from_icon_name (self->retention_icon,
                                erased ? "user-trash-symbolic" : "document-open-recent-symbolic");

  for (guint i = 0; i < self->editors->len; i++)
    {
      FieldEditor *editor = &g_array_index (self->editors, FieldEditor, i);

      if (editor->field->confidential)
        gtk_widget_set_sensitive (editor->row, !erased);
    }
}

/* The deadlines and the retention term may change in the preferences
 * while the editor is open. */
static void
register_changed_cb (CkCaseEditor *self)
{
  ck_guidance_get_deadlines (self->reg, &self->deadlines);

  /* A kept editor that is closed has no case to show anything of. */
  if (!gtk_widget_get_visible (GTK_WIDGET (self)))
    return;

  update_retention (self);
  form_changed_cb (self);
}

/* Every change of a field that is not confidential may change a step. */
static void
watch_field (CkCaseEditor *self,
             FieldEditor  *editor)
{
  const CkFieldInfo *field = editor->field;

  if (field->confidential)
    return;

  switch (field->type)
    {
    case CK_FIELD_CODE:
    case CK_FIELD_TRISTATE:
      g_signal_connect_swapped (editor->row, "notify::selected", G_CALLBACK (form_changed_cb), self);
      break;

    case CK_FIELD_BOOL:
      g_signal_connect_swapped (editor->input, "notify::active", G_CALLBACK (form_changed_cb), self);
      break;

    case CK_FIELD_DATE:
    case CK_FIELD_TEXT:
      g_signal_connect_swapped (editor->input, "changed", G_CALLBACK (form_changed_cb), self);
      break;

    case CK_FIELD_CODES:
    case CK_FIELD_MEASURES:
      /* Their rows sum up the choice in the subtitle. */
      g_signal_connect_swapped (editor->row, "notify::subtitle", G_CALLBACK (form_changed_cb), self);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
step_activated_cb (CkCaseEditor *self,
                   int           step)
{
  FieldEditor *editor = find_editor (self, step_fields[step]);

  if (editor != NULL)
    gtk_widget_grab_focus (editor->input != NULL ? editor->input : editor->row);
}

static void
similar_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CkCaseEditor *self = CK_CASE_EDITOR (widget);
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(CkCase) kase = read_form (self, errors);
  GtkWindow *window = GTK_WINDOW (ck_similar_window_new (self->reg, kase));

  gtk_window_set_transient_for (window, GTK_WINDOW (self));
  gtk_window_present (window);
}

/**
 * ck_case_editor_is_changed:
 *
 * Returns: whether the form differs from the case as it was opened
 */
gboolean
ck_case_editor_is_changed (CkCaseEditor *self)
{
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(CkCase) kase = read_form (self, errors);
  const CkFieldInfo *fields;
  guint n_fields;

  g_return_val_if_fail (CK_IS_CASE_EDITOR (self), FALSE);

  if (errors->len > 0)
    return TRUE;

  fields = ck_case_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (!ck_case_field_equal (&fields[i], kase, self->kase))
      return TRUE;

  return FALSE;
}

/* Puts @kase, or an empty case, in the form; nothing of the case that
 * was there before stays in a widget. */
static void
fill_form (CkCaseEditor *self,
           const CkCase *kase)
{
  g_autoptr(CkCase) empty = kase == NULL ? ck_case_new () : NULL;

  g_clear_pointer (&self->kase, ck_case_free);
  self->kase = ck_case_copy (kase != NULL ? kase : empty);
  ck_case_normalize (self->kase);

  self->loading = TRUE;
  for (guint i = 0; i < self->editors->len; i++)
    {
      FieldEditor *editor = &g_array_index (self->editors, FieldEditor, i);

      if (gtk_widget_has_css_class (editor->row, "field-error"))
        show_error (editor, NULL);
      load_field (editor, self->kase);
    }
  self->loading = FALSE;
}

static void
forget_case (CkCaseEditor *self)
{
  g_cancellable_cancel (self->similar_cancellable);
  g_clear_handle_id (&self->guidance_source, g_source_remove);
  g_clear_handle_id (&self->similar_source, g_source_remove);

  for (guint i = 0; i < self->toasts->len; i++)
    adw_toast_dismiss (self->toasts->pdata[i]);
  g_ptr_array_set_size (self->toasts, 0);

  fill_form (self, NULL);
}

static void
scroll_to_top (CkCaseEditor *self)
{
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
}

static void
set_saving (CkCaseEditor *self,
            gboolean      saving)
{
  self->saving = saving;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), !saving);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CkCaseEditor) self = user_data;
  g_autoptr(CkCase) saved = NULL;
  g_autoptr(GError) error = NULL;

  saved = ck_register_save_case_finish (CK_REGISTER (object), result, &error);
  set_saving (self, FALSE);

  if (saved == NULL)
    {
      g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);

      self->closing = FALSE;
      g_ptr_array_add (errors, g_steal_pointer (&error));
      show_errors (self, errors);
      return;
    }

  ck_case_free (self->kase);
  self->kase = g_steal_pointer (&saved);
  g_signal_emit (self, signals[SAVED], 0, self->kase->reference);
  self->closing = TRUE;
  gtk_window_close (GTK_WINDOW (self));
  /* It may have been closed while saving. */
  if (gtk_window_get_hide_on_close (GTK_WINDOW (self)))
    forget_case (self);
}

/**
 * ck_case_editor_save:
 *
 * Checks the form and, when every field is right, saves the case and
 * closes; otherwise marks the fields that need correcting.
 */
void
ck_case_editor_save (CkCaseEditor *self)
{
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(CkCase) kase = NULL;
  GDate today;

  g_return_if_fail (CK_IS_CASE_EDITOR (self));

  if (self->saving)
    return;

  kase = read_form (self, errors);
  if (errors->len == 0)
    {
      g_autoptr(GPtrArray) problems = NULL;

      ck_date_set_today (&today);
      problems = ck_case_check (kase, ck_vocabulary_get_default (), &today);
      g_ptr_array_extend_and_steal (errors, g_steal_pointer (&problems));
    }

  if (errors->len > 0)
    {
      show_errors (self, errors);
      return;
    }

  set_saving (self, TRUE);
  ck_register_save_case_async (self->reg, kase, self->cancellable, saved_cb, g_object_ref (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ck_case_editor_save (CK_CASE_EDITOR (widget));
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CkCaseEditor *self = CK_CASE_EDITOR (widget);
  GtkWindow *history = GTK_WINDOW (ck_case_history_new (self->reg, self->kase->id, self->kase->reference));

  gtk_window_set_transient_for (history, GTK_WINDOW (self));
  gtk_window_present (history);
}

static void
discard_response_cb (CkCaseEditor   *self,
                     const char     *response,
                     AdwMessageDialog *dialog)
{
  if (g_str_equal (response, "discard"))
    {
      self->closing = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
  else if (g_str_equal (response, "save"))
    {
      self->closing = TRUE;
      ck_case_editor_save (self);
    }
}

/* GTK 4.8 restyles every widget of a window each time the window becomes
 * active or inactive, as the focus widget and its ancestors change state.
 * An editor hidden for the next case is told, as it goes, that it lost
 * the focus, and told again that it has it as the next case opens: two
 * restyles of the whole form while a person waits. A window that is not
 * seen has nothing to show of being inactive, so the focus-out that its
 * own hiding brings is not passed on; any other focus change is. */
static gboolean
focus_change_cb (CkCaseEditor *self,
                 GdkEvent     *event)
{
  gboolean keep_active = self->keep_active;

  if (gdk_event_get_event_type (event) != GDK_FOCUS_CHANGE)
    return GDK_EVENT_PROPAGATE;

  self->keep_active = FALSE;
  return keep_active && !gdk_focus_event_get_in (event) ? GDK_EVENT_STOP : GDK_EVENT_PROPAGATE;
}

/* An editor kept for the next case keeps nothing of this one once it is
 * closed: no confidential text lingers in a hidden window. */
static void
ck_case_editor_hide (GtkWidget *widget)
{
  CkCaseEditor *self = CK_CASE_EDITOR (widget);

  self->keep_active = gtk_window_is_active (GTK_WINDOW (self));
  GTK_WIDGET_CLASS (ck_case_editor_parent_class)->hide (widget);

  if (gtk_window_get_hide_on_close (GTK_WINDOW (self)))
    forget_case (self);
}

static gboolean
ck_case_editor_close_request (GtkWindow *window)
{
  CkCaseEditor *self = CK_CASE_EDITOR (window);
  GtkWidget *dialog;

  if (self->closing || self->saving || !ck_case_editor_is_changed (self))
    return GTK_WINDOW_CLASS (ck_case_editor_parent_class)->close_request (window);

  dialog = adw_message_dialog_new (window, _("Save Changes?"),
                                   _("The changes to this case are not saved yet."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

static void
build_form (CkCaseEditor *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (layout); i++)
    {
      FieldEditor editor = { 0 };

      editor.placement = &layout[i];
      editor.field = ck_case_field_lookup (layout[i].field);
      g_assert (editor.field != NULL);

      editor.row = make_row (&editor);
      adw_preferences_group_add (self->groups[layout[i].group], editor.row);
      g_array_append_val (self->editors, editor);
    }
}

static void
ck_case_editor_dispose (GObject *object)
{
  CkCaseEditor *self = (CkCaseEditor *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->similar_cancellable);
  g_clear_handle_id (&self->guidance_source, g_source_remove);
  g_clear_handle_id (&self->similar_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CK_TYPE_CASE_EDITOR);

  G_OBJECT_CLASS (ck_case_editor_parent_class)->dispose (object);
}

static void
ck_case_editor_finalize (GObject *object)
{
  CkCaseEditor *self = (CkCaseEditor *)object;

  g_clear_pointer (&self->kase, ck_case_free);
  g_clear_pointer (&self->editors, g_array_unref);
  g_clear_pointer (&self->toasts, g_ptr_array_unref);
  g_clear_pointer (&self->similar_hint, g_free);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->similar_cancellable);
  g_clear_object (&self->reg);

  G_OBJECT_CLASS (ck_case_editor_parent_class)->finalize (object);
}

static void
ck_case_editor_class_init (CkCaseEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  g_type_ensure (CK_TYPE_CULLING_BOX);
  g_type_ensure (CK_TYPE_GUIDANCE_GROUP);

  object_class->dispose = ck_case_editor_dispose;
  object_class->finalize = ck_case_editor_finalize;
  widget_class->hide = ck_case_editor_hide;
  window_class->close_request = ck_case_editor_close_request;

  /**
   * CkCaseEditor::saved:
   * @reference: the reference of the saved case
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ck-case-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CkCaseEditor, title);
  gtk_widget_class_bind_template_child (widget_class, CkCaseEditor, content);
  gtk_widget_class_bind_template_child (widget_class, CkCaseEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CkCaseEditor, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, CkCaseEditor, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CkCaseEditor, save_button);
  gtk_widget_class_bind_template_child_full (widget_class, "case_group", FALSE,
                                             G_STRUCT_OFFSET (CkCaseEditor, groups[GROUP_CASE]));
  gtk_widget_class_bind_template_child_full (widget_class, "what_group", FALSE,
                                             G_STRUCT_OFFSET (CkCaseEditor, groups[GROUP_WHAT]));
  gtk_widget_class_bind_template_child_full (widget_class, "people_group", FALSE,
                                             G_STRUCT_OFFSET (CkCaseEditor, groups[GROUP_PEOPLE]));
  gtk_widget_class_bind_template_child_full (widget_class, "handling_group", FALSE,
                                             G_STRUCT_OFFSET (CkCaseEditor, groups[GROUP_HANDLING]));
  gtk_widget_class_bind_template_child_full (widget_class, "confidential_group", FALSE,
                                             G_STRUCT_OFFSET (CkCaseEditor, groups[GROUP_CONFIDENTIAL]));
  gtk_widget_class_bind_template_child (widget_class, CkCaseEditor, history_group);
  gtk_widget_class_bind_template_child (widget_class, CkCaseEditor, history_row);
  gtk_widget_class_bind_template_child (widget_class, CkCaseEditor, guidance_group);
  gtk_widget_class_bind_template_child (widget_class, CkCaseEditor, similar_row);
  gtk_widget_class_bind_template_child (widget_class, CkCaseEditor, retention_row);
  gtk_widget_class_bind_template_child (widget_class, CkCaseEditor, retention_icon);
  gtk_widget_class_bind_template_callback (widget_class, step_activated_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.history", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "editor.similar", NULL, similar_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ck_case_editor_init (CkCaseEditor *self)
{
  GtkEventController *focus_controller = gtk_event_controller_legacy_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Before GtkWindow's own, which sees focus changes in the bubble phase. */
  gtk_event_controller_set_propagation_phase (focus_controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (focus_controller, "event", G_CALLBACK (focus_change_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus_controller);
  /* The form scrolls: the window needs no minimum that follows its width. */
  gtk_widget_set_layout_manager (GTK_WIDGET (self->content), ck_constant_layout_new ());

  self->editors = g_array_new (FALSE, TRUE, sizeof (FieldEditor));
  self->toasts = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
  self->similar_hint = g_strdup (adw_action_row_get_subtitle (self->similar_row));
  ck_row_set_one_line (GTK_WIDGET (self->similar_row), TRUE);
  ck_row_set_one_line (GTK_WIDGET (self->retention_row), TRUE);
  ck_row_set_one_line (GTK_WIDGET (self->history_row), TRUE);
  build_form (self);
  /* Where the next case starts (ck_case_editor_load()), from the first. */
  gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));
}

/**
 * ck_case_editor_new:
 * @kase: (nullable): the case to edit (copied), a new one when its id is
 *   0; %NULL for an editor that gets its case from ck_case_editor_load()
 */
CkCaseEditor *
ck_case_editor_new (CkRegister   *reg,
                    const CkCase *kase)
{
  CkCaseEditor *self = g_object_new (CK_TYPE_CASE_EDITOR, NULL);

  self->reg = g_object_ref (reg);
  ck_guidance_get_deadlines (reg, &self->deadlines);
  for (guint i = 0; i < self->editors->len; i++)
    watch_field (self, &g_array_index (self->editors, FieldEditor, i));
  g_signal_connect_object (reg, "changed", G_CALLBACK (register_changed_cb), self, G_CONNECT_SWAPPED);

  if (kase != NULL)
    ck_case_editor_load (self, kase);
  else
    fill_form (self, NULL);

  return self;
}

static void
realize_widgets (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      /* Popovers are windows of their own, made when they open. */
      if (GTK_IS_NATIVE (child))
        continue;

      gtk_widget_realize (child);
      realize_widgets (child);
    }
}

/**
 * ck_case_editor_prepare:
 *
 * Realizes the widgets of an editor that is not shown yet, works out
 * their styles, sizes and places at the window's default size, and
 * rasterizes the glyphs of its fonts: what showing it would otherwise do
 * while a person waits for a case.
 */
void
ck_case_editor_prepare (CkCaseEditor *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int width, height, minimum, natural;

  g_return_if_fail (CK_IS_CASE_EDITOR (self));

  gtk_widget_realize (widget);
  realize_widgets (widget);
  /* Shown, a window shows focus rings as long as the window it was opened
   * from does: not after a click in the list. Every widget is restyled
   * when that changes, so it is settled now. */
  gtk_window_set_focus_visible (GTK_WINDOW (self), FALSE);
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  width = MAX (width, minimum);
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, width, &minimum, &natural, NULL, NULL);
  gtk_widget_size_allocate (widget, &(GtkAllocation) { 0, 0, width, MAX (height, minimum) }, -1);
  ck_glyph_warmup (widget);
}

/**
 * ck_case_editor_load:
 * @kase: the case to edit (copied), a new one when its id is 0
 *
 * Puts @kase in an editor that is not in use, as if it was new: an
 * editor is kept built, because building one takes longer than a person
 * should wait for a case to open.
 */
void
ck_case_editor_load (CkCaseEditor *self,
                     const CkCase *kase)
{
  g_return_if_fail (CK_IS_CASE_EDITOR (self));
  g_return_if_fail (kase != NULL);
  g_return_if_fail (!ck_case_editor_is_in_use (self));

  forget_case (self);
  self->closing = FALSE;
  fill_form (self, kase);
  update_guidance (self);
  update_retention (self);
  adw_action_row_set_subtitle (self->similar_row, self->similar_hint);
  /* The next case starts at the top, where a new window starts, not at
   * the field the last one ended. Focus goes there straight: through no
   * focus at all, GTK 4.8 would restyle every widget of the window. */
  gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));
  scroll_to_top (self);

  adw_window_title_set_title (self->title, kase->id == 0 ? _("New Case") : kase->reference);
  gtk_widget_set_visible (GTK_WIDGET (self->history_group), kase->id != 0);
}

/**
 * ck_case_editor_is_in_use:
 *
 * Returns: whether the editor is open, or still saving a case
 */
gboolean
ck_case_editor_is_in_use (CkCaseEditor *self)
{
  g_return_val_if_fail (CK_IS_CASE_EDITOR (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self)) || self->saving;
}

/* Returns: (transfer none) (nullable): the input of field @name (an entry,
 * switch or text view) or its row; for tests and shortcuts */
GtkWidget *
ck_case_editor_get_field (CkCaseEditor *self,
                          const char   *name)
{
  FieldEditor *editor;

  g_return_val_if_fail (CK_IS_CASE_EDITOR (self), NULL);

  editor = find_editor (self, name);
  if (editor == NULL)
    return NULL;

  return editor->input != NULL ? editor->input : editor->row;
}
