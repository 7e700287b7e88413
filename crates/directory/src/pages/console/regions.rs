//! The console's region pages: a region's children, and communities added under streets
//! (REG-1).

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::ErrorCode;
use yiwang_domain::auth::{Permission, Scope};
use yiwang_domain::region::{RegionCode, RegionLevel};
use yiwang_store::regions::Region;

use yiwang_kit::console::{NavLink, nav};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Path};
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, html, html_invalid};

use crate::services::regions;
use crate::texts::*;

#[derive(Template)]
#[template(path = "console/region.html")]
struct RegionPage {
    l: Layout,
    nav: Vec<NavLink>,
    region: Region,
    children: Vec<Region>,
    can_add: bool,
    name: String,
    suffix: String,
    errors: FormErrors,
}

async fn region_page(
    app: &AppState,
    ctx: &Ctx,
    code: &RegionCode,
    name: String,
    suffix: String,
    errors: FormErrors,
) -> Result<RegionPage, Error> {
    ctx.principal
        .require(Permission::ManageRegions, &Scope::region(code.clone()))?;
    let region = app.store.region(code).await?;
    let children = app.store.region_children(code).await?;
    let l = Layout::new(
        app,
        ctx,
        yiwang_kit::zh::display(&region.name, ctx.prefs.lang),
        Section::Console,
    )
    .await;
    Ok(RegionPage {
        nav: nav(app, ctx, ""),
        l,
        can_add: region.level == RegionLevel::Township,
        region,
        children,
        name,
        suffix,
        errors,
    })
}

/// `GET /console/regions/{code}`.
pub async fn region(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(code): Path<RegionCode>,
) -> Result<Response, Error> {
    html(
        &region_page(
            &app,
            &ctx,
            &code,
            String::new(),
            String::new(),
            FormErrors::default(),
        )
        .await?,
    )
}

/// The fields this form sends.
#[derive(Deserialize)]
pub struct CommunityForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    suffix: String,
}

/// `POST /console/regions/{code}/communities`: adds a community or village under a street.
pub async fn add_community(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(code): Path<RegionCode>,
    Form(f): Form<CommunityForm>,
) -> Result<Response, Error> {
    match regions::add_community(&app, &ctx, &code, &f.name, &f.suffix).await {
        Ok(_) => Ok(yiwang_kit::respond::see_other(&format!(
            "/console/regions/{code}"
        ))),
        Err(Error::Domain(e)) if e.code == ErrorCode::ValidationFailed => html_invalid(
            &region_page(
                &app,
                &ctx,
                &code,
                f.name,
                f.suffix,
                FormErrors::from_error(&e, ctx.t()),
            )
            .await?,
        ),
        Err(e) => Err(e),
    }
}
