/* test-sync-network.c: publishing and importing over SSH (sshd on
 * 127.0.0.1) and HTTP (git http-backend behind lighttpd), started here and
 * stopped after; a server that hangs and a cancelled run
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ck-error.h"
#include "ck-git.h"
#include "ck-register.h"
#include "ck-sync.h"
#include "ck-sync-remote.h"
#include "ck-sync-test-util.h"
#include "ck-test-util.h"

#define SSHD "/usr/sbin/sshd"
#define LIGHTTPD "/usr/sbin/lighttpd"
#define HTTP_BACKEND "/usr/lib/git-core/git-http-backend"

typedef struct
{
  char        *dir;
  char        *repo;
  GSubprocess *server;
  int          port;
  CkRegister  *unit_reg;
  CkSync      *unit;
  CkRegister  *national_reg;
  CkSync      *national;
} Fixture;

static int
free_port (void)
{
  struct sockaddr_in addr = { 0 };
  socklen_t len = sizeof addr;
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  int port;

  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  g_assert_cmpint (bind (fd, (struct sockaddr *) &addr, sizeof addr), ==, 0);
  g_assert_cmpint (getsockname (fd, (struct sockaddr *) &addr, &len), ==, 0);
  port = ntohs (addr.sin_port);
  close (fd);
  return port;
}

static gboolean
port_open (int port)
{
  struct sockaddr_in addr = { 0 };
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  gboolean open;

  addr.sin_family = AF_INET;
  addr.sin_port = htons (port);
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  open = connect (fd, (struct sockaddr *) &addr, sizeof addr) == 0;
  close (fd);
  return open;
}

static void
wait_for_port (Fixture *f)
{
  for (guint i = 0; i < 100; i++)
    {
      if (port_open (f->port))
        return;
      g_usleep (50 * 1000);
    }
  g_error ("The server did not start on port %d", f->port);
}

static void
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error);

  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (process, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  f->dir = ck_test_make_dir ();
  f->repo = g_build_filename (f->dir, "shared.git", NULL);
  out = ck_sync_test_git (NULL, &error, "init", "-q", "--bare", f->repo, NULL);
  g_assert_no_error (error);
  g_clear_pointer (&out, g_free);
  out = ck_sync_test_git (f->repo, &error, "config", "http.receivepack", "true", NULL);
  g_assert_no_error (error);

  f->unit_reg = ck_sync_test_register (f->dir, "ZWB", 500, 3);
  f->unit = ck_sync_new (f->unit_reg);
  f->national_reg = ck_sync_test_register (f->dir, "LE", 0, 4);
  f->national = ck_sync_new (f->national_reg);
  ck_sync_test_enrol (f->national, f->unit);
  ck_sync_set_timeout (f->unit, 20);
  ck_sync_set_timeout (f->national, 20);
  f->port = free_port ();
  /* No agent: the key file is what logs in. */
  g_unsetenv ("SSH_AUTH_SOCK");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->server != NULL)
    {
      g_subprocess_send_signal (f->server, SIGTERM);
      g_subprocess_wait (f->server, NULL, NULL);
      g_clear_object (&f->server);
    }
  g_clear_object (&f->unit);
  g_clear_object (&f->unit_reg);
  g_clear_object (&f->national);
  g_clear_object (&f->national_reg);
  ck_test_remove_dir (f->dir);
  g_free (f->repo);
  g_free (f->dir);
}

static void
set_remote (CkSync     *sync,
            const char *url)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ck_sync_set_remote (sync, url, &error));
  g_assert_no_error (error);
}

/* The unit publishes and the coordinator imports the same records. */
static void
assert_round_trip (Fixture *f)
{
  g_autoptr(CkSyncResult) published = ck_sync_test_run (f->unit, CK_SYNC_PUBLISH);
  g_autoptr(CkSyncResult) imported = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fsck = NULL;

  g_assert_true (published->published);
  g_assert_cmpuint (published->n_active, >, 0);

  imported = ck_sync_test_run (f->national, CK_SYNC_IMPORT);
  g_assert_cmpuint (ck_sync_result_get_import (imported, "ZWB")->records, ==, published->n_active);
  g_assert_cmpuint (ck_sync_test_count_unit (f->national, "ZWB"), ==, published->n_active);

  fsck = ck_sync_test_git (f->repo, &error, "fsck", "--strict", "--no-dangling", NULL);
  g_assert_no_error (error);
}

