/* ck-session-minutes.c
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "ck-meeting-facts.h"
#include "ck-date.h"
#include "ck-document.h"
#include "ck-error.h"
#include "ck-meeting-plan.h"
#include "ck-methods.h"
#include "ck-register.h"
#include "ck-session-minutes.h"
#include "ck-sessions.h"
#include "ck-vocabulary.h"

/* The minutes are written once through a Writer: a CkDocument for PDF, a
 * GString for Markdown, or nothing at all, to count first what the safe
 * variant leaves out so that the count can head the minutes. */
typedef struct
{
  void (*title)      (gpointer target, const char *title, const char *subtitle);
  void (*heading)    (gpointer target, const char *text);
  void (*subheading) (gpointer target, const char *text);
  void (*paragraph)  (gpointer target, const char *text);
  void (*labelled)   (gpointer target, const char *label, const char *text);
  void (*note)       (gpointer target, const char *text);
  void (*table)      (gpointer target, const char * const *header, GPtrArray *rows);
} Writer;

typedef struct
{
  const Writer     *writer;
  gpointer          target;
  CkMinutesVariant  variant;
  CkTextCheck      *check;
  guint             left_out;
  guint             counted;    /* what a first pass counted, or 0 */
} Minutes;

/* PDF */

static void
pdf_title (gpointer target, const char *title, const char *subtitle)
{
  ck_document_add_title (target, title, subtitle);
}

static void
pdf_heading (gpointer target, const char *text)
{
  ck_document_add_heading (target, text);
}

static void
pdf_subheading (gpointer target, const char *text)
{
  ck_document_add_subheading (target, text);
}

static void
pdf_paragraph (gpointer target, const char *text)
{
  ck_document_add_paragraph (target, text);
}

static void
pdf_labelled (gpointer target, const char *label, const char *text)
{
  /* Translators: a note of a method step in the minutes: "Options: …". */
  g_autofree char *line = g_strdup_printf (_("%s: %s"), label, text);

  ck_document_add_paragraph (target, line);
}

static void
pdf_note (gpointer target, const char *text)
{
  ck_document_add_note (target, text);
}

static void
pdf_table (gpointer target, const char * const *header, GPtrArray *rows)
{
  ck_document_add_table (target, header, rows);
}

static const Writer pdf_writer = {
  pdf_title, pdf_heading, pdf_subheading, pdf_paragraph, pdf_labelled, pdf_note, pdf_table,
};

/* Markdown */

static void
md_text (GString    *out,
         const char *text)
{
  /* One paragraph: lines of the text stay lines. */
  for (const char *p = text; *p; p++)
    {
      if (*p == '\n')
        g_string_append (out, "  \n");
      else
        g_string_append_c (out, *p);
    }
}

static void
md_title (gpointer target, const char *title, const char *subtitle)
{
  g_string_append (target, "# ");
  md_text (target, title);
  g_string_append (target, "\n\n");
  if (subtitle != NULL)
    {
      md_text (target, subtitle);
      g_string_append (target, "\n\n");
    }
}

static void
md_heading (gpointer target, const char *text)
{
  g_string_append_printf (target, "## %s\n\n", text);
}

static void
md_subheading (gpointer target, const char *text)
{
  g_string_append (target, "### ");
  md_text (target, text);
  g_string_append (target, "\n\n");
}

static void
md_paragraph (gpointer target, const char *text)
{
  md_text (target, text);
  g_string_append (target, "\n\n");
}

static void
md_labelled (gpointer target, const char *label, const char *text)
{
  g_string_append_printf (target, "**%s**: ", label);
  md_paragraph (target, text);
}

static void
md_note (gpointer target, const char *text)
{
  g_string_append_c (target, '_');
  md_text (target, text);
  g_string_append (target, "_\n\n");
}

static void
md_cell (GString    *out,
         const char *text)
{
  g_string_append (out, " ");
  for (const char *p = text != NULL ? text : ""; *p; p++)
    {
      if (*p == '|')
        g_string_append (out, "\\|");
      else if (*p == '\n')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }
  g_string_append (out, " |");
}

