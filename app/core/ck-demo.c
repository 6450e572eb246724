/* ck-demo.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "ck-case.h"
#include "ck-date.h"
#include "ck-demo.h"
#include "ck-demo-records.h"
#include "ck-register.h"

/* A made-up unit's register over the three years before `until`. The
 * shares follow what the half-year reports describe: most cases are about
 * origin and remarks, most come in through the line and the VIK, nearly
 * every report reaches triage, sanctions are mostly corrective or
 * educational. Every confidential value is invented, and distinctive
 * enough for privacy tests to search for it. */

typedef struct
{
  const char *code;
  guint       weight;
} Weighted;

static const Weighted kinds[] = {
  { "melding", 55 }, { "signaal", 35 }, { "klacht", 10 },
};

static const Weighted channels[] = {
  { "lijn", 30 }, { "vik", 18 }, { "vertrouwenspersoon", 16 }, { "hrm", 8 },
  { "ndv", 6 }, { "extern", 6 }, { "sociaal_loket", 5 }, { "ombudsfunctionaris", 4 },
  { "tjz", 3 }, { "smo", 2 }, { "klokkenluiders", 2 },
};

static const Weighted grounds[] = {
  { "herkomst", 42 }, { "geslacht", 14 }, { "seksuele_gerichtheid", 9 },
  { "moslimdiscriminatie", 7 }, { "leeftijd", 5 }, { "antisemitisme", 4 },
  { "handicap", 4 }, { "godsdienst", 3 }, { "genderidentiteit", 3 },
  { "nationaliteit", 2 }, { "overig", 2 }, { "onbekend", 2 },
  { "politieke_gezindheid", 1 }, { "burgerlijke_staat", 1 }, { "arbeidsduur", 1 },
};

static const Weighted manifestations[] = {
  { "uitlating", 38 }, { "schriftelijk_online", 16 }, { "uitsluiting", 14 },
  { "ongelijke_behandeling", 10 }, { "intimidatie", 8 }, { "loopbaan", 7 },
  { "bedreiging", 3 }, { "bekladding", 2 }, { "fysiek_geweld", 1 }, { "overig", 1 },
};

static const Weighted reporter_roles[] = {
  { "slachtoffer", 60 }, { "omstander", 17 }, { "leidinggevende", 12 },
  { "derde", 6 }, { "anoniem", 5 },
};

static const Weighted subject_roles[] = {
  { "collega", 62 }, { "leidinggevende", 20 }, { "groep", 8 },
  { "onbekend", 6 }, { "student", 4 },
};

static const Weighted routes[] = {
  { "lijn", 45 }, { "disciplinair", 15 }, { "herstel", 15 },
  { "geen_vervolg", 12 }, { "doorverwezen", 8 }, { "strafrechtelijk", 2 },
};

static const Weighted teams[] = {
  { "B01", 12 }, { "B02", 11 }, { "B03", 10 }, { "B04", 9 }, { "B05", 8 },
  { "B06", 8 }, { "B07", 7 }, { "B08", 6 }, { "REC", 9 }, { "OND", 7 },
  { "MOB", 5 }, { "STAF", 4 }, { "OPS", 4 },
};

static const char * const first_names[] = {
  "Anouk", "Bram", "Chaima", "Daan", "Esra", "Femke", "Gijs", "Hatice", "Ilse",
  "Jelle", "Kofi", "Lotte", "Mehmet", "Noor", "Olga", "Pieter", "Quinty",
  "Rachid", "Sanne", "Tim", "Ugo", "Vera", "Wouter", "Yasmina", "Zoë",
  "Ayoub", "Bernadette", "Cor", "Dewi", "Emre",
};

static const char * const last_names[] = {
  "Achterberg", "Bouzidi", "Claessens", "Dijkhuizen", "El Amrani", "Feenstra",
  "Goedhart", "Hoekstra", "IJzerman", "Jansma", "Kuipers", "Lindeboom",
  "Meulenbelt", "Nijhuis", "Oosterveld", "Pranoto", "Rietveld", "Schoonhoven",
  "Tahiri", "Uitdehaag", "Verbruggen", "Wijnands", "Yilmaz", "Zwanenburg",
};

/* Each narrative is told in three parts around the two names: what the
 * person concerned did, the reporter, and how it went on. */
