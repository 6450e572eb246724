/* test-culling-box.c: a scrolled box draws what is in view, and what
 * scrolls or grows into view
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ck-culling-box.h"
#include "ck-gui-test-util.h"

#define N_TILES     10
#define TILE_HEIGHT 200

typedef struct
{
  GtkWidget *area;
  guint      draws;
} Tile;

typedef struct
{
  GtkWindow     *window;
  GtkWidget     *scrolled;
  GtkAdjustment *vadjustment;
  Tile           tiles[N_TILES];
} Fixture;

static void
draw_tile (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        user_data)
{
  Tile *tile = user_data;

  tile->draws++;
  cairo_set_source_rgb (cr, 0.2, 0.4, 0.8);
  cairo_paint (cr);
}

/* Ten tiles of 200 px in a box; @viewport_height px of it in view, or
 * all of it when @viewport_height is 0 and the box is not scrolled. */
static void
fixture_set_up (Fixture *f,
                int      viewport_height)
{
  GtkWidget *box = ck_culling_box_new ();

  for (guint i = 0; i < N_TILES; i++)
    {
      f->tiles[i].area = gtk_drawing_area_new ();
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (f->tiles[i].area), TILE_HEIGHT);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (f->tiles[i].area), draw_tile, &f->tiles[i], NULL);
      gtk_widget_set_parent (f->tiles[i].area, box);
    }

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_decorated (f->window, FALSE);
  if (viewport_height > 0)
    {
      f->scrolled = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (f->scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (f->scrolled), box);
      f->vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (f->scrolled));
      gtk_window_set_child (f->window, f->scrolled);
      gtk_window_set_default_size (f->window, 300, viewport_height);
    }
  else
    gtk_window_set_child (f->window, box);
}

static void
fixture_tear_down (Fixture *f)
{
  gtk_window_destroy (f->window);
}

static gboolean
tile_drawn (gpointer data)
{
  return ((Tile *) data)->draws > 0;
}

static void
test_draws_only_what_is_in_view (void)
{
  Fixture f = { 0 };

  fixture_set_up (&f, 400);
  gtk_window_present (f.window);
  ck_gui_test_wait_until (tile_drawn, &f.tiles[0], "the first tile to be drawn");
  ck_gui_test_settle ();

  /* Tiles 0 and 1 fill the view; the edge of tile 2 is close enough
   * to cast a shadow into it. */
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (f.tiles[i].draws, >, 0);
  for (guint i = 3; i < N_TILES; i++)
    {
      g_assert_cmpuint (f.tiles[i].draws, ==, 0);
      /* Not drawn, but laid out and mapped like the others. */
      g_assert_true (gtk_widget_get_mapped (f.tiles[i].area));
      g_assert_cmpint (gtk_widget_get_height (f.tiles[i].area), ==, TILE_HEIGHT);
    }

  fixture_tear_down (&f);
}

static void
test_draws_what_scrolls_into_view (void)
{
  Fixture f = { 0 };

  fixture_set_up (&f, 400);
  gtk_window_present (f.window);
  ck_gui_test_wait_until (tile_drawn, &f.tiles[0], "the first tile to be drawn");

  gtk_adjustment_set_value (f.vadjustment, gtk_adjustment_get_upper (f.vadjustment));
  ck_gui_test_wait_until (tile_drawn, &f.tiles[N_TILES - 1], "the last tile to be drawn once scrolled to");
  ck_gui_test_settle ();

  g_assert_cmpuint (f.tiles[N_TILES - 2].draws, >, 0);
  /* Scrolled past in one step, never shown. */
  for (guint i = 3; i < N_TILES - 3; i++)
    g_assert_cmpuint (f.tiles[i].draws, ==, 0);

  fixture_tear_down (&f);
}

static void
test_draws_what_a_taller_window_shows (void)
{
  Fixture f = { 0 };

  fixture_set_up (&f, 400);
  gtk_window_present (f.window);
  ck_gui_test_wait_until (tile_drawn, &f.tiles[0], "the first tile to be drawn");
  ck_gui_test_settle ();
  g_assert_cmpuint (f.tiles[4].draws, ==, 0);

  /* The box keeps its size; only the view grows. */
  gtk_widget_set_size_request (f.scrolled, -1, 1000);
  ck_gui_test_wait_until (tile_drawn, &f.tiles[4], "the tile the taller window shows to be drawn");
  ck_gui_test_settle ();
  g_assert_cmpuint (f.tiles[N_TILES - 1].draws, ==, 0);

  fixture_tear_down (&f);
}

static void
test_draws_everything_outside_a_viewport (void)
{
  Fixture f = { 0 };

  fixture_set_up (&f, 0);
  gtk_window_present (f.window);
  ck_gui_test_wait_until (tile_drawn, &f.tiles[N_TILES - 1], "the last tile to be drawn");

  for (guint i = 0; i < N_TILES; i++)
    g_assert_cmpuint (f.tiles[i].draws, >, 0);

  fixture_tear_down (&f);
}

int
main (int   argc,
      char *argv[])
{
  ck_gui_test_init (&argc, &argv);

  g_test_add_func ("/gui/culling-box/draws-only-what-is-in-view", test_draws_only_what_is_in_view);
  g_test_add_func ("/gui/culling-box/draws-what-scrolls-into-view", test_draws_what_scrolls_into_view);
  g_test_add_func ("/gui/culling-box/draws-what-a-taller-window-shows", test_draws_what_a_taller_window_shows);
  g_test_add_func ("/gui/culling-box/draws-everything-outside-a-viewport", test_draws_everything_outside_a_viewport);

  return g_test_run ();
}
