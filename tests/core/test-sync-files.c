/* test-sync-files.c: canonical JSON, record files and small groups
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "ck-case.h"
#include "ck-error.h"
#include "ck-json.h"
#include "ck-k-anonymity.h"
#include "ck-record-file.h"
#include "ck-vocabulary.h"

static void
assert_refused (const char *text,
                const char *reason)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CkJson) json = ck_json_parse (text, strlen (text), &error);

  g_assert_null (json);
  g_assert_error (error, CK_ERROR, CK_ERROR_INVALID);
  if (strstr (error->message, reason) == NULL)
    g_error ("%s: “%s” lacks “%s”", text, error->message, reason);
}

static void
test_json_strict (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CkJson) json = NULL;
  const char *good = "{\"a\":[1,-2,true,false,null,\"x\\u00e9\\ud83d\\ude00\"],\"b\":{}}";

  json = ck_json_parse (good, strlen (good), &error);
  g_assert_no_error (error);
  g_assert_cmpint (json->kind, ==, CK_JSON_OBJECT);
  g_assert_cmpuint (json->items->len, ==, 2);
  g_assert_cmpint (((CkJson *) ck_json_member (json, "a")->items->pdata[1])->integer, ==, -2);
  g_assert_cmpstr (((CkJson *) ck_json_member (json, "a")->items->pdata[5])->string, ==, "xé😀");

  assert_refused ("{\"a\":1,\"a\":2}", "appears twice");
  assert_refused ("{\"a\":1.5}", "fraction");
  assert_refused ("{\"a\":1e3}", "fraction or exponent");
  assert_refused ("{\"a\":01}", "leading zero");
  assert_refused ("{\"a\":-0}", "negative zero");
  assert_refused ("{\"a\":\"\\ud800\"}", "unpaired surrogate");
  assert_refused ("{\"a\":\"\\u0000\"}", "NUL");
  assert_refused ("{\"a\":\"x\ty\"}", "control character");
  assert_refused ("{\"a\":1} x", "after the end");
  assert_refused ("{\"a\" 1}", "colon");
  assert_refused ("[[[[[[[[[[1]]]]]]]]]]", "too deep");
  assert_refused ("{\"a\":\"\xc3\x28\"}", "UTF-8");
  assert_refused ("{\"a\":99999999999999999999}", "too large");
  assert_refused ("{\"a\":tru}", "unknown word");
}

static void
test_writer_canonical (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  CkJsonWriter w;

  ck_json_writer_init (&w, out);
  ck_json_writer_begin_object (&w);
  ck_json_writer_key (&w, "a");
  ck_json_writer_begin_array (&w);
  ck_json_writer_int (&w, 1);
  ck_json_writer_string (&w, "q\"\\\n\x01");
  ck_json_writer_begin_object (&w);
  ck_json_writer_end_object (&w);
  ck_json_writer_end_array (&w);
  ck_json_writer_key (&w, "b");
  ck_json_writer_null (&w);
  ck_json_writer_end_object (&w);
  g_assert_cmpstr (out->str, ==, "{\"a\":[1,\"q\\\"\\\\\\n\\u0001\",{}],\"b\":null}");
}

static CkSharedRecord *
make_record (void)
{
  CkSharedRecord *r = ck_shared_record_new ();
  CkMeasure measure = { g_strdup ("geldboete"), TRUE };

  r->id = g_strdup ("0123456789abcdef0123456789abcdef");
  r->unit = g_strdup ("RTD");
  r->replica = g_strdup ("fedcba9876543210fedcba9876543210");
  r->rev = 3;
  r->year = 2025;
  r->quarter = 2;
  r->team = g_strdup ("B04");
  r->kind = g_strdup ("melding");
  g_strfreev (r->grounds);
  r->grounds = g_strsplit ("herkomst,leeftijd", ",", -1);
  g_array_append_val (r->measures, measure);
  r->bystanders_present = CK_TRISTATE_NO;
  r->status = g_strdup ("afgedaan");
  r->days_to_triage = 12;
  return r;
}

static void
test_record_round_trip (void)
{
  g_autoptr(CkSharedRecord) record = make_record ();
  g_autoptr(GBytes) bytes = ck_record_file_encode (record);
  g_autoptr(CkSharedRecord) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *spaced = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  g_assert_true (g_str_has_prefix (data, "{\"id\":\"0123456789abcdef0123456789abcdef\",\"payload\":{"));
  g_assert_cmpint (data[len - 1], ==, '\n');
  g_assert_null (strstr (data, "  "));

  back = ck_record_file_decode (data, len, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->team, ==, "B04");
  g_assert_cmpuint (back->rev, ==, 3);
  g_assert_cmpint (back->bystanders_present, ==, CK_TRISTATE_NO);
  g_assert_cmpint (back->bystanders_intervened, ==, CK_TRISTATE_UNKNOWN);
  g_assert_cmpint (back->days_to_triage, ==, 12);
  g_assert_cmpint (back->days_to_disposal, ==, -1);
  g_assert_true (g_array_index (back->measures, CkMeasure, 0).conditional);

  /* Valid JSON, but not as the encoder writes it: refused. */
  spaced = g_strdup_printf ("{ %.*s", (int) len - 1, data + 1);
  g_clear_pointer (&back, ck_shared_record_free);
  back = ck_record_file_decode (spaced, strlen (spaced), &error);
  g_assert_null (back);
  g_assert_error (error, CK_ERROR, CK_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "canonical"));
}

