/* ck-sync-stream.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <git2.h>
#include <git2/sys/stream.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ck-sync-stream.h"

#define SLICE_MS 200
#define CONNECT_TIMEOUT_S 20
#define DEFAULT_TIMEOUT_S 60

struct _CkSyncWatchdog
{
  GMutex         mutex;
  GCond          cond;
  GThread       *thread;
  GCancellable  *cancellable;
  guint          timeout_seconds;
  gint64         last_activity;    /* monotonic µs */
  gboolean       running;
  gboolean       tripped;
  gboolean       timed_out;
  GArray        *fds;
};

static GPrivate current_watchdog;

/* The fields libgit2's own socket stream has, in its order: the SSH
 * transport reads the socket from them (it hands the descriptor to
 * libssh2). Ours follow. */
typedef struct
{
  git_stream      parent;
  char           *host;
  char           *port;
  int             s;
  CkSyncWatchdog *watchdog;
  guint           timeout_seconds;
} CkSocketStream;

CkSyncWatchdog *
ck_sync_watchdog_new (guint         timeout_seconds,
                      GCancellable *cancellable)
{
  CkSyncWatchdog *self = g_new0 (CkSyncWatchdog, 1);

  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  self->timeout_seconds = MAX (timeout_seconds, 1);
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  self->fds = g_array_new (FALSE, FALSE, sizeof (int));
  self->last_activity = g_get_monotonic_time ();
  return self;
}

void
ck_sync_watchdog_free (CkSyncWatchdog *self)
{
  if (self == NULL)
    return;

  if (self->running)
    ck_sync_watchdog_leave (self);
  g_clear_object (&self->cancellable);
  g_array_unref (self->fds);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_free (self);
}

/* Shuts the sockets down; called with the mutex held. */
static void
trip (CkSyncWatchdog *self)
{
  self->tripped = TRUE;
  for (guint i = 0; i < self->fds->len; i++)
    shutdown (g_array_index (self->fds, int, i), SHUT_RDWR);
}

static gpointer
watch_thread (gpointer data)
{
  CkSyncWatchdog *self = data;

  g_mutex_lock (&self->mutex);
  while (self->running)
    {
      gint64 now = g_get_monotonic_time ();

      if (!self->tripped)
        {
          if (g_cancellable_is_cancelled (self->cancellable))
            trip (self);
          else if (now - self->last_activity > (gint64) self->timeout_seconds * G_USEC_PER_SEC)
            {
              self->timed_out = TRUE;
              trip (self);
            }
        }
      g_cond_wait_until (&self->cond, &self->mutex, now + SLICE_MS * 1000);
    }
  g_mutex_unlock (&self->mutex);

  return NULL;
}

/* Binds @self to the calling thread until ck_sync_watchdog_leave(). */
void
ck_sync_watchdog_enter (CkSyncWatchdog *self)
{
  g_return_if_fail (!self->running);

  self->running = TRUE;
  self->tripped = FALSE;
  self->timed_out = FALSE;
  self->last_activity = g_get_monotonic_time ();
  g_private_set (&current_watchdog, self);
  self->thread = g_thread_new ("ck-sync-watchdog", watch_thread, self);
}

void
ck_sync_watchdog_leave (CkSyncWatchdog *self)
{
  g_mutex_lock (&self->mutex);
  self->running = FALSE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);

  g_thread_join (g_steal_pointer (&self->thread));
  if (g_private_get (&current_watchdog) == self)
    g_private_set (&current_watchdog, NULL);
}

/* Something moved: the timeout starts again. */
void
ck_sync_watchdog_touch (CkSyncWatchdog *self)
{
  if (self == NULL)
    return;

  g_mutex_lock (&self->mutex);
  self->last_activity = g_get_monotonic_time ();
  g_mutex_unlock (&self->mutex);
}

