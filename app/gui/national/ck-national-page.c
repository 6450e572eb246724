/* ck-national-page.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ck-national-page.h"
#include "ck-national-records-view.h"
#include "ck-national-trends-view.h"
#include "ck-register.h"

struct _CkNationalPage
{
  AdwBin        parent_instance;

  CkRegister        *reg;
  GtkSelectionModel *pages;     /* kept: the stack holds it only weakly */
  AdwViewStack      *view_stack;
};

G_DEFINE_FINAL_TYPE (CkNationalPage, ck_national_page, ADW_TYPE_BIN)

static void
give_register (CkNationalPage *self,
               GtkWidget      *view)
{
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (view), "register") != NULL)
    g_object_set (view, "register", self->reg, NULL);
}

/* A view added to the stack later (by another feature) gets the register
 * as well. */
static void
pages_changed_cb (GListModel     *pages,
                  guint           position,
                  guint           removed,
                  guint           added,
                  CkNationalPage *self)
{
  for (guint i = position; self->reg != NULL && i < position + added; i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (pages, i);

      give_register (self, adw_view_stack_page_get_child (page));
    }
}

static void
ck_national_page_dispose (GObject *object)
{
  CkNationalPage *self = (CkNationalPage *)object;

  if (self->pages != NULL)
    g_signal_handlers_disconnect_by_data (self->pages, self);
  g_clear_object (&self->pages);
  /* No gtk_widget_dispose_template(): the template's only child is the
   * AdwBin's child, and AdwBin unparents it itself (libadwaita 1.2). */
  g_clear_object (&self->reg);

  G_OBJECT_CLASS (ck_national_page_parent_class)->dispose (object);
}

static void
ck_national_page_class_init (CkNationalPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ck_national_page_dispose;

  g_type_ensure (CK_TYPE_NATIONAL_RECORDS_VIEW);
  g_type_ensure (CK_TYPE_NATIONAL_TRENDS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ck-national-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CkNationalPage, view_stack);
}

static void
ck_national_page_init (CkNationalPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->pages = adw_view_stack_get_pages (self->view_stack);
  g_signal_connect (self->pages, "items-changed", G_CALLBACK (pages_changed_cb), self);
}

void
ck_national_page_set_register (CkNationalPage *self,
                               CkRegister     *reg)
{
  GListModel *pages;

  g_return_if_fail (CK_IS_NATIONAL_PAGE (self));

  g_set_object (&self->reg, reg);
  pages = G_LIST_MODEL (self->pages);
  for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (pages, i);

      give_register (self, adw_view_stack_page_get_child (page));
    }
}
