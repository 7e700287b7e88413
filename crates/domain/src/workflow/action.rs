//! What someone asks to do to a case, and the checks on its texts.

use serde::{Deserialize, Serialize};

use super::state::{DeliveryMethod, PauseKind};
use crate::ids::DepartmentId;
use crate::{Error, FieldCode, FieldErrors};

/// The most lines of a return notice.
pub const MAX_MISSING: usize = 30;
/// The most characters of one line of a return notice.
pub const MAX_MISSING_LINE: usize = 200;
/// The most characters of a note, reason or legal basis.
pub const MAX_TEXT: usize = 1000;
/// The most characters of a postal tracking number.
pub const MAX_TRACKING: usize = 40;

/// An action on a case. Serialised with an `action` tag (`{"action":"deny","reason":…}`) so the
/// history can keep it as JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    /// Staff at the pre-check accept the case (受理): the clock starts at step 0.
    Accept,
    /// Staff return the case for correction (补正) with ONE notice of everything missing
    /// (一次性告知), at the pre-check or during review.
    Return {
        /// What is missing or wrong, one line each (1 to 30 lines of 1 to 200 characters;
        /// blank lines are dropped).
        missing: Vec<String>,
        /// Anything else the applicant should know (at most 1000 characters).
        #[serde(default)]
        note: String,
    },
    /// The applicant supplied what was missing.
    Supplement,
    /// The current step is done: on to the next one (not at the last step).
    Advance {
        /// The reviewer's opinion (at most 1000 characters, may be empty).
        #[serde(default)]
        note: String,
    },
    /// Approve, at the last step.
    Approve {
        /// The reviewer's opinion (at most 1000 characters, may be empty).
        #[serde(default)]
        note: String,
    },
    /// Do not approve, at any review step.
    Deny {
        /// Why (1 to 1000 characters), shown to the applicant.
        reason: String,
        /// The law or rule the denial rests on (1 to 1000 characters).
        legal_basis: String,
    },
    /// Deliver the approved result.
    Deliver {
        /// How.
        method: DeliveryMethod,
        /// The postal tracking number: required for post (1 to 40 of `A–Z`, `0–9`, `-`,
        /// stored upper-case), absent otherwise.
        #[serde(default)]
        tracking: Option<String>,
    },
    /// The applicant withdraws (before a decision).
    Withdraw {
        /// Why (optional, at most 1000 characters).
        #[serde(default)]
        reason: String,
    },
    /// Staff move the case to another department.
    Transfer {
        /// The new handling department (not the current one).
        to: DepartmentId,
        /// Why (1 to 1000 characters).
        reason: String,
    },
    /// Staff stop the clock for an expert review, hearing or inspection (never
    /// [`PauseKind::Correction`]: that is [`Action::Return`]).
    Pause {
        /// Why the clock stops.
        kind: PauseKind,
        /// What is being waited for (1 to 1000 characters).
        note: String,
    },
    /// Staff restart the clock after an expert review, hearing or inspection.
    Resume,
    /// The platform approves by rules (秒批).
    AutoApprove,
    /// The applicant asks for a person to review an instant decision (APP-5 fallback).
    RequestHumanReview {
        /// Why (1 to 1000 characters).
        reason: String,
    },
}

impl Action {
    /// Whether a staff member may ask for this action. The rest belong to the applicant
    /// (supplementing, withdrawing, asking for human review) or to the platform (instant
    /// approval), whoever is calling.
    pub fn is_staff_action(&self) -> bool {
        !matches!(
            self,
            Action::AutoApprove
                | Action::Supplement
                | Action::Withdraw { .. }
                | Action::RequestHumanReview { .. }
        )
    }

    /// The action with its texts cleaned (trimmed, `\r\n` made `\n`, blank return lines
    /// dropped, tracking numbers upper-cased), or the field errors: `missing` (with the 1-based
    /// line of a bad entry), `note`, `reason`, `legal_basis`, `tracking`, `kind`. This is what
    /// the history should keep; [`super::decide`] runs the same checks.
    pub fn checked(&self) -> Result<Action, Error> {
        let mut e = FieldErrors::new();
        let clean = self.clean(&mut e);
        if e.is_empty() {
            Ok(clean)
        } else {
            Err(Error::invalid(e))
        }
    }

