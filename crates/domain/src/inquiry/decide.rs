//! The one function that moves an inquiry (INQ-2…4): given the inquiry, who acts and what
//! they ask, it answers the next state, the history event and what happens to the clock — or
//! why not.

use time::{Date, Duration};

use super::action::Action;
use super::rules::Settings;
use super::vocab::{Actor, EventKind, InquiryState, Kind, Verdict};
use crate::ids::DepartmentId;
use crate::{Error, ErrorCode, FieldCode, FieldErrors};

/// What [`decide`] needs to know of an inquiry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InquiryView {
    /// Its kind.
    pub kind: Kind,
    /// Where it stands.
    pub state: InquiryState,
    /// The handling department, if any.
    pub department: Option<DepartmentId>,
    /// How many times departments passed it on.
    pub transfers: u32,
    /// How many times an unsatisfied verdict reopened it.
    pub reopened: u32,
    /// A petition: whether its handling time was extended.
    pub extended: bool,
    /// A petition: whether it was accepted for handling.
    pub accepted: bool,
    /// A petition: whether a review was asked for.
    pub review_requested: bool,
    /// Whether the handling department has its replies reviewed by its admin before they go.
    pub replies_reviewed: bool,
    /// The day the last reply was sent.
    pub replied_on: Option<Date>,
    /// Whether the person acting (a submitter) already gave a verdict on the last reply.
    pub rater_has_rated: bool,
}

/// What happens to the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// Nothing changes.
    Keep,
    /// The department's acknowledgement limit starts today.
    StartAcknowledge,
    /// Acknowledged: the acknowledgement limit is met (or missed); the reply limit runs on.
    Acknowledged,
    /// A petition was accepted: the handling limit starts today.
    StartHandling,
    /// Stopped while the citizen is asked for something.
    Pause,
    /// Restarted.
    Resume,
    /// A petition's handling limit is extended once.
    Extend,
    /// Reopened by an unsatisfied verdict: the reply limit starts again today.
    Restart,
    /// A petitioner's review: its limit starts today.
    StartReview,
    /// Replied or over: no limit runs.
    Stop,
}

/// What [`decide`] answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The next state.
    pub next: InquiryState,
    /// The history event.
    pub event: EventKind,
    /// The clock.
    pub clock: Clock,
    /// The handling department after the action (`None`: at the dispatch desk or none).
    pub department: Option<DepartmentId>,
}

