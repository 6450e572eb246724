/* ck-demo-records.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "ck-case.h"
#include "ck-date.h"
#include "ck-demo-records.h"
#include "ck-register.h"
#include "ck-shared-store.h"

/* Invented anonymised records of other units, as synchronisation would
 * bring them in: for the demo's national figures and for measuring the
 * statistics at a national scale. Units differ in size and, a little, in
 * how heavily they sanction, so that "like treated alike" has something
 * to show. The same arguments give the same records. */

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

static const Weighted findings[] = {
  { "gegrond", 38 }, { "deels_gegrond", 20 }, { "ongegrond", 17 },
  { "niet_vast_te_stellen", 15 }, { "niet_onderzocht", 10 },
};

static const char * const teams[] = {
  "B01", "B02", "B03", "B04", "B05", "B06", "REC", "OND", "MOB", "STAF",
};

/* Measures by severity, lightest first. */
static const char * const ladder[] = {
  "geen", "correctief_gesprek", "educatief", "schriftelijke_berisping", "buitengewone_dienst",
  "vermindering_vakantie", "geldboete", "inhouding_salaris", "schorsing", "ontslag",
};

typedef struct
{
  GRand *rand;
} Gen;

static const char *
pick (Gen            *gen,
      const Weighted *table,
      guint           n)
{
  guint total = 0, r;

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
chance (Gen    *gen,
        double  p)
{
  return g_rand_double (gen->rand) < p;
}

static CkTristate
tristate (Gen    *gen,
          double  yes,
          double  no)
{
  double r = g_rand_double (gen->rand);

  return r < yes ? CK_TRISTATE_YES : r < yes + no ? CK_TRISTATE_NO : CK_TRISTATE_UNKNOWN;
}

static int
lead_time (Gen *gen,
           int  typical)
{
  double u = g_rand_double_range (gen->rand, 0.05, 1.0);

  return MAX (1, (int) (typical * (0.4 + -0.6 * log (u))));
}

static char *
random_hex (Gen *gen)
{
  GString *hex = g_string_sized_new (32);

  for (int i = 0; i < 4; i++)
    g_string_append_printf (hex, "%08x", g_rand_int (gen->rand));
  return g_string_free (hex, FALSE);
}

static char **
pick_codes (Gen            *gen,
            const Weighted *table,
            guint           n,
            double          second)
{
  const char *first = pick (gen, table, n);
  const char *other = chance (gen, second) ? pick (gen, table, n) : NULL;
  char **codes;

  if (other == NULL || g_str_equal (first, other))
    codes = g_strdupv ((char *[]) { (char *) first, NULL });
  else if (strcmp (first, other) < 0)
    codes = g_strdupv ((char *[]) { (char *) first, (char *) other, NULL });
  else
    codes = g_strdupv ((char *[]) { (char *) other, (char *) first, NULL });

  return codes;
}

static void
add_measure (CkSharedRecord *record,
             const char     *code,
             gboolean        conditional)
{
  CkMeasure measure = { g_strdup (code), conditional };

  g_array_append_val (record->measures, measure);
}

/* Measures on the ladder, shifted by the unit's habit. */
static void
pick_measures (Gen            *gen,
               CkSharedRecord *record,
               int             bias)
{
  const char *manifestation = record->manifestations[0];
  gboolean grave = g_str_equal (manifestation, "bedreiging") || g_str_equal (manifestation, "fysiek_geweld");
  gboolean serious = grave || g_str_equal (manifestation, "intimidatie") || g_str_equal (manifestation, "loopbaan");
  int step, jitter;

  if (g_str_equal (record->finding, "ongegrond") || g_str_equal (record->finding, "niet_vast_te_stellen") ||
      g_str_equal (record->finding, "niet_onderzocht"))
    {
      add_measure (record, chance (gen, 0.3) ? "teaminterventie" : "geen", FALSE);
      return;
    }

  step = grave ? 6 + g_rand_int_range (gen->rand, 0, 4)
               : serious ? 2 + g_rand_int_range (gen->rand, 0, 3)
                         : 1 + g_rand_int_range (gen->rand, 0, 3);
  /* Drawn apart: CLAMP() evaluates its argument more than once. */
  jitter = chance (gen, 0.3) ? g_rand_int_range (gen->rand, -1, 2) : 0;
  step = CLAMP (step + bias + jitter, 1, (int) G_N_ELEMENTS (ladder) - 1);
  add_measure (record, ladder[step], step >= 3 && chance (gen, 0.25));
  if (chance (gen, 0.15))
    add_measure (record, "teaminterventie", FALSE);
}

static void
fill_handling (Gen            *gen,
               CkSharedRecord *record,
               int             age,
               int             bias)
{
  gboolean signal = g_str_equal (record->kind, "signaal");
  int to_triage = lead_time (gen, 12 + 2 * bias);
  int to_disposal;

  record->status = g_strdup ("nieuw");
  if (!chance (gen, signal ? 0.35 : 0.92) || to_triage > age)
    {
      if (signal && age > 120)
        {
          int closed = lead_time (gen, 30);

          g_free (record->status);
          record->status = g_strdup ("gesloten");
          record->days_to_disposal = MIN (age, closed);
        }
      return;
    }

  record->days_to_triage = to_triage;
  record->triage_route = g_strdup (PICK (gen, routes));
  g_free (record->status);
  record->status = g_strdup ("in_behandeling");
  if (chance (gen, 0.78))
    record->days_to_feedback = to_triage + g_rand_int_range (gen->rand, 0, MAX (1, MIN (age - to_triage, 60)));

  to_disposal = to_triage + lead_time (gen, g_str_equal (record->triage_route, "disciplinair") ? 150 : 60);
  if (to_disposal > age)
    return;

  record->days_to_disposal = to_disposal;
  if (record->days_to_feedback > to_disposal)
    record->days_to_feedback = to_disposal;
  record->finding = g_strdup (PICK (gen, findings));
  pick_measures (gen, record, bias);
  g_free (record->status);
  record->status = g_strdup (age - to_disposal > 90 ? "gesloten" : "afgedaan");
  record->restoration_offered = tristate (gen, 0.4, 0.45);
  if (record->restoration_offered == CK_TRISTATE_YES)
    {
      record->restoration_accepted = tristate (gen, 0.6, 0.3);
      if (record->restoration_accepted == CK_TRISTATE_YES)
        record->restoration_completed = tristate (gen, 0.8, 0.1);
    }
}

/**
 * ck_demo_records_generate:
 * @units: the unit codes to invent records for
 * @until: the last day covered; the records span @n_years years before it
 *
 * Calls @func with @n_records invented records, spread over @units by
 * their size. The record passed is only valid during the call.
 */
void
ck_demo_records_generate (const char * const *units,
                          guint               n_records,
                          const GDate        *until,
                          guint               n_years,
                          guint32             seed,
                          CkDemoRecordFunc    func,
                          gpointer            user_data)
{
  Gen gen = { g_rand_new_with_seed (seed) };
  guint n_units = g_strv_length ((char **) units);
  g_autofree guint *weights = g_new (guint, n_units);
  g_autofree int *bias = g_new (int, n_units);
  g_auto(GStrv) replicas = g_new0 (char *, n_units + 1);
  int span = (int) n_years * 365;
  guint total = 0;

  for (guint u = 0; u < n_units; u++)
    {
      weights[u] = 2 + g_rand_int_range (gen.rand, 0, 5);
      bias[u] = g_rand_int_range (gen.rand, -1, 3);
      replicas[u] = random_hex (&gen);
      total += weights[u];
    }

  for (guint i = 0; i < n_records; i++)
    {
      g_autoptr(CkSharedRecord) record = ck_shared_record_new ();
      guint r = g_rand_int_range (gen.rand, 0, total), u = 0;
      /* Density rising over the years, as attention for the theme grew. */
      double t = sqrt (g_rand_double (gen.rand));
      GDate report = *until;
      int age;

      while (r >= weights[u])
        r -= weights[u++];

      g_date_subtract_days (&report, (guint) (span * (1.0 - t)));
      age = ck_date_days_between (&report, until);

      record->id = random_hex (&gen);
      record->unit = g_strdup (units[u]);
      record->replica = g_strdup (replicas[u]);
      record->rev = 1;
      record->year = g_date_get_year (&report);
      /* A few records were widened to the year to protect small groups. */
      record->quarter = chance (&gen, 0.02) ? 0 : ck_date_get_quarter (&report);
      record->team = chance (&gen, 0.1) ? NULL : g_strdup (teams[g_rand_int_range (gen.rand, 0, G_N_ELEMENTS (teams))]);
      record->kind = g_strdup (PICK (&gen, kinds));
      record->channel = g_strdup (PICK (&gen, channels));
      g_strfreev (record->grounds);
      record->grounds = pick_codes (&gen, grounds, G_N_ELEMENTS (grounds), 0.18);
      g_strfreev (record->manifestations);
      record->manifestations = pick_codes (&gen, manifestations, G_N_ELEMENTS (manifestations), 0.25);
      record->reporter_role = g_strdup (PICK (&gen, reporter_roles));
      record->subject_role = g_strdup (PICK (&gen, subject_roles));
      record->subject_is_manager = g_str_equal (record->subject_role, "leidinggevende")
                                   ? tristate (&gen, 0.7, 0.2) : CK_TRISTATE_NO;
      record->bystanders_present = tristate (&gen, 0.55, 0.25);
      if (record->bystanders_present == CK_TRISTATE_YES)
        record->bystanders_intervened = tristate (&gen, 0.25 + 0.05 * (u % 3), 0.6);
      record->reporter_left = tristate (&gen, 0.06, 0.7);
      record->sensitive = chance (&gen, 0.06);
      record->lc_consulted = record->sensitive && chance (&gen, 0.7);
      fill_handling (&gen, record, age, bias[u]);

      if (!func (record, user_data))
        break;
    }

  g_rand_free (gen.rand);
}

typedef struct
{
  CkStorage *storage;
  GError    *error;
} AddState;

static gboolean
put_record (const CkSharedRecord *record,
            gpointer              user_data)
{
  AddState *state = user_data;

  return ck_shared_store_put (state->storage, record, FALSE, &state->error);
}

/**
 * ck_demo_records_add:
 *
 * Stores invented records of other units in @reg's anonymised records,
 * in one transaction.
 */
gboolean
ck_demo_records_add (CkRegister          *reg,
                     const char * const  *units,
                     guint                n_records,
                     const GDate         *until,
                     guint                n_years,
                     guint32              seed,
                     GError             **error)
{
  AddState state = { ck_register_acquire (reg), NULL };
  gboolean ok;

  if (!ck_storage_begin (state.storage, error))
    {
      ck_register_release (reg);
      return FALSE;
    }

  ck_demo_records_generate (units, n_records, until, n_years, seed, put_record, &state);
  if (state.error != NULL)
    {
      ck_storage_rollback (state.storage);
      g_propagate_error (error, state.error);
      ok = FALSE;
    }
  else
    ok = ck_storage_commit (state.storage, error);

  ck_register_release (reg);
  if (ok)
    ck_register_emit_changed (reg);
  return ok;
}
