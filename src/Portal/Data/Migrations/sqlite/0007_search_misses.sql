-- Searches that found nothing: the folded words and a count per day and language. No address, no cookie.
CREATE TABLE search_misses (
    day   TEXT    NOT NULL,
    lang  TEXT    NOT NULL CHECK (lang IN ('ja', 'en')),
    query TEXT    NOT NULL CHECK (length(query) BETWEEN 1 AND 100),
    count INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (day, lang, query)
) WITHOUT ROWID;
