//! Staff accounts: creation by admins, login by name, TOTP enrolment, and role grants scoped to
//! a department and a region subtree. System clients hold grants through the same table.

use sqlx::any::AnyRow;
use yiwang_domain::auth::{Grant, Role};
use yiwang_domain::identity::Mobile;
use yiwang_domain::ids::{AccountId, DepartmentId, GrantId};
use yiwang_domain::paging::Page;
use yiwang_domain::region::RegionCode;
use yiwang_domain::{FieldCode, Lang, Timestamp};

use crate::accounts::ctx;
use crate::row::{RowExt, named};
use crate::{Error, Result, Store, Tx};

/// What a staff login needs.
#[derive(Debug, Clone)]
pub struct StaffLogin {
    /// The account.
    pub id: AccountId,
    /// Its argon2id hash.
    pub password_hash: String,
    /// Whether it may log in.
    pub active: bool,
    /// The decrypted TOTP secret, once one was generated.
    pub totp_secret: Option<Vec<u8>>,
    /// Whether enrolment was confirmed with a first code.
    pub totp_enrolled: bool,
    /// Preferred language.
    pub lang: Lang,
}

/// A grant with the names a console page shows.
#[derive(Debug, Clone)]
pub struct GrantRow {
    /// The grant.
    pub id: GrantId,
    /// The role.
    pub role: Role,
    /// The department, if the role is tied to one.
    pub department: Option<(DepartmentId, String)>,
    /// The region subtree root and its name.
    pub region: (RegionCode, String),
}

/// A staff member in the console's list.
#[derive(Debug, Clone)]
pub struct StaffSummary {
    /// The account.
    pub id: AccountId,
    /// Login name.
    pub username: String,
    /// Name shown to citizens.
    pub display_name: String,
    /// Whether the account may log in.
    pub active: bool,
    /// Whether an authenticator is linked.
    pub totp_enrolled: bool,
    /// When it was created.
    pub created_at: Timestamp,
}

/// Who holds a grant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    /// A staff account.
    Account(AccountId),
    /// A system client.
    Client(yiwang_domain::ids::ClientId),
}

impl Holder {
    fn kind(self) -> &'static str {
        match self {
            Holder::Account(_) => "account",
            Holder::Client(_) => "client",
        }
    }
    fn id(self) -> String {
        match self {
            Holder::Account(a) => a.to_string(),
            Holder::Client(c) => c.to_string(),
        }
    }
}

impl Store {
    /// Creates a staff account. The login name must be free.
    pub async fn create_staff(
        &self,
        tx: &mut Tx,
        username: &str,
        display_name: &str,
        password_hash: &str,
        phone: Option<&Mobile>,
    ) -> Result<AccountId> {
        let id = AccountId::generate();
        let now = Timestamp::now().millis();
        let (phone_enc, phone_index) = match phone {
            Some(p) => (
                Some(self.vault().encrypt(&ctx("phone", id), p.expose())?),
                Some(self.phone_index(p)),
            ),
            None => (None, None),
        };
        let r = sqlx::query(
            "INSERT INTO accounts (id, kind, username, display_name, phone_enc, phone_index, password_hash, password_changed_at, lang, status, created_at, updated_at)
             VALUES ($1, 'staff', $2, $3, $4, $5, $6, $7, 'zh-Hans', 'active', $7, $7)",
        )
        .bind(id.to_string())
        .bind(username.to_owned())
        .bind(display_name.to_owned())
        .bind(phone_enc)
        .bind(phone_index)
        .bind(password_hash.to_owned())
        .bind(now)
        .execute(&mut **tx)
        .await;
        match r {
            Ok(_) => Ok(id),
            Err(e) => {
                let e = Error::from(e);
                if e.is_unique_violation() {
                    Err(Error::field("username", FieldCode::UsernameTaken))
                } else {
                    Err(e)
                }
            }
        }
    }

    /// The login record of a staff member by login name.
    pub async fn staff_login(&self, username: &str) -> Result<Option<StaffLogin>> {
        let row = sqlx::query(
            "SELECT id, password_hash, status, totp_secret_enc, totp_enrolled_at, lang FROM accounts WHERE kind = 'staff' AND username = $1",
        )
        .bind(username.to_owned())
        .fetch_optional(self.db.reader())
        .await?;
        row.map(|r| self.staff_login_row(&r)).transpose()
    }

    /// The login record of a staff member by id.
    pub async fn staff_login_by_id(&self, id: AccountId) -> Result<StaffLogin> {
        let row = sqlx::query(
            "SELECT id, password_hash, status, totp_secret_enc, totp_enrolled_at, lang FROM accounts WHERE kind = 'staff' AND id = $1",
        )
        .bind(id.to_string())
        .fetch_optional(self.db.reader())
        .await?
        .ok_or_else(Error::not_found)?;
        self.staff_login_row(&row)
    }

