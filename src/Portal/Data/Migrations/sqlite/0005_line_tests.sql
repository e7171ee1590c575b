-- Line tests: a code the customer's own line announces in EHLO, and the ports it arrived on.
-- Only what the listener must keep is stored, and it goes when the line test expires.
CREATE TABLE line_tests (
    code       TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    ticket     TEXT CHECK (ticket IS NULL OR length(ticket) BETWEEN 1 AND 32),
    done_at    TEXT
);

CREATE INDEX line_tests_expiry ON line_tests (expires_at);

CREATE TABLE line_test_arrivals (
    code        TEXT    NOT NULL REFERENCES line_tests (code) ON DELETE CASCADE,
    public_port INTEGER NOT NULL,
    port        INTEGER NOT NULL,
    at          TEXT    NOT NULL,
    address     TEXT    NOT NULL,
    tls         TEXT,
    ehlo_name   TEXT    NOT NULL,
    PRIMARY KEY (code, public_port)
);
