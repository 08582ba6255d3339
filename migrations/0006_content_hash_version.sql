-- Which field list `listings.content_hash` was computed over. Rows written before this migration
-- hashed the serialised listing (version 1); the store recomputes them from their bodies once, at
-- open, and records the version it wrote (crates/store/src/record.rs, CONTENT_HASH_VERSION).
INSERT INTO counters (name, value) VALUES ('content_hash_version', 1);
