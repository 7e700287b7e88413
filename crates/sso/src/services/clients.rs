//! Registering the systems people sign in to, their secrets, and the signing key (platform
//! administrators, `manage_sso`).

use std::collections::BTreeSet;

use yiwang_domain::account::check_plain_text;
use yiwang_domain::audit::AuditAction;
use yiwang_domain::auth::{Permission, Scope as AuthScope};
use yiwang_domain::oidc::{self, Claim, Scope};
use yiwang_domain::{Error as DomainError, FieldCode, FieldErrors};
use yiwang_kit::audit::{self, Target};
use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;
use yiwang_store::sso::{ClientInput, OidcClient};

/// What the console's form sends.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct ClientForm {
    /// The name people see.
    pub name: String,
    /// Its logo's https address.
    pub logo_url: String,
    /// Redirect URIs, one per line.
    pub redirect_uris: String,
    /// Post-logout redirect URIs, one per line.
    pub logout_uris: String,
    /// Back-channel logout URI.
    pub backchannel_uri: String,
    /// Allowed scopes (checkboxes).
    pub scopes: Vec<String>,
    /// Public keys for `private_key_jwt` (a JWK set in JSON), optional.
    pub jwks: String,
}

fn root(app: &AppState) -> AuthScope {
    AuthScope::region(app.config.root_region.clone())
}

fn uris(e: &mut FieldErrors, field: &'static str, text: &str, required: bool) -> Vec<String> {
    let list: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    if required && list.is_empty() {
        e.add(field, FieldCode::Required);
    } else if list.len() > 10 {
        e.add(field, FieldCode::TooMany);
    } else if let Some(i) = list.iter().position(|u| !oidc::redirect_uri_ok(u)) {
        e.add_line(field, FieldCode::InvalidUrl, i + 1);
    }
    list
}

/// Checks the form: names, exact URIs (https, or http on the loopback address), scopes among
/// those the provider knows, a JWK set that parses.
fn check(f: &ClientForm) -> Result<ClientInput, Error> {
    let mut e = FieldErrors::new();
    let name = e.check("name", check_plain_text(&f.name, 2, 60));
    let logo_url = match f.logo_url.trim() {
        "" => None,
        u if u.starts_with("https://") && oidc::redirect_uri_ok(u) => Some(u.to_owned()),
        _ => {
            e.add("logo_url", FieldCode::InvalidUrl);
            None
        }
    };
    let redirect_uris = uris(&mut e, "redirect_uris", &f.redirect_uris, true);
    let logout_uris = uris(&mut e, "logout_uris", &f.logout_uris, false);
    let backchannel_uri = match f.backchannel_uri.trim() {
        "" => None,
        u if oidc::redirect_uri_ok(u) => Some(u.to_owned()),
        _ => {
            e.add("backchannel_uri", FieldCode::InvalidUrl);
            None
        }
    };
    let mut scopes: BTreeSet<Scope> = BTreeSet::from([Scope::Openid]);
    for s in &f.scopes {
        match Scope::parse(s) {
            Some(s) => {
                scopes.insert(s);
            }
            None => e.add("scopes", FieldCode::UnknownChoice),
        }
    }
    let claims: BTreeSet<Claim> = scopes.iter().filter_map(|s| s.claim()).collect();
    let jwks = match f.jwks.trim() {
        "" => None,
        j if j.len() <= 16 * 1024
            && serde_json::from_str::<serde_json::Value>(j)
                .ok()
                .and_then(|v| {
                    v.get("keys")
                        .and_then(|k| k.as_array())
                        .map(|k| !k.is_empty())
                })
                == Some(true) =>
        {
            Some(j.to_owned())
        }
        _ => {
            e.add("jwks", FieldCode::InvalidLine);
            None
        }
    };
    match (name, e.is_empty()) {
        (Some(name), true) => Ok(ClientInput {
            name,
            logo_url,
            redirect_uris,
            logout_uris,
            backchannel_uri,
            scopes,
            claims,
            jwks,
        }),
        _ => Err(DomainError::invalid(e).into()),
    }
}

/// Registers a system. Returns its client id and its secret, shown once.
pub async fn create(
    app: &AppState,
    caller: &Caller,
    f: &ClientForm,
) -> Result<(String, String), Error> {
    caller
        .principal
        .require(Permission::ManageSso, &root(app))?;
    let input = check(f)?;
    let id = format!("c{}", &yiwang_crypto::random::token()?[..20]).replace(['-', '_'], "x");
    let secret = yiwang_crypto::random::token()?;
    let mut tx = app.store.begin().await?;
    app.store
        .create_oidc_client(
            &mut tx,
            &id,
            &yiwang_crypto::sha256_hex(secret.as_bytes()),
            &input,
        )
        .await?;
    audit::commit_audited(
        &app.store,
        caller,
        tx,
        AuditAction::SsoClientChanged,
        target(&id),
    )
    .await?;
    Ok((id, secret))
}

