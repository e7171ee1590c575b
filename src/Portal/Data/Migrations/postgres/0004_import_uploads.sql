CREATE TABLE import_uploads (
    id            text  PRIMARY KEY,
    created_at    text  NOT NULL,
    created_by    text  NOT NULL,
    content       bytea NOT NULL,
    versions_json text  NOT NULL DEFAULT '{}'
);
