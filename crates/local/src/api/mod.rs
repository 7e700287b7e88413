//! Local life's JSON API: the listing (`GET /api/v1/local/places`, nearest first with
//! `lat`/`lng`) and one place (`GET /api/v1/local/places/{id}`), for apps and other systems.
//! Bad filters are answered with the API's error shape (`validation_failed` and the fields).

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use yiwang_domain::ids::LocalPlaceId;
use yiwang_kit::api::ApiErrors;
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Path, Query};
use yiwang_kit::state::AppState;
use yiwang_store::local::{PlaceRow, date_text};

use crate::services::browse;

/// A licence as published.
#[derive(Serialize, ToSchema)]
pub struct LicenceJson {
    /// Its number.
    pub number: String,
    /// Who issued it.
    pub issuer: String,
    /// Valid until (`YYYY-MM-DD`, Beijing date).
    pub valid_until: String,
}

/// A place or vetted merchant.
#[derive(Serialize, ToSchema)]
pub struct PlaceJson {
    /// Its id; `/local/places/{id}` shows it.
    pub id: String,
    /// Its name.
    pub name: String,
    /// `hall`, `hospital`, `school`, `park`, `library`, `sports`, `locksmith`,
    /// `housekeeping` or `repair`.
    pub category: String,
    /// Its region's code.
    pub region: String,
    /// Street address.
    pub address: String,
    /// Telephone.
    pub phone: String,
    /// Opening hours (`1-5 08:30-17:30; 6-7 09:00-12:00`; 1 is Monday).
    pub hours: String,
    /// Latitude, WGS-84 degrees.
    pub lat: f64,
    /// Longitude, WGS-84 degrees.
    pub lng: f64,
    /// Metres from the position asked about, if one was given.
    pub distance_m: Option<u32>,
    /// A merchant's licence.
    pub licence: Option<LicenceJson>,
}

fn json(p: &PlaceRow, distance_m: Option<u32>) -> PlaceJson {
    PlaceJson {
        id: p.id.to_string(),
        name: p.r.name.clone(),
        category: p.r.category.as_str().to_owned(),
        region: p.r.region.as_str().to_owned(),
        address: p.r.address.clone(),
        phone: p.r.phone.clone(),
        hours: p.r.hours.clone(),
        lat: p.r.point.lat_e6 as f64 / 1e6,
        lng: p.r.point.lng_e6 as f64 / 1e6,
        distance_m,
        licence: p.r.licence.as_ref().map(|l| LicenceJson {
            number: l.number.clone(),
            issuer: l.issuer.clone(),
            valid_until: date_text(l.valid_until),
        }),
    }
}

/// The listing's filters.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PlacesQuery {
    /// A region code inside the deployment.
    #[serde(default)]
    region: String,
    /// A category code.
    #[serde(default)]
    category: String,
    /// The reader's latitude (with `lng`): nearest first.
    #[serde(default)]
    lat: String,
    /// The reader's longitude.
    #[serde(default)]
    lng: String,
    /// The page (without a position), 20 a page.
    #[serde(default)]
    page: String,
}

/// A page of places.
#[derive(Serialize, ToSchema)]
pub struct PlacesJson {
    /// How many match (without a position), or how many nearest are given (with one).
    pub total: i64,
    /// The places, by name or nearest first.
    pub places: Vec<PlaceJson>,
}

/// `GET /api/v1/local/places`.
#[utoipa::path(get, path = "/api/v1/local/places", operation_id = "local_places", tag = "local",
    params(PlacesQuery),
    responses((status = 200, body = PlacesJson, description = "Places and vetted merchants, by name or nearest first"), ApiErrors))]
pub async fn places(
    State(app): State<AppState>,
    Query(q): Query<PlacesQuery>,
) -> Result<Response, Error> {
    let a = browse::ask(&app, &q.region, &q.category, &q.lat, &q.lng, &q.page)?;
    let (found, total) = browse::list(&app, &a).await?;
    Ok(axum::Json(PlacesJson {
        total,
        places: found.iter().map(|l| json(&l.place, l.metres)).collect(),
    })
    .into_response())
}

/// `GET /api/v1/local/places/{id}`.
#[utoipa::path(get, path = "/api/v1/local/places/{id}", operation_id = "local_place", tag = "local",
    params(("id" = String, Path, description = "The place's id")),
    responses((status = 200, body = PlaceJson, description = "The place"), ApiErrors))]
pub async fn place(
    State(app): State<AppState>,
    _ctx: Ctx,
    Path(id): Path<LocalPlaceId>,
) -> Result<Response, Error> {
    let p = browse::place(&app, id).await?;
    Ok(axum::Json(json(&p, None)).into_response())
}

/// This capability's part of the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(places, place))]
pub struct Api;
