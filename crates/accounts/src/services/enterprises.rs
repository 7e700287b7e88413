//! Enterprises a citizen acts for (ACC-1): registering one with the caller as its legal
//! representative, and authorising or revoking its agents. Shared by the pages and the API;
//! each write, with the notification it causes, is one transaction.

use yiwang_domain::FieldCode;
use yiwang_domain::enterprise::EnterpriseInput;
use yiwang_domain::identity::Mobile;
use yiwang_domain::ids::{AccountId, EnterpriseId};
use yiwang_domain::notification::Notice;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;
use yiwang_store::notify::Recipient;

/// Registers an enterprise with `account` (a verified citizen) as its legal representative.
pub async fn create(
    app: &AppState,
    account: AccountId,
    input: &EnterpriseInput,
) -> Result<EnterpriseId, Error> {
    let valid = input.validate()?;
    let mut tx = app.store.begin().await?;
    let id = app
        .store
        .create_enterprise(&mut tx, account, &valid)
        .await?;
    yiwang_store::commit(tx).await?;
    Ok(id)
}

/// The legal representative authorises a verified citizen, found by mobile number, as an
/// agent of the enterprise; the agent is told.
pub async fn authorise(
    app: &AppState,
    account: AccountId,
    enterprise: EnterpriseId,
    phone: &str,
) -> Result<(), Error> {
    let phone = Mobile::parse(phone).map_err(|c| Error::field("phone", c))?;
    let agent = app
        .store
        .find_citizen_by_phone(&phone)
        .await?
        .ok_or_else(|| Error::field("phone", FieldCode::NoSuchCitizen))?;
    let name = app
        .store
        .enterprises_of(account)
        .await?
        .into_iter()
        .find(|e| e.id == enterprise)
        .ok_or_else(Error::not_found)?
        .name;
    let mut tx = app.store.begin().await?;
    app.store
        .authorise_agent(&mut tx, enterprise, account, agent, None)
        .await?;
    app.store
        .notify(
            &mut tx,
            &Recipient::Account(agent),
            &Notice::AgentAuthorised { enterprise: name },
        )
        .await?;
    yiwang_store::commit(tx).await?;
    app.wake_jobs.notify_one();
    Ok(())
}

/// The legal representative ends an agent's authorisation.
pub async fn revoke(
    app: &AppState,
    account: AccountId,
    enterprise: EnterpriseId,
    agent: AccountId,
) -> Result<(), Error> {
    let mut tx = app.store.begin().await?;
    app.store
        .revoke_agent(&mut tx, enterprise, account, agent)
        .await?;
    yiwang_store::commit(tx).await?;
    Ok(())
}
