/* ck-case-row.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ck-case-row.h"

/* A list holds 100,000 of these, so a row is one 64-byte allocation:
 * dates, codes and code lists repeat, and the row keeps only their place
 * in a table of values kept for the program; the reference is kept in
 * the row itself when it is short, as every reference the register makes
 * is ("AMS-2025-0042"). */
#define INLINE_REFERENCE 16
#define HEAP_REFERENCE   '\xff'   /* first byte: the reference is on the heap */

typedef guint16 ValueId;          /* 0 is "none" */

typedef struct
{
  GMutex         lock;           /* for adding; reading needs none */
  GHashTable    *ids;            /* key → ValueId */
  guint          n;
  gconstpointer  values[G_MAXUINT16 + 1];  /* never moves */
} ValueTable;

struct _CkCaseRow
{
  GObject             parent_instance;

  gint64              id;
  int                 days_open;
  ValueId             report_date;
  ValueId             kind;
  ValueId             status;
  ValueId             team;
  ValueId             grounds;
  ValueId             manifestations;
  union {
    char              text[INLINE_REFERENCE];
    struct {
      char            marker;
      char           *text;
    } heap;
  } reference;
};

G_STATIC_ASSERT (sizeof (CkCaseRow) <= 64);

static ValueTable strings;        /* interned strings: dates and codes */
static ValueTable code_lists;     /* interned NULL-terminated code vectors */

