//! The sign-in flow: checking an authorization request, the consent, the code, and what the
//! token endpoint and userinfo give for it.

use std::collections::BTreeSet;

use serde::Deserialize;
use serde_json::{Map, Value, json};
use yiwang_crypto::jose::{self, Jws};
use yiwang_domain::Timestamp;
use yiwang_domain::audit::AuditAction;
use yiwang_domain::auth::Actor;
use yiwang_domain::ids::AccountId;
use yiwang_domain::oidc::{
    self, ACCESS_LIFETIME_SECS, AskParams, CODE_LIFETIME_SECS, Claim, OidcError,
    REFRESH_LIFETIME_SECS, RefreshOutcome,
};
use yiwang_kit::audit::{self, Target};
use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::pipeline::percent_encode;
use yiwang_kit::state::AppState;
use yiwang_store::audit::AuditActor;
use yiwang_store::sessions::Session;
use yiwang_store::sso::{CodeRow, Grant, OidcClient};

/// An authorization request's parameters, as sent (each may be missing).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct AuthzRequest {
    /// `client_id`.
    pub client_id: String,
    /// `redirect_uri`.
    pub redirect_uri: String,
    /// `response_type`.
    pub response_type: String,
    /// `scope`.
    pub scope: String,
    /// `state`, echoed back.
    pub state: String,
    /// `nonce`, put in the ID token.
    pub nonce: String,
    /// `code_challenge`.
    pub code_challenge: String,
    /// `code_challenge_method`.
    pub code_challenge_method: String,
    /// `prompt`.
    pub prompt: String,
    /// `max_age`.
    pub max_age: String,
}

