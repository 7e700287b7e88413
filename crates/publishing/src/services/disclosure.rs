//! Disclosure on request (依申请公开, PUB-3): registering a request with its receipt and due
//! day on the platform's calendar; the department asking for clarification (the clock stops,
//! and starts again from the clarified request, §30), extending once, answering with a statutory answer type; the requester clarifying;
//! late requests told to the region's supervisors; the annual report.

use yiwang_domain::auth::{Permission, Scope};
use yiwang_domain::deadline::{Deadline, Pause};
use yiwang_domain::disclosure::{AnswerType, RequestInput, Step, decide, due};
use yiwang_domain::forms::FileType;
use yiwang_domain::ids::DisclosureFileId;
use yiwang_domain::ids::{DepartmentId, DisclosureId};
use yiwang_domain::notification::Notice;
use yiwang_domain::{ErrorCode, FieldCode, Timestamp};
use yiwang_files::{FileStore, ScanVerdict};
use yiwang_store::Store;
use yiwang_store::disclosure::DisclosureFile;
use yiwang_store::disclosure::{DisclosureChange, DisclosureRow};
use yiwang_store::notify::Recipient;

use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;

fn due_day(d: Deadline) -> Option<time::Date> {
    match d {
        Deadline::Due { date, .. } => Some(date),
        Deadline::Paused { .. } => None,
    }
}

fn tell(kind: &str, row: &DisclosureRow) -> Notice {
    let (title, body) = match kind {
        "clarify" => (
            "政府信息公开申请需要补正".to_owned(),
            format!(
                "您的政府信息公开申请（{}）需要说明清楚：{}。请登录后在“我的政府信息公开申请”中补正，补正前办理期限暂停计算。",
                row.receipt,
                row.clarify_note.trim_end_matches(['。', '.', '！', '!'])
            ),
        ),
        _ => (
            "政府信息公开申请已答复".to_owned(),
            format!(
                "{}已答复您的政府信息公开申请（{}），请登录后在“我的政府信息公开申请”中查看。",
                row.department_name, row.receipt
            ),
        ),
    };
    Notice::Text { title, body }
}

/// Registers a citizen's request: received today, due in 20 working days.
pub async fn ask(
    app: &AppState,
    caller: &Caller,
    input: &RequestInput,
) -> Result<DisclosureId, Error> {
    let me = caller.principal.account().ok_or_else(Error::forbidden)?;
    let req = input
        .check()
        .map_err(|e| Error::Domain(yiwang_domain::Error::invalid(e)))?;
    let known = app
        .store
        .departments_under(&app.config.root_region)
        .await?
        .iter()
        .any(|d| d.id == req.department);
    if !known {
        return Err(Error::field("department", FieldCode::UnknownDepartment));
    }
    let today = Timestamp::now().beijing_date();
    let calendar = app.store.calendar().await?;
    let due_on = due_day(due(&calendar, today, false, &[]));
    let mut tx = app.store.begin().await?;
    let id = app
        .store
        .insert_disclosure(&mut tx, me, &req, today, due_on)
        .await?;
    yiwang_store::commit(tx).await?;
    Ok(id)
}

/// The caller's own request; not found for anyone else's.
pub async fn mine(
    app: &AppState,
    caller: &Caller,
    id: DisclosureId,
) -> Result<DisclosureRow, Error> {
    let me = caller.principal.account().ok_or_else(Error::forbidden)?;
    app.store
        .disclosure(id)
        .await?
        .filter(|r| r.account_id == me)
        .ok_or_else(Error::not_found)
}

async fn scope(app: &AppState, d: DepartmentId) -> Result<Scope, Error> {
    let dept = app.store.department(d).await?;
    Ok(Scope::department(d, dept.region))
}

/// A request of a department the caller answers for; not found otherwise.
pub async fn for_staff(
    app: &AppState,
    caller: &Caller,
    id: DisclosureId,
) -> Result<DisclosureRow, Error> {
    let row = app
        .store
        .disclosure(id)
        .await?
        .ok_or_else(Error::not_found)?;
    if !caller.principal.may(
        Permission::AnswerDisclosure,
        &scope(app, row.department_id).await?,
    ) {
        return Err(Error::not_found());
    }
    Ok(row)
}

