//! What hangs off an inquiry: its history, its files, the days its clock stood still, the
//! departments helping, and each asker's verdicts.

use time::Date;
use yiwang_domain::Timestamp;
use yiwang_domain::deadline::{Pause, parse_date};
use yiwang_domain::ids::{AccountId, DepartmentId, InquiryEventId, InquiryId, UploadId};
use yiwang_domain::inquiry::{EventKind, Stage, Verdict};

use crate::row::{RowExt, named};
use crate::{Error, Result, Store, Tx};

/// Who acted, in the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventActor {
    /// The asker.
    Submitter,
    /// A staff member.
    Staff(AccountId),
    /// The platform.
    System,
}

/// A history entry to write.
#[derive(Debug, Clone)]
pub struct NewEvent<'a> {
    /// The inquiry.
    pub inquiry: InquiryId,
    /// What happened.
    pub kind: EventKind,
    /// Who.
    pub actor: EventActor,
    /// The department concerned (the one acting, or the one it went to).
    pub department: Option<DepartmentId>,
    /// The note shown with it (reason, reply, finding).
    pub note: &'a str,
    /// More, as JSON (the department it came from, the verdict …).
    pub detail: Option<serde_json::Value>,
}

/// A history entry.
#[derive(Debug, Clone)]
pub struct EventRow {
    /// Its id.
    pub id: InquiryEventId,
    /// What happened.
    pub kind: EventKind,
    /// At which stage.
    pub stage: Stage,
    /// `submitter`, `staff` or `system`.
    pub actor: String,
    /// The staff member.
    pub actor_id: Option<AccountId>,
    /// The department concerned.
    pub department_id: Option<DepartmentId>,
    /// Its name.
    pub department_name: Option<String>,
    /// The note.
    pub note: String,
    /// More.
    pub detail: serde_json::Value,
    /// When.
    pub at: Timestamp,
}

/// A file with an inquiry.
#[derive(Debug, Clone)]
pub struct InquiryFile {
    /// Its id.
    pub id: UploadId,
    /// The inquiry.
    pub inquiry_id: InquiryId,
    /// The history entry it came with.
    pub event_id: Option<InquiryEventId>,
    /// `photo`, `reply`, `finding` or `supplement`.
    pub role: String,
    /// Where its bytes are.
    pub storage_key: String,
    /// Its sniffed type (`png`, `jpeg`, `pdf` …).
    pub file_type: String,
    /// Its size.
    pub bytes: i64,
    /// Its SHA-256.
    pub sha256: String,
}

