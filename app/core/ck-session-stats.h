/* ck-session-stats.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ck-storage.h"

G_BEGIN_DECLS

/* How many of the register's cases were reported in a period, and in the
 * period of the same length just before it, per ground, manifestation,
 * channel and team: what a reflection session looks at to see what
 * changed. Deliberately small and apart, so that the statistics engine
 * can take its place. */
typedef struct
{
  const char *list;       /* CK_VOCAB_GROUNDS, _MANIFESTATIONS, _CHANNELS or CK_THEME_TEAM */
  char       *code;
  guint       current;
  guint       previous;
} CkPeriodCount;

void                 ck_period_count_free          (CkPeriodCount *self);
GPtrArray           *ck_session_stats_count        (CkStorage     *storage,
                                                    const GDate   *from,
                                                    const GDate   *to,
                                                    GError       **error);
const CkPeriodCount *ck_session_stats_find         (GPtrArray     *counts,
                                                    const char    *list,
                                                    const char    *code);
char                *ck_session_stats_make_filter  (const char    *list,
                                                    const char    *code);
gboolean             ck_session_stats_parse_filter (const char    *filter,
                                                    char         **list,
                                                    char         **code);

G_END_DECLS
