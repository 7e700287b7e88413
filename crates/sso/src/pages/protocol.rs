//! The endpoints relying parties call: discovery, the key set, the token endpoint and
//! userinfo. Their answers are the protocol's (RFC 6749, RFC 6750, OpenID Connect Core and
//! Discovery), not the platform's own error shape.

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use serde_json::{Value, json};
use yiwang_domain::oidc::{self, OidcError, Scope};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::Form;
use yiwang_kit::pipeline::percent_decode;
use yiwang_kit::respond::absolute;
use yiwang_kit::state::AppState;

use crate::services::flow::{self, ClientAuth, Refusal, TokenRequest};

/// The issuer: the configured public address, else this request's origin.
pub fn issuer(app: &AppState, headers: &HeaderMap) -> String {
    absolute(app, headers, "")
}

fn json_response(status: StatusCode, body: &Value, no_store: bool) -> Response {
    let mut res = (status, axum::Json(body.clone())).into_response();
    if no_store {
        let h = res.headers_mut();
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        h.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    }
    res
}

/// `GET /.well-known/openid-configuration`.
pub async fn discovery(State(app): State<AppState>, headers: HeaderMap) -> Response {
    let iss = issuer(&app, &headers);
    let scopes: Vec<&str> = Scope::ALL.iter().map(|s| s.as_str()).collect();
    let body = json!({
        "issuer": iss,
        "authorization_endpoint": format!("{iss}/oidc/authorize"),
        "token_endpoint": format!("{iss}/oidc/token"),
        "userinfo_endpoint": format!("{iss}/oidc/userinfo"),
        "jwks_uri": format!("{iss}/oidc/jwks"),
        "end_session_endpoint": format!("{iss}/oidc/logout"),
        "scopes_supported": scopes,
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": ["authorization_code", "refresh_token"],
        "subject_types_supported": ["pairwise"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "private_key_jwt"],
        "token_endpoint_auth_signing_alg_values_supported": ["RS256"],
        "code_challenge_methods_supported": ["S256"],
        "claims_supported": ["sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "acr", "amr", "sid",
                             "name", "real_name_verified", "phone_number", "phone_number_verified",
                             "id_number", "id_number_verified"],
        "acr_values_supported": ["urn:yiwang:acr:pwd", "urn:yiwang:acr:mfa"],
        "prompt_values_supported": ["none", "login", "consent"],
        "claims_parameter_supported": false,
        "request_parameter_supported": false,
        "request_uri_parameter_supported": false,
        "authorization_response_iss_parameter_supported": true,
        "backchannel_logout_supported": true,
        "backchannel_logout_session_supported": true,
        "ui_locales_supported": ["zh-CN", "zh-TW", "en"],
    });
    json_response(StatusCode::OK, &body, false)
}

/// `GET /oidc/jwks`: the signing key and those retired recently, public parts only.
pub async fn jwks(State(app): State<AppState>) -> Result<Response, Error> {
    app.store.oidc_signing_key().await?;
    let keys: Vec<Value> = app
        .store
        .oidc_public_keys(oidc::RETIRED_KEY_PUBLISHED_SECS * 1000)
        .await?
        .into_iter()
        .map(|(jwk, _, _)| jwk)
        .collect();
    let mut res = json_response(StatusCode::OK, &json!({ "keys": keys }), false);
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    Ok(res)
}

fn refusal(r: &Refusal) -> Response {
    let status = if r.error == OidcError::InvalidClient {
        StatusCode::UNAUTHORIZED
    } else {
        StatusCode::BAD_REQUEST
    };
    let mut res = json_response(
        status,
        &json!({"error": r.error.as_str(), "error_description": r.description}),
        true,
    );
    if status == StatusCode::UNAUTHORIZED {
        res.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Basic realm=\"yiwang\""),
        );
    }
    res
}

/// HTTP Basic client credentials, each part form-decoded (RFC 6749 §2.3.1).
fn basic(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let encoded = value.strip_prefix("Basic ")?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (id, secret) = text.split_once(':')?;
    Some((
        percent_decode(&id.replace('+', " "))?,
        percent_decode(&secret.replace('+', " "))?,
    ))
}

/// `POST /oidc/token`.
pub async fn token(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    form: Result<Form<TokenRequest>, Error>,
) -> Result<Response, Error> {
    let Ok(Form(req)) = form else {
        return Ok(refusal(&Refusal {
            error: OidcError::InvalidRequest,
            description: "the body must be application/x-www-form-urlencoded",
        }));
    };
    let has_basic_header = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("Basic "));
    let auth = ClientAuth {
        basic: basic(&headers),
        client_id: req.client_id.clone(),
        client_secret: req.client_secret.clone(),
        assertion_type: req.client_assertion_type.clone(),
        assertion: req.client_assertion.clone(),
    };
    if has_basic_header && auth.basic.is_none() {
        return Ok(refusal(&Refusal {
            error: OidcError::InvalidClient,
            description: "malformed Basic credentials",
        }));
    }
    let iss = issuer(&app, &headers);
    Ok(match flow::token(&app, &ctx, &auth, &req, &iss).await? {
        Ok(body) => json_response(StatusCode::OK, &body, true),
        Err(r) => refusal(&r),
    })
}

fn bearer(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(|t| t.trim().to_owned())
}

async fn answer_userinfo(app: &AppState, token: Option<String>) -> Result<Response, Error> {
    let claims = match token {
        Some(t) => flow::userinfo(app, &t).await?,
        None => None,
    };
    Ok(match claims {
        Some(c) => json_response(StatusCode::OK, &c, true),
        None => {
            let mut res = json_response(
                StatusCode::UNAUTHORIZED,
                &json!({"error": OidcError::InvalidToken.as_str()}),
                true,
            );
            res.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"yiwang\", error=\"invalid_token\""),
            );
            res
        }
    })
}

/// `GET /oidc/userinfo` with the access token as a bearer token.
pub async fn userinfo(State(app): State<AppState>, headers: HeaderMap) -> Result<Response, Error> {
    answer_userinfo(&app, bearer(&headers)).await
}

/// The body of a userinfo POST (RFC 6750 §2.2 allows the token in the form).
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct TokenInBody {
    access_token: String,
}

/// `POST /oidc/userinfo`.
pub async fn userinfo_post(
    State(app): State<AppState>,
    headers: HeaderMap,
    form: Result<Form<TokenInBody>, Error>,
) -> Result<Response, Error> {
    let token = bearer(&headers).or_else(|| {
        form.ok()
            .map(|Form(b)| b.access_token)
            .filter(|t| !t.is_empty())
    });
    answer_userinfo(&app, token).await
}
