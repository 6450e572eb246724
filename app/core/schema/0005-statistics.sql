-- 0005-statistics.sql: what the statistics keep in the register.
-- Copyright 2026 The Casuskamer authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- The national figures are computed from the anonymised records held in
-- memory (app/core/ck-stats-cache.c), read once. This counter rises with
-- every change to shared_records, whoever makes it (synchronisation, a
-- test, another process on the same file), so that the copy in memory is
-- read again only when the table really changed.

CREATE TABLE stats_version (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
);

INSERT INTO stats_version (id, version) VALUES (1, 0);

CREATE TRIGGER stats_shared_records_insert AFTER INSERT ON shared_records
BEGIN
  UPDATE stats_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER stats_shared_records_update AFTER UPDATE ON shared_records
BEGIN
  UPDATE stats_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER stats_shared_records_delete AFTER DELETE ON shared_records
BEGIN
  UPDATE stats_version SET version = version + 1 WHERE id = 1;
END;
