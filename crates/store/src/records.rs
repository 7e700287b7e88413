//! Personal records (SVC-3): record types, record sources (system clients allowed some types),
//! the records themselves with every version kept, and guardian relations. Record contents
//! and a child's name and ID number are encrypted with the vault, bound to field and row;
//! people are found by the blind index accounts use for ID numbers.

use sqlx::any::AnyRow;
use yiwang_domain::forms::{Answers, FormDef};
use yiwang_domain::identity::{Assurance, ResidentId};
use yiwang_domain::ids::{AccountId, ClientId, DepartmentId, GuardianLinkId, RecordId};
use yiwang_domain::records::access::Evidence;
use yiwang_domain::records::{CleanRecord, builtin_schema};
use yiwang_domain::{FieldCode, Timestamp};

use crate::row::{RowExt, named};
use crate::{Error, Result, Store, Tx};

/// A record type.
#[derive(Debug, Clone)]
pub struct RecordType {
    /// Its code (`vaccination`, `health_check`, or an admin's).
    pub code: String,
    /// Its name in Chinese.
    pub name_zh: String,
    /// Its name in English, if given.
    pub name_en: Option<String>,
    /// What its records hold.
    pub schema: FormDef,
    /// Whether it is built in (its schema is the code's).
    pub builtin: bool,
}

/// A system client registered as a source of records.
#[derive(Debug, Clone)]
pub struct Source {
    /// The system client.
    pub client: ClientId,
    /// Its name (as registered among system clients), shown to citizens.
    pub name: String,
    /// The department it belongs to: staff of that department may read its records, and
    /// its downloads are signed with that department's key.
    pub department: DepartmentId,
    /// The department's name.
    pub department_name: String,
    /// The types it may push.
    pub types: Vec<String>,
}

/// One version of a record, decrypted.
#[derive(Debug, Clone)]
pub struct Record {
    /// This version's id.
    pub id: RecordId,
    /// The source that pushed it.
    pub source: ClientId,
    /// The source's name.
    pub source_name: String,
    /// The source's department.
    pub department: DepartmentId,
    /// The department's name.
    pub department_name: String,
    /// The source's own id.
    pub source_record_id: String,
    /// 1 for the first push, then one more per correction.
    pub version: i64,
    /// The type's code.
    pub record_type: String,
    /// The type's Chinese name.
    pub type_zh: String,
    /// The type's English name.
    pub type_en: Option<String>,
    /// The blind index of the person's ID number.
    pub person_index: String,
    /// When it happened, `YYYY-MM-DD`.
    pub date: String,
    /// The person's name as the source sent it.
    pub name: String,
    /// The record's data.
    pub data: Answers,
    /// When this version arrived.
    pub received_at: Timestamp,
    /// When a correction replaced it.
    pub superseded_at: Option<Timestamp>,
}

/// Who an ID number belongs to, as far as records go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Person {
    /// A citizen account with this verified ID number.
    Account {
        /// The account.
        id: AccountId,
        /// The verified name.
        name: String,
    },
    /// A child recorded under one or more guardians.
    Child {
        /// The child's name as recorded.
        name: String,
        /// The guardians' accounts.
        guardians: Vec<AccountId>,
    },
    /// Nobody the platform knows.
    Unknown,
}

/// A child linked to a guardian.
#[derive(Debug, Clone)]
pub struct Child {
    /// The blind index of the child's ID number.
    pub index: String,
    /// The child's name.
    pub name: String,
    /// The child's ID number.
    pub id_number: String,
}

/// A version to store.
pub struct NewVersion<'a> {
    /// The checked record.
    pub record: &'a CleanRecord,
    /// The pushing source.
    pub source: ClientId,
    /// Its version number.
    pub version: i64,
    /// The content's fingerprint ([`Store::record_fingerprint`]).
    pub fingerprint: &'a str,
    /// The person's blind index.
    pub person_index: &'a str,
    /// Now.
    pub at: Timestamp,
}

fn content_ctx(id: &RecordId) -> String {
    format!("record.content|{id}")
}

fn child_ctx(field: &str, id: &str) -> String {
    format!("guardian_link.{field}|{id}")
}

const RECORD_COLUMNS: &str = "r.id, r.source_id, c.name AS source_name, s.department_id, d.name AS department_name, r.source_record_id, r.version, r.type_code, t.name_zh, t.name_en, r.person_index, r.occurred_on, r.content_enc, r.received_at, r.superseded_at
     FROM records r JOIN record_sources s ON s.client_id = r.source_id JOIN api_clients c ON c.id = r.source_id
     JOIN departments d ON d.id = s.department_id JOIN record_types t ON t.code = r.type_code";