static char *
start_sshd (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *host_key = g_build_filename (f->dir, "host_key", NULL);
  g_autofree char *user_key = g_build_filename (f->dir, "id_ed25519", NULL);
  g_autofree char *user_pub = g_strconcat (user_key, ".pub", NULL);
  g_autofree char *authorized = g_build_filename (f->dir, "authorized_keys", NULL);
  g_autofree char *config = g_build_filename (f->dir, "sshd_config", NULL);
  g_autofree char *pid = g_build_filename (f->dir, "sshd.pid", NULL);
  g_autofree char *config_text = NULL;
  g_autofree char *pub = NULL;
  const char *keygen_host[] = { "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", host_key, NULL };
  const char *keygen_user[] = { "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", user_key, NULL };

  if (!g_file_test (SSHD, G_FILE_TEST_IS_EXECUTABLE))
    return NULL;

  run (keygen_host);
  run (keygen_user);
  g_assert_true (g_file_get_contents (user_pub, &pub, NULL, NULL));
  g_assert_true (g_file_set_contents (authorized, pub, -1, NULL));
  g_chmod (authorized, 0600);

  config_text = g_strdup_printf ("Port %d\nListenAddress 127.0.0.1\nHostKey %s\nAuthorizedKeysFile %s\n"
                                 "PidFile %s\nStrictModes no\nUsePAM no\nPasswordAuthentication no\n"
                                 "KbdInteractiveAuthentication no\nPubkeyAuthentication yes\n"
                                 "PermitRootLogin prohibit-password\nAllowUsers %s\nLogLevel ERROR\n",
                                 f->port, host_key, authorized, pid, g_get_user_name ());
  g_assert_true (g_file_set_contents (config, config_text, -1, NULL));
  /* sshd insists on its privilege separation folder, even when it is not
   * run as root. */
  g_mkdir_with_parents ("/run/sshd", 0755);

  f->server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error, SSHD, "-D", "-e", "-f", config, NULL);
  g_assert_no_error (error);
  wait_for_port (f);
  return g_steal_pointer (&user_key);
}

static char *
known_hosts_line (Fixture *f)
{
  g_autofree char *pub_path = g_build_filename (f->dir, "host_key.pub", NULL);
  g_autofree char *pub = NULL;
  g_auto(GStrv) fields = NULL;

  g_assert_true (g_file_get_contents (pub_path, &pub, NULL, NULL));
  fields = g_strsplit (g_strstrip (pub), " ", 3);
  return g_strdup_printf ("[127.0.0.1]:%d %s %s\n", f->port, fields[0], fields[1]);
}

