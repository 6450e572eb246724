/* ck-case-index.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ck-attention.h"
#include "ck-case.h"
#include "ck-case-index.h"
#include "ck-error.h"
#include "ck-register.h"
#include "ck-sqlite.h"
#include "ck-storage.h"
#include "ck-vocabulary.h"

/* Rows read per hold of the register: a few milliseconds each. */
#define CHUNK_ROWS 4096

/* More changes than this since the last update, and reading everything
 * again is quicker than reading them one by one. */
#define MAX_CHANGES 20000

typedef struct
{
  gint64            id;
  const char       *reference;   /* in the index's string chunk */
  guint32           rank;        /* of the reference among all, for sorting without strcmp() */
  CkCaseFacts       facts;
  CkSimilarProfile  profile;
} CaseEntry;

typedef struct
{
  guint8            id[16];      /* the record's 32 hex digits as bytes */
  CkSimilarProfile  profile;
} RecordEntry;

struct _CkCaseIndex
{
  GObject       parent_instance;

  CkRegister   *reg;             /* not owned: it owns this index */
  GMutex        update_lock;     /* one update at a time */
  GRWLock       data_lock;       /* the arrays and strings below */
  gboolean      loaded;
  gint64        seq;             /* the last change applied */
  GArray       *cases;           /* CaseEntry, by id */
  GArray       *records;         /* RecordEntry, by id */
  GStringChunk *strings;
};

G_DEFINE_FINAL_TYPE (CkCaseIndex, ck_case_index, G_TYPE_OBJECT)

/* A case or record read again after a change: NULL entry when it is gone
 * (deleted, in the bin, retracted, or no longer closed). */
typedef struct
{
  gint64       case_id;
  guint8       record_id[16];
  gboolean     present;
  CaseEntry    kase;
  RecordEntry  record;
} Change;

#define CASE_COLUMNS \
  "id, reference, kind, channel, grounds, manifestations, reporter_role, subject_role," \
  " subject_is_manager, bystanders_present, bystanders_intervened, report_date," \
  " acknowledged_date, triage_date, last_feedback_date, disposal_date, outcome_informed_date," \
  " triage_route, lc_consulted, sensitive, finding, restoration_offered, lesson_considered," \
  " reporter_left, status"

/* Cases with ids in (?1, ?2], at most ?3 of them. */
static const char cases_sql[] =
  "SELECT " CASE_COLUMNS " FROM cases"
  " WHERE id > ?1 AND id <= ?2 AND deleted_at IS NULL ORDER BY id LIMIT ?3";

static const char measures_sql[] =
  "SELECT case_id, code, conditional FROM case_measures WHERE case_id > ?1 AND case_id <= ?2"
  " ORDER BY case_id";

#define RECORD_COLUMNS \
  "rowid, id, year, quarter, channel, grounds, manifestations, reporter_role, subject_role," \
  " subject_is_manager, bystanders_present, bystanders_intervened, finding, measures, status"

/* Other units' records in rowid order, from after ?1, at most ?2. */
static const char records_sql[] =
  "SELECT " RECORD_COLUMNS " FROM shared_records WHERE rowid > ?1 AND own = 0 ORDER BY rowid LIMIT ?2";

static const char record_sql[] =
  "SELECT " RECORD_COLUMNS " FROM shared_records WHERE id = ?1 AND own = 0";

static const char max_seq_sql[] = "SELECT COALESCE (max (seq), 0) FROM index_changes";

/* How many to expect, so that the arrays are made once at their size. */
static const char count_sql[] =
  "SELECT (SELECT count (*) FROM cases WHERE deleted_at IS NULL),"
  " (SELECT count (*) FROM shared_records WHERE own = 0)";

static const char changes_sql[] =
  "SELECT seq, case_id, record_id FROM index_changes WHERE seq > ?1 ORDER BY seq";

