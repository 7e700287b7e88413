//! Inquiries, complaints and petitions (INQ-1…5): the rows, submitted exactly once, changed
//! with a revision guard, and listed for the asker, the department queues and the dispatch
//! desk. The rules that decide each change are `domain::inquiry`.

pub mod board;
pub mod config;
pub mod history;
pub mod open311;
pub mod stats;
pub mod watch;

use serde::{Deserialize, Serialize};
use time::Date;
use yiwang_domain::Timestamp;
use yiwang_domain::deadline::parse_date;
use yiwang_domain::ids::{AccountId, DepartmentId, InquiryId};
use yiwang_domain::inquiry::{Channel, InquiryState, Kind};
use yiwang_domain::paging::Page;
use yiwang_domain::workflow::Receipt;

use crate::row::{RowExt, named};
use crate::{Error, Result, Store, Tx};

/// How to reach a person who is not (or not only) an account: a caller to the hotline, a
/// person reporting through Open311. Encrypted at rest.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    /// Their name, as given.
    #[serde(default)]
    pub name: String,
    /// Their phone number.
    #[serde(default)]
    pub phone: String,
    /// Their email address.
    #[serde(default)]
    pub email: String,
}

impl Contact {
    /// Whether nothing was given.
    pub fn is_empty(&self) -> bool {
        self.name.is_empty() && self.phone.is_empty() && self.email.is_empty()
    }
}

/// An inquiry as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct InquiryRow {
    /// Its id.
    pub id: InquiryId,
    /// Its receipt number.
    pub receipt: String,
    /// Its kind.
    pub kind: Kind,
    /// Its category's code.
    pub category: String,
    /// How it arrived.
    pub channel: Channel,
    /// Its title.
    pub title: String,
    /// What the person wrote.
    pub body: String,
    /// Where: a region code (down to the community).
    pub region_code: String,
    /// Where: the address as typed.
    pub address: String,
    /// Where: latitude and longitude in millionths of a degree, if given.
    pub location: Option<(i64, i64)>,
    /// Whether the person agreed to its publication on the board.
    pub wants_public: bool,
    /// Whether the person asked without giving who they are.
    pub anonymous: bool,
    /// The asker's account, if any.
    pub account_id: Option<AccountId>,
    /// Whether contact details were given with it (encrypted; read with
    /// [`Store::inquiry_contact`]).
    pub has_contact: bool,
    /// The Open311 client that posted it.
    pub client_id: Option<String>,
    /// The hotline operator who recorded it.
    pub recorded_by: Option<AccountId>,
    /// Where it stands.
    pub state: InquiryState,
    /// The handling department.
    pub department_id: Option<DepartmentId>,
    /// The handling department's name.
    pub department_name: Option<String>,
    /// Whether the handling department has its replies reviewed.
    pub replies_reviewed: bool,
    /// The inquiry it was merged into.
    pub master_id: Option<InquiryId>,
    /// Times passed on by departments.
    pub transfers: i64,
    /// Times reopened.
    pub reopened: i64,
    /// A petition: extended once.
    pub extended: bool,
    /// A petition: the day it was accepted.
    pub accepted_on: Option<Date>,
    /// A petition: review asked for.
    pub review_requested: bool,
    /// The day it was submitted (Beijing).
    pub submitted_on: Date,
    /// The day the running reply limit started (submission, acceptance, reopening).
    pub clock_start: Date,
    /// The acknowledgement's due day.
    pub ack_due: Option<Date>,
    /// The reply's (or review's) due day.
    pub reply_due: Option<Date>,
    /// The due day the reminders and supervision watch.
    pub due_on: Option<Date>,
    /// When the department was reminded for the current due day.
    pub reminded_at: Option<Timestamp>,
    /// When it was escalated as late for the current due day.
    pub overdue_at: Option<Timestamp>,
    /// The reply sent.
    pub reply: Option<String>,
    /// The day it was sent.
    pub replied_on: Option<Date>,
    /// When it went on the public board.
    pub published_at: Option<Timestamp>,
    /// Grows with every change.
    pub revision: i64,
    /// When it arrived.
    pub created_at: Timestamp,
    /// Its last change.
    pub updated_at: Timestamp,
}