static const char * const narratives[][3] = {
  { "Tijdens de briefing maakte ", " een opmerking over de afkomst van ", ". Collega's lachten mee; niemand greep in." },
  { "In de app-groep van het team deelde ", " een afbeelding die ", " als kwetsend ervoer. Het bericht is later verwijderd." },
  { "Volgens de melding hield ", " stelselmatig ", " buiten het overleg en nodigde hem of haar niet uit voor de teamdag." },
  { "Bij de roosterplanning gaf ", " steeds de nachtdiensten aan ", ", anders dan collega's in dezelfde functie." },
  { "Bij een selectiegesprek stelde ", " een vraag over het geloof van ", " die niets met de functie te maken had." },
  { "Na een incident op straat sprak ", " in de kantine ", " aan op een manier die als intimiderend werd ervaren." },
};

typedef struct
{
  GRand      *rand;
  GRand      *steps;     /* for the steps of the handling guidance */
  const GDate *until;
  guint       serial;
} Generator;

static const char *
pick (Generator      *gen,
      const Weighted *table,
      guint           n)
{
  guint total = 0;
  guint r;

  for (guint i = 0; i < n; i++)
    total += table[i].weight;

  r = g_rand_int_range (gen->rand, 0, total);
  for (guint i = 0; i < n; i++)
    {
      if (r < table[i].weight)
        return table[i].code;
      r -= table[i].weight;
    }

  return table[n - 1].code;
}

#define PICK(gen, table) pick (gen, table, G_N_ELEMENTS (table))

static gboolean
chance (Generator *gen,
        double     p)
{
  return g_rand_double (gen->rand) < p;
}

/* Days from an event to the next step: mostly around @typical, with a
 * long tail, as lead times are. */
static int
lead_time (Generator *gen,
           int        typical)
{
  double u = g_rand_double_range (gen->rand, 0.05, 1.0);

  return MAX (1, (int) (typical * (0.4 + -0.6 * log (u))));
}

static CkTristate
tristate (Generator *gen,
          double     yes,
          double     no)
{
  double r = g_rand_double (gen->rand);

  if (r < yes)
    return CK_TRISTATE_YES;
  if (r < yes + no)
    return CK_TRISTATE_NO;
  return CK_TRISTATE_UNKNOWN;
}

static char *
make_name (Generator *gen)
{
  return g_strdup_printf ("%s %s",
                          first_names[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (first_names))],
                          last_names[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (last_names))]);
}

static void
add_codes (Generator       *gen,
           char          ***codes,
           const Weighted  *table,
           guint            n,
           double           second)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_strv_builder_add (builder, pick (gen, table, n));
  if (chance (gen, second))
    g_strv_builder_add (builder, pick (gen, table, n));

  g_strfreev (*codes);
  *codes = g_strv_builder_end (builder);
}

/* A report date over the three years. The density rises linearly so that
 * the last months see about half again as many cases as the first, as
 * attention for the theme grew: t is drawn from density (1 + a·t) on
 * [0, 1] by inverting its distribution function. */
static void
pick_report_date (Generator *gen,
                  GDate     *date)
{
  const int span = 3 * 365;
  const double a = 0.5;
  double u = g_rand_double (gen->rand);
  double t = (-1.0 + sqrt (1.0 + 2.0 * a * u * (1.0 + a / 2.0))) / a;

  *date = *gen->until;
  g_date_subtract_days (date, (int) (span * (1.0 - t)));
}

static void
add_measures (Generator    *gen,
              CkCase       *kase,
              const char   *manifestation)
{
  gboolean grave = g_str_equal (manifestation, "bedreiging") ||
                   g_str_equal (manifestation, "fysiek_geweld");
  gboolean serious = grave || g_str_equal (manifestation, "intimidatie") ||
                     g_str_equal (manifestation, "loopbaan");
  double r = g_rand_double (gen->rand);

  if (g_str_equal (kase->finding, "ongegrond") || g_str_equal (kase->finding, "niet_vast_te_stellen"))
    {
      ck_case_add_measure (kase, chance (gen, 0.3) ? "teaminterventie" : "geen", FALSE);
      return;
    }

  if (grave)
    {
      static const char * const grave_measures[] = { "schorsing", "geldboete", "lagere_schaal", "ontslag" };

      ck_case_add_measure (kase, grave_measures[g_rand_int_range (gen->rand, 0, 4)], chance (gen, 0.25));
    }
  else if (serious && r < 0.5)
    ck_case_add_measure (kase, chance (gen, 0.5) ? "schriftelijke_berisping" : "buitengewone_dienst", chance (gen, 0.2));
  else if (r < 0.45)
    ck_case_add_measure (kase, "correctief_gesprek", FALSE);
  else if (r < 0.8)
    ck_case_add_measure (kase, "educatief", FALSE);
  else
    ck_case_add_measure (kase, "schriftelijke_berisping", chance (gen, 0.3));

  if (chance (gen, 0.2))
    ck_case_add_measure (kase, "teaminterventie", FALSE);
}

