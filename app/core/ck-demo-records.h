/* ck-demo-records.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "ck-shared-record.h"
#include "ck-types.h"

G_BEGIN_DECLS

/* Called with each invented record; returns %FALSE to stop. */
typedef gboolean (*CkDemoRecordFunc) (const CkSharedRecord *record,
                                      gpointer              user_data);

void      ck_demo_records_generate (const char * const  *units,
                                    guint                n_records,
                                    const GDate         *until,
                                    guint                n_years,
                                    guint32              seed,
                                    CkDemoRecordFunc     func,
                                    gpointer             user_data);
gboolean  ck_demo_records_add      (CkRegister          *reg,
                                    const char * const  *units,
                                    guint                n_records,
                                    const GDate         *until,
                                    guint                n_years,
                                    guint32              seed,
                                    GError             **error);

G_END_DECLS
