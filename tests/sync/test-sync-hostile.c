/* test-sync-hostile.c: what a crafted replica commits is refused, file by
 * file, with a reason; the rest comes in
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <git2.h>
#include <locale.h>
#include <sodium.h>

#include "ck-git.h"
#include "ck-record-file.h"
#include "ck-register.h"
#include "ck-shared-store.h"
#include "ck-sync.h"
#include "ck-sync-store.h"
#include "ck-sync-test-util.h"
#include "ck-test-util.h"

/* A replica made by hand: its key and the files of its next commit. */
typedef struct
{
  char   *unit;        /* "RTD" */
  char   *replica;
  guint8  public_key[crypto_sign_PUBLICKEYBYTES];
  guint8  secret_key[crypto_sign_SECRETKEYBYTES];
} Crafted;

typedef struct
{
  char            *dir;
  char            *repo_path;
  git_repository  *repo;
  CkRegister      *reg;
  CkSync          *national;
} Fixture;

static char *
random_id (void)
{
  guint8 bytes[16];
  char hex[33];

  randombytes_buf (bytes, sizeof bytes);
  sodium_bin2hex (hex, sizeof hex, bytes, sizeof bytes);
  return g_strdup (hex);
}

static char *
public_hex (const Crafted *c)
{
  char hex[crypto_sign_PUBLICKEYBYTES * 2 + 1];

  sodium_bin2hex (hex, sizeof hex, c->public_key, sizeof c->public_key);
  return g_strdup (hex);
}

static Crafted *
crafted_new (const char *unit)
{
  Crafted *c = g_new0 (Crafted, 1);

  c->unit = g_strdup (unit);
  c->replica = random_id ();
  crypto_sign_keypair (c->public_key, c->secret_key);
  return c;
}

static void
crafted_free (Crafted *c)
{
  g_free (c->unit);
  g_free (c->replica);
  g_free (c);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Crafted, crafted_free)

static void
enrol (Fixture *f,
       Crafted *c)
{
  g_autofree char *key = public_hex (c);
  g_autofree char *text = g_strdup_printf ("%s:%s:%s", c->unit, c->replica, key);
  g_autoptr(GError) error = NULL;

  g_assert_true (ck_sync_enrol_key (f->national, text, &error));
  g_assert_no_error (error);
}

static CkSharedRecord *
make_record (const Crafted *c,
             const char    *id)
{
  CkSharedRecord *r = ck_shared_record_new ();

  r->id = g_strdup (id);
  r->unit = g_strdup (c->unit);
  r->replica = g_strdup (c->replica);
  r->rev = 1;
  r->year = 2025;
  r->quarter = 1;
  r->kind = g_strdup ("melding");
  g_strfreev (r->grounds);
  r->grounds = g_strsplit ("herkomst", ",", -1);
  r->status = g_strdup ("afgedaan");
  return r;
}

static char *
record_text (const Crafted *c,
             const char    *id)
{
  g_autoptr(CkSharedRecord) r = make_record (c, id);
  g_autoptr(GBytes) bytes = ck_record_file_encode (r);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static char *
meta_text (const Crafted *c)
{
  g_autofree char *key = public_hex (c);
  char *purged[] = { NULL };
  CkReplicaMeta meta = { 1, 1, c->unit, c->replica, (char *) "0.1.0", key, purged };
  g_autoptr(GBytes) bytes = ck_replica_meta_encode (&meta);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  ck_git_init ();
  f->dir = ck_test_make_dir ();
  f->repo_path = g_build_filename (f->dir, "shared.git", NULL);
  g_assert_cmpint (git_repository_init (&f->repo, f->repo_path, 1), ==, 0);
  f->reg = ck_sync_test_register (f->dir, "LE", 0, 1);
  f->national = ck_sync_test_sync (f->reg, f->repo_path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->national);
  g_clear_object (&f->reg);
  git_repository_free (f->repo);
  ck_test_remove_dir (f->dir);
  g_free (f->repo_path);
  g_free (f->dir);
}

static git_oid
blob (Fixture    *f,
      const char *data,
      gsize       len)
{
  git_oid oid;

  g_assert_cmpint (git_blob_create_from_buffer (&oid, f->repo, data, len), ==, 0);
  return oid;
}

/* One entry of a tree written byte by byte, so that names libgit2 would
 * refuse ("..", ".git") can be written too. */
typedef struct
{
  const char *mode;
  const char *name;
  git_oid     oid;
} Entry;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *ea = a, *eb = b;
  g_autofree char *na = g_strconcat (ea->name, g_str_equal (ea->mode, "40000") ? "/" : "", NULL);
  g_autofree char *nb = g_strconcat (eb->name, g_str_equal (eb->mode, "40000") ? "/" : "", NULL);

  return strcmp (na, nb);
}

