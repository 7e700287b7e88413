//! Requests for government information (依申请公开, PUB-3): the requests, their pauses for
//! clarification, and the annual report's figures.

use time::Date;
use yiwang_domain::Timestamp;
use yiwang_domain::deadline::{Pause, parse_date};
use yiwang_domain::disclosure::{AnswerType, Request, RequestState};
use yiwang_domain::ids::{AccountId, DepartmentId, DisclosureFileId, DisclosureId};
use yiwang_domain::workflow::Receipt;

use crate::row::RowExt;
use crate::{Error, Result, Store, Tx};

/// A file attached to an answer.
#[derive(Debug, Clone)]
pub struct DisclosureFile {
    /// Its id.
    pub id: DisclosureFileId,
    /// Its sniffed type (`pdf`, `jpeg`, `png`).
    pub file_type: String,
    /// Its size in bytes.
    pub size: i64,
    /// Where its bytes are in the file store.
    pub file_key: String,
}

/// A request as stored.
#[derive(Debug, Clone)]
pub struct DisclosureRow {
    /// Its id.
    pub id: DisclosureId,
    /// Its receipt number.
    pub receipt: String,
    /// Who asked.
    pub account_id: AccountId,
    /// The department asked.
    pub department_id: DepartmentId,
    /// Its name.
    pub department_name: String,
    /// What is asked for.
    pub description: String,
    /// `electronic` or `paper`.
    pub form: String,
    /// Where it stands.
    pub state: RequestState,
    /// The day it was received.
    pub received_on: Date,
    /// The day its clock started: the day it was received, or the day the requester made
    /// it clear (§30).
    pub clock_start: Date,
    /// The day the answer is due (none while waiting for the requester).
    pub due_on: Option<Date>,
    /// Whether the limit was extended.
    pub extended: bool,
    /// Why.
    pub extend_reason: String,
    /// What the department asked the requester to make clear.
    pub clarify_note: String,
    /// The requester's clarification.
    pub clarify_answer: String,
    /// The answer's type.
    pub answer_type: Option<AnswerType>,
    /// The answer.
    pub answer_text: String,
    /// Why something is withheld.
    pub answer_reason: String,
    /// The day it was answered.
    pub answered_on: Option<Date>,
    /// Answered after its due day.
    pub late: bool,
    /// Grows with every change.
    pub revision: i64,
}

const COLUMNS: &str = "r.id, r.receipt, r.account_id, r.department_id, d.name AS department_name, r.description, r.form, r.state, r.received_on, r.clock_start, r.due_on, r.extended, r.extend_reason, r.clarify_note, r.clarify_answer, r.answer_type, r.answer_text, r.answer_reason, r.answered_on, r.late, r.revision";
const FROM: &str = "FROM disclosure_requests r JOIN departments d ON d.id = r.department_id";

fn read(r: &sqlx::any::AnyRow) -> Result<DisclosureRow> {
    let bad = |w: &str| Error::Corrupt(format!("disclosure: {w}"));
    let date =
        |c: &str| -> Result<Option<Date>> { Ok(r.opt_text(c)?.as_deref().and_then(parse_date)) };
    Ok(DisclosureRow {
        id: r.parsed("id")?,
        receipt: r.text("receipt")?,
        account_id: r.parsed("account_id")?,
        department_id: r.parsed("department_id")?,
        department_name: r.text("department_name")?,
        description: r.text("description")?,
        form: r.text("form")?,
        state: RequestState::parse(&r.text("state")?).ok_or_else(|| bad("state"))?,
        received_on: date("received_on")?.ok_or_else(|| bad("received_on"))?,
        clock_start: date("clock_start")?.ok_or_else(|| bad("clock_start"))?,
        due_on: date("due_on")?,
        extended: r.int("extended")? != 0,
        extend_reason: r.text("extend_reason")?,
        clarify_note: r.text("clarify_note")?,
        clarify_answer: r.text("clarify_answer")?,
        answer_type: r
            .opt_text("answer_type")?
            .as_deref()
            .and_then(AnswerType::parse),
        answer_text: r.text("answer_text")?,
        answer_reason: r.text("answer_reason")?,
        answered_on: date("answered_on")?,
        late: r.int("late")? != 0,
        revision: r.int("revision")?,
    })
}

