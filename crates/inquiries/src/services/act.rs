//! Every step after asking (INQ-2…4): the dispatch desk routes and merges, the department
//! acknowledges, handles, transfers, pauses, replies; its admin reviews replies; helpers add
//! findings; supervisors decide past the transfer limit and answer reviews; the asker adds what
//! was asked for, gives a verdict and asks for a review. `domain::inquiry::decide` says whether
//! a step is allowed; here the clock's days are counted on the official calendar, and the
//! change, its history entry, files, counters and notices are written in one transaction
//! under a revision guard (two handlers acting at once: the first wins, the second is told).

use time::Date;
use yiwang_domain::auth::Permission;
use yiwang_domain::ids::{AccountId, InquiryId, UploadId};
use yiwang_domain::inquiry::league::Counts;
use yiwang_domain::inquiry::{
    Action, Actor, Clock, EventKind, InquiryState, InquiryView, Kind, Verdict, decide,
};
use yiwang_domain::notification::Notice;
use yiwang_domain::notification::inquiry::InquiryNotice;
use yiwang_domain::{ErrorCode, FieldCode, Timestamp};
use yiwang_files::FileStore;
use yiwang_store::Tx;
use yiwang_store::inquiries::InquiryRow;
use yiwang_store::inquiries::history::{EventActor, InquiryFile, NewEvent};
use yiwang_store::notify::Recipient;

use super::submit::{MAX_PHOTO_BYTES, Photo};
use super::{category, department_scope, due, reply_span, staff_actors, tell_askers};
use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;

/// The most files with a reply, a finding or a supplement.
pub const MAX_FILES: usize = 9;

/// Who the step is taken by.
#[derive(Debug, Clone, Copy)]
enum By {
    /// A staff member, in the strongest role that allows the step.
    Staff(AccountId),
    /// The asker of `rater` (their own inquiry, which may be merged into this one).
    Asker(InquiryId),
    /// The platform.
    System,
}

/// A staff member's step. `revision` is the one their page showed (`None`: the current one,
/// for the API without it); a change since is `conflict`.
pub async fn staff_act(
    app: &AppState,
    caller: &Caller,
    id: InquiryId,
    revision: Option<i64>,
    action: Action,
    files: Vec<Photo>,
) -> Result<InquiryRow, Error> {
    let (account, _) = caller.principal.staff().ok_or_else(Error::forbidden)?;
    let row = app.store.inquiry(id).await?.ok_or_else(Error::not_found)?;
    let actors = staff_actors(app, caller, &row).await?;
    if actors.is_empty() {
        return Err(Error::not_found());
    }
    let mut last = Error::forbidden();
    for actor in actors {
        match step(
            app,
            &row,
            revision,
            actor,
            By::Staff(account),
            &action,
            &files,
        )
        .await
        {
            Err(Error::Domain(e)) if e.code == ErrorCode::Forbidden => {
                last = Error::Domain(e);
            }
            other => return other,
        }
    }
    Err(last)
}

/// The asker's step on their own inquiry (or, merged, on the one that carries on for it).
pub async fn asker_act(
    app: &AppState,
    own: &InquiryRow,
    action: Action,
    files: Vec<Photo>,
) -> Result<InquiryRow, Error> {
    let target = match own.master_id {
        Some(master) => app
            .store
            .inquiry(master)
            .await?
            .ok_or_else(Error::not_found)?,
        None => own.clone(),
    };
    step(
        app,
        &target,
        None,
        Actor::Submitter,
        By::Asker(own.id),
        &action,
        &files,
    )
    .await
}

/// The platform closes a replied inquiry whose verdict window has passed.
pub async fn close(app: &AppState, row: &InquiryRow) -> Result<InquiryRow, Error> {
    step(
        app,
        row,
        None,
        Actor::System,
        By::System,
        &Action::Close,
        &[],
    )
    .await
}

