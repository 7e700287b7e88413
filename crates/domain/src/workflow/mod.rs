//! The case workflow of applications (APP-3, APP-4 pauses, APP-5 fallback, APP-7 ratings):
//! pure rules, no storage.
//!
//! A case is submitted, pre-checked (accepted or returned for correction), reviewed through the
//! item's steps ([`Workflow`], data edited in the console), decided, and its result delivered.
//! [`decide`] is the one place that says whether an action is allowed and what follows from it
//! (the next state, the clock, the history event, a notification, a certificate); the store
//! applies the [`Outcome`] and the deadline module counts the clock's days.
//!
//! Transitions (the full rules are on [`decide`]):
//!
//! - submitted → accept → under review (step 0, clock starts) → advance → … → approve (last
//!   step) → approved → deliver → completed; deny at any review step → denied;
//! - return → returned (at the pre-check: clock not started; during review: clock paused for
//!   correction) → supplement → back where it was;
//! - submitted → auto-approve (秒批) → approved; an applicant may ask for a person to review
//!   an instant approval, which reopens it at the last step;
//! - submitted, returned or under review → withdraw → withdrawn.

mod action;
mod decide;
mod definition;
pub mod rating;
pub mod receipt;
mod state;

#[cfg(test)]
mod tests;

pub(crate) use action::clean_text;
pub use action::{Action, MAX_MISSING, MAX_MISSING_LINE, MAX_TEXT, MAX_TRACKING};
pub use decide::{Waiting, acting_department, decide, waiting_on};
pub use definition::{MAX_STEPS, Step, Workflow};
pub use rating::{RatingInput, RatingLevel, RatingSummary, may_rate};
pub use receipt::{Receipt, verification_code};
pub use state::{Actor, CaseState, CaseView, Clock, DeliveryMethod, EventKind, Outcome, PauseKind};