pub(crate) const COLUMNS: &str = "i.id, i.receipt, i.kind, i.category, i.channel, i.title, i.body, i.region_code, i.address, i.lat_e6, i.lng_e6, i.wants_public, i.anonymous, i.account_id, CASE WHEN i.contact_enc IS NULL THEN 0 ELSE 1 END AS has_contact, i.client_id, i.recorded_by, i.state, i.department_id, d.name AS department_name, COALESCE(d.inquiry_reply_review, 0) AS replies_reviewed, i.master_id, i.transfers, i.reopened, i.extended, i.accepted_on, i.review_requested, i.submitted_on, i.clock_start, i.ack_due, i.reply_due, i.due_on, i.reminded_at, i.overdue_at, i.reply, i.replied_on, i.published_at, i.revision, i.created_at, i.updated_at";

pub(crate) const FROM: &str = "FROM inquiries i LEFT JOIN departments d ON d.id = i.department_id";

fn day(r: &sqlx::any::AnyRow, col: &str) -> Result<Option<Date>> {
    r.opt_text(col)?
        .map(|s| parse_date(&s).ok_or_else(|| Error::Corrupt(format!("{col} {s:?}"))))
        .transpose()
}

fn req_day(r: &sqlx::any::AnyRow, col: &str) -> Result<Date> {
    day(r, col)?.ok_or_else(|| Error::Corrupt(format!("{col} is empty")))
}

pub(crate) fn read(r: &sqlx::any::AnyRow) -> Result<InquiryRow> {
    let lat = r.opt_int("lat_e6")?;
    let lng = r.opt_int("lng_e6")?;
    Ok(InquiryRow {
        id: r.parsed("id")?,
        receipt: r.text("receipt")?,
        kind: named("kind", &r.text("kind")?, Kind::parse)?,
        category: r.text("category")?,
        channel: named("channel", &r.text("channel")?, Channel::parse)?,
        title: r.text("title")?,
        body: r.text("body")?,
        region_code: r.text("region_code")?,
        address: r.text("address")?,
        location: lat.zip(lng),
        wants_public: r.int("wants_public")? != 0,
        anonymous: r.int("anonymous")? != 0,
        account_id: r.opt_parsed("account_id")?,
        has_contact: r.int("has_contact")? != 0,
        client_id: r.opt_text("client_id")?,
        recorded_by: r.opt_parsed("recorded_by")?,
        state: named("state", &r.text("state")?, InquiryState::parse)?,
        department_id: r.opt_parsed("department_id")?,
        department_name: r.opt_text("department_name")?,
        replies_reviewed: r.int("replies_reviewed")? != 0,
        master_id: r.opt_parsed("master_id")?,
        transfers: r.int("transfers")?,
        reopened: r.int("reopened")?,
        extended: r.int("extended")? != 0,
        accepted_on: day(r, "accepted_on")?,
        review_requested: r.int("review_requested")? != 0,
        submitted_on: req_day(r, "submitted_on")?,
        clock_start: req_day(r, "clock_start")?,
        ack_due: day(r, "ack_due")?,
        reply_due: day(r, "reply_due")?,
        due_on: day(r, "due_on")?,
        reminded_at: r.opt_ts("reminded_at")?,
        overdue_at: r.opt_ts("overdue_at")?,
        reply: r.opt_text("reply")?,
        replied_on: day(r, "replied_on")?,
        published_at: r.opt_ts("published_at")?,
        revision: r.int("revision")?,
        created_at: r.ts("created_at")?,
        updated_at: r.ts("updated_at")?,
    })
}

/// A new inquiry, checked by the caller.
#[derive(Debug, Clone)]
pub struct NewInquiry<'a> {
    /// Its kind.
    pub kind: Kind,
    /// Its category.
    pub category: &'a str,
    /// How it arrived.
    pub channel: Channel,
    /// Title and text.
    pub title: &'a str,
    /// The text.
    pub body: &'a str,
    /// Region code.
    pub region_code: &'a str,
    /// Address as typed.
    pub address: &'a str,
    /// Latitude and longitude in millionths of a degree.
    pub location: Option<(i64, i64)>,
    /// Publication agreed.
    pub wants_public: bool,
    /// Anonymous.
    pub anonymous: bool,
    /// The asker's account.
    pub account_id: Option<AccountId>,
    /// Contact details given with it.
    pub contact: Option<&'a Contact>,
    /// Keyed MAC of an anonymous asker's one-time query code.
    pub query_hash: Option<&'a str>,
    /// The Open311 client.
    pub client_id: Option<&'a str>,
    /// The operator who recorded a call.
    pub recorded_by: Option<AccountId>,
    /// `dispatch` or `assigned`.
    pub state: InquiryState,
    /// The department a routing rule chose.
    pub department_id: Option<DepartmentId>,
    /// Acknowledgement due (when routed at once).
    pub ack_due: Option<Date>,
    /// Reply due.
    pub reply_due: Option<Date>,
    /// Idempotency key, scoped by the caller (`account:<id>:<key>`, `client:<id>:<key>` …).
    pub idempotency_key: Option<&'a str>,
    /// Hash of what was submitted, to tell a retry from a reused key.
    pub request_hash: &'a str,
}

