//! What readers see: places and merchants by region and category (a merchant only while
//! approved and licensed), nearest first when they share a position — a bounding box on the
//! indexed lat/lng columns widened step by step, then the exact haversine distance — and a
//! place, an event, a life situation.

use yiwang_domain::ids::{LocalEventId, LocalPlaceId};
use yiwang_domain::local::{Category, Point, Situation, parse_point};
use yiwang_domain::region::RegionCode;
use yiwang_domain::{Error as DomainError, FieldCode, FieldErrors};
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;
use yiwang_store::local::{EventRow, Filter, PlaceRow};

use super::today;

/// Places on a page of the listing.
pub const PAGE: i64 = 20;
/// How many nearest places "near me" shows.
pub const NEAREST: usize = 50;
/// The widening radii of "near me", in metres; after the last, every place is measured.
const RADII: [u32; 6] = [2_000, 5_000, 15_000, 50_000, 150_000, 500_000];
/// At most this many candidates are read from one box; a box holding more is narrowed.
const CANDIDATES: i64 = 4_000;

/// A listing's question, checked.
#[derive(Debug, Clone, Default)]
pub struct Ask {
    /// Inside this region.
    pub region: Option<RegionCode>,
    /// Of this category.
    pub category: Option<Category>,
    /// The reader's position.
    pub near: Option<Point>,
    /// The page (1-based; ignored with a position).
    pub page: i64,
}

/// Reads a listing's question from its text fields; every bad field is reported, by name.
pub fn ask(
    app: &AppState,
    region: &str,
    category: &str,
    lat: &str,
    lng: &str,
    page: &str,
) -> Result<Ask, Error> {
    let mut e = FieldErrors::new();
    let root = &app.config.root_region;
    let region = match region.trim() {
        "" => None,
        r => match RegionCode::parse(r) {
            Ok(c) if root.contains(&c) => Some(c),
            _ => {
                e.add("region", FieldCode::UnknownRegion);
                None
            }
        },
    };
    let category = match category.trim() {
        "" => None,
        c => {
            let parsed = Category::parse(c);
            if parsed.is_none() {
                e.add("category", FieldCode::InvalidChoice);
            }
            parsed
        }
    };
    let near = match parse_point(lat, lng) {
        Ok(p) => p,
        Err(errs) => {
            for (f, c) in errs {
                e.add(f, c);
            }
            None
        }
    };
    let page = match page.trim() {
        "" => 1,
        p => match p.parse::<i64>() {
            Ok(n) if (1..=10_000).contains(&n) => n,
            _ => {
                e.add("page", FieldCode::OutOfRange);
                1
            }
        },
    };
    if !e.is_empty() {
        return Err(DomainError::invalid(e).into());
    }
    Ok(Ask {
        region,
        category,
        near,
        page,
    })
}

/// A place as listed, with its distance from the reader when they gave a position.
#[derive(Debug, Clone)]
pub struct Listed {
    /// The place.
    pub place: PlaceRow,
    /// Metres from the reader.
    pub metres: Option<u32>,
}

/// The listing: a page by name, or with a position the nearest [`NEAREST`]; and how many
/// match in all (without a position) or were measured (with one).
pub async fn list(app: &AppState, a: &Ask) -> Result<(Vec<Listed>, i64), Error> {
    let mut f = Filter {
        region: a.region.clone(),
        categories: a.category.into_iter().collect(),
        bbox: None,
        limit: PAGE,
        offset: (a.page - 1) * PAGE,
        count: true,
    };
    let today = today();
    let Some(me) = a.near else {
        let (rows, total) = app.store.listed_places(&f, today).await?;
        let listed = rows
            .into_iter()
            .map(|place| Listed {
                place,
                metres: None,
            })
            .collect();
        return Ok((listed, total));
    };
    let found = nearest(app, &mut f, me, NEAREST, today).await?;
    let n = found.len() as i64;
    Ok((found, n))
}

/// The `want` nearest places matching `f` around `me`: a box of each radius in turn (the
/// indexed columns), kept only within the radius by the exact distance, until `want` are
/// found; past the last radius, everything matching is measured.
pub async fn nearest(
    app: &AppState,
    f: &mut Filter,
    me: Point,
    want: usize,
    today: time::Date,
) -> Result<Vec<Listed>, Error> {
    f.offset = 0;
    f.count = false;
    let mut radius_index = 0;
    let mut radius = RADII[0];
    loop {
        let last = radius_index >= RADII.len();
        f.bbox = (!last).then(|| me.bounding_box(radius));
        f.limit = if last { i64::MAX / 2 } else { CANDIDATES };
        let (rows, _) = app.store.listed_places(f, today).await?;
        if !last && rows.len() as i64 >= CANDIDATES && radius > 100 {
            // Too dense to read the whole box: a smaller one holds enough already.
            radius /= 4;
            continue;
        }
        let mut found: Vec<Listed> = rows
            .into_iter()
            .map(|place| {
                let d = me.metres_to(place.r.point);
                Listed {
                    place,
                    metres: Some(d),
                }
            })
            .filter(|l| last || l.metres.is_some_and(|d| d <= radius))
            .collect();
        if found.len() >= want || last {
            found.sort_by(|a, b| {
                a.metres
                    .cmp(&b.metres)
                    .then_with(|| a.place.r.name.cmp(&b.place.r.name))
            });
            found.truncate(want);
            return Ok(found);
        }
        radius_index += 1;
        if let Some(r) = RADII.get(radius_index) {
            radius = radius.max(*r);
        }
    }
}

/// A place readers may see, or not found (unknown, refused, suspended, licence lapsed).
pub async fn place(app: &AppState, id: LocalPlaceId) -> Result<PlaceRow, Error> {
    app.store
        .place(id)
        .await?
        .filter(|p| p.listed(today()))
        .ok_or_else(Error::not_found)
}

/// An event, or not found.
pub async fn event(
    app: &AppState,
    id: LocalEventId,
) -> Result<(EventRow, Option<PlaceRow>), Error> {
    let e = app
        .store
        .local_event(id)
        .await?
        .ok_or_else(Error::not_found)?;
    let p = app
        .store
        .place(e.place)
        .await?
        .filter(|p| p.listed(today()));
    Ok((e, p))
}

/// What a life situation brings together: for each category that helps, a few places
/// (nearest first with a position), and the upcoming events tagged with it.
pub struct SituationView {
    /// The situation.
    pub situation: Situation,
    /// Places by category.
    pub places: Vec<(Category, Vec<Listed>)>,
    /// Upcoming events.
    pub events: Vec<EventRow>,
}

/// A life situation's places and events in the deployment (or a region of it).
pub async fn situation(app: &AppState, s: Situation, a: &Ask) -> Result<SituationView, Error> {
    let root = a
        .region
        .clone()
        .unwrap_or_else(|| app.config.root_region.clone());
    let today = today();
    let mut places = Vec::new();
    for c in s.categories() {
        let mut f = Filter {
            region: Some(root.clone()),
            categories: vec![*c],
            bbox: None,
            limit: 5,
            offset: 0,
            count: false,
        };
        let found = match a.near {
            Some(me) => nearest(app, &mut f, me, 5, today).await?,
            None => app
                .store
                .listed_places(&f, today)
                .await?
                .0
                .into_iter()
                .map(|place| Listed {
                    place,
                    metres: None,
                })
                .collect(),
        };
        places.push((*c, found));
    }
    let events = app
        .store
        .upcoming_events(&root, Some(s.as_str()), today, 10)
        .await?;
    Ok(SituationView {
        situation: s,
        places,
        events,
    })
}
