/* ck-methods.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ck-error.h"
#include "ck-methods.h"

struct _CkMethods
{
  GObject       parent_instance;

  guint         version;
  GStringChunk *strings;
  GPtrArray    *methods;    /* CkMethod, in file order */
  GPtrArray    *roles;      /* CkSessionRole, in file order */
};

G_DEFINE_FINAL_TYPE (CkMethods, ck_methods, G_TYPE_OBJECT)

typedef struct
{
  CkMethods     *self;
  CkMethod      *method;     /* being read */
  GArray        *steps;      /* CkMethodStep of @method */
  CkMethodStep  *step;       /* being read */
  CkSessionRole *role;       /* being read */
  const char   **target;     /* where the text being read goes */
  GString       *text;
} ParseState;

static void
method_free (CkMethod *method)
{
  g_free (method->steps);
  g_free (method);
}

static void
ck_methods_finalize (GObject *object)
{
  CkMethods *self = (CkMethods *)object;

  g_clear_pointer (&self->methods, g_ptr_array_unref);
  g_clear_pointer (&self->roles, g_ptr_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);

  G_OBJECT_CLASS (ck_methods_parent_class)->finalize (object);
}

static void
ck_methods_class_init (CkMethodsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ck_methods_finalize;
}

static void
ck_methods_init (CkMethods *self)
{
  self->strings = g_string_chunk_new (4096);
  self->methods = g_ptr_array_new_with_free_func ((GDestroyNotify) method_free);
  self->roles = g_ptr_array_new_with_free_func (g_free);
}

static gboolean
is_valid_id (const char *id)
{
  if (id == NULL || *id == '\0' || strlen (id) > 40)
    return FALSE;

  for (const char *p = id; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
      return FALSE;

  return TRUE;
}

static const char *
intern (CkMethods  *self,
        const char *text)
{
  return g_string_chunk_insert_const (self->strings, text);
}

static gboolean
set_invalid (GError     **error,
             const char  *what,
             const char  *id)
{
  g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
               "invalid or repeated %s id “%s”", what, id != NULL ? id : "");
  return FALSE;
}

static void
start_role (ParseState  *state,
            const char  *element,
            const char **names,
            const char **values,
            GError     **error)
{
  const char *id = NULL;

  if (!g_markup_collect_attributes (element, names, values, error,
                                    G_MARKUP_COLLECT_STRING, "id", &id,
                                    G_MARKUP_COLLECT_INVALID))
    return;

  for (guint i = 0; i < state->self->roles->len; i++)
    if (g_str_equal (((CkSessionRole *) state->self->roles->pdata[i])->id, id))
      {
        set_invalid (error, "role", id);
        return;
      }

  if (!is_valid_id (id))
    {
      set_invalid (error, "role", id);
      return;
    }

  state->role = g_new0 (CkSessionRole, 1);
  state->role->id = intern (state->self, id);
  g_ptr_array_add (state->self->roles, state->role);
}

static void
start_method (ParseState  *state,
              const char  *element,
              const char **names,
              const char **values,
              GError     **error)
{
  const char *id = NULL;

  if (!g_markup_collect_attributes (element, names, values, error,
                                    G_MARKUP_COLLECT_STRING, "id", &id,
                                    G_MARKUP_COLLECT_INVALID))
    return;

  if (!is_valid_id (id) || ck_methods_lookup (state->self, id) != NULL)
    {
      set_invalid (error, "method", id);
      return;
    }

  state->method = g_new0 (CkMethod, 1);
  state->method->id = intern (state->self, id);
  state->steps = g_array_new (FALSE, TRUE, sizeof (CkMethodStep));
  g_ptr_array_add (state->self->methods, state->method);
}

