//! Identities at their levels of assurance (ACC-1): recording a name and ID number on an
//! account, the other accounts claiming the same number, the history of checks, the conflicts a
//! platform admin resolves, and the certificates to review after an identity changed.

use sqlx::any::AnyRow;
use yiwang_domain::FieldCode;
use yiwang_domain::Timestamp;
use yiwang_domain::identity::{Assurance, PersonName, ResidentId};
use yiwang_domain::ids::{AccountId, AuditId};
use yiwang_domain::paging::Page;

use crate::accounts::ctx;
use crate::row::{RowExt, named};
use crate::{Error, Result, Store, Tx};

/// One check of an identity, for the history.
#[derive(Debug, Clone)]
pub struct NewCheck<'a> {
    /// Whose.
    pub account: AccountId,
    /// The level it was for.
    pub level: Assurance,
    /// `self`, `provider:<name>` or `counter`.
    pub method: &'a str,
    /// `recorded`, a provider's answer, or `refused`.
    pub answer: &'a str,
    /// The clerk, for a counter check.
    pub staff: Option<AccountId>,
    /// Where, for a counter check.
    pub place: Option<&'a str>,
}

/// A conflict between two accounts over one ID number.
#[derive(Debug, Clone)]
pub struct Conflict {
    /// Its id.
    pub id: String,
    /// The account that claimed the number last.
    pub claimant: AccountId,
    /// Its level.
    pub claimant_level: Assurance,
    /// An account that held the number already.
    pub holder: AccountId,
    /// Its level.
    pub holder_level: Assurance,
    /// When.
    pub created_at: Timestamp,
    /// How it was resolved (`None` while open).
    pub resolution: Option<String>,
}

fn conflict(row: &AnyRow) -> Result<Conflict> {
    Ok(Conflict {
        id: row.text("id")?,
        claimant: row.text("claimant_id")?.parse()?,
        claimant_level: named(
            "claimant_level",
            &row.text("claimant_level")?,
            Assurance::parse,
        )?,
        holder: row.text("holder_id")?.parse()?,
        holder_level: named("holder_level", &row.text("holder_level")?, Assurance::parse)?,
        created_at: row.ts("created_at")?,
        resolution: row.opt_text("resolution")?,
    })
}

