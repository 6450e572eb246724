/* bench-guidance.c: comparable cases over 1,000,000 records and the
 * overview over 100,000 open cases, against a plain scan
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each figure is printed next to a brute-force scan of the same data in
 * the same run: every case and record read through the register's own
 * functions (ck_register_foreach_case(), ck_shared_store_list()) and
 * judged one by one, as code without the case index would. Both give the
 * same answer; the benchmark checks that before it prints anything.
 *
 * The registers are made once, in the benchmark folder, and kept.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <time.h>

#include "ck-attention.h"
#include "ck-bench-util.h"
#include "ck-case.h"
#include "ck-case-facts.h"
#include "ck-case-index.h"
#include "ck-date.h"
#include "ck-demo.h"
#include "ck-guidance.h"
#include "ck-register.h"
#include "ck-shared-store.h"
#include "ck-similar.h"

#define N_LOCAL     50000
#define N_RECORDS   950000
#define N_OPEN      100000
#define BATCH       50000

static const char * const other_units[] = {
  "DHG", "MNL", "NNL", "NHL", "ONL", "OBR", "RTD", "ZWB", "LIM", "LE", "PDC", "PA",
};

static GDate until;

/* CPU time of the whole process, its threads together: on a machine
 * that others share, what the work costs, apart from waiting for a core. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* An anonymised record of @kase, as synchronisation would publish it. */
static CkSharedRecord *
record_from_case (const CkCase *kase,
                  const char   *unit,
                  guint         n)
{
  CkSharedRecord *record = ck_shared_record_new ();
  g_autofree char *seed = g_strdup_printf ("%s/%u", unit, n);

  record->id = g_compute_checksum_for_string (G_CHECKSUM_MD5, seed, -1);
  record->unit = g_strdup (unit);
  record->replica = g_compute_checksum_for_string (G_CHECKSUM_MD5, unit, -1);
  record->rev = 1;
  record->year = g_date_get_year (&kase->report_date);
  record->quarter = ck_date_get_quarter (&kase->report_date);
  record->team = g_strdup (kase->team);
  record->kind = g_strdup (kase->kind);
  record->channel = g_strdup (kase->channel);
  g_strfreev (record->grounds);
  record->grounds = g_strdupv (kase->grounds);
  g_strfreev (record->manifestations);
  record->manifestations = g_strdupv (kase->manifestations);
  record->reporter_role = g_strdup (kase->reporter_role);
  record->subject_role = g_strdup (kase->subject_role);
  record->subject_is_manager = kase->subject_is_manager;
  record->bystanders_present = kase->bystanders_present;
  record->bystanders_intervened = kase->bystanders_intervened;
  record->triage_route = g_strdup (kase->triage_route);
  record->lc_consulted = kase->lc_consulted;
  record->sensitive = kase->sensitive;
  record->finding = g_strdup (kase->finding);
  for (guint i = 0; i < kase->measures->len; i++)
    {
      const CkMeasure *m = &g_array_index (kase->measures, CkMeasure, i);
      CkMeasure copy = { g_strdup (m->code), m->conditional };

      g_array_append_val (record->measures, copy);
    }
  record->restoration_offered = kase->restoration_offered;
  record->restoration_accepted = kase->restoration_accepted;
  record->restoration_completed = kase->restoration_completed;
  record->reporter_left = kase->reporter_left;
  record->status = g_strdup (kase->status);
  return record;
}

static CkRegister *
open_register (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CkRegister) reg = ck_register_open (path, &error);

  g_assert_no_error (error);
  ck_register_unlock (reg, CK_BENCH_PASSPHRASE, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&reg);
}