static void
md_table (gpointer target, const char * const *header, GPtrArray *rows)
{
  GString *out = target;

  g_string_append_c (out, '|');
  for (guint c = 0; header[c] != NULL; c++)
    md_cell (out, header[c]);
  g_string_append (out, "\n|");
  for (guint c = 0; header[c] != NULL; c++)
    g_string_append (out, " --- |");
  g_string_append_c (out, '\n');
  for (guint r = 0; r < rows->len; r++)
    {
      const char * const *cells = rows->pdata[r];

      g_string_append_c (out, '|');
      for (guint c = 0; header[c] != NULL; c++)
        md_cell (out, cells[c]);
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');
}

static const Writer markdown_writer = {
  md_title, md_heading, md_subheading, md_paragraph, md_labelled, md_note, md_table,
};

/* Counting only */

static void
null_text (gpointer target, const char *text)
{
}

static void
null_two (gpointer target, const char *a, const char *b)
{
}

static void
null_table (gpointer target, const char * const *header, GPtrArray *rows)
{
}

static const Writer null_writer = {
  null_two, null_text, null_text, null_text, null_two, null_text, null_table,
};

/* Returns: (nullable): @text, or %NULL when the safe variant must leave it
 * out; that is counted */
static const char *
shareable (Minutes    *m,
           const char *text)
{
  g_autoptr(GPtrArray) findings = NULL;

  if (text == NULL || m->variant == CK_MINUTES_FULL)
    return text;

  findings = ck_text_check_run (m->check, text);
  if (findings->len == 0)
    return text;

  m->left_out++;
  return NULL;
}

static GPtrArray *
new_rows (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
}

/* Adds a row of @n_cells texts; a %NULL text is an empty cell. */
static void
add_cells (GPtrArray *rows,
           guint      n_cells,
           ...)
{
  g_autoptr(GStrvBuilder) cells = g_strv_builder_new ();
  va_list args;

  va_start (args, n_cells);
  for (guint i = 0; i < n_cells; i++)
    {
      const char *cell = va_arg (args, const char *);

      g_strv_builder_add (cells, cell != NULL ? cell : "");
    }
  va_end (args);

  g_ptr_array_add (rows, g_strv_builder_end (cells));
}

static const char *
left_out_text (void)
{
  return _("(left out: confidential, or it may name a person)");
}

static void
write_header (Minutes             *m,
              const CkSession     *session,
              const CkMeetingPlan *plan)
{
  CkVocabulary *vocabulary = ck_vocabulary_get_default ();
  g_autofree char *own_title = ck_session_dup_title (session);
  g_autofree char *date = ck_date_format_user (&session->date);
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;
  const char *shown_title = m->variant == CK_MINUTES_FULL ? own_title : plan->title;

  /* Translators: the title of a session's minutes. */
  title = g_strdup_printf (_("Minutes: %s"), shown_title != NULL ? shown_title : _("reflection session"));
  /* Translators: under the title of minutes: unit, date and method. */
  subtitle = g_strdup_printf (_("Reflection room %s · %s · %s"),
                              ck_vocabulary_get_label (vocabulary, CK_VOCAB_UNITS, session->unit),
                              date, plan->method->title);
  m->writer->title (m->target, title, subtitle);

  if (m->variant == CK_MINUTES_FULL)
    m->writer->note (m->target, _("Confidential: these minutes name participants and hold every note. "
                                  "Keep them within the reflection room; circulate the safe version instead."));
  else if (m->counted > 0)
    {
      g_autofree char *note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "Safe to circulate: without names of participants and without "
                                                            "notes about persons. %u text was left out because it is "
                                                            "confidential or may name a person.",
                                                            "Safe to circulate: without names of participants and without "
                                                            "notes about persons. %u texts were left out because they are "
                                                            "confidential or may name a person.",
                                                            m->counted),
                                               m->counted);

      m->writer->note (m->target, note);
    }
  else
    m->writer->note (m->target, _("Safe to circulate: without names of participants and without notes about persons."));
}

static void
write_participants (Minutes         *m,
                    const CkSession *session)
{
  CkMethods *methods = ck_methods_get_default ();
  const char *header_full[] = { _("Role"), _("Name"), NULL };
  const char *header_safe[] = { _("Role"), NULL };
  g_autoptr(GPtrArray) rows = new_rows ();

  if (session->participants->len == 0)
    return;

  m->writer->heading (m->target, _("Participants"));
  for (guint i = 0; i < session->participants->len; i++)
    {
      const CkParticipant *participant = session->participants->pdata[i];
      const char *role = ck_methods_get_role_label (methods, participant->role);

      if (m->variant == CK_MINUTES_FULL)
        add_cells (rows, 2, role, participant->name);
      else
        add_cells (rows, 1, role);
    }
  m->writer->table (m->target, m->variant == CK_MINUTES_FULL ? header_full : header_safe, rows);
}

