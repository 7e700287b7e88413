//! Web Push delivery: one notification to each of a person's devices through their browser's
//! push service, encrypted for the device and signed with the deployment's VAPID key.
//!
//! A device that took the message is recorded, so a retry (after a push service's 5xx or 429,
//! a timeout, or a crash) pushes only to the devices that did not; a device the service says
//! is gone (404, 410) is forgotten.

use std::time::Duration;

use yiwang_crypto::webpush::{DeviceKeys, MAX_PAYLOAD, VapidKey, encrypt};
use yiwang_domain::Timestamp;
use yiwang_domain::ids::AccountId;
use yiwang_domain::notification::Channel;
use yiwang_domain::notification::push::endpoint_allowed;
use yiwang_store::Store;
use yiwang_store::notify::Outgoing;
use yiwang_store::push::PushTarget;

use crate::JobError;

/// How long a push service keeps an undelivered message for an offline device.
const TTL_SECS: u32 = 24 * 3600;

/// Sends Web Push messages.
pub struct Pusher {
    client: reqwest::Client,
    vapid: VapidKey,
    contact: String,
    allow_local: bool,
}

/// What became of one device.
enum Outcome {
    Took,
    Gone,
    Refused(String),
    Later(String),
}

impl Pusher {
    /// A pusher signing with `vapid`, naming `contact` (`mailto:` or `https:`) to push
    /// services. `allow_local` lets it push to `http://localhost` (tests and the demo).
    pub fn new(vapid: VapidKey, contact: String, allow_local: bool) -> Result<Pusher, String> {
        // TLS through rustls with the ring provider, as for the file store.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(15))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| format!("push client: {e}"))?;
        Ok(Pusher {
            client,
            vapid,
            contact,
            allow_local,
        })
    }

    /// The public key browsers subscribe with.
    pub fn public_key(&self) -> String {
        self.vapid.public_key()
    }

    /// Pushes notification `out` to every device of `account` that has not taken it yet.
    pub async fn deliver(
        &self,
        store: &Store,
        out: &Outgoing,
        account: AccountId,
        site: &str,
    ) -> Result<(), JobError> {
        let targets = store
            .push_targets(account, out.id)
            .await
            .map_err(JobError::retry)?;
        let payload = payload(out, site);
        let mut took = 0;
        let mut later = None;
        for t in &targets {
            match self.send(t, &payload, out).await {
                Outcome::Took => {
                    store
                        .push_done(out.id, t.id)
                        .await
                        .map_err(JobError::retry)?;
                    took += 1;
                }
                Outcome::Gone => {
                    tracing::info!(device = %t.id, "push service says the device is gone; forgotten");
                    store
                        .forget_push_device(t.id)
                        .await
                        .map_err(JobError::retry)?;
                }
                Outcome::Refused(why) => {
                    tracing::warn!(device = %t.id, %why, "push service refused the message");
                    // Not retried: the same message would be refused again.
                    store
                        .push_done(out.id, t.id)
                        .await
                        .map_err(JobError::retry)?;
                }
                Outcome::Later(why) => later = Some(why),
            }
        }
        if let Some(why) = later {
            return Err(JobError::Retry(why));
        }
        let (status, detail) = match (targets.is_empty(), took) {
            (true, _) => ("skipped", Some("no device takes push messages")),
            (false, 0) => ("failed", Some("no device took the message")),
            _ => ("delivered", None),
        };
        store
            .mark_delivery(out.id, Channel::Push, status, detail)
            .await
            .map_err(JobError::retry)
    }

    async fn send(&self, t: &PushTarget, payload: &[u8], out: &Outgoing) -> Outcome {
        if !endpoint_allowed(&t.endpoint, self.allow_local) {
            return Outcome::Gone;
        }
        let keys = match DeviceKeys::parse(&t.p256dh, &t.auth) {
            Ok(k) => k,
            Err(_) => return Outcome::Gone,
        };
        let body = match encrypt(&keys, payload) {
            Ok(b) => b,
            Err(e) => return Outcome::Refused(e.to_string()),
        };
        let expires = Timestamp::now().secs() + 12 * 3600;
        let auth = match self
            .vapid
            .authorization(&t.endpoint, expires, &self.contact)
        {
            Ok(a) => a,
            Err(e) => return Outcome::Refused(e.to_string()),
        };
        let urgency = if out.notice.kind() == "alert" {
            "high"
        } else {
            "normal"
        };
        let res = self
            .client
            .post(&t.endpoint)
            .header("TTL", TTL_SECS.to_string())
            .header("Urgency", urgency)
            .header("Content-Encoding", "aes128gcm")
            .header("Content-Type", "application/octet-stream")
            .header("Authorization", auth)
            .body(body)
            .send()
            .await;
        match res {
            Err(e) => Outcome::Later(format!("push service unreachable: {e}")),
            Ok(r) => {
                let s = r.status().as_u16();
                match s {
                    200..=299 => Outcome::Took,
                    404 | 410 => Outcome::Gone,
                    408 | 429 | 500..=599 => Outcome::Later(format!("push service answered {s}")),
                    _ => Outcome::Refused(format!("push service answered {s}")),
                }
            }
        }
    }
}

/// What the device shows: `{"title", "body", "url", "tag"}` in the reader's language, the
/// body shortened to fit one push message.
fn payload(out: &Outgoing, site: &str) -> Vec<u8> {
    let text = out.notice.render(out.lang, site);
    let json = |title: &str, body: &str| {
        serde_json::json!({ "title": title, "body": body, "url": out.notice.link(), "tag": out.notice.kind() })
            .to_string()
    };
    let mut body = text.body.clone();
    while body.chars().count() > 1 {
        let j = json(&text.title, &body);
        if j.len() <= MAX_PAYLOAD {
            return j.into_bytes();
        }
        let keep = body.chars().count() * 3 / 4;
        body = body.chars().take(keep).chain(['…']).collect();
    }
    let title: String = text.title.chars().take(100).collect();
    json(&title, "").into_bytes()
}
