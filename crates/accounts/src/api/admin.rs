//! Reading a citizen's details through the API, for staff scripts and other systems. Every call is checked
//! against the caller's grants exactly as the console does, audited the same way, and shows the
//! same view (`services::citizens::CitizenDetails`). It stays a GET with the reason in the
//! query: a documented machine interface whose callers are systems, not browsers that prefetch,
//! cache or replay addresses.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
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
    /// ID number, masked (first three and last four characters), as on the console page.
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
    let d = crate::services::citizens::read(&app, &ctx, id, &q.reason).await?;
    Ok(axum::Json(CitizenOut {
        id: d.id.to_string(),
        phone: d.phone,
        real_name: d.real_name,
        id_number: d.id_number,
        verified: d.verified,
    })
    .into_response())
}
