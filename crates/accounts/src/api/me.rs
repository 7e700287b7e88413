//! The caller's own account.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use yiwang_domain::enterprise::EnterpriseInput;
use yiwang_domain::identity::id_number::mask_id_number;
use yiwang_domain::identity::phone::mask_mobile;
use yiwang_domain::ids::{AccountId, NotificationId};
use yiwang_domain::paging::Page;
use yiwang_domain::{ErrorCode, FieldCode};

use crate::services::access_log;
use crate::services::accounts::{self, ChangePasswordInput};
use crate::services::identity::{self, RealNameInput};
use yiwang_kit::api::{ApiErrors, List, Paging};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Json, Path, Query};
use yiwang_kit::state::AppState;

fn me_id(ctx: &Ctx) -> Result<AccountId, Error> {
    ctx.principal
        .account()
        .ok_or_else(|| Error::code(ErrorCode::Unauthenticated))
}

/// The caller's account. Personal data is masked; the full values are only on the web pages
/// the owner opens.
#[derive(Serialize, ToSchema)]
pub struct MeOut {
    /// Account id.
    pub id: String,
    /// `citizen` or `staff`.
    pub kind: String,
    /// Masked mobile number.
    pub phone: Option<String>,
    /// Whether a real name is recorded (at any level; see `identity_level`).
    pub real_name_verified: bool,
    /// How sure the platform is of it: `self_declared`, `provider` (verified by the identity
    /// service) or `in_person` (verified at a counter); absent when none is recorded.
    pub identity_level: Option<String>,
    /// Verified name.
    pub real_name: Option<String>,
    /// Masked ID number.
    pub id_number: Option<String>,
    /// Preferred language tag.
    pub lang: String,
    /// When the account was created (RFC 3339).
    pub created_at: String,
}

/// `GET /api/v1/me`.
#[utoipa::path(get, path = "/api/v1/me", tag = "me", responses((status = 200, description = "The caller's account", body = MeOut), ApiErrors), security(("bearer" = []), ("cookie" = [])))]
pub async fn me(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let p = app.store.profile(me_id(&ctx)?).await?;
    Ok(axum::Json(MeOut {
        id: p.id.to_string(),
        kind: p.kind.as_str().to_owned(),
        phone: p.phone.as_deref().map(mask_mobile),
        real_name_verified: p.verified_at.is_some(),
        identity_level: p.identity.map(|l| l.as_str().to_owned()),
        real_name: p.real_name,
        id_number: p.id_number.as_deref().map(mask_id_number),
        lang: p.lang.tag().to_owned(),
        created_at: p.created_at.rfc3339(),
    })
    .into_response())
}

/// Change the password.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordRequest {
    /// The current password.
    pub current: String,
    /// The new password.
    pub password: String,
    /// The new password again (defaults to `password`).
    #[serde(default)]
    pub confirm: Option<String>,
}

/// Changes the password. Other sessions and every token end, except the one making the call.
#[utoipa::path(put, path = "/api/v1/me/password", tag = "me", request_body = PasswordRequest,
    responses((status = 204, description = "Changed"), ApiErrors), security(("bearer" = []), ("cookie" = [])))]
pub async fn change_password(
    State(app): State<AppState>,
    ctx: Ctx,
    Json(body): Json<PasswordRequest>,
) -> Result<Response, Error> {
    let input = ChangePasswordInput {
        confirm: body.confirm.unwrap_or_else(|| body.password.clone()),
        current: body.current,
        password: body.password,
    };
    let keep = ctx.principal.session().map(|s| s.id_hash.clone());
    accounts::change_password(&app, &ctx, me_id(&ctx)?, keep.as_deref(), &input).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Record or verify the real name.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RealNameRequest {
    /// Name as on the resident ID card.
    pub name: String,
    /// The 18-character ID number.
    pub id_number: String,
    /// `self_declared` (the default: recorded after the GB 11643-1999 checks only) or
    /// `provider` (checked by the identity service; verified and locked on a match).
    #[serde(default)]
    pub method: Option<String>,
}

/// Records the caller's real name (self-declared), or verifies it through the identity
/// service. A verified identity is locked: replacing it takes a new verification. The answer
/// never says whether another account uses the number. A provider that cannot be reached is
/// 503 `unavailable`; a mismatch is 422 `identity_mismatch` on `name`; a number that must be
/// verified at a counter is 409 `identity_needs_counter`.
#[utoipa::path(post, path = "/api/v1/me/real-name", tag = "me", request_body = RealNameRequest,
    responses((status = 204, description = "Recorded or verified"), ApiErrors), security(("bearer" = []), ("cookie" = [])))]
pub async fn verify_real_name(
    State(app): State<AppState>,
    ctx: Ctx,
    Json(body): Json<RealNameRequest>,
) -> Result<Response, Error> {
    let input = RealNameInput {
        name: body.name,
        id_number: body.id_number,
    };
    let account = me_id(&ctx)?;
    match body.method.as_deref() {
        None | Some("self_declared") => identity::declare(&app, &ctx, account, &input).await?,
        Some("provider") => identity::verify_with_provider(&app, &ctx, account, &input).await?,
        Some(_) => return Err(Error::field("method", FieldCode::InvalidChoice)),
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// One inbox message, rendered in the request's language.
#[derive(Serialize, ToSchema)]
pub struct MessageOut {
    /// Message id.
    pub id: String,
    /// Kind of message.
    pub kind: String,
    /// Title.
    pub title: String,
    /// Text.
    pub body: String,
    /// When it arrived (RFC 3339).
    pub created_at: String,
    /// Whether it was read.
    pub read: bool,
}

/// The caller's inbox, newest first.
#[utoipa::path(get, path = "/api/v1/me/messages", tag = "me", params(Paging),
    responses((status = 200, description = "The caller's inbox, newest first", body = List<MessageOut>), ApiErrors), security(("bearer" = []), ("cookie" = [])))]
