//! Writing documents and moving them through review to publication (PUB-1…3).

use yiwang_domain::audit::AuditAction;
use yiwang_domain::forms::FileType;
use yiwang_domain::ids::{DocId, DocImageId};
use yiwang_domain::publishing::{
    self, Doc, DocInput, DocKind, DocState, Refusal, Step, Who, decide, may_edit,
};
use yiwang_domain::{ErrorCode, FieldCode, FieldErrors, Timestamp};
use yiwang_files::FileStore;
use yiwang_store::publishing::{ColumnRow, DocRow, ImageRow, NewDoc};

use super::{markdown, who, writer_home};
use yiwang_kit::audit::{Target, record};
use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;

/// Largest picture.
pub const MAX_IMAGE: usize = 5 * 1024 * 1024;

fn invalid(e: FieldErrors) -> Error {
    Error::Domain(yiwang_domain::Error::invalid(e))
}

/// The column, or a field error on `column`.
pub async fn column(app: &AppState, code: &str) -> Result<ColumnRow, Error> {
    app.store
        .doc_columns()
        .await?
        .into_iter()
        .find(|c| c.code == code)
        .ok_or_else(|| Error::field("column", FieldCode::InvalidChoice))
}

/// Checks the words (and a policy document's metadata), the pictures' alt texts and that
/// the index number is free; renders the body.
async fn checked(
    app: &AppState,
    input: &DocInput,
    kind: DocKind,
    except: Option<DocId>,
) -> Result<(Doc, String), Error> {
    let mut e = FieldErrors::new();
    let doc = match input.check(kind) {
        Ok(d) => Some(d),
        Err(fe) => {
            e = fe;
            None
        }
    };
    if let Err(c) = markdown::check_images(&input.body) {
        e.add("body", c);
    }
    if let Some(p) = doc.as_ref().and_then(|d| d.policy.as_ref())
        && app.store.index_no_taken(&p.index_no, except).await?
    {
        e.add("index_no", FieldCode::CodeTaken);
    }
    if let Some(d) = &doc {
        for n in &d.interprets {
            let found = app.store.doc_by_index_no(n).await?;
            if !found.is_some_and(|p| p.kind == DocKind::Policy && Some(p.id) != except) {
                e.add("interprets", FieldCode::UnknownDocument);
                break;
            }
        }
        if !d.items.is_empty() && app.store.items_by_id(&d.items).await?.len() != d.items.len() {
            e.add("items", FieldCode::UnknownItem);
        }
    }
    let doc = match doc {
        Some(d) if e.is_empty() => d,
        _ => return Err(invalid(e)),
    };
    let html = markdown::render(&doc.body);
    Ok((doc, html))
}

fn target(
    row_id: DocId,
    region: &str,
    department: Option<yiwang_domain::ids::DepartmentId>,
    step: &str,
) -> Target {
    Target {
        kind: Some("document"),
        id: Some(row_id.to_string()),
        subject: None,
        region: yiwang_domain::region::RegionCode::parse(region).ok(),
        department,
        detail: Some(serde_json::json!({ "step": step })),
    }
}

/// Creates a draft in `column`, in the caller's region and department.
pub async fn create(
    app: &AppState,
    caller: &Caller,
    column_code: &str,
    input: &DocInput,
) -> Result<DocId, Error> {
    let (region, department) = writer_home(caller).ok_or_else(Error::forbidden)?;
    let by = caller.principal.account().ok_or_else(Error::forbidden)?;
    let col = column(app, column_code).await?;
    let (doc, html) = checked(app, input, col.kind, None).await?;
    let mut tx = app.store.begin().await?;
    let id = app
        .store
        .create_doc(
            &mut tx,
            &NewDoc {
                kind: col.kind,
                column: &col.code,
                region_code: region.as_str(),
                department_id: department,
                doc: &doc,
                body_html: &html,
                by,
            },
        )
        .await?;
    record(
        &app.store,
        caller,
        &mut tx,
        AuditAction::DocumentChanged,
        target(id, region.as_str(), department, "create"),
    )
    .await?;
    yiwang_store::commit(tx).await?;
    Ok(id)
}

/// A document and what the caller may do with it, for the console; not found for anyone who
/// may neither write nor review it.
pub async fn for_staff(app: &AppState, caller: &Caller, id: DocId) -> Result<(DocRow, Who), Error> {
    let row = app.store.doc(id).await?.ok_or_else(Error::not_found)?;
    let w = who(caller, &row)?;
    if !(w.writes || w.reviews) {
        return Err(Error::not_found());
    }
    Ok((row, w))
}