/// A change to a request, written if nobody changed it since `revision`.
#[derive(Debug, Clone, Default)]
pub struct DisclosureChange {
    /// The new state.
    pub state: Option<RequestState>,
    /// The new due day (`Some(None)`: none while paused).
    pub due_on: Option<Option<Date>>,
    /// Extended, with the reason.
    pub extend_reason: Option<String>,
    /// The question to the requester.
    pub clarify_note: Option<String>,
    /// The requester's clarification.
    pub clarify_answer: Option<String>,
    /// The clock starts again on this day.
    pub clock_start: Option<Date>,
    /// The answer: type, text, reason, day, who, late.
    pub answer: Option<(AnswerType, String, String, Date, AccountId, bool)>,
}

/// One department's figures for the annual report (政府信息公开工作年度报告, 表三).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportRow {
    /// The department.
    pub department: String,
    /// Requests received in the year.
    pub received: i64,
    /// Answered, by type (in `AnswerType::ALL`'s order).
    pub answered: Vec<i64>,
    /// Answered after the due day.
    pub late: i64,
    /// Not yet answered (carried over).
    pub pending: i64,
}

impl Store {
    /// Registers a request, received on `received_on` and due on `due_on`.
    pub async fn insert_disclosure(
        &self,
        tx: &mut Tx,
        account: AccountId,
        req: &Request,
        received_on: Date,
        due_on: Option<Date>,
    ) -> Result<DisclosureId> {
        let now = Timestamp::now().millis();
        for _ in 0..8 {
            let id = DisclosureId::generate();
            let receipt = Receipt::new(received_on, id.as_uuid().as_u128() as u64);
            let n = sqlx::query("INSERT INTO disclosure_requests (id, receipt, account_id, department_id, description, form, state, received_on, clock_start, due_on, revision, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 'received', $7, $7, $8, 1, $9, $9) ON CONFLICT DO NOTHING")
                .bind(id.to_string())
                .bind(receipt.as_str().to_owned())
                .bind(account.to_string())
                .bind(req.department.to_string())
                .bind(req.description.clone())
                .bind(req.form)
                .bind(received_on.to_string())
                .bind(due_on.map(|d| d.to_string()))
                .bind(now)
                .execute(&mut **tx)
                .await?
                .rows_affected();
            if n == 1 {
                return Ok(id);
            }
        }
        Err(Error::Corrupt("no free receipt number".into()))
    }

