/* ck-culling-box.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ck-culling-box.h"

/* How far beyond the viewport a child is still drawn: far enough for the
 * shadow of a boxed list whose edge is just out of view. */
#define SHADOW_REACH 16

struct _CkCullingBox
{
  GtkWidget      parent_instance;

  GtkViewport   *viewport;
  GtkAdjustment *vadjustment;
};

G_DEFINE_FINAL_TYPE (CkCullingBox, ck_culling_box, GTK_TYPE_WIDGET)

static void
view_changed_cb (CkCullingBox *self)
{
  /* The children keep their drawings; only the choice of them is redone. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
watch_adjustment (CkCullingBox  *self,
                  GtkAdjustment *vadjustment)
{
  if (self->vadjustment == vadjustment)
    return;

  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, view_changed_cb, self);
  g_set_object (&self->vadjustment, vadjustment);
  if (vadjustment != NULL)
    {
      /* "changed" comes with a new page size, when the window is resized. */
      g_signal_connect_swapped (vadjustment, "value-changed", G_CALLBACK (view_changed_cb), self);
      g_signal_connect_swapped (vadjustment, "changed", G_CALLBACK (view_changed_cb), self);
    }
}

static void
viewport_adjustment_cb (CkCullingBox *self)
{
  watch_adjustment (self, gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->viewport)));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
ck_culling_box_root (GtkWidget *widget)
{
  CkCullingBox *self = CK_CULLING_BOX (widget);

  GTK_WIDGET_CLASS (ck_culling_box_parent_class)->root (widget);

  self->viewport = GTK_VIEWPORT (gtk_widget_get_ancestor (widget, GTK_TYPE_VIEWPORT));
  if (self->viewport != NULL)
    {
      g_signal_connect_swapped (self->viewport, "notify::vadjustment", G_CALLBACK (viewport_adjustment_cb), self);
      viewport_adjustment_cb (self);
    }
}

static void
ck_culling_box_unroot (GtkWidget *widget)
{
  CkCullingBox *self = CK_CULLING_BOX (widget);

  if (self->viewport != NULL)
    g_signal_handlers_disconnect_by_func (self->viewport, viewport_adjustment_cb, self);
  self->viewport = NULL;
  watch_adjustment (self, NULL);

  GTK_WIDGET_CLASS (ck_culling_box_parent_class)->unroot (widget);
}

static void
ck_culling_box_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  CkCullingBox *self = CK_CULLING_BOX (widget);
  graphene_rect_t shown;

  if (self->viewport == NULL ||
      !gtk_widget_compute_bounds (GTK_WIDGET (self->viewport), widget, &shown))
    {
      GTK_WIDGET_CLASS (ck_culling_box_parent_class)->snapshot (widget, snapshot);
      return;
    }

  graphene_rect_inset (&shown, -SHADOW_REACH, -SHADOW_REACH);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;

      if (gtk_widget_compute_bounds (child, widget, &bounds) &&
          graphene_rect_intersection (&bounds, &shown, NULL))
        gtk_widget_snapshot_child (widget, child, snapshot);
    }
}

static void
ck_culling_box_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ck_culling_box_parent_class)->dispose (object);
}

static void
ck_culling_box_class_init (CkCullingBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ck_culling_box_dispose;
  widget_class->root = ck_culling_box_root;
  widget_class->unroot = ck_culling_box_unroot;
  widget_class->snapshot = ck_culling_box_snapshot;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "box");
}

static void
ck_culling_box_init (CkCullingBox *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
}

GtkWidget *
ck_culling_box_new (void)
{
  return g_object_new (CK_TYPE_CULLING_BOX, NULL);
}
