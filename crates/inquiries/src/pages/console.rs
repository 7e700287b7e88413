//! The console's inquiry pages (INQ-2): a department's queue, the dispatch desk of a region,
//! and the case page where every step of the loop is taken.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::ErrorCode;
use yiwang_domain::auth::Permission;
use yiwang_domain::ids::{DepartmentId, InquiryId};
use yiwang_domain::inquiry::{Action, Actor};
use yiwang_domain::paging::Page;
use yiwang_store::inquiries::{InquiryRow, QueueQuery};

use super::{Opt, View, view};
use crate::services::{act, read};
use crate::texts::*;
use yiwang_kit::console::{NavLink, nav};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Path, Query};
use yiwang_kit::respond::see_other;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, Pager, html, html_invalid};

/// A line of a queue.
pub struct Line {
    id: String,
    receipt: String,
    title: String,
    kind: &'static str,
    state: &'static str,
    department: String,
    due: String,
    overdue: bool,
    revision: i64,
    acknowledgeable: bool,
}

fn line(t: yiwang_kit::i18n::Tr, r: InquiryRow, today: time::Date) -> Line {
    Line {
        id: r.id.to_string(),
        overdue: r.due_on.is_some_and(|d| d < today),
        revision: r.revision,
        acknowledgeable: r.state == yiwang_domain::inquiry::InquiryState::Assigned,
        due: r.due_on.map(|d| d.to_string()).unwrap_or_default(),
        receipt: r.receipt,
        title: r.title,
        kind: kind_name(t, r.kind),
        state: state_name(t, r.state),
        department: r.department_name.unwrap_or_default(),
    }
}

/// A possible duplicate on the case page, with what it shares with the case.
struct SimilarLine {
    line: Line,
    why: String,
}

#[derive(Template)]
#[template(path = "console/inquiries/queue.html")]
struct QueuePage {
    l: Layout,
    nav: Vec<NavLink>,
    heading: &'static str,
    intro: &'static str,
    lines: Vec<Line>,
    pager: Pager,
    desk: bool,
    /// Which of the queue's tabs this is: `queue`, `desk` or `supervise`.
    current: &'static str,
    /// The tabs the caller may open.
    tabs: Vec<Tab>,
    states: Vec<Opt>,
    categories: Vec<Opt>,
    overdue: bool,
    helping: bool,
    notice: String,
}

/// A tab of the inquiry pages.
pub struct Tab {
    key: &'static str,
    href: &'static str,
    label: &'static str,
}

/// The inquiry pages the caller may open, in the order of the work: their queue, the desk,
/// the supervisor's board, recording a call.
fn tabs(ctx: &Ctx) -> Vec<Tab> {
    let t = ctx.t();
    let actor = ctx.principal.actor();
    [
        (
            Permission::HandleInquiries,
            "queue",
            "/console/inquiries",
            t.inq_queue_title(),
        ),
        (
            Permission::DispatchInquiries,
            "desk",
            "/console/inquiries/desk",
            t.inq_desk(),
        ),
        (
            Permission::SuperviseInquiries,
            "supervise",
            "/console/inquiries/supervise",
            t.inq_supervise(),
        ),
        (
            Permission::RecordInquiries,
            "call",
            "/console/inquiries/call",
            t.inq_call_title(),
        ),
    ]
    .into_iter()
    .filter(|(p, ..)| yiwang_domain::auth::allows_somewhere(actor, *p))
    .map(|(_, key, href, label)| Tab { key, href, label })
    .collect()
}

/// The page number.
#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    page: Option<i64>,
}

/// The queue's filters.
#[derive(Debug, Default, Deserialize)]
pub struct QueueFilter {
    page: Option<i64>,
    /// One state (`assigned`, `handling`, `paused`, `reply_review`), or all open ones.
    #[serde(default)]
    state: String,
    #[serde(default)]
    category: String,
    /// `1`: only those past their due day.
    #[serde(default)]
    overdue: String,
    /// `1`: those the caller's departments help on.
    #[serde(default)]
    helping: String,
    /// How many were acknowledged by the last bulk step.
    #[serde(default)]
    acknowledged: Option<usize>,
}

async fn my_departments(app: &AppState, ctx: &Ctx) -> Result<Vec<DepartmentId>, Error> {
    yiwang_kit::console::departments_granted(app, ctx, Permission::HandleInquiries).await
}

