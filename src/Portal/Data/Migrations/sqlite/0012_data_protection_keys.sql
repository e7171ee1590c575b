-- Data-protection keys (staff cookies, form tokens) for portals that share a database server. The SQLite portal
-- keeps its keys in Data:KeysFolder; the table exists on both engines so their schemas stay the same.
CREATE TABLE data_protection_keys (
    name       TEXT PRIMARY KEY,
    xml        TEXT NOT NULL,
    created_at TEXT NOT NULL
);
