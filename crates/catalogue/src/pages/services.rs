//! 办事: the service catalogue for citizens (CAT-2, CAT-3, PUB-5, FIND-1) — the 办事 home,
//! browsing with facets, life events, the guide page with its QR codes, and search. Pages
//! read the in-memory snapshot and the guide cache; a guide view costs no query once read.

use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE, SET_COOKIE};
use http::{HeaderMap, HeaderValue};
use serde::Deserialize;
use yiwang_domain::catalog::{Audience, ItemStatus, LifeStage, Material, Tag, Topic};
use yiwang_domain::ids::{DepartmentId, ItemId};
use yiwang_domain::paging::Page;
use yiwang_store::catalog::{Item, ItemRow};

use crate::catalog::CatalogOf;
use crate::services::browse::BrowseQuery;
use crate::services::search::{self, Ask, marked};
use crate::texts::*;
use yiwang_index::snapshot::{Browse, Filters, Step};
use yiwang_kit::cookies::{self, CookieSpec};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Path, Query};
use yiwang_kit::pipeline::percent_encode;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{Layout, Pager, html};

/// The cookie listing recently viewed guides (item ids, newest first; no personal data).
pub const RECENT_COOKIE: &str = "yw_recent";
const RECENT_MAX: usize = 6;

fn recent_ids(headers: &HeaderMap, secure: bool) -> Vec<ItemId> {
    cookies::get(headers, &cookies::name(RECENT_COOKIE, secure))
        .unwrap_or("")
        .split('.')
        .filter_map(|s| s.parse().ok())
        .take(RECENT_MAX)
        .collect()
}

// ---------------------------------------------------------------------------------------
// 办事 home

#[derive(Template)]
#[template(path = "services/home.html")]
struct HomePage {
    l: Layout,
    person: Vec<LifeStage>,
    enterprise: Vec<LifeStage>,
    topics: Vec<(Topic, usize)>,
    hot: Vec<Arc<ItemRow>>,
    recent: Vec<Arc<ItemRow>>,
    departments: Vec<(DepartmentId, String, usize)>,
    total: usize,
}

/// `GET /services`: the 办事 home.
pub async fn home(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
) -> Result<Response, Error> {
    let snapshot = app.catalog()?.snapshot();
    let all = snapshot.overview();
    let recent = recent_ids(&headers, app.config.tls)
        .into_iter()
        .filter_map(|id| snapshot.item(id).cloned())
        .filter(|r| r.status == ItemStatus::Active)
        .collect();
    let l = Layout::new(&app, &ctx, ctx.t().services_title(), Section::Services).await;
    html(&HomePage {
        l,
        person: LifeStage::of(Audience::Person),
        enterprise: LifeStage::of(Audience::Enterprise),
        topics: all
            .facets
            .topics
            .iter()
            .map(|c| (c.value, c.count))
            .collect(),
        hot: snapshot.hot.clone(),
        recent,
        departments: all
            .facets
            .departments
            .iter()
            .map(|c| (c.value.0, c.value.1.clone(), c.count))
            .collect(),
        total: all.total,
    })
}

// ---------------------------------------------------------------------------------------
// Browsing

/// The query string of a set of filters, with one changed (for facet links).
fn filter_link(f: &Filters, change: impl FnOnce(&mut Filters)) -> String {
    let mut f = f.clone();
    change(&mut f);
    let mut parts = Vec::new();
    if let Some(d) = f.department {
        parts.push(format!("department={d}"));
    }
    if let Some(t) = f.topic {
        parts.push(format!("topic={}", t.as_str()));
    }
    if let Some(s) = f.subject {
        parts.push(format!("subject={}", s.as_str()));
    }
    if let Some(t) = f.item_type {
        parts.push(format!("type={}", t.as_str()));
    }
    if let Some(l) = f.level {
        parts.push(format!("level={}", l.as_str()));
    }
    if let Some(r) = &f.region {
        parts.push(format!("region={r}"));
    }
    if let Some(t) = f.tag {
        parts.push(format!("tag={}", t.as_str()));
    }
    if parts.is_empty() {
        "/items".to_owned()
    } else {
        format!("/items?{}", parts.join("&"))
    }
}

