//! The action forms of a case page: which of them the workflow offers the caller's roles now
//! (`forms_for`), and reading a posted form into a workflow `Action` (`ActForm`).

use serde::Deserialize;
use yiwang_domain::workflow::{Action, Actor, DeliveryMethod, PauseKind, decide};
use yiwang_domain::{ErrorCode, FieldCode};
use yiwang_kit::error::Error;

use super::handling::Handling;

/// Which action forms to show: those `decide` allows one of the caller's roles now (texts
/// aside: they are the form's to fill).
#[derive(Default)]
pub struct Forms {
    pub(super) accept: bool,
    pub(super) ret: bool,
    pub(super) advance: bool,
    pub(super) approve: bool,
    pub(super) deny: bool,
    pub(super) pause: bool,
    pub(super) resume: bool,
    pub(super) transfer: bool,
    pub(super) deliver: bool,
}

impl Forms {
    pub(super) fn any(&self) -> bool {
        self.accept
            || self.ret
            || self.advance
            || self.approve
            || self.deny
            || self.pause
            || self.resume
            || self.transfer
            || self.deliver
    }
}

pub(super) fn forms_for(h: &Handling) -> Forms {
    let view = h.case.view();
    let x = || "x".to_owned();
    let ok = |a: Action| {
        h.roles.iter().any(|r| {
            match decide(
                &h.bundle.workflow,
                &view,
                Actor::Staff(*r),
                &a,
                h.case.department_id,
            ) {
                Ok(_) => true,
                Err(e) => e.code == ErrorCode::ValidationFailed,
            }
        })
    };
    Forms {
        accept: ok(Action::Accept),
        ret: ok(Action::Return {
            missing: vec![x()],
            note: String::new(),
        }),
        advance: ok(Action::Advance {
            note: String::new(),
        }),
        approve: ok(Action::Approve {
            note: String::new(),
        }),
        deny: ok(Action::Deny {
            reason: x(),
            legal_basis: x(),
        }),
        pause: ok(Action::Pause {
            kind: PauseKind::ExpertReview,
            note: x(),
        }),
        resume: ok(Action::Resume),
        transfer: ok(Action::Transfer {
            to: h.case.department_id,
            reason: x(),
        }),
        deliver: ok(Action::Deliver {
            method: DeliveryMethod::Counter,
            tracking: None,
        }),
    }
}

/// The fields an action form posts (kept to show a refused form again).
#[derive(Deserialize, Default, Clone)]
pub struct ActForm {
    #[serde(default)]
    pub(super) action: String,
    #[serde(default)]
    pub(super) revision: String,
    #[serde(default)]
    pub(super) missing: String,
    #[serde(default)]
    pub(super) note: String,
    #[serde(default)]
    pub(super) reason: String,
    #[serde(default)]
    pub(super) legal_basis: String,
    #[serde(default)]
    pub(super) kind: String,
    #[serde(default)]
    pub(super) to: String,
    #[serde(default)]
    pub(super) method: String,
    #[serde(default)]
    pub(super) tracking: String,
}

impl ActForm {
    pub(super) fn action(&self) -> Result<Action, Error> {
        let note = self.note.clone();
        Ok(match self.action.as_str() {
            "accept" => Action::Accept,
            "return" => Action::Return {
                missing: self.missing.lines().map(str::to_owned).collect(),
                note,
            },
            "advance" => Action::Advance { note },
            "approve" => Action::Approve { note },
            "deny" => Action::Deny {
                reason: self.reason.clone(),
                legal_basis: self.legal_basis.clone(),
            },
            "pause" => Action::Pause {
                kind: PauseKind::parse(self.kind.trim())
                    .ok_or_else(|| Error::field("kind", FieldCode::InvalidChoice))?,
                note,
            },
            "resume" => Action::Resume,
            "transfer" => Action::Transfer {
                to: match self.to.trim() {
                    "" => return Err(Error::field("to", FieldCode::Required)),
                    s => s
                        .parse()
                        .map_err(|_| Error::field("to", FieldCode::InvalidChoice))?,
                },
                reason: self.reason.clone(),
            },
            "deliver" => Action::Deliver {
                method: DeliveryMethod::parse(self.method.trim())
                    .ok_or_else(|| Error::field("method", FieldCode::InvalidChoice))?,
                tracking: Some(self.tracking.clone()).filter(|t| !t.trim().is_empty()),
            },
            _ => return Err(Error::code(ErrorCode::InvalidBody)),
        })
    }
}
