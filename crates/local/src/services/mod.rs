//! The use cases of local life: `browse.rs` (what readers see: the listing by region and
//! category, nearest first with a position; a place, an event, a life situation) and
//! `vet.rs` (the licensing staff registering, approving, refusing and suspending merchants;
//! the daily check that tells the search index of lapsed licences).

pub mod browse;
pub mod vet;

use std::sync::Arc;

use yiwang_domain::Timestamp;
use yiwang_index::Catalog;
use yiwang_kit::state::AppState;

/// Today in China Standard Time: licences run through the Beijing date they name.
pub fn today() -> time::Date {
    Timestamp::now().beijing_date()
}

/// The day of the week (1 = Monday) and the minute past midnight, in Beijing now.
pub fn beijing_now() -> (u8, u16) {
    let t = Timestamp::now().to_beijing();
    (
        t.weekday().number_from_monday(),
        u16::from(t.hour()) * 60 + u16::from(t.minute()),
    )
}

/// Brings this instance's search index up to date after a write, so the writer sees it at
/// once; other instances follow the change feed within a second.
pub async fn refresh_search(app: &AppState) {
    if let Ok(c) = app.part::<Arc<Catalog>>()
        && let Err(e) = c.sync().await
    {
        tracing::warn!(error = ?e, "search not refreshed after a local-life change; the follower retries");
        c.wake();
    }
}
