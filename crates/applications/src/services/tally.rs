//! "What waits for me" on the console's home (APP-3): the caller's own queue, what in their
//! departments is overdue, and what was returned to applicants for correction.

use time::Duration;
use yiwang_domain::Timestamp;
use yiwang_domain::auth::Permission;
use yiwang_domain::ids::DepartmentId;
use yiwang_domain::paging::Page;
use yiwang_domain::workflow::CaseState;
use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;
use yiwang_kit::table::{TallyFuture, TallyLine};
use yiwang_store::applications::queue::QueueFilter;

use crate::texts::*;

/// The departments whose case queue the caller works (HandleCases).
pub async fn handled_departments(
    app: &AppState,
    caller: &Caller,
) -> Result<Vec<DepartmentId>, Error> {
    yiwang_kit::console::departments_granted(app, caller, Permission::HandleCases).await
}

/// The console home's tally of cases (a [`yiwang_kit::table::ConsoleTally`]).
pub fn cases<'a>(app: &'a AppState, caller: &'a Caller) -> TallyFuture<'a> {
    Box::pin(count(app, caller))
}

async fn count(app: &AppState, caller: &Caller) -> Result<Vec<TallyLine>, Error> {
    let departments = handled_departments(app, caller).await?;
    if departments.is_empty() {
        return Ok(Vec::new());
    }
    let t = caller.t();
    let one = Page::new(Some(1), Some(1), 1)?;
    let total = |filter: QueueFilter| async move {
        Ok::<i64, Error>(app.store.case_queue(&filter, one).await?.1)
    };
    let base = QueueFilter {
        departments,
        states: Vec::new(),
        item: None,
        due_by: None,
        receipt_prefix: None,
        waiting_for: Vec::new(),
    };
    let mine = total(QueueFilter {
        waiting_for: super::waiting_for_me(caller),
        ..base.clone()
    })
    .await?;
    let yesterday = Timestamp::now()
        .beijing_date()
        .checked_sub(Duration::days(1));
    let overdue = total(QueueFilter {
        due_by: yesterday,
        ..base.clone()
    })
    .await?;
    let returned = total(QueueFilter {
        states: vec![CaseState::Returned],
        ..base
    })
    .await?;
    Ok(vec![
        TallyLine {
            label: t.cc_tally_mine().to_owned(),
            count: mine,
            href: "/console/cases".to_owned(),
            urgent: false,
        },
        TallyLine {
            label: t.cc_tally_overdue().to_owned(),
            count: overdue,
            href: "/console/cases?due=overdue&show=all".to_owned(),
            urgent: overdue > 0,
        },
        TallyLine {
            label: t.cc_tally_returned().to_owned(),
            count: returned,
            href: "/console/cases?state=returned&show=all".to_owned(),
            urgent: false,
        },
    ])
}