gboolean
ck_sync_watchdog_timed_out (CkSyncWatchdog *self)
{
  gboolean timed_out;

  g_mutex_lock (&self->mutex);
  timed_out = self->timed_out;
  g_mutex_unlock (&self->mutex);

  return timed_out;
}

/* Returns: (transfer none) (nullable): the watchdog of the calling thread */
CkSyncWatchdog *
ck_sync_watchdog_get_current (void)
{
  return g_private_get (&current_watchdog);
}

static gboolean
watchdog_tripped (CkSyncWatchdog *self)
{
  gboolean tripped;

  if (self == NULL)
    return FALSE;

  g_mutex_lock (&self->mutex);
  tripped = self->tripped;
  g_mutex_unlock (&self->mutex);

  return tripped;
}

static void
watch_fd (CkSyncWatchdog *self,
          int             fd,
          gboolean        add)
{
  if (self == NULL)
    return;

  g_mutex_lock (&self->mutex);
  if (add)
    {
      g_array_append_val (self->fds, fd);
      if (self->tripped)
        shutdown (fd, SHUT_RDWR);
    }
  else
    for (guint i = 0; i < self->fds->len; i++)
      if (g_array_index (self->fds, int, i) == fd)
        {
          g_array_remove_index_fast (self->fds, i);
          break;
        }
  g_mutex_unlock (&self->mutex);
}

static int
stream_error (CkSocketStream *st,
              const char     *what)
{
  g_autofree char *message = NULL;

  if (watchdog_tripped (st->watchdog) && !ck_sync_watchdog_timed_out (st->watchdog))
    message = g_strdup_printf ("%s %s: cancelled", what, st->host);
  else if (watchdog_tripped (st->watchdog))
    message = g_strdup_printf ("%s %s: no answer for %u seconds", what, st->host, st->timeout_seconds);
  else
    message = g_strdup_printf ("%s %s: %s", what, st->host, g_strerror (errno));

  git_error_set_str (GIT_ERROR_NET, message);
  return -1;
}

/* Waits until @fd is ready for @events, in slices so that the watchdog
 * and the timeout are seen. Returns 1 when ready, 0 on timeout, -1 when
 * tripped or failed. */
static int
wait_ready (CkSocketStream *st,
            short           events,
            guint           timeout_seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_seconds * G_USEC_PER_SEC;

  for (;;)
    {
      struct pollfd pfd = { st->s, events, 0 };
      int rc;

      if (watchdog_tripped (st->watchdog))
        return -1;

      rc = poll (&pfd, 1, SLICE_MS);
      if (rc > 0)
        return 1;
      if (rc < 0 && errno != EINTR)
        return -1;
      if (g_get_monotonic_time () > deadline)
        {
          /* The same as the watchdog seeing nothing move: say so alike. */
          if (st->watchdog != NULL)
            {
              g_mutex_lock (&st->watchdog->mutex);
              st->watchdog->timed_out = TRUE;
              trip (st->watchdog);
              g_mutex_unlock (&st->watchdog->mutex);
            }
          errno = ETIMEDOUT;
          return 0;
        }
    }
}

static int
try_connect (CkSocketStream  *st,
             struct addrinfo *ai)
{
  int flags;
  int so_error = 0;
  socklen_t len = sizeof so_error;

