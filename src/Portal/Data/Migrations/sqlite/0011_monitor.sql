-- The relay monitor: the operator's own relays, checked on a schedule. Times are Unix seconds (UTC);
-- days are Japan-time dates. Raw checks are kept 7 days, hourly rollups 90 days, daily rollups 400 days.

-- One row per monitored host and port, with its current state, so a restart knows where it stood.
CREATE TABLE monitor_series (
    id              INTEGER PRIMARY KEY,
    host            TEXT    NOT NULL,
    port            INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
    last_check      INTEGER,
    last_outcome    TEXT,
    last_elapsed_ms INTEGER,
    failures        INTEGER NOT NULL DEFAULT 0,  -- consecutive failed checks; two make the port "down"
    failing_since   INTEGER,                     -- first failure of the current run of failures
    up_since        INTEGER,                     -- first success after the last time it was down
    greeting        TEXT,                        -- last seen on a successful check, for drift events
    auth            TEXT,
    tls_protocol    TEXT,
    certificate     TEXT,
    cert_not_after  INTEGER,
    UNIQUE (host, port)
);

CREATE TABLE monitor_checks (
    series_id  INTEGER NOT NULL REFERENCES monitor_series (id),
    at         INTEGER NOT NULL,
    outcome    TEXT    NOT NULL,
    elapsed_ms INTEGER NOT NULL,
    PRIMARY KEY (series_id, at)
) WITHOUT ROWID;

-- Runs of checks with the same result and no pause longer than the gap: the 24-hour strip reads these few rows
-- instead of every check. Kept as long as the checks.
CREATE TABLE monitor_spans (
    series_id INTEGER NOT NULL REFERENCES monitor_series (id),
    first_at  INTEGER NOT NULL,
    last_at   INTEGER NOT NULL,
    ok        INTEGER NOT NULL CHECK (ok IN (0, 1)),
    PRIMARY KEY (series_id, first_at)
) WITHOUT ROWID;

-- Mean time is ok_ms / successes: the time of successful checks (a failure's time is its timeout).
CREATE TABLE monitor_hourly (
    series_id INTEGER NOT NULL REFERENCES monitor_series (id),
    hour      INTEGER NOT NULL,                  -- Unix seconds of the hour's start
    checks    INTEGER NOT NULL,
    successes INTEGER NOT NULL,
    ok_ms     INTEGER NOT NULL,
    max_ms    INTEGER NOT NULL,
    PRIMARY KEY (series_id, hour)
) WITHOUT ROWID;

CREATE TABLE monitor_daily (
    series_id INTEGER NOT NULL REFERENCES monitor_series (id),
    day       TEXT    NOT NULL,                  -- yyyy-MM-dd in Japan time
    checks    INTEGER NOT NULL,
    successes INTEGER NOT NULL,
    ok_ms     INTEGER NOT NULL,
    max_ms    INTEGER NOT NULL,
    PRIMARY KEY (series_id, day)
) WITHOUT ROWID;

CREATE TABLE monitor_events (
    id        INTEGER PRIMARY KEY,
    series_id INTEGER NOT NULL REFERENCES monitor_series (id),
    at        INTEGER NOT NULL,
    kind      TEXT    NOT NULL CHECK (kind IN ('down', 'up', 'greeting', 'auth', 'tls', 'certificate')),
    before    TEXT,
    after     TEXT
);

CREATE INDEX monitor_events_at ON monitor_events (at);

-- Staff's maintenance notes, shown on /status and in the notice while they are current.
CREATE TABLE monitor_maintenance (
    id         INTEGER PRIMARY KEY,
    text_ja    TEXT    NOT NULL CHECK (length(text_ja) BETWEEN 1 AND 500),
    text_en    TEXT    NOT NULL CHECK (length(text_en) BETWEEN 1 AND 500),
    starts_at  INTEGER NOT NULL,
    ends_at    INTEGER NOT NULL CHECK (ends_at > starts_at),
    created_by TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
