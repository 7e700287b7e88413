//! Inquiries' use cases (INQ-1…5), shared by the pages, the console, the JSON API and Open311.
//! Each checks who may act, runs the pure rules of `domain::inquiry`, and writes the change
//! with its history entry, counters, notices and audit entry in one transaction.

pub mod act;
pub mod admin;
pub mod board;
pub mod read;
pub mod similar;
pub mod submit;

use time::Date;
use yiwang_domain::auth::{Permission, Scope};
use yiwang_domain::deadline::{Calendar, Deadline, Pause};
use yiwang_domain::ids::{AccountId, DepartmentId};
use yiwang_domain::inquiry::{Actor, Category, EventKind, Kind, Settings, Span};
use yiwang_domain::notification::Notice;
use yiwang_domain::notification::inquiry::InquiryNotice;
use yiwang_domain::region::RegionCode;
use yiwang_store::Tx;
use yiwang_store::inquiries::InquiryRow;
use yiwang_store::notify::Recipient;

use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;

/// The category an inquiry names, or a field error on `category`.
pub async fn category(app: &AppState, code: &str) -> Result<Category, Error> {
    app.store
        .inquiry_category(code)
        .await?
        .ok_or_else(|| Error::field("category", yiwang_domain::FieldCode::InvalidChoice))
}

/// The last day of `span` from `start`, skipping the paused days; `None` while paused.
pub(crate) fn due(calendar: &Calendar, span: Span, start: Date, pauses: &[Pause]) -> Option<Date> {
    match span.due(calendar, start, pauses) {
        Deadline::Due { date, .. } => Some(date),
        Deadline::Paused { .. } => None,
    }
}

/// The limit the reply runs on now: a petition's handling limit once accepted (else the
/// decision whether to accept), a review's limit during a review, else the category's.
pub(crate) fn reply_span(row: &InquiryRow, category: &Category, settings: &Settings) -> Span {
    let limits = settings.limits(row.kind);
    match row.kind {
        Kind::Petition if row.review_requested => limits.review.unwrap_or(Span::days(30)),
        Kind::Petition if row.accepted_on.is_some() => limits.reply,
        Kind::Petition => limits.accept.unwrap_or(Span::days(15)),
        _ => category.reply_limit(row.kind, settings),
    }
}

/// The department's region, the scope its staff's grants are checked in.
pub(crate) async fn department_scope(app: &AppState, d: DepartmentId) -> Result<Scope, Error> {
    let dept = app.store.department(d).await?;
    Ok(Scope::department(d, dept.region))
}

fn region_scope(row: &InquiryRow) -> Result<Scope, Error> {
    let region = RegionCode::parse(&row.region_code).map_err(|_| Error::internal("region"))?;
    Ok(Scope::region(region))
}

/// Every way the caller may act on the inquiry as staff, strongest first: admin of the
/// handling department, handler, helper, supervisor, dispatcher. Empty for anyone else.
pub(crate) async fn staff_actors(
    app: &AppState,
    caller: &Caller,
    row: &InquiryRow,
) -> Result<Vec<Actor>, Error> {
    let p = &caller.principal;
    if p.staff().is_none() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    if let Some(d) = row.department_id {
        let scope = department_scope(app, d).await?;
        if p.may(Permission::ReviewInquiryReplies, &scope) {
            out.push(Actor::DeptAdmin);
        }
        if p.may(Permission::HandleInquiries, &scope) {
            out.push(Actor::Handler);
        }
    }
    for d in app.store.inquiry_helpers(row.id).await? {
        if p.may(
            Permission::HandleInquiries,
            &department_scope(app, d).await?,
        ) {
            out.push(Actor::Helper);
            break;
        }
    }
    let region = region_scope(row)?;
    if p.may(Permission::SuperviseInquiries, &region) {
        out.push(Actor::Supervisor);
    }
    if p.may(Permission::DispatchInquiries, &region) {
        out.push(Actor::Dispatcher);
    }
    Ok(out)
}

/// Tells the askers (accounts, and a caller's or Open311 person's mobile) what happened: the
/// asker of this inquiry and those of the inquiries merged into it, each about their own
/// inquiry (its receipt and their own words, never another person's).
pub(crate) async fn tell_askers(
    app: &AppState,
    tx: &mut Tx,
    row: &InquiryRow,
    event: EventKind,
) -> Result<(), Error> {
    if !event.tells_submitter() {
        return Ok(());
    }
    let mut rows = vec![row.clone()];
    rows.extend(app.store.merged_into(row.id).await?);
    let mut told: Vec<AccountId> = Vec::new();
    for r in &rows {
        let notice = Notice::Inquiry(InquiryNotice::Progress {
            receipt: r.receipt.clone(),
            title: r.title.clone(),
            event,
        });
        if let Some(a) = r.account_id {
            if !told.contains(&a) {
                told.push(a);
                app.store
                    .notify(tx, &Recipient::Account(a), &notice)
                    .await?;
            }
        } else if r.has_contact
            && let Some(c) = app.store.inquiry_contact(r.id).await?
            && let Ok(m) = yiwang_domain::identity::Mobile::parse(&c.phone)
        {
            let to = Recipient::Phone(m, yiwang_domain::Lang::ZhHans);
            app.store.notify(tx, &to, &notice).await?;
        }
    }
    Ok(())
}
