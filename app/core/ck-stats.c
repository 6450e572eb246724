/* ck-stats.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "ck-stats.h"

/* The statistics engine: one pass over the rows of the period, the period
 * before it and the same period a year earlier, counting into small
 * arrays; lead times go into histograms of whole days, from which medians
 * and quartiles are exact. Then the tables are made from the counts and,
 * for national figures and exports, protected (ck-stats-grid.c). */

/* Lead times of this many days or more share the last bin. */
#define HIST_SIZE 2048

#define N_MEASURES 2   /* lead times: to triage, to disposal */

enum
{
  KEY_TOTAL = 1,
  KEY_UNIT = 2,
  KEY_GROUND = 3,
  KEY_MANIFESTATION = 4,
  KEY_PERIOD = 5,
  KEY_FINDING = 6,
  KEY_FINDING_TOTAL = 7,
  KEY_LEVEL = 8,
  KEY_LEVEL_TOTAL = 9,
  KEY_CHANNEL = 10,
  KEY_KIND = 11,
};

#define MAKE_KEY(kind, index) ((guint32) (kind) << 16 | (guint32) (index))

struct _CkStatsFigures
{
  GObject         parent_instance;

  CkStatsFilter  *filter;
  CkStatsOptions  options;
  CkStatsSource   source;
  int             window_from[CK_STATS_N_WINDOWS];
  int             window_to[CK_STATS_N_WINDOWS];
  guint           n_units;
  CkStatsKey     *keys;          /* [window][unit], unit 0 all */
  guint           year_only;
  CkStatsTable   *tables[CK_STATS_N_TABLES];
};

G_DEFINE_FINAL_TYPE (CkStatsFigures, ck_stats_figures, G_TYPE_OBJECT)

static void
ck_stats_figures_finalize (GObject *object)
{
  CkStatsFigures *self = (CkStatsFigures *)object;

  g_clear_pointer (&self->filter, ck_stats_filter_free);
  g_free (self->keys);
  for (guint i = 0; i < CK_STATS_N_TABLES; i++)
    g_clear_pointer (&self->tables[i], ck_stats_table_unref);

  G_OBJECT_CLASS (ck_stats_figures_parent_class)->finalize (object);
}

static void
ck_stats_figures_class_init (CkStatsFiguresClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ck_stats_figures_finalize;
}

static void
ck_stats_figures_init (CkStatsFigures *self)
{
}

/* Sets today, the default terms, no protection. */
void
ck_stats_options_init (CkStatsOptions *options)
{
  memset (options, 0, sizeof *options);
  g_date_clear (&options->today, 1);
  g_date_set_time_t (&options->today, time (NULL));
  options->triage_term = CK_STATS_TRIAGE_TERM;
  options->feedback_term = CK_STATS_FEEDBACK_TERM;
  options->disposal_term = CK_STATS_DISPOSAL_TERM;
}

/* What a period's pass counts for the key figures; unit 0 is all units. */
typedef struct
{
  CkStatsKey  key;
  guint32    *hist;          /* N_MEASURES × HIST_SIZE */
} Acc;

typedef struct
{
  const CkStatsOptions *options;
  gint32     today;
  guint      kind_report;
  guint      kind_complaint;
  guint      founded;

  guint      n_units;
  guint      n_grounds;
  guint      n_manifestations;
  guint      n_channels;
  guint      n_kinds;
  guint      n_findings;

  int        window_from[CK_STATS_N_WINDOWS];
  int        window_to[CK_STATS_N_WINDOWS];
  Acc       *acc;            /* [window][unit]; other periods: all units only */
  /* When the period is longer than a year, the same period a year earlier
   * mostly overlaps it: it is counted as this period, less the rows only
   * in this one, plus the rows only in that one. */
  gboolean   derive_year_before;
  Acc        only_current;
  Acc        only_year_before;

  /* The current period in detail. Periods are its quarters, then the
   * years of records known only by their year. */
  int        from;
  guint      n_quarters;
  int        first_year;
  guint      n_years;
  guint      n_periods;
  guint     *period_total;
  guint     *period_ground;
  guint     *period_unit;
  guint     *grounds;
  guint     *manifestations;
  guint     *channels;
  guint     *kinds;
  guint     *kinds_triaged;
  guint     *units;
  guint     *ground_manifestation;
  guint     *unit_ground;
  guint     *findings;
  guint     *ground_finding;
  guint     *unit_finding;
  guint     *levels;
  guint     *ground_level;
  guint     *unit_level;
  guint32   *ground_hist;    /* [ground][measure][day] */
  guint     *pairs;          /* founded: [ground][manifestation] */
  guint     *comparable;     /* founded: [ground][manifestation][unit][level] */
  guint      year_only;
} Scan;

/* The filter as small integers; G_MAXUINT matches nothing. */
typedef struct
{
  guint   unit;
  guint   team;
  guint32 ground;
  guint32 manifestation;
  guint   channel;
  guint   kind;
} Match;

static guint
match_value (CkStatsDim  dim,
             const char *code)
{
  guint value;

  if (code == NULL)
    return 0;

  value = ck_stats_dim_lookup (dim, code);
  return value != 0 ? value : G_MAXUINT;
}

static guint32
match_bit (CkStatsDim  dim,
           const char *code)
{
  guint value = match_value (dim, code);

  if (value == 0)
    return 0;
  if (value == G_MAXUINT)
    return G_MAXUINT32;
  return 1u << (value - 1);
}

static void
init_match (Match               *match,
            CkStatsData         *data,
            const CkStatsFilter *filter)
{
  match->unit = match_value (CK_STATS_DIM_UNIT, filter->unit);
  match->team = 0;
  if (filter->team != NULL)
    {
      match->team = ck_stats_data_lookup_team (data, filter->team);
      if (match->team == 0)
        match->team = G_MAXUINT;
    }
  match->ground = match_bit (CK_STATS_DIM_GROUND, filter->ground);
  match->manifestation = match_bit (CK_STATS_DIM_MANIFESTATION, filter->manifestation);
  match->channel = match_value (CK_STATS_DIM_CHANNEL, filter->channel);
  match->kind = match_value (CK_STATS_DIM_KIND, filter->kind);
}

static inline gboolean
matches (const Match      *match,
         const CkStatsRow *row)
{
  return (match->unit == 0 || match->unit == row->unit) &&
         (match->team == 0 || match->team == row->team) &&
         (match->ground == 0 || (match->ground & row->grounds) != 0) &&
         (match->manifestation == 0 || (match->manifestation & row->manifestations) != 0) &&
         (match->channel == 0 || match->channel == row->channel) &&
         (match->kind == 0 || match->kind == row->kind);
}

static inline gboolean
is_triaged (const CkStatsRow *row)
{
  return row->days_to_triage != CK_STATS_DAYS_NONE || row->route != 0;
}

/* The index of the lowest bit set; g_bit_nth_lsf() loops over the bits. */
static inline guint
lowest_bit (guint32 bits)
{
#if defined(__GNUC__)
  return (guint) __builtin_ctz (bits);
#else
  return (guint) g_bit_nth_lsf (bits, -1);
#endif
}

static inline guint
hist_bin (guint16 days)
{
  return MIN (days, HIST_SIZE - 1);
}

static void
add_key (Scan             *scan,
         Acc              *acc,
         const CkStatsRow *row)
{
  const CkStatsOptions *options = scan->options;
  CkStatsKey *key = &acc->key;
  gboolean triaged = is_triaged (row);
  gboolean anonymous = (row->flags & CK_STATS_ROW_ANONYMOUS) != 0;
  CkTristate answer;

  key->cases++;
  if (row->kind == scan->kind_report || row->kind == scan->kind_complaint)
    {
      key->reports++;
      key->reports_triaged += triaged;
    }

  if (row->days_to_triage != CK_STATS_DAYS_NONE)
    acc->hist[hist_bin (row->days_to_triage)]++;
  if (row->days_to_disposal != CK_STATS_DAYS_NONE)
    acc->hist[HIST_SIZE + hist_bin (row->days_to_disposal)]++;

  /* A reporter is due to have heard once the term has passed; feedback
   * given earlier counts at once. Anonymous reporters cannot be told. */
  if (!anonymous &&
      (row->days_to_feedback != CK_STATS_DAYS_NONE ||
       row->report_day + (gint32) options->feedback_term <= scan->today))
    {
      key->informed_due++;
      key->informed += row->days_to_feedback <= options->feedback_term;
    }

  answer = ck_stats_row_get_answer (row, CK_STATS_RESTORATION_OFFERED);
  if (answer != CK_TRISTATE_UNKNOWN)
    {
      key->offered_known++;
      if (answer == CK_TRISTATE_YES)
        {
          CkTristate accepted = ck_stats_row_get_answer (row, CK_STATS_RESTORATION_ACCEPTED);

          key->offered++;
          key->accepted_known += accepted != CK_TRISTATE_UNKNOWN;
          key->accepted += accepted == CK_TRISTATE_YES;
        }
    }

  answer = ck_stats_row_get_answer (row, CK_STATS_BYSTANDERS_PRESENT);
  if (answer != CK_TRISTATE_UNKNOWN)
    {
      key->present_known++;
      if (answer == CK_TRISTATE_YES)
        {
          CkTristate intervened = ck_stats_row_get_answer (row, CK_STATS_BYSTANDERS_INTERVENED);

          key->present++;
          key->intervened_known += intervened != CK_TRISTATE_UNKNOWN;
          key->intervened += intervened == CK_TRISTATE_YES;
        }
    }

  answer = ck_stats_row_get_answer (row, CK_STATS_REPORTER_LEFT);
  if (answer != CK_TRISTATE_UNKNOWN)
    {
      key->left_known++;
      key->left += answer == CK_TRISTATE_YES;
    }

  if (!(row->flags & CK_STATS_ROW_CLOSED))
    {
      key->open++;
      if (!triaged && row->report_day + (gint32) options->triage_term < scan->today)
        key->past_triage++;
      if (!anonymous && row->days_to_feedback == CK_STATS_DAYS_NONE &&
          row->report_day + (gint32) options->feedback_term < scan->today)
        key->past_feedback++;
      if (row->days_to_disposal == CK_STATS_DAYS_NONE &&
          row->report_day + (gint32) options->disposal_term < scan->today)
        key->past_disposal++;
    }
}

static void
add_detail (Scan             *scan,
            const CkStatsRow *row)
{
  guint n_g = scan->n_grounds;
  guint n_m = scan->n_manifestations;
  guint n_u = scan->n_units + 1;
  guint u = row->unit <= scan->n_units ? row->unit : 0;
  int level = row->sanction_level + 1;
  gboolean founded = scan->founded != 0 && row->finding == scan->founded;
  guint period;

  if (row->flags & CK_STATS_ROW_YEAR_ONLY)
    {
      period = scan->n_quarters + (guint) (ck_stats_quarter_get_year (row->quarter) - scan->first_year);
      scan->year_only++;
    }
  else
    period = (guint) (row->quarter - scan->from);

  scan->period_total[period]++;
  scan->period_unit[period * n_u + u]++;
  scan->units[u]++;
  scan->channels[row->channel <= scan->n_channels ? row->channel : 0]++;
  scan->kinds[row->kind <= scan->n_kinds ? row->kind : 0]++;
  if (is_triaged (row))
    scan->kinds_triaged[row->kind <= scan->n_kinds ? row->kind : 0]++;
  if (row->finding != 0 && row->finding <= scan->n_findings)
    {
      scan->findings[row->finding]++;
      scan->unit_finding[u * (scan->n_findings + 1) + row->finding]++;
    }
  if (level > 0)
    {
      scan->levels[level]++;
      scan->unit_level[u * CK_STATS_N_LEVELS + level]++;
    }

  for (guint32 m_bits = row->manifestations; m_bits != 0; m_bits &= m_bits - 1)
    scan->manifestations[lowest_bit (m_bits)]++;

  for (guint32 g_bits = row->grounds; g_bits != 0; g_bits &= g_bits - 1)
    {
      guint g = lowest_bit (g_bits);
      guint32 *hist = scan->ground_hist + (gsize) g * N_MEASURES * HIST_SIZE;

      scan->grounds[g]++;
      scan->period_ground[period * n_g + g]++;
      scan->unit_ground[u * n_g + g]++;
      if (row->finding != 0 && row->finding <= scan->n_findings)
        scan->ground_finding[g * (scan->n_findings + 1) + row->finding]++;
      if (level > 0)
        scan->ground_level[g * CK_STATS_N_LEVELS + level]++;
      if (row->days_to_triage != CK_STATS_DAYS_NONE)
        hist[hist_bin (row->days_to_triage)]++;
      if (row->days_to_disposal != CK_STATS_DAYS_NONE)
        hist[HIST_SIZE + hist_bin (row->days_to_disposal)]++;

      for (guint32 m_bits = row->manifestations; m_bits != 0; m_bits &= m_bits - 1)
        {
          guint m = lowest_bit (m_bits);

          scan->ground_manifestation[g * n_m + m]++;
          if (founded)
            {
              gsize pair = (gsize) g * n_m + m;

              scan->pairs[pair]++;
              scan->comparable[(pair * n_u + u) * CK_STATS_N_LEVELS + level]++;
            }
        }
    }
}

