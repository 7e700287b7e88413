//! `act`, the one handler that posts a step staff take on a case page, and shows the case
//! again with the form's messages when it is refused.

use axum::extract::State;
use axum::response::Response;
use http::StatusCode;
use yiwang_domain::ErrorCode;
use yiwang_domain::ids::CaseId;

use crate::services::act::staff_act;
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Path};
use yiwang_kit::respond::see_other;
use yiwang_kit::state::AppState;
use yiwang_kit::views::{FormErrors, html};

use super::action_forms::ActForm;
use super::case_page::case_page;
use super::handling::handling;
use crate::texts::*;

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
        (Ok(action), Ok(rev)) => staff_act(&app, &ctx, id, rev, action, &f.decision())
            .await
            .map(|_| ()),
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
            ErrorCode::IdentityBelowRequired => (
                StatusCode::CONFLICT,
                FormErrors::default(),
                Some(t.error(e.code)),
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
