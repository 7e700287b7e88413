//! The systems a person is connected to, and taking a consent back.

use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;
use yiwang_store::sso::Connection;

/// The caller's connections, most recently used first.
pub async fn mine(app: &AppState, caller: &Caller) -> Result<Vec<Connection>, Error> {
    let account = caller.principal.account().ok_or_else(Error::forbidden)?;
    Ok(app.store.oidc_connections(account).await?)
}

/// Takes back the caller's consent for `client` and revokes what it holds; `NotFound` when
/// there was none (another person's connection is "none" too).
pub async fn revoke(app: &AppState, caller: &Caller, client: &str) -> Result<(), Error> {
    let account = caller.principal.account().ok_or_else(Error::forbidden)?;
    let mut tx = app.store.begin().await?;
    if !app
        .store
        .revoke_oidc_consent(&mut tx, account, client)
        .await?
    {
        return Err(Error::not_found());
    }
    yiwang_store::commit(tx).await?;
    Ok(())
}
