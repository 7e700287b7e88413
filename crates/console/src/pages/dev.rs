//! `/dev/messages`: on a demo deployment, the text messages the development sender recorded
//! for a number, so a visitor can complete registration without a real SMS gateway. Not
//! available anywhere else (404).

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::identity::Mobile;
use yiwang_domain::paging::Page;
use yiwang_store::dev_messages::DevMessage;

use crate::texts::*;
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::Query;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, html};

/// The query parameters this page accepts.
#[derive(Deserialize, Default)]
pub struct DevQuery {
    phone: Option<String>,
}

#[derive(Template)]
#[template(path = "dev_messages.html")]
struct DevPage {
    l: Layout,
    phone: String,
    messages: Vec<DevMessage>,
    errors: FormErrors,
    searched: bool,
}

/// `GET /dev/messages?phone=…`.
pub async fn messages(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<DevQuery>,
) -> Result<Response, Error> {
    if !(app.config.demo && app.config.dev_senders) {
        return Err(Error::not_found());
    }
    let mut errors = FormErrors::default();
    let mut messages = Vec::new();
    let phone = q.phone.unwrap_or_default();
    let searched = !phone.trim().is_empty();
    if searched {
        match Mobile::parse(&phone) {
            Ok(m) => {
                messages = app
                    .store
                    .dev_messages(Some(m.expose()), Page::new(Some(1), Some(20), 20)?)
                    .await?
            }
            Err(c) => {
                errors = FormErrors::from_fields(
                    &yiwang_domain::FieldErrors::single("phone", c),
                    ctx.t(),
                )
            }
        }
    }
    let l = Layout::new(&app, &ctx, ctx.t().demo_messages_link(), Section::Other).await;
    html(&DevPage {
        l,
        phone,
        messages,
        errors,
        searched,
    })
}
