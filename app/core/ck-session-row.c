/* ck-session-row.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ck-session.h"
#include "ck-session-row.h"

struct _CkSessionRow
{
  GObject  parent_instance;

  gint64   id;
  GDate    date;
  char    *title;     /* as shown: the session's own, or made of its date */
  char    *method;
  char    *status;
  guint    n_items;
  guint    n_open_actions;
};

G_DEFINE_FINAL_TYPE (CkSessionRow, ck_session_row, G_TYPE_OBJECT)

static void
ck_session_row_finalize (GObject *object)
{
  CkSessionRow *self = (CkSessionRow *)object;

  g_free (self->title);
  g_free (self->method);
  g_free (self->status);

  G_OBJECT_CLASS (ck_session_row_parent_class)->finalize (object);
}

static void
ck_session_row_class_init (CkSessionRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ck_session_row_finalize;
}

static void
ck_session_row_init (CkSessionRow *self)
{
  g_date_clear (&self->date, 1);
}

/* @title: (nullable): the session's own title, if it has one */
CkSessionRow *
ck_session_row_new (gint64       id,
                    const GDate *date,
                    const char  *title,
                    const char  *method,
                    const char  *status,
                    guint        n_items,
                    guint        n_open_actions)
{
  CkSessionRow *self = g_object_new (CK_TYPE_SESSION_ROW, NULL);
  g_autoptr(CkSession) session = ck_session_new ();

  session->date = *date;
  session->title = g_strdup (title);

  self->id = id;
  self->date = *date;
  self->title = ck_session_dup_title (session);
  self->method = g_strdup (method);
  self->status = g_strdup (status);
  self->n_items = n_items;
  self->n_open_actions = n_open_actions;
  return self;
}

gint64
ck_session_row_get_id (CkSessionRow *self)
{
  g_return_val_if_fail (CK_IS_SESSION_ROW (self), 0);
  return self->id;
}

const GDate *
ck_session_row_get_date (CkSessionRow *self)
{
  g_return_val_if_fail (CK_IS_SESSION_ROW (self), NULL);
  return &self->date;
}

const char *
ck_session_row_get_title (CkSessionRow *self)
{
  g_return_val_if_fail (CK_IS_SESSION_ROW (self), NULL);
  return self->title;
}

const char *
ck_session_row_get_method (CkSessionRow *self)
{
  g_return_val_if_fail (CK_IS_SESSION_ROW (self), NULL);
  return self->method;
}

const char *
ck_session_row_get_status (CkSessionRow *self)
{
  g_return_val_if_fail (CK_IS_SESSION_ROW (self), NULL);
  return self->status;
}

guint
ck_session_row_get_n_items (CkSessionRow *self)
{
  g_return_val_if_fail (CK_IS_SESSION_ROW (self), 0);
  return self->n_items;
}

guint
ck_session_row_get_n_open_actions (CkSessionRow *self)
{
  g_return_val_if_fail (CK_IS_SESSION_ROW (self), 0);
  return self->n_open_actions;
}
