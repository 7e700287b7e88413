//! The front door: the home page.

use crate::texts::*;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{Layout, html};

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    l: Layout,
    r: std::sync::Arc<yiwang_kit::reference::Reference>,
    signed_in: bool,
}

/// `GET /`.
pub async fn home(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let t = ctx.t();
    let reference = app
        .reference
        .get(&app.store, &app.config.root_region)
        .await?;
    let l = Layout::new(&app, &ctx, t.home_title(), Section::Home).await;
    html(&HomePage {
        l,
        r: reference,
        signed_in: ctx.principal.account().is_some(),
    })
}
