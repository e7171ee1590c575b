CREATE TABLE search_misses (
    day   text    NOT NULL,
    lang  text    NOT NULL CHECK (lang IN ('ja', 'en')),
    query text    NOT NULL CHECK (length(query) BETWEEN 1 AND 100),
    count bigint  NOT NULL DEFAULT 1,
    PRIMARY KEY (day, lang, query)
);
