//! Enterprises a citizen acts for (ACC-1): registering one with the caller as its legal
//! representative, inviting agents (who accept or decline on their own enterprises page) and
//! revoking them. Shared by the pages and the API; each write, with the notification it
//! causes, is one transaction.

use yiwang_domain::Timestamp;
use yiwang_domain::enterprise::EnterpriseInput;
use yiwang_domain::identity::Mobile;
use yiwang_domain::ids::{AccountId, EnterpriseId};
use yiwang_domain::notification::Notice;
use yiwang_domain::throttle::AGENT_INVITES_PER_ACCOUNT;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;
use yiwang_store::enterprises::Invitation;
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

/// The legal representative invites a citizen, named by mobile number, to act as an agent.
/// The answer is the same whether or not the number belongs to a verified citizen (or to one
/// who is already an agent or invited), so the form tells nobody who has an account; only the
/// invited person is told, and nothing about them shows to the enterprise until they accept.
/// Tries are limited per representative (`AGENT_INVITES_PER_ACCOUNT`).
pub async fn authorise(
    app: &AppState,
    account: AccountId,
    enterprise: EnterpriseId,
    phone: &str,
) -> Result<(), Error> {
    let phone = Mobile::parse(phone).map_err(|c| Error::field("phone", c))?;
    let name = app
        .store
        .enterprises_of(account)
        .await?
        .into_iter()
        .find(|e| e.id == enterprise && e.authorisation.may_authorise(Timestamp::now()))
        .ok_or_else(Error::not_found)?
        .name;
    yiwang_kit::throttle::rate_limit(
        &app.store,
        &[(
            app.store
                .rate_key("agent_invite:account", &account.to_string()),
            AGENT_INVITES_PER_ACCOUNT,
        )],
    )
    .await?;
    let Some(agent) = app.store.find_citizen_by_phone(&phone).await? else {
        return Ok(());
    };
    let mut tx = app.store.begin().await?;
    if app
        .store
        .invite_agent(&mut tx, enterprise, account, agent)
        .await?
    {
        app.store
            .notify(
                &mut tx,
                &Recipient::Account(agent),
                &Notice::AgentInvited { enterprise: name },
            )
            .await?;
    }
    yiwang_store::commit(tx).await?;
    app.wake_jobs.notify_one();
    Ok(())
}

/// The invitations waiting for the caller's answer.
pub async fn invitations(app: &AppState, account: AccountId) -> Result<Vec<Invitation>, Error> {
    Ok(app.store.invitations_of(account).await?)
}

/// The invited citizen accepts (from now on they act for the enterprise, which sees their
/// masked name) or declines; "not found" when no invitation waits.
pub async fn answer(
    app: &AppState,
    account: AccountId,
    enterprise: EnterpriseId,
    accept: bool,
) -> Result<(), Error> {
    app.store
        .answer_invitation(enterprise, account, accept)
        .await?;
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
