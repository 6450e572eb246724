/* ck-sync-result.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "ck-sync-result.h"

G_DEFINE_BOXED_TYPE (CkSyncResult, ck_sync_result, ck_sync_result_copy, ck_sync_result_free)

static void
import_count_free (CkImportCount *count)
{
  g_free (count->unit);
  g_free (count);
}

CkSyncResult *
ck_sync_result_new (void)
{
  CkSyncResult *self = g_new0 (CkSyncResult, 1);

  self->privacy_notes = g_ptr_array_new_with_free_func ((GDestroyNotify) ck_privacy_note_free);
  self->held_lessons = g_ptr_array_new_with_free_func (g_free);
  self->imports = g_ptr_array_new_with_free_func ((GDestroyNotify) import_count_free);
  self->quarantined = g_ptr_array_new_with_free_func ((GDestroyNotify) ck_quarantine_entry_free);
  self->skipped_refs = g_ptr_array_new_with_free_func (g_free);
  return self;
}

/* Copies by way of JSON: the one place that knows every member. */
CkSyncResult *
ck_sync_result_copy (const CkSyncResult *self)
{
  g_autofree char *json = ck_sync_result_to_json (self);

  return ck_sync_result_from_json (json);
}

void
ck_sync_result_free (CkSyncResult *self)
{
  if (self == NULL)
    return;

  g_free (self->remote);
  g_ptr_array_unref (self->privacy_notes);
  g_ptr_array_unref (self->held_lessons);
  g_ptr_array_unref (self->imports);
  g_ptr_array_unref (self->quarantined);
  g_ptr_array_unref (self->skipped_refs);
  g_free (self);
}

/* Returns: (transfer none): the count of @unit, added when missing */
CkImportCount *
ck_sync_result_get_import (CkSyncResult *self,
                           const char   *unit)
{
  CkImportCount *count;

  for (guint i = 0; i < self->imports->len; i++)
    {
      count = self->imports->pdata[i];
      if (g_str_equal (count->unit, unit))
        return count;
    }

  count = g_new0 (CkImportCount, 1);
  count->unit = g_strdup (unit);
  g_ptr_array_add (self->imports, count);
  return count;
}

guint
ck_sync_result_count_imported (const CkSyncResult *self)
{
  guint total = 0;

  for (guint i = 0; i < self->imports->len; i++)
    total += ((CkImportCount *) self->imports->pdata[i])->records;

  return total;
}

static void
add_uint (JsonBuilder *builder,
          const char  *name,
          guint        value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_strings (JsonBuilder *builder,
             const char  *name,
             GPtrArray   *strings)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < strings->len; i++)
    json_builder_add_string_value (builder, strings->pdata[i]);
  json_builder_end_array (builder);
}

char *
ck_sync_result_to_json (const CkSyncResult *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "publish_done");
  json_builder_add_boolean_value (builder, self->publish_done);
  json_builder_set_member_name (builder, "import_done");
  json_builder_add_boolean_value (builder, self->import_done);
  json_builder_set_member_name (builder, "published");
  json_builder_add_boolean_value (builder, self->published);
  json_builder_set_member_name (builder, "remote");
  json_builder_add_string_value (builder, self->remote != NULL ? self->remote : "");
  json_builder_set_member_name (builder, "finished_at");
  json_builder_add_int_value (builder, self->finished_at);
  add_uint (builder, "k", self->k);
  add_uint (builder, "written", self->n_written);
  add_uint (builder, "retracted", self->n_retracted);
  add_uint (builder, "active", self->n_active);
  add_uint (builder, "held_back", self->n_held_back);
  add_uint (builder, "generalised", self->n_generalised);
  add_uint (builder, "lessons", self->n_lessons);

  json_builder_set_member_name (builder, "privacy_notes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->privacy_notes->len; i++)
    {
      const CkPrivacyNote *note = self->privacy_notes->pdata[i];

      json_builder_begin_object (builder);
      add_uint (builder, "level", note->level);
      add_uint (builder, "count", note->count);
      add_uint (builder, "groups", note->n_groups);
      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, note->description);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  add_strings (builder, "held_lessons", self->held_lessons);

  json_builder_set_member_name (builder, "imports");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->imports->len; i++)
    {
      const CkImportCount *count = self->imports->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "unit");
      json_builder_add_string_value (builder, count->unit);
      add_uint (builder, "records", count->records);
      add_uint (builder, "removed", count->removed);
      add_uint (builder, "lessons", count->lessons);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "quarantined");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->quarantined->len; i++)
    {
      const CkQuarantineEntry *entry = self->quarantined->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "ref");
      json_builder_add_string_value (builder, entry->ref);
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, entry->path);
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, entry->reason);
      json_builder_set_member_name (builder, "seen_at");
      json_builder_add_int_value (builder, entry->seen_at);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  add_strings (builder, "skipped_refs", self->skipped_refs);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static guint
