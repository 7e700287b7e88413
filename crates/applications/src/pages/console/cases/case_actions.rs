//! The steps staff take on a case page: which action forms the workflow offers the caller's
//! roles now, reading a posted form into an `Action`, and `act`, which posts one step.

use axum::extract::State;
use axum::response::Response;
use http::StatusCode;
use serde::Deserialize;
use yiwang_domain::ids::CaseId;
use yiwang_domain::workflow::{Action, Actor, DeliveryMethod, PauseKind, decide};
use yiwang_domain::{ErrorCode, FieldCode};

use crate::services::act::staff_act;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Path};
use yiwang_kit::pipeline::Ctx;
use yiwang_kit::respond::see_other;
use yiwang_kit::state::AppState;
use yiwang_kit::views::{FormErrors, html};

use super::case_page::{Handling, case_page, handling, view_of};
use crate::texts::*;

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
    let view = view_of(&h.case);
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
    fn action(&self) -> Result<Action, Error> {
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

fn with_status(res: Result<Response, Error>, status: StatusCode) -> Result<Response, Error> {
    let mut res = res?;
    *res.status_mut() = status;
    Ok(res)
}

/// `POST /console/cases/{id}` (form: `action` and its fields, `revision`): one step on the
/// case. Someone faster (`conflict`) or a step no longer possible shows the fresh case with a
/// notice (409); bad texts show the form again with its messages (422).
pub async fn act(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<CaseId>,
    Form(f): Form<ActForm>,
) -> Result<Response, Error> {
    // Cases of other departments are "not found" here too.
    handling(&app, &ctx, id).await?;
    let result = match (f.action(), f.revision.trim().parse::<i64>()) {
        (Ok(action), Ok(rev)) => staff_act(&app, &ctx, id, rev, action).await.map(|_| ()),
        (Err(e), _) => Err(e),
        (_, Err(_)) => Err(Error::code(ErrorCode::InvalidBody)),
    };
    let t = ctx.t();
    let (status, errors, notice, keep) = match result {
        Ok(()) => return Ok(see_other(&format!("/console/cases/{id}?done=1"))),
        Err(Error::Domain(e)) => match e.code {
            ErrorCode::Conflict => (
                StatusCode::CONFLICT,
                FormErrors::default(),
                Some(t.cc_conflict_notice()),
                false,
            ),
            ErrorCode::InvalidTransition => (
                StatusCode::CONFLICT,
                FormErrors::default(),
                Some(t.cc_invalid_transition()),
                false,
            ),
            ErrorCode::Forbidden => (
                StatusCode::FORBIDDEN,
                FormErrors::default(),
                Some(t.cc_role_notice()),
                false,
            ),
            ErrorCode::ValidationFailed => {
                let mut errors = FormErrors::from_error(&e, t);
                for (field, _) in &mut errors.items {
                    *field = format!("{}-{field}", f.action);
                }
                (StatusCode::UNPROCESSABLE_ENTITY, errors, None, true)
            }
            _ => return Err(Error::Domain(e)),
        },
        Err(e) => return Err(e),
    };
    let h = handling(&app, &ctx, id).await?;
    let v = if keep { f } else { ActForm::default() };
    let page = case_page(&app, &ctx, h, v, errors, notice, false).await?;
    with_status(html(&page), status)
}
