//! The working-day calendar (APP-4): an admin loads the official holidays and make-up working
//! days (调休) of a year; every deadline is counted on it. The load and its audit entry are
//! one transaction.

use yiwang_domain::audit::AuditAction;
use yiwang_domain::deadline::CalendarDay;
use yiwang_kit::audit::{self, Target};
use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;
use yiwang_store::applications::calendar::CalendarLoad;

/// Writes the days of a calendar file (already checked line by line), naming who loaded them.
pub async fn load(
    app: &AppState,
    caller: &Caller,
    days: &[CalendarDay],
) -> Result<CalendarLoad, Error> {
    let by = audit::actor(&app.store, caller.principal.actor())
        .await?
        .name;
    let mut tx = app.store.begin().await?;
    let loaded = app.store.load_calendar(&mut tx, days, &by).await?;
    let target = Target {
        kind: Some("calendar"),
        region: Some(app.config.root_region.clone()),
        detail: Some(serde_json::json!({
            "days_in_file": days.len(),
            "days_written": loaded.days,
            "years_added": loaded.years_added,
        })),
        ..Default::default()
    };
    audit::record(
        &app.store,
        caller,
        &mut tx,
        AuditAction::CalendarLoaded,
        target,
    )
    .await?;
    yiwang_store::commit(tx).await?;
    Ok(loaded)
}
