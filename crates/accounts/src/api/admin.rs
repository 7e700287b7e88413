//! Reading a citizen's details through the API, for staff scripts and other systems. Every call is checked
//! against the caller's grants exactly as the console does, and audited the same way.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use yiwang_domain::identity::id_number::mask_id_number;
use yiwang_domain::ids::AccountId;

use yiwang_kit::api::ApiErrors;
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Path, Query};

use yiwang_kit::state::AppState;

/// Why a citizen's details are read.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct CitizenQuery {
    /// The reason, recorded and shown to the citizen (2–100 characters).
    pub reason: String,
}

/// A citizen's details, as staff see them.
#[derive(Serialize, ToSchema)]
pub struct CitizenOut {
    /// Account id.
    pub id: String,
    /// Mobile number.
    pub phone: Option<String>,
    /// Verified name.
    pub real_name: Option<String>,
    /// ID number, masked (the full number only on the audited console page).
    pub id_number: Option<String>,
    /// Whether the real name is verified.
    pub verified: bool,
}

/// Reads a citizen's details. Recorded in the audit log and shown to the citizen.
#[utoipa::path(get, path = "/api/v1/admin/citizens/{id}", tag = "admin", params(("id" = String, Path, description = "Account id"), CitizenQuery),
    responses((status = 200, description = "Reads a citizen's details", body = CitizenOut), ApiErrors), security(("bearer" = []), ("cookie" = [])))]
pub async fn citizen(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<AccountId>,
    Query(q): Query<CitizenQuery>,
) -> Result<Response, Error> {
    let p =
        crate::services::citizens::read(&app, &ctx, id, &q.reason, &["phone", "real_name"]).await?;
    Ok(axum::Json(CitizenOut {
        id: id.to_string(),
        phone: p.phone,
        real_name: p.real_name,
        id_number: p.id_number.as_deref().map(mask_id_number),
        verified: p.verified_at.is_some(),
    })
    .into_response())
}
