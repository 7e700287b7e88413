//! End-to-end tests of this capability through the platform's HTTP interface, on SQLite by
//! default and on PostgreSQL when TEST_DATABASE_URL is set. One test binary for the crate
//! (link time); the rig is `yiwang-testkit`.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

mod applications;
mod apply_pages;
mod assist;
mod console_forms;
mod fees;
mod files_s3;
mod identity;
mod wayfinding;
mod words;

mod support {
    pub use yiwang_testkit::*;
}
