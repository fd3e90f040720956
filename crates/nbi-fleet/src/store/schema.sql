-- Schema version 1 of the fleet snapshot store. Times are Unix milliseconds, durations
-- microseconds, hashes lowercase hex sha256 of the uncompressed content.

CREATE TABLE runs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,  -- numbered from 1, never reused
    started_at  INTEGER NOT NULL,
    finished_at INTEGER,
    devices     INTEGER NOT NULL DEFAULT 0,         -- what the runner set out to do
    requests    INTEGER NOT NULL DEFAULT 0,
    retries     INTEGER NOT NULL DEFAULT 0
);

-- Normalized configuration text, zstd-compressed, stored once however many versions share it.
CREATE TABLE blobs (
    sha256 TEXT PRIMARY KEY,
    size   INTEGER NOT NULL,
    body   BLOB NOT NULL
) WITHOUT ROWID;

-- Bodies as fetched, zstd-compressed, kept so rules can be re-applied without a refetch.
CREATE TABLE raw_blobs (
    sha256 TEXT PRIMARY KEY,
    size   INTEGER NOT NULL,
    body   BLOB NOT NULL
) WITHOUT ROWID;

CREATE TABLE devices (
    id             INTEGER PRIMARY KEY,
    tenant         TEXT NOT NULL,
    source         TEXT NOT NULL,
    name           TEXT NOT NULL,
    latest_version INTEGER NOT NULL DEFAULT 0,      -- 0: no version yet
    -- Caches of the latest version's blob and the last body fetched; no foreign keys, so
    -- deleting an orphan blob never scans this table.
    latest_sha256  TEXT,
    latest_raw     TEXT,
    UNIQUE (tenant, source, name)
);
CREATE INDEX devices_latest_raw ON devices (latest_raw);

CREATE TABLE versions (
    device     INTEGER NOT NULL REFERENCES devices (id),
    version    INTEGER NOT NULL,
    sha256     TEXT NOT NULL REFERENCES blobs (sha256),
    raw_sha256 TEXT NOT NULL REFERENCES raw_blobs (sha256),
    run        INTEGER REFERENCES runs (id),        -- NULL when `renormalize` made it
    at         INTEGER NOT NULL,
    PRIMARY KEY (device, version)
) WITHOUT ROWID;
-- Orphan checks in `prune` look versions up by blob.
CREATE INDEX versions_sha256 ON versions (sha256);
CREATE INDEX versions_raw_sha256 ON versions (raw_sha256);

CREATE TABLE results (
    run        INTEGER NOT NULL REFERENCES runs (id),
    device     INTEGER NOT NULL REFERENCES devices (id),
    outcome    TEXT NOT NULL CHECK (outcome IN ('changed', 'unchanged', 'failed')),
    error_kind TEXT,
    message    TEXT,
    attempts   INTEGER NOT NULL,
    elapsed_us INTEGER NOT NULL,
    version    INTEGER,                             -- the version the device was at
    PRIMARY KEY (run, device)
) WITHOUT ROWID;
CREATE INDEX results_device ON results (device, run);
CREATE INDEX results_failed ON results (run) WHERE outcome = 'failed';

-- Per-run, per-tenant counts kept as results arrive, so `status` never scans results.
CREATE TABLE run_tenants (
    run       INTEGER NOT NULL REFERENCES runs (id),
    tenant    TEXT NOT NULL,
    changed   INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    failed    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (run, tenant)
) WITHOUT ROWID;
CREATE INDEX run_tenants_tenant ON run_tenants (tenant, run);