G_DEFINE_FINAL_TYPE (CkCaseRow, ck_case_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_REFERENCE,
  PROP_REPORT_DATE,
  PROP_KIND,
  PROP_STATUS,
  PROP_TEAM,
  PROP_DAYS_OPEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ck_case_row_finalize (GObject *object)
{
  CkCaseRow *self = (CkCaseRow *)object;

  if (self->reference.heap.marker == HEAP_REFERENCE)
    g_free (self->reference.heap.text);

  G_OBJECT_CLASS (ck_case_row_parent_class)->finalize (object);
}

static void
ck_case_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CkCaseRow *self = CK_CASE_ROW (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_REFERENCE:
      g_value_set_string (value, ck_case_row_get_reference (self));
      break;

    case PROP_REPORT_DATE:
      g_value_set_string (value, ck_case_row_get_report_date (self));
      break;

    case PROP_KIND:
      g_value_set_string (value, ck_case_row_get_kind (self));
      break;

    case PROP_STATUS:
      g_value_set_string (value, ck_case_row_get_status (self));
      break;

    case PROP_TEAM:
      g_value_set_string (value, ck_case_row_get_team (self));
      break;

    case PROP_DAYS_OPEN:
      g_value_set_int (value, self->days_open);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ck_case_row_class_init (CkCaseRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ck_case_row_finalize;
  object_class->get_property = ck_case_row_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REFERENCE] =
    g_param_spec_string ("reference", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REPORT_DATE] =
    g_param_spec_string ("report-date", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEAM] =
    g_param_spec_string ("team", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DAYS_OPEN] =
    g_param_spec_int ("days-open", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ck_case_row_init (CkCaseRow *self)
{
}

/* Returns: the place of @key in @table, added with @make (@key) when it
 * is new; 0 for a NULL @key. */
static ValueId
table_add (ValueTable    *table,
           const char    *key,
           gconstpointer (*make) (const char *key))
{
  gpointer found;
  ValueId id = 0;

  if (key == NULL)
    return 0;

  g_mutex_lock (&table->lock);

  if (table->ids == NULL)
    table->ids = g_hash_table_new (g_str_hash, g_str_equal);

  if (g_hash_table_lookup_extended (table->ids, key, NULL, &found))
    id = GPOINTER_TO_UINT (found);
  else if (table->n < G_MAXUINT16)
    {
      id = ++table->n;
      table->values[id] = make (key);
      g_hash_table_insert (table->ids, (gpointer) g_intern_string (key), GUINT_TO_POINTER (id));
    }
  else
    /* Dates of two centuries and every combination of the vocabulary's
     * codes fit; a register with more is not one this program made. */
    g_warning ("More than %u different dates, codes or code lists in the case list",
               G_MAXUINT16);

  g_mutex_unlock (&table->lock);
  return id;
}

static gconstpointer
make_string (const char *key)
{
  return g_intern_string (key);
}

/* Returns: @joined ("a,b") as a NULL-terminated vector of interned codes */
static gconstpointer
make_code_list (const char *joined)
{
  g_auto(GStrv) split = g_strsplit (joined, ",", -1);
  guint n = g_strv_length (split);
  const char **interned = g_new0 (const char *, n + 1);

  for (guint i = 0; i < n; i++)
    interned[i] = g_intern_string (split[i]);

  return interned;
}

static const char *
empty_to_null (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

/**
 * ck_case_row_new:
 * @grounds: (nullable): codes joined with ","
 * @manifestations: (nullable): codes joined with ","
 * @days_open: days since the report, -1 when not known
 */
CkCaseRow *
ck_case_row_new (gint64      id,
                 const char *reference,
                 const char *report_date,
                 const char *kind,
                 const char *grounds,
                 const char *manifestations,
                 const char *status,
                 const char *team,
                 int         days_open)
{
  CkCaseRow *self = g_object_new (CK_TYPE_CASE_ROW, NULL);

  self->id = id;
  if (reference == NULL)
    reference = "";
  if (strlen (reference) < INLINE_REFERENCE && (guchar) reference[0] != (guchar) HEAP_REFERENCE)
    strcpy (self->reference.text, reference);
  else
    {
      self->reference.heap.marker = HEAP_REFERENCE;
      self->reference.heap.text = g_strdup (reference);
    }
  self->report_date = table_add (&strings, report_date, make_string);
  self->kind = table_add (&strings, kind, make_string);
  self->grounds = table_add (&code_lists, empty_to_null (grounds), make_code_list);
  self->manifestations = table_add (&code_lists, empty_to_null (manifestations), make_code_list);
  self->status = table_add (&strings, status, make_string);
  self->team = table_add (&strings, team, make_string);
  self->days_open = days_open;

  return self;
}

static const char *
string_value (ValueId id)
{
  return id != 0 ? strings.values[id] : NULL;
}

static const char * const *
code_list_value (ValueId id)
{
  static const char * const none[] = { NULL };

  return id != 0 ? code_lists.values[id] : none;
}

gint64
ck_case_row_get_id (CkCaseRow *self)
{
  g_return_val_if_fail (CK_IS_CASE_ROW (self), 0);

  return self->id;
}

const char *
ck_case_row_get_reference (CkCaseRow *self)
{
  g_return_val_if_fail (CK_IS_CASE_ROW (self), NULL);

  if (self->reference.heap.marker == HEAP_REFERENCE)
    return self->reference.heap.text;

  return self->reference.text;
}

const char *
ck_case_row_get_report_date (CkCaseRow *self)
{
  g_return_val_if_fail (CK_IS_CASE_ROW (self), NULL);

  return string_value (self->report_date);
}

const char *
ck_case_row_get_kind (CkCaseRow *self)
{
  g_return_val_if_fail (CK_IS_CASE_ROW (self), NULL);

  return string_value (self->kind);
}

const char * const *
ck_case_row_get_grounds (CkCaseRow *self)
{
  g_return_val_if_fail (CK_IS_CASE_ROW (self), NULL);

  return code_list_value (self->grounds);
}

const char * const *
ck_case_row_get_manifestations (CkCaseRow *self)
{
  g_return_val_if_fail (CK_IS_CASE_ROW (self), NULL);

  return code_list_value (self->manifestations);
}

const char *
ck_case_row_get_status (CkCaseRow *self)
{
  g_return_val_if_fail (CK_IS_CASE_ROW (self), NULL);

  return string_value (self->status);
}

const char *
ck_case_row_get_team (CkCaseRow *self)
{
  g_return_val_if_fail (CK_IS_CASE_ROW (self), NULL);

  return string_value (self->team);
}

int
ck_case_row_get_days_open (CkCaseRow *self)
{
  g_return_val_if_fail (CK_IS_CASE_ROW (self), -1);

  return self->days_open;
}
