//! The inquiries' deadline watch (INQ-2): inquiries due within two working days are reminded
//! to their department's handlers once (催办); those past their due day are put before the
//! department's leaders, the supervisors and the dispatchers of their region once (督办), with
//! an `escalated` entry in their history. A scheduled durable job, like the cases' watch; each
//! inquiry is marked in the transaction that writes its notices, so none is told twice.

use futures_util::future::BoxFuture;
use yiwang_domain::Timestamp;
use yiwang_domain::deadline::Deadline;
use yiwang_domain::inquiry::EventKind;
use yiwang_domain::notification::Notice;
use yiwang_domain::notification::inquiry::InquiryNotice;
use yiwang_store::Store;
use yiwang_store::inquiries::history::{EventActor, NewEvent};

use crate::deadlines::{REMIND_WORKING_DAYS, run_pass, tell};
use crate::{Handler, JobError};

/// The job kind.
pub const KIND: &str = "inquiry_deadlines";

const BATCH: i64 = 200;

/// Reminds and escalates inquiries.
pub struct InquiryDeadlines;

impl Handler for InquiryDeadlines {
    fn run<'a>(
        &'a self,
        store: &'a Store,
        _payload: &'a str,
    ) -> BoxFuture<'a, Result<(), JobError>> {
        Box::pin(run_pass("inquiry deadline watch", watch(store)))
    }
}

/// One pass: how many inquiries were reminded and how many escalated.
pub async fn watch(store: &Store) -> yiwang_store::Result<(u64, u64)> {
    let today = Timestamp::now().beijing_date();
    let calendar = store.calendar().await?;
    let by = match calendar.deadline(today, REMIND_WORKING_DAYS, &[]) {
        Deadline::Due { date, .. } => date,
        Deadline::Paused { .. } => today,
    };
    let (mut reminded, mut overdue) = (0, 0);
    loop {
        let batch = store.inquiries_due_soon(today, by, BATCH).await?;
        for row in &batch {
            let Some(d) = row.department_id else { continue };
            let staff = store.inquiry_handlers(d).await?;
            let mut tx = store.begin().await?;
            if store.mark_inquiry_reminded(&mut tx, row.id).await? {
                let notice = Notice::Inquiry(InquiryNotice::DueSoon {
                    receipt: row.receipt.clone(),
                    title: row.title.clone(),
                    due: row.due_on.map(|d| d.to_string()).unwrap_or_default(),
                });
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
        let batch = store.inquiries_newly_overdue(today, BATCH).await?;
        for row in &batch {
            let mut to = Vec::new();
            if let Some(d) = row.department_id {
                to.extend(store.department_admins(d).await?);
            }
            to.extend(store.supervisors_over(&row.region_code).await?);
            to.extend(store.dispatchers_over(&row.region_code).await?);
            to.sort();
            to.dedup();
            let mut tx = store.begin().await?;
            if store.mark_inquiry_overdue(&mut tx, row.id).await? {
                store
                    .add_inquiry_event(
                        &mut tx,
                        &NewEvent {
                            inquiry: row.id,
                            kind: EventKind::Escalated,
                            actor: EventActor::System,
                            department: row.department_id,
                            note: "",
                            detail: row
                                .due_on
                                .map(|d| serde_json::json!({ "due": d.to_string() })),
                        },
                    )
                    .await?;
                let notice = Notice::Inquiry(InquiryNotice::Overdue {
                    receipt: row.receipt.clone(),
                    title: row.title.clone(),
                    department: row.department_name.clone().unwrap_or_default(),
                    due: row.due_on.map(|d| d.to_string()).unwrap_or_default(),
                });
                tell(store, &mut tx, to, &notice).await?;
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