impl Store {
    /// Writes a history entry in the caller's transaction.
    pub async fn add_inquiry_event(&self, tx: &mut Tx, e: &NewEvent<'_>) -> Result<InquiryEventId> {
        let id = InquiryEventId::generate();
        let (actor, actor_id) = match e.actor {
            EventActor::Submitter => ("submitter", None),
            EventActor::Staff(a) => ("staff", Some(a.to_string())),
            EventActor::System => ("system", None),
        };
        sqlx::query(
            "INSERT INTO inquiry_events (id, inquiry_id, kind, stage, actor, actor_id, department_id, note, detail, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(id.to_string())
        .bind(e.inquiry.to_string())
        .bind(e.kind.as_str())
        .bind(e.kind.stage().as_str())
        .bind(actor)
        .bind(actor_id)
        .bind(e.department.map(|d| d.to_string()))
        .bind(e.note.to_owned())
        .bind(e.detail.as_ref().map(|d| d.to_string()))
        .bind(Timestamp::now().millis())
        .execute(&mut **tx)
        .await?;
        Ok(id)
    }

    /// An inquiry's history, oldest first.
    pub async fn inquiry_events(&self, id: InquiryId) -> Result<Vec<EventRow>> {
        let rows = sqlx::query(
            "SELECT e.id, e.kind, e.stage, e.actor, e.actor_id, e.department_id, d.name AS department_name, e.note, e.detail, e.created_at
             FROM inquiry_events e LEFT JOIN departments d ON d.id = e.department_id
             WHERE e.inquiry_id = $1 ORDER BY e.created_at, e.id",
        )
        .bind(id.to_string())
        .fetch_all(self.db.reader())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(EventRow {
                    id: r.parsed("id")?,
                    kind: named("kind", &r.text("kind")?, EventKind::parse)?,
                    stage: named("stage", &r.text("stage")?, Stage::parse)?,
                    actor: r.text("actor")?,
                    actor_id: r.opt_parsed("actor_id")?,
                    department_id: r.opt_parsed("department_id")?,
                    department_name: r.opt_text("department_name")?,
                    note: r.text("note")?,
                    detail: r
                        .opt_text("detail")?
                        .and_then(|d| serde_json::from_str(&d).ok())
                        .unwrap_or(serde_json::Value::Null),
                    at: r.ts("created_at")?,
                })
            })
            .collect()
    }

    /// Records a file stored for an inquiry.
    pub async fn add_inquiry_file(&self, tx: &mut Tx, f: &InquiryFile) -> Result<()> {
        sqlx::query(
            "INSERT INTO inquiry_files (id, inquiry_id, event_id, role, storage_key, file_type, bytes, sha256, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(f.id.to_string())
        .bind(f.inquiry_id.to_string())
        .bind(f.event_id.map(|e| e.to_string()))
        .bind(f.role.clone())
        .bind(f.storage_key.clone())
        .bind(f.file_type.clone())
        .bind(f.bytes)
        .bind(f.sha256.clone())
        .bind(Timestamp::now().millis())
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// An inquiry's files, oldest first.
    pub async fn inquiry_files(&self, id: InquiryId) -> Result<Vec<InquiryFile>> {
        let rows = sqlx::query(
            "SELECT id, inquiry_id, event_id, role, storage_key, file_type, bytes, sha256 FROM inquiry_files WHERE inquiry_id = $1 ORDER BY created_at, id",
        )
        .bind(id.to_string())
        .fetch_all(self.db.reader())
        .await?;
        rows.iter().map(read_file).collect()
    }

    /// One file.
    pub async fn inquiry_file(&self, id: UploadId) -> Result<Option<InquiryFile>> {
        sqlx::query(
            "SELECT id, inquiry_id, event_id, role, storage_key, file_type, bytes, sha256 FROM inquiry_files WHERE id = $1",
        )
        .bind(id.to_string())
        .fetch_optional(self.db.reader())
        .await?
        .map(|r| read_file(&r))
        .transpose()
    }

    /// Stops an inquiry's clock from `day`.
    pub async fn open_inquiry_pause(&self, tx: &mut Tx, id: InquiryId, day: Date) -> Result<()> {
        sqlx::query("INSERT INTO inquiry_pauses (inquiry_id, from_day) VALUES ($1, $2)")
            .bind(id.to_string())
            .bind(day.to_string())
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// Restarts it: the open pause ends the day before `day` (a pause opened today ends empty
    /// and is removed).
    pub async fn close_inquiry_pause(&self, tx: &mut Tx, id: InquiryId, day: Date) -> Result<()> {
        let last = day.previous_day().unwrap_or(day);
        sqlx::query(
            "DELETE FROM inquiry_pauses WHERE inquiry_id = $1 AND to_day IS NULL AND from_day > $2",
        )
        .bind(id.to_string())
        .bind(last.to_string())
        .execute(&mut **tx)
        .await?;
        sqlx::query(
            "UPDATE inquiry_pauses SET to_day = $2 WHERE inquiry_id = $1 AND to_day IS NULL",
        )
        .bind(id.to_string())
        .bind(last.to_string())
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// The days an inquiry's clock stood (or stands) still.
    pub async fn inquiry_pauses(&self, tx: &mut Tx, id: InquiryId) -> Result<Vec<Pause>> {
        let rows = sqlx::query(
            "SELECT from_day, to_day FROM inquiry_pauses WHERE inquiry_id = $1 ORDER BY from_day",
        )
        .bind(id.to_string())
        .fetch_all(&mut **tx)
        .await?;
        let date = |s: String| parse_date(&s).ok_or_else(|| Error::Corrupt(format!("pause {s:?}")));
        rows.iter()
            .map(|r| {
                Ok(Pause {
                    from: date(r.text("from_day")?)?,
                    to: r.opt_text("to_day")?.map(date).transpose()?,
                })
            })
            .collect()
    }

    /// Asks a department to help (again is harmless).
    pub async fn add_inquiry_helper(
        &self,
        tx: &mut Tx,
        id: InquiryId,
        d: DepartmentId,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO inquiry_helpers (inquiry_id, department_id, added_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        )
        .bind(id.to_string())
        .bind(d.to_string())
        .bind(Timestamp::now().millis())
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// The departments helping on an inquiry.
    pub async fn inquiry_helpers(&self, id: InquiryId) -> Result<Vec<DepartmentId>> {
        sqlx::query(
            "SELECT department_id FROM inquiry_helpers WHERE inquiry_id = $1 ORDER BY added_at",
        )
        .bind(id.to_string())
        .fetch_all(self.db.reader())
        .await?
        .iter()
        .map(|r| r.parsed("department_id"))
        .collect()
    }

    /// Records an asker's verdict on a reply; `false` when they already gave one for it.
    pub async fn add_inquiry_rating(
        &self,
        tx: &mut Tx,
        id: InquiryId,
        round: i64,
        verdict: Verdict,
        reason: &str,
    ) -> Result<bool> {
        let n = sqlx::query(
            "INSERT INTO inquiry_ratings (inquiry_id, round, verdict, reason, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
        )
        .bind(id.to_string())
        .bind(round)
        .bind(verdict.as_str())
        .bind(reason.to_owned())
        .bind(Timestamp::now().millis())
        .execute(&mut **tx)
        .await?
        .rows_affected();
        Ok(n == 1)
    }

    /// An asker's verdict on a round's reply.
    pub async fn inquiry_rating(
        &self,
        id: InquiryId,
        round: i64,
    ) -> Result<Option<(Verdict, String)>> {
        let row = sqlx::query(
            "SELECT verdict, reason FROM inquiry_ratings WHERE inquiry_id = $1 AND round = $2",
        )
        .bind(id.to_string())
        .bind(round)
        .fetch_optional(self.db.reader())
        .await?;
        row.map(|r| {
            Ok((
                named("verdict", &r.text("verdict")?, Verdict::parse)?,
                r.text("reason")?,
            ))
        })
        .transpose()
    }
}

fn read_file(r: &sqlx::any::AnyRow) -> Result<InquiryFile> {
    Ok(InquiryFile {
        id: r.parsed("id")?,
        inquiry_id: r.parsed("inquiry_id")?,
        event_id: r.opt_parsed("event_id")?,
        role: r.text("role")?,
        storage_key: r.text("storage_key")?,
        file_type: r.text("file_type")?,
        bytes: r.int("bytes")?,
        sha256: r.text("sha256")?,
    })
}
