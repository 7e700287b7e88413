//! The built-in sandbox payment provider: a separate party living in the same binary, which
//! behaves like the real ones. It keeps its own books (`sandbox_orders`, `sandbox_refunds`),
//! signs with its own Ed25519 key (kept encrypted in `settings`; the platform verifies with
//! the public half only), shows its own cashier page with a QR code and 支付/取消 buttons
//! (`/sandbox/pay/{trade_no}`, `pages/sandbox.rs`), answers queries, refunds in full or in part,
//! closes orders at their timeout, sends signed notifications asynchronously through the
//! durable jobs table (retrying until the platform answers `success`, and as often and as
//! late as the knobs say), and writes a daily statement file.
//!
//! A notification is the compact signed token `YWC1.<payload>.<signature>` (Ed25519 over
//! canonical JSON, the platform's certificate format) sent as the body, `text/plain`; the
//! payload is `{"v":1,"kid","type":"sandbox.notify","event":"order"|"refund","merchant_ref",
//! "state":"paid"|"closed"|"open"|"done","trade_no","amount_fen","notify_id"}`. The expected
//! answer is the body `success` (anything else is sent again), as 支付宝 does.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use futures_util::future::BoxFuture;
use serde_json::json;
use tokio::sync::OnceCell;
use yiwang_crypto::certs::{PublicKey, SigningKey};
use yiwang_domain::Timestamp;
use yiwang_domain::payments::Fen;
use yiwang_domain::payments::reconcile::{Entry, parse_statement};
use yiwang_store::jobs::NewJob;
use yiwang_store::{Store, Tx};

use super::{
    Notification, NotificationError, OrderOpened, OrderRequest, OrderState, Provider,
    ProviderError, RefundRequest, RefundState,
};

/// The job kind of the sandbox's notifier.
pub const NOTIFY_KIND: &str = "sandbox_pay_notify";

/// How the sandbox misbehaves, changeable while it runs (tests, demos, the crash script through
/// `YW_SANDBOX_PAY`): drop notifications, send them late, send several copies.
#[derive(Debug, Default)]
pub struct Knobs {
    /// Send no notifications at all (the platform must find out by querying).
    pub drop: AtomicBool,
    /// Send each notification this many milliseconds late.
    pub delay_ms: AtomicU64,
    /// Extra copies of each notification (0: one notification).
    pub extra_copies: AtomicU32,
}

impl Knobs {
    /// Reads `drop`, `delay=MS`, `copies=N` separated by commas (`YW_SANDBOX_PAY`).
    pub fn parse(text: &str) -> Knobs {
        let k = Knobs::default();
        for part in text.split(',').map(str::trim) {
            if part == "drop" {
                k.drop.store(true, Ordering::Relaxed);
            } else if let Some(ms) = part.strip_prefix("delay=") {
                k.delay_ms.store(ms.parse().unwrap_or(0), Ordering::Relaxed);
            } else if let Some(n) = part.strip_prefix("copies=") {
                let n: u32 = n.parse().unwrap_or(1);
                k.extra_copies.store(n.saturating_sub(1), Ordering::Relaxed);
            }
        }
        k
    }
}

/// The sandbox provider.
pub struct Sandbox {
    store: Store,
    key: OnceCell<SigningKey>,
    /// Its misbehaviour.
    pub knobs: Arc<Knobs>,
}

const KEY_SETTING: &str = "sandbox_pay.signing_seed";

impl Sandbox {
    /// The sandbox over the platform's database (its own tables).
    pub fn new(store: Store, knobs: Arc<Knobs>) -> Sandbox {
        Sandbox {
            store,
            key: OnceCell::new(),
            knobs,
        }
    }

    /// Its signing key: made at first use, kept encrypted in `settings`.
    async fn key(&self) -> Result<&SigningKey, ProviderError> {
        self.key
            .get_or_try_init(|| async {
                let bad = |e: &dyn std::fmt::Display| ProviderError::Unavailable(e.to_string());
                let fresh = SigningKey::generate().map_err(|e| bad(&e))?;
                let blob = self
                    .store
                    .vault()
                    .encrypt(KEY_SETTING, &STANDARD.encode(fresh.seed_bytes()))
                    .map_err(|e| bad(&e))?;
                let stored = self
                    .store
                    .setting_once(KEY_SETTING, &STANDARD.encode(blob))
                    .await
                    .map_err(|e| bad(&e))?;
                let blob = STANDARD.decode(stored).map_err(|e| bad(&e))?;
                let seed = self
                    .store
                    .vault()
                    .decrypt(KEY_SETTING, &blob)
                    .map_err(|e| bad(&e))?;
                let seed: [u8; 32] = STANDARD
                    .decode(seed)
                    .map_err(|e| bad(&e))?
                    .try_into()
                    .map_err(|_| ProviderError::Unavailable("sandbox seed length".into()))?;
                Ok(SigningKey::from_seed(&seed))
            })
            .await
    }

