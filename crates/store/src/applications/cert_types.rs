//! The register of certificate types and their issuing authorities (CERT-1): which departments
//! may issue each type. A form may only issue a type its department is authorised for, and the
//! rules and prefill count a certificate only when its issuer is. Also the certificates waiting
//! for their issuer's review after the holder's identity changed.

use yiwang_domain::Timestamp;
use yiwang_domain::ids::{CertificateId, DepartmentId};

use crate::row::RowExt;
use crate::{Result, Store, Tx};

/// A certificate type with the departments authorised to issue it.
#[derive(Debug, Clone)]
pub struct CertType {
    /// Its code (`unemployment_benefit`, `nurse_practice` …).
    pub code: String,
    /// Its name.
    pub name: String,
    /// The authorised issuers: id and name.
    pub issuers: Vec<(DepartmentId, String)>,
}

/// A certificate waiting for its issuer's review.
#[derive(Debug, Clone)]
pub struct UnderReview {
    /// The certificate.
    pub id: CertificateId,
    /// Its type's name.
    pub type_name: String,
    /// Why (`identity_changed`, `identity_removed`).
    pub reason: String,
    /// Since when.
    pub since: Timestamp,
}

impl Store {
    /// Every registered type with its issuers, by code.
    pub async fn certificate_types(&self) -> Result<Vec<CertType>> {
        let types = sqlx::query("SELECT code, name FROM certificate_types ORDER BY code")
            .fetch_all(self.db.reader())
            .await?;
        let issuers = sqlx::query(
            "SELECT ci.cert_type, ci.department_id, d.name FROM certificate_issuers ci
             JOIN departments d ON d.id = ci.department_id ORDER BY ci.cert_type, d.name",
        )
        .fetch_all(self.db.reader())
        .await?;
        let mut out = Vec::with_capacity(types.len());
        for t in &types {
            let code = t.text("code")?;
            let mut list = Vec::new();
            for i in &issuers {
                if i.text("cert_type")? == code {
                    list.push((i.parsed("department_id")?, i.text("name")?));
                }
            }
            out.push(CertType {
                name: t.text("name")?,
                code,
                issuers: list,
            });
        }
        Ok(out)
    }

    /// Registers a type (or renames it).
    pub async fn register_certificate_type(
        &self,
        tx: &mut Tx,
        code: &str,
        name: &str,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO certificate_types (code, name, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (code) DO UPDATE SET name = excluded.name",
        )
        .bind(code.to_owned())
        .bind(name.to_owned())
        .bind(Timestamp::now().millis())
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Authorises a department to issue a registered type (again is harmless).
    pub async fn authorise_issuer(
        &self,
        tx: &mut Tx,
        code: &str,
        department: DepartmentId,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO certificate_issuers (cert_type, department_id, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (cert_type, department_id) DO NOTHING",
        )
        .bind(code.to_owned())
        .bind(department.to_string())
        .bind(Timestamp::now().millis())
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Withdraws a department's authority to issue a type (certificates it issued stay valid).
    pub async fn withdraw_issuer(
        &self,
        tx: &mut Tx,
        code: &str,
        department: DepartmentId,
    ) -> Result<bool> {
        let n = sqlx::query(
            "DELETE FROM certificate_issuers WHERE cert_type = $1 AND department_id = $2",
        )
        .bind(code.to_owned())
        .bind(department.to_string())
        .execute(&mut **tx)
        .await?
        .rows_affected();
        Ok(n > 0)
    }

    /// Whether the department may issue the type.
    pub async fn issuer_authorised(&self, code: &str, department: DepartmentId) -> Result<bool> {
        let row = sqlx::query(
            "SELECT COUNT(*) AS n FROM certificate_issuers WHERE cert_type = $1 AND department_id = $2",
        )
        .bind(code.to_owned())
        .bind(department.to_string())
        .fetch_one(self.db.reader())
        .await?;
        Ok(row.int("n")? > 0)
    }

    /// Every (type, issuer) pair authorised, for matching held certificates.
    pub async fn authorised_issuers(&self) -> Result<Vec<(String, DepartmentId)>> {
        let rows = sqlx::query("SELECT cert_type, department_id FROM certificate_issuers")
            .fetch_all(self.db.reader())
            .await?;
        rows.iter()
            .map(|r| Ok((r.text("cert_type")?, r.parsed("department_id")?)))
            .collect()
    }

    /// A department's certificates waiting for review, oldest first.
    pub async fn certificates_under_review(
        &self,
        department: DepartmentId,
    ) -> Result<Vec<UnderReview>> {
        let rows = sqlx::query(
            "SELECT id, type_name, review_reason, review_since FROM certificates
             WHERE department_id = $1 AND review_since IS NOT NULL AND revoked_at IS NULL
             ORDER BY review_since LIMIT 200",
        )
        .bind(department.to_string())
        .fetch_all(self.db.reader())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(UnderReview {
                    id: r.parsed("id")?,
                    type_name: r.text("type_name")?,
                    reason: r.text("review_reason")?,
                    since: r.ts("review_since")?,
                })
            })
            .collect()
    }

    /// Marks a reviewed certificate as kept (its issuer confirmed it).
    pub async fn confirm_certificate_review(&self, tx: &mut Tx, id: CertificateId) -> Result<bool> {
        let n = sqlx::query(
            "UPDATE certificates SET review_reason = NULL, review_since = NULL WHERE id = $1 AND review_since IS NOT NULL",
        )
        .bind(id.to_string())
        .execute(&mut **tx)
        .await?
        .rows_affected();
        Ok(n > 0)
    }
}