/// One facet value as a link.
pub struct FacetLink {
    /// Shown name.
    pub label: String,
    /// Items it would show.
    pub count: usize,
    /// Where it leads (toggles the value).
    pub href: String,
    /// Whether it is the current filter.
    pub on: bool,
}

/// One facet.
pub struct FacetGroup {
    /// Its heading.
    pub title: &'static str,
    /// Its values.
    pub links: Vec<FacetLink>,
    /// Whether a value is chosen (the group opens).
    pub active: bool,
}

fn group<T: PartialEq + Clone>(
    title: &'static str,
    f: &Filters,
    values: impl Iterator<Item = (T, String, usize)>,
    current: Option<T>,
    set: impl Fn(&mut Filters, Option<T>),
) -> FacetGroup {
    let links: Vec<FacetLink> = values
        .map(|(v, label, count)| {
            let on = current.as_ref() == Some(&v);
            let href = filter_link(f, |f| set(f, if on { None } else { Some(v.clone()) }));
            FacetLink {
                label,
                count,
                href,
                on,
            }
        })
        .collect();
    FacetGroup {
        title,
        active: current.is_some(),
        links,
    }
}

fn facet_groups(l: &Layout, f: &Filters, b: &Browse) -> Vec<FacetGroup> {
    let t = l.t;
    let fc = &b.facets;
    vec![
        group(
            t.facet_subject(),
            f,
            fc.subjects
                .iter()
                .map(|c| (c.value, t.subject(c.value).to_owned(), c.count)),
            f.subject,
            |f, v| f.subject = v,
        ),
        group(
            t.facet_topic(),
            f,
            fc.topics
                .iter()
                .map(|c| (c.value, t.topic(c.value).to_owned(), c.count)),
            f.topic,
            |f, v| f.topic = v,
        ),
        group(
            t.facet_tag(),
            f,
            fc.tags
                .iter()
                .map(|c| (c.value, t.tag(c.value).to_owned(), c.count)),
            f.tag,
            |f, v| f.tag = v,
        ),
        group(
            t.facet_department(),
            f,
            fc.departments
                .iter()
                .map(|c| (c.value.0, l.zh(&c.value.1), c.count)),
            f.department,
            |f, v| f.department = v,
        ),
        group(
            t.facet_type(),
            f,
            fc.types
                .iter()
                .map(|c| (c.value, t.item_type(c.value).to_owned(), c.count)),
            f.item_type,
            |f, v| f.item_type = v,
        ),
        group(
            t.facet_level(),
            f,
            fc.levels
                .iter()
                .map(|c| (c.value, t.level(c.value).to_owned(), c.count)),
            f.level,
            |f, v| f.level = v,
        ),
        group(
            t.facet_region(),
            f,
            fc.regions
                .iter()
                .map(|c| (c.value.0.clone(), l.zh(&c.value.1), c.count)),
            f.region.clone(),
            |f, v| f.region = v,
        ),
    ]
}

#[derive(Template)]
#[template(path = "services/items.html")]
struct ItemsPage {
    l: Layout,
    groups: Vec<FacetGroup>,
    chosen: Vec<(String, String)>,
    items: Vec<Arc<ItemRow>>,
    total: usize,
    pager: Pager,
}

/// `GET /items`: every listed item, filtered, with counts on every facet.
pub async fn browse(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<BrowseQuery>,
) -> Result<Response, Error> {
    let f = q.filters()?;
    let page = Page::new(q.page, Some(20), 20)?;
    let snapshot = app.catalog()?.snapshot();
    let b = snapshot.browse(&f, page.offset() as usize, page.limit() as usize);
    let l = Layout::new(&app, &ctx, ctx.t().items_title(), Section::Services).await;
    let groups = facet_groups(&l, &f, &b);
    let chosen = groups
        .iter()
        .flat_map(|g| {
            g.links
                .iter()
                .filter(|x| x.on)
                .map(|x| (x.label.clone(), x.href.clone()))
        })
        .collect();
    let pager = Pager::new(&filter_link(&f, |_| {}), page, b.total as i64);
    html(&ItemsPage {
        l,
        groups,
        chosen,
        items: b.items,
        total: b.total,
        pager,
    })
}

