//! The payment provider interface. Every provider — the built-in [`sandbox`], and a real
//! 支付宝, 微信支付 or 银联 adapter — answers the same five questions: open an order (and give
//! the page or QR code where the payer pays), tell an order's state (the query API for when a
//! notification never comes), refund part or all of a payment, read and verify an asynchronous
//! notification (and say what answer it expects), and give the statement of a day. The
//! platform never trusts a notification it cannot verify, and every word from a provider
//! goes through one use case (`services::pay::settle`), so duplicates, replays and any order
//! of arrival record a payment once. docs/OPERATIONS.md says how to add an adapter.

pub mod sandbox;

use std::sync::Arc;

use futures_util::future::BoxFuture;
use yiwang_domain::Timestamp;
use yiwang_domain::payments::Fen;
use yiwang_domain::payments::reconcile::Entry;

/// A failure talking to the provider (network, refused request): the caller retries later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProviderError {
    /// The provider could not be reached or answered with an error; try again.
    Unavailable(String),
    /// The provider refused the request (e.g. a refund larger than the payment).
    Refused(String),
}

impl std::fmt::Display for ProviderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ProviderError::Unavailable(s) => write!(f, "provider unavailable: {s}"),
            ProviderError::Refused(s) => write!(f, "provider refused: {s}"),
        }
    }
}

/// What we ask the provider to collect.
#[derive(Debug, Clone)]
pub struct OrderRequest {
    /// Our reference: the payment attempt's id.
    pub merchant_ref: String,
    /// The amount.
    pub amount: Fen,
    /// What is paid for, shown on the provider's page.
    pub subject: String,
    /// Where the payer comes back to (our return page).
    pub return_url: String,
    /// When the order times out unpaid.
    pub expires_at: Timestamp,
}

/// An opened order.
#[derive(Debug, Clone)]
pub struct OrderOpened {
    /// Where the payer pays: a redirect, or the content of a QR code.
    pub pay_url: String,
}

/// An order's state at the provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrderState {
    /// Open, not paid.
    Open,
    /// Paid.
    Paid {
        /// The provider's trade number.
        trade_no: String,
        /// What it took.
        amount: Fen,
    },
    /// Closed unpaid (timed out, cancelled).
    Closed,
    /// The provider has no order with this reference.
    Unknown,
}

/// A refund asked of the provider.
#[derive(Debug, Clone)]
pub struct RefundRequest {
    /// Our reference: the refund's id.
    pub merchant_ref: String,
    /// The payment's reference (attempt id).
    pub order_ref: String,
    /// The provider's trade number of the payment.
    pub trade_no: String,
    /// How much.
    pub amount: Fen,
}

/// A refund's state at the provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefundState {
    /// Returned to the payer.
    Done {
        /// The provider's refund number.
        refund_no: String,
        /// How much.
        amount: Fen,
    },
    /// Still being processed.
    Processing,
    /// Refused or unknown.
    Failed,
}

/// A verified notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notification {
    /// About a payment order.
    Order {
        /// Our reference.
        merchant_ref: String,
        /// Its state.
        state: OrderState,
    },
    /// About a refund.
    Refund {
        /// Our refund reference.
        merchant_ref: String,
        /// Its state.
        state: RefundState,
    },
}

/// Why a notification was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotificationError {
    /// Its signature does not verify with the provider's public key.
    BadSignature,
    /// Not a notification of this provider at all.
    Malformed,
}

/// One payment provider. Adapters are stateless apart from their keys and a client; the
/// platform keeps every record of its own.
pub trait Provider: Send + Sync + 'static {
    /// A stable name, stored with each attempt (`sandbox`, `alipay` …).
    fn name(&self) -> &'static str;

    /// Opens an order for `req`; opening one again with the same `merchant_ref` returns the
    /// same order (providers are idempotent on the merchant's reference).
    fn open_order<'a>(
        &'a self,
        req: &'a OrderRequest,
    ) -> BoxFuture<'a, Result<OrderOpened, ProviderError>>;

    /// The state of the order with our reference.
    fn query_order<'a>(
        &'a self,
        merchant_ref: &'a str,
    ) -> BoxFuture<'a, Result<OrderState, ProviderError>>;

    /// Asks for a refund (idempotent on the refund's reference).
    fn refund<'a>(
        &'a self,
        req: &'a RefundRequest,
    ) -> BoxFuture<'a, Result<RefundState, ProviderError>>;

    /// The state of the refund with our reference.
    fn query_refund<'a>(
        &'a self,
        merchant_ref: &'a str,
    ) -> BoxFuture<'a, Result<RefundState, ProviderError>>;

    /// Verifies a notification as it arrived (headers and raw body) and reads it.
    fn read_notification(
        &self,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> BoxFuture<'_, Result<Notification, NotificationError>>;

    /// The answer the provider expects: (status, content type, body) for a notification
    /// that was handled (`true`), or that it should send again (`false`).
    fn answer(&self, handled: bool) -> (http::StatusCode, &'static str, &'static str);

    /// The provider's statement of a day (Beijing), in its own file format.
    fn statement<'a>(&'a self, day: time::Date) -> BoxFuture<'a, Result<String, ProviderError>>;

    /// Reads a statement file of this provider into entries.
    fn parse_statement(&self, text: &str) -> Result<Vec<Entry>, (usize, yiwang_domain::FieldCode)>;
}

/// The platform's payment set-up, installed in the state: the provider bills are paid
/// through, how long an order stays open, and the sandbox (for its pages and knobs) when
/// the provider is the sandbox.
#[derive(Clone)]
pub struct Payments {
    /// The provider.
    pub provider: Arc<dyn Provider>,
    /// The built-in sandbox, whose pages are served at `/sandbox/pay/…`.
    pub sandbox: Arc<sandbox::Sandbox>,
    /// How long a payer has to pay an order.
    pub order_ttl: std::time::Duration,
    /// How long after an attempt starts the query job asks the provider about it.
    pub query_after: std::time::Duration,
    /// The receipts' signing key, loaded once (`services::receipts::key`).
    pub receipt_key: Arc<tokio::sync::OnceCell<yiwang_crypto::certs::SigningKey>>,
    /// Where the sandbox sends its notifications over HTTP (`http://127.0.0.1:8080`), set by
    /// the binary once it listens ([`crate::notify_over_http`]). Unset (the tests, which serve
    /// no socket), the sandbox hands the same bytes to the callback's use case directly.
    pub callback_base: Arc<std::sync::OnceLock<String>>,
}
