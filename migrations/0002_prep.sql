-- Prep pages read by `prepboard prep fetch`: one row per catalog entry fetched at least once, and
-- the questions read from its last page that loaded. A failed fetch updates the page row (status,
-- error, time) and leaves the questions of the last good fetch in place.

CREATE TABLE prep_pages (
    entry_id    TEXT PRIMARY KEY,
    url         TEXT NOT NULL,
    -- RFC 3339 UTC, fixed width: the last attempt, good or bad.
    fetched_at  TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
    -- Why the last attempt failed; NULL when it succeeded.
    error       TEXT,
    -- The title of the last page that loaded.
    title       TEXT,
    -- When a page last loaded; NULL if it never has.
    last_ok_at  TEXT
) STRICT;

CREATE TABLE prep_questions (
    entry_id  TEXT NOT NULL REFERENCES prep_pages (entry_id) ON DELETE CASCADE,
    position  INTEGER NOT NULL CHECK (position >= 1),
    question  TEXT NOT NULL,
    answer    TEXT,
    PRIMARY KEY (entry_id, position)
) STRICT;
