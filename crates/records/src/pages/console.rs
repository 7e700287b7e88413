//! The console's records pages: a staff read of a person's records (a post carrying the
//! reason, never a GET a browser might replay), recording a guardian, and the settings (types
//! and sources) for platform admins.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::ErrorCode;
use yiwang_kit::console::{NavLink, nav};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Query};
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, html, html_invalid};
use yiwang_store::records::{RecordType, Source};

use super::{RecordView, view};
use crate::services::{admin, read};
use crate::texts::*;

#[derive(Template)]
#[template(path = "console/records/read.html")]
struct ReadPage {
    l: Layout,
    nav: Vec<NavLink>,
    id_number: String,
    reason: String,
    errors: FormErrors,
    /// After a read: the masked ID number and the records shown.
    shown: Option<(String, Vec<RecordView>)>,
    /// Whether the reader may also record guardians (a link to that page).
    may_link: bool,
}

async fn read_page(
    app: &AppState,
    ctx: &Ctx,
    id_number: String,
    reason: String,
    errors: FormErrors,
    shown: Option<(String, Vec<RecordView>)>,
) -> ReadPage {
    ReadPage {
        l: Layout::new(app, ctx, ctx.t().rec_read_title(), Section::Console).await,
        nav: nav(app, ctx, "/console/records"),
        id_number,
        reason,
        errors,
        shown,
        may_link: yiwang_domain::auth::allows_somewhere(
            ctx.principal.actor(),
            yiwang_domain::auth::Permission::VerifyIdentityInPerson,
        ),
    }
}

/// `GET /console/records`: the form (ID number and reason).
pub async fn read_form(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    html(
        &read_page(
            &app,
            &ctx,
            String::new(),
            String::new(),
            FormErrors::default(),
            None,
        )
        .await,
    )
}

/// The fields of the read form.
#[derive(Deserialize)]
pub struct ReadForm {
    #[serde(default)]
    id_number: String,
    #[serde(default)]
    reason: String,
}

/// `POST /console/records`: reads the person's records in the staff member's departments,
/// recorded on the person's access log with the reason.
pub async fn read(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<ReadForm>,
) -> Result<Response, Error> {
    match read::staff_read(&app, &ctx, &f.id_number, &f.reason).await {
        Ok((masked, records)) => {
            let types = app.store.record_types().await?;
            let lang = ctx.t().lang();
            let views = records
                .iter()
                .map(|r| {
                    let schema = types
                        .iter()
                        .find(|t| t.code == r.record_type)
                        .map(|t| &t.schema);
                    view(r, schema, lang)
                })
                .collect();
            // The ID number stays out of the answer; the reason stays for the next read.
            html(
                &read_page(
                    &app,
                    &ctx,
                    String::new(),
                    f.reason,
                    FormErrors::default(),
                    Some((masked, views)),
                )
                .await,
            )
        }
        Err(Error::Domain(e)) if e.code == ErrorCode::ValidationFailed => {
            let errors = FormErrors::from_error(&e, ctx.t());
            html_invalid(&read_page(&app, &ctx, f.id_number, f.reason, errors, None).await)
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "console/records/guardians.html")]
struct GuardianPage {
    l: Layout,
    nav: Vec<NavLink>,
    f: GuardianForm,
    errors: FormErrors,
    done: bool,
}

/// The fields of the guardian form.
#[derive(Deserialize, Default)]
pub struct GuardianForm {
    #[serde(default)]
    guardian_id_number: String,
    #[serde(default)]
    child_id_number: String,
    #[serde(default)]
    child_name: String,
    #[serde(default)]
    evidence: String,
}

async fn guardian_page(
    app: &AppState,
    ctx: &Ctx,
    f: GuardianForm,
    errors: FormErrors,
    done: bool,
) -> GuardianPage {
    GuardianPage {
        l: Layout::new(app, ctx, ctx.t().rec_guardian_title(), Section::Console).await,
        nav: nav(app, ctx, "/console/records/guardians"),
        f,
        errors,
        done,
    }
}

/// The `?done=1` after a recorded guardian.
#[derive(Deserialize, Default)]
pub struct DoneQuery {
    #[serde(default)]
    done: Option<String>,
}

/// `GET /console/records/guardians`.
pub async fn guardian_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<DoneQuery>,
) -> Result<Response, Error> {
    let done = q.done.is_some();
    html(
        &guardian_page(
            &app,
            &ctx,
            GuardianForm::default(),
            FormErrors::default(),
            done,
        )
        .await,
    )
}