static void
start_step (ParseState  *state,
            const char  *element,
            const char **names,
            const char **values,
            GError     **error)
{
  const char *id = NULL;
  const char *minutes = NULL;
  CkMethodStep step = { NULL, };
  guint64 value = 0;

  if (!g_markup_collect_attributes (element, names, values, error,
                                    G_MARKUP_COLLECT_STRING, "id", &id,
                                    G_MARKUP_COLLECT_STRING, "minutes", &minutes,
                                    G_MARKUP_COLLECT_INVALID))
    return;

  for (guint i = 0; i < state->steps->len; i++)
    if (g_str_equal (g_array_index (state->steps, CkMethodStep, i).id, id))
      {
        set_invalid (error, "step", id);
        return;
      }

  if (!is_valid_id (id))
    {
      set_invalid (error, "step", id);
      return;
    }

  if (!g_ascii_string_to_unsigned (minutes, 10, 1, 240, &value, NULL))
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                   "step “%s” has no valid minutes", id);
      return;
    }

  step.id = intern (state->self, id);
  step.minutes = (guint) value;
  g_array_append_val (state->steps, step);
  state->step = &g_array_index (state->steps, CkMethodStep, state->steps->len - 1);
}

static const char **
text_target (ParseState *state,
             const char *element)
{
  if (state->role != NULL && g_str_equal (element, "label"))
    return &state->role->label;
  if (state->step != NULL && g_str_equal (element, "title"))
    return &state->step->title;
  if (state->step != NULL && g_str_equal (element, "text"))
    return &state->step->text;
  if (state->method != NULL && state->step == NULL && g_str_equal (element, "title"))
    return &state->method->title;
  if (state->method != NULL && state->step == NULL && g_str_equal (element, "description"))
    return &state->method->description;
  return NULL;
}

static void
start_element (GMarkupParseContext  *context,
               const char           *element,
               const char          **names,
               const char          **values,
               gpointer              user_data,
               GError              **error)
{
  ParseState *state = user_data;

  if (g_str_equal (element, "reflection"))
    {
      const char *version = NULL;

      if (g_markup_collect_attributes (element, names, values, error,
                                       G_MARKUP_COLLECT_STRING, "version", &version,
                                       G_MARKUP_COLLECT_INVALID))
        state->self->version = (guint) g_ascii_strtoull (version, NULL, 10);
    }
  else if (g_str_equal (element, "roles"))
    return;
  else if (g_str_equal (element, "role"))
    start_role (state, element, names, values, error);
  else if (g_str_equal (element, "method"))
    start_method (state, element, names, values, error);
  else if (g_str_equal (element, "step") && state->method != NULL)
    start_step (state, element, names, values, error);
  else if ((state->target = text_target (state, element)) != NULL)
    g_string_truncate (state->text, 0);
  else
    g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_UNKNOWN_ELEMENT,
                 "unexpected element <%s>", element);
}

/* Returns: (transfer full): @text with every run of white space made one
 * space and none at the ends, as xgettext extracts it, so that the
 * translation is found. */
static char *
normalize_space (const char *text)
{
  GString *normal = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = normal->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (normal, ' ');
      space = FALSE;
      g_string_append_c (normal, *p);
    }

  return g_string_free (normal, FALSE);
}

static gboolean
check_complete (ParseState  *state,
                const char  *element,
                GError     **error)
{
  const char *missing = NULL;

  if (g_str_equal (element, "role") && state->role->label == NULL)
    missing = state->role->id;
  else if (g_str_equal (element, "step") && (state->step->title == NULL || state->step->text == NULL))
    missing = state->step->id;
  else if (g_str_equal (element, "method") && (state->method->title == NULL || state->steps->len == 0))
    missing = state->method->id;

  if (missing == NULL)
    return TRUE;

  g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
               "<%s> “%s” is incomplete", element, missing);
  return FALSE;
}

static void
end_element (GMarkupParseContext  *context,
             const char           *element,
             gpointer              user_data,
             GError              **error)
{
  ParseState *state = user_data;

  if (state->target != NULL)
    {
      g_autofree char *source = normalize_space (state->text->str);

      *state->target = intern (state->self, g_dgettext (GETTEXT_PACKAGE, source));
      state->target = NULL;
    }
  else if (g_str_equal (element, "role"))
    {
      if (check_complete (state, element, error))
        state->role = NULL;
    }
  else if (g_str_equal (element, "step") && state->step != NULL)
    {
      if (check_complete (state, element, error))
        state->step = NULL;
    }
  else if (g_str_equal (element, "method"))
    {
      if (!check_complete (state, element, error))
        return;
      state->method->n_steps = state->steps->len;
      state->method->steps = (CkMethodStep *) (gpointer) g_array_free (g_steal_pointer (&state->steps), FALSE);
      state->method = NULL;
    }
}

