/* ck-application.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ck-application.h"
#include "ck-register.h"
#include "ck-window.h"

struct _CkApplication
{
  AdwApplication  parent_instance;

  char           *register_path;
  gboolean        demo;
};

G_DEFINE_FINAL_TYPE (CkApplication, ck_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open the demo register (made on first use, with invented cases)"), NULL },
  { "register", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the register in FILE instead of the usual one"), N_("FILE") },
  { NULL }
};

static int
ck_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  CkApplication *self = CK_APPLICATION (app);
  const char *path = NULL;

  self->demo = g_variant_dict_contains (options, "demo");
  if (g_variant_dict_lookup (options, "register", "^&ay", &path))
    self->register_path = g_strdup (path);

  return -1;
}

static void
ck_application_activate (GApplication *app)
{
  CkApplication *self = CK_APPLICATION (app);
  g_autofree char *path = NULL;
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  if (self->register_path != NULL)
    path = g_strdup (self->register_path);
  else if (self->demo)
    path = ck_register_get_demo_path ();
  else
    path = ck_register_get_default_path ();

  window = GTK_WINDOW (ck_window_new (self, path, self->demo));
  gtk_window_present (window);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  const char *developers[] = { "The Casuskamer authors", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", "Casuskamer",
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", "The Casuskamer authors",
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "comments", _("Keep an overview of cases of exclusion, discrimination and racism "
                                       "between colleagues, learn from them in the reflection room, and "
                                       "share anonymised figures between units."),
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = gtk_application_get_windows (app);

  /* Closing the windows first lets each finish its work (the bin). */
  while (windows != NULL)
    {
      GList *next = windows->next;

      gtk_window_close (windows->data);
      windows = next;
    }
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "quit", quit_action },
};

static void
ck_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (ck_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", (const char *[]) { "<Control>w", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.new-case", (const char *[]) { "<Control>n", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.search", (const char *[]) { "<Control>f", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.preferences", (const char *[]) { "<Control>comma", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.sync", (const char *[]) { "<Control>r", NULL });
}

static void
ck_application_finalize (GObject *object)
{
  CkApplication *self = (CkApplication *)object;

  g_free (self->register_path);

  G_OBJECT_CLASS (ck_application_parent_class)->finalize (object);
}

static void
ck_application_class_init (CkApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = ck_application_finalize;
  app_class->handle_local_options = ck_application_handle_local_options;
  app_class->activate = ck_application_activate;
  app_class->startup = ck_application_startup;
}

static void
ck_application_init (CkApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
}

CkApplication *
ck_application_new (void)
{
  /* NON_UNIQUE: each start opens its own register, and the demo and the
   * real register must never share a process. */
  return g_object_new (CK_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}