static void
test_ssh (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *user_key = start_sshd (f);
  g_autofree char *url = NULL;
  g_autofree char *known_hosts = g_build_filename (f->dir, "known_hosts", NULL);
  g_autofree char *line = NULL;
  g_autofree char *other_key = g_build_filename (f->dir, "other_key", NULL);
  g_autoptr(CkSyncResult) result = NULL;

  if (user_key == NULL)
    {
      g_test_skip ("sshd is not installed (build-aux/install-deps installs it)");
      return;
    }

  url = g_strdup_printf ("ssh://%s@127.0.0.1:%d%s", g_get_user_name (), f->port, f->repo);
  set_remote (f->unit, url);
  set_remote (f->national, url);

  /* An unknown host is refused, and nothing is sent. */
  g_assert_true (g_file_set_contents (known_hosts, "", -1, NULL));
  g_assert_true (ck_sync_set_setting (f->unit, CK_SYNC_SETTING_KNOWN_HOSTS, known_hosts, &error));
  g_assert_true (ck_sync_set_setting (f->unit, CK_SYNC_SETTING_SSH_KEY, user_key, &error));
  g_assert_null (ck_sync_run (f->unit, CK_SYNC_PUBLISH, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "is not known on this computer"));
  g_clear_error (&error);

  /* A known host with another key: refused too. */
  line = g_strdup_printf ("[127.0.0.1]:%d ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMnp7r0sUHzfIcgKXfr7IjAOd4nCG+Wtbt1a8uk6Qwb7\n", f->port);
  g_assert_true (g_file_set_contents (known_hosts, line, -1, NULL));
  g_assert_null (ck_sync_run (f->unit, CK_SYNC_PUBLISH, NULL, &error));
  g_assert_nonnull (strstr (error->message, "another host key"));
  g_clear_error (&error);

  g_clear_pointer (&line, g_free);
  line = known_hosts_line (f);
  g_assert_true (g_file_set_contents (known_hosts, line, -1, NULL));

  /* A key the server does not know: refused after a few attempts. */
  {
    const char *keygen[] = { "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other_key, NULL };

    run (keygen);
    g_assert_true (ck_sync_set_setting (f->unit, CK_SYNC_SETTING_SSH_KEY, other_key, &error));
    g_assert_null (ck_sync_run (f->unit, CK_SYNC_PUBLISH, NULL, &error));
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, "refused"));
    g_clear_error (&error);
    g_assert_true (ck_sync_set_setting (f->unit, CK_SYNC_SETTING_SSH_KEY, user_key, &error));
  }

  g_assert_true (ck_sync_set_setting (f->national, CK_SYNC_SETTING_KNOWN_HOSTS, known_hosts, &error));
  g_assert_true (ck_sync_set_setting (f->national, CK_SYNC_SETTING_SSH_KEY, user_key, &error));
  assert_round_trip (f);

  /* A second publish after a change goes as well: a fast-forward. */
  result = ck_sync_test_run (f->unit, CK_SYNC_BOTH);
  g_assert_true (result->publish_done);
}

static void
test_http (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *config = g_build_filename (f->dir, "lighttpd.conf", NULL);
  g_autofree char *log = g_build_filename (f->dir, "lighttpd.log", NULL);
  g_autofree char *text = NULL;
  g_autofree char *url = NULL;

  if (!g_file_test (LIGHTTPD, G_FILE_TEST_IS_EXECUTABLE) || !g_file_test (HTTP_BACKEND, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("lighttpd or git-http-backend is not installed (build-aux/install-deps installs them)");
      return;
    }

  text = g_strdup_printf ("server.modules = (\"mod_alias\", \"mod_cgi\", \"mod_setenv\")\n"
                          "server.port = %d\nserver.bind = \"127.0.0.1\"\n"
                          "server.document-root = \"%s\"\nserver.errorlog = \"%s\"\n"
                          "alias.url = (\"/git\" => \"" HTTP_BACKEND "\")\n"
                          "$HTTP[\"url\"] =~ \"^/git\" {\n"
                          "  cgi.assign = (\"\" => \"\")\n"
                          "  setenv.add-environment = (\"GIT_PROJECT_ROOT\" => \"%s\", \"GIT_HTTP_EXPORT_ALL\" => \"1\")\n"
                          "}\n",
                          f->port, f->dir, log, f->dir);
  g_assert_true (g_file_set_contents (config, text, -1, NULL));

  f->server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error, LIGHTTPD, "-D", "-f", config, NULL);
  g_assert_no_error (error);
  wait_for_port (f);

  url = g_strdup_printf ("http://127.0.0.1:%d/git/shared.git", f->port);
  set_remote (f->unit, url);
  set_remote (f->national, url);
  assert_round_trip (f);

  /* An address where no repository is: said in words. */
  {
    g_autofree char *missing = g_strdup_printf ("http://127.0.0.1:%d/git/none.git", f->port);

    set_remote (f->national, missing);
    g_assert_null (ck_sync_run (f->national, CK_SYNC_IMPORT, NULL, &error));
    g_test_message ("%s", error->message);
    g_assert_nonnull (error);
  }
}

