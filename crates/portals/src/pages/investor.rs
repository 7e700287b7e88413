//! Investors' inquiries on pages: the form (`/regions/{code}/invest/ask`), the investor's
//! own list and answers (`/account/investment`), and the investment office's queue in the
//! console (`/console/investment`).

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::ids::InvestInquiryId;
use yiwang_domain::region::RegionCode;
use yiwang_kit::console::{NavLink, nav};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Path, Query};
use yiwang_kit::respond::see_other;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, html, html_invalid};
use yiwang_store::portals::{InvestInquiryRow, InvestorContact};
use yiwang_store::regions::Region;

use super::{Choice, paragraphs};
use crate::rules::ANSWER_DAYS;
use crate::services::{self, invest};
use crate::texts::PortalTexts;

type Pairs = Vec<(String, String)>;

fn get<'a>(p: &'a Pairs, k: &str) -> &'a str {
    p.iter()
        .find(|(a, _)| a == k)
        .map_or("", |(_, v)| v.as_str())
}

/// The form's query: the project asked about.
#[derive(Deserialize)]
pub struct AskQuery {
    #[serde(default)]
    project: String,
}

#[derive(Template)]
#[template(path = "portals/ask.html")]
struct AskPage {
    l: Layout,
    region: Region,
    intro: String,
    projects: Vec<Choice>,
    f: invest::AskInput,
    errors: FormErrors,
}

async fn ask_page(
    app: &AppState,
    ctx: &Ctx,
    code: &RegionCode,
    f: invest::AskInput,
    errors: FormErrors,
) -> Result<AskPage, Error> {
    let t = ctx.t();
    let region = services::region(app, code).await?;
    let office = invest::office(app, code)
        .await?
        .ok_or_else(Error::not_found)?;
    // The select's first option ("no particular project") is the macro's placeholder.
    let mut projects = Vec::new();
    for p in app.store.region_projects(code.as_str(), true).await? {
        projects.push(Choice {
            selected: p.id.to_string() == f.project,
            value: p.id.to_string(),
            label: yiwang_kit::zh::display(&p.fields.title, ctx.prefs.lang),
        });
    }
    let intro = t
        .invest_ask_intro()
        .replacen(
            "{}",
            &yiwang_kit::zh::department(&office.name, ctx.prefs.lang),
            1,
        )
        .replacen("{}", &ANSWER_DAYS.to_string(), 1);
    Ok(AskPage {
        l: Layout::new(app, ctx, t.invest_ask(), Section::Mine).await,
        region,
        intro,
        projects,
        f,
        errors,
    })
}

/// `GET /regions/{code}/invest/ask`.
pub async fn ask_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(code): Path<RegionCode>,
    Query(q): Query<AskQuery>,
) -> Result<Response, Error> {
    let f = invest::AskInput {
        project: q.project,
        ..Default::default()
    };
    html(&ask_page(&app, &ctx, &code, f, FormErrors::default()).await?)
}

/// `POST /regions/{code}/invest/ask`.
pub async fn ask(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(code): Path<RegionCode>,
    Form(p): Form<Pairs>,
) -> Result<Response, Error> {
    let f = invest::AskInput {
        project: get(&p, "project").into(),
        subject: get(&p, "subject").into(),
        body: get(&p, "body").into(),
        name: get(&p, "name").into(),
        phone: get(&p, "phone").into(),
        company: get(&p, "company").into(),
    };
    match invest::ask(&app, &ctx, &code, &f).await {
        Ok((id, _)) => Ok(see_other(&format!("/account/investment/{id}"))),
        Err(Error::Domain(e)) if !e.fields.is_empty() => {
            let errors = FormErrors::from_error(&e, ctx.t());
            html_invalid(&ask_page(&app, &ctx, &code, f, errors).await?)
        }
        Err(e) => Err(e),
    }
}

/// An inquiry as lists show it.
pub struct Line {
    href: String,
    subject: String,
    asked: String,
    due: String,
    answered: bool,
    overdue: bool,
}

fn line(r: &InvestInquiryRow, base: &str, today: &str) -> Line {
    Line {
        href: format!("{base}/{}", r.id),
        subject: r.subject.clone(),
        asked: r.created_at.beijing_date().to_string(),
        due: r.due_on.clone(),
        answered: r.reply.is_some(),
        overdue: r.reply.is_none() && r.due_on.as_str() < today,
    }
}