/* A random code of @list, sometimes one of another list or a made-up one. */
static char *
random_code (const char *list)
{
  GPtrArray *terms = ck_vocabulary_get_terms (ck_vocabulary_get_default (), list);
  guint roll = g_test_rand_int_range (0, 40);

  if (roll == 0)
    return g_strdup ("onbekend");
  if (roll == 1)
    return g_strdup ("RTD");

  return g_strdup (((const CkTerm *) terms->pdata[g_test_rand_int_range (0, terms->len)])->code);
}

static char **
random_codes (const char *list)
{
  GPtrArray *terms = ck_vocabulary_get_terms (ck_vocabulary_get_default (), list);
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  guint n = g_test_rand_int_range (0, 4);
  gboolean sorted = g_test_rand_int_range (0, 10) > 0;
  int last = -1;

  for (guint i = 0; i < n; i++)
    {
      int index = g_test_rand_int_range (0, terms->len);

      if (sorted)
        {
          /* The vocabulary's order is not the codes' byte order: keep
           * what sorts after the last. */
          if (last >= 0 && strcmp (((const CkTerm *) terms->pdata[index])->code,
                                   ((const CkTerm *) terms->pdata[last])->code) <= 0)
            continue;
          last = index;
        }
      g_strv_builder_add (codes, ((const CkTerm *) terms->pdata[index])->code);
    }

  return g_strv_builder_end (codes);
}

static CkTristate
random_tristate (void)
{
  return g_test_rand_int_range (CK_TRISTATE_UNKNOWN, CK_TRISTATE_YES + 1);
}

static int
random_days (void)
{
  int roll = g_test_rand_int_range (0, 20);

  return roll == 0 ? 40000 : roll < 5 ? -1 : g_test_rand_int_range (0, 400);
}

static char *
maybe_null (char *text)
{
  if (g_test_rand_int_range (0, 4) == 0)
    g_clear_pointer (&text, g_free);
  return text;
}

