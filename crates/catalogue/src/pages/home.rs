//! The front door: the home page of a 一网通办 site — search, the entries people come for
//! (办件查询, 我要问政, and when signed in 我的办件 and 我的证照), 热门服务, life events, and
//! the local area.

use std::sync::Arc;

use crate::catalog::CatalogOf;
use crate::texts::*;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use yiwang_domain::catalog::{Audience, LifeStage};
use yiwang_index::snapshot::{Snapshot, listed};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{Layout, html};
use yiwang_store::catalog::ItemRow;

/// How many popular services the home page lists.
const HOT: usize = 6;

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    l: Layout,
    r: Arc<yiwang_kit::reference::Reference>,
    signed_in: bool,
    hot: Vec<Arc<ItemRow>>,
    stages: Vec<LifeStage>,
    /// The blocks other capabilities add (the latest news …), rendered by them.
    blocks: Vec<String>,
}

/// The most opened items; on a fresh site where nothing has been opened yet, the items that
/// can be applied for online, so the list is never empty while there is something to do.
fn popular(s: &Snapshot) -> Vec<Arc<ItemRow>> {
    if !s.hot.is_empty() {
        return s.hot.iter().take(HOT).cloned().collect();
    }
    s.all()
        .iter()
        .filter(|r| listed(r) && s.has_form(r.id))
        .take(HOT)
        .cloned()
        .collect()
}

/// `GET /`.
pub async fn home(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let t = ctx.t();
    let reference = app
        .reference
        .get(&app.store, &app.config.root_region)
        .await?;
    // The front door opens even while the catalogue is not loaded; it then lists no services.
    let hot = app
        .catalog()
        .map(|c| popular(&c.snapshot()))
        .unwrap_or_default();
    let mut blocks = Vec::new();
    if let Ok(site) = app.part::<yiwang_kit::table::SiteParts>() {
        for b in site.front.iter() {
            if let Some(h) = (b.render)(&app, t).await? {
                blocks.push(h);
            }
        }
    }
    let l = Layout::new(&app, &ctx, t.home_title(), Section::Home).await;
    html(&HomePage {
        blocks,
        l,
        r: reference,
        signed_in: ctx.principal.account().is_some(),
        hot,
        stages: LifeStage::of(Audience::Person),
    })
}
