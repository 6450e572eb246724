/* ck-cli-passphrase.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <sodium.h>
#include <termios.h>
#include <unistd.h>

#include "ck-cli-passphrase.h"
#include "ck-error.h"

/* Longer than any passphrase a person types; the rest of a longer line is
 * read and refused rather than silently cut off. */
#define MAX_PASSPHRASE 1024

void
ck_cli_passphrase_free (char *passphrase)
{
  if (passphrase == NULL)
    return;

  sodium_memzero (passphrase, strlen (passphrase));
  g_free (passphrase);
}

/**
 * ck_cli_passphrase_read_file:
 *
 * Reads the first line of @path, without its line ending, for scripts and
 * cron that cannot type.
 *
 * Returns: (transfer full) (nullable): the passphrase, or %NULL with @error
 *   (G_FILE_ERROR) set
 */
char *
ck_cli_passphrase_read_file (const char  *path,
                             GError     **error)
{
  char *contents = NULL;
  char *passphrase;
  gsize length;
  gsize line;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  line = strcspn (contents, "\r\n");
  passphrase = g_strndup (contents, line);
  sodium_memzero (contents, length);
  g_free (contents);

  return passphrase;
}

/* While echo is off, a signal that ends the program must give the terminal
 * its echo back first, or the shell is left typing blind. */
static int tty_fd = -1;
static struct termios saved_termios;
static volatile sig_atomic_t echo_is_off;

static const int restore_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

static void
restore_and_reraise (int signum)
{
  if (echo_is_off)
    tcsetattr (tty_fd, TCSAFLUSH, &saved_termios);
  signal (signum, SIG_DFL);
  raise (signum);
}

static gboolean
read_line_without_echo (int      fd,
                        char    *buffer,
                        gsize    size,
                        gboolean *too_long)
{
  struct sigaction action = { 0 };
  struct sigaction previous[G_N_ELEMENTS (restore_signals)];
  struct termios quiet;
  gsize length = 0;

  if (tcgetattr (fd, &saved_termios) != 0)
    return FALSE;

  tty_fd = fd;
  action.sa_handler = restore_and_reraise;
  sigemptyset (&action.sa_mask);
  for (guint i = 0; i < G_N_ELEMENTS (restore_signals); i++)
    sigaction (restore_signals[i], &action, &previous[i]);

  quiet = saved_termios;
  quiet.c_lflag &= ~(tcflag_t) ECHO;
  quiet.c_lflag |= ECHONL;
  echo_is_off = tcsetattr (fd, TCSAFLUSH, &quiet) == 0;

  *too_long = FALSE;
  for (;;)
    {
      char c;
      ssize_t n = read (fd, &c, 1);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0 || c == '\n')
        break;
      if (length + 1 < size)
        buffer[length++] = c;
      else
        *too_long = TRUE;
    }
  buffer[length] = '\0';

  if (echo_is_off)
    tcsetattr (fd, TCSAFLUSH, &saved_termios);
  echo_is_off = FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (restore_signals); i++)
    sigaction (restore_signals[i], &previous[i], NULL);
  tty_fd = -1;

  return TRUE;
}

/**
 * ck_cli_passphrase_prompt:
 * @prompt: what to ask, in the user's language
 *
 * Asks on the controlling terminal, without echo. Refuses when standard
 * input is not a terminal: a script must say where the passphrase is
 * rather than hang on a prompt nobody sees.
 *
 * Returns: (transfer full) (nullable): the passphrase, or %NULL with @error
 */
char *
ck_cli_passphrase_prompt (const char  *prompt,
                          GError     **error)
{
  char buffer[MAX_PASSPHRASE];
  char *passphrase;
  gboolean too_long = FALSE;
  gboolean ok;
  int saved_errno;
  int fd;

  if (!isatty (STDIN_FILENO) ||
      (fd = open ("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)) < 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("No passphrase: standard input is not a terminal. "
                             "Give the passphrase with --passphrase-file FILE."));
      return NULL;
    }

  ok = write (fd, prompt, strlen (prompt)) >= 0 &&
       read_line_without_echo (fd, buffer, sizeof buffer, &too_long);
  saved_errno = errno;
  close (fd);

  if (!ok)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO,
                   _("Cannot ask for the passphrase on the terminal: %s"), g_strerror (saved_errno));
      return NULL;
    }

  if (too_long)
    {
      sodium_memzero (buffer, sizeof buffer);
      g_set_error (error, CK_ERROR, CK_ERROR_INVALID,
                   _("The passphrase is longer than %d characters"), MAX_PASSPHRASE - 1);
      return NULL;
    }

  passphrase = g_strdup (buffer);
  sodium_memzero (buffer, sizeof buffer);
  return passphrase;
}
