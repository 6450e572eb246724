/* ck-session.h
 * Copyright 2026 The Casuskamer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _CkSession CkSession;

typedef struct
{
  char *role;               /* a role of ck_methods_get_roles() */
  char *name;               /* confidential; NULL when not given or not loaded */
} CkParticipant;

typedef enum
{
  CK_AGENDA_CASE,
  CK_AGENDA_THEME,
  CK_AGENDA_PATTERN,
} CkAgendaKind;

/* Theme lists: the vocabularies a theme can come from, and teams. */
#define CK_THEME_TEAM "team"

/* Why an item was put on the agenda by ck_sessions_suggest(). */
#define CK_REASON_NEW                "new"
#define CK_REASON_LONG_OPEN          "long_open"
#define CK_REASON_SENSITIVE          "sensitive"
#define CK_REASON_NO_TRIAGE          "no_triage"
#define CK_REASON_NOT_INFORMED       "not_informed"
#define CK_REASON_NO_RESTORATION     "no_restoration"
#define CK_REASON_CHANGED            "changed"

typedef struct
{
  gint64        id;              /* 0 until stored */
  CkAgendaKind  kind;
  gint64        case_id;         /* CASE: 0 once the case was erased */
  char         *case_reference;  /* CASE: as loaded, for the planner */
  char         *theme_list;      /* THEME: a vocabulary id or CK_THEME_TEAM */
  char         *theme_code;
  char         *description;     /* PATTERN: what was seen */
  char         *filter;          /* PATTERN: "list=code" of the figure */
  char         *figure;          /* PATTERN: which figure shows it */
  char        **reasons;         /* CK_REASON_… codes; may be empty */
} CkAgendaItem;

/* A note of one method step of one agenda item. Confidential: notes may
 * be about persons, and @about_person says a note is. */
typedef struct
{
  gint64    item_id;
  char     *step;
  char     *text;
  gboolean  about_person;
  gboolean  changed;        /* ck_sessions_save() writes it */
} CkSessionNote;

typedef enum
{
  CK_LESSON_DRAFT,
  CK_LESSON_RELEASED,        /* published with the unit's records */
  CK_LESSON_WITHDRAWN,       /* released once, then retracted */
} CkLessonState;

/* A lesson of the session. Title, text and theme are sealed at rest while
 * they are the session's own: a draft may still name someone. */
typedef struct
{
  gint64         id;             /* 0 until stored */
  char          *title;
  char          *text;
  char          *theme;
  char         **grounds;
  char         **manifestations;
  CkLessonState  state;          /* changed only by release and withdrawal */
  char          *shared_id;
  guint          shared_rev;
} CkSessionLesson;

typedef enum
{
  CK_ACTION_OPEN,
  CK_ACTION_DONE,
  CK_ACTION_DROPPED,
} CkActionStatus;

/* A follow-up action. Its description is read by the group and on the
 * overview: it names roles, never persons. */
typedef struct
{
  gint64          id;            /* 0 until stored */
  gint64          session_id;
  GDate           session_date;  /* of its session, as loaded */
  char           *description;
  char           *owner_role;
  GDate           due;
  CkActionStatus  status;
} CkSessionAction;

/* A reflection-room session. Strings and arrays are owned by the session.
 * When it was loaded without its confidential values (@has_confidential
 * FALSE), participants' names, notes and lessons' texts are NULL and
 * @notes is empty. */
struct _CkSession
{
  gint64      id;               /* 0 until stored */
  char       *uid;
  char       *unit;
  GDate       date;
  char       *title;            /* NULL: named after its date */
  char       *method;
  char       *status;           /* "planned" or "held" */
  GPtrArray  *participants;     /* CkParticipant */
  GPtrArray  *items;            /* CkAgendaItem, in agenda order */
  GPtrArray  *notes;            /* CkSessionNote */
  char      **patterns;         /* observed patterns, as tags */
  GPtrArray  *lessons;          /* CkSessionLesson */
  GPtrArray  *actions;          /* CkSessionAction */
  gboolean    has_confidential;
  GDate       personal_data_erased_on; /* set by the register once the retention
                                        * term erased names, notes and the texts
                                        * of unreleased lessons (ck-retention.h) */
  gint64      created_at;
  gint64      updated_at;
};

#define CK_SESSION_PLANNED "planned"
#define CK_SESSION_HELD    "held"

#define CK_TYPE_SESSION (ck_session_get_type ())

GType             ck_session_get_type          (void) G_GNUC_CONST;
CkSession        *ck_session_new               (void);
CkSession        *ck_session_copy              (const CkSession       *self);
void              ck_session_free              (CkSession             *self);
char             *ck_session_dup_title         (const CkSession       *self);
CkAgendaItem     *ck_session_find_item         (const CkSession       *self,
                                                gint64                 item_id);
CkSessionNote    *ck_session_find_note         (const CkSession       *self,
                                                gint64                 item_id,
                                                const char            *step);
void              ck_session_clear_confidential (CkSession            *self);

CkParticipant    *ck_participant_new           (const char            *role,
                                                const char            *name);
void              ck_participant_free          (CkParticipant         *self);

CkAgendaItem     *ck_agenda_item_new           (CkAgendaKind           kind);
CkAgendaItem     *ck_agenda_item_copy          (const CkAgendaItem    *self);
void              ck_agenda_item_free          (CkAgendaItem          *self);
char             *ck_agenda_item_dup_title     (const CkAgendaItem    *self);

CkSessionNote    *ck_session_note_new          (gint64                 item_id,
                                                const char            *step,
                                                const char            *text);
void              ck_session_note_free         (CkSessionNote         *self);

CkSessionLesson  *ck_session_lesson_new        (void);
CkSessionLesson  *ck_session_lesson_copy       (const CkSessionLesson *self);
void              ck_session_lesson_free       (CkSessionLesson       *self);

CkSessionAction  *ck_session_action_new        (const char            *description,
                                                const char            *owner_role,
                                                const GDate           *due);
CkSessionAction  *ck_session_action_copy       (const CkSessionAction *self);
void              ck_session_action_free       (CkSessionAction       *self);

const char       *ck_lesson_state_to_string    (CkLessonState          state);
gboolean          ck_lesson_state_from_string  (const char            *text,
                                                CkLessonState         *state);
const char       *ck_action_status_to_string   (CkActionStatus         status);
gboolean          ck_action_status_from_string (const char            *text,
                                                CkActionStatus        *status);
const char       *ck_agenda_kind_to_string     (CkAgendaKind           kind);
gboolean          ck_agenda_kind_from_string   (const char            *text,
                                                CkAgendaKind          *kind);
const char       *ck_reason_describe           (const char            *reason);
char             *ck_reasons_describe          (char * const          *reasons);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CkSession, ck_session_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CkAgendaItem, ck_agenda_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CkSessionNote, ck_session_note_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CkSessionLesson, ck_session_lesson_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CkSessionAction, ck_session_action_free)

G_END_DECLS
