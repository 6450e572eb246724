-- 0004-guidance.sql: the facts the handling guidance needs, and a log of
-- changes for the in-memory case index.
-- Copyright 2026 The Casuskamer authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Three fields of a case (app/core/ck-case-fields.c) that the steps of the
-- handling guidance (data/guidance/guidance.xml) ask about.

ALTER TABLE cases ADD COLUMN acknowledged_date TEXT;
ALTER TABLE cases ADD COLUMN outcome_informed_date TEXT;
ALTER TABLE cases ADD COLUMN lesson_considered INTEGER NOT NULL DEFAULT 0;

-- Which cases and anonymised records changed, in order, so that the
-- in-memory index of cases and records (app/core/ck-case-index.c) reads
-- only what changed since it last looked, whichever process changed it:
-- the application, the command line or a synchronisation. Triggers write
-- it; each insert drops what is more than 50,000 changes old, and an index
-- that finds its place dropped reads everything again.
CREATE TABLE index_changes (
  seq       INTEGER PRIMARY KEY,
  case_id   INTEGER,             -- a case (cases.id), or
  record_id TEXT                 -- an anonymised record (shared_records.id)
);

CREATE TRIGGER index_changes_case_inserted AFTER INSERT ON cases
BEGIN
  INSERT INTO index_changes (case_id) VALUES (NEW.id);
  DELETE FROM index_changes WHERE seq <= last_insert_rowid () - 50000;
END;

CREATE TRIGGER index_changes_case_updated AFTER UPDATE ON cases
BEGIN
  INSERT INTO index_changes (case_id) VALUES (NEW.id);
  DELETE FROM index_changes WHERE seq <= last_insert_rowid () - 50000;
END;

CREATE TRIGGER index_changes_case_deleted AFTER DELETE ON cases
BEGIN
  INSERT INTO index_changes (case_id) VALUES (OLD.id);
  DELETE FROM index_changes WHERE seq <= last_insert_rowid () - 50000;
END;

CREATE TRIGGER index_changes_record_inserted AFTER INSERT ON shared_records
BEGIN
  INSERT INTO index_changes (record_id) VALUES (NEW.id);
  DELETE FROM index_changes WHERE seq <= last_insert_rowid () - 50000;
END;

CREATE TRIGGER index_changes_record_updated AFTER UPDATE ON shared_records
BEGIN
  INSERT INTO index_changes (record_id) VALUES (NEW.id);
  DELETE FROM index_changes WHERE seq <= last_insert_rowid () - 50000;
END;

CREATE TRIGGER index_changes_record_deleted AFTER DELETE ON shared_records
BEGIN
  INSERT INTO index_changes (record_id) VALUES (OLD.id);
  DELETE FROM index_changes WHERE seq <= last_insert_rowid () - 50000;
END;
