/* ck-case-history.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ck-audit.h"
#include "ck-case-fields.h"
#include "ck-case-history.h"
#include "ck-date.h"
#include "ck-register.h"
#include "ck-vocabulary.h"

/* The audit log of one case, newest first: who changed which field when,
 * from what to what. Confidential fields only say that they changed. */
struct _CkCaseHistory
{
  AdwWindow       parent_instance;

  AdwWindowTitle *title;
  GtkListBox     *list;
  AdwStatusPage  *error_page;
  GtkStack       *stack;
};

G_DEFINE_FINAL_TYPE (CkCaseHistory, ck_case_history, ADW_TYPE_WINDOW)

/* Returns: (transfer full): a stored value as the user reads it: labels for
 * codes, dates in the user's format */
static char *
describe_value (const CkFieldInfo *field,
                const char        *value)
{
  CkVocabulary *vocabulary = ck_vocabulary_get_default ();

  if (value == NULL || *value == '\0')
    return g_strdup (_("(empty)"));

  switch (field->type)
    {
    case CK_FIELD_CODE:
      return g_strdup (ck_vocabulary_get_label (vocabulary, field->vocabulary, value));

    case CK_FIELD_CODES:
    case CK_FIELD_MEASURES:
      {
        g_auto(GStrv) codes = g_strsplit (value, ",", -1);
        g_autoptr(GString) labels = g_string_new (NULL);

        for (guint i = 0; codes[i] != NULL; i++)
          {
            char *conditional = g_strrstr (codes[i], ":conditional");

            if (conditional != NULL)
              *conditional = '\0';
            if (i > 0)
              g_string_append (labels, ", ");
            g_string_append (labels, ck_vocabulary_get_label (vocabulary, field->vocabulary, codes[i]));
            if (conditional != NULL)
              g_string_append_printf (labels, " (%s)", _("conditional"));
          }
        return g_string_free (g_steal_pointer (&labels), FALSE);
      }

    case CK_FIELD_DATE:
      {
        GDate date;

        ck_date_from_iso (&date, value);
        return ck_date_format_user (&date);
      }

    case CK_FIELD_BOOL:
    case CK_FIELD_TRISTATE:
      if (g_str_equal (value, "yes"))
        return g_strdup (_("Yes"));
      if (g_str_equal (value, "no"))
        return g_strdup (_("No"));
      return g_strdup (_("Not known"));

    case CK_FIELD_TEXT:
    default:
      return g_strdup (value);
    }
}

static char *
describe_entry (const CkAuditEntry *entry)
{
  const CkFieldInfo *field = ck_case_field_lookup (entry->field);
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;

  if (g_strcmp0 (entry->action, "created") == 0)
    return g_strdup (_("Case registered"));
  if (g_strcmp0 (entry->action, "deleted") == 0)
    return g_strdup (_("Case deleted"));
  if (g_strcmp0 (entry->action, "restored") == 0)
    return g_strdup (_("Deletion undone"));
  if (g_strcmp0 (entry->action, "erased") == 0)
    return g_strdup (_("Case erased"));
  if (g_strcmp0 (entry->action, "personal_data_erased") == 0)
    return g_strdup (_("Personal data erased after the retention term"));

  if (field == NULL)
    return g_strdup (entry->field);

  if (entry->confidential)
    /* Translators: %s is the name of a confidential field; its values are never shown. */
    return g_strdup_printf (_("%s changed"), ck_case_field_get_label (field));

  old_value = describe_value (field, entry->old_value);
  new_value = describe_value (field, entry->new_value);
  /* Translators: "Status: New → Disposed" */
  return g_strdup_printf (_("%s: %s → %s"), ck_case_field_get_label (field), old_value, new_value);
}

static void
ck_case_history_class_init (CkCaseHistoryClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ck-case-history.ui");
  gtk_widget_class_bind_template_child (widget_class, CkCaseHistory, title);
  gtk_widget_class_bind_template_child (widget_class, CkCaseHistory, list);
  gtk_widget_class_bind_template_child (widget_class, CkCaseHistory, error_page);
  gtk_widget_class_bind_template_child (widget_class, CkCaseHistory, stack);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ck_case_history_init (CkCaseHistory *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CkCaseHistory *
ck_case_history_new (CkRegister *reg,
                     gint64      case_id,
                     const char *reference)
{
  CkCaseHistory *self = g_object_new (CK_TYPE_CASE_HISTORY, NULL);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  adw_window_title_set_subtitle (self->title, reference);

  entries = ck_register_get_history (reg, case_id, &error);
  if (entries == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return self;
    }

  for (guint i = entries->len; i > 0; i--)
    {
      const CkAuditEntry *entry = entries->pdata[i - 1];
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (entry->at);
      g_autofree char *when = g_date_time_format (at, "%x %H:%M");
      g_autofree char *title = describe_entry (entry);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", when, entry->actor);
      GtkWidget *row = adw_action_row_new ();

      /* Values are what people typed: plain text, never markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (entry->confidential)
        adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("changes-prevent-symbolic"));
      gtk_list_box_append (self->list, row);
    }

  return self;
}
