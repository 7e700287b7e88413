//! Rows of the OpenID Connect provider (ACC-3): the systems people sign in to, the signing
//! keys, authorization codes, what each person agreed to share, and access and refresh tokens.
//! Codes and tokens are kept as their SHA-256 only; a signing key's private half is encrypted
//! by the vault.

use std::collections::BTreeSet;

use yiwang_crypto::jose::RsaSigner;
use yiwang_domain::Timestamp;
use yiwang_domain::ids::AccountId;
use yiwang_domain::oidc::{Claim, Scope};

use crate::row::RowExt;
use crate::{Error, Result, Store, Tx};

const KEY_CONTEXT: &str = "oidc.signing_key";

/// The job that tells a system a person signed out (OpenID Connect Back-Channel Logout 1.0),
/// run by the `sso` capability.
pub const SSO_LOGOUT_JOB: &str = "sso_backchannel_logout";

/// A registered system (an OpenID Connect client).
#[derive(Debug, Clone)]
pub struct OidcClient {
    /// The `client_id`.
    pub id: String,
    /// The name shown to the person.
    pub name: String,
    /// Its logo's https address, shown on the consent page.
    pub logo_url: Option<String>,
    /// SHA-256 (hex) of its secret.
    pub secret_hash: String,
    /// Redirect URIs, matched exactly.
    pub redirect_uris: Vec<String>,
    /// Where it may send people after signing out (RP-initiated logout), matched exactly.
    pub logout_uris: Vec<String>,
    /// Its back-channel logout endpoint.
    pub backchannel_uri: Option<String>,
    /// The scopes it may ask for.
    pub scopes: BTreeSet<Scope>,
    /// The personal claims it may receive, with the person's consent.
    pub claims: BTreeSet<Claim>,
    /// Its public keys (a JWK set's JSON) for `private_key_jwt`.
    pub jwks: Option<String>,
    /// When it was registered.
    pub created_at: Timestamp,
    /// Whether it is disabled.
    pub disabled: bool,
}

/// What the console saves for a client (checked by the use case).
#[derive(Debug, Clone)]
pub struct ClientInput {
    /// Name.
    pub name: String,
    /// Logo.
    pub logo_url: Option<String>,
    /// Redirect URIs.
    pub redirect_uris: Vec<String>,
    /// Post-logout redirect URIs.
    pub logout_uris: Vec<String>,
    /// Back-channel logout URI.
    pub backchannel_uri: Option<String>,
    /// Allowed scopes.
    pub scopes: BTreeSet<Scope>,
    /// Allowed claims.
    pub claims: BTreeSet<Claim>,
    /// Public keys for `private_key_jwt`.
    pub jwks: Option<String>,
}

/// A sign-in's facts carried by a code and its tokens.
#[derive(Debug, Clone)]
pub struct Grant {
    /// The client.
    pub client_id: String,
    /// The person.
    pub account: AccountId,
    /// The scopes granted.
    pub scope: String,
    /// The personal claims the person agreed to give.
    pub claims: BTreeSet<Claim>,
    /// The platform session it came from (its hash), for logout.
    pub session_hash: String,
    /// When the person authenticated.
    pub auth_time: Timestamp,
    /// Whether the person is staff (signed in with a second factor).
    pub staff: bool,
}

/// An authorization code's row.
#[derive(Debug, Clone)]
pub struct CodeRow {
    /// The grant.
    pub grant: Grant,
    /// The redirect URI it was issued for.
    pub redirect_uri: String,
    /// The nonce to echo.
    pub nonce: Option<String>,
    /// The PKCE challenge.
    pub challenge: String,
    /// When it expires.
    pub expires_at: Timestamp,
}

/// A token's row.
#[derive(Debug, Clone)]
pub struct TokenRow {
    /// `access` or `refresh`.
    pub kind: String,
    /// Its family (one sign-in's rotations).
    pub family: String,
    /// The grant.
    pub grant: Grant,
    /// When it expires.
    pub expires_at: Timestamp,
    /// Whether it was already rotated (a refresh token).
    pub used: bool,
    /// Whether it was revoked.
    pub revoked: bool,
}

