CREATE TABLE line_tests (
    code       text PRIMARY KEY,
    created_at text NOT NULL,
    expires_at text NOT NULL,
    ticket     text CHECK (ticket IS NULL OR length(ticket) BETWEEN 1 AND 32),
    done_at    text
);

CREATE INDEX line_tests_expiry ON line_tests (expires_at);

CREATE TABLE line_test_arrivals (
    code        text    NOT NULL REFERENCES line_tests (code) ON DELETE CASCADE,
    public_port bigint  NOT NULL,
    port        bigint  NOT NULL,
    at          text    NOT NULL,
    address     text    NOT NULL,
    tls         text,
    ehlo_name   text    NOT NULL,
    PRIMARY KEY (code, public_port)
);
