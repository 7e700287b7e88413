//! The deadline watch (APP-4): every few minutes, cases due within two working days are
//! reminded to their department's staff once (催办), and cases past their due day are put
//! before the supervisors of their region once (督办). Runs as a scheduled durable job, so it
//! survives restarts and runs once per slot across instances; each case is marked in the
//! transaction that writes its notifications, so a case is never told twice.

use std::future::Future;

use futures_util::future::BoxFuture;
use yiwang_domain::Timestamp;
use yiwang_domain::deadline::Deadline;
use yiwang_domain::ids::AccountId;
use yiwang_domain::notification::Notice;
use yiwang_store::notify::Recipient;
use yiwang_store::{Store, Tx};

use crate::{Handler, JobError};

/// The job kind.
pub const KIND: &str = "case_deadlines";

/// How many working days before the due day the department is reminded.
pub const REMIND_WORKING_DAYS: u32 = 2;

/// Cases handled per batch.
const BATCH: i64 = 200;

/// Reminds and escalates.
pub struct Deadlines;

impl Handler for Deadlines {
    fn run<'a>(
        &'a self,
        store: &'a Store,
        _payload: &'a str,
    ) -> BoxFuture<'a, Result<(), JobError>> {
        Box::pin(run_pass("deadline watch", watch(store)))
    }
}

/// Runs one pass of a deadline watch as a job: a store error is retried, and a pass that
/// reminded or escalated anything is logged as `what`.
pub(crate) async fn run_pass(
    what: &'static str,
    pass: impl Future<Output = yiwang_store::Result<(u64, u64)>>,
) -> Result<(), JobError> {
    let (reminded, overdue) = pass.await.map_err(JobError::retry)?;
    if reminded + overdue > 0 {
        tracing::info!(reminded, overdue, "{what}");
    }
    Ok(())
}

/// Writes `notice` to each of `accounts` in the transaction that marks what it is about.
pub(crate) async fn tell(
    store: &Store,
    tx: &mut Tx,
    accounts: Vec<AccountId>,
    notice: &Notice,
) -> yiwang_store::Result<()> {
    for a in accounts {
        store.notify(tx, &Recipient::Account(a), notice).await?;
    }
    Ok(())
}

/// One pass: returns how many cases were reminded and how many escalated.
pub async fn watch(store: &Store) -> yiwang_store::Result<(u64, u64)> {
    let today = Timestamp::now().beijing_date();
    let calendar = store.calendar().await?;
    let by = match calendar.deadline(today, REMIND_WORKING_DAYS, &[]) {
        Deadline::Due { date, .. } => date,
        Deadline::Paused { .. } => today,
    };
    let (mut reminded, mut overdue) = (0, 0);
    loop {
        let batch = store.cases_due_soon(today, by, BATCH).await?;
        for case in &batch {
            let staff = store.case_handlers(case.department_id).await?;
            let mut tx = store.begin().await?;
            if store.mark_reminded(&mut tx, case.id).await? {
                let notice = Notice::CaseDueSoon {
                    receipt: case.receipt.clone(),
                    item: case.item_name.clone(),
                    due: case.due_on.map(|d| d.to_string()).unwrap_or_default(),
                };
                tell(store, &mut tx, staff, &notice).await?;
                reminded += 1;
            }
            yiwang_store::commit(tx).await?;
        }
        if (batch.len() as i64) < BATCH {
            break;
        }
    }
    loop {
        let batch = store.cases_newly_overdue(today, BATCH).await?;
        for case in &batch {
            let supervisors = store.supervisors_over(&case.region_code).await?;
            let mut tx = store.begin().await?;
            if store.mark_overdue(&mut tx, case.id).await? {
                let notice = Notice::CaseOverdue {
                    receipt: case.receipt.clone(),
                    item: case.item_name.clone(),
                    department: case.department_name.clone(),
                    due: case.due_on.map(|d| d.to_string()).unwrap_or_default(),
                };
                tell(store, &mut tx, supervisors, &notice).await?;
                overdue += 1;
            }
            yiwang_store::commit(tx).await?;
        }
        if (batch.len() as i64) < BATCH {
            break;
        }
    }
    Ok((reminded, overdue))
}