impl Store {
    /// The blind index a person's records are filed under: the one accounts use.
    pub fn person_index(&self, id: &ResidentId) -> String {
        self.id_number_index(id)
    }

    /// A keyed fingerprint of a record's content, to tell a repeated push from a correction
    /// without keeping a plain hash of personal data.
    pub fn record_fingerprint(&self, record: &CleanRecord) -> Result<String> {
        let bytes = yiwang_crypto::certs::canonical_json(&record.content())
            .map_err(|e| Error::Corrupt(format!("record content: {e}")))?;
        let text = String::from_utf8(bytes).map_err(|e| Error::Corrupt(e.to_string()))?;
        Ok(self.vault().blind_index("record", &text))
    }

    /// Every record type, built-in first.
    pub async fn record_types(&self) -> Result<Vec<RecordType>> {
        let rows = sqlx::query(
            "SELECT code, name_zh, name_en, schema_json, builtin FROM record_types ORDER BY builtin DESC, code",
        )
        .fetch_all(self.db.reader())
        .await?;
        rows.iter().map(type_row).collect()
    }

    /// One record type.
    pub async fn record_type(&self, code: &str) -> Result<Option<RecordType>> {
        let row = sqlx::query(
            "SELECT code, name_zh, name_en, schema_json, builtin FROM record_types WHERE code = $1",
        )
        .bind(code)
        .fetch_optional(self.db.reader())
        .await?;
        row.as_ref().map(type_row).transpose()
    }

    /// Defines a record type or replaces an admin-defined type's names and schema. Built-in
    /// types cannot be replaced.
    pub async fn save_record_type(
        &self,
        tx: &mut Tx,
        code: &str,
        name_zh: &str,
        name_en: Option<&str>,
        schema: &FormDef,
    ) -> Result<()> {
        let json = serde_json::to_string(schema).map_err(|e| Error::Corrupt(e.to_string()))?;
        let done = sqlx::query(
            "INSERT INTO record_types (code, name_zh, name_en, schema_json, builtin, created_at) VALUES ($1, $2, $3, $4, 0, $5)
             ON CONFLICT (code) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en, schema_json = excluded.schema_json
             WHERE record_types.builtin = 0",
        )
        .bind(code)
        .bind(name_zh)
        .bind(name_en)
        .bind(json)
        .bind(Timestamp::now().millis())
        .execute(&mut **tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(Error::field("code", FieldCode::CodeTaken));
        }
        Ok(())
    }

    /// The source a system client is registered as, if any.
    pub async fn record_source(&self, client: ClientId) -> Result<Option<Source>> {
        Ok(self
            .record_sources_where(Some(client))
            .await?
            .into_iter()
            .next())
    }

    /// Every registered source.
    pub async fn record_sources(&self) -> Result<Vec<Source>> {
        self.record_sources_where(None).await
    }

    async fn record_sources_where(&self, client: Option<ClientId>) -> Result<Vec<Source>> {
        let rows = sqlx::query(
            "SELECT s.client_id, c.name, s.department_id, d.name AS department_name, t.type_code
             FROM record_sources s JOIN api_clients c ON c.id = s.client_id JOIN departments d ON d.id = s.department_id
             LEFT JOIN record_source_types t ON t.client_id = s.client_id
             WHERE ($1 IS NULL OR s.client_id = $1) AND c.disabled_at IS NULL
             ORDER BY c.name, s.client_id, t.type_code",
        )
        .bind(client.map(|c| c.to_string()))
        .fetch_all(self.db.reader())
        .await?;
        let mut out: Vec<Source> = Vec::new();
        for r in &rows {
            let id: ClientId = r.parsed("client_id")?;
            if out.last().is_none_or(|s| s.client != id) {
                out.push(Source {
                    client: id,
                    name: r.text("name")?,
                    department: r.parsed("department_id")?,
                    department_name: r.text("department_name")?,
                    types: Vec::new(),
                });
            }
            if let (Some(t), Some(s)) = (r.opt_text("type_code")?, out.last_mut()) {
                s.types.push(t);
            }
        }
        Ok(out)
    }

    /// Registers a system client as a source of records in a department, allowed `types`
    /// (replacing what it was allowed before).
    pub async fn save_record_source(
        &self,
        tx: &mut Tx,
        client: ClientId,
        department: DepartmentId,
        types: &[String],
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO record_sources (client_id, department_id, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (client_id) DO UPDATE SET department_id = excluded.department_id",
        )
        .bind(client.to_string())
        .bind(department.to_string())
        .bind(Timestamp::now().millis())
        .execute(&mut **tx)
        .await?;
        sqlx::query("DELETE FROM record_source_types WHERE client_id = $1")
            .bind(client.to_string())
            .execute(&mut **tx)
            .await?;
        for t in types {
            sqlx::query("INSERT INTO record_source_types (client_id, type_code) VALUES ($1, $2)")
                .bind(client.to_string())
                .bind(t)
                .execute(&mut **tx)
                .await?;
        }
        Ok(())
    }

