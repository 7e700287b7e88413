//! Investors' inquiries (REG-2): a signed-in citizen (or an enterprise's agent, who signs in
//! as a citizen) asks a region's investment office — the department its editors named — and
//! the answer is due in [`ANSWER_DAYS`] working days on the platform's calendar. Staff of
//! that department holding `answer_investment` see the queue and answer once; the investor
//! reads the answer in their account and gets an inbox notice. The investor's name, phone and
//! company are kept encrypted; only the office's staff read them; one investor never sees
//! another's inquiry (not found).

use serde_json::json;
use yiwang_domain::audit::AuditAction;
use yiwang_domain::auth::{Permission, Scope};
use yiwang_domain::deadline::Deadline;
use yiwang_domain::identity::{Mobile, PersonName};
use yiwang_domain::ids::{AccountId, InvestInquiryId, ProjectId};
use yiwang_domain::notification::Notice;
use yiwang_domain::notification::service::ServiceNotice;
use yiwang_domain::region::RegionCode;
use yiwang_domain::{Error as DomainError, ErrorCode, FieldCode, FieldErrors, Timestamp};
use yiwang_kit::audit::{self, Target, commit_audited};
use yiwang_kit::caller::Caller;
use yiwang_kit::console::departments_granted;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;
use yiwang_store::departments::Department;
use yiwang_store::notify::Recipient;
use yiwang_store::portals::{InvestInquiryRow, InvestorContact, NewInvestInquiry};

use crate::rules::{ANSWER_DAYS, INQUIRY_MAX, check_text};

/// The investor's form as typed.
#[derive(Debug, Clone, Default)]
pub struct AskInput {
    /// The project asked about (an id, or empty).
    pub project: String,
    /// Subject.
    pub subject: String,
    /// Question.
    pub body: String,
    /// Their name.
    pub name: String,
    /// Their mobile number.
    pub phone: String,
    /// Their company (optional).
    pub company: String,
}

/// A region's investment office, if its editors named one (and it is still active).
pub async fn office(app: &AppState, code: &RegionCode) -> Result<Option<Department>, Error> {
    let Some(page) = app.store.portal_page(code.as_str()).await? else {
        return Ok(None);
    };
    let Some(id) = page.content.invest_office else {
        return Ok(None);
    };
    Ok(app.store.department(id).await.ok())
}

fn investor(caller: &Caller) -> Result<AccountId, Error> {
    caller
        .principal
        .citizen()
        .ok_or_else(|| Error::code(ErrorCode::Unauthenticated))
}

/// Sends an investor's inquiry to the region's investment office; returns it and its due day.
pub async fn ask(
    app: &AppState,
    caller: &Caller,
    code: &RegionCode,
    input: &AskInput,
) -> Result<(InvestInquiryId, String), Error> {
    let account = investor(caller)?;
    super::region(app, code).await?;
    let office = office(app, code).await?.ok_or_else(Error::not_found)?;
    let mut e = FieldErrors::new();
    let project = match input.project.trim() {
        "" => Some(None),
        s => match s.parse::<ProjectId>() {
            Ok(id) => match app.store.project(id).await? {
                Some(p) if p.published && p.region == code.as_str() => Some(Some(id)),
                _ => {
                    e.add("project", FieldCode::UnknownChoice);
                    None
                }
            },
            Err(_) => {
                e.add("project", FieldCode::UnknownChoice);
                None
            }
        },
    };
    let subject = e.check(
        "subject",
        yiwang_domain::account::check_plain_text(&input.subject, 2, 60),
    );
    let body = e.check("body", check_text(&input.body, 5, INQUIRY_MAX));
    let name = e.check("name", PersonName::parse(&input.name));
    let phone = e.check("phone", Mobile::parse(&input.phone));
    let company = e.check(
        "company",
        yiwang_domain::account::check_plain_text(&input.company, 0, 60),
    );
    let (Some(project), Some(subject), Some(body), Some(name), Some(phone), Some(company), true) =
        (project, subject, body, name, phone, company, e.is_empty())
    else {
        return Err(DomainError::invalid(e).into());
    };
    let today = Timestamp::now().beijing_date();
    let due = match app
        .store
        .calendar()
        .await?
        .deadline(today, ANSWER_DAYS, &[])
    {
        Deadline::Due { date, .. } => date,
        Deadline::Paused { .. } => today,
    }
    .to_string();
    let contact = InvestorContact {
        name: name.expose().to_owned(),
        phone: phone.expose().to_owned(),
        company,
    };
    let mut tx = app.store.begin().await?;
    let id = app
        .store
        .insert_invest_inquiry(
            &mut tx,
            &NewInvestInquiry {
                region: code.as_str(),
                project,
                department: office.id,
                account,
                contact: &contact,
                subject: &subject,
                body: &body,
                due_on: &due,
            },
        )
        .await?;
    let target = Target {
        kind: Some("invest_inquiry"),
        id: Some(id.to_string()),
        subject: Some(account),
        region: Some(code.clone()),
        department: Some(office.id),
        detail: Some(json!({ "due_on": due })),
    };
    commit_audited(&app.store, caller, tx, AuditAction::InvestmentAsked, target).await?;
    Ok((id, due))
}

