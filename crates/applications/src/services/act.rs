//! Moving a case on (APP-3, APP-4): staff pre-check, review, decide, deliver and transfer;
//! applicants withdraw, supplement and ask for a person to look again; the platform approves
//! instantly. The domain's `decide` says whether the step is allowed; this module applies its
//! outcome — clock, due day on the official calendar, history, notification, certificate —
//! and saves it only if nobody changed the case in between.

use yiwang_domain::application::ItemForm;
use yiwang_domain::audit::AuditAction;
use yiwang_domain::auth::{Permission, Scope, allows};
use yiwang_domain::deadline::{Deadline, Pause};
use yiwang_domain::forms::{Answers, Ctx as FormCtx};
use yiwang_domain::ids::{AccountId, CaseId};
use yiwang_domain::notification::Notice;
use yiwang_domain::region::RegionCode;
use yiwang_domain::workflow::{Action, Actor, Clock, Outcome, acting_department, decide};
use yiwang_domain::{ErrorCode, Timestamp};
use yiwang_store::Tx;
use yiwang_store::applications::cases::CaseRow;
use yiwang_store::applications::history::{EventActor, NewCaseEvent};
use yiwang_store::notify::Recipient;

use super::facts::lookups;
use crate::services::certificates;
use yiwang_kit::audit::{self, Target};
use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;

/// A case after a step, with what the step did.
pub struct Applied {
    /// The case as saved.
    pub case: CaseRow,
    /// The domain's outcome.
    pub outcome: Outcome,
}

/// The form version a case was filled with.
pub async fn bundle_of(app: &AppState, case: &CaseRow) -> Result<ItemForm, Error> {
    Ok(app
        .store
        .form_version(case.item_id, case.form_version)
        .await?
        .ok_or_else(|| Error::internal(format!("case {} has no form version", case.id)))?
        .bundle)
}

/// What an action says, for the history: its text and its details (with an approval, what
/// the approver recorded in the decision fields).
fn note_of(action: &Action, decision: &Answers) -> (String, serde_json::Value) {
    use serde_json::json;
    match action {
        Action::Approve { note } if !decision.is_empty() => {
            (note.clone(), json!({ "decision": decision }))
        }
        Action::Return { missing, note } => (note.clone(), json!({ "missing": missing })),
        Action::Advance { note } | Action::Approve { note } => (note.clone(), json!({})),
        Action::Deny {
            reason,
            legal_basis,
        } => (reason.clone(), json!({ "legal_basis": legal_basis })),
        Action::Deliver { method, tracking } => (
            String::new(),
            json!({ "method": method.as_str(), "tracking": tracking }),
        ),
        Action::Withdraw { reason } | Action::RequestHumanReview { reason } => {
            (reason.clone(), json!({}))
        }
        Action::Transfer { to, reason } => (reason.clone(), json!({ "to": to.to_string() })),
        Action::Pause { kind, note } => (note.clone(), json!({ "kind": kind.as_str() })),
        _ => (String::new(), json!({})),
    }
}