    /// The public half, which the platform verifies notifications with.
    pub async fn public_key(&self) -> Result<PublicKey, ProviderError> {
        Ok(self.key().await?.public())
    }

    /// The payer pays (`true`) or cancels the order on the cashier page. Paying enqueues the
    /// notification in the same transaction as the sandbox's record, so a crash loses neither.
    /// False when the order is no longer open (paid already, cancelled, timed out).
    pub async fn payer_acts(&self, trade_no: &str, pay: bool) -> Result<bool, yiwang_store::Error> {
        let mut tx = self.store.begin().await?;
        let done = if pay {
            self.store
                .sandbox_mark_paid(&mut tx, trade_no, Timestamp::now())
                .await?
        } else {
            self.store.sandbox_close(&mut tx, trade_no).await?
        };
        if done {
            self.enqueue_notice(&mut tx, "order", trade_no).await?;
        }
        yiwang_store::commit(tx).await?;
        Ok(done)
    }

    async fn enqueue_notice(
        &self,
        tx: &mut Tx,
        event: &str,
        reference: &str,
    ) -> Result<(), yiwang_store::Error> {
        if self.knobs.drop.load(Ordering::Relaxed) {
            return Ok(());
        }
        let delay = self.knobs.delay_ms.load(Ordering::Relaxed);
        let copies = 1 + self.knobs.extra_copies.load(Ordering::Relaxed);
        for copy in 0..copies {
            let at = Timestamp::now().plus(std::time::Duration::from_millis(
                delay + u64::from(copy) * 10,
            ));
            self.store
                .enqueue(
                    tx,
                    NewJob::now(
                        NOTIFY_KIND,
                        json!({"event": event, "ref": reference, "copy": copy}),
                    )
                    .at(at),
                )
                .await?;
        }
        Ok(())
    }

    /// The signed notification for an order (by trade number) or a refund (by refund number),
    /// as the notifier sends it.
    pub async fn notification_body(
        &self,
        event: &str,
        reference: &str,
    ) -> Result<String, ProviderError> {
        let key = self.key().await?;
        let unavailable = |e: yiwang_store::Error| ProviderError::Unavailable(e.to_string());
        let mut payload = json!({
            "v": 1,
            "kid": key.kid(),
            "type": "sandbox.notify",
            "event": event,
            "notify_id": yiwang_domain::ids::JobId::generate().to_string(),
        });
        if event == "refund" {
            let r = self
                .store
                .sandbox_refund_by_no(reference)
                .await
                .map_err(unavailable)?
                .ok_or_else(|| ProviderError::Refused("unknown refund".into()))?;
            payload["merchant_ref"] = json!(r.merchant_ref);
            payload["state"] = json!("done");
            payload["trade_no"] = json!(r.refund_no);
            payload["amount_fen"] = json!(r.amount.get());
        } else {
            let o = self
                .store
                .sandbox_order(reference)
                .await
                .map_err(unavailable)?
                .ok_or_else(|| ProviderError::Refused("unknown order".into()))?;
            payload["merchant_ref"] = json!(o.merchant_ref);
            payload["state"] = json!(o.state_at(Timestamp::now()));
            payload["trade_no"] = json!(o.trade_no);
            payload["amount_fen"] = json!(o.amount.get());
        }
        key.sign(&payload)
            .map_err(|e| ProviderError::Unavailable(e.to_string()))
    }

    /// Signs any payload with the sandbox's key (tests forge and replay with it).
    pub async fn sign(&self, payload: &serde_json::Value) -> Result<String, ProviderError> {
        let key = self.key().await?;
        let mut p = payload.clone();
        p["v"] = json!(1);
        p["kid"] = json!(key.kid());
        key.sign(&p)
            .map_err(|e| ProviderError::Unavailable(e.to_string()))
    }

    fn order_state(o: &yiwang_store::payments::sandbox::SandboxOrder) -> OrderState {
        match o.state_at(Timestamp::now()) {
            "paid" => OrderState::Paid {
                trade_no: o.trade_no.clone(),
                amount: o.amount,
            },
            "closed" => OrderState::Closed,
            _ => OrderState::Open,
        }
    }
}

fn unavailable(e: yiwang_store::Error) -> ProviderError {
    ProviderError::Unavailable(e.to_string())
}

