/* ck-stats-filter.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ck-stats-data.h"
#include "ck-stats-filter.h"
#include "ck-vocabulary.h"

G_DEFINE_BOXED_TYPE (CkStatsFilter, ck_stats_filter, ck_stats_filter_copy, ck_stats_filter_free)

CkStatsFilter *
ck_stats_filter_new (int from,
                     int to)
{
  CkStatsFilter *self = g_new0 (CkStatsFilter, 1);

  self->from = MIN (from, to);
  self->to = MAX (from, to);
  return self;
}

CkStatsFilter *
ck_stats_filter_copy (const CkStatsFilter *self)
{
  CkStatsFilter *copy = ck_stats_filter_new (self->from, self->to);

  copy->unit = g_strdup (self->unit);
  copy->team = g_strdup (self->team);
  copy->ground = g_strdup (self->ground);
  copy->manifestation = g_strdup (self->manifestation);
  copy->channel = g_strdup (self->channel);
  copy->kind = g_strdup (self->kind);
  return copy;
}

void
ck_stats_filter_free (CkStatsFilter *self)
{
  if (self == NULL)
    return;

  g_free (self->unit);
  g_free (self->team);
  g_free (self->ground);
  g_free (self->manifestation);
  g_free (self->channel);
  g_free (self->kind);
  g_free (self);
}

gboolean
ck_stats_filter_equal (const CkStatsFilter *a,
                       const CkStatsFilter *b)
{
  return a->from == b->from && a->to == b->to &&
         g_strcmp0 (a->unit, b->unit) == 0 &&
         g_strcmp0 (a->team, b->team) == 0 &&
         g_strcmp0 (a->ground, b->ground) == 0 &&
         g_strcmp0 (a->manifestation, b->manifestation) == 0 &&
         g_strcmp0 (a->channel, b->channel) == 0 &&
         g_strcmp0 (a->kind, b->kind) == 0;
}

/* Returns: the number of quarters in the period */
int
ck_stats_filter_get_length (const CkStatsFilter *self)
{
  return self->to - self->from + 1;
}

/* Returns: (transfer full): "2024 Q1 – 2025 Q4", or one quarter */
char *
ck_stats_filter_describe_period (const CkStatsFilter *self)
{
  g_autofree char *from = ck_stats_quarter_to_label (self->from);
  g_autofree char *to = ck_stats_quarter_to_label (self->to);

  if (self->from == self->to)
    return g_steal_pointer (&from);

  /* Translators: a period from one quarter to another, inclusive. */
  return g_strdup_printf (_("%s – %s"), from, to);
}

static void
append_condition (GString    *text,
                  const char *label,
                  const char *value)
{
  if (value == NULL)
    return;

  g_string_append (text, text->len > 0 ? "; " : "");
  g_string_append_printf (text, "%s: %s", label, value);
}

/* Returns: (transfer full): the period and the conditions, for titles and
 * the report */
char *
ck_stats_filter_describe (const CkStatsFilter *self)
{
  CkVocabulary *vocabulary = ck_vocabulary_get_default ();
  g_autofree char *period = ck_stats_filter_describe_period (self);
  GString *text = g_string_new (period);
  g_autoptr(GString) conditions = g_string_new (NULL);

  append_condition (conditions, _("Unit"),
                    self->unit ? ck_vocabulary_get_label (vocabulary, CK_VOCAB_UNITS, self->unit) : NULL);
  append_condition (conditions, _("Sector or team"), self->team);
  append_condition (conditions, _("Ground"),
                    self->ground ? ck_vocabulary_get_label (vocabulary, CK_VOCAB_GROUNDS, self->ground) : NULL);
  append_condition (conditions, _("Manifestation"),
                    self->manifestation ? ck_vocabulary_get_label (vocabulary, CK_VOCAB_MANIFESTATIONS, self->manifestation) : NULL);
  append_condition (conditions, _("Channel"),
                    self->channel ? ck_vocabulary_get_label (vocabulary, CK_VOCAB_CHANNELS, self->channel) : NULL);
  append_condition (conditions, _("Kind"),
                    self->kind ? ck_vocabulary_get_label (vocabulary, CK_VOCAB_KINDS, self->kind) : NULL);

  if (conditions->len > 0)
    g_string_append_printf (text, " (%s)", conditions->str);

  return g_string_free (text, FALSE);
}