fn today() -> String {
    yiwang_domain::Timestamp::now().beijing_date().to_string()
}

#[derive(Template)]
#[template(path = "portals/mine.html")]
struct MinePage {
    l: Layout,
    lines: Vec<Line>,
}

/// `GET /account/investment`.
pub async fn mine(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let today = today();
    let lines = invest::mine(&app, &ctx)
        .await?
        .iter()
        .map(|r| line(r, "/account/investment", &today))
        .collect();
    let l = Layout::new(&app, &ctx, ctx.t().mine_title(), Section::Mine).await;
    html(&MinePage { l, lines })
}

/// One inquiry as its pages show it.
pub struct InquiryView {
    id: String,
    subject: String,
    body: Vec<String>,
    asked: String,
    due: String,
    region: String,
    reply: Option<Vec<String>>,
    replied: String,
}

fn view(r: &InvestInquiryRow) -> InquiryView {
    InquiryView {
        id: r.id.to_string(),
        subject: r.subject.clone(),
        body: paragraphs(&r.body),
        asked: r.created_at.beijing_date().to_string(),
        due: r.due_on.clone(),
        region: r.region.clone(),
        reply: r.reply.as_deref().map(paragraphs),
        replied: r
            .replied_at
            .map(|a| a.beijing_date().to_string())
            .unwrap_or_default(),
    }
}

#[derive(Template)]
#[template(path = "portals/mine_one.html")]
struct MineOnePage {
    l: Layout,
    q: InquiryView,
}

/// `GET /account/investment/{id}`: one of the caller's inquiries with its answer.
pub async fn mine_one(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<InvestInquiryId>,
) -> Result<Response, Error> {
    let r = invest::mine_one(&app, &ctx, id).await?;
    let l = Layout::new(&app, &ctx, r.subject.clone(), Section::Mine).await;
    html(&MineOnePage { l, q: view(&r) })
}

#[derive(Template)]
#[template(path = "console/portals/queue.html")]
struct QueuePage {
    l: Layout,
    nav: Vec<NavLink>,
    lines: Vec<Line>,
}

/// `GET /console/investment`: the office's queue.
pub async fn queue(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let today = today();
    let lines = invest::queue(&app, &ctx)
        .await?
        .iter()
        .map(|r| line(r, "/console/investment", &today))
        .collect();
    html(&QueuePage {
        l: Layout::new(&app, &ctx, ctx.t().console_queue(), Section::Console).await,
        nav: nav(&app, &ctx, "/console/investment"),
        lines,
    })
}

#[derive(Template)]
#[template(path = "console/portals/inquiry.html")]
struct InquiryPage {
    l: Layout,
    nav: Vec<NavLink>,
    q: InquiryView,
    office: String,
    contact: InvestorContact,
    reply: String,
    errors: FormErrors,
}

async fn inquiry_page(
    app: &AppState,
    ctx: &Ctx,
    id: InvestInquiryId,
    reply: String,
    errors: FormErrors,
) -> Result<InquiryPage, Error> {
    let (r, dept, contact) = invest::open_for_office(app, ctx, id).await?;
    Ok(InquiryPage {
        l: Layout::new(app, ctx, r.subject.clone(), Section::Console).await,
        nav: nav(app, ctx, "/console/investment"),
        q: view(&r),
        office: dept.name,
        contact,
        reply,
        errors,
    })
}

/// `GET /console/investment/{id}`.
pub async fn inquiry(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<InvestInquiryId>,
) -> Result<Response, Error> {
    html(&inquiry_page(&app, &ctx, id, String::new(), FormErrors::default()).await?)
}

/// `POST /console/investment/{id}/reply`.
pub async fn reply(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<InvestInquiryId>,
    Form(p): Form<Pairs>,
) -> Result<Response, Error> {
    let text = get(&p, "reply").to_owned();
    match invest::reply(&app, &ctx, id, &text).await {
        Ok(()) => Ok(see_other(&format!("/console/investment/{id}"))),
        Err(Error::Domain(e)) if !e.fields.is_empty() => {
            let errors = FormErrors::from_error(&e, ctx.t());
            html_invalid(&inquiry_page(&app, &ctx, id, text, errors).await?)
        }
        Err(e) => Err(e),
    }
}
