//! Citizen accounts: registration, login lookup, password changes, real-name verification and
//! the profile. Mobile numbers, names and ID numbers are stored only encrypted, with keyed
//! blind indexes for exact lookup and uniqueness.

use sqlx::any::AnyRow;
use yiwang_domain::account::AccountKind;
use yiwang_domain::identity::Assurance;
use yiwang_domain::identity::{Mobile, ResidentId};
use yiwang_domain::ids::AccountId;
use yiwang_domain::{ErrorCode, Lang, Timestamp};

use crate::row::{RowExt, named};
use crate::{Error, Result, Store, Tx};

/// What a login needs to know about an account.
#[derive(Debug, Clone)]
pub struct LoginRecord {
    /// The account.
    pub id: AccountId,
    /// Its argon2id hash.
    pub password_hash: String,
    /// Whether it may log in.
    pub active: bool,
    /// The language the person last chose.
    pub lang: Lang,
}

/// An account as its owner (or audited staff) sees it. Personal data is decrypted.
#[derive(Debug, Clone)]
pub struct Profile {
    /// The account.
    pub id: AccountId,
    /// Citizen or staff.
    pub kind: AccountKind,
    /// Mobile number, if any.
    pub phone: Option<String>,
    /// Verified real name.
    pub real_name: Option<String>,
    /// Verified ID number.
    pub id_number: Option<String>,
    /// When the real name was recorded (at any level).
    pub verified_at: Option<Timestamp>,
    /// How sure the platform is of the real name and ID number (`None`: not given).
    pub identity: Option<Assurance>,
    /// Preferred language.
    pub lang: Lang,
    /// Staff login name.
    pub username: Option<String>,
    /// Staff display name.
    pub display_name: Option<String>,
    /// Whether the account may log in.
    pub active: bool,
    /// When it was created.
    pub created_at: Timestamp,
}

impl Profile {
    /// The name to greet the person with: real name, staff name, or masked phone.
    pub fn greeting_name(&self) -> String {
        if let Some(n) = &self.real_name {
            return n.clone();
        }
        if let Some(n) = &self.display_name {
            return n.clone();
        }
        self.phone
            .as_deref()
            .map(yiwang_domain::identity::phone::mask_mobile)
            .unwrap_or_default()
    }
}

/// Encryption contexts: the field and the row, so a ciphertext cannot move between them.
pub(crate) fn ctx(field: &str, id: AccountId) -> String {
    format!("account.{field}|{id}")
}

impl Store {
    /// The blind index of a mobile number.
    pub fn phone_index(&self, phone: &Mobile) -> String {
        self.vault().blind_index("phone", phone.expose())
    }

    /// The blind index of an ID number.
    pub fn id_number_index(&self, id: &ResidentId) -> String {
        self.vault().blind_index("id_number", id.expose())
    }

    /// Whether a citizen account uses this number.
    pub async fn citizen_exists(&self, tx: &mut Tx, phone: &Mobile) -> Result<bool> {
        let row =
            sqlx::query("SELECT id FROM accounts WHERE kind = 'citizen' AND phone_index = $1")
                .bind(self.phone_index(phone))
                .fetch_optional(&mut **tx)
                .await?;
        Ok(row.is_some())
    }

    /// Creates a citizen account. The number must not be registered yet: a conflict means it
    /// was registered a moment ago by a concurrent request.
    pub async fn create_citizen(
        &self,
        tx: &mut Tx,
        phone: &Mobile,
        password_hash: &str,
        lang: Lang,
    ) -> Result<AccountId> {
        let id = AccountId::generate();
        let now = Timestamp::now().millis();
        let phone_enc = self.vault().encrypt(&ctx("phone", id), phone.expose())?;
        let r = sqlx::query(
            "INSERT INTO accounts (id, kind, phone_enc, phone_index, password_hash, password_changed_at, lang, status, created_at, updated_at)
             VALUES ($1, 'citizen', $2, $3, $4, $5, $6, 'active', $5, $5)",
        )
        .bind(id.to_string())
        .bind(phone_enc)
        .bind(self.phone_index(phone))
        .bind(password_hash.to_owned())
        .bind(now)
        .bind(lang.tag())
        .execute(&mut **tx)
        .await;
        match r {
            Ok(_) => Ok(id),
            Err(e) => {
                let e = Error::from(e);
                if e.is_unique_violation() {
                    Err(Error::code(ErrorCode::Conflict))
                } else {
                    Err(e)
                }
            }
        }
    }

    /// The login record of the citizen with this number, if any.
    pub async fn citizen_login(&self, phone: &Mobile) -> Result<Option<LoginRecord>> {
        let row = sqlx::query(
            "SELECT id, password_hash, status, lang FROM accounts WHERE kind = 'citizen' AND phone_index = $1",
        )
        .bind(self.phone_index(phone))
        .fetch_optional(self.db.reader())
        .await?;
        row.map(|r| login_record(&r)).transpose()
    }

    /// The login record of any account by id (to re-check a password).
    pub async fn login_record(&self, id: AccountId) -> Result<LoginRecord> {
        let row = sqlx::query("SELECT id, password_hash, status, lang FROM accounts WHERE id = $1")
            .bind(id.to_string())
            .fetch_optional(self.db.reader())
            .await?
            .ok_or_else(Error::not_found)?;
        login_record(&row)
    }

