/* ck-cli-similar.c: `similar`, the comparable cases of a case
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ck-case.h"
#include "ck-cli-commands.h"
#include "ck-cli-options.h"
#include "ck-cli-output.h"
#include "ck-register.h"
#include "ck-similar.h"
#include "ck-vocabulary.h"

static char *
format_period (int year,
               int quarter)
{
  if (quarter == 0)
    return g_strdup_printf ("%04d", year);

  return g_strdup_printf ("%04dQ%d", year, quarter);
}

/* The finding for a count's position: the term's position + 1, 0 none. */
static const CkTerm *
finding_at (guint index)
{
  GPtrArray *terms = ck_vocabulary_get_terms (ck_vocabulary_get_default (), CK_VOCAB_FINDINGS);

  return index > 0 && index <= terms->len ? terms->pdata[index - 1] : NULL;
}

/* The label of a sanction level: the lightest measure at that level. */
static const char *
level_label (int level)
{
  GPtrArray *terms = ck_vocabulary_get_terms (ck_vocabulary_get_default (), CK_VOCAB_MEASURES);

  for (guint i = 0; i < terms->len; i++)
    if (((const CkTerm *) terms->pdata[i])->severity == level)
      return ((const CkTerm *) terms->pdata[i])->label;

  return _("No measures recorded");
}

static char *
describe_level (int level)
{
  if (level < 0)
    return g_strdup (_("No measures recorded"));

  /* Translators: a sanction level: the measure's name and its rank. */
  return g_strdup_printf (_("%s (%d)"), level_label (level), level);
}

static void
add_cell_json (JsonBuilder  *builder,
               const char   *member,
               const CkCell *cell,
               guint         k)
{
  json_builder_set_member_name (builder, member);
  if (cell->state == CK_CELL_EXACT)
    json_builder_add_int_value (builder, cell->value);
  else if (cell->state == CK_CELL_HIDDEN)
    json_builder_add_string_value (builder, "hidden");
  else
    {
      g_autofree char *text = ck_cell_format (cell, k);

      json_builder_add_string_value (builder, text);
    }
}

static void
add_counts_json (JsonBuilder           *builder,
                 const char            *member,
                 const CkSimilarResult *result,
                 const CkSimilarCounts *counts)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  add_cell_json (builder, "total", &counts->total, result->small_cell);

  json_builder_set_member_name (builder, "findings");
  json_builder_begin_object (builder);
  for (guint i = 0; i < result->n_findings; i++)
    {
      const CkTerm *term = finding_at (i);

      add_cell_json (builder, term != NULL ? term->code : "none", &counts->findings[i], result->small_cell);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "sanction_levels");
  json_builder_begin_object (builder);
  for (guint i = 0; i < result->n_levels; i++)
    {
      g_autofree char *name = i == 0 ? g_strdup ("none") : g_strdup_printf ("%u", i - 1);

      add_cell_json (builder, name, &counts->levels[i], result->small_cell);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "median_sanction_level");
  if (counts->median_level >= -1)
    json_builder_add_int_value (builder, counts->median_level);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

static void
add_codes_json (JsonBuilder        *builder,
                const char         *member,
                const char * const *codes)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    json_builder_add_string_value (builder, codes[i]);
  json_builder_end_array (builder);
}

