/* ck-sync-remote.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ck-error.h"
#include "ck-git.h"
#include "ck-sync-remote.h"

static gboolean
parse_network_url (CkRemote    *self,
                   const char  *url,
                   GError     **error)
{
  g_autoptr(GUri) uri = NULL;

  /* scp-like "user@host:path" is SSH as git writes it. */
  if (strstr (url, "://") == NULL)
    {
      const char *at = strchr (url, '@');
      const char *colon = strchr (at != NULL ? at : url, ':');
      g_autofree char *host = NULL;

      if (colon == NULL || colon == url)
        goto bad;
      host = at != NULL && at < colon ? g_strndup (at + 1, colon - at - 1) : g_strndup (url, colon - url);
      self->kind = CK_REMOTE_SSH;
      self->host = g_steal_pointer (&host);
      self->port = 22;
      return TRUE;
    }

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    goto bad;

  self->host = g_strdup (g_uri_get_host (uri));
  self->port = g_uri_get_port (uri);
  if (g_str_equal (g_uri_get_scheme (uri), "ssh"))
    {
      self->kind = CK_REMOTE_SSH;
      if (self->port < 0)
        self->port = 22;
    }
  else if (g_str_equal (g_uri_get_scheme (uri), "https") || g_str_equal (g_uri_get_scheme (uri), "http"))
    self->kind = CK_REMOTE_HTTP;
  else
    goto bad;

  return TRUE;

bad:
  g_set_error (error, CK_ERROR, CK_ERROR_INVALID,
               _("“%s” is not an address of a shared repository. Give a folder (/media/usb/udr.git), "
                 "an SSH address (ssh://host/udr.git or user@host:udr.git) or an HTTPS address."),
               url);
  return FALSE;
}

/**
 * ck_remote_new:
 * @url: a path, "file://…", "ssh://…", "user@host:path", "https://…" or
 *   "http://…"
 *
 * Returns: (transfer full) (nullable): the remote, or %NULL with @error
 */
CkRemote *
ck_remote_new (const char  *url,
               GError     **error)
{
  g_autoptr(CkRemote) self = g_new0 (CkRemote, 1);
  g_autofree char *stripped = g_strstrip (g_strdup (url != NULL ? url : ""));

  if (*stripped == '\0')
    {
      g_set_error_literal (error, CK_ERROR, CK_ERROR_INVALID,
                           _("No shared repository is set. Give its folder or address first."));
      return NULL;
    }

  self->url = g_strdup (stripped);
  if (g_str_has_prefix (stripped, "file://"))
    {
      self->kind = CK_REMOTE_PATH;
      self->path = g_filename_from_uri (stripped, NULL, error);
      if (self->path == NULL)
        return NULL;
    }
  else if (g_path_is_absolute (stripped) || g_str_has_prefix (stripped, "./") || g_str_has_prefix (stripped, "../") ||
           (strchr (stripped, ':') == NULL))
    {
      self->kind = CK_REMOTE_PATH;
      self->path = g_canonicalize_filename (stripped, NULL);
    }
  else if (!parse_network_url (self, stripped, error))
    return NULL;

  self->known_hosts = g_build_filename (g_get_home_dir (), ".ssh", "known_hosts", NULL);
  return g_steal_pointer (&self);
}

void
ck_remote_free (CkRemote *self)
{
  if (self == NULL)
    return;

  g_free (self->url);
  g_free (self->path);
  g_free (self->host);
  g_free (self->known_hosts);
  g_free (self->ssh_key);
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);
  g_clear_pointer (&self->watchdog, ck_sync_watchdog_free);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->refusal);
  g_free (self);
}

/* Returns: the address as people know it */
const char *
ck_remote_describe (CkRemote *self)
{
  return self->kind == CK_REMOTE_PATH ? self->path : self->url;
}

static int
refuse (CkRemote   *self,
        int         code,
        const char *message)
{
  if (self->refusal == NULL)
    self->refusal = g_error_new_literal (CK_ERROR, code, message);
  git_error_set_str (GIT_ERROR_CALLBACK, message);
  return GIT_EUSER;
}

static int
check_cancel (CkRemote *self)
{
  if (g_cancellable_is_cancelled (self->cancellable))
    return refuse (self, CK_ERROR_CANCELLED, _("Cancelled."));

  return 0;
}