/// `GET /console/inquiries`: the open inquiries of the caller's departments (or those they
/// help on), earliest due first, by state, topic and lateness.
pub async fn queue(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<QueueFilter>,
) -> Result<Response, Error> {
    use yiwang_domain::inquiry::InquiryState as S;
    let t = ctx.t();
    let page = Page::new(q.page, None, 50)?;
    let departments = my_departments(&app, &ctx).await?;
    let today = yiwang_domain::Timestamp::now().beijing_date();
    let open = [S::Assigned, S::Handling, S::Paused, S::ReplyReview];
    let state = open
        .iter()
        .find(|s| s.as_str() == q.state)
        .map_or("", |s| s.as_str());
    let all = app.store.inquiry_categories().await?;
    let category = all
        .iter()
        .find(|c| c.code == q.category)
        .map_or("", |c| c.code.as_str());
    let (overdue, helping) = (q.overdue == "1", q.helping == "1");
    let query = QueueQuery {
        departments: &departments,
        helping,
        state,
        category,
        overdue_before: overdue.then_some(today),
    };
    let (rows, total) = app.store.inquiry_queue(&query, page).await?;
    let states = open
        .iter()
        .map(|s| Opt {
            value: s.as_str().to_owned(),
            label: state_name(t, *s).to_owned(),
            selected: s.as_str() == state,
        })
        .collect();
    let categories = all
        .iter()
        .map(|c| Opt {
            value: c.code.clone(),
            label: super::label(&c.name, t.lang()),
            selected: c.code == category,
        })
        .collect();
    let notice = match q.acknowledged {
        Some(n) => format!("{}{n}", t.inq_bulk_done()),
        None => String::new(),
    };
    let base = format!(
        "/console/inquiries?state={state}&category={category}&overdue={}&helping={}",
        q.overdue.trim(),
        q.helping.trim()
    );
    let l = Layout::new(&app, &ctx, t.inq_queue_title(), Section::Console).await;
    html(&QueuePage {
        nav: nav(&app, &ctx, "/console/inquiries"),
        l,
        heading: t.inq_queue_title(),
        intro: "",
        lines: rows.into_iter().map(|r| line(t, r, today)).collect(),
        pager: Pager::new(&base, page, total),
        desk: false,
        current: "queue",
        tabs: tabs(&ctx),
        states,
        categories,
        overdue,
        helping,
        notice,
    })
}

