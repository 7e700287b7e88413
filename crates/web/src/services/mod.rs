//! Use cases shared by the pages and the JSON API, so both behave identically: each takes
//! plain inputs, checks them with the domain's rules, applies rate limits, and performs its
//! writes — including the notifications and audit entries they cause — in one transaction.

pub mod accounts;
pub mod admin;
pub mod audit;
pub mod search;
pub mod staff;

use std::net::IpAddr;

use yiwang_domain::Lang;

use crate::error::Error;
use crate::pipeline::Ctx;

/// Facts about the caller that use cases need (rate-limit keys, audit, message language).
#[derive(Debug, Clone)]
pub struct Caller {
    /// Client address.
    pub ip: IpAddr,
    /// Request id, for audit entries.
    pub request_id: String,
    /// Display language, for messages.
    pub lang: Lang,
}

impl From<&Ctx> for Caller {
    fn from(ctx: &Ctx) -> Caller {
        Caller {
            ip: ctx.client_ip,
            request_id: ctx.request_id.clone(),
            lang: ctx.prefs.lang,
        }
    }
}

/// Runs password hashing (argon2id: 19 MiB and tens of milliseconds each) off the async
/// executor, at most one per CPU core at a time. More at once cannot finish sooner; it only
/// multiplies memory (the allocator keeps each thread's freed buffers) and starves other
/// requests of CPU. Callers queue for a permit instead.
pub async fn hashing<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Error> {
    static PERMITS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    let permits = PERMITS.get_or_init(|| {
        tokio::sync::Semaphore::new(
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2),
        )
    });
    let _permit = permits
        .acquire()
        .await
        .map_err(|e| Error::Internal(format!("hashing permits: {e}")))?;
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| Error::Internal(format!("hashing task: {e}")))
}
