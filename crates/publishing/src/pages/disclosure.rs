//! Disclosure on request's pages (依申请公开, PUB-3): the request form, the requester's list
//! and request (with the clarification form), the department's queue and request page, and
//! the annual report.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::ErrorCode;
use yiwang_domain::auth::Permission;
use yiwang_domain::disclosure::{AnswerType, RequestInput, RequestState};
use yiwang_domain::ids::DisclosureId;
use yiwang_store::disclosure::{DisclosureRow, ReportRow};

use super::Opt;
use crate::services::disclosure::{self, StepInput};
use crate::texts::*;
use yiwang_domain::forms::FileType;
use yiwang_domain::ids::DisclosureFileId;
use yiwang_kit::console::{NavLink, departments_granted, nav};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Path, Query};
use yiwang_kit::i18n::Tr;
use yiwang_kit::respond::{download, see_other};
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, html, html_invalid};

/// A request as pages show it.
pub struct RequestView {
    id: String,
    receipt: String,
    department: String,
    description: String,
    state: &'static str,
    received: String,
    due: String,
    extended: bool,
    extend_reason: String,
    clarifying: bool,
    clarify_note: String,
    clarify_answer: String,
    answered: bool,
    answer_type: &'static str,
    answer_text: String,
    answer_reason: String,
    answered_on: String,
    late: bool,
    revision: i64,
    /// The due day lies in a year whose holidays the calendar does not know yet.
    provisional: bool,
    /// The attached files' ids (shown to the requester once answered).
    files: Vec<String>,
    /// Where they are downloaded: the console's address or the requester's.
    files_base: String,
}

fn view(t: Tr, r: DisclosureRow, calendar: &yiwang_domain::deadline::Calendar) -> RequestView {
    RequestView {
        id: r.id.to_string(),
        receipt: r.receipt,
        department: yiwang_kit::zh::display(&r.department_name, t.lang()),
        description: r.description,
        state: disclosure_state_name(t, r.state),
        received: r.received_on.to_string(),
        due: r.due_on.map(|d| d.to_string()).unwrap_or_default(),
        extended: r.extended,
        extend_reason: r.extend_reason,
        clarifying: r.state == RequestState::Clarifying,
        clarify_note: r.clarify_note,
        clarify_answer: r.clarify_answer,
        answered: r.state == RequestState::Answered,
        answer_type: r
            .answer_type
            .map(|a| answer_type_name(t, a))
            .unwrap_or_default(),
        answer_text: r.answer_text,
        answer_reason: r.answer_reason,
        answered_on: r.answered_on.map(|d| d.to_string()).unwrap_or_default(),
        late: r.late,
        revision: r.revision,
        provisional: r.due_on.is_some_and(|d| !calendar.covers(d.year())),

        files: Vec::new(),
        files_base: String::new(),
    }
}

#[derive(Template)]
#[template(path = "disclosure/new.html")]
struct NewPage {
    l: Layout,
    departments: Vec<Opt>,
    f: RequestInput,
    errors: FormErrors,
}

async fn new_page(
    app: &AppState,
    ctx: &Ctx,
    f: RequestInput,
    errors: FormErrors,
) -> Result<NewPage, Error> {
    let t = ctx.t();
    let departments = app
        .store
        .departments_under(&app.config.root_region)
        .await?
        .into_iter()
        .map(|d| Opt {
            selected: f.department == d.id.to_string(),
            value: d.id.to_string(),
            label: yiwang_kit::zh::display(&d.name, t.lang()),
        })
        .collect();
    let l = Layout::new(app, ctx, t.dis_new_title(), Section::News).await;
    Ok(NewPage {
        l,
        departments,
        f,
        errors,
    })
}

