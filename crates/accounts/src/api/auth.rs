//! Registration, login tokens and password reset for apps.

use std::time::Duration;

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use yiwang_domain::ErrorCode;
use yiwang_domain::account::CodePurpose;
use yiwang_domain::ids::AccountId;
use yiwang_store::clients::TokenOwner;

use crate::services::accounts::{self, CodeAndPassword};
use crate::services::staff::{self as staff_service, StaffLogin};
use yiwang_kit::api::ApiErrors;
use yiwang_kit::auth::Principal;
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::Json;
use yiwang_kit::state::AppState;

/// How long an app token lasts.
const CITIZEN_TOKEN_TTL: Duration = Duration::from_secs(90 * 86_400);
/// How long a staff token lasts: one working day.
const STAFF_TOKEN_TTL: Duration = Duration::from_secs(12 * 3600);

/// Ask for a one-time code.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SmsCodeRequest {
    /// Mainland mobile number.
    pub phone: String,
    /// `register` or `reset_password`.
    #[schema(value_type = String, example = "register")]
    pub purpose: CodePurpose,
}

/// The answer to a code request: the same whether or not the number has an account.
#[derive(Serialize, ToSchema)]
pub struct Accepted {
    /// Always true: if the number can be used, a code is on its way.
    pub accepted: bool,
}

/// Requests an SMS code. The answer never reveals whether the number is registered.
#[utoipa::path(post, path = "/api/v1/auth/sms-codes", tag = "auth", request_body = SmsCodeRequest,
    responses((status = 202, description = "Accepted", body = Accepted), ApiErrors))]
pub async fn request_code(
    State(app): State<AppState>,
    ctx: Ctx,
    Json(body): Json<SmsCodeRequest>,
) -> Result<Response, Error> {
    accounts::request_code(&app, &ctx, &body.phone, body.purpose).await?;
    Ok((
        StatusCode::ACCEPTED,
        axum::Json(Accepted { accepted: true }),
    )
        .into_response())
}

/// Register with a number, its SMS code and a password.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterRequest {
    /// Mobile number.
    pub phone: String,
    /// The six-digit code.
    pub code: String,
    /// New password (8–128 characters).
    pub password: String,
    /// The password again (defaults to `password`).
    #[serde(default)]
    pub confirm: Option<String>,
}

/// A new bearer token.
#[derive(Serialize, ToSchema)]
pub struct TokenOut {
    /// The account.
    pub account_id: String,
    /// The token for `Authorization: Bearer …`. Shown once.
    pub token: String,
    /// When it stops working (RFC 3339).
    pub expires_at: String,
}

/// Creates a citizen account and returns a token for it.
#[utoipa::path(post, path = "/api/v1/auth/register", tag = "auth", request_body = RegisterRequest,
    responses((status = 201, description = "Registered", body = TokenOut), ApiErrors))]
pub async fn register(
    State(app): State<AppState>,
    ctx: Ctx,
    Json(body): Json<RegisterRequest>,
) -> Result<Response, Error> {
    let input = code_and_password(body.phone, body.code, body.password, body.confirm);
    let (account, session) = accounts::register(&app, &ctx, &input).await?;
    // Apps use tokens; the browser session made by registration is not needed.
    app.store
        .delete_session_hash(&session.session.id_hash)
        .await?;
    token_issued(&app, account, "app", CITIZEN_TOKEN_TTL).await
}

/// What a citizen sends with an SMS code: the password's confirmation defaults to the
/// password.
fn code_and_password(
    phone: String,
    code: String,
    password: String,
    confirm: Option<String>,
) -> CodeAndPassword {
    CodeAndPassword {
        confirm: confirm.unwrap_or_else(|| password.clone()),
        phone,
        code,
        password,
    }
}

/// Issues a bearer token for the account and answers 201 with it.
async fn token_issued(
    app: &AppState,
    account: AccountId,
    label: &str,
    ttl: Duration,
) -> Result<Response, Error> {
    let (token, expires) =
        accounts::issue_token(app, TokenOwner::Account(account), label, ttl).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(TokenOut {
            account_id: account.to_string(),
            token,
            expires_at: expires.rfc3339(),
        }),
    )
        .into_response())
}

/// Credentials for a token: a citizen's number and password, or a staff member's login name,
/// password and authenticator code.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    /// Citizen mobile number.
    #[serde(default)]
    pub phone: Option<String>,
    /// Staff login name.
    #[serde(default)]
    pub username: Option<String>,
    /// Password.
    pub password: String,
    /// Staff authenticator code.
    #[serde(default)]
    pub code: Option<String>,
    /// A name for the token (e.g. the device).
    #[serde(default)]
    pub label: Option<String>,
}

/// Logs in and returns a bearer token.
#[utoipa::path(post, path = "/api/v1/auth/tokens", tag = "auth", request_body = TokenRequest,
    responses((status = 201, description = "Token issued", body = TokenOut), ApiErrors))]
pub async fn issue_token(
    State(app): State<AppState>,
    ctx: Ctx,
    Json(body): Json<TokenRequest>,
) -> Result<Response, Error> {
    let caller = ctx.caller.clone();
    let label = body.label.as_deref().unwrap_or("app");
    let (account, ttl) = match (&body.phone, &body.username) {
        (Some(phone), None) => (
            accounts::authenticate(&app, &caller, phone, &body.password).await?,
            CITIZEN_TOKEN_TTL,
        ),
        (None, Some(username)) => {
            let code = body.code.clone().unwrap_or_default();
            match staff_service::login(&app, &caller, username, &body.password, &code).await? {
                StaffLogin::LoggedIn(s) => {
                    app.store.delete_session_hash(&s.session.id_hash).await?;
                    (s.session.account, STAFF_TOKEN_TTL)
                }
                StaffLogin::MustEnrol(s) => {
                    app.store.delete_session_hash(&s.session.id_hash).await?;
                    return Err(Error::code(ErrorCode::TotpRequired));
                }
            }
        }
        _ => return Err(Error::code(ErrorCode::InvalidBody)),
    };
    token_issued(&app, account, label, ttl).await
}

/// Revokes the token used for this request (or ends the browser session).
#[utoipa::path(delete, path = "/api/v1/auth/tokens/current", tag = "auth",
    responses((status = 204, description = "Revoked"), ApiErrors), security(("bearer" = []), ("cookie" = [])))]
pub async fn revoke_current(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    match &ctx.principal {
        Principal::Bearer { token, actor } => {
            let account = actor.account().ok_or_else(Error::forbidden)?;
            app.store
                .revoke_token(*token, TokenOwner::Account(account))
                .await?;
        }
        Principal::Session { session, .. } => {
            app.store.delete_session_hash(&session.id_hash).await?
        }
        _ => return Err(Error::code(ErrorCode::Unauthenticated)),
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Reset a forgotten password.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetRequest {
    /// Mobile number.
    pub phone: String,
    /// The six-digit code.
    pub code: String,
    /// New password.
    pub password: String,
    /// The new password again (defaults to `password`).
    #[serde(default)]
    pub confirm: Option<String>,
}

/// Resets a password with an SMS code; every session and token of the account ends.
#[utoipa::path(post, path = "/api/v1/auth/password-reset", tag = "auth", request_body = ResetRequest,
    responses((status = 204, description = "Password reset"), ApiErrors))]
pub async fn reset_password(
    State(app): State<AppState>,
    ctx: Ctx,
    Json(body): Json<ResetRequest>,
) -> Result<Response, Error> {
    let input = code_and_password(body.phone, body.code, body.password, body.confirm);
    accounts::reset_password(&app, &ctx, &input).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
