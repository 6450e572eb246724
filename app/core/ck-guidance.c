/* ck-guidance.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ck-case-index.h"
#include "ck-error.h"
#include "ck-guidance.h"
#include "ck-register.h"
#include "ck-storage.h"

typedef struct
{
  const char *title;
  const char *label;
  const char *description;
} StepTexts;

typedef struct
{
  const char *title;
  const char *description;
  int         fallback;
  int         min;
  int         max;
  gboolean    seen;
} DeadlineInfo;

struct _CkGuidance
{
  GObject       parent_instance;

  GStringChunk *strings;
  StepTexts     steps[CK_N_STEPS];
  DeadlineInfo  deadlines[CK_N_DEADLINES];
  const char   *advice[CK_N_ADVICE];
};

G_DEFINE_FINAL_TYPE (CkGuidance, ck_guidance, G_TYPE_OBJECT)

static const char * const step_codes[CK_N_STEPS] = {
  "registered", "acknowledged", "triage", "coordinator", "handling",
  "disposal", "restoration", "informed", "lesson", "closed",
};

static const struct
{
  const char *id;
  gboolean    months;
} deadline_ids[CK_N_DEADLINES] = {
  { "acknowledge", FALSE },
  { "triage", FALSE },
  { "feedback", FALSE },
  { "outcome", TRUE },
  { "lesson", FALSE },
};

static const char * const advice_ids[CK_N_ADVICE] = {
  "signal", "anonymous", "sensitive", "manager", "bystanders-passive",
  "reporter-left", "founded", "not-founded", "overdue",
};

/* Where in the file the parser is. */
typedef struct
{
  CkGuidance  *self;
  int          step;          /* -1 outside <step> */
  int          deadline;      /* -1 outside <deadline> */
  int          advice;        /* -1 outside <text> */
  const char **target;        /* the text the current element fills */
  GString     *text;
  guint        n_steps;
} ParseState;

static void
ck_guidance_finalize (GObject *object)
{
  CkGuidance *self = (CkGuidance *)object;

  g_clear_pointer (&self->strings, g_string_chunk_free);

  G_OBJECT_CLASS (ck_guidance_parent_class)->finalize (object);
}

static void
ck_guidance_class_init (CkGuidanceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ck_guidance_finalize;
}

static void
ck_guidance_init (CkGuidance *self)
{
  self->strings = g_string_chunk_new (4096);
}

static int
find_id (const char * const *ids,
         guint               n_ids,
         const char         *id)
{
  for (guint i = 0; i < n_ids; i++)
    if (g_strcmp0 (ids[i], id) == 0)
      return (int) i;

  return -1;
}

static int
find_deadline (const char *id)
{
  for (guint i = 0; i < CK_N_DEADLINES; i++)
    if (g_strcmp0 (deadline_ids[i].id, id) == 0)
      return (int) i;

  return -1;
}

static gboolean
parse_int (const char  *text,
           int         *value,
           GError     **error)
{
  gint64 number;

  if (!g_ascii_string_to_signed (text, 10, 0, 1000, &number, error))
    return FALSE;

  *value = (int) number;
  return TRUE;
}