static char *
first_existing_key (void)
{
  static const char * const names[] = { "id_ed25519", "id_ecdsa", "id_rsa" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      char *path = g_build_filename (g_get_home_dir (), ".ssh", names[i], NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return path;
      g_free (path);
    }

  return NULL;
}

static int
credentials_cb (git_credential **out,
                const char      *url,
                const char      *username_from_url,
                unsigned int     allowed_types,
                void            *payload)
{
  CkRemote *self = payload;
  const char *user = username_from_url != NULL ? username_from_url : g_get_user_name ();

  if (check_cancel (self) < 0)
    return GIT_EUSER;

  if (++self->attempts > CK_REMOTE_MAX_ATTEMPTS)
    return refuse (self, CK_ERROR_WRONG_PASSPHRASE,
                   self->kind == CK_REMOTE_SSH
                   ? _("The server of the shared repository refused every SSH key offered. Ask its "
                       "administrator to allow this computer’s key, or choose another key file.")
                   : _("The server of the shared repository refused the login. Check the user name and "
                       "the token, and enter the token again."));

  if (allowed_types & GIT_CREDENTIAL_USERNAME)
    return git_credential_username_new (out, user);

  if (allowed_types & GIT_CREDENTIAL_SSH_KEY)
    {
      g_autofree char *key = NULL;
      g_autofree char *public_key = NULL;

      /* The first attempt goes to the agent, unless a key file is set. */
      if (self->ssh_key == NULL && self->attempts == 1 && g_getenv ("SSH_AUTH_SOCK") != NULL)
        return git_credential_ssh_key_from_agent (out, user);

      key = self->ssh_key != NULL ? g_strdup (self->ssh_key) : first_existing_key ();
      if (key == NULL)
        return refuse (self, CK_ERROR_NOT_FOUND,
                       _("There is no SSH key to log in to the shared repository with. Make one "
                         "(ssh-keygen) or choose a key file."));
      public_key = g_strconcat (key, ".pub", NULL);
      return git_credential_ssh_key_new (out, user,
                                         g_file_test (public_key, G_FILE_TEST_EXISTS) ? public_key : NULL,
                                         key, NULL);
    }

  if (allowed_types & GIT_CREDENTIAL_USERPASS_PLAINTEXT)
    {
      if (self->token == NULL)
        return refuse (self, CK_ERROR_WRONG_PASSPHRASE,
                       _("The shared repository asks for a login. Enter the token for it in the "
                         "synchronisation settings."));
      return git_credential_userpass_plaintext_new (out, username_from_url != NULL ? username_from_url : "casuskamer",
                                                    self->token);
    }

  return refuse (self, CK_ERROR_FAILED,
                 _("The shared repository asks for a kind of login Casuskamer cannot give."));
}

/* Whether a known_hosts pattern names @host (plain or hashed). */
static gboolean
host_matches (const char *pattern,
              const char *host)
{
  if (g_str_has_prefix (pattern, "|1|"))
    {
      g_auto(GStrv) parts = g_strsplit (pattern + 3, "|", 2);
      g_autofree guchar *salt = NULL;
      g_autofree guchar *hash = NULL;
      g_autoptr(GHmac) hmac = NULL;
      gsize salt_len = 0, hash_len = 0;
      guint8 digest[20];
      gsize digest_len = sizeof digest;

      if (g_strv_length (parts) != 2)
        return FALSE;
      salt = g_base64_decode (parts[0], &salt_len);
      hash = g_base64_decode (parts[1], &hash_len);
      hmac = g_hmac_new (G_CHECKSUM_SHA1, salt, salt_len);
      g_hmac_update (hmac, (const guchar *) host, -1);
      g_hmac_get_digest (hmac, digest, &digest_len);
      return hash_len == digest_len && memcmp (hash, digest, digest_len) == 0;
    }

  {
    g_auto(GStrv) names = g_strsplit (pattern, ",", -1);

    for (guint i = 0; names[i] != NULL; i++)
      if (g_ascii_strcasecmp (names[i], host) == 0)
        return TRUE;
  }

  return FALSE;
}

typedef enum
{
  HOST_UNKNOWN,
  HOST_MATCH,
  HOST_CHANGED,
} HostCheck;

static HostCheck
check_known_hosts (CkRemote     *self,
                   const guint8 *key,
                   gsize         key_len)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  g_auto(GStrv) lines = NULL;
  HostCheck result = HOST_UNKNOWN;

  if (!g_file_get_contents (self->known_hosts, &contents, NULL, NULL))
    return HOST_UNKNOWN;

  name = self->port == 22 ? g_strdup (self->host) : g_strdup_printf ("[%s]:%d", self->host, self->port);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit_set (g_strstrip (lines[i]), " \t", -1);
      g_autofree guchar *known = NULL;
      gsize known_len = 0;
      guint first = 0;

      if (fields[0] == NULL || fields[0][0] == '#' || fields[0][0] == '\0')
        continue;
      /* "@revoked" and "@cert-authority" lines are not host keys. */
      if (fields[0][0] == '@')
        continue;
      if (g_strv_length (fields) < first + 3 || !host_matches (fields[first], name))
        continue;

      known = g_base64_decode (fields[first + 2], &known_len);
      if (known_len == key_len && memcmp (known, key, key_len) == 0)
        return HOST_MATCH;
      result = HOST_CHANGED;
    }

  return result;
}

