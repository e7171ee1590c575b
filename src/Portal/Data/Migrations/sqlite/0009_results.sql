-- Finished tests, kept for Results:RetentionDays behind an unguessable ID (/r/{id}).
-- public_json is what the customer saw; staff_json adds the SMTP dialogues and the client's address.
CREATE TABLE results (
    id          TEXT    PRIMARY KEY CHECK (length(id) = 10),
    kind        TEXT    NOT NULL CHECK (kind IN ('tester', 'line-test')),
    tested_at   TEXT    NOT NULL,
    ticket      TEXT    CHECK (ticket IS NULL OR length(ticket) BETWEEN 1 AND 32),
    host        TEXT    NOT NULL DEFAULT '',
    public_json TEXT    NOT NULL,
    staff_json  TEXT    NOT NULL
);

CREATE INDEX results_tested ON results (tested_at);
CREATE INDEX results_ticket ON results (ticket, tested_at) WHERE ticket IS NOT NULL;
CREATE INDEX results_host ON results (host, tested_at);