/* Quantile p of the n values in @hist, as R's type 7: linear between the
 * order statistics around (n − 1) p. */
static double
hist_quantile (const guint32 *hist,
               guint          n,
               double         p)
{
  double h = (n - 1) * p;
  guint k = (guint) floor (h);
  double frac = h - k;
  guint64 seen = 0;
  double low = 0, high = 0;
  gboolean have_low = FALSE;

  for (guint d = 0; d < HIST_SIZE; d++)
    {
      seen += hist[d];
      if (!have_low && seen > k)
        {
          low = d;
          have_low = TRUE;
        }
      if (seen > k + 1 || (seen > k && frac == 0))
        {
          high = d;
          break;
        }
    }

  return low + frac * (high - low);
}

static void
hist_quantiles (const guint32    *hist,
                CkStatsQuantiles *q)
{
  guint n = 0;

  memset (q, 0, sizeof *q);
  for (guint d = 0; d < HIST_SIZE; d++)
    {
      if (hist[d] == 0)
        continue;
      if (n == 0)
        q->min = d;
      q->max = d;
      n += hist[d];
    }

  q->n = n;
  if (n == 0)
    return;

  q->p10 = hist_quantile (hist, n, 0.10);
  q->q1 = hist_quantile (hist, n, 0.25);
  q->median = hist_quantile (hist, n, 0.50);
  q->q3 = hist_quantile (hist, n, 0.75);
  q->p90 = hist_quantile (hist, n, 0.90);
}

static void
scan_init (Scan                 *scan,
           const CkStatsFilter  *filter,
           const CkStatsOptions *options)
{
  int len = ck_stats_filter_get_length (filter);
  guint n_acc;

  scan->options = options;
  scan->today = (gint32) g_date_get_julian (&options->today);
  scan->kind_report = ck_stats_dim_lookup (CK_STATS_DIM_KIND, "melding");
  scan->kind_complaint = ck_stats_dim_lookup (CK_STATS_DIM_KIND, "klacht");
  scan->founded = ck_stats_dim_lookup (CK_STATS_DIM_FINDING, "gegrond");

  scan->n_units = ck_stats_dim_get_size (CK_STATS_DIM_UNIT);
  scan->n_grounds = ck_stats_dim_get_size (CK_STATS_DIM_GROUND);
  scan->n_manifestations = ck_stats_dim_get_size (CK_STATS_DIM_MANIFESTATION);
  scan->n_channels = ck_stats_dim_get_size (CK_STATS_DIM_CHANNEL);
  scan->n_kinds = ck_stats_dim_get_size (CK_STATS_DIM_KIND);
  scan->n_findings = ck_stats_dim_get_size (CK_STATS_DIM_FINDING);

  scan->window_from[CK_STATS_WINDOW_CURRENT] = filter->from;
  scan->window_to[CK_STATS_WINDOW_CURRENT] = filter->to;
  scan->window_from[CK_STATS_WINDOW_PREVIOUS] = filter->from - len;
  scan->window_to[CK_STATS_WINDOW_PREVIOUS] = filter->from - 1;
  scan->window_from[CK_STATS_WINDOW_YEAR_BEFORE] = filter->from - 4;
  scan->window_to[CK_STATS_WINDOW_YEAR_BEFORE] = filter->to - 4;

  n_acc = CK_STATS_N_WINDOWS * (scan->n_units + 1);
  scan->acc = g_new0 (Acc, n_acc);
  for (guint i = 0; i < n_acc; i++)
    scan->acc[i].hist = g_new0 (guint32, N_MEASURES * HIST_SIZE);
  scan->derive_year_before = len > 4;
  scan->only_current.hist = g_new0 (guint32, N_MEASURES * HIST_SIZE);
  scan->only_year_before.hist = g_new0 (guint32, N_MEASURES * HIST_SIZE);

  scan->from = filter->from;
  scan->n_quarters = (guint) len;
  /* Records widened to a year count when the whole year is in the period. */
  scan->first_year = ck_stats_quarter_get_year (filter->from + 3);
  scan->n_years = (guint) MAX (0, ck_stats_quarter_get_year (filter->to + 1) - scan->first_year);
  scan->n_periods = scan->n_quarters + scan->n_years;

  scan->period_total = g_new0 (guint, scan->n_periods);
  scan->period_ground = g_new0 (guint, scan->n_periods * scan->n_grounds);
  scan->period_unit = g_new0 (guint, scan->n_periods * (scan->n_units + 1));
  scan->grounds = g_new0 (guint, scan->n_grounds);
  scan->manifestations = g_new0 (guint, scan->n_manifestations);
  scan->channels = g_new0 (guint, scan->n_channels + 1);
  scan->kinds = g_new0 (guint, scan->n_kinds + 1);
  scan->kinds_triaged = g_new0 (guint, scan->n_kinds + 1);
  scan->units = g_new0 (guint, scan->n_units + 1);
  scan->ground_manifestation = g_new0 (guint, scan->n_grounds * scan->n_manifestations);
  scan->unit_ground = g_new0 (guint, (scan->n_units + 1) * scan->n_grounds);
  scan->findings = g_new0 (guint, scan->n_findings + 1);
  scan->ground_finding = g_new0 (guint, scan->n_grounds * (scan->n_findings + 1));
  scan->unit_finding = g_new0 (guint, (scan->n_units + 1) * (scan->n_findings + 1));
  scan->levels = g_new0 (guint, CK_STATS_N_LEVELS);
  scan->ground_level = g_new0 (guint, scan->n_grounds * CK_STATS_N_LEVELS);
  scan->unit_level = g_new0 (guint, (scan->n_units + 1) * CK_STATS_N_LEVELS);
  scan->ground_hist = g_new0 (guint32, (gsize) scan->n_grounds * N_MEASURES * HIST_SIZE);
  scan->pairs = g_new0 (guint, scan->n_grounds * scan->n_manifestations);
  scan->comparable = g_new0 (guint, (gsize) scan->n_grounds * scan->n_manifestations *
                                    (scan->n_units + 1) * CK_STATS_N_LEVELS);
}

static void
scan_clear (Scan *scan)
{
  for (guint i = 0; i < CK_STATS_N_WINDOWS * (scan->n_units + 1); i++)
    g_free (scan->acc[i].hist);
  g_free (scan->acc);
  g_free (scan->only_current.hist);
  g_free (scan->only_year_before.hist);
  g_free (scan->period_total);
  g_free (scan->period_ground);
  g_free (scan->period_unit);
  g_free (scan->grounds);
  g_free (scan->manifestations);
  g_free (scan->channels);
  g_free (scan->kinds);
  g_free (scan->kinds_triaged);
  g_free (scan->units);
  g_free (scan->ground_manifestation);
  g_free (scan->unit_ground);
  g_free (scan->findings);
  g_free (scan->ground_finding);
  g_free (scan->unit_finding);
  g_free (scan->levels);
  g_free (scan->ground_level);
  g_free (scan->unit_level);
  g_free (scan->ground_hist);
  g_free (scan->pairs);
  g_free (scan->comparable);
}

typedef struct
{
  Scan             *scan;
  const CkStatsRow *rows;
  const Match      *match;
  guint             first;
  guint             end;
} Part;

/* A row of this period counts in its unit's key figures (slot 0 for a
 * unit not known) and in the detail; in the other periods in the key
 * figures of all units only. */
static gpointer
scan_part (gpointer data)
{
  Part *part = data;
  Scan *scan = part->scan;

  for (guint i = part->first; i < part->end; i++)
    {
      const CkStatsRow *row = &part->rows[i];
      int q_first = row->quarter;
      int q_last = row->flags & CK_STATS_ROW_YEAR_ONLY ? q_first + 3 : q_first;
      guint slot = row->unit <= scan->n_units ? row->unit : 0;
      gboolean in[CK_STATS_N_WINDOWS];

      if (!matches (part->match, row))
        continue;

      for (guint w = 0; w < CK_STATS_N_WINDOWS; w++)
        in[w] = q_first >= scan->window_from[w] && q_last <= scan->window_to[w];

      if (in[CK_STATS_WINDOW_CURRENT])
        {
          add_key (scan, &scan->acc[slot], row);
          add_detail (scan, row);
        }
      if (in[CK_STATS_WINDOW_PREVIOUS])
        add_key (scan, &scan->acc[CK_STATS_WINDOW_PREVIOUS * (scan->n_units + 1)], row);
      if (!scan->derive_year_before)
        {
          if (in[CK_STATS_WINDOW_YEAR_BEFORE])
            add_key (scan, &scan->acc[CK_STATS_WINDOW_YEAR_BEFORE * (scan->n_units + 1)], row);
        }
      else if (in[CK_STATS_WINDOW_CURRENT] && !in[CK_STATS_WINDOW_YEAR_BEFORE])
        add_key (scan, &scan->only_current, row);
      else if (in[CK_STATS_WINDOW_YEAR_BEFORE] && !in[CK_STATS_WINDOW_CURRENT])
        add_key (scan, &scan->only_year_before, row);
    }

  return NULL;
}

static void
add_counts (guint       *into,
            const guint *from,
            gsize        n)
{
  for (gsize i = 0; i < n; i++)
    into[i] += from[i];
}

static void
add_acc (Acc       *into,
         const Acc *from)
{
  CkStatsKey *a = &into->key;
  const CkStatsKey *b = &from->key;

  a->cases += b->cases;
  a->reports += b->reports;
  a->reports_triaged += b->reports_triaged;
  a->informed_due += b->informed_due;
  a->informed += b->informed;
  a->offered_known += b->offered_known;
  a->offered += b->offered;
  a->accepted_known += b->accepted_known;
  a->accepted += b->accepted;
  a->present_known += b->present_known;
  a->present += b->present;
  a->intervened_known += b->intervened_known;
  a->intervened += b->intervened;
  a->left_known += b->left_known;
  a->left += b->left;
  a->open += b->open;
  a->past_triage += b->past_triage;
  a->past_feedback += b->past_feedback;
  a->past_disposal += b->past_disposal;
  add_counts (into->hist, from->hist, N_MEASURES * HIST_SIZE);
}

static void
sub_acc (Acc       *into,
         const Acc *from)
{
  CkStatsKey *a = &into->key;
  const CkStatsKey *b = &from->key;

  a->cases -= b->cases;
  a->reports -= b->reports;
  a->reports_triaged -= b->reports_triaged;
  a->informed_due -= b->informed_due;
  a->informed -= b->informed;
  a->offered_known -= b->offered_known;
  a->offered -= b->offered;
  a->accepted_known -= b->accepted_known;
  a->accepted -= b->accepted;
  a->present_known -= b->present_known;
  a->present -= b->present;
  a->intervened_known -= b->intervened_known;
  a->intervened -= b->intervened;
  a->left_known -= b->left_known;
  a->left -= b->left;
  a->open -= b->open;
  a->past_triage -= b->past_triage;
  a->past_feedback -= b->past_feedback;
  a->past_disposal -= b->past_disposal;
  for (gsize i = 0; i < N_MEASURES * HIST_SIZE; i++)
    into->hist[i] -= from->hist[i];
}

