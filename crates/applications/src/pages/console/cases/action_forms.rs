//! The action forms of a case page: which of them the workflow offers the caller's roles now
//! (`forms_for`), the approval's decision fields (`decision_inputs`), and reading a posted
//! form into a workflow `Action` (`ActForm`).

use std::collections::BTreeMap;

use serde::Deserialize;
use yiwang_domain::Lang;
use yiwang_domain::application::ItemForm;
use yiwang_domain::forms::{Answers, FieldKind};

use crate::pages::cases::label_text;
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

/// One decision field on the approval form (核定: what the approver records).
pub struct DecisionInput {
    /// The element id (`approve-decision.<key>`, the key its messages come under).
    pub(super) id: String,
    /// What it posts as: `decision.<key>`.
    pub(super) name: String,
    /// The label, with the unit of a number.
    pub(super) label: String,
    /// Help under it.
    pub(super) hint: String,
    /// A choice's options (value, label); empty for a typed answer.
    pub(super) options: Vec<(String, String)>,
}

/// The heading and the fields of the approval's decision, in the reader's language.
pub(super) fn decision_inputs(bundle: &ItemForm, lang: Lang) -> (String, Vec<DecisionInput>) {
    let Some(d) = &bundle.decision else {
        return (String::new(), Vec::new());
    };
    let inputs = d
        .fields
        .iter()
        .map(|f| {
            let mut label = label_text(&f.label, lang);
            if let FieldKind::Number {
                unit: Some(unit), ..
            } = &f.kind
            {
                let unit = label_text(unit, lang);
                label = match lang {
                    Lang::En => format!("{label} ({unit})"),
                    Lang::ZhHans | Lang::ZhHant => format!("{label}（{unit}）"),
                };
            }
            let options = match &f.kind {
                FieldKind::Choice { options } => options
                    .iter()
                    .map(|o| (o.value.clone(), label_text(&o.label, lang)))
                    .collect(),
                _ => Vec::new(),
            };
            DecisionInput {
                id: format!("approve-{DECISION}{}", f.key),
                name: format!("{DECISION}{}", f.key),
                label,
                hint: f
                    .hint
                    .as_ref()
                    .map(|h| label_text(h, lang))
                    .unwrap_or_default(),
                options,
            }
        })
        .collect();
    (label_text(&d.title, lang), inputs)
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
    /// Everything else posted; the approval's decision fields are `decision.<key>`.
    #[serde(flatten)]
    pub(super) rest: BTreeMap<String, String>,
}

/// The prefix of an approval's decision fields in the posted form.
pub(super) const DECISION: &str = "decision.";

impl ActForm {
    /// The decision fields posted with an approval, as answers to check.
    pub(super) fn decision(&self) -> Answers {
        self.rest
            .iter()
            .filter_map(|(k, v)| {
                let key = k.strip_prefix(DECISION)?;
                Some((key.to_owned(), serde_json::Value::String(v.clone())))
            })
            .collect()
    }

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
