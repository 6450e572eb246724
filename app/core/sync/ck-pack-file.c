/* ck-pack-file.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <zlib.h>

#include "ck-git.h"
#include "ck-pack-file.h"

/* gitformat-pack(5) */
#define PACK_SIGNATURE  0x5041434bu   /* "PACK" */
#define PACK_VERSION    2
#define INDEX_SIGNATURE 0xff744f63u   /* "\377tOc" */
#define INDEX_VERSION   2
#define LARGE_OFFSET    0x80000000u

/* Most of a small publish is folder trees, which are object ids that no
 * level compresses much: the fastest level costs a fifth of the default
 * for a pack a few percent larger. */
#define PACK_LEVEL 1

typedef struct
{
  git_oid  oid;
  guint32  crc;
  guint64  offset;
} Entry;

static void
put_be32 (GByteArray *out,
          guint32     value)
{
  guint32 be = GUINT32_TO_BE (value);

  g_byte_array_append (out, (const guint8 *) &be, sizeof be);
}

static void
put_be64 (GByteArray *out,
          guint64     value)
{
  guint64 be = GUINT64_TO_BE (value);

  g_byte_array_append (out, (const guint8 *) &be, sizeof be);
}

/* The type, then the size four bits in the first byte and seven in each
 * byte after it, lowest first. */
static void
put_object_header (GByteArray   *out,
                   git_object_t  type,
                   gsize         size)
{
  guint8 bytes[16];
  guint n = 0;
  guint8 c = (guint8) (((guint) type << 4) | (size & 0x0f));

  size >>= 4;
  while (size > 0)
    {
      bytes[n++] = c | 0x80;
      c = size & 0x7f;
      size >>= 7;
    }
  bytes[n++] = c;
  g_byte_array_append (out, bytes, n);
}

static gboolean
put_deflated (GByteArray *out,
              z_stream   *z,
              const void *data,
              gsize       size)
{
  guint start = out->len;
  uLong bound;
  int rc;

  if (size > G_MAXUINT32 / 2)
    return FALSE;

  bound = deflateBound (z, size);
  g_byte_array_set_size (out, start + bound);
  z->next_in = (Bytef *) data;
  z->avail_in = (uInt) size;
  z->next_out = out->data + start;
  z->avail_out = (uInt) bound;
  rc = deflate (z, Z_FINISH);
  g_byte_array_set_size (out, start + (bound - z->avail_out));

  return rc == Z_STREAM_END && deflateReset (z) == Z_OK;
}

static guint
oid_hash (gconstpointer key)
{
  const git_oid *oid = key;
  guint hash;

  memcpy (&hash, oid->id, sizeof hash);
  return hash;
}

static gboolean
oid_equal (gconstpointer a,
           gconstpointer b)
{
  return git_oid_equal (a, b);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  return git_oid_cmp (&((const Entry *) a)->oid, &((const Entry *) b)->oid);
}

static void
append_checksum (GByteArray *out)
{
  g_autoptr(GChecksum) sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[GIT_OID_RAWSZ];
  gsize length = sizeof digest;

  g_checksum_update (sha1, out->data, out->len);
  g_checksum_get_digest (sha1, digest, &length);
  g_byte_array_append (out, digest, sizeof digest);
}

/* The index: a fan-out table by first byte, the sorted ids, their CRC-32s
 * and offsets (those from 2 GiB on in a table of their own), the pack's
 * checksum and its own. */
static GByteArray *
make_index (GArray       *entries,
            const guint8 *pack_checksum)
{
  GByteArray *out = g_byte_array_new ();
  g_autoptr(GArray) large = g_array_new (FALSE, FALSE, sizeof (guint64));
  guint next = 0;

  g_array_sort (entries, compare_entries);

  put_be32 (out, INDEX_SIGNATURE);
  put_be32 (out, INDEX_VERSION);
  for (guint byte = 0; byte < 256; byte++)
    {
      while (next < entries->len && g_array_index (entries, Entry, next).oid.id[0] <= byte)
        next++;
      put_be32 (out, next);
    }
  for (guint i = 0; i < entries->len; i++)
    g_byte_array_append (out, g_array_index (entries, Entry, i).oid.id, GIT_OID_RAWSZ);
  for (guint i = 0; i < entries->len; i++)
    put_be32 (out, g_array_index (entries, Entry, i).crc);
  for (guint i = 0; i < entries->len; i++)
    {
      guint64 offset = g_array_index (entries, Entry, i).offset;

      if (offset < LARGE_OFFSET)
        put_be32 (out, (guint32) offset);
      else
        {
          put_be32 (out, LARGE_OFFSET | large->len);
          g_array_append_val (large, offset);
        }
    }
  for (guint i = 0; i < large->len; i++)
    put_be64 (out, g_array_index (large, guint64, i));

  g_byte_array_append (out, pack_checksum, GIT_OID_RAWSZ);
  append_checksum (out);
  return out;
}