/* A server that accepts the connection and then says nothing. */
static int
silent_server (Fixture *f)
{
  struct sockaddr_in addr = { 0 };
  int fd = socket (AF_INET, SOCK_STREAM, 0);

  addr.sin_family = AF_INET;
  addr.sin_port = htons (f->port);
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  g_assert_cmpint (bind (fd, (struct sockaddr *) &addr, sizeof addr), ==, 0);
  g_assert_cmpint (listen (fd, 4), ==, 0);
  return fd;
}

static void
test_watchdog (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strdup_printf ("ssh://127.0.0.1:%d/shared.git", f->port);
  int fd = silent_server (f);
  gint64 start;

  set_remote (f->unit, url);
  ck_sync_set_timeout (f->unit, 2);
  start = g_get_monotonic_time ();
  g_assert_null (ck_sync_run (f->unit, CK_SYNC_PUBLISH, NULL, &error));
  g_test_message ("%s after %.1f s", error->message, (g_get_monotonic_time () - start) / 1e6);
  g_assert_nonnull (strstr (error->message, "stopped answering"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);

  /* The same over HTTP, where the stream itself waits in slices. */
  g_clear_error (&error);
  g_clear_pointer (&url, g_free);
  url = g_strdup_printf ("http://127.0.0.1:%d/shared.git", f->port);
  set_remote (f->unit, url);
  start = g_get_monotonic_time ();
  g_assert_null (ck_sync_run (f->unit, CK_SYNC_PUBLISH, NULL, &error));
  g_assert_nonnull (strstr (error->message, "stopped answering"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  close (fd);
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GError **error = user_data;
  CkSyncResult *sync_result = ck_sync_run_finish (CK_SYNC (object), result, error);

  g_assert_null (sync_result);
  g_assert_nonnull (*error);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *url = g_strdup_printf ("ssh://127.0.0.1:%d/shared.git", f->port);
  int fd = silent_server (f);
  gint64 start = g_get_monotonic_time ();

  set_remote (f->unit, url);
  ck_sync_set_timeout (f->unit, 60);
  ck_sync_run_async (f->unit, CK_SYNC_BOTH, cancellable, run_done_cb, &error);
  g_timeout_add (500, cancel_cb, cancellable);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_error (error, CK_ERROR, CK_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_assert_false (ck_sync_is_running (f->unit));
  close (fd);
}

static GError *
explain (int         klass,
         const char *message)
{
  g_autoptr(CkRemote) remote = ck_remote_new ("/srv/shared.git", NULL);
  GError *error = NULL;

  git_error_set_str (klass, message);
  g_assert_false (ck_remote_explain (remote, GIT_ERROR, "publish", &error));
  g_assert_nonnull (error);

  return error;
}

/* A failure is told by what it says, not by digits that happen to be in
 * it: a temporary file's name held "403" and a full pack folder was
 * reported as a refused login. */
static void
test_explain (void)
{
  g_autoptr(GError) refused = NULL;
  g_autoptr(GError) missing = NULL;
  g_autoptr(GError) unwritable = NULL;
  g_autoptr(GError) hex_404 = NULL;

  ck_git_init ();

  refused = explain (GIT_ERROR_HTTP, "unexpected http status code: 403");
  g_assert_error (refused, CK_ERROR, CK_ERROR_WRONG_PASSPHRASE);
  missing = explain (GIT_ERROR_HTTP, "unexpected http status code: 404");
  g_assert_error (missing, CK_ERROR, CK_ERROR_NOT_FOUND);
  unwritable = explain (GIT_ERROR_OS, "failed to create temporary file "
                        "'/srv/shared.git/objects/pack/pack_git2_c583b41a40303980': Not a directory");
  g_assert_error (unwritable, CK_ERROR, CK_ERROR_IO);
  hex_404 = explain (GIT_ERROR_OS, "failed to write '/srv/shared.git/objects/pack/pack_git2_4041ab': Read-only file system");
  g_assert_error (hex_404, CK_ERROR, CK_ERROR_IO);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/sync-network/ssh", test_ssh);
  ADD ("/sync-network/http", test_http);
  ADD ("/sync-network/watchdog", test_watchdog);
  ADD ("/sync-network/cancel", test_cancel);
  g_test_add_func ("/sync-network/explain", test_explain);

  return g_test_run ();
}
