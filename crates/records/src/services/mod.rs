//! The use cases of personal records: `push.rs` (source systems pushing, natively or as FHIR,
//! exactly once per source record id, corrections as new versions), `read.rs` (the citizen's
//! own and children's records, the signed download, staff reads with a reason, a source's
//! read-back — every read by someone else written to the person's access log), `admin.rs`
//! (record types, sources, guardian relations).

pub mod admin;
pub mod push;
pub mod read;

use yiwang_domain::Timestamp;
use yiwang_domain::auth::Actor;
use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;
use yiwang_store::records::Source;

/// The registered source the calling system client is, or `forbidden`.
pub async fn calling_source(app: &AppState, caller: &Caller) -> Result<Source, Error> {
    let Actor::Client { client, .. } = caller.principal.actor() else {
        return Err(Error::forbidden());
    };
    app.store
        .record_source(*client)
        .await?
        .ok_or_else(Error::forbidden)
}

/// Today in China Standard Time.
pub fn today() -> time::Date {
    Timestamp::now().beijing_date()
}
