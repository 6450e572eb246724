/* ck-lessons-view.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ck-lesson-row.h"
#include "ck-lessons-view.h"
#include "ck-register.h"
#include "ck-sessions.h"
#include "ck-vocabulary.h"

struct _CkLessonsView
{
  AdwBin              parent_instance;

  CkRegister         *reg;
  GListStore         *lessons;      /* CkLessonRow */
  GtkCustomFilter    *filter;
  GtkFilterListModel *shown;

  GtkSearchEntry     *search_entry;
  GtkDropDown        *ground_dropdown;
  GtkDropDown        *manifestation_dropdown;
  GtkStack           *content_stack;
  GtkListView        *list_view;
  AdwStatusPage      *none_page;
};

G_DEFINE_FINAL_TYPE (CkLessonsView, ck_lessons_view, ADW_TYPE_BIN)

static const char *
selected_code (GtkDropDown *dropdown,
               const char  *list)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  GPtrArray *terms = ck_vocabulary_get_terms (ck_vocabulary_get_default (), list);

  /* Item 0 is "all". */
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > terms->len)
    return NULL;

  return ((CkTerm *) terms->pdata[selected - 1])->code;
}

static gboolean
match_lesson (gpointer item,
              gpointer user_data)
{
  CkLessonsView *self = user_data;

  return ck_lesson_row_matches (item,
                                gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                                selected_code (self->ground_dropdown, CK_VOCAB_GROUNDS),
                                selected_code (self->manifestation_dropdown, CK_VOCAB_MANIFESTATIONS));
}

static void
update_state (CkLessonsView *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->lessons)) == 0)
    gtk_stack_set_visible_child_name (self->content_stack, "none");
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->shown)) == 0)
    gtk_stack_set_visible_child_name (self->content_stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->content_stack, "list");
}

static void
filter_changed_cb (CkLessonsView *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

static void
reload (CkLessonsView *self)
{
  g_autoptr(GListModel) lessons = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->reg == NULL)
    return;

  lessons = ck_sessions_list_lessons (self->reg, &error);
  if (lessons == NULL)
    {
      adw_status_page_set_title (self->none_page, _("The Lessons Cannot Be Shown"));
      adw_status_page_set_description (self->none_page, error->message);
      gtk_stack_set_visible_child_name (self->content_stack, "none");
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (lessons); i++)
    g_ptr_array_add (rows, g_list_model_get_item (lessons, i));
  g_list_store_splice (self->lessons, 0, g_list_model_get_n_items (G_LIST_MODEL (self->lessons)),
                       rows->pdata, rows->len);
  update_state (self);
}

static GtkWidget *
add_label (GtkWidget  *box,
           const char *name,
           const char *style)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), g_str_equal (name, "text"));
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  gtk_box_append (GTK_BOX (box), label);
  g_object_set_data (G_OBJECT (box), name, label);
  return label;
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  add_label (box, "title", "heading");
  add_label (box, "about", "dim-label");
  add_label (box, "text", NULL);
  add_label (box, "codes", "caption");
  gtk_list_item_set_child (list_item, box);
  gtk_list_item_set_activatable (list_item, FALSE);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         gpointer                  user_data)
{
  CkLessonRow *row = gtk_list_item_get_item (list_item);
  const CkSharedLesson *lesson = ck_lesson_row_get_lesson (row);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  CkVocabulary *vocabulary = ck_vocabulary_get_default ();
  g_autofree char *period = ck_lesson_row_dup_period (row);
  g_autofree char *grounds = ck_vocabulary_join_labels (vocabulary, CK_VOCAB_GROUNDS,
                                                        (const char * const *) lesson->grounds);
  g_autofree char *manifestations = ck_vocabulary_join_labels (vocabulary, CK_VOCAB_MANIFESTATIONS,
                                                               (const char * const *) lesson->manifestations);
  g_autoptr(GString) about = g_string_new (NULL);
  g_autoptr(GString) codes = g_string_new (NULL);
  const char *unit = ck_vocabulary_get_label (vocabulary, CK_VOCAB_UNITS, lesson->unit);

  /* Translators: who released a lesson and when: "Amsterdam · Q1 2026". */
  g_string_printf (about, _("%s · %s"), unit, period);
  if (ck_lesson_row_is_own (row))
    g_string_append (about, _(" · released by this register"));
  if (lesson->theme != NULL)
    /* Translators: the theme of a lesson. */
    g_string_append_printf (codes, _("Theme: %s"), lesson->theme);
  if (*grounds != '\0')
    g_string_append_printf (codes, "%s%s", codes->len > 0 ? " · " : "", grounds);
  if (*manifestations != '\0')
    g_string_append_printf (codes, "%s%s", codes->len > 0 ? " · " : "", manifestations);

  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "title"), lesson->title);
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "about"), about->str);
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "text"), lesson->text);
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "codes"), codes->str);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (box), "codes"), codes->len > 0);
}

