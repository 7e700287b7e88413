//! End-to-end tests of the platform through its HTTP interface, on SQLite by default and on
//! PostgreSQL when TEST_DATABASE_URL is set. One test binary for the crate (link time).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    missing_docs,
    clippy::print_stdout,
    dead_code
)]

mod accounts;
mod api;
mod applications;
mod assist;
mod authz;
mod bad_input;
mod catalog;
mod console;
mod console_forms;
mod files_s3;
mod ops;
mod outbox;
mod privacy;
mod support;