static int
certificate_cb (git_cert   *cert,
                int         valid,
                const char *host,
                void       *payload)
{
  CkRemote *self = payload;

  if (check_cancel (self) < 0)
    return GIT_EUSER;

  if (cert->cert_type == GIT_CERT_HOSTKEY_LIBSSH2)
    {
      git_cert_hostkey *hostkey = (git_cert_hostkey *) cert;
      g_autofree char *message = NULL;

      if (valid)
        return 0;
      if (!(hostkey->type & GIT_CERT_SSH_RAW))
        return refuse (self, CK_ERROR_FAILED, _("The SSH server did not show its host key."));

      switch (check_known_hosts (self, (const guint8 *) hostkey->hostkey, hostkey->hostkey_len))
        {
        case HOST_MATCH:
          return 0;

        case HOST_CHANGED:
          message = g_strdup_printf (_("The SSH server %s shows another host key than the one in %s. "
                                       "This can mean that someone is posing as the server: nothing was "
                                       "sent. Ask the server’s administrator before you go on."),
                                     self->host, self->known_hosts);
          return refuse (self, CK_ERROR_FAILED, message);

        case HOST_UNKNOWN:
        default:
          message = g_strdup_printf (_("The SSH server %s is not known on this computer, so nothing was "
                                       "sent. Check its key with the server’s administrator and add it "
                                       "to %s (for example with “ssh-keyscan”), then try again."),
                                     self->host, self->known_hosts);
          return refuse (self, CK_ERROR_FAILED, message);
        }
    }

  if (valid)
    return 0;

  {
    g_autofree char *message = g_strdup_printf (_("The certificate of %s is not trusted, so nothing was "
                                                  "sent. Ask the server’s administrator."),
                                                host);

    return refuse (self, CK_ERROR_FAILED, message);
  }
}

static void
report (CkRemote *self,
        double    fraction)
{
  ck_sync_watchdog_touch (self->watchdog);
  if (self->progress != NULL)
    self->progress (fraction, self->stage, self->progress_data);
}

static int
transfer_progress_cb (const git_indexer_progress *stats,
                      void                       *payload)
{
  CkRemote *self = payload;
  double fraction = 0;

  if (stats->total_objects > 0)
    fraction = (stats->received_objects + stats->indexed_objects) / (2.0 * stats->total_objects);
  report (self, fraction);
  return check_cancel (self);
}

static int
push_progress_cb (unsigned int current,
                  unsigned int total,
                  size_t       bytes,
                  void        *payload)
{
  CkRemote *self = payload;

  report (self, total > 0 ? (double) current / total : 0);
  return check_cancel (self);
}

static int
pack_progress_cb (int          stage,
                  uint32_t     current,
                  uint32_t     total,
                  void        *payload)
{
  CkRemote *self = payload;

  ck_sync_watchdog_touch (self->watchdog);
  return check_cancel (self);
}

static int
sideband_cb (const char *text,
             int         len,
             void       *payload)
{
  CkRemote *self = payload;

  ck_sync_watchdog_touch (self->watchdog);
  return check_cancel (self);
}

/* A refused ref update means that the shared repository holds a commit
 * of this replica that this register did not make. */
