//! What someone asks to do to an inquiry, and the checks on its texts.

use serde::{Deserialize, Serialize};

use super::vocab::Verdict;
use crate::ids::{DepartmentId, InquiryId};
use crate::workflow::clean_text;
use crate::{Error, FieldErrors};

/// The most characters of a reason or note.
pub const MAX_NOTE: usize = 1000;
/// The most characters of a reply or a finding.
pub const MAX_REPLY: usize = 5000;

/// An action on an inquiry, tagged by `action` (`{"action":"transfer","to":…,"reason":…}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    /// The dispatch desk sends it to a department.
    Route {
        /// The department.
        to: DepartmentId,
    },
    /// The department acknowledges it (签收).
    Acknowledge,
    /// A petition is accepted for handling (受理).
    Accept,
    /// A petition is not accepted (不予受理): the reason is the answer the petitioner gets.
    Decline {
        /// Why, with the rule it rests on (1 to 1000 characters).
        reason: String,
    },
    /// Passed to another department.
    Transfer {
        /// The department (not the current one).
        to: DepartmentId,
        /// Why (1 to 1000 characters).
        reason: String,
    },
    /// Sent back to the dispatch desk (退单): not this department's.
    ReturnToDispatch {
        /// Why (1 to 1000 characters).
        reason: String,
    },
    /// Merged into another inquiry about the same thing.
    Merge {
        /// The inquiry that carries on.
        into: InquiryId,
    },
    /// Another department is asked to help (joint handling).
    AddHelper {
        /// The department.
        department: DepartmentId,
    },
    /// A helping department adds what it found.
    AddFinding {
        /// The findings (1 to 5000 characters).
        text: String,
    },
    /// The clock stops while the citizen is asked for something.
    Pause {
        /// What is asked of the citizen (1 to 1000 characters), shown to them.
        reason: String,
    },
    /// The clock restarts.
    Resume,
    /// The citizen adds what was asked for; the clock restarts.
    Supplement {
        /// What they add (1 to 5000 characters).
        text: String,
    },
    /// A petition's handling time is extended once.
    Extend {
        /// Why (1 to 1000 characters), shown to the petitioner.
        reason: String,
    },
    /// The reply (or, during a review, the review's answer).
    Reply {
        /// The reply (1 to 5000 characters).
        text: String,
    },
    /// The department admin sends the reviewed reply.
    ApproveReply,
    /// The department admin sends the reply back to be rewritten.
    RejectReply {
        /// What to change (1 to 1000 characters).
        reason: String,
    },
    /// The citizen's verdict on the reply.
    Rate {
        /// The verdict.
        verdict: Verdict,
        /// Why (required when unsatisfied; at most 1000 characters).
        #[serde(default)]
        reason: String,
    },
    /// A petitioner asks for a review (复查) of the reply.
    RequestReview {
        /// Why (1 to 1000 characters).
        reason: String,
    },
    /// The platform closes a replied inquiry whose verdict window has passed.
    Close,
}

impl Action {
    /// The action with its texts cleaned (trimmed, `\r\n` made `\n`), or every field error:
    /// `reason`, `text`.
    pub fn checked(&self) -> Result<Action, Error> {
        let mut e = FieldErrors::new();
        let clean = self.clean(&mut e);
        if e.is_empty() {
            Ok(clean)
        } else {
            Err(Error::invalid(e))
        }
    }

    pub(super) fn clean(&self, e: &mut FieldErrors) -> Action {
        let mut text = |field: &'static str, value: &str, min: usize, max: usize| {
            e.check(field, clean_text(value, min, max, true))
                .unwrap_or_else(|| value.to_owned())
        };
        match self {
            Action::Decline { reason } => Action::Decline {
                reason: text("reason", reason, 1, MAX_NOTE),
            },
            Action::Transfer { to, reason } => Action::Transfer {
                to: *to,
                reason: text("reason", reason, 1, MAX_NOTE),
            },
            Action::ReturnToDispatch { reason } => Action::ReturnToDispatch {
                reason: text("reason", reason, 1, MAX_NOTE),
            },
            Action::AddFinding { text: t } => Action::AddFinding {
                text: text("text", t, 1, MAX_REPLY),
            },
            Action::Pause { reason } => Action::Pause {
                reason: text("reason", reason, 1, MAX_NOTE),
            },
            Action::Supplement { text: t } => Action::Supplement {
                text: text("text", t, 1, MAX_REPLY),
            },
            Action::Extend { reason } => Action::Extend {
                reason: text("reason", reason, 1, MAX_NOTE),
            },
            Action::Reply { text: t } => Action::Reply {
                text: text("text", t, 1, MAX_REPLY),
            },
            Action::RejectReply { reason } => Action::RejectReply {
                reason: text("reason", reason, 1, MAX_NOTE),
            },
            Action::Rate { verdict, reason } => {
                let min = usize::from(*verdict == Verdict::Unsatisfied);
                Action::Rate {
                    verdict: *verdict,
                    reason: text("reason", reason, min, MAX_NOTE),
                }
            }
            Action::RequestReview { reason } => Action::RequestReview {
                reason: text("reason", reason, 1, MAX_NOTE),
            },
            Action::Route { .. }
            | Action::Acknowledge
            | Action::Accept
            | Action::Merge { .. }
            | Action::AddHelper { .. }
            | Action::Resume
            | Action::ApproveReply
            | Action::Close => self.clone(),
        }
    }

    /// The note kept in the history and shown with the event: the reason or text it carries.
    pub fn note(&self) -> &str {
        match self {
            Action::Decline { reason }
            | Action::Transfer { reason, .. }
            | Action::ReturnToDispatch { reason }
            | Action::Pause { reason }
            | Action::Extend { reason }
            | Action::RejectReply { reason }
            | Action::Rate { reason, .. }
            | Action::RequestReview { reason } => reason,
            Action::AddFinding { text } | Action::Supplement { text } | Action::Reply { text } => {
                text
            }
            _ => "",
        }
    }
}