async fn step(
    app: &AppState,
    row: &InquiryRow,
    revision: Option<i64>,
    actor: Actor,
    by: By,
    action: &Action,
    files: &[Photo],
) -> Result<InquiryRow, Error> {
    let s = &app.store;
    let settings = s.inquiry_settings().await?;
    let today = Timestamp::now().beijing_date();
    let round = row.reopened;
    let rater_has_rated = match by {
        By::Asker(own) => s.inquiry_rating(own, round).await?.is_some(),
        _ => false,
    };
    let view = InquiryView {
        kind: row.kind,
        state: row.state,
        department: row.department_id,
        transfers: row.transfers as u32,
        reopened: row.reopened as u32,
        extended: row.extended,
        accepted: row.accepted_on.is_some(),
        review_requested: row.review_requested,
        replies_reviewed: row.replies_reviewed,
        replied_on: row.replied_on,
        rater_has_rated,
    };
    let outcome = decide(&view, actor, action, &settings, today)?;
    let action = action.checked()?;
    check_targets(app, row, &action).await?;
    if files.len() > MAX_FILES {
        return Err(Error::field("files", FieldCode::TooMany));
    }
    let stored = store_files(app, files).await?;

    let mut tx = s.begin().await?;
    let current = s.inquiry_for_update(&mut tx, row.id).await?;
    if current.revision != revision.unwrap_or(row.revision) {
        return Err(Error::code(ErrorCode::Conflict));
    }
    let mut next = current.clone();
    next.state = outcome.next;
    next.department_id = outcome.department;
    match outcome.event {
        EventKind::Transferred => next.transfers += 1,
        EventKind::Reopened => next.reopened += 1,
        EventKind::Extended => next.extended = true,
        EventKind::Accepted => next.accepted_on = Some(today),
        EventKind::ReviewRequested => next.review_requested = true,
        _ => {}
    }
    if let Action::Merge { into } = &action {
        next.master_id = Some(*into);
    }
    if let Action::Reply { text } = &action
        && outcome.event == EventKind::Replied
    {
        next.reply = Some(text.clone());
        next.replied_on = Some(today);
    }
    if outcome.event == EventKind::ReplyDrafted
        && let Action::Reply { text } = &action
    {
        next.reply = Some(text.clone());
    }
    if action == Action::ApproveReply {
        next.replied_on = Some(today);
    }
    clock(app, &mut tx, &current, &mut next, outcome.clock, today).await?;
    if !s.update_inquiry(&mut tx, &next, current.revision).await? {
        return Err(Error::code(ErrorCode::Conflict));
    }
    let event_actor = match by {
        By::Staff(a) => EventActor::Staff(a),
        By::Asker(_) => EventActor::Submitter,
        By::System => EventActor::System,
    };
    let detail = detail(&current, &action);
    let event = s
        .add_inquiry_event(
            &mut tx,
            &NewEvent {
                inquiry: current.id,
                kind: outcome.event,
                actor: event_actor,
                department: match &action {
                    Action::AddHelper { department } => Some(*department),
                    _ => outcome.department.or(current.department_id),
                },
                note: action.note(),
                detail,
            },
        )
        .await?;
    let role = match &action {
        Action::Reply { .. } => "reply",
        Action::AddFinding { .. } => "finding",
        _ => "supplement",
    };
    for (id, storage_key, kind, bytes, digest) in stored {
        s.add_inquiry_file(
            &mut tx,
            &InquiryFile {
                id,
                inquiry_id: current.id,
                event_id: Some(event),
                role: role.into(),
                storage_key,
                file_type: kind,
                bytes,
                sha256: digest,
            },
        )
        .await?;
    }
    side_effects(
        app,
        &mut tx,
        &current,
        &next,
        &action,
        outcome.event,
        by,
        today,
    )
    .await?;
    yiwang_store::commit(tx).await?;
    s.inquiry(current.id).await?.ok_or_else(Error::not_found)
}

/// The departments and inquiries an action names must exist (and make sense).
async fn check_targets(app: &AppState, row: &InquiryRow, action: &Action) -> Result<(), Error> {
    let department_exists = |d| async move {
        match app.store.department(d).await {
            Ok(_) => Ok(true),
            Err(yiwang_store::Error::Domain(e)) if e.code == ErrorCode::NotFound => Ok(false),
            Err(e) => Err(Error::from(e)),
        }
    };
    // The checks await the store, which a match guard cannot.
    #[allow(clippy::collapsible_match)]
    match action {
        Action::Route { to } | Action::Transfer { to, .. } => {
            if !department_exists(*to).await? {
                return Err(Error::field("to", FieldCode::UnknownDepartment));
            }
        }
        Action::AddHelper { department } => {
            if !department_exists(*department).await? {
                return Err(Error::field("department", FieldCode::UnknownDepartment));
            }
        }
        Action::Merge { into } => {
            let master = app.store.inquiry(*into).await?;
            let ok = master.is_some_and(|m| {
                m.id != row.id
                    && m.master_id.is_none()
                    && m.state != InquiryState::Merged
                    && m.state != InquiryState::Closed
            });
            if !ok {
                return Err(Error::field("into", FieldCode::InvalidChoice));
            }
        }
        _ => {}
    }
    Ok(())
}

type StoredFile = (UploadId, String, String, i64, String);