static void
write_open_actions (Minutes              *m,
                    CkRegister           *reg,
                    const CkSession      *session,
                    GError              **error)
{
  CkMethods *methods = ck_methods_get_default ();
  const char *header[] = { _("Action"), _("Owner"), _("Due"), _("From the session of"), NULL };
  g_autoptr(GPtrArray) actions = ck_sessions_list_open_actions (reg, &session->date, error);
  g_autoptr(GPtrArray) rows = new_rows ();

  if (actions == NULL || actions->len == 0)
    return;

  m->writer->heading (m->target, _("Open actions of earlier sessions"));
  for (guint i = 0; i < actions->len; i++)
    {
      const CkSessionAction *action = actions->pdata[i];
      const char *description = shareable (m, action->description);
      g_autofree char *due = ck_date_format_user (&action->due);
      g_autofree char *held = ck_date_format_user (&action->session_date);

      add_cells (rows, 4, description != NULL ? description : left_out_text (),
                 ck_methods_get_role_label (methods, action->owner_role), due, held);
    }
  m->writer->table (m->target, header, rows);
}

static void
write_item (Minutes              *m,
            const CkSession      *session,
            const CkAgendaItem   *agenda_item,
            const CkMeetingItem  *item,
            guint                 number)
{
  g_autofree char *own_title = ck_agenda_item_dup_title (agenda_item);
  g_autofree char *heading = NULL;
  const char *title = m->variant == CK_MINUTES_FULL ? own_title : item->title;
  const CkMethod *method = ck_methods_lookup (ck_methods_get_default (), session->method);

  heading = g_strdup_printf ("%u. %s", number, title != NULL ? title : left_out_text ());
  m->writer->subheading (m->target, heading);

  if (item->facts != NULL)
    {
      const char *header[] = { _("Fact"), _("Value"), NULL };
      g_autoptr(GPtrArray) facts = ck_meeting_facts_get_rows (item->facts, FALSE);
      g_autoptr(GPtrArray) rows = new_rows ();

      for (guint i = 0; i < facts->len; i++)
        {
          const CkFactRow *fact = facts->pdata[i];

          add_cells (rows, 2, fact->label, fact->value);
        }
      m->writer->table (m->target, header, rows);
    }
  else if (item->kind == CK_AGENDA_CASE)
    m->writer->paragraph (m->target, _("The case was erased from the register."));

  if (item->has_counts)
    {
      g_autofree char *counts =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u case in this period, %u in the period before.",
                                      "%u cases in this period, %u in the period before.",
                                      item->current),
                         item->current, item->previous);

      m->writer->paragraph (m->target, counts);
    }

  if (item->reasons[0] != NULL)
    {
      g_autofree char *reasons = ck_reasons_describe (item->reasons);
      /* Translators: %s lists why an item is on the agenda. */
      g_autofree char *note = g_strdup_printf (_("On the agenda because: %s."), reasons);

      m->writer->note (m->target, note);
    }

  for (guint s = 0; method != NULL && s < method->n_steps; s++)
    {
      const CkSessionNote *note = ck_session_find_note (session, agenda_item->id, method->steps[s].id);
      const char *text;

      if (note == NULL)
        continue;

      if (m->variant == CK_MINUTES_SAFE && note->about_person)
        {
          m->left_out++;
          text = NULL;
        }
      else
        text = shareable (m, note->text);

      m->writer->labelled (m->target, method->steps[s].title, text != NULL ? text : left_out_text ());
    }
}

static void
write_patterns (Minutes         *m,
                const CkSession *session)
{
  g_autoptr(GString) tags = g_string_new (NULL);

  if (session->patterns[0] == NULL)
    return;

  m->writer->heading (m->target, _("Observed patterns"));
  for (guint i = 0; session->patterns[i] != NULL; i++)
    {
      const char *tag = shareable (m, session->patterns[i]);

      if (tags->len > 0)
        g_string_append (tags, ", ");
      g_string_append (tags, tag != NULL ? tag : left_out_text ());
    }
  m->writer->paragraph (m->target, tags->str);
}

static const char *
describe_state (CkLessonState state)
{
  switch (state)
    {
    case CK_LESSON_RELEASED:
      return _("Released to other units.");
    case CK_LESSON_WITHDRAWN:
      return _("Released once, then withdrawn.");
    case CK_LESSON_DRAFT:
    default:
      return _("Not released.");
    }
}

