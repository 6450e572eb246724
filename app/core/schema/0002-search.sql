-- 0002-search.sql: full-text search over the non-confidential fields.
-- Copyright 2026 The Casuskamer authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- The rowid is the case id. "terms" holds one token per code of the case,
-- named by its list ("grounds_herkomst", "channels_vik"); typed words are
-- matched against the vocabulary's labels in memory and become those
-- tokens in the query (ck-case-query.c), so the index is the same in every
-- language. Confidential fields are never indexed. Cases in the bin are not
-- in the index.
--
-- Contentless: entries are removed with the 'delete' command and the very
-- values that were indexed, which ck-case-storage.c derives from the case
-- in one place. A migration that changes indexed values must set
-- meta.index_stale so the register rebuilds the index.

CREATE VIRTUAL TABLE cases_fts USING fts5 (
  reference,
  team,
  terms,
  tokenize = "unicode61 remove_diacritics 2 tokenchars '_'",
  detail = column,
  columnsize = 0,
  content = ''
);

-- Built by the register on its next unlock.
INSERT OR REPLACE INTO meta (key, value) VALUES ('index_stale', '1');