impl AuthzRequest {
    /// The request again as a query string, to come back to after signing in: without
    /// `prompt=login`, which the sign-in has just satisfied. Spaces are written `+`, so the
    /// address passes the login's check of where `next` may lead (which refuses whitespace at
    /// every level of decoding).
    pub fn query(&self) -> String {
        let prompt = self
            .prompt
            .split(' ')
            .filter(|p| !p.is_empty() && *p != "login")
            .collect::<Vec<_>>()
            .join(" ");
        let pairs = [
            ("client_id", &self.client_id),
            ("redirect_uri", &self.redirect_uri),
            ("response_type", &self.response_type),
            ("scope", &self.scope),
            ("state", &self.state),
            ("nonce", &self.nonce),
            ("code_challenge", &self.code_challenge),
            ("code_challenge_method", &self.code_challenge_method),
            ("max_age", &self.max_age),
            ("prompt", &prompt),
        ];
        pairs
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}={}", percent_encode(v).replace("%20", "+")))
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// What happens next with an authorization request.
#[derive(Debug)]
pub enum Next {
    /// The client or redirect URI is wrong: say so here, never redirect (an open redirector
    /// otherwise).
    BadClient,
    /// Back to the relying party (a code, or an error it should see).
    Redirect(String),
    /// The person must sign in first, then come back to this address.
    SignIn(String),
    /// The person must agree: show the consent page.
    Consent(Box<Consent>),
}

/// What the consent page shows.
#[derive(Debug)]
pub struct Consent {
    /// The system.
    pub client: OidcClient,
    /// The personal claims it asks for.
    pub claims: BTreeSet<Claim>,
    /// Whether it asks to stay signed in (`offline_access`: a refresh token).
    pub offline: bool,
    /// The request, to post back.
    pub request: AuthzRequest,
}

fn session_of(caller: &Caller) -> Option<(&Session, AccountId, bool)> {
    match &caller.principal {
        yiwang_kit::auth::Principal::Session { session, actor } => match actor {
            Actor::Citizen { account, .. } => Some((session, *account, false)),
            Actor::Staff { account, .. } => Some((session, *account, true)),
            _ => None,
        },
        _ => None,
    }
}

/// The redirect back to the relying party with `params`, `state` and `iss` (RFC 9207).
fn back(redirect_uri: &str, params: &[(&str, &str)], state: &str, issuer: &str) -> String {
    let mut q: Vec<String> = params
        .iter()
        .map(|(k, v)| format!("{k}={}", percent_encode(v)))
        .collect();
    if !state.is_empty() {
        q.push(format!("state={}", percent_encode(state)));
    }
    q.push(format!("iss={}", percent_encode(issuer)));
    let sep = if redirect_uri.contains('?') { '&' } else { '?' };
    format!("{redirect_uri}{sep}{}", q.join("&"))
}

fn error_back(r: &AuthzRequest, e: OidcError, issuer: &str) -> Next {
    Next::Redirect(back(
        &r.redirect_uri,
        &[("error", e.as_str())],
        &r.state,
        issuer,
    ))
}

/// The client and the checked request, or what to do instead.
async fn check(
    app: &AppState,
    r: &AuthzRequest,
    issuer: &str,
) -> Result<Result<(OidcClient, oidc::Ask), Next>, Error> {
    let Some(client) = app.store.oidc_client(&r.client_id).await? else {
        return Ok(Err(Next::BadClient));
    };
    if client.disabled || !client.redirect_uris.contains(&r.redirect_uri) {
        return Ok(Err(Next::BadClient));
    }
    if r.state.len() > 512 {
        return Ok(Err(error_back(
            &AuthzRequest {
                state: String::new(),
                ..r.clone()
            },
            OidcError::InvalidRequest,
            issuer,
        )));
    }
    let params = AskParams {
        response_type: &r.response_type,
        scope: &r.scope,
        code_challenge: &r.code_challenge,
        code_challenge_method: &r.code_challenge_method,
        nonce: &r.nonce,
        prompt: &r.prompt,
        max_age: &r.max_age,
    };
    match oidc::check_ask(&params, &client.scopes, &client.claims) {
        Ok(ask) => Ok(Ok((client, ask))),
        Err(e) => Ok(Err(error_back(r, e, issuer))),
    }
}

/// Starts an authorization request: checks it, then sends the person to sign in, to the
/// consent page, or straight back with a code when they agreed before.
pub async fn start(
    app: &AppState,
    caller: &Caller,
    r: &AuthzRequest,
    issuer: &str,
) -> Result<Next, Error> {
    let (client, ask) = match check(app, r, issuer).await? {
        Ok(x) => x,
        Err(next) => return Ok(next),
    };
    let Some((session, account, staff)) = session_of(caller) else {
        return Ok(if ask.no_prompt {
            error_back(r, OidcError::LoginRequired, issuer)
        } else {
            Next::SignIn(format!("/oidc/authorize?{}", r.query()))
        });
    };
    if oidc::needs_fresh_login(&ask, session.created_at, Timestamp::now()) {
        if ask.no_prompt {
            return Ok(error_back(r, OidcError::LoginRequired, issuer));
        }
        // Signed out here and asked to sign in again; the way back carries neither
        // `prompt` nor `max_age`, so the fresh sign-in satisfies it.
        app.store.delete_session_hash(&session.id_hash).await?;
        let back = AuthzRequest {
            max_age: String::new(),
            ..r.clone()
        };
        return Ok(Next::SignIn(format!("/oidc/authorize?{}", back.query())));
    }
    let agreed = app.store.oidc_consent(account, &client.id).await?;
    if ask.force_consent || oidc::needs_consent(&ask.claims, agreed.as_ref()) {
        return Ok(if ask.no_prompt {
            error_back(r, OidcError::ConsentRequired, issuer)
        } else {
            Next::Consent(Box::new(Consent {
                client,
                offline: ask.scopes.contains(&oidc::Scope::OfflineAccess),
                claims: ask.claims,
                request: r.clone(),
            }))
        });
    }
    let claims = agreed.unwrap_or_default();
    let code = issue_code(app, &client, &ask, r, session, account, staff, &claims).await?;
    Ok(Next::Redirect(back(
        &r.redirect_uri,
        &[("code", &code)],
        &r.state,
        issuer,
    )))
}

/// The person's answer on the consent page.
pub async fn decide(
    app: &AppState,
    caller: &Caller,
    r: &AuthzRequest,
    approve: bool,
    issuer: &str,
) -> Result<Next, Error> {
    let (client, ask) = match check(app, r, issuer).await? {
        Ok(x) => x,
        Err(next) => return Ok(next),
    };
    let Some((session, account, staff)) = session_of(caller) else {
        return Ok(Next::SignIn(format!("/oidc/authorize?{}", r.query())));
    };
    if !approve {
        return Ok(error_back(r, OidcError::AccessDenied, issuer));
    }
    let mut claims = app
        .store
        .oidc_consent(account, &client.id)
        .await?
        .unwrap_or_default();
    claims.extend(ask.claims.iter().copied());
    let code = issue_code(app, &client, &ask, r, session, account, staff, &claims).await?;
    Ok(Next::Redirect(back(
        &r.redirect_uri,
        &[("code", &code)],
        &r.state,
        issuer,
    )))
}

/// Records the consent (or the sign-in's time) and a fresh code in one transaction.
#[allow(clippy::too_many_arguments)]
async fn issue_code(
    app: &AppState,
    client: &OidcClient,
    ask: &oidc::Ask,
    r: &AuthzRequest,
    session: &Session,
    account: AccountId,
    staff: bool,
    agreed: &BTreeSet<Claim>,
) -> Result<String, Error> {
    let code = yiwang_crypto::random::token()?;
    let given: BTreeSet<Claim> = ask.claims.intersection(agreed).copied().collect();
    let row = CodeRow {
        grant: Grant {
            client_id: client.id.clone(),
            account,
            scope: oidc::scope_string(&ask.scopes),
            claims: given,
            session_hash: session.id_hash.clone(),
            auth_time: session.created_at,
            staff,
        },
        redirect_uri: r.redirect_uri.clone(),
        nonce: ask.nonce.clone(),
        challenge: ask.challenge.clone(),
        expires_at: Timestamp(Timestamp::now().millis() + CODE_LIFETIME_SECS * 1000),
    };
    let mut tx = app.store.begin().await?;
    app.store
        .save_oidc_consent(&mut tx, account, &client.id, agreed)
        .await?;
    app.store
        .insert_oidc_code(&mut tx, &yiwang_crypto::sha256_hex(code.as_bytes()), &row)
        .await?;
    yiwang_store::commit(tx).await?;
    Ok(code)
}

/// A refusal from the token or userinfo endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The protocol's code.
    pub error: OidcError,
    /// A few words for the relying party's developer (English: it is for programs).
    pub description: &'static str,
}

