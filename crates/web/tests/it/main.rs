//! End-to-end tests of the assembled platform through its HTTP interface — what crosses every
//! capability: the authorisation walk over every route, bad input, the API's document and
//! anti-forgery rules, operations endpoints, the outbox and job worker, and personal data in
//! logs — on SQLite by default and on PostgreSQL when TEST_DATABASE_URL is set. Each
//! capability's own journeys are tested in its crate. One test binary for the crate (link
//! time); the rig is `yiwang-testkit`.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

mod api;
mod authz;
mod bad_input;
mod ops;
mod outbox;
mod privacy;

mod support {
    pub use yiwang_testkit::*;
}