/// Applies a decided step to the case inside `tx`: state, clock and due day, delivery,
/// department; saves it against the revision it was read at; appends the history entry;
/// tells the applicant; issues the certificate on approval (stating the answers and the
/// approval's checked `decision`).
#[allow(clippy::too_many_arguments)]
pub(crate) async fn apply_outcome(
    app: &AppState,
    tx: &mut Tx,
    mut case: CaseRow,
    bundle: &ItemForm,
    outcome: Outcome,
    who: EventActor,
    action: &Action,
    answers: Option<&Answers>,
    decision: &Answers,
) -> Result<Applied, Error> {
    let now = Timestamp::now();
    let today = now.beijing_date();
    let from = case.state;
    let was_accepted = case.accepted_on.is_some();
    case.state = outcome.next.state;
    case.step = outcome.next.step;
    case.paused = outcome.next.paused;
    case.auto_decided = outcome.next.auto_decided;
    if outcome.next.accepted && case.accepted_on.is_none() {
        case.accepted_on = Some(today);
    }
    match outcome.clock {
        // A fresh start (acceptance, or a person reviewing an automatic decision again)
        // counts the whole limit from today.
        Clock::Start => case.accepted_on = Some(today),
        Clock::Pause(kind) => app.store.open_pause(tx, case.id, kind, today).await?,
        // A decision or withdrawal also ends any pause still open.
        Clock::Resume | Clock::Stop => app.store.close_pause(tx, case.id, today).await?,
        Clock::Unchanged => {}
    }
    match action {
        Action::Transfer { to, .. } => {
            // The target must exist; the error names the field.
            app.store
                .department(*to)
                .await
                .map_err(|_| Error::field("to", yiwang_domain::FieldCode::UnknownDepartment))?;
            case.department_id = *to;
        }
        Action::Deliver { method, tracking } => {
            case.delivery = Some(*method);
            case.tracking = tracking.clone();
        }
        Action::Approve { .. } | Action::Deny { .. } | Action::AutoApprove => {
            case.decided_at = Some(now);
        }
        _ => {}
    }
    let calendar = app.store.calendar().await?;
    let pauses: Vec<Pause> = app
        .store
        .case_pauses(tx, case.id)
        .await?
        .into_iter()
        .map(|(_, p)| p)
        .collect();
    (case.due_on, case.due_uncovered) = match (case.accepted_on, case.limit_days, case.state) {
        (Some(start), Some(days), s) if !s.is_final() => {
            match calendar.deadline(start, days, &pauses) {
                Deadline::Due { date, uncovered } => (Some(date), uncovered),
                Deadline::Paused { .. } => (None, Vec::new()),
            }
        }
        _ => (case.due_on, case.due_uncovered.clone()),
    };
    case.waiting_on = yiwang_domain::workflow::waiting_on(&bundle.workflow, &case.view())
        .as_str()
        .to_owned();
    case.revision = app.store.save_case(tx, &case).await?;
    let (note, detail) = note_of(action, decision);
    app.store
        .add_case_event(
            tx,
            &NewCaseEvent {
                case_id: case.id,
                kind: outcome.event,
                actor: who,
                from_state: Some(from),
                to_state: case.state,
                step: case.step,
                department_id: case.department_id,
                note,
                detail,
            },
        )
        .await?;
    if outcome.notify_applicant {
        app.store
            .notify(
                tx,
                &Recipient::Account(case.account_id),
                &Notice::CaseProgress {
                    receipt: case.receipt.clone(),
                    item: case.item_name.clone(),
                    event: outcome.event,
                },
            )
            .await?;
    }
    // An item with a fee bills the applicant once the case is accepted (SVC-1); the payments
    // capability makes the bill from the durable job.
    if !was_accepted && case.accepted_on.is_some() && bundle.fee.is_some() {
        app.store.enqueue_case_fee(tx, case.id).await?;
    }
    if outcome.issue_certificate && bundle.certificate.is_some() {
        let mut answers = match answers {
            Some(a) => a.clone(),
            None => app.store.case_answers_in(tx, case.id).await?,
        };
        // Decision keys never clash with the form's (`ItemForm::check`).
        answers.extend(decision.clone());
        certificates::issue(app, tx, &case, bundle, &answers).await?;
    }
    Ok(Applied { case, outcome })
}

