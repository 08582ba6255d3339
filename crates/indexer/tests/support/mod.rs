//! Test support shared by the integration tests (and the benchmark's generator).

pub mod corpus;
