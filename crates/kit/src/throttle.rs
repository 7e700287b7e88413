//! Rate limits every capability applies the same way (the counters live in the database, so
//! every instance sees the same limits).

use yiwang_domain::throttle::RateRule;
use yiwang_domain::{Error as DomainError, ErrorCode, Timestamp};
use yiwang_store::Store;

use crate::error::Error;

/// Fails with `rate_limited` if any key is blocked, then counts one event on each.
pub async fn rate_limit(store: &Store, keys: &[(String, RateRule)]) -> Result<(), Error> {
    let now = Timestamp::now();
    for (key, _) in keys {
        if let Some(wait) = store.rate_blocked(key, now).await? {
            return Err(DomainError::retry_after(ErrorCode::RateLimited, wait.as_secs()).into());
        }
    }
    for (key, rule) in keys {
        store.rate_hit(key, *rule, now).await?;
    }
    Ok(())
}

/// Fails with `rate_limited` if `key` is blocked, counting nothing: for limits on failures
/// only (see [`count_failure`]), so that people who get it right are never slowed down.
pub async fn refuse_if_blocked(store: &Store, key: &str) -> Result<(), Error> {
    match store.rate_blocked(key, Timestamp::now()).await? {
        Some(wait) => Err(DomainError::retry_after(ErrorCode::RateLimited, wait.as_secs()).into()),
        None => Ok(()),
    }
}

/// Counts one failure on `key`; past the rule's limit the key is blocked for its time.
pub async fn count_failure(store: &Store, key: &str, rule: RateRule) -> Result<(), Error> {
    store.rate_hit(key, rule, Timestamp::now()).await?;
    Ok(())
}