    /// Who an ID number belongs to: a citizen whose identity is verified (self-declared
    /// numbers could be anyone's, and records are health data), or a child recorded under a
    /// guardian.
    pub async fn record_person(&self, index: &str) -> Result<Person> {
        let row = sqlx::query(
            "SELECT id, real_name_enc, identity_level FROM accounts WHERE kind = 'citizen' AND id_number_index = $1",
        )
        .bind(index)
        .fetch_optional(self.db.reader())
        .await?;
        if let Some(r) = row {
            let id: AccountId = r.parsed("id")?;
            let level = r
                .opt_text("identity_level")?
                .map(|l| named("identity_level", &l, Assurance::parse))
                .transpose()?;
            if let (Some(blob), true) = (
                r.opt_blob("real_name_enc")?,
                level.is_some_and(Assurance::is_verified),
            ) {
                let name = self
                    .vault()
                    .decrypt(&crate::accounts::ctx("real_name", id), &blob)?;
                return Ok(Person::Account { id, name });
            }
        }
        let links = sqlx::query(
            "SELECT id, guardian_id, child_name_enc FROM guardian_links WHERE child_index = $1 ORDER BY created_at",
        )
        .bind(index)
        .fetch_all(self.db.reader())
        .await?;
        let Some(first) = links.first() else {
            return Ok(Person::Unknown);
        };
        let link_id = first.text("id")?;
        let name = self.vault().decrypt(
            &child_ctx("name", &link_id),
            &first.opt_blob("child_name_enc")?.unwrap_or_default(),
        )?;
        let guardians = links
            .iter()
            .map(|r| r.parsed("guardian_id"))
            .collect::<Result<_>>()?;
        Ok(Person::Child { name, guardians })
    }

    /// The source's latest version of a record: its id, version and fingerprint.
    pub async fn latest_version(
        &self,
        tx: &mut Tx,
        source: ClientId,
        source_record_id: &str,
    ) -> Result<Option<(RecordId, i64, String)>> {
        let row = sqlx::query(
            "SELECT id, version, fingerprint FROM records WHERE source_id = $1 AND source_record_id = $2 AND superseded_at IS NULL",
        )
        .bind(source.to_string())
        .bind(source_record_id)
        .fetch_optional(&mut **tx)
        .await?;
        row.map(|r| Ok((r.parsed("id")?, r.int("version")?, r.text("fingerprint")?)))
            .transpose()
    }

