//! The transactional outbox and the in-app inbox (PRODUCT.md NOTIF-1).
//!
//! [`Store::notify`] writes a notification, one delivery row per channel and one `deliver` job
//! per channel inside the caller's transaction: the message exists if and only if the change
//! that caused it commits. The jobs worker then delivers each channel; the inbox delivery is a
//! single idempotent insert, so it happens exactly once however often the job runs.

use serde::Serialize;
use yiwang_domain::identity::Mobile;
use yiwang_domain::ids::{AccountId, NotificationId};
use yiwang_domain::notification::prefs::{Preferences, Reach, held_until, plan};
use yiwang_domain::notification::{Channel, Notice};
use yiwang_domain::paging::Page;
use yiwang_domain::{Lang, Timestamp};

use crate::jobs::NewJob;
use crate::row::RowExt;
use crate::{Error, Result, Store, Tx};

/// The job kind that delivers one channel of one notification.
pub const DELIVER_JOB: &str = "deliver";

/// Who a notification is for.
#[derive(Debug, Clone)]
pub enum Recipient {
    /// An account (its phone and language are looked up at delivery).
    Account(AccountId),
    /// A mobile number without an account (registration codes).
    Phone(Mobile, Lang),
    /// An address an account gave and has not confirmed yet (its confirmation link).
    Address(AccountId, String),
}

/// What the worker needs to deliver a notification.
#[derive(Debug, Clone)]
pub struct Outgoing {
    /// The notification.
    pub id: NotificationId,
    /// What to say.
    pub notice: Notice,
    /// The recipient account, if any.
    pub account: Option<AccountId>,
    /// The number to text, if known.
    pub phone: Option<String>,
    /// The address to email, if known.
    pub email: Option<String>,
    /// The language to write in.
    pub lang: Lang,
}

/// One message in a person's inbox.
#[derive(Debug, Clone, Serialize)]
pub struct InboxItem {
    /// The notification.
    pub id: NotificationId,
    /// What it says (rendered in the reader's language by the page).
    pub notice: Notice,
    /// When it arrived.
    pub created_at: Timestamp,
    /// When it was read.
    pub read_at: Option<Timestamp>,
}

fn phone_ctx(id: NotificationId) -> String {
    format!("notification.phone|{id}")
}

fn email_ctx(id: NotificationId) -> String {
    format!("notification.email|{id}")
}

