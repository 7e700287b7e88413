//! 帮办代办 at the desk (APP-8): the staff member names the citizen by ID number and picks the
//! item; the citizen's phone gets a code saying who asks and for what; the citizen reads it
//! out; the staff member fills the form through the applicant's own pages (`pages/apply/`,
//! under `/console/assist/{consent}/…`) and hands over a slip with the receipt number and
//! query code. Each request has one page that shows where it stands.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::assist::ConsentState;
use yiwang_domain::auth::{Permission, allows};
use yiwang_domain::ids::ConsentId;
use yiwang_domain::{ErrorCode, Timestamp};
use yiwang_store::applications::assist::ConsentRow;

use crate::catalog::CatalogOf;
use crate::services::{self as apps, assist};
use crate::texts::*;
use yiwang_kit::console::{NavLink, nav};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Path};
use yiwang_kit::i18n::Tr;
use yiwang_kit::respond::see_other;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, html, html_invalid};

/// An item the caller may apply for on someone's behalf.
struct ItemChoice {
    id: String,
    name: String,
    department: String,
    selected: bool,
}

/// One of the caller's recent requests.
struct RecentRow {
    href: String,
    item: String,
    state: &'static str,
    at: String,
}

#[derive(Template)]
#[template(path = "console/assist.html")]
struct StartPage {
    l: Layout,
    nav: Vec<NavLink>,
    id_number: String,
    items: Vec<ItemChoice>,
    errors: FormErrors,
    recent: Vec<RecentRow>,
}

fn state_text(t: Tr, s: ConsentState) -> &'static str {
    match s {
        ConsentState::AwaitingCode { .. } => t.assist_state_awaiting(),
        ConsentState::Locked => t.assist_state_locked(),
        ConsentState::CodeExpired => t.assist_state_code_expired(),
        ConsentState::Granted { .. } => t.assist_state_granted(),
        ConsentState::Lapsed => t.assist_state_lapsed(),
        ConsentState::Used => t.assist_state_used(),
        ConsentState::Cancelled => t.assist_state_cancelled(),
    }
}

async fn start_page(
    app: &AppState,
    ctx: &Ctx,
    id_number: String,
    item: &str,
    errors: FormErrors,
) -> Result<StartPage, Error> {
    let t = ctx.t();
    let lang = ctx.prefs.lang;
    let snapshot = app.catalog()?.snapshot();
    let actor = ctx.principal.actor();
    let mut items: Vec<ItemChoice> = snapshot
        .all()
        .iter()
        .filter(|r| snapshot.has_form(r.id))
        .filter(|r| allows(actor, Permission::AssistApplicants, &r.scope()))
        .map(|r| ItemChoice {
            id: r.id.to_string(),
            name: yiwang_kit::zh::display(&r.name, lang),
            department: yiwang_kit::zh::display(&r.department_name, lang),
            selected: r.id.to_string() == item,
        })
        .collect();
    items.sort_by(|a, b| (&a.department, &a.name).cmp(&(&b.department, &b.name)));
    let now = Timestamp::now();
    let recent = assist::recent(app, ctx)
        .await?
        .into_iter()
        .map(|c| RecentRow {
            href: format!("/console/assist/{}", c.id),
            item: yiwang_kit::zh::display(&c.item_name, lang),
            state: state_text(t, c.state(now)),
            at: c.created_at.display_minutes(),
        })
        .collect();
    let l = Layout::new(app, ctx, t.assist_title(), Section::Console).await;
    Ok(StartPage {
        nav: nav(app, ctx, "/console/assist"),
        l,
        id_number,
        items,
        errors,
        recent,
    })
}

/// `GET /console/assist`: whom and what for, and the caller's recent requests.
pub async fn start(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    html(&start_page(&app, &ctx, String::new(), "", FormErrors::default()).await?)
}

/// The fields of the request form.
#[derive(Deserialize)]
pub struct RequestForm {
    #[serde(default)]
    id_number: String,
    #[serde(default)]
    item: String,
}