pub async fn messages(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<Paging>,
) -> Result<Response, Error> {
    let page = Page::new(q.page, q.per_page, 20)?;
    let (items, total) = app.store.inbox(me_id(&ctx)?, page).await?;
    let items = items
        .into_iter()
        .map(|i| {
            let r = i.notice.render(ctx.prefs.lang, &app.config.site_name);
            MessageOut {
                id: i.id.to_string(),
                kind: i.notice.kind().to_owned(),
                title: r.title,
                body: r.body,
                created_at: i.created_at.rfc3339(),
                read: i.read_at.is_some(),
            }
        })
        .collect();
    Ok(axum::Json(List { total, items }).into_response())
}

/// Marks a message read.
#[utoipa::path(post, path = "/api/v1/me/messages/{id}/read", tag = "me", params(("id" = String, Path, description = "Message id")),
    responses((status = 204, description = "Marked read"), ApiErrors), security(("bearer" = []), ("cookie" = [])))]
pub async fn read_message(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<NotificationId>,
) -> Result<Response, Error> {
    app.store.mark_read(me_id(&ctx)?, id).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// One staff access to the caller's personal data.
#[derive(Serialize, ToSchema)]
pub struct AccessOut {
    /// When (RFC 3339).
    pub at: String,
    /// The staff member.
    pub actor: String,
    /// Their office.
    pub org: Option<String>,
    /// `personal_data_read`, `citizen_lookup`, `case_read` or `assisted_application`.
    pub action: String,
    /// The reason they gave.
    pub reason: Option<String>,
    /// What was read: `answers`, `files`, `real_name`, `id_number`, `phone`.
    pub fields: Vec<String>,
}

/// Staff reads of the caller's personal data (ACC-4), one entry per access.
#[utoipa::path(get, path = "/api/v1/me/access-log", tag = "me", params(Paging),
    responses((status = 200, description = "Staff reads of the caller's personal data (ACC-4), one entry per access", body = List<AccessOut>), ApiErrors), security(("bearer" = []), ("cookie" = [])))]
pub async fn access_log(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<Paging>,
) -> Result<Response, Error> {
    let page = Page::new(q.page, q.per_page, 20)?;
    let (rows, total) = access_log::accesses(&app, me_id(&ctx)?, page).await?;
    let items = rows
        .into_iter()
        .map(|e| AccessOut {
            at: e.at.rfc3339(),
            actor: e.actor,
            org: e.org,
            action: e.action.as_str().to_owned(),
            reason: e.reason,
            fields: e.fields,
        })
        .collect();
    Ok(axum::Json(List { total, items }).into_response())
}

/// An enterprise the caller acts for.
#[derive(Serialize, ToSchema)]
pub struct EnterpriseOut {
    /// Enterprise id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Unified social credit code.
    pub credit_code: String,
    /// `legal_representative` or `agent`.
    pub role: String,
    /// Whether the authorisation is in force.
    pub in_force: bool,
}

/// Enterprises the caller is authorised for.
#[utoipa::path(get, path = "/api/v1/me/enterprises", tag = "me",
    responses((status = 200, description = "Enterprises the caller is authorised for", body = List<EnterpriseOut>), ApiErrors), security(("bearer" = []), ("cookie" = [])))]
pub async fn enterprises(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let now = yiwang_domain::Timestamp::now();
    let items: Vec<EnterpriseOut> = app
        .store
        .enterprises_of(me_id(&ctx)?)
        .await?
        .into_iter()
        .map(|e| EnterpriseOut {
            id: e.id.to_string(),
            name: e.name,
            credit_code: e.credit_code,
            role: e.role.as_str().to_owned(),
            in_force: e.authorisation.in_force(now),
        })
        .collect();
    Ok(axum::Json(List {
        total: items.len() as i64,
        items,
    })
    .into_response())
}

/// Register an enterprise.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EnterpriseRequest {
    /// Registered name.
    pub name: String,
    /// Unified social credit code (GB 32100-2015).
    pub credit_code: String,
    /// Legal representative's name (must be the caller's verified name).
    pub legal_representative: String,
}

/// A created resource's id.
#[derive(Serialize, ToSchema)]
pub struct Created {
    /// The new id.
    pub id: String,
}

/// Registers an enterprise with the caller as legal representative.
#[utoipa::path(post, path = "/api/v1/me/enterprises", tag = "me", request_body = EnterpriseRequest,
    responses((status = 201, description = "Registers an enterprise with the caller as legal representative", body = Created), ApiErrors), security(("bearer" = []), ("cookie" = [])))]
pub async fn create_enterprise(
    State(app): State<AppState>,
    ctx: Ctx,
    Json(body): Json<EnterpriseRequest>,
) -> Result<Response, Error> {
    let input = EnterpriseInput {
        name: body.name,
        credit_code: body.credit_code,
        legal_representative: body.legal_representative,
    };
    let id = crate::services::enterprises::create(&app, me_id(&ctx)?, &input).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(Created { id: id.to_string() }),
    )
        .into_response())
}
