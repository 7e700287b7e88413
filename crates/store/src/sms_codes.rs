//! One-time SMS codes for registration and password reset. Only a keyed MAC of each code is
//! stored; a code expires after ten minutes, dies after five wrong guesses, and works once.
//!
//! The response to "send me a code" never reveals whether a number has an account: for
//! registration, a registered number gets a reminder instead of a code; for a reset, an
//! unregistered number gets nothing. The page says the same thing in every case.

use std::time::Duration;

use yiwang_domain::account::{CodePurpose, SMS_CODE_MAX_ATTEMPTS, SMS_CODE_TTL_SECS};
use yiwang_domain::identity::Mobile;
use yiwang_domain::notification::Notice;
use yiwang_domain::{Lang, Timestamp};

use crate::notify::Recipient;
use crate::row::RowExt;
use crate::{Result, Store, Tx};

impl Store {
    fn code_mac(&self, id: &str, code: &str) -> String {
        self.vault()
            .blind_index("sms_code", &format!("{id}:{code}"))
    }

    /// Handles a request for a code, in the caller's transaction. Returns whether a code was
    /// actually issued (for tests and metrics; never shown to the requester).
    pub async fn request_sms_code(
        &self,
        tx: &mut Tx,
        phone: &Mobile,
        purpose: CodePurpose,
        lang: Lang,
    ) -> Result<bool> {
        let registered = self.citizen_exists(tx, phone).await?;
        let recipient = Recipient::Phone(phone.clone(), lang);
        match (purpose, registered) {
            (CodePurpose::Register, true) => {
                self.notify(tx, &recipient, &Notice::AlreadyRegistered)
                    .await?;
                Ok(false)
            }
            (CodePurpose::ResetPassword, false) => Ok(false),
            _ => {
                let id = yiwang_domain::ids::NotificationId::generate().to_string();
                let code = yiwang_crypto::random::digits(6)?;
                let now = Timestamp::now();
                sqlx::query(
                    "INSERT INTO sms_codes (id, phone_index, purpose, code_mac, attempts, created_at, expires_at) VALUES ($1, $2, $3, $4, 0, $5, $6)",
                )
                .bind(id.clone())
                .bind(self.phone_index(phone))
                .bind(purpose.as_str())
                .bind(self.code_mac(&id, &code))
                .bind(now.millis())
                .bind(now.plus(Duration::from_secs(SMS_CODE_TTL_SECS)).millis())
                .execute(&mut **tx)
                .await?;
                self.notify(tx, &recipient, &Notice::SmsCode { purpose, code })
                    .await?;
                Ok(true)
            }
        }
    }

    /// Checks a typed code against the newest live code for the number and purpose, in the
    /// caller's transaction. A right code is used up; a wrong one counts towards the limit.
    pub async fn consume_sms_code(
        &self,
        tx: &mut Tx,
        phone: &Mobile,
        purpose: CodePurpose,
        code: &str,
    ) -> Result<bool> {
        let now = Timestamp::now();
        let row = sqlx::query(
            "SELECT id, code_mac, attempts FROM sms_codes WHERE phone_index = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3
             ORDER BY created_at DESC LIMIT 1",
        )
        .bind(self.phone_index(phone))
        .bind(purpose.as_str())
        .bind(now.millis())
        .fetch_optional(&mut **tx)
        .await?;
        let Some(row) = row else { return Ok(false) };
        let id = row.text("id")?;
        if row.int("attempts")? >= SMS_CODE_MAX_ATTEMPTS {
            return Ok(false);
        }
        let ok = yiwang_crypto::constant_time_eq(
            self.code_mac(&id, code).as_bytes(),
            row.text("code_mac")?.as_bytes(),
        );
        let sql = if ok {
            "UPDATE sms_codes SET used_at = $1 WHERE id = $2"
        } else {
            "UPDATE sms_codes SET attempts = attempts + 1 WHERE id = $2 AND $1 > 0"
        };
        sqlx::query(sql)
            .bind(now.millis())
            .bind(id)
            .execute(&mut **tx)
            .await?;
        Ok(ok)
    }

    /// Deletes codes that expired more than a day ago.
    pub async fn purge_sms_codes(&self, now: Timestamp) -> Result<u64> {
        Ok(sqlx::query("DELETE FROM sms_codes WHERE expires_at < $1")
            .bind(now.minus(Duration::from_secs(86_400)).millis())
            .execute(self.db.writer())
            .await?
            .rows_affected())
    }
}
