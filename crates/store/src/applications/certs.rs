//! Issuing authorities' signing keys (seeds encrypted with the vault; rotation keeps old
//! public keys published) and issued certificates (the signed token, encrypted because it
//! names the holder), with revocation and time-limited share links (CERT-1…4).

use yiwang_domain::Timestamp;
use yiwang_domain::ids::{AccountId, CaseId, CertificateId, DepartmentId, ShareId};

use crate::row::RowExt;
use crate::{Error, Result, Store, Tx};

/// A signing key as published.
#[derive(Debug, Clone)]
pub struct KeyRow {
    /// Key id.
    pub kid: String,
    /// The issuing department.
    pub department_id: DepartmentId,
    /// Its name.
    pub department_name: String,
    /// Public key, base64url.
    pub public_key: String,
    /// Created.
    pub created_at: Timestamp,
    /// Retired (no longer signs), if it is.
    pub retired_at: Option<Timestamp>,
}

/// An issued certificate.
#[derive(Debug, Clone)]
pub struct CertRow {
    /// Its id.
    pub id: CertificateId,
    /// The case it came from.
    pub case_id: Option<CaseId>,
    /// The holder.
    pub account_id: AccountId,
    /// The issuing department.
    pub department_id: DepartmentId,
    /// Its name.
    pub department_name: String,
    /// Type code.
    pub cert_type: String,
    /// Type name (Chinese).
    pub type_name: String,
    /// The signed token (the certificate itself).
    pub token: String,
    /// Issued on (YYYY-MM-DD).
    pub issued_on: String,
    /// Expires on, if it does.
    pub expires_on: Option<String>,
    /// Revoked when, if it is.
    pub revoked_at: Option<Timestamp>,
    /// Why.
    pub revoked_reason: Option<String>,
}

/// A live share link as its holder sees it (the link itself is never stored, only its hash).
#[derive(Debug, Clone)]
pub struct ShareRow {
    /// Its id.
    pub id: ShareId,
    /// When it was made.
    pub created_at: Timestamp,
    /// When it stops working.
    pub expires_at: Timestamp,
}

/// A certificate to record.
#[derive(Debug, Clone)]
pub struct NewCert<'a> {
    /// Its id (also inside the signed payload).
    pub id: CertificateId,
    /// The case.
    pub case_id: CaseId,
    /// The holder.
    pub account_id: AccountId,
    /// The issuer.
    pub department_id: DepartmentId,
    /// Type code.
    pub cert_type: &'a str,
    /// Type name.
    pub type_name: &'a str,
    /// The key it was signed with.
    pub kid: &'a str,
    /// The token.
    pub token: &'a str,
    /// Issued on.
    pub issued_on: &'a str,
    /// Expires on.
    pub expires_on: Option<&'a str>,
}

fn seed_ctx(kid: &str) -> String {
    format!("signing_keys.seed|{kid}")
}

fn token_ctx(id: &str) -> String {
    format!("certificates.token|{id}")
}

fn from_hex(s: &str) -> Option<[u8; 32]> {
    yiwang_crypto::hex_decode(s)?.try_into().ok()
}

const CERT_COLUMNS: &str = "c.id, c.case_id, c.account_id, c.department_id, d.name AS department_name, c.cert_type, c.type_name, c.token_enc, c.issued_on, c.expires_on, c.revoked_at, c.revoked_reason";

impl Store {
    fn read_cert(&self, r: &sqlx::any::AnyRow) -> Result<CertRow> {
        let id = r.text("id")?;
        let blob = r.opt_blob("token_enc")?.unwrap_or_default();
        Ok(CertRow {
            token: self.vault().decrypt(&token_ctx(&id), &blob)?,
            id: r.parsed("id")?,
            case_id: r.opt_parsed("case_id")?,
            account_id: r.parsed("account_id")?,
            department_id: r.parsed("department_id")?,
            department_name: r.text("department_name")?,
            cert_type: r.text("cert_type")?,
            type_name: r.text("type_name")?,
            issued_on: r.text("issued_on")?,
            expires_on: r.opt_text("expires_on")?,
            revoked_at: r.opt_ts("revoked_at")?,
            revoked_reason: r.opt_text("revoked_reason")?,
        })
    }

