//! The supervisor's board of overdue cases (督办, APP-4) and the official holiday calendar the
//! deadlines are counted on.

use askama::Template;
use axum::extract::multipart::{MultipartError, MultipartRejection};
use axum::extract::{Multipart, State};
use axum::response::Response;
use serde::Deserialize;
use time::Duration;
use yiwang_domain::auth::{Permission, Scope};
use yiwang_domain::deadline::parse_calendar_csv;
use yiwang_domain::paging::Page;
use yiwang_domain::region::RegionCode;
use yiwang_domain::workflow::CaseState;
use yiwang_domain::{ErrorCode, FieldCode, FieldErrors, Timestamp};
use yiwang_store::applications::calendar::CalendarLoad;
use yiwang_store::applications::queue::QueueFilter;

use super::{NavLink, Opt, navs};
use crate::texts::*;
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::Query;
use yiwang_kit::pipeline::percent_encode;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, Pager, html, html_invalid};

// ---------------------------------------------------------------------------------------
// Overdue board

/// The query parameters of the board.
#[derive(Deserialize, Default)]
pub struct OverdueQuery {
    #[serde(default)]
    region: String,
    page: Option<i64>,
}

/// One overdue case.
pub struct OverdueRow {
    receipt: String,
    item: String,
    department: String,
    due: String,
    days: u32,
    state: &'static str,
}

#[derive(Template)]
#[template(path = "console/cases/overdue.html")]
struct OverduePage {
    l: Layout,
    nav: Vec<NavLink>,
    tabs: Vec<NavLink>,
    regions: Vec<Opt>,
    by_department: Vec<(String, i64)>,
    rows: Vec<OverdueRow>,
    pager: Pager,
}

/// The most departments counted one by one at the top of the board.
const MAX_COUNTED: usize = 200;

/// `GET /console/overdue`: cases of the supervisor's regions whose due day has passed, the
/// longest overdue first, with the count per department. One region at a time when the
/// supervisor holds several (the widest ones; a region inside another is not listed apart).
pub async fn overdue(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<OverdueQuery>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let lang = ctx.prefs.lang;
    let page = Page::new(q.page, None, 50)?;
    let grants = ctx
        .principal
        .staff()
        .map(|(_, g)| g.to_vec())
        .unwrap_or_default();
    let mut regions: Vec<RegionCode> = grants
        .iter()
        .filter(|g| Permission::SuperviseCases.granted_to(g.role))
        .map(|g| g.region.clone())
        .collect();
    regions.sort();
    regions.dedup();
    let widest: Vec<RegionCode> = regions
        .iter()
        .filter(|r| !regions.iter().any(|o| o != *r && o.contains(r)))
        .cloned()
        .collect();
    let Some(region) = widest
        .iter()
        .find(|r| r.as_str() == q.region.trim())
        .or(widest.first())
        .cloned()
    else {
        return Err(Error::forbidden());
    };
    ctx.principal
        .require(Permission::SuperviseCases, &Scope::region(region.clone()))?;
    let today = Timestamp::now().beijing_date();
    let cal = app.store.calendar().await?;
    let (cases, total) = app
        .store
        .overdue_cases(region.as_str(), today, page)
        .await?;
    let rows = cases
        .iter()
        .map(|c| OverdueRow {
            receipt: c.receipt.clone(),
            item: yiwang_kit::zh::display(&c.item_name, lang),
            department: yiwang_kit::zh::display(&c.department_name, lang),
            due: c.due_on.map(|d| d.to_string()).unwrap_or_default(),
            days: c
                .due_on
                .map(|d| cal.working_days_between(d, today, &[]).max(1))
                .unwrap_or(0),
            state: t.cc_state(c.state),
        })
        .collect();
    // The count per department: one indexed count per department of the region (the store
    // has no grouped count yet).
    let mut by_department = Vec::new();
    let yesterday = today.checked_sub(Duration::days(1));
    for d in app
        .store
        .departments_under(&region)
        .await?
        .into_iter()
        .take(MAX_COUNTED)
    {
        let filter = QueueFilter {
            departments: vec![d.id],
            states: vec![CaseState::Submitted, CaseState::UnderReview],
            item: None,
            due_by: yesterday,
            ..Default::default()
        };
        let (_, n) = app
            .store
            .case_queue(&filter, Page::new(Some(1), Some(1), 1)?)
            .await?;
        if n > 0 {
            by_department.push((yiwang_kit::zh::display(&d.name, lang), n));
        }
    }
    by_department.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut region_opts = Vec::new();
    if widest.len() > 1 {
        for r in &widest {
            let name = app
                .store
                .region(r)
                .await
                .map(|x| yiwang_kit::zh::display(&x.name, lang))
                .unwrap_or_else(|_| r.as_str().to_owned());
            region_opts.push(Opt {
                value: r.as_str().to_owned(),
                label: name,
                selected: *r == region,
            });
        }
    }
    let base = format!(
        "/console/overdue?region={}",
        percent_encode(region.as_str())
    );
    let (nav, tabs) = navs(&app, &ctx, "/console/overdue");
    let l = Layout::new(&app, &ctx, t.cc_overdue_title(), Section::Console).await;
    html(&OverduePage {
        l,
        nav,
        tabs,
        regions: region_opts,
        by_department,
        rows,
        pager: Pager::new(&base, page, total),
    })
}