get_uint (JsonObject *object,
          const char *name)
{
  return json_object_has_member (object, name) ? (guint) json_object_get_int_member (object, name) : 0;
}

static void
get_strings (JsonObject *object,
             const char *name,
             GPtrArray  *strings)
{
  JsonArray *array = json_object_has_member (object, name) ? json_object_get_array_member (object, name) : NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    g_ptr_array_add (strings, g_strdup (json_array_get_string_element (array, i)));
}

/* Returns: (transfer full) (nullable): the result kept by
 * ck_sync_result_to_json(), or %NULL when @json is not one */
CkSyncResult *
ck_sync_result_from_json (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(CkSyncResult) self = NULL;
  JsonObject *object;
  JsonArray *array;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;

  object = json_node_get_object (json_parser_get_root (parser));
  self = ck_sync_result_new ();
  self->publish_done = json_object_get_boolean_member_with_default (object, "publish_done", FALSE);
  self->import_done = json_object_get_boolean_member_with_default (object, "import_done", FALSE);
  self->published = json_object_get_boolean_member_with_default (object, "published", FALSE);
  self->remote = g_strdup (json_object_get_string_member_with_default (object, "remote", ""));
  self->finished_at = json_object_get_int_member_with_default (object, "finished_at", 0);
  self->k = get_uint (object, "k");
  self->n_written = get_uint (object, "written");
  self->n_retracted = get_uint (object, "retracted");
  self->n_active = get_uint (object, "active");
  self->n_held_back = get_uint (object, "held_back");
  self->n_generalised = get_uint (object, "generalised");
  self->n_lessons = get_uint (object, "lessons");

  array = json_object_has_member (object, "privacy_notes") ? json_object_get_array_member (object, "privacy_notes") : NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);
      CkPrivacyNote *note = g_new0 (CkPrivacyNote, 1);

      note->level = get_uint (item, "level");
      note->count = get_uint (item, "count");
      note->n_groups = get_uint (item, "groups");
      note->description = g_strdup (json_object_get_string_member_with_default (item, "description", ""));
      g_ptr_array_add (self->privacy_notes, note);
    }
  get_strings (object, "held_lessons", self->held_lessons);

  array = json_object_has_member (object, "imports") ? json_object_get_array_member (object, "imports") : NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);
      CkImportCount *count = ck_sync_result_get_import (self, json_object_get_string_member_with_default (item, "unit", ""));

      count->records = get_uint (item, "records");
      count->removed = get_uint (item, "removed");
      count->lessons = get_uint (item, "lessons");
    }

  array = json_object_has_member (object, "quarantined") ? json_object_get_array_member (object, "quarantined") : NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);
      CkQuarantineEntry *entry = g_new0 (CkQuarantineEntry, 1);

      entry->ref = g_strdup (json_object_get_string_member_with_default (item, "ref", ""));
      entry->path = g_strdup (json_object_get_string_member_with_default (item, "path", ""));
      entry->reason = g_strdup (json_object_get_string_member_with_default (item, "reason", ""));
      entry->seen_at = json_object_get_int_member_with_default (item, "seen_at", 0);
      g_ptr_array_add (self->quarantined, entry);
    }
  get_strings (object, "skipped_refs", self->skipped_refs);

  return g_steal_pointer (&self);
}