static void
text (GMarkupParseContext  *context,
      const char           *text,
      gsize                 len,
      gpointer              user_data,
      GError              **error)
{
  ParseState *state = user_data;

  if (state->target != NULL)
    g_string_append_len (state->text, text, len);
}

/**
 * ck_methods_new_from_bytes:
 *
 * Parses a reflection data file. Texts are translated with the
 * application's gettext domain as they are loaded.
 *
 * Returns: (transfer full): the methods, or %NULL with @error set.
 */
CkMethods *
ck_methods_new_from_bytes (GBytes  *xml,
                           GError **error)
{
  static const GMarkupParser parser = { start_element, end_element, text, NULL, NULL };
  g_autoptr(CkMethods) self = g_object_new (CK_TYPE_METHODS, NULL);
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GString) buffer = g_string_new (NULL);
  ParseState state = { .self = self, .text = buffer };
  gsize len;
  const char *data = g_bytes_get_data (xml, &len);
  gboolean ok;

  context = g_markup_parse_context_new (&parser, G_MARKUP_PREFIX_ERROR_POSITION, &state, NULL);
  ok = g_markup_parse_context_parse (context, data, len, error) &&
       g_markup_parse_context_end_parse (context, error);
  g_clear_pointer (&state.steps, g_array_unref);
  if (!ok)
    return NULL;

  if (self->version == 0 || self->methods->len == 0 || self->roles->len == 0)
    {
      g_set_error_literal (error, CK_ERROR, CK_ERROR_CORRUPT,
                           "reflection data without a version, methods or roles");
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * ck_methods_get_default:
 *
 * The methods shipped with the application, loaded once: a program-wide
 * constant like the vocabulary.
 *
 * Returns: (transfer none): the methods
 */
CkMethods *
ck_methods_get_default (void)
{
  static CkMethods *methods;

  if (g_once_init_enter (&methods))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      CkMethods *loaded;

      bytes = g_resources_lookup_data (RESOURCE_PREFIX "/data/reflection.xml",
                                       G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (bytes == NULL)
        g_error ("The built-in reflection methods are missing: %s", error->message);

      loaded = ck_methods_new_from_bytes (bytes, &error);
      if (loaded == NULL)
        g_error ("The built-in reflection methods are invalid: %s", error->message);

      g_once_init_leave (&methods, loaded);
    }

  return methods;
}

guint
ck_methods_get_version (CkMethods *self)
{
  g_return_val_if_fail (CK_IS_METHODS (self), 0);

  return self->version;
}

/* Returns: (transfer none) (element-type CkMethod): every method, in the
 * order of the file */
GPtrArray *
ck_methods_get_all (CkMethods *self)
{
  g_return_val_if_fail (CK_IS_METHODS (self), NULL);

  return self->methods;
}

/* Returns: (transfer none) (nullable): the method @id, or %NULL */
const CkMethod *
ck_methods_lookup (CkMethods  *self,
                   const char *id)
{
  g_return_val_if_fail (CK_IS_METHODS (self), NULL);

  for (guint i = 0; id != NULL && i < self->methods->len; i++)
    {
      const CkMethod *method = self->methods->pdata[i];

      if (g_str_equal (method->id, id))
        return method;
    }

  return NULL;
}

/* Returns: (transfer none) (element-type CkSessionRole): every role, in
 * the order of the file */
GPtrArray *
ck_methods_get_roles (CkMethods *self)
{
  g_return_val_if_fail (CK_IS_METHODS (self), NULL);

  return self->roles;
}

/* Returns: (transfer none): the label of @role, or @role itself when it is
 * not known (a role of a newer version) */
const char *
ck_methods_get_role_label (CkMethods  *self,
                           const char *role)
{
  g_return_val_if_fail (CK_IS_METHODS (self), NULL);

  for (guint i = 0; role != NULL && i < self->roles->len; i++)
    {
      const CkSessionRole *known = self->roles->pdata[i];

      if (g_str_equal (known->id, role))
        return known->label;
    }

  return role;
}

/* Returns: (transfer none) (nullable): the step @step of @method */
const CkMethodStep *
ck_method_lookup_step (const CkMethod *method,
                       const char     *step)
{
  for (guint i = 0; step != NULL && i < method->n_steps; i++)
    if (g_str_equal (method->steps[i].id, step))
      return &method->steps[i];

  return NULL;
}
