//! Possible duplicates of an open inquiry, for the dispatcher (INQ-2): the store brings the
//! open cases of the same category and those in the same street or close by; the pure rule
//! (`domain::inquiry::resemble`) keeps those alike in place or in words and orders them,
//! most alike first. Nothing is merged here: the dispatcher decides.

use yiwang_domain::inquiry::resemble::{Report, Resemblance};
use yiwang_store::inquiries::InquiryRow;

use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;

/// How many open cases of each pool are compared.
const POOL: i64 = 200;

/// About 650 m of latitude (and a little less of longitude in China): the box the store
/// searches, wider than `resemble::NEAR_METRES` so the exact distance decides.
const BOX_E6: i64 = 6_000;

/// A candidate and what it shares with the case.
pub struct Similar {
    /// The other open case.
    pub row: InquiryRow,
    /// What the two share.
    pub resemblance: Resemblance,
}

fn report(r: &InquiryRow) -> Report<'_> {
    Report {
        region: &r.region_code,
        location: r.location,
        title: &r.title,
        body: &r.body,
    }
}

/// At most `limit` open cases that may be the same problem as `of`, most alike first.
pub async fn similar(app: &AppState, of: &InquiryRow, limit: usize) -> Result<Vec<Similar>, Error> {
    let pool = app.store.inquiry_candidates(of, BOX_E6, POOL).await?;
    let me = report(of);
    let mut out: Vec<Similar> = pool
        .into_iter()
        .filter(|r| r.master_id.is_none())
        .map(|row| Similar {
            resemblance: Resemblance::of(&me, &report(&row)),
            row,
        })
        .filter(|s| s.resemblance.is_candidate())
        .collect();
    out.sort_by(|a, b| {
        b.resemblance
            .score()
            .cmp(&a.resemblance.score())
            .then(b.row.created_at.cmp(&a.row.created_at))
    });
    out.truncate(limit);
    Ok(out)
}
