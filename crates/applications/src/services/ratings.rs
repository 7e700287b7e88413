//! Rating a case (好差评, APP-7, after GB/T 39734-2020): only the applicant of a decided and
//! closed case, once per case (一事一评). A bad rating opens a rectification task for the
//! handling department, due in 15 working days on the official calendar (差评整改). The
//! rating, the task and the history entry are written in one transaction.

use yiwang_domain::deadline::Deadline;
use yiwang_domain::ids::{AccountId, CaseId};
use yiwang_domain::workflow::rating::RECTIFICATION_WORKING_DAYS;
use yiwang_domain::workflow::{EventKind, RatingInput, may_rate};
use yiwang_domain::{ErrorCode, Timestamp};
use yiwang_store::applications::history::{EventActor, NewCaseEvent};
use yiwang_store::applications::ratings::NewRating;

use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;

/// Rates the applicant's own case. Someone else's case is "not found"; a case that is not
/// yet closed (or was withdrawn) is `invalid_transition`; a second rating is `conflict`.
pub async fn rate(
    app: &AppState,
    applicant: AccountId,
    id: CaseId,
    input: RatingInput,
) -> Result<(), Error> {
    let input = input.check()?;
    let calendar = app.store.calendar().await?;
    let mut tx = app.store.begin().await?;
    let case = app.store.case_for_update(&mut tx, id).await?;
    if case.account_id != applicant {
        return Err(Error::not_found());
    }
    if !may_rate(case.state) {
        return Err(Error::code(ErrorCode::InvalidTransition));
    }
    app.store
        .add_rating(
            &mut tx,
            &NewRating {
                case_id: case.id,
                item_id: case.item_id,
                department_id: case.department_id,
                level: input.level,
                comment: &input.comment,
                efficiency: input.efficiency,
                guide_accuracy: input.guide_accuracy,
                convenience: input.convenience,
                usability: input.usability,
            },
        )
        .await?;
    if input.level.opens_rectification() {
        let today = Timestamp::now().beijing_date();
        let due = match calendar.deadline(today, RECTIFICATION_WORKING_DAYS, &[]) {
            Deadline::Due { date, .. } => date,
            // No pauses were given, so the count cannot stop; fall back to three weeks.
            Deadline::Paused { .. } => today + time::Duration::days(21),
        };
        app.store
            .add_rectification(&mut tx, case.id, case.department_id, due)
            .await?;
    }
    app.store
        .add_case_event(
            &mut tx,
            &NewCaseEvent {
                case_id: case.id,
                kind: EventKind::Rated,
                actor: EventActor::Applicant,
                from_state: Some(case.state),
                to_state: case.state,
                step: case.step,
                department_id: case.department_id,
                note: level_name(input.level).to_owned(),
                detail: serde_json::json!({ "level": input.level.as_str() }),
            },
        )
        .await?;
    yiwang_store::commit(tx).await?;
    Ok(())
}

/// The level's name in the standard's words (kept in the history as written).
pub fn level_name(level: yiwang_domain::workflow::RatingLevel) -> &'static str {
    use yiwang_domain::workflow::RatingLevel as L;
    match level {
        L::VerySatisfied => "非常满意",
        L::Satisfied => "满意",
        L::Neutral => "基本满意",
        L::Dissatisfied => "不满意",
        L::VeryDissatisfied => "非常不满意",
    }
}
