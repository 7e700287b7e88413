//! Following an inquiry (INQ-2): the asker's list and page with the history and the answer,
//! the verdict on the answer, and the lookup with a query code for those without an account.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::ErrorCode;
use yiwang_domain::ids::InquiryId;
use yiwang_domain::inquiry::{Action, InquiryState, Verdict};
use yiwang_domain::paging::Page;

use super::{View, view};
use crate::services::{act, read};
use crate::texts::*;
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Path, Query};
use yiwang_kit::respond::see_other;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, Pager, html, html_invalid};

/// A line of the asker's list.
pub struct Line {
    id: String,
    receipt: String,
    title: String,
    state: &'static str,
    submitted: String,
}

#[derive(Template)]
#[template(path = "inquiries/mine.html")]
struct MinePage {
    l: Layout,
    lines: Vec<Line>,
    pager: Pager,
}

/// The page number.
#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    page: Option<i64>,
}

/// `GET /account/inquiries`: the caller's inquiries, newest first.
pub async fn mine(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<PageQuery>,
) -> Result<Response, Error> {
    let me = ctx.principal.account().ok_or_else(Error::not_found)?;
    let page = Page::new(q.page, None, 20)?;
    let (rows, total) = app.store.my_inquiries(me, page).await?;
    let t = ctx.t();
    let lines = rows
        .into_iter()
        .map(|r| Line {
            id: r.id.to_string(),
            receipt: r.receipt,
            title: r.title,
            state: state_name(t, r.state),
            submitted: r.submitted_on.to_string(),
        })
        .collect();
    let l = Layout::new(&app, &ctx, t.inq_mine(), Section::Mine).await;
    html(&MinePage {
        l,
        lines,
        pager: Pager::new("/account/inquiries?", page, total),
    })
}

#[derive(Template)]
#[template(path = "inquiries/detail.html")]
struct DetailPage {
    l: Layout,
    v: View,
    may_rate: bool,
    may_request_review: bool,
    rate_action: String,
    errors: FormErrors,
    verdicts: Vec<(&'static str, &'static str)>,
    lookup: Option<(String, String)>,
}

fn verdicts(t: yiwang_kit::i18n::Tr) -> Vec<(&'static str, &'static str)> {
    Verdict::ALL
        .iter()
        .map(|v| (v.as_str(), verdict_name(t, *v)))
        .collect()
}

/// What the asker follows: their own inquiry or, once it was merged, the one that carries on
/// for it — its state, department, due day and answer, in the asker's own words, with both
/// histories.
async fn as_followed(
    app: &AppState,
    own: yiwang_store::inquiries::InquiryRow,
) -> Result<
    (
        yiwang_store::inquiries::InquiryRow,
        Vec<yiwang_store::inquiries::history::EventRow>,
    ),
    Error,
> {
    let mut events = read::history(app, own.id).await?;
    let Some(master) = own.master_id else {
        return Ok((own, events));
    };
    let Some(m) = app.store.inquiry(master).await? else {
        return Ok((own, events));
    };
    events.extend(
        read::history(app, master)
            .await?
            .into_iter()
            .filter(|e| e.kind.as_str() != "submitted"),
    );
    events.sort_by_key(|e| e.at);
    let shown = yiwang_store::inquiries::InquiryRow {
        state: m.state,
        department_id: m.department_id,
        department_name: m.department_name,
        due_on: m.due_on,
        reply: m.reply,
        replied_on: m.replied_on,
        accepted_on: m.accepted_on,
        review_requested: m.review_requested,
        ..own
    };
    Ok((shown, events))
}

async fn detail_page(
    app: &AppState,
    ctx: &Ctx,
    row: yiwang_store::inquiries::InquiryRow,
    errors: FormErrors,
    lookup: Option<(String, String)>,
) -> Result<DetailPage, Error> {
    let t = ctx.t();
    let own = row.id;
    let (row, events) = as_followed(app, row).await?;
    // Each asker rates once per answer, also after another asker's verdict closed it (the
    // rules keep the window).
    let days = i64::from(app.store.inquiry_settings().await?.rating_days);
    let today = yiwang_domain::Timestamp::now().beijing_date();
    let may_rate = matches!(row.state, InquiryState::Replied | InquiryState::Closed)
        && row
            .replied_on
            .is_some_and(|d| d + time::Duration::days(days) >= today)
        && app.store.inquiry_rating(own, row.reopened).await?.is_none();
    let may_request_review = act::is_petition(&row)
        && matches!(row.state, InquiryState::Replied | InquiryState::Closed)
        && !row.review_requested
        && lookup.is_none();
    let rate_action = match &lookup {
        Some(_) => "/inquiries/lookup/rate".to_owned(),
        None => format!("/inquiries/{}/rate", row.id),
    };
    let mut v = view(app, t, row, events, false).await?;
    if lookup.is_some() {
        // Photos open to the asker's account; a query code shows the words only.
        v.photos.clear();
    }
    let l = Layout::new(app, ctx, &v.row.title, Section::Mine).await;
    Ok(DetailPage {
        l,
        v,
        may_rate,
        may_request_review,
        rate_action,
        errors,
        verdicts: verdicts(t),
        lookup,
    })
}