fn contact_ctx(id: &InquiryId) -> String {
    format!("inquiries.contact|{id}")
}

impl Store {
    /// Stores an inquiry exactly once: with an idempotency key already used, returns that
    /// inquiry and `false` when the request is the same, `idempotency_key_reused` when it
    /// differs; else creates it with a fresh receipt number and returns it with `true`.
    pub async fn submit_inquiry(
        &self,
        tx: &mut Tx,
        new: &NewInquiry<'_>,
    ) -> Result<(InquiryRow, bool)> {
        if let Some(key) = new.idempotency_key
            && let Some(found) = self.inquiry_by_key(tx, key).await?
        {
            return replay(found, new.request_hash);
        }
        let now = Timestamp::now();
        let today = now.beijing_date();
        let due_on = match new.state {
            InquiryState::Assigned => new.ack_due,
            _ => new.reply_due,
        };
        for _ in 0..8 {
            let id = InquiryId::generate();
            let random = id.as_uuid().as_u128() as u64;
            let receipt = Receipt::new(today, random);
            let contact = match new.contact {
                Some(c) if !c.is_empty() => {
                    let json = serde_json::to_string(c)
                        .map_err(|e| Error::Corrupt(format!("contact: {e}")))?;
                    Some(self.vault().encrypt(&contact_ctx(&id), &json)?)
                }
                _ => None,
            };
            let inserted = sqlx::query(
                "INSERT INTO inquiries (id, receipt, kind, category, channel, title, body, region_code, address, lat_e6, lng_e6, wants_public, anonymous, account_id, contact_enc, query_hash, client_id, recorded_by, state, department_id, submitted_on, clock_start, ack_due, reply_due, due_on, idempotency_key, request_hash, revision, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $21, $22, $23, $24, $25, $26, 1, $27, $27)
                 ON CONFLICT DO NOTHING",
            )
            .bind(id.to_string())
            .bind(receipt.as_str())
            .bind(new.kind.as_str())
            .bind(new.category)
            .bind(new.channel.as_str())
            .bind(new.title)
            .bind(new.body)
            .bind(new.region_code)
            .bind(new.address)
            .bind(new.location.map(|l| l.0))
            .bind(new.location.map(|l| l.1))
            .bind(i64::from(new.wants_public))
            .bind(i64::from(new.anonymous))
            .bind(new.account_id.map(|a| a.to_string()))
            .bind(contact)
            .bind(new.query_hash)
            .bind(new.client_id)
            .bind(new.recorded_by.map(|a| a.to_string()))
            .bind(new.state.as_str())
            .bind(new.department_id.map(|d| d.to_string()))
            .bind(today.to_string())
            .bind(new.ack_due.map(|d| d.to_string()))
            .bind(new.reply_due.map(|d| d.to_string()))
            .bind(due_on.map(|d| d.to_string()))
            .bind(new.idempotency_key)
            .bind(new.request_hash)
            .bind(now.millis())
            .execute(&mut **tx)
            .await?
            .rows_affected();
            if inserted == 1 {
                return Ok((self.inquiry_for_update(tx, id).await?, true));
            }
            if let Some(key) = new.idempotency_key
                && let Some(found) = self.inquiry_by_key(tx, key).await?
            {
                return replay(found, new.request_hash);
            }
        }
        Err(Error::Corrupt(
            "no free receipt number after 8 draws".into(),
        ))
    }

