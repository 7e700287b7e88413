//! Government information's use cases (PUB-1…3): writing and correcting documents, the
//! editorial steps, publishing what is due, pictures, and who may read what. Each checks who
//! may act, runs the pure rules of `domain::publishing`, and writes the change with its
//! revision, history entry, search change and audit entry in one transaction.

pub mod alerts;
pub mod columns;
pub mod disclosure;
pub mod docs;
pub mod lists;
pub mod markdown;
pub mod subscriptions;

use yiwang_domain::auth::{Permission, Scope};
use yiwang_domain::ids::DepartmentId;
use yiwang_domain::publishing::Who;
use yiwang_domain::region::RegionCode;
use yiwang_store::publishing::DocRow;

use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;

/// The scope a document's rights are checked in: its department in its region, or its region.
pub fn scope_of(region: &str, department: Option<DepartmentId>) -> Result<Scope, Error> {
    let region = RegionCode::parse(region).map_err(|_| Error::internal("document region"))?;
    Ok(match department {
        Some(d) => Scope::department(d, region),
        None => Scope::region(region),
    })
}

/// What the caller may do with a document.
pub fn who(caller: &Caller, row: &DocRow) -> Result<Who, Error> {
    let scope = scope_of(&row.region_code, row.department_id)?;
    let p = &caller.principal;
    Ok(Who {
        writes: p.may(Permission::WriteDocuments, &scope),
        reviews: p.may(Permission::ReviewDocuments, &scope),
        is_author: p.account() == Some(row.last_edited_by),
        system: false,
    })
}

/// Where a new document of the caller's belongs: the region and department of their first
/// grant that may write documents; `None` when they may not write any.
pub fn writer_home(caller: &Caller) -> Option<(RegionCode, Option<DepartmentId>)> {
    let (_, grants) = caller.principal.staff()?;
    grants
        .iter()
        .find(|g| Permission::WriteDocuments.granted_to(g.role))
        .map(|g| (g.region.clone(), g.department))
}

/// The home page's news block per language, kept ten seconds (the home page is the busiest
/// page): one per application, installed in the state by the assembling crate, and emptied
/// when a document is published, changed or withdrawn on this instance (others see it within
/// the ten seconds).
#[derive(Clone, Default)]
pub struct FrontCache(
    pub std::sync::Arc<std::sync::Mutex<std::collections::HashMap<yiwang_domain::Lang, FrontKept>>>,
);

/// When the block was drawn, and what it was.
pub type FrontKept = (std::time::Instant, Option<String>);

/// Empties the home page's news block (a document changed).
pub fn forget_front(app: &yiwang_kit::state::AppState) {
    if let Ok(c) = app.part::<FrontCache>()
        && let Ok(mut m) = c.0.lock()
    {
        m.clear();
    }
}
