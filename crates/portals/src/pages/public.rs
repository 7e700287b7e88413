//! The public pages: a region's portal (`/regions/{code}/portal`), its investment page
//! (`/regions/{code}/invest`), a project's page and its document.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use yiwang_domain::forms::FileType;
use yiwang_domain::ids::ProjectId;
use yiwang_domain::inquiry::league::percent;
use yiwang_domain::region::RegionCode;
use yiwang_files::FileStore;
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::Path;
use yiwang_kit::respond::download;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{Layout, html};
use yiwang_store::portals::{ContactLine, Leader, PolicyLink};
use yiwang_store::regions::Region;

use super::{ChartView, ProjectView, charts, paragraphs};
use crate::services::{self, invest, portal};
use crate::texts::PortalTexts;

/// A link with its text.
pub struct Link {
    /// Where.
    pub href: String,
    /// What.
    pub text: String,
    /// A note after it (a date, a department).
    pub note: String,
}

/// The league-table row as the portal shows it.
pub struct LeagueView {
    received: i64,
    response: String,
    on_time: String,
    satisfaction: String,
}

#[derive(Template)]
#[template(path = "portals/portal.html")]
struct PortalPage {
    l: Layout,
    region: Region,
    path: Vec<(Region, bool)>,
    intro: Vec<String>,
    leaders: Vec<Leader>,
    contacts: Vec<ContactLine>,
    items: Vec<Link>,
    items_all: Option<(String, String)>,
    halls: Vec<Link>,
    news: Vec<Link>,
    board: Vec<Link>,
    league: Option<LeagueView>,
    datasets: Vec<Link>,
    projects: Vec<ProjectView>,
    invest_link: bool,
    children: Vec<Region>,
}

/// The breadcrumb: every ancestor linked to its portal, the region itself not.
fn breadcrumb(app: &AppState, path: Vec<Region>, code: &RegionCode) -> Vec<(Region, bool)> {
    path.into_iter()
        .map(|r| {
            let linked = r.code != *code && services::served(app, &r.code);
            (r, linked)
        })
        .collect()
}

/// `GET /regions/{code}/portal`.
pub async fn portal(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(code): Path<RegionCode>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let p = portal::load(&app, &code).await?;
    let content = p
        .page
        .as_ref()
        .map(|x| x.content.clone())
        .unwrap_or_default();
    let items_all = (p.items_total > p.items.len()).then(|| {
        (
            format!("/services?region={code}"),
            t.portal_items_all()
                .replacen("{}", &p.items_total.to_string(), 1),
        )
    });
    let items = p
        .items
        .iter()
        .map(|i| Link {
            href: format!("/items/{}", i.id),
            text: i.name.clone(),
            note: i.department_name.clone(),
        })
        .collect();
    let halls = p
        .halls
        .iter()
        .map(|h| Link {
            href: format!("/bookings/places/{}", h.id),
            text: h.name.clone(),
            note: h.address.clone(),
        })
        .collect();
    let news = p
        .news
        .iter()
        .map(|d| Link {
            href: format!("/news/{}", d.id),
            text: d.doc.title.clone(),
            note: d
                .published_at
                .map(|a| a.beijing_date().to_string())
                .unwrap_or_default(),
        })
        .collect();
    let board = p
        .board
        .iter()
        .map(|b| Link {
            href: format!("/inquiries/board/{}", b.id),
            text: b.title.clone(),
            note: b.department.clone(),
        })
        .collect();
    let league = p.league.as_ref().map(|c| LeagueView {
        received: c.received,
        response: percent(c.response_rate()),
        on_time: percent(c.on_time_rate()),
        satisfaction: percent(c.satisfaction_rate()),
    });
    let datasets = p
        .datasets
        .iter()
        .map(|d| Link {
            href: format!("/data/{}", d.fields.name),
            text: d.fields.title.clone(),
            note: String::new(),
        })
        .collect();
    let projects: Vec<ProjectView> = p.projects.iter().map(|x| ProjectView::new(t, x)).collect();
    let invest_link = !projects.is_empty() || content.invest_office.is_some();
    let title = t
        .portal_title()
        .replacen("{}", &ctx.zh_name(&p.region.name), 1);
    let l = Layout::new(&app, &ctx, title, Section::Regions).await;
    html(&PortalPage {
        l,
        path: breadcrumb(&app, p.path, &code),
        region: p.region,
        intro: paragraphs(&content.intro),
        leaders: content.leaders,
        contacts: content.contacts,
        items,
        items_all,
        halls,
        news,
        board,
        league,
        datasets,
        projects,
        invest_link,
        children: p.children,
    })
}

