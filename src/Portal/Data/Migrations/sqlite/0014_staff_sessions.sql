-- One row per signed-in staff session: the cookie carries the id, every request checks the row, and signing out
-- (or locking the account from a session) deletes it, so a copied cookie stops working at once. Unix milliseconds.
CREATE TABLE staff_sessions (
    id         TEXT    PRIMARY KEY,
    staff_id   INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL
);
CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id);
CREATE INDEX staff_sessions_expires ON staff_sessions (expires_at);