static void
ck_case_index_finalize (GObject *object)
{
  CkCaseIndex *self = (CkCaseIndex *)object;

  g_clear_pointer (&self->cases, g_array_unref);
  g_clear_pointer (&self->records, g_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_mutex_clear (&self->update_lock);
  g_rw_lock_clear (&self->data_lock);

  G_OBJECT_CLASS (ck_case_index_parent_class)->finalize (object);
}

static void
ck_case_index_class_init (CkCaseIndexClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ck_case_index_finalize;
}

static void
ck_case_index_init (CkCaseIndex *self)
{
  g_mutex_init (&self->update_lock);
  g_rw_lock_init (&self->data_lock);
  self->cases = g_array_new (FALSE, FALSE, sizeof (CaseEntry));
  self->records = g_array_new (FALSE, FALSE, sizeof (RecordEntry));
  self->strings = g_string_chunk_new (64 * 1024);
}

/**
 * ck_case_index_get_for_register:
 *
 * Returns: (transfer none): the index of @reg, made (empty) on first use
 */
CkCaseIndex *
ck_case_index_get_for_register (CkRegister *reg)
{
  static GMutex lock;
  CkCaseIndex *self;

  g_return_val_if_fail (CK_IS_REGISTER (reg), NULL);

  g_mutex_lock (&lock);
  self = g_object_get_data (G_OBJECT (reg), "ck-case-index");
  if (self == NULL)
    {
      self = g_object_new (CK_TYPE_CASE_INDEX, NULL);
      self->reg = reg;
      g_object_set_data_full (G_OBJECT (reg), "ck-case-index", self, g_object_unref);
    }
  g_mutex_unlock (&lock);

  return self;
}

/* Calls @func with each code of a list joined with ",", without copying
 * the list. */
static void
foreach_code (const char  *joined,
              void       (*func) (const char *code, gpointer data),
              gpointer     data)
{
  char code[64];

  while (joined != NULL && *joined != '\0')
    {
      const char *end = strchr (joined, ',');
      gsize len = end != NULL ? (gsize) (end - joined) : strlen (joined);

      if (len > 0 && len < sizeof code)
        {
          memcpy (code, joined, len);
          code[len] = '\0';
          func (code, data);
        }

      joined = end != NULL ? end + 1 : NULL;
    }
}

typedef struct
{
  const char *list;
  guint32     bits;
} BitsData;

static void
add_bit (const char *code,
         gpointer    data)
{
  BitsData *bits = data;

  bits->bits |= ck_similar_code_bit (bits->list, code);
}

static guint32
parse_bits (const char *list,
            const char *joined,
            guint8     *n_bits)
{
  BitsData data = { list, 0 };

  foreach_code (joined, add_bit, &data);
  *n_bits = (guint8) __builtin_popcount (data.bits);
  return data.bits;
}

/* Adds a measure, "code" or "code:conditional", to @profile. */
static void
add_measure (CkSimilarProfile *profile,
             const char       *code,
             gboolean          conditional)
{
  const CkTerm *term = ck_vocabulary_lookup (ck_vocabulary_get_default (), CK_VOCAB_MEASURES, code);

  if (term == NULL)
    return;

  if (term->position < 32)
    {
      profile->measures |= 1u << term->position;
      if (conditional)
        profile->conditional |= 1u << term->position;
    }
  profile->sanction_level = (gint8) MAX (profile->sanction_level, term->severity);
}

static void
add_joined_measure (const char *code,
                    gpointer    data)
{
  char *colon = strchr (code, ':');

  if (colon != NULL)
    *colon = '\0';
  add_measure (data, code, colon != NULL && g_str_equal (colon + 1, "conditional"));
}

static CkTristate
column_tristate (sqlite3_stmt *stmt,
                 int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return CK_TRISTATE_UNKNOWN;

  return sqlite3_column_int (stmt, column) ? CK_TRISTATE_YES : CK_TRISTATE_NO;
}

/* Reads a row of cases_sql as ck_case_facts_init_from_case() and
 * ck_similar_profile_init_from_case() read a case: the tests hold the two
 * to the same answer. Measures come apart. */
static void
read_case (sqlite3_stmt *stmt,
           GStringChunk *strings,
           CaseEntry    *entry)
{
  const char *kind = ck_sqlite_column_text (stmt, 2);
  const char *reporter_role = ck_sqlite_column_text (stmt, 6);
  const char *finding = ck_sqlite_column_text (stmt, 20);
  const char *status = ck_sqlite_column_text (stmt, 24);
  CkTristate subject_is_manager = column_tristate (stmt, 8);
  CkTristate bystanders_present = column_tristate (stmt, 9);
  CkTristate bystanders_intervened = column_tristate (stmt, 10);
  CkCaseFacts *facts = &entry->facts;
  CkSimilarProfile *profile = &entry->profile;
  guint32 flags;

  memset (entry, 0, sizeof *entry);
  entry->id = sqlite3_column_int64 (stmt, 0);
  entry->reference = g_string_chunk_insert (strings, ck_sqlite_column_text (stmt, 1));

  flags = ck_case_facts_flags_for (kind, reporter_role, finding, status);
  if (sqlite3_column_int (stmt, 19))
    flags |= CK_FACT_SENSITIVE;
  if (sqlite3_column_int (stmt, 18))
    flags |= CK_FACT_LC_CONSULTED;
  if (sqlite3_column_type (stmt, 17) != SQLITE_NULL)
    flags |= CK_FACT_HAS_ROUTE;
  if (sqlite3_column_type (stmt, 21) != SQLITE_NULL)
    flags |= CK_FACT_RESTORATION_ANSWERED;
  if (sqlite3_column_int (stmt, 22))
    flags |= CK_FACT_LESSON_CONSIDERED;
  if (subject_is_manager == CK_TRISTATE_YES)
    flags |= CK_FACT_MANAGER;
  if (bystanders_present == CK_TRISTATE_YES && bystanders_intervened == CK_TRISTATE_NO)
    flags |= CK_FACT_BYSTANDERS_PASSIVE;
  if (column_tristate (stmt, 23) == CK_TRISTATE_YES)
    flags |= CK_FACT_REPORTER_LEFT;

  facts->report = ck_julian_from_iso (ck_sqlite_column_text (stmt, 11));
  facts->acknowledged = ck_julian_from_iso (ck_sqlite_column_text (stmt, 12));
  facts->triage = ck_julian_from_iso (ck_sqlite_column_text (stmt, 13));
  facts->last_feedback = ck_julian_from_iso (ck_sqlite_column_text (stmt, 14));
  facts->disposal = ck_julian_from_iso (ck_sqlite_column_text (stmt, 15));
  facts->outcome_informed = ck_julian_from_iso (ck_sqlite_column_text (stmt, 16));
  facts->flags = flags;

  profile->grounds = parse_bits (CK_VOCAB_GROUNDS, ck_sqlite_column_text (stmt, 4), &profile->n_grounds);
  profile->manifestations = parse_bits (CK_VOCAB_MANIFESTATIONS, ck_sqlite_column_text (stmt, 5),
                                        &profile->n_manifestations);
  profile->reporter_role = ck_similar_code_number (CK_VOCAB_REPORTER_ROLES, reporter_role);
  profile->subject_role = ck_similar_code_number (CK_VOCAB_SUBJECT_ROLES, ck_sqlite_column_text (stmt, 7));
  profile->channel = ck_similar_code_number (CK_VOCAB_CHANNELS, ck_sqlite_column_text (stmt, 3));
  profile->finding = ck_similar_code_number (CK_VOCAB_FINDINGS, finding);
  profile->tristates = ck_similar_tristates (subject_is_manager, bystanders_present, bystanders_intervened);
  profile->sanction_level = -1;
  if (facts->report > 0)
    {
      GDate date;

      ck_julian_to_date (facts->report, &date);
      profile->year = g_date_get_year (&date);
      profile->quarter = (g_date_get_month (&date) - 1) / 3 + 1;
    }
  profile->closed = ck_similar_status_is_closed (status);
}

static int
find_case (GArray *cases,
           gint64  id)
{
  int lo = 0, hi = (int) cases->len - 1;

  while (lo <= hi)
    {
      int mid = lo + (hi - lo) / 2;
      gint64 here = g_array_index (cases, CaseEntry, mid).id;

      if (here == id)
        return mid;
      if (here < id)
        lo = mid + 1;
      else
        hi = mid - 1;
    }

  return -1;
}

/* Appends the cases with ids in (@after, @up_to] to @cases, at most
 * @limit, with their measures. Returns: how many, or -1 with @error. */
static int
read_cases (CkStorage     *storage,
            gint64         after,
            gint64         up_to,
            int            limit,
            GArray        *cases,
            GStringChunk  *strings,
            GError       **error)
{
  sqlite3_stmt *stmt;
  guint first = cases->len;
  guint next;
  gint64 last;
  int rc;

  if (!(stmt = ck_storage_prepare (storage, cases_sql, error)))
    return -1;

  sqlite3_bind_int64 (stmt, 1, after);
  sqlite3_bind_int64 (stmt, 2, up_to);
  sqlite3_bind_int (stmt, 3, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CaseEntry entry;

      read_case (stmt, strings, &entry);
      g_array_append_val (cases, entry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return ck_sqlite_set_error (error, storage->db, rc), -1;

  if (cases->len == first)
    return 0;

  last = g_array_index (cases, CaseEntry, cases->len - 1).id;
  if (!(stmt = ck_storage_prepare (storage, measures_sql, error)))
    return -1;

  sqlite3_bind_int64 (stmt, 1, after);
  sqlite3_bind_int64 (stmt, 2, last);
  next = first;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 case_id = sqlite3_column_int64 (stmt, 0);
      CaseEntry *entry;

      /* Both in order of case id; a case in the bin has measures but no
       * entry. */
      while (next < cases->len && g_array_index (cases, CaseEntry, next).id < case_id)
        next++;
      if (next == cases->len || (entry = &g_array_index (cases, CaseEntry, next))->id != case_id)
        continue;

      add_measure (&entry->profile, ck_sqlite_column_text (stmt, 1), sqlite3_column_int (stmt, 2) != 0);
      entry->facts.flags |= CK_FACT_HAS_MEASURES;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return ck_sqlite_set_error (error, storage->db, rc), -1;

  return (int) (cases->len - first);
}

/* Record ids are 32 hex digits; anything else still gets a stable key. */
static void
record_key (const char *id,
            guint8      key[16])
{
  gboolean hex = id != NULL && strlen (id) == 32;

  for (guint i = 0; hex && i < 32; i++)
    hex = g_ascii_isxdigit (id[i]);

  if (hex)
    {
      for (guint i = 0; i < 16; i++)
        key[i] = (guint8) (g_ascii_xdigit_value (id[2 * i]) << 4 | g_ascii_xdigit_value (id[2 * i + 1]));
    }
  else
    {
      g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
      guint8 digest[32];
      gsize len = sizeof digest;

      g_checksum_update (checksum, (const guchar *) (id != NULL ? id : ""), -1);
      g_checksum_get_digest (checksum, digest, &len);
      memcpy (key, digest, 16);
    }
}

/* Returns: %FALSE for a record the index does not keep: one that is not
 * closed is not yet comparable. */
static gboolean
read_record (sqlite3_stmt *stmt,
             RecordEntry  *entry)
{
  CkSimilarProfile *profile = &entry->profile;

  memset (entry, 0, sizeof *entry);
  if (!ck_similar_status_is_closed (ck_sqlite_column_text (stmt, 14)))
    return FALSE;

  record_key (ck_sqlite_column_text (stmt, 1), entry->id);
  profile->year = (guint16) CLAMP (sqlite3_column_int (stmt, 2), 0, G_MAXUINT16);
  profile->quarter = (guint8) CLAMP (sqlite3_column_int (stmt, 3), 0, 4);
  profile->channel = ck_similar_code_number (CK_VOCAB_CHANNELS, ck_sqlite_column_text (stmt, 4));
  profile->grounds = parse_bits (CK_VOCAB_GROUNDS, ck_sqlite_column_text (stmt, 5), &profile->n_grounds);
  profile->manifestations = parse_bits (CK_VOCAB_MANIFESTATIONS, ck_sqlite_column_text (stmt, 6),
                                        &profile->n_manifestations);
  profile->reporter_role = ck_similar_code_number (CK_VOCAB_REPORTER_ROLES, ck_sqlite_column_text (stmt, 7));
  profile->subject_role = ck_similar_code_number (CK_VOCAB_SUBJECT_ROLES, ck_sqlite_column_text (stmt, 8));
  profile->tristates = ck_similar_tristates (column_tristate (stmt, 9), column_tristate (stmt, 10),
                                             column_tristate (stmt, 11));
  profile->finding = ck_similar_code_number (CK_VOCAB_FINDINGS, ck_sqlite_column_text (stmt, 12));
  profile->sanction_level = -1;
  foreach_code (ck_sqlite_column_text (stmt, 13), add_joined_measure, profile);
  profile->closed = TRUE;

  return TRUE;
}

/* Appends up to @limit records after rowid @after. Returns: how many rows
 * were read (kept or not), or -1 with @error; @after moves on. */
static int
read_records (CkStorage     *storage,
              gint64        *after,
              int            limit,
              GArray        *records,
              GError       **error)
{
  sqlite3_stmt *stmt;
  int n = 0;
  int rc;

  if (!(stmt = ck_storage_prepare (storage, records_sql, error)))
    return -1;

  sqlite3_bind_int64 (stmt, 1, *after);
  sqlite3_bind_int (stmt, 2, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RecordEntry entry;

      n++;
      *after = sqlite3_column_int64 (stmt, 0);
      if (read_record (stmt, &entry))
        g_array_append_val (records, entry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return ck_sqlite_set_error (error, storage->db, rc), -1;

  return n;
}

static int
compare_records (gconstpointer a,
                 gconstpointer b)
{
  return memcmp (((const RecordEntry *) a)->id, ((const RecordEntry *) b)->id, 16);
}

static int
compare_changes (gconstpointer a,
                 gconstpointer b)
{
  const Change *ca = a;
  const Change *cb = b;

  if (ca->case_id != cb->case_id)
    return ca->case_id < cb->case_id ? -1 : 1;

  return memcmp (ca->record_id, cb->record_id, 16);
}

/* Holds the register for one step of the work; fails when it is locked. */
static CkStorage *
acquire_unlocked (CkCaseIndex  *self,
                  GError      **error)
{
  CkStorage *storage = ck_register_acquire (self->reg);

  if (storage->key != NULL)
    return storage;

  ck_register_release (self->reg);
  g_set_error_literal (error, CK_ERROR, CK_ERROR_LOCKED,
                       _("The register is locked. Enter the passphrase first."));
  return NULL;
}

static gint64
read_max_seq (CkStorage  *storage,
              GError    **error)
{
  sqlite3_stmt *stmt = ck_storage_prepare (storage, max_seq_sql, error);
  gint64 seq = -1;
  int rc;

  if (stmt == NULL)
    return -1;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    seq = sqlite3_column_int64 (stmt, 0);
  else
    ck_sqlite_set_error (error, storage->db, rc);
  sqlite3_reset (stmt);

  return seq;
}

static gboolean
set_cancelled (GCancellable  *cancellable,
               GError       **error)
{
  return g_cancellable_set_error_if_cancelled (cancellable, error);
}

static int
compare_references (gconstpointer a,
                    gconstpointer b,
                    gpointer      cases)
{
  return strcmp (g_array_index ((GArray *) cases, CaseEntry, *(const guint *) a).reference,
                 g_array_index ((GArray *) cases, CaseEntry, *(const guint *) b).reference);
}

/* Numbers the cases in the order of their references: the overview sorts
 * items of the same day by reference, and compares numbers faster than
 * strings. Only needed when cases come or go: a reference never changes. */
static void
assign_ranks (GArray *cases)
{
  g_autofree guint *order = g_new (guint, MAX (cases->len, 1));

  for (guint i = 0; i < cases->len; i++)
    order[i] = i;
  g_qsort_with_data (order, cases->len, sizeof (guint), compare_references, cases);
  for (guint i = 0; i < cases->len; i++)
    g_array_index (cases, CaseEntry, order[i]).rank = i;
}

/* Reads everything, a chunk per hold of the register. What changes
 * meanwhile is in the change log after @seq, which the caller applies
 * next. Called with update_lock. */
static gboolean
load_all (CkCaseIndex   *self,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GArray) cases = NULL;
  g_autoptr(GArray) records = NULL;
  GStringChunk *strings = g_string_chunk_new (64 * 1024);
  CkStorage *storage;
  sqlite3_stmt *stmt;
  gint64 seq, after = 0;
  guint n_cases = 0, n_records = 0;
  int n;

  if (!(storage = acquire_unlocked (self, error)))
    goto failed;
  seq = read_max_seq (storage, error);
  if (seq >= 0 && (stmt = ck_storage_prepare (storage, count_sql, error)) != NULL)
    {
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          n_cases = (guint) sqlite3_column_int64 (stmt, 0);
          n_records = (guint) sqlite3_column_int64 (stmt, 1);
        }
      sqlite3_reset (stmt);
    }
  ck_register_release (self->reg);
  if (seq < 0)
    goto failed;

  /* A little room for what arrives while they are read. */
  cases = g_array_sized_new (FALSE, FALSE, sizeof (CaseEntry), n_cases + CHUNK_ROWS);
  records = g_array_sized_new (FALSE, FALSE, sizeof (RecordEntry), n_records + CHUNK_ROWS);

  do
    {
      if (set_cancelled (cancellable, error) || !(storage = acquire_unlocked (self, error)))
        goto failed;
      after = cases->len > 0 ? g_array_index (cases, CaseEntry, cases->len - 1).id : 0;
      n = read_cases (storage, after, G_MAXINT64, CHUNK_ROWS, cases, strings, error);
      ck_register_release (self->reg);
      if (n < 0)
        goto failed;
    }
  while (n == CHUNK_ROWS);

  after = 0;
  do
    {
      if (set_cancelled (cancellable, error) || !(storage = acquire_unlocked (self, error)))
        goto failed;
      n = read_records (storage, &after, CHUNK_ROWS, records, error);
      ck_register_release (self->reg);
      if (n < 0)
        goto failed;
    }
  while (n == CHUNK_ROWS);

  g_array_sort (records, compare_records);
  assign_ranks (cases);

  g_rw_lock_writer_lock (&self->data_lock);
  g_array_unref (self->cases);
  self->cases = g_steal_pointer (&cases);
  g_array_unref (self->records);
  self->records = g_steal_pointer (&records);
  g_string_chunk_free (self->strings);
  self->strings = strings;
  self->seq = seq;
  self->loaded = TRUE;
  g_rw_lock_writer_unlock (&self->data_lock);

  return TRUE;

failed:
  g_string_chunk_free (strings);
  return FALSE;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 ia = *(const gint64 *) a;
  gint64 ib = *(const gint64 *) b;

  return ia < ib ? -1 : ia > ib;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* Reads which cases and records changed after self->seq and how they are
 * now; the references of changed cases go into the index's strings,
 * which only the updating thread adds to. Sets @restart when the log no
 * longer reaches back that far, or holds so much that reading everything
 * is quicker. */
static gboolean
read_changes (CkCaseIndex   *self,
              CkStorage     *storage,
              GArray        *changes,
              gint64        *seq,
              gboolean      *restart,
              GError       **error)
{
  g_autoptr(GArray) case_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) record_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (CaseEntry));
  sqlite3_stmt *stmt;
  gint64 max_seq;
  int rc;

  *restart = FALSE;
  *seq = self->seq;

  max_seq = read_max_seq (storage, error);
  if (max_seq < 0)
    return FALSE;
  if (max_seq == self->seq)
    return TRUE;
  /* A log that went back belongs to another register file. */
  if (max_seq < self->seq || max_seq - self->seq > MAX_CHANGES)
    {
      *restart = TRUE;
      return TRUE;
    }

  if (!(stmt = ck_storage_prepare (storage, changes_sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->seq);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 row_seq = sqlite3_column_int64 (stmt, 0);

      /* The oldest of these changes were dropped before we read them. */
      if (*seq == self->seq && row_seq != self->seq + 1)
        {
          *restart = TRUE;
          break;
        }
      *seq = row_seq;

      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        {
          gint64 id = sqlite3_column_int64 (stmt, 1);

          g_array_append_val (case_ids, id);
        }
      else if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        g_ptr_array_add (record_ids, g_strdup (ck_sqlite_column_text (stmt, 2)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return ck_sqlite_set_error (error, storage->db, rc);
  if (*restart)
    return TRUE;

  g_array_sort (case_ids, compare_ids);
  for (guint i = 0; i < case_ids->len; i++)
    {
      gint64 id = g_array_index (case_ids, gint64, i);
      Change change = { .case_id = id };

      if (i > 0 && id == g_array_index (case_ids, gint64, i - 1))
        continue;

      g_array_set_size (found, 0);
      if (read_cases (storage, id - 1, id, 1, found, self->strings, error) < 0)
        return FALSE;
      change.present = found->len == 1;
      if (change.present)
        change.kase = g_array_index (found, CaseEntry, 0);
      g_array_append_val (changes, change);
    }

  g_ptr_array_sort (record_ids, compare_strings);
  for (guint i = 0; i < record_ids->len; i++)
    {
      const char *id = record_ids->pdata[i];
      /* Record changes sort before case changes by this case_id. */
      Change change = { .case_id = G_MININT64 };

      if (i > 0 && g_str_equal (id, record_ids->pdata[i - 1]))
        continue;

      if (!(stmt = ck_storage_prepare (storage, record_sql, error)))
        return FALSE;
      record_key (id, change.record_id);
      ck_sqlite_bind_text (stmt, 1, id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        change.present = read_record (stmt, &change.record);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return ck_sqlite_set_error (error, storage->db, rc);
      g_array_append_val (changes, change);
    }

  return TRUE;
}

/* Merges sorted @changes into the sorted @entries: a new array, each
 * entry replaced, added or dropped. */
static GArray *
merge_cases (GArray       *entries,
             const Change *changes,
             guint         n_changes,
             gboolean     *new_set)
{
  GArray *merged = g_array_sized_new (FALSE, FALSE, sizeof (CaseEntry), entries->len + n_changes);
  guint i = 0, j = 0;

  *new_set = FALSE;

  while (i < entries->len || j < n_changes)
    {
      const CaseEntry *entry = i < entries->len ? &g_array_index (entries, CaseEntry, i) : NULL;
      const Change *change = j < n_changes ? &changes[j] : NULL;

      if (change == NULL || (entry != NULL && entry->id < change->case_id))
        {
          g_array_append_vals (merged, entry, 1);
          i++;
          continue;
        }

      if (change->present)
        {
          g_array_append_vals (merged, &change->kase, 1);
          if (entry != NULL && entry->id == change->case_id)
            g_array_index (merged, CaseEntry, merged->len - 1).rank = entry->rank;
          else
            *new_set = TRUE;
        }
      else if (entry != NULL && entry->id == change->case_id)
        *new_set = TRUE;
      if (entry != NULL && entry->id == change->case_id)
        i++;
      j++;
    }

  return merged;
}

static GArray *
merge_records (GArray       *entries,
               const Change *changes,
               guint         n_changes)
{
  GArray *merged = g_array_sized_new (FALSE, FALSE, sizeof (RecordEntry), entries->len + n_changes);
  guint i = 0, j = 0;

  while (i < entries->len || j < n_changes)
    {
      const RecordEntry *entry = i < entries->len ? &g_array_index (entries, RecordEntry, i) : NULL;
      const Change *change = j < n_changes ? &changes[j] : NULL;
      int order = entry == NULL ? 1 : change == NULL ? -1 : memcmp (entry->id, change->record_id, 16);

      if (order < 0)
        {
          g_array_append_vals (merged, entry, 1);
          i++;
          continue;
        }

      if (order == 0)
        i++;
      if (change->present)
        g_array_append_vals (merged, &change->record, 1);
      j++;
    }

  return merged;
}

/* Applies what read_changes() found. The new arrays are made beside the
 * old ones, so that queries go on meanwhile and only wait for the swap. */
static void
apply_changes (CkCaseIndex *self,
               GArray      *changes,
               gint64       seq)
{
  g_autoptr(GArray) cases = NULL;
  g_autoptr(GArray) records = NULL;
  guint n_records = 0;

  g_array_sort (changes, compare_changes);
  while (n_records < changes->len && g_array_index (changes, Change, n_records).case_id == G_MININT64)
    n_records++;

  if (n_records > 0)
    records = merge_records (self->records, (const Change *) changes->data, n_records);
  if (n_records < changes->len)
    {
      gboolean new_set;

      cases = merge_cases (self->cases, &g_array_index (changes, Change, n_records), changes->len - n_records,
                           &new_set);
      if (new_set)
        assign_ranks (cases);
    }

  g_rw_lock_writer_lock (&self->data_lock);
  if (records != NULL)
    {
      g_array_unref (self->records);
      self->records = g_steal_pointer (&records);
    }
  if (cases != NULL)
    {
      g_array_unref (self->cases);
      self->cases = g_steal_pointer (&cases);
    }
  self->seq = seq;
  g_rw_lock_writer_unlock (&self->data_lock);
}

/**
 * ck_case_index_update:
 *
 * Brings the index up to what the register holds now: the first time by
 * reading everything, after that by reading what the change log says
 * changed. Cheap when nothing changed (one small query).
 *
 * Returns: %TRUE, or %FALSE with @error (CK_ERROR_LOCKED while the
 *   register is locked, G_IO_ERROR_CANCELLED when cancelled)
 */
gboolean
ck_case_index_update (CkCaseIndex   *self,
                      GCancellable  *cancellable,
                      GError       **error)
{
  gboolean ok = FALSE;

  g_return_val_if_fail (CK_IS_CASE_INDEX (self), FALSE);

  g_mutex_lock (&self->update_lock);

  /* A load and what changed while it read; again if the log ran out. */
  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
      CkStorage *storage;
      gboolean restart;
      gint64 seq;

      if (!self->loaded && !load_all (self, cancellable, error))
        break;

      if (!(storage = acquire_unlocked (self, error)))
        break;
      ok = read_changes (self, storage, changes, &seq, &restart, error);
      ck_register_release (self->reg);

      if (ok && restart)
        {
          self->loaded = FALSE;
          ok = FALSE;
          continue;
        }
      if (ok && changes->len > 0)
        apply_changes (self, changes, seq);
      else if (ok)
        self->seq = seq;
      break;
    }

  if (!ok && error != NULL && *error == NULL)
    g_set_error_literal (error, CK_ERROR, CK_ERROR_FAILED,
                         _("The register keeps changing while its overview is being read. Try again."));

  g_mutex_unlock (&self->update_lock);
  return ok;
}

guint
ck_case_index_get_n_cases (CkCaseIndex *self)
{
  guint n;

  g_return_val_if_fail (CK_IS_CASE_INDEX (self), 0);

  g_rw_lock_reader_lock (&self->data_lock);
  n = self->cases->len;
  g_rw_lock_reader_unlock (&self->data_lock);
  return n;
}

guint
ck_case_index_get_n_records (CkCaseIndex *self)
{
  guint n;

  g_return_val_if_fail (CK_IS_CASE_INDEX (self), 0);

  g_rw_lock_reader_lock (&self->data_lock);
  n = self->records->len;
  g_rw_lock_reader_unlock (&self->data_lock);
  return n;
}

/* Returns: whether case @id is in the index; its facts in @facts */
gboolean
ck_case_index_get_facts (CkCaseIndex *self,
                         gint64       id,
                         CkCaseFacts *facts)
{
  int i;

  g_return_val_if_fail (CK_IS_CASE_INDEX (self), FALSE);

  g_rw_lock_reader_lock (&self->data_lock);
  i = find_case (self->cases, id);
  if (i >= 0)
    *facts = g_array_index (self->cases, CaseEntry, i).facts;
  g_rw_lock_reader_unlock (&self->data_lock);

  return i >= 0;
}

/* Returns: whether case @id is in the index; its profile in @profile */
gboolean
ck_case_index_get_profile (CkCaseIndex      *self,
                           gint64            id,
                           CkSimilarProfile *profile)
{
  int i;

  g_return_val_if_fail (CK_IS_CASE_INDEX (self), FALSE);

  g_rw_lock_reader_lock (&self->data_lock);
  i = find_case (self->cases, id);
  if (i >= 0)
    *profile = g_array_index (self->cases, CaseEntry, i).profile;
  g_rw_lock_reader_unlock (&self->data_lock);

  return i >= 0;
}

typedef struct
{
  guint32     entry;
  guint32     rank;
  guint32     due;
  int         days_overdue;
  CkStep      step;
} Pending;

/* Within a day: by the reference's rank, then the step. */
static int
compare_pending (gconstpointer a,
                 gconstpointer b)
{
  const Pending *pa = a;
  const Pending *pb = b;

  if (pa->rank != pb->rank)
    return pa->rank < pb->rank ? -1 : 1;
  return (int) pa->step - (int) pb->step;
}

/* Orders @pending as ck_attention_item_compare() orders items: most days
 * overdue first, then by reference (its rank), then by step, so that the
 * order is the same every time. Days first by counting, as items spread
 * over a few hundred days: a hundred thousand items sort in milliseconds. */
static GArray *
sort_pending (GArray *pending)
{
  GArray *sorted = g_array_sized_new (FALSE, FALSE, sizeof (Pending), pending->len);
  g_autofree guint *starts = NULL;
  int most = G_MININT, least = G_MAXINT;
  guint n_days;

  g_array_set_size (sorted, pending->len);
  if (pending->len == 0)
    return sorted;

  for (guint i = 0; i < pending->len; i++)
    {
      int days = g_array_index (pending, Pending, i).days_overdue;

      most = MAX (most, days);
      least = MIN (least, days);
    }

  n_days = (guint) (most - least) + 1;
  starts = g_new0 (guint, n_days + 1);
  for (guint i = 0; i < pending->len; i++)
    starts[most - g_array_index (pending, Pending, i).days_overdue + 1]++;
  for (guint d = 1; d <= n_days; d++)
    starts[d] += starts[d - 1];

  for (guint i = 0; i < pending->len; i++)
    {
      const Pending *p = &g_array_index (pending, Pending, i);

      g_array_index (sorted, Pending, starts[most - p->days_overdue]++) = *p;
    }

  /* Each day's items now end where the next day's begin. */
  for (guint d = 0, begin = 0; d < n_days; d++)
    {
      guint end = starts[d];

      if (end - begin > 1)
        qsort (&g_array_index (sorted, Pending, begin), end - begin, sizeof (Pending), compare_pending);
      begin = end;
    }

  return sorted;
}

/**
 * ck_case_index_collect_attention:
 * @today: the Julian day to judge against
 *
 * Returns: (transfer full): a CK_ATTENTION_CASE_STEP item for each step
 *   of a case not closed that is overdue or due within
 *   CK_GUIDANCE_HORIZON_DAYS, most urgent first; the item's target_id is
 *   the CkStep
 */
CkAttentionSet *
ck_case_index_collect_attention (CkCaseIndex       *self,
                                 CkGuidance        *guidance,
                                 const CkDeadlines *deadlines,
                                 guint32            today)
{
  g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (Pending));
  g_autoptr(GArray) sorted = NULL;
  g_autofree guint *subjects = NULL;
  CkAttentionSet *set;

  g_return_val_if_fail (CK_IS_CASE_INDEX (self), NULL);

  g_rw_lock_reader_lock (&self->data_lock);

  for (guint i = 0; i < self->cases->len; i++)
    {
      const CaseEntry *entry = &g_array_index (self->cases, CaseEntry, i);
      CkStepStatus statuses[CK_N_STEPS];

      if (entry->facts.flags & CK_FACT_CLOSED)
        continue;

      ck_guidance_evaluate (deadlines, &entry->facts, today, statuses);
      for (guint s = 0; s < CK_N_STEPS; s++)
        if (statuses[s].state == CK_STEP_STATE_DUE || statuses[s].state == CK_STEP_STATE_OVERDUE)
          {
            Pending item = { i, entry->rank, statuses[s].due, -statuses[s].days_left, s };

            g_array_append_val (pending, item);
          }
    }

  sorted = sort_pending (pending);

  /* A case with several steps due is one subject of the set. */
  subjects = g_new (guint, MAX (self->cases->len, 1));
  memset (subjects, 0xff, sizeof (guint) * self->cases->len);
  set = ck_attention_set_new (sorted->len);
  for (guint i = 0; i < sorted->len; i++)
    {
      const Pending *p = &g_array_index (sorted, Pending, i);
      const CaseEntry *entry = &g_array_index (self->cases, CaseEntry, p->entry);

      if (subjects[p->entry] == G_MAXUINT)
        subjects[p->entry] = ck_attention_set_add_subject (set, entry->id, entry->reference);
      ck_attention_set_append_step (set, subjects[p->entry], ck_guidance_get_step_label (guidance, p->step),
                                    p->due, p->days_overdue, p->step);
    }

  g_rw_lock_reader_unlock (&self->data_lock);

  return set;
}

/* A candidate in the running list of the best: its place in the index. */
typedef struct
{
  guint            score;
  CkSimilarSource  source;
  guint            index;
} Candidate;

typedef struct
{
  CkCaseIndex *self;
  Candidate   *heap;       /* the worst of the best at [0] */
  guint        n;
  guint        limit;
} Best;

static const CkSimilarProfile *
candidate_profile (CkCaseIndex     *self,
                   const Candidate *c)
{
  if (c->source == CK_SIMILAR_OWN)
    return &g_array_index (self->cases, CaseEntry, c->index).profile;

  return &g_array_index (self->records, RecordEntry, c->index).profile;
}

/* Returns: < 0 when @a ranks before @b: more comparable; then a case of
 * the unit's own; then more recent; then by id, so that ties always fall
 * the same way. */
static int
rank (CkCaseIndex     *self,
      const Candidate *a,
      const Candidate *b)
{
  const CkSimilarProfile *pa, *pb;

  if (a->score != b->score)
    return a->score > b->score ? -1 : 1;
  if (a->source != b->source)
    return a->source == CK_SIMILAR_OWN ? -1 : 1;

  pa = candidate_profile (self, a);
  pb = candidate_profile (self, b);
  if (pa->year != pb->year)
    return pa->year > pb->year ? -1 : 1;
  if (pa->quarter != pb->quarter)
    return pa->quarter > pb->quarter ? -1 : 1;

  if (a->source == CK_SIMILAR_OWN)
    {
      gint64 ia = g_array_index (self->cases, CaseEntry, a->index).id;
      gint64 ib = g_array_index (self->cases, CaseEntry, b->index).id;

      return ia < ib ? -1 : ia > ib;
    }

  return memcmp (g_array_index (self->records, RecordEntry, a->index).id,
                 g_array_index (self->records, RecordEntry, b->index).id, 16);
}

static void
sift_down (Best  *best,
           guint  i)
{
  for (;;)
    {
      guint worst = i, l = 2 * i + 1, r = 2 * i + 2;
      Candidate tmp;

      if (l < best->n && rank (best->self, &best->heap[l], &best->heap[worst]) > 0)
        worst = l;
      if (r < best->n && rank (best->self, &best->heap[r], &best->heap[worst]) > 0)
        worst = r;
      if (worst == i)
        return;

      tmp = best->heap[i];
      best->heap[i] = best->heap[worst];
      best->heap[worst] = tmp;
      i = worst;
    }
}

static void
offer (Best            *best,
       const Candidate *c)
{
  if (best->limit == 0)
    return;

  if (best->n < best->limit)
    {
      guint i = best->n++;

      best->heap[i] = *c;
      /* Sift up: the worst goes to the top. */
      while (i > 0 && rank (best->self, &best->heap[(i - 1) / 2], &best->heap[i]) < 0)
        {
          Candidate tmp = best->heap[i];

          best->heap[i] = best->heap[(i - 1) / 2];
          best->heap[(i - 1) / 2] = tmp;
          i = (i - 1) / 2;
        }
      return;
    }

  /* Most candidates lose against the worst of the best on score alone. */
  if (c->score < best->heap[0].score || rank (best->self, c, &best->heap[0]) >= 0)
    return;

  best->heap[0] = *c;
  sift_down (best, 0);
}

static int
rank_qsort (gconstpointer a,
            gconstpointer b,
            gpointer      self)
{
  return rank (self, a, b);
}

static char **
codes_of (const char *list,
          guint32     bits)
{
  GPtrArray *terms = ck_vocabulary_get_terms (ck_vocabulary_get_default (), list);
  GStrvBuilder *builder = g_strv_builder_new ();
  char **codes;

  for (guint i = 0; i < terms->len && i < 32; i++)
    if (bits & (1u << i))
      g_strv_builder_add (builder, ((const CkTerm *) terms->pdata[i])->code);

  codes = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return codes;
}

static const char *
code_at (const char *list,
         guint8      number)
{
  GPtrArray *terms = ck_vocabulary_get_terms (ck_vocabulary_get_default (), list);

  return number > 0 && number <= terms->len ? ((const CkTerm *) terms->pdata[number - 1])->code : NULL;
}

static CkSimilarMatch *
make_match (CkCaseIndex            *self,
            const Candidate        *c,
            const CkSimilarProfile *query)
{
  const CkSimilarProfile *profile = candidate_profile (self, c);
  GPtrArray *measures = ck_vocabulary_get_terms (ck_vocabulary_get_default (), CK_VOCAB_MEASURES);
  CkSimilarMatch *match = ck_similar_match_new (c->source);

  match->score = c->score;
  if (c->source == CK_SIMILAR_OWN)
    {
      const CaseEntry *entry = &g_array_index (self->cases, CaseEntry, c->index);

      match->case_id = entry->id;
      match->reference = g_strdup (entry->reference);
    }
  match->year = profile->year;
  match->quarter = profile->quarter;
  match->finding = g_strdup (code_at (CK_VOCAB_FINDINGS, profile->finding));
  for (guint i = 0; i < measures->len && i < 32; i++)
    if (profile->measures & (1u << i))
      {
        CkMeasure measure = { g_strdup (((const CkTerm *) measures->pdata[i])->code),
                              (profile->conditional & (1u << i)) != 0 };

        g_array_append_val (match->measures, measure);
      }
  match->sanction_level = profile->sanction_level;
  match->shared = ck_similar_shared_attributes (query, profile);
  match->shared_grounds = codes_of (CK_VOCAB_GROUNDS, query->grounds & profile->grounds);
  match->shared_manifestations = codes_of (CK_VOCAB_MANIFESTATIONS, query->manifestations & profile->manifestations);

  return match;
}

/* Raw counts of how the comparable cases of one source ended. */
typedef struct
{
  guint total;
  guint findings[CK_SIMILAR_MAX_FINDINGS];
  guint levels[CK_SIMILAR_MAX_LEVELS];
} Tally;

static inline void
tally (Tally                  *t,
       const CkSimilarProfile *profile,
       guint                   n_findings,
       guint                   n_levels)
{
  t->total++;
  t->findings[profile->finding < n_findings ? profile->finding : 0]++;
  t->levels[(guint) (profile->sanction_level + 1) < n_levels ? profile->sanction_level + 1 : 0]++;
}

/**
 * ck_case_index_find_similar:
 * @query: the case to compare (not stored, or stored: it is left out)
 * @limit: how many to list at most
 *
 * Scores every closed case and record against @query, keeps the @limit
 * best, and counts how all those from the comparison's threshold ended,
 * per source; the other units' counts protected against small cells.
 *
 * Returns: (transfer full): the result
 */
CkSimilarResult *
ck_case_index_find_similar (CkCaseIndex  *self,
                            CkSimilarity *similarity,
                            const CkCase *query,
                            guint         limit)
{
  CkVocabulary *vocabulary = ck_vocabulary_get_default ();
  CkSimilarResult *result = ck_similar_result_new ();
  g_autoptr(CkSimilarScorer) scorer = NULL;
  g_autofree Candidate *heap = g_new (Candidate, MAX (limit, 1));
  Best best = { self, heap, 0, limit };
  Tally own = { 0 }, national = { 0 };
  CkSimilarProfile query_profile;
  guint32 threshold;
  guint n_findings, n_levels = 1;
  GPtrArray *measures;

  g_return_val_if_fail (CK_IS_CASE_INDEX (self), NULL);

  ck_similar_profile_init_from_case (&query_profile, query);
  scorer = ck_similar_scorer_new (similarity, &query_profile);
  threshold = ck_similar_scorer_raw_for (scorer, ck_similarity_get_threshold (similarity));

  n_findings = MIN (ck_vocabulary_get_terms (vocabulary, CK_VOCAB_FINDINGS)->len + 1, CK_SIMILAR_MAX_FINDINGS);
  measures = ck_vocabulary_get_terms (vocabulary, CK_VOCAB_MEASURES);
  for (guint i = 0; i < measures->len; i++)
    n_levels = MAX (n_levels, (guint) ((const CkTerm *) measures->pdata[i])->severity + 2);
  n_levels = MIN (n_levels, CK_SIMILAR_MAX_LEVELS);

  g_rw_lock_reader_lock (&self->data_lock);

  for (guint i = 0; i < self->cases->len; i++)
    {
      const CaseEntry *entry = &g_array_index (self->cases, CaseEntry, i);
      guint32 raw;

      if (!entry->profile.closed || entry->id == query->id)
        continue;

      raw = ck_similar_scorer_score_raw (scorer, &entry->profile);
      if (raw >= threshold)
        {
          Candidate c = { ck_similar_scorer_to_score (scorer, raw), CK_SIMILAR_OWN, i };

          tally (&own, &entry->profile, n_findings, n_levels);
          offer (&best, &c);
        }
    }

  for (guint i = 0; i < self->records->len; i++)
    {
      const RecordEntry *entry = &g_array_index (self->records, RecordEntry, i);
      guint32 raw = ck_similar_scorer_score_raw (scorer, &entry->profile);

      if (raw >= threshold)
        {
          Candidate c = { ck_similar_scorer_to_score (scorer, raw), CK_SIMILAR_NATIONAL, i };

          tally (&national, &entry->profile, n_findings, n_levels);
          offer (&best, &c);
        }
    }

  g_qsort_with_data (heap, best.n, sizeof (Candidate), rank_qsort, self);
  for (guint i = 0; i < best.n; i++)
    g_ptr_array_add (result->matches, make_match (self, &heap[i], &query_profile));

  g_rw_lock_reader_unlock (&self->data_lock);

  result->threshold = ck_similarity_get_threshold (similarity);
  result->small_cell = ck_similarity_get_small_cell (similarity);
  result->n_findings = n_findings;
  result->n_levels = n_levels;
  result->proposed_level = ck_case_get_sanction_level (query);
  ck_similar_counts_fill (&result->own, own.findings, n_findings, own.levels, n_levels,
                          own.total, result->small_cell, FALSE);
  ck_similar_counts_fill (&result->national, national.findings, n_findings, national.levels, n_levels,
                          national.total, result->small_cell, TRUE);

  return result;
}
