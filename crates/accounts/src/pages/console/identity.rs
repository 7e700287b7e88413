//! Identity in the staff console (ACC-1): a clerk verifies a citizen in person at the counter,
//! and a platform admin resolves two accounts' claims to one ID number.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::ErrorCode;
use yiwang_domain::FieldCode;
use yiwang_domain::paging::Page;
use yiwang_store::identity::Conflict;

use crate::services::identity::{self, RealNameInput, Resolution};
use crate::texts::*;
use yiwang_kit::console::{NavLink, nav};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Path, Query};
use yiwang_kit::respond::see_other;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, Pager, html, html_invalid};

/// What the counter form sends.
#[derive(Debug, Default, Deserialize)]
pub struct CounterForm {
    #[serde(default)]
    phone: String,
    #[serde(flatten)]
    person: RealNameInput,
    #[serde(default)]
    place: String,
}

#[derive(Template)]
#[template(path = "console/identity.html")]
struct CounterPage {
    l: Layout,
    nav: Vec<NavLink>,
    f: CounterForm,
    errors: FormErrors,
    done: bool,
}

async fn counter_page(
    app: &AppState,
    ctx: &Ctx,
    f: CounterForm,
    errors: FormErrors,
    done: bool,
) -> CounterPage {
    let l = Layout::new(app, ctx, ctx.t().counter_verify_title(), Section::Console).await;
    CounterPage {
        nav: nav(app, ctx, "/console/identity"),
        l,
        f,
        errors,
        done,
    }
}

/// The query parameters of the counter page.
#[derive(Debug, Default, Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
}

/// `GET /console/identity`: the counter verification form.
pub async fn counter_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<DoneQuery>,
) -> Result<Response, Error> {
    let page = counter_page(
        &app,
        &ctx,
        CounterForm::default(),
        FormErrors::default(),
        q.done.is_some(),
    )
    .await;
    html(&page)
}

/// `POST /console/identity`: records the identity as verified in person.
pub async fn counter_verify(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<CounterForm>,
) -> Result<Response, Error> {
    match identity::verify_in_person(&app, &ctx, &f.phone, &f.person, &f.place).await {
        Ok(_) => Ok(see_other("/console/identity?done=1")),
        Err(Error::Domain(e))
            if matches!(
                e.code,
                ErrorCode::ValidationFailed
                    | ErrorCode::IdentityNeedsCounter
                    | ErrorCode::IdentityLocked
            ) =>
        {
            let errors = FormErrors::from_error(&e, ctx.t());
            html_invalid(&counter_page(&app, &ctx, f, errors, false).await)
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "console/identity_conflicts.html")]
struct ConflictsPage {
    l: Layout,
    nav: Vec<NavLink>,
    rows: Vec<Conflict>,
    pager: Pager,
}

/// The query parameters of the conflicts page.
#[derive(Debug, Default, Deserialize)]
pub struct ConflictsQuery {
    page: Option<i64>,
}

/// `GET /console/identity/conflicts`: open conflicts, oldest first.
pub async fn conflicts(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ConflictsQuery>,
) -> Result<Response, Error> {
    let page = Page::new(q.page, None, 50)?;
    let (rows, total) = identity::conflicts(&app, &ctx, page).await?;
    let l = Layout::new(&app, &ctx, ctx.t().conflicts_title(), Section::Console).await;
    html(&ConflictsPage {
        nav: nav(&app, &ctx, "/console/identity/conflicts"),
        l,
        rows,
        pager: Pager::new("/console/identity/conflicts", page, total),
    })
}

/// The resolution form.
#[derive(Debug, Deserialize)]
pub struct ResolveForm {
    #[serde(default)]
    resolution: String,
}

/// `POST /console/identity/conflicts/{id}`: resolves one conflict.
pub async fn resolve(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<ResolveForm>,
) -> Result<Response, Error> {
    let resolution = Resolution::parse(&f.resolution)
        .ok_or_else(|| Error::field("resolution", FieldCode::InvalidChoice))?;
    identity::resolve(&app, &ctx, &id, resolution).await?;
    Ok(see_other("/console/identity/conflicts"))
}
