//! The provider's asynchronous notifications: verified with the provider's public key, then
//! settled through the same use case as the query job. A notification with a wrong
//! signature, unreadable, or for an order we never made changes nothing and gets the
//! provider's "not handled" answer; a duplicate or replay gets "handled" again and changes
//! nothing more.

use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;

use super::{pay, payments, refunds};
use crate::provider::{Notification, NotificationError};

/// What became of a notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Received {
    /// Verified and settled (recorded now, or before).
    Handled,
    /// The signature did not verify.
    BadSignature,
    /// Not a notification.
    Malformed,
    /// About an order or refund we never made.
    Unknown,
}

/// Handles a notification as it arrived.
pub async fn receive(
    app: &AppState,
    headers: &http::HeaderMap,
    body: &[u8],
) -> Result<Received, Error> {
    let p = payments(app)?;
    let n = match p.provider.read_notification(headers, body).await {
        Ok(n) => n,
        Err(NotificationError::BadSignature) => {
            tracing::warn!("payment notification with a bad signature refused");
            return Ok(Received::BadSignature);
        }
        Err(NotificationError::Malformed) => return Ok(Received::Malformed),
    };
    match n {
        Notification::Order {
            merchant_ref,
            state,
        } => {
            let Ok(id) = merchant_ref.parse() else {
                return Ok(Received::Unknown);
            };
            match pay::settle(app, id, &state, "notification", None).await {
                Ok(_) => Ok(Received::Handled),
                Err(Error::Domain(d)) if d.code == yiwang_domain::ErrorCode::NotFound => {
                    Ok(Received::Unknown)
                }
                Err(e) => Err(e),
            }
        }
        Notification::Refund {
            merchant_ref,
            state,
        } => {
            let Ok(id) = merchant_ref.parse() else {
                return Ok(Received::Unknown);
            };
            match refunds::settle(app, id, &state).await {
                Ok(_) => Ok(Received::Handled),
                Err(Error::Domain(d)) if d.code == yiwang_domain::ErrorCode::NotFound => {
                    Ok(Received::Unknown)
                }
                Err(e) => Err(e),
            }
        }
    }
}