/// A document as readers see it: published, or withdrawn (its page says so).
pub async fn for_reader(app: &AppState, id: DocId) -> Result<DocRow, Error> {
    app.store
        .doc(id)
        .await?
        .filter(|r| matches!(r.state, DocState::Published | DocState::Withdrawn))
        .ok_or_else(Error::not_found)
}

/// Saves new words for a draft, or corrects a published document (a reviewer, with a note
/// saying what was corrected). `revision` is the one the editor started from.
pub async fn save(
    app: &AppState,
    caller: &Caller,
    id: DocId,
    revision: i64,
    input: &DocInput,
    correction_note: &str,
) -> Result<(), Error> {
    let (row, w) = for_staff(app, caller, id).await?;
    let by = caller.principal.account().ok_or_else(Error::forbidden)?;
    if !may_edit(row.state, w) {
        return Err(if w.writes {
            Error::code(ErrorCode::Conflict)
        } else {
            Error::forbidden()
        });
    }
    let correction = row.state == DocState::Published;
    let note = if correction {
        match yiwang_domain::account::check_plain_text(correction_note, 2, publishing::MAX_NOTE) {
            Ok(n) => Some(n),
            Err(c) => {
                let mut e = match checked(app, input, row.kind, Some(id)).await {
                    Err(Error::Domain(d)) => d.fields,
                    _ => FieldErrors::new(),
                };
                e.add("correction_note", c);
                return Err(invalid(e));
            }
        }
    } else {
        None
    };
    let (doc, html) = checked(app, input, row.kind, Some(id)).await?;
    let mut tx = app.store.begin().await?;
    if !app
        .store
        .save_doc_words(&mut tx, id, revision, &doc, &html, note.as_deref(), by)
        .await?
    {
        return Err(Error::code(ErrorCode::Conflict));
    }
    let step = if correction { "correct" } else { "save" };
    app.store
        .add_doc_event(
            &mut tx,
            id,
            step,
            note.as_deref().unwrap_or_default(),
            Some(by),
        )
        .await?;
    record(
        &app.store,
        caller,
        &mut tx,
        AuditAction::DocumentChanged,
        target(id, &row.region_code, row.department_id, step),
    )
    .await?;
    yiwang_store::commit(tx).await?;
    super::forget_front(app);
    Ok(())
}

/// A step as the console's form sends it.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct StepInput {
    /// `submit`, `approve`, `send_back`, `unschedule`, `withdraw`.
    #[serde(default)]
    pub action: String,
    /// The reviewer's comment, or the reason for withdrawing.
    #[serde(default)]
    pub note: String,
    /// Publish at (Beijing time, `YYYY-MM-DDTHH:MM`); empty: at once.
    #[serde(default)]
    pub publish_at: String,
    /// The revision the person saw.
    #[serde(default)]
    pub revision: i64,
}

/// Reads `YYYY-MM-DDTHH:MM` (what a `datetime-local` input sends) as Beijing time.
pub fn parse_beijing(v: &str) -> Option<Timestamp> {
    let v = v.trim();
    let (date, clock) = v.split_once('T').or_else(|| v.split_once(' '))?;
    let date = yiwang_domain::deadline::parse_date(date)?;
    let mut parts = clock.split(':');
    let h: u8 = parts.next()?.parse().ok()?;
    let m: u8 = parts.next()?.parse().ok()?;
    let t = time::Time::from_hms(h, m, 0).ok()?;
    let at = time::PrimitiveDateTime::new(date, t).assume_offset(time::macros::offset!(+8));
    Some(Timestamp(
        i64::try_from(at.unix_timestamp_nanos() / 1_000_000).ok()?,
    ))
}

fn refusal(r: Refusal) -> Error {
    match r {
        Refusal::NotAllowed => Error::forbidden(),
        Refusal::OwnDocument => Error::field("action", FieldCode::SelfReference),
        Refusal::WrongState => Error::code(ErrorCode::Conflict),
        Refusal::Field(f, c) => Error::field(f, c),
    }
}