/* 50,000 cases of unit AMS and 950,000 records of the twelve other units. */
static char *
ensure_similar_register (void)
{
  char *path = ck_bench_cache_path ("similar-1000000");
  g_autofree char *partial = g_strconcat (path, ".partial", NULL);
  g_autoptr(CkRegister) reg = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GError) error = NULL;
  CkStorage *storage;
  guint made = 0;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return path;

  g_print ("Making %s (once)…\n", path);
  g_unlink (partial);
  reg = ck_register_create (partial, "AMS", CK_BENCH_PASSPHRASE, &error);
  g_assert_no_error (error);
  cases = ck_demo_generate ("AMS", N_LOCAL, 31, &until);
  g_assert_true (ck_register_insert_cases (reg, cases, &error));
  g_assert_no_error (error);
  g_clear_pointer (&cases, g_ptr_array_unref);

  storage = ck_register_acquire (reg);
  g_assert_true (ck_storage_begin (storage, &error));
  for (guint batch = 0; made < N_RECORDS; batch++)
    {
      const char *unit = other_units[batch % G_N_ELEMENTS (other_units)];
      guint n = MIN (BATCH, N_RECORDS - made);
      g_autoptr(GPtrArray) generated = ck_demo_generate (unit, n, 100 + batch, &until);

      for (guint i = 0; i < generated->len; i++)
        {
          g_autoptr(CkSharedRecord) record = record_from_case (generated->pdata[i], unit, made + i);

          g_assert_true (ck_shared_store_put (storage, record, FALSE, &error));
        }
      made += n;
    }
  g_assert_true (ck_storage_commit (storage, &error));
  g_assert_no_error (error);
  ck_register_release (reg);
  g_clear_object (&reg);

  g_assert_true (g_rename (partial, path) == 0);
  return path;
}

/* 100,000 cases still open: demo cases with their disposal taken away. */
static char *
ensure_open_register (void)
{
  char *path = ck_bench_cache_path ("open-100000");
  g_autofree char *partial = g_strconcat (path, ".partial", NULL);
  g_autoptr(CkRegister) reg = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GError) error = NULL;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return path;

  g_print ("Making %s (once)…\n", path);
  g_unlink (partial);
  reg = ck_register_create (partial, "RTD", CK_BENCH_PASSPHRASE, &error);
  g_assert_no_error (error);
  cases = ck_demo_generate ("RTD", N_OPEN, 41, &until);
  for (guint i = 0; i < cases->len; i++)
    {
      CkCase *kase = cases->pdata[i];

      g_date_clear (&kase->disposal_date, 1);
      g_date_clear (&kase->outcome_informed_date, 1);
      g_clear_pointer (&kase->finding, g_free);
      g_array_set_size (kase->measures, 0);
      kase->restoration_offered = kase->restoration_accepted = kase->restoration_completed = CK_TRISTATE_UNKNOWN;
      kase->lesson_considered = FALSE;
      g_free (kase->status);
      kase->status = g_strdup (ck_date_is_set (&kase->triage_date) ? "in_behandeling" : "nieuw");
    }
  g_assert_true (ck_register_insert_cases (reg, cases, &error));
  g_assert_no_error (error);
  g_clear_object (&reg);

  g_assert_true (g_rename (partial, path) == 0);
  return path;
}

typedef struct
{
  GPtrArray *cases;
} Collected;

static gboolean
collect_case (CkCase   *kase,
              gpointer  user_data)
{
  g_ptr_array_add (((Collected *) user_data)->cases, ck_case_copy (kase));
  return TRUE;
}

typedef struct
{
  guint        score;
  gboolean     own;
  int          year;
  int          quarter;
  gint64       id;
  const char  *key;
} Scanned;

static int
compare_scanned (gconstpointer a,
                 gconstpointer b)
{
  const Scanned *sa = a, *sb = b;

  if (sa->score != sb->score)
    return sa->score > sb->score ? -1 : 1;
  if (sa->own != sb->own)
    return sa->own ? -1 : 1;
  if (sa->year != sb->year)
    return sa->year > sb->year ? -1 : 1;
  if (sa->quarter != sb->quarter)
    return sa->quarter > sb->quarter ? -1 : 1;
  if (sa->own)
    return sa->id < sb->id ? -1 : sa->id > sb->id;
  return strcmp (sa->key, sb->key);
}

