//! Where a person lives (a street or township of the deployment): the emergency alerts of
//! that region reach them, as a banner on every page and in their messages.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::FieldCode;
use yiwang_domain::region::RegionCode;

use crate::texts::*;
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::Form;
use yiwang_kit::respond::see_other;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, html, html_invalid};

/// A district with its streets, for the select's groups.
pub struct District {
    name: String,
    streets: Vec<(String, String, bool)>,
}

#[derive(Template)]
#[template(path = "account/home_region.html")]
struct HomeRegionPage {
    l: Layout,
    districts: Vec<District>,
    errors: FormErrors,
}

async fn page(
    app: &AppState,
    ctx: &Ctx,
    chosen: &str,
    errors: FormErrors,
) -> Result<HomeRegionPage, Error> {
    let t = ctx.t();
    let lang = t.lang();
    let mut districts = Vec::new();
    for d in app.store.region_children(&app.config.root_region).await? {
        let streets = app
            .store
            .region_children(&d.code)
            .await?
            .into_iter()
            .map(|s| {
                let code = s.code.as_str().to_owned();
                let selected = code == chosen;
                (code, yiwang_kit::zh::display(&s.name, lang), selected)
            })
            .collect();
        districts.push(District {
            name: yiwang_kit::zh::display(&d.name, lang),
            streets,
        });
    }
    let l = Layout::new(app, ctx, t.home_region_title(), Section::Mine).await;
    Ok(HomeRegionPage {
        l,
        districts,
        errors,
    })
}

/// `GET /account/home-region`.
pub async fn form(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let me = ctx.principal.account().ok_or_else(Error::forbidden)?;
    let chosen = app.store.home_region(me).await?.unwrap_or_default();
    html(&page(&app, &ctx, &chosen, FormErrors::default()).await?)
}

/// The form.
#[derive(Deserialize)]
pub struct HomeRegionForm {
    #[serde(default)]
    region: String,
}

/// `POST /account/home-region`: a street or township under the deployment, or none.
pub async fn save(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<HomeRegionForm>,
) -> Result<Response, Error> {
    let me = ctx.principal.account().ok_or_else(Error::forbidden)?;
    let region = f.region.trim();
    if region.is_empty() {
        app.store.set_home_region(me, None).await?;
        return Ok(see_other("/account?home=1"));
    }
    let ok = match RegionCode::parse(region) {
        Ok(r) => {
            app.config.root_region.contains(&r)
                && r != app.config.root_region
                && app.store.region_exists(&r).await?
        }
        Err(_) => false,
    };
    if !ok {
        let t = ctx.t();
        let mut e = yiwang_domain::FieldErrors::new();
        e.add("region", FieldCode::UnknownRegion);
        let errors =
            FormErrors::from_fields_named(&e, t, |_| Some(t.home_region_label().to_owned()));
        return html_invalid(&page(&app, &ctx, "", errors).await?);
    }
    app.store.set_home_region(me, Some(region)).await?;
    Ok(see_other("/account?home=1"))
}
