/* ck-stats-data.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ck-case.h"
#include "ck-date.h"
#include "ck-stats-data.h"
#include "ck-vocabulary.h"

struct _CkStatsData
{
  GObject        parent_instance;

  CkStatsSource  source;
  GArray        *rows;         /* of CkStatsRow */
  GArray        *case_ids;     /* of gint64, cases only */
  GPtrArray     *teams;        /* index → code; 0 is NULL */
  GHashTable    *team_index;   /* code → index */
  guint          unit_counts[64];
  guint          unit_own[64];
  int            unit_newest[64];  /* quarter of the newest row, -1 none */
  gboolean       sealed;
};

G_DEFINE_FINAL_TYPE (CkStatsData, ck_stats_data, G_TYPE_OBJECT)

/* The vocabulary as the statistics number it, built once. */
typedef struct
{
  const char *list;
  GPtrArray  *terms;           /* borrowed from the vocabulary */
  GHashTable *index;           /* code → 1-based position */
  gsize      *lengths;         /* of each code */
} DimInfo;

static const char * const dim_lists[] = {
  [CK_STATS_DIM_UNIT] = CK_VOCAB_UNITS,
  [CK_STATS_DIM_KIND] = CK_VOCAB_KINDS,
  [CK_STATS_DIM_CHANNEL] = CK_VOCAB_CHANNELS,
  [CK_STATS_DIM_GROUND] = CK_VOCAB_GROUNDS,
  [CK_STATS_DIM_MANIFESTATION] = CK_VOCAB_MANIFESTATIONS,
  [CK_STATS_DIM_REPORTER_ROLE] = CK_VOCAB_REPORTER_ROLES,
  [CK_STATS_DIM_SUBJECT_ROLE] = CK_VOCAB_SUBJECT_ROLES,
  [CK_STATS_DIM_ROUTE] = CK_VOCAB_ROUTES,
  [CK_STATS_DIM_FINDING] = CK_VOCAB_FINDINGS,
  [CK_STATS_DIM_MEASURE] = CK_VOCAB_MEASURES,
  [CK_STATS_DIM_STATUS] = CK_VOCAB_STATUSES,
};

#define N_DIMS (CK_STATS_DIM_LEVEL + 1)

static DimInfo *
get_dims (void)
{
  static DimInfo *dims;

  if (g_once_init_enter (&dims))
    {
      CkVocabulary *vocabulary = ck_vocabulary_get_default ();
      DimInfo *info = g_new0 (DimInfo, N_DIMS);

      for (guint d = 0; d < G_N_ELEMENTS (dim_lists); d++)
        {
          if (dim_lists[d] == NULL)
            continue;

          info[d].list = dim_lists[d];
          info[d].terms = ck_vocabulary_get_terms (vocabulary, dim_lists[d]);
          info[d].index = g_hash_table_new (g_str_hash, g_str_equal);
          info[d].lengths = g_new (gsize, info[d].terms->len);
          /* Bit sets and small integers hold the codes. */
          g_assert (info[d].terms->len <= 32);
          for (guint i = 0; i < info[d].terms->len; i++)
            {
              const char *code = ((CkTerm *) info[d].terms->pdata[i])->code;

              g_hash_table_insert (info[d].index, (gpointer) code, GUINT_TO_POINTER (i + 1));
              info[d].lengths[i] = strlen (code);
            }
        }

      g_once_init_leave (&dims, info);
    }

  return dims;
}

/* Returns: the number of values of @dim, not counting 0 ("not recorded") */
guint
ck_stats_dim_get_size (CkStatsDim dim)
{
  if (dim == CK_STATS_DIM_LEVEL)
    return CK_STATS_N_LEVELS - 1;
  if (dim >= G_N_ELEMENTS (dim_lists) || dim_lists[dim] == NULL)
    return 0;

  return get_dims ()[dim].terms->len;
}

/* Returns: (nullable): the vocabulary code of @value (1-based) */
const char *
ck_stats_dim_get_code (CkStatsDim dim,
                       guint      value)
{
  if (value == 0 || value > ck_stats_dim_get_size (dim) || dim == CK_STATS_DIM_LEVEL)
    return NULL;

  return ((CkTerm *) get_dims ()[dim].terms->pdata[value - 1])->code;
}

/* Returns: the label of @value in the user's language; for sanction
 * levels the measures of that severity */