// ---------------------------------------------------------------------------------------
// Holiday calendar

#[derive(Template)]
#[template(path = "console/cases/calendar.html")]
struct CalendarPage {
    l: Layout,
    nav: Vec<NavLink>,
    tabs: Vec<NavLink>,
    years: Vec<(i32, i64)>,
    missing_this_year: bool,
    missing_next_year: bool,
    errors: FormErrors,
    loaded: Option<CalendarLoad>,
}

impl CalendarPage {
    fn years_added(&self) -> String {
        match &self.loaded {
            Some(l) if !l.years_added.is_empty() => l
                .years_added
                .iter()
                .map(|y| y.to_string())
                .collect::<Vec<_>>()
                .join("、"),
            _ => self.l.t.cc_nothing().to_owned(),
        }
    }
}

fn root(app: &AppState) -> Scope {
    Scope::region(app.config.root_region.clone())
}

async fn calendar_page(
    app: &AppState,
    ctx: &Ctx,
    errors: FormErrors,
    loaded: Option<CalendarLoad>,
) -> Result<CalendarPage, Error> {
    let years = app.store.calendar_years().await?;
    let this = Timestamp::now().beijing_date().year();
    let covered = |y: i32| years.iter().any(|(x, _)| *x == y);
    let (nav, tabs) = navs(app, ctx, "/console/calendar");
    let l = Layout::new(app, ctx, ctx.t().cc_calendar_title(), Section::Console).await;
    Ok(CalendarPage {
        l,
        nav,
        tabs,
        missing_this_year: !covered(this),
        missing_next_year: !covered(this + 1),
        years,
        errors,
        loaded,
    })
}

/// `GET /console/calendar`: the covered years, a warning when this or next year is missing,
/// and the upload form.
pub async fn calendar(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    ctx.principal
        .require(Permission::ManageCalendar, &root(&app))?;
    html(&calendar_page(&app, &ctx, FormErrors::default(), None).await?)
}

fn multipart_error(e: MultipartError) -> Error {
    if e.status() == http::StatusCode::PAYLOAD_TOO_LARGE {
        Error::code(ErrorCode::PayloadTooLarge)
    } else {
        Error::code(ErrorCode::InvalidBody)
    }
}

/// `POST /console/calendar` (multipart `file`, the anti-forgery token in `?_csrf=`): loads a
/// `date,kind,name` file; a bad line is named by its number and nothing is written. The days
/// and the audit entry commit together.
pub async fn calendar_load(
    State(app): State<AppState>,
    ctx: Ctx,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, Error> {
    ctx.principal
        .require(Permission::ManageCalendar, &root(&app))?;
    let mut multipart = multipart.map_err(|_| Error::code(ErrorCode::UnsupportedMediaType))?;
    let mut file = None;
    while let Some(field) = multipart.next_field().await.map_err(multipart_error)? {
        if field.name() == Some("file") {
            file = Some(field.bytes().await.map_err(multipart_error)?);
        }
    }
    let t = ctx.t();
    let mut e = FieldErrors::new();
    let days = match file.as_deref() {
        None | Some([]) => {
            e.add("file", FieldCode::Required);
            None
        }
        Some(bytes) => match std::str::from_utf8(bytes) {
            Err(_) => {
                e.add("file", FieldCode::InvalidCharacters);
                None
            }
            Ok(text) => match parse_calendar_csv(text.trim_start_matches('\u{feff}')) {
                Ok(days) if days.is_empty() => {
                    e.add("file", FieldCode::Required);
                    None
                }
                Ok(days) => Some(days),
                Err((line, code)) => {
                    e.add_line("file", code, line);
                    None
                }
            },
        },
    };
    let Some(days) = days else {
        let errors = FormErrors::from_fields(&e, t);
        return html_invalid(&calendar_page(&app, &ctx, errors, None).await?);
    };
    let loaded = crate::services::calendar::load(&app, &ctx, &days).await?;
    html(&calendar_page(&app, &ctx, FormErrors::default(), Some(loaded)).await?)
}