/* Mostly valid records, with now and then a value the decoder refuses. */
static CkSharedRecord *
random_record (void)
{
  static const char * const teams[] = { "B04", "NOORD-1", "b04", "", "ABCDEFGHIJKLM", "A B", "Zuid\\1" };
  CkSharedRecord *r = ck_shared_record_new ();
  guint n_measures = g_test_rand_int_range (0, 3);

  r->id = g_strdup_printf ("%08x%08x%08x%08x", g_test_rand_int (), g_test_rand_int (), g_test_rand_int (),
                           g_test_rand_int ());
  r->unit = random_code (CK_VOCAB_UNITS);
  r->replica = g_strdup (g_test_rand_int_range (0, 30) == 0 ? "0123" : "fedcba9876543210fedcba9876543210");
  r->rev = g_test_rand_int_range (0, 30) == 0 ? 0 : g_test_rand_int_range (1, 100);
  r->retracted = g_test_rand_int_range (0, 8) == 0;
  if (r->retracted)
    return r;

  r->year = g_test_rand_int_range (0, 30) == 0 ? 1989 : g_test_rand_int_range (2020, 2027);
  r->quarter = g_test_rand_int_range (0, 30) == 0 ? 5 : g_test_rand_int_range (0, 5);
  r->team = g_test_rand_int_range (0, 3) == 0 ? NULL
            : g_strdup (teams[g_test_rand_int_range (0, 10) == 0 ? g_test_rand_int_range (0, G_N_ELEMENTS (teams)) : 0]);
  r->kind = random_code (CK_VOCAB_KINDS);
  r->channel = maybe_null (random_code (CK_VOCAB_CHANNELS));
  g_strfreev (r->grounds);
  r->grounds = random_codes (CK_VOCAB_GROUNDS);
  g_strfreev (r->manifestations);
  r->manifestations = random_codes (CK_VOCAB_MANIFESTATIONS);
  r->reporter_role = maybe_null (random_code (CK_VOCAB_REPORTER_ROLES));
  r->subject_role = maybe_null (random_code (CK_VOCAB_SUBJECT_ROLES));
  r->subject_is_manager = random_tristate ();
  r->bystanders_present = random_tristate ();
  r->bystanders_intervened = random_tristate ();
  r->triage_route = maybe_null (random_code (CK_VOCAB_ROUTES));
  r->lc_consulted = g_test_rand_bit ();
  r->sensitive = g_test_rand_bit ();
  r->finding = maybe_null (random_code (CK_VOCAB_FINDINGS));
  for (guint i = 0; i < n_measures; i++)
    {
      CkMeasure measure = { random_code (CK_VOCAB_MEASURES), g_test_rand_bit () };

      g_array_append_val (r->measures, measure);
    }
  r->restoration_offered = random_tristate ();
  r->restoration_accepted = random_tristate ();
  r->restoration_completed = random_tristate ();
  r->reporter_left = random_tristate ();
  r->status = random_code (CK_VOCAB_STATUSES);
  r->days_to_triage = random_days ();
  r->days_to_feedback = random_days ();
  r->days_to_disposal = random_days ();
  return r;
}

/* One byte changed, dropped, added or swapped with the next. */
static char *
mutate (const char *data,
        gsize       len,
        gsize      *out_len)
{
  static const char bytes[] = "\"\\, 019-aAz{}[]:nt_\n\x01\xc3\x7f";
  GString *out = g_string_new_len (data, len);
  gsize at = g_test_rand_int_range (0, len);
  char c = bytes[g_test_rand_int_range (0, sizeof bytes - 1)];

  switch (g_test_rand_int_range (0, 4))
    {
    case 0:
      out->str[at] = c;
      break;
    case 1:
      g_string_erase (out, at, 1);
      break;
    case 2:
      g_string_insert_c (out, at, c);
      break;
    default:
      if (at + 1 < len)
        {
          out->str[at] = data[at + 1];
          out->str[at + 1] = data[at];
        }
    }

  *out_len = out->len;
  return g_string_free (out, FALSE);
}

static void
assert_same_decoding (const char *data,
                      gsize       len)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) general_error = NULL;
  g_autoptr(CkSharedRecord) decoded = ck_record_file_decode (data, len, &error);
  g_autoptr(CkSharedRecord) general = ck_record_file_decode_general (data, len, &general_error);

  if (general == NULL)
    {
      if (decoded != NULL)
        g_error ("Accepted what the general decoder refuses (%s): %.*s", general_error->message, (int) len, data);
      g_assert_cmpstr (error->message, ==, general_error->message);
    }
  else
    {
      g_autoptr(GBytes) a = NULL;
      g_autoptr(GBytes) b = NULL;

      g_assert_nonnull (decoded);
      a = ck_record_file_encode (decoded);
      b = ck_record_file_encode (general);
      g_assert_true (g_bytes_equal (a, b));
    }
}

/* The decoder's fast path for canonical records accepts exactly what the
 * general decoder accepts, and reads the same record. */
static void
test_record_fast_path (void)
{
  guint n_accepted = 0;

  for (guint i = 0; i < 400; i++)
    {
      g_autoptr(CkSharedRecord) record = random_record ();
      g_autoptr(GBytes) bytes = ck_record_file_encode (record);
      g_autoptr(CkSharedRecord) back = NULL;
      gsize len;
      const char *data = g_bytes_get_data (bytes, &len);

      assert_same_decoding (data, len);
      back = ck_record_file_decode (data, len, NULL);
      if (back != NULL)
        {
          g_autoptr(GBytes) again = ck_record_file_encode (back);

          g_assert_true (g_bytes_equal (bytes, again));
          n_accepted++;
        }

      for (guint m = 0; m < 25; m++)
        {
          gsize mutated_len;
          g_autofree char *mutated = mutate (data, len, &mutated_len);

          assert_same_decoding (mutated, mutated_len);
        }
    }

  /* Most of the random records are valid. */
  g_assert_cmpuint (n_accepted, >, 100);
}

