//! The public board (问政广场, INQ-4) and, in the console, confirming the masked texts before
//! an answered inquiry appears on it.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::ErrorCode;
use yiwang_domain::ids::{DepartmentId, InquiryId};
use yiwang_domain::paging::Page;
use yiwang_store::inquiries::board::{BoardQuery, BoardRow};

use super::{Opt, label};
use crate::services::board::{self, Masked};
use crate::texts::*;
use yiwang_kit::console::{NavLink, nav};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Path, Query};
use yiwang_kit::pipeline::percent_encode;
use yiwang_kit::respond::see_other;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, Pager, html, html_invalid};

/// The board's filters.
#[derive(Debug, Default, Deserialize)]
pub struct BoardFilter {
    #[serde(default)]
    category: String,
    #[serde(default)]
    department: String,
    page: Option<i64>,
}

#[derive(Template)]
#[template(path = "inquiries/board.html")]
struct BoardPage {
    l: Layout,
    rows: Vec<BoardRow>,
    categories: Vec<Opt>,
    pager: Pager,
    total: i64,
    errors: FormErrors,
}

/// `GET /inquiries/board`.
pub async fn list(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(f): Query<BoardFilter>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let page = Page::new(f.page, None, 20)?;
    let department = match f.department.trim() {
        "" => None,
        d => Some(d.parse::<DepartmentId>().map_err(|_| Error::not_found())?),
    };
    let q = BoardQuery {
        category: f.category.trim().to_owned(),
        department,
        region: String::new(),
    };
    let (rows, total) = app.store.inquiry_board(&q, page).await?;
    let categories = app
        .store
        .inquiry_categories()
        .await?
        .into_iter()
        .map(|c| Opt {
            selected: c.code == q.category,
            label: label(&c.name, t.lang()),
            value: c.code,
        })
        .collect();
    let base = format!(
        "/inquiries/board?category={}&department={}",
        percent_encode(&q.category),
        percent_encode(f.department.trim())
    );
    let l = Layout::new(&app, &ctx, t.inq_board(), Section::Services).await;
    html(&BoardPage {
        l,
        rows,
        categories,
        pager: Pager::new(&base, page, total),
        total,
        errors: FormErrors::default(),
    })
}

#[derive(Template)]
#[template(path = "inquiries/board_item.html")]
struct ItemPage {
    l: Layout,
    r: BoardRow,
}

/// `GET /inquiries/board/{id}`.
pub async fn item(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<InquiryId>,
) -> Result<Response, Error> {
    let r = app
        .store
        .board_inquiry(id)
        .await?
        .ok_or_else(Error::not_found)?;
    let l = Layout::new(&app, &ctx, &r.title, Section::Services).await;
    html(&ItemPage { l, r })
}

/// The confirmation form.
#[derive(Debug, Default, Deserialize)]
pub struct PublishForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    reply: String,
}

#[derive(Template)]
#[template(path = "console/inquiries/publish.html")]
struct PublishPage {
    l: Layout,
    nav: Vec<NavLink>,
    id: String,
    f: PublishForm,
    errors: FormErrors,
}

/// `GET /console/inquiries/{id}/publish`: the texts masked by rule, to correct and confirm.
pub async fn confirm_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<InquiryId>,
) -> Result<Response, Error> {
    let (_, m) = board::preview(&app, &ctx, id).await?;
    let l = Layout::new(&app, &ctx, ctx.t().inq_publish_title(), Section::Console).await;
    html(&PublishPage {
        nav: nav(&app, &ctx, "/console/inquiries"),
        l,
        id: id.to_string(),
        f: PublishForm {
            title: m.title,
            body: m.body,
            reply: m.reply,
        },
        errors: FormErrors::default(),
    })
}

/// `POST /console/inquiries/{id}/publish`.
pub async fn publish(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<InquiryId>,
    Form(f): Form<PublishForm>,
) -> Result<Response, Error> {
    let m = Masked {
        title: f.title.clone(),
        body: f.body.clone(),
        reply: f.reply.clone(),
    };
    match board::publish(&app, &ctx, id, &m).await {
        Ok(()) => Ok(see_other(&format!("/inquiries/board/{id}"))),
        Err(Error::Domain(e)) if e.code == ErrorCode::ValidationFailed => {
            let l = Layout::new(&app, &ctx, ctx.t().inq_publish_title(), Section::Console).await;
            html_invalid(&PublishPage {
                nav: nav(&app, &ctx, "/console/inquiries"),
                l,
                id: id.to_string(),
                f,
                errors: FormErrors::from_error(&e, ctx.t()),
            })
        }
        Err(e) => Err(e),
    }
}
