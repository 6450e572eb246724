-- 0003-shared-records.sql: anonymised records of every unit.
-- Copyright 2026 The Casuskamer authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- One row per anonymised record (app/core/ck-shared-record.h): the unit's
-- own, as last published (own = 1), and those imported from other units'
-- replicas. National figures and comparable cases read only this table,
-- never the cases. Retracted records are deleted, not kept.
--
-- The code lists are kept twice: joined (sorted, ",") for reading a record
-- back in one row, and in link tables for counting by code.

CREATE TABLE shared_records (
  id                    TEXT PRIMARY KEY,
  unit                  TEXT NOT NULL,
  replica               TEXT NOT NULL,
  rev                   INTEGER NOT NULL,
  own                   INTEGER NOT NULL DEFAULT 0,
  year                  INTEGER NOT NULL,
  quarter               INTEGER NOT NULL,     -- 0 when widened to the year
  team                  TEXT,
  kind                  TEXT NOT NULL,
  channel               TEXT,
  grounds               TEXT NOT NULL,
  manifestations        TEXT NOT NULL,
  reporter_role         TEXT,
  subject_role          TEXT,
  subject_is_manager    INTEGER,
  bystanders_present    INTEGER,
  bystanders_intervened INTEGER,
  triage_route          TEXT,
  lc_consulted          INTEGER NOT NULL DEFAULT 0,
  sensitive             INTEGER NOT NULL DEFAULT 0,
  finding               TEXT,
  measures              TEXT NOT NULL,        -- "code" or "code:conditional", joined
  sanction_level        INTEGER NOT NULL,     -- -1 without measures
  restoration_offered   INTEGER,
  restoration_accepted  INTEGER,
  restoration_completed INTEGER,
  reporter_left         INTEGER,
  status                TEXT NOT NULL,
  days_to_triage        INTEGER,              -- NULL when the step has not happened
  days_to_feedback      INTEGER,
  days_to_disposal      INTEGER
);

CREATE INDEX shared_records_unit ON shared_records (unit, year, quarter);
CREATE INDEX shared_records_period ON shared_records (year, quarter);

CREATE TABLE shared_record_grounds (
  record_id TEXT NOT NULL REFERENCES shared_records (id) ON DELETE CASCADE,
  code      TEXT NOT NULL,
  PRIMARY KEY (record_id, code)
) WITHOUT ROWID;

CREATE INDEX shared_record_grounds_code ON shared_record_grounds (code, record_id);

CREATE TABLE shared_record_manifestations (
  record_id TEXT NOT NULL REFERENCES shared_records (id) ON DELETE CASCADE,
  code      TEXT NOT NULL,
  PRIMARY KEY (record_id, code)
) WITHOUT ROWID;

CREATE INDEX shared_record_manifestations_code ON shared_record_manifestations (code, record_id);

-- Lessons released for other units (app/core/ck-shared-lesson.h): the
-- unit's own (own = 1), once released, and those imported.
CREATE TABLE shared_lessons (
  id             TEXT PRIMARY KEY,
  unit           TEXT NOT NULL,
  replica        TEXT NOT NULL,
  rev            INTEGER NOT NULL,
  own            INTEGER NOT NULL DEFAULT 0,
  year           INTEGER NOT NULL,
  quarter        INTEGER NOT NULL,
  title          TEXT NOT NULL,
  text           TEXT NOT NULL,
  theme          TEXT,
  grounds        TEXT NOT NULL,
  manifestations TEXT NOT NULL
);

CREATE INDEX shared_lessons_unit ON shared_lessons (unit, year, quarter);