/// Decides an action. Checks run in this order, so a caller can tell them apart:
///
/// 1. who acts (`Forbidden`): the submitter supplements, rates and asks for a review; the
///    dispatch desk (and supervisors) route and merge; the handling department acknowledges,
///    accepts, declines, transfers, returns, pauses, resumes, extends and replies; its admin
///    also reviews replies; a helping department adds findings; supervisors transfer past the
///    limit and answer reviews; the platform closes;
/// 2. the state and the kind (`InvalidTransition`), e.g. accepting what is not a petition,
///    replying to a petition not yet accepted, extending twice;
/// 3. the limits (`TransferLimitReached` once departments passed it on `max_transfers`
///    times; `WindowClosed` for a verdict or review asked after its window);
/// 4. the texts (`ValidationFailed`), and a transfer to the department that has it.
pub fn decide(
    inquiry: &InquiryView,
    actor: Actor,
    action: &Action,
    settings: &Settings,
    today: Date,
) -> Result<Outcome, Error> {
    use Action as A;
    use InquiryState as S;
    let kind = inquiry.kind;
    let petition = kind == Kind::Petition;
    let state = inquiry.state;
    let here = inquiry.department;
    let allowed = match action {
        A::Route { .. } | A::Merge { .. } => actor.dispatches(),
        A::Acknowledge
        | A::Accept
        | A::Decline { .. }
        | A::ReturnToDispatch { .. }
        | A::AddHelper { .. }
        | A::Pause { .. }
        | A::Resume
        | A::Extend { .. } => actor.handles(),
        A::Transfer { .. } => actor.handles() || actor == Actor::Supervisor,
        A::AddFinding { .. } => actor == Actor::Helper || actor.handles(),
        A::Reply { .. } => actor.handles() || actor == Actor::Supervisor,
        A::ApproveReply | A::RejectReply { .. } => actor == Actor::DeptAdmin,
        A::Supplement { .. } | A::Rate { .. } | A::RequestReview { .. } => {
            actor == Actor::Submitter
        }
        A::Close => actor == Actor::System,
    };
    if !allowed {
        return Err(Error::new(ErrorCode::Forbidden));
    }
    let invalid = || Err(Error::new(ErrorCode::InvalidTransition));
    let outcome = |next, event, clock| Outcome {
        next,
        event,
        clock,
        department: here,
    };
    let window_open = |days: u32| {
        inquiry
            .replied_on
            .and_then(|d| d.checked_add(Duration::days(i64::from(days))))
            .is_some_and(|last| today <= last)
    };
    let result = match (action, state) {
        (A::Route { to }, S::Dispatch) => Outcome {
            department: Some(*to),
            ..outcome(S::Assigned, EventKind::Routed, Clock::StartAcknowledge)
        },
        (A::Acknowledge, S::Assigned) => {
            outcome(S::Handling, EventKind::Acknowledged, Clock::Acknowledged)
        }
        (A::Accept, S::Handling) if petition && !inquiry.accepted => {
            outcome(S::Handling, EventKind::Accepted, Clock::StartHandling)
        }
        (A::Decline { .. }, S::Handling) if petition && !inquiry.accepted => {
            outcome(S::Closed, EventKind::Declined, Clock::Stop)
        }
        (A::Transfer { to, .. }, S::Assigned | S::Handling)
        | (A::Transfer { to, .. }, S::Dispatch)
            if state != S::Dispatch || actor == Actor::Supervisor =>
        {
            if actor != Actor::Supervisor && inquiry.transfers >= settings.max_transfers {
                return Err(Error::new(ErrorCode::TransferLimitReached));
            }
            Outcome {
                department: Some(*to),
                ..outcome(S::Assigned, EventKind::Transferred, Clock::StartAcknowledge)
            }
        }
        (A::ReturnToDispatch { .. }, S::Assigned | S::Handling) => Outcome {
            department: None,
            ..outcome(S::Dispatch, EventKind::ReturnedToDispatch, Clock::Keep)
        },
        (A::Merge { .. }, S::Dispatch | S::Assigned) => {
            outcome(S::Merged, EventKind::Merged, Clock::Stop)
        }
        (A::AddHelper { .. }, S::Handling | S::Paused) => {
            outcome(state, EventKind::HelperAdded, Clock::Keep)
        }
        (A::AddFinding { .. }, S::Handling | S::Paused) => {
            outcome(state, EventKind::Finding, Clock::Keep)
        }
        (A::Pause { .. }, S::Handling) => outcome(S::Paused, EventKind::Paused, Clock::Pause),
        (A::Resume, S::Paused) => outcome(S::Handling, EventKind::Resumed, Clock::Resume),
        (A::Supplement { .. }, S::Paused) => {
            outcome(S::Handling, EventKind::Supplemented, Clock::Resume)
        }
        (A::Extend { .. }, S::Handling | S::Paused)
            if petition && inquiry.accepted && !inquiry.extended =>
        {
            outcome(state, EventKind::Extended, Clock::Extend)
        }
        (A::Reply { .. }, S::Handling) if actor.handles() && (!petition || inquiry.accepted) => {
            if inquiry.replies_reviewed && actor != Actor::DeptAdmin {
                outcome(S::ReplyReview, EventKind::ReplyDrafted, Clock::Keep)
            } else {
                outcome(S::Replied, EventKind::Replied, Clock::Stop)
            }
        }
        (A::Reply { .. }, S::Review) if actor == Actor::Supervisor => {
            outcome(S::Closed, EventKind::Replied, Clock::Stop)
        }
        (A::ApproveReply, S::ReplyReview) => outcome(S::Replied, EventKind::Replied, Clock::Stop),
        (A::RejectReply { .. }, S::ReplyReview) => {
            outcome(S::Handling, EventKind::ReplyRejected, Clock::Keep)
        }
        (A::Rate { verdict, .. }, S::Replied | S::Closed)
            if inquiry.replied_on.is_some() && !inquiry.rater_has_rated =>
        {
            if !window_open(settings.rating_days) {
                return Err(Error::new(ErrorCode::WindowClosed));
            }
            if *verdict == Verdict::Unsatisfied && inquiry.reopened == 0 && !petition {
                outcome(S::Handling, EventKind::Reopened, Clock::Restart)
            } else {
                outcome(S::Closed, EventKind::Rated, Clock::Stop)
            }
        }
        (A::RequestReview { .. }, S::Replied | S::Closed)
            if petition && inquiry.replied_on.is_some() && !inquiry.review_requested =>
        {
            let days = settings.limits(kind).review.map_or(30, |s| s.days);
            if !window_open(days) {
                return Err(Error::new(ErrorCode::WindowClosed));
            }
            outcome(S::Review, EventKind::ReviewRequested, Clock::StartReview)
        }
        (A::Close, S::Replied) => {
            if window_open(settings.rating_days) {
                return invalid();
            }
            outcome(S::Closed, EventKind::Closed, Clock::Stop)
        }
        _ => return invalid(),
    };
    let mut e = FieldErrors::new();
    action.clean(&mut e);
    match action {
        A::Transfer { to, .. } if Some(*to) == here => e.add("to", FieldCode::InvalidChoice),
        A::AddHelper { department } if Some(*department) == here => {
            e.add("department", FieldCode::InvalidChoice);
        }
        _ => {}
    }
    if !e.is_empty() {
        return Err(Error::invalid(e));
    }
    Ok(result)
}