/// Replies, findings and supplements may carry images or PDFs.
async fn store_files(app: &AppState, files: &[Photo]) -> Result<Vec<StoredFile>, Error> {
    if files.is_empty() {
        return Ok(Vec::new());
    }
    let store = app.part::<FileStore>()?;
    let mut out = Vec::new();
    for f in files {
        if f.bytes.len() > MAX_PHOTO_BYTES {
            return Err(Error::field("files", FieldCode::FileTooLarge));
        }
        let kind = match yiwang_domain::forms::FileType::sniff(&f.bytes) {
            Some(
                t @ (yiwang_domain::forms::FileType::Jpeg
                | yiwang_domain::forms::FileType::Png
                | yiwang_domain::forms::FileType::Pdf),
            ) => t,
            _ => return Err(Error::field("files", FieldCode::FileType)),
        };
        let id = UploadId::generate();
        let key = format!("inquiries/{id}");
        store.put(&key, &f.bytes).await.map_err(Error::internal)?;
        out.push((
            id,
            key,
            kind.as_str().to_owned(),
            f.bytes.len() as i64,
            yiwang_crypto::sha256_hex(&f.bytes),
        ));
    }
    Ok(out)
}

/// The days: which due day runs now, counted on the calendar without the paused days.
async fn clock(
    app: &AppState,
    tx: &mut Tx,
    before: &InquiryRow,
    next: &mut InquiryRow,
    clock: Clock,
    today: Date,
) -> Result<(), Error> {
    let s = &app.store;
    let calendar = s.calendar().await?;
    let settings = s.inquiry_settings().await?;
    let cat = category(app, &before.category).await?;
    let limits = settings.limits(before.kind);
    match clock {
        Clock::Keep => {}
        Clock::StartAcknowledge => {
            next.ack_due = due(&calendar, limits.acknowledge, today, &[]);
            next.due_on = next.ack_due;
        }
        Clock::Acknowledged => next.due_on = next.reply_due,
        Clock::StartHandling | Clock::Restart | Clock::StartReview => {
            next.clock_start = today;
            next.reply_due = due(&calendar, reply_span(next, &cat, &settings), today, &[]);
            next.due_on = next.reply_due;
        }
        Clock::Pause => {
            s.open_inquiry_pause(tx, before.id, today).await?;
            next.due_on = None;
        }
        Clock::Resume => {
            s.close_inquiry_pause(tx, before.id, today).await?;
            let pauses = s.inquiry_pauses(tx, before.id).await?;
            let span = reply_span(next, &cat, &settings);
            next.reply_due = due(&calendar, span, next.clock_start, &pauses);
            next.due_on = next.reply_due;
        }
        Clock::Extend => {
            if let (Some(extension), Some(from)) = (limits.extension, next.reply_due) {
                next.reply_due = due(&calendar, extension, from, &[]);
                if next.state != InquiryState::Paused {
                    next.due_on = next.reply_due;
                }
            }
        }
        Clock::Stop => next.due_on = None,
    }
    // Back at the dispatch desk, or back from a rejected reply: the reply's day runs on.
    if clock == Clock::Keep
        && next.state != before.state
        && matches!(next.state, InquiryState::Dispatch | InquiryState::Handling)
    {
        next.due_on = next.reply_due;
    }
    if next.due_on != before.due_on {
        next.reminded_at = None;
        next.overdue_at = None;
    }
    Ok(())
}

fn detail(before: &InquiryRow, action: &Action) -> Option<serde_json::Value> {
    match action {
        Action::Route { to } => Some(serde_json::json!({ "to": to })),
        Action::Transfer { to, .. } => {
            Some(serde_json::json!({ "from": before.department_id, "to": to }))
        }
        Action::ReturnToDispatch { .. } => {
            Some(serde_json::json!({ "from": before.department_id }))
        }
        Action::Merge { into } => Some(serde_json::json!({ "into": into })),
        Action::Rate { verdict, .. } => Some(serde_json::json!({ "verdict": verdict })),
        _ => None,
    }
}

