/* ck-record-file.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ck-case.h"
#include "ck-error.h"
#include "ck-json.h"
#include "ck-record-file.h"
#include "ck-vocabulary.h"

/* Lead times beyond a century are typing errors, not data. */
#define MAX_DAYS 36500
#define MAX_TEXT_CHARS 8000

gboolean
ck_shared_id_is_valid (const char *id)
{
  if (id == NULL || strlen (id) != 32)
    return FALSE;

  for (const char *p = id; *p; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;

  return TRUE;
}

/* Returns: (transfer full): the path of a record's or lesson's file */
char *
ck_shared_file_path (CkSharedFileKind  kind,
                     const char       *unit,
                     const char       *replica,
                     const char       *id)
{
  g_autofree char *lower = g_ascii_strdown (unit, -1);

  return g_strdup_printf ("units/%s/%s/%s/%.2s/%s.json", lower, replica,
                          kind == CK_SHARED_FILE_RECORD ? "records" : "lessons", id, id);
}

/* Returns: (transfer full): "units/ams/<replica>", the ref below refs/heads/ */
char *
ck_shared_ref_name (const char *unit,
                    const char *replica)
{
  g_autofree char *lower = g_ascii_strdown (unit, -1);

  return g_strdup_printf ("units/%s/%s", lower, replica);
}

/* Writing */

static void
write_tristate (CkJsonWriter *w,
                const char   *key,
                CkTristate    value)
{
  ck_json_writer_key (w, key);
  if (value == CK_TRISTATE_UNKNOWN)
    ck_json_writer_null (w);
  else
    ck_json_writer_bool (w, value == CK_TRISTATE_YES);
}

static void
write_days (CkJsonWriter *w,
            const char   *key,
            int           days)
{
  ck_json_writer_key (w, key);
  if (days < 0)
    ck_json_writer_null (w);
  else
    ck_json_writer_int (w, days);
}

static void
write_codes (CkJsonWriter *w,
             const char   *key,
             char * const *codes)
{
  ck_json_writer_key (w, key);
  ck_json_writer_begin_array (w);
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    ck_json_writer_string (w, codes[i]);
  ck_json_writer_end_array (w);
}

static void
write_string (CkJsonWriter *w,
              const char   *key,
              const char   *value)
{
  ck_json_writer_key (w, key);
  ck_json_writer_string (w, value);
}

static void
write_header (CkJsonWriter *w,
              const char   *id)
{
  ck_json_writer_begin_object (w);
  write_string (w, "id", id);
  ck_json_writer_key (w, "payload");
}

static void
write_footer (CkJsonWriter *w,
              const char   *replica,
              guint         rev,
              gboolean      retracted,
              const char   *unit)
{
  write_string (w, "replica", replica);
  ck_json_writer_key (w, "rev");
  ck_json_writer_int (w, rev);
  ck_json_writer_key (w, "schema");
  ck_json_writer_int (w, CK_RECORD_SCHEMA);
  write_string (w, "status", retracted ? "retracted" : "active");
  write_string (w, "unit", unit);
  ck_json_writer_end_object (w);
  g_string_append_c (w->out, '\n');
}

/* The payload's keys in sorted order. */
static void
write_record_payload (CkJsonWriter         *w,
                      const CkSharedRecord *r)
{
  ck_json_writer_begin_object (w);
  if (!r->retracted)
    {
      write_tristate (w, "bystanders_intervened", r->bystanders_intervened);
      write_tristate (w, "bystanders_present", r->bystanders_present);
      write_string (w, "channel", r->channel);
      write_days (w, "days_to_disposal", r->days_to_disposal);
      write_days (w, "days_to_feedback", r->days_to_feedback);
      write_days (w, "days_to_triage", r->days_to_triage);
      write_string (w, "finding", r->finding);
      write_codes (w, "grounds", r->grounds);
      write_string (w, "kind", r->kind);
      ck_json_writer_key (w, "lc_consulted");
      ck_json_writer_bool (w, r->lc_consulted);
      write_codes (w, "manifestations", r->manifestations);
      ck_json_writer_key (w, "measures");
      ck_json_writer_begin_array (w);
      for (guint i = 0; i < r->measures->len; i++)
        {
          const CkMeasure *m = &g_array_index (r->measures, CkMeasure, i);

          ck_json_writer_begin_object (w);
          write_string (w, "code", m->code);
          ck_json_writer_key (w, "conditional");
          ck_json_writer_bool (w, m->conditional);
          ck_json_writer_end_object (w);
        }
      ck_json_writer_end_array (w);
      ck_json_writer_key (w, "quarter");
      ck_json_writer_int (w, r->quarter);
      write_tristate (w, "reporter_left", r->reporter_left);
      write_string (w, "reporter_role", r->reporter_role);
      write_tristate (w, "restoration_accepted", r->restoration_accepted);
      write_tristate (w, "restoration_completed", r->restoration_completed);
      write_tristate (w, "restoration_offered", r->restoration_offered);
      ck_json_writer_key (w, "sensitive");
      ck_json_writer_bool (w, r->sensitive);
      write_string (w, "status", r->status);
      write_tristate (w, "subject_is_manager", r->subject_is_manager);
      write_string (w, "subject_role", r->subject_role);
      write_string (w, "team", r->team);
      write_string (w, "triage_route", r->triage_route);
      ck_json_writer_key (w, "year");
      ck_json_writer_int (w, r->year);
    }
  ck_json_writer_end_object (w);
}

/* Returns: (transfer full): the file's bytes, canonical JSON and an LF */
GBytes *
ck_record_file_encode (const CkSharedRecord *record)
{
  GString *out = g_string_sized_new (768);
  CkJsonWriter w;

  ck_json_writer_init (&w, out);
  write_header (&w, record->id);
  write_record_payload (&w, record);
  write_footer (&w, record->replica, record->rev, record->retracted, record->unit);
  return g_string_free_to_bytes (out);
}

GBytes *
ck_lesson_file_encode (const CkSharedLesson *lesson)
{
  GString *out = g_string_sized_new (1024);
  CkJsonWriter w;

  ck_json_writer_init (&w, out);
  write_header (&w, lesson->id);
  ck_json_writer_begin_object (&w);
  if (!lesson->retracted)
    {
      write_codes (&w, "grounds", lesson->grounds);
      write_codes (&w, "manifestations", lesson->manifestations);
      ck_json_writer_key (&w, "quarter");
      ck_json_writer_int (&w, lesson->quarter);
      write_string (&w, "text", lesson->text);
      write_string (&w, "theme", lesson->theme);
      write_string (&w, "title", lesson->title);
      ck_json_writer_key (&w, "year");
      ck_json_writer_int (&w, lesson->year);
    }
  ck_json_writer_end_object (&w);
  write_footer (&w, lesson->replica, lesson->rev, lesson->retracted, lesson->unit);
  return g_string_free_to_bytes (out);
}

GBytes *
ck_replica_meta_encode (const CkReplicaMeta *meta)
{
  GString *out = g_string_new (NULL);
  CkJsonWriter w;

  ck_json_writer_init (&w, out);
  ck_json_writer_begin_object (&w);
  write_string (&w, "app_version", meta->app_version);
  write_codes (&w, "purged", meta->purged);
  write_string (&w, "replica", meta->replica);
  ck_json_writer_key (&w, "schema");
  ck_json_writer_int (&w, CK_RECORD_SCHEMA);
  ck_json_writer_key (&w, "schema_max");
  ck_json_writer_int (&w, meta->schema_max);
  ck_json_writer_key (&w, "schema_min");
  ck_json_writer_int (&w, meta->schema_min);
  write_string (&w, "signing_key", meta->signing_key);
  write_string (&w, "unit", meta->unit);
  ck_json_writer_end_object (&w);
  g_string_append_c (out, '\n');
  return g_string_free_to_bytes (out);
}

void
ck_replica_meta_free (CkReplicaMeta *meta)
{
  if (meta == NULL)
    return;

  g_free (meta->unit);
  g_free (meta->replica);
  g_free (meta->app_version);
  g_free (meta->signing_key);
  g_strfreev (meta->purged);
  g_free (meta);
}

/* Reading: the first problem found is the one reported. */

typedef struct
{
  GError **error;
  gboolean failed;
} Reader;

static void reader_fail (Reader     *reader,
                         const char *format,
                         ...) G_GNUC_PRINTF (2, 3);

static void
reader_fail (Reader     *reader,
             const char *format,
             ...)
{
  va_list args;
  g_autofree char *message = NULL;

  if (reader->failed)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  reader->failed = TRUE;
  g_set_error_literal (reader->error, CK_ERROR, CK_ERROR_INVALID, message);
}

/* Every member of @object must be one of @names (sorted), and every name
 * present. In canonical order that is one walk over both lists. */
static void
check_members (Reader             *reader,
               const CkJson       *object,
               const char * const *names)
{
  guint n_names = g_strv_length ((char **) names);

  if (object->sorted && object->items->len == n_names)
    {
      gboolean same = TRUE;

      for (guint i = 0; i < n_names && same; i++)
        same = g_str_equal (((CkJson *) object->items->pdata[i])->name, names[i]);
      if (same)
        return;
    }

  for (guint i = 0; i < object->items->len && !reader->failed; i++)
    {
      const CkJson *member = object->items->pdata[i];

      if (!g_strv_contains (names, member->name))
        reader_fail (reader, _("The file has a field this version does not know: “%s”."),
                     member->name);
    }

  for (guint i = 0; names[i] != NULL && !reader->failed; i++)
    if (ck_json_member (object, names[i]) == NULL)
      reader_fail (reader, _("The field “%s” is missing."), names[i]);
}

static const CkJson *
expect (Reader       *reader,
        const CkJson *object,
        const char   *name,
        CkJsonKind    kind,
        gboolean      nullable)
{
  const CkJson *value = ck_json_member (object, name);

  if (reader->failed || value == NULL)
    return NULL;
  if (nullable && value->kind == CK_JSON_NULL)
    return NULL;
  if (value->kind != kind)
    {
      reader_fail (reader, _("The field “%s” must be %s."), name, ck_json_kind_name (kind));
      return NULL;
    }

  return value;
}

static char *
read_string (Reader       *reader,
             const CkJson *object,
             const char   *name,
             gboolean      nullable)
{
  const CkJson *value = expect (reader, object, name, CK_JSON_STRING, nullable);

  if (value != NULL && g_utf8_strlen (value->string, -1) > MAX_TEXT_CHARS)
    {
      reader_fail (reader, _("The field “%s” is too long."), name);
      return NULL;
    }

  return value != NULL ? g_strdup (value->string) : NULL;
}

static char *
read_code (Reader       *reader,
           const CkJson *object,
           const char   *name,
           const char   *list,
           gboolean      nullable)
{
  g_autofree char *code = read_string (reader, object, name, nullable);

  if (code != NULL && ck_vocabulary_lookup (ck_vocabulary_get_default (), list, code) == NULL)
    {
      reader_fail (reader, _("The field “%s” holds an unknown code: “%s”."), name, code);
      return NULL;
    }

  return g_steal_pointer (&code);
}

static char **
read_codes (Reader       *reader,
            const CkJson *object,
            const char   *name,
            const char   *list)
{
  const CkJson *array = expect (reader, object, name, CK_JSON_ARRAY, FALSE);
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();

  for (guint i = 0; array != NULL && i < array->items->len && !reader->failed; i++)
    {
      const CkJson *item = array->items->pdata[i];

      if (item->kind != CK_JSON_STRING)
        reader_fail (reader, _("The field “%s” must be %s."), name, _("a list of codes"));
      else if (ck_vocabulary_lookup (ck_vocabulary_get_default (), list, item->string) == NULL)
        reader_fail (reader, _("The field “%s” holds an unknown code: “%s”."), name, item->string);
      else if (i > 0 && strcmp (((CkJson *) array->items->pdata[i - 1])->string, item->string) >= 0)
        reader_fail (reader, _("The codes of “%s” are not sorted or appear twice."), name);
      else
        g_strv_builder_add (codes, item->string);
    }

  return g_strv_builder_end (codes);
}

static CkTristate
read_tristate (Reader       *reader,
               const CkJson *object,
               const char   *name)
{
  const CkJson *value = expect (reader, object, name, CK_JSON_BOOL, TRUE);

  if (value == NULL)
    return CK_TRISTATE_UNKNOWN;

  return value->boolean ? CK_TRISTATE_YES : CK_TRISTATE_NO;
}

static gboolean
read_bool (Reader       *reader,
           const CkJson *object,
           const char   *name)
{
  const CkJson *value = expect (reader, object, name, CK_JSON_BOOL, FALSE);

  return value != NULL && value->boolean;
}

static gint64
read_int (Reader       *reader,
          const CkJson *object,
          const char   *name,
          gint64        min,
          gint64        max,
          gboolean      nullable,
          gint64        if_null)
{
  const CkJson *value = expect (reader, object, name, CK_JSON_INT, nullable);

  if (value == NULL)
    return if_null;

  if (value->integer < min || value->integer > max)
    {
      g_autofree char *range = g_strdup_printf ("%" G_GINT64_FORMAT "–%" G_GINT64_FORMAT, min, max);

      reader_fail (reader, _("The field “%s” is out of range (%s)."), name, range);
      return if_null;
    }

  return value->integer;
}

static char *
read_id (Reader       *reader,
         const CkJson *object,
         const char   *name)
{
  g_autofree char *id = read_string (reader, object, name, FALSE);

  if (id != NULL && !ck_shared_id_is_valid (id))
    {
      reader_fail (reader, _("The field “%s” is not an id of 32 lowercase hex digits."), name);
      return NULL;
    }

  return g_steal_pointer (&id);
}

typedef struct
{
  char     *id;
  char     *unit;
  char     *replica;
  guint     rev;
  gboolean  retracted;
  const CkJson *payload;
} Envelope;

static void
read_envelope (Reader       *reader,
               const CkJson *root,
               Envelope     *envelope)
{
  static const char * const names[] = { "id", "payload", "replica", "rev", "schema", "status", "unit", NULL };
  g_autofree char *status = NULL;

  if (root->kind != CK_JSON_OBJECT)
    {
      reader_fail (reader, _("The file must hold an object."));
      return;
    }

  check_members (reader, root, names);
  envelope->id = read_id (reader, root, "id");
  envelope->replica = read_id (reader, root, "replica");
  envelope->unit = read_code (reader, root, "unit", CK_VOCAB_UNITS, FALSE);
  envelope->rev = read_int (reader, root, "rev", 1, G_MAXUINT32, FALSE, 0);
  read_int (reader, root, "schema", CK_RECORD_SCHEMA, CK_RECORD_SCHEMA, FALSE, 0);
  status = read_string (reader, root, "status", FALSE);
  if (!reader->failed && !g_str_equal (status, "active") && !g_str_equal (status, "retracted"))
    reader_fail (reader, _("The field “%s” holds an unknown code: “%s”."), "status", status);
  envelope->retracted = g_strcmp0 (status, "retracted") == 0;
  envelope->payload = expect (reader, root, "payload", CK_JSON_OBJECT, FALSE);

  if (!reader->failed && envelope->retracted && envelope->payload->items->len > 0)
    reader_fail (reader, _("A retracted file must have an empty payload."));
}

static void
envelope_clear (Envelope *envelope)
{
  g_free (envelope->id);
  g_free (envelope->unit);
  g_free (envelope->replica);
}

/* The bytes must be exactly what the encoder makes of what was read. */
static gboolean
check_canonical (GBytes      *encoded,
                 const char  *data,
                 gsize        len,
                 GError     **error)
{
  gsize encoded_len;
  const char *encoded_data = g_bytes_get_data (encoded, &encoded_len);

  if (encoded_len == len && memcmp (encoded_data, data, len) == 0)
    return TRUE;

  g_set_error_literal (error, CK_ERROR, CK_ERROR_INVALID,
                       _("The file is not in canonical form (sorted keys, no spaces, one line)."));
  return FALSE;
}

static void
read_measures (Reader         *reader,
               const CkJson   *payload,
               CkSharedRecord *record)
{
  static const char * const names[] = { "code", "conditional", NULL };
  const CkJson *array = expect (reader, payload, "measures", CK_JSON_ARRAY, FALSE);

  for (guint i = 0; array != NULL && i < array->items->len && !reader->failed; i++)
    {
      const CkJson *item = array->items->pdata[i];
      CkMeasure measure = { NULL, FALSE };

      if (item->kind != CK_JSON_OBJECT)
        {
          reader_fail (reader, _("The field “%s” must be %s."), "measures", _("a list of objects"));
          break;
        }
      check_members (reader, item, names);
      measure.code = read_code (reader, item, "code", CK_VOCAB_MEASURES, FALSE);
      measure.conditional = read_bool (reader, item, "conditional");
      if (measure.code != NULL)
        g_array_append_val (record->measures, measure);
    }
}

/* The fast path: a record exactly as the encoder writes it, read in one
 * pass without building a JSON tree. It validates every field as the
 * general decoder does, accepts only strings of printable ASCII without
 * escapes (every string of a record is an id, a code or a team), and
 * finally compares the bytes with the encoding of what it read, so what
 * it accepts is what the general decoder accepts. Anything else, or any
 * doubt, goes to the general decoder, which also says what is wrong. */

typedef struct
{
  const char *p;
  const char *end;
} Scan;

static gboolean
scan_literal (Scan       *s,
              const char *text,
              gsize       len)
{
  if ((gsize) (s->end - s->p) < len || memcmp (s->p, text, len) != 0)
    return FALSE;
  s->p += len;
  return TRUE;
}

#define SCAN_KEY(s, key) scan_literal ((s), "\"" key "\":", sizeof (key) + 2)

static gboolean
scan_null (Scan *s)
{
  return scan_literal (s, "null", 4);
}

/* A string of printable ASCII without escapes; %NULL for anything else. */
static const char *
scan_plain (Scan  *s,
            gsize *len)
{
  const char *start;

  if (s->p >= s->end || *s->p != '"')
    return NULL;

  start = ++s->p;
  while (s->p < s->end && *s->p != '"')
    {
      unsigned char c = *s->p;

      if (c < 0x20 || c > 0x7e || c == '\\')
        return NULL;
      s->p++;
    }
  if (s->p >= s->end)
    return NULL;

  *len = s->p - start;
  s->p++;
  return start;
}

static char *
scan_id (Scan *s)
{
  gsize len;
  const char *text = scan_plain (s, &len);
  char *id;

  if (text == NULL || len != 32)
    return NULL;

  id = g_strndup (text, len);
  if (!ck_shared_id_is_valid (id))
    g_clear_pointer (&id, g_free);
  return id;
}

/* Returns: whether a code of @list (or null, when @nullable) was read */
static gboolean
scan_code (Scan        *s,
           const char  *list,
           gboolean     nullable,
           char       **out)
{
  char code[64];
  gsize len;
  const char *text;

  if (nullable && scan_null (s))
    return TRUE;

  if (!(text = scan_plain (s, &len)) || len >= sizeof code)
    return FALSE;

  memcpy (code, text, len);
  code[len] = '\0';
  if (ck_vocabulary_lookup (ck_vocabulary_get_default (), list, code) == NULL)
    return FALSE;

  *out = g_strndup (text, len);
  return TRUE;
}

/* A sorted list of distinct codes of @list. */
static gboolean
scan_codes (Scan         *s,
            const char   *list,
            char       ***out)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);

  if (!scan_literal (s, "[", 1))
    return FALSE;

  if (!scan_literal (s, "]", 1))
    for (;;)
      {
        char *code = NULL;

        if (!scan_code (s, list, FALSE, &code))
          return FALSE;
        g_ptr_array_add (codes, code);
        if (codes->len > 1 && strcmp (codes->pdata[codes->len - 2], code) >= 0)
          return FALSE;
        if (scan_literal (s, "]", 1))
          break;
        if (!scan_literal (s, ",", 1))
          return FALSE;
      }

  g_ptr_array_add (codes, NULL);
  g_strfreev (*out);
  *out = (char **) g_ptr_array_free (g_steal_pointer (&codes), FALSE);
  return TRUE;
}