/* The brute-force scan: read every case and record through the store's
 * functions, score each, sort them all. Returns its time; checks that it
 * found what the index found. */
static double
scan_similar (CkRegister            *reg,
              const CkCase          *query,
              const CkSimilarResult *expected)
{
  CkSimilarity *similarity = ck_similarity_get_default ();
  Collected collected = { g_ptr_array_new_with_free_func ((GDestroyNotify) ck_case_free) };
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GArray) scanned = g_array_new (FALSE, FALSE, sizeof (Scanned));
  g_autoptr(GError) error = NULL;
  CkSimilarProfile q;
  double start = ck_bench_now_ms ();
  double elapsed;
  CkStorage *storage;
  guint own_total = 0;

  ck_similar_profile_init_from_case (&q, query);
  g_assert_true (ck_register_foreach_case (reg, FALSE, collect_case, &collected, &error));
  storage = ck_register_acquire (reg);
  records = ck_shared_store_list (storage, NULL, &error);
  ck_register_release (reg);
  g_assert_no_error (error);

  for (guint i = 0; i < collected.cases->len; i++)
    {
      const CkCase *kase = collected.cases->pdata[i];
      CkSimilarProfile p;
      Scanned s;

      if (kase->id == query->id || !ck_case_is_closed (kase))
        continue;
      ck_similar_profile_init_from_case (&p, kase);
      s = (Scanned) { ck_similar_score (similarity, &q, &p), TRUE, p.year, p.quarter, kase->id, kase->reference };
      if (s.score >= ck_similarity_get_threshold (similarity))
        {
          g_array_append_val (scanned, s);
          own_total++;
        }
    }

  for (guint i = 0; i < records->len; i++)
    {
      const CkSharedRecord *record = records->pdata[i];
      CkSimilarProfile p;
      Scanned s;

      if (!ck_similar_status_is_closed (record->status))
        continue;
      ck_similar_profile_init_from_record (&p, record);
      s = (Scanned) { ck_similar_score (similarity, &q, &p), FALSE, record->year, record->quarter, 0, record->id };
      if (s.score >= ck_similarity_get_threshold (similarity))
        g_array_append_val (scanned, s);
    }

  g_array_sort (scanned, compare_scanned);
  elapsed = ck_bench_now_ms () - start;

  g_assert_cmpuint (own_total, ==, expected->own.total.value);
  for (guint i = 0; i < expected->matches->len; i++)
    {
      const CkSimilarMatch *match = expected->matches->pdata[i];
      const Scanned *s = &g_array_index (scanned, Scanned, i);

      g_assert_cmpuint (match->score, ==, s->score);
      g_assert_cmpint (match->source == CK_SIMILAR_OWN, ==, s->own);
      if (s->own)
        g_assert_cmpstr (match->reference, ==, s->key);
    }

  g_ptr_array_unref (collected.cases);
  return elapsed;
}