  st->s = socket (ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
  if (st->s < 0)
    return -1;

  flags = fcntl (st->s, F_GETFL, 0);
  fcntl (st->s, F_SETFL, flags | O_NONBLOCK);
  watch_fd (st->watchdog, st->s, TRUE);

  if (connect (st->s, ai->ai_addr, ai->ai_addrlen) < 0)
    {
      if (errno != EINPROGRESS ||
          wait_ready (st, POLLOUT, CONNECT_TIMEOUT_S) <= 0 ||
          getsockopt (st->s, SOL_SOCKET, SO_ERROR, &so_error, &len) < 0 ||
          so_error != 0)
        {
          int saved_errno = so_error != 0 ? so_error : errno;

          watch_fd (st->watchdog, st->s, FALSE);
          close (st->s);
          st->s = -1;
          errno = saved_errno;
          return -1;
        }
    }

  /* Blocking again: libssh2 expects a blocking socket, and our reads and
   * writes wait with poll() first. */
  fcntl (st->s, F_SETFL, flags & ~O_NONBLOCK);
  return 0;
}

static int
stream_connect (git_stream *stream)
{
  CkSocketStream *st = (CkSocketStream *) stream;
  struct addrinfo hints = { 0 };
  struct addrinfo *info = NULL;
  int rc;

  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;

  rc = getaddrinfo (st->host, st->port, &hints, &info);
  if (rc != 0)
    {
      g_autofree char *message = g_strdup_printf ("cannot resolve %s: %s", st->host, gai_strerror (rc));

      git_error_set_str (GIT_ERROR_NET, message);
      return -1;
    }

  rc = -1;
  for (struct addrinfo *ai = info; ai != NULL && rc < 0; ai = ai->ai_next)
    rc = try_connect (st, ai);
  freeaddrinfo (info);

  if (rc < 0)
    return stream_error (st, "cannot connect to");

  ck_sync_watchdog_touch (st->watchdog);
  return 0;
}

static ssize_t
stream_read (git_stream *stream,
             void       *data,
             size_t      len)
{
  CkSocketStream *st = (CkSocketStream *) stream;
  ssize_t n;

  if (wait_ready (st, POLLIN, st->timeout_seconds) <= 0)
    return stream_error (st, "reading from");

  n = recv (st->s, data, len, 0);
  if (n < 0)
    return stream_error (st, "reading from");

  ck_sync_watchdog_touch (st->watchdog);
  return n;
}

static ssize_t
stream_write (git_stream *stream,
              const char *data,
              size_t      len,
              int         flags)
{
  CkSocketStream *st = (CkSocketStream *) stream;
  ssize_t n;

  if (wait_ready (st, POLLOUT, st->timeout_seconds) <= 0)
    return stream_error (st, "writing to");

  n = send (st->s, data, len, MSG_NOSIGNAL);
  if (n < 0)
    return stream_error (st, "writing to");

  ck_sync_watchdog_touch (st->watchdog);
  return n;
}

static int
stream_close (git_stream *stream)
{
  CkSocketStream *st = (CkSocketStream *) stream;

  if (st->s >= 0)
    {
      watch_fd (st->watchdog, st->s, FALSE);
      close (st->s);
      st->s = -1;
    }

  return 0;
}

static void
stream_free (git_stream *stream)
{
  CkSocketStream *st = (CkSocketStream *) stream;

  stream_close (stream);
  g_free (st->host);
  g_free (st->port);
  g_free (st);
}

static int
stream_new (git_stream **out,
            const char  *host,
            const char  *port)
{
  CkSocketStream *st = g_new0 (CkSocketStream, 1);

  st->parent.version = GIT_STREAM_VERSION;
  st->parent.connect = stream_connect;
  st->parent.read = stream_read;
  st->parent.write = stream_write;
  st->parent.close = stream_close;
  st->parent.free = stream_free;
  st->host = g_strdup (host);
  st->port = g_strdup (port);
  st->s = -1;
  st->watchdog = ck_sync_watchdog_get_current ();
  st->timeout_seconds = st->watchdog != NULL ? st->watchdog->timeout_seconds : DEFAULT_TIMEOUT_S;

  *out = (git_stream *) st;
  return 0;
}

/* Makes libgit2 use this stream for every plain connection: SSH, HTTP,
 * and the connection under TLS. Called once, by ck_git_init(). */
void
ck_sync_stream_register (void)
{
  git_stream_registration registration = { GIT_STREAM_VERSION, stream_new, NULL };

  git_stream_register (GIT_STREAM_STANDARD, &registration);
}