static gboolean
scan_bool (Scan     *s,
           gboolean *out)
{
  if (scan_literal (s, "true", 4))
    *out = TRUE;
  else if (scan_literal (s, "false", 5))
    *out = FALSE;
  else
    return FALSE;

  return TRUE;
}

static gboolean
scan_tristate (Scan       *s,
               CkTristate *out)
{
  gboolean value;

  if (scan_null (s))
    {
      *out = CK_TRISTATE_UNKNOWN;
      return TRUE;
    }
  if (!scan_bool (s, &value))
    return FALSE;

  *out = value ? CK_TRISTATE_YES : CK_TRISTATE_NO;
  return TRUE;
}

/* A whole number from @min to @max, in digits as the encoder writes it. */
static gboolean
scan_int (Scan   *s,
          gint64  min,
          gint64  max,
          gint64 *out)
{
  const char *start = s->p;
  gint64 value = 0;

  while (s->p < s->end && g_ascii_isdigit (*s->p) && s->p - start < 12)
    value = value * 10 + (*s->p++ - '0');

  if (s->p == start || s->p - start == 12 || (s->p - start > 1 && *start == '0') || value < min || value > max)
    return FALSE;

  *out = value;
  return TRUE;
}

static gboolean
scan_days (Scan *s,
           int  *out)
{
  gint64 days;

  if (scan_null (s))
    {
      *out = -1;
      return TRUE;
    }
  if (!scan_int (s, 0, MAX_DAYS, &days))
    return FALSE;

  *out = (int) days;
  return TRUE;
}