static void
write_lessons (Minutes         *m,
               const CkSession *session)
{
  CkVocabulary *vocabulary = ck_vocabulary_get_default ();

  if (session->lessons->len == 0)
    return;

  m->writer->heading (m->target, _("Lessons"));
  for (guint i = 0; i < session->lessons->len; i++)
    {
      const CkSessionLesson *lesson = session->lessons->pdata[i];
      const char *title = shareable (m, lesson->title);
      const char *text = shareable (m, lesson->text);
      const char *theme = shareable (m, lesson->theme);
      g_autofree char *grounds = ck_vocabulary_join_labels (vocabulary, CK_VOCAB_GROUNDS,
                                                            (const char * const *) lesson->grounds);
      g_autofree char *manifestations = ck_vocabulary_join_labels (vocabulary, CK_VOCAB_MANIFESTATIONS,
                                                                   (const char * const *) lesson->manifestations);
      g_autoptr(GString) about = g_string_new (NULL);

      m->writer->subheading (m->target, title != NULL ? title : left_out_text ());
      if (lesson->text != NULL)
        m->writer->paragraph (m->target, text != NULL ? text : left_out_text ());

      if (lesson->theme != NULL)
        /* Translators: the theme of a lesson, in the minutes. */
        g_string_append_printf (about, _("Theme: %s. "), theme != NULL ? theme : left_out_text ());
      if (*grounds != '\0')
        g_string_append_printf (about, _("Grounds: %s. "), grounds);
      if (*manifestations != '\0')
        g_string_append_printf (about, _("Manifestations: %s. "), manifestations);
      g_string_append (about, describe_state (lesson->state));
      m->writer->note (m->target, about->str);
    }
}

static const char *
describe_status (CkActionStatus status)
{
  switch (status)
    {
    case CK_ACTION_DONE:
      return _("Done");
    case CK_ACTION_DROPPED:
      return _("Dropped");
    case CK_ACTION_OPEN:
    default:
      return _("Open");
    }
}

static void
write_actions (Minutes         *m,
               const CkSession *session)
{
  CkMethods *methods = ck_methods_get_default ();
  const char *header[] = { _("Action"), _("Owner"), _("Due"), _("Status"), NULL };
  g_autoptr(GPtrArray) rows = new_rows ();

  if (session->actions->len == 0)
    return;

  m->writer->heading (m->target, _("Actions"));
  for (guint i = 0; i < session->actions->len; i++)
    {
      const CkSessionAction *action = session->actions->pdata[i];
      const char *description = shareable (m, action->description);
      g_autofree char *due = ck_date_format_user (&action->due);

      add_cells (rows, 4, description != NULL ? description : left_out_text (),
                 ck_methods_get_role_label (methods, action->owner_role), due, describe_status (action->status));
    }
  m->writer->table (m->target, header, rows);
}