const char *
ck_stats_dim_get_label (CkStatsDim dim,
                        guint      value)
{
  if (dim == CK_STATS_DIM_LEVEL)
    {
      static char *labels[CK_STATS_N_LEVELS];

      if (value == 0 || value >= CK_STATS_N_LEVELS)
        return _("No measure recorded");

      if (g_once_init_enter (&labels[value]))
        {
          GPtrArray *terms = get_dims ()[CK_STATS_DIM_MEASURE].terms;
          GString *text = g_string_new (NULL);

          for (guint i = 0; i < terms->len; i++)
            {
              const CkTerm *term = terms->pdata[i];

              if (term->severity != (int) value - 1)
                continue;
              if (text->len > 0)
                g_string_append (text, " / ");
              g_string_append (text, term->label);
            }
          g_once_init_leave (&labels[value], g_string_free (text, FALSE));
        }

      return labels[value];
    }

  if (value == 0 || value > ck_stats_dim_get_size (dim))
    return _("Not recorded");

  return ((CkTerm *) get_dims ()[dim].terms->pdata[value - 1])->label;
}

/* Returns: the 1-based value of @code in @dim, 0 when it is not a code of
 * that list (or %NULL) */
guint
ck_stats_dim_lookup (CkStatsDim  dim,
                     const char *code)
{
  if (code == NULL || dim >= G_N_ELEMENTS (dim_lists) || dim_lists[dim] == NULL)
    return 0;

  return GPOINTER_TO_UINT (g_hash_table_lookup (get_dims ()[dim].index, code));
}

/* Quarters are numbered year × 4 + quarter − 1, so that consecutive
 * quarters are consecutive integers. */
int
ck_stats_quarter_make (int year,
                       int quarter)
{
  return year * 4 + quarter - 1;
}

int
ck_stats_quarter_get_year (int index)
{
  return index / 4;
}

int
ck_stats_quarter_get_number (int index)
{
  return index % 4 + 1;
}

int
ck_stats_quarter_from_date (const GDate *date)
{
  return ck_stats_quarter_make (g_date_get_year (date), ck_date_get_quarter (date));
}

void
ck_stats_quarter_get_last_day (int    index,
                               GDate *date)
{
  int year = ck_stats_quarter_get_year (index);
  int month = ck_stats_quarter_get_number (index) * 3;

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_get_days_in_month (month, year), month, year);
}

/* Parses "2025Q1" (or "2025q1"). */
gboolean
ck_stats_quarter_parse (const char *text,
                        int        *index)
{
  guint64 year;
  char *end;

  if (text == NULL || !g_ascii_isdigit (text[0]))
    return FALSE;

  year = g_ascii_strtoull (text, &end, 10);
  if (end - text != 4 || year < 1900 || year > 2999 ||
      (end[0] != 'Q' && end[0] != 'q') ||
      end[1] < '1' || end[1] > '4' || end[2] != '\0')
    return FALSE;

  *index = ck_stats_quarter_make ((int) year, end[1] - '0');
  return TRUE;
}

/* Returns: (transfer full): "2025Q1", as files and the command line write it */
char *
ck_stats_quarter_to_code (int index)
{
  return g_strdup_printf ("%04dQ%d", ck_stats_quarter_get_year (index), ck_stats_quarter_get_number (index));
}

/* Returns: (transfer full): the quarter as people read it */
char *
ck_stats_quarter_to_label (int index)
{
  /* Translators: a quarter of a year; %1$d is the year, %2$d the quarter
   * (1–4), e.g. "2025 Q1". */
  return g_strdup_printf (_("%1$d Q%2$d"), ck_stats_quarter_get_year (index), ck_stats_quarter_get_number (index));
}

static void
ck_stats_data_finalize (GObject *object)
{
  CkStatsData *self = (CkStatsData *)object;

  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->case_ids, g_array_unref);
  g_clear_pointer (&self->teams, g_ptr_array_unref);
  g_clear_pointer (&self->team_index, g_hash_table_unref);

  G_OBJECT_CLASS (ck_stats_data_parent_class)->finalize (object);
}

static void
ck_stats_data_class_init (CkStatsDataClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ck_stats_data_finalize;
}

static void
ck_stats_data_init (CkStatsData *self)
{
  self->rows = g_array_new (FALSE, FALSE, sizeof (CkStatsRow));
  self->teams = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->teams, NULL);
  self->team_index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint u = 0; u < G_N_ELEMENTS (self->unit_newest); u++)
    self->unit_newest[u] = -1;
}