fn label(t: Tr, f: &str) -> Option<String> {
    Some(
        match f {
            "department" => t.dis_f_department(),
            "description" => t.dis_f_description(),
            "form" => t.dis_f_form(),
            "text" => t.dis_f_text(),
            "answer_type" => t.dis_f_answer_type(),
            "reason" => t.dis_f_reason(),
            "action" => t.pub_action(),
            "file" => t.dis_f_file(),
            _ => return None,
        }
        .to_owned(),
    )
}

/// `GET /disclosure/new`.
pub async fn new_form(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    html(&new_page(&app, &ctx, RequestInput::default(), FormErrors::default()).await?)
}

/// `POST /disclosure`: registers the request and shows it with its receipt and due day.
pub async fn ask(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<RequestInput>,
) -> Result<Response, Error> {
    match disclosure::ask(&app, &ctx, &f).await {
        Ok(id) => Ok(see_other(&format!("/account/disclosure/{id}?new=1"))),
        Err(Error::Domain(e)) if e.code == ErrorCode::ValidationFailed => {
            let t = ctx.t();
            let errors = FormErrors::from_error_named(&e, t, |x| label(t, x));
            html_invalid(&new_page(&app, &ctx, f, errors).await?)
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "disclosure/mine.html")]
struct MinePage {
    l: Layout,
    requests: Vec<RequestView>,
}

/// `GET /account/disclosure`.
pub async fn mine(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let t = ctx.t();
    let me = ctx.principal.account().ok_or_else(Error::forbidden)?;
    let calendar = app.store.calendar().await?;
    let requests = app
        .store
        .my_disclosures(me)
        .await?
        .into_iter()
        .map(|r| view(t, r, &calendar))
        .collect();
    let l = Layout::new(&app, &ctx, t.dis_mine_title(), Section::Mine).await;
    html(&MinePage { l, requests })
}

#[derive(Template)]
#[template(path = "disclosure/request.html")]
struct RequestPage {
    l: Layout,
    r: RequestView,
    fresh: bool,
    clarified: bool,
    errors: FormErrors,
    text: String,
}

async fn request_page(
    app: &AppState,
    ctx: &Ctx,
    id: DisclosureId,
    fresh: bool,
    clarified: bool,
    errors: FormErrors,
    text: String,
) -> Result<RequestPage, Error> {
    let t = ctx.t();
    let calendar = app.store.calendar().await?;
    let mut r = view(t, disclosure::mine(app, ctx, id).await?, &calendar);
    if r.answered {
        r.files = file_ids(app, id).await?;
        r.files_base = format!("/account/disclosure/{id}/files");
    }
    let l = Layout::new(
        app,
        ctx,
        format!("{} {}", t.dis_receipt(), r.receipt),
        Section::Mine,
    )
    .await;
    Ok(RequestPage {
        l,
        r,
        fresh,
        clarified,
        errors,
        text,
    })
}

/// The page's flags.
#[derive(Deserialize, Default)]
pub struct Flags {
    #[serde(default)]
    new: Option<String>,
    #[serde(default)]
    done: Option<String>,
}

/// `GET /account/disclosure/{id}`: the requester's own request.
pub async fn request(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<DisclosureId>,
    Query(q): Query<Flags>,
) -> Result<Response, Error> {
    html(
        &request_page(
            &app,
            &ctx,
            id,
            q.new.is_some(),
            q.done.is_some(),
            FormErrors::default(),
            String::new(),
        )
        .await?,
    )
}

/// The clarification form.
#[derive(Deserialize)]
pub struct ClarifyForm {
    #[serde(default)]
    text: String,
    #[serde(default)]
    revision: i64,
}

/// `POST /account/disclosure/{id}/clarify`.
pub async fn clarify(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<DisclosureId>,
    Form(f): Form<ClarifyForm>,
) -> Result<Response, Error> {
    match disclosure::clarify(&app, &ctx, id, &f.text, f.revision).await {
        Ok(()) => Ok(see_other(&format!("/account/disclosure/{id}?done=1"))),
        Err(Error::Domain(e))
            if matches!(e.code, ErrorCode::ValidationFailed | ErrorCode::Conflict) =>
        {
            let t = ctx.t();
            let errors = FormErrors::from_error_named(&e, t, |x| label(t, x));
            html_invalid(&request_page(&app, &ctx, id, false, false, errors, f.text).await?)
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "disclosure/queue.html")]
struct QueuePage {
    l: Layout,
    nav: Vec<NavLink>,
    requests: Vec<RequestView>,
    today: String,
}

const QUEUE: &str = "/console/disclosure";

/// `GET /console/disclosure`: the open requests of the caller's departments, earliest due
/// first.
pub async fn queue(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let t = ctx.t();
    let departments = departments_granted(&app, &ctx, Permission::AnswerDisclosure).await?;
    let calendar = app.store.calendar().await?;
    let requests = app
        .store
        .open_disclosures(&departments)
        .await?
        .into_iter()
        .map(|r| view(t, r, &calendar))
        .collect();
    let l = Layout::new(&app, &ctx, t.dis_queue_title(), Section::Console).await;
    html(&QueuePage {
        nav: nav(&app, &ctx, QUEUE),
        l,
        requests,
        today: yiwang_domain::Timestamp::now().beijing_date().to_string(),
    })
}

#[derive(Template)]
#[template(path = "disclosure/case.html")]
struct CasePage {
    l: Layout,
    nav: Vec<NavLink>,
    r: RequestView,
    actions: Vec<Opt>,
    types: Vec<Opt>,
    s: StepInput,
    errors: FormErrors,
    done: bool,
}

async fn case_page(
    app: &AppState,
    ctx: &Ctx,
    id: DisclosureId,
    s: StepInput,
    errors: FormErrors,
    done: bool,
) -> Result<CasePage, Error> {
    let t = ctx.t();
    let row = disclosure::for_staff(app, ctx, id).await?;
    let mut actions: Vec<(&str, &str)> = Vec::new();
    if row.state == RequestState::Received {
        actions.push(("answer", t.dis_a_answer()));
        actions.push(("clarify", t.dis_a_clarify()));
        if !row.extended {
            actions.push(("extend", t.dis_a_extend()));
        }
    }
    let actions = actions
        .into_iter()
        .map(|(v, lbl)| Opt {
            selected: s.action == v,
            value: v.to_owned(),
            label: lbl.to_owned(),
        })
        .collect();
    let types = AnswerType::ALL
        .iter()
        .map(|a| Opt {
            selected: s.answer_type == a.as_str(),
            value: a.as_str().to_owned(),
            label: answer_type_name(t, *a).to_owned(),
        })
        .collect();
    let calendar = app.store.calendar().await?;
    let mut r = view(t, row, &calendar);
    r.files = file_ids(app, id).await?;
    r.files_base = format!("{QUEUE}/{id}/files");
    let l = Layout::new(
        app,
        ctx,
        format!("{} {}", t.dis_receipt(), r.receipt),
        Section::Console,
    )
    .await;
    Ok(CasePage {
        nav: nav(app, ctx, QUEUE),
        l,
        r,
        actions,
        types,
        s,
        errors,
        done,
    })
}

/// `GET /console/disclosure/{id}`.
pub async fn case(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<DisclosureId>,
    Query(q): Query<Flags>,
) -> Result<Response, Error> {
    html(
        &case_page(
            &app,
            &ctx,
            id,
            StepInput::default(),
            FormErrors::default(),
            q.done.is_some(),
        )
        .await?,
    )
}

async fn file_ids(app: &AppState, id: DisclosureId) -> Result<Vec<String>, Error> {
    Ok(app
        .store
        .disclosure_files(id)
        .await?
        .into_iter()
        .map(|f| f.id.to_string())
        .collect())
}

/// `POST /console/disclosure/{id}/files` (multipart, field `file`): attaches a document to
/// the answer.
pub async fn attach(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<DisclosureId>,
    req: axum::extract::Request,
) -> Result<Response, Error> {
    disclosure::for_staff(&app, &ctx, id).await?;
    let (_, bytes) = super::read_upload(req, "", "file").await?;
    match disclosure::attach(&app, &ctx, id, bytes).await {
        Ok(_) => Ok(see_other(&format!("{QUEUE}/{id}?done=1#files"))),
        Err(Error::Domain(e)) if e.code == ErrorCode::ValidationFailed => {
            let t = ctx.t();
            let errors = FormErrors::from_error_named(&e, t, |x| label(t, x));
            html_invalid(&case_page(&app, &ctx, id, StepInput::default(), errors, false).await?)
        }
        Err(e) => Err(e),
    }
}

/// `GET /console/disclosure/{id}/files/{file}`: an attached file, to the department's staff.
pub async fn staff_file(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, file)): Path<(DisclosureId, DisclosureFileId)>,
) -> Result<Response, Error> {
    let (f, bytes) = disclosure::file(&app, &ctx, id, file, true).await?;
    Ok(download(
        bytes,
        FileType::parse(&f.file_type),
        &f.id.to_string(),
    ))
}

