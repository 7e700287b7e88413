//! The readers' pages: `/local` (by region and category, nearest first with a position),
//! `/local/places/{id}`, `/local/events/{id}`, `/local/situations` and each situation.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::ids::{LocalEventId, LocalPlaceId};
use yiwang_domain::local::{Category, Situation};
use yiwang_domain::paging::Page;
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Path, Query};
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, Pager, html, html_invalid};

use super::{PlaceView, category_name, situation_name, urlencode};
use crate::services::browse::{self, Ask};
use crate::texts::*;

/// The listing's question as the form sends it (text, checked by the use case).
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    region: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    lat: String,
    #[serde(default)]
    lng: String,
    #[serde(default)]
    page: String,
}

impl ListQuery {
    fn base(&self, path: &str) -> String {
        let parts: Vec<String> = [
            ("region", &self.region),
            ("category", &self.category),
            ("lat", &self.lat),
            ("lng", &self.lng),
        ]
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{k}={}", urlencode(v.trim())))
        .collect();
        if parts.is_empty() {
            path.to_owned()
        } else {
            format!("{path}?{}", parts.join("&"))
        }
    }

    /// `?lat=…&lng=…` to carry the reader's position to a place's page.
    fn near(&self) -> String {
        if self.lat.trim().is_empty() || self.lng.trim().is_empty() {
            String::new()
        } else {
            format!(
                "?lat={}&lng={}",
                urlencode(self.lat.trim()),
                urlencode(self.lng.trim())
            )
        }
    }
}

/// An option of a select.
pub struct Choice {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "local/list.html")]
struct ListPage {
    l: Layout,
    q: ListQuery,
    regions: Vec<Choice>,
    categories: Vec<Choice>,
    errors: FormErrors,
    count: String,
    places: Vec<PlaceView>,
    near: String,
    pager: Option<Pager>,
    script: String,
    situations: Vec<(&'static str, &'static str)>,
}

async fn choices(
    app: &AppState,
    ctx: &Ctx,
    q: &ListQuery,
) -> Result<(Vec<Choice>, Vec<Choice>), Error> {
    let t = ctx.t();
    let reference = app
        .reference
        .get(&app.store, &app.config.root_region)
        .await?;
    let lang = t.lang();
    let regions = reference
        .children
        .iter()
        .map(|r| Choice {
            value: r.code.as_str().to_owned(),
            label: yiwang_kit::zh::display(&r.name, lang),
            selected: q.region.trim() == r.code.as_str(),
        })
        .collect();
    let categories = Category::ALL
        .iter()
        .map(|c| Choice {
            value: c.as_str().to_owned(),
            label: category_name(t, *c).to_owned(),
            selected: q.category.trim() == c.as_str(),
        })
        .collect();
    Ok((regions, categories))
}

fn situations(t: yiwang_kit::i18n::Tr) -> Vec<(&'static str, &'static str)> {
    Situation::ALL
        .iter()
        .map(|s| (s.as_str(), situation_name(t, *s)))
        .collect()
}

/// `GET /local`: places and merchants by region and category; with `lat` and `lng`, the
/// nearest first with their distance. Bad filters are answered with the form and its errors.
pub async fn list(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let (regions, categories) = choices(&app, &ctx, &q).await?;
    let l = Layout::new(&app, &ctx, t.loc_title(), Section::Other).await;
    let script = app.assets.url("apply.js").to_owned();
    let asked = browse::ask(&app, &q.region, &q.category, &q.lat, &q.lng, &q.page);
    let a: Ask = match asked {
        Ok(a) => a,
        Err(Error::Domain(e)) if !e.fields.is_empty() => {
            return html_invalid(&ListPage {
                l,
                regions,
                categories,
                errors: FormErrors::from_error(&e, t),
                count: String::new(),
                places: Vec::new(),
                near: String::new(),
                pager: None,
                script,
                situations: situations(t),
                q,
            });
        }
        Err(e) => return Err(e),
    };
    let (found, total) = browse::list(&app, &a).await?;
    let places = found.iter().map(|x| PlaceView::listed(t, x)).collect();
    let (count, pager) = if a.near.is_some() {
        (t.loc_nearest().replacen("{}", &total.to_string(), 1), None)
    } else {
        let page = Page::new(Some(a.page), Some(browse::PAGE), browse::PAGE as u32)?;
        (
            t.loc_count().replacen("{}", &total.to_string(), 1),
            Some(Pager::new(&q.base("/local"), page, total)),
        )
    };
    html(&ListPage {
        l,
        regions,
        categories,
        errors: FormErrors::default(),
        count,
        places,
        near: q.near(),
        pager,
        script,
        situations: situations(t),
        q,
    })
}

