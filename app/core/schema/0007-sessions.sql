-- 0007-sessions.sql: reflection-room sessions.
-- Copyright 2026 The Casuskamer authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- A session (app/core/ck-session.h) has a date, a method, participants by
-- role, an agenda, notes per agenda item and method step, and what it
-- ended with: observed patterns, lessons and follow-up actions.
--
-- What may name a person is sealed with the session's own data key, which
-- is sealed by the register key as a case's is: participants' names, the
-- notes, and lessons until they are released (the released text, which
-- passed the text check, lives in shared_lessons). Erasing a session
-- destroys its key. Everything else is categorical or written to be read
-- by the group (action descriptions, pattern tags), and is checked again
-- before it is shown on the meeting screen or in minutes to circulate.

CREATE TABLE sessions (
  id          INTEGER PRIMARY KEY,
  uid         TEXT NOT NULL,          -- random, binds the sealed values to this session
  unit        TEXT NOT NULL,
  date        TEXT NOT NULL,          -- ISO 8601
  title       TEXT,
  method      TEXT NOT NULL,          -- a method of data/reflection/reflection.xml
  status      TEXT NOT NULL,          -- planned, held
  wrapped_key BLOB NOT NULL,          -- the session's data key, sealed by the register key
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  deleted_at  INTEGER                 -- in the bin until undo expires
);

CREATE INDEX sessions_date ON sessions (date);

CREATE TABLE session_participants (
  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  role       TEXT NOT NULL,
  name       BLOB,                    -- sealed; NULL when no name was given
  PRIMARY KEY (session_id, position)
) WITHOUT ROWID;

-- An agenda item is a case of the register, a theme (a ground, a
-- manifestation, a channel or a team) or a pattern: what was seen and the
-- filter and figure of the Patronen page it refers to.
CREATE TABLE session_items (
  id          INTEGER PRIMARY KEY,
  session_id  INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  kind        TEXT NOT NULL,          -- case, theme, pattern
  case_id     INTEGER REFERENCES cases (id) ON DELETE SET NULL,
  theme_list  TEXT,                   -- grounds, manifestations, channels, team
  theme_code  TEXT,
  description TEXT,
  filter      TEXT,                   -- "list=code", e.g. "grounds=herkomst"
  figure      TEXT,
  reasons     TEXT                    -- why it was suggested: codes joined with ","
);

CREATE INDEX session_items_session ON session_items (session_id, position);
CREATE INDEX session_items_case ON session_items (case_id) WHERE case_id IS NOT NULL;

CREATE TABLE session_notes (
  item_id      INTEGER NOT NULL REFERENCES session_items (id) ON DELETE CASCADE,
  step         TEXT NOT NULL,
  about_person INTEGER NOT NULL DEFAULT 0,
  sealed       BLOB NOT NULL,
  updated_at   INTEGER NOT NULL,
  PRIMARY KEY (item_id, step)
) WITHOUT ROWID;

CREATE TABLE session_patterns (
  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  tag        TEXT NOT NULL,
  PRIMARY KEY (session_id, position)
) WITHOUT ROWID;

CREATE TABLE session_lessons (
  id             INTEGER PRIMARY KEY,
  session_id     INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  position       INTEGER NOT NULL,
  sealed         BLOB,                -- title, text and theme
  grounds        TEXT NOT NULL,       -- sorted codes joined with ","
  manifestations TEXT NOT NULL,
  state          TEXT NOT NULL,       -- draft, released, withdrawn
  shared_id      TEXT UNIQUE,         -- shared_lessons.id, from the first release on
  shared_rev     INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX session_lessons_session ON session_lessons (session_id, position);

CREATE TABLE session_actions (
  id          INTEGER PRIMARY KEY,
  session_id  INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  description TEXT NOT NULL,
  owner_role  TEXT NOT NULL,
  due_date    TEXT,
  status      TEXT NOT NULL           -- open, done, dropped
);

CREATE INDEX session_actions_session ON session_actions (session_id, position);
CREATE INDEX session_actions_open ON session_actions (due_date) WHERE status = 'open';
