//! The licensing staff's console: the merchants of the regions and departments they vet,
//! registering one with its licence, and approving, refusing or suspending it.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::auth::{Permission, Scope};
use yiwang_domain::ids::LocalPlaceId;
use yiwang_domain::local::Category;
use yiwang_kit::console::{NavLink, nav};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Path, Query};
use yiwang_kit::respond::see_other;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, html, html_invalid};

use super::{category_name, lapsed, vetting_name};
use crate::services::vet::{self, MerchantInput};
use crate::texts::*;

/// A merchant in the staff's list.
pub struct MerchantLine {
    id: String,
    name: String,
    category: &'static str,
    state: &'static str,
    lapsed: bool,
    licence: String,
    reason: String,
}

/// An option of a select.
pub struct Choice {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "console/local/home.html")]
struct HomePage {
    l: Layout,
    nav: Vec<NavLink>,
    merchants: Vec<MerchantLine>,
    f: MerchantInput,
    categories: Vec<Choice>,
    departments: Vec<Choice>,
    errors: FormErrors,
    notice: Option<&'static str>,
}

/// What the list page was sent back with.
#[derive(Debug, Default, Deserialize)]
pub struct Done {
    #[serde(default)]
    done: String,
}

async fn home_page(
    app: &AppState,
    ctx: &Ctx,
    f: MerchantInput,
    errors: FormErrors,
    notice: Option<&'static str>,
) -> Result<HomePage, Error> {
    let t = ctx.t();
    let lang = t.lang();
    let merchants = app
        .store
        .merchants_under(&app.config.root_region, 500)
        .await?
        .into_iter()
        .filter(|m| {
            m.r.department.is_some_and(|d| {
                ctx.principal.may(
                    Permission::VetMerchants,
                    &Scope::department(d, m.r.region.clone()),
                )
            })
        })
        .map(|m| MerchantLine {
            id: m.id.to_string(),
            name: yiwang_kit::zh::display(&m.r.name, lang),
            category: category_name(t, m.r.category),
            state: vetting_name(t, m.r.vetting),
            lapsed: lapsed(&m),
            licence: m.r.licence.as_ref().map_or(String::new(), |l| {
                format!(
                    "{} · {} · {}",
                    l.number,
                    l.issuer,
                    yiwang_store::local::date_text(l.valid_until)
                )
            }),
            reason: m.reason.clone().unwrap_or_default(),
        })
        .collect();
    let departments = app
        .store
        .departments_under(&app.config.root_region)
        .await?
        .into_iter()
        .filter(|d| {
            ctx.principal.may(
                Permission::VetMerchants,
                &Scope::department(d.id, d.region.clone()),
            )
        })
        .map(|d| Choice {
            selected: f.department == d.id.to_string(),
            value: d.id.to_string(),
            label: yiwang_kit::zh::display(&d.name, lang),
        })
        .collect();
    let categories = Category::ALL
        .iter()
        .filter(|c| c.is_merchant())
        .map(|c| Choice {
            value: c.as_str().to_owned(),
            label: category_name(t, *c).to_owned(),
            selected: f.category == c.as_str(),
        })
        .collect();
    Ok(HomePage {
        l: Layout::new(app, ctx, t.loc_console(), Section::Console).await,
        nav: nav(app, ctx, "/console/local"),
        merchants,
        f,
        categories,
        departments,
        errors,
        notice,
    })
}

/// `GET /console/local`.
pub async fn home(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(d): Query<Done>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let notice = match d.done.as_str() {
        "registered" => Some(t.loc_registered()),
        "decided" => Some(t.loc_decided()),
        _ => None,
    };
    html(
        &home_page(
            &app,
            &ctx,
            MerchantInput::default(),
            FormErrors::default(),
            notice,
        )
        .await?,
    )
}

/// `POST /console/local`: registers a merchant, pending a decision.
pub async fn register(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<MerchantInput>,
) -> Result<Response, Error> {
    match vet::register(&app, &ctx, &f).await {
        Ok(_) => Ok(see_other("/console/local?done=registered")),
        Err(Error::Domain(e)) if !e.fields.is_empty() => {
            let errors = FormErrors::from_error(&e, ctx.t());
            html_invalid(&home_page(&app, &ctx, f, errors, None).await?)
        }
        Err(e) => Err(e),
    }
}

/// The vetting form.
#[derive(Debug, Default, Deserialize)]
pub struct VetForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    reason: String,
}

/// `POST /console/local/{id}/vet`: approve, refuse or suspend.
pub async fn decide(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<LocalPlaceId>,
    Form(f): Form<VetForm>,
) -> Result<Response, Error> {
    vet::decide(&app, &ctx, id, &f.action, &f.reason).await?;
    Ok(see_other("/console/local?done=decided"))
}
