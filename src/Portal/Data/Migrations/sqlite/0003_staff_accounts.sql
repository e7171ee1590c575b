-- Disabled accounts and a security stamp: changing either ends the account's open sessions.
ALTER TABLE staff ADD COLUMN disabled_at TEXT;
ALTER TABLE staff ADD COLUMN security_stamp TEXT NOT NULL DEFAULT '';
UPDATE staff SET security_stamp = lower(hex(randomblob(16)));
