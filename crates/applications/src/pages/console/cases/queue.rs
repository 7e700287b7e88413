//! The department queue (APP-3): open cases sorted by deadline, filtered by state, item,
//! deadline, receipt and who they wait for (the caller's roles by default), and bulk accept.

use std::collections::HashMap;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use time::Duration;
use yiwang_domain::deadline::Deadline;
use yiwang_domain::ids::{CaseId, ItemId};
use yiwang_domain::paging::Page;
use yiwang_domain::workflow::{Action, CaseState, Receipt, Workflow};
use yiwang_domain::{ErrorCode, Timestamp};
use yiwang_store::applications::queue::{OPEN_STATES, QueueFilter};

use super::{Due, NavLink, Opt, due_of, my_departments, navs, step_name};
use crate::catalog::CatalogOf;
use crate::services::act::staff_act;
use crate::texts::*;
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Query};
use yiwang_kit::i18n::Tr;
use yiwang_kit::pipeline::percent_encode;
use yiwang_kit::respond::see_other;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{Layout, Pager, html};
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
            crate::services::waiting_for_me(&ctx)
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
            item: yiwang_kit::zh::display(&c.item_name, lang),
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
    let snapshot = app.catalog()?.snapshot();
    let mut item_opts: Vec<Opt> = snapshot
        .all()
        .iter()
        .filter(|r| !r.is_group && departments.contains(&r.department))
        .map(|r| Opt {
            value: r.id.to_string(),
            label: yiwang_kit::zh::display(&r.name, lang),
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
        let result = match (id.trim().parse::<CaseId>(), rev.trim().parse::<i64>()) {
            (Ok(case), Ok(rev)) => {
                staff_act(&app, &ctx, case, rev, Action::Accept, &Default::default())
                    .await
                    .map(|_| ())
            }
            (_, Err(_)) => Err(Error::code(ErrorCode::InvalidBody)),
            (Err(e), _) => Err(e.into()),
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