static const char *
pick_finding (Generator  *gen,
              const char *route)
{
  static const Weighted disciplinary[] = {
    { "gegrond", 45 }, { "deels_gegrond", 20 }, { "ongegrond", 20 }, { "niet_vast_te_stellen", 15 },
  };
  static const Weighted line[] = {
    { "gegrond", 35 }, { "deels_gegrond", 20 }, { "ongegrond", 15 },
    { "niet_vast_te_stellen", 20 }, { "niet_onderzocht", 10 },
  };
  static const Weighted restorative[] = {
    { "niet_onderzocht", 50 }, { "gegrond", 30 }, { "deels_gegrond", 20 },
  };
  static const Weighted no_action[] = {
    { "niet_onderzocht", 60 }, { "ongegrond", 25 }, { "niet_vast_te_stellen", 15 },
  };

  if (g_str_equal (route, "disciplinair") || g_str_equal (route, "strafrechtelijk"))
    return PICK (gen, disciplinary);
  if (g_str_equal (route, "herstel"))
    return PICK (gen, restorative);
  if (g_str_equal (route, "geen_vervolg") || g_str_equal (route, "doorverwezen"))
    return PICK (gen, no_action);
  return PICK (gen, line);
}

static int
handling_days (const char *route)
{
  if (g_str_equal (route, "disciplinair") || g_str_equal (route, "strafrechtelijk"))
    return 150;
  if (g_str_equal (route, "herstel"))
    return 70;
  if (g_str_equal (route, "geen_vervolg") || g_str_equal (route, "doorverwezen"))
    return 20;
  return 60;
}

static void
set_date_after (GDate       *date,
                const GDate *from,
                int          days)
{
  *date = *from;
  g_date_add_days (date, days);
}

static void
fill_handling (Generator *gen,
               CkCase    *kase)
{
  int age = ck_date_days_between (&kase->report_date, gen->until);
  double triage_share = g_str_equal (kase->kind, "signaal") ? 0.35 : 0.9;
  int to_triage = lead_time (gen, 12);
  int to_disposal;

  kase->status = g_strdup ("nieuw");

  if (!chance (gen, triage_share) || to_triage > age)
    {
      /* A signal that never reached triage is closed after a while. */
      if (g_str_equal (kase->kind, "signaal") && age > 120)
        {
          set_date_after (&kase->disposal_date, &kase->report_date, lead_time (gen, 30));
          if (g_date_compare (&kase->disposal_date, gen->until) > 0)
            kase->disposal_date = *gen->until;
          g_free (kase->status);
          kase->status = g_strdup ("gesloten");
        }
      return;
    }

  set_date_after (&kase->triage_date, &kase->report_date, to_triage);
  kase->triage_route = g_strdup (PICK (gen, routes));
  g_free (kase->status);
  kase->status = g_strdup (age - to_triage < 10 ? "triage" : "in_behandeling");

  if (chance (gen, 0.75))
    set_date_after (&kase->last_feedback_date, &kase->triage_date,
                    g_rand_int_range (gen->rand, 0, MAX (1, MIN (age - to_triage, 90))));

  to_disposal = to_triage + lead_time (gen, handling_days (kase->triage_route));
  if (to_disposal > age)
    return;

  set_date_after (&kase->disposal_date, &kase->report_date, to_disposal);
  if (ck_date_compare (&kase->last_feedback_date, &kase->disposal_date) > 0)
    kase->last_feedback_date = kase->disposal_date;
  kase->finding = g_strdup (pick_finding (gen, kase->triage_route));
  add_measures (gen, kase, kase->manifestations[0]);
  g_free (kase->status);
  kase->status = g_strdup (age - to_disposal > 90 ? "gesloten" : "afgedaan");

  kase->restoration_offered = tristate (gen, 0.4, 0.45);
  if (kase->restoration_offered == CK_TRISTATE_YES)
    {
      kase->restoration_accepted = tristate (gen, 0.6, 0.3);
      if (kase->restoration_accepted == CK_TRISTATE_YES)
        kase->restoration_completed = tristate (gen, 0.8, 0.1);
    }
}

static void
set_after_capped (GDate       *date,
                  const GDate *from,
                  int          days,
                  const GDate *until)
{
  set_date_after (date, from, days);
  if (g_date_compare (date, until) > 0)
    *date = *until;
}