    /// Stores a version (encrypting its content) and returns its id.
    pub async fn insert_record_version(&self, tx: &mut Tx, v: NewVersion<'_>) -> Result<RecordId> {
        let id = RecordId::generate();
        let content = serde_json::to_string(&v.record.content())
            .map_err(|e| Error::Corrupt(e.to_string()))?;
        let blob = self.vault().encrypt(&content_ctx(&id), &content)?;
        sqlx::query(
            "INSERT INTO records (id, source_id, source_record_id, version, type_code, person_index, occurred_on, fingerprint, content_enc, received_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(id.to_string())
        .bind(v.source.to_string())
        .bind(&v.record.source_record_id)
        .bind(v.version)
        .bind(&v.record.record_type)
        .bind(v.person_index)
        .bind(v.record.date.to_string())
        .bind(v.fingerprint)
        .bind(blob)
        .bind(v.at.millis())
        .execute(&mut **tx)
        .await?;
        Ok(id)
    }

    /// Marks a version as replaced by a correction (it is kept).
    pub async fn supersede_record(&self, tx: &mut Tx, id: RecordId, at: Timestamp) -> Result<()> {
        sqlx::query(
            "UPDATE records SET superseded_at = $1 WHERE id = $2 AND superseded_at IS NULL",
        )
        .bind(at.millis())
        .bind(id.to_string())
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// The current records of these people (a person and the children they see), newest
    /// first.
    pub async fn records_of(&self, indexes: &[String]) -> Result<Vec<Record>> {
        if indexes.is_empty() {
            return Ok(Vec::new());
        }
        let marks: Vec<String> = (1..=indexes.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT {RECORD_COLUMNS} WHERE r.person_index IN ({}) AND r.superseded_at IS NULL ORDER BY r.occurred_on DESC, r.id DESC",
            marks.join(", ")
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for i in indexes {
            q = q.bind(i);
        }
        let rows = q.fetch_all(self.db.reader()).await?;
        rows.iter().map(|r| self.record_row(r)).collect()
    }

    /// One version by id.
    pub async fn record_version(&self, id: RecordId) -> Result<Option<Record>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {RECORD_COLUMNS} WHERE r.id = $1"
        )))
        .bind(id.to_string())
        .fetch_optional(self.db.reader())
        .await?;
        row.as_ref().map(|r| self.record_row(r)).transpose()
    }

    /// Every version of a source's record, newest first.
    pub async fn record_history(
        &self,
        source: ClientId,
        source_record_id: &str,
    ) -> Result<Vec<Record>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {RECORD_COLUMNS} WHERE r.source_id = $1 AND r.source_record_id = $2 ORDER BY r.version DESC"
        )))
        .bind(source.to_string())
        .bind(source_record_id)
        .fetch_all(self.db.reader())
        .await?;
        rows.iter().map(|r| self.record_row(r)).collect()
    }

    fn record_row(&self, r: &AnyRow) -> Result<Record> {
        let id: RecordId = r.parsed("id")?;
        let blob = r.opt_blob("content_enc")?.unwrap_or_default();
        let content: serde_json::Value =
            serde_json::from_str(&self.vault().decrypt(&content_ctx(&id), &blob)?)
                .map_err(|e| Error::Corrupt(format!("record content: {e}")))?;
        Ok(Record {
            source: r.parsed("source_id")?,
            source_name: r.text("source_name")?,
            department: r.parsed("department_id")?,
            department_name: r.text("department_name")?,
            source_record_id: r.text("source_record_id")?,
            version: r.int("version")?,
            record_type: r.text("type_code")?,
            type_zh: r.text("name_zh")?,
            type_en: r.opt_text("name_en")?,
            person_index: r.text("person_index")?,
            date: r.text("occurred_on")?,
            name: content["name"].as_str().unwrap_or_default().to_owned(),
            data: content["data"].as_object().cloned().unwrap_or_default(),
            received_at: r.ts("received_at")?,
            superseded_at: r.opt_ts("superseded_at")?,
            id,
        })
    }

    /// Records that `guardian` is the guardian of the child (a repeat changes nothing).
    #[allow(clippy::too_many_arguments)]
    pub async fn add_guardian_link(
        &self,
        tx: &mut Tx,
        guardian: AccountId,
        child: &ResidentId,
        child_name: &str,
        evidence: Evidence,
        recorded_by: &str,
    ) -> Result<()> {
        let id = GuardianLinkId::generate().to_string();
        sqlx::query(
            "INSERT INTO guardian_links (id, guardian_id, child_index, child_name_enc, child_id_enc, evidence, recorded_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (guardian_id, child_index) DO NOTHING",
        )
        .bind(&id)
        .bind(guardian.to_string())
        .bind(self.person_index(child))
        .bind(self.vault().encrypt(&child_ctx("name", &id), child_name)?)
        .bind(self.vault().encrypt(&child_ctx("id_number", &id), child.expose())?)
        .bind(evidence.as_str())
        .bind(recorded_by)
        .bind(Timestamp::now().millis())
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// The children recorded under a guardian.
    pub async fn children_of(&self, guardian: AccountId) -> Result<Vec<Child>> {
        let rows = sqlx::query(
            "SELECT id, child_index, child_name_enc, child_id_enc FROM guardian_links WHERE guardian_id = $1 ORDER BY created_at",
        )
        .bind(guardian.to_string())
        .fetch_all(self.db.reader())
        .await?;
        rows.iter()
            .map(|r| {
                let id = r.text("id")?;
                Ok(Child {
                    index: r.text("child_index")?,
                    name: self.vault().decrypt(
                        &child_ctx("name", &id),
                        &r.opt_blob("child_name_enc")?.unwrap_or_default(),
                    )?,
                    id_number: self.vault().decrypt(
                        &child_ctx("id_number", &id),
                        &r.opt_blob("child_id_enc")?.unwrap_or_default(),
                    )?,
                })
            })
            .collect()
    }
}

fn type_row(r: &AnyRow) -> Result<RecordType> {
    let code = r.text("code")?;
    let builtin = r.int("builtin")? != 0;
    let schema = if builtin {
        builtin_schema(&code).ok_or_else(|| Error::Corrupt(format!("record type {code}")))?
    } else {
        serde_json::from_str(&r.text("schema_json")?)
            .map_err(|e| Error::Corrupt(format!("record type {code}: {e}")))?
    };
    Ok(RecordType {
        code,
        name_zh: r.text("name_zh")?,
        name_en: r.opt_text("name_en")?,
        schema,
        builtin,
    })
}
