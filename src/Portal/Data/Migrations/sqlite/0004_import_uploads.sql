-- A CSV import waiting between its preview and its apply: the file and the version of every provider it names.
CREATE TABLE import_uploads (
    id            TEXT PRIMARY KEY,
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    content       BLOB NOT NULL,
    versions_json TEXT NOT NULL DEFAULT '{}'
);