static gboolean
scan_team (Scan  *s,
           char **out)
{
  gsize len;
  const char *text;

  if (scan_null (s))
    return TRUE;
  if (!(text = scan_plain (s, &len)) || len == 0 || len > 12)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isupper (text[i]) && !g_ascii_isdigit (text[i]) && text[i] != '-')
      return FALSE;

  *out = g_strndup (text, len);
  return TRUE;
}

static gboolean
scan_measures (Scan           *s,
               CkSharedRecord *r)
{
  if (!scan_literal (s, "[", 1))
    return FALSE;
  if (scan_literal (s, "]", 1))
    return TRUE;

  for (;;)
    {
      CkMeasure measure = { NULL, FALSE };

      if (!scan_literal (s, "{", 1) || !SCAN_KEY (s, "code") ||
          !scan_code (s, CK_VOCAB_MEASURES, FALSE, &measure.code))
        return FALSE;
      g_array_append_val (r->measures, measure);
      if (!scan_literal (s, ",", 1) || !SCAN_KEY (s, "conditional") ||
          !scan_bool (s, &g_array_index (r->measures, CkMeasure, r->measures->len - 1).conditional) ||
          !scan_literal (s, "}", 1))
        return FALSE;
      if (scan_literal (s, "]", 1))
        return TRUE;
      if (!scan_literal (s, ",", 1))
        return FALSE;
    }
}