/* Adds what @from counted to @into: two halves of the rows. */
static void
scan_merge (Scan       *into,
            const Scan *from)
{
  guint n_u = into->n_units + 1;
  guint n_g = into->n_grounds;
  guint n_m = into->n_manifestations;
  guint n_f = into->n_findings + 1;

  for (guint i = 0; i < CK_STATS_N_WINDOWS * n_u; i++)
    add_acc (&into->acc[i], &from->acc[i]);
  add_acc (&into->only_current, &from->only_current);
  add_acc (&into->only_year_before, &from->only_year_before);

  add_counts (into->period_total, from->period_total, into->n_periods);
  add_counts (into->period_ground, from->period_ground, into->n_periods * n_g);
  add_counts (into->period_unit, from->period_unit, into->n_periods * n_u);
  add_counts (into->grounds, from->grounds, n_g);
  add_counts (into->manifestations, from->manifestations, n_m);
  add_counts (into->channels, from->channels, into->n_channels + 1);
  add_counts (into->kinds, from->kinds, into->n_kinds + 1);
  add_counts (into->kinds_triaged, from->kinds_triaged, into->n_kinds + 1);
  add_counts (into->units, from->units, n_u);
  add_counts (into->ground_manifestation, from->ground_manifestation, n_g * n_m);
  add_counts (into->unit_ground, from->unit_ground, n_u * n_g);
  add_counts (into->findings, from->findings, n_f);
  add_counts (into->ground_finding, from->ground_finding, n_g * n_f);
  add_counts (into->unit_finding, from->unit_finding, n_u * n_f);
  add_counts (into->levels, from->levels, CK_STATS_N_LEVELS);
  add_counts (into->ground_level, from->ground_level, n_g * CK_STATS_N_LEVELS);
  add_counts (into->unit_level, from->unit_level, n_u * CK_STATS_N_LEVELS);
  add_counts (into->ground_hist, from->ground_hist, (gsize) n_g * N_MEASURES * HIST_SIZE);
  add_counts (into->pairs, from->pairs, n_g * n_m);
  add_counts (into->comparable, from->comparable, (gsize) n_g * n_m * n_u * CK_STATS_N_LEVELS);
  into->year_only += from->year_only;
}

/* Below this many rows one thread is quicker than two. */
#define SPLIT_ROWS 150000

static void
scan_rows (Scan                 *scan,
           CkStatsData          *data,
           const CkStatsFilter  *filter,
           const CkStatsOptions *options)
{
  const CkStatsRow *rows;
  guint n_rows, first, end;
  int scan_from = MIN (scan->window_from[CK_STATS_WINDOW_PREVIOUS],
                       scan->window_from[CK_STATS_WINDOW_YEAR_BEFORE]);
  Match match;
  Part part;

  init_match (&match, data, filter);
  rows = ck_stats_data_get_rows (data, &n_rows);
  ck_stats_data_get_range (data, scan_from, filter->to, &first, &end);

  part = (Part) { scan, rows, &match, first, end };
  if (end - first >= SPLIT_ROWS && g_get_num_processors () > 1)
    {
      /* Two halves on two processors, added up after. */
      Scan other = { 0 };
      Part second;
      GThread *thread;

      scan_init (&other, filter, options);
      part.end = first + (end - first) / 2;
      second = (Part) { &other, rows, &match, part.end, end };
      thread = g_thread_new ("ck-stats-scan", scan_part, &second);
      scan_part (&part);
      g_thread_join (thread);
      scan_merge (scan, &other);
      scan_clear (&other);
    }
  else
    scan_part (&part);

  /* Slot 0 becomes all units: the unknown ones and every unit's. */
  for (guint u = 1; u <= scan->n_units; u++)
    add_acc (&scan->acc[0], &scan->acc[u]);

  if (scan->derive_year_before)
    {
      Acc *year_before = &scan->acc[CK_STATS_WINDOW_YEAR_BEFORE * (scan->n_units + 1)];

      add_acc (year_before, &scan->acc[0]);
      sub_acc (year_before, &scan->only_current);
      add_acc (year_before, &scan->only_year_before);
    }
}

/* Small-cell protection: the grids of every table published together, and
 * where each grid cell's state goes. */
typedef struct
{
  CkStatsGrid *grid;
  guint        row;
  guint        col;
  CkStatsCell *cell;
  gboolean     other;
} Link;

typedef struct
{
  gboolean   protect;
  GPtrArray *grids;
  GArray    *links;
} Protector;

static CkStatsGrid *
protector_add (Protector        *p,
               guint             n_rows,
               guint             n_cols,
               CkStatsGridFlags  flags)
{
  CkStatsGrid *grid;

  if (!p->protect)
    return NULL;

  grid = ck_stats_grid_new (n_rows, n_cols, flags);
  g_ptr_array_add (p->grids, grid);
  return grid;
}

static void
protector_link (Protector   *p,
                CkStatsGrid *grid,
                guint        row,
                guint        col,
                CkStatsCell *cell,
                gboolean     other)
{
  Link link = { grid, row, col, cell, other };

  if (grid != NULL)
    g_array_append_val (p->links, link);
}

static void
protector_run (Protector *p)
{
  if (!p->protect)
    return;

  ck_stats_protect ((CkStatsGrid **) p->grids->pdata, p->grids->len);
  for (guint i = 0; i < p->links->len; i++)
    {
      Link *link = &g_array_index (p->links, Link, i);
      CkStatsCellState state = ck_stats_grid_get_state (link->grid, link->row, link->col);

      if (link->other)
        link->cell->other_state = state;
      else
        link->cell->state = state;
    }
}

/* A table of counts with optional totals, filled from dense arrays and
 * protected as one grid. Totals are what people see (cases counted once);
 * the grid reasons with the sums of the cells. */
typedef struct
{
  guint              n_rows;
  guint              n_cols;
  const guint       *values;        /* n_rows × n_cols */
  const guint       *row_totals;    /* NULL: no total column */
  const guint       *col_totals;    /* NULL: no total row */
  guint              grand;
  const guint32     *row_keys;
  const guint32     *col_keys;
  guint32            grand_key;
  CkStatsGridFlags   flags;
  guint              n_periods;     /* ROWS_ARE_PERIODS: rows that are quarters */
} Counts;

static void
fill_counts (CkStatsTable *table,
             const Counts *counts,
             Protector    *p)
{
  gboolean total_col = counts->row_totals != NULL;
  gboolean total_row = counts->col_totals != NULL;
  CkStatsGridFlags flags = counts->flags |
                           (total_col ? CK_STATS_GRID_ROW_TOTALS : 0) |
                           (total_row ? CK_STATS_GRID_COLUMN_TOTALS : 0) |
                           (total_col && total_row ? CK_STATS_GRID_GRAND_TOTAL : 0);
  CkStatsGrid *grid = protector_add (p, counts->n_rows, counts->n_cols, flags);

  /* Years of records known only by year are no quarters of the trend. */
  if (grid != NULL && (flags & CK_STATS_GRID_ROWS_ARE_PERIODS))
    ck_stats_grid_set_n_periods (grid, MIN (counts->n_periods, counts->n_rows));

  for (guint r = 0; r < counts->n_rows; r++)
    for (guint c = 0; c < counts->n_cols; c++)
      {
        CkStatsCell *cell = ck_stats_table_get_cell (table, r, c);

        cell->kind = CK_STATS_VALUE_COUNT;
        cell->count = counts->values[r * counts->n_cols + c];
        if (grid != NULL)
          ck_stats_grid_set (grid, r, c, cell->count);
        protector_link (p, grid, r, c, cell, FALSE);
      }

  if (total_col)
    for (guint r = 0; r < counts->n_rows; r++)
      {
        CkStatsCell *cell = ck_stats_table_get_cell (table, r, counts->n_cols);

        cell->kind = CK_STATS_VALUE_COUNT;
        cell->count = counts->row_totals[r];
        if (grid != NULL)
          {
            ck_stats_grid_set_shown (grid, r, counts->n_cols, cell->count);
            if (counts->row_keys != NULL)
              ck_stats_grid_set_key (grid, r, counts->n_cols, counts->row_keys[r]);
          }
        protector_link (p, grid, r, counts->n_cols, cell, FALSE);
      }

  if (total_row)
    for (guint c = 0; c < counts->n_cols; c++)
      {
        CkStatsCell *cell = ck_stats_table_get_cell (table, counts->n_rows, c);

        cell->kind = CK_STATS_VALUE_COUNT;
        cell->count = counts->col_totals[c];
        if (grid != NULL)
          {
            ck_stats_grid_set_shown (grid, counts->n_rows, c, cell->count);
            if (counts->col_keys != NULL)
              ck_stats_grid_set_key (grid, counts->n_rows, c, counts->col_keys[c]);
          }
        protector_link (p, grid, counts->n_rows, c, cell, FALSE);
      }

  if (total_row && total_col)
    {
      CkStatsCell *cell = ck_stats_table_get_cell (table, counts->n_rows, counts->n_cols);

      cell->kind = CK_STATS_VALUE_COUNT;
      cell->count = counts->grand;
      if (grid != NULL)
        {
          ck_stats_grid_set_shown (grid, counts->n_rows, counts->n_cols, cell->count);
          ck_stats_grid_set_key (grid, counts->n_rows, counts->n_cols, counts->grand_key);
        }
      protector_link (p, grid, counts->n_rows, counts->n_cols, cell, FALSE);
    }
}

/* Returns: the values (1-based) of @dim whose count in @counts (indexed
 * 0-based when @zero_based, else by value) is not zero */
static GArray *
present_values (const guint *counts,
                guint        n,
                gboolean     zero_based)
{
  GArray *values = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint v = zero_based ? 0 : 1; v < n + (zero_based ? 0 : 1); v++)
    if (counts[v] > 0)
      {
        guint value = zero_based ? v + 1 : v;

        g_array_append_val (values, value);
      }

  return values;
}

static void
set_dim_header (CkStatsHeader *header,
                CkStatsDim     dim,
                guint          value)
{
  ck_stats_table_set_header (header, ck_stats_dim_get_label (dim, value),
                             ck_stats_dim_get_code (dim, value), dim, value);
}

static void
set_total_header (CkStatsHeader *header,
                  const char    *label)
{
  ck_stats_table_set_header (header, label, "total", CK_STATS_DIM_NONE, 0);
  header->total = TRUE;
}

static void
set_period_header (Scan          *scan,
                   CkStatsHeader *header,
                   guint          period)
{
  if (period < scan->n_quarters)
    {
      int quarter = scan->from + (int) period;
      g_autofree char *label = ck_stats_quarter_to_label (quarter);
      g_autofree char *code = ck_stats_quarter_to_code (quarter);

      ck_stats_table_set_header (header, label, code, CK_STATS_DIM_QUARTER, (guint) quarter);
    }
  else
    {
      int year = scan->first_year + (int) (period - scan->n_quarters);
      g_autofree char *code = g_strdup_printf ("%04d", year);
      /* Translators: a row of records whose period was widened to the
       * whole year to protect small groups; %d is the year. */
      g_autofree char *label = g_strdup_printf (_("%d (year only)"), year);

      ck_stats_table_set_header (header, label, code, CK_STATS_DIM_QUARTER,
                                 (guint) ck_stats_quarter_make (year, 1));
      header->year_only = TRUE;
    }
}

/* Returns: the periods to show: every quarter, and the years of records
 * known only by their year when there are any */
static GArray *
list_periods (Scan *scan)
{
  GArray *periods = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint p = 0; p < scan->n_periods; p++)
    if (p < scan->n_quarters || scan->period_total[p] > 0)
      g_array_append_val (periods, p);

  return periods;
}

static const char *
ground_note (void)
{
  return _("A case with several grounds counts once for each of its grounds; "
           "the totals count every case once.");
}

