//! Web Push for apps and the settings page's script: the VAPID public key, a device's
//! subscription added and removed, and a test message to the caller's own devices.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use yiwang_domain::ErrorCode;
use yiwang_domain::ids::AccountId;

use crate::services::notifications::{self, PushSetup, SubscriptionInput};
use yiwang_kit::api::ApiErrors;
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::Json;
use yiwang_kit::state::AppState;

fn me_id(ctx: &Ctx) -> Result<AccountId, Error> {
    ctx.principal
        .account()
        .ok_or_else(|| Error::code(ErrorCode::Unauthenticated))
}

/// The key browsers subscribe with.
#[derive(Serialize, ToSchema)]
pub struct VapidKeyOut {
    /// The VAPID public key: an uncompressed P-256 point, base64url without padding, for
    /// `pushManager.subscribe({applicationServerKey})`.
    #[serde(rename = "publicKey")]
    pub public_key: String,
}

/// `GET /api/v1/push/vapid-public-key`.
#[utoipa::path(get, path = "/api/v1/push/vapid-public-key", tag = "push",
    responses((status = 200, description = "The VAPID public key", body = VapidKeyOut), ApiErrors))]
pub async fn vapid_public_key(State(app): State<AppState>) -> Result<Response, Error> {
    let setup = app.part::<PushSetup>()?;
    Ok(axum::Json(VapidKeyOut {
        public_key: setup.public_key.clone(),
    })
    .into_response())
}

/// The device added.
#[derive(Serialize, ToSchema)]
pub struct DeviceOut {
    /// Its id (shown on the settings page).
    pub id: String,
    /// What it is called there, e.g. `Chrome · Android`.
    pub label: String,
}

/// `POST /api/v1/push/subscriptions`: the browser's `PushSubscription`; the same endpoint
/// again is the same device (moved to the caller if someone else had it).
#[utoipa::path(post, path = "/api/v1/push/subscriptions", tag = "push", request_body = SubscriptionInput,
    responses((status = 201, description = "The device takes push messages", body = DeviceOut), ApiErrors),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn subscribe(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Json(sub): Json<SubscriptionInput>,
) -> Result<Response, Error> {
    let me = me_id(&ctx)?;
    let ua = headers
        .get(http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let id = notifications::add_device(&app, me, &sub, ua).await?;
    let out = DeviceOut {
        id: id.to_string(),
        label: notifications::device_label(ua),
    };
    Ok((StatusCode::CREATED, axum::Json(out)).into_response())
}

/// Which device to remove.
#[derive(Deserialize, ToSchema)]
pub struct EndpointInput {
    /// The endpoint of the `PushSubscription` being dropped.
    pub endpoint: String,
}

/// `DELETE /api/v1/push/subscriptions`: no more messages to that device. An endpoint the
/// caller does not have is "not found".
#[utoipa::path(delete, path = "/api/v1/push/subscriptions", tag = "push", request_body = EndpointInput,
    responses((status = 204, description = "The device no longer takes push messages"), ApiErrors),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn unsubscribe(
    State(app): State<AppState>,
    ctx: Ctx,
    Json(e): Json<EndpointInput>,
) -> Result<Response, Error> {
    app.store
        .remove_push_endpoint(me_id(&ctx)?, &e.endpoint)
        .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `POST /api/v1/push/test`: a test message to each of the caller's devices (the settings
/// page's "send me a test notification"). Accepted at once and pushed by the outbox.
#[utoipa::path(post, path = "/api/v1/push/test", tag = "push",
    responses((status = 202, description = "The test message is on its way to the caller's devices"), ApiErrors),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn test(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    notifications::send_test(&app, me_id(&ctx)?).await?;
    Ok(StatusCode::ACCEPTED.into_response())
}