    /// Every signing key, current and retired, for the published key list.
    pub async fn signing_keys(&self) -> Result<Vec<KeyRow>> {
        let rows = sqlx::query(
            "SELECT k.kid, k.department_id, d.name AS department_name, k.public_key, k.created_at, k.retired_at
             FROM signing_keys k JOIN departments d ON d.id = k.department_id ORDER BY k.created_at",
        )
        .fetch_all(self.db.reader())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(KeyRow {
                    kid: r.text("kid")?,
                    department_id: r.parsed("department_id")?,
                    department_name: r.text("department_name")?,
                    public_key: r.text("public_key")?,
                    created_at: r.ts("created_at")?,
                    retired_at: r.opt_ts("retired_at")?,
                })
            })
            .collect()
    }

    /// One public key by id (for verification).
    pub async fn public_key(&self, kid: &str) -> Result<Option<(String, Option<Timestamp>)>> {
        sqlx::query("SELECT public_key, retired_at FROM signing_keys WHERE kid = $1")
            .bind(kid)
            .fetch_optional(self.db.reader())
            .await?
            .map(|r| Ok((r.text("public_key")?, r.opt_ts("retired_at")?)))
            .transpose()
    }

    /// The department's current signing key: its id and seed.
    pub async fn current_signing_seed(
        &self,
        tx: &mut Tx,
        department: DepartmentId,
    ) -> Result<Option<(String, [u8; 32])>> {
        let row = sqlx::query(
            "SELECT kid, seed_enc FROM signing_keys WHERE department_id = $1 AND retired_at IS NULL ORDER BY created_at DESC LIMIT 1",
        )
        .bind(department.to_string())
        .fetch_optional(&mut **tx)
        .await?;
        let Some(r) = row else { return Ok(None) };
        let kid = r.text("kid")?;
        let blob = r.opt_blob("seed_enc")?.unwrap_or_default();
        let hex = self.vault().decrypt(&seed_ctx(&kid), &blob)?;
        let seed = from_hex(&hex).ok_or_else(|| Error::Corrupt(format!("signing key {kid}")))?;
        Ok(Some((kid, seed)))
    }

    /// Makes a new key the department's current one; its earlier keys are retired (they stay
    /// published, so what they signed keeps verifying).
    pub async fn add_signing_key(
        &self,
        tx: &mut Tx,
        department: DepartmentId,
        kid: &str,
        public_b64: &str,
        seed: &[u8; 32],
    ) -> Result<()> {
        let now = Timestamp::now().millis();
        sqlx::query("UPDATE signing_keys SET retired_at = $2 WHERE department_id = $1 AND retired_at IS NULL")
            .bind(department.to_string())
            .bind(now)
            .execute(&mut **tx)
            .await?;
        let seed_hex = yiwang_crypto::hex(seed);
        sqlx::query(
            "INSERT INTO signing_keys (kid, department_id, public_key, seed_enc, created_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(kid)
        .bind(department.to_string())
        .bind(public_b64)
        .bind(self.vault().encrypt(&seed_ctx(kid), &seed_hex)?)
        .bind(now)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Records an issued certificate.
    pub async fn record_certificate(&self, tx: &mut Tx, c: &NewCert<'_>) -> Result<()> {
        let id = c.id.to_string();
        sqlx::query(
            "INSERT INTO certificates (id, case_id, account_id, department_id, cert_type, type_name, kid, token_enc, issued_on, expires_on, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(&id)
        .bind(c.case_id.to_string())
        .bind(c.account_id.to_string())
        .bind(c.department_id.to_string())
        .bind(c.cert_type)
        .bind(c.type_name)
        .bind(c.kid)
        .bind(self.vault().encrypt(&token_ctx(&id), c.token)?)
        .bind(c.issued_on)
        .bind(c.expires_on)
        .bind(Timestamp::now().millis())
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// One certificate.
    pub async fn certificate(&self, id: CertificateId) -> Result<Option<CertRow>> {
        let sql = format!(
            "SELECT {CERT_COLUMNS} FROM certificates c JOIN departments d ON d.id = c.department_id WHERE c.id = $1"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
            .bind(id.to_string())
            .fetch_optional(self.db.reader())
            .await?
            .map(|r| self.read_cert(&r))
            .transpose()
    }

    /// The holder's wallet, newest first.
    pub async fn certificates_of(&self, account: AccountId) -> Result<Vec<CertRow>> {
        let sql = format!(
            "SELECT {CERT_COLUMNS} FROM certificates c JOIN departments d ON d.id = c.department_id WHERE c.account_id = $1 ORDER BY c.created_at DESC"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
            .bind(account.to_string())
            .fetch_all(self.db.reader())
            .await?
            .iter()
            .map(|r| self.read_cert(r))
            .collect()
    }

    /// The certificates of a case.
    pub async fn certificates_of_case(&self, case: CaseId) -> Result<Vec<CertRow>> {
        let sql = format!(
            "SELECT {CERT_COLUMNS} FROM certificates c JOIN departments d ON d.id = c.department_id WHERE c.case_id = $1 ORDER BY c.created_at"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
            .bind(case.to_string())
            .fetch_all(self.db.reader())
            .await?
            .iter()
            .map(|r| self.read_cert(r))
            .collect()
    }

    /// Revokes a certificate with a reason; a second revocation changes nothing.
    pub async fn revoke_certificate(
        &self,
        tx: &mut Tx,
        id: CertificateId,
        reason: &str,
    ) -> Result<bool> {
        Ok(sqlx::query(
            "UPDATE certificates SET revoked_at = $2, revoked_reason = $3 WHERE id = $1 AND revoked_at IS NULL",
        )
        .bind(id.to_string())
        .bind(Timestamp::now().millis())
        .bind(reason)
        .execute(&mut **tx)
        .await?
        .rows_affected()
            > 0)
    }

    /// Every revoked certificate: id, when, why (the published revocation list).
    pub async fn revocations(&self) -> Result<Vec<(String, Timestamp, String)>> {
        sqlx::query("SELECT id, revoked_at, revoked_reason FROM certificates WHERE revoked_at IS NOT NULL ORDER BY revoked_at")
            .fetch_all(self.db.reader())
            .await?
            .iter()
            .map(|r| Ok((r.text("id")?, r.ts("revoked_at")?, r.opt_text("revoked_reason")?.unwrap_or_default())))
            .collect()
    }

    /// Whether a certificate is revoked: when and why.
    pub async fn revocation(&self, id: &str) -> Result<Option<(Timestamp, String)>> {
        sqlx::query("SELECT revoked_at, revoked_reason FROM certificates WHERE id = $1 AND revoked_at IS NOT NULL")
            .bind(id)
            .fetch_optional(self.db.reader())
            .await?
            .map(|r| Ok((r.ts("revoked_at")?, r.opt_text("revoked_reason")?.unwrap_or_default())))
            .transpose()
    }

    /// Stores a share link's token hash until `expires_at`.
    pub async fn share_certificate(
        &self,
        id: CertificateId,
        token_hash: &str,
        expires_at: Timestamp,
    ) -> Result<ShareId> {
        let share = ShareId::generate();
        sqlx::query("INSERT INTO certificate_shares (id, token_hash, certificate_id, expires_at, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(share.to_string())
            .bind(token_hash)
            .bind(id.to_string())
            .bind(expires_at.millis())
            .bind(Timestamp::now().millis())
            .execute(self.db.writer())
            .await?;
        Ok(share)
    }

    /// A certificate's links that still work (not revoked, not expired), newest first.
    pub async fn live_shares(&self, id: CertificateId) -> Result<Vec<ShareRow>> {
        sqlx::query(
            "SELECT id, created_at, expires_at FROM certificate_shares
             WHERE certificate_id = $1 AND revoked_at IS NULL AND expires_at > $2
             ORDER BY created_at DESC",
        )
        .bind(id.to_string())
        .bind(Timestamp::now().millis())
        .fetch_all(self.db.reader())
        .await?
        .iter()
        .map(|r| {
            Ok(ShareRow {
                id: r.parsed("id")?,
                created_at: r.ts("created_at")?,
                expires_at: r.ts("expires_at")?,
            })
        })
        .collect()
    }

    /// Ends one link of a certificate; `false` when it names no live link of it.
    pub async fn revoke_share(&self, id: CertificateId, share: ShareId) -> Result<bool> {
        Ok(sqlx::query(
            "UPDATE certificate_shares SET revoked_at = $3
             WHERE id = $1 AND certificate_id = $2 AND revoked_at IS NULL",
        )
        .bind(share.to_string())
        .bind(id.to_string())
        .bind(Timestamp::now().millis())
        .execute(self.db.writer())
        .await?
        .rows_affected()
            == 1)
    }

    /// The certificate a share link opens, while the link works (not revoked by its holder,
    /// not expired). The certificate itself may have been revoked since: the caller says so.
    pub async fn shared_certificate(
        &self,
        token_hash: &str,
    ) -> Result<Option<(CertRow, Timestamp)>> {
        let sql = format!(
            "SELECT {CERT_COLUMNS}, s.expires_at FROM certificate_shares s JOIN certificates c ON c.id = s.certificate_id JOIN departments d ON d.id = c.department_id
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.revoked_at IS NULL"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
            .bind(token_hash)
            .bind(Timestamp::now().millis())
            .fetch_optional(self.db.reader())
            .await?
            .map(|r| Ok((self.read_cert(&r)?, r.ts("expires_at")?)))
            .transpose()
    }
}