CkStatsData *
ck_stats_data_new (CkStatsSource source)
{
  CkStatsData *self = g_object_new (CK_TYPE_STATS_DATA, NULL);

  self->source = source;
  if (source == CK_STATS_SOURCE_CASES)
    self->case_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  return self;
}

/* Returns: the 1-based value of the code in @text[0..@len), 0 if none.
 * Lists have a few dozen codes at most: comparing lengths first and then
 * the bytes beats hashing, a million records at a time. */
static guint
find_code (const DimInfo *info,
           const char    *text,
           gsize          len)
{
  for (guint i = 0; i < info->terms->len; i++)
    if (info->lengths[i] == len &&
        memcmp (((CkTerm *) info->terms->pdata[i])->code, text, len) == 0)
      return i + 1;

  return 0;
}

static guint8
lookup_small (CkStatsDim  dim,
              const char *code)
{
  if (code == NULL)
    return 0;

  return (guint8) find_code (&get_dims ()[dim], code, strlen (code));
}

/* Codes joined with ",", optionally followed by ":…", as a bit set. */
static guint32
lookup_set (CkStatsDim  dim,
            const char *joined)
{
  const DimInfo *info = &get_dims ()[dim];
  guint32 bits = 0;

  if (joined == NULL)
    return 0;

  while (*joined != '\0')
    {
      const char *end = joined;
      const char *code_end;
      guint value;

      while (*end != '\0' && *end != ',')
        end++;
      code_end = memchr (joined, ':', (gsize) (end - joined));
      if (code_end == NULL)
        code_end = end;

      value = find_code (info, joined, (gsize) (code_end - joined));
      if (value > 0)
        bits |= 1u << (value - 1);

      joined = *end == ',' ? end + 1 : end;
    }

  return bits;
}

static guint16
clamp_days (int days)
{
  if (days < 0)
    return CK_STATS_DAYS_NONE;

  return (guint16) MIN (days, CK_STATS_DAYS_NONE - 1);
}

static guint16
intern_team (CkStatsData *self,
             const char  *team)
{
  gpointer index;

  if (team == NULL || *team == '\0')
    return 0;

  if (g_hash_table_lookup_extended (self->team_index, team, NULL, &index))
    return GPOINTER_TO_UINT (index);

  g_ptr_array_add (self->teams, g_strdup (team));
  g_hash_table_insert (self->team_index, self->teams->pdata[self->teams->len - 1],
                       GUINT_TO_POINTER (self->teams->len - 1));
  return (guint16) (self->teams->len - 1);
}

static int
highest_level (guint32 measures)
{
  GPtrArray *terms = get_dims ()[CK_STATS_DIM_MEASURE].terms;
  int level = -1;

  for (guint i = 0; i < terms->len; i++)
    if (measures & (1u << i))
      level = MAX (level, ((CkTerm *) terms->pdata[i])->severity);

  return level;
}

/**
 * ck_stats_data_add:
 *
 * Adds one row. A record whose period is not a real quarter is skipped.
 */