fn refuse<T>(error: OidcError, description: &'static str) -> Result<Result<T, Refusal>, Error> {
    Ok(Err(Refusal { error, description }))
}

/// How the client authenticated at the token endpoint.
#[derive(Debug, Clone, Default)]
pub struct ClientAuth {
    /// From HTTP Basic (`client_secret_basic`), already form-decoded.
    pub basic: Option<(String, String)>,
    /// `client_id` in the body.
    pub client_id: String,
    /// `client_secret` in the body (`client_secret_post`).
    pub client_secret: String,
    /// `client_assertion_type`.
    pub assertion_type: String,
    /// `client_assertion` (`private_key_jwt`).
    pub assertion: String,
}

const JWT_BEARER: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// Authenticates the client by exactly one method.
async fn authenticate(
    app: &AppState,
    auth: &ClientAuth,
    token_endpoint: &str,
    issuer: &str,
) -> Result<Result<OidcClient, Refusal>, Error> {
    let methods = usize::from(auth.basic.is_some())
        + usize::from(!auth.client_secret.is_empty())
        + usize::from(!auth.assertion.is_empty());
    if methods != 1 {
        return refuse(
            OidcError::InvalidClient,
            "authenticate the client by exactly one method",
        );
    }
    if let Some((id, secret)) = &auth.basic {
        if !auth.client_id.is_empty() && auth.client_id != *id {
            return refuse(
                OidcError::InvalidRequest,
                "client_id differs from the Basic user",
            );
        }
        return by_secret(app, id, secret).await;
    }
    if !auth.client_secret.is_empty() {
        return by_secret(app, &auth.client_id, &auth.client_secret).await;
    }
    if auth.assertion_type != JWT_BEARER {
        return refuse(
            OidcError::InvalidClient,
            "unsupported client_assertion_type",
        );
    }
    let Some(jws) = Jws::parse(&auth.assertion) else {
        return refuse(OidcError::InvalidClient, "client_assertion is not a JWS");
    };
    let iss = jws.claims.get("iss").and_then(Value::as_str).unwrap_or("");
    let Some(client) = app.store.oidc_client(iss).await? else {
        return refuse(OidcError::InvalidClient, "unknown client");
    };
    if client.disabled || (!auth.client_id.is_empty() && auth.client_id != client.id) {
        return refuse(OidcError::InvalidClient, "unknown client");
    }
    let keys: Vec<Value> = client
        .jwks
        .as_deref()
        .and_then(|j| serde_json::from_str::<Value>(j).ok())
        .and_then(|v| v.get("keys").and_then(Value::as_array).cloned())
        .unwrap_or_default();
    let now = Timestamp::now().secs();
    let c = &jws.claims;
    let aud_ok = match c.get("aud") {
        Some(Value::String(a)) => a == token_endpoint || a == issuer,
        Some(Value::Array(a)) => a
            .iter()
            .any(|x| x.as_str() == Some(token_endpoint) || x.as_str() == Some(issuer)),
        _ => false,
    };
    let exp = c.get("exp").and_then(Value::as_i64).unwrap_or(0);
    if !jws.verify_rs256(&keys)
        || c.get("sub").and_then(Value::as_str) != Some(client.id.as_str())
        || !aud_ok
        || exp <= now
        || exp > now + 600
    {
        return refuse(OidcError::InvalidClient, "client_assertion refused");
    }
    Ok(Ok(client))
}

