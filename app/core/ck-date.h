/* ck-date.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Dates are calendar days without a time or zone. A cleared GDate
 * (g_date_clear) means "not recorded". */

gboolean  ck_date_is_set          (const GDate *date);
char     *ck_date_to_iso          (const GDate *date);
gboolean  ck_date_from_iso        (GDate       *date,
                                   const char  *text);
gboolean  ck_date_parse_user      (GDate       *date,
                                   const char  *text);
char     *ck_date_format_user     (const GDate *date);
int       ck_date_compare         (const GDate *a,
                                   const GDate *b);
int       ck_date_days_between    (const GDate *from,
                                   const GDate *to);
void      ck_date_set_today       (GDate       *date);
int       ck_date_get_quarter     (const GDate *date);
char     *ck_date_to_quarter      (const GDate *date);

G_END_DECLS
