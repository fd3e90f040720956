CREATE TABLE runs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL,
    tenant      TEXT NOT NULL,
    digest      TEXT NOT NULL,
    definition  TEXT NOT NULL,
    status      TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    finished_at TEXT
);

CREATE TABLE steps (
    run_id      INTEGER NOT NULL REFERENCES runs(id),
    position    INTEGER NOT NULL,
    step_id     TEXT NOT NULL,
    action      TEXT NOT NULL,
    status      TEXT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    result      TEXT,
    error       TEXT,
    started_at  TEXT,
    finished_at TEXT,
    duration_s  REAL,
    PRIMARY KEY (run_id, step_id)
);