/// Takes an editorial step; returns the new state.
pub async fn step(
    app: &AppState,
    caller: &Caller,
    id: DocId,
    input: &StepInput,
) -> Result<DocState, Error> {
    let (row, w) = for_staff(app, caller, id).await?;
    let by = caller.principal.account().ok_or_else(Error::forbidden)?;
    let note = input.note.trim().to_owned();
    let step = match input.action.as_str() {
        "submit" => Step::Submit,
        "approve" => match input.publish_at.trim() {
            "" => Step::Approve(None),
            v => Step::Approve(Some(
                parse_beijing(v)
                    .ok_or_else(|| Error::field("publish_at", FieldCode::InvalidDate))?,
            )),
        },
        "send_back" => Step::SendBack(note.clone()),
        "unschedule" => Step::Unschedule,
        "withdraw" => Step::Withdraw(note.clone()),
        "pick" => Step::Pick(true),
        "unpick" => Step::Pick(false),
        _ => return Err(Error::field("action", FieldCode::InvalidChoice)),
    };
    let to = decide(row.state, &step, w, Timestamp::now()).map_err(refusal)?;
    let publish_at = match &step {
        Step::Approve(at) => *at,
        _ => None,
    };
    let name = match (&step, to) {
        (Step::Approve(_), DocState::Scheduled) => "schedule",
        (Step::Approve(_), _) => "publish",
        _ => input.action.as_str(),
    };
    let mut tx = app.store.begin().await?;
    if let Step::Pick(picked) = &step {
        app.store.set_doc_pick(&mut tx, id, *picked).await?;
    } else if !app
        .store
        .set_doc_state(&mut tx, id, input.revision, to, publish_at, &note)
        .await?
    {
        return Err(Error::code(ErrorCode::Conflict));
    }
    app.store
        .add_doc_event(&mut tx, id, name, &note, Some(by))
        .await?;
    if to == DocState::Published && !matches!(step, Step::Pick(_)) {
        super::subscriptions::enqueue(&app.store, &mut tx, id).await?;
    }
    record(
        &app.store,
        caller,
        &mut tx,
        AuditAction::DocumentChanged,
        target(id, &row.region_code, row.department_id, name),
    )
    .await?;
    yiwang_store::commit(tx).await?;
    super::forget_front(app);
    Ok(to)
}

/// Publishes every scheduled document whose time has come (the platform's own step, run by
/// a durable scheduled job: what was scheduled before a restart is published after it).
/// Returns how many were published.
pub async fn publish_due(store: &yiwang_store::Store, now: Timestamp) -> Result<usize, Error> {
    let system = Who {
        writes: false,
        reviews: false,
        is_author: false,
        system: true,
    };
    let mut n = 0;
    for row in store.docs_due(now, 100).await? {
        let Ok(to) = decide(row.state, &Step::PublishDue, system, now) else {
            continue;
        };
        let mut tx = store.begin().await?;
        // Another instance may have published it a moment ago: the revision check tells.
        if store
            .set_doc_state(&mut tx, row.id, row.revision, to, row.publish_at, "")
            .await?
        {
            store
                .add_doc_event(&mut tx, row.id, "publish", "", None)
                .await?;
            super::subscriptions::enqueue(store, &mut tx, row.id).await?;
            yiwang_store::commit(tx).await?;
            n += 1;
        }
    }
    Ok(n)
}

/// Keeps an uploaded picture (JPEG or PNG, judged by its bytes) with its alt text; returns
/// its id (its address is `/news/images/{id}`).
pub async fn upload_image(
    app: &AppState,
    caller: &Caller,
    bytes: Vec<u8>,
    alt: &str,
) -> Result<DocImageId, Error> {
    writer_home(caller).ok_or_else(Error::forbidden)?;
    let by = caller.principal.account().ok_or_else(Error::forbidden)?;
    let mut e = FieldErrors::new();
    let alt = e.check("alt", yiwang_domain::account::check_plain_text(alt, 2, 120));
    let kind = if bytes.is_empty() {
        e.add("image", FieldCode::Required);
        None
    } else if bytes.len() > MAX_IMAGE {
        e.add("image", FieldCode::FileTooLarge);
        None
    } else {
        match FileType::sniff(&bytes) {
            Some(t @ (FileType::Jpeg | FileType::Png)) => Some(t),
            _ => {
                e.add("image", FieldCode::FileType);
                None
            }
        }
    };
    let (Some(alt), Some(kind)) = (alt, kind) else {
        return Err(invalid(e));
    };
    let id = DocImageId::generate();
    let key = format!("docs/{id}");
    app.part::<FileStore>()?
        .put(&key, &bytes)
        .await
        .map_err(Error::internal)?;
    let mut tx = app.store.begin().await?;
    app.store
        .add_doc_image(
            &mut tx,
            &ImageRow {
                id,
                file_key: key,
                content_type: kind.mime().to_owned(),
                alt,
            },
            by,
        )
        .await?;
    yiwang_store::commit(tx).await?;
    Ok(id)
}