static git_oid
raw_tree (Fixture *f,
          GArray  *entries)
{
  g_autoptr(GByteArray) raw = g_byte_array_new ();
  g_autoptr(git_odb) odb = NULL;
  git_oid oid;

  g_array_sort (entries, compare_entries);
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *e = &g_array_index (entries, Entry, i);
      g_autofree char *head = g_strdup_printf ("%s %s", e->mode, e->name);

      g_byte_array_append (raw, (const guint8 *) head, strlen (head) + 1);
      g_byte_array_append (raw, e->oid.id, GIT_OID_RAWSZ);
    }

  g_assert_cmpint (git_repository_odb (&odb, f->repo), ==, 0);
  g_assert_cmpint (git_odb_write (&oid, odb, raw->data, raw->len, GIT_OBJECT_TREE), ==, 0);
  return oid;
}

static void
add_entry (GArray        *entries,
           const char    *mode,
           const char    *name,
           const git_oid *oid)
{
  Entry e = { mode, name, *oid };

  g_array_append_val (entries, e);
}

/* A bucket folder with one file. */
static git_oid
bucket_with (Fixture    *f,
             const char *mode,
             const char *name,
             git_oid     file)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));

  add_entry (entries, mode, name, &file);
  return raw_tree (f, entries);
}

/* Wraps @replica_tree in units/<unit>/<replica>, with @extra_root beside
 * "units" and @extra_units beside the unit's folder. */
static git_oid
wrap (Fixture       *f,
      const Crafted *c,
      git_oid        replica_tree,
      gboolean       outside)
{
  g_autoptr(GArray) unit_entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autoptr(GArray) units_entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autoptr(GArray) root_entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autofree char *lower = g_ascii_strdown (c->unit, -1);
  git_oid unit_tree, units_tree;

  add_entry (unit_entries, "40000", c->replica, &replica_tree);
  unit_tree = raw_tree (f, unit_entries);
  add_entry (units_entries, "40000", lower, &unit_tree);
  if (outside)
    {
      /* A folder of another unit, inside this replica's ref. */
      git_oid other = replica_tree;

      add_entry (units_entries, "40000", "ams", &other);
    }
  units_tree = raw_tree (f, units_entries);
  add_entry (root_entries, "40000", "units", &units_tree);
  if (outside)
    {
      git_oid readme = blob (f, "hello\n", 6);

      add_entry (root_entries, "100644", "README.md", &readme);
    }
  return raw_tree (f, root_entries);
}

typedef enum
{
  SIGN_GOOD,
  SIGN_NONE,
  SIGN_OTHER_KEY,
} Signing;

