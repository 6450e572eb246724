-- 0001-register.sql: the case register.
-- Copyright 2026 The Casuskamer authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Column names are the field names of app/core/ck-case-fields.c. Code lists
-- are kept twice: joined in the case's row, to read a case or list rows
-- without joins, and one row per code in a link table, to count and filter
-- by code. Dates are
-- ISO 8601 text; yes/no/unknown answers are 1/0/NULL. Confidential values
-- live only in case_seals: all of a case's, together, sealed with the
-- case's own data key under a fresh nonce each time they are written. They
-- have a table of their own so that listing 100,000 cases reads only the
-- small categorical rows.

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value
) WITHOUT ROWID;

CREATE TABLE cases (
  id                    INTEGER PRIMARY KEY,
  uid                   TEXT NOT NULL,      -- random, 128 bits: unique without an index
  reference             TEXT NOT NULL UNIQUE,
  unit                  TEXT NOT NULL,
  team                  TEXT,
  kind                  TEXT NOT NULL,
  channel               TEXT,
  grounds               TEXT NOT NULL,      -- sorted codes joined with ",", as case_grounds
  manifestations        TEXT NOT NULL,      -- likewise, as case_manifestations
  reporter_role         TEXT,
  subject_role          TEXT,
  subject_is_manager    INTEGER,
  bystanders_present    INTEGER,
  bystanders_intervened INTEGER,
  incident_date         TEXT,
  report_date           TEXT NOT NULL,
  triage_date           TEXT,
  disposal_date         TEXT,
  last_feedback_date    TEXT,
  triage_route          TEXT,
  lc_consulted          INTEGER NOT NULL DEFAULT 0,
  sensitive             INTEGER NOT NULL DEFAULT 0,
  finding               TEXT,
  restoration_offered   INTEGER,
  restoration_accepted  INTEGER,
  restoration_completed INTEGER,
  reporter_left         INTEGER,
  status                TEXT NOT NULL,
  created_at            INTEGER NOT NULL,
  updated_at            INTEGER NOT NULL,
  deleted_at            INTEGER             -- in the bin until undo expires
);

CREATE INDEX cases_report_date ON cases (report_date);
CREATE INDEX cases_in_bin ON cases (deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE case_seals (
  case_id     INTEGER PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
  wrapped_key BLOB NOT NULL,                -- the case's data key, sealed by the register key
  sealed      BLOB                          -- the confidential fields; NULL when there are none
);

CREATE TABLE case_grounds (
  case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  code    TEXT NOT NULL,
  PRIMARY KEY (case_id, code)
) WITHOUT ROWID;

CREATE INDEX case_grounds_code ON case_grounds (code, case_id);

CREATE TABLE case_manifestations (
  case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  code    TEXT NOT NULL,
  PRIMARY KEY (case_id, code)
) WITHOUT ROWID;

CREATE TABLE case_measures (
  case_id     INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  code        TEXT NOT NULL,
  conditional INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (case_id, code)
) WITHOUT ROWID;

CREATE TABLE reference_counters (
  prefix TEXT PRIMARY KEY,
  last   INTEGER NOT NULL
) WITHOUT ROWID;

-- No foreign key: the history of an erased case stays, without its secrets.
CREATE TABLE audit (
  id        INTEGER PRIMARY KEY,
  case_id   INTEGER,
  reference TEXT NOT NULL,
  at        INTEGER NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,   -- created, changed, deleted, restored, erased
  field     TEXT,
  old_value TEXT,            -- NULL for confidential fields: only "changed" is kept
  new_value TEXT
);

CREATE INDEX audit_case ON audit (case_id, id);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
  SELECT RAISE (ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
  SELECT RAISE (ABORT, 'the audit log is append-only');
END;