static void
start_deadline (ParseState  *state,
                const char  *element,
                const char **names,
                const char **values,
                GError     **error)
{
  const char *id = NULL, *unit = NULL, *fallback = NULL, *min = NULL, *max = NULL;
  DeadlineInfo *info;
  int index;

  if (!g_markup_collect_attributes (element, names, values, error,
                                    G_MARKUP_COLLECT_STRING, "id", &id,
                                    G_MARKUP_COLLECT_STRING, "unit", &unit,
                                    G_MARKUP_COLLECT_STRING, "default", &fallback,
                                    G_MARKUP_COLLECT_STRING, "min", &min,
                                    G_MARKUP_COLLECT_STRING, "max", &max,
                                    G_MARKUP_COLLECT_INVALID))
    return;

  index = find_deadline (id);
  if (index < 0 || state->self->deadlines[index].seen)
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                   "unknown or repeated deadline “%s”", id);
      return;
    }

  if (!g_str_equal (unit, deadline_ids[index].months ? "months" : "days"))
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                   "deadline “%s” must be in %s", id, deadline_ids[index].months ? "months" : "days");
      return;
    }

  info = &state->self->deadlines[index];
  if (!parse_int (fallback, &info->fallback, error) ||
      !parse_int (min, &info->min, error) ||
      !parse_int (max, &info->max, error))
    return;

  if (info->min < 1 || info->min > info->fallback || info->fallback > info->max)
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                   "deadline “%s” needs 1 <= min <= default <= max", id);
      return;
    }

  info->seen = TRUE;
  state->deadline = index;
}

static void
start_step (ParseState  *state,
            const char  *element,
            const char **names,
            const char **values,
            GError     **error)
{
  const char *code = NULL;

  if (!g_markup_collect_attributes (element, names, values, error,
                                    G_MARKUP_COLLECT_STRING, "code", &code,
                                    G_MARKUP_COLLECT_INVALID))
    return;

  /* The steps come in their fixed order, each once. */
  if (state->n_steps >= CK_N_STEPS || !g_str_equal (code, step_codes[state->n_steps]))
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                   "step “%s” where “%s” was expected", code,
                   state->n_steps < CK_N_STEPS ? step_codes[state->n_steps] : "</steps>");
      return;
    }

  state->step = (int) state->n_steps++;
}

static void
start_text (ParseState  *state,
            const char  *element,
            const char **names,
            const char **values,
            GError     **error)
{
  const char *when = NULL;
  int index;

  if (!g_markup_collect_attributes (element, names, values, error,
                                    G_MARKUP_COLLECT_STRING, "when", &when,
                                    G_MARKUP_COLLECT_INVALID))
    return;

  index = find_id (advice_ids, CK_N_ADVICE, when);
  if (index < 0 || state->self->advice[index] != NULL)
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                   "unknown or repeated advice “%s”", when);
      return;
    }

  state->advice = index;
  state->target = &state->self->advice[index];
  g_string_truncate (state->text, 0);
}

/* Points the parser at the text that a <title>, <label> or <description>
 * fills, which depends on whether it is in a step or a deadline. */
static void
start_text_of (ParseState  *state,
               const char  *element,
               GError     **error)
{
  CkGuidance *self = state->self;

  state->target = NULL;
  if (state->step >= 0)
    {
      if (g_str_equal (element, "title"))
        state->target = &self->steps[state->step].title;
      else if (g_str_equal (element, "label"))
        state->target = &self->steps[state->step].label;
      else if (g_str_equal (element, "description"))
        state->target = &self->steps[state->step].description;
    }
  else if (state->deadline >= 0)
    {
      if (g_str_equal (element, "title"))
        state->target = &self->deadlines[state->deadline].title;
      else if (g_str_equal (element, "description"))
        state->target = &self->deadlines[state->deadline].description;
    }

  if (state->target == NULL)
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_UNKNOWN_ELEMENT,
                   "unexpected element <%s>", element);
      return;
    }

  g_string_truncate (state->text, 0);
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

  if (g_str_equal (element, "guidance"))
    {
      const char *version = NULL;

      g_markup_collect_attributes (element, names, values, error,
                                   G_MARKUP_COLLECT_STRING, "version", &version,
                                   G_MARKUP_COLLECT_INVALID);
    }
  else if (g_str_equal (element, "deadlines") || g_str_equal (element, "steps") ||
           g_str_equal (element, "advice"))
    g_markup_collect_attributes (element, names, values, error, G_MARKUP_COLLECT_INVALID, NULL);
  else if (g_str_equal (element, "deadline"))
    start_deadline (state, element, names, values, error);
  else if (g_str_equal (element, "step"))
    start_step (state, element, names, values, error);
  else if (g_str_equal (element, "text"))
    start_text (state, element, names, values, error);
  else
    start_text_of (state, element, error);
}