/// `POST /console/assist`: sends the citizen the consent code.
pub async fn request(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<RequestForm>,
) -> Result<Response, Error> {
    match assist::request(&app, &ctx, &f.id_number, &f.item).await {
        Ok(r) => Ok(see_other(&format!("/console/assist/{}", r.id))),
        Err(Error::Domain(e)) if e.code == ErrorCode::ValidationFailed => {
            let errors = FormErrors::from_error(&e, ctx.t());
            // The ID number is typed again rather than echoed into the page's HTML cache.
            html_invalid(&start_page(&app, &ctx, String::new(), &f.item, errors).await?)
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "console/assist_consent.html")]
struct ConsentPage {
    l: Layout,
    nav: Vec<NavLink>,
    id: String,
    item: String,
    citizen: String,
    phone: String,
    state: &'static str,
    /// One of: awaiting, granted, used, closed.
    stage: &'static str,
    until: String,
    apply_href: String,
    errors: FormErrors,
    receipt: String,
    code: String,
    case_href: Option<String>,
    script: String,
}

async fn consent_page(
    app: &AppState,
    ctx: &Ctx,
    c: &ConsentRow,
    errors: FormErrors,
) -> Result<ConsentPage, Error> {
    let t = ctx.t();
    let lang = ctx.prefs.lang;
    let citizen = assist::citizen(app, c.account_id).await?;
    let state = c.state(Timestamp::now());
    let (stage, until) = match state {
        ConsentState::AwaitingCode { until } => ("awaiting", until.display_minutes()),
        ConsentState::Granted { until } => ("granted", until.display_minutes()),
        ConsentState::Used => ("used", String::new()),
        _ => ("closed", String::new()),
    };
    let (mut receipt, mut code, mut case_href) = (String::new(), String::new(), None);
    if let Some(case_id) = c.case_id
        && let Some(case) = app.store.case(case_id).await?
    {
        code = apps::verification_code(app, &case.receipt);
        receipt = case.receipt;
        let region = yiwang_domain::region::RegionCode::parse(&case.region_code).ok();
        if region.is_some_and(|r| {
            ctx.principal.may(
                Permission::HandleCases,
                &yiwang_domain::auth::Scope::department(case.department_id, r),
            )
        }) {
            case_href = Some(format!("/console/cases/{}", case.id));
        }
    }
    let l = Layout::new(app, ctx, t.assist_title(), Section::Console).await;
    Ok(ConsentPage {
        nav: nav(app, ctx, "/console/assist"),
        l,
        id: c.id.to_string(),
        item: yiwang_kit::zh::display(&c.item_name, lang),
        citizen: citizen.name,
        phone: citizen.phone,
        state: state_text(t, state),
        stage,
        until,
        apply_href: format!("/console/assist/{}/items/{}/apply", c.id, c.item_id),
        errors,
        receipt,
        code,
        case_href,
        script: app.assets.url("apply.js").to_owned(),
    })
}

/// `GET /console/assist/{id}`: where the request stands, and what can be done next.
pub async fn show(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<ConsentId>,
) -> Result<Response, Error> {
    let c = assist::own(&app, &ctx, id).await?;
    html(&consent_page(&app, &ctx, &c, FormErrors::default()).await?)
}

/// The code form.
#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

/// `POST /console/assist/{id}/confirm`: the code the citizen read out; on to the form.
pub async fn confirm(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<ConsentId>,
    Form(f): Form<CodeForm>,
) -> Result<Response, Error> {
    match assist::confirm(&app, &ctx, id, &f.code).await {
        Ok(c) => Ok(see_other(&format!(
            "/console/assist/{}/items/{}/apply",
            c.id, c.item_id
        ))),
        Err(Error::Domain(e)) if e.code == ErrorCode::ValidationFailed => {
            let c = assist::own(&app, &ctx, id).await?;
            let errors = FormErrors::from_error(&e, ctx.t());
            html_invalid(&consent_page(&app, &ctx, &c, errors).await?)
        }
        Err(e) => Err(e),
    }
}

/// `POST /console/assist/{id}/cancel`: closes the request.
pub async fn cancel(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<ConsentId>,
) -> Result<Response, Error> {
    assist::cancel(&app, &ctx, id).await?;
    Ok(see_other(&format!("/console/assist/{id}")))
}