static void
print_json (const CkCase          *kase,
            const CkSimilarResult *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  ck_cli_json_add_string (builder, "case", kase->reference);
  json_builder_set_member_name (builder, "threshold");
  json_builder_add_int_value (builder, result->threshold / 10);
  json_builder_set_member_name (builder, "proposed_sanction_level");
  if (result->proposed_level >= 0)
    json_builder_add_int_value (builder, result->proposed_level);
  else
    json_builder_add_null_value (builder);
  add_counts_json (builder, "own", result, &result->own);
  add_counts_json (builder, "national", result, &result->national);

  json_builder_set_member_name (builder, "matches");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->matches->len; i++)
    {
      const CkSimilarMatch *match = result->matches->pdata[i];
      g_autofree char *period = format_period (match->year, match->quarter);

      json_builder_begin_object (builder);
      ck_cli_json_add_string (builder, "source", match->source == CK_SIMILAR_OWN ? "own" : "national");
      if (match->source == CK_SIMILAR_OWN)
        ck_cli_json_add_string (builder, "reference", match->reference);
      json_builder_set_member_name (builder, "score");
      json_builder_add_int_value (builder, match->score / 10);
      ck_cli_json_add_string (builder, "period", period);
      ck_cli_json_add_string (builder, "finding", match->finding);
      json_builder_set_member_name (builder, "measures");
      json_builder_begin_array (builder);
      for (guint m = 0; m < match->measures->len; m++)
        {
          const CkMeasure *measure = &g_array_index (match->measures, CkMeasure, m);

          json_builder_begin_object (builder);
          ck_cli_json_add_string (builder, "code", measure->code);
          json_builder_set_member_name (builder, "conditional");
          json_builder_add_boolean_value (builder, measure->conditional);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "sanction_level");
      if (match->sanction_level >= 0)
        json_builder_add_int_value (builder, match->sanction_level);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "shared");
      json_builder_begin_array (builder);
      for (guint a = 0; a < CK_SIMILAR_N_ATTRIBUTES; a++)
        if (match->shared & (1 << a))
          json_builder_add_string_value (builder, ck_similar_attribute_get_field (a));
      json_builder_end_array (builder);
      add_codes_json (builder, "shared_grounds", (const char * const *) match->shared_grounds);
      add_codes_json (builder, "shared_manifestations", (const char * const *) match->shared_manifestations);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  ck_cli_print_json (root);
}

static gboolean
cell_is_empty (const CkCell *cell)
{
  return cell->state == CK_CELL_EXACT && cell->value == 0;
}

static void
add_count_row (CkCliTable            *table,
               const char            *label,
               const CkCell          *own,
               const CkCell          *national,
               const CkSimilarResult *result)
{
  g_autofree char *own_text = ck_cell_format (own, result->small_cell);
  g_autofree char *national_text = ck_cell_format (national, result->small_cell);

  ck_cli_table_add_row (table, label, own_text, national_text, NULL);
}

static char *
describe_measures (const CkSimilarMatch *match)
{
  CkVocabulary *vocabulary = ck_vocabulary_get_default ();
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < match->measures->len; i++)
    {
      const CkMeasure *measure = &g_array_index (match->measures, CkMeasure, i);
      const char *label = ck_vocabulary_get_label (vocabulary, CK_VOCAB_MEASURES, measure->code);

      if (i > 0)
        g_string_append (text, ", ");
      if (measure->conditional)
        g_string_append_printf (text, _("%s (conditional)"), label);
      else
        g_string_append (text, label);
    }

  return g_string_free (text, FALSE);
}

