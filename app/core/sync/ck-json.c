/* ck-json.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ck-error.h"
#include "ck-json.h"

/* Records nest three levels (file, payload, measure); more is refused
 * before it can exhaust the stack. */
#define MAX_DEPTH 8

typedef struct
{
  const char *p;
  const char *end;
  const char *start;
} Parser;

void
ck_json_free (CkJson *self)
{
  if (self == NULL)
    return;

  g_free (self->string);
  g_free (self->name);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_free (self);
}

static gboolean
fail (Parser      *parser,
      GError     **error,
      const char  *what)
{
  g_set_error (error, CK_ERROR, CK_ERROR_INVALID,
               /* Translators: %s says what is wrong, %zu is a byte offset. */
               _("The file is not valid JSON: %s (at byte %zu)."),
               what, (gsize) (parser->p - parser->start));
  return FALSE;
}

static void
skip_space (Parser *parser)
{
  while (parser->p < parser->end &&
         (*parser->p == ' ' || *parser->p == '\t' || *parser->p == '\n' || *parser->p == '\r'))
    parser->p++;
}

static gboolean
literal (Parser     *parser,
         const char *word)
{
  gsize len = strlen (word);

  if ((gsize) (parser->end - parser->p) < len || memcmp (parser->p, word, len) != 0)
    return FALSE;
  parser->p += len;
  return TRUE;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (Parser   *parser,
           gunichar *out)
{
  gunichar value = 0;

  if (parser->end - parser->p < 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      int digit = hex_value (parser->p[i]);

      if (digit < 0)
        return FALSE;
      value = value * 16 + digit;
    }
  parser->p += 4;
  *out = value;
  return TRUE;
}

static char *
parse_string (Parser  *parser,
              GError **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *run;

  parser->p++; /* the opening quote */

  /* Most strings have no escapes: copied in one go. The whole text was
   * checked to be UTF-8 before parsing. */
  for (const char *q = parser->p; q < parser->end; q++)
    {
      unsigned char c = *q;

      if (c == '"')
        {
          char *plain = g_strndup (parser->p, q - parser->p);

          parser->p = q + 1;
          return plain;
        }
      if (c == '\\' || c < 0x20)
        break;
    }

  run = parser->p;
  for (;;)
    {
      unsigned char c;

      if (parser->p >= parser->end)
        {
          fail (parser, error, _("a string does not end"));
          return NULL;
        }

      c = *parser->p;
      if (c == '"' || c == '\\' || c < 0x20)
        {
          g_string_append_len (text, run, parser->p - run);
          if (c == '"')
            {
              parser->p++;
              break;
            }
          if (c < 0x20)
            {
              fail (parser, error, _("a control character in a string"));
              return NULL;
            }

          parser->p++;
          if (parser->p >= parser->end)
            {
              fail (parser, error, _("a string does not end"));
              return NULL;
            }
          switch (*parser->p++)
            {
            case '"': g_string_append_c (text, '"'); break;
            case '\\': g_string_append_c (text, '\\'); break;
            case '/': g_string_append_c (text, '/'); break;
            case 'b': g_string_append_c (text, '\b'); break;
            case 'f': g_string_append_c (text, '\f'); break;
            case 'n': g_string_append_c (text, '\n'); break;
            case 'r': g_string_append_c (text, '\r'); break;
            case 't': g_string_append_c (text, '\t'); break;
            case 'u':
              {
                gunichar ch, low;

                if (!read_hex4 (parser, &ch))
                  {
                    fail (parser, error, _("a bad \\u escape"));
                    return NULL;
                  }
                if (ch >= 0xDC00 && ch <= 0xDFFF)
                  {
                    fail (parser, error, _("an unpaired surrogate"));
                    return NULL;
                  }
                if (ch >= 0xD800 && ch <= 0xDBFF)
                  {
                    if (!literal (parser, "\\u") || !read_hex4 (parser, &low) ||
                        low < 0xDC00 || low > 0xDFFF)
                      {
                        fail (parser, error, _("an unpaired surrogate"));
                        return NULL;
                      }
                    ch = 0x10000 + ((ch - 0xD800) << 10) + (low - 0xDC00);
                  }
                if (ch == 0)
                  {
                    fail (parser, error, _("a NUL character in a string"));
                    return NULL;
                  }
                g_string_append_unichar (text, ch);
              }
              break;
            default:
              parser->p--;
              fail (parser, error, _("an unknown escape in a string"));
              return NULL;
            }
          run = parser->p;
          continue;
        }

      parser->p++;
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
parse_integer (Parser  *parser,
               gint64  *out,
               GError **error)
{
  const char *begin = parser->p;
  gboolean negative = FALSE;
  guint64 value = 0;

  if (*parser->p == '-')
    {
      negative = TRUE;
      parser->p++;
    }
  if (parser->p >= parser->end || !g_ascii_isdigit (*parser->p))
    return fail (parser, error, _("a bad number"));
  if (*parser->p == '0' && parser->p + 1 < parser->end && g_ascii_isdigit (parser->p[1]))
    return fail (parser, error, _("a number with a leading zero"));

  while (parser->p < parser->end && g_ascii_isdigit (*parser->p))
    {
      if (value > (G_MAXINT64 - 9) / 10)
        return fail (parser, error, _("a number too large"));
      value = value * 10 + (*parser->p++ - '0');
    }

  if (parser->p < parser->end && (*parser->p == '.' || *parser->p == 'e' || *parser->p == 'E'))
    return fail (parser, error, _("a number with a fraction or exponent"));
  if (negative && value == 0 && parser->p - begin == 2)
    return fail (parser, error, _("a negative zero"));

  *out = negative ? -(gint64) value : (gint64) value;
  return TRUE;
}

static CkJson *parse_value (Parser *parser, guint depth, GError **error);

/* Duplicate keys are found without a hash table while the keys come in
 * canonical order, as they do in every file Casuskamer writes; only an
 * object out of order pays for one. */
static gboolean
check_duplicate (Parser      *parser,
                 CkJson      *object,
                 GHashTable **seen,
                 const char  *name,
                 GError     **error)
{
  if (object->sorted)
    {
      const CkJson *last = object->items->len > 0 ? object->items->pdata[object->items->len - 1] : NULL;

      if (last == NULL || strcmp (last->name, name) < 0)
        return TRUE;
      object->sorted = FALSE;
      *seen = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < object->items->len; i++)
        g_hash_table_add (*seen, ((CkJson *) object->items->pdata[i])->name);
    }

  if (g_hash_table_contains (*seen, name))
    {
      g_autofree char *what = g_strdup_printf (_("the key “%s” appears twice"), name);

      return fail (parser, error, what);
    }

  return TRUE;
}

static gboolean
parse_members (Parser  *parser,
               CkJson  *object,
               guint    depth,
               GError **error)
{
  g_autoptr(GHashTable) seen = NULL;

  object->sorted = TRUE;
  parser->p++; /* { */
  skip_space (parser);
  if (parser->p < parser->end && *parser->p == '}')
    {
      parser->p++;
      return TRUE;
    }

  for (;;)
    {
      g_autofree char *name = NULL;
      CkJson *value;

      skip_space (parser);
      if (parser->p >= parser->end || *parser->p != '"')
        return fail (parser, error, _("a key is missing"));
      if (!(name = parse_string (parser, error)) ||
          !check_duplicate (parser, object, &seen, name, error))
        return FALSE;

      skip_space (parser);
      if (parser->p >= parser->end || *parser->p != ':')
        return fail (parser, error, _("a colon is missing"));
      parser->p++;

      if (!(value = parse_value (parser, depth + 1, error)))
        return FALSE;
      value->name = g_steal_pointer (&name);
      g_ptr_array_add (object->items, value);
      if (seen != NULL)
        g_hash_table_add (seen, value->name);

      skip_space (parser);
      if (parser->p < parser->end && *parser->p == ',')
        {
          parser->p++;
          continue;
        }
      if (parser->p < parser->end && *parser->p == '}')
        {
          parser->p++;
          return TRUE;
        }
      return fail (parser, error, _("a comma or closing brace is missing"));
    }
}

static gboolean
parse_elements (Parser  *parser,
                CkJson  *array,
                guint    depth,
                GError **error)
{
  parser->p++; /* [ */
  skip_space (parser);
  if (parser->p < parser->end && *parser->p == ']')
    {
      parser->p++;
      return TRUE;
    }

  for (;;)
    {
      CkJson *value = parse_value (parser, depth + 1, error);

      if (value == NULL)
        return FALSE;
      g_ptr_array_add (array->items, value);

      skip_space (parser);
      if (parser->p < parser->end && *parser->p == ',')
        {
          parser->p++;
          continue;
        }
      if (parser->p < parser->end && *parser->p == ']')
        {
          parser->p++;
          return TRUE;
        }
      return fail (parser, error, _("a comma or closing bracket is missing"));
    }
}

static CkJson *
parse_value (Parser  *parser,
             guint    depth,
             GError **error)
{
  g_autoptr(CkJson) value = g_new0 (CkJson, 1);

  if (depth > MAX_DEPTH)
    {
      fail (parser, error, _("nesting too deep"));
      return NULL;
    }

  skip_space (parser);
  if (parser->p >= parser->end)
    {
      fail (parser, error, _("a value is missing"));
      return NULL;
    }

  switch (*parser->p)
    {
    case '{':
      value->kind = CK_JSON_OBJECT;
      value->items = g_ptr_array_new_with_free_func ((GDestroyNotify) ck_json_free);
      if (!parse_members (parser, value, depth, error))
        return NULL;
      break;

    case '[':
      value->kind = CK_JSON_ARRAY;
      value->items = g_ptr_array_new_with_free_func ((GDestroyNotify) ck_json_free);
      if (!parse_elements (parser, value, depth, error))
        return NULL;
      break;

    case '"':
      value->kind = CK_JSON_STRING;
      if (!(value->string = parse_string (parser, error)))
        return NULL;
      break;

    case 't':
    case 'f':
    case 'n':
      if (literal (parser, "true"))
        {
          value->kind = CK_JSON_BOOL;
          value->boolean = TRUE;
        }
      else if (literal (parser, "false"))
        value->kind = CK_JSON_BOOL;
      else if (literal (parser, "null"))
        value->kind = CK_JSON_NULL;
      else
        {
          fail (parser, error, _("an unknown word"));
          return NULL;
        }
      break;

    default:
      value->kind = CK_JSON_INT;
      if (!parse_integer (parser, &value->integer, error))
        return NULL;
      break;
    }

  return g_steal_pointer (&value);
}

/**
 * ck_json_parse:
 *
 * Parses strict JSON. The text need not be canonical: compare it with
 * what the writer makes of the decoded value for that.
 *
 * Returns: (transfer full) (nullable): the value, or %NULL with @error
 *   (CK_ERROR_INVALID, saying what is wrong and where)
 */
CkJson *
ck_json_parse (const char  *data,
               gsize        len,
               GError     **error)
{
  Parser parser = { data, data + len, data };
  g_autoptr(CkJson) value = NULL;

  if (!g_utf8_validate_len (data, len, NULL))
    {
      g_set_error_literal (error, CK_ERROR, CK_ERROR_INVALID,
                           _("The file is not valid UTF-8 text."));
      return NULL;
    }

  if (!(value = parse_value (&parser, 0, error)))
    return NULL;

  skip_space (&parser);
  if (parser.p != parser.end)
    {
      fail (&parser, error, _("text after the end"));
      return NULL;
    }

  return g_steal_pointer (&value);
}

/* Returns: (transfer none) (nullable): the member @name of @object */
const CkJson *
ck_json_member (const CkJson *object,
                const char   *name)
{
  if (object == NULL || object->kind != CK_JSON_OBJECT)
    return NULL;

  if (object->sorted)
    {
      guint low = 0, high = object->items->len;

      while (low < high)
        {
          guint mid = (low + high) / 2;
          const CkJson *member = object->items->pdata[mid];
          int order = strcmp (member->name, name);

          if (order == 0)
            return member;
          if (order < 0)
            low = mid + 1;
          else
            high = mid;
        }
      return NULL;
    }

  for (guint i = 0; i < object->items->len; i++)
    {
      const CkJson *member = object->items->pdata[i];

      if (g_str_equal (member->name, name))
        return member;
    }

  return NULL;
}

const char *
ck_json_kind_name (CkJsonKind kind)
{
  switch (kind)
    {
    case CK_JSON_NULL:
      return _("null");
    case CK_JSON_BOOL:
      return _("true or false");
    case CK_JSON_INT:
      return _("a whole number");
    case CK_JSON_STRING:
      return _("text");
    case CK_JSON_ARRAY:
      return _("a list");
    case CK_JSON_OBJECT:
      return _("an object");
    default:
      g_assert_not_reached ();
    }
}

void
ck_json_writer_init (CkJsonWriter *self,
                     GString      *out)
{
  self->out = out;
  self->depth = 0;
  self->need_comma = 0;
  self->after_key = FALSE;
}

/* Writes the comma a value needs before it, unless it follows a key. */
static void
begin_value (CkJsonWriter *self)
{
  guint64 bit = G_GUINT64_CONSTANT (1) << self->depth;

  if (self->after_key)
    self->after_key = FALSE;
  else if (self->need_comma & bit)
    g_string_append_c (self->out, ',');
  self->need_comma |= bit;
}

static void
open_level (CkJsonWriter *self,
            char          bracket)
{
  begin_value (self);
  g_string_append_c (self->out, bracket);
  self->depth++;
  g_assert (self->depth < 64);
  self->need_comma &= ~(G_GUINT64_CONSTANT (1) << self->depth);
}

static void
close_level (CkJsonWriter *self,
             char          bracket)
{
  self->depth--;
  g_string_append_c (self->out, bracket);
}

void
ck_json_writer_begin_object (CkJsonWriter *self)
{
  open_level (self, '{');
}

void
ck_json_writer_end_object (CkJsonWriter *self)
{
  close_level (self, '}');
}

void
ck_json_writer_begin_array (CkJsonWriter *self)
{
  open_level (self, '[');
}

void
ck_json_writer_end_array (CkJsonWriter *self)
{
  close_level (self, ']');
}

static void
append_quoted (GString    *out,
               const char *text)
{
  const char *run = text;
  const char *p;

  g_string_append_c (out, '"');
  for (p = text; *p; p++)
    {
      unsigned char c = *p;

      /* Most text needs no escape: copied a run at a time. */
      if (c >= 0x20 && c != '"' && c != '\\')
        continue;

      g_string_append_len (out, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          g_string_append_printf (out, "\\u%04x", c);
        }
    }
  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

/* Keys must come in sorted order: the callers write them so, and the
 * importer checks it by comparing bytes. */
void
ck_json_writer_key (CkJsonWriter *self,
                    const char   *key)
{
  begin_value (self);
  append_quoted (self->out, key);
  g_string_append_c (self->out, ':');
  self->after_key = TRUE;
}

/* A %NULL @value is written as null. */
void
ck_json_writer_string (CkJsonWriter *self,
                       const char   *value)
{
  if (value == NULL)
    {
      ck_json_writer_null (self);
      return;
    }

  begin_value (self);
  append_quoted (self->out, value);
}

void
ck_json_writer_int (CkJsonWriter *self,
                    gint64        value)
{
  char digits[24];
  char *p = digits + sizeof digits;
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;

  /* Written by hand: printf costs more than the rest of a record. */
  do
    *--p = '0' + magnitude % 10;
  while ((magnitude /= 10) != 0);
  if (value < 0)
    *--p = '-';

  begin_value (self);
  g_string_append_len (self->out, p, digits + sizeof digits - p);
}

void
ck_json_writer_bool (CkJsonWriter *self,
                     gboolean      value)
{
  begin_value (self);
  g_string_append (self->out, value ? "true" : "false");
}

void
ck_json_writer_null (CkJsonWriter *self)
{
  begin_value (self);
  g_string_append (self->out, "null");
}