static void
bench_similar (void)
{
  g_autofree char *path = ensure_similar_register ();
  g_autoptr(CkRegister) reg = open_register (path);
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GError) error = NULL;
  CkCaseIndex *index = ck_case_index_get_for_register (reg);
  GRand *rand = g_rand_new_with_seed (5);
  double start, load_ms, change_ms, baseline_ms;
  long rss_before = ck_bench_rss_kb ();
  long rss_index;
  g_autoptr(CkCase) changed = NULL;
  g_autoptr(CkSimilarResult) first = NULL;
  guint comparable = 0;

  start = ck_bench_now_ms ();
  g_assert_true (ck_case_index_update (index, NULL, &error));
  g_assert_no_error (error);
  load_ms = ck_bench_now_ms () - start;
  rss_index = ck_bench_rss_kb () - rss_before;
  g_assert_cmpuint (ck_case_index_get_n_cases (index) + ck_case_index_get_n_records (index), >, 900000);

  /* Thirty cases of the register, each compared with everything. */
  queries = g_ptr_array_new_with_free_func ((GDestroyNotify) ck_case_free);
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *reference = g_strdup_printf ("AMS-%04d-%04d", 2024 + g_rand_int_range (rand, 0, 2),
                                                    g_rand_int_range (rand, 1, 9000));
      CkCase *kase = ck_register_find_case (reg, reference, FALSE, NULL);

      if (kase != NULL)
        g_ptr_array_add (queries, kase);
    }
  g_assert_cmpuint (queries->len, >, 20);

  for (guint i = 0; i < queries->len; i++)
    {
      g_autoptr(CkSimilarResult) result = NULL;
      double ms, cpu;

      start = ck_bench_now_ms ();
      cpu = cpu_ms ();
      result = ck_similar_find (reg, queries->pdata[i], 0, NULL, &error);
      ms = ck_bench_now_ms () - start;
      cpu = cpu_ms () - cpu;
      g_assert_no_error (error);
      g_array_append_val (samples, ms);
      g_array_append_val (cpu_samples, cpu);
      comparable += result->own.total.value;
      if (i == 0)
        first = g_steal_pointer (&result);
    }

  baseline_ms = scan_similar (reg, queries->pdata[0], first);

  /* A change reaches the index through the change log. */
  changed = ck_case_copy (queries->pdata[1]);
  g_date_set_dmy (&changed->last_feedback_date, 1, 9, 2026);
  if (g_date_compare (&changed->last_feedback_date, &changed->report_date) < 0)
    changed->last_feedback_date = changed->report_date;
  g_assert_true (ck_register_save_case (reg, changed, &error));
  g_assert_no_error (error);
  start = ck_bench_now_ms ();
  g_assert_true (ck_case_index_update (index, NULL, &error));
  change_ms = ck_bench_now_ms () - start;

  g_print ("%-46s %13s  %13s  %7s\n", "comparable cases, 1,000,000 records", "case index", "scan", "ratio");
  ck_bench_report ("comparable cases of one case (median of 30)", ck_bench_median (samples), baseline_ms, 50);
  g_print ("%-46s %10.0f×\n", "  faster than the scan", baseline_ms / ck_bench_median (samples));
  ck_bench_report ("  the slowest of them", g_array_index (samples, double, samples->len - 1), -1, 50);
  ck_bench_report ("  CPU time of it", ck_bench_median (cpu_samples), -1, -1);
  ck_bench_report ("  reading the index the first time", load_ms, -1, -1);
  ck_bench_report ("  keeping it current after a saved case", change_ms, -1, -1);
  g_print ("%-46s %10.1f MB\n", "  memory of the index (1,000,000 entries)", rss_index / 1024.0);
  g_print ("%-46s %10u\n", "  comparable own cases per query (mean)", comparable / queries->len);

  g_rand_free (rand);
}

typedef struct
{
  const CkDeadlines *deadlines;
  guint32            today;
  GPtrArray         *items;
} ScanOverview;

static gboolean
judge_case (CkCase   *kase,
            gpointer  user_data)
{
  ScanOverview *scan = user_data;
  CkCaseFacts facts;
  CkStepStatus statuses[CK_N_STEPS];

  ck_case_facts_init_from_case (&facts, kase);
  if (facts.flags & CK_FACT_CLOSED)
    return TRUE;

  ck_guidance_evaluate (scan->deadlines, &facts, scan->today, statuses);
  for (guint s = 0; s < CK_N_STEPS; s++)
    if (statuses[s].state == CK_STEP_STATE_DUE || statuses[s].state == CK_STEP_STATE_OVERDUE)
      {
        CkAttentionItem *item = ck_attention_item_new (CK_ATTENTION_CASE_STEP);

        ck_julian_to_date (statuses[s].due, &item->due);
        item->days_overdue = -statuses[s].days_left;
        item->title = g_strdup (ck_guidance_get_step_label (ck_guidance_get_default (), s));
        item->subject = g_strdup (kase->reference);
        item->case_id = kase->id;
        item->target_id = s;
        g_ptr_array_add (scan->items, item);
      }

  return TRUE;
}

