-- 0008-retention.sql: the retention term of personal data.
-- Copyright 2026 The Casuskamer authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- DOMAIN.md, privacy rule 6. When a closed case has passed the unit's
-- retention term (meta.retention_years, default 5; app/core/ck-retention.c)
-- its sealed confidential values and its data key (case_seals) are
-- deleted; the categorical row stays for the statistics, the overview and
-- the synchronisation, and remembers the day its personal data went.
--
-- A reflection session passes the same term counted from its date: its
-- participants' names, its notes and the sealed texts of its lessons that
-- were not released go, and its data key is replaced by a fresh one (the
-- column is NOT NULL), so no leftover copy of the old values can be
-- opened. Date, method, agenda, patterns, actions and lesson codes stay.

ALTER TABLE cases ADD COLUMN personal_data_erased_on TEXT;   -- ISO 8601; NULL while kept
ALTER TABLE sessions ADD COLUMN personal_data_erased_on TEXT;   -- ISO 8601; NULL while kept
