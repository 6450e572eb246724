/* ck-constant-layout.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ck-constant-layout.h"

struct _CkConstantLayout
{
  GtkLayoutManager parent_instance;
};

G_DEFINE_FINAL_TYPE (CkConstantLayout, ck_constant_layout, GTK_TYPE_LAYOUT_MANAGER)

static GtkSizeRequestMode
ck_constant_layout_get_request_mode (GtkLayoutManager *manager,
                                     GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
ck_constant_layout_measure (GtkLayoutManager *manager,
                            GtkWidget        *widget,
                            GtkOrientation    orientation,
                            int               for_size,
                            int              *minimum,
                            int              *natural,
                            int              *minimum_baseline,
                            int              *natural_baseline)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_minimum, child_natural;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, orientation, -1, &child_minimum, &child_natural, NULL, NULL);
      *minimum = MAX (*minimum, child_minimum);
      *natural = MAX (*natural, child_natural);
    }
}

static void
ck_constant_layout_allocate (GtkLayoutManager *manager,
                             GtkWidget        *widget,
                             int               width,
                             int               height,
                             int               baseline)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_should_layout (child))
      gtk_widget_allocate (child, width, height, -1, NULL);
}

static void
ck_constant_layout_class_init (CkConstantLayoutClass *klass)
{
  GtkLayoutManagerClass *layout_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  layout_class->get_request_mode = ck_constant_layout_get_request_mode;
  layout_class->measure = ck_constant_layout_measure;
  layout_class->allocate = ck_constant_layout_allocate;
}

static void
ck_constant_layout_init (CkConstantLayout *self)
{
}

GtkLayoutManager *
ck_constant_layout_new (void)
{
  return g_object_new (CK_TYPE_CONSTANT_LAYOUT, NULL);
}
