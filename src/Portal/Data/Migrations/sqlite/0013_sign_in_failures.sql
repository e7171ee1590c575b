-- Failed staff sign-ins per client address (the address limit), in the database so every portal on it counts the
-- same failures. Times are Unix milliseconds; rows older than the window are deleted as new ones come.
CREATE TABLE sign_in_failures (
    id      INTEGER PRIMARY KEY,
    address TEXT    NOT NULL,
    at      INTEGER NOT NULL
);
CREATE INDEX sign_in_failures_address ON sign_in_failures (address, at);
CREATE INDEX sign_in_failures_at ON sign_in_failures (at);
