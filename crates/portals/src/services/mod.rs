//! The use cases of the portals: `portal.rs` (what a region's portal shows, each block read
//! in one or two queries), `edit.rs` (the region's editors' changes, each with its audit
//! entry), `invest.rs` (investors' inquiries: asking, the office's queue, answering).

pub mod edit;
pub mod invest;
pub mod portal;

use yiwang_domain::region::RegionCode;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;
use yiwang_store::regions::Region;

/// Whether this deployment serves a portal for `code`: a region inside its root, or one of
/// the root's ancestors (the province above a city deployment).
pub fn served(app: &AppState, code: &RegionCode) -> bool {
    let root = &app.config.root_region;
    root.contains(code) || code.contains(root)
}

/// The region of a portal, or not found for a region the deployment does not serve.
pub async fn region(app: &AppState, code: &RegionCode) -> Result<Region, Error> {
    if !served(app, code) {
        return Err(Error::not_found());
    }
    Ok(app.store.region(code).await?)
}