static gboolean
scan_payload (Scan           *s,
              CkSharedRecord *r)
{
  gint64 quarter, year;

  if (!(SCAN_KEY (s, "bystanders_intervened") && scan_tristate (s, &r->bystanders_intervened) &&
        scan_literal (s, ",", 1) && SCAN_KEY (s, "bystanders_present") && scan_tristate (s, &r->bystanders_present) &&
        scan_literal (s, ",", 1) && SCAN_KEY (s, "channel") && scan_code (s, CK_VOCAB_CHANNELS, TRUE, &r->channel) &&
        scan_literal (s, ",", 1) && SCAN_KEY (s, "days_to_disposal") && scan_days (s, &r->days_to_disposal) &&
        scan_literal (s, ",", 1) && SCAN_KEY (s, "days_to_feedback") && scan_days (s, &r->days_to_feedback) &&
        scan_literal (s, ",", 1) && SCAN_KEY (s, "days_to_triage") && scan_days (s, &r->days_to_triage) &&
        scan_literal (s, ",", 1) && SCAN_KEY (s, "finding") && scan_code (s, CK_VOCAB_FINDINGS, TRUE, &r->finding) &&
        scan_literal (s, ",", 1) && SCAN_KEY (s, "grounds") && scan_codes (s, CK_VOCAB_GROUNDS, &r->grounds) &&
        scan_literal (s, ",", 1) && SCAN_KEY (s, "kind") && scan_code (s, CK_VOCAB_KINDS, FALSE, &r->kind) &&
        scan_literal (s, ",", 1) && SCAN_KEY (s, "lc_consulted") && scan_bool (s, &r->lc_consulted) &&
        scan_literal (s, ",", 1) && SCAN_KEY (s, "manifestations") &&
        scan_codes (s, CK_VOCAB_MANIFESTATIONS, &r->manifestations) &&
        scan_literal (s, ",", 1) && SCAN_KEY (s, "measures") && scan_measures (s, r) &&
        scan_literal (s, ",", 1) && SCAN_KEY (s, "quarter") && scan_int (s, 0, 4, &quarter) &&
        scan_literal (s, ",", 1) && SCAN_KEY (s, "reporter_left") && scan_tristate (s, &r->reporter_left) &&
        scan_literal (s, ",", 1) && SCAN_KEY (s, "reporter_role") &&
        scan_code (s, CK_VOCAB_REPORTER_ROLES, TRUE, &r->reporter_role) &&
        scan_literal (s, ",", 1) && SCAN_KEY (s, "restoration_accepted") && scan_tristate (s, &r->restoration_accepted) &&
        scan_literal (s, ",", 1) && SCAN_KEY (s, "restoration_completed") && scan_tristate (s, &r->restoration_completed) &&
        scan_literal (s, ",", 1) && SCAN_KEY (s, "restoration_offered") && scan_tristate (s, &r->restoration_offered) &&
        scan_literal (s, ",", 1) && SCAN_KEY (s, "sensitive") && scan_bool (s, &r->sensitive) &&
        scan_literal (s, ",", 1) && SCAN_KEY (s, "status") && scan_code (s, CK_VOCAB_STATUSES, FALSE, &r->status) &&
        scan_literal (s, ",", 1) && SCAN_KEY (s, "subject_is_manager") && scan_tristate (s, &r->subject_is_manager) &&
        scan_literal (s, ",", 1) && SCAN_KEY (s, "subject_role") &&
        scan_code (s, CK_VOCAB_SUBJECT_ROLES, TRUE, &r->subject_role) &&
        scan_literal (s, ",", 1) && SCAN_KEY (s, "team") && scan_team (s, &r->team) &&
        scan_literal (s, ",", 1) && SCAN_KEY (s, "triage_route") && scan_code (s, CK_VOCAB_ROUTES, TRUE, &r->triage_route) &&
        scan_literal (s, ",", 1) && SCAN_KEY (s, "year") && scan_int (s, 1990, 2200, &year)))
    return FALSE;

  r->quarter = (int) quarter;
  r->year = (int) year;
  return TRUE;
}