static void
bench_overview (void)
{
  g_autofree char *path = ensure_open_register ();
  g_autoptr(CkRegister) reg = open_register (path);
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) scanned = g_ptr_array_new_with_free_func ((GDestroyNotify) ck_attention_item_free);
  g_autoptr(CkAttentionSet) items = NULL;
  g_autoptr(GArray) cpu_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  CkCaseIndex *index = ck_case_index_get_for_register (reg);
  CkDeadlines deadlines;
  ScanOverview scan;
  double start, load_ms, baseline_ms;
  guint n_items = 0;
  long rss_before = ck_bench_rss_kb ();
  long rss_index, rss_items = 0;

  start = ck_bench_now_ms ();
  g_assert_true (ck_case_index_update (index, NULL, &error));
  g_assert_no_error (error);
  load_ms = ck_bench_now_ms () - start;
  rss_index = ck_bench_rss_kb () - rss_before;
  g_assert_cmpuint (ck_case_index_get_n_cases (index), ==, N_OPEN);

  for (guint i = 0; i < 15; i++)
    {
      double ms, cpu;

      g_clear_pointer (&items, ck_attention_set_unref);
      rss_before = ck_bench_rss_kb ();
      start = ck_bench_now_ms ();
      cpu = cpu_ms ();
      items = ck_guidance_collect_attention (reg, &until, NULL, &error);
      ms = ck_bench_now_ms () - start;
      cpu = cpu_ms () - cpu;
      if (i == 0)
        rss_items = ck_bench_rss_kb () - rss_before;
      g_assert_no_error (error);
      g_array_append_val (samples, ms);
      g_array_append_val (cpu_samples, cpu);
    }

  /* The scan: every case loaded, judged, the items sorted. */
  start = ck_bench_now_ms ();
  ck_guidance_get_deadlines (reg, &deadlines);
  scan = (ScanOverview) { &deadlines, ck_julian_from_date (&until), scanned };
  g_assert_true (ck_register_foreach_case (reg, FALSE, judge_case, &scan, &error));
  g_ptr_array_sort (scanned, ck_attention_item_compare);
  baseline_ms = ck_bench_now_ms () - start;
  n_items = ck_attention_set_get_n_items (items);
  g_assert_cmpuint (scanned->len, ==, n_items);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(CkAttentionItem) a = ck_attention_set_make_item (items, i);
      const CkAttentionItem *b = scanned->pdata[i];

      g_assert_cmpstr (a->subject, ==, b->subject);
      g_assert_cmpint (a->target_id, ==, b->target_id);
      g_assert_cmpint (a->days_overdue, ==, b->days_overdue);
    }

  g_print ("%-46s %13s  %13s  %7s\n", "overview, 100,000 open cases", "case index", "scan", "ratio");
  ck_bench_report ("overdue and due this week (median of 15)", ck_bench_median (samples), baseline_ms, 100);
  g_print ("%-46s %10.0f×\n", "  faster than the scan", baseline_ms / ck_bench_median (samples));
  ck_bench_report ("  CPU time of it", ck_bench_median (cpu_samples), -1, -1);
  ck_bench_report ("  reading the index the first time", load_ms, -1, -1);
  g_print ("%-46s %10.1f MB\n", "  memory of the index (100,000 cases)", rss_index / 1024.0);
  g_print ("%-46s %10u\n", "  items listed", n_items);
  g_print ("%-46s %10.1f MB\n", "  memory of the items", rss_items / 1024.0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_date_clear (&until, 1);
  g_date_set_dmy (&until, 30, 9, 2026);

  /* "overview" or "similar" runs one of the two. */
  if (argc < 2 || g_str_equal (argv[1], "overview"))
    bench_overview ();
  if (argc < 2)
    g_print ("\n");
  if (argc < 2 || g_str_equal (argv[1], "similar"))
    bench_similar ();

  return 0;
}
