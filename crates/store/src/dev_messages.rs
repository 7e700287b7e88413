//! Messages recorded by the development SMS and email senders, so that tests, the demo and an
//! operator without a gateway can read what would have been sent.

use serde::Serialize;
use yiwang_domain::Timestamp;
use yiwang_domain::notification::Channel;
use yiwang_domain::paging::Page;

use crate::row::RowExt;
use crate::{Result, Store};

/// A recorded message.
#[derive(Debug, Clone, Serialize)]
pub struct DevMessage {
    /// sms or email.
    pub channel: String,
    /// The recipient (decrypted).
    pub recipient: String,
    /// Email subject.
    pub subject: Option<String>,
    /// The text.
    pub body: String,
    /// When it was "sent".
    pub created_at: Timestamp,
}

impl Store {
    /// Records a message. The idempotency key makes a retried delivery record it once.
    pub async fn record_dev_message(
        &self,
        channel: Channel,
        idempotency_key: &str,
        recipient: &str,
        subject: Option<&str>,
        body: &str,
    ) -> Result<()> {
        let id = yiwang_domain::ids::NotificationId::generate().to_string();
        sqlx::query(
            "INSERT INTO dev_messages (id, channel, idempotency_key, recipient_enc, recipient_index, subject, body, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
        )
        .bind(id.clone())
        .bind(channel.as_str())
        .bind(idempotency_key.to_owned())
        .bind(self.vault().encrypt(&format!("dev_message.recipient|{id}"), recipient)?)
        .bind(self.vault().blind_index("dev_recipient", recipient))
        .bind(subject.map(str::to_owned))
        .bind(body.to_owned())
        .bind(Timestamp::now().millis())
        .execute(self.db.writer())
        .await?;
        Ok(())
    }

    /// Recorded messages, newest first, optionally only those to one recipient.
    pub async fn dev_messages(
        &self,
        recipient: Option<&str>,
        page: Page,
    ) -> Result<Vec<DevMessage>> {
        let index = recipient.map(|r| self.vault().blind_index("dev_recipient", r));
        let rows = sqlx::query(
            "SELECT id, channel, recipient_enc, subject, body, created_at FROM dev_messages WHERE ($1 IS NULL OR recipient_index = $1)
             ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3",
        )
        .bind(index)
        .bind(page.limit())
        .bind(page.offset())
        .fetch_all(self.db.reader())
        .await?;
        rows.iter()
            .map(|r| {
                let id = r.text("id")?;
                let enc = r.opt_blob("recipient_enc")?.unwrap_or_default();
                Ok(DevMessage {
                    channel: r.text("channel")?,
                    recipient: self
                        .vault()
                        .decrypt(&format!("dev_message.recipient|{id}"), &enc)?,
                    subject: r.opt_text("subject")?,
                    body: r.text("body")?,
                    created_at: r.ts("created_at")?,
                })
            })
            .collect()
    }
}