/* The steps of the handling guidance (guidance.xml) as units take them:
 * receipt mostly confirmed within the week, sometimes late or never; most
 * open cases with recent news for the reporter; the outcome mostly told
 * soon after the disposal; the lesson of a founded case considered more
 * often than not. A report that never reached triage was, as the plan
 * says happened, settled in the line and closed without a finding. Drawn
 * from a random stream of their own, so that the rest of a demo case is
 * what it was before these fields existed. */
static void
fill_steps (Generator *gen,
            CkCase    *kase)
{
  GRand *rand = gen->steps;
  int age = ck_date_days_between (&kase->report_date, gen->until);
  gboolean report = !g_str_equal (kase->kind, "signaal");
  gboolean reachable = report && !g_str_equal (kase->reporter_role, "anoniem");
  gboolean founded = g_strcmp0 (kase->finding, "gegrond") == 0 || g_strcmp0 (kase->finding, "deels_gegrond") == 0;
  double r = g_rand_double (rand);

  if (reachable)
    {
      int days = r < 0.72 ? g_rand_int_range (rand, 0, 7) : r < 0.92 ? g_rand_int_range (rand, 7, 25) : -1;

      if (days >= 0 && days <= age)
        set_after_capped (&kase->acknowledged_date, &kase->report_date, days, gen->until);
    }

  if (report && !ck_date_is_set (&kase->triage_date) && age > 120)
    {
      set_after_capped (&kase->disposal_date, &kase->report_date, g_rand_int_range (rand, 20, 70), gen->until);
      g_free (kase->status);
      kase->status = g_strdup ("gesloten");
    }

  if (!ck_date_is_set (&kase->disposal_date))
    {
      /* News in the last five weeks for most cases in handling. */
      if (reachable && ck_date_is_set (&kase->triage_date) && g_rand_double (rand) < 0.75)
        {
          GDate recent = *gen->until;

          g_date_subtract_days (&recent, g_rand_int_range (rand, 0, 35));
          if (g_date_compare (&recent, &kase->triage_date) >= 0)
            kase->last_feedback_date = recent;
        }
      return;
    }

  if (reachable && g_rand_double (rand) < 0.82)
    set_after_capped (&kase->outcome_informed_date, &kase->disposal_date,
                      g_rand_int_range (rand, 0, 21), gen->until);

  if (founded)
    kase->lesson_considered = g_rand_double (rand) < (g_str_equal (kase->status, "gesloten") ? 0.7 : 0.4);
}

static void
fill_confidential (Generator *gen,
                   CkCase    *kase)
{
  g_autofree char *reporter = make_name (gen);
  g_autofree char *subject = make_name (gen);
  const char * const *narrative = narratives[g_rand_int_range (gen->rand, 0, G_N_ELEMENTS (narratives))];
  g_auto(GStrv) reporter_parts = g_strsplit (reporter, " ", 2);
  guint serial = ++gen->serial;

  kase->has_confidential = TRUE;
  if (!g_str_equal (kase->reporter_role, "anoniem"))
    {
      g_autofree char *mail_name = g_ascii_strdown (reporter_parts[1], -1);

      g_strdelimit (mail_name, " ", '.');
      kase->reporter_name = g_strdup (reporter);
      kase->reporter_personnel_number = g_strdup_printf ("%07u", 1000000 + serial * 37 % 8999999);
      kase->reporter_contact = g_strdup_printf ("06-%08u · %c.%s@demo-politie.example",
                                                g_rand_int_range (gen->rand, 10000000, 99999999),
                                                g_ascii_tolower (reporter_parts[0][0]), mail_name);
    }
  kase->subject_name = g_strdup (subject);
  kase->subject_personnel_number = g_strdup_printf ("%07u", 2000000 + serial * 53 % 7999999);
  if (kase->bystanders_present == CK_TRISTATE_YES)
    {
      g_autofree char *first = make_name (gen);
      g_autofree char *second = make_name (gen);

      kase->bystander_names = g_strdup_printf ("%s, %s", first, second);
    }
  kase->file_reference = g_strdup_printf ("DOSSIER-%04u-%05u",
                                          g_date_get_year (&kase->report_date), serial);
  kase->narrative = g_strconcat (narrative[0], subject, narrative[1], reporter, narrative[2], NULL);
}