/// A step as the console's form sends it.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct StepInput {
    /// `clarify`, `extend` or `answer`.
    #[serde(default)]
    pub action: String,
    /// The question, the reason for extending, or the answer.
    #[serde(default)]
    pub text: String,
    /// For answers: the type.
    #[serde(default)]
    pub answer_type: String,
    /// For answers that withhold: why.
    #[serde(default)]
    pub reason: String,
    /// The revision the person saw.
    #[serde(default)]
    pub revision: i64,
}

fn refusal(r: yiwang_domain::disclosure::Refusal) -> Error {
    match r {
        yiwang_domain::disclosure::Refusal::WrongState => Error::code(ErrorCode::Conflict),
        yiwang_domain::disclosure::Refusal::Field(f, c) => Error::field(f, c),
    }
}

async fn pauses(app: &AppState, id: DisclosureId) -> Result<Vec<Pause>, Error> {
    Ok(app.store.disclosure_pauses(id).await?)
}

/// The department asks for clarification, extends once, or answers.
pub async fn act(
    app: &AppState,
    caller: &Caller,
    id: DisclosureId,
    s: &StepInput,
) -> Result<(), Error> {
    let row = for_staff(app, caller, id).await?;
    let by = caller.principal.account().ok_or_else(Error::forbidden)?;
    let text = s.text.trim().to_owned();
    let step = match s.action.as_str() {
        "clarify" => Step::AskClarification(text.clone()),
        "extend" => Step::Extend(text.clone()),
        "answer" => Step::Answer(
            AnswerType::parse(s.answer_type.trim())
                .ok_or_else(|| Error::field("answer_type", FieldCode::InvalidChoice))?,
            text.clone(),
            s.reason.trim().to_owned(),
        ),
        _ => return Err(Error::field("action", FieldCode::InvalidChoice)),
    };
    // The step's own field is the form's text box.
    let to = decide(row.state, row.extended, &step).map_err(|r| match r {
        yiwang_domain::disclosure::Refusal::Field("note", c) => Error::field("text", c),
        other => refusal(other),
    })?;
    let today = Timestamp::now().beijing_date();
    let calendar = app.store.calendar().await?;
    let mut tx = app.store.begin().await?;
    let mut change = DisclosureChange {
        state: Some(to),
        ..DisclosureChange::default()
    };
    match &step {
        Step::AskClarification(n) => {
            app.store.open_disclosure_pause(&mut tx, id, today).await?;
            change.clarify_note = Some(n.clone());
            change.due_on = Some(None);
        }
        Step::Extend(reason) => {
            change.extend_reason = Some(reason.clone());
            change.due_on = Some(due_day(due(
                &calendar,
                row.received_on,
                true,
                &pauses(app, id).await?,
            )));
        }
        Step::Answer(kind, answer, reason) => {
            let late = row.due_on.is_some_and(|d| today > d);
            change.answer = Some((*kind, answer.clone(), reason.clone(), today, by, late));
        }
        Step::Clarified(_) => {}
    }
    if !app
        .store
        .change_disclosure(&mut tx, id, s.revision, &change)
        .await?
    {
        return Err(Error::code(ErrorCode::Conflict));
    }
    let Some(after) = app.store.disclosure(id).await? else {
        return Err(Error::not_found());
    };
    let mut after = after;
    if let Step::AskClarification(n) = &step {
        after.clarify_note = n.clone();
    }
    let told = match &step {
        Step::AskClarification(_) => Some(tell("clarify", &after)),
        Step::Answer(..) => Some(tell("answer", &after)),
        _ => None,
    };
    if let Some(n) = told {
        app.store
            .notify(&mut tx, &Recipient::Account(row.account_id), &n)
            .await?;
    }
    yiwang_store::commit(tx).await?;
    app.wake_jobs.notify_one();
    Ok(())
}

/// The largest file a department attaches to an answer.
pub const MAX_ANSWER_FILE: usize = 20 * 1024 * 1024;