static void
commit_ref (Fixture       *f,
            const Crafted *c,
            git_oid        root,
            Signing        signing)
{
  g_autoptr(git_tree) tree = NULL;
  g_autoptr(git_signature) author = NULL;
  g_autoptr(git_reference) ref = NULL;
  g_autoptr(git_commit) parent = NULL;
  g_auto(git_buf) buffer = GIT_BUF_INIT;
  g_autofree char *ref_name = NULL;
  g_autofree char *lower = g_ascii_strdown (c->unit, -1);
  const git_commit *parents[1];
  git_oid commit, parent_id;
  gboolean has_parent;

  ref_name = g_strdup_printf ("refs/heads/units/%s/%s", lower, c->replica);
  has_parent = git_reference_name_to_id (&parent_id, f->repo, ref_name) == 0;
  if (has_parent)
    g_assert_cmpint (git_commit_lookup (&parent, f->repo, &parent_id), ==, 0);
  parents[0] = parent;

  g_assert_cmpint (git_tree_lookup (&tree, f->repo, &root), ==, 0);
  g_assert_cmpint (git_signature_now (&author, "Crafted", "crafted@example.org"), ==, 0);
  g_assert_cmpint (git_commit_create_buffer (&buffer, f->repo, author, author, NULL, "crafted\n", tree,
                                             has_parent ? 1 : 0, parents), ==, 0);

  if (signing == SIGN_NONE)
    g_assert_cmpint (git_commit_create_with_signature (&commit, f->repo, buffer.ptr, NULL, NULL), ==, 0);
  else
    {
      guint8 pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
      guint8 sig[crypto_sign_BYTES];
      char hex[crypto_sign_PUBLICKEYBYTES * 2 + 1];
      g_autofree char *b64 = NULL;
      g_autofree char *block = NULL;

      memcpy (pk, c->public_key, sizeof pk);
      memcpy (sk, c->secret_key, sizeof sk);
      if (signing == SIGN_OTHER_KEY)
        crypto_sign_keypair (pk, sk);
      crypto_sign_detached (sig, NULL, (const guint8 *) buffer.ptr, buffer.size, sk);
      sodium_bin2hex (hex, sizeof hex, pk, sizeof pk);
      b64 = g_base64_encode (sig, sizeof sig);
      block = g_strdup_printf ("-----BEGIN CASUSKAMER SIGNATURE-----\ned25519 %s\n%s\n-----END CASUSKAMER SIGNATURE-----",
                               hex, b64);
      g_assert_cmpint (git_commit_create_with_signature (&commit, f->repo, buffer.ptr, block, "gpgsig"), ==, 0);
    }

  g_assert_cmpint (git_reference_create (&ref, f->repo, ref_name, &commit, 1, NULL), ==, 0);
}

static char *
with_id (const char *id,
         const char *aa)
{
  g_autofree char *fixed = g_strdup (id);

  memcpy (fixed, aa, 2);
  return g_steal_pointer (&fixed);
}

static const CkQuarantineEntry *
find_entry (GPtrArray  *entries,
            const char *path_part)
{
  for (guint i = 0; i < entries->len; i++)
    {
      const CkQuarantineEntry *entry = entries->pdata[i];

      if (strstr (entry->path, path_part) != NULL)
        return entry;
    }

  g_error ("No quarantine entry for %s", path_part);
}

static void
assert_reason (GPtrArray  *entries,
               const char *path_part,
               const char *reason_part)
{
  const CkQuarantineEntry *entry = find_entry (entries, path_part);

  if (strstr (entry->reason, reason_part) == NULL)
    g_error ("%s: reason “%s” lacks “%s”", entry->path, entry->reason, reason_part);
}