/// A system a person agreed to share with, for their "connected services" page.
#[derive(Debug, Clone)]
pub struct Connection {
    /// The client.
    pub client_id: String,
    /// Its name.
    pub name: String,
    /// What they agreed to share.
    pub claims: BTreeSet<Claim>,
    /// When they first agreed.
    pub granted_at: Timestamp,
    /// When they last signed in to it.
    pub last_login_at: Option<Timestamp>,
}

fn words<T>(s: &str, parse: fn(&str) -> Option<T>) -> Result<BTreeSet<T>>
where
    T: Ord,
{
    s.split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| parse(w).ok_or_else(|| Error::Corrupt(format!("oidc word {w}"))))
        .collect()
}

fn spell<T: Copy>(set: &BTreeSet<T>, name: fn(T) -> &'static str) -> String {
    set.iter().map(|x| name(*x)).collect::<Vec<_>>().join(" ")
}

fn lines(s: &str) -> Vec<String> {
    s.lines()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

fn grant_of(r: &sqlx::any::AnyRow) -> Result<Grant> {
    Ok(Grant {
        client_id: r.text("client_id")?,
        account: r.parsed("account_id")?,
        scope: r.text("scope")?,
        claims: words(&r.text("claims")?, Claim::parse)?,
        session_hash: r.text("session_hash")?,
        auth_time: r.ts("auth_time")?,
        staff: r.int("staff")? != 0,
    })
}

macro_rules! client_select {
    ($rest:literal) => {
        concat!(
            "SELECT id, name, logo_url, secret_hash, redirect_uris, logout_uris, backchannel_uri, \
             scopes, claims, jwks, created_at, disabled_at FROM oidc_clients ",
            $rest
        )
    };
}

fn client_of(r: &sqlx::any::AnyRow) -> Result<OidcClient> {
    Ok(OidcClient {
        id: r.text("id")?,
        name: r.text("name")?,
        logo_url: r.opt_text("logo_url")?,
        secret_hash: r.text("secret_hash")?,
        redirect_uris: lines(&r.text("redirect_uris")?),
        logout_uris: lines(&r.text("logout_uris")?),
        backchannel_uri: r.opt_text("backchannel_uri")?,
        scopes: words(&r.text("scopes")?, Scope::parse)?,
        claims: words(&r.text("claims")?, Claim::parse)?,
        jwks: r.opt_text("jwks")?,
        created_at: r.ts("created_at")?,
        disabled: r.opt_int("disabled_at")?.is_some(),
    })
}

impl Store {
    /// Registers a client with the secret's hash.
    pub async fn create_oidc_client(
        &self,
        tx: &mut Tx,
        id: &str,
        secret_hash: &str,
        c: &ClientInput,
    ) -> Result<()> {
        let now = Timestamp::now().millis();
        sqlx::query(
            "INSERT INTO oidc_clients (id, name, logo_url, secret_hash, redirect_uris, logout_uris, \
             backchannel_uri, scopes, claims, jwks, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)",
        )
        .bind(id.to_owned())
        .bind(c.name.clone())
        .bind(c.logo_url.clone())
        .bind(secret_hash.to_owned())
        .bind(c.redirect_uris.join("\n"))
        .bind(c.logout_uris.join("\n"))
        .bind(c.backchannel_uri.clone())
        .bind(spell(&c.scopes, Scope::as_str))
        .bind(spell(&c.claims, Claim::as_str))
        .bind(c.jwks.clone())
        .bind(now)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Changes a client's settings (not its secret).
    pub async fn update_oidc_client(&self, tx: &mut Tx, id: &str, c: &ClientInput) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE oidc_clients SET name = $2, logo_url = $3, redirect_uris = $4, logout_uris = $5, \
             backchannel_uri = $6, scopes = $7, claims = $8, jwks = $9, updated_at = $10 WHERE id = $1",
        )
        .bind(id.to_owned())
        .bind(c.name.clone())
        .bind(c.logo_url.clone())
        .bind(c.redirect_uris.join("\n"))
        .bind(c.logout_uris.join("\n"))
        .bind(c.backchannel_uri.clone())
        .bind(spell(&c.scopes, Scope::as_str))
        .bind(spell(&c.claims, Claim::as_str))
        .bind(c.jwks.clone())
        .bind(Timestamp::now().millis())
        .execute(&mut **tx)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Replaces a client's secret hash.
    pub async fn set_oidc_secret(&self, tx: &mut Tx, id: &str, secret_hash: &str) -> Result<bool> {
        let done =
            sqlx::query("UPDATE oidc_clients SET secret_hash = $2, updated_at = $3 WHERE id = $1")
                .bind(id.to_owned())
                .bind(secret_hash.to_owned())
                .bind(Timestamp::now().millis())
                .execute(&mut **tx)
                .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Disables (or enables again) a client; disabling revokes its tokens.
    pub async fn set_oidc_client_disabled(
        &self,
        tx: &mut Tx,
        id: &str,
        disabled: bool,
    ) -> Result<bool> {
        let now = Timestamp::now().millis();
        let done =
            sqlx::query("UPDATE oidc_clients SET disabled_at = $2, updated_at = $3 WHERE id = $1")
                .bind(id.to_owned())
                .bind(disabled.then_some(now))
                .bind(now)
                .execute(&mut **tx)
                .await?;
        if disabled {
            sqlx::query("UPDATE oidc_tokens SET revoked_at = $2 WHERE client_id = $1 AND revoked_at IS NULL")
                .bind(id.to_owned())
                .bind(now)
                .execute(&mut **tx)
                .await?;
        }
        Ok(done.rows_affected() == 1)
    }

    /// A client by its id.
    pub async fn oidc_client(&self, id: &str) -> Result<Option<OidcClient>> {
        if id.is_empty() || id.len() > 64 {
            return Ok(None);
        }
        let row = sqlx::query(client_select!("WHERE id = $1"))
            .bind(id.to_owned())
            .fetch_optional(self.db.reader())
            .await?;
        row.as_ref().map(client_of).transpose()
    }

    /// Every client, newest first.
    pub async fn oidc_clients(&self) -> Result<Vec<OidcClient>> {
        let rows = sqlx::query(client_select!("ORDER BY created_at DESC"))
            .fetch_all(self.db.reader())
            .await?;
        rows.iter().map(client_of).collect()
    }

    /// The key that signs now, made at first use.
    pub async fn oidc_signing_key(&self) -> Result<RsaSigner> {
        if let Some(k) = self.newest_oidc_key().await? {
            return Ok(k);
        }
        let mut tx = self.begin().await?;
        self.add_oidc_key(&mut tx).await?;
        crate::commit(tx).await?;
        self.newest_oidc_key()
            .await?
            .ok_or_else(|| Error::Corrupt("oidc key vanished".into()))
    }

    async fn newest_oidc_key(&self) -> Result<Option<RsaSigner>> {
        let row = sqlx::query(
            "SELECT kid, private_enc FROM oidc_keys WHERE retired_at IS NULL \
             ORDER BY created_at DESC, kid DESC LIMIT 1",
        )
        .fetch_optional(self.db.reader())
        .await?;
        let Some(row) = row else { return Ok(None) };
        let kid = row.text("kid")?;
        let blob = yiwang_crypto::hex_decode(&row.text("private_enc")?)
            .ok_or_else(|| Error::Corrupt(KEY_CONTEXT.into()))?;
        let der = yiwang_crypto::hex_decode(&self.vault().decrypt(KEY_CONTEXT, &blob)?)
            .ok_or_else(|| Error::Corrupt(KEY_CONTEXT.into()))?;
        Ok(Some(RsaSigner::from_pkcs8(&kid, &der)?))
    }

    /// Makes a new signing key and retires the others (they stay published for a while).
    /// Returns the new key id.
    pub async fn add_oidc_key(&self, tx: &mut Tx) -> Result<String> {
        let der = RsaSigner::generate()?;
        let now = Timestamp::now().millis();
        let kid = format!("k{now}");
        let key = RsaSigner::from_pkcs8(&kid, &der)?;
        let blob = self
            .vault()
            .encrypt(KEY_CONTEXT, &yiwang_crypto::hex(&der))?;
        sqlx::query("UPDATE oidc_keys SET retired_at = $1 WHERE retired_at IS NULL")
            .bind(now)
            .execute(&mut **tx)
            .await?;
        sqlx::query(
            "INSERT INTO oidc_keys (kid, alg, private_enc, public_jwk, created_at) VALUES ($1, 'RS256', $2, $3, $4)",
        )
        .bind(kid.clone())
        .bind(yiwang_crypto::hex(&blob))
        .bind(key.public_jwk().to_string())
        .bind(now)
        .execute(&mut **tx)
        .await?;
        Ok(kid)
    }

    /// The public keys to publish: the signing key and those retired less than `keep_ms` ago.
    /// Each with its key id, creation and retirement time.
    pub async fn oidc_public_keys(
        &self,
        keep_ms: i64,
    ) -> Result<Vec<(serde_json::Value, Timestamp, Option<Timestamp>)>> {
        let since = Timestamp::now().millis() - keep_ms;
        let rows = sqlx::query(
            "SELECT public_jwk, created_at, retired_at FROM oidc_keys \
             WHERE retired_at IS NULL OR retired_at > $1 ORDER BY created_at DESC",
        )
        .bind(since)
        .fetch_all(self.db.reader())
        .await?;
        rows.iter()
            .map(|r| {
                let jwk = serde_json::from_str(&r.text("public_jwk")?)
                    .map_err(|_| Error::Corrupt("oidc public_jwk".into()))?;
                Ok((jwk, r.ts("created_at")?, r.opt_ts("retired_at")?))
            })
            .collect()
    }

    /// Records an authorization code (by its hash).
    pub async fn insert_oidc_code(&self, tx: &mut Tx, hash: &str, code: &CodeRow) -> Result<()> {
        let g = &code.grant;
        sqlx::query(
            "INSERT INTO oidc_codes (hash, client_id, account_id, redirect_uri, scope, claims, nonce, \
             challenge, session_hash, auth_time, staff, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(hash.to_owned())
        .bind(g.client_id.clone())
        .bind(g.account.to_string())
        .bind(code.redirect_uri.clone())
        .bind(g.scope.clone())
        .bind(spell(&g.claims, Claim::as_str))
        .bind(code.nonce.clone())
        .bind(code.challenge.clone())
        .bind(g.session_hash.clone())
        .bind(g.auth_time.millis())
        .bind(i64::from(g.staff))
        .bind(code.expires_at.millis())
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Takes a code for redemption: marks it used and returns it, or `Err(true)`-like `None`
    /// with whether it had been used before (a replay).
    pub async fn take_oidc_code(
        &self,
        tx: &mut Tx,
        hash: &str,
    ) -> Result<std::result::Result<CodeRow, bool>> {
        let now = Timestamp::now().millis();
        let row = sqlx::query(
            "UPDATE oidc_codes SET used_at = $2 WHERE hash = $1 AND used_at IS NULL \
             RETURNING client_id, account_id, redirect_uri, scope, claims, nonce, challenge, \
             session_hash, auth_time, staff, expires_at",
        )
        .bind(hash.to_owned())
        .bind(now)
        .fetch_optional(&mut **tx)
        .await?;
        match row {
            Some(r) => Ok(Ok(CodeRow {
                grant: grant_of(&r)?,
                redirect_uri: r.text("redirect_uri")?,
                nonce: r.opt_text("nonce")?,
                challenge: r.text("challenge")?,
                expires_at: r.ts("expires_at")?,
            })),
            None => {
                let used = sqlx::query("SELECT 1 AS one FROM oidc_codes WHERE hash = $1")
                    .bind(hash.to_owned())
                    .fetch_optional(&mut **tx)
                    .await?
                    .is_some();
                Ok(Err(used))
            }
        }
    }

    /// Revokes every token issued from a code (its family is the code's hash): a code
    /// presented twice means someone else may hold it (RFC 6749 §4.1.2).
    pub async fn revoke_oidc_family(&self, tx: &mut Tx, family: &str) -> Result<u64> {
        let done = sqlx::query(
            "UPDATE oidc_tokens SET revoked_at = $2 WHERE family = $1 AND revoked_at IS NULL",
        )
        .bind(family.to_owned())
        .bind(Timestamp::now().millis())
        .execute(&mut **tx)
        .await?;
        Ok(done.rows_affected())
    }

    /// Records a token (by its hash).
    pub async fn insert_oidc_token(
        &self,
        tx: &mut Tx,
        hash: &str,
        kind: &str,
        family: &str,
        g: &Grant,
        expires_at: Timestamp,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO oidc_tokens (hash, kind, family, client_id, account_id, scope, claims, \
             session_hash, auth_time, staff, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(hash.to_owned())
        .bind(kind.to_owned())
        .bind(family.to_owned())
        .bind(g.client_id.clone())
        .bind(g.account.to_string())
        .bind(g.scope.clone())
        .bind(spell(&g.claims, Claim::as_str))
        .bind(g.session_hash.clone())
        .bind(g.auth_time.millis())
        .bind(i64::from(g.staff))
        .bind(expires_at.millis())
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// A token by its hash.
    pub async fn oidc_token(&self, hash: &str) -> Result<Option<TokenRow>> {
        let row = sqlx::query(
            "SELECT kind, family, client_id, account_id, scope, claims, session_hash, auth_time, \
             staff, expires_at, used_at, revoked_at FROM oidc_tokens WHERE hash = $1",
        )
        .bind(hash.to_owned())
        .fetch_optional(self.db.reader())
        .await?;
        row.map(|r| {
            Ok(TokenRow {
                kind: r.text("kind")?,
                family: r.text("family")?,
                grant: grant_of(&r)?,
                expires_at: r.ts("expires_at")?,
                used: r.opt_int("used_at")?.is_some(),
                revoked: r.opt_int("revoked_at")?.is_some(),
            })
        })
        .transpose()
    }

    /// Marks a refresh token used, once: `false` when another request used it first.
    pub async fn use_oidc_token(&self, tx: &mut Tx, hash: &str) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE oidc_tokens SET used_at = $2 WHERE hash = $1 AND used_at IS NULL AND revoked_at IS NULL",
        )
        .bind(hash.to_owned())
        .bind(Timestamp::now().millis())
        .execute(&mut **tx)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// What `account` agreed to share with `client`, if anything.
    pub async fn oidc_consent(
        &self,
        account: AccountId,
        client: &str,
    ) -> Result<Option<BTreeSet<Claim>>> {
        let row = sqlx::query(
            "SELECT claims FROM oidc_consents WHERE account_id = $1 AND client_id = $2",
        )
        .bind(account.to_string())
        .bind(client.to_owned())
        .fetch_optional(self.db.reader())
        .await?;
        row.map(|r| words(&r.text("claims")?, Claim::parse))
            .transpose()
    }

    /// Records (or widens) a consent and the sign-in's time.
    pub async fn save_oidc_consent(
        &self,
        tx: &mut Tx,
        account: AccountId,
        client: &str,
        claims: &BTreeSet<Claim>,
    ) -> Result<()> {
        let now = Timestamp::now().millis();
        sqlx::query(
            "INSERT INTO oidc_consents (account_id, client_id, claims, granted_at, last_login_at) \
             VALUES ($1, $2, $3, $4, $4) \
             ON CONFLICT (account_id, client_id) DO UPDATE SET claims = $3, last_login_at = $4",
        )
        .bind(account.to_string())
        .bind(client.to_owned())
        .bind(spell(claims, Claim::as_str))
        .bind(now)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// The systems a person is connected to, most recently used first.
    pub async fn oidc_connections(&self, account: AccountId) -> Result<Vec<Connection>> {
        let rows = sqlx::query(
            "SELECT c.client_id, k.name, c.claims, c.granted_at, c.last_login_at \
             FROM oidc_consents c JOIN oidc_clients k ON k.id = c.client_id \
             WHERE c.account_id = $1 ORDER BY COALESCE(c.last_login_at, c.granted_at) DESC",
        )
        .bind(account.to_string())
        .fetch_all(self.db.reader())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Connection {
                    client_id: r.text("client_id")?,
                    name: r.text("name")?,
                    claims: words(&r.text("claims")?, Claim::parse)?,
                    granted_at: r.ts("granted_at")?,
                    last_login_at: r.opt_ts("last_login_at")?,
                })
            })
            .collect()
    }

    /// Takes back a consent: forgets it and revokes the client's tokens for the person.
    /// Returns whether there was one.
    pub async fn revoke_oidc_consent(
        &self,
        tx: &mut Tx,
        account: AccountId,
        client: &str,
    ) -> Result<bool> {
        let done =
            sqlx::query("DELETE FROM oidc_consents WHERE account_id = $1 AND client_id = $2")
                .bind(account.to_string())
                .bind(client.to_owned())
                .execute(&mut **tx)
                .await?;
        sqlx::query(
            "UPDATE oidc_tokens SET revoked_at = $3 \
             WHERE account_id = $1 AND client_id = $2 AND revoked_at IS NULL",
        )
        .bind(account.to_string())
        .bind(client.to_owned())
        .bind(Timestamp::now().millis())
        .execute(&mut **tx)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Ends what a platform session gave other systems: revokes its live tokens and, in the
    /// same transaction, enqueues a back-channel logout ([`SSO_LOGOUT_JOB`]) for each client
    /// that registered an endpoint for it. `issuer` is the provider's as the person saw it.
    /// Returns how many systems are told.
    pub async fn end_oidc_session(
        &self,
        tx: &mut Tx,
        session_hash: &str,
        issuer: &str,
    ) -> Result<usize> {
        let now = Timestamp::now().millis();
        let rows = sqlx::query(
            "SELECT DISTINCT t.client_id, t.account_id FROM oidc_tokens t \
             JOIN oidc_clients c ON c.id = t.client_id \
             WHERE t.session_hash = $1 AND t.revoked_at IS NULL \
             AND c.backchannel_uri IS NOT NULL AND c.disabled_at IS NULL",
        )
        .bind(session_hash.to_owned())
        .fetch_all(&mut **tx)
        .await?;
        sqlx::query(
            "UPDATE oidc_tokens SET revoked_at = $2 WHERE session_hash = $1 AND revoked_at IS NULL",
        )
        .bind(session_hash.to_owned())
        .bind(now)
        .execute(&mut **tx)
        .await?;
        for r in &rows {
            let client = r.text("client_id")?;
            let account = r.text("account_id")?;
            let mut job = crate::jobs::NewJob::now(
                SSO_LOGOUT_JOB,
                serde_json::json!({"client": client, "account": account,
                                   "session": session_hash, "issuer": issuer}),
            );
            job.dedupe_key = Some(format!("sso-logout:{client}:{session_hash}"));
            job.max_attempts = 8;
            self.enqueue(tx, job).await?;
        }
        Ok(rows.len())
    }
}