    fn staff_login_row(&self, r: &AnyRow) -> Result<StaffLogin> {
        let id: AccountId = r.parsed("id")?;
        let totp_secret = match r.opt_blob("totp_secret_enc")? {
            Some(b) => {
                let b32 = self.vault().decrypt(&ctx("totp", id), &b)?;
                Some(
                    yiwang_crypto::hex_decode(&b32)
                        .ok_or_else(|| Error::Corrupt("totp secret".into()))?,
                )
            }
            None => None,
        };
        Ok(StaffLogin {
            id,
            password_hash: r.text("password_hash")?,
            active: r.text("status")? == "active",
            totp_secret,
            totp_enrolled: r.opt_int("totp_enrolled_at")?.is_some(),
            lang: Lang::from_tag(&r.text("lang")?).unwrap_or_default(),
        })
    }

    /// Stores a new, not yet confirmed TOTP secret (enrolment step one).
    pub async fn set_totp_secret(&self, id: AccountId, secret: &[u8]) -> Result<()> {
        let enc = self
            .vault()
            .encrypt(&ctx("totp", id), &yiwang_crypto::hex(secret))?;
        sqlx::query("UPDATE accounts SET totp_secret_enc = $1, totp_enrolled_at = NULL, totp_last_step = NULL WHERE id = $2 AND kind = 'staff'")
            .bind(enc)
            .bind(id.to_string())
            .execute(self.db.writer())
            .await?;
        Ok(())
    }

    /// Consumes a TOTP time step: succeeds only if no code of this or a later step was used
    /// before, so each code works once (RFC 6238 §5.2). Marks enrolment as confirmed.
    pub async fn use_totp_step(&self, tx: &mut Tx, id: AccountId, step: u64) -> Result<bool> {
        let now = Timestamp::now().millis();
        let n = sqlx::query(
            "UPDATE accounts SET totp_last_step = $1, totp_enrolled_at = COALESCE(totp_enrolled_at, $2)
             WHERE id = $3 AND (totp_last_step IS NULL OR totp_last_step < $1)",
        )
        .bind(step as i64)
        .bind(now)
        .bind(id.to_string())
        .execute(&mut **tx)
        .await?
        .rows_affected();
        Ok(n == 1)
    }

    /// The grants of a staff account or client, for authorisation.
    pub async fn grants(&self, holder: Holder) -> Result<Vec<Grant>> {
        let rows = sqlx::query("SELECT role, department_id, region_code FROM role_grants WHERE holder_id = $1 AND holder_kind = $2")
            .bind(holder.id())
            .bind(holder.kind())
            .fetch_all(self.db.reader())
            .await?;
        rows.iter()
            .map(|r| {
                Ok(Grant {
                    role: named("role", &r.text("role")?, Role::parse)?,
                    department: r.opt_parsed("department_id")?,
                    region: r.parsed::<String>("region_code").and_then(|s| {
                        RegionCode::parse(&s).map_err(|_| Error::Corrupt("region_code".into()))
                    })?,
                })
            })
            .collect()
    }

    /// The grants with names, for the console.
    pub async fn grant_rows(&self, holder: Holder) -> Result<Vec<GrantRow>> {
        let rows = sqlx::query(
            "SELECT g.id, g.role, g.department_id, d.name AS department_name, g.region_code, r.name AS region_name
             FROM role_grants g JOIN regions r ON r.code = g.region_code LEFT JOIN departments d ON d.id = g.department_id
             WHERE g.holder_id = $1 AND g.holder_kind = $2 ORDER BY g.created_at",
        )
        .bind(holder.id())
        .bind(holder.kind())
        .fetch_all(self.db.reader())
        .await?;
        rows.iter()
            .map(|r| {
                let department = match r.opt_parsed::<DepartmentId>("department_id")? {
                    Some(d) => Some((d, r.opt_text("department_name")?.unwrap_or_default())),
                    None => None,
                };
                Ok(GrantRow {
                    id: r.parsed("id")?,
                    role: named("role", &r.text("role")?, Role::parse)?,
                    department,
                    region: (
                        RegionCode::parse(&r.text("region_code")?)
                            .map_err(|_| Error::Corrupt("region_code".into()))?,
                        r.text("region_name")?,
                    ),
                })
            })
            .collect()
    }