/// A staff member's step on a case. `revision` is the one their page showed: if the case
/// changed since, they are told (`conflict`) and nothing happens. Their roles are checked in
/// the department that must act now (a step's own department, else the handling one). An
/// approval carries what the approver records in the item's decision fields (`decision`,
/// checked like answers; ignored with other steps).
pub async fn staff_act(
    app: &AppState,
    caller: &Caller,
    id: CaseId,
    revision: i64,
    action: Action,
    decision: &Answers,
) -> Result<CaseRow, Error> {
    let (account, grants) = caller.principal.staff().ok_or_else(Error::forbidden)?;
    if !action.is_staff_action() {
        return Err(Error::forbidden());
    }
    let grants = grants.to_vec();
    let mut tx = app.store.begin().await?;
    let case = app.store.case_for_update(&mut tx, id).await?;
    let bundle = bundle_of(app, &case).await?;
    let region =
        RegionCode::parse(&case.region_code).map_err(|_| Error::internal("case region"))?;
    let acting = acting_department(&bundle.workflow, &case.view(), case.department_id);
    let scope = Scope::department(acting, region.clone());
    let roles: Vec<_> = grants
        .iter()
        .filter(|g| {
            allows(
                &yiwang_domain::auth::Actor::Staff {
                    account,
                    grants: vec![(*g).clone()],
                },
                Permission::HandleCases,
                &scope,
            )
        })
        .map(|g| g.role)
        .collect();
    if roles.is_empty() {
        return Err(Error::forbidden());
    }
    if case.revision != revision {
        return Err(Error::code(ErrorCode::Conflict));
    }
    let mut decided = Err(Error::forbidden());
    for role in roles {
        match decide(
            &bundle.workflow,
            &case.view(),
            Actor::Staff(role),
            &action,
            case.department_id,
        ) {
            Ok(o) => {
                decided = Ok(o);
                break;
            }
            Err(e) if e.code == ErrorCode::Forbidden => {}
            Err(e) => {
                decided = Err(e.into());
                break;
            }
        }
    }
    let outcome = decided?;
    let decision = match action {
        Action::Approve { .. } => bundle
            .decision_answers(decision, Timestamp::now().beijing_date())
            .map_err(yiwang_domain::Error::invalid)?,
        _ => Answers::new(),
    };
    let name = audit::actor(&app.store, caller.principal.actor())
        .await?
        .name;
    let receipt = case.receipt.clone();
    let applied = apply_outcome(
        app,
        &mut tx,
        case,
        &bundle,
        outcome,
        EventActor::Staff(account, name),
        &action,
        None,
        &decision,
    )
    .await?;
    audit::record(
        &app.store,
        caller,
        &mut tx,
        AuditAction::CaseAction,
        Target {
            kind: Some("case"),
            id: Some(applied.case.id.to_string()),
            region: Some(region),
            department: Some(acting),
            detail: Some(
                serde_json::json!({ "receipt": receipt, "event": applied.outcome.event.as_str() }),
            ),
            ..Default::default()
        },
    )
    .await?;
    yiwang_store::commit(tx).await?;
    app.wake_jobs.notify_one();
    Ok(applied.case)
}

/// The applicant's own step: withdraw, supplement (with corrected answers, checked against
/// the form version the case was filled with) or ask for a person to review an automatic
/// decision. Someone else's case is "not found".
pub async fn applicant_act(
    app: &AppState,
    applicant: AccountId,
    id: CaseId,
    action: Action,
    supplement: Option<&Answers>,
) -> Result<CaseRow, Error> {
    let mut tx = app.store.begin().await?;
    let case = app.store.case_for_update(&mut tx, id).await?;
    if case.account_id != applicant {
        return Err(Error::not_found());
    }
    let bundle = bundle_of(app, &case).await?;
    let outcome = decide(
        &bundle.workflow,
        &case.view(),
        Actor::Applicant,
        &action,
        case.department_id,
    )?;
    if let (Action::Supplement, Some(posted)) = (&action, supplement) {
        // What was filled in from the account or the wallet stays as it was submitted.
        let submitted = app.store.case_answers(case.id).await?;
        let held = bundle
            .form
            .sections
            .iter()
            .flat_map(|s| &s.fields)
            .filter(|f| f.prefill.is_some())
            .filter_map(|f| Some((f.key.clone(), submitted.get(&f.key)?.clone())));
        let mut answers = posted.clone();
        yiwang_domain::forms::prefilled::hold(&mut answers, held)
            .map_err(yiwang_domain::Error::invalid)?;
        let answers = &answers;
        let (regions, files) = lookups(app, applicant, answers).await?;
        let today = Timestamp::now().beijing_date();
        let clean = bundle
            .form
            .validate(
                answers,
                &FormCtx {
                    today,
                    regions: &regions,
                    files: &files,
                },
            )
            .map_err(yiwang_domain::Error::invalid)?;
        app.store
            .replace_case_answers(&mut tx, case.id, &clean)
            .await?;
        let ids = bundle.file_ids(&clean);
        app.store
            .attach_uploads(&mut tx, applicant, case.id, &ids)
            .await?;
    }
    let applied = apply_outcome(
        app,
        &mut tx,
        case,
        &bundle,
        outcome,
        EventActor::Applicant,
        &action,
        None,
        &Answers::new(),
    )
    .await?;
    yiwang_store::commit(tx).await?;
    app.wake_jobs.notify_one();
    Ok(applied.case)
}