static GListModel *
make_choices (const char *all,
              const char *list)
{
  GPtrArray *terms = ck_vocabulary_get_terms (ck_vocabulary_get_default (), list);
  GtkStringList *choices = gtk_string_list_new ((const char *[]) { all, NULL });

  for (guint i = 0; i < terms->len; i++)
    gtk_string_list_append (choices, ((CkTerm *) terms->pdata[i])->label);

  return G_LIST_MODEL (choices);
}

static void
ck_lessons_view_dispose (GObject *object)
{
  CkLessonsView *self = (CkLessonsView *)object;

  if (self->reg != NULL)
    g_signal_handlers_disconnect_by_data (self->reg, self);
  if (self->shown != NULL)
    g_signal_handlers_disconnect_by_data (self->shown, self);

  G_OBJECT_CLASS (ck_lessons_view_parent_class)->dispose (object);
}

static void
ck_lessons_view_finalize (GObject *object)
{
  CkLessonsView *self = (CkLessonsView *)object;

  g_clear_object (&self->shown);
  g_clear_object (&self->lessons);
  g_clear_object (&self->reg);

  G_OBJECT_CLASS (ck_lessons_view_parent_class)->finalize (object);
}

static void
ck_lessons_view_class_init (CkLessonsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ck_lessons_view_dispose;
  object_class->finalize = ck_lessons_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ck-lessons-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CkLessonsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CkLessonsView, ground_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CkLessonsView, manifestation_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CkLessonsView, content_stack);
  gtk_widget_class_bind_template_child (widget_class, CkLessonsView, list_view);
  gtk_widget_class_bind_template_child (widget_class, CkLessonsView, none_page);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
}

static void
ck_lessons_view_init (CkLessonsView *self)
{
  g_autoptr(GListModel) grounds = make_choices (_("All grounds"), CK_VOCAB_GROUNDS);
  g_autoptr(GListModel) manifestations = make_choices (_("All manifestations"), CK_VOCAB_MANIFESTATIONS);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkNoSelection *selection;

  self->lessons = g_list_store_new (CK_TYPE_LESSON_ROW);
  self->filter = gtk_custom_filter_new (match_lesson, self, NULL);
  self->shown = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->lessons)), GTK_FILTER (self->filter));

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drop_down_set_model (self->ground_dropdown, grounds);
  gtk_drop_down_set_model (self->manifestation_dropdown, manifestations);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->shown)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (selection);

  update_state (self);
}

/* Shows the lessons of @reg, and follows its changes. */
void
ck_lessons_view_set_register (CkLessonsView *self,
                              CkRegister    *reg)
{
  g_return_if_fail (CK_IS_LESSONS_VIEW (self));
  g_return_if_fail (self->reg == NULL);

  self->reg = g_object_ref (reg);
  g_signal_connect_object (reg, "changed", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  reload (self);
}

/* Returns: (transfer none): the CkLessonRows the filters let through */
GListModel *
ck_lessons_view_get_shown (CkLessonsView *self)
{
  g_return_val_if_fail (CK_IS_LESSONS_VIEW (self), NULL);

  return G_LIST_MODEL (self->shown);
}