/// The reader's position carried to a page (`?lat=…&lng=…`), both or neither.
#[derive(Debug, Default, Deserialize)]
pub struct NearQuery {
    #[serde(default)]
    lat: String,
    #[serde(default)]
    lng: String,
}

#[derive(Template)]
#[template(path = "local/place.html")]
struct PlacePage {
    l: Layout,
    p: PlaceView,
    merchant: bool,
    complain: String,
    events: Vec<EventLine>,
}

/// An event in a list.
pub struct EventLine {
    id: String,
    title: String,
    dates: String,
    place: String,
}

fn dates(s: time::Date, e: time::Date) -> String {
    let (s, e) = (
        yiwang_store::local::date_text(s),
        yiwang_store::local::date_text(e),
    );
    if s == e { s } else { format!("{s} – {e}") }
}

fn event_line(e: &yiwang_store::local::EventRow) -> EventLine {
    EventLine {
        id: e.id.to_string(),
        title: e.title.clone(),
        dates: dates(e.starts_on, e.ends_on),
        place: e.place_name.clone(),
    }
}

/// `GET /local/places/{id}`: a place or a listed merchant (a refused, suspended or lapsed one
/// is not found), open now or not, its distance when the position is carried along.
pub async fn place(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<LocalPlaceId>,
    Query(n): Query<NearQuery>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let p = browse::place(&app, id).await?;
    let me = browse::ask(&app, "", "", &n.lat, &n.lng, "")?.near;
    let metres = me.map(|m| m.metres_to(p.r.point));
    let events = app
        .store
        .upcoming_events(&p.r.region, None, crate::services::today(), 50)
        .await?
        .iter()
        .filter(|e| e.place == p.id)
        .map(event_line)
        .collect();
    html(&PlacePage {
        l: Layout::new(&app, &ctx, p.r.name.clone(), Section::Other).await,
        merchant: p.r.category.is_merchant(),
        // The ask page takes no prefilled fields: the page tells the reader to name the
        // merchant, and the market regulation category routes it.
        complain: "/inquiries/new".to_owned(),
        p: PlaceView::new(t, &p, metres),
        events,
    })
}

#[derive(Template)]
#[template(path = "local/event.html")]
struct EventPage {
    l: Layout,
    e: EventLine,
    place_id: Option<String>,
    registration_url: String,
    description: String,
}

/// `GET /local/events/{id}`.
pub async fn event(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<LocalEventId>,
) -> Result<Response, Error> {
    let (e, p) = browse::event(&app, id).await?;
    html(&EventPage {
        l: Layout::new(&app, &ctx, e.title.clone(), Section::Other).await,
        e: event_line(&e),
        place_id: p.map(|p| p.id.to_string()),
        registration_url: e.registration_url.clone(),
        description: e.description.clone(),
    })
}

#[derive(Template)]
#[template(path = "local/situations.html")]
struct SituationsPage {
    l: Layout,
    situations: Vec<(&'static str, &'static str)>,
}

/// `GET /local/situations`.
pub async fn situations_page(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let t = ctx.t();
    html(&SituationsPage {
        l: Layout::new(&app, &ctx, t.loc_situations(), Section::Other).await,
        situations: situations(t),
    })
}

/// Places of one category on a situation's page.
pub struct CategoryBlock {
    name: &'static str,
    more: String,
    places: Vec<PlaceView>,
}

#[derive(Template)]
#[template(path = "local/situation.html")]
struct SituationPage {
    l: Layout,
    name: &'static str,
    stages: Vec<(&'static str, &'static str)>,
    blocks: Vec<CategoryBlock>,
    events: Vec<EventLine>,
    near: String,
}

/// `GET /local/situations/{code}`: the life-event checklists, the places that help by
/// category (nearest first with a position) and upcoming events.
pub async fn situation(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Query(n): Query<NearQuery>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let s = Situation::parse(&code).ok_or_else(Error::not_found)?;
    let a = browse::ask(&app, "", "", &n.lat, &n.lng, "")?;
    let v = browse::situation(&app, s, &a).await?;
    let q = ListQuery {
        lat: n.lat.clone(),
        lng: n.lng.clone(),
        ..Default::default()
    };
    html(&SituationPage {
        l: Layout::new(&app, &ctx, situation_name(t, s), Section::Other).await,
        name: situation_name(t, s),
        stages: s
            .stages()
            .iter()
            .map(|st| (st.as_str(), t.life_stage(*st)))
            .collect(),
        blocks: v
            .places
            .iter()
            .map(|(c, ps)| CategoryBlock {
                more: format!(
                    "/local?category={}{}",
                    c.as_str(),
                    q.near().replacen('?', "&", 1)
                ),
                name: category_name(t, *c),
                places: ps.iter().map(|x| PlaceView::listed(t, x)).collect(),
            })
            .collect(),
        events: v.events.iter().map(event_line).collect(),
        near: q.near(),
    })
}
