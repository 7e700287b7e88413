//! The applicant's cases (APP-3, APP-6, APP-7): the list, the progress page with its timeline and due day, withdrawing, supplementing after a return, asking for a person to review an automatic decision, rating, and following a case by receipt number and query code without logging in.
//!
//! Here: what every page shares and the list. Then `progress` (the page), `steps` (withdraw,
//! review, rate), `supplement` and `track`.

use crate::texts::*;

mod progress;
mod steps;
mod supplement;
mod track;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::forms::Label;
use yiwang_domain::ids::{AccountId, CaseId};
use yiwang_domain::paging::Page;
use yiwang_domain::workflow::{CaseState, PauseKind};
use yiwang_domain::{ErrorCode, Lang};
use yiwang_store::applications::cases::CaseRow;

use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::Query;
use yiwang_kit::i18n::Tr;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{Layout, Pager, html};

pub use progress::progress;
pub use steps::{rate, request_review, withdraw};
pub use supplement::{supplement, supplement_form};
pub use track::{track, track_form};

fn me(ctx: &Ctx) -> Result<AccountId, Error> {
    ctx.principal
        .account()
        .ok_or_else(|| Error::code(ErrorCode::Unauthenticated))
}

/// The applicant's own case; anyone else's (or an unknown id) is "not found".
async fn own_case(app: &AppState, account: AccountId, id: CaseId) -> Result<CaseRow, Error> {
    app.store
        .case(id)
        .await?
        .filter(|c| c.account_id == account)
        .ok_or_else(Error::not_found)
}

/// A staff-written label in the reader's language.
pub(crate) fn label_text(label: &Label, lang: Lang) -> String {
    match (lang, &label.en) {
        (Lang::En, Some(en)) if !en.trim().is_empty() => en.clone(),
        _ => yiwang_kit::zh::display(&label.zh, lang),
    }
}

/// Where the clock stands, in plain words: (label, value). A case is 办结 (closed) only once
/// its result is delivered or it is denied; an approved case waiting for delivery says when it
/// was approved, a withdrawn one when it was withdrawn. The last change of a closed case is
/// the one that closed it (ratings do not change the case).
fn clock_text(c: &CaseRow, t: Tr) -> (&'static str, String) {
    let decided = || {
        c.decided_at
            .unwrap_or(c.updated_at)
            .beijing_date()
            .to_string()
    };
    let changed = || c.updated_at.beijing_date().to_string();
    match c.state {
        CaseState::Approved => return (t.mycase_approved_on(), decided()),
        CaseState::Denied => return (t.mycase_closed_on(), decided()),
        CaseState::Completed => return (t.mycase_closed_on(), changed()),
        CaseState::Withdrawn => return (t.mycase_withdrawn_on(), changed()),
        CaseState::Submitted | CaseState::Returned | CaseState::UnderReview => {}
    }
    match (c.paused, c.due_on) {
        (Some(PauseKind::Correction), _) => (t.mycase_due(), t.mycase_paused().to_owned()),
        (Some(_), _) => (t.mycase_due(), t.mycase_paused_other().to_owned()),
        (None, Some(d)) => (t.mycase_due(), d.to_string()),
        (None, None) if c.accepted_on.is_none() && c.limit_days.is_some() => {
            (t.mycase_due(), t.mycase_not_started().to_owned())
        }
        (None, None) => (t.mycase_due(), t.mycase_no_limit().to_owned()),
    }
}

// ---------------------------------------------------------------------------------------
// The list

/// The query parameters of the list.
#[derive(Deserialize, Default)]
pub struct PageQuery {
    page: Option<i64>,
}

/// One case in the list.
pub struct CaseLine {
    id: String,
    item: String,
    receipt: String,
    state: &'static str,
    returned: bool,
    clock_label: &'static str,
    clock: String,
    submitted: String,
}

#[derive(Template)]
#[template(path = "cases/list.html")]
struct ListPage {
    l: Layout,
    cases: Vec<CaseLine>,
    pager: Pager,
}

/// `GET /account/cases`: the applicant's cases, newest first.
pub async fn list(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<PageQuery>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let page = Page::new(q.page, None, 20)?;
    let (rows, total) = app.store.cases_of(me(&ctx)?, page).await?;
    let lang = ctx.prefs.lang;
    let cases = rows
        .iter()
        .map(|c| {
            let (clock_label, clock) = clock_text(c, t);
            CaseLine {
                id: c.id.to_string(),
                item: yiwang_kit::zh::display(&c.item_name, lang),
                receipt: c.receipt.clone(),
                state: t.mycase_state_name(c.state),
                returned: c.state == CaseState::Returned,
                clock_label,
                clock,
                submitted: c.submitted_at.display_minutes(),
            }
        })
        .collect();
    let l = Layout::new(&app, &ctx, t.cases_title(), Section::Mine).await;
    html(&ListPage {
        l,
        cases,
        pager: Pager::new("/account/cases", page, total),
    })
}
