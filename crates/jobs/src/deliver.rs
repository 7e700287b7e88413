//! Delivery of one notification on one channel (the job behind the outbox). The inbox
//! delivery is an idempotent insert; SMS and email go through the senders with the
//! notification and channel as idempotency key, so a retry never sends twice where the
//! sender honours the key (the development sender always does).

use futures_util::future::BoxFuture;
use serde::Deserialize;
use yiwang_domain::ids::NotificationId;
use yiwang_domain::notification::Channel;
use yiwang_store::Store;

use crate::senders::Senders;
use crate::{Handler, JobError};

/// The job kind (the store enqueues it).
pub const KIND: &str = yiwang_store::notify::DELIVER_JOB;

#[derive(Deserialize)]
struct Payload {
    notification: String,
    channel: String,
}

/// Delivers notifications.
pub struct Deliver {
    /// The senders.
    pub senders: Senders,
    /// The platform's name, signed under every SMS.
    pub site_name: String,
}

impl Handler for Deliver {
    fn run<'a>(
        &'a self,
        store: &'a Store,
        payload: &'a str,
    ) -> BoxFuture<'a, Result<(), JobError>> {
        Box::pin(async move {
            let p: Payload = serde_json::from_str(payload).map_err(JobError::permanent)?;
            let id: NotificationId = p.notification.parse().map_err(JobError::permanent)?;
            let channel =
                Channel::parse(&p.channel).ok_or_else(|| JobError::permanent("unknown channel"))?;
            let out = store.outgoing(id).await.map_err(JobError::retry)?;
            let key = format!("{id}:{}", channel.as_str());
            match channel {
                Channel::Inbox => store.deliver_to_inbox(&out).await.map_err(JobError::retry),
                Channel::Sms => match &out.phone {
                    Some(phone) => {
                        let text = out.notice.render(out.lang, &self.site_name);
                        self.senders.sms.send(&key, phone, &text.body).await?;
                        store
                            .mark_delivery(id, channel, "delivered", None)
                            .await
                            .map_err(JobError::retry)
                    }
                    None => store
                        .mark_delivery(id, channel, "skipped", Some("no mobile number"))
                        .await
                        .map_err(JobError::retry),
                },
                Channel::Email => match &out.email {
                    Some(email) => {
                        let text = out.notice.render(out.lang, &self.site_name);
                        self.senders
                            .email
                            .send(&key, email, &text.title, &text.body)
                            .await?;
                        store
                            .mark_delivery(id, channel, "delivered", None)
                            .await
                            .map_err(JobError::retry)
                    }
                    None => store
                        .mark_delivery(id, channel, "skipped", Some("no email address"))
                        .await
                        .map_err(JobError::retry),
                },
            }
        })
    }
}
