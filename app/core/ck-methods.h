/* ck-methods.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The roles and methods of data/reflection/reflection.xml. Everything is
 * owned by its CkMethods and never changes after loading; titles and
 * texts are in the user's language. */

typedef struct
{
  const char *id;
  const char *title;
  const char *text;        /* what the group does in this step */
  guint       minutes;     /* the time the step is given */
} CkMethodStep;

typedef struct
{
  const char   *id;
  const char   *title;
  const char   *description;
  CkMethodStep *steps;
  guint         n_steps;
} CkMethod;

typedef struct
{
  const char *id;
  const char *label;
} CkSessionRole;

#define CK_TYPE_METHODS (ck_methods_get_type ())

G_DECLARE_FINAL_TYPE (CkMethods, ck_methods, CK, METHODS, GObject)

CkMethods           *ck_methods_get_default     (void);
CkMethods           *ck_methods_new_from_bytes  (GBytes          *xml,
                                                 GError         **error);
guint                ck_methods_get_version     (CkMethods       *self);
GPtrArray           *ck_methods_get_all         (CkMethods       *self);
const CkMethod      *ck_methods_lookup          (CkMethods       *self,
                                                 const char      *id);
GPtrArray           *ck_methods_get_roles       (CkMethods       *self);
const char          *ck_methods_get_role_label  (CkMethods       *self,
                                                 const char      *role);
const CkMethodStep  *ck_method_lookup_step      (const CkMethod  *method,
                                                 const char      *step);

G_END_DECLS