/// The caller's own inquiries.
pub async fn mine(app: &AppState, caller: &Caller) -> Result<Vec<InvestInquiryRow>, Error> {
    Ok(app.store.invest_inquiries_of(investor(caller)?).await?)
}

/// One of the caller's own inquiries (not found for anyone else's).
pub async fn mine_one(
    app: &AppState,
    caller: &Caller,
    id: InvestInquiryId,
) -> Result<InvestInquiryRow, Error> {
    let me = investor(caller)?;
    app.store
        .invest_inquiry(id)
        .await?
        .filter(|r| r.account == me)
        .ok_or_else(Error::not_found)
}

/// The inquiries of the departments where the caller answers investors.
pub async fn queue(app: &AppState, caller: &Caller) -> Result<Vec<InvestInquiryRow>, Error> {
    let mine = departments_granted(app, caller, Permission::AnswerInvestment).await?;
    Ok(app.store.invest_queue(&mine).await?)
}

/// An inquiry for its office's staff, with the investor's contact details (forbidden for
/// anyone else).
pub async fn for_office(
    app: &AppState,
    caller: &Caller,
    id: InvestInquiryId,
) -> Result<(InvestInquiryRow, Department, InvestorContact), Error> {
    let row = app
        .store
        .invest_inquiry(id)
        .await?
        .ok_or_else(Error::not_found)?;
    let dept = app.store.department(row.department).await?;
    caller.principal.require(
        Permission::AnswerInvestment,
        &Scope::department(dept.id, dept.region.clone()),
    )?;
    let contact = app.store.invest_contact(id).await?;
    Ok((row, dept, contact))
}

/// Opens an inquiry for its office's staff: [`for_office`], recorded as a read of the
/// investor's personal data that the investor sees in their access log (ACC-4).
pub async fn open_for_office(
    app: &AppState,
    caller: &Caller,
    id: InvestInquiryId,
) -> Result<(InvestInquiryRow, Department, InvestorContact), Error> {
    let found = for_office(app, caller, id).await?;
    let (row, dept, _) = &found;
    let tx = app.store.begin().await?;
    let target = Target {
        kind: Some("invest_inquiry"),
        id: Some(id.to_string()),
        subject: Some(row.account),
        region: RegionCode::parse(&row.region).ok(),
        department: Some(dept.id),
        detail: Some(json!({ "fields": ["name", "phone", "company"] })),
    };
    commit_audited(
        &app.store,
        caller,
        tx,
        AuditAction::InvestmentContactRead,
        target,
    )
    .await?;
    Ok(found)
}

/// Answers an inquiry once; the investor is told in their inbox.
pub async fn reply(
    app: &AppState,
    caller: &Caller,
    id: InvestInquiryId,
    text: &str,
) -> Result<(), Error> {
    let (row, dept, _) = for_office(app, caller, id).await?;
    let by = caller.principal.account().ok_or_else(Error::forbidden)?;
    let text = check_text(text, 2, INQUIRY_MAX).map_err(|c| Error::field("reply", c))?;
    if row.reply.is_some() {
        return Err(Error::code(ErrorCode::Conflict));
    }
    let mut tx = app.store.begin().await?;
    app.store
        .reply_invest_inquiry(&mut tx, id, &text, by)
        .await?;
    app.store
        .notify(
            &mut tx,
            &Recipient::Account(row.account),
            &Notice::Service(ServiceNotice::InvestmentAnswered {
                subject: row.subject.clone(),
                office: dept.name.clone(),
            }),
        )
        .await?;
    let target = Target {
        kind: Some("invest_inquiry"),
        id: Some(id.to_string()),
        subject: Some(row.account),
        region: RegionCode::parse(&row.region).ok(),
        department: Some(dept.id),
        detail: None,
    };
    audit::record(
        &app.store,
        caller,
        &mut tx,
        AuditAction::InvestmentAnswered,
        target,
    )
    .await?;
    yiwang_store::commit(tx).await?;
    Ok(())
}

/// "What waits for me" on the console's home: the caller's offices' unanswered inquiries and,
/// of those, the overdue ones (none for anyone who answers no investors).
pub async fn tally(
    app: &AppState,
    caller: &Caller,
) -> Result<Vec<yiwang_kit::table::TallyLine>, Error> {
    use crate::texts::PortalTexts;
    let mine = departments_granted(app, caller, Permission::AnswerInvestment).await?;
    if mine.is_empty() {
        return Ok(Vec::new());
    }
    let rows = app.store.invest_queue(&mine).await?;
    let today = Timestamp::now().beijing_date().to_string();
    let open: Vec<&InvestInquiryRow> = rows.iter().filter(|r| r.reply.is_none()).collect();
    let overdue = open.iter().filter(|r| r.due_on < today).count() as i64;
    let t = caller.t();
    Ok(vec![
        yiwang_kit::table::TallyLine {
            label: t.console_tally_open().into(),
            count: open.len() as i64,
            href: "/console/investment".into(),
            urgent: false,
        },
        yiwang_kit::table::TallyLine {
            label: t.console_tally_overdue().into(),
            count: overdue,
            href: "/console/investment".into(),
            urgent: true,
        },
    ])
}