fn target(id: &str) -> Target {
    Target {
        kind: Some("oidc_client"),
        id: Some(id.to_owned()),
        ..Default::default()
    }
}

/// One system.
pub async fn one(app: &AppState, caller: &Caller, id: &str) -> Result<OidcClient, Error> {
    caller
        .principal
        .require(Permission::ManageSso, &root(app))?;
    app.store
        .oidc_client(id)
        .await?
        .ok_or_else(Error::not_found)
}

/// Every system.
pub async fn all(app: &AppState, caller: &Caller) -> Result<Vec<OidcClient>, Error> {
    caller
        .principal
        .require(Permission::ManageSso, &root(app))?;
    Ok(app.store.oidc_clients().await?)
}

/// Changes a system's settings.
pub async fn update(
    app: &AppState,
    caller: &Caller,
    id: &str,
    f: &ClientForm,
) -> Result<(), Error> {
    caller
        .principal
        .require(Permission::ManageSso, &root(app))?;
    let input = check(f)?;
    let mut tx = app.store.begin().await?;
    if !app.store.update_oidc_client(&mut tx, id, &input).await? {
        return Err(Error::not_found());
    }
    audit::commit_audited(
        &app.store,
        caller,
        tx,
        AuditAction::SsoClientChanged,
        target(id),
    )
    .await
}

/// Gives a system a new secret (the old one stops working at once). Returns it, shown once.
pub async fn new_secret(app: &AppState, caller: &Caller, id: &str) -> Result<String, Error> {
    caller
        .principal
        .require(Permission::ManageSso, &root(app))?;
    let secret = yiwang_crypto::random::token()?;
    let mut tx = app.store.begin().await?;
    if !app
        .store
        .set_oidc_secret(&mut tx, id, &yiwang_crypto::sha256_hex(secret.as_bytes()))
        .await?
    {
        return Err(Error::not_found());
    }
    audit::commit_audited(
        &app.store,
        caller,
        tx,
        AuditAction::SsoClientChanged,
        target(id),
    )
    .await?;
    Ok(secret)
}

/// Disables or enables a system; disabling revokes every token it holds.
pub async fn set_disabled(
    app: &AppState,
    caller: &Caller,
    id: &str,
    disabled: bool,
) -> Result<(), Error> {
    caller
        .principal
        .require(Permission::ManageSso, &root(app))?;
    let mut tx = app.store.begin().await?;
    if !app
        .store
        .set_oidc_client_disabled(&mut tx, id, disabled)
        .await?
    {
        return Err(Error::not_found());
    }
    audit::commit_audited(
        &app.store,
        caller,
        tx,
        AuditAction::SsoClientChanged,
        target(id),
    )
    .await
}

/// Rotates the signing key: a new key signs from now on; the old one stays published until
/// the tokens it signed have expired. Returns the new key id.
pub async fn rotate_key(app: &AppState, caller: &Caller) -> Result<String, Error> {
    caller
        .principal
        .require(Permission::ManageSso, &root(app))?;
    let mut tx = app.store.begin().await?;
    let kid = app.store.add_oidc_key(&mut tx).await?;
    let t = Target {
        kind: Some("oidc_key"),
        id: Some(kid.clone()),
        ..Default::default()
    };
    audit::commit_audited(&app.store, caller, tx, AuditAction::SsoKeyRotated, t).await?;
    Ok(kid)
}

/// The published keys with when each was made and retired, for the console.
pub async fn keys(
    app: &AppState,
    caller: &Caller,
) -> Result<
    Vec<(
        String,
        yiwang_domain::Timestamp,
        Option<yiwang_domain::Timestamp>,
    )>,
    Error,
> {
    caller
        .principal
        .require(Permission::ManageSso, &root(app))?;
    app.store.oidc_signing_key().await?;
    Ok(app
        .store
        .oidc_public_keys(oidc::RETIRED_KEY_PUBLISHED_SECS * 1000)
        .await?
        .into_iter()
        .map(|(jwk, made, retired)| {
            (
                jwk.get("kid")
                    .and_then(|k| k.as_str())
                    .unwrap_or("")
                    .to_owned(),
                made,
                retired,
            )
        })
        .collect())
}
