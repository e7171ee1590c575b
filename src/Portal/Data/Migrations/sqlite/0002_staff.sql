-- Staff accounts for editing the registry. Passwords are ASP.NET Core Identity PasswordHasher hashes.
CREATE TABLE staff (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 64),
    password_hash TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('editor', 'admin')),
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until  TEXT,
    created_at    TEXT    NOT NULL
);

-- The provider version each history row produced, so a refused save can show what changed since.
ALTER TABLE provider_history ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