void
ck_stats_data_add (CkStatsData         *self,
                   const CkStatsFields *fields)
{
  CkStatsRow row = { 0 };
  int first;

  g_return_if_fail (CK_IS_STATS_DATA (self));
  g_return_if_fail (!self->sealed);

  if (fields->year < 1900 || fields->year > 2999 || fields->quarter < 0 || fields->quarter > 4)
    return;

  first = ck_stats_quarter_make (fields->year, MAX (fields->quarter, 1));
  row.quarter = (gint16) first;
  if (fields->report_day > 0)
    row.report_day = fields->report_day;
  else
    {
      GDate last;

      ck_stats_quarter_get_last_day (fields->quarter == 0 ? first + 3 : first, &last);
      row.report_day = (gint32) g_date_get_julian (&last);
    }

  row.unit = lookup_small (CK_STATS_DIM_UNIT, fields->unit);
  row.team = intern_team (self, fields->team);
  row.kind = lookup_small (CK_STATS_DIM_KIND, fields->kind);
  row.channel = lookup_small (CK_STATS_DIM_CHANNEL, fields->channel);
  row.reporter_role = lookup_small (CK_STATS_DIM_REPORTER_ROLE, fields->reporter_role);
  row.subject_role = lookup_small (CK_STATS_DIM_SUBJECT_ROLE, fields->subject_role);
  row.route = lookup_small (CK_STATS_DIM_ROUTE, fields->triage_route);
  row.finding = lookup_small (CK_STATS_DIM_FINDING, fields->finding);
  row.status = lookup_small (CK_STATS_DIM_STATUS, fields->status);
  row.grounds = lookup_set (CK_STATS_DIM_GROUND, fields->grounds);
  row.manifestations = lookup_set (CK_STATS_DIM_MANIFESTATION, fields->manifestations);
  row.measures = lookup_set (CK_STATS_DIM_MEASURE, fields->measures);
  row.sanction_level = (gint8) highest_level (row.measures);
  row.days_to_triage = clamp_days (fields->days_to_triage);
  row.days_to_feedback = clamp_days (fields->days_to_feedback);
  row.days_to_disposal = clamp_days (fields->days_to_disposal);

  row.flags = (fields->own ? CK_STATS_ROW_OWN : 0) |
              (fields->quarter == 0 ? CK_STATS_ROW_YEAR_ONLY : 0) |
              (fields->lc_consulted ? CK_STATS_ROW_LC_CONSULTED : 0) |
              (fields->sensitive ? CK_STATS_ROW_SENSITIVE : 0) |
              (g_strcmp0 (fields->status, "afgedaan") == 0 || g_strcmp0 (fields->status, "gesloten") == 0
               ? CK_STATS_ROW_CLOSED : 0) |
              (g_strcmp0 (fields->reporter_role, "anoniem") == 0 ? CK_STATS_ROW_ANONYMOUS : 0) |
              (guint32) fields->subject_is_manager << CK_STATS_SUBJECT_IS_MANAGER |
              (guint32) fields->bystanders_present << CK_STATS_BYSTANDERS_PRESENT |
              (guint32) fields->bystanders_intervened << CK_STATS_BYSTANDERS_INTERVENED |
              (guint32) fields->restoration_offered << CK_STATS_RESTORATION_OFFERED |
              (guint32) fields->restoration_accepted << CK_STATS_RESTORATION_ACCEPTED |
              (guint32) fields->restoration_completed << CK_STATS_RESTORATION_COMPLETED |
              (guint32) fields->reporter_left << CK_STATS_REPORTER_LEFT;

  g_array_append_val (self->rows, row);
  if (self->case_ids != NULL)
    g_array_append_val (self->case_ids, fields->case_id);
  if (row.unit < G_N_ELEMENTS (self->unit_counts))
    {
      self->unit_counts[row.unit]++;
      self->unit_own[row.unit] += fields->own ? 1 : 0;
      self->unit_newest[row.unit] = MAX (self->unit_newest[row.unit], row.quarter);
    }
}

static int
days_after (const GDate *from,
            const GDate *to)
{
  if (!ck_date_is_set (from) || !ck_date_is_set (to))
    return -1;

  return MAX (0, ck_date_days_between (from, to));
}

static char *
join_measures (GArray *measures)
{
  GString *joined = g_string_new (NULL);

  for (guint i = 0; i < measures->len; i++)
    {
      if (i > 0)
        g_string_append_c (joined, ',');
      g_string_append (joined, g_array_index (measures, CkMeasure, i).code);
    }

  return g_string_free (joined, FALSE);
}

/* Adds a case of the unit's own register, with its exact dates. */
void
ck_stats_data_add_case (CkStatsData  *self,
                        const CkCase *kase)
{
  g_autofree char *grounds = g_strjoinv (",", kase->grounds);
  g_autofree char *manifestations = g_strjoinv (",", kase->manifestations);
  g_autofree char *measures = join_measures (kase->measures);
  CkStatsFields fields = { 0 };

  g_return_if_fail (ck_date_is_set (&kase->report_date));

  fields.case_id = kase->id;
  fields.unit = kase->unit;
  fields.team = kase->team;
  fields.kind = kase->kind;
  fields.channel = kase->channel;
  fields.grounds = grounds;
  fields.manifestations = manifestations;
  fields.measures = measures;
  fields.reporter_role = kase->reporter_role;
  fields.subject_role = kase->subject_role;
  fields.triage_route = kase->triage_route;
  fields.finding = kase->finding;
  fields.status = kase->status;
  fields.year = g_date_get_year (&kase->report_date);
  fields.quarter = ck_date_get_quarter (&kase->report_date);
  fields.report_day = (int) g_date_get_julian (&kase->report_date);
  fields.subject_is_manager = kase->subject_is_manager;
  fields.bystanders_present = kase->bystanders_present;
  fields.bystanders_intervened = kase->bystanders_intervened;
  fields.restoration_offered = kase->restoration_offered;
  fields.restoration_accepted = kase->restoration_accepted;
  fields.restoration_completed = kase->restoration_completed;
  fields.reporter_left = kase->reporter_left;
  fields.lc_consulted = kase->lc_consulted;
  fields.sensitive = kase->sensitive;
  fields.days_to_triage = days_after (&kase->report_date, &kase->triage_date);
  fields.days_to_feedback = days_after (&kase->report_date, &kase->last_feedback_date);
  fields.days_to_disposal = days_after (&kase->report_date, &kase->disposal_date);

  ck_stats_data_add (self, &fields);
}

