-- prepboard's store. Times are RFC 3339 UTC text (they sort as text); JSON columns hold core types.

-- One row per job. A job seen on several sources is one row with several sightings (its duplicate
-- cluster); `body` holds the primary sighting's normalised Listing as JSON, without the ledger and
-- sightings, which are columns and rows here.
CREATE TABLE listings (
    id              TEXT PRIMARY KEY NOT NULL,
    primary_source  TEXT NOT NULL,            -- SourceKind slug of the sighting whose content is kept
    primary_name    TEXT NOT NULL,            -- configured source name of that sighting
    body            TEXT NOT NULL,            -- JSON of prepboard_core::Listing
    content_hash    TEXT NOT NULL,            -- hash of the body minus volatile fields: "unchanged" test
    company_key     TEXT NOT NULL,            -- normalised company name, for duplicate detection
    simhash         INTEGER NOT NULL,         -- 64-bit SimHash of the description, for near-duplicates
    dated_at        TEXT NOT NULL,            -- posted_at, else first_seen: the "within 30 days" test
    first_seen      TEXT NOT NULL,
    last_seen       TEXT NOT NULL,
    closed_at       TEXT,
    change_seq      INTEGER NOT NULL          -- watermark: bumped on every change the index must see
);
CREATE INDEX listings_change_seq ON listings (change_seq);
CREATE INDEX listings_company_key ON listings (company_key);
CREATE INDEX listings_open ON listings (closed_at, id);

-- Exact duplicate keys of a listing: canonical URLs, ATS job ids, company + title.
CREATE TABLE listing_keys (
    listing_id  TEXT NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,                -- 'url' | 'ats' | 'company_title'
    key         TEXT NOT NULL,
    PRIMARY KEY (kind, key, listing_id)
);
CREATE INDEX listing_keys_listing ON listing_keys (listing_id);

-- Every place a listing was seen. The ledger of closures lives here, per source.
CREATE TABLE sightings (
    source_name    TEXT NOT NULL,             -- configured source ("greenhouse:stripe", "wwr")
    source_job_id  TEXT NOT NULL,
    listing_id     TEXT NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    source_kind    TEXT NOT NULL,
    url            TEXT NOT NULL,
    first_seen     TEXT NOT NULL,
    last_seen      TEXT NOT NULL,
    closed_at      TEXT,
    missed_runs    INTEGER NOT NULL DEFAULT 0, -- consecutive successful runs of the source without it
    merge_reason   TEXT,                       -- why it joined an existing listing; NULL for the first
    PRIMARY KEY (source_name, source_job_id)
);
CREATE INDEX sightings_listing ON sightings (listing_id);
CREATE INDEX sightings_open_by_source ON sightings (source_name, closed_at);

-- One row per attempt to fetch a source.
CREATE TABLE fetch_runs (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    source_name      TEXT NOT NULL,
    started_at       TEXT NOT NULL,
    finished_at      TEXT NOT NULL,
    outcome          TEXT NOT NULL CHECK (outcome IN ('success', 'not_modified', 'failed', 'skipped')),
    http_status      INTEGER,
    new_count        INTEGER NOT NULL DEFAULT 0,
    updated_count    INTEGER NOT NULL DEFAULT 0,
    unchanged_count  INTEGER NOT NULL DEFAULT 0,
    closed_count     INTEGER NOT NULL DEFAULT 0,
    error            TEXT
);
CREATE INDEX fetch_runs_by_source ON fetch_runs (source_name, started_at);

-- What a source told us last time, for conditional GETs and cursors.
CREATE TABLE source_state (
    source_name      TEXT PRIMARY KEY NOT NULL,
    etag             TEXT,
    last_modified    TEXT,
    cursor           TEXT,
    last_success_at  TEXT
);

-- Counters; `change_seq` is the store's watermark.
CREATE TABLE counters (
    name   TEXT PRIMARY KEY NOT NULL,
    value  INTEGER NOT NULL
);
INSERT INTO counters (name, value) VALUES ('change_seq', 0);
