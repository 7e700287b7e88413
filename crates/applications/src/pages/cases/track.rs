//! Following a case by receipt number and query code without logging in: public, so
//! it shows no names, notes or answers, and attempts are throttled per client address.

use askama::Template;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;
use yiwang_domain::ErrorCode;
use yiwang_domain::workflow::EventKind;

use crate::services as apps;
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Query};
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, html};

use super::clock_text;
use crate::texts::*;

#[derive(Template)]
#[template(path = "cases/track_form.html")]
struct TrackFormPage {
    l: Layout,
    receipt: String,
    code: String,
    errors: FormErrors,
}

/// One entry of the public timeline: what and when, nothing else.
pub struct TrackLine {
    day: String,
    what: &'static str,
    department: String,
}

#[derive(Template)]
#[template(path = "cases/tracked.html")]
struct TrackedPage {
    l: Layout,
    item: String,
    receipt: String,
    state: &'static str,
    clock_label: &'static str,
    clock: String,
    department: String,
    events: Vec<TrackLine>,
}

/// What `GET /track` accepts: a receipt number to fill in (a message's link carries it).
#[derive(Deserialize, Default)]
pub struct TrackQuery {
    #[serde(default)]
    receipt: String,
}

/// `GET /track`: the form asking for a receipt number and its query code.
pub async fn track_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<TrackQuery>,
) -> Result<Response, Error> {
    let l = Layout::new(&app, &ctx, ctx.t().mycase_track_title(), Section::Other).await;
    html(&TrackFormPage {
        l,
        receipt: q.receipt.chars().take(40).collect(),
        code: String::new(),
        errors: FormErrors::default(),
    })
}

/// The tracking form.
#[derive(Deserialize, Default)]
pub struct TrackForm {
    #[serde(default)]
    receipt: String,
    #[serde(default)]
    code: String,
}

/// `POST /track`: the case's progress without personal data (no names, notes or answers),
/// attempts limited per client address.
pub async fn track(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<TrackForm>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let found = match apps::throttle_track(&app, &ctx).await {
        Ok(()) => apps::track(&app, &f.receipt, &f.code).await,
        Err(e) => Err(e),
    };
    let case = match found {
        Ok(c) => c,
        Err(Error::Domain(d)) => {
            let mut errors = FormErrors::from_error(&d, t);
            if d.code == ErrorCode::NotFound {
                errors.general = Some(t.mycase_track_not_found().to_owned());
            }
            let l = Layout::new(&app, &ctx, t.mycase_track_title(), Section::Other).await;
            let page = TrackFormPage {
                l,
                receipt: f.receipt,
                code: f.code,
                errors,
            };
            return Ok((yiwang_kit::error::status_of(d.code), Html(page.render()?)).into_response());
        }
        Err(e) => return Err(e),
    };
    let lang = ctx.prefs.lang;
    let events = app.store.case_events(case.id).await?;
    let (clock_label, clock) = clock_text(&case, t);
    let l = Layout::new(&app, &ctx, t.mycase_track_title(), Section::Other).await;
    html(&TrackedPage {
        l,
        item: yiwang_kit::zh::display(&case.item_name, lang),
        receipt: case.receipt.clone(),
        state: t.mycase_state_name(case.state),
        clock_label,
        clock,
        department: yiwang_kit::zh::department(&case.department_name, lang),
        events: events
            .iter()
            .filter(|e| e.kind != EventKind::Rated)
            .map(|e| TrackLine {
                day: e.at.beijing_date().to_string(),
                what: t.mycase_event_name(e.kind),
                department: yiwang_kit::zh::department(&e.department_name, lang),
            })
            .collect(),
    })
}