async fn by_secret(
    app: &AppState,
    id: &str,
    secret: &str,
) -> Result<Result<OidcClient, Refusal>, Error> {
    match app.store.oidc_client(id).await? {
        Some(c) if !c.disabled && yiwang_crypto::sha256_hex(secret.as_bytes()) == c.secret_hash => {
            Ok(Ok(c))
        }
        _ => refuse(OidcError::InvalidClient, "client authentication failed"),
    }
}

/// The token endpoint's form fields besides the client's authentication.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct TokenRequest {
    /// `grant_type`.
    pub grant_type: String,
    /// `code`.
    pub code: String,
    /// `redirect_uri`.
    pub redirect_uri: String,
    /// `code_verifier`.
    pub code_verifier: String,
    /// `refresh_token`.
    pub refresh_token: String,
    /// `client_id`.
    pub client_id: String,
    /// `client_secret`.
    pub client_secret: String,
    /// `client_assertion_type`.
    pub client_assertion_type: String,
    /// `client_assertion`.
    pub client_assertion: String,
}

/// Exchanges a code or a refresh token for tokens: the JSON body of a 200.
pub async fn token(
    app: &AppState,
    caller: &Caller,
    auth: &ClientAuth,
    req: &TokenRequest,
    issuer: &str,
) -> Result<Result<Value, Refusal>, Error> {
    let endpoint = format!("{issuer}/oidc/token");
    let client = match authenticate(app, auth, &endpoint, issuer).await? {
        Ok(c) => c,
        Err(r) => return Ok(Err(r)),
    };
    match req.grant_type.as_str() {
        "authorization_code" => redeem(app, caller, &client, req, issuer).await,
        "refresh_token" => refresh(app, &client, req, issuer).await,
        "" => refuse(OidcError::InvalidRequest, "grant_type is required"),
        _ => refuse(
            OidcError::UnsupportedGrantType,
            "authorization_code or refresh_token",
        ),
    }
}