// ---------------------------------------------------------------------------------------
// Life events

#[derive(Template)]
#[template(path = "services/life_events.html")]
struct LifeEventsPage {
    l: Layout,
    audiences: Vec<(Audience, Vec<(LifeStage, usize)>)>,
}

/// `GET /life-events`.
pub async fn life_events(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let snapshot = app.catalog()?.snapshot();
    let count = |s: &LifeStage| snapshot.checklists.get(s).map_or(0, Vec::len);
    let audiences = [Audience::Person, Audience::Enterprise]
        .into_iter()
        .map(|a| {
            (
                a,
                LifeStage::of(a)
                    .into_iter()
                    .map(|s| (s, count(&s)))
                    .collect(),
            )
        })
        .collect();
    let l = Layout::new(&app, &ctx, ctx.t().life_events_title(), Section::Services).await;
    html(&LifeEventsPage { l, audiences })
}

#[derive(Template)]
#[template(path = "services/life_event.html")]
struct LifeEventPage {
    l: Layout,
    stage: LifeStage,
    steps: Vec<Step>,
    others: Vec<LifeStage>,
}

/// `GET /life-events/{stage}`: the stage's checklist, in order.
pub async fn life_event(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(stage): Path<LifeStage>,
) -> Result<Response, Error> {
    let snapshot = app.catalog()?.snapshot();
    let steps = snapshot.checklists.get(&stage).cloned().unwrap_or_default();
    let others = LifeStage::of(stage.audience())
        .into_iter()
        .filter(|s| *s != stage)
        .collect();
    let l = Layout::new(&app, &ctx, ctx.t().life_stage(stage), Section::Services).await;
    html(&LifeEventPage {
        l,
        stage,
        steps,
        others,
    })
}

// ---------------------------------------------------------------------------------------
// The guide page

/// A line of the guide: its label and either the text or "not yet filled".
pub struct Fact {
    /// Label.
    pub label: &'static str,
    /// The value, if the department filled it in.
    pub value: Option<String>,
    /// When missing, point to the 12345 government service hotline (a phone, a way to ask or
    /// complain) rather than only saying it is missing.
    pub hotline: bool,
}

impl Fact {
    fn new(label: &'static str, value: Option<String>) -> Fact {
        Fact {
            label,
            value,
            hotline: false,
        }
    }

    /// A way to reach someone: 12345 stands in while the department has published none.
    fn contact(label: &'static str, value: Option<String>) -> Fact {
        Fact {
            hotline: true,
            ..Fact::new(label, value)
        }
    }
}

/// What the cached guide body may use of the reader: only the language.
pub struct Words {
    /// The translator.
    pub t: yiwang_kit::i18n::Tr,
}

impl Words {
    /// Dynamic Chinese text in the reader's script.
    pub fn zh(&self, s: &str) -> String {
        yiwang_kit::zh::display(s, self.t.lang())
    }

    /// A guide value: a common one (原件, 不收费) in the reader's language, else as written.
    pub fn value(&self, s: &str) -> String {
        self.t
            .common_value(s)
            .map_or_else(|| self.zh(s), str::to_owned)
    }

    /// A department's name for the reader.
    pub fn dept(&self, name: &str) -> String {
        yiwang_kit::zh::department(name, self.t.lang())
    }
}