    /// Cleans the texts, recording what is wrong in `e` (bad texts are kept as given).
    pub(super) fn clean(&self, e: &mut FieldErrors) -> Action {
        let mut text = |field: &'static str, value: &str, min: usize| {
            e.check(field, clean_text(value, min, MAX_TEXT, true))
                .unwrap_or_else(|| value.to_owned())
        };
        match self {
            Action::Return { missing, note } => {
                let note = text("note", note, 0);
                Action::Return {
                    missing: clean_missing(missing, e),
                    note,
                }
            }
            Action::Advance { note } => Action::Advance {
                note: text("note", note, 0),
            },
            Action::Approve { note } => Action::Approve {
                note: text("note", note, 0),
            },
            Action::Deny {
                reason,
                legal_basis,
            } => Action::Deny {
                reason: text("reason", reason, 1),
                legal_basis: text("legal_basis", legal_basis, 1),
            },
            Action::Withdraw { reason } => Action::Withdraw {
                reason: text("reason", reason, 0),
            },
            Action::Transfer { to, reason } => Action::Transfer {
                to: *to,
                reason: text("reason", reason, 1),
            },
            Action::Pause { kind, note } => {
                let note = text("note", note, 1);
                if *kind == PauseKind::Correction {
                    e.add("kind", FieldCode::InvalidChoice);
                }
                Action::Pause { kind: *kind, note }
            }
            Action::RequestHumanReview { reason } => Action::RequestHumanReview {
                reason: text("reason", reason, 1),
            },
            Action::Deliver { method, tracking } => Action::Deliver {
                method: *method,
                tracking: clean_tracking(*method, tracking.as_deref(), e),
            },
            Action::Accept | Action::Supplement | Action::Resume | Action::AutoApprove => {
                self.clone()
            }
        }
    }
}

/// The lines of a return notice: blank ones dropped, the first bad one reported by its 1-based
/// position in the list as given.
fn clean_missing(lines: &[String], e: &mut FieldErrors) -> Vec<String> {
    let mut kept = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match clean_text(line, 1, MAX_MISSING_LINE, false) {
            Ok(l) => kept.push(l),
            Err(code) => {
                e.add_line("missing", code, i + 1);
                kept.push(line.clone());
            }
        }
    }
    if kept.is_empty() {
        e.add("missing", FieldCode::Required);
    } else if kept.len() > MAX_MISSING {
        e.add("missing", FieldCode::TooMany);
    }
    kept
}

/// A tracking number: required for post, refused for the other methods (a blank one counts
/// as none).
fn clean_tracking(
    method: DeliveryMethod,
    tracking: Option<&str>,
    e: &mut FieldErrors,
) -> Option<String> {
    let given = tracking.map(str::trim).filter(|t| !t.is_empty());
    match (method, given) {
        (DeliveryMethod::Post, None) => {
            e.add("tracking", FieldCode::Required);
            None
        }
        (DeliveryMethod::Post, Some(t)) => {
            if t.chars().count() > MAX_TRACKING {
                e.add("tracking", FieldCode::TooLong);
            } else if !t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                e.add("tracking", FieldCode::InvalidCharacters);
            }
            Some(t.to_ascii_uppercase())
        }
        (_, None) => None,
        (_, Some(t)) => {
            e.add("tracking", FieldCode::InvalidChoice);
            Some(t.to_owned())
        }
    }
}

/// Checks free text: trimmed, `\r\n` made `\n`, `min..=max` characters, no control characters
/// (except newlines when `multiline`) and no bidirectional overrides (which could make a note
/// read differently from what it says).
pub(crate) fn clean_text(
    input: &str,
    min: usize,
    max: usize,
    multiline: bool,
) -> Result<String, FieldCode> {
    let s = input.trim().replace("\r\n", "\n");
    let n = s.chars().count();
    if n == 0 && min > 0 {
        return Err(FieldCode::Required);
    }
    if n < min {
        return Err(FieldCode::TooShort);
    }
    if n > max {
        return Err(FieldCode::TooLong);
    }
    let bad = |c: char| {
        (c.is_control() && !(multiline && c == '\n'))
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if s.chars().any(bad) {
        return Err(FieldCode::InvalidCharacters);
    }
    Ok(s)
}
