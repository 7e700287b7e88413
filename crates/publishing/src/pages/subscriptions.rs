//! `/account/subscriptions`: what a person follows (columns, disclosure categories, their
//! region) and the hour of their daily digest.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::ErrorCode;
use yiwang_domain::publishing::DisclosureCategory;

use super::{Opt, column_name};
use crate::services::subscriptions::{self, Choice};
use crate::texts::*;
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Query};
use yiwang_kit::respond::see_other;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, html, html_invalid};

#[derive(Template)]
#[template(path = "news/subscriptions.html")]
struct SubscriptionsPage {
    l: Layout,
    columns: Vec<Opt>,
    categories: Vec<Opt>,
    regions: Vec<Opt>,
    hours: Vec<Opt>,
    errors: FormErrors,
    saved: bool,
}

/// The page's query: a column to pre-select (from a column's page), or the saved notice.
#[derive(Deserialize, Default)]
pub struct SubQuery {
    #[serde(default)]
    column: String,
    #[serde(default)]
    saved: Option<String>,
}

async fn page(
    app: &AppState,
    ctx: &Ctx,
    c: &Choice,
    errors: FormErrors,
    saved: bool,
) -> Result<SubscriptionsPage, Error> {
    let t = ctx.t();
    let columns = app
        .store
        .doc_columns()
        .await?
        .iter()
        .map(|x| Opt {
            selected: c.columns.contains(&x.code),
            value: x.code.clone(),
            label: column_name(x, t),
        })
        .collect();
    let categories = DisclosureCategory::ALL
        .iter()
        .map(|x| Opt {
            selected: c.categories.iter().any(|y| y == x.as_str()),
            value: x.as_str().to_owned(),
            label: category_name(t, *x).to_owned(),
        })
        .collect();
    let mut regions = vec![];
    for r in app.store.region_children(&app.config.root_region).await? {
        regions.push(Opt {
            selected: c.region == r.code.as_str(),
            value: r.code.as_str().to_owned(),
            label: yiwang_kit::zh::display(&r.name, t.lang()),
        });
    }
    let hours = (6..=22)
        .map(|h| Opt {
            selected: c.hour == h.to_string(),
            value: h.to_string(),
            label: format!("{h:02}:00"),
        })
        .collect();
    let l = Layout::new(app, ctx, t.sub_title(), Section::Mine).await;
    Ok(SubscriptionsPage {
        l,
        columns,
        categories,
        regions,
        hours,
        errors,
        saved,
    })
}

/// `GET /account/subscriptions`.
pub async fn form(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<SubQuery>,
) -> Result<Response, Error> {
    let me = ctx.principal.account().ok_or_else(Error::forbidden)?;
    let (follows, hour) = app.store.subscriptions(me).await?;
    let mut c = Choice {
        hour: hour.map(|h| h.to_string()).unwrap_or_default(),
        ..Choice::default()
    };
    for (kind, target) in follows {
        match kind.as_str() {
            "column" => c.columns.push(target),
            "category" => c.categories.push(target),
            "region" => c.region = target,
            _ => {}
        }
    }
    if !q.column.is_empty() && !c.columns.contains(&q.column) {
        c.columns.push(q.column);
    }
    html(&page(&app, &ctx, &c, FormErrors::default(), q.saved.is_some()).await?)
}

/// `POST /account/subscriptions` (repeated `column` and `category` fields).
pub async fn save(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, Error> {
    let mut c = Choice::default();
    for (k, v) in pairs {
        match k.as_str() {
            "column" => c.columns.push(v),
            "category" => c.categories.push(v),
            "region" => c.region = v,
            "hour" => c.hour = v,
            _ => {}
        }
    }
    match subscriptions::save(&app, &ctx, &c).await {
        Ok(()) => Ok(see_other("/account/subscriptions?saved=1")),
        Err(Error::Domain(e)) if e.code == ErrorCode::ValidationFailed => {
            let errors = FormErrors::from_error(&e, ctx.t());
            html_invalid(&page(&app, &ctx, &c, errors, false).await?)
        }
        Err(e) => Err(e),
    }
}
