//! `/account/connected`: the systems a person signed in to with their account.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Path, Query};
use yiwang_kit::respond::see_other;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{Layout, html};

use crate::services::connections;
use crate::texts::*;

struct Row {
    id: String,
    name: String,
    since: String,
    last: Option<String>,
    gets: Vec<&'static str>,
}

#[derive(Template)]
#[template(path = "sso/connected.html")]
struct ConnectedPage {
    l: Layout,
    rows: Vec<Row>,
    revoked: bool,
}

/// `?revoked=1` after taking a consent back.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Done {
    revoked: Option<String>,
}

/// `GET /account/connected`.
pub async fn list(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<Done>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let rows = connections::mine(&app, &ctx)
        .await?
        .into_iter()
        .map(|c| Row {
            id: c.client_id,
            name: yiwang_kit::zh::display(&c.name, t.lang()),
            since: c.granted_at.display_minutes(),
            last: c.last_login_at.map(|l| l.display_minutes()),
            gets: super::claim_words(t, &c.claims),
        })
        .collect();
    let l = Layout::new(&app, &ctx, t.sso_connected_title(), Section::Mine).await;
    html(&ConnectedPage {
        l,
        rows,
        revoked: q.revoked.is_some(),
    })
}

/// `POST /account/connected/{client}/revoke`.
pub async fn revoke(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(client): Path<String>,
) -> Result<Response, Error> {
    connections::revoke(&app, &ctx, &client).await?;
    Ok(see_other("/account/connected?revoked=1"))
}