/* Rows: periods; columns: the grounds with cases. */
static CkStatsTable *
build_quarter_ground (Scan      *scan,
                      Protector *p)
{
  g_autoptr(GArray) grounds = present_values (scan->grounds, scan->n_grounds, TRUE);
  g_autoptr(GArray) periods = list_periods (scan);
  guint n_rows = periods->len, n_cols = grounds->len;
  CkStatsTable *table = ck_stats_table_new (CK_STATS_TABLE_QUARTER_GROUND, "cases-per-quarter",
                                            n_rows + 1, n_cols + 1);
  g_autofree guint *values = g_new0 (guint, MAX (n_rows * n_cols, 1));
  g_autofree guint *row_totals = g_new0 (guint, MAX (n_rows, 1));
  g_autofree guint *col_totals = g_new0 (guint, MAX (n_cols, 1));
  g_autofree guint32 *row_keys = g_new0 (guint32, MAX (n_rows, 1));
  g_autofree guint32 *col_keys = g_new0 (guint32, MAX (n_cols, 1));
  Counts counts = { n_rows, n_cols, values, row_totals, col_totals, 0,
                    row_keys, col_keys, MAKE_KEY (KEY_TOTAL, 0), CK_STATS_GRID_ROWS_ARE_PERIODS,
                    scan->n_quarters };

  table->title = g_strdup (_("Cases per quarter by ground"));
  table->row_title = g_strdup (_("Quarter"));
  table->note = g_strdup (ground_note ());

  for (guint r = 0; r < n_rows; r++)
    {
      guint period = g_array_index (periods, guint, r);

      set_period_header (scan, &table->rows[r], period);
      row_totals[r] = scan->period_total[period];
      row_keys[r] = MAKE_KEY (KEY_PERIOD, period);
      counts.grand += row_totals[r];
    }
  set_total_header (&table->rows[n_rows], _("Total"));

  for (guint c = 0; c < n_cols; c++)
    {
      guint g = g_array_index (grounds, guint, c);

      set_dim_header (&table->columns[c], CK_STATS_DIM_GROUND, g);
      col_totals[c] = scan->grounds[g - 1];
      col_keys[c] = MAKE_KEY (KEY_GROUND, g);
      for (guint r = 0; r < n_rows; r++)
        values[r * n_cols + c] = scan->period_ground[g_array_index (periods, guint, r) * scan->n_grounds + g - 1];
    }
  set_total_header (&table->columns[n_cols], _("Cases"));

  fill_counts (table, &counts, p);
  return table;
}

/* Rows: periods; columns: the units with records. */
static CkStatsTable *
build_quarter_unit (Scan      *scan,
                    Protector *p)
{
  g_autoptr(GArray) units = present_values (scan->units, scan->n_units, FALSE);
  g_autoptr(GArray) periods = list_periods (scan);
  guint n_rows = periods->len, n_cols = units->len;
  guint n_u = scan->n_units + 1;
  CkStatsTable *table = ck_stats_table_new (CK_STATS_TABLE_QUARTER_UNIT, "cases-per-quarter-by-unit",
                                            n_rows + 1, n_cols + 1);
  g_autofree guint *values = g_new0 (guint, MAX (n_rows * n_cols, 1));
  g_autofree guint *row_totals = g_new0 (guint, MAX (n_rows, 1));
  g_autofree guint *col_totals = g_new0 (guint, MAX (n_cols, 1));
  g_autofree guint32 *row_keys = g_new0 (guint32, MAX (n_rows, 1));
  g_autofree guint32 *col_keys = g_new0 (guint32, MAX (n_cols, 1));
  Counts counts = { n_rows, n_cols, values, row_totals, col_totals, 0,
                    row_keys, col_keys, MAKE_KEY (KEY_TOTAL, 0), CK_STATS_GRID_ROWS_ARE_PERIODS,
                    scan->n_quarters };

  table->title = g_strdup (_("Cases per quarter by unit"));
  table->row_title = g_strdup (_("Quarter"));

  for (guint c = 0; c < n_cols; c++)
    {
      guint u = g_array_index (units, guint, c);

      set_dim_header (&table->columns[c], CK_STATS_DIM_UNIT, u);
      col_totals[c] = scan->units[u];
      col_keys[c] = MAKE_KEY (KEY_UNIT, u);
      for (guint r = 0; r < n_rows; r++)
        {
          values[r * n_cols + c] = scan->period_unit[g_array_index (periods, guint, r) * n_u + u];
          row_totals[r] += values[r * n_cols + c];
        }
    }
  for (guint r = 0; r < n_rows; r++)
    {
      guint period = g_array_index (periods, guint, r);

      set_period_header (scan, &table->rows[r], period);
      row_keys[r] = MAKE_KEY (KEY_PERIOD, period);
      counts.grand += row_totals[r];
    }
  set_total_header (&table->rows[n_rows], _("Total"));
  set_total_header (&table->columns[n_cols], _("Cases"));

  fill_counts (table, &counts, p);
  return table;
}

static CkStatsTable *
build_ground_manifestation (Scan      *scan,
                            Protector *p)
{
  g_autoptr(GArray) grounds = present_values (scan->grounds, scan->n_grounds, TRUE);
  g_autoptr(GArray) manifestations = present_values (scan->manifestations, scan->n_manifestations, TRUE);
  guint n_rows = grounds->len, n_cols = manifestations->len;
  CkStatsTable *table = ck_stats_table_new (CK_STATS_TABLE_GROUND_MANIFESTATION, "grounds-manifestations",
                                            n_rows + 1, n_cols + 1);
  g_autofree guint *values = g_new0 (guint, MAX (n_rows * n_cols, 1));
  g_autofree guint *row_totals = g_new0 (guint, MAX (n_rows, 1));
  g_autofree guint *col_totals = g_new0 (guint, MAX (n_cols, 1));
  g_autofree guint32 *row_keys = g_new0 (guint32, MAX (n_rows, 1));
  g_autofree guint32 *col_keys = g_new0 (guint32, MAX (n_cols, 1));
  Counts counts = { n_rows, n_cols, values, row_totals, col_totals, 0,
                    row_keys, col_keys, MAKE_KEY (KEY_TOTAL, 0), 0 };

  table->title = g_strdup (_("Grounds and manifestations"));
  table->row_title = g_strdup (_("Ground"));
  table->note = g_strdup (_("A case counts once for each combination of its grounds and manifestations; "
                            "the totals count every case once."));

  counts.grand = scan->acc[0].key.cases;

  for (guint r = 0; r < n_rows; r++)
    {
      guint g = g_array_index (grounds, guint, r);

      set_dim_header (&table->rows[r], CK_STATS_DIM_GROUND, g);
      row_totals[r] = scan->grounds[g - 1];
      row_keys[r] = MAKE_KEY (KEY_GROUND, g);
      for (guint c = 0; c < n_cols; c++)
        values[r * n_cols + c] = scan->ground_manifestation[(g - 1) * scan->n_manifestations +
                                                            g_array_index (manifestations, guint, c) - 1];
    }
  for (guint c = 0; c < n_cols; c++)
    {
      guint m = g_array_index (manifestations, guint, c);

      set_dim_header (&table->columns[c], CK_STATS_DIM_MANIFESTATION, m);
      col_totals[c] = scan->manifestations[m - 1];
      col_keys[c] = MAKE_KEY (KEY_MANIFESTATION, m);
    }
  set_total_header (&table->rows[n_rows], _("Total"));
  set_total_header (&table->columns[n_cols], _("Cases"));

  fill_counts (table, &counts, p);
  return table;
}

static CkStatsTable *
build_unit_ground (Scan      *scan,
                   Protector *p)
{
  g_autoptr(GArray) units = present_values (scan->units, scan->n_units, FALSE);
  g_autoptr(GArray) grounds = present_values (scan->grounds, scan->n_grounds, TRUE);
  guint n_rows = units->len, n_cols = grounds->len;
  CkStatsTable *table = ck_stats_table_new (CK_STATS_TABLE_UNIT_GROUND, "units-grounds",
                                            n_rows + 1, n_cols + 1);
  g_autofree guint *values = g_new0 (guint, MAX (n_rows * n_cols, 1));
  g_autofree guint *row_totals = g_new0 (guint, MAX (n_rows, 1));
  g_autofree guint *col_totals = g_new0 (guint, MAX (n_cols, 1));
  g_autofree guint32 *row_keys = g_new0 (guint32, MAX (n_rows, 1));
  g_autofree guint32 *col_keys = g_new0 (guint32, MAX (n_cols, 1));
  Counts counts = { n_rows, n_cols, values, row_totals, col_totals, 0,
                    row_keys, col_keys, MAKE_KEY (KEY_TOTAL, 0), 0 };

  table->title = g_strdup (_("Units and grounds"));
  table->row_title = g_strdup (_("Unit"));
  table->note = g_strdup (ground_note ());

  for (guint r = 0; r < n_rows; r++)
    {
      guint u = g_array_index (units, guint, r);

      set_dim_header (&table->rows[r], CK_STATS_DIM_UNIT, u);
      row_totals[r] = scan->units[u];
      row_keys[r] = MAKE_KEY (KEY_UNIT, u);
      counts.grand += row_totals[r];
      for (guint c = 0; c < n_cols; c++)
        values[r * n_cols + c] = scan->unit_ground[u * scan->n_grounds + g_array_index (grounds, guint, c) - 1];
    }
  for (guint c = 0; c < n_cols; c++)
    {
      guint g = g_array_index (grounds, guint, c);

      set_dim_header (&table->columns[c], CK_STATS_DIM_GROUND, g);
      for (guint r = 0; r < n_rows; r++)
        col_totals[c] += values[r * n_cols + c];
      col_keys[c] = MAKE_KEY (KEY_GROUND, g);
    }
  set_total_header (&table->rows[n_rows], _("Total"));
  set_total_header (&table->columns[n_cols], _("Cases"));

  fill_counts (table, &counts, p);
  return table;
}

/* Findings (or sanction levels) by ground or unit: each case has one
 * finding, so a row's total is the sum of its cells. */
static CkStatsTable *
build_outcome (Scan           *scan,
               Protector      *p,
               CkStatsTableId  id,
               gboolean        by_unit,
               gboolean        levels)
{
  static const char * const names[] = {
    "findings-by-ground", "sanction-levels-by-ground", "findings-by-unit", "sanction-levels-by-unit"
  };
  CkStatsDim col_dim = levels ? CK_STATS_DIM_LEVEL : CK_STATS_DIM_FINDING;
  guint width = levels ? CK_STATS_N_LEVELS : scan->n_findings + 1;
  const guint *matrix = by_unit ? (levels ? scan->unit_level : scan->unit_finding)
                                : (levels ? scan->ground_level : scan->ground_finding);
  const guint *col_all = levels ? scan->levels : scan->findings;
  g_autoptr(GArray) row_values = by_unit ? present_values (scan->units, scan->n_units, FALSE)
                                         : present_values (scan->grounds, scan->n_grounds, TRUE);
  g_autoptr(GArray) col_values = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree guint *values = NULL;
  g_autofree guint *row_totals = NULL;
  g_autofree guint *col_totals = NULL;
  g_autofree guint32 *col_keys = NULL;
  CkStatsTable *table;
  guint n_rows, n_cols;
  Counts counts;

  for (guint v = 1; v < width; v++)
    if (col_all[v] > 0)
      g_array_append_val (col_values, v);

  /* Rows of units have their index in the matrix; rows of grounds one less. */
  n_rows = row_values->len;
  n_cols = col_values->len;
  table = ck_stats_table_new (id, names[(by_unit ? 2 : 0) + (levels ? 1 : 0)], n_rows + 1, n_cols + 1);
  values = g_new0 (guint, MAX (n_rows * n_cols, 1));
  row_totals = g_new0 (guint, MAX (n_rows, 1));
  col_totals = g_new0 (guint, MAX (n_cols, 1));
  col_keys = g_new0 (guint32, MAX (n_cols, 1));

  for (guint r = 0; r < n_rows; r++)
    {
      guint v = g_array_index (row_values, guint, r);
      guint index = by_unit ? v : v - 1;

      set_dim_header (&table->rows[r], by_unit ? CK_STATS_DIM_UNIT : CK_STATS_DIM_GROUND, v);
      for (guint c = 0; c < n_cols; c++)
        {
          values[r * n_cols + c] = matrix[index * width + g_array_index (col_values, guint, c)];
          row_totals[r] += values[r * n_cols + c];
        }
    }
  for (guint c = 0; c < n_cols; c++)
    {
      guint v = g_array_index (col_values, guint, c);

      set_dim_header (&table->columns[c], col_dim, v);
      col_totals[c] = col_all[v];
      col_keys[c] = MAKE_KEY (levels ? KEY_LEVEL : KEY_FINDING, v);
    }

  counts = (Counts) { n_rows, n_cols, values, row_totals, col_totals, 0,
                      NULL, col_keys, MAKE_KEY (levels ? KEY_LEVEL_TOTAL : KEY_FINDING_TOTAL, 0), 0 };
  for (guint c = 0; c < n_cols; c++)
    counts.grand += col_totals[c];

  if (levels)
    {
      table->title = g_strdup (by_unit ? _("Sanction level by unit") : _("Sanction level by ground"));
      table->note = g_strdup (by_unit
                              ? _("The sanction level of a case is the severity of its heaviest measure, "
                                  "from 0 (no measure) to 12 (dismissal); cases with measures recorded.")
                              : _("The sanction level of a case is the severity of its heaviest measure, "
                                  "from 0 (no measure) to 12 (dismissal); cases with measures recorded. "
                                  "A case with several grounds counts once for each of its grounds; "
                                  "the totals count every case once."));
    }
  else
    {
      table->title = g_strdup (by_unit ? _("Findings by unit") : _("Findings by ground"));
      table->note = g_strdup (by_unit
                              ? _("Cases with a finding recorded.")
                              : _("Cases with a finding recorded. A case with several grounds counts once "
                                  "for each of its grounds; the totals count every case once."));
    }
  table->row_title = g_strdup (by_unit ? _("Unit") : _("Ground"));
  set_total_header (&table->rows[n_rows], _("Total"));
  set_total_header (&table->columns[n_cols], levels ? _("With measures") : _("With a finding"));

  fill_counts (table, &counts, p);
  return table;
}

