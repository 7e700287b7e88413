//! Finding a citizen by mobile or ID number, and reading their details (for assisted
//! handling). Every search and every view is written to the audit log with the reason given,
//! and the citizen sees it on their "who viewed my data" page (OPS-3, ACC-4).

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::ErrorCode;
use yiwang_domain::ids::AccountId;
use yiwang_store::accounts::Profile;

use crate::services::citizens;
use crate::texts::*;
use yiwang_kit::console::{NavLink, nav};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Path, Query};
use yiwang_kit::pipeline::percent_encode;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, html, html_invalid};

#[derive(Template)]
#[template(path = "console/citizen_lookup.html")]
struct LookupPage {
    l: Layout,
    nav: Vec<NavLink>,
    query: String,
    reason: String,
    errors: FormErrors,
    not_found: bool,
}

async fn lookup_page(
    app: &AppState,
    ctx: &Ctx,
    query: String,
    reason: String,
    errors: FormErrors,
    not_found: bool,
) -> LookupPage {
    let l = Layout::new(app, ctx, ctx.t().console_citizen_lookup(), Section::Console).await;
    LookupPage {
        nav: nav(app, ctx, "/console/citizens"),
        l,
        query,
        reason,
        errors,
        not_found,
    }
}

/// `GET /console/citizens`.
pub async fn lookup_form(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    html(
        &lookup_page(
            &app,
            &ctx,
            String::new(),
            String::new(),
            FormErrors::default(),
            false,
        )
        .await,
    )
}

/// The fields this form sends.
#[derive(Deserialize)]
pub struct LookupForm {
    #[serde(default)]
    query: String,
    #[serde(default)]
    reason: String,
}

/// `POST /console/citizens`: finds the account and records the search.
pub async fn lookup(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<LookupForm>,
) -> Result<Response, Error> {
    match citizens::lookup(&app, &ctx, &f.query, &f.reason).await {
        Ok((Some(id), reason)) => Ok(yiwang_kit::respond::see_other(&format!(
            "/console/citizens/{id}?reason={}",
            percent_encode(&reason)
        ))),
        Ok((None, reason)) => {
            html(&lookup_page(&app, &ctx, f.query, reason, FormErrors::default(), true).await)
        }
        Err(Error::Domain(e)) if e.code == ErrorCode::ValidationFailed => html_invalid(
            &lookup_page(
                &app,
                &ctx,
                f.query,
                f.reason,
                FormErrors::from_error(&e, ctx.t()),
                false,
            )
            .await,
        ),
        Err(e) => Err(e),
    }
}

/// The query parameters this page accepts.
#[derive(Deserialize, Default)]
pub struct ShowQuery {
    #[serde(default)]
    reason: String,
}

#[derive(Template)]
#[template(path = "console/citizen.html")]
struct CitizenPage {
    l: Layout,
    nav: Vec<NavLink>,
    p: Profile,
    since: String,
}

/// `GET /console/citizens/{id}`: the citizen's details, recorded as a read of personal data.
pub async fn show(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<AccountId>,
    Query(q): Query<ShowQuery>,
) -> Result<Response, Error> {
    let p = citizens::read(
        &app,
        &ctx,
        id,
        &q.reason,
        &["phone", "real_name", "id_number"],
    )
    .await?;
    let l = Layout::new(
        &app,
        &ctx,
        ctx.t().console_citizen_lookup(),
        Section::Console,
    )
    .await;
    html(&CitizenPage {
        nav: nav(&app, &ctx, "/console/citizens"),
        l,
        since: p.created_at.display_minutes(),
        p,
    })
}