/// `GET /account/disclosure/{id}/files/{file}`: an attached file, to the requester once the
/// request is answered.
pub async fn my_file(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, file)): Path<(DisclosureId, DisclosureFileId)>,
) -> Result<Response, Error> {
    let (f, bytes) = disclosure::file(&app, &ctx, id, file, false).await?;
    Ok(download(
        bytes,
        FileType::parse(&f.file_type),
        &f.id.to_string(),
    ))
}

/// `POST /console/disclosure/{id}`: asks for clarification, extends, or answers.
pub async fn act(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<DisclosureId>,
    Form(s): Form<StepInput>,
) -> Result<Response, Error> {
    match disclosure::act(&app, &ctx, id, &s).await {
        Ok(()) => Ok(see_other(&format!("{QUEUE}/{id}?done=1"))),
        Err(Error::Domain(e))
            if matches!(e.code, ErrorCode::ValidationFailed | ErrorCode::Conflict) =>
        {
            let t = ctx.t();
            let errors = FormErrors::from_error_named(&e, t, |x| label(t, x));
            html_invalid(&case_page(&app, &ctx, id, s, errors, false).await?)
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "disclosure/report.html")]
struct ReportPage {
    l: Layout,
    nav: Vec<NavLink>,
    year: i32,
    years: Vec<i32>,
    types: Vec<&'static str>,
    rows: Vec<ReportRow>,
    total: ReportRow,
}

/// The year asked for.
#[derive(Deserialize)]
pub struct YearQuery {
    year: Option<i32>,
}

/// `GET /console/disclosure/report?year=`: the annual report's table of requests (received,
/// answered by type, late, carried over) per department.
pub async fn report(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<YearQuery>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let this = yiwang_domain::Timestamp::now().beijing_date().year();
    let year = q.year.filter(|y| (2008..=this).contains(y)).unwrap_or(this);
    let rows = app
        .store
        .disclosure_report(app.config.root_region.as_str(), year)
        .await?;
    let mut total = ReportRow {
        department: t.dis_total().to_owned(),
        answered: vec![0; AnswerType::ALL.len()],
        ..ReportRow::default()
    };
    for r in &rows {
        total.received += r.received;
        total.late += r.late;
        total.pending += r.pending;
        for (a, b) in total.answered.iter_mut().zip(&r.answered) {
            *a += b;
        }
    }
    let l = Layout::new(
        &app,
        &ctx,
        format!("{} {year}", t.dis_report_title()),
        Section::Console,
    )
    .await;
    html(&ReportPage {
        nav: nav(&app, &ctx, QUEUE),
        l,
        year,
        years: (2008..=this).rev().take(10).collect(),
        types: AnswerType::ALL
            .iter()
            .map(|a| answer_type_name(t, *a))
            .collect(),
        rows,
        total,
    })
}
