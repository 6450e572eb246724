/* ck-session-minutes.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "ck-text-check.h"
#include "ck-types.h"

G_BEGIN_DECLS

typedef enum
{
  CK_MINUTES_FULL,    /* for the room itself: names and every note */
  CK_MINUTES_SAFE,    /* to circulate: nothing confidential */
} CkMinutesVariant;

typedef enum
{
  CK_MINUTES_PDF,
  CK_MINUTES_MARKDOWN,
} CkMinutesFormat;

/* The minutes of a reflection session: the agenda, per item the facts the
 * group saw and the notes per method step, then patterns, lessons and
 * actions. The safe variant leaves out participants' names, notes marked
 * as about a person, and every free text in which the check finds
 * something, and says how much it left out. */

gboolean  ck_session_minutes_write           (CkRegister         *reg,
                                              gint64              session_id,
                                              CkMinutesVariant    variant,
                                              CkMinutesFormat     format,
                                              CkTextCheck        *check,
                                              const GDate        *today,
                                              const char         *path,
                                              GError            **error);
char     *ck_session_minutes_to_markdown     (CkRegister         *reg,
                                              gint64              session_id,
                                              CkMinutesVariant    variant,
                                              CkTextCheck        *check,
                                              const GDate        *today,
                                              GError            **error);
void      ck_session_minutes_write_async     (CkRegister         *reg,
                                              gint64              session_id,
                                              CkMinutesVariant    variant,
                                              CkMinutesFormat     format,
                                              const char         *path,
                                              CkTextCheck        *check,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);
gboolean  ck_session_minutes_write_finish    (CkRegister         *reg,
                                              GAsyncResult       *result,
                                              GError            **error);

G_END_DECLS
