//! Inquiries, complaints and petitions (我要问政 / 12345 / 信访, INQ-1…5): pure rules.
//!
//! A person asks (a question, a request for help, a complaint, a report, a suggestion, a
//! petition) from any channel; routing rules or the dispatch desk give it to a department; the
//! department acknowledges, handles (with helpers, pauses, transfers) and replies; the person
//! gives a verdict, and an unsatisfied one reopens it once. Every step runs on working-day (for
//! petitions, calendar-day) limits with reminders and supervision. [`decide`] is the one place
//! that says whether a step is allowed and what follows; [`mask`] prepares answered inquiries
//! for the public board; [`league`] computes the league table from counters.
//!
//! Transitions:
//!
//! - dispatch → route → assigned → acknowledge → handling → reply → replied (or reply_review →
//!   approve → replied) → rate → closed; unsatisfied (once) → handling again;
//! - assigned/handling → transfer → assigned (another department); → return → dispatch;
//! - dispatch/assigned → merge → merged (the other inquiry carries on for both);
//! - handling ⇄ paused (waiting for the citizen, clock stopped);
//! - a petition: handling → accept (handling limit starts) or decline → closed; extend once;
//!   replied → review (复查) → a supervisor's reply → closed.

mod action;
mod decide;
pub mod league;
pub mod mask;
pub mod resemble;
mod rules;
mod vocab;

#[cfg(test)]
mod tests;

pub use action::{Action, MAX_NOTE, MAX_REPLY};

/// Checks a text of `min` to `max` characters that may have line breaks (trimmed, `\r\n` made
/// `\n`), as inquiries' bodies and replies are.
pub fn clean_text(input: &str, min: usize, max: usize) -> Result<String, crate::FieldCode> {
    crate::workflow::clean_text(input, min, max, true)
}
pub use decide::{Clock, InquiryView, Outcome, decide};
pub use rules::{Category, KindLimits, Settings, Span, Unit};
pub use vocab::{Actor, Channel, EventKind, InquiryState, Kind, Stage, Verdict};