static void
print_text (const CkCase          *kase,
            const CkSimilarResult *result)
{
  CkVocabulary *vocabulary = ck_vocabulary_get_default ();
  g_autoptr(CkCliTable) counts = ck_cli_table_new (3);
  g_autoptr(CkCliTable) matches = ck_cli_table_new (7);
  g_autofree char *proposed = describe_level (result->proposed_level);

  /* Translators: %s is a case reference; %u%% the share from which a case counts as comparable. */
  g_print (_("Closed cases comparable to %s (%u%% alike or more)"), kase->reference != NULL ? kase->reference : "",
           result->threshold / 10);
  g_print ("\n\n");

  ck_cli_table_set_right_aligned (counts, 1);
  ck_cli_table_set_right_aligned (counts, 2);
  ck_cli_table_add_row (counts, "", _("This unit"), _("Other units"), NULL);
  add_count_row (counts, _("Comparable cases"), &result->own.total, &result->national.total, result);
  for (guint i = 1; i <= result->n_findings; i++)
    {
      guint index = i % result->n_findings;   /* "none" last */
      const CkTerm *term = finding_at (index);

      if (cell_is_empty (&result->own.findings[index]) && cell_is_empty (&result->national.findings[index]))
        continue;
      add_count_row (counts, term != NULL ? term->label : _("No finding recorded"),
                     &result->own.findings[index], &result->national.findings[index], result);
    }
  for (guint i = 0; i < result->n_levels; i++)
    {
      g_autofree char *label = describe_level ((int) i - 1);

      if (cell_is_empty (&result->own.levels[i]) && cell_is_empty (&result->national.levels[i]))
        continue;
      add_count_row (counts, label, &result->own.levels[i], &result->national.levels[i], result);
    }
  ck_cli_table_print (counts);

  g_print ("\n");
  if (result->own.median_level >= -1)
    {
      g_autofree char *median = describe_level (result->own.median_level);

      g_print ("%s: %s\n", _("Median sanction level in this unit"), median);
    }
  if (result->national.median_level >= -1)
    {
      g_autofree char *median = describe_level (result->national.median_level);

      g_print ("%s: %s\n", _("Median sanction level in other units"), median);
    }
  g_print ("%s: %s\n\n", _("This case"), proposed);

  if (result->matches->len == 0)
    {
      g_print ("%s\n", _("No closed case is comparable enough."));
      return;
    }

  ck_cli_table_set_right_aligned (matches, 0);
  ck_cli_table_set_right_aligned (matches, 5);
  ck_cli_table_add_row (matches, _("Alike"), _("Case"), _("Period"), _("Finding"), _("Measures"),
                        _("Level"), _("In common"), NULL);
  for (guint i = 0; i < result->matches->len; i++)
    {
      const CkSimilarMatch *match = result->matches->pdata[i];
      g_autofree char *score = g_strdup_printf ("%u%%", match->score / 10);
      g_autofree char *period = format_period (match->year, match->quarter);
      g_autofree char *measures = describe_measures (match);
      g_autofree char *level = match->sanction_level >= 0 ? g_strdup_printf ("%d", match->sanction_level)
                                                          : g_strdup ("—");
      g_auto(GStrv) texts = ck_similar_describe_shared (match, kase);
      g_autofree char *shared = g_strjoinv ("; ", texts);

      ck_cli_table_add_row (matches, score,
                            match->source == CK_SIMILAR_OWN ? match->reference : _("other unit"),
                            period,
                            match->finding != NULL ? ck_vocabulary_get_label (vocabulary, CK_VOCAB_FINDINGS,
                                                                              match->finding) : "—",
                            measures, level, shared, NULL);
    }
  ck_cli_table_print (matches);

  g_print ("\n%s\n", _("“<5”: fewer than five. “×”: hidden, so that a smaller number cannot be worked out."));
}

gboolean
ck_cli_similar (CkCliContext  *context,
                GStrv         *args,
                GError       **error)
{
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(CkRegister) reg = NULL;
  g_autoptr(CkCase) kase = NULL;
  g_autoptr(CkSimilarResult) result = NULL;
  g_auto(GStrv) rest = NULL;
  gboolean as_json = FALSE;
  int limit = 0;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print the result as a JSON object"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("List at most this many comparable cases (default 20)"),
      N_("N") },
    { NULL }
  };

  /* Translators: REF stands for a case reference such as AMS-2024-0001. */
  options = ck_cli_options_new (N_("similar REF"),
                                N_("Lists the closed cases most comparable to a case, from this unit’s "
                                   "register and other units’ anonymised records, with how they ended, "
                                   "and how all comparable cases ended. Other units’ counts below five "
                                   "are shown as “<5”; their records never say which unit."),
                                entries);
  if (!(rest = ck_cli_options_parse (options, args, 1, error)))
    return FALSE;

  if (limit < 0 || limit > 1000)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--limit: choose a number from 1 to 1000, not %d"), limit);
      return FALSE;
    }

  if (!(reg = ck_cli_context_open_register (context, error)) ||
      !(kase = ck_register_find_case (reg, rest[0], FALSE, error)) ||
      !(result = ck_similar_find (reg, kase, limit, NULL, error)))
    return FALSE;

  if (as_json)
    print_json (kase, result);
  else
    print_text (kase, result);

  return TRUE;
}
