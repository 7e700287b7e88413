//! Public lists of documents: a page of them, and how many there are, counted at most once
//! every ten seconds per list on this instance (a column page is read far more often than a
//! document is published, and the count is the one part of it that grows with the column).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use yiwang_domain::paging::Page;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;
use yiwang_store::publishing::{DocRow, Listing};

/// How long a count is kept.
const FRESH: Duration = Duration::from_secs(10);

/// At most this many lists' counts are kept (the policies page combines four filters).
const KEPT: usize = 2_000;

/// Counts of lists, by the list: one per application, installed in the state by the
/// assembling crate.
#[derive(Clone, Default)]
pub struct ListCounts(Arc<Mutex<HashMap<String, (Instant, i64)>>>);

/// A page of a public list (withdrawn documents too when `with_withdrawn`), newest first,
/// and how many the list holds.
pub async fn page(
    app: &AppState,
    l: &Listing<'_>,
    page: Page,
    with_withdrawn: bool,
) -> Result<(Vec<DocRow>, i64), Error> {
    let rows = app.store.published_docs(l, page, with_withdrawn).await?;
    Ok((rows, count(app, l, with_withdrawn).await?))
}

async fn count(app: &AppState, l: &Listing<'_>, with_withdrawn: bool) -> Result<i64, Error> {
    let kept = app.part::<ListCounts>().ok();
    let key = format!(
        "{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{with_withdrawn}",
        l.column, l.kind, l.category, l.region, l.publicity, l.validity, l.year
    );
    if let Some(k) = kept
        && let Ok(m) = k.0.lock()
        && let Some((at, n)) = m.get(&key)
        && at.elapsed() < FRESH
    {
        return Ok(*n);
    }
    let n = app.store.published_count(l, with_withdrawn).await?;
    if let Some(k) = kept
        && let Ok(mut m) = k.0.lock()
    {
        if m.len() >= KEPT {
            m.retain(|_, (at, _)| at.elapsed() < FRESH);
            if m.len() >= KEPT {
                m.clear();
            }
        }
        m.insert(key, (Instant::now(), n));
    }
    Ok(n)
}