    /// Records a file attached to a request's answer (its bytes are already in the file
    /// store under `file_key`).
    pub async fn add_disclosure_file(
        &self,
        id: DisclosureId,
        file: &DisclosureFile,
        by: AccountId,
    ) -> Result<()> {
        sqlx::query("INSERT INTO disclosure_files (id, disclosure_id, file_type, size, file_key, added_by, added_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(file.id.to_string())
            .bind(id.to_string())
            .bind(file.file_type.clone())
            .bind(file.size)
            .bind(file.file_key.clone())
            .bind(by.to_string())
            .bind(Timestamp::now().millis())
            .execute(self.db.writer())
            .await?;
        Ok(())
    }

    /// The files attached to a request's answer, in the order they were added.
    pub async fn disclosure_files(&self, id: DisclosureId) -> Result<Vec<DisclosureFile>> {
        sqlx::query("SELECT id, file_type, size, file_key FROM disclosure_files WHERE disclosure_id = $1 ORDER BY added_at, id")
            .bind(id.to_string())
            .fetch_all(self.db.reader())
            .await?
            .iter()
            .map(|r| {
                Ok(DisclosureFile {
                    id: r.parsed("id")?,
                    file_type: r.text("file_type")?,
                    size: r.int("size")?,
                    file_key: r.text("file_key")?,
                })
            })
            .collect()
    }

    /// One request.
    pub async fn disclosure(&self, id: DisclosureId) -> Result<Option<DisclosureRow>> {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} {FROM} WHERE r.id = $1"
        )))
        .bind(id.to_string())
        .fetch_optional(self.db.reader())
        .await?
        .map(|r| read(&r))
        .transpose()
    }

    /// A person's requests, newest first.
    pub async fn my_disclosures(&self, account: AccountId) -> Result<Vec<DisclosureRow>> {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} {FROM} WHERE r.account_id = $1 ORDER BY r.created_at DESC LIMIT 100"
        )))
        .bind(account.to_string())
        .fetch_all(self.db.reader())
        .await?
        .iter()
        .map(read)
        .collect()
    }

    /// Departments' open requests, earliest due first (those waiting for the requester last).
    pub async fn open_disclosures(
        &self,
        departments: &[DepartmentId],
    ) -> Result<Vec<DisclosureRow>> {
        if departments.is_empty() {
            return Ok(Vec::new());
        }
        let list = crate::inquiries::placeholders(1, departments.len());
        let mut q = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} {FROM} WHERE r.department_id IN ({list}) AND r.state <> 'answered' ORDER BY CASE WHEN r.due_on IS NULL THEN 1 ELSE 0 END, r.due_on, r.created_at LIMIT 200"
        )));
        for d in departments {
            q = q.bind(d.to_string());
        }
        q.fetch_all(self.db.reader())
            .await?
            .iter()
            .map(read)
            .collect()
    }

    /// A request's pauses for clarification.
    pub async fn disclosure_pauses(&self, id: DisclosureId) -> Result<Vec<Pause>> {
        sqlx::query(
            "SELECT from_on, to_on FROM disclosure_pauses WHERE request_id = $1 ORDER BY from_on",
        )
        .bind(id.to_string())
        .fetch_all(self.db.reader())
        .await?
        .iter()
        .map(|r| {
            Ok(Pause {
                from: r
                    .text("from_on")
                    .ok()
                    .as_deref()
                    .and_then(parse_date)
                    .ok_or_else(|| Error::Corrupt("pause".into()))?,
                to: r.opt_text("to_on")?.as_deref().and_then(parse_date),
            })
        })
        .collect()
    }

    /// Opens a pause from `from` (the department asked for clarification).
    pub async fn open_disclosure_pause(
        &self,
        tx: &mut Tx,
        id: DisclosureId,
        from: Date,
    ) -> Result<()> {
        sqlx::query("INSERT INTO disclosure_pauses (request_id, from_on, to_on) VALUES ($1, $2, NULL) ON CONFLICT DO NOTHING")
            .bind(id.to_string())
            .bind(from.to_string())
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// Closes the open pause on `to` (the requester answered).
    pub async fn close_disclosure_pause(
        &self,
        tx: &mut Tx,
        id: DisclosureId,
        to: Date,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE disclosure_pauses SET to_on = $2 WHERE request_id = $1 AND to_on IS NULL",
        )
        .bind(id.to_string())
        .bind(to.to_string())
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Writes a change if nobody changed the request since `revision`; `false` when someone did.
    pub async fn change_disclosure(
        &self,
        tx: &mut Tx,
        id: DisclosureId,
        revision: i64,
        c: &DisclosureChange,
    ) -> Result<bool> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} {FROM} WHERE r.id = $1"
        )))
        .bind(id.to_string())
        .fetch_optional(&mut **tx)
        .await?
        .map(|r| read(&r))
        .transpose()?;
        let Some(mut r) = row else { return Ok(false) };
        if r.revision != revision {
            return Ok(false);
        }
        if let Some(s) = c.state {
            r.state = s;
        }
        if let Some(d) = c.due_on {
            r.due_on = d;
        }
        if let Some(reason) = &c.extend_reason {
            r.extended = true;
            r.extend_reason = reason.clone();
        }
        if let Some(n) = &c.clarify_note {
            r.clarify_note = n.clone();
        }
        if let Some(a) = &c.clarify_answer {
            r.clarify_answer = a.clone();
        }
        if let Some(d) = c.clock_start {
            r.clock_start = d;
        }
        let mut answered_by = None;
        if let Some((kind, text, reason, on, by, late)) = &c.answer {
            r.answer_type = Some(*kind);
            r.answer_text = text.clone();
            r.answer_reason = reason.clone();
            r.answered_on = Some(*on);
            r.late = *late;
            answered_by = Some(by.to_string());
        }
        let n = sqlx::query("UPDATE disclosure_requests SET state = $3, clock_start = $16, due_on = $4, extended = $5, extend_reason = $6, clarify_note = $7, clarify_answer = $8, answer_type = $9, answer_text = $10, answer_reason = $11, answered_on = $12, answered_by = COALESCE($13, answered_by), late = $14, revision = revision + 1, updated_at = $15 WHERE id = $1 AND revision = $2")
            .bind(id.to_string())
            .bind(revision)
            .bind(r.state.as_str())
            .bind(r.due_on.map(|d| d.to_string()))
            .bind(i64::from(r.extended))
            .bind(r.extend_reason)
            .bind(r.clarify_note)
            .bind(r.clarify_answer)
            .bind(r.answer_type.map(|a| a.as_str()))
            .bind(r.answer_text)
            .bind(r.answer_reason)
            .bind(r.answered_on.map(|d| d.to_string()))
            .bind(answered_by)
            .bind(i64::from(r.late))
            .bind(Timestamp::now().millis())
            .bind(r.clock_start.to_string())
            .execute(&mut **tx)
            .await?
            .rows_affected();
        Ok(n == 1)
    }

    /// Open requests past their due day whose lateness was not yet told.
    pub async fn overdue_disclosures(&self, today: Date) -> Result<Vec<DisclosureRow>> {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} {FROM} WHERE r.state = 'received' AND r.due_on < $1 AND r.overdue_told = 0 ORDER BY r.due_on LIMIT 500"
        )))
        .bind(today.to_string())
        .fetch_all(self.db.reader())
        .await?
        .iter()
        .map(read)
        .collect()
    }

    /// Records that a late request was told to the supervisors (once).
    pub async fn mark_disclosure_overdue_told(
        &self,
        tx: &mut Tx,
        id: DisclosureId,
    ) -> Result<bool> {
        Ok(sqlx::query(
            "UPDATE disclosure_requests SET overdue_told = 1 WHERE id = $1 AND overdue_told = 0",
        )
        .bind(id.to_string())
        .execute(&mut **tx)
        .await?
        .rows_affected()
            == 1)
    }

    /// The annual report's figures per department under `region` for `year`: requests
    /// received that year, those answered by type, answered late, and still open.
    pub async fn disclosure_report(&self, region: &str, year: i32) -> Result<Vec<ReportRow>> {
        let rows = sqlx::query("SELECT d.name AS department, r.state, r.answer_type, r.late FROM disclosure_requests r JOIN departments d ON d.id = r.department_id WHERE d.region_code LIKE $1 AND r.received_on LIKE $2 ORDER BY d.name")
            .bind(format!("{region}%"))
            .bind(format!("{year:04}-%"))
            .fetch_all(self.db.reader())
            .await?;
        let mut out: Vec<ReportRow> = Vec::new();
        for r in &rows {
            let name = r.text("department")?;
            if out.last().is_none_or(|x| x.department != name) {
                out.push(ReportRow {
                    department: name,
                    answered: vec![0; AnswerType::ALL.len()],
                    ..ReportRow::default()
                });
            }
            let Some(row) = out.last_mut() else { continue };
            row.received += 1;
            match r
                .opt_text("answer_type")?
                .as_deref()
                .and_then(AnswerType::parse)
            {
                Some(a) => {
                    if let Some(i) = AnswerType::ALL.iter().position(|x| *x == a) {
                        row.answered[i] += 1;
                    }
                    if r.int("late")? != 0 {
                        row.late += 1;
                    }
                }
                None => row.pending += 1,
            }
        }
        Ok(out)
    }
}
