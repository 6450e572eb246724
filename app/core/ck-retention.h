/* ck-retention.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ck-types.h"

G_BEGIN_DECLS

/* The retention term of personal data (DOMAIN.md, privacy rule 6).
 *
 * A closed case keeps its confidential fields for the unit's term, in
 * years, counted from the day it closed: the later of its disposal date
 * and the day its status last became closed (from the audit log), or the
 * day it was registered when neither is known. Open cases are never
 * erased. Erasing deletes the sealed values and the case's data key; the
 * categorical row stays, so figures, the overview and the shared records
 * are the same as before.
 *
 * A reflection session keeps its personal data (participants' names,
 * notes, the texts of lessons not released) for the same term, counted
 * from its date. Erasing clears those and gives the session a fresh data
 * key; date, method, agenda, patterns, actions and the lessons' codes and
 * released texts stay. Neither takes personal data again afterwards.
 *
 * The term lives in the register, so the window and casuskamer-cli agree.
 * Every call takes the register's lock; ck_retention_apply() and
 * ck_retention_set_years() emit the register's "changed", so call them on
 * the register's thread, or use ck_retention_apply_async(). */

#define CK_RETENTION_DEFAULT_YEARS 5
#define CK_RETENTION_MIN_YEARS     1
#define CK_RETENTION_MAX_YEARS     30

typedef struct
{
  gint64  case_id;     /* 0 for a session */
  gint64  session_id;  /* 0 for a case */
  char   *reference;   /* a case's reference, a session's title */
  GDate   closed_on;   /* where the term starts: the day a case closed, a session's date */
  GDate   erase_on;    /* the first day the personal data is past its term */
} CkRetentionItem;

int        ck_retention_get_years        (CkRegister    *reg);
gboolean   ck_retention_set_years        (CkRegister    *reg,
                                          int            years,
                                          GError       **error);
GArray    *ck_retention_list_due         (CkRegister    *reg,
                                          const GDate   *today,
                                          int            within_days,
                                          GError       **error);
gboolean   ck_retention_get_erase_date   (CkRegister    *reg,
                                          gint64         case_id,
                                          GDate         *erase_on,
                                          GError       **error);
gboolean   ck_retention_apply            (CkRegister    *reg,
                                          const GDate   *today,
                                          guint         *n_cases,
                                          guint         *n_sessions,
                                          GError       **error);
void       ck_retention_apply_async      (CkRegister          *reg,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean   ck_retention_apply_finish     (CkRegister    *reg,
                                          GAsyncResult  *result,
                                          guint         *n_cases,
                                          guint         *n_sessions,
                                          GError       **error);
char      *ck_retention_format_years     (int            years);
char      *ck_retention_describe_erased  (guint          n_cases,
                                          guint          n_sessions,
                                          int            years);

G_END_DECLS