/// `GET /inquiries/{id}`: one of the caller's inquiries.
pub async fn detail(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<InquiryId>,
) -> Result<Response, Error> {
    let row = read::mine(&app, &ctx, id).await?;
    html(&detail_page(&app, &ctx, row, FormErrors::default(), None).await?)
}

/// The verdict form.
#[derive(Debug, Default, Deserialize)]
pub struct RateForm {
    #[serde(default)]
    verdict: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    receipt: String,
    #[serde(default)]
    code: String,
}

fn rate_action(f: &RateForm) -> Result<Action, Error> {
    let verdict = Verdict::parse(&f.verdict)
        .ok_or_else(|| Error::field("verdict", yiwang_domain::FieldCode::InvalidChoice))?;
    Ok(Action::Rate {
        verdict,
        reason: f.reason.clone(),
    })
}

async fn rate_row(
    app: &AppState,
    ctx: &Ctx,
    row: yiwang_store::inquiries::InquiryRow,
    f: &RateForm,
    lookup: Option<(String, String)>,
) -> Result<Response, Error> {
    let result = match rate_action(f) {
        Ok(a) => act::asker_act(app, &row, a, Vec::new()).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(_) if lookup.is_none() => Ok(see_other(&format!("/inquiries/{}", row.id))),
        Ok(_) => {
            let fresh = app
                .store
                .inquiry(row.id)
                .await?
                .ok_or_else(Error::not_found)?;
            html(&detail_page(app, ctx, fresh, FormErrors::default(), lookup).await?)
        }
        Err(Error::Domain(e)) if e.code != ErrorCode::RateLimited => {
            let errors = FormErrors::from_error(&e, ctx.t());
            html_invalid(&detail_page(app, ctx, row, errors, lookup).await?)
        }
        Err(e) => Err(e),
    }
}

/// `POST /inquiries/{id}/rate`: the asker's verdict on the answer.
pub async fn rate(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<InquiryId>,
    Form(f): Form<RateForm>,
) -> Result<Response, Error> {
    let row = read::mine(&app, &ctx, id).await?;
    rate_row(&app, &ctx, row, &f, None).await
}

#[derive(Template)]
#[template(path = "inquiries/lookup.html")]
struct LookupPage {
    l: Layout,
    receipt: String,
    failed: bool,
}

/// `GET /inquiries/lookup`.
pub async fn lookup_form(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let l = Layout::new(&app, &ctx, ctx.t().inq_lookup(), Section::Services).await;
    html(&LookupPage {
        l,
        receipt: String::new(),
        failed: false,
    })
}

/// `POST /inquiries/lookup`: the inquiry of a receipt and query code (a POST, so that the code
/// never sits in an address, a log or the history).
pub async fn lookup(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<RateForm>,
) -> Result<Response, Error> {
    let key = format!("inquiry-lookup:{}", ctx.client_ip);
    yiwang_kit::throttle::rate_limit(
        &app.store,
        &[(key, yiwang_domain::throttle::TRACK_PER_CLIENT)],
    )
    .await?;
    match read::by_code(&app, &f.receipt, &f.code).await {
        Ok(row) => {
            let lookup = Some((f.receipt.trim().to_owned(), f.code.trim().to_owned()));
            html(&detail_page(&app, &ctx, row, FormErrors::default(), lookup).await?)
        }
        Err(Error::Domain(e)) if e.code == ErrorCode::NotFound => {
            let l = Layout::new(&app, &ctx, ctx.t().inq_lookup(), Section::Services).await;
            html_invalid(&LookupPage {
                l,
                receipt: f.receipt,
                failed: true,
            })
        }
        Err(e) => Err(e),
    }
}

/// `POST /inquiries/lookup/rate`: the verdict of an asker without an account.
pub async fn lookup_rate(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<RateForm>,
) -> Result<Response, Error> {
    let row = read::by_code(&app, &f.receipt, &f.code).await?;
    let lookup = Some((f.receipt.trim().to_owned(), f.code.trim().to_owned()));
    rate_row(&app, &ctx, row, &f, lookup).await
}

/// The petitioner's request for a review (复查) of the answer, with reasons.
#[derive(Debug, Default, Deserialize)]
pub struct ReviewForm {
    #[serde(default)]
    reason: String,
}

/// `POST /inquiries/{id}/review`: a petitioner asks for the answer to be reviewed.
pub async fn request_review(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<InquiryId>,
    Form(f): Form<ReviewForm>,
) -> Result<Response, Error> {
    let row = read::mine(&app, &ctx, id).await?;
    match act::asker_act(
        &app,
        &row,
        Action::RequestReview { reason: f.reason },
        Vec::new(),
    )
    .await
    {
        Ok(_) => Ok(see_other(&format!("/inquiries/{id}"))),
        Err(Error::Domain(e)) if e.code != ErrorCode::RateLimited => {
            let errors = FormErrors::from_error(&e, ctx.t());
            html_invalid(&detail_page(&app, &ctx, row, errors, None).await?)
        }
        Err(e) => Err(e),
    }
}