/// `POST /console/inquiries/acknowledge`: acknowledges the ticked inquiries at once, each on
/// the revision the queue showed (one changed since is left for a look).
pub async fn bulk_acknowledge(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<Vec<(String, String)>>,
) -> Result<Response, Error> {
    let mut done = 0;
    for (name, value) in f.iter().filter(|(n, _)| n == "pick").take(200) {
        let _ = name;
        let Some((id, revision)) = value.split_once(':') else {
            continue;
        };
        let (Ok(id), Ok(revision)) = (id.parse::<InquiryId>(), revision.parse::<i64>()) else {
            continue;
        };
        match act::staff_act(
            &app,
            &ctx,
            id,
            Some(revision),
            Action::Acknowledge,
            Vec::new(),
        )
        .await
        {
            Ok(_) => done += 1,
            Err(Error::Domain(_)) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(see_other(&format!(
        "/console/inquiries?acknowledged={done}"
    )))
}

/// The widest region in which the caller holds `p` (a deployment's dispatchers and
/// supervisors each work one region).
fn widest_region(ctx: &Ctx, p: Permission) -> Result<String, Error> {
    let (_, grants) = ctx.principal.staff().ok_or_else(Error::forbidden)?;
    grants
        .iter()
        .filter(|g| p.granted_to(g.role))
        .map(|g| g.region.as_str().to_owned())
        .min_by_key(String::len)
        .ok_or_else(Error::forbidden)
}

/// A list of a region's inquiries without the queue's filters (the desk, the supervisor's board).
async fn region_list(
    app: &AppState,
    ctx: &Ctx,
    current: &'static str,
    (heading, intro): (&'static str, &'static str),
    page: Page,
    (rows, total): (Vec<InquiryRow>, i64),
) -> Result<Response, Error> {
    let t = ctx.t();
    let today = yiwang_domain::Timestamp::now().beijing_date();
    let l = Layout::new(app, ctx, heading, Section::Console).await;
    html(&QueuePage {
        nav: nav(app, ctx, "/console/inquiries"),
        l,
        heading,
        intro,
        lines: rows.into_iter().map(|r| line(t, r, today)).collect(),
        pager: Pager::new(&format!("/console/inquiries/{current}?"), page, total),
        desk: true,
        current,
        tabs: tabs(ctx),
        states: Vec::new(),
        categories: Vec::new(),
        overdue: false,
        helping: false,
        notice: String::new(),
    })
}

/// `GET /console/inquiries/desk`: inquiries of the caller's region with no department yet,
/// oldest first.
pub async fn desk(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<PageQuery>,
) -> Result<Response, Error> {
    let page = Page::new(q.page, None, 50)?;
    let region = widest_region(&ctx, Permission::DispatchInquiries)?;
    let found = app.store.inquiry_desk(&region, page).await?;
    let t = ctx.t();
    region_list(
        &app,
        &ctx,
        "desk",
        (t.inq_desk(), t.inq_desk_intro()),
        page,
        found,
    )
    .await
}

/// `GET /console/inquiries/supervise`: the supervisor's board (督办) of their region —
/// open inquiries past their due day and reopened ones, the longest overdue first.
pub async fn supervise(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<PageQuery>,
) -> Result<Response, Error> {
    let page = Page::new(q.page, None, 50)?;
    let region = widest_region(&ctx, Permission::SuperviseInquiries)?;
    let today = yiwang_domain::Timestamp::now().beijing_date();
    let found = app
        .store
        .inquiries_to_supervise(&region, today, page)
        .await?;
    let t = ctx.t();
    region_list(
        &app,
        &ctx,
        "supervise",
        (t.inq_supervise(), t.inq_supervise_intro()),
        page,
        found,
    )
    .await
}

#[derive(Template)]
#[template(path = "console/inquiries/case.html")]
struct CasePage {
    l: Layout,
    nav: Vec<NavLink>,
    v: View,
    asker: String,
    actions: Vec<Opt>,
    departments: Vec<Opt>,
    errors: FormErrors,
    f: StepForm,
    done: bool,
    /// Open inquiries that may be about the same thing (shown to dispatchers, to merge).
    similar: Vec<SimilarLine>,
    merge_into: Vec<Opt>,
    /// Whether the caller may put it on the public board now.
    publishable: bool,
    /// The list the caller came from (the first inquiry page they may open).
    back: Option<Tab>,
}

/// The steps a set of roles may offer (the rules decide whether each applies now).
fn offered(t: yiwang_kit::i18n::Tr, actors: &[Actor], row: &InquiryRow, chosen: &str) -> Vec<Opt> {
    let dispatches = actors.iter().any(|a| a.dispatches());
    let handles = actors.iter().any(|a| a.handles());
    let admin = actors.contains(&Actor::DeptAdmin);
    let petition = act::is_petition(row);
    let mut out: Vec<(&str, &'static str)> = Vec::new();
    if dispatches {
        out.push(("route", t.inq_a_route()));
        out.push(("merge", t.inq_a_merge()));
    }
    if handles {
        out.push(("acknowledge", t.inq_a_acknowledge()));
        if petition {
            out.push(("accept", t.inq_a_accept()));
            out.push(("decline", t.inq_a_decline()));
        }
        out.extend([
            ("transfer", t.inq_a_transfer()),
            ("return_to_dispatch", t.inq_a_return()),
            ("add_helper", t.inq_a_helper()),
            ("add_finding", t.inq_a_finding()),
            ("pause", t.inq_a_pause()),
            ("resume", t.inq_a_resume()),
            ("extend", t.inq_a_extend()),
            ("reply", t.inq_a_reply()),
        ]);
    }
    if admin {
        out.push(("approve_reply", t.inq_a_approve()));
        out.push(("reject_reply", t.inq_a_reject()));
    }
    // Past the transfer limit the supervisor decides where it goes.
    if !handles && actors.contains(&Actor::Supervisor) {
        out.push(("transfer", t.inq_a_transfer()));
    }
    out.into_iter()
        .map(|(v, label)| Opt {
            value: v.to_owned(),
            label: label.to_owned(),
            selected: v == chosen,
        })
        .collect()
}

/// The step form: one action, with a department and a text where it needs them.
#[derive(Debug, Default, Deserialize)]
pub struct StepForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    department: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    into: String,
    #[serde(default)]
    revision: String,
}

impl StepForm {
    fn action(&self) -> Result<Action, Error> {
        act::staff_action(
            &self.action,
            Some(&self.department),
            Some(&self.into),
            &self.text,
        )
    }
}

async fn case_page(
    app: &AppState,
    ctx: &Ctx,
    id: InquiryId,
    f: StepForm,
    errors: FormErrors,
    done: bool,
) -> Result<CasePage, Error> {
    let t = ctx.t();
    let (row, actors) = read::for_staff(app, ctx, id).await?;
    let events = read::history(app, id).await?;
    let actions = offered(t, &actors, &row, &f.action);
    let publishable = row.wants_public
        && actors.iter().any(|a| a.handles())
        && matches!(
            row.state,
            yiwang_domain::inquiry::InquiryState::Replied
                | yiwang_domain::inquiry::InquiryState::Closed
        );
    let today = yiwang_domain::Timestamp::now().beijing_date();
    let similar = if actors.iter().any(|a| a.dispatches()) && row.state.is_open() {
        crate::services::similar::similar(app, &row, 10).await?
    } else {
        Vec::new()
    };
    let merge_into = similar
        .iter()
        .map(|s| Opt {
            value: s.row.id.to_string(),
            label: format!("{} {}", s.row.receipt, s.row.title),
            selected: f.into == s.row.id.to_string(),
        })
        .collect();
    let similar = similar
        .into_iter()
        .map(|s| SimilarLine {
            why: crate::texts::resemblance_words(t, &s.resemblance),
            line: line(t, s.row, today),
        })
        .collect();
    let departments = app
        .store
        .departments_under(&app.config.root_region)
        .await?
        .into_iter()
        .map(|d| Opt {
            selected: f.department == d.id.to_string(),
            value: d.id.to_string(),
            label: d.name,
        })
        .collect();
    let asker = if row.anonymous {
        t.inq_asker_anonymous().to_owned()
    } else if row.account_id.is_some() {
        t.inq_asker_account().to_owned()
    } else {
        row.channel.as_str().to_owned()
    };
    let v = view(app, t, row, events, true).await?;
    let l = Layout::new(app, ctx, &v.row.title, Section::Console).await;
    let f = StepForm {
        revision: v.row.revision.to_string(),
        ..f
    };
    Ok(CasePage {
        nav: nav(app, ctx, "/console/inquiries"),
        l,
        v,
        asker,
        actions,
        departments,
        errors,
        f,
        done,
        similar,
        merge_into,
        publishable,
        back: tabs(ctx).into_iter().next(),
    })
}

/// Whether the page was reached after a step.
#[derive(Debug, Default, Deserialize)]
pub struct CaseQuery {
    #[serde(default)]
    done: Option<String>,
}

/// `GET /console/inquiries/{id}`.
pub async fn case(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<InquiryId>,
    Query(q): Query<CaseQuery>,
) -> Result<Response, Error> {
    let page = case_page(
        &app,
        &ctx,
        id,
        StepForm::default(),
        FormErrors::default(),
        q.done.is_some(),
    );
    html(&page.await?)
}

/// `POST /console/inquiries/{id}` (multipart with files, or a plain form): one step, on the
/// revision the page showed.
pub async fn step(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<InquiryId>,
    req: axum::extract::Request,
) -> Result<Response, Error> {
    let (pairs, files) = super::read_fields(req).await?;
    let get = |k: &str| super::field(&pairs, k);
    let f = StepForm {
        action: get("action"),
        department: get("department"),
        text: get("text"),
        into: get("into"),
        revision: get("revision"),
    };
    let revision = f.revision.parse::<i64>().ok();
    let result = match f.action() {
        Ok(a) => act::staff_act(&app, &ctx, id, revision, a, files).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(see_other(&format!("/console/inquiries/{id}?done=1"))),
        Err(Error::Domain(e))
            if matches!(
                e.code,
                ErrorCode::ValidationFailed
                    | ErrorCode::Forbidden
                    | ErrorCode::Conflict
                    | ErrorCode::TransferLimitReached
                    | ErrorCode::WindowClosed
                    | ErrorCode::InvalidTransition
            ) =>
        {
            let errors = FormErrors::from_error(&e, ctx.t());
            let mut page = html_invalid(&case_page(&app, &ctx, id, f, errors, false).await?)?;
            // Someone else acted first: the page now shows what they did.
            if e.code == ErrorCode::Conflict {
                *page.status_mut() = axum::http::StatusCode::CONFLICT;
            }
            Ok(page)
        }
        Err(e) => Err(e),
    }
}