static int
set_git_error (GError *error)
{
  git_error_set_str (GIT_ERROR_OS, error->message);
  return -1;
}

static int
write_file (const char *pack_dir,
            const char *name,
            const char *suffix,
            GByteArray *contents)
{
  g_autofree char *base = g_strconcat (name, suffix, NULL);
  g_autofree char *path = g_build_filename (pack_dir, base, NULL);
  g_autoptr(GError) error = NULL;

  /* Written beside and renamed into place, read-only as git makes packs. */
  if (!g_file_set_contents_full (path, (const char *) contents->data, contents->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0444, &error))
    return set_git_error (error);

  return 0;
}

/**
 * ck_pack_file_write:
 * @odb: holds every object of @oids
 * @pack_dir: the repository's objects/pack folder
 *
 * Writes @oids (duplicates once) as a pack and its index in @pack_dir.
 * The pack goes first: readers find packs by their index.
 *
 * Returns: 0, or -1 with libgit2's last error set
 */
int
ck_pack_file_write (git_odb        *odb,
                    const git_oid  *oids,
                    gsize           n_oids,
                    const char     *pack_dir)
{
  g_autoptr(GByteArray) pack = g_byte_array_sized_new (64 * 1024);
  g_autoptr(GByteArray) index = NULL;
  g_autoptr(GArray) entries = g_array_sized_new (FALSE, FALSE, sizeof (Entry), n_oids);
  g_autoptr(GHashTable) seen = g_hash_table_new (oid_hash, oid_equal);
  char name[GIT_OID_HEXSZ + 6] = "pack-";
  git_oid checksum;
  z_stream z = { 0 };
  guint32 count;
  int rc = 0;

  if (deflateInit (&z, PACK_LEVEL) != Z_OK)
    {
      git_error_set_oom ();
      return -1;
    }

  put_be32 (pack, PACK_SIGNATURE);
  put_be32 (pack, PACK_VERSION);
  put_be32 (pack, 0);   /* the count, once known */

  for (gsize i = 0; i < n_oids && rc == 0; i++)
    {
      g_autoptr(git_odb_object) object = NULL;
      Entry entry = { oids[i], 0, pack->len };

      if (!g_hash_table_add (seen, (gpointer) &oids[i]))
        continue;

      rc = git_odb_read (&object, odb, &oids[i]);
      if (rc < 0)
        break;

      put_object_header (pack, git_odb_object_type (object), git_odb_object_size (object));
      if (!put_deflated (pack, &z, git_odb_object_data (object), git_odb_object_size (object)))
        {
          git_error_set_str (GIT_ERROR_ZLIB, z.msg != NULL ? z.msg : "deflate failed");
          rc = -1;
          break;
        }
      entry.crc = (guint32) crc32 (0, pack->data + entry.offset, pack->len - entry.offset);
      g_array_append_val (entries, entry);
    }
  deflateEnd (&z);
  if (rc < 0)
    return rc;

  count = GUINT32_TO_BE (entries->len);
  memcpy (pack->data + 8, &count, sizeof count);
  append_checksum (pack);
  git_oid_fromraw (&checksum, pack->data + pack->len - GIT_OID_RAWSZ);
  git_oid_tostr (name + 5, GIT_OID_HEXSZ + 1, &checksum);
  index = make_index (entries, checksum.id);

  rc = write_file (pack_dir, name, ".pack", pack);
  if (rc == 0 && (rc = write_file (pack_dir, name, ".idx", index)) < 0)
    {
      g_autofree char *base = g_strconcat (name, ".pack", NULL);
      g_autofree char *path = g_build_filename (pack_dir, base, NULL);

      g_unlink (path);
    }
  return rc;
}
