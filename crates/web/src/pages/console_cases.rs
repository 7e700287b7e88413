//! The staff side of applications (APP-3, APP-4, OPS-1): the department queue sorted by
//! deadline with bulk accept (here), the case page with its answers, files, history and the
//! actions the workflow allows (`case_page`, `case_view`, `case_actions`), the supervisor's
//! board of overdue cases and the holiday calendar (`board`). Every step on a case goes through
//! `services::applications::act::staff_act`, which checks the department and workflow role,
//! the revision the page was rendered with, and writes history, notice and audit together.

mod board;
mod case_actions;
mod case_page;
mod case_view;

use std::collections::{BTreeSet, HashMap};

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use time::{Date, Duration};
use yiwang_domain::auth::{Permission, Scope, allows_somewhere};
use yiwang_domain::deadline::{Calendar, Deadline};
use yiwang_domain::forms::Label;
use yiwang_domain::ids::{CaseId, DepartmentId, ItemId};
use yiwang_domain::paging::Page;
use yiwang_domain::workflow::{Action, CaseState, Receipt, Workflow};
use yiwang_domain::{ErrorCode, Lang, Timestamp};
use yiwang_store::applications::cases::CaseRow;
use yiwang_store::applications::queue::{OPEN_STATES, QueueFilter};

pub use board::{calendar, calendar_load, overdue};
pub use case_actions::act;
pub use case_page::show;

use super::console::{NavLink, nav};
use super::see_other;
use crate::error::Error;
use crate::extract::{Form, Query};
use crate::i18n::Tr;
use crate::pipeline::{Ctx, percent_encode};
use crate::services::applications::act::staff_act;
use crate::state::AppState;
use crate::views::layout::Section;
use crate::views::{Layout, Pager, html};

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
        _ => crate::zh::display(&l.zh, lang),
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

/// The departments whose queue the caller works: those of their grants holding HandleCases,
/// a grant without a department standing for every department of its region.
async fn my_departments(app: &AppState, ctx: &Ctx) -> Result<Vec<DepartmentId>, Error> {
    let Some((_, grants)) = ctx.principal.staff() else {
        return Ok(Vec::new());
    };
    let mut out = BTreeSet::new();
    for g in grants
        .iter()
        .filter(|g| Permission::HandleCases.granted_to(g.role))
    {
        match g.department {
            Some(d) => {
                out.insert(d);
            }
            None => {
                for d in app.store.departments_under(&g.region).await? {
                    out.insert(d.id);
                }
            }
        }
    }
    Ok(out.into_iter().collect())
}

// ---------------------------------------------------------------------------------------
// Queue

/// The query parameters of the queue.
#[derive(Deserialize, Default)]
pub struct QueueQuery {
    #[serde(default)]
    state: String,
    #[serde(default)]
    item: String,
    #[serde(default)]
    due: String,
    #[serde(default)]
    receipt: String,
    /// `all`: every open case of the departments; otherwise those waiting for the caller.
    #[serde(default)]
    show: String,
    page: Option<i64>,
    /// After a bulk accept: how many were accepted.
    accepted: Option<u32>,
    /// After a bulk accept: `receipt:code` of each failure, comma-separated.
    #[serde(default)]
    failed: String,
    /// After a bulk accept with nothing ticked.
    #[serde(default)]
    none: String,
}

/// An option of a select.
pub struct Opt {
    value: String,
    label: String,
    selected: bool,
}

/// One row of the queue.
pub struct QueueRow {
    id: CaseId,
    revision: i64,
    receipt: String,
    item: String,
    state: &'static str,
    acceptable: bool,
    step: String,
    due: Due,
    submitted: String,
}

