//! Delivery of one notification on one channel (the job behind the outbox). The inbox
//! delivery is an idempotent insert; SMS and email go through the senders with the
//! notification and channel as idempotency key, so a retry never sends twice where the
//! sender honours the key (the development sender always does). Web Push records each device
//! that took the message, so a retry pushes only to the rest.

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
    /// The site's public address (`https://…`), for the absolute unsubscribe links of emails.
    pub public_url: Option<String>,
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
                Channel::Push => match (out.account, &self.senders.push) {
                    (Some(account), Some(pusher)) => {
                        pusher.deliver(store, &out, account, &self.site_name).await
                    }
                    (None, _) => store
                        .mark_delivery(id, channel, "skipped", Some("no account"))
                        .await
                        .map_err(JobError::retry),
                    (_, None) => store
                        .mark_delivery(id, channel, "skipped", Some("Web Push is not set up"))
                        .await
                        .map_err(JobError::retry),
                },
                Channel::Email => match &out.email {
                    Some(email) => {
                        let text = out.notice.render(out.lang, &self.site_name);
                        let link = match (out.account, out.notice.topic()) {
                            (Some(a), Some(topic)) => Some(format!(
                                "{}{}",
                                self.public_url.as_deref().unwrap_or(""),
                                store.unsubscribe_path(a, topic, Channel::Email)
                            )),
                            _ => None,
                        };
                        let body = match &link {
                            Some(l) => {
                                format!("{}\n\n{}{l}", text.body, unsubscribe_words(out.lang))
                            }
                            None => text.body,
                        };
                        let header = link.as_deref().filter(|l| l.starts_with("http"));
                        self.senders
                            .email
                            .send(&key, email, &text.title, &body, header)
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

/// The line above an email's unsubscribe link.
fn unsubscribe_words(lang: yiwang_domain::Lang) -> &'static str {
    match lang {
        yiwang_domain::Lang::ZhHans => "不想再收到这类邮件？一键退订：",
        yiwang_domain::Lang::ZhHant => "不想再收到這類郵件？一鍵退訂：",
        yiwang_domain::Lang::En => "Stop emails like this with one click: ",
    }
}