#[derive(Template)]
#[template(path = "services/guide.html")]
struct GuidePage {
    l: Layout,
    body: Arc<str>,
    /// The published policy documents that govern the item (PUB-4): (id, title, date).
    policies: Vec<(String, String, String)>,
    ratings: yiwang_domain::workflow::RatingSummary,
    satisfied_percent: u32,
    levels: Vec<(&'static str, u64)>,
}

#[derive(Template)]
#[template(path = "services/guide_body.html")]
struct GuideBody {
    l: Words,
    item: Arc<Item>,
    group: Option<Arc<ItemRow>>,
    children: Vec<Arc<ItemRow>>,
    replacement: Option<Arc<ItemRow>>,
    materials: Option<Vec<Material>>,
    filled: usize,
    fields: usize,
    online_channel: bool,
    has_form: bool,
    when: Vec<Fact>,
    contact: Vec<Fact>,
    about: Vec<Fact>,
}

fn days(t: yiwang_kit::i18n::Tr, d: Option<u32>) -> Option<String> {
    d.map(|n| {
        if n == 0 {
            t.days_immediate().to_owned()
        } else {
            t.working_days(n)
        }
    })
}

/// `GET /items/{id}`: the guide. Withdrawn items say so and link to their replacement; main
/// items list their variants.
pub async fn guide(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<ItemId>,
) -> Result<Response, Error> {
    let item = app.catalog()?.item(id).await?;
    let snapshot = app.catalog()?.snapshot();
    let lang = ctx.prefs.lang;
    let body = match app
        .catalog()?
        .rendered(id, lang, item.row.version, snapshot.generation)
    {
        Some(b) => b,
        None => {
            let b: Arc<str> = guide_body(&item, &snapshot, ctx.t())?
                .render()
                .map_err(|e| Error::Internal(format!("template: {e}")))?
                .into();
            app.catalog()?.keep_rendered(
                id,
                lang,
                item.row.version,
                snapshot.generation,
                Arc::clone(&b),
            );
            b
        }
    };
    let title = yiwang_kit::zh::display(&item.row.name, lang);
    let l = Layout::new(&app, &ctx, title, Section::Services).await;
    let ratings = crate::services::ratings::item_summary(&app, id).await?;
    let t = ctx.t();
    let levels = yiwang_domain::workflow::RatingLevel::ALL
        .iter()
        .map(|lv| {
            (
                t.rating_level(*lv),
                ratings.by_level[usize::from(lv.score()) - 1],
            )
        })
        .collect();
    let satisfied_percent = ratings
        .satisfied_share()
        .map_or(0, |s| (s * 100.0).round() as u32);
    let policies = app
        .store
        .docs_linked("item", &id.to_string(), 10)
        .await?
        .into_iter()
        .map(|d| {
            (
                d.id.to_string(),
                yiwang_kit::zh::display(&d.doc.title, lang),
                d.published_at
                    .map(|p| p.beijing_date().to_string())
                    .unwrap_or_default(),
            )
        })
        .collect();
    let page = GuidePage {
        l,
        body,
        policies,
        ratings,
        satisfied_percent,
        levels,
    };
    let mut res = html(&page)?;
    if item.row.status == ItemStatus::Active {
        app.catalog()?.count_view(id);
        // Remember the visit for "recently viewed" on the 办事 home.
        let mut ids = recent_ids(&headers, app.config.tls);
        ids.retain(|x| *x != id);
        ids.insert(0, id);
        ids.truncate(RECENT_MAX);
        let value = ids
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(".");
        let c = cookies::set(&CookieSpec {
            name: RECENT_COOKIE,
            value: &value,
            max_age: Some(90 * 86_400),
            http_only: true,
            secure: app.config.tls,
        });
        if let Ok(v) = HeaderValue::from_str(&c) {
            res.headers_mut().append(SET_COOKIE, v);
        }
    }
    Ok(res)
}

/// The guide's content for one language (cached by the caller).
fn guide_body(
    item: &Arc<Item>,
    snapshot: &yiwang_index::Snapshot,
    t: yiwang_kit::i18n::Tr,
) -> Result<GuideBody, Error> {
    let r = &item.row;
    let g = &item.guide;
    let department = snapshot.departments.get(&r.department).cloned();
    let group = r.parent.and_then(|p| snapshot.item(p).cloned());
    let children = if r.is_group {
        snapshot.children(r.id)
    } else {
        Vec::new()
    };
    let replacement = r.replaced_by.and_then(|p| snapshot.item(p).cloned());
    let join = |v: &Option<Vec<String>>| v.as_ref().map(|v| v.join("；"));
    let when = vec![
        Fact::new(t.guide_promised(), days(t, g.promised_days)),
        Fact::new(t.guide_statutory(), days(t, g.statutory_days)),
        Fact::new(t.guide_visits(), g.visits.map(|v| t.visits(v).to_owned())),
        Fact::new(
            t.guide_channels(),
            g.channels.as_ref().map(|c| {
                c.iter()
                    .map(|c| t.channel(*c))
                    .collect::<Vec<_>>()
                    .join("、")
            }),
        ),
        Fact::new(t.guide_fees(), g.fees.clone()),
    ];
    let dept = department.as_deref();
    let contact = vec![
        Fact::new(
            t.guide_place(),
            g.place
                .clone()
                .or_else(|| dept.and_then(|d| d.address.clone())),
        ),
        Fact::new(
            t.guide_hours(),
            g.hours
                .clone()
                .or_else(|| dept.and_then(|d| d.hours.clone())),
        ),
        Fact::contact(
            t.guide_phone(),
            g.phone
                .clone()
                .or_else(|| dept.and_then(|d| d.phone.clone())),
        ),
        Fact::contact(t.guide_consult(), g.consult.clone()),
        Fact::contact(t.guide_complaint(), g.complaint.clone()),
    ];
    let about = vec![
        Fact::new(t.guide_type(), Some(t.item_type(r.item_type).to_owned())),
        Fact::new(
            t.guide_subjects(),
            (!r.subjects.is_empty()).then(|| {
                r.subjects
                    .iter()
                    .map(|s| t.subject(*s))
                    .collect::<Vec<_>>()
                    .join("、")
            }),
        ),
        Fact::new(
            t.guide_level(),
            Some(format!(
                "{} · {}",
                t.level(r.level),
                yiwang_kit::zh::display(&r.region_name, t.lang())
            )),
        ),
        Fact::new(t.guide_code(), r.code.clone()),
        Fact::new(t.guide_legal_basis(), g.legal_basis.clone()),
        Fact::new(t.guide_policies(), join(&g.policies)),
    ];
    Ok(GuideBody {
        l: Words { t },
        materials: g.materials.clone(),
        filled: g.filled(),
        online_channel: g
            .channels
            .as_ref()
            .is_some_and(|c| c.contains(&yiwang_domain::catalog::Channel::Online)),
        fields: yiwang_domain::catalog::Guide::FIELDS,
        has_form: snapshot.has_form(item.row.id),
        group,
        children,
        replacement,
        when,
        contact,
        about,
        item: Arc::clone(item),
    })
}

use yiwang_kit::respond::absolute;

/// `GET /items/{id}/qr.svg` and `/qr.png`: a QR code opening the guide, to print for counters.
pub async fn qr(
    State(app): State<AppState>,
    headers: HeaderMap,
    Path((item_id, file)): Path<(ItemId, String)>,
) -> Result<Response, Error> {
    let row = app
        .catalog()?
        .snapshot()
        .item(item_id)
        .cloned()
        .ok_or_else(Error::not_found)?;
    let url = absolute(&app, &headers, &format!("/items/{}", row.id));
    let (body, content_type, ext) = match file.as_str() {
        "qr.svg" => (
            yiwang_kit::qr::svg(&url)?.into_bytes(),
            "image/svg+xml",
            "svg",
        ),
        "qr.png" => (yiwang_kit::qr::png(&url, 8)?, "image/png", "png"),
        _ => return Err(Error::not_found()),
    };
    let filename = format!(
        "attachment; filename=\"item-qr.{ext}\"; filename*=UTF-8''{}-qr.{ext}",
        percent_encode(&row.name)
    );
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(
        CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=86400"),
    );
    if let Ok(v) = HeaderValue::from_str(&filename) {
        h.insert(CONTENT_DISPOSITION, v);
    }
    Ok(res)
}

// ---------------------------------------------------------------------------------------
// Search

/// The query parameters of the search page.
#[derive(Debug, Deserialize, Default)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    department: String,
    #[serde(default)]
    tag: String,
    page: Option<i64>,
}