/// `POST /console/records/guardians`.
pub async fn link_guardian(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<GuardianForm>,
) -> Result<Response, Error> {
    match admin::link_guardian(
        &app,
        &ctx,
        &f.guardian_id_number,
        &f.child_id_number,
        &f.child_name,
        &f.evidence,
    )
    .await
    {
        Ok(()) => Ok(yiwang_kit::respond::see_other(
            "/console/records/guardians?done=1",
        )),
        Err(Error::Domain(e)) if e.code == ErrorCode::ValidationFailed => {
            let errors = FormErrors::from_error(&e, ctx.t());
            html_invalid(&guardian_page(&app, &ctx, f, errors, false).await)
        }
        Err(e) => Err(e),
    }
}

/// A system client that may be registered as a source.
pub struct ClientOption {
    id: String,
    name: String,
}

/// A department to pick.
pub struct DeptOption {
    id: String,
    name: String,
}

#[derive(Template)]
#[template(path = "console/records/settings.html")]
struct SettingsPage {
    l: Layout,
    nav: Vec<NavLink>,
    types: Vec<RecordType>,
    sources: Vec<Source>,
    clients: Vec<ClientOption>,
    departments: Vec<DeptOption>,
    t_form: TypeForm,
    errors: FormErrors,
    saved: bool,
}

async fn settings_page(
    app: &AppState,
    ctx: &Ctx,
    t_form: TypeForm,
    errors: FormErrors,
    saved: bool,
) -> Result<SettingsPage, Error> {
    let lang = ctx.t().lang();
    let clients = app
        .store
        .list_clients()
        .await?
        .into_iter()
        .filter(|c| !c.disabled)
        .map(|c| ClientOption {
            id: c.id.to_string(),
            name: c.name,
        })
        .collect();
    let page = yiwang_domain::paging::Page::new(Some(1), Some(100), 100)?;
    let departments = app
        .store
        .list_departments(&app.config.root_region, "", page)
        .await?
        .0
        .into_iter()
        .map(|d| DeptOption {
            id: d.id.to_string(),
            name: yiwang_kit::zh::department(&d.name, lang),
        })
        .collect();
    Ok(SettingsPage {
        l: Layout::new(app, ctx, ctx.t().rec_settings(), Section::Console).await,
        nav: nav(app, ctx, "/console/records/settings"),
        types: app.store.record_types().await?,
        sources: app.store.record_sources().await?,
        clients,
        departments,
        t_form,
        errors,
        saved,
    })
}

/// `GET /console/records/settings`.
pub async fn settings(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<DoneQuery>,
) -> Result<Response, Error> {
    let saved = q.done.is_some();
    html(
        &settings_page(
            &app,
            &ctx,
            TypeForm::default(),
            FormErrors::default(),
            saved,
        )
        .await?,
    )
}

/// The fields of the record type form.
#[derive(Deserialize, Default)]
pub struct TypeForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    name_zh: String,
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    schema: String,
}

/// `POST /console/records/settings/types`.
pub async fn save_type(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<TypeForm>,
) -> Result<Response, Error> {
    match admin::save_type(&app, &ctx, &f.code, &f.name_zh, &f.name_en, &f.schema).await {
        Ok(_) => Ok(yiwang_kit::respond::see_other(
            "/console/records/settings?done=1",
        )),
        Err(Error::Domain(e)) if e.code == ErrorCode::ValidationFailed => {
            let errors = FormErrors::from_error(&e, ctx.t());
            html_invalid(&settings_page(&app, &ctx, f, errors, false).await?)
        }
        Err(e) => Err(e),
    }
}

/// `POST /console/records/settings/sources`: `client`, `department`, and `types` repeated.
pub async fn save_source(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, Error> {
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let types: Vec<String> = pairs
        .iter()
        .filter(|(n, _)| n == "types")
        .map(|(_, v)| v.clone())
        .collect();
    match admin::save_source(&app, &ctx, &get("client"), &get("department"), &types).await {
        Ok(()) => Ok(yiwang_kit::respond::see_other(
            "/console/records/settings?done=1",
        )),
        Err(Error::Domain(e)) if e.code == ErrorCode::ValidationFailed => {
            let errors = FormErrors::from_error(&e, ctx.t());
            html_invalid(&settings_page(&app, &ctx, TypeForm::default(), errors, false).await?)
        }
        Err(e) => Err(e),
    }
}