/* One column of a table by row: a count per row and a total. */
static CkStatsGrid *
count_column (CkStatsTable  *table,
              Protector     *p,
              guint          col,
              const guint   *counts,
              guint          n,
              const guint32 *keys,
              guint32        total_key,
              gboolean       other)
{
  CkStatsGrid *grid = protector_add (p, n, 1, CK_STATS_GRID_COLUMN_TOTALS);
  const CkStatsCell *total_cell = ck_stats_table_get_cell (table, n, col);
  guint total = 0;

  for (guint r = 0; r < n; r++)
    {
      if (grid != NULL)
        {
          ck_stats_grid_set (grid, r, 0, counts[r]);
          if (keys != NULL)
            ck_stats_grid_set_key (grid, r, 0, keys[r]);
        }
      protector_link (p, grid, r, 0, ck_stats_table_get_cell (table, r, col), other);
      total += counts[r];
    }

  /* The total people see may count a case once where the rows count it
   * once per ground. */
  if (grid != NULL)
    {
      guint shown = other ? total_cell->base - total_cell->count : total_cell->count;

      ck_stats_grid_set_shown (grid, n, 0, MIN (shown, total));
      if (total_key != 0)
        ck_stats_grid_set_key (grid, n, 0, total_key);
    }
  protector_link (p, grid, n, 0, ck_stats_table_get_cell (table, n, col), other);
  return grid;
}

static CkStatsTable *
build_channels (Scan      *scan,
                Protector *p)
{
  g_autoptr(GArray) channels = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree guint *counts = NULL;
  g_autofree guint32 *keys = NULL;
  CkStatsTable *table;
  guint n;

  /* Channels with cases, then "not recorded". */
  for (guint v = 1; v <= scan->n_channels; v++)
    if (scan->channels[v] > 0)
      g_array_append_val (channels, v);
  if (scan->channels[0] > 0)
    {
      guint none = 0;

      g_array_append_val (channels, none);
    }

  n = channels->len;
  table = ck_stats_table_new (CK_STATS_TABLE_CHANNEL, "channels", n + 1, 1);
  table->title = g_strdup (_("Cases by channel"));
  table->row_title = g_strdup (_("Channel"));
  counts = g_new0 (guint, MAX (n, 1));
  keys = g_new0 (guint32, MAX (n, 1));

  for (guint r = 0; r < n; r++)
    {
      guint v = g_array_index (channels, guint, r);
      CkStatsCell *cell = ck_stats_table_get_cell (table, r, 0);

      set_dim_header (&table->rows[r], CK_STATS_DIM_CHANNEL, v);
      counts[r] = scan->channels[v];
      keys[r] = MAKE_KEY (KEY_CHANNEL, v);
      cell->count = counts[r];
    }
  set_total_header (&table->rows[n], _("Total"));
  ck_stats_table_get_cell (table, n, 0)->count = scan->acc[0].key.cases;
  ck_stats_table_set_header (&table->columns[0], _("Cases"), "cases", CK_STATS_DIM_NONE, 0);

  count_column (table, p, 0, counts, n, keys, MAKE_KEY (KEY_TOTAL, 0), FALSE);
  return table;
}

static void
set_share (CkStatsCell *cell,
           guint        count,
           guint        base)
{
  cell->kind = CK_STATS_VALUE_SHARE;
  cell->count = count;
  cell->base = base;
  cell->value = base > 0 ? (double) count / base : 0;
}

/* Kinds by whether they reached triage: one grid of kinds × (reached, did
 * not), as the cases and the share shown together reveal both. */
static CkStatsTable *
build_kinds (Scan      *scan,
             Protector *p)
{
  g_autoptr(GArray) kinds = present_values (scan->kinds, scan->n_kinds, FALSE);
  guint n = kinds->len;
  CkStatsTable *table = ck_stats_table_new (CK_STATS_TABLE_KIND, "kinds", n + 1, 3);
  CkStatsGrid *grid = protector_add (p, n, 2, CK_STATS_GRID_ROW_TOTALS | CK_STATS_GRID_COLUMN_TOTALS |
                                              CK_STATS_GRID_GRAND_TOTAL);
  guint all_triaged = 0;

  table->title = g_strdup (_("Cases by kind and triage"));
  table->row_title = g_strdup (_("Kind"));
  ck_stats_table_set_header (&table->columns[0], _("Cases"), "cases", CK_STATS_DIM_NONE, 0);
  ck_stats_table_set_header (&table->columns[1], _("Reached triage"), "triaged", CK_STATS_DIM_NONE, 0);
  table->columns[1].select = CK_STATS_SELECT_TRIAGED;
  ck_stats_table_set_header (&table->columns[2], _("Share reached triage"), "triaged-share", CK_STATS_DIM_NONE, 0);
  table->columns[2].select = CK_STATS_SELECT_TRIAGED;

  for (guint r = 0; r <= n; r++)
    {
      guint v = r < n ? g_array_index (kinds, guint, r) : 0;
      guint cases = r < n ? scan->kinds[v] : scan->acc[0].key.cases;
      guint triaged = r < n ? scan->kinds_triaged[v] : all_triaged;

      if (r < n)
        {
          set_dim_header (&table->rows[r], CK_STATS_DIM_KIND, v);
          all_triaged += triaged;
          if (grid != NULL)
            {
              ck_stats_grid_set (grid, r, 0, triaged);
              ck_stats_grid_set (grid, r, 1, cases - triaged);
              ck_stats_grid_set_key (grid, r, 2, MAKE_KEY (KEY_KIND, v));
            }
        }
      else
        {
          set_total_header (&table->rows[r], _("Total"));
          if (grid != NULL)
            ck_stats_grid_set_key (grid, r, 2, MAKE_KEY (KEY_TOTAL, 0));
        }

      ck_stats_table_get_cell (table, r, 0)->count = cases;
      ck_stats_table_get_cell (table, r, 1)->count = triaged;
      set_share (ck_stats_table_get_cell (table, r, 2), triaged, cases);
      protector_link (p, grid, r, 2, ck_stats_table_get_cell (table, r, 0), FALSE);
      protector_link (p, grid, r, 0, ck_stats_table_get_cell (table, r, 1), FALSE);
      protector_link (p, grid, r, 0, ck_stats_table_get_cell (table, r, 2), FALSE);
      protector_link (p, grid, r, 1, ck_stats_table_get_cell (table, r, 2), TRUE);
    }

  return table;
}

static const char *
measure_label (guint measure)
{
  return measure == 0 ? _("to triage") : _("to disposal");
}

/* Columns per lead time: n, P10, Q1, median, Q3, P90. */
#define LEAD_COLUMNS 6

static void
set_lead_headers (CkStatsTable *table)
{
  for (guint m = 0; m < N_MEASURES; m++)
    {
      /* Translators: the first words of column headings of lead times,
       * followed by "to triage" or "to disposal"; P10 and P90 are the 10th
       * and 90th percentiles, Q1 and Q3 the quartiles. */
      const char *names[LEAD_COLUMNS] = { _("Cases"), _("P10"), _("Q1"), _("Median"), _("Q3"), _("P90") };
      const char *codes[LEAD_COLUMNS] = { "n", "p10", "q1", "median", "q3", "p90" };

      for (guint k = 0; k < LEAD_COLUMNS; k++)
        {
          CkStatsHeader *header = &table->columns[m * LEAD_COLUMNS + k];
          g_autofree char *label = g_strconcat (names[k], " ", measure_label (m), NULL);
          g_autofree char *code = g_strdup_printf ("%s-%s", m == 0 ? "triage" : "disposal", codes[k]);

          ck_stats_table_set_header (header, label, code, CK_STATS_DIM_NONE, 0);
          header->select = m == 0 ? CK_STATS_SELECT_TRIAGED : CK_STATS_SELECT_DISPOSED;
        }
    }
}

static void
set_lead_row (CkStatsTable  *table,
              guint          row,
              const guint32 *hist)
{
  for (guint m = 0; m < N_MEASURES; m++)
    {
      CkStatsQuantiles q;
      double values[LEAD_COLUMNS - 1];

      hist_quantiles (hist + m * HIST_SIZE, &q);
      values[0] = q.p10;
      values[1] = q.q1;
      values[2] = q.median;
      values[3] = q.q3;
      values[4] = q.p90;

      ck_stats_table_get_cell (table, row, m * LEAD_COLUMNS)->count = q.n;
      for (guint k = 1; k < LEAD_COLUMNS; k++)
        {
          CkStatsCell *cell = ck_stats_table_get_cell (table, row, m * LEAD_COLUMNS + k);

          cell->kind = CK_STATS_VALUE_QUANTILE;
          cell->count = q.n;
          cell->value = values[k - 1];
        }
    }
}

static CkStatsTable *
build_lead_times (Scan      *scan,
                  Protector *p,
                  gboolean   by_unit)
{
  g_autoptr(GArray) groups = by_unit ? present_values (scan->units, scan->n_units, FALSE)
                                     : present_values (scan->grounds, scan->n_grounds, TRUE);
  guint n = groups->len;
  CkStatsTable *table = ck_stats_table_new (by_unit ? CK_STATS_TABLE_LEAD_TIMES_UNIT : CK_STATS_TABLE_LEAD_TIMES_GROUND,
                                            by_unit ? "lead-times-by-unit" : "lead-times-by-ground",
                                            n + 1, N_MEASURES * LEAD_COLUMNS);
  g_autofree guint *counts = g_new0 (guint, MAX (n, 1));

  table->title = g_strdup (by_unit ? _("Lead times by unit") : _("Lead times by ground"));
  table->row_title = g_strdup (by_unit ? _("Unit") : _("Ground"));
  table->note = g_strdup (by_unit
                          ? _("Days from the report to triage and to disposal, of the cases that reached that step: "
                              "the median, the quartiles Q1 and Q3 (the middle half of the cases) and the "
                              "10th and 90th percentiles.")
                          : _("Days from the report to triage and to disposal, of the cases that reached that step: "
                              "the median, the quartiles Q1 and Q3 (the middle half of the cases) and the "
                              "10th and 90th percentiles. A case with several grounds counts for each of them."));
  set_lead_headers (table);

  for (guint r = 0; r < n; r++)
    {
      guint v = g_array_index (groups, guint, r);
      const guint32 *hist = by_unit
                            ? scan->acc[v].hist
                            : scan->ground_hist + (gsize) (v - 1) * N_MEASURES * HIST_SIZE;

      set_dim_header (&table->rows[r], by_unit ? CK_STATS_DIM_UNIT : CK_STATS_DIM_GROUND, v);
      set_lead_row (table, r, hist);
    }
  set_total_header (&table->rows[n], by_unit ? _("All units") : _("All cases"));
  set_lead_row (table, n, scan->acc[0].hist);

  for (guint m = 0; m < N_MEASURES; m++)
    {
      for (guint r = 0; r < n; r++)
        counts[r] = ck_stats_table_get_cell (table, r, m * LEAD_COLUMNS)->count;
      count_column (table, p, m * LEAD_COLUMNS, counts, n, NULL, 0, FALSE);
    }

  return table;
}