static void
test_hostile_replica (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(Crafted) c = crafted_new ("RTD");
  g_autoptr(Crafted) unsigned_replica = crafted_new ("RTD");
  g_autoptr(Crafted) wrong_key = crafted_new ("LIM");
  g_autoptr(GArray) records = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autoptr(GArray) replica = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autoptr(GError) error = NULL;
  g_autoptr(CkSyncResult) result = NULL;
  g_autoptr(CkSyncResult) again = NULL;
  g_autoptr(GPtrArray) quarantined = NULL;
  g_autofree char *base = random_id ();
  g_autofree char *id_a = with_id (base, "0a");
  g_autofree char *id_b = with_id (base, "0b");
  g_autofree char *good_a = record_text (c, id_a);
  g_autofree char *good_b = record_text (c, id_b);
  g_autofree char *meta = meta_text (c);
  g_autofree char *big = NULL;
  GString *text;
  git_oid oid, root, records_tree, meta_blob, bucket;
  guint n_records_before;

  enrol (f, c);
  enrol (f, unsigned_replica);
  enrol (f, wrong_key);

#define FILE_IN(aa, content, mode, name_fmt) \
  G_STMT_START { \
    g_autofree char *id_ = with_id (base, aa); \
    g_autofree char *name_ = g_strdup_printf (name_fmt, id_); \
    oid = blob (f, content, strlen (content)); \
    bucket = bucket_with (f, mode, name_, oid); \
    add_entry (records, "40000", aa, &bucket); \
  } G_STMT_END

  /* Two good records. */
  FILE_IN ("0a", good_a, "100644", "%s.json");
  FILE_IN ("0b", good_b, "100644", "%s.json");

  /* Invalid UTF-8. */
  {
    g_autofree char *id = with_id (base, "1a");
    g_autofree char *bad = record_text (c, id);
    char *status = strstr (bad, "afgedaan");

    status[0] = (char) 0xC3;
    status[1] = (char) 0x28;
    FILE_IN ("1a", bad, "100644", "%s.json");
  }
  /* A duplicate key, which json-glib would accept. */
  {
    g_autofree char *id = with_id (base, "1b");
    g_autofree char *good = record_text (c, id);
    g_autofree char *dup = g_strdup_printf ("{\"id\":\"%s\",%s", id, good + 1);

    FILE_IN ("1b", dup, "100644", "%s.json");
  }
  /* An unknown code. */
  {
    g_autofree char *id = with_id (base, "1c");
    g_autofree char *good = record_text (c, id);
    g_auto(GStrv) parts = g_strsplit (good, "\"melding\"", 2);
    g_autofree char *bad = g_strjoin ("\"bogus\"", parts[0], parts[1], NULL);

    FILE_IN ("1c", bad, "100644", "%s.json");
  }
  /* A record claiming another unit. */
  {
    g_autofree char *id = with_id (base, "1d");
    g_autoptr(CkSharedRecord) r = make_record (c, id);
    g_autoptr(GBytes) bytes = NULL;
    g_autofree char *bad = NULL;

    g_free (r->unit);
    r->unit = g_strdup ("AMS");
    bytes = ck_record_file_encode (r);
    bad = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    FILE_IN ("1d", bad, "100644", "%s.json");
  }
  /* An oversized file. */
  text = g_string_new (NULL);
  for (guint i = 0; i < 40 * 1024; i++)
    g_string_append_c (text, ' ');
  big = g_string_free (text, FALSE);
  FILE_IN ("1e", big, "100644", "%s.json");
  /* A symbolic link and an executable. */
  FILE_IN ("1f", "../../../../etc/passwd", "120000", "%s.json");
  {
    g_autofree char *id = with_id (base, "2a");
    g_autofree char *good = record_text (c, id);

    FILE_IN ("2a", good, "100755", "%s.json");
  }
  /* Names a checkout would trip over. */
  FILE_IN ("2b", good_a, "100644", "%.0s..");
  FILE_IN ("2c", good_a, "100644", "%.0s.git");
  /* An unknown field: a name, smuggled in. */
  {
    g_autofree char *id = with_id (base, "2d");
    g_autofree char *good = record_text (c, id);
    g_auto(GStrv) parts = g_strsplit (good, "\"quarter\":", 2);
    g_autofree char *bad = g_strjoin ("\"name\":\"Jan Jansen\",\"quarter\":", parts[0], parts[1], NULL);

    FILE_IN ("2d", bad, "100644", "%s.json");
  }
  /* A bucket that is a file. */
  oid = blob (f, good_a, strlen (good_a));
  add_entry (records, "100644", "2e", &oid);

  records_tree = raw_tree (f, records);
  meta_blob = blob (f, meta, strlen (meta));
  add_entry (replica, "100644", "meta.json", &meta_blob);
  add_entry (replica, "40000", "records", &records_tree);
  oid = blob (f, "notes\n", 6);
  add_entry (replica, "100644", "notes.txt", &oid);
  root = wrap (f, c, raw_tree (f, replica), TRUE);
  commit_ref (f, c, root, SIGN_GOOD);

  /* A replica whose commit is unsigned, and one signed by another key. */
  {
    g_autoptr(GArray) r2 = g_array_new (FALSE, FALSE, sizeof (Entry));
    g_autoptr(GArray) r2_records = g_array_new (FALSE, FALSE, sizeof (Entry));
    g_autofree char *text2 = record_text (unsigned_replica, id_a);
    g_autofree char *meta2 = meta_text (unsigned_replica);
    git_oid m = blob (f, meta2, strlen (meta2));
    g_autofree char *name = g_strdup_printf ("%s.json", id_a);
    git_oid file = blob (f, text2, strlen (text2));
    git_oid b = bucket_with (f, "100644", name, file);
    git_oid rt;

    add_entry (r2_records, "40000", "0a", &b);
    rt = raw_tree (f, r2_records);
    add_entry (r2, "100644", "meta.json", &m);
    add_entry (r2, "40000", "records", &rt);
    commit_ref (f, unsigned_replica, wrap (f, unsigned_replica, raw_tree (f, r2), FALSE), SIGN_NONE);
  }
  {
    g_autoptr(GArray) r3 = g_array_new (FALSE, FALSE, sizeof (Entry));
    g_autofree char *meta3 = meta_text (wrong_key);
    git_oid m = blob (f, meta3, strlen (meta3));

    add_entry (r3, "100644", "meta.json", &m);
    commit_ref (f, wrong_key, wrap (f, wrong_key, raw_tree (f, r3), FALSE), SIGN_OTHER_KEY);
  }

  n_records_before = ck_sync_test_count_unit (f->national, NULL);
  result = ck_sync_test_run (f->national, CK_SYNC_IMPORT);

  /* The two good records came in, and nothing else. */
  g_assert_cmpuint (ck_sync_test_count_unit (f->national, "RTD"), ==, 2);
  g_assert_cmpuint (ck_sync_test_count_unit (f->national, NULL), ==, n_records_before + 2);
  g_assert_cmpuint (ck_sync_test_count_unit (f->national, "AMS"), ==, 0);
  g_assert_cmpuint (ck_sync_test_count_unit (f->national, "LIM"), ==, 0);

  quarantined = ck_sync_list_quarantine (f->national, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < quarantined->len; i++)
    {
      const CkQuarantineEntry *entry = quarantined->pdata[i];

      g_test_message ("%s %s: %s", entry->ref, entry->path, entry->reason);
    }
  assert_reason (quarantined, "records/1a/", "UTF-8");
  assert_reason (quarantined, "records/1b/", "appears twice");
  assert_reason (quarantined, "records/1c/", "unknown code");
  assert_reason (quarantined, "records/1d/", "claims unit AMS");
  assert_reason (quarantined, "records/1e/", "too large");
  assert_reason (quarantined, "records/1f/", "symbolic link");
  assert_reason (quarantined, "records/2a/", "executable");
  assert_reason (quarantined, "records/2b", "");
  assert_reason (quarantined, "records/2c", "");
  assert_reason (quarantined, "records/2d/", "does not know");
  assert_reason (quarantined, "records/2e", "two hex digits");
  assert_reason (quarantined, "units/ams", "outside");
  assert_reason (quarantined, "README.md", "outside");
  assert_reason (quarantined, "notes.txt", "no such file");
  g_assert_cmpuint (result->quarantined->len, ==, quarantined->len);
  g_assert_cmpuint (result->skipped_refs->len, ==, 2);

  /* The unsigned ref and the one signed by another key: refused whole. */
  {
    gboolean unsigned_seen = FALSE, other_key_seen = FALSE;

    for (guint i = 0; i < quarantined->len; i++)
      {
        const CkQuarantineEntry *entry = quarantined->pdata[i];

        if (strstr (entry->ref, unsigned_replica->replica) && strstr (entry->reason, "not signed"))
          unsigned_seen = TRUE;
        if (strstr (entry->ref, wrong_key->replica) && strstr (entry->reason, "another key"))
          other_key_seen = TRUE;
      }
    g_assert_true (unsigned_seen);
    g_assert_true (other_key_seen);
  }

  /* Nothing new on a second run. */
  again = ck_sync_test_run (f->national, CK_SYNC_IMPORT);
  g_assert_cmpuint (ck_sync_result_count_imported (again), ==, 0);
  g_assert_cmpuint (ck_sync_test_count_unit (f->national, "RTD"), ==, 2);

  /* The replica repairs one file: it comes in and leaves the quarantine. */
  {
    g_autoptr(GArray) fixed_records = g_array_new (FALSE, FALSE, sizeof (Entry));
    g_autoptr(GArray) fixed_replica = g_array_new (FALSE, FALSE, sizeof (Entry));
    g_autoptr(CkSyncResult) third = NULL;
    g_autoptr(GPtrArray) left = NULL;
    g_autofree char *id = with_id (base, "1a");
    g_autofree char *good = record_text (c, id);

    g_array_set_size (records, 0);
    FILE_IN ("0a", good_a, "100644", "%s.json");
    FILE_IN ("0b", good_b, "100644", "%s.json");
    FILE_IN ("1a", good, "100644", "%s.json");
    records_tree = raw_tree (f, records);
    add_entry (fixed_replica, "100644", "meta.json", &meta_blob);
    add_entry (fixed_replica, "40000", "records", &records_tree);
    commit_ref (f, c, wrap (f, c, raw_tree (f, fixed_replica), FALSE), SIGN_GOOD);

    third = ck_sync_test_run (f->national, CK_SYNC_IMPORT);
    g_assert_cmpuint (ck_sync_result_get_import (third, "RTD")->records, ==, 1);
    g_assert_cmpuint (ck_sync_test_count_unit (f->national, "RTD"), ==, 3);
    left = ck_sync_list_quarantine (f->national, &error);
    for (guint i = 0; i < left->len; i++)
      {
        const CkQuarantineEntry *entry = left->pdata[i];

        g_assert_false (strstr (entry->ref, c->replica) != NULL && entry->path[0] != '\0');
      }
  }
#undef FILE_IN
}

