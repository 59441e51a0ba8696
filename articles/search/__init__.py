"""
Full-text search over published briefs, on PostgreSQL and on SQLite.

Both databases index the same document for each brief, built once by
`search_document()`: the title (weighted highest), then the summary, tags and
author names, then the body's text.

* PostgreSQL stores two weighted `tsvector`s on the brief, in the `stateup_search`
  text search configuration: PostgreSQL's `simple` configuration with `unaccent`
  in front. Briefs are written in English, Spanish and Portuguese, and a stemmer
  for one language mangles the words of the others, so words are only lower-cased
  and stripped of accents: "São Paulo", "Sao Paulo" and "SAO PAULO" are the same
  words, and so are "ação" and "acao".
  `search_vector` holds the whole brief and is GIN-indexed: it decides what
  matches. `search_rank_vector` holds only the title, summary, tags and authors,
  and orders the matches with `ts_rank`: ranking thousands of matches by their
  whole text would read every one of those large vectors. Matches only in the
  body come after them, newest first. `ts_headline` marks the words, in the
  title, the summary and a short stretch of the body around the first match.
* SQLite keeps an FTS5 table beside the briefs (`articles_search_fts`, made by the
  migration) with the Unicode tokenizer, which also folds case and accents.
  Results are ranked by title matches first, then `bm25` with the same weights.

A reader's query is parsed here, never handed to either engine's query syntax:
words and "quoted phrases" must all match, `or` between two terms accepts
either, and a leading `-` excludes a term.

The index is kept current by the receivers in `index.py` (when a brief, its tags, its
authors or a tag or author name change, and after bulk writes) and rebuilt by
`python manage.py rebuild_search_index`.
"""
