//! prepboard-store: the SQLite store, prepboard's source of truth.