    /// Grants a role. The department, if given, must lie in the region subtree.
    pub async fn add_grant(
        &self,
        tx: &mut Tx,
        holder: Holder,
        grant: &Grant,
        granted_by: Option<AccountId>,
    ) -> Result<GrantId> {
        if let Some(d) = grant.department {
            let row = sqlx::query("SELECT region_code FROM departments WHERE id = $1")
                .bind(d.to_string())
                .fetch_optional(&mut **tx)
                .await?
                .ok_or_else(|| Error::field("department", FieldCode::UnknownDepartment))?;
            let dept_region = RegionCode::parse(&row.text("region_code")?)
                .map_err(|_| Error::Corrupt("region_code".into()))?;
            if !grant.region.contains(&dept_region) {
                return Err(Error::field("region", FieldCode::WrongRegionLevel));
            }
        } else if grant.role.needs_department() {
            return Err(Error::field("department", FieldCode::Required));
        }
        let exists = sqlx::query("SELECT 1 AS x FROM regions WHERE code = $1")
            .bind(grant.region.as_str().to_owned())
            .fetch_optional(&mut **tx)
            .await?;
        if exists.is_none() {
            return Err(Error::field("region", FieldCode::UnknownRegion));
        }
        let id = GrantId::generate();
        sqlx::query(
            "INSERT INTO role_grants (id, holder_kind, holder_id, role, department_id, region_code, granted_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(id.to_string())
        .bind(holder.kind())
        .bind(holder.id())
        .bind(grant.role.as_str())
        .bind(grant.department.map(|d| d.to_string()))
        .bind(grant.region.as_str().to_owned())
        .bind(granted_by.map(|a| a.to_string()))
        .bind(Timestamp::now().millis())
        .execute(&mut **tx)
        .await?;
        Ok(id)
    }

    /// Removes a grant of a holder. Returns the removed grant.
    pub async fn revoke_grant(&self, tx: &mut Tx, holder: Holder, id: GrantId) -> Result<Grant> {
        let row = sqlx::query("SELECT role, department_id, region_code FROM role_grants WHERE id = $1 AND holder_id = $2")
            .bind(id.to_string())
            .bind(holder.id())
            .fetch_optional(&mut **tx)
            .await?
            .ok_or_else(Error::not_found)?;
        let grant = Grant {
            role: named("role", &row.text("role")?, Role::parse)?,
            department: row.opt_parsed("department_id")?,
            region: RegionCode::parse(&row.text("region_code")?)
                .map_err(|_| Error::Corrupt("region_code".into()))?,
        };
        sqlx::query("DELETE FROM role_grants WHERE id = $1")
            .bind(id.to_string())
            .execute(&mut **tx)
            .await?;
        Ok(grant)
    }

    /// Staff accounts, newest first, optionally only those with a grant in a department.
    pub async fn list_staff(
        &self,
        department: Option<DepartmentId>,
        page: Page,
    ) -> Result<(Vec<StaffSummary>, i64)> {
        let dept = department.map(|d| d.to_string());
        let total = sqlx::query(
            "SELECT COUNT(*) AS n FROM accounts a WHERE a.kind = 'staff'
             AND ($1 IS NULL OR EXISTS (SELECT 1 FROM role_grants g WHERE g.holder_id = a.id AND g.department_id = $1))",
        )
        .bind(dept.clone())
        .fetch_one(self.db.reader())
        .await?
        .int("n")?;
        let rows = sqlx::query(
            "SELECT a.id, a.username, a.display_name, a.status, a.totp_enrolled_at, a.created_at FROM accounts a WHERE a.kind = 'staff'
             AND ($1 IS NULL OR EXISTS (SELECT 1 FROM role_grants g WHERE g.holder_id = a.id AND g.department_id = $1))
             ORDER BY a.created_at DESC LIMIT $2 OFFSET $3",
        )
        .bind(dept)
        .bind(page.limit())
        .bind(page.offset())
        .fetch_all(self.db.reader())
        .await?;
        let list = rows
            .iter()
            .map(|r| {
                Ok(StaffSummary {
                    id: r.parsed("id")?,
                    username: r.opt_text("username")?.unwrap_or_default(),
                    display_name: r.opt_text("display_name")?.unwrap_or_default(),
                    active: r.text("status")? == "active",
                    totp_enrolled: r.opt_int("totp_enrolled_at")?.is_some(),
                    created_at: r.ts("created_at")?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok((list, total))
    }

    /// Enables or disables a staff account; disabling ends its sessions and tokens.
    pub async fn set_staff_active(&self, tx: &mut Tx, id: AccountId, active: bool) -> Result<()> {
        let n = sqlx::query(
            "UPDATE accounts SET status = $1, updated_at = $2 WHERE id = $3 AND kind = 'staff'",
        )
        .bind(if active { "active" } else { "disabled" })
        .bind(Timestamp::now().millis())
        .bind(id.to_string())
        .execute(&mut **tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(Error::not_found());
        }
        if !active {
            sqlx::query("DELETE FROM sessions WHERE account_id = $1")
                .bind(id.to_string())
                .execute(&mut **tx)
                .await?;
            sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE account_id = $2 AND revoked_at IS NULL")
                .bind(Timestamp::now().millis())
                .bind(id.to_string())
                .execute(&mut **tx)
                .await?;
        }
        Ok(())
    }

    /// Stores a TOTP secret as already confirmed (for accounts set up by an operator, such as
    /// the demo deployment's).
    pub async fn enrol_totp(&self, tx: &mut Tx, id: AccountId, secret: &[u8]) -> Result<()> {
        let enc = self
            .vault()
            .encrypt(&ctx("totp", id), &yiwang_crypto::hex(secret))?;
        sqlx::query("UPDATE accounts SET totp_secret_enc = $1, totp_enrolled_at = $2, totp_last_step = NULL WHERE id = $3 AND kind = 'staff'")
            .bind(enc)
            .bind(Timestamp::now().millis())
            .bind(id.to_string())
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// Whether any staff account exists (a fresh deployment has none).
    pub async fn any_staff(&self) -> Result<bool> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM accounts WHERE kind = 'staff'")
            .fetch_one(self.db.reader())
            .await?;
        Ok(row.int("n")? > 0)
    }
}
