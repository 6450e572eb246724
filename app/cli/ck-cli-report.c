/* ck-cli-report.c: the command that writes the report of patterns and
 * trends, `report`
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ck-cli-commands.h"
#include "ck-cli-options.h"
#include "ck-date.h"
#include "ck-register.h"
#include "ck-stats-cache.h"
#include "ck-stats-report.h"
#include "ck-stats-store.h"
#include "ck-vocabulary.h"

/* Without --from and --to: the last eight complete quarters. */
#define DEFAULT_QUARTERS 8

static gboolean
parse_quarter (const char  *option,
               const char  *text,
               int         *quarter,
               GError     **error)
{
  if (ck_stats_quarter_parse (text, quarter))
    return TRUE;

  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("%s: “%s” is not a quarter; write it as YYYYQn, e.g. 2025Q1"), option, text);
  return FALSE;
}

static gboolean
check_code (const char  *option,
            const char  *list,
            const char  *code,
            GError     **error)
{
  g_autofree char *codes = NULL;

  if (code == NULL || ck_vocabulary_lookup (ck_vocabulary_get_default (), list, code) != NULL)
    return TRUE;

  codes = ck_cli_describe_codes (list);
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("%s: “%s” is not a known code. Known codes: %s"), option, code, codes);
  return FALSE;
}

static gboolean
parse_scope (const char          *text,
             CkStatsReportScope  *scope,
             GError             **error)
{
  if (text == NULL || g_str_equal (text, "unit"))
    *scope = CK_STATS_REPORT_UNIT;
  else if (g_str_equal (text, "national"))
    *scope = CK_STATS_REPORT_NATIONAL;
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--scope: “%s” is neither “unit” nor “national”"), text);
      return FALSE;
    }

  return TRUE;
}

gboolean
ck_cli_write_report (CkCliContext  *context,
               GStrv         *args,
               GError       **error)
{
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(CkRegister) reg = NULL;
  g_autoptr(CkStatsCache) cache = NULL;
  g_autoptr(CkStatsData) cases = NULL;
  g_autoptr(CkStatsData) records = NULL;
  g_autoptr(CkStatsFilter) filter = NULL;
  g_autoptr(CkStatsReport) report = NULL;
  g_autoptr(GPtrArray) basis = NULL;
  g_auto(GStrv) rest = NULL;
  g_autofree char *scope_text = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *today_text = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *team = NULL;
  g_autofree char *ground = NULL;
  g_autofree char *manifestation = NULL;
  g_autofree char *channel = NULL;
  g_autofree char *kind = NULL;
  CkStatsReportScope scope;
  CkStatsOptions stats;
  int from, to;
  const GOptionEntry entries[] = {
    { "scope", 0, 0, G_OPTION_ARG_STRING, &scope_text,
      N_("“unit”: this register’s unit beside the national figure (the default); “national”: every unit"),
      N_("SCOPE") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("The first quarter"), N_("YYYYQn") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("The last quarter"), N_("YYYYQn") },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf, N_("Write the report as PDF to FILE"), N_("FILE") },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv, N_("Write every table as a CSV file into DIR"), N_("DIR") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("National: only this unit’s records"), N_("CODE") },
    { "team", 0, 0, G_OPTION_ARG_STRING, &team, N_("Only this sector or team"), N_("CODE") },
    { "ground", 0, 0, G_OPTION_ARG_STRING, &ground, N_("Only cases on this ground"), N_("CODE") },
    { "manifestation", 0, 0, G_OPTION_ARG_STRING, &manifestation, N_("Only cases of this manifestation"), N_("CODE") },
    { "channel", 0, 0, G_OPTION_ARG_STRING, &channel, N_("Only cases from this channel"), N_("CODE") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("Only signals, reports or complaints"), N_("CODE") },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text,
      N_("Count the terms as on this day instead of today"), N_("YYYY-MM-DD") },
    { NULL }
  };

  options = ck_cli_options_new ("report",
                                N_("Writes the report of patterns and trends: key figures with their change, "
                                   "every chart with its table, and the data basis. Counts below 5 are shown "
                                   "as “<5” and whatever could give them away as “×”. Unit figures come from "
                                   "the register’s cases, national figures only from the anonymised records."),
                                entries);
  if (!(rest = ck_cli_options_parse (options, args, 0, error)) ||
      !parse_scope (scope_text, &scope, error) ||
      !check_code ("--unit", CK_VOCAB_UNITS, unit, error) ||
      !check_code ("--ground", CK_VOCAB_GROUNDS, ground, error) ||
      !check_code ("--manifestation", CK_VOCAB_MANIFESTATIONS, manifestation, error) ||
      !check_code ("--channel", CK_VOCAB_CHANNELS, channel, error) ||
      !check_code ("--kind", CK_VOCAB_KINDS, kind, error))
    return FALSE;

  if (pdf == NULL && csv == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("Say where the report goes: --pdf FILE, --csv DIR or both"));
      return FALSE;
    }
  if (unit != NULL && scope == CK_STATS_REPORT_UNIT)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("--unit is for --scope national; a unit report is of this register’s unit"));
      return FALSE;
    }

  ck_stats_options_init (&stats);
  if (today_text != NULL &&
      (!ck_date_from_iso (&stats.today, today_text) || !ck_date_is_set (&stats.today)))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--today: “%s” is not a date; write it as YYYY-MM-DD"), today_text);
      return FALSE;
    }

  to = ck_stats_quarter_from_date (&stats.today) - 1;
  if (to_text != NULL && !parse_quarter ("--to", to_text, &to, error))
    return FALSE;
  from = to - (DEFAULT_QUARTERS - 1);
  if (from_text != NULL && !parse_quarter ("--from", from_text, &from, error))
    return FALSE;
  if (from > to)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--from %s comes after --to %s"), from_text != NULL ? from_text : "", to_text != NULL ? to_text : "");
      return FALSE;
    }

  filter = ck_stats_filter_new (from, to);
  filter->unit = g_steal_pointer (&unit);
  filter->team = g_steal_pointer (&team);
  filter->ground = g_steal_pointer (&ground);
  filter->manifestation = g_steal_pointer (&manifestation);
  filter->channel = g_steal_pointer (&channel);
  filter->kind = g_steal_pointer (&kind);

  if (!(reg = ck_cli_context_open_register (context, error)))
    return FALSE;

  cache = ck_stats_cache_new (reg);
  if (!(records = ck_stats_cache_load (cache, CK_STATS_SOURCE_SHARED, NULL, error)) ||
      !(basis = ck_stats_cache_list_basis (cache, error)))
    return FALSE;
  if (scope == CK_STATS_REPORT_UNIT &&
      !(cases = ck_stats_cache_load (cache, CK_STATS_SOURCE_CASES, NULL, error)))
    return FALSE;

  report = ck_stats_report_new (scope, filter, &stats);
  ck_stats_report_set_records (report, records, basis);
  if (cases != NULL)
    ck_stats_report_set_cases (report, cases, ck_register_get_unit (reg));

  if (pdf != NULL)
    {
      if (!ck_stats_report_write_pdf (report, pdf, error))
        return FALSE;
      g_print (_("Wrote the report to %s\n"), pdf);
    }
  if (csv != NULL)
    {
      if (!ck_stats_report_write_csv (report, csv, error))
        return FALSE;
      g_print (_("Wrote the tables to %s\n"), csv);
    }

  return TRUE;
}