    async fn inquiry_by_key(&self, tx: &mut Tx, key: &str) -> Result<Option<(InquiryRow, String)>> {
        let sql = format!("SELECT {COLUMNS}, i.request_hash {FROM} WHERE i.idempotency_key = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(key.to_owned())
            .fetch_optional(&mut **tx)
            .await?;
        row.map(|r| Ok((read(&r)?, r.opt_text("request_hash")?.unwrap_or_default())))
            .transpose()
    }

    /// An inquiry.
    pub async fn inquiry(&self, id: InquiryId) -> Result<Option<InquiryRow>> {
        let sql = format!("SELECT {COLUMNS} {FROM} WHERE i.id = $1");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id.to_string())
            .fetch_optional(self.db.reader())
            .await?
            .map(|r| read(&r))
            .transpose()
    }

    /// An inquiry read inside a transaction (the version a change is checked against).
    pub async fn inquiry_for_update(&self, tx: &mut Tx, id: InquiryId) -> Result<InquiryRow> {
        let sql = format!("SELECT {COLUMNS} {FROM} WHERE i.id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id.to_string())
            .fetch_optional(&mut **tx)
            .await?
            .ok_or_else(Error::not_found)?;
        read(&row)
    }

    /// An inquiry by its receipt number.
    pub async fn inquiry_by_receipt(&self, receipt: &str) -> Result<Option<InquiryRow>> {
        let sql = format!("SELECT {COLUMNS} {FROM} WHERE i.receipt = $1");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(receipt.to_owned())
            .fetch_optional(self.db.reader())
            .await?
            .map(|r| read(&r))
            .transpose()
    }

    /// The keyed MAC of an anonymous asker's query code, if the inquiry has one.
    pub async fn inquiry_query_hash(&self, id: InquiryId) -> Result<Option<String>> {
        let row = sqlx::query("SELECT query_hash FROM inquiries WHERE id = $1")
            .bind(id.to_string())
            .fetch_optional(self.db.reader())
            .await?;
        Ok(row.map(|r| r.opt_text("query_hash")).transpose()?.flatten())
    }

    /// The contact details given with an inquiry (decrypted: only for the staff who handle
    /// it, and recorded as a read by the caller).
    pub async fn inquiry_contact(&self, id: InquiryId) -> Result<Option<Contact>> {
        let row = sqlx::query("SELECT contact_enc FROM inquiries WHERE id = $1")
            .bind(id.to_string())
            .fetch_optional(self.db.reader())
            .await?
            .ok_or_else(Error::not_found)?;
        let Some(blob) = row.opt_blob("contact_enc")? else {
            return Ok(None);
        };
        let json = self.vault().decrypt(&contact_ctx(&id), &blob)?;
        serde_json::from_str(&json)
            .map(Some)
            .map_err(|e| Error::Corrupt(format!("contact: {e}")))
    }

    /// The names given with these inquiries (callers', Open311 people's), to mask wherever
    /// they appear in public text. One query; never shown themselves.
    pub async fn inquiry_contact_names(
        &self,
        ids: &[InquiryId],
    ) -> Result<std::collections::HashMap<InquiryId, String>> {
        let mut out = std::collections::HashMap::new();
        for chunk in ids.chunks(500) {
            let sql = format!(
                "SELECT id, contact_enc FROM inquiries WHERE contact_enc IS NOT NULL AND id IN ({})",
                placeholders(1, chunk.len())
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for id in chunk {
                q = q.bind(id.to_string());
            }
            for r in q.fetch_all(self.db.reader()).await? {
                let id: InquiryId = r.parsed("id")?;
                if let Some(blob) = r.opt_blob("contact_enc")? {
                    let json = self.vault().decrypt(&contact_ctx(&id), &blob)?;
                    let c: Contact = serde_json::from_str(&json)
                        .map_err(|e| Error::Corrupt(format!("contact: {e}")))?;
                    if !c.name.trim().is_empty() {
                        out.insert(id, c.name);
                    }
                }
            }
        }
        Ok(out)
    }

    /// Writes the changeable part of an inquiry (state, department, counters, days, reply)
    /// if nobody changed it since `revision`; `false` when someone did.
    pub async fn update_inquiry(
        &self,
        tx: &mut Tx,
        row: &InquiryRow,
        revision: i64,
    ) -> Result<bool> {
        let d = |d: Option<Date>| d.map(|d| d.to_string());
        let n = sqlx::query(
            "UPDATE inquiries SET state = $1, department_id = $2, master_id = $3, transfers = $4, reopened = $5, extended = $6, accepted_on = $7, review_requested = $8, clock_start = $9, ack_due = $10, reply_due = $11, due_on = $12, reminded_at = $13, overdue_at = $14, reply = $15, replied_on = $16, revision = revision + 1, updated_at = $17
             WHERE id = $18 AND revision = $19",
        )
        .bind(row.state.as_str())
        .bind(row.department_id.map(|x| x.to_string()))
        .bind(row.master_id.map(|x| x.to_string()))
        .bind(row.transfers)
        .bind(row.reopened)
        .bind(i64::from(row.extended))
        .bind(d(row.accepted_on))
        .bind(i64::from(row.review_requested))
        .bind(row.clock_start.to_string())
        .bind(d(row.ack_due))
        .bind(d(row.reply_due))
        .bind(d(row.due_on))
        .bind(row.reminded_at.map(|t| t.millis()))
        .bind(row.overdue_at.map(|t| t.millis()))
        .bind(row.reply.clone())
        .bind(d(row.replied_on))
        .bind(Timestamp::now().millis())
        .bind(row.id.to_string())
        .bind(revision)
        .execute(&mut **tx)
        .await?
        .rows_affected();
        Ok(n == 1)
    }

    /// The inquiries an account asked, newest first, and how many there are.
    pub async fn my_inquiries(
        &self,
        account: AccountId,
        page: Page,
    ) -> Result<(Vec<InquiryRow>, i64)> {
        let sql = format!(
            "SELECT {COLUMNS} {FROM} WHERE i.account_id = $1 ORDER BY i.created_at DESC, i.id DESC LIMIT $2 OFFSET $3"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(account.to_string())
            .bind(page.limit())
            .bind(page.offset())
            .fetch_all(self.db.reader())
            .await?;
        let total = sqlx::query("SELECT COUNT(*) AS n FROM inquiries WHERE account_id = $1")
            .bind(account.to_string())
            .fetch_one(self.db.reader())
            .await?
            .int("n")?;
        Ok((rows.iter().map(read).collect::<Result<_>>()?, total))
    }

    /// The inquiries merged into `master`.
    pub async fn merged_into(&self, master: InquiryId) -> Result<Vec<InquiryRow>> {
        let sql = format!("SELECT {COLUMNS} {FROM} WHERE i.master_id = $1 ORDER BY i.created_at");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(master.to_string())
            .fetch_all(self.db.reader())
            .await?
            .iter()
            .map(read)
            .collect()
    }

    /// A queue: the open inquiries of these departments (or, with `helping`, those they help
    /// on), optionally in one state, the earliest due first, and how many there are.
    pub async fn inquiry_queue(
        &self,
        q: &QueueQuery<'_>,
        page: Page,
    ) -> Result<(Vec<InquiryRow>, i64)> {
        if q.departments.is_empty() {
            return Ok((Vec::new(), 0));
        }
        let list = placeholders(3, q.departments.len());
        let owner = if q.helping {
            format!(
                "i.id IN (SELECT inquiry_id FROM inquiry_helpers WHERE department_id IN ({list}))"
            )
        } else {
            format!("i.department_id IN ({list})")
        };
        let mut filter = format!(
            "{owner} AND i.state IN ('assigned', 'handling', 'paused', 'reply_review') AND ($1 = '' OR i.state = $1) AND ($2 = '' OR i.category = $2)"
        );
        if q.overdue_before.is_some() {
            filter.push_str(&format!(" AND i.due_on < ${}", 3 + q.departments.len()));
        }
        let at = 3 + q.departments.len() + usize::from(q.overdue_before.is_some());
        let sql = format!(
            "SELECT {COLUMNS} {FROM} WHERE {filter} ORDER BY CASE WHEN i.due_on IS NULL THEN 1 ELSE 0 END, i.due_on, i.created_at LIMIT ${at} OFFSET ${}",
            at + 1
        );
        let count = format!("SELECT COUNT(*) AS n FROM inquiries i WHERE {filter}");
        let bind = |sql: String| {
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(q.state.to_owned())
                .bind(q.category.to_owned());
            for d in q.departments {
                query = query.bind(d.to_string());
            }
            if let Some(day) = q.overdue_before {
                query = query.bind(day.to_string());
            }
            query
        };
        let rows = bind(sql)
            .bind(page.limit())
            .bind(page.offset())
            .fetch_all(self.db.reader())
            .await?;
        let total = bind(count).fetch_one(self.db.reader()).await?.int("n")?;
        Ok((rows.iter().map(read).collect::<Result<_>>()?, total))
    }

    /// The dispatch desk of a region: inquiries with no department yet, in the region or
    /// below, oldest first.
    pub async fn inquiry_desk(
        &self,
        region_prefix: &str,
        page: Page,
    ) -> Result<(Vec<InquiryRow>, i64)> {
        let filter = "i.state = 'dispatch' AND i.region_code LIKE $1";
        let sql = format!(
            "SELECT {COLUMNS} {FROM} WHERE {filter} ORDER BY i.created_at, i.id LIMIT $2 OFFSET $3"
        );
        let like = format!("{region_prefix}%");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(like.clone())
            .bind(page.limit())
            .bind(page.offset())
            .fetch_all(self.db.reader())
            .await?;
        let total = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) AS n FROM inquiries i WHERE {filter}"
        )))
        .bind(like)
        .fetch_one(self.db.reader())
        .await?
        .int("n")?;
        Ok((rows.iter().map(read).collect::<Result<_>>()?, total))
    }

    /// Open inquiries that might be about the same thing as `of`, for the dispatcher to
    /// compare (the rule that decides is `domain::inquiry::resemble`): the newest `limit` of
    /// the same category, and the newest `limit` of any category in the same street or
    /// within about `near_e6` millionths of a degree of its location. Merged and closed
    /// ones are never candidates.
    pub async fn inquiry_candidates(
        &self,
        of: &InquiryRow,
        near_e6: i64,
        limit: i64,
    ) -> Result<Vec<InquiryRow>> {
        const OPEN: &str =
            "i.state IN ('dispatch', 'assigned', 'handling', 'paused', 'reply_review', 'replied')";
        let same_category = format!(
            "SELECT {COLUMNS} {FROM} WHERE i.category = $1 AND i.id <> $2 AND {OPEN} ORDER BY i.created_at DESC LIMIT $3"
        );
        let mut rows = sqlx::query(sqlx::AssertSqlSafe(same_category))
            .bind(of.category.clone())
            .bind(of.id.to_string())
            .bind(limit)
            .fetch_all(self.db.reader())
            .await?;
        let street: String = of.region_code.chars().take(9).collect();
        let (lat, lng) = of.location.unwrap_or((i64::MIN / 2, i64::MIN / 2));
        let nearby = format!(
            "SELECT {COLUMNS} {FROM} WHERE i.id <> $1 AND {OPEN} AND (i.region_code LIKE $2 OR (i.lat_e6 BETWEEN $3 AND $4 AND i.lng_e6 BETWEEN $5 AND $6)) ORDER BY i.created_at DESC LIMIT $7"
        );
        rows.extend(
            sqlx::query(sqlx::AssertSqlSafe(nearby))
                .bind(of.id.to_string())
                .bind(if street.len() == 9 {
                    format!("{street}%")
                } else {
                    String::from("-")
                })
                .bind(lat - near_e6)
                .bind(lat + near_e6)
                .bind(lng - near_e6)
                .bind(lng + near_e6)
                .bind(limit)
                .fetch_all(self.db.reader())
                .await?,
        );
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let row = read(r)?;
            if seen.insert(row.id) {
                out.push(row);
            }
        }
        Ok(out)
    }
}

/// What a department queue shows.
#[derive(Debug, Clone, Copy)]
pub struct QueueQuery<'a> {
    /// The departments.
    pub departments: &'a [DepartmentId],
    /// Those they help on, instead of those they handle.
    pub helping: bool,
    /// One state only (`""`: every open state).
    pub state: &'a str,
    /// One category only (`""`: all).
    pub category: &'a str,
    /// Only those due before this day (overdue).
    pub overdue_before: Option<Date>,
}

/// `$from, $from+1, …` for `n` values.
pub(crate) fn placeholders(from: usize, n: usize) -> String {
    (0..n)
        .map(|i| format!("${}", from + i))
        .collect::<Vec<_>>()
        .join(", ")
}

fn replay((row, hash): (InquiryRow, String), request_hash: &str) -> Result<(InquiryRow, bool)> {
    if hash == request_hash {
        Ok((row, false))
    } else {
        Err(Error::code(yiwang_domain::ErrorCode::IdempotencyKeyReused))
    }
}