static void
test_paths (void)
{
  g_autofree char *path = ck_shared_file_path (CK_SHARED_FILE_RECORD, "AMS", "ff00", "ab12");
  g_autofree char *ref = ck_shared_ref_name ("LE", "ff00");

  g_assert_cmpstr (path, ==, "units/ams/ff00/records/ab/ab12.json");
  g_assert_cmpstr (ref, ==, "units/le/ff00");
  g_assert_true (ck_shared_id_is_valid ("0123456789abcdef0123456789abcdef"));
  g_assert_false (ck_shared_id_is_valid ("0123456789ABCDEF0123456789abcdef"));
  g_assert_false (ck_shared_id_is_valid ("../../etc/passwd"));
}

static void
set_item (CkQuasiId  *item,
          const char *team,
          int         quarter,
          const char *grounds)
{
  item->team = team;
  item->year = 2025;
  item->quarter = quarter;
  item->grounds = grounds;
  item->reporter_role = "slachtoffer";
  item->subject_role = "collega";
}

static void
test_k_anonymity (void)
{
  CkQuasiId items[17] = { { 0 } };
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func ((GDestroyNotify) ck_privacy_note_free);
  guint n = 0;

  /* Five of one team: published as they are. */
  for (guint i = 0; i < 5; i++)
    set_item (&items[n++], "B01", 1, "herkomst");
  /* Three and two of two teams: together five without the team. */
  for (guint i = 0; i < 3; i++)
    set_item (&items[n++], "B02", 2, "herkomst");
  for (guint i = 0; i < 2; i++)
    set_item (&items[n++], "B03", 2, "herkomst");
  /* Four in Q3 and one in Q4 (no team): five over the year. */
  for (guint i = 0; i < 4; i++)
    set_item (&items[n++], NULL, 3, "leeftijd");
  set_item (&items[n++], NULL, 4, "leeftijd");
  /* Two alone: held back. */
  set_item (&items[n++], "B05", 1, "geslacht");
  set_item (&items[n++], "B05", 1, "geslacht");

  ck_k_anonymity_apply (items, n, 5, notes);

  for (guint i = 0; i < 5; i++)
    g_assert_cmpint (items[i].level, ==, CK_GENERALISE_NONE);
  for (guint i = 5; i < 10; i++)
    g_assert_cmpint (items[i].level, ==, CK_GENERALISE_TEAM);
  for (guint i = 10; i < 15; i++)
    g_assert_cmpint (items[i].level, ==, CK_GENERALISE_YEAR);
  for (guint i = 15; i < 17; i++)
    g_assert_cmpint (items[i].level, ==, CK_GENERALISE_HELD_BACK);

  /* One note per period and level, in words. */
  g_assert_cmpuint (notes->len, ==, 4);
  for (guint i = 0; i < notes->len; i++)
    {
      const CkPrivacyNote *note = notes->pdata[i];
      g_autofree char *text = ck_privacy_note_format (note, 5);

      g_test_message ("%s", text);
      if (note->level == CK_GENERALISE_TEAM)
        {
          g_assert_cmpuint (note->count, ==, 5);
          g_assert_cmpuint (note->n_groups, ==, 2);
          g_assert_nonnull (strstr (text, "without their team"));
        }
      if (note->level == CK_GENERALISE_HELD_BACK)
        {
          g_assert_cmpuint (note->count, ==, 2);
          g_assert_nonnull (strstr (text, "held back"));
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync-files/json-strict", test_json_strict);
  g_test_add_func ("/sync-files/writer-canonical", test_writer_canonical);
  g_test_add_func ("/sync-files/record-round-trip", test_record_round_trip);
  g_test_add_func ("/sync-files/record-fast-path", test_record_fast_path);
  g_test_add_func ("/sync-files/paths", test_paths);
  g_test_add_func ("/sync-files/k-anonymity", test_k_anonymity);

  return g_test_run ();
}
