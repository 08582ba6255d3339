//! prepboard-web: the search site and JSON API.