/// The department attaches a file to its answer (before or after answering): a PDF, JPEG or
/// PNG judged by its bytes, scanned, at most 20 MB. The requester can download it once the
/// request is answered.
pub async fn attach(
    app: &AppState,
    caller: &Caller,
    id: DisclosureId,
    bytes: Vec<u8>,
) -> Result<DisclosureFileId, Error> {
    for_staff(app, caller, id).await?;
    let by = caller.principal.account().ok_or_else(Error::forbidden)?;
    let kind = if bytes.is_empty() {
        return Err(Error::field("file", FieldCode::Required));
    } else if bytes.len() > MAX_ANSWER_FILE {
        return Err(Error::field("file", FieldCode::FileTooLarge));
    } else {
        match FileType::sniff(&bytes) {
            Some(t @ (FileType::Pdf | FileType::Jpeg | FileType::Png)) => t,
            _ => return Err(Error::field("file", FieldCode::FileType)),
        }
    };
    let files = app.part::<FileStore>()?;
    if files.scan(&bytes) == ScanVerdict::Infected {
        tracing::warn!("a file for a disclosure answer was refused by the virus scanner");
        return Err(Error::field("file", FieldCode::FileType));
    }
    let fid = DisclosureFileId::generate();
    let file = DisclosureFile {
        id: fid,
        file_type: kind.as_str().to_owned(),
        size: bytes.len() as i64,
        file_key: format!("disclosure/{fid}"),
    };
    files
        .put(&file.file_key, &bytes)
        .await
        .map_err(Error::internal)?;
    app.store.add_disclosure_file(id, &file, by).await?;
    Ok(file.id)
}

/// One attached file's bytes: to the department's staff always, to the requester once the
/// request is answered; "not found" to anyone else.
pub async fn file(
    app: &AppState,
    caller: &Caller,
    id: DisclosureId,
    file: DisclosureFileId,
    as_staff: bool,
) -> Result<(DisclosureFile, Vec<u8>), Error> {
    if as_staff {
        for_staff(app, caller, id).await?;
    } else {
        let row = mine(app, caller, id).await?;
        if row.state != yiwang_domain::disclosure::RequestState::Answered {
            return Err(Error::not_found());
        }
    }
    let f = app
        .store
        .disclosure_files(id)
        .await?
        .into_iter()
        .find(|f| f.id == file)
        .ok_or_else(Error::not_found)?;
    let bytes = app
        .part::<FileStore>()?
        .get(&f.file_key)
        .await
        .map_err(Error::internal)?
        .ok_or_else(Error::not_found)?;
    Ok((f, bytes))
}

/// The requester makes the request clear: the clock runs again.
pub async fn clarify(
    app: &AppState,
    caller: &Caller,
    id: DisclosureId,
    text: &str,
    revision: i64,
) -> Result<(), Error> {
    let row = mine(app, caller, id).await?;
    let text = text.trim().to_owned();
    let to =
        decide(row.state, row.extended, &Step::Clarified(text.clone())).map_err(|r| match r {
            yiwang_domain::disclosure::Refusal::Field(_, c) => Error::field("text", c),
            other => refusal(other),
        })?;
    // The clock starts again from the clarified request (政府信息公开条例 §30).
    let today = Timestamp::now().beijing_date();
    let calendar = app.store.calendar().await?;
    let mut tx = app.store.begin().await?;
    app.store.close_disclosure_pause(&mut tx, id, today).await?;
    let change = DisclosureChange {
        state: Some(to),
        clarify_answer: Some(text),
        clock_start: Some(today),
        due_on: Some(due_day(due(&calendar, today, row.extended, &[]))),
        ..DisclosureChange::default()
    };
    if !app
        .store
        .change_disclosure(&mut tx, id, revision, &change)
        .await?
    {
        return Err(Error::code(ErrorCode::Conflict));
    }
    yiwang_store::commit(tx).await?;
    Ok(())
}

/// Tells the supervisors over each late request's department, once. Returns how many.
pub async fn watch(store: &Store) -> Result<usize, Error> {
    let today = Timestamp::now().beijing_date();
    let mut n = 0;
    for r in store.overdue_disclosures(today).await? {
        let dept = store.department(r.department_id).await?;
        let supervisors = store.supervisors_over(dept.region.as_str()).await?;
        let mut tx = store.begin().await?;
        if store.mark_disclosure_overdue_told(&mut tx, r.id).await? {
            let notice = Notice::Text {
                title: "政府信息公开申请已超期".to_owned(),
                body: format!(
                    "{}的政府信息公开申请（{}）应于{}前答复，现已超期，请督办。",
                    r.department_name,
                    r.receipt,
                    r.due_on.map(|d| d.to_string()).unwrap_or_default()
                ),
            };
            for s in &supervisors {
                store
                    .notify(&mut tx, &Recipient::Account(*s), &notice)
                    .await?;
            }
            n += 1;
        }
        yiwang_store::commit(tx).await?;
    }
    Ok(n)
}
