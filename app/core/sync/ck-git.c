/* ck-git.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <signal.h>

#include "ck-error.h"
#include "ck-git.h"
#include "ck-sync-stream.h"

void
ck_git_init (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      git_libgit2_init ();
      /* A server that hangs up must end the call with an error, not the
       * process: libssh2 writes to its socket without MSG_NOSIGNAL. */
      signal (SIGPIPE, SIG_IGN);
      /* The shared repository is written by one replica per ref and read
       * by everyone: no fsync of each loose object, as everything is
       * written as packs, but keep the strict object checks. */
      git_libgit2_opts (GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, 1);
      ck_sync_stream_register ();
      g_once_init_leave (&initialised, 1);
    }
}

/**
 * ck_git_check:
 * @rc: what a libgit2 call returned
 * @what: what was being done, for people: "Reading the shared repository"
 *
 * Returns: %TRUE when @rc says success; otherwise sets @error to @what
 *   followed by libgit2's own words, and returns %FALSE
 */
gboolean
ck_git_check (int          rc,
              GError     **error,
              const char  *what)
{
  const git_error *last;

  if (rc >= 0)
    return TRUE;

  last = git_error_last ();
  g_set_error (error, CK_ERROR, rc == GIT_EUSER ? CK_ERROR_CANCELLED : CK_ERROR_IO,
               /* Translators: "%s: %s" is what was being done, then the
                * technical reason from the Git library. */
               _("%s failed: %s"), what,
               last != NULL && last->message != NULL ? last->message : _("unknown error"));
  return FALSE;
}

char *
ck_git_oid_to_hex (const git_oid *oid)
{
  char hex[GIT_OID_HEXSZ + 1];

  git_oid_tostr (hex, sizeof hex, oid);
  return g_strdup (hex);
}
