-- 0002-search.sql: full-text search over the non-confidential fields.
-- Copyright 2026 The Casuskamer authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- The rowid is the case id. "terms" holds the codes and their labels in
-- English and in the language the index was built in (meta.fts_locale);
-- the register rebuilds the index when the language changes. Confidential
-- fields are never indexed.

CREATE VIRTUAL TABLE cases_fts USING fts5 (
  reference,
  team,
  terms,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3'
);

-- Filled by the register on its next unlock.
INSERT INTO meta (key, value) VALUES ('fts_locale', '');
