//! prepboard-fetcher: polite HTTP and one pure parser per job source.
