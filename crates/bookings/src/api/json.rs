//! The appointments' JSON API (SVC-2), for apps and mini-programs: the same use cases as the
//! pages.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use yiwang_domain::FieldCode;
use yiwang_domain::booking::rules::BookingRules;
use yiwang_domain::deadline::parse_date;
use yiwang_domain::ids::{BookingId, PlaceId};
use yiwang_store::bookings::SlotRow;
use yiwang_store::bookings::book::BookingRow;

use crate::services::book::{self, BookInput};
use crate::services::{capacity, serve};
use yiwang_kit::api::{ApiErrors, List};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Json, Path, Query};
use yiwang_kit::state::AppState;

/// A place that takes appointments.
#[derive(Serialize, ToSchema)]
pub struct PlaceOut {
    /// Its id.
    pub id: String,
    /// `hall` or `hospital`.
    pub kind: String,
    /// Its name.
    pub name: String,
    /// Its address.
    pub address: String,
}

/// `GET /api/v1/booking-places`: the places that take appointments.
#[utoipa::path(get, path = "/api/v1/booking-places", operation_id = "booking_places", tag = "bookings",
    responses((status = 200, description = "The places, halls first", body = Vec<PlaceOut>), ApiErrors))]
pub async fn places(State(app): State<AppState>) -> Result<Response, Error> {
    let out: Vec<PlaceOut> = app
        .store
        .booking_places()
        .await?
        .into_iter()
        .map(|p| PlaceOut {
            id: p.id.to_string(),
            kind: p.kind.as_str().to_owned(),
            name: p.name,
            address: p.address,
        })
        .collect();
    Ok(axum::Json(out).into_response())
}

/// A slot.
#[derive(Serialize, ToSchema)]
pub struct SlotOut {
    /// Its id (to book it).
    pub id: String,
    /// The window or doctor.
    pub desk: String,
    /// The item group or hospital department.
    pub unit: String,
    /// The day (Beijing).
    pub day: String,
    /// `HH:MM`.
    pub start: String,
    /// `HH:MM`.
    pub end: String,
    /// Places in all.
    pub places: i64,
    /// Places still free (0: full; the waiting list is open).
    pub free: i64,
}

impl From<&SlotRow> for SlotOut {
    fn from(s: &SlotRow) -> Self {
        use yiwang_domain::booking::slots::hhmm;
        SlotOut {
            id: s.id.to_string(),
            desk: s.desk_name.clone(),
            unit: s.unit.clone(),
            day: s.day.to_string(),
            start: hhmm(s.start),
            end: hhmm(s.end),
            places: s.places,
            free: s.free(),
        }
    }
}

/// Days to list.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SlotQuery {
    /// First day (`YYYY-MM-DD`, default today).
    pub from: Option<String>,
    /// Last day (default: the booking horizon).
    pub to: Option<String>,
}

/// `GET /api/v1/booking-places/{id}/slots`: a place's open slots.
#[utoipa::path(get, path = "/api/v1/booking-places/{id}/slots", operation_id = "booking_slots", tag = "bookings", params(("id" = String, Path, description = "The place"), SlotQuery),
    responses((status = 200, description = "The open slots by day, desk and time", body = Vec<SlotOut>), ApiErrors))]
pub async fn slots(
    State(app): State<AppState>,
    Path(id): Path<PlaceId>,
    Query(q): Query<SlotQuery>,
) -> Result<Response, Error> {
    app.store.booking_place(id).await?;
    let today = yiwang_domain::Timestamp::now().beijing_date();
    let rules = crate::services::rules(&app).await?;
    let day = |v: &Option<String>, field: &'static str, default| match v.as_deref() {
        None | Some("") => Ok(default),
        Some(s) => parse_date(s).ok_or_else(|| Error::field(field, FieldCode::InvalidDate)),
    };
    let from = day(&q.from, "from", today)?;
    let to = day(
        &q.to,
        "to",
        today + time::Duration::days(i64::from(rules.days_ahead)),
    )?;
    let rows = app.store.booking_place_slots(id, from, to).await?;
    Ok(axum::Json(rows.iter().map(SlotOut::from).collect::<Vec<_>>()).into_response())
}

/// A booking as its holder sees it.
#[derive(Serialize, ToSchema)]
pub struct BookingOut {
    /// Its id.
    pub id: String,
    /// `confirmed`, `waiting`, `cancelled`, `checked_in`, `no_show` or `lapsed`.
    pub state: String,
    /// The place.
    pub place: String,
    /// The window or doctor.
    pub desk: String,
    /// The day.
    pub day: String,
    /// `HH:MM`.
    pub start: String,
    /// `HH:MM`.
    pub end: String,
    /// Whether it is for a family member.
    pub for_family: bool,
    /// The application it is for.
    pub case_id: Option<String>,
    /// The check-in code (its QR code's content), for a confirmed booking.
    pub code: Option<String>,
}

async fn out(app: &AppState, r: &BookingRow) -> Result<BookingOut, Error> {
    use yiwang_domain::booking::slots::hhmm;
    let code = match r.state {
        yiwang_domain::booking::BookingState::Confirmed => {
            Some(app.store.booking_code(r.id).await?)
        }
        _ => None,
    };
    Ok(BookingOut {
        id: r.id.to_string(),
        state: r.state.as_str().to_owned(),
        place: r.place_name.clone(),
        desk: r.desk_name.clone(),
        day: r.day.to_string(),
        start: hhmm(r.start),
        end: hhmm(r.end),
        for_family: r.for_other,
        case_id: r.case_id.clone(),
        code,
    })
}

fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, Error> {
    match headers.get("idempotency-key") {
        Some(v) => Ok(Some(
            v.to_str()
                .map_err(|_| Error::field("idempotency_key", FieldCode::InvalidCharacters))?
                .to_owned(),
        )),
        None => Ok(None),
    }
}

/// `POST /api/v1/bookings`: books a slot (201), or joins its waiting list when full and
/// `wait` is set (201, `state: waiting`). With the same `Idempotency-Key` a retry returns the
/// same booking with 200; a full slot without `wait` is `slot_full` and changes nothing.
#[utoipa::path(post, path = "/api/v1/bookings", operation_id = "book", tag = "bookings", request_body = BookInput,
    params(("Idempotency-Key" = Option<String>, Header, description = "1–100 visible ASCII characters, unique per booking")),
    responses((status = 201, body = BookingOut, description = "Booked or waiting"), (status = 200, body = BookingOut, description = "The earlier booking with this key"), ApiErrors),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn book(
    State(app): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Json(input): Json<BookInput>,
) -> Result<Response, Error> {
    let key = idempotency_key(&headers)?;
    let booked = book::book(&app, &ctx, &input, key.as_deref()).await?;
    let status = if booked.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, axum::Json(out(&app, &booked.row).await?)).into_response())
}

/// `GET /api/v1/me/bookings`: the caller's bookings, newest first.
#[utoipa::path(get, path = "/api/v1/me/bookings", operation_id = "my_bookings", tag = "bookings",
    responses((status = 200, description = "The caller's bookings", body = List<BookingOut>), ApiErrors),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn mine(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let me = ctx.principal.citizen().ok_or_else(Error::forbidden)?;
    let rows = app.store.my_bookings(me).await?;
    let mut items = Vec::with_capacity(rows.len());
    for r in &rows {
        items.push(out(&app, r).await?);
    }
    Ok(axum::Json(List {
        total: items.len() as i64,
        items,
    })
    .into_response())
}

/// `POST /api/v1/me/bookings/{id}/cancel`: cancels (until the cut-off; `window_closed` after).
#[utoipa::path(post, path = "/api/v1/me/bookings/{id}/cancel", operation_id = "cancel_booking", tag = "bookings", params(("id" = String, Path, description = "The booking")),
    responses((status = 200, body = BookingOut, description = "Cancelled"), ApiErrors),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn cancel(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<BookingId>,
) -> Result<Response, Error> {
    let row = book::cancel(&app, &ctx, id).await?;
    Ok(axum::Json(out(&app, &row).await?).into_response())
}

/// A scanned or typed check-in code.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckInInput {
    /// The code in the booking's QR code.
    pub code: String,
}

/// The booking checked in.
#[derive(Serialize, ToSchema)]
pub struct CheckedInOut {
    /// The booking's id.
    pub id: String,
    /// `checked_in`.
    pub state: String,
    /// The window or doctor.
    pub desk: String,
    /// `HH:MM`.
    pub start: String,
    /// True when it had been checked in before (nothing changed).
    pub again: bool,
}

/// `POST /api/v1/bookings/check-in`: checks a person in at the counter by their code.
#[utoipa::path(post, path = "/api/v1/bookings/check-in", operation_id = "check_in_booking", tag = "bookings", request_body = CheckInInput,
    responses((status = 200, body = CheckedInOut, description = "Checked in"), ApiErrors),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn check_in(
    State(app): State<AppState>,
    ctx: Ctx,
    Json(input): Json<CheckInInput>,
) -> Result<Response, Error> {
    let done = serve::check_in(&app, &ctx, &input.code).await?;
    Ok(axum::Json(CheckedInOut {
        id: done.row.id.to_string(),
        state: done.row.state.as_str().to_owned(),
        desk: done.row.desk_name.clone(),
        start: yiwang_domain::booking::slots::hhmm(done.row.start),
        again: done.again,
    })
    .into_response())
}

/// The booking rules.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RulesInput {
    /// Days ahead a slot may be booked (0–90).
    pub days_ahead: u32,
    /// Open bookings per account (1–20).
    pub max_open: u32,
    /// Minutes before the start after which cancelling is refused.
    pub cancel_cutoff_minutes: u32,
    /// No-shows that block booking.
    pub no_show_limit: u32,
    /// Days the no-shows are counted over.
    pub no_show_window_days: u32,
    /// Days of the block.
    pub block_days: u32,
}

/// `PUT /api/v1/admin/booking-rules`: sets the deployment's booking rules (platform
/// administrators).
#[utoipa::path(put, path = "/api/v1/admin/booking-rules", operation_id = "set_booking_rules", tag = "bookings", request_body = RulesInput,
    responses((status = 204, description = "Saved"), ApiErrors),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn set_rules(
    State(app): State<AppState>,
    ctx: Ctx,
    Json(r): Json<RulesInput>,
) -> Result<Response, Error> {
    let rules = BookingRules {
        days_ahead: r.days_ahead,
        max_open: r.max_open,
        cancel_cutoff_minutes: r.cancel_cutoff_minutes,
        no_show_limit: r.no_show_limit,
        no_show_window_days: r.no_show_window_days,
        block_days: r.block_days,
    };
    capacity::set_rules(&app, &ctx, &rules).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
