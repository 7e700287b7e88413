//! Web Push devices, the platform's VAPID key, and what each person chose about how they are
//! told (NOTIF-1). The endpoints and keys are encrypted like other personal data; the VAPID
//! private key is kept in the settings encrypted with the deployment's key, so every instance
//! signs with the same one.

use yiwang_crypto::webpush::VapidKey;
use yiwang_domain::Timestamp;
use yiwang_domain::ids::{AccountId, NotificationId, PushDeviceId};
use yiwang_domain::notification::Channel;
use yiwang_domain::notification::prefs::{Preferences, Reach, Topic};

use crate::row::RowExt;
use crate::{Error, Result, Store, Tx};

const VAPID_SETTING: &str = "vapid_private_key";

/// The devices one account keeps for push: a new one beyond this replaces the oldest.
pub const MAX_DEVICES: i64 = 20;
const VAPID_CONTEXT: &str = "settings.vapid_private_key";

/// A device as its owner sees it on the settings page.
#[derive(Debug, Clone)]
pub struct PushDevice {
    /// The device.
    pub id: PushDeviceId,
    /// What the browser said it is (from its User-Agent), e.g. `Chrome · Android`.
    pub label: String,
    /// When it was added.
    pub created_at: Timestamp,
    /// When a message last reached it.
    pub last_ok_at: Option<Timestamp>,
}

/// Where to push one message: a device that has not yet taken it.
#[derive(Debug, Clone)]
pub struct PushTarget {
    /// The device.
    pub id: PushDeviceId,
    /// The push service's URL for it.
    pub endpoint: String,
    /// Its public key (base64url).
    pub p256dh: String,
    /// Its secret (base64url).
    pub auth: String,
}

fn ctx(what: &str, id: PushDeviceId) -> String {
    format!("push.{what}|{id}")
}

impl Store {
    /// The deployment's VAPID key, made at the first start and kept encrypted in the
    /// settings. Two instances starting at once agree on one key.
    pub async fn vapid_key(&self) -> Result<VapidKey> {
        if let Some(stored) = self.setting(VAPID_SETTING).await? {
            return self.open_vapid(&stored);
        }
        let key = VapidKey::generate()?;
        let blob = self
            .vault()
            .encrypt(VAPID_CONTEXT, &yiwang_crypto::hex(key.pkcs8()))?;
        sqlx::query("INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING")
            .bind(VAPID_SETTING)
            .bind(yiwang_crypto::hex(&blob))
            .bind(Timestamp::now().millis())
            .execute(self.db.writer())
            .await?;
        let stored = self
            .setting(VAPID_SETTING)
            .await?
            .ok_or_else(|| Error::Corrupt("vapid key vanished".into()))?;
        self.open_vapid(&stored)
    }

    fn open_vapid(&self, stored: &str) -> Result<VapidKey> {
        let blob = yiwang_crypto::hex_decode(stored)
            .ok_or_else(|| Error::Corrupt(VAPID_SETTING.into()))?;
        let der = yiwang_crypto::hex_decode(&self.vault().decrypt(VAPID_CONTEXT, &blob)?)
            .ok_or_else(|| Error::Corrupt(VAPID_SETTING.into()))?;
        Ok(VapidKey::from_pkcs8(&der)?)
    }