async fn redeem(
    app: &AppState,
    caller: &Caller,
    client: &OidcClient,
    req: &TokenRequest,
    issuer: &str,
) -> Result<Result<Value, Refusal>, Error> {
    if req.code.is_empty() || req.code.len() > 128 {
        return refuse(OidcError::InvalidRequest, "code is required");
    }
    let hash = yiwang_crypto::sha256_hex(req.code.as_bytes());
    // Made (at first use) before the transaction: SQLite has one writer.
    let key = app.store.oidc_signing_key().await?;
    let mut tx = app.store.begin().await?;
    let code = match app.store.take_oidc_code(&mut tx, &hash).await? {
        Ok(c) => c,
        Err(replayed) => {
            if replayed {
                // Someone may hold a copy of the code: what it gave is taken back.
                app.store.revoke_oidc_family(&mut tx, &hash).await?;
                yiwang_store::commit(tx).await?;
            }
            return refuse(
                OidcError::InvalidGrant,
                "the code is unknown or already used",
            );
        }
    };
    // The code is spent whatever happens next; a wrong verifier must not leave it usable.
    let now = Timestamp::now();
    let refusal = if code.grant.client_id != client.id {
        Some("the code was issued to another client")
    } else if code.redirect_uri != req.redirect_uri {
        Some("redirect_uri differs from the authorization request")
    } else if now.millis() >= code.expires_at.millis() {
        Some("the code has expired")
    } else if !oidc::is_verifier(&req.code_verifier)
        || !jose::pkce_matches(&req.code_verifier, &code.challenge)
    {
        Some("code_verifier does not match the code_challenge")
    } else {
        None
    };
    if let Some(description) = refusal {
        yiwang_store::commit(tx).await?;
        return refuse(OidcError::InvalidGrant, description);
    }
    let body = tokens(
        app,
        &mut tx,
        &key,
        client,
        &code.grant,
        &hash,
        code.nonce.as_deref(),
        issuer,
    )
    .await?;
    if !code.grant.claims.is_empty() {
        let actor = AuditActor {
            id: Some(client.id.clone()),
            name: client.name.clone(),
            org: None,
        };
        let target = Target {
            kind: Some("oidc_client"),
            id: Some(client.id.clone()),
            subject: Some(code.grant.account),
            // The access log's field names.
            detail: Some(json!({"fields": code.grant.claims.iter().map(|c| match c {
                Claim::Name => "real_name",
                Claim::Phone => "phone",
                Claim::IdNumber => "id_number",
            }).collect::<Vec<_>>()})),
            ..Default::default()
        };
        audit::record_as(
            &app.store,
            &mut tx,
            actor,
            AuditAction::SsoClaimsShared,
            target,
            &caller.request_id,
        )
        .await?;
    }
    yiwang_store::commit(tx).await?;
    Ok(Ok(body))
}

async fn refresh(
    app: &AppState,
    client: &OidcClient,
    req: &TokenRequest,
    issuer: &str,
) -> Result<Result<Value, Refusal>, Error> {
    if req.refresh_token.is_empty() || req.refresh_token.len() > 128 {
        return refuse(OidcError::InvalidRequest, "refresh_token is required");
    }
    let hash = yiwang_crypto::sha256_hex(req.refresh_token.as_bytes());
    let Some(row) = app.store.oidc_token(&hash).await? else {
        return refuse(OidcError::InvalidGrant, "unknown refresh_token");
    };
    if row.kind != "refresh" || row.grant.client_id != client.id {
        return refuse(OidcError::InvalidGrant, "unknown refresh_token");
    }
    let key = app.store.oidc_signing_key().await?;
    let mut tx = app.store.begin().await?;
    match oidc::refresh_outcome(row.used, row.revoked, row.expires_at, Timestamp::now()) {
        RefreshOutcome::Refuse => {
            return refuse(
                OidcError::InvalidGrant,
                "the refresh_token has expired or was revoked",
            );
        }
        RefreshOutcome::RevokeFamily => {
            app.store.revoke_oidc_family(&mut tx, &row.family).await?;
            yiwang_store::commit(tx).await?;
            return refuse(
                OidcError::InvalidGrant,
                "the refresh_token was already used",
            );
        }
        RefreshOutcome::Rotate => {}
    }
    if !app.store.use_oidc_token(&mut tx, &hash).await? {
        // Another request rotated it a moment ago: the same reuse.
        app.store.revoke_oidc_family(&mut tx, &row.family).await?;
        yiwang_store::commit(tx).await?;
        return refuse(
            OidcError::InvalidGrant,
            "the refresh_token was already used",
        );
    }
    let body = tokens(
        app,
        &mut tx,
        &key,
        client,
        &row.grant,
        &row.family,
        None,
        issuer,
    )
    .await?;
    yiwang_store::commit(tx).await?;
    Ok(Ok(body))
}

/// A person's subject identifier for a client: pairwise, so two systems cannot match their
/// users by it.
pub fn subject(app: &AppState, client: &str, account: AccountId) -> String {
    app.store
        .vault()
        .blind_index("oidc_sub", &format!("{client}|{account}"))
}

/// `sid`: the platform session as this client sees it.
pub fn sid(client: &str, session_hash: &str) -> String {
    let mut h = yiwang_crypto::sha256_hex(format!("sid|{client}|{session_hash}").as_bytes());
    h.truncate(32);
    h
}

