/* ck-case-row.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ck-case-row.h"

/* A list holds 100,000 of these, so all but the reference are interned:
 * dates, codes and code lists repeat, and a row costs one allocation for
 * the object and one for its reference. */
struct _CkCaseRow
{
  GObject             parent_instance;

  gint64              id;
  char               *reference;
  const char         *report_date;
  const char         *kind;
  const char * const *grounds;
  const char * const *manifestations;
  const char         *status;
  const char         *team;
  int                 days_open;
};

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

  g_free (self->reference);

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
      g_value_set_string (value, self->reference);
      break;

    case PROP_REPORT_DATE:
      g_value_set_string (value, self->report_date);
      break;

    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;

    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;

    case PROP_TEAM:
      g_value_set_string (value, self->team);
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

/* Returns: (transfer none): the codes of @joined ("a,b") as an interned,
 * NULL-terminated vector, the same one for the same text */
static const char * const *
intern_codes (const char *joined)
{
  static GHashTable *vectors;
  G_LOCK_DEFINE_STATIC (vectors);
  static const char * const none[] = { NULL };
  const char * const *codes;

  if (joined == NULL || *joined == '\0')
    return none;

  G_LOCK (vectors);

  if (vectors == NULL)
    vectors = g_hash_table_new (g_str_hash, g_str_equal);

  codes = g_hash_table_lookup (vectors, joined);
  if (codes == NULL)
    {
      g_auto(GStrv) split = g_strsplit (joined, ",", -1);
      guint n = g_strv_length (split);
      const char **interned = g_new0 (const char *, n + 1);

      for (guint i = 0; i < n; i++)
        interned[i] = g_intern_string (split[i]);
      codes = interned;
      /* Kept for the life of the program: there are few combinations. */
      g_hash_table_insert (vectors, (gpointer) g_intern_string (joined), (gpointer) codes);
    }

  G_UNLOCK (vectors);
  return codes;
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
  self->reference = g_strdup (reference);
  self->report_date = g_intern_string (report_date);
  self->kind = g_intern_string (kind);
  self->grounds = intern_codes (grounds);
  self->manifestations = intern_codes (manifestations);
  self->status = g_intern_string (status);
  self->team = g_intern_string (team);
  self->days_open = days_open;

  return self;
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

  return self->reference;
}

const char *
ck_case_row_get_report_date (CkCaseRow *self)
{
  g_return_val_if_fail (CK_IS_CASE_ROW (self), NULL);

  return self->report_date;
}

const char *
ck_case_row_get_kind (CkCaseRow *self)
{
  g_return_val_if_fail (CK_IS_CASE_ROW (self), NULL);

  return self->kind;
}

const char * const *
ck_case_row_get_grounds (CkCaseRow *self)
{
  g_return_val_if_fail (CK_IS_CASE_ROW (self), NULL);

  return self->grounds;
}

const char * const *
ck_case_row_get_manifestations (CkCaseRow *self)
{
  g_return_val_if_fail (CK_IS_CASE_ROW (self), NULL);

  return self->manifestations;
}

const char *
ck_case_row_get_status (CkCaseRow *self)
{
  g_return_val_if_fail (CK_IS_CASE_ROW (self), NULL);

  return self->status;
}

const char *
ck_case_row_get_team (CkCaseRow *self)
{
  g_return_val_if_fail (CK_IS_CASE_ROW (self), NULL);

  return self->team;
}

int
ck_case_row_get_days_open (CkCaseRow *self)
{
  g_return_val_if_fail (CK_IS_CASE_ROW (self), -1);

  return self->days_open;
}
