//! A case's history (who did what, when and why) and the stretches when its clock stood
//! still. Both are only ever appended to, in the transaction of the change they record.

use time::Date;
use yiwang_domain::Timestamp;
use yiwang_domain::deadline::{Pause, parse_date};
use yiwang_domain::ids::{AccountId, CaseEventId, CaseId, DepartmentId};
use yiwang_domain::workflow::{CaseState, EventKind, PauseKind};

use crate::row::{RowExt, named};
use crate::{Error, Result, Store, Tx};

/// Who acted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventActor {
    /// The applicant.
    Applicant,
    /// A staff member, with the name citizens see.
    Staff(AccountId, String),
    /// The platform itself (instant approval, deadline jobs).
    System,
}

/// One entry of a case's history.
#[derive(Debug, Clone)]
pub struct CaseEvent {
    /// When.
    pub at: Timestamp,
    /// What happened.
    pub kind: EventKind,
    /// Who did it.
    pub actor: EventActor,
    /// The state before.
    pub from_state: Option<CaseState>,
    /// The state after.
    pub to_state: CaseState,
    /// The review step after.
    pub step: u32,
    /// The department handling it after.
    pub department_id: DepartmentId,
    /// The department's name.
    pub department_name: String,
    /// Why (the note, reason or decision text).
    pub note: String,
    /// Details as JSON (missing documents, legal basis, tracking number…).
    pub detail: serde_json::Value,
}

/// An entry to append.
#[derive(Debug, Clone)]
pub struct NewCaseEvent {
    /// The case.
    pub case_id: CaseId,
    /// What happened.
    pub kind: EventKind,
    /// Who did it.
    pub actor: EventActor,
    /// The state before (`None` for the submission).
    pub from_state: Option<CaseState>,
    /// The state after.
    pub to_state: CaseState,
    /// The step after.
    pub step: u32,
    /// The department after.
    pub department_id: DepartmentId,
    /// Why.
    pub note: String,
    /// Details.
    pub detail: serde_json::Value,
}

impl Store {
    /// Appends an entry to a case's history.
    pub async fn add_case_event(&self, tx: &mut Tx, e: &NewCaseEvent) -> Result<()> {
        let (kind, id, name) = match &e.actor {
            EventActor::Applicant => ("applicant", None, None),
            EventActor::Staff(id, name) => ("staff", Some(id.to_string()), Some(name.clone())),
            EventActor::System => ("system", None, None),
        };
        sqlx::query(
            "INSERT INTO case_events (id, case_id, at, kind, actor_kind, actor_id, actor_name, from_state, to_state, step, department_id, note, detail)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        )
        .bind(CaseEventId::generate().to_string())
        .bind(e.case_id.to_string())
        .bind(Timestamp::now().millis())
        .bind(e.kind.as_str())
        .bind(kind)
        .bind(id)
        .bind(name)
        .bind(e.from_state.map(|s| s.as_str()))
        .bind(e.to_state.as_str())
        .bind(i64::from(e.step))
        .bind(e.department_id.to_string())
        .bind(&e.note)
        .bind(e.detail.to_string())
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// A case's history, oldest first.
    pub async fn case_events(&self, case: CaseId) -> Result<Vec<CaseEvent>> {
        let rows = sqlx::query(
            "SELECT e.at, e.kind, e.actor_kind, e.actor_id, e.actor_name, e.from_state, e.to_state, e.step, e.department_id, d.name AS department_name, e.note, e.detail
             FROM case_events e JOIN departments d ON d.id = e.department_id WHERE e.case_id = $1 ORDER BY e.at, e.id",
        )
        .bind(case.to_string())
        .fetch_all(self.db.reader())
        .await?;
        rows.iter()
            .map(|r| {
                let actor = match r.text("actor_kind")?.as_str() {
                    "applicant" => EventActor::Applicant,
                    "staff" => EventActor::Staff(
                        r.parsed("actor_id")?,
                        r.opt_text("actor_name")?.unwrap_or_default(),
                    ),
                    _ => EventActor::System,
                };
                Ok(CaseEvent {
                    at: r.ts("at")?,
                    kind: named("kind", &r.text("kind")?, EventKind::parse)?,
                    actor,
                    from_state: r
                        .opt_text("from_state")?
                        .map(|s| named("from_state", &s, CaseState::parse))
                        .transpose()?,
                    to_state: named("to_state", &r.text("to_state")?, CaseState::parse)?,
                    step: u32::try_from(r.int("step")?).unwrap_or(0),
                    department_id: r.parsed("department_id")?,
                    department_name: r.text("department_name")?,
                    note: r.text("note")?,
                    detail: serde_json::from_str(&r.text("detail")?)
                        .map_err(|e| Error::Corrupt(e.to_string()))?,
                })
            })
            .collect()
    }

    /// The stretches when a case's clock stood still, in order.
    pub async fn case_pauses(&self, tx: &mut Tx, case: CaseId) -> Result<Vec<(PauseKind, Pause)>> {
        let rows = sqlx::query(
            "SELECT kind, from_day, to_day FROM case_pauses WHERE case_id = $1 ORDER BY seq",
        )
        .bind(case.to_string())
        .fetch_all(&mut **tx)
        .await?;
        rows.iter()
            .map(|r| {
                let day = |col: &str| -> Result<Option<Date>> {
                    r.opt_text(col)?
                        .map(|s| {
                            parse_date(&s).ok_or_else(|| Error::Corrupt(format!("{col} {s:?}")))
                        })
                        .transpose()
                };
                Ok((
                    named("kind", &r.text("kind")?, PauseKind::parse)?,
                    Pause {
                        from: day("from_day")?.ok_or_else(|| Error::Corrupt("from_day".into()))?,
                        to: day("to_day")?,
                    },
                ))
            })
            .collect()
    }

    /// Stops a case's clock from `from` on (the day itself included).
    pub async fn open_pause(
        &self,
        tx: &mut Tx,
        case: CaseId,
        kind: PauseKind,
        from: Date,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO case_pauses (case_id, seq, kind, from_day)
             VALUES ($1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM case_pauses WHERE case_id = $1), $2, $3)",
        )
        .bind(case.to_string())
        .bind(kind.as_str())
        .bind(from.to_string())
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Restarts a case's clock: the open pause ends on `to` (included).
    pub async fn close_pause(&self, tx: &mut Tx, case: CaseId, to: Date) -> Result<()> {
        sqlx::query("UPDATE case_pauses SET to_day = $2 WHERE case_id = $1 AND to_day IS NULL")
            .bind(case.to_string())
            .bind(to.to_string())
            .execute(&mut **tx)
            .await?;
        Ok(())
    }
}
