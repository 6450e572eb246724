/* ck-gui-test-util.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "ck-gui-test-util.h"

#define WAIT_SECONDS 20

static void
css_parsing_error_cb (GtkCssProvider *provider,
                      GtkCssSection  *section,
                      const GError   *error)
{
  g_autofree char *where = gtk_css_section_to_string (section);

  g_error ("%s: %s", where, error->message);
}

void
ck_gui_test_init (int    *argc,
                  char ***argv)
{
  g_autoptr(GtkCssProvider) css = NULL;
  g_autoptr(GtkCssProvider) hc_css = NULL;

  setlocale (LC_ALL, "C.UTF-8");
  /* Not G_TEST_OPTION_ISOLATE_DIRS: it hides the system's MIME database,
   * without which no SVG icon loads. meson points the user's own data,
   * config and cache folders at a scratch folder instead. */
  g_test_init (argc, argv, NULL);
  gtk_init ();
  adw_init ();

  /* What AdwApplication does for the application: its style and icons.
   * A rule GTK cannot read fails every window test, in the high-contrast
   * style too. */
  hc_css = gtk_css_provider_new ();
  g_signal_connect (hc_css, "parsing-error", G_CALLBACK (css_parsing_error_cb), NULL);
  gtk_css_provider_load_from_resource (hc_css, RESOURCE_PREFIX "/style-hc.css");
  css = gtk_css_provider_new ();
  g_signal_connect (css, "parsing-error", G_CALLBACK (css_parsing_error_cb), NULL);
  gtk_css_provider_load_from_resource (css, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    RESOURCE_PREFIX "/icons");

  /* Without a window manager focus moves without focus-out events, and
   * the cursor blink timer warns about that; tests need no blinking. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
  /* Transitions done at once: what a test asserts or photographs is the
   * end state, however slow the machine. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
}

/* Runs the main loop until @condition holds; fails the test after
 * WAIT_SECONDS, naming @what. */
void
ck_gui_test_wait_until (CkTestCondition  condition,
                        gpointer         data,
                        const char      *what)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Lets pending layout, drawing and idle work finish. */
void
ck_gui_test_settle (void)
{
  gint64 until = g_get_monotonic_time () + 200 * 1000;

  while (g_get_monotonic_time () < until)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (5000);
    }
}

/* Returns: (transfer none) (nullable): the first shown toplevel of @type;
 * windows kept hidden for later use do not count */
GtkWindow *
ck_gui_test_find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

/**
 * ck_gui_test_screenshot:
 *
 * Renders @widget as it is on screen into a PNG in the test artefacts
 * folder (CK_TEST_ARTEFACTS, set by meson), for people to look at.
 */
void
ck_gui_test_screenshot (GtkWidget  *widget,
                        const char *name)
{
  const char *dir = g_getenv ("CK_TEST_ARTEFACTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  graphene_rect_t bounds;
  int width, height;

  if (dir == NULL)
    return;

  ck_gui_test_settle ();
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);

  /* While an animation runs (a revealer sliding open) the widget may be
   * between layouts and draw nothing: wait for the next frame. */
  paintable = gtk_widget_paintable_new (widget);
  for (guint tries = 0; node == NULL && tries < 50; tries++)
    {
      if (tries > 0)
        ck_gui_test_settle ();
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  graphene_rect_init (&bounds, 0, 0, width, height);
  texture = gsk_renderer_render_texture (renderer, node, &bounds);

  g_mkdir_with_parents (dir, 0755);
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static void
collect (GtkWidget *widget,
         GString   *text)
{
  const char *value = NULL;

  if (!gtk_widget_get_visible (widget))
    return;

  if (GTK_IS_LABEL (widget))
    value = gtk_label_get_text (GTK_LABEL (widget));
  else if (GTK_IS_INSCRIPTION (widget))
    value = gtk_inscription_get_text (GTK_INSCRIPTION (widget));
  else if (GTK_IS_EDITABLE (widget) && !GTK_IS_TEXT (widget))
    value = gtk_editable_get_text (GTK_EDITABLE (widget));
  else if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;
      g_autofree char *content = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      content = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      g_string_append_printf (text, "%s\n", content);
    }

  if (value != NULL)
    g_string_append_printf (text, "%s\n", value);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, text);
}

/* Returns: (transfer full): every text the visible widgets under @widget
 * show, one per line */
char *
ck_gui_test_collect_text (GtkWidget *widget)
{
  GString *text = g_string_new (NULL);

  collect (widget, text);
  return g_string_free (text, FALSE);
}

/* Runs the first shortcut of @controller that @keyval with @modifiers
 * triggers and that acts, as GTK does. */
static gboolean
run_shortcuts (GtkShortcutController *controller,
               GtkWidget             *widget,
               guint                  keyval,
               GdkModifierType        modifiers)
{
  GListModel *shortcuts = G_LIST_MODEL (controller);

  for (guint i = 0; i < g_list_model_get_n_items (shortcuts); i++)
    {
      g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (shortcuts, i);
      GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

      if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
          gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
          gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers &&
          gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                        gtk_shortcut_get_arguments (shortcut)))
        return TRUE;
    }

  return FALSE;
}

static gboolean
run_phase (GtkWidget           *widget,
           GtkPropagationPhase  phase,
           guint                keyval,
           GdkModifierType      modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_SHORTCUT_CONTROLLER (controller) &&
          gtk_event_controller_get_propagation_phase (controller) == phase &&
          run_shortcuts (GTK_SHORTCUT_CONTROLLER (controller), widget, keyval, modifiers))
        return TRUE;
    }

  return FALSE;
}

/**
 * ck_gui_test_press_key:
 * @widget: a window, or the widget with the keyboard focus
 *
 * Does what pressing @keyval with @modifiers does: the shortcuts of the
 * widgets from the window down to the focus widget in the capture phase,
 * then back up in the bubble phase, as GTK runs them. GTK 4 cannot make
 * key events for tests; this goes through the same bindings a key press
 * finds (but not through widgets that take keys as text).
 *
 * Returns: whether the key is bound and something acted on it
 */
gboolean
ck_gui_test_press_key (GtkWidget       *widget,
                       guint            keyval,
                       GdkModifierType  modifiers)
{
  g_autoptr(GPtrArray) path = g_ptr_array_new ();

  if (GTK_IS_WINDOW (widget) && gtk_window_get_focus (GTK_WINDOW (widget)) != NULL)
    widget = gtk_window_get_focus (GTK_WINDOW (widget));

  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    g_ptr_array_add (path, w);

  for (guint i = path->len; i > 0; i--)
    if (run_phase (path->pdata[i - 1], GTK_PHASE_CAPTURE, keyval, modifiers))
      return TRUE;

  if (run_phase (widget, GTK_PHASE_TARGET, keyval, modifiers))
    return TRUE;

  for (guint i = 0; i < path->len; i++)
    if (run_phase (path->pdata[i], GTK_PHASE_BUBBLE, keyval, modifiers))
      return TRUE;

  return FALSE;
}
