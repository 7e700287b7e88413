//! The register of certificate types (CERT-1), for platform admins: each type's code and name,
//! and the departments authorised to issue it.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::ErrorCode;
use yiwang_domain::ids::DepartmentId;

use crate::services::cert_types;
use crate::texts::*;
use yiwang_kit::console::{NavLink, nav};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Path, Query};
use yiwang_kit::respond::see_other;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, html, html_invalid};

/// A type as the page lists it.
struct TypeLine {
    code: String,
    name: String,
    issuers: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "console/cert_types.html")]
struct TypesPage {
    l: Layout,
    nav: Vec<NavLink>,
    types: Vec<TypeLine>,
    departments: Vec<(String, String)>,
    f: TypeForm,
    errors: FormErrors,
    saved: bool,
}

/// The registration form.
#[derive(Debug, Default, Deserialize)]
pub struct TypeForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    name: String,
}

/// The page's query.
#[derive(Debug, Default, Deserialize)]
pub struct TypesQuery {
    saved: Option<String>,
}

async fn page(
    app: &AppState,
    ctx: &Ctx,
    f: TypeForm,
    errors: FormErrors,
    saved: bool,
) -> Result<TypesPage, Error> {
    let lang = ctx.prefs.lang;
    let display = |s: &str| yiwang_kit::zh::display(s, lang);
    let types = cert_types::types(app, ctx)
        .await?
        .into_iter()
        .map(|t| TypeLine {
            name: display(&t.name),
            issuers: t
                .issuers
                .iter()
                .map(|(id, name)| (id.to_string(), display(name)))
                .collect(),
            code: t.code,
        })
        .collect();
    let departments = app
        .store
        .departments_under(&app.config.root_region)
        .await?
        .into_iter()
        .map(|d| (d.id.to_string(), display(&d.name)))
        .collect();
    let l = Layout::new(app, ctx, ctx.t().cert_types_title(), Section::Console).await;
    Ok(TypesPage {
        nav: nav(app, ctx, "/console/certificate-types"),
        l,
        types,
        departments,
        f,
        errors,
        saved,
    })
}

/// `GET /console/certificate-types`: the register.
pub async fn show(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<TypesQuery>,
) -> Result<Response, Error> {
    let saved = q.saved.is_some();
    html(
        &page(
            &app,
            &ctx,
            TypeForm::default(),
            FormErrors::default(),
            saved,
        )
        .await?,
    )
}

/// `POST /console/certificate-types`: registers a type or renames one.
pub async fn register(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<TypeForm>,
) -> Result<Response, Error> {
    match cert_types::register(&app, &ctx, &f.code, &f.name).await {
        Ok(()) => Ok(see_other("/console/certificate-types?saved=1")),
        Err(Error::Domain(e)) if e.code == ErrorCode::ValidationFailed => {
            let errors = FormErrors::from_error(&e, ctx.t());
            html_invalid(&page(&app, &ctx, f, errors, false).await?)
        }
        Err(e) => Err(e),
    }
}

/// The issuer form: a department, authorised or withdrawn.
#[derive(Debug, Deserialize)]
pub struct IssuerForm {
    #[serde(default)]
    department: String,
    #[serde(default)]
    withdraw: Option<String>,
}

/// `POST /console/certificate-types/{code}/issuers`: authorises a department to issue the
/// type, or (with `withdraw`) takes the authority back.
pub async fn issuer(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(code): Path<String>,
    Form(f): Form<IssuerForm>,
) -> Result<Response, Error> {
    let department = f.department.parse::<DepartmentId>().map_err(|_| {
        yiwang_domain::Error::field("department", yiwang_domain::FieldCode::InvalidChoice)
    });
    let result = match department {
        Ok(d) => cert_types::set_issuer(&app, &ctx, &code, d, f.withdraw.is_none()).await,
        Err(e) => Err(e.into()),
    };
    match result {
        Ok(()) => Ok(see_other("/console/certificate-types?saved=1")),
        Err(Error::Domain(e)) if e.code == ErrorCode::ValidationFailed => {
            let errors = FormErrors::from_error(&e, ctx.t());
            html_invalid(&page(&app, &ctx, TypeForm::default(), errors, false).await?)
        }
        Err(e) => Err(e),
    }
}