/* Returns: (transfer full) (nullable): the record, or %NULL when the
 * general decoder must look at the file */
static CkSharedRecord *
decode_record_fast (const char *data,
                    gsize       len)
{
  g_autoptr(CkSharedRecord) r = ck_shared_record_new ();
  g_autoptr(GBytes) encoded = NULL;
  Scan s = { data, data + len };
  gboolean empty_payload;
  gint64 rev, schema;
  gsize status_len;
  const char *status;

  if (!scan_literal (&s, "{", 1) || !SCAN_KEY (&s, "id") || !(r->id = scan_id (&s)) ||
      !scan_literal (&s, ",", 1) || !SCAN_KEY (&s, "payload") || !scan_literal (&s, "{", 1))
    return NULL;

  empty_payload = scan_literal (&s, "}", 1);
  if (!empty_payload && (!scan_payload (&s, r) || !scan_literal (&s, "}", 1)))
    return NULL;

  if (!scan_literal (&s, ",", 1) || !SCAN_KEY (&s, "replica") || !(r->replica = scan_id (&s)) ||
      !scan_literal (&s, ",", 1) || !SCAN_KEY (&s, "rev") || !scan_int (&s, 1, G_MAXUINT32, &rev) ||
      !scan_literal (&s, ",", 1) || !SCAN_KEY (&s, "schema") ||
      !scan_int (&s, CK_RECORD_SCHEMA, CK_RECORD_SCHEMA, &schema) ||
      !scan_literal (&s, ",", 1) || !SCAN_KEY (&s, "status") || !(status = scan_plain (&s, &status_len)) ||
      !scan_literal (&s, ",", 1) || !SCAN_KEY (&s, "unit") || !scan_code (&s, CK_VOCAB_UNITS, FALSE, &r->unit) ||
      !scan_literal (&s, "}\n", 2) || s.p != s.end)
    return NULL;

  r->rev = (guint) rev;
  r->retracted = status_len == 9 && memcmp (status, "retracted", 9) == 0;
  if (r->retracted ? !empty_payload : (empty_payload || status_len != 6 || memcmp (status, "active", 6) != 0))
    return NULL;

  encoded = ck_record_file_encode (r);
  if (g_bytes_get_size (encoded) != len || memcmp (g_bytes_get_data (encoded, NULL), data, len) != 0)
    return NULL;

  return g_steal_pointer (&r);
}