#[allow(clippy::too_many_arguments)]
async fn tokens(
    app: &AppState,
    tx: &mut yiwang_store::Tx,
    key: &jose::RsaSigner,
    client: &OidcClient,
    g: &Grant,
    family: &str,
    nonce: Option<&str>,
    issuer: &str,
) -> Result<Value, Error> {
    let now = Timestamp::now();
    let access = format!("yo_{}", yiwang_crypto::random::token()?);
    // A refresh token only when asked for (`offline_access`) and the client is allowed it.
    let refresh = (g
        .scope
        .split(' ')
        .any(|s| s == oidc::Scope::OfflineAccess.as_str())
        && client.scopes.contains(&oidc::Scope::OfflineAccess))
    .then(|| yiwang_crypto::random::token().map(|t| format!("yr_{t}")))
    .transpose()?;
    app.store
        .insert_oidc_token(
            tx,
            &yiwang_crypto::sha256_hex(access.as_bytes()),
            "access",
            family,
            g,
            Timestamp(now.millis() + ACCESS_LIFETIME_SECS * 1000),
        )
        .await?;
    if let Some(refresh) = &refresh {
        app.store
            .insert_oidc_token(
                tx,
                &yiwang_crypto::sha256_hex(refresh.as_bytes()),
                "refresh",
                family,
                g,
                Timestamp(now.millis() + REFRESH_LIFETIME_SECS * 1000),
            )
            .await?;
    }
    let (amr, acr) = oidc::amr_acr(g.staff);
    let mut claims = Map::new();
    claims.insert("iss".into(), json!(issuer));
    claims.insert("sub".into(), json!(subject(app, &client.id, g.account)));
    claims.insert("aud".into(), json!(client.id));
    claims.insert("azp".into(), json!(client.id));
    claims.insert("iat".into(), json!(now.secs()));
    claims.insert("exp".into(), json!(now.secs() + ACCESS_LIFETIME_SECS));
    claims.insert("auth_time".into(), json!(g.auth_time.secs()));
    claims.insert("at_hash".into(), json!(jose::half_hash(&access)));
    claims.insert("sid".into(), json!(sid(&client.id, &g.session_hash)));
    claims.insert("amr".into(), json!(amr));
    claims.insert("acr".into(), json!(acr));
    if let Some(n) = nonce {
        claims.insert("nonce".into(), json!(n));
    }
    let id_token = key.sign("JWT", &Value::Object(claims))?;
    let mut body = json!({
        "access_token": access,
        "token_type": "Bearer",
        "expires_in": ACCESS_LIFETIME_SECS,
        "id_token": id_token,
        "scope": g.scope,
    });
    if let Some(r) = refresh {
        body["refresh_token"] = json!(r);
    }
    Ok(body)
}

/// The claims for an access token: `sub` always, the rest only as agreed.
pub async fn userinfo(app: &AppState, access_token: &str) -> Result<Option<Value>, Error> {
    if !access_token.starts_with("yo_") || access_token.len() > 128 {
        return Ok(None);
    }
    let Some(row) = app
        .store
        .oidc_token(&yiwang_crypto::sha256_hex(access_token.as_bytes()))
        .await?
    else {
        return Ok(None);
    };
    if row.kind != "access" || row.revoked || Timestamp::now().millis() >= row.expires_at.millis() {
        return Ok(None);
    }
    let g = &row.grant;
    let mut out = Map::new();
    out.insert("sub".into(), json!(subject(app, &g.client_id, g.account)));
    let profile = app.store.profile(g.account).await?;
    let verified = profile.identity.is_some_and(|a| a.is_verified());
    if g.claims.contains(&Claim::Name) {
        out.insert("real_name_verified".into(), json!(verified));
        if let Some(n) = profile.real_name.as_deref() {
            out.insert("name".into(), json!(n));
        }
    }
    if g.claims.contains(&Claim::Phone)
        && let Some(p) = profile.phone.as_deref()
    {
        out.insert("phone_number".into(), json!(format!("+86{p}")));
        out.insert("phone_number_verified".into(), json!(true));
    }
    if g.claims.contains(&Claim::IdNumber)
        && let Some(id) = profile.id_number.as_deref()
    {
        out.insert("id_number".into(), json!(id));
        out.insert("id_number_verified".into(), json!(verified));
    }
    Ok(Some(Value::Object(out)))
}