static void
choose_pair (Scan                 *scan,
             const CkStatsOptions *options,
             guint                *ground,
             guint                *manifestation)
{
  guint best = 0;

  *ground = options->ground;
  *manifestation = options->manifestation;
  if (*ground != 0 && *manifestation != 0)
    return;

  *ground = 1;
  *manifestation = 1;
  for (guint g = 0; g < scan->n_grounds; g++)
    for (guint m = 0; m < scan->n_manifestations; m++)
      if (scan->pairs[g * scan->n_manifestations + m] > best)
        {
          best = scan->pairs[g * scan->n_manifestations + m];
          *ground = g + 1;
          *manifestation = m + 1;
        }
}

static void
level_quantiles (const guint *levels,
                 CkStatsCell *cell)
{
  guint32 hist[HIST_SIZE] = { 0 };
  CkStatsQuantiles q;

  /* Cases without a measure have no level to take the median of. */
  for (guint l = 1; l < CK_STATS_N_LEVELS; l++)
    hist[l - 1] = levels[l];
  hist_quantiles (hist, &q);

  cell->kind = CK_STATS_VALUE_LEVEL;
  cell->count = q.n;
  cell->value = q.median;
  cell->low = q.q1;
  cell->high = q.q3;
}

/* "Like treated alike": the sanction levels of founded cases of one
 * ground and manifestation, per unit. */
static CkStatsTable *
build_comparable (Scan                 *scan,
                  const CkStatsOptions *options,
                  Protector            *p)
{
  guint n_u = scan->n_units + 1;
  g_autoptr(GArray) units = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) levels = g_array_new (FALSE, FALSE, sizeof (guint));
  guint all_levels[CK_STATS_N_LEVELS] = { 0 };
  const guint *block;
  guint ground, manifestation;
  guint n_rows, n_cols;
  g_autofree guint *values = NULL;
  g_autofree guint *row_totals = NULL;
  g_autofree guint *col_totals = NULL;
  CkStatsTable *table;
  Counts counts;

  choose_pair (scan, options, &ground, &manifestation);
  block = scan->comparable + ((gsize) (ground - 1) * scan->n_manifestations + manifestation - 1) *
                             n_u * CK_STATS_N_LEVELS;

  for (guint u = 1; u < n_u; u++)
    {
      guint n = 0;

      for (guint l = 0; l < CK_STATS_N_LEVELS; l++)
        {
          n += block[u * CK_STATS_N_LEVELS + l];
          all_levels[l] += block[u * CK_STATS_N_LEVELS + l];
        }
      if (n > 0)
        g_array_append_val (units, u);
    }
  for (guint l = 0; l < CK_STATS_N_LEVELS; l++)
    if (all_levels[l] > 0)
      g_array_append_val (levels, l);

  n_rows = units->len;
  n_cols = levels->len;
  table = ck_stats_table_new (CK_STATS_TABLE_COMPARABLE, "like-treated-alike", n_rows + 1, n_cols + 2);
  table->ground = ground;
  table->manifestation = manifestation;
  /* Translators: the title of the comparison of sanction levels across
   * units; %s are a ground and a manifestation. */
  table->title = g_strdup_printf (_("Like treated alike: %s, %s, founded"),
                                  ck_stats_dim_get_label (CK_STATS_DIM_GROUND, ground),
                                  ck_stats_dim_get_label (CK_STATS_DIM_MANIFESTATION, manifestation));
  table->row_title = g_strdup (_("Unit"));
  table->note = g_strdup (_("Founded cases of the same ground and manifestation, by the sanction level of their "
                            "heaviest measure (0 no measure … 12 dismissal). The last column gives the median "
                            "level and the quartiles."));

  values = g_new0 (guint, MAX (n_rows * n_cols, 1));
  row_totals = g_new0 (guint, MAX (n_rows, 1));
  col_totals = g_new0 (guint, MAX (n_cols, 1));

  for (guint r = 0; r < n_rows; r++)
    {
      guint u = g_array_index (units, guint, r);

      set_dim_header (&table->rows[r], CK_STATS_DIM_UNIT, u);
      table->rows[r].select = CK_STATS_SELECT_FOUNDED;
      for (guint c = 0; c < n_cols; c++)
        {
          values[r * n_cols + c] = block[u * CK_STATS_N_LEVELS + g_array_index (levels, guint, c)];
          row_totals[r] += values[r * n_cols + c];
        }
      level_quantiles (block + u * CK_STATS_N_LEVELS, ck_stats_table_get_cell (table, r, n_cols + 1));
    }
  for (guint c = 0; c < n_cols; c++)
    {
      guint l = g_array_index (levels, guint, c);

      set_dim_header (&table->columns[c], CK_STATS_DIM_LEVEL, l);
      if (l > 0)
        {
          g_autofree char *label = g_strdup_printf ("%u", l - 1);

          g_free (table->columns[c].label);
          table->columns[c].label = g_steal_pointer (&label);
        }
      col_totals[c] = all_levels[l];
    }
  set_total_header (&table->rows[n_rows], _("All units"));
  set_total_header (&table->columns[n_cols], _("Cases"));
  ck_stats_table_set_header (&table->columns[n_cols + 1], _("Median level"), "median", CK_STATS_DIM_NONE, 0);
  level_quantiles (all_levels, ck_stats_table_get_cell (table, n_rows, n_cols + 1));

  /* The table is wider than its counts: fill those through a narrower view. */
  {
    g_autoptr(CkStatsTable) counts_view = ck_stats_table_new (CK_STATS_TABLE_COMPARABLE, "", n_rows + 1, n_cols + 1);

    counts = (Counts) { n_rows, n_cols, values, row_totals, col_totals, 0, NULL, NULL, 0, 0 };
    for (guint r = 0; r < n_rows; r++)
      counts.grand += row_totals[r];
    fill_counts (counts_view, &counts, p);

    for (guint r = 0; r <= n_rows; r++)
      for (guint c = 0; c <= n_cols; c++)
        {
          CkStatsCell *cell = ck_stats_table_get_cell (table, r, c);

          *cell = *ck_stats_table_get_cell (counts_view, r, c);
        }

    /* The links point into the view's cells: move them to the table's. */
    for (guint i = 0; i < p->links->len; i++)
      {
        Link *link = &g_array_index (p->links, Link, i);

        if (link->cell >= counts_view->cells &&
            link->cell < counts_view->cells + (gsize) (n_rows + 1) * (n_cols + 1))
          {
            gsize offset = (gsize) (link->cell - counts_view->cells);

            link->cell = ck_stats_table_get_cell (table, (guint) (offset / (n_cols + 1)),
                                                  (guint) (offset % (n_cols + 1)));
          }
      }
  }

  return table;
}

/* Returns: the label of @figure; one with a term in it is put in @owned */
static const char *
figure_label (CkStatsFigure          figure,
              const CkStatsOptions  *options,
              char                 **owned)
{
  switch (figure)
    {
    case CK_STATS_FIGURE_CASES:
      return _("Cases");
    case CK_STATS_FIGURE_REPORTS:
      return _("Reports and complaints");
    case CK_STATS_FIGURE_TRIAGED:
      return _("Reports and complaints that reached triage");
    case CK_STATS_FIGURE_DAYS_TO_TRIAGE:
      return _("Days from report to triage, median (Q1–Q3)");
    case CK_STATS_FIGURE_DAYS_TO_DISPOSAL:
      return _("Days from report to disposal, median (Q1–Q3)");
    case CK_STATS_FIGURE_INFORMED:
      *owned = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Reporters informed within %u day",
                                             "Reporters informed within %u days",
                                             options->feedback_term),
                                options->feedback_term);
      return *owned;
    case CK_STATS_FIGURE_RESTORATION_OFFERED:
      return _("Restoration offered");
    case CK_STATS_FIGURE_RESTORATION_ACCEPTED:
      return _("Restoration accepted, of those offered");
    case CK_STATS_FIGURE_BYSTANDERS_PRESENT:
      return _("Bystanders present");
    case CK_STATS_FIGURE_BYSTANDERS_INTERVENED:
      return _("Bystanders intervened, where present");
    case CK_STATS_FIGURE_REPORTERS_LEFT:
      return _("Reporters who left the organisation");
    case CK_STATS_FIGURE_OPEN:
      return _("Open cases");
    case CK_STATS_FIGURE_PAST_TRIAGE:
      *owned = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Open without triage after %u day",
                                             "Open without triage after %u days",
                                             options->triage_term),
                                options->triage_term);
      return *owned;
    case CK_STATS_FIGURE_PAST_FEEDBACK:
      *owned = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Open without feedback after %u day",
                                             "Open without feedback after %u days",
                                             options->feedback_term),
                                options->feedback_term);
      return *owned;
    case CK_STATS_FIGURE_PAST_DISPOSAL:
      *owned = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Open without disposal after %u day",
                                             "Open without disposal after %u days",
                                             options->disposal_term),
                                options->disposal_term);
      return *owned;
    case CK_STATS_N_FIGURES:
    default:
      g_assert_not_reached ();
    }
}

static void
set_days (CkStatsCell            *cell,
          const CkStatsQuantiles *q)
{
  cell->kind = CK_STATS_VALUE_DAYS;
  cell->count = q->n;
  cell->value = q->median;
  cell->low = q->q1;
  cell->high = q->q3;
}

/* Fills @cell with @figure of @key. */
static void
set_figure (CkStatsCell      *cell,
            CkStatsFigure     figure,
            const CkStatsKey *key)
{
  cell->kind = CK_STATS_VALUE_COUNT;
  switch (figure)
    {
    case CK_STATS_FIGURE_CASES:
      cell->count = key->cases;
      break;
    case CK_STATS_FIGURE_REPORTS:
      cell->count = key->reports;
      break;
    case CK_STATS_FIGURE_TRIAGED:
      set_share (cell, key->reports_triaged, key->reports);
      break;
    case CK_STATS_FIGURE_DAYS_TO_TRIAGE:
      set_days (cell, &key->to_triage);
      break;
    case CK_STATS_FIGURE_DAYS_TO_DISPOSAL:
      set_days (cell, &key->to_disposal);
      break;
    case CK_STATS_FIGURE_INFORMED:
      set_share (cell, key->informed, key->informed_due);
      break;
    case CK_STATS_FIGURE_RESTORATION_OFFERED:
      set_share (cell, key->offered, key->offered_known);
      break;
    case CK_STATS_FIGURE_RESTORATION_ACCEPTED:
      set_share (cell, key->accepted, key->accepted_known);
      break;
    case CK_STATS_FIGURE_BYSTANDERS_PRESENT:
      set_share (cell, key->present, key->present_known);
      break;
    case CK_STATS_FIGURE_BYSTANDERS_INTERVENED:
      set_share (cell, key->intervened, key->intervened_known);
      break;
    case CK_STATS_FIGURE_REPORTERS_LEFT:
      cell->count = key->left;
      break;
    case CK_STATS_FIGURE_OPEN:
      cell->count = key->open;
      break;
    case CK_STATS_FIGURE_PAST_TRIAGE:
      cell->count = key->past_triage;
      break;
    case CK_STATS_FIGURE_PAST_FEEDBACK:
      cell->count = key->past_feedback;
      break;
    case CK_STATS_FIGURE_PAST_DISPOSAL:
      cell->count = key->past_disposal;
      break;
    case CK_STATS_N_FIGURES:
    default:
      g_assert_not_reached ();
    }
}

/* A count or share of a cell as a 1 × 1 grid of a trend: its pattern is
 * the same in every period. */