/* Adds an anonymised record; @own when it is the register's own. */
void
ck_stats_data_add_record (CkStatsData          *self,
                          const CkSharedRecord *record,
                          gboolean              own)
{
  g_autofree char *grounds = g_strjoinv (",", record->grounds);
  g_autofree char *manifestations = g_strjoinv (",", record->manifestations);
  g_autofree char *measures = join_measures (record->measures);
  CkStatsFields fields = { 0 };

  fields.unit = record->unit;
  fields.team = record->team;
  fields.kind = record->kind;
  fields.channel = record->channel;
  fields.grounds = grounds;
  fields.manifestations = manifestations;
  fields.measures = measures;
  fields.reporter_role = record->reporter_role;
  fields.subject_role = record->subject_role;
  fields.triage_route = record->triage_route;
  fields.finding = record->finding;
  fields.status = record->status;
  fields.year = record->year;
  fields.quarter = record->quarter;
  fields.subject_is_manager = record->subject_is_manager;
  fields.bystanders_present = record->bystanders_present;
  fields.bystanders_intervened = record->bystanders_intervened;
  fields.restoration_offered = record->restoration_offered;
  fields.restoration_accepted = record->restoration_accepted;
  fields.restoration_completed = record->restoration_completed;
  fields.reporter_left = record->reporter_left;
  fields.lc_consulted = record->lc_consulted;
  fields.sensitive = record->sensitive;
  fields.own = own;
  fields.days_to_triage = record->days_to_triage;
  fields.days_to_feedback = record->days_to_feedback;
  fields.days_to_disposal = record->days_to_disposal;

  ck_stats_data_add (self, &fields);
}

/* Sorts the rows by quarter (a counting sort: quarters are few) and makes
 * the data read-only. */
void
ck_stats_data_seal (CkStatsData *self)
{
  const CkStatsRow *rows = (const CkStatsRow *) self->rows->data;
  guint n = self->rows->len;
  g_autoptr(GArray) sorted = NULL;
  g_autoptr(GArray) sorted_ids = NULL;
  g_autofree guint *offsets = NULL;
  int first = G_MAXINT16, last = G_MININT16;

  g_return_if_fail (CK_IS_STATS_DATA (self));
  g_return_if_fail (!self->sealed);

  self->sealed = TRUE;
  if (n == 0)
    return;

  for (guint i = 0; i < n; i++)
    {
      first = MIN (first, rows[i].quarter);
      last = MAX (last, rows[i].quarter);
    }

  offsets = g_new0 (guint, last - first + 2);
  for (guint i = 0; i < n; i++)
    offsets[rows[i].quarter - first + 1]++;
  for (int q = 1; q <= last - first + 1; q++)
    offsets[q] += offsets[q - 1];

  sorted = g_array_sized_new (FALSE, FALSE, sizeof (CkStatsRow), n);
  g_array_set_size (sorted, n);
  if (self->case_ids != NULL)
    {
      sorted_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
      g_array_set_size (sorted_ids, n);
    }

  for (guint i = 0; i < n; i++)
    {
      guint to = offsets[rows[i].quarter - first]++;

      g_array_index (sorted, CkStatsRow, to) = rows[i];
      if (sorted_ids != NULL)
        g_array_index (sorted_ids, gint64, to) = g_array_index (self->case_ids, gint64, i);
    }

  g_array_unref (self->rows);
  self->rows = g_steal_pointer (&sorted);
  if (sorted_ids != NULL)
    {
      g_array_unref (self->case_ids);
      self->case_ids = g_steal_pointer (&sorted_ids);
    }
}

CkStatsSource
ck_stats_data_get_source (CkStatsData *self)
{
  g_return_val_if_fail (CK_IS_STATS_DATA (self), CK_STATS_SOURCE_CASES);

  return self->source;
}