static void
end_element (GMarkupParseContext  *context,
             const char           *element,
             gpointer              user_data,
             GError              **error)
{
  ParseState *state = user_data;

  if (g_str_equal (element, "step"))
    state->step = -1;
  else if (g_str_equal (element, "deadline"))
    state->deadline = -1;
  else if (state->target != NULL)
    {
      const char *source = g_strstrip (state->text->str);

      *state->target = g_string_chunk_insert_const (state->self->strings,
                                                    g_dgettext (GETTEXT_PACKAGE, source));
      state->target = NULL;
      state->advice = -1;
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

static gboolean
check_complete (CkGuidance  *self,
                GError     **error)
{
  for (guint i = 0; i < CK_N_STEPS; i++)
    if (self->steps[i].title == NULL || self->steps[i].label == NULL || self->steps[i].description == NULL)
      {
        g_set_error (error, CK_ERROR, CK_ERROR_CORRUPT,
                     "step “%s” is missing or lacks a title, label or description", step_codes[i]);
        return FALSE;
      }

  for (guint i = 0; i < CK_N_DEADLINES; i++)
    if (!self->deadlines[i].seen || self->deadlines[i].title == NULL)
      {
        g_set_error (error, CK_ERROR, CK_ERROR_CORRUPT,
                     "deadline “%s” is missing or lacks a title", deadline_ids[i].id);
        return FALSE;
      }

  for (guint i = 0; i < CK_N_ADVICE; i++)
    if (self->advice[i] == NULL)
      {
        g_set_error (error, CK_ERROR, CK_ERROR_CORRUPT, "advice “%s” is missing", advice_ids[i]);
        return FALSE;
      }

  return TRUE;
}

/**
 * ck_guidance_new_from_bytes:
 *
 * Parses a guidance file: every step, deadline and piece of advice must be
 * there. Texts are translated with the application's gettext domain.
 *
 * Returns: (transfer full): the guidance, or %NULL with @error set
 */
CkGuidance *
ck_guidance_new_from_bytes (GBytes  *xml,
                            GError **error)
{
  static const GMarkupParser parser = { start_element, end_element, text, NULL, NULL };
  g_autoptr(CkGuidance) self = g_object_new (CK_TYPE_GUIDANCE, NULL);
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GString) buffer = g_string_new (NULL);
  ParseState state = { .self = self, .step = -1, .deadline = -1, .advice = -1, .text = buffer };
  gsize len;
  const char *data = g_bytes_get_data (xml, &len);

  context = g_markup_parse_context_new (&parser, G_MARKUP_PREFIX_ERROR_POSITION, &state, NULL);
  if (!g_markup_parse_context_parse (context, data, len, error) ||
      !g_markup_parse_context_end_parse (context, error) ||
      !check_complete (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * ck_guidance_get_default:
 *
 * The guidance shipped with the application, loaded once; a program-wide
 * constant like the vocabulary.
 *
 * Returns: (transfer none): the guidance
 */
CkGuidance *
ck_guidance_get_default (void)
{
  static CkGuidance *guidance;

  if (g_once_init_enter (&guidance))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      CkGuidance *loaded;

      bytes = g_resources_lookup_data (RESOURCE_PREFIX "/data/guidance.xml",
                                       G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (bytes == NULL)
        g_error ("The built-in handling guidance is missing: %s", error->message);

      loaded = ck_guidance_new_from_bytes (bytes, &error);
      if (loaded == NULL)
        g_error ("The built-in handling guidance is invalid: %s", error->message);

      g_once_init_leave (&guidance, loaded);
    }

  return guidance;
}

/* Returns: the stable code of @step, as the data file and the command
 * line name it */
const char *
ck_guidance_step_get_code (CkStep step)
{
  g_return_val_if_fail (step < CK_N_STEPS, NULL);

  return step_codes[step];
}

/* Returns: what the step is called once done: "Reporter told the outcome" */
const char *
ck_guidance_get_step_title (CkGuidance *self,
                            CkStep      step)
{
  g_return_val_if_fail (CK_IS_GUIDANCE (self) && step < CK_N_STEPS, NULL);

  return self->steps[step].title;
}

/* Returns: what to do: "Tell the reporter the outcome" */
const char *
ck_guidance_get_step_label (CkGuidance *self,
                            CkStep      step)
{
  g_return_val_if_fail (CK_IS_GUIDANCE (self) && step < CK_N_STEPS, NULL);

  return self->steps[step].label;
}

const char *
ck_guidance_get_step_description (CkGuidance *self,
                                  CkStep      step)
{
  g_return_val_if_fail (CK_IS_GUIDANCE (self) && step < CK_N_STEPS, NULL);

  return self->steps[step].description;
}

const char *
ck_guidance_get_advice_text (CkGuidance *self,
                             CkAdvice    advice)
{
  g_return_val_if_fail (CK_IS_GUIDANCE (self) && advice < CK_N_ADVICE, NULL);

  return self->advice[advice];
}

/* Returns: the stable id of @deadline, as the data file and the command
 * line name it */
const char *
ck_deadline_get_id (CkDeadline deadline)
{
  g_return_val_if_fail (deadline < CK_N_DEADLINES, NULL);

  return deadline_ids[deadline].id;
}

gboolean
ck_deadline_is_in_months (CkDeadline deadline)
{
  g_return_val_if_fail (deadline < CK_N_DEADLINES, FALSE);

  return deadline_ids[deadline].months;
}

const char *
ck_guidance_get_deadline_title (CkGuidance *self,
                                CkDeadline  deadline)
{
  g_return_val_if_fail (CK_IS_GUIDANCE (self) && deadline < CK_N_DEADLINES, NULL);

  return self->deadlines[deadline].title;
}

const char *
ck_guidance_get_deadline_description (CkGuidance *self,
                                      CkDeadline  deadline)
{
  g_return_val_if_fail (CK_IS_GUIDANCE (self) && deadline < CK_N_DEADLINES, NULL);

  return self->deadlines[deadline].description;
}

void
ck_guidance_get_deadline_range (CkGuidance *self,
                                CkDeadline  deadline,
                                int        *min,
                                int        *max)
{
  g_return_if_fail (CK_IS_GUIDANCE (self) && deadline < CK_N_DEADLINES);

  *min = self->deadlines[deadline].min;
  *max = self->deadlines[deadline].max;
}

void
ck_guidance_get_default_deadlines (CkGuidance  *self,
                                   CkDeadlines *deadlines)
{
  g_return_if_fail (CK_IS_GUIDANCE (self));

  for (guint i = 0; i < CK_N_DEADLINES; i++)
    deadlines->value[i] = self->deadlines[i].fallback;
}

static guint32
add_months (guint32 julian,
            int     months)
{
  GDate date;

  ck_julian_to_date (julian, &date);
  /* GDate keeps the day, or takes the month's last day when it has fewer:
   * 30 November plus three months is 28 (or 29) February. */
  g_date_add_months (&date, months);
  return g_date_get_julian (&date);
}

static void
set_status (CkStepStatus *status,
            gboolean      done,
            guint32       due,
            guint32       today)
{
  status->due = due;
  status->days_left = due > 0 ? (int) due - (int) today : 0;

  if (done)
    status->state = CK_STEP_STATE_DONE;
  else if (due == 0 || status->days_left > CK_GUIDANCE_HORIZON_DAYS)
    status->state = CK_STEP_STATE_OPEN;
  else if (status->days_left >= 0)
    status->state = CK_STEP_STATE_DUE;
  else
    status->state = CK_STEP_STATE_OVERDUE;
}

static void
set_waiting (CkStepStatus *status)
{
  status->state = CK_STEP_STATE_WAITING;
  status->due = 0;
  status->days_left = 0;
}

/**
 * ck_guidance_evaluate:
 * @today: the Julian day to judge against
 * @statuses: (out caller-allocates): one status per step
 *
 * Says for each step of handling @facts whether it applies, is done, and
 * when it is due. The clocks: receipt, triage (and the national
 * coordinator, for a sensitive case), the disposal, restoration and the
 * outcome run from the report; news for the reporter from whatever they
 * last heard (report, receipt or feedback), until the disposal; the
 * outcome is due by the outcome deadline or at the disposal if that came
 * later; the lesson and closing from the disposal. A closed case has what
 * was not done as missed. Allocates nothing: the overview runs it for
 * every open case.
 */
void
ck_guidance_evaluate (const CkDeadlines  *deadlines,
                      const CkCaseFacts  *facts,
                      guint32             today,
                      CkStepStatus        statuses[CK_N_STEPS])
{
  const int *d = deadlines->value;
  guint32 flags = facts->flags;
  gboolean report = !(flags & CK_FACT_SIGNAL);
  gboolean triaged = facts->triage > 0;
  gboolean reachable = report && !(flags & CK_FACT_ANONYMOUS);
  gboolean disposed = facts->disposal > 0;
  guint32 outcome_due = facts->report > 0 ? add_months (facts->report, d[CK_DEADLINE_OUTCOME]) : 0;
  gboolean others_done = TRUE;

  for (guint i = 0; i < CK_N_STEPS; i++)
    statuses[i] = (CkStepStatus) { CK_STEP_STATE_NOT_APPLICABLE, 0, 0 };

  set_status (&statuses[CK_STEP_REGISTERED], facts->report > 0, 0, today);

  if (reachable)
    set_status (&statuses[CK_STEP_ACKNOWLEDGED], facts->acknowledged > 0,
                facts->report + d[CK_DEADLINE_ACKNOWLEDGE], today);

  /* Every report goes to triage; a signal only when someone takes it there. */
  if (report || triaged)
    set_status (&statuses[CK_STEP_TRIAGE], triaged, facts->report + d[CK_DEADLINE_TRIAGE], today);

  if (flags & CK_FACT_SENSITIVE)
    set_status (&statuses[CK_STEP_COORDINATOR], flags & CK_FACT_LC_CONSULTED,
                facts->report + d[CK_DEADLINE_TRIAGE], today);

  if (report || triaged)
    {
      guint32 last_heard = MAX (facts->report, MAX (facts->acknowledged, facts->last_feedback));

      set_status (&statuses[CK_STEP_HANDLING], disposed,
                  reachable ? last_heard + d[CK_DEADLINE_FEEDBACK] : 0, today);
    }

  /* A report ends with a finding, a founded one with measures too. */
  set_status (&statuses[CK_STEP_DISPOSAL],
              disposed && (!report || (flags & CK_FACT_HAS_FINDING)) &&
              (!(flags & CK_FACT_FOUNDED) || (flags & CK_FACT_HAS_MEASURES)),
              outcome_due, today);

  if (report)
    set_status (&statuses[CK_STEP_RESTORATION], flags & CK_FACT_RESTORATION_ANSWERED, outcome_due, today);

  if (reachable)
    {
      if (disposed || facts->outcome_informed > 0)
        set_status (&statuses[CK_STEP_INFORMED], facts->outcome_informed > 0,
                    MAX (outcome_due, facts->disposal), today);
      else
        set_waiting (&statuses[CK_STEP_INFORMED]);
    }

  if (flags & CK_FACT_FOUNDED)
    {
      if (disposed)
        set_status (&statuses[CK_STEP_LESSON], flags & CK_FACT_LESSON_CONSIDERED,
                    facts->disposal + d[CK_DEADLINE_LESSON], today);
      else
        set_waiting (&statuses[CK_STEP_LESSON]);
    }

  for (guint i = 0; i < CK_STEP_CLOSED; i++)
    if (statuses[i].state != CK_STEP_STATE_NOT_APPLICABLE && statuses[i].state != CK_STEP_STATE_DONE)
      others_done = FALSE;

  if ((flags & CK_FACT_CLOSED) || others_done)
    set_status (&statuses[CK_STEP_CLOSED], flags & CK_FACT_CLOSED,
                disposed ? facts->disposal + d[CK_DEADLINE_LESSON] : 0, today);
  else
    set_waiting (&statuses[CK_STEP_CLOSED]);

  if (flags & CK_FACT_CLOSED)
    for (guint i = 0; i < CK_N_STEPS; i++)
      if (statuses[i].state != CK_STEP_STATE_NOT_APPLICABLE && statuses[i].state != CK_STEP_STATE_DONE)
        {
          statuses[i].state = CK_STEP_STATE_MISSED;
          statuses[i].days_left = 0;
        }
}

/* Returns: the step to work on now: the most urgent one that is late or
 * due, else the first that is still open; CK_N_STEPS when none is. */
CkStep
ck_guidance_get_current_step (const CkStepStatus statuses[CK_N_STEPS])
{
  CkStep current = CK_N_STEPS;

  for (guint i = 0; i < CK_N_STEPS; i++)
    {
      const CkStepStatus *status = &statuses[i];

      if (status->state != CK_STEP_STATE_OVERDUE && status->state != CK_STEP_STATE_DUE)
        continue;
      if (current == CK_N_STEPS || status->days_left < statuses[current].days_left)
        current = i;
    }

  if (current != CK_N_STEPS)
    return current;

  for (guint i = 0; i < CK_N_STEPS; i++)
    if (statuses[i].state == CK_STEP_STATE_OPEN)
      return i;

  return CK_N_STEPS;
}

/* Returns: the advice that applies to @facts, one bit per CkAdvice */
guint32
ck_guidance_get_advice (const CkCaseFacts  *facts,
                        const CkStepStatus  statuses[CK_N_STEPS])
{
  guint32 flags = facts->flags;
  guint32 advice = 0;

  if (flags & CK_FACT_SIGNAL)
    advice |= 1 << CK_ADVICE_SIGNAL;
  if (flags & CK_FACT_ANONYMOUS)
    advice |= 1 << CK_ADVICE_ANONYMOUS;
  if (flags & CK_FACT_SENSITIVE)
    advice |= 1 << CK_ADVICE_SENSITIVE;
  if (flags & CK_FACT_MANAGER)
    advice |= 1 << CK_ADVICE_MANAGER;
  if (flags & CK_FACT_BYSTANDERS_PASSIVE)
    advice |= 1 << CK_ADVICE_BYSTANDERS_PASSIVE;
  if (flags & CK_FACT_REPORTER_LEFT)
    advice |= 1 << CK_ADVICE_REPORTER_LEFT;
  if (flags & CK_FACT_FOUNDED)
    advice |= 1 << CK_ADVICE_FOUNDED;
  else if (flags & CK_FACT_HAS_FINDING)
    advice |= 1 << CK_ADVICE_NOT_FOUNDED;

  for (guint i = 0; i < CK_N_STEPS; i++)
    if (statuses[i].state == CK_STEP_STATE_OVERDUE)
      advice |= 1 << CK_ADVICE_OVERDUE;

  return advice;
}

static char *
meta_key (CkDeadline deadline)
{
  return g_strconcat ("guidance.", deadline_ids[deadline].id, NULL);
}

/**
 * ck_guidance_get_deadlines:
 *
 * Reads the unit's deadlines from the register, where the application and
 * the command line both find them; a value that is not set (or not
 * sensible) is the guidance's default.
 */
void
ck_guidance_get_deadlines (CkRegister  *reg,
                           CkDeadlines *deadlines)
{
  CkGuidance *guidance = ck_guidance_get_default ();
  CkStorage *storage;

  g_return_if_fail (CK_IS_REGISTER (reg));

  ck_guidance_get_default_deadlines (guidance, deadlines);

  storage = ck_register_acquire (reg);
  for (guint i = 0; i < CK_N_DEADLINES; i++)
    {
      g_autofree char *key = meta_key (i);
      g_autofree char *text = ck_storage_get_meta (storage, key);
      gint64 value;

      if (text != NULL &&
          g_ascii_string_to_signed (text, 10, guidance->deadlines[i].min, guidance->deadlines[i].max, &value, NULL))
        deadlines->value[i] = (int) value;
    }
  ck_register_release (reg);
}

/**
 * ck_guidance_set_deadlines:
 *
 * Stores the unit's deadlines in the register, all or none. A value out of
 * its range is refused (CK_ERROR_INVALID, the field being the deadline's
 * id). Call it on the register's thread: views recompute on "changed".
 */
gboolean
ck_guidance_set_deadlines (CkRegister         *reg,
                           const CkDeadlines  *deadlines,
                           GError            **error)
{
  CkGuidance *guidance = ck_guidance_get_default ();
  CkStorage *storage;
  gboolean ok = TRUE;

  g_return_val_if_fail (CK_IS_REGISTER (reg), FALSE);

  for (guint i = 0; i < CK_N_DEADLINES; i++)
    {
      const DeadlineInfo *info = &guidance->deadlines[i];

      if (deadlines->value[i] < info->min || deadlines->value[i] > info->max)
        {
          /* Translators: "Confirm receipt within: choose a value from 1 to 30". */
          ck_set_field_error (error, deadline_ids[i].id, _("%s: choose a value from %d to %d"),
                              info->title, info->min, info->max);
          return FALSE;
        }
    }

  storage = ck_register_acquire (reg);
  if (storage->key == NULL)
    {
      g_set_error_literal (error, CK_ERROR, CK_ERROR_LOCKED,
                           _("The register is locked. Enter the passphrase first."));
      ok = FALSE;
    }
  else if ((ok = ck_storage_begin (storage, error)))
    {
      for (guint i = 0; i < CK_N_DEADLINES && ok; i++)
        {
          g_autofree char *key = meta_key (i);
          g_autofree char *value = g_strdup_printf ("%d", deadlines->value[i]);

          ok = ck_storage_set_meta (storage, key, value, error);
        }

      if (ok)
        ok = ck_storage_commit (storage, error);
      else
        ck_storage_rollback (storage);
    }
  ck_register_release (reg);

  if (ok)
    ck_register_emit_changed (reg);
  return ok;
}

/**
 * ck_guidance_collect_attention:
 * @today: the day to judge against
 *
 * What the handling guidance asks for now across the register: one
 * CK_ATTENTION_CASE_STEP item per step of an open case that is overdue or
 * due within CK_GUIDANCE_HORIZON_DAYS, most urgent first. Brings the case
 * index up to date first, which reads the whole register the first time:
 * call it from a worker thread.
 *
 * Returns: (transfer full): the items, or %NULL with @error
 */
CkAttentionSet *
ck_guidance_collect_attention (CkRegister    *reg,
                               const GDate   *today,
                               GCancellable  *cancellable,
                               GError       **error)
{
  CkCaseIndex *index;
  CkDeadlines deadlines;

  g_return_val_if_fail (CK_IS_REGISTER (reg), NULL);

  index = ck_case_index_get_for_register (reg);
  if (!ck_case_index_update (index, cancellable, error))
    return NULL;

  ck_guidance_get_deadlines (reg, &deadlines);
  return ck_case_index_collect_attention (index, ck_guidance_get_default (), &deadlines,
                                          ck_julian_from_date (today));
}