impl Store {
    /// Records a notification in the caller's transaction and schedules its delivery on each
    /// channel the recipient's choices and reach allow (`prefs::plan`); a delivery in their
    /// quiet hours is scheduled for when those end.
    pub async fn notify(
        &self,
        tx: &mut Tx,
        to: &Recipient,
        notice: &Notice,
    ) -> Result<NotificationId> {
        let id = NotificationId::generate();
        let now = Timestamp::now();
        let (account, phone_enc, lang) = match to {
            Recipient::Account(a) | Recipient::Address(a, _) => (Some(a.to_string()), None, None),
            Recipient::Phone(p, lang) => (
                None,
                Some(self.vault().encrypt(&phone_ctx(id), p.expose())?),
                Some(*lang),
            ),
        };
        let email_enc = match to {
            Recipient::Address(_, e) => Some(self.vault().encrypt(&email_ctx(id), e)?),
            _ => None,
        };
        let mut stored = serde_json::to_value(notice).map_err(|e| Error::Corrupt(e.to_string()))?;
        if let (Some(lang), Some(obj)) = (lang, stored.as_object_mut()) {
            obj.insert("lang".into(), serde_json::Value::String(lang.tag().into()));
        }
        sqlx::query("INSERT INTO notifications (id, account_id, phone_enc, email_enc, kind, notice, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(id.to_string())
            .bind(account)
            .bind(phone_enc)
            .bind(email_enc)
            .bind(notice.kind())
            .bind(stored.to_string())
            .bind(now.millis())
            .execute(&mut **tx)
            .await?;
        let (prefs, reach) = match to {
            Recipient::Account(a) => self.reach(tx, *a).await?,
            Recipient::Phone(..) | Recipient::Address(..) => {
                (Preferences::default(), Reach::default())
            }
        };
        for channel in plan(notice, &prefs, reach) {
            let due = held_until(now, &prefs, notice, channel);
            sqlx::query("INSERT INTO deliveries (notification_id, channel, status, created_at, due_at) VALUES ($1, $2, 'pending', $3, $4)")
                .bind(id.to_string())
                .bind(channel.as_str())
                .bind(now.millis())
                .bind(due.map(Timestamp::millis))
                .execute(&mut **tx)
                .await?;
            let payload =
                serde_json::json!({ "notification": id.to_string(), "channel": channel.as_str() });
            let job = NewJob::now(DELIVER_JOB, payload)
                .dedupe(format!("deliver:{id}:{}", channel.as_str()));
            let job = match due {
                Some(t) => job.at(t),
                None => job,
            };
            self.enqueue(tx, job).await?;
        }
        Ok(id)
    }

    /// Loads a notification for delivery, with the recipient's number decrypted.
    pub async fn outgoing(&self, id: NotificationId) -> Result<Outgoing> {
        let row = sqlx::query(
            "SELECT n.account_id, n.phone_enc, n.email_enc AS to_email_enc, n.notice, a.phone_enc AS account_phone_enc, a.email_enc, a.lang FROM notifications n
             LEFT JOIN accounts a ON a.id = n.account_id WHERE n.id = $1",
        )
        .bind(id.to_string())
        .fetch_optional(self.db.reader())
        .await?
        .ok_or_else(Error::not_found)?;
        let account: Option<AccountId> = row.opt_parsed("account_id")?;
        let raw: serde_json::Value = serde_json::from_str(&row.text("notice")?)
            .map_err(|e| Error::Corrupt(e.to_string()))?;
        let stored_lang = raw
            .get("lang")
            .and_then(|l| l.as_str())
            .and_then(Lang::from_tag);
        let notice: Notice =
            serde_json::from_value(raw).map_err(|e| Error::Corrupt(e.to_string()))?;
        let phone = match (
            row.opt_blob("phone_enc")?,
            row.opt_blob("account_phone_enc")?,
            account,
        ) {
            (Some(b), _, _) => Some(self.vault().decrypt(&phone_ctx(id), &b)?),
            (None, Some(b), Some(a)) => Some(
                self.vault()
                    .decrypt(&crate::accounts::ctx("phone", a), &b)?,
            ),
            _ => None,
        };
        let email = match (
            row.opt_blob("to_email_enc")?,
            row.opt_blob("email_enc")?,
            account,
        ) {
            (Some(b), _, _) => Some(self.vault().decrypt(&email_ctx(id), &b)?),
            (None, Some(b), Some(a)) => Some(
                self.vault()
                    .decrypt(&crate::accounts::ctx("email", a), &b)?,
            ),
            _ => None,
        };
        let lang = stored_lang
            .or_else(|| {
                row.opt_text("lang")
                    .ok()
                    .flatten()
                    .and_then(|l| Lang::from_tag(&l))
            })
            .unwrap_or_default();
        Ok(Outgoing {
            id,
            notice,
            account,
            phone,
            email,
            lang,
        })
    }

    /// Puts a notification in its recipient's inbox. Idempotent: a second call changes nothing.
    pub async fn deliver_to_inbox(&self, out: &Outgoing) -> Result<()> {
        let Some(account) = out.account else {
            return self
                .mark_delivery(out.id, Channel::Inbox, "skipped", Some("no account"))
                .await;
        };
        let mut tx = self.begin().await?;
        sqlx::query("INSERT INTO inbox (notification_id, account_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
            .bind(out.id.to_string())
            .bind(account.to_string())
            .bind(Timestamp::now().millis())
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE deliveries SET status = 'delivered', delivered_at = $1 WHERE notification_id = $2 AND channel = 'inbox'")
            .bind(Timestamp::now().millis())
            .bind(out.id.to_string())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records the outcome of a delivery (`delivered`, `skipped` or `failed`). A delivered
    /// secret (an SMS code) is then erased from the outbox.
    pub async fn mark_delivery(
        &self,
        id: NotificationId,
        channel: Channel,
        status: &str,
        detail: Option<&str>,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        sqlx::query("UPDATE deliveries SET status = $1, delivered_at = $2, detail = $3 WHERE notification_id = $4 AND channel = $5")
            .bind(status.to_owned())
            .bind(Timestamp::now().millis())
            .bind(detail.map(|d| d.chars().take(500).collect::<String>()))
            .bind(id.to_string())
            .bind(channel.as_str())
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "UPDATE notifications SET notice = '{\"kind\":\"text\",\"title\":\"\",\"body\":\"\"}'
             WHERE id = $1 AND kind IN ('sms_code', 'assist_consent', 'email_confirm') AND NOT EXISTS (SELECT 1 FROM deliveries WHERE notification_id = $1 AND status = 'pending')",
        )
        .bind(id.to_string())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// A person's inbox, newest first.
    pub async fn inbox(&self, account: AccountId, page: Page) -> Result<(Vec<InboxItem>, i64)> {
        let total = sqlx::query("SELECT COUNT(*) AS n FROM inbox WHERE account_id = $1")
            .bind(account.to_string())
            .fetch_one(self.db.reader())
            .await?
            .int("n")?;
        let rows = sqlx::query(
            "SELECT i.notification_id, i.created_at, i.read_at, n.notice FROM inbox i JOIN notifications n ON n.id = i.notification_id
             WHERE i.account_id = $1 ORDER BY i.created_at DESC, i.notification_id DESC LIMIT $2 OFFSET $3",
        )
        .bind(account.to_string())
        .bind(page.limit())
        .bind(page.offset())
        .fetch_all(self.db.reader())
        .await?;
        let items = rows
            .iter()
            .map(|r| {
                Ok(InboxItem {
                    id: r.parsed("notification_id")?,
                    notice: serde_json::from_str(&r.text("notice")?)
                        .map_err(|e| Error::Corrupt(e.to_string()))?,
                    created_at: r.ts("created_at")?,
                    read_at: r.opt_ts("read_at")?,
                })
            })
            .collect::<Result<_>>()?;
        Ok((items, total))
    }

    /// The accounts that got a message (an inbox row) after `since` (milliseconds), and the
    /// newest such time: what live pages poll for.
    pub async fn inbox_since(&self, since: i64) -> Result<(Vec<AccountId>, i64)> {
        let rows = sqlx::query(
            "SELECT account_id, MAX(created_at) AS newest FROM inbox WHERE created_at > $1 GROUP BY account_id LIMIT 10000",
        )
        .bind(since)
        .fetch_all(self.db.reader())
        .await?;
        let mut newest = since;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            newest = newest.max(r.int("newest")?);
            if let Ok(a) = r.text("account_id")?.parse() {
                out.push(a);
            }
        }
        Ok((out, newest))
    }

    /// Unread messages, for the badge in the header.
    pub async fn unread_count(&self, account: AccountId) -> Result<i64> {
        sqlx::query("SELECT COUNT(*) AS n FROM inbox WHERE account_id = $1 AND read_at IS NULL")
            .bind(account.to_string())
            .fetch_one(self.db.reader())
            .await?
            .int("n")
    }

    /// Marks one message read. Someone else's message is "not found".
    pub async fn mark_read(&self, account: AccountId, id: NotificationId) -> Result<()> {
        let n = sqlx::query("UPDATE inbox SET read_at = COALESCE(read_at, $1) WHERE notification_id = $2 AND account_id = $3")
            .bind(Timestamp::now().millis())
            .bind(id.to_string())
            .bind(account.to_string())
            .execute(self.db.writer())
            .await?
            .rows_affected();
        if n == 0 {
            Err(Error::not_found())
        } else {
            Ok(())
        }
    }

    /// Marks every message read.
    pub async fn mark_all_read(&self, account: AccountId) -> Result<u64> {
        Ok(
            sqlx::query("UPDATE inbox SET read_at = $1 WHERE account_id = $2 AND read_at IS NULL")
                .bind(Timestamp::now().millis())
                .bind(account.to_string())
                .execute(self.db.writer())
                .await?
                .rows_affected(),
        )
    }

    /// How long the oldest undelivered message has waited (the outbox lag).
    pub async fn outbox_lag(&self, now: Timestamp) -> Result<std::time::Duration> {
        let row =
            sqlx::query("SELECT MIN(COALESCE(due_at, created_at)) AS t FROM deliveries WHERE status = 'pending' AND COALESCE(due_at, created_at) <= $1")
                .bind(now.millis())
                .fetch_one(self.db.reader())
                .await?;
        Ok(row.opt_ts("t")?.map(|t| now.since(t)).unwrap_or_default())
    }
}
