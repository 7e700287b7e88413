//! The staff side of applications (APP-3, APP-4, OPS-1): the department queue sorted by
//! deadline with bulk accept (`queue`), the case page with its answers, files, history and the
//! actions the workflow allows (`case_page`, `case_view`, `case_actions`), the supervisor's
//! board of overdue cases and the holiday calendar (`board`). Every step on a case goes through
//! `services::applications::act::staff_act`, which checks the department and workflow role,
//! the revision the page was rendered with, and writes history, notice and audit together.

use crate::texts::*;

mod action_forms;
mod board;
mod case_actions;
mod case_page;
mod case_view;
mod handling;
mod queue;

use time::Date;
use yiwang_domain::Lang;
use yiwang_domain::auth::{Permission, Scope, allows_somewhere};
use yiwang_domain::deadline::Calendar;
use yiwang_domain::forms::Label;
use yiwang_domain::ids::DepartmentId;
use yiwang_domain::workflow::{CaseState, Workflow};
use yiwang_store::applications::cases::CaseRow;

pub use board::{calendar, calendar_load, overdue};
pub use case_actions::act;
pub use case_page::show;
pub use queue::{QueueQuery, bulk_accept, queue};

use yiwang_kit::console::{NavLink, nav};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::i18n::Tr;
use yiwang_kit::state::AppState;

// ---------------------------------------------------------------------------------------
// Shared pieces

/// The three case pages; the console navigation's case entry is current on each.
const CASE_PAGES: [&str; 3] = ["/console/cases", "/console/overdue", "/console/calendar"];

/// The console navigation (its case entry marked current) and the tabs between the case pages
/// the caller may open.
fn navs(app: &AppState, ctx: &Ctx, current: &'static str) -> (Vec<NavLink>, Vec<NavLink>) {
    let mut main = nav(app, ctx, current);
    for n in &mut main {
        n.current = CASE_PAGES.contains(&n.href);
    }
    let t = ctx.t();
    let actor = ctx.principal.actor();
    let root = Scope::region(app.config.root_region.clone());
    let tabs = [
        (
            "/console/cases",
            t.cc_queue_title(),
            allows_somewhere(actor, Permission::HandleCases),
        ),
        (
            "/console/overdue",
            t.cc_overdue_title(),
            allows_somewhere(actor, Permission::SuperviseCases),
        ),
        (
            "/console/calendar",
            t.cc_calendar_title(),
            ctx.principal.may(Permission::ManageCalendar, &root),
        ),
    ]
    .into_iter()
    .filter(|(_, _, ok)| *ok)
    .map(|(href, label, _)| NavLink {
        href,
        label,
        current: href == current,
    })
    .collect();
    (main, tabs)
}

/// A label written by staff, in the reader's language (English falls back to Chinese).
fn label_text(l: &Label, lang: Lang) -> String {
    match (lang, &l.en) {
        (Lang::En, Some(en)) if !en.trim().is_empty() => en.clone(),
        _ => yiwang_kit::zh::display(&l.zh, lang),
    }
}

/// The name of a case's current step: the pre-check before acceptance, else the workflow's
/// step.
fn step_name(workflow: &Workflow, case: &CaseRow, lang: Lang, t: Tr) -> String {
    if case.accepted_on.is_none() || case.state == CaseState::Submitted {
        return t.cc_precheck().to_owned();
    }
    let i = usize::try_from(case.step).unwrap_or(usize::MAX);
    workflow
        .steps
        .get(i)
        .or_else(|| workflow.steps.last())
        .map(|s| label_text(&s.name, lang))
        .unwrap_or_default()
}

/// A due day at a glance: the date and how it stands today.
pub struct Due {
    /// The day, if the clock runs.
    date: Option<String>,
    /// "已超期 N 天", "今天到期", "还剩 N 个工作日", or why there is no day.
    text: String,
    /// `overdue`, `today` or empty, for the pill's look.
    class: &'static str,
}

/// How a case's due day stands on `today`, counted in working days on the official calendar.
fn due_of(t: Tr, cal: &Calendar, c: &CaseRow, today: Date) -> Due {
    let running = matches!(
        c.state,
        CaseState::Submitted | CaseState::UnderReview | CaseState::Returned
    );
    match c.due_on {
        Some(d) if running => {
            let (text, class) = if d < today {
                let n = cal.working_days_between(d, today, &[]).max(1);
                (t.cc_overdue_days(n), "overdue")
            } else if d == today {
                (t.cc_due_today().to_owned(), "today")
            } else {
                (t.cc_days_left(cal.working_days_between(today, d, &[])), "")
            };
            Due {
                date: Some(d.to_string()),
                text,
                class,
            }
        }
        Some(d) => Due {
            date: Some(d.to_string()),
            text: String::new(),
            class: "",
        },
        None => {
            let text = if c.paused.is_some() {
                t.cc_due_paused()
            } else if c.limit_days.is_none() {
                t.cc_due_no_limit()
            } else if c.accepted_on.is_none() {
                t.cc_due_not_started()
            } else {
                ""
            };
            Due {
                date: None,
                text: text.to_owned(),
                class: "",
            }
        }
    }
}

/// The departments whose queue the caller works (see [`crate::services::tally`]).
async fn my_departments(app: &AppState, ctx: &Ctx) -> Result<Vec<DepartmentId>, Error> {
    crate::services::tally::handled_departments(app, ctx).await
}

/// An option of a select.
pub struct Opt {
    value: String,
    label: String,
    selected: bool,
}