/* A file removed without a retraction drops its record and says so. */
static void
test_vanished_file (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(Crafted) c = crafted_new ("DHG");
  g_autoptr(GArray) records = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autoptr(GArray) replica = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autoptr(GArray) fewer = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autoptr(GArray) replica2 = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autoptr(CkSyncResult) first = NULL;
  g_autoptr(CkSyncResult) second = NULL;
  g_autofree char *id_a = with_id ("00000000000000000000000000000001", "5a");
  g_autofree char *id_b = with_id ("00000000000000000000000000000002", "5b");
  g_autofree char *a = record_text (c, id_a);
  g_autofree char *b = record_text (c, id_b);
  g_autofree char *meta = meta_text (c);
  g_autofree char *name_a = g_strdup_printf ("%s.json", id_a);
  g_autofree char *name_b = g_strdup_printf ("%s.json", id_b);
  git_oid m = blob (f, meta, strlen (meta));
  git_oid ba = bucket_with (f, "100644", name_a, blob (f, a, strlen (a)));
  git_oid bb = bucket_with (f, "100644", name_b, blob (f, b, strlen (b)));
  git_oid rt;

  enrol (f, c);
  add_entry (records, "40000", "5a", &ba);
  add_entry (records, "40000", "5b", &bb);
  rt = raw_tree (f, records);
  add_entry (replica, "100644", "meta.json", &m);
  add_entry (replica, "40000", "records", &rt);
  commit_ref (f, c, wrap (f, c, raw_tree (f, replica), FALSE), SIGN_GOOD);
  first = ck_sync_test_run (f->national, CK_SYNC_IMPORT);
  g_assert_cmpuint (ck_sync_test_count_unit (f->national, "DHG"), ==, 2);

  add_entry (fewer, "40000", "5a", &ba);
  rt = raw_tree (f, fewer);
  add_entry (replica2, "100644", "meta.json", &m);
  add_entry (replica2, "40000", "records", &rt);
  commit_ref (f, c, wrap (f, c, raw_tree (f, replica2), FALSE), SIGN_GOOD);
  second = ck_sync_test_run (f->national, CK_SYNC_IMPORT);
  g_assert_cmpuint (ck_sync_test_count_unit (f->national, "DHG"), ==, 1);
  g_assert_cmpuint (second->quarantined->len, ==, 1);
  g_assert_nonnull (strstr (((CkQuarantineEntry *) second->quarantined->pdata[0])->reason, "without a retraction"));
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Commits the records @ids (sorted) of @c, in buckets of their first two
 * digits. */
static void
commit_records (Fixture       *f,
                const Crafted *c,
                GPtrArray     *ids)
{
  g_autoptr(GArray) records = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autoptr(GArray) replica = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *meta = meta_text (c);
  git_oid m = blob (f, meta, strlen (meta));
  git_oid rt;
  guint i = 0;

  while (i < ids->len)
    {
      g_autoptr(GArray) files = g_array_new (FALSE, FALSE, sizeof (Entry));
      const char *first = ids->pdata[i];
      char *aa = g_strndup (first, 2);
      git_oid bucket;

      g_ptr_array_add (names, aa);
      for (; i < ids->len && strncmp (ids->pdata[i], first, 2) == 0; i++)
        {
          g_autofree char *text = record_text (c, ids->pdata[i]);
          char *name = g_strdup_printf ("%s.json", (char *) ids->pdata[i]);
          git_oid oid = blob (f, text, strlen (text));

          g_ptr_array_add (names, name);
          add_entry (files, "100644", name, &oid);
        }
      bucket = raw_tree (f, files);
      add_entry (records, "40000", aa, &bucket);
    }
  rt = raw_tree (f, records);
  add_entry (replica, "100644", "meta.json", &m);
  add_entry (replica, "40000", "records", &rt);
  commit_ref (f, c, wrap (f, c, raw_tree (f, replica), FALSE), SIGN_GOOD);
}

/* A first import into an empty register looks up no stored record for the
 * first ref; the next ref's files are checked against what came in just
 * before, also when many files are read by worker threads. */
static void
test_id_of_earlier_ref (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(Crafted) first = crafted_new ("RTD");
  g_autoptr(Crafted) second = crafted_new ("RTD");
  g_autoptr(GPtrArray) first_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) second_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CkSyncResult) result = NULL;
  g_autoptr(CkSyncResult) again = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *taken = NULL;
  g_autofree char *taken_path = NULL;
  const CkQuarantineEntry *entry;

  /* Refs are imported in the order of their names. */
  if (strcmp (first->replica, second->replica) > 0)
    {
      Crafted *swap = first;

      first = second;
      second = swap;
    }
  enrol (f, first);
  enrol (f, second);

  for (guint i = 0; i < 700; i++)
    g_ptr_array_add (second_ids, random_id ());
  g_ptr_array_sort (second_ids, compare_ids);
  taken = g_strdup (second_ids->pdata[350]);
  g_ptr_array_add (first_ids, g_strdup (taken));
  commit_records (f, first, first_ids);
  commit_records (f, second, second_ids);

  result = ck_sync_test_run (f->national, CK_SYNC_IMPORT);
  g_assert_true (result->import_done);
  g_assert_cmpuint (ck_sync_result_count_imported (result), ==, 700);
  g_assert_cmpuint (result->quarantined->len, ==, 1);
  entry = result->quarantined->pdata[0];
  taken_path = g_strdup_printf ("units/rtd/%s/records/%.2s/%s.json", second->replica, taken, taken);
  g_assert_cmpstr (entry->path, ==, taken_path);
  g_assert_nonnull (strstr (entry->reason, "another replica"));

  records = ck_sync_list_records (f->national, "RTD", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 700);
  for (guint i = 0; i < records->len; i++)
    {
      const CkSharedRecord *record = records->pdata[i];

      g_assert_cmpstr (record->replica, ==, g_str_equal (record->id, taken) ? first->replica : second->replica);
    }

  /* A re-run imports nothing new and keeps the quarantine entry. */
  again = ck_sync_test_run (f->national, CK_SYNC_IMPORT);
  g_assert_cmpuint (ck_sync_result_count_imported (again), ==, 0);
  g_assert_cmpuint (ck_sync_test_count_unit (f->national, "RTD"), ==, 700);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (sodium_init (), >=, 0);

  g_test_add ("/sync/hostile-replica", Fixture, NULL, fixture_set_up, test_hostile_replica, fixture_tear_down);
  g_test_add ("/sync/vanished-file", Fixture, NULL, fixture_set_up, test_vanished_file, fixture_tear_down);
  g_test_add ("/sync/id-of-earlier-ref", Fixture, NULL, fixture_set_up, test_id_of_earlier_ref, fixture_tear_down);

  return g_test_run ();
}