/// A result as the page shows it.
pub struct ShownHit {
    /// Kind.
    pub kind: String,
    /// Where.
    pub url: String,
    /// Title pieces, matched ones marked.
    pub title: Vec<(String, bool)>,
    /// Snippet pieces.
    pub snippet: Vec<(String, bool)>,
    /// Provider.
    pub org: String,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    l: Layout,
    q: String,
    kind: String,
    department: String,
    tag: String,
    tabs: Vec<(&'static str, &'static str, String)>,
    departments: Vec<(DepartmentId, String)>,
    tags: Vec<Tag>,
    hits: Vec<ShownHit>,
    total: usize,
    searched: String,
    fuzzy: bool,
    corrected: bool,
    pager: Pager,
    hot: Vec<Arc<ItemRow>>,
}

/// `GET /search?q=…`: everything, or one kind, with filters, highlights, and help when
/// nothing is found.
pub async fn search_page(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(sq): Query<SearchQuery>,
) -> Result<Response, Error> {
    let q: String = sq.q.chars().take(100).collect();
    let page = Page::new(sq.page, Some(10), 10)?;
    let found = search::find(
        &app,
        &Ask {
            q: &q,
            kind: Some(&sq.kind),
            department: Some(&sq.department),
            tag: Some(&sq.tag),
            offset: page.offset() as usize,
            limit: page.limit() as usize,
            ..Default::default()
        },
    )?;
    let t = ctx.t();
    let lang = ctx.prefs.lang;
    let l = Layout::new(&app, &ctx, t.search_title(), Section::Services).await;
    let hits = found
        .hits
        .iter()
        .map(|h| ShownHit {
            kind: h.kind.clone(),
            url: h.url.clone(),
            title: yiwang_kit::zh::display_pieces(&marked(&h.title, &h.title_marks), lang),
            snippet: yiwang_kit::zh::display_pieces(&marked(&h.snippet, &h.snippet_marks), lang),
            // Items name their department; departments their region.
            org: if h.kind == "item" {
                l.dept(&h.org)
            } else {
                l.zh(&h.org)
            },
        })
        .collect();
    let base = |kind: &str| {
        let mut s = format!("/search?q={}", percent_encode(&q));
        if !kind.is_empty() {
            s.push_str(&format!("&kind={kind}"));
        }
        if !sq.department.is_empty() {
            s.push_str(&format!("&department={}", percent_encode(&sq.department)));
        }
        if !sq.tag.is_empty() {
            s.push_str(&format!("&tag={}", percent_encode(&sq.tag)));
        }
        s
    };
    let tabs = vec![
        ("", t.kind_all(), base("")),
        ("item", t.kind_item(), base("item")),
        ("department", t.kind_department(), base("department")),
        ("region", t.kind_region(), base("region")),
        ("inquiry", t.kind_inquiry(), base("inquiry")),
        ("article", t.kind_article(), base("article")),
        ("policy", t.kind_policy(), base("policy")),
        ("dataset", t.kind_dataset(), base("dataset")),
        ("place", t.kind_place(), base("place")),
    ];
    let snapshot = app.catalog()?.snapshot();
    let mut departments: Vec<(DepartmentId, String)> = snapshot
        .departments
        .values()
        .map(|d| (d.id, l.dept(&d.name)))
        .collect();
    departments.sort_by(|a, b| a.1.cmp(&b.1));
    let pager = Pager::new(&base(&sq.kind), page, found.total as i64);
    html(&SearchPage {
        l,
        kind: sq.kind.clone(),
        department: sq.department.clone(),
        tag: sq.tag.clone(),
        tabs,
        departments,
        tags: Tag::ALL.to_vec(),
        hits,
        total: found.total,
        searched: found.searched,
        fuzzy: found.fuzzy,
        corrected: found.corrected,
        pager,
        hot: snapshot.hot.iter().take(5).cloned().collect(),
        q,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use yiwang_domain::catalog::Subject;

    #[test]
    fn facet_links_toggle_one_value_and_keep_the_others() {
        let f = Filters {
            topic: Some(Topic::Employment),
            tag: Some(Tag::OneVisit),
            ..Default::default()
        };
        assert_eq!(filter_link(&f, |f| f.topic = None), "/items?tag=one_visit");
        assert_eq!(
            filter_link(&f, |f| f.subject = Some(Subject::Person)),
            "/items?topic=employment&subject=person&tag=one_visit"
        );
        assert_eq!(filter_link(&Filters::default(), |_| {}), "/items");
    }
}
