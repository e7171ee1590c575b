-- The provider OP25B registry and its change history.
CREATE TABLE providers (
    id               INTEGER PRIMARY KEY,
    name_ja          TEXT    NOT NULL CHECK (length(trim(name_ja)) BETWEEN 1 AND 200),
    name_en          TEXT    NOT NULL DEFAULT '' CHECK (length(name_en) <= 200),
    kana             TEXT    NOT NULL DEFAULT '' CHECK (length(kana) <= 200),
    operator         TEXT    NOT NULL DEFAULT '' CHECK (length(operator) <= 200),
    op25b            TEXT    NOT NULL CHECK (op25b IN ('applies', 'partial', 'none', 'unknown')),
    since            TEXT    NOT NULL DEFAULT '',
    submission_ports TEXT    NOT NULL DEFAULT '',
    notes            TEXT    NOT NULL DEFAULT '' CHECK (length(notes) <= 4000),
    source_url       TEXT    NOT NULL DEFAULT '',
    rdns_suffixes    TEXT    NOT NULL DEFAULT '',
    last_verified    TEXT,
    search_text      TEXT    NOT NULL DEFAULT '',
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL,
    updated_by       TEXT    NOT NULL,
    version          INTEGER NOT NULL DEFAULT 1,
    deleted_at       TEXT
);

CREATE INDEX providers_live ON providers (deleted_at, name_ja);

CREATE TABLE provider_history (
    id          INTEGER PRIMARY KEY,
    provider_id INTEGER NOT NULL REFERENCES providers (id),
    changed_at  TEXT    NOT NULL,
    changed_by  TEXT    NOT NULL,
    action      TEXT    NOT NULL CHECK (action IN ('create', 'update', 'delete', 'restore', 'import')),
    before_json TEXT,
    after_json  TEXT
);

CREATE INDEX provider_history_by_provider ON provider_history (provider_id, id);