/// What the last bulk accept did.
pub struct BulkResult {
    accepted: u32,
    none_selected: bool,
    failed: Vec<(String, &'static str)>,
}

#[derive(Template)]
#[template(path = "console/cases/queue.html")]
struct QueuePage {
    l: Layout,
    nav: Vec<NavLink>,
    tabs: Vec<NavLink>,
    states: Vec<Opt>,
    items: Vec<Opt>,
    dues: Vec<Opt>,
    shows: Vec<Opt>,
    receipt: String,
    rows: Vec<QueueRow>,
    any_acceptable: bool,
    pager: Pager,
    bulk: Option<BulkResult>,
}

fn bulk_result(q: &QueueQuery, t: Tr) -> Option<BulkResult> {
    if q.accepted.is_none() && q.failed.is_empty() && q.none.is_empty() {
        return None;
    }
    let failed = q
        .failed
        .split(',')
        .filter_map(|f| f.split_once(':'))
        .take(200)
        .map(|(r, code)| {
            let code = ErrorCode::parse(code).unwrap_or(ErrorCode::Internal);
            let shown = Receipt::parse(r)
                .map(|r| r.as_str().to_owned())
                .unwrap_or_else(|_| "—".to_owned());
            (shown, t.error(code))
        })
        .collect();
    Some(BulkResult {
        accepted: q.accepted.unwrap_or(0),
        none_selected: !q.none.is_empty(),
        failed,
    })
}

/// `GET /console/cases`: the open cases of the caller's departments, the most urgent first,
/// 50 a page. Nothing encrypted is read; the calendar once per page.
pub async fn queue(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<QueueQuery>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let lang = ctx.prefs.lang;
    let page = Page::new(q.page, None, 50)?;
    let departments = my_departments(&app, &ctx).await?;
    let today = Timestamp::now().beijing_date();
    let cal = app.store.calendar().await?;
    let state = CaseState::parse(q.state.trim()).filter(|s| OPEN_STATES.contains(s));
    let item: Option<ItemId> = q.item.trim().parse().ok();
    let due_by = match q.due.as_str() {
        "overdue" => today.checked_sub(Duration::days(1)),
        "soon" => match cal.deadline(today, 3, &[]) {
            Deadline::Due { date, .. } => Some(date),
            Deadline::Paused { .. } => None,
        },
        _ => None,
    };
    let receipt: String = q
        .receipt
        .trim()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(20)
        .collect::<String>()
        .to_ascii_uppercase();
    let show_all = q.show == "all";
    let filter = QueueFilter {
        departments: departments.clone(),
        states: state.into_iter().collect(),
        item,
        due_by,
        receipt_prefix: (!receipt.is_empty()).then(|| receipt.clone()),
        waiting_for: if show_all {
            Vec::new()
        } else {
            crate::services::applications::waiting_for_me(&ctx)
        },
    };
    let (cases, total) = app.store.case_queue(&filter, page).await?;
    // The step names come from each form version's workflow: one read per distinct version
    // on the page, only for cases past the pre-check.
    let mut workflows: HashMap<(ItemId, i64), Workflow> = HashMap::new();
    for c in cases
        .iter()
        .filter(|c| c.accepted_on.is_some() && c.state != CaseState::Submitted)
    {
        let key = (c.item_id, c.form_version);
        if let std::collections::hash_map::Entry::Vacant(v) = workflows.entry(key)
            && let Some(f) = app.store.form_version(c.item_id, c.form_version).await?
        {
            v.insert(f.bundle.workflow);
        }
    }
    let fallback = Workflow::single_review();
    let rows: Vec<QueueRow> = cases
        .iter()
        .map(|c| QueueRow {
            id: c.id,
            revision: c.revision,
            receipt: c.receipt.clone(),
            item: crate::zh::display(&c.item_name, lang),
            state: t.cc_state(c.state),
            acceptable: c.state == CaseState::Submitted,
            step: step_name(
                workflows
                    .get(&(c.item_id, c.form_version))
                    .unwrap_or(&fallback),
                c,
                lang,
                t,
            ),
            due: due_of(t, &cal, c, today),
            submitted: c.submitted_at.display_minutes(),
        })
        .collect();
    let snapshot = app.catalog.snapshot();
    let mut item_opts: Vec<Opt> = snapshot
        .all()
        .iter()
        .filter(|r| !r.is_group && departments.contains(&r.department))
        .map(|r| Opt {
            value: r.id.to_string(),
            label: crate::zh::display(&r.name, lang),
            selected: Some(r.id) == item,
        })
        .collect();
    item_opts.sort_by(|a, b| a.label.cmp(&b.label));
    let states = OPEN_STATES
        .iter()
        .map(|s| Opt {
            value: s.as_str().to_owned(),
            label: t.cc_state(*s).to_owned(),
            selected: Some(*s) == state,
        })
        .collect();
    let shows = [("", t.cc_show_mine()), ("all", t.cc_show_all())]
        .into_iter()
        .map(|(v, label)| Opt {
            value: v.to_owned(),
            label: label.to_owned(),
            selected: q.show == v,
        })
        .collect();
    let dues = [
        ("", t.cc_due_any()),
        ("overdue", t.cc_due_overdue_only()),
        ("soon", t.cc_due_soon()),
    ]
    .into_iter()
    .map(|(v, label)| Opt {
        value: v.to_owned(),
        label: label.to_owned(),
        selected: q.due == v,
    })
    .collect();
    let base = format!(
        "/console/cases?show={}&state={}&item={}&due={}&receipt={}",
        if show_all { "all" } else { "" },
        state.map(|s| s.as_str()).unwrap_or(""),
        item.map(|i| i.to_string()).unwrap_or_default(),
        percent_encode(&q.due),
        percent_encode(&receipt),
    );
    let (nav, tabs) = navs(&app, &ctx, "/console/cases");
    let l = Layout::new(&app, &ctx, t.cc_queue_title(), Section::Console).await;
    html(&QueuePage {
        l,
        nav,
        tabs,
        states,
        items: item_opts,
        dues,
        shows,
        receipt,
        any_acceptable: rows.iter().any(|r| r.acceptable),
        rows,
        pager: Pager::new(&base, page, total),
        bulk: bulk_result(&q, t),
    })
}

// ---------------------------------------------------------------------------------------
// Bulk accept

/// The most cases one bulk accept handles.
const MAX_BULK: usize = 200;

/// `POST /console/cases/accept` (form: `case` repeated, each `id:revision`): accepts each
/// ticked case in its own transaction and returns to the queue with how many were accepted
/// and which were not, and why.
pub async fn bulk_accept(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, Error> {
    let ticked: Vec<&str> = pairs
        .iter()
        .filter(|(k, _)| k == "case")
        .map(|(_, v)| v.as_str())
        .take(MAX_BULK)
        .collect();
    if ticked.is_empty() {
        return Ok(see_other("/console/cases?none=1"));
    }
    let mine = my_departments(&app, &ctx).await?;
    let mut accepted = 0u32;
    let mut failed: Vec<String> = Vec::new();
    for v in ticked {
        let (id, rev) = v.split_once(':').unwrap_or((v, ""));
        let result = match rev.trim().parse::<i64>() {
            Ok(rev) => staff_act(&app, &ctx, id.trim(), rev, Action::Accept)
                .await
                .map(|_| ()),
            Err(_) => Err(Error::code(ErrorCode::InvalidBody)),
        };
        match result {
            Ok(()) => accepted += 1,
            Err(e) => {
                // Name the case by its receipt only if it is one of the caller's departments.
                let receipt = match id.trim().parse::<CaseId>() {
                    Ok(cid) => app
                        .store
                        .case(cid)
                        .await?
                        .filter(|c| mine.contains(&c.department_id))
                        .map(|c| c.receipt),
                    Err(_) => None,
                };
                let code = match e.error_code() {
                    ErrorCode::Forbidden if receipt.is_none() => ErrorCode::NotFound,
                    c => c,
                };
                failed.push(format!(
                    "{}:{}",
                    receipt.unwrap_or_else(|| "-".to_owned()),
                    code.as_str()
                ));
            }
        }
    }
    Ok(see_other(&format!(
        "/console/cases?accepted={accepted}&failed={}",
        percent_encode(&failed.join(","))
    )))
}