#[derive(Template)]
#[template(path = "portals/invest.html")]
struct InvestPage {
    l: Layout,
    region: Region,
    projects: Vec<ProjectView>,
    policies: Vec<PolicyLink>,
    charts: Vec<ChartView>,
    office: Option<String>,
}

/// `GET /regions/{code}/invest`: projects, preferential policies, indicators and the way to
/// ask the investment office.
pub async fn invest_page(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(code): Path<RegionCode>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let region = services::region(&app, &code).await?;
    let projects = app
        .store
        .region_projects(code.as_str(), true)
        .await?
        .iter()
        .map(|p| ProjectView::new(t, p))
        .collect();
    let policies = app
        .store
        .portal_policies(code.as_str())
        .await?
        .into_iter()
        .filter(|p| p.doc.is_some())
        .collect();
    let charts = charts(t, &app.store.portal_indicators(code.as_str()).await?);
    let office = invest::office(&app, &code).await?.map(|d| d.name);
    let title = t
        .invest_title()
        .replacen("{}", &ctx.zh_name(&region.name), 1);
    let l = Layout::new(&app, &ctx, title, Section::Regions).await;
    html(&InvestPage {
        l,
        region,
        projects,
        policies,
        charts,
        office,
    })
}

#[derive(Template)]
#[template(path = "portals/project.html")]
struct ProjectPage {
    l: Layout,
    region: Region,
    p: ProjectView,
    can_ask: bool,
}

/// `GET /invest/projects/{id}`: a published project.
pub async fn project(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<ProjectId>,
) -> Result<Response, Error> {
    let p = app
        .store
        .project(id)
        .await?
        .filter(|p| p.published)
        .ok_or_else(Error::not_found)?;
    let code = RegionCode::parse(&p.region).map_err(|_| Error::not_found())?;
    let region = services::region(&app, &code).await?;
    let can_ask = invest::office(&app, &code).await?.is_some();
    let view = ProjectView::new(ctx.t(), &p);
    let l = Layout::new(&app, &ctx, ctx.zh_name(&view.title), Section::Regions).await;
    html(&ProjectPage {
        l,
        region,
        p: view,
        can_ask,
    })
}

/// `GET /invest/projects/{id}/document`: a published project's PDF.
pub async fn document(
    State(app): State<AppState>,
    Path(id): Path<ProjectId>,
) -> Result<Response, Error> {
    let p = app
        .store
        .project(id)
        .await?
        .filter(|p| p.published)
        .ok_or_else(Error::not_found)?;
    let key = p.file_key.ok_or_else(Error::not_found)?;
    let bytes = app
        .part::<FileStore>()?
        .get(&key)
        .await
        .map_err(Error::internal)?
        .ok_or_else(Error::not_found)?;
    Ok(download(bytes, Some(FileType::Pdf), &id.to_string()))
}

/// Shows Chinese names in the reader's script.
trait ZhName {
    fn zh_name(&self, s: &str) -> String;
}

impl ZhName for Ctx {
    fn zh_name(&self, s: &str) -> String {
        yiwang_kit::zh::display(s, self.prefs.lang)
    }
}
