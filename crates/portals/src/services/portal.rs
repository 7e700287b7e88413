//! What a region's portal shows (REG-1): its place in the tree, what its editors wrote, the
//! service items and halls of the region and the region above, news and notices, the public
//! board and the region's league-table row, open datasets covering it, projects seeking
//! investment, and the regions below. Each block is one query (items come from the
//! catalogue's in-memory snapshot), and nothing is cached here: every page is current.

use std::sync::Arc;

use time::Duration;
use yiwang_domain::inquiry::league::Counts;
use yiwang_domain::paging::Page;
use yiwang_domain::region::{RegionCode, RegionLevel};
use yiwang_index::Catalog;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;
use yiwang_store::bookings::PlaceRow;
use yiwang_store::catalog::ItemRow;
use yiwang_store::inquiries::board::{BoardQuery, BoardRow};
use yiwang_store::opendata::DatasetRow;
use yiwang_store::portals::{PortalRow, ProjectRow};
use yiwang_store::publishing::{DocRow, Listing};
use yiwang_store::regions::Region;

use super::served;

/// Items, news and board entries a portal lists before its "more" link.
pub const BLOCK: usize = 6;

/// Everything a portal page shows.
pub struct Portal {
    /// The region.
    pub region: Region,
    /// From the province down to it.
    pub path: Vec<Region>,
    /// The regions below that this deployment serves.
    pub children: Vec<Region>,
    /// What its editors wrote.
    pub page: Option<PortalRow>,
    /// The most viewed items of the region and the region above.
    pub items: Vec<Arc<ItemRow>>,
    /// How many such items there are.
    pub items_total: usize,
    /// Service halls and other places of the region and the region above.
    pub halls: Vec<PlaceRow>,
    /// The newest published documents of the region (and the regions inside it).
    pub news: Vec<DocRow>,
    /// The newest inquiries on the public board from inside the region.
    pub board: Vec<BoardRow>,
    /// The region's league-table row over the last 30 days (counties and townships: the
    /// counters are kept by street).
    pub league: Option<Counts>,
    /// Published datasets whose region covers this one.
    pub datasets: Vec<DatasetRow>,
    /// Published projects seeking investment.
    pub projects: Vec<ProjectRow>,
}

/// Reads a region's portal.
pub async fn load(app: &AppState, code: &RegionCode) -> Result<Portal, Error> {
    let region = super::region(app, code).await?;
    let store = &app.store;
    let above = code.parent();
    let covering = code.ancestors_and_self();
    let (items, items_total) = items(app, code)?;
    // The blocks are independent: their queries run side by side on the reading pool.
    let (path, children, page, halls, news, board, league, datasets, projects) = tokio::try_join!(
        async { Ok::<_, Error>(store.region_path(code).await?) },
        async {
            Ok::<_, Error>(
                store
                    .region_children(code)
                    .await?
                    .into_iter()
                    .filter(|r| served(app, &r.code))
                    .collect::<Vec<_>>(),
            )
        },
        async { Ok::<_, Error>(store.portal_page(code.as_str()).await?) },
        async {
            Ok::<_, Error>(
                store
                    .booking_places()
                    .await?
                    .into_iter()
                    .filter(|p| {
                        p.region_code == code.as_str()
                            || above.as_ref().is_some_and(|a| p.region_code == a.as_str())
                    })
                    .collect::<Vec<_>>(),
            )
        },
        async {
            let page = Page::new(Some(1), Some(BLOCK as i64), BLOCK as u32)?;
            let listing = Listing {
                region: Some(code.as_str()),
                without_bodies: true,
                ..Default::default()
            };
            Ok::<_, Error>(store.published_docs(&listing, page, false).await?)
        },
        async {
            let q = BoardQuery {
                region: code.as_str().to_owned(),
                ..Default::default()
            };
            Ok::<_, Error>(
                store
                    .inquiry_board(&q, Page::new(Some(1), Some(3), 3)?)
                    .await?
                    .0,
            )
        },
        league(app, code),
        async {
            Ok::<_, Error>(
                store
                    .datasets()
                    .await?
                    .into_iter()
                    .filter(|d| {
                        d.published()
                            && d.fields
                                .region
                                .as_deref()
                                .and_then(|r| RegionCode::parse(r).ok())
                                .is_some_and(|r| covering.contains(&r))
                    })
                    .take(BLOCK)
                    .collect::<Vec<_>>(),
            )
        },
        async { Ok::<_, Error>(store.region_projects(code.as_str(), true).await?) },
    )?;
    Ok(Portal {
        region,
        path,
        children,
        page,
        items,
        items_total,
        halls,
        news,
        board,
        league,
        datasets,
        projects,
    })
}

/// The listed items of the region and the region above, most viewed first.
fn items(app: &AppState, code: &RegionCode) -> Result<(Vec<Arc<ItemRow>>, usize), Error> {
    let Ok(catalog) = app.part::<Arc<Catalog>>() else {
        return Ok((Vec::new(), 0));
    };
    let snapshot = catalog.snapshot();
    let above = code.parent();
    let mut all: Vec<Arc<ItemRow>> = snapshot
        .all()
        .iter()
        .filter(|r| yiwang_index::snapshot::listed(r))
        .filter(|r| r.region == *code || above.as_ref() == Some(&r.region))
        .cloned()
        .collect();
    let total = all.len();
    all.sort_by(|a, b| b.views.cmp(&a.views).then_with(|| a.name.cmp(&b.name)));
    all.truncate(BLOCK);
    Ok((all, total))
}

/// The region's row of the league table over the last 30 days: counters are kept per
/// street, so counties and townships have one; cities and provinces sum theirs.
async fn league(app: &AppState, code: &RegionCode) -> Result<Option<Counts>, Error> {
    if code.level() == RegionLevel::Community {
        return Ok(None);
    }
    let to = yiwang_domain::Timestamp::now().beijing_date();
    let from = to - Duration::days(29);
    let digits = code.as_str().len();
    let rows = app
        .store
        .inquiry_league_by_region(from, to, digits, code.as_str())
        .await?;
    Ok(rows
        .into_iter()
        .find(|(r, _)| r == code.as_str())
        .map(|(_, c)| c)
        .filter(|c| c.received > 0))
}
