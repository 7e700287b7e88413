//! Uploaded files' records (the bytes live in the file store, `web/src/files.rs`). A file
//! belongs to the account that uploaded it until a submitted case takes it; only that account
//! and the staff handling the case may read it.

use yiwang_domain::Timestamp;
use yiwang_domain::ids::{AccountId, CaseId, ConsentId, UploadId};

use crate::row::RowExt;
use crate::{Result, Store, Tx};

/// One upload.
#[derive(Debug, Clone)]
pub struct Upload {
    /// Its id.
    pub id: UploadId,
    /// Who uploaded it.
    pub account_id: AccountId,
    /// Where the bytes are in the file store.
    pub storage_key: String,
    /// The sniffed kind (`pdf`, `jpeg`…).
    pub file_type: String,
    /// Size.
    pub bytes: u64,
    /// SHA-256 of the bytes (hex).
    pub sha256: String,
    /// The name it was uploaded with.
    pub name: String,
    /// The case that took it, once submitted.
    pub case_id: Option<CaseId>,
    /// The consent (帮办代办) a staff member uploaded it under, for the citizen.
    pub consent_id: Option<ConsentId>,
    /// When.
    pub created_at: Timestamp,
}

/// A file to record.
#[derive(Debug, Clone)]
pub struct NewUpload<'a> {
    /// Its id (also in the storage key).
    pub id: UploadId,
    /// The uploader.
    pub account_id: AccountId,
    /// Where the bytes were written.
    pub storage_key: &'a str,
    /// The sniffed kind.
    pub file_type: &'a str,
    /// Size.
    pub bytes: u64,
    /// SHA-256 (hex).
    pub sha256: &'a str,
    /// The original name.
    pub name: &'a str,
    /// The consent a staff member uploads it under, for the citizen.
    pub consent_id: Option<ConsentId>,
}

fn name_ctx(id: &str) -> String {
    format!("uploads.name|{id}")
}

const COLUMNS: &str = "id, account_id, storage_key, file_type, bytes, sha256, name_enc, case_id, consent_id, created_at";

impl Store {
    fn read_upload(&self, r: &sqlx::any::AnyRow) -> Result<Upload> {
        let id = r.text("id")?;
        let name = match r.opt_blob("name_enc")? {
            Some(b) => self.vault().decrypt(&name_ctx(&id), &b)?,
            None => String::new(),
        };
        Ok(Upload {
            id: r.parsed("id")?,
            account_id: r.parsed("account_id")?,
            storage_key: r.text("storage_key")?,
            file_type: r.text("file_type")?,
            bytes: u64::try_from(r.int("bytes")?).unwrap_or(0),
            sha256: r.text("sha256")?,
            name,
            case_id: r.opt_parsed("case_id")?,
            consent_id: r.opt_parsed("consent_id")?,
            created_at: r.ts("created_at")?,
        })
    }

    /// Records an upload whose bytes are already stored.
    pub async fn record_upload(&self, u: &NewUpload<'_>) -> Result<()> {
        let id = u.id.to_string();
        sqlx::query(
            "INSERT INTO uploads (id, account_id, storage_key, file_type, bytes, sha256, name_enc, consent_id, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(&id)
        .bind(u.account_id.to_string())
        .bind(u.storage_key)
        .bind(u.file_type)
        .bind(i64::try_from(u.bytes).unwrap_or(i64::MAX))
        .bind(u.sha256)
        .bind(self.vault().encrypt(&name_ctx(&id), u.name)?)
        .bind(u.consent_id.map(|c| c.to_string()))
        .bind(Timestamp::now().millis())
        .execute(self.db.writer())
        .await?;
        Ok(())
    }

    /// One upload.
    pub async fn upload(&self, id: UploadId) -> Result<Option<Upload>> {
        let sql = format!("SELECT {COLUMNS} FROM uploads WHERE id = $1");
        sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
            .bind(id.to_string())
            .fetch_optional(self.db.reader())
            .await?
            .map(|r| self.read_upload(&r))
            .transpose()
    }

    /// Those of `ids` that this account uploaded (unknown and other people's ids are left
    /// out, so they read as "no such file").
    pub async fn uploads_of(&self, account: AccountId, ids: &[String]) -> Result<Vec<Upload>> {
        let mut out = Vec::new();
        for chunk in ids.chunks(100) {
            let marks: Vec<String> = (2..chunk.len() + 2).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT {COLUMNS} FROM uploads WHERE account_id = $1 AND id IN ({})",
                marks.join(", ")
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.clone())).bind(account.to_string());
            for id in chunk {
                q = q.bind(id);
            }
            for r in q.fetch_all(self.db.reader()).await? {
                out.push(self.read_upload(&r)?);
            }
        }
        Ok(out)
    }

    /// The ids of the files a staff member uploaded under a consent (帮办代办).
    pub async fn consent_uploads(&self, consent: ConsentId) -> Result<Vec<String>> {
        sqlx::query("SELECT id FROM uploads WHERE consent_id = $1")
            .bind(consent.to_string())
            .fetch_all(self.db.reader())
            .await?
            .iter()
            .map(|r| r.text("id"))
            .collect()
    }

    /// The files of a case.
    pub async fn case_uploads(&self, case: CaseId) -> Result<Vec<Upload>> {
        let sql = format!("SELECT {COLUMNS} FROM uploads WHERE case_id = $1 ORDER BY created_at");
        sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
            .bind(case.to_string())
            .fetch_all(self.db.reader())
            .await?
            .iter()
            .map(|r| self.read_upload(r))
            .collect()
    }

    /// Gives the named uploads of the applicant to their case.
    pub async fn attach_uploads(
        &self,
        tx: &mut Tx,
        account: AccountId,
        case: CaseId,
        ids: &[String],
    ) -> Result<()> {
        for id in ids {
            sqlx::query("UPDATE uploads SET case_id = $3 WHERE id = $1 AND account_id = $2 AND case_id IS NULL")
                .bind(id)
                .bind(account.to_string())
                .bind(case.to_string())
                .execute(&mut **tx)
                .await?;
        }
        Ok(())
    }
}