    /// An account's profile with personal data decrypted. Callers other than the owner must
    /// write an audit entry (see `audit::record_personal_data_read`).
    pub async fn profile(&self, id: AccountId) -> Result<Profile> {
        let row = sqlx::query(
            "SELECT id, kind, phone_enc, real_name_enc, id_number_enc, real_name_verified_at, identity_level, lang, username, display_name, status, created_at
             FROM accounts WHERE id = $1",
        )
        .bind(id.to_string())
        .fetch_optional(self.db.reader())
        .await?
        .ok_or_else(Error::not_found)?;
        let decrypt = |field: &str, blob: Option<Vec<u8>>| -> Result<Option<String>> {
            blob.map(|b| self.vault().decrypt(&ctx(field, id), &b))
                .transpose()
                .map_err(Error::from)
        };
        Ok(Profile {
            id,
            kind: named("kind", &row.text("kind")?, AccountKind::parse)?,
            phone: decrypt("phone", row.opt_blob("phone_enc")?)?,
            real_name: decrypt("real_name", row.opt_blob("real_name_enc")?)?,
            id_number: decrypt("id_number", row.opt_blob("id_number_enc")?)?,
            verified_at: row.opt_ts("real_name_verified_at")?,
            identity: row
                .opt_text("identity_level")?
                .map(|l| named("identity_level", &l, Assurance::parse))
                .transpose()?,
            lang: Lang::from_tag(&row.text("lang")?).unwrap_or_default(),
            username: row.opt_text("username")?,
            display_name: row.opt_text("display_name")?,
            active: row.text("status")? == "active",
            created_at: row.ts("created_at")?,
        })
    }

    /// Replaces the password hash and ends every session of the account except `keep` (the
    /// session that made the change, if any).
    pub async fn set_password(
        &self,
        tx: &mut Tx,
        id: AccountId,
        password_hash: &str,
        keep_session: Option<&str>,
    ) -> Result<()> {
        let now = Timestamp::now().millis();
        let n = sqlx::query("UPDATE accounts SET password_hash = $1, password_changed_at = $2, updated_at = $2 WHERE id = $3")
            .bind(password_hash.to_owned())
            .bind(now)
            .bind(id.to_string())
            .execute(&mut **tx)
            .await?
            .rows_affected();
        if n == 0 {
            return Err(Error::not_found());
        }
        sqlx::query("DELETE FROM sessions WHERE account_id = $1 AND id_hash <> $2")
            .bind(id.to_string())
            .bind(keep_session.unwrap_or("").to_owned())
            .execute(&mut **tx)
            .await?;
        sqlx::query(
            "UPDATE api_tokens SET revoked_at = $1 WHERE account_id = $2 AND revoked_at IS NULL",
        )
        .bind(now)
        .bind(id.to_string())
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Whether the region prefix of an ID number is known: its province must exist, and its
    /// county or at least its city must be in the region table. (Numbers keep the code of the
    /// county where they were first issued, which may since have been merged or renamed; the
    /// city code survives most such changes.)
    pub(crate) async fn id_region_known(&self, tx: &mut Tx, id: &ResidentId) -> Result<bool> {
        let code = id.region_code();
        let row = sqlx::query(
            "SELECT COUNT(*) AS n FROM regions WHERE code IN ($1, $2) AND EXISTS (SELECT 1 FROM regions WHERE code = $3)",
        )
        .bind(code[..6].to_owned())
        .bind(code[..4].to_owned())
        .bind(code[..2].to_owned())
        .fetch_one(&mut **tx)
        .await?;
        Ok(row.int("n")? > 0)
    }

    /// Remembers the language a person chose.
    pub async fn set_lang(&self, id: AccountId, lang: Lang) -> Result<()> {
        sqlx::query("UPDATE accounts SET lang = $1 WHERE id = $2")
            .bind(lang.tag())
            .bind(id.to_string())
            .execute(self.db.writer())
            .await?;
        Ok(())
    }

    /// Finds a citizen by mobile number.
    pub async fn find_citizen_by_phone(&self, phone: &Mobile) -> Result<Option<AccountId>> {
        self.find_citizen_by_index("phone_index", self.phone_index(phone))
            .await
    }

    /// Finds a citizen by verified ID number.
    pub async fn find_citizen_by_id_number(&self, id: &ResidentId) -> Result<Option<AccountId>> {
        self.find_citizen_by_index("id_number_index", self.id_number_index(id))
            .await
    }

    async fn find_citizen_by_index(
        &self,
        column: &'static str,
        index: String,
    ) -> Result<Option<AccountId>> {
        let sql = match column {
            "phone_index" => "SELECT id FROM accounts WHERE kind = 'citizen' AND phone_index = $1",
            _ => "SELECT id FROM accounts WHERE kind = 'citizen' AND id_number_index = $1",
        };
        let row = sqlx::query(sql)
            .bind(index)
            .fetch_optional(self.db.reader())
            .await?;
        row.map(|r| r.parsed("id")).transpose()
    }

    /// The number of citizen accounts (for the operator's overview).
    pub async fn count_citizens(&self) -> Result<i64> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM accounts WHERE kind = 'citizen'")
            .fetch_one(self.db.reader())
            .await?;
        row.int("n")
    }
}

fn login_record(r: &AnyRow) -> Result<LoginRecord> {
    Ok(LoginRecord {
        id: r.parsed("id")?,
        password_hash: r.text("password_hash")?,
        active: r.text("status")? == "active",
        lang: Lang::from_tag(&r.text("lang")?).unwrap_or_default(),
    })
}
