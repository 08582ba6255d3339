-- What each fetch run read, and runs held as `suspect`.
--
-- A run whose payload parsed but whose items did not is `failed`, with how many items it could not
-- read and the first reasons. A run that would close more than a configured share of its source's
-- open listings at once is `suspect`: it closes nothing until an operator accepts the drop or a
-- later run agrees. SQLite cannot change a CHECK constraint in place, so the table is rebuilt with
-- its rows (and ids) kept.
CREATE TABLE fetch_runs_rebuilt (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    source_name       TEXT NOT NULL,
    started_at        TEXT NOT NULL,
    finished_at       TEXT NOT NULL,
    outcome           TEXT NOT NULL
        CHECK (outcome IN ('success', 'not_modified', 'failed', 'skipped', 'suspect')),
    http_status       INTEGER,
    new_count         INTEGER NOT NULL DEFAULT 0,
    updated_count     INTEGER NOT NULL DEFAULT 0,
    unchanged_count   INTEGER NOT NULL DEFAULT 0,
    closed_count      INTEGER NOT NULL DEFAULT 0,
    error             TEXT,                        -- why it failed, was skipped or is suspect
    fetched_count     INTEGER NOT NULL DEFAULT 0,  -- listings read
    unreadable_count  INTEGER NOT NULL DEFAULT 0,  -- items that stood for a job but did not read
    first_unreadable  TEXT                         -- JSON array: why the first few did not
);
INSERT INTO fetch_runs_rebuilt (id, source_name, started_at, finished_at, outcome, http_status,
                                new_count, updated_count, unchanged_count, closed_count, error)
    SELECT id, source_name, started_at, finished_at, outcome, http_status,
           new_count, updated_count, unchanged_count, closed_count, error
    FROM fetch_runs;
DROP TABLE fetch_runs;
ALTER TABLE fetch_runs_rebuilt RENAME TO fetch_runs;
CREATE INDEX fetch_runs_by_source ON fetch_runs (source_name, started_at);
