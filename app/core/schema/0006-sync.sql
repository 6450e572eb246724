-- 0006-sync.sql: the state of synchronisation through Git.
-- Copyright 2026 The Casuskamer authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- The local mapping of cases to the random ids of their shared records
-- (DOMAIN.md, privacy rule 1) and what was last published of each; the
-- same for released lessons; what was last imported from every other
-- replica's ref; records refused on import; and the signing keys of other
-- replicas that the national coordinator enrolled. The shared records
-- themselves live in shared_records (0003).

-- No foreign key to cases: an erased case keeps its row here until its
-- retraction is published.
CREATE TABLE sync_records (
  case_id     INTEGER PRIMARY KEY,
  shared_id   TEXT NOT NULL UNIQUE,
  rev         INTEGER NOT NULL DEFAULT 0,     -- last published rev, 0 before the first
  updated_at  INTEGER,                        -- the case's updated_at when last published
  level       INTEGER NOT NULL DEFAULT 0,     -- 0 as is, 1 without team, 2 widened to the year, 3 held back
  state       TEXT NOT NULL DEFAULT 'new',    -- 'new', 'active', 'held', 'retracted'
  hash        TEXT                            -- of the published file, to skip unchanged records
);

CREATE TABLE sync_lessons (
  lesson_id   TEXT PRIMARY KEY,               -- shared_lessons.id of an own lesson
  rev         INTEGER NOT NULL DEFAULT 0,
  state       TEXT NOT NULL,                  -- 'active', 'held', 'retracted'
  hash        TEXT,
  reason      TEXT                            -- why a lesson is held back
) WITHOUT ROWID;

-- One row per other replica's ref: the commit whose tree is imported.
CREATE TABLE sync_refs (
  ref         TEXT PRIMARY KEY,               -- "units/ams/<replica>"
  unit        TEXT NOT NULL,
  replica     TEXT NOT NULL,
  commit_id   TEXT NOT NULL,
  tree_id     TEXT NOT NULL,
  imported_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE sync_quarantine (
  ref         TEXT NOT NULL,
  path        TEXT NOT NULL,                  -- "" for the ref as a whole
  reason      TEXT NOT NULL,                  -- for people, in the words of the importing version
  object_id   TEXT,
  seen_at     INTEGER NOT NULL,
  PRIMARY KEY (ref, path)
) WITHOUT ROWID;

CREATE TABLE sync_keys (
  replica     TEXT PRIMARY KEY,
  unit        TEXT NOT NULL,
  public_key  TEXT NOT NULL,                  -- Ed25519, 64 lowercase hex digits
  enrolled_at INTEGER NOT NULL
) WITHOUT ROWID;