static gboolean
write_minutes (Minutes        *m,
               CkRegister     *reg,
               CkSession      *session,
               CkMeetingPlan  *plan,
               GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *from = ck_date_format_user (&plan->period_from);
  g_autofree char *to = ck_date_format_user (&plan->period_to);
  g_autofree char *period = NULL;

  write_header (m, session, plan);
  write_participants (m, session);

  m->writer->heading (m->target, _("Period"));
  /* Translators: the period a session looked back on: two dates. */
  period = g_strdup_printf (_("The session looked back on the cases of %s to %s."), from, to);
  m->writer->paragraph (m->target, period);

  write_open_actions (m, reg, session, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  m->writer->heading (m->target, _("Agenda"));
  if (session->items->len == 0)
    m->writer->paragraph (m->target, _("The agenda was empty."));
  for (guint i = 0; i < session->items->len && i < plan->items->len; i++)
    write_item (m, session, session->items->pdata[i], plan->items->pdata[i], i + 1);

  write_patterns (m, session);
  write_lessons (m, session);
  write_actions (m, session);
  return TRUE;
}

/* Loads what the minutes hold and writes them through @writer; for the
 * safe variant a first pass counts what is left out. */
static gboolean
compose (CkRegister        *reg,
         gint64             session_id,
         CkMinutesVariant   variant,
         CkTextCheck       *check,
         const GDate       *today,
         const Writer      *writer,
         gpointer           target,
         CkSession        **out_session,
         GError           **error)
{
  g_autoptr(CkSession) session = NULL;
  g_autoptr(CkMeetingPlan) plan = NULL;
  Minutes m = { writer, target, variant, check, 0, 0 };

  session = ck_sessions_load (reg, session_id, TRUE, error);
  if (session == NULL)
    return FALSE;
  plan = ck_sessions_load_meeting (reg, session_id, today, check, error);
  if (plan == NULL)
    return FALSE;

  if (variant == CK_MINUTES_SAFE)
    {
      Minutes counting = { &null_writer, NULL, variant, check, 0, 0 };

      if (!write_minutes (&counting, reg, session, plan, error))
        return FALSE;
      m.counted = counting.left_out;
    }

  if (!write_minutes (&m, reg, session, plan, error))
    return FALSE;

  if (out_session != NULL)
    *out_session = g_steal_pointer (&session);
  return TRUE;
}

/**
 * ck_session_minutes_to_markdown:
 * @check: the text check with the register's names
 * @today: the day lead times of open cases run to
 *
 * Returns: (transfer full) (nullable): the minutes as Markdown
 */
char *
ck_session_minutes_to_markdown (CkRegister        *reg,
                                gint64             session_id,
                                CkMinutesVariant   variant,
                                CkTextCheck       *check,
                                const GDate       *today,
                                GError           **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (CK_IS_TEXT_CHECK (check), NULL);

  if (!compose (reg, session_id, variant, check, today, &markdown_writer, out, NULL, error))
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Creates @path afresh, readable by its owner only when it is
 * confidential, so that nothing is ever in it with wider rights. */
static gboolean
create_file (const char        *path,
             CkMinutesVariant   variant,
             GError           **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, variant == CK_MINUTES_FULL ? 0600 : 0644);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, CK_ERROR, CK_ERROR_IO, _("The minutes cannot be written to %s: %s"),
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  close (fd);
  return TRUE;
}

static gboolean
write_pdf (CkRegister        *reg,
           gint64             session_id,
           CkMinutesVariant   variant,
           CkTextCheck       *check,
           const GDate       *today,
           const char        *path,
           GError           **error)
{
  g_autoptr(CkDocument) document = NULL;
  g_autoptr(CkSession) session = NULL;

  document = ck_document_new_pdf (path, _("Minutes of a reflection session"), error);
  if (document == NULL)
    return FALSE;

  ck_document_set_footer (document, variant == CK_MINUTES_FULL ? _("Casuskamer · confidential minutes")
                                                               : _("Casuskamer · safe to circulate"));
  return compose (reg, session_id, variant, check, today, &pdf_writer, document, &session, error) &&
         ck_document_finish (document, error);
}

/**
 * ck_session_minutes_write:
 * @check: the text check with the register's names
 * @today: the day lead times of open cases run to
 *
 * Writes the minutes to @path. They are written beside it first and take
 * its place only once complete, so that a failure leaves what was there.
 */
gboolean
ck_session_minutes_write (CkRegister        *reg,
                          gint64             session_id,
                          CkMinutesVariant   variant,
                          CkMinutesFormat    format,
                          CkTextCheck       *check,
                          const GDate       *today,
                          const char        *path,
                          GError           **error)
{
  g_autofree char *part = g_strconcat (path, ".part", NULL);
  gboolean ok;

  g_return_val_if_fail (CK_IS_TEXT_CHECK (check), FALSE);

  if (!create_file (part, variant, error))
    return FALSE;

  if (format == CK_MINUTES_PDF)
    ok = write_pdf (reg, session_id, variant, check, today, part, error);
  else
    {
      g_autofree char *markdown = ck_session_minutes_to_markdown (reg, session_id, variant, check, today, error);

      ok = markdown != NULL && g_file_set_contents_full (part, markdown, -1, G_FILE_SET_CONTENTS_CONSISTENT,
                                                         variant == CK_MINUTES_FULL ? 0600 : 0644, error);
    }

  if (ok && g_rename (part, path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, CK_ERROR, CK_ERROR_IO, _("The minutes cannot be written to %s: %s"),
                   path, g_strerror (saved_errno));
      ok = FALSE;
    }

  if (!ok)
    g_unlink (part);
  return ok;
}

typedef struct
{
  gint64            session_id;
  CkMinutesVariant  variant;
  CkMinutesFormat   format;
  char             *path;
  CkTextCheck      *check;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_free (data->path);
  g_object_unref (data->check);
  g_free (data);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *data = task_data;
  GError *error = NULL;
  GDate today;

  ck_date_set_today (&today);
  if (ck_session_minutes_write (source_object, data->session_id, data->variant, data->format,
                                data->check, &today, data->path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Writes the minutes in a thread. @check: the text check with the
 * register's names (ck_sessions_new_text_check()) */
void
ck_session_minutes_write_async (CkRegister          *reg,
                                gint64               session_id,
                                CkMinutesVariant     variant,
                                CkMinutesFormat      format,
                                const char          *path,
                                CkTextCheck         *check,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *data = g_new0 (WriteData, 1);

  data->session_id = session_id;
  data->variant = variant;
  data->format = format;
  data->path = g_strdup (path);
  data->check = g_object_ref (check);

  task = g_task_new (reg, cancellable, callback, user_data);
  g_task_set_source_tag (task, ck_session_minutes_write_async);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  g_task_run_in_thread (task, write_thread);
}

gboolean
ck_session_minutes_write_finish (CkRegister    *reg,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, reg), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
