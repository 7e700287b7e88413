//! The satisfaction ratings (好差评) shown on an item's guide page: a summary read from the
//! ratings the applications capability records, kept a minute per item.

use std::sync::Arc;

use yiwang_domain::ids::ItemId;
use yiwang_domain::workflow::RatingSummary;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;

/// Rating summaries of items for guide pages, each kept [`SUMMARY_TTL`]: a guide is read far
/// more often than a case is rated, and a minute's delay in the count is harmless.
#[derive(Default)]
pub struct SummaryCache(
    std::sync::Mutex<std::collections::HashMap<ItemId, (std::time::Instant, RatingSummary)>>,
);

/// How long a cached summary is used.
pub const SUMMARY_TTL: std::time::Duration = std::time::Duration::from_secs(60);

/// The rating summary of an item (好差评 on its guide page).
pub async fn item_summary(app: &AppState, item: ItemId) -> Result<RatingSummary, Error> {
    let cache = app.part::<Arc<SummaryCache>>()?;
    if let Ok(c) = cache.0.lock()
        && let Some((at, s)) = c.get(&item)
        && at.elapsed() < SUMMARY_TTL
    {
        return Ok(*s);
    }
    let s = app.store.rating_summary_for_item(item).await?;
    if let Ok(mut c) = cache.0.lock() {
        if c.len() > 10_000 {
            c.clear();
        }
        c.insert(item, (std::time::Instant::now(), s));
    }
    Ok(s)
}