impl Store {
    /// Other citizen accounts claiming this ID number, with their levels.
    pub async fn identity_claims(
        &self,
        tx: &mut Tx,
        id_number: &ResidentId,
        except: AccountId,
    ) -> Result<Vec<(AccountId, Assurance)>> {
        let rows = sqlx::query(
            "SELECT id, identity_level FROM accounts
             WHERE kind = 'citizen' AND id_number_index = $1 AND id <> $2 AND identity_level IS NOT NULL",
        )
        .bind(self.id_number_index(id_number))
        .bind(except.to_string())
        .fetch_all(&mut **tx)
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    r.text("id")?.parse()?,
                    named(
                        "identity_level",
                        &r.text("identity_level")?,
                        Assurance::parse,
                    )?,
                ))
            })
            .collect()
    }

    /// Records a name and ID number on a citizen account at `level`. The number's region must
    /// be known. A second verified account for one number is refused (`conflict`), by the
    /// database's unique index as well as by the caller's check.
    pub async fn record_identity(
        &self,
        tx: &mut Tx,
        id: AccountId,
        name: &PersonName,
        id_number: &ResidentId,
        level: Assurance,
    ) -> Result<()> {
        if !self.id_region_known(tx, id_number).await? {
            return Err(Error::field("id_number", FieldCode::IdNumberRegion));
        }
        let now = Timestamp::now().millis();
        let r = sqlx::query(
            "UPDATE accounts SET real_name_enc = $1, id_number_enc = $2, id_number_index = $3,
                    real_name_verified_at = $4, identity_level = $5, updated_at = $4
             WHERE id = $6 AND kind = 'citizen'",
        )
        .bind(self.vault().encrypt(&ctx("real_name", id), name.expose())?)
        .bind(
            self.vault()
                .encrypt(&ctx("id_number", id), id_number.expose())?,
        )
        .bind(self.id_number_index(id_number))
        .bind(now)
        .bind(level.as_str())
        .bind(id.to_string())
        .execute(&mut **tx)
        .await;
        match r {
            Ok(done) if done.rows_affected() == 1 => Ok(()),
            Ok(_) => Err(Error::not_found()),
            Err(e) => {
                let e = Error::from(e);
                if e.is_unique_violation() {
                    Err(Error::code(yiwang_domain::ErrorCode::Conflict))
                } else {
                    Err(e)
                }
            }
        }
    }

    /// Removes an account's identity (a platform admin resolving a conflict against it).
    pub async fn clear_identity(&self, tx: &mut Tx, id: AccountId) -> Result<()> {
        sqlx::query(
            "UPDATE accounts SET real_name_enc = NULL, id_number_enc = NULL, id_number_index = NULL,
                    real_name_verified_at = NULL, identity_level = NULL, updated_at = $1
             WHERE id = $2 AND kind = 'citizen'",
        )
        .bind(Timestamp::now().millis())
        .bind(id.to_string())
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Adds a check to the history.
    pub async fn record_identity_check(&self, tx: &mut Tx, c: &NewCheck<'_>) -> Result<()> {
        sqlx::query(
            "INSERT INTO identity_checks (id, account_id, level, method, answer, staff_id, place, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(AuditId::generate().to_string())
        .bind(c.account.to_string())
        .bind(c.level.as_str())
        .bind(c.method.to_owned())
        .bind(c.answer.to_owned())
        .bind(c.staff.map(|s| s.to_string()))
        .bind(c.place.map(str::to_owned))
        .bind(Timestamp::now().millis())
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Opens a conflict between two accounts over one number; when one is open for the pair
    /// already, it is brought up to date with their levels instead (one entry in the admin's
    /// queue however often someone retries).
    pub async fn open_identity_conflict(
        &self,
        tx: &mut Tx,
        claimant: (AccountId, Assurance),
        holder: (AccountId, Assurance),
    ) -> Result<()> {
        let updated = sqlx::query(
            "UPDATE identity_conflicts SET claimant_level = $1, holder_level = $2
             WHERE claimant_id = $3 AND holder_id = $4 AND resolved_at IS NULL",
        )
        .bind(claimant.1.as_str())
        .bind(holder.1.as_str())
        .bind(claimant.0.to_string())
        .bind(holder.0.to_string())
        .execute(&mut **tx)
        .await?
        .rows_affected();
        if updated > 0 {
            return Ok(());
        }
        sqlx::query(
            "INSERT INTO identity_conflicts (id, claimant_id, claimant_level, holder_id, holder_level, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(AuditId::generate().to_string())
        .bind(claimant.0.to_string())
        .bind(claimant.1.as_str())
        .bind(holder.0.to_string())
        .bind(holder.1.as_str())
        .bind(Timestamp::now().millis())
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Conflicts still open, oldest first, and how many there are.
    pub async fn open_identity_conflicts(&self, page: Page) -> Result<(Vec<Conflict>, i64)> {
        let rows = sqlx::query(
            "SELECT id, claimant_id, claimant_level, holder_id, holder_level, created_at, resolution
             FROM identity_conflicts WHERE resolved_at IS NULL
             ORDER BY created_at, id LIMIT $1 OFFSET $2",
        )
        .bind(page.limit())
        .bind(page.offset())
        .fetch_all(self.db.reader())
        .await?;
        let total =
            sqlx::query("SELECT COUNT(*) AS n FROM identity_conflicts WHERE resolved_at IS NULL")
                .fetch_one(self.db.reader())
                .await?
                .int("n")?;
        Ok((rows.iter().map(conflict).collect::<Result<_>>()?, total))
    }

    /// One conflict, for update inside a transaction.
    pub async fn identity_conflict(&self, tx: &mut Tx, id: &str) -> Result<Conflict> {
        let row = sqlx::query(
            "SELECT id, claimant_id, claimant_level, holder_id, holder_level, created_at, resolution
             FROM identity_conflicts WHERE id = $1",
        )
        .bind(id.to_owned())
        .fetch_optional(&mut **tx)
        .await?
        .ok_or_else(Error::not_found)?;
        conflict(&row)
    }

    /// Closes an open conflict; `false` if someone else closed it first.
    pub async fn resolve_identity_conflict(
        &self,
        tx: &mut Tx,
        id: &str,
        by: AccountId,
        resolution: &str,
    ) -> Result<bool> {
        let n = sqlx::query(
            "UPDATE identity_conflicts SET resolved_at = $1, resolved_by = $2, resolution = $3
             WHERE id = $4 AND resolved_at IS NULL",
        )
        .bind(Timestamp::now().millis())
        .bind(by.to_string())
        .bind(resolution.to_owned())
        .bind(id.to_owned())
        .execute(&mut **tx)
        .await?
        .rows_affected();
        Ok(n == 1)
    }

    /// Marks every live certificate of the account for review by its issuer (the holder's
    /// identity changed). Returns how many.
    pub async fn flag_certificates_for_review(
        &self,
        tx: &mut Tx,
        account: AccountId,
        reason: &str,
    ) -> Result<u64> {
        let n = sqlx::query(
            "UPDATE certificates SET review_reason = $1, review_since = $2
             WHERE account_id = $3 AND revoked_at IS NULL AND review_since IS NULL",
        )
        .bind(reason.to_owned())
        .bind(Timestamp::now().millis())
        .bind(account.to_string())
        .execute(&mut **tx)
        .await?
        .rows_affected();
        Ok(n)
    }
}