    /// Adds a device for `account`, or moves it there when its browser subscribed before
    /// under someone else (one browser, the person signed in now). Keys must be checked by
    /// the caller.
    pub async fn add_push_device(
        &self,
        account: AccountId,
        endpoint: &str,
        p256dh: &str,
        auth: &str,
        label: &str,
    ) -> Result<PushDeviceId> {
        let ix = self.vault().blind_index("push_endpoint", endpoint);
        let mut tx = self.begin().await?;
        let existing: Option<PushDeviceId> =
            sqlx::query("SELECT id FROM push_devices WHERE endpoint_ix = $1")
                .bind(ix.clone())
                .fetch_optional(&mut *tx)
                .await?
                .map(|r| r.parsed("id"))
                .transpose()?;
        let id = existing.unwrap_or_else(PushDeviceId::generate);
        let keys = serde_json::json!({ "p256dh": p256dh, "auth": auth }).to_string();
        let endpoint_enc = self.vault().encrypt(&ctx("endpoint", id), endpoint)?;
        let keys_enc = self.vault().encrypt(&ctx("keys", id), &keys)?;
        let now = Timestamp::now().millis();
        if existing.is_some() {
            sqlx::query("UPDATE push_devices SET account_id = $1, endpoint_enc = $2, keys_enc = $3, label = $4 WHERE id = $5")
                .bind(account.to_string())
                .bind(endpoint_enc)
                .bind(keys_enc)
                .bind(label.to_owned())
                .bind(id.to_string())
                .execute(&mut *tx)
                .await?;
        } else {
            sqlx::query("INSERT INTO push_devices (id, account_id, endpoint_ix, endpoint_enc, keys_enc, label, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .bind(id.to_string())
                .bind(account.to_string())
                .bind(ix)
                .bind(endpoint_enc)
                .bind(keys_enc)
                .bind(label.to_owned())
                .bind(now)
                .execute(&mut *tx)
                .await?;
        }
        // Browsers subscribe afresh now and then; the oldest beyond the limit go.
        sqlx::query(
            "DELETE FROM push_devices WHERE account_id = $1 AND id NOT IN
             (SELECT id FROM push_devices WHERE account_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2)",
        )
        .bind(account.to_string())
        .bind(MAX_DEVICES)
        .execute(&mut *tx)
        .await?;
        crate::commit(tx).await?;
        Ok(id)
    }

    /// Removes one of `account`'s devices by its endpoint; someone else's device or an
    /// unknown endpoint is "not found".
    pub async fn remove_push_endpoint(&self, account: AccountId, endpoint: &str) -> Result<()> {
        let ix = self.vault().blind_index("push_endpoint", endpoint);
        let id: Option<PushDeviceId> =
            sqlx::query("SELECT id FROM push_devices WHERE endpoint_ix = $1 AND account_id = $2")
                .bind(ix)
                .bind(account.to_string())
                .fetch_optional(self.db.reader())
                .await?
                .map(|r| r.parsed("id"))
                .transpose()?;
        match id {
            Some(id) => self.remove_push_device(account, id).await,
            None => Err(Error::not_found()),
        }
    }

    /// Removes one of `account`'s devices; someone else's is "not found".
    pub async fn remove_push_device(&self, account: AccountId, id: PushDeviceId) -> Result<()> {
        let mut tx = self.begin().await?;
        let n = sqlx::query("DELETE FROM push_devices WHERE id = $1 AND account_id = $2")
            .bind(id.to_string())
            .bind(account.to_string())
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if n == 0 {
            return Err(Error::not_found());
        }
        sqlx::query("DELETE FROM push_sent WHERE device_id = $1")
            .bind(id.to_string())
            .execute(&mut *tx)
            .await?;
        crate::commit(tx).await
    }

    /// Forgets a device the push service said is gone (404 or 410).
    pub async fn forget_push_device(&self, id: PushDeviceId) -> Result<()> {
        sqlx::query("DELETE FROM push_devices WHERE id = $1")
            .bind(id.to_string())
            .execute(self.db.writer())
            .await?;
        Ok(())
    }

    /// A person's devices, newest first.
    pub async fn push_devices(&self, account: AccountId) -> Result<Vec<PushDevice>> {
        sqlx::query("SELECT id, label, created_at, last_ok_at FROM push_devices WHERE account_id = $1 ORDER BY created_at DESC, id")
            .bind(account.to_string())
            .fetch_all(self.db.reader())
            .await?
            .iter()
            .map(|r| {
                Ok(PushDevice {
                    id: r.parsed("id")?,
                    label: r.text("label")?,
                    created_at: r.ts("created_at")?,
                    last_ok_at: r.opt_ts("last_ok_at")?,
                })
            })
            .collect()
    }

    /// The devices of `account` that have not yet taken notification `n`, decrypted.
    pub async fn push_targets(
        &self,
        account: AccountId,
        n: NotificationId,
    ) -> Result<Vec<PushTarget>> {
        let rows = sqlx::query(
            "SELECT d.id, d.endpoint_enc, d.keys_enc FROM push_devices d WHERE d.account_id = $1
             AND NOT EXISTS (SELECT 1 FROM push_sent s WHERE s.notification_id = $2 AND s.device_id = d.id)
             ORDER BY d.created_at, d.id",
        )
        .bind(account.to_string())
        .bind(n.to_string())
        .fetch_all(self.db.reader())
        .await?;
        rows.iter()
            .map(|r| {
                let id: PushDeviceId = r.parsed("id")?;
                let blob = |col| {
                    r.opt_blob(col)?
                        .ok_or_else(|| Error::Corrupt(format!("push_devices.{col}")))
                };
                let endpoint = self
                    .vault()
                    .decrypt(&ctx("endpoint", id), &blob("endpoint_enc")?)?;
                let keys: serde_json::Value = serde_json::from_str(
                    &self.vault().decrypt(&ctx("keys", id), &blob("keys_enc")?)?,
                )
                .map_err(|e| Error::Corrupt(e.to_string()))?;
                let key = |k: &str| keys[k].as_str().unwrap_or_default().to_owned();
                Ok(PushTarget {
                    id,
                    endpoint,
                    p256dh: key("p256dh"),
                    auth: key("auth"),
                })
            })
            .collect()
    }

    /// Records that device `d` took notification `n`.
    pub async fn push_done(&self, n: NotificationId, d: PushDeviceId) -> Result<()> {
        let mut tx = self.begin().await?;
        sqlx::query("INSERT INTO push_sent (notification_id, device_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(n.to_string())
            .bind(d.to_string())
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE push_devices SET last_ok_at = $1 WHERE id = $2")
            .bind(Timestamp::now().millis())
            .bind(d.to_string())
            .execute(&mut *tx)
            .await?;
        crate::commit(tx).await
    }

    /// What a person chose (defaults if nothing).
    pub async fn notify_prefs(&self, account: AccountId) -> Result<Preferences> {
        let row = sqlx::query("SELECT prefs FROM notify_prefs WHERE account_id = $1")
            .bind(account.to_string())
            .fetch_optional(self.db.reader())
            .await?;
        match row {
            Some(r) => parse_prefs(&r.text("prefs")?),
            None => Ok(Preferences::default()),
        }
    }

    /// Replaces what a person chose.
    pub async fn set_notify_prefs(
        &self,
        tx: &mut Tx,
        account: AccountId,
        prefs: &Preferences,
    ) -> Result<()> {
        let json = serde_json::to_string(prefs).map_err(|e| Error::Corrupt(e.to_string()))?;
        sqlx::query("INSERT INTO notify_prefs (account_id, prefs, updated_at) VALUES ($1, $2, $3) ON CONFLICT (account_id) DO UPDATE SET prefs = excluded.prefs, updated_at = excluded.updated_at")
            .bind(account.to_string())
            .bind(json)
            .bind(Timestamp::now().millis())
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// What `account` chose and how it can be reached, read in the transaction that records
    /// a notice for it.
    pub(crate) async fn reach(
        &self,
        tx: &mut Tx,
        account: AccountId,
    ) -> Result<(Preferences, Reach)> {
        let row = sqlx::query(
            "SELECT CASE WHEN a.email_enc IS NULL THEN 0 ELSE 1 END AS has_email,
                    (SELECT COUNT(*) FROM push_devices d WHERE d.account_id = a.id) AS devices,
                    p.prefs
             FROM accounts a LEFT JOIN notify_prefs p ON p.account_id = a.id WHERE a.id = $1",
        )
        .bind(account.to_string())
        .fetch_optional(&mut **tx)
        .await?;
        let Some(r) = row else {
            return Ok((Preferences::default(), Reach::default()));
        };
        let prefs = match r.opt_text("prefs")? {
            Some(p) => parse_prefs(&p)?,
            None => Preferences::default(),
        };
        Ok((
            prefs,
            Reach {
                push: r.int("devices")? > 0,
                email: r.int("has_email")? == 1,
            },
        ))
    }

    /// The account's confirmed email address, decrypted.
    pub async fn account_email(&self, account: AccountId) -> Result<Option<String>> {
        let row = sqlx::query("SELECT email_enc FROM accounts WHERE id = $1")
            .bind(account.to_string())
            .fetch_optional(self.db.reader())
            .await?;
        match row.map(|r| r.opt_blob("email_enc")).transpose()?.flatten() {
            Some(b) => Ok(Some(
                self.vault()
                    .decrypt(&crate::accounts::ctx("email", account), &b)?,
            )),
            None => Ok(None),
        }
    }

    /// Records an address `account` gave, to be confirmed by the link with the returned
    /// token within 24 hours; an earlier unconfirmed address of the account is dropped. The
    /// caller sends the link (in the same transaction).
    pub async fn request_email_confirmation(
        &self,
        tx: &mut Tx,
        account: AccountId,
        email: &str,
    ) -> Result<String> {
        let token = yiwang_crypto::random::token()?;
        let hash = yiwang_crypto::sha256_hex(token.as_bytes());
        sqlx::query("DELETE FROM email_confirmations WHERE account_id = $1")
            .bind(account.to_string())
            .execute(&mut **tx)
            .await?;
        sqlx::query("INSERT INTO email_confirmations (token_hash, account_id, email_enc, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(hash.clone())
            .bind(account.to_string())
            .bind(self.vault().encrypt(&format!("email_confirmation|{hash}"), email)?)
            .bind(Timestamp::now().millis() + 24 * 3_600_000)
            .execute(&mut **tx)
            .await?;
        Ok(token)
    }

    /// Confirms the address waiting under `token`: it becomes the account's email address.
    /// An unknown, used or expired token is "not found".
    pub async fn confirm_email(&self, token: &str) -> Result<(AccountId, String)> {
        let hash = yiwang_crypto::sha256_hex(token.as_bytes());
        let mut tx = self.begin().await?;
        let row = sqlx::query("SELECT account_id, email_enc FROM email_confirmations WHERE token_hash = $1 AND expires_at > $2")
            .bind(hash.clone())
            .bind(Timestamp::now().millis())
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(Error::not_found)?;
        let account: AccountId = row.parsed("account_id")?;
        let blob = row
            .opt_blob("email_enc")?
            .ok_or_else(|| Error::Corrupt("email_confirmations.email_enc".into()))?;
        let email = self
            .vault()
            .decrypt(&format!("email_confirmation|{hash}"), &blob)?;
        self.set_email(&mut tx, account, Some(&email)).await?;
        crate::commit(tx).await?;
        Ok((account, email))
    }

    /// Removes the account's email address (and any waiting for confirmation).
    pub async fn remove_email(&self, account: AccountId) -> Result<()> {
        let mut tx = self.begin().await?;
        self.set_email(&mut tx, account, None).await?;
        crate::commit(tx).await
    }

    /// Sets (encrypted) or clears the account's email address; any address waiting for
    /// confirmation is dropped.
    async fn set_email(&self, tx: &mut Tx, account: AccountId, email: Option<&str>) -> Result<()> {
        let enc = email
            .map(|e| {
                self.vault()
                    .encrypt(&crate::accounts::ctx("email", account), e)
            })
            .transpose()?;
        sqlx::query("UPDATE accounts SET email_enc = $1 WHERE id = $2")
            .bind(enc)
            .bind(account.to_string())
            .execute(&mut **tx)
            .await?;
        sqlx::query("DELETE FROM email_confirmations WHERE account_id = $1")
            .bind(account.to_string())
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// The signature of an unsubscribe link: who, which topic, which channel, keyed with the
    /// deployment's blind-index key so that a link cannot be made up or altered.
    pub fn unsubscribe_mac(&self, account: AccountId, topic: Topic, channel: Channel) -> String {
        self.vault()
            .blind_index("unsubscribe", &format!("{account}|{topic}|{channel}"))
    }

    /// The path of a signed one-click unsubscribe link.
    pub fn unsubscribe_path(&self, account: AccountId, topic: Topic, channel: Channel) -> String {
        format!(
            "/unsubscribe/{account}/{topic}/{channel}/{}",
            self.unsubscribe_mac(account, topic, channel)
        )
    }

    /// Whether `mac` signs this unsubscribe link (compared in constant time).
    pub fn unsubscribe_valid(
        &self,
        account: AccountId,
        topic: Topic,
        channel: Channel,
        mac: &str,
    ) -> bool {
        let want = self.unsubscribe_mac(account, topic, channel);
        want.len() == mac.len()
            && want
                .bytes()
                .zip(mac.bytes())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0
    }
}

fn parse_prefs(json: &str) -> Result<Preferences> {
    serde_json::from_str(json).map_err(|e| Error::Corrupt(format!("notify_prefs: {e}")))
}
