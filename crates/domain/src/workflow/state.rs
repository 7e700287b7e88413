//! The vocabulary of a case's life (APP-3): its states, why its clock may pause, how a result
//! is delivered, what happened (the history's event kinds), who acts, and what [`decide`]
//! answers.
//!
//! [`decide`]: super::decide

use serde::{Deserialize, Serialize};

use crate::auth::Role;

crate::stable_names! {
    /// Where an application (办件) stands. Stored in the database and returned by the API.
    pub enum CaseState {
        /// Received, waiting for the pre-check (预审).
        Submitted = "submitted",
        /// Returned for correction (补正): waiting for the applicant.
        Returned = "returned",
        /// Accepted (受理) and at one of the item's review steps.
        UnderReview = "under_review",
        /// Decided: approved; the result is not yet delivered.
        Approved = "approved",
        /// Decided: not approved (final).
        Denied = "denied",
        /// The result was delivered (办结, final).
        Completed = "completed",
        /// Withdrawn by the applicant (final).
        Withdrawn = "withdrawn",
    }
}

impl CaseState {
    /// Whether the case is over: denied, completed or withdrawn. (The one way out of a final
    /// state is an applicant's request for a person to review an instant approval, see
    /// [`super::Action::RequestHumanReview`].)
    pub fn is_final(self) -> bool {
        matches!(
            self,
            CaseState::Denied | CaseState::Completed | CaseState::Withdrawn
        )
    }

    /// Whether the case still needs someone to act on it: submitted, returned, under review,
    /// or approved and waiting for delivery. The opposite of [`CaseState::is_final`].
    pub fn is_open(self) -> bool {
        !self.is_final()
    }
}

crate::stable_names! {
    /// Why the time limit's clock is stopped (APP-4): steps whose days do not count.
    pub enum PauseKind {
        /// 补正: waiting for the applicant to correct or supply materials.
        Correction = "correction",
        /// 专家评审: an expert review.
        ExpertReview = "expert_review",
        /// 听证: a hearing.
        Hearing = "hearing",
        /// 现场勘查: an on-site inspection.
        OnSiteInspection = "on_site_inspection",
    }
}

crate::stable_names! {
    /// How the result reaches the applicant (APP-3).
    pub enum DeliveryMethod {
        /// 窗口领取: picked up at the counter.
        Counter = "counter",
        /// 邮寄: posted, with a tracking number.
        Post = "post",
        /// 电子送达: an electronic certificate or document.
        Electronic = "electronic",
    }
}

crate::stable_names! {
    /// What happened to a case: one entry of its full history (APP-3). [`super::decide`]
    /// produces all but `Submitted` (recorded when the case is created) and `Rated` (recorded
    /// with the rating, see [`super::rating`]).
    pub enum EventKind {
        /// The applicant submitted.
        Submitted = "submitted",
        /// Accepted at the pre-check (受理): the clock started.
        Accepted = "accepted",
        /// Returned for correction (补正) with one notice of everything missing.
        Returned = "returned",
        /// The applicant supplied what was missing.
        Supplemented = "supplemented",
        /// A review step was passed to the next.
        Advanced = "advanced",
        /// Approved at the last step.
        Approved = "approved",
        /// Not approved.
        Denied = "denied",
        /// The result was delivered.
        Delivered = "delivered",
        /// The applicant withdrew.
        Withdrawn = "withdrawn",
        /// Moved to another department.
        Transferred = "transferred",
        /// The clock was paused (expert review, hearing, inspection).
        Paused = "paused",
        /// The clock was resumed.
        Resumed = "resumed",
        /// Approved instantly by rules (秒批).
        AutoApproved = "auto_approved",
        /// The applicant asked for a person to review an instant decision.
        HumanReviewRequested = "human_review_requested",
        /// The applicant rated the service (好差评).
        Rated = "rated",
    }
}

/// What the workflow needs to know of a case; the store keeps these columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseView {
    /// Where the case stands.
    pub state: CaseState,
    /// Index (from 0) of the current review step; kept while the case is returned so the
    /// supplement goes back to the same step.
    pub step: u32,
    /// Whether the case was accepted (受理): its clock has started.
    pub accepted: bool,
    /// Why the clock is stopped, if it is.
    pub paused: Option<PauseKind>,
    /// Whether the decision was made by rules (秒批) rather than by a person.
    pub auto_decided: bool,
}

impl CaseView {
    /// A case just submitted: waiting for the pre-check, clock not started.
    pub fn submitted() -> CaseView {
        CaseView {
            state: CaseState::Submitted,
            step: 0,
            accepted: false,
            paused: None,
            auto_decided: false,
        }
    }
}

/// Who is acting. Which department a staff member must belong to is the caller's check (see
/// [`super::acting_department`]); [`super::decide`] only looks at the kind and the role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    /// The applicant (or the enterprise agent acting for them).
    Applicant,
    /// A staff member acting in the given role.
    Staff(Role),
    /// The platform itself (instant approval, automatic electronic delivery).
    System,
}

/// What happens to the case's time-limit clock (APP-4, see [`crate::deadline`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// Nothing changes.
    Unchanged,
    /// The clock starts today: at acceptance, and afresh (a new full time limit) when an
    /// applicant asks for a person to review an instant approval.
    Start,
    /// An open pause of this kind begins today.
    Pause(PauseKind),
    /// The open pause ends today.
    Resume,
    /// The case is decided (or withdrawn): the clock stops for good. Any open pause ends too
    /// (a denial during an expert review, a withdrawal while waiting for a correction).
    Stop,
}

/// The answer of [`super::decide`]: the case after the action and what the caller must do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// The case after the action. (A transfer's new department is the action's `to`.)
    pub next: CaseView,
    /// What to do with the clock.
    pub clock: Clock,
    /// The history entry to record.
    pub event: EventKind,
    /// Whether to notify the applicant (APP-6).
    pub notify_applicant: bool,
    /// Whether to issue the electronic certificate (CERT): on approval and instant approval.
    pub issue_certificate: bool,
}