/// Counters, helpers, verdicts, merged inquiries and notices that follow a step.
#[allow(clippy::too_many_arguments)]
async fn side_effects(
    app: &AppState,
    tx: &mut Tx,
    before: &InquiryRow,
    after: &InquiryRow,
    action: &Action,
    event: EventKind,
    by: By,
    today: Date,
) -> Result<(), Error> {
    let s = &app.store;
    let mut counts = Counts::default();
    let mut counted_for = after.department_id.or(before.department_id);
    match event {
        EventKind::Routed | EventKind::Transferred => {
            counts.received = 1;
            counted_for = after.department_id;
        }
        EventKind::Acknowledged => {
            counts.acknowledged = 1;
            counts.acknowledged_on_time = i64::from(before.ack_due.is_none_or(|d| today <= d));
        }
        EventKind::Replied => {
            counts.replied = 1;
            counts.replied_on_time = i64::from(before.reply_due.is_none_or(|d| today <= d));
            let calendar = s.calendar().await?;
            let pauses = s.inquiry_pauses(tx, before.id).await?;
            counts.reply_days =
                i64::from(calendar.working_days_between(before.clock_start, today, &pauses));
        }
        _ => {}
    }
    if let Action::Rate { verdict, reason } = action
        && let By::Asker(own) = by
    {
        if !s
            .add_inquiry_rating(tx, own, before.reopened, *verdict, reason)
            .await?
        {
            return Err(Error::code(ErrorCode::Conflict));
        }
        counts.rated = 1;
        match verdict {
            Verdict::Satisfied => counts.satisfied = 1,
            Verdict::Basically => counts.basically = 1,
            Verdict::Unsatisfied => counts.unsatisfied = 1,
        }
        if event == EventKind::Reopened {
            counts.reopened = 1;
        }
    }
    if counts != Counts::default()
        && let Some(d) = counted_for
    {
        s.bump_inquiry_stats(tx, today, d, &before.region_code, &counts)
            .await?;
    }
    if let Action::AddHelper { department } = action {
        s.add_inquiry_helper(tx, before.id, *department).await?;
    }
    if let Action::Merge { into } = action {
        s.add_inquiry_event(
            tx,
            &NewEvent {
                inquiry: *into,
                kind: EventKind::MergedIn,
                actor: match by {
                    By::Staff(a) => EventActor::Staff(a),
                    _ => EventActor::System,
                },
                department: None,
                note: "",
                detail: Some(serde_json::json!({ "from": before.id, "receipt": before.receipt })),
            },
        )
        .await?;
    }
    if event == EventKind::ReplyDrafted
        && let Some(d) = after.department_id
    {
        let notice = Notice::Inquiry(InquiryNotice::ReplyToReview {
            receipt: after.receipt.clone(),
            title: after.title.clone(),
        });
        for admin in s.department_admins(d).await? {
            s.notify(tx, &Recipient::Account(admin), &notice).await?;
        }
    }
    // A verdict by one of several askers is news to nobody else; every other step that
    // concerns them is told to all of them.
    if !matches!(event, EventKind::Rated) {
        tell_askers(app, tx, after, event).await?;
    }
    Ok(())
}

/// Whether the staff member may handle the department's inquiries (for the console's lists).
pub async fn may_handle(
    app: &AppState,
    caller: &Caller,
    department: yiwang_domain::ids::DepartmentId,
) -> Result<bool, Error> {
    let scope = department_scope(app, department).await?;
    Ok(caller.principal.may(Permission::HandleInquiries, &scope))
}

/// A petition's kind, for the pages that offer its steps.
pub fn is_petition(row: &InquiryRow) -> bool {
    row.kind == Kind::Petition
}

/// A staff step as forms and the API name it: the action's name with the department (for
/// `route`, `transfer`, `add_helper`), the inquiry to merge into, and the text or reason.
pub fn staff_action(
    name: &str,
    department: Option<&str>,
    into: Option<&str>,
    text: &str,
) -> Result<Action, Error> {
    let dept = || {
        department
            .and_then(|d| d.trim().parse::<yiwang_domain::ids::DepartmentId>().ok())
            .ok_or_else(|| Error::field("department", FieldCode::InvalidChoice))
    };
    let text = text.to_owned();
    Ok(match name {
        "route" => Action::Route { to: dept()? },
        "merge" => Action::Merge {
            into: into
                .and_then(|i| i.trim().parse::<InquiryId>().ok())
                .ok_or_else(|| Error::field("into", FieldCode::InvalidChoice))?,
        },
        "acknowledge" => Action::Acknowledge,
        "accept" => Action::Accept,
        "decline" => Action::Decline { reason: text },
        "transfer" => Action::Transfer {
            to: dept()?,
            reason: text,
        },
        "return_to_dispatch" => Action::ReturnToDispatch { reason: text },
        "add_helper" => Action::AddHelper {
            department: dept()?,
        },
        "add_finding" => Action::AddFinding { text },
        "pause" => Action::Pause { reason: text },
        "resume" => Action::Resume,
        "extend" => Action::Extend { reason: text },
        "reply" => Action::Reply { text },
        "approve_reply" => Action::ApproveReply,
        "reject_reply" => Action::RejectReply { reason: text },
        _ => return Err(Error::field("action", FieldCode::InvalidChoice)),
    })
}
