-- One row per signed-in staff session (PostgreSQL twin of sqlite/0014): the cookie carries the id, every request
-- checks the row, and signing out (or locking the account from a session) deletes it. Unix milliseconds.
CREATE TABLE staff_sessions (
    id         text   PRIMARY KEY,
    staff_id   bigint NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    expires_at bigint NOT NULL
);
CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id);
CREATE INDEX staff_sessions_expires ON staff_sessions (expires_at);
