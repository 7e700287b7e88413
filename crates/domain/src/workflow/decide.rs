//! The one function that moves a case (APP-3): given the item's workflow, the case, who acts and
//! what they ask, it answers the case's next state and what to do with the clock, or why not.

use super::action::Action;
use super::definition::{Step, Workflow};
use super::state::{
    Actor, CaseState, CaseView, Clock, DeliveryMethod, EventKind, Outcome, PauseKind,
};
use crate::auth::Role;
use crate::ids::DepartmentId;
use crate::{Error, ErrorCode, FieldCode, FieldErrors};

/// Decides an action on a case. Checks run in this order, so a caller can tell them apart:
///
/// 1. the kind of actor (`Forbidden`): applicants supplement, withdraw and ask for human
///    review; the system approves by rules and may deliver electronically; staff in a
///    department role (window clerk, reviewer, department admin) do everything else;
/// 2. the state (`InvalidTransition`): e.g. approving a withdrawn case, advancing past the last
///    step, approving before it, or anything but resume, deny, withdraw and transfer while the
///    clock is paused for an expert review, hearing or inspection;
/// 3. the staff role (`Forbidden`): the pre-check (accept, return, transfer) is open to any
///    department role; at a review step, the step's role or a department admin; pause, resume
///    and transfer during review also to any reviewer;
/// 4. the texts (`ValidationFailed`), see [`Action::checked`]; a transfer to
///    `current_department` (the case's handling department) is refused as `to`.
///
/// Which department the staff member must belong to is the caller's check, see
/// [`acting_department`].
pub fn decide(
    workflow: &Workflow,
    case: &CaseView,
    actor: Actor,
    action: &Action,
    current_department: DepartmentId,
) -> Result<Outcome, Error> {
    check_actor_kind(actor, action)?;
    let (next, clock, event) = transition(workflow, case, actor, action)?;
    let mut e = FieldErrors::new();
    action.clean(&mut e);
    if let Action::Transfer { to, .. } = action
        && *to == current_department
    {
        e.add("to", FieldCode::InvalidChoice);
    }
    if !e.is_empty() {
        return Err(Error::invalid(e));
    }
    Ok(Outcome {
        next,
        clock,
        event,
        // Every action changes something the progress page shows (state, step, department or
        // the promised date), so the applicant hears of each (APP-6).
        notify_applicant: true,
        issue_certificate: matches!(action, Action::Approve { .. } | Action::AutoApprove),
    })
}

/// The department whose staff may act on the case now: the current review step's department
/// when the case is under review and the step names one, else the handling department.
pub fn acting_department(
    workflow: &Workflow,
    case: &CaseView,
    handling: DepartmentId,
) -> DepartmentId {
    match (case.state, workflow.step(case.step).department) {
        (CaseState::UnderReview, Some(d)) => d,
        _ => handling,
    }
}

fn forbidden() -> Error {
    Error::new(ErrorCode::Forbidden)
}

fn invalid() -> Error {
    Error::new(ErrorCode::InvalidTransition)
}

/// Step 1: is this the kind of actor who can ever take this action?
fn check_actor_kind(actor: Actor, action: &Action) -> Result<(), Error> {
    let ok = match action {
        Action::Supplement | Action::Withdraw { .. } | Action::RequestHumanReview { .. } => {
            actor == Actor::Applicant
        }
        Action::AutoApprove => actor == Actor::System,
        Action::Deliver {
            method: DeliveryMethod::Electronic,
            ..
        } if actor == Actor::System => true,
        _ => matches!(actor, Actor::Staff(role) if role.needs_department()),
    };
    if ok { Ok(()) } else { Err(forbidden()) }
}

/// Whether the staff role may act at a review step: its own role, or a department admin.
fn at_step(actor: Actor, step: &Step) -> bool {
    matches!(actor, Actor::Staff(r) if r == step.role || r == Role::DeptAdmin)
}

/// Whether the staff role may pause, resume or transfer during review.
fn oversees(actor: Actor, step: &Step) -> bool {
    at_step(actor, step) || actor == Actor::Staff(Role::Reviewer)
}

/// The case in another state.
fn moved(mut case: CaseView, state: CaseState) -> CaseView {
    case.state = state;
    case
}

fn require(ok: bool, err: fn() -> Error) -> Result<(), Error> {
    if ok { Ok(()) } else { Err(err()) }
}