/* Returns: (transfer none) (array length=n_rows): the rows, by quarter */
const CkStatsRow *
ck_stats_data_get_rows (CkStatsData *self,
                        guint       *n_rows)
{
  g_return_val_if_fail (CK_IS_STATS_DATA (self), NULL);
  g_return_val_if_fail (self->sealed, NULL);

  *n_rows = self->rows->len;
  return (const CkStatsRow *) self->rows->data;
}

/* Returns: the case id of @row, 0 for shared records */
gint64
ck_stats_data_get_case_id (CkStatsData *self,
                           guint        row)
{
  g_return_val_if_fail (CK_IS_STATS_DATA (self), 0);

  if (self->case_ids == NULL || row >= self->case_ids->len)
    return 0;

  return g_array_index (self->case_ids, gint64, row);
}

static guint
lower_bound (CkStatsData *self,
             int          quarter)
{
  const CkStatsRow *rows = (const CkStatsRow *) self->rows->data;
  guint low = 0, high = self->rows->len;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (rows[mid].quarter < quarter)
        low = mid + 1;
      else
        high = mid;
    }

  return low;
}

/* Sets [@first, @end) to the rows whose (first) quarter lies in
 * [@from_quarter, @to_quarter]. */
void
ck_stats_data_get_range (CkStatsData *self,
                         int          from_quarter,
                         int          to_quarter,
                         guint       *first,
                         guint       *end)
{
  g_return_if_fail (CK_IS_STATS_DATA (self));

  *first = lower_bound (self, from_quarter);
  *end = MAX (*first, lower_bound (self, to_quarter + 1));
}

/* Returns: whether there are rows; then the first and last quarter */
gboolean
ck_stats_data_get_quarters (CkStatsData *self,
                            int         *first,
                            int         *last)
{
  const CkStatsRow *rows;

  g_return_val_if_fail (CK_IS_STATS_DATA (self), FALSE);

  if (self->rows->len == 0)
    return FALSE;

  rows = (const CkStatsRow *) self->rows->data;
  *first = rows[0].quarter;
  /* A year-only record's quarter is the year's first; the year counts. */
  *last = rows[self->rows->len - 1].quarter;
  for (guint i = self->rows->len; i > 0 && rows[i - 1].quarter > *last - 4; i--)
    if (rows[i - 1].flags & CK_STATS_ROW_YEAR_ONLY)
      *last = MAX (*last, rows[i - 1].quarter + 3);

  return TRUE;
}

/* Returns: how many teams the rows name; team indices run from 1 to it */
guint
ck_stats_data_get_n_teams (CkStatsData *self)
{
  g_return_val_if_fail (CK_IS_STATS_DATA (self), 0);

  return self->teams->len - 1;
}

const char *
ck_stats_data_get_team (CkStatsData *self,
                        guint        index)
{
  g_return_val_if_fail (CK_IS_STATS_DATA (self), NULL);

  if (index >= self->teams->len)
    return NULL;

  return self->teams->pdata[index];
}

/* Returns: the index of @team, 0 when no row names it */
guint
ck_stats_data_lookup_team (CkStatsData *self,
                           const char  *team)
{
  g_return_val_if_fail (CK_IS_STATS_DATA (self), 0);

  if (team == NULL)
    return 0;

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->team_index, team));
}

/* Returns: the number of rows of @unit (a 1-based unit value) */
guint
ck_stats_data_count_unit (CkStatsData *self,
                          guint        unit)
{
  g_return_val_if_fail (CK_IS_STATS_DATA (self), 0);

  if (unit >= G_N_ELEMENTS (self->unit_counts))
    return 0;

  return self->unit_counts[unit];
}

/**
 * ck_stats_data_get_unit_basis:
 * @own: (out) (optional): how many rows are the register's own
 * @newest: (out) (optional): the quarter of the newest row
 *
 * Returns: the number of rows of @unit (a 1-based unit value)
 */
guint
ck_stats_data_get_unit_basis (CkStatsData *self,
                              guint        unit,
                              guint       *own,
                              int         *newest)
{
  g_return_val_if_fail (CK_IS_STATS_DATA (self), 0);

  if (unit >= G_N_ELEMENTS (self->unit_counts))
    return 0;

  if (own != NULL)
    *own = self->unit_own[unit];
  if (newest != NULL)
    *newest = self->unit_newest[unit];
  return self->unit_counts[unit];
}