static int
push_update_cb (const char *refname,
                const char *status,
                void       *payload)
{
  CkRemote *self = payload;
  g_autofree char *message = NULL;

  if (status == NULL)
    return 0;

  message = g_strdup_printf (_("The shared repository refused this unit’s update (%s). It holds a newer "
                               "publication of this replica that this register did not make: a copy of "
                               "this register has published too. Only one copy may publish; stop using "
                               "the other copy."),
                             status);
  return refuse (self, CK_ERROR_EXISTS, message);
}

void
ck_remote_fill_callbacks (CkRemote             *self,
                          git_remote_callbacks *callbacks)
{
  git_remote_init_callbacks (callbacks, GIT_REMOTE_CALLBACKS_VERSION);
  callbacks->credentials = credentials_cb;
  callbacks->certificate_check = certificate_cb;
  callbacks->transfer_progress = transfer_progress_cb;
  callbacks->push_transfer_progress = push_progress_cb;
  callbacks->pack_progress = pack_progress_cb;
  callbacks->sideband_progress = sideband_cb;
  callbacks->push_update_reference = push_update_cb;
  callbacks->payload = self;
  self->attempts = 0;
}

gboolean
ck_remote_check_cancelled (CkRemote  *self,
                           GError   **error)
{
  return !g_cancellable_set_error_if_cancelled (self->cancellable, error);
}

/* Whether @message gives the HTTP status @code as a number of its own:
 * the hex digits of a temporary file's name may hold "403" as well. */
static gboolean
mentions_status (const char *message,
                 const char *code)
{
  gsize length = strlen (code);

  for (const char *found = strstr (message, code); found != NULL; found = strstr (found + 1, code))
    if ((found == message || !g_ascii_isalnum (found[-1])) && !g_ascii_isalnum (found[length]))
      return TRUE;

  return FALSE;
}

/**
 * ck_remote_explain:
 * @rc: what libgit2 returned
 * @what: what was being done, for the message of an unforeseen failure
 *
 * Returns: %TRUE when @rc is success; otherwise sets @error to what
 *   happened in words a user understands and returns %FALSE
 */
gboolean
ck_remote_explain (CkRemote    *self,
                   int          rc,
                   const char  *what,
                   GError     **error)
{
  const git_error *last = git_error_last ();
  const char *message = last != NULL && last->message != NULL ? last->message : "";
  const char *where = ck_remote_describe (self);

  if (rc >= 0)
    return TRUE;

  if (self->refusal != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->refusal));
      return FALSE;
    }

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_set_error_literal (error, CK_ERROR, CK_ERROR_CANCELLED, _("Cancelled."));
      return FALSE;
    }

  if (self->watchdog != NULL && ck_sync_watchdog_timed_out (self->watchdog))
    {
      g_set_error (error, CK_ERROR, CK_ERROR_IO,
                   _("The shared repository at %s stopped answering. Nothing was lost; try again later."),
                   where);
      return FALSE;
    }

  if (strstr (message, "No space left") != NULL || strstr (message, "ENOSPC") != NULL)
    {
      g_set_error (error, CK_ERROR, CK_ERROR_IO,
                   _("The disk is full. Nothing was published; free some space on %s and try again."),
                   where);
      return FALSE;
    }

  if (last != NULL &&
      (last->klass == GIT_ERROR_NET || last->klass == GIT_ERROR_SSL ||
       (last->klass == GIT_ERROR_SSH && strstr (message, "authentication") == NULL) ||
       strstr (message, "cannot connect") != NULL || strstr (message, "cannot resolve") != NULL ||
       strstr (message, "failed to connect") != NULL))
    {
      g_set_error (error, CK_ERROR, CK_ERROR_IO,
                   _("The shared repository at %s cannot be reached (%s). Check the network connection "
                     "and the address, and try again."),
                   where, message);
      return FALSE;
    }

  if (mentions_status (message, "401") || mentions_status (message, "403") ||
      strstr (message, "authentication") != NULL || strstr (message, "Authentication") != NULL)
    {
      g_set_error (error, CK_ERROR, CK_ERROR_WRONG_PASSPHRASE,
                   _("The shared repository at %s refused the login (%s)."), where, message);
      return FALSE;
    }

  if (rc == GIT_ENOTFOUND || strstr (message, "not found") != NULL || mentions_status (message, "404") ||
      strstr (message, "could not find repository") != NULL)
    {
      g_set_error (error, CK_ERROR, CK_ERROR_NOT_FOUND,
                   _("There is no shared repository at %s. Check the address."), where);
      return FALSE;
    }

  return ck_git_check (rc, error, what);
}
