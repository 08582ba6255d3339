-- The store's identity: a random id made once, when the store is created (or first migrated to
-- this version). The search index records the id of the store it was built from, so that an
-- index beside a different store (restored from elsewhere, swapped in by hand) is rebuilt instead
-- of serving listings that store does not have.
CREATE TABLE store_identity (
    id TEXT NOT NULL PRIMARY KEY,
    created_at TEXT NOT NULL
);
INSERT INTO store_identity (id, created_at)
VALUES (lower(hex(randomblob(16))), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