static void
protect_single (Protector   *p,
                CkStatsCell *cell,
                guint        trend,
                guint32      key)
{
  CkStatsGrid *grid;

  if (cell->kind != CK_STATS_VALUE_COUNT && cell->kind != CK_STATS_VALUE_SHARE)
    return;

  grid = protector_add (p, 1, 1, 0);
  if (grid == NULL)
    return;
  ck_stats_grid_set_trend (grid, trend);
  ck_stats_grid_set (grid, 0, 0, cell->count);
  ck_stats_grid_set_key (grid, 0, 0, key);
  protector_link (p, grid, 0, 0, cell, FALSE);

  if (cell->kind == CK_STATS_VALUE_SHARE)
    {
      grid = protector_add (p, 1, 1, 0);
      ck_stats_grid_set_trend (grid, trend + 0x10000);
      ck_stats_grid_set (grid, 0, 0, cell->base - cell->count);
      protector_link (p, grid, 0, 0, cell, TRUE);
    }
}

static CkStatsTable *
build_key_figures (CkStatsFigures *self,
                   Protector      *p)
{
  static const CkStatsWindow windows[] = {
    CK_STATS_WINDOW_CURRENT, CK_STATS_WINDOW_PREVIOUS, CK_STATS_WINDOW_YEAR_BEFORE
  };
  static const CkStatsKeyColumn columns[] = {
    CK_STATS_KEY_COLUMN_CURRENT, CK_STATS_KEY_COLUMN_PREVIOUS, CK_STATS_KEY_COLUMN_YEAR_BEFORE
  };
  CkStatsTable *table = ck_stats_table_new (CK_STATS_TABLE_KEY_FIGURES, "key-figures",
                                            CK_STATS_N_FIGURES, CK_STATS_N_KEY_COLUMNS);

  table->title = g_strdup (_("Key figures"));
  table->row_title = g_strdup (_("Figure"));
  table->note = g_strdup (_("Shares are of the cases where the answer was recorded. Changes compare this "
                            "period with the period just before it and with the same period a year earlier."));

  for (guint w = 0; w < G_N_ELEMENTS (windows); w++)
    {
      g_autofree char *period = NULL;
      CkStatsFilter window = { self->window_from[windows[w]], self->window_to[windows[w]] };
      const char *codes[] = { "current", "previous", "year-before" };

      period = ck_stats_filter_describe_period (&window);
      ck_stats_table_set_header (&table->columns[columns[w]], period, codes[w], CK_STATS_DIM_NONE, 0);
    }
  ck_stats_table_set_header (&table->columns[CK_STATS_KEY_COLUMN_PREVIOUS_CHANGE],
                             _("Change"), "previous-change", CK_STATS_DIM_NONE, 0);
  ck_stats_table_set_header (&table->columns[CK_STATS_KEY_COLUMN_YEAR_BEFORE_CHANGE],
                             _("Change"), "year-before-change", CK_STATS_DIM_NONE, 0);

  for (guint f = 0; f < CK_STATS_N_FIGURES; f++)
    {
      g_autofree char *owned = NULL;
      const char *label = figure_label (f, &self->options, &owned);
      static const char * const codes[] = {
        "cases", "reports", "triaged", "days-to-triage", "days-to-disposal", "informed",
        "restoration-offered", "restoration-accepted", "bystanders-present",
        "bystanders-intervened", "reporters-left", "open", "past-triage", "past-feedback",
        "past-disposal",
      };

      ck_stats_table_set_header (&table->rows[f], label, codes[f], CK_STATS_DIM_NONE, f);
      for (guint w = 0; w < G_N_ELEMENTS (windows); w++)
        {
          CkStatsCell *cell = ck_stats_table_get_cell (table, f, columns[w]);

          set_figure (cell, f, ck_stats_figures_get_key (self, windows[w], 0));
          protect_single (p, cell, f + 1,
                          f == CK_STATS_FIGURE_CASES && w == 0 ? MAKE_KEY (KEY_TOTAL, 0) : 0);
        }
    }

  return table;
}

/* The change of @now against @then, once both are final. */
static void
set_change (CkStatsCell       *cell,
            const CkStatsCell *now,
            const CkStatsCell *then)
{
  switch (now->kind)
    {
    case CK_STATS_VALUE_COUNT:
      cell->kind = CK_STATS_VALUE_CHANGE_COUNT;
      cell->value = then->count > 0 ? 100.0 * ((double) now->count - then->count) / then->count : 0;
      cell->state = ck_stats_cell_is_shown (now) && ck_stats_cell_is_shown (then) && then->count > 0
                    ? CK_STATS_CELL_SHOWN : CK_STATS_CELL_NONE;
      break;

    case CK_STATS_VALUE_SHARE:
      cell->kind = CK_STATS_VALUE_CHANGE_SHARE;
      cell->value = 100.0 * (now->value - then->value);
      cell->state = ck_stats_cell_is_shown (now) && ck_stats_cell_is_shown (then)
                    ? CK_STATS_CELL_SHOWN : CK_STATS_CELL_NONE;
      break;

    case CK_STATS_VALUE_DAYS:
    case CK_STATS_VALUE_LEVEL:
    case CK_STATS_VALUE_QUANTILE:
    case CK_STATS_VALUE_CHANGE_COUNT:
    case CK_STATS_VALUE_CHANGE_SHARE:
    case CK_STATS_VALUE_CHANGE_DAYS:
    default:
      cell->kind = CK_STATS_VALUE_CHANGE_DAYS;
      cell->value = now->value - then->value;
      cell->state = ck_stats_cell_is_shown (now) && ck_stats_cell_is_shown (then)
                    ? CK_STATS_CELL_SHOWN : CK_STATS_CELL_NONE;
      break;
    }
}

static void
finish_key_figures (CkStatsTable *table)
{
  for (guint f = 0; f < table->n_rows; f++)
    {
      const CkStatsCell *now = ck_stats_table_get_cell (table, f, CK_STATS_KEY_COLUMN_CURRENT);

      set_change (ck_stats_table_get_cell (table, f, CK_STATS_KEY_COLUMN_PREVIOUS_CHANGE), now,
                  ck_stats_table_get_cell (table, f, CK_STATS_KEY_COLUMN_PREVIOUS));
      set_change (ck_stats_table_get_cell (table, f, CK_STATS_KEY_COLUMN_YEAR_BEFORE_CHANGE), now,
                  ck_stats_table_get_cell (table, f, CK_STATS_KEY_COLUMN_YEAR_BEFORE));
    }
}

/* The key figures of each unit beside each other. */
static CkStatsTable *
build_unit_key_figures (CkStatsFigures *self,
                        Scan           *scan,
                        Protector      *p)
{
  static const CkStatsFigure figures[] = {
    CK_STATS_FIGURE_CASES, CK_STATS_FIGURE_TRIAGED, CK_STATS_FIGURE_DAYS_TO_TRIAGE,
    CK_STATS_FIGURE_DAYS_TO_DISPOSAL, CK_STATS_FIGURE_INFORMED, CK_STATS_FIGURE_RESTORATION_OFFERED,
    CK_STATS_FIGURE_BYSTANDERS_INTERVENED, CK_STATS_FIGURE_REPORTERS_LEFT, CK_STATS_FIGURE_PAST_DISPOSAL,
  };
  g_autoptr(GArray) units = present_values (scan->units, scan->n_units, FALSE);
  guint n = units->len;
  CkStatsTable *table = ck_stats_table_new (CK_STATS_TABLE_UNIT_KEY_FIGURES, "key-figures-by-unit",
                                            n + 1, G_N_ELEMENTS (figures));
  g_autofree guint *counts = g_new0 (guint, MAX (n, 1));
  g_autofree guint *others = g_new0 (guint, MAX (n, 1));
  g_autofree guint32 *keys = g_new0 (guint32, MAX (n, 1));

  table->title = g_strdup (_("Key figures by unit"));
  table->row_title = g_strdup (_("Unit"));
  table->note = g_strdup (_("Shares are of the cases where the answer was recorded; lead times in days, "
                            "median (Q1–Q3)."));

  for (guint r = 0; r <= n; r++)
    {
      guint u = r < n ? g_array_index (units, guint, r) : 0;
      const CkStatsKey *key = ck_stats_figures_get_key (self, CK_STATS_WINDOW_CURRENT, u);

      if (r < n)
        {
          set_dim_header (&table->rows[r], CK_STATS_DIM_UNIT, u);
          keys[r] = MAKE_KEY (KEY_UNIT, u);
        }
      else
        set_total_header (&table->rows[r], _("National"));

      for (guint c = 0; c < G_N_ELEMENTS (figures); c++)
        set_figure (ck_stats_table_get_cell (table, r, c), figures[c], key);
    }

  for (guint c = 0; c < G_N_ELEMENTS (figures); c++)
    {
      g_autofree char *owned = NULL;
      CkStatsCell *first = ck_stats_table_get_cell (table, 0, c);

      ck_stats_table_set_header (&table->columns[c], figure_label (figures[c], &self->options, &owned),
                                 NULL, CK_STATS_DIM_NONE, figures[c]);
      if (n == 0 || (first->kind != CK_STATS_VALUE_COUNT && first->kind != CK_STATS_VALUE_SHARE))
        continue;

      for (guint r = 0; r < n; r++)
        {
          const CkStatsCell *cell = ck_stats_table_get_cell (table, r, c);

          counts[r] = cell->count;
          others[r] = cell->base - cell->count;
        }
      count_column (table, p, c, counts, n, figures[c] == CK_STATS_FIGURE_CASES ? keys : NULL,
                    figures[c] == CK_STATS_FIGURE_CASES ? MAKE_KEY (KEY_TOTAL, 0) : 0, FALSE);
      if (first->kind == CK_STATS_VALUE_SHARE)
        count_column (table, p, c, others, n, NULL, 0, TRUE);
    }

  return table;
}

/* Medians and shares over fewer than CK_STATS_MIN_COUNT cases say too
 * much about too few. */
static void
mark_too_few (CkStatsTable *table,
              gboolean      protect)
{
  for (gsize i = 0; i < (gsize) table->n_rows * table->n_cols; i++)
    {
      CkStatsCell *cell = &table->cells[i];

      switch (cell->kind)
        {
        case CK_STATS_VALUE_SHARE:
          if (cell->base == 0)
            cell->state = CK_STATS_CELL_NONE;
          else if (protect && cell->base < CK_STATS_MIN_COUNT)
            cell->state = CK_STATS_CELL_TOO_FEW;
          break;

        case CK_STATS_VALUE_DAYS:
        case CK_STATS_VALUE_LEVEL:
        case CK_STATS_VALUE_QUANTILE:
          if (cell->count == 0)
            cell->state = CK_STATS_CELL_NONE;
          else if (protect && cell->count < CK_STATS_MIN_COUNT)
            cell->state = CK_STATS_CELL_TOO_FEW;
          break;

        case CK_STATS_VALUE_COUNT:
        case CK_STATS_VALUE_CHANGE_COUNT:
        case CK_STATS_VALUE_CHANGE_SHARE:
        case CK_STATS_VALUE_CHANGE_DAYS:
        default:
          break;
        }
    }
}

/**
 * ck_stats_compute:
 * @data: a sealed CkStatsData
 *
 * Computes every figure of @filter's period, of the period before it and
 * of the same period a year earlier. With @options->protect, national
 * and exported figures: counts below 5 and what would reveal them are
 * hidden, and so are medians and shares over fewer than 5 cases. Tables
 * across units are made for shared records only.
 *
 * Returns: (transfer full): the figures
 */
