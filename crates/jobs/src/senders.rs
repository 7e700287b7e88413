//! Pluggable SMS and email senders. The development sender records messages in the database
//! (tests, demos and operators without a gateway read them there); the HTTP gateway sender
//! posts JSON to a relay with an idempotency key, so a retried delivery is not sent twice by
//! a gateway that honours the key.

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use futures_util::future::BoxFuture;
use http::header::{AUTHORIZATION, CONTENT_TYPE};
use http::{Method, Request, Uri};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use yiwang_domain::notification::Channel;
use yiwang_store::Store;

use crate::JobError;

/// Sends text messages.
pub trait SmsSender: Send + Sync {
    /// Sends `text` to the mobile number `to`. `key` is the same for every attempt of one
    /// delivery.
    fn send<'a>(
        &'a self,
        key: &'a str,
        to: &'a str,
        text: &'a str,
    ) -> BoxFuture<'a, Result<(), JobError>>;
}

/// Sends emails.
pub trait EmailSender: Send + Sync {
    /// Sends an email. `unsubscribe`, when given, is the absolute one-click unsubscribe link
    /// for the `List-Unsubscribe` header (RFC 8058); the body already names it.
    fn send<'a>(
        &'a self,
        key: &'a str,
        to: &'a str,
        subject: &'a str,
        body: &'a str,
        unsubscribe: Option<&'a str>,
    ) -> BoxFuture<'a, Result<(), JobError>>;
}

/// The senders in use.
#[derive(Clone)]
pub struct Senders {
    /// For SMS.
    pub sms: Arc<dyn SmsSender>,
    /// For email.
    pub email: Arc<dyn EmailSender>,
    /// For Web Push, once the deployment's VAPID key is loaded.
    pub push: Option<Arc<crate::push::Pusher>>,
}

impl Senders {
    /// Both channels recorded by the development sender.
    pub fn dev(store: Store) -> Senders {
        let dev = Arc::new(DevSender { store });
        Senders {
            sms: dev.clone(),
            email: dev,
            push: None,
        }
    }
}

/// Records messages in the `dev_messages` table instead of sending them.
pub struct DevSender {
    store: Store,
}

impl SmsSender for DevSender {
    fn send<'a>(
        &'a self,
        key: &'a str,
        to: &'a str,
        text: &'a str,
    ) -> BoxFuture<'a, Result<(), JobError>> {
        Box::pin(async move {
            self.store
                .record_dev_message(Channel::Sms, key, to, None, text)
                .await
                .map_err(JobError::retry)
        })
    }
}

impl EmailSender for DevSender {
    fn send<'a>(
        &'a self,
        key: &'a str,
        to: &'a str,
        subject: &'a str,
        body: &'a str,
        _unsubscribe: Option<&'a str>,
    ) -> BoxFuture<'a, Result<(), JobError>> {
        Box::pin(async move {
            self.store
                .record_dev_message(Channel::Email, key, to, Some(subject), body)
                .await
                .map_err(JobError::retry)
        })
    }
}

/// Posts messages as JSON to an HTTP relay:
/// `{"idempotency_key": "…", "channel": "sms", "to": "…", "subject": null, "text": "…",
/// "headers": {…}}` (an email's `List-Unsubscribe` and `List-Unsubscribe-Post` headers) with
/// `Idempotency-Key` and, when configured, `Authorization: Bearer <token>`. 2xx is success;
/// 408, 429 and 5xx are retried; other 4xx are permanent failures.
pub struct HttpGateway {
    url: Uri,
    token: Option<String>,
    client: Client<HttpConnector, Full<Bytes>>,
    timeout: Duration,
}

impl HttpGateway {
    /// A gateway at `url` (http://). TLS to the gateway is provided by a relay on the local
    /// network: the platform itself does not carry a TLS client.
    pub fn new(url: &str, token: Option<String>) -> Result<HttpGateway, String> {
        let uri: Uri = url
            .parse()
            .map_err(|e| format!("invalid gateway URL: {e}"))?;
        if uri.scheme_str() != Some("http") || uri.host().is_none() {
            return Err("the gateway URL must be http://host[:port]/path (use a local relay for https endpoints)".into());
        }
        let client = Client::builder(TokioExecutor::new()).build_http();
        Ok(HttpGateway {
            url: uri,
            token,
            client,
            timeout: Duration::from_secs(10),
        })
    }

    async fn post(
        &self,
        key: &str,
        channel: Channel,
        to: &str,
        subject: Option<&str>,
        text: &str,
        unsubscribe: Option<&str>,
    ) -> Result<(), JobError> {
        let headers = match unsubscribe {
            Some(link) => serde_json::json!({
                "List-Unsubscribe": format!("<{link}>"),
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            }),
            None => serde_json::json!({}),
        };
        let body = serde_json::json!({ "idempotency_key": key, "channel": channel.as_str(), "to": to, "subject": subject, "text": text, "headers": headers });
        let mut req = Request::builder()
            .method(Method::POST)
            .uri(self.url.clone())
            .header(CONTENT_TYPE, "application/json")
            .header("idempotency-key", key);
        if let Some(t) = &self.token {
            req = req.header(AUTHORIZATION, format!("Bearer {t}"));
        }
        let req = req
            .body(Full::new(Bytes::from(body.to_string())))
            .map_err(JobError::permanent)?;
        let res = tokio::time::timeout(self.timeout, self.client.request(req))
            .await
            .map_err(|_| JobError::Retry("gateway timed out".into()))?
            .map_err(JobError::retry)?;
        let status = res.status();
        let _ = res.into_body().collect().await;
        if status.is_success() {
            Ok(())
        } else if status.is_server_error() || status.as_u16() == 408 || status.as_u16() == 429 {
            Err(JobError::Retry(format!("gateway answered {status}")))
        } else {
            Err(JobError::Permanent(format!(
                "gateway refused the message: {status}"
            )))
        }
    }
}

impl SmsSender for HttpGateway {
    fn send<'a>(
        &'a self,
        key: &'a str,
        to: &'a str,
        text: &'a str,
    ) -> BoxFuture<'a, Result<(), JobError>> {
        Box::pin(self.post(key, Channel::Sms, to, None, text, None))
    }
}

impl EmailSender for HttpGateway {
    fn send<'a>(
        &'a self,
        key: &'a str,
        to: &'a str,
        subject: &'a str,
        body: &'a str,
        unsubscribe: Option<&'a str>,
    ) -> BoxFuture<'a, Result<(), JobError>> {
        Box::pin(self.post(key, Channel::Email, to, Some(subject), body, unsubscribe))
    }
}