/// Steps 2 and 3: the state and the step's role.
fn transition(
    workflow: &Workflow,
    case: &CaseView,
    actor: Actor,
    action: &Action,
) -> Result<(CaseView, Clock, EventKind), Error> {
    use CaseState as S;
    let last = workflow.last_index();
    let index = case.step.min(last);
    let step = workflow.step(index);
    let reviewing = case.state == S::UnderReview;
    let running = reviewing && case.paused.is_none();
    let mut next = CaseView {
        step: index,
        ..*case
    };
    Ok(match action {
        Action::Accept => {
            require(case.state == S::Submitted, invalid)?;
            next.accepted = true;
            next.step = 0;
            (
                moved(next, S::UnderReview),
                Clock::Start,
                EventKind::Accepted,
            )
        }
        Action::Return { .. } if case.state == S::Submitted => (
            moved(next, S::Returned),
            Clock::Unchanged,
            EventKind::Returned,
        ),
        Action::Return { .. } => {
            require(running, invalid)?;
            require(at_step(actor, step), forbidden)?;
            next.paused = Some(PauseKind::Correction);
            let clock = Clock::Pause(PauseKind::Correction);
            (moved(next, S::Returned), clock, EventKind::Returned)
        }
        Action::Supplement => {
            require(case.state == S::Returned, invalid)?;
            next.paused = None;
            if case.accepted {
                (
                    moved(next, S::UnderReview),
                    Clock::Resume,
                    EventKind::Supplemented,
                )
            } else {
                (
                    moved(next, S::Submitted),
                    Clock::Unchanged,
                    EventKind::Supplemented,
                )
            }
        }
        Action::Advance { .. } => {
            require(running, invalid)?;
            require(at_step(actor, step), forbidden)?;
            require(index < last, invalid)?;
            next.step = index + 1;
            (next, Clock::Unchanged, EventKind::Advanced)
        }
        Action::Approve { .. } => {
            require(running, invalid)?;
            require(at_step(actor, step), forbidden)?;
            require(index == last, invalid)?;
            (moved(next, S::Approved), Clock::Stop, EventKind::Approved)
        }
        Action::Deny { .. } => {
            require(reviewing, invalid)?;
            require(at_step(actor, step), forbidden)?;
            next.paused = None;
            (moved(next, S::Denied), Clock::Stop, EventKind::Denied)
        }
        Action::Deliver { .. } => {
            require(case.state == S::Approved, invalid)?;
            (
                moved(next, S::Completed),
                Clock::Unchanged,
                EventKind::Delivered,
            )
        }
        Action::Withdraw { .. } => {
            require(
                matches!(case.state, S::Submitted | S::Returned | S::UnderReview),
                invalid,
            )?;
            next.paused = None;
            let clock = if case.accepted {
                Clock::Stop
            } else {
                Clock::Unchanged
            };
            (moved(next, S::Withdrawn), clock, EventKind::Withdrawn)
        }
        Action::Transfer { .. } => {
            require(matches!(case.state, S::Submitted | S::UnderReview), invalid)?;
            require(!reviewing || oversees(actor, step), forbidden)?;
            (next, Clock::Unchanged, EventKind::Transferred)
        }
        Action::Pause { kind, .. } => {
            require(running, invalid)?;
            require(oversees(actor, step), forbidden)?;
            next.paused = Some(*kind);
            (next, Clock::Pause(*kind), EventKind::Paused)
        }
        Action::Resume => {
            let by_staff = case.paused.is_some_and(|k| k != PauseKind::Correction);
            require(reviewing && by_staff, invalid)?;
            require(oversees(actor, step), forbidden)?;
            next.paused = None;
            (next, Clock::Resume, EventKind::Resumed)
        }
        Action::AutoApprove => {
            require(case.state == S::Submitted && !case.accepted, invalid)?;
            next.accepted = true;
            next.auto_decided = true;
            (
                moved(next, S::Approved),
                Clock::Stop,
                EventKind::AutoApproved,
            )
        }
        Action::RequestHumanReview { .. } => {
            let decided = matches!(case.state, S::Approved | S::Completed);
            require(case.auto_decided && decided, invalid)?;
            next.auto_decided = false;
            next.paused = None;
            next.step = last;
            let event = EventKind::HumanReviewRequested;
            (moved(next, S::UnderReview), Clock::Start, event)
        }
    })
}

/// Who the case is waiting for, for the staff queues: the department's staff in general
/// (the pre-check and handing over the result), the role of the current review step (which a
/// department admin may always take), the applicant (a correction), or nobody (decided).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Waiting {
    /// Any of the department's case handlers.
    Anyone,
    /// Staff of this role (or a department admin).
    Role(Role),
    /// The applicant.
    Applicant,
    /// Nobody: the case is over.
    Nobody,
}

impl Waiting {
    /// As stored: `any`, a role's name, `applicant`, or `none`.
    pub fn as_str(self) -> &'static str {
        match self {
            Waiting::Anyone => "any",
            Waiting::Role(r) => r.as_str(),
            Waiting::Applicant => "applicant",
            Waiting::Nobody => "none",
        }
    }
}

/// Who must act next on a case (see [`Waiting`]).
pub fn waiting_on(workflow: &Workflow, case: &CaseView) -> Waiting {
    use CaseState as S;
    match case.state {
        S::Submitted | S::Approved => Waiting::Anyone,
        S::Returned => Waiting::Applicant,
        S::UnderReview => Waiting::Role(workflow.step(case.step.min(workflow.last_index())).role),
        _ => Waiting::Nobody,
    }
}