/**
 * ck_record_file_decode:
 *
 * Returns: (transfer full) (nullable): the record, or %NULL with @error
 *   saying what is wrong with the file
 */
CkSharedRecord *
ck_record_file_decode (const char  *data,
                       gsize        len,
                       GError     **error)
{
  CkSharedRecord *record = decode_record_fast (data, len);

  if (record != NULL)
    return record;

  return ck_record_file_decode_general (data, len, error);
}

/**
 * ck_record_file_decode_general:
 *
 * ck_record_file_decode() without its fast path for canonical records,
 * which the tests hold against it.
 */
CkSharedRecord *
ck_record_file_decode_general (const char  *data,
                               gsize        len,
                               GError     **error)
{
  static const char * const names[] = {
    "bystanders_intervened", "bystanders_present", "channel", "days_to_disposal",
    "days_to_feedback", "days_to_triage", "finding", "grounds", "kind", "lc_consulted",
    "manifestations", "measures", "quarter", "reporter_left", "reporter_role",
    "restoration_accepted", "restoration_completed", "restoration_offered", "sensitive",
    "status", "subject_is_manager", "subject_role", "team", "triage_route", "year", NULL
  };
  g_autoptr(CkJson) root = NULL;
  g_autoptr(CkSharedRecord) r = ck_shared_record_new ();
  g_autoptr(GBytes) encoded = NULL;
  Envelope envelope = { NULL };
  Reader reader = { error, FALSE };
  const CkJson *p;

  if (!(root = ck_json_parse (data, len, error)))
    return NULL;

  read_envelope (&reader, root, &envelope);
  r->id = g_steal_pointer (&envelope.id);
  r->unit = g_steal_pointer (&envelope.unit);
  r->replica = g_steal_pointer (&envelope.replica);
  r->rev = envelope.rev;
  r->retracted = envelope.retracted;
  p = envelope.payload;
  envelope_clear (&envelope);

  if (!reader.failed && !r->retracted)
    {
      check_members (&reader, p, names);
      r->bystanders_intervened = read_tristate (&reader, p, "bystanders_intervened");
      r->bystanders_present = read_tristate (&reader, p, "bystanders_present");
      r->channel = read_code (&reader, p, "channel", CK_VOCAB_CHANNELS, TRUE);
      r->days_to_disposal = read_int (&reader, p, "days_to_disposal", 0, MAX_DAYS, TRUE, -1);
      r->days_to_feedback = read_int (&reader, p, "days_to_feedback", 0, MAX_DAYS, TRUE, -1);
      r->days_to_triage = read_int (&reader, p, "days_to_triage", 0, MAX_DAYS, TRUE, -1);
      r->finding = read_code (&reader, p, "finding", CK_VOCAB_FINDINGS, TRUE);
      g_strfreev (r->grounds);
      r->grounds = read_codes (&reader, p, "grounds", CK_VOCAB_GROUNDS);
      r->kind = read_code (&reader, p, "kind", CK_VOCAB_KINDS, FALSE);
      r->lc_consulted = read_bool (&reader, p, "lc_consulted");
      g_strfreev (r->manifestations);
      r->manifestations = read_codes (&reader, p, "manifestations", CK_VOCAB_MANIFESTATIONS);
      read_measures (&reader, p, r);
      r->quarter = read_int (&reader, p, "quarter", 0, 4, FALSE, 0);
      r->reporter_left = read_tristate (&reader, p, "reporter_left");
      r->reporter_role = read_code (&reader, p, "reporter_role", CK_VOCAB_REPORTER_ROLES, TRUE);
      r->restoration_accepted = read_tristate (&reader, p, "restoration_accepted");
      r->restoration_completed = read_tristate (&reader, p, "restoration_completed");
      r->restoration_offered = read_tristate (&reader, p, "restoration_offered");
      r->sensitive = read_bool (&reader, p, "sensitive");
      r->status = read_code (&reader, p, "status", CK_VOCAB_STATUSES, FALSE);
      r->subject_is_manager = read_tristate (&reader, p, "subject_is_manager");
      r->subject_role = read_code (&reader, p, "subject_role", CK_VOCAB_SUBJECT_ROLES, TRUE);
      r->team = read_string (&reader, p, "team", TRUE);
      r->triage_route = read_code (&reader, p, "triage_route", CK_VOCAB_ROUTES, TRUE);
      r->year = read_int (&reader, p, "year", 1990, 2200, FALSE, 0);

      if (!reader.failed && r->team != NULL &&
          (strlen (r->team) == 0 || strlen (r->team) > 12 ||
           strspn (r->team, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != strlen (r->team)))
        reader_fail (&reader, _("The field “%s” is not a team code."), "team");
    }

  if (reader.failed)
    return NULL;

  encoded = ck_record_file_encode (r);
  if (!check_canonical (encoded, data, len, error))
    return NULL;

  return g_steal_pointer (&r);
}

CkSharedLesson *
ck_lesson_file_decode (const char  *data,
                       gsize        len,
                       GError     **error)
{
  static const char * const names[] = {
    "grounds", "manifestations", "quarter", "text", "theme", "title", "year", NULL
  };
  g_autoptr(CkJson) root = NULL;
  g_autoptr(CkSharedLesson) l = ck_shared_lesson_new ();
  g_autoptr(GBytes) encoded = NULL;
  Envelope envelope = { NULL };
  Reader reader = { error, FALSE };
  const CkJson *p;

  if (!(root = ck_json_parse (data, len, error)))
    return NULL;

  read_envelope (&reader, root, &envelope);
  l->id = g_steal_pointer (&envelope.id);
  l->unit = g_steal_pointer (&envelope.unit);
  l->replica = g_steal_pointer (&envelope.replica);
  l->rev = envelope.rev;
  l->retracted = envelope.retracted;
  p = envelope.payload;
  envelope_clear (&envelope);

  if (!reader.failed && !l->retracted)
    {
      check_members (&reader, p, names);
      g_strfreev (l->grounds);
      l->grounds = read_codes (&reader, p, "grounds", CK_VOCAB_GROUNDS);
      g_strfreev (l->manifestations);
      l->manifestations = read_codes (&reader, p, "manifestations", CK_VOCAB_MANIFESTATIONS);
      l->quarter = read_int (&reader, p, "quarter", 1, 4, FALSE, 0);
      l->text = read_string (&reader, p, "text", FALSE);
      l->theme = read_string (&reader, p, "theme", TRUE);
      l->title = read_string (&reader, p, "title", FALSE);
      l->year = read_int (&reader, p, "year", 1990, 2200, FALSE, 0);
    }

  if (reader.failed)
    return NULL;

  encoded = ck_lesson_file_encode (l);
  if (!check_canonical (encoded, data, len, error))
    return NULL;

  return g_steal_pointer (&l);
}

CkReplicaMeta *
ck_replica_meta_decode (const char  *data,
                        gsize        len,
                        GError     **error)
{
  static const char * const names[] = {
    "app_version", "purged", "replica", "schema", "schema_max", "schema_min", "signing_key", "unit", NULL
  };
  g_autoptr(CkJson) root = NULL;
  g_autoptr(CkReplicaMeta) meta = g_new0 (CkReplicaMeta, 1);
  Reader reader = { error, FALSE };
  const CkJson *purged;

  if (!(root = ck_json_parse (data, len, error)))
    return NULL;
  if (root->kind != CK_JSON_OBJECT)
    {
      g_set_error_literal (error, CK_ERROR, CK_ERROR_INVALID, _("The file must hold an object."));
      return NULL;
    }

  check_members (&reader, root, names);
  meta->app_version = read_string (&reader, root, "app_version", FALSE);
  meta->replica = read_id (&reader, root, "replica");
  meta->unit = read_code (&reader, root, "unit", CK_VOCAB_UNITS, FALSE);
  meta->signing_key = read_string (&reader, root, "signing_key", FALSE);
  read_int (&reader, root, "schema", CK_RECORD_SCHEMA, CK_RECORD_SCHEMA, FALSE, 0);
  meta->schema_min = read_int (&reader, root, "schema_min", 1, 1000, FALSE, 0);
  meta->schema_max = read_int (&reader, root, "schema_max", 1, 1000, FALSE, 0);

  purged = expect (&reader, root, "purged", CK_JSON_ARRAY, FALSE);
  {
    g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();

    for (guint i = 0; purged != NULL && i < purged->items->len && !reader.failed; i++)
      {
        const CkJson *item = purged->items->pdata[i];

        if (item->kind != CK_JSON_STRING || !ck_shared_id_is_valid (item->string))
          reader_fail (&reader, _("The field “%s” must be %s."), "purged", _("a list of ids"));
        else
          g_strv_builder_add (ids, item->string);
      }
    meta->purged = g_strv_builder_end (ids);
  }

  if (reader.failed)
    return NULL;

  return g_steal_pointer (&meta);
}