CkStatsFigures *
ck_stats_compute (CkStatsData          *data,
                  const CkStatsFilter  *filter,
                  const CkStatsOptions *options)
{
  CkStatsFigures *self = g_object_new (CK_TYPE_STATS_FIGURES, NULL);
  gboolean across_units = ck_stats_data_get_source (data) == CK_STATS_SOURCE_SHARED;
  Protector protector = { options->protect, g_ptr_array_new_with_free_func ((GDestroyNotify) ck_stats_grid_free),
                          g_array_new (FALSE, FALSE, sizeof (Link)) };
  Scan scan = { 0 };
  guint n_acc;

  g_return_val_if_fail (CK_IS_STATS_DATA (data), NULL);

  self->filter = ck_stats_filter_copy (filter);
  self->options = *options;
  self->source = ck_stats_data_get_source (data);

  scan_init (&scan, filter, options);
  scan_rows (&scan, data, filter, options);

  memcpy (self->window_from, scan.window_from, sizeof self->window_from);
  memcpy (self->window_to, scan.window_to, sizeof self->window_to);
  self->n_units = scan.n_units;
  self->year_only = scan.year_only;
  n_acc = CK_STATS_N_WINDOWS * (scan.n_units + 1);
  self->keys = g_new0 (CkStatsKey, n_acc);
  for (guint i = 0; i < n_acc; i++)
    {
      self->keys[i] = scan.acc[i].key;
      hist_quantiles (scan.acc[i].hist, &self->keys[i].to_triage);
      hist_quantiles (scan.acc[i].hist + HIST_SIZE, &self->keys[i].to_disposal);
    }

  self->tables[CK_STATS_TABLE_KEY_FIGURES] = build_key_figures (self, &protector);
  self->tables[CK_STATS_TABLE_QUARTER_GROUND] = build_quarter_ground (&scan, &protector);
  self->tables[CK_STATS_TABLE_GROUND_MANIFESTATION] = build_ground_manifestation (&scan, &protector);
  self->tables[CK_STATS_TABLE_LEAD_TIMES_GROUND] = build_lead_times (&scan, &protector, FALSE);
  self->tables[CK_STATS_TABLE_GROUND_FINDING] = build_outcome (&scan, &protector, CK_STATS_TABLE_GROUND_FINDING, FALSE, FALSE);
  self->tables[CK_STATS_TABLE_GROUND_LEVEL] = build_outcome (&scan, &protector, CK_STATS_TABLE_GROUND_LEVEL, FALSE, TRUE);
  self->tables[CK_STATS_TABLE_CHANNEL] = build_channels (&scan, &protector);
  self->tables[CK_STATS_TABLE_KIND] = build_kinds (&scan, &protector);

  if (across_units)
    {
      self->tables[CK_STATS_TABLE_UNIT_KEY_FIGURES] = build_unit_key_figures (self, &scan, &protector);
      self->tables[CK_STATS_TABLE_QUARTER_UNIT] = build_quarter_unit (&scan, &protector);
      self->tables[CK_STATS_TABLE_UNIT_GROUND] = build_unit_ground (&scan, &protector);
      self->tables[CK_STATS_TABLE_LEAD_TIMES_UNIT] = build_lead_times (&scan, &protector, TRUE);
      self->tables[CK_STATS_TABLE_UNIT_FINDING] = build_outcome (&scan, &protector, CK_STATS_TABLE_UNIT_FINDING, TRUE, FALSE);
      self->tables[CK_STATS_TABLE_UNIT_LEVEL] = build_outcome (&scan, &protector, CK_STATS_TABLE_UNIT_LEVEL, TRUE, TRUE);
      self->tables[CK_STATS_TABLE_COMPARABLE] = build_comparable (&scan, options, &protector);
    }

  protector_run (&protector);
  for (guint i = 0; i < CK_STATS_N_TABLES; i++)
    if (self->tables[i] != NULL)
      mark_too_few (self->tables[i], options->protect);
  finish_key_figures (self->tables[CK_STATS_TABLE_KEY_FIGURES]);

  g_ptr_array_unref (protector.grids);
  g_array_unref (protector.links);
  scan_clear (&scan);

  return self;
}

const CkStatsFilter *
ck_stats_figures_get_filter (CkStatsFigures *self)
{
  g_return_val_if_fail (CK_IS_STATS_FIGURES (self), NULL);

  return self->filter;
}

const CkStatsOptions *
ck_stats_figures_get_options (CkStatsFigures *self)
{
  g_return_val_if_fail (CK_IS_STATS_FIGURES (self), NULL);

  return &self->options;
}

CkStatsSource
ck_stats_figures_get_source (CkStatsFigures *self)
{
  g_return_val_if_fail (CK_IS_STATS_FIGURES (self), CK_STATS_SOURCE_CASES);

  return self->source;
}

/**
 * ck_stats_figures_get_key:
 * @unit: a unit (1-based) or 0 for all; the periods before this one are
 *   counted for all units only
 *
 * Returns: (transfer none): the unprotected key figures of @window
 */
const CkStatsKey *
ck_stats_figures_get_key (CkStatsFigures *self,
                          CkStatsWindow   window,
                          guint           unit)
{
  g_return_val_if_fail (CK_IS_STATS_FIGURES (self), NULL);
  g_return_val_if_fail (window < CK_STATS_N_WINDOWS && unit <= self->n_units, NULL);

  return &self->keys[window * (self->n_units + 1) + unit];
}

void
ck_stats_figures_get_window (CkStatsFigures *self,
                             CkStatsWindow   window,
                             int            *from,
                             int            *to)
{
  g_return_if_fail (CK_IS_STATS_FIGURES (self));
  g_return_if_fail (window < CK_STATS_N_WINDOWS);

  *from = self->window_from[window];
  *to = self->window_to[window];
}

/* Returns: (transfer none) (nullable): the table, %NULL for a table across
 * units of the unit's own figures */
CkStatsTable *
ck_stats_figures_get_table (CkStatsFigures *self,
                            CkStatsTableId  id)
{
  g_return_val_if_fail (CK_IS_STATS_FIGURES (self), NULL);
  g_return_val_if_fail (id < CK_STATS_N_TABLES, NULL);

  return self->tables[id];
}

/* Returns: the number of records in the period known only by their year */
guint
ck_stats_figures_get_year_only (CkStatsFigures *self)
{
  g_return_val_if_fail (CK_IS_STATS_FIGURES (self), 0);

  return self->year_only;
}

/**
 * ck_stats_compare:
 * @unit: the unit's figures from its own register
 * @national: the national figures, from anonymised records
 *
 * Returns: (transfer full): the key figures of this period side by side,
 *   each as @unit and @national show it
 */
CkStatsTable *
ck_stats_compare (CkStatsFigures *unit,
                  CkStatsFigures *national)
{
  CkStatsTable *mine = ck_stats_figures_get_table (unit, CK_STATS_TABLE_KEY_FIGURES);
  CkStatsTable *theirs = ck_stats_figures_get_table (national, CK_STATS_TABLE_KEY_FIGURES);
  CkStatsTable *table = ck_stats_table_new (CK_STATS_TABLE_KEY_FIGURES, "unit-and-national",
                                            CK_STATS_N_FIGURES, 2);
  const char *unit_code = ck_stats_figures_get_filter (unit)->unit;

  table->title = g_strdup (_("The unit and the national figure"));
  table->row_title = g_strdup (_("Figure"));
  table->note = g_strdup (_("The unit's figures come from its own register, the national figures from the "
                            "anonymised records of every unit, its own included."));
  ck_stats_table_set_header (&table->columns[0],
                             unit_code != NULL ? ck_stats_dim_get_label (CK_STATS_DIM_UNIT,
                                                                         ck_stats_dim_lookup (CK_STATS_DIM_UNIT, unit_code))
                                               : _("Unit"),
                             "unit", CK_STATS_DIM_NONE, 0);
  ck_stats_table_set_header (&table->columns[1], _("National"), "national", CK_STATS_DIM_NONE, 0);

  for (guint f = 0; f < CK_STATS_N_FIGURES; f++)
    {
      ck_stats_table_set_header (&table->rows[f], mine->rows[f].label, mine->rows[f].code, CK_STATS_DIM_NONE, f);
      *ck_stats_table_get_cell (table, f, 0) = *ck_stats_table_get_cell (mine, f, CK_STATS_KEY_COLUMN_CURRENT);
      *ck_stats_table_get_cell (table, f, 1) = *ck_stats_table_get_cell (theirs, f, CK_STATS_KEY_COLUMN_CURRENT);
    }

  return table;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 ia = *(const gint64 *) a;
  gint64 ib = *(const gint64 *) b;

  return (ia > ib) - (ia < ib);
}

static gboolean
header_matches (const CkStatsHeader *header,
                const CkStatsRow    *row,
                guint                founded)
{
  if (header == NULL || header->total)
    goto select;

  switch (header->dim)
    {
    case CK_STATS_DIM_QUARTER:
      if (header->year_only != ((row->flags & CK_STATS_ROW_YEAR_ONLY) != 0) ||
          (guint) row->quarter != header->value)
        return FALSE;
      break;
    case CK_STATS_DIM_UNIT:
      if (row->unit != header->value)
        return FALSE;
      break;
    case CK_STATS_DIM_TEAM:
      if (row->team != header->value)
        return FALSE;
      break;
    case CK_STATS_DIM_KIND:
      if (row->kind != header->value)
        return FALSE;
      break;
    case CK_STATS_DIM_CHANNEL:
      if (row->channel != header->value)
        return FALSE;
      break;
    case CK_STATS_DIM_GROUND:
      if (header->value == 0 || !(row->grounds & (1u << (header->value - 1))))
        return FALSE;
      break;
    case CK_STATS_DIM_MANIFESTATION:
      if (header->value == 0 || !(row->manifestations & (1u << (header->value - 1))))
        return FALSE;
      break;
    case CK_STATS_DIM_FINDING:
      if (row->finding != header->value)
        return FALSE;
      break;
    case CK_STATS_DIM_LEVEL:
      if ((guint) (row->sanction_level + 1) != header->value)
        return FALSE;
      break;
    case CK_STATS_DIM_ROUTE:
      if (row->route != header->value)
        return FALSE;
      break;
    case CK_STATS_DIM_STATUS:
      if (row->status != header->value)
        return FALSE;
      break;
    case CK_STATS_DIM_REPORTER_ROLE:
      if (row->reporter_role != header->value)
        return FALSE;
      break;
    case CK_STATS_DIM_SUBJECT_ROLE:
      if (row->subject_role != header->value)
        return FALSE;
      break;
    case CK_STATS_DIM_MEASURE:
      if (header->value == 0 || !(row->measures & (1u << (header->value - 1))))
        return FALSE;
      break;
    case CK_STATS_DIM_NONE:
    default:
      break;
    }

select:
  if (header == NULL)
    return TRUE;

  switch (header->select)
    {
    case CK_STATS_SELECT_TRIAGED:
      return is_triaged (row);
    case CK_STATS_SELECT_DISPOSED:
      return row->days_to_disposal != CK_STATS_DAYS_NONE;
    case CK_STATS_SELECT_FOUNDED:
      return row->finding == founded;
    case CK_STATS_SELECT_ALL:
    default:
      return TRUE;
    }
}

/**
 * ck_stats_select:
 * @data: the unit's own cases
 * @row: (nullable): the heading of the row clicked, or %NULL
 * @column: (nullable): the heading of the column, or %NULL
 *
 * Finds the cases behind a cell of a table computed from @data with
 * @filter: those of the period that match the filter and both headings.
 *
 * Returns: (transfer full) (element-type gint64): their ids, ascending
 */
GArray *
ck_stats_select (CkStatsData         *data,
                 const CkStatsFilter *filter,
                 const CkStatsHeader *row,
                 const CkStatsHeader *column)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint founded = ck_stats_dim_lookup (CK_STATS_DIM_FINDING, "gegrond");
  const CkStatsRow *rows;
  guint n_rows, first, end;
  Match match;

  g_return_val_if_fail (CK_IS_STATS_DATA (data), ids);

  init_match (&match, data, filter);
  rows = ck_stats_data_get_rows (data, &n_rows);
  ck_stats_data_get_range (data, filter->from, filter->to, &first, &end);

  for (guint i = first; i < end; i++)
    {
      const CkStatsRow *r = &rows[i];
      int last = r->flags & CK_STATS_ROW_YEAR_ONLY ? r->quarter + 3 : r->quarter;

      if (last > filter->to || !matches (&match, r) ||
          !header_matches (row, r, founded) || !header_matches (column, r, founded))
        continue;

      {
        gint64 id = ck_stats_data_get_case_id (data, i);

        g_array_append_val (ids, id);
      }
    }

  g_array_sort (ids, compare_ids);
  return ids;
}
