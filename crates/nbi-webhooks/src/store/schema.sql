-- Deliveries seen in the last 24 h (deduplication) and the fate of their handling.
CREATE TABLE IF NOT EXISTS deliveries (
    id          TEXT PRIMARY KEY,
    received_ms INTEGER NOT NULL,          -- Unix milliseconds
    event_type  TEXT NOT NULL,
    payload     TEXT NOT NULL,             -- the body as JSON
    state       TEXT NOT NULL,             -- pending | done | failed
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT
);
CREATE INDEX IF NOT EXISTS deliveries_received ON deliveries (received_ms);
CREATE INDEX IF NOT EXISTS deliveries_state ON deliveries (state);