impl Provider for Sandbox {
    fn name(&self) -> &'static str {
        "sandbox"
    }

    fn open_order<'a>(
        &'a self,
        req: &'a OrderRequest,
    ) -> BoxFuture<'a, Result<OrderOpened, ProviderError>> {
        Box::pin(async move {
            let o = self
                .store
                .sandbox_open_order(
                    &req.merchant_ref,
                    req.amount,
                    &req.subject,
                    &req.return_url,
                    req.expires_at,
                )
                .await
                .map_err(unavailable)?;
            Ok(OrderOpened {
                pay_url: format!("/sandbox/pay/{}", o.trade_no),
            })
        })
    }

    fn query_order<'a>(
        &'a self,
        merchant_ref: &'a str,
    ) -> BoxFuture<'a, Result<OrderState, ProviderError>> {
        Box::pin(async move {
            Ok(
                match self
                    .store
                    .sandbox_order_by_ref(merchant_ref)
                    .await
                    .map_err(unavailable)?
                {
                    Some(o) => Sandbox::order_state(&o),
                    None => OrderState::Unknown,
                },
            )
        })
    }

    fn refund<'a>(
        &'a self,
        req: &'a RefundRequest,
    ) -> BoxFuture<'a, Result<RefundState, ProviderError>> {
        Box::pin(async move {
            let mut tx = self.store.begin().await.map_err(unavailable)?;
            let r = match self
                .store
                .sandbox_refund(&mut tx, &req.trade_no, &req.merchant_ref, req.amount)
                .await
            {
                Ok(r) => r,
                Err(yiwang_store::Error::Domain(e)) => {
                    return Err(ProviderError::Refused(e.code.as_str().into()));
                }
                Err(e) => return Err(unavailable(e)),
            };
            self.enqueue_notice(&mut tx, "refund", &r.refund_no)
                .await
                .map_err(unavailable)?;
            yiwang_store::commit(tx).await.map_err(unavailable)?;
            // Like real providers, a refund is accepted now and confirmed by notification.
            Ok(RefundState::Processing)
        })
    }

    fn query_refund<'a>(
        &'a self,
        merchant_ref: &'a str,
    ) -> BoxFuture<'a, Result<RefundState, ProviderError>> {
        Box::pin(async move {
            Ok(
                match self
                    .store
                    .sandbox_refund_by_ref(merchant_ref)
                    .await
                    .map_err(unavailable)?
                {
                    Some(r) => RefundState::Done {
                        refund_no: r.refund_no,
                        amount: r.amount,
                    },
                    None => RefundState::Failed,
                },
            )
        })
    }

    fn read_notification(
        &self,
        _headers: &http::HeaderMap,
        body: &[u8],
    ) -> BoxFuture<'_, Result<Notification, NotificationError>> {
        let token = String::from_utf8_lossy(body).trim().to_owned();
        Box::pin(async move {
            let public = self
                .public_key()
                .await
                .map_err(|_| NotificationError::BadSignature)?;
            if !token.starts_with("YWC1.") {
                return Err(NotificationError::Malformed);
            }
            let payload = yiwang_crypto::certs::verify(&token, &|kid| {
                (kid == public.kid()).then(|| public.clone())
            })
            .map_err(|_| NotificationError::BadSignature)?;
            let text = |k: &str| payload[k].as_str().map(str::to_owned);
            if text("type").as_deref() != Some("sandbox.notify") {
                return Err(NotificationError::Malformed);
            }
            let merchant_ref = text("merchant_ref").ok_or(NotificationError::Malformed)?;
            let trade_no = text("trade_no").unwrap_or_default();
            let amount = Fen(payload["amount_fen"].as_i64().unwrap_or(0));
            let state = text("state").unwrap_or_default();
            match text("event").as_deref() {
                Some("order") => Ok(Notification::Order {
                    merchant_ref,
                    state: match state.as_str() {
                        "paid" => OrderState::Paid { trade_no, amount },
                        "closed" => OrderState::Closed,
                        "created" | "open" => OrderState::Open,
                        _ => return Err(NotificationError::Malformed),
                    },
                }),
                Some("refund") => Ok(Notification::Refund {
                    merchant_ref,
                    state: if state == "done" {
                        RefundState::Done {
                            refund_no: trade_no,
                            amount,
                        }
                    } else {
                        RefundState::Failed
                    },
                }),
                _ => Err(NotificationError::Malformed),
            }
        })
    }

    fn answer(&self, handled: bool) -> (http::StatusCode, &'static str, &'static str) {
        if handled {
            (http::StatusCode::OK, "text/plain; charset=utf-8", "success")
        } else {
            (http::StatusCode::OK, "text/plain; charset=utf-8", "fail")
        }
    }

    fn statement<'a>(&'a self, day: time::Date) -> BoxFuture<'a, Result<String, ProviderError>> {
        Box::pin(async move {
            let rows = self
                .store
                .sandbox_statement(&day.to_string())
                .await
                .map_err(unavailable)?;
            let mut out = String::from("trade_no,merchant_ref,kind,amount_fen,time_ms\n");
            for (e, at) in rows {
                out.push_str(&format!(
                    "{},{},{},{},{}\n",
                    e.trade_no,
                    e.reference,
                    e.kind.as_str(),
                    e.amount.get(),
                    at.millis()
                ));
            }
            Ok(out)
        })
    }

    fn parse_statement(&self, text: &str) -> Result<Vec<Entry>, (usize, yiwang_domain::FieldCode)> {
        parse_statement(text)
    }
}
