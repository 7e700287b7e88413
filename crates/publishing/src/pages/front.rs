//! The home page's block: the latest documents of the columns marked for the home page
//! (今日要闻, 通知公告, 政策文件 in the starter set), three of each.

use std::time::{Duration, Instant};

use askama::Template;
use yiwang_store::publishing::ColumnRow;

use super::read::{ColumnBlock, blocks};
use crate::services::FrontCache;
use crate::texts::*;
use yiwang_kit::error::Error;
use yiwang_kit::i18n::Tr;
use yiwang_kit::state::AppState;
use yiwang_kit::table::FrontFuture;

#[derive(Template)]
#[template(path = "news/front.html")]
struct Front {
    t: Tr,
    blocks: Vec<ColumnBlock>,
}

async fn latest(app: &AppState, t: Tr) -> Result<Option<String>, Error> {
    let columns: Vec<ColumnRow> = app
        .store
        .doc_columns()
        .await?
        .into_iter()
        .filter(|c| c.on_home)
        .collect();
    let blocks = blocks(app, t, &columns, 3).await?;
    if blocks.is_empty() {
        return Ok(None);
    }
    Front { t, blocks }
        .render()
        .map(Some)
        .map_err(Error::internal)
}

const FRESH: Duration = Duration::from_secs(10);

async fn cached(app: &AppState, t: Tr) -> Result<Option<String>, Error> {
    let cache = app.part::<FrontCache>().ok();
    if let Some(c) = cache
        && let Ok(m) = c.0.lock()
        && let Some((at, html)) = m.get(&t.lang())
        && at.elapsed() < FRESH
    {
        return Ok(html.clone());
    }
    let html = latest(app, t).await?;
    if let Some(c) = cache
        && let Ok(mut m) = c.0.lock()
    {
        m.insert(t.lang(), (Instant::now(), html.clone()));
    }
    Ok(html)
}

/// The block, for [`yiwang_kit::table::FrontBlock`].
pub fn block<'a>(app: &'a AppState, t: Tr) -> FrontFuture<'a> {
    Box::pin(cached(app, t))
}