static CkCase *
generate_case (Generator  *gen,
               const char *unit)
{
  CkCase *kase = ck_case_new ();
  int before;

  kase->unit = g_strdup (unit);
  kase->team = g_strdup (PICK (gen, teams));
  kase->kind = g_strdup (PICK (gen, kinds));
  kase->channel = g_strdup (PICK (gen, channels));
  add_codes (gen, &kase->grounds, grounds, G_N_ELEMENTS (grounds), 0.18);
  add_codes (gen, &kase->manifestations, manifestations, G_N_ELEMENTS (manifestations), 0.25);
  kase->reporter_role = g_strdup (PICK (gen, reporter_roles));
  kase->subject_role = g_strdup (PICK (gen, subject_roles));
  if (g_str_equal (kase->subject_role, "leidinggevende"))
    kase->subject_is_manager = tristate (gen, 0.7, 0.2);
  else
    kase->subject_is_manager = CK_TRISTATE_NO;
  kase->bystanders_present = tristate (gen, 0.55, 0.25);
  if (kase->bystanders_present == CK_TRISTATE_YES)
    kase->bystanders_intervened = tristate (gen, 0.25, 0.6);
  kase->reporter_left = tristate (gen, 0.06, 0.7);
  kase->sensitive = chance (gen, 0.06);
  kase->lc_consulted = kase->sensitive && chance (gen, 0.7);

  pick_report_date (gen, &kase->report_date);
  before = g_rand_int_range (gen->rand, 0, 4) == 0 ? lead_time (gen, 20) : g_rand_int_range (gen->rand, 0, 7);
  kase->incident_date = kase->report_date;
  g_date_subtract_days (&kase->incident_date, before);

  fill_handling (gen, kase);
  fill_steps (gen, kase);
  fill_confidential (gen, kase);
  ck_case_normalize (kase);

  return kase;
}

static int
compare_report_dates (gconstpointer a,
                      gconstpointer b)
{
  const CkCase *ca = *(CkCase * const *) a;
  const CkCase *cb = *(CkCase * const *) b;

  return g_date_compare (&ca->report_date, &cb->report_date);
}

/**
 * ck_demo_generate:
 * @until: the last day of the three years covered
 *
 * Invents @n_cases cases of @unit. The same @seed and @until give the same
 * cases, value for value.
 *
 * Returns: (transfer full) (element-type CkCase): the cases, oldest report
 *   first, not yet stored
 */
GPtrArray *
ck_demo_generate (const char  *unit,
                  guint        n_cases,
                  guint32      seed,
                  const GDate *until)
{
  GPtrArray *cases = g_ptr_array_new_full (n_cases, (GDestroyNotify) ck_case_free);
  Generator gen = { g_rand_new_with_seed (seed), g_rand_new_with_seed (seed ^ 0x5eed5eedu), until, 0 };

  for (guint i = 0; i < n_cases; i++)
    g_ptr_array_add (cases, generate_case (&gen, unit));

  /* Stable order so that references run with the dates. */
  g_ptr_array_sort (cases, compare_report_dates);
  g_rand_free (gen.rand);
  g_rand_free (gen.steps);

  return cases;
}

/* The demo's national figures: invented anonymised records of the other
 * units, as if synchronised. */
static const char * const other_units[] = {
  "DHG", "MNL", "NNL", "NHL", "ONL", "OBR", "RTD", "ZWB", "LIM", "LE", "PDC", "PA", NULL
};

/**
 * ck_demo_open_register:
 *
 * Opens the demo register at @path, creating it on first use with the demo
 * cases of unit AMS up to today, and invented anonymised records of the
 * other units so that the national figures have something to show. Its
 * passphrase is public: it holds only invented people. Slow the first time
 * (Argon2id and 2,000 cases): call it from a worker thread.
 *
 * Returns: (transfer full): the demo register, unlocked
 */
CkRegister *
ck_demo_open_register (const char  *path,
                       GError     **error)
{
  g_autoptr(CkRegister) reg = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  GDate today;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      reg = ck_register_open (path, error);
      if (reg == NULL || !ck_register_unlock (reg, CK_DEMO_PASSPHRASE, error))
        return NULL;
      return g_steal_pointer (&reg);
    }

  reg = ck_register_create (path, "AMS", CK_DEMO_PASSPHRASE, error);
  if (reg == NULL)
    return NULL;

  ck_date_set_today (&today);
  cases = ck_demo_generate ("AMS", CK_DEMO_CASES, CK_DEMO_SEED, &today);
  if (!ck_register_insert_cases (reg, cases, error) ||
      !ck_demo_records_add (reg, other_units, CK_DEMO_RECORDS, &today, 3, CK_DEMO_SEED, error))
    return NULL;

  return g_steal_pointer (&reg);
}
