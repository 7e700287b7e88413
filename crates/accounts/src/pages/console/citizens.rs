//! Finding a citizen by mobile or ID number, and reading their details (for assisted
//! handling). Every search and every view is written to the audit log with the reason given,
//! and the citizen sees it on their "who viewed my data" page (OPS-3, ACC-4).
//!
//! The search answers on the look-up page; reading the details is a second, deliberate post
//! ("查看详情", carrying the reason) — never a GET, which a browser may prefetch, reload or
//! replay from its history, each time writing a read the citizen sees.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::ErrorCode;
use yiwang_domain::ids::AccountId;

use crate::services::citizens::{self, CitizenDetails};
use crate::texts::*;
use yiwang_kit::console::{NavLink, nav};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Path};
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
    found: Found,
}

/// What the search found.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Found {
    /// Nothing searched yet (or the form was refused).
    NotAsked,
    /// No account.
    Nobody,
    /// This account: its details are one more post away.
    Account(AccountId),
}

async fn lookup_page(
    app: &AppState,
    ctx: &Ctx,
    query: String,
    reason: String,
    errors: FormErrors,
    found: Found,
) -> LookupPage {
    let l = Layout::new(app, ctx, ctx.t().console_citizen_lookup(), Section::Console).await;
    LookupPage {
        nav: nav(app, ctx, "/console/citizens"),
        l,
        query,
        reason,
        errors,
        found,
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
            Found::NotAsked,
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

/// `POST /console/citizens`: finds the account and records the search; the answer offers
/// the details behind a button that posts the reason again.
pub async fn lookup(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<LookupForm>,
) -> Result<Response, Error> {
    let (reason, found, errors) = match citizens::lookup(&app, &ctx, &f.query, &f.reason).await {
        Ok((Some(id), reason)) => (reason, Found::Account(id), FormErrors::default()),
        Ok((None, reason)) => (reason, Found::Nobody, FormErrors::default()),
        Err(Error::Domain(e)) if e.code == ErrorCode::ValidationFailed => {
            let errors = FormErrors::from_error(&e, ctx.t());
            return html_invalid(
                &lookup_page(&app, &ctx, f.query, f.reason, errors, Found::NotAsked).await,
            );
        }
        Err(e) => return Err(e),
    };
    // The number searched for stays out of the answer once it found someone.
    let query = if matches!(found, Found::Account(_)) {
        String::new()
    } else {
        f.query
    };
    html(&lookup_page(&app, &ctx, query, reason, errors, found).await)
}

/// The fields the "查看详情" button sends.
#[derive(Deserialize)]
pub struct ReadForm {
    #[serde(default)]
    reason: String,
}

#[derive(Template)]
#[template(path = "console/citizen.html")]
struct CitizenPage {
    l: Layout,
    nav: Vec<NavLink>,
    d: CitizenDetails,
    name: String,
    since: String,
}

/// `GET /console/citizens/{id}`: shows nothing of the citizen; back to the look-up, where
/// the details are read by a post with a reason.
pub async fn show(Path(_): Path<AccountId>) -> Response {
    yiwang_kit::respond::see_other("/console/citizens")
}

/// `POST /console/citizens/{id}` (form: `reason`): the citizen's details, recorded as a read
/// of personal data with the reason.
pub async fn read(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<AccountId>,
    Form(f): Form<ReadForm>,
) -> Result<Response, Error> {
    let d = match citizens::read(&app, &ctx, id, &f.reason).await {
        Ok(d) => d,
        Err(Error::Domain(e)) if !e.fields.is_empty() => {
            let errors = FormErrors::from_error(&e, ctx.t());
            return html_invalid(
                &lookup_page(&app, &ctx, String::new(), f.reason, errors, Found::NotAsked).await,
            );
        }
        Err(e) => return Err(e),
    };
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
        name: d.real_name.clone().unwrap_or_else(|| {
            d.phone
                .as_deref()
                .map(yiwang_domain::identity::phone::mask_mobile)
                .unwrap_or_default()
        }),
        since: d.since.display_minutes(),
        d,
    })
}
