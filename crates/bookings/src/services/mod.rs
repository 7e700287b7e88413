//! The use cases of appointments (SVC-2): `book.rs` (booking exactly once, cancelling and
//! handing the place to the waiting list), `serve.rs` (the counter: day lists, check-in by
//! code, no-shows, utilisation), `capacity.rs` (places, desks, templates, closures, the rules,
//! publishing slots), `remind.rs` (the day-before reminder and the end-of-day sweep).

pub mod book;
pub mod capacity;
pub mod remind;
pub mod serve;

use time::{Date, PrimitiveDateTime};
use yiwang_domain::auth::Scope;
use yiwang_domain::booking::rules::BookingRules;
use yiwang_domain::booking::slots::hhmm;
use yiwang_domain::region::RegionCode;
use yiwang_store::bookings::PlaceRow;

use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;

/// The settings key of the booking rules (JSON).
pub const RULES_KEY: &str = "booking_rules";

/// The deployment's booking rules (the defaults until an administrator sets them).
pub async fn rules(app: &AppState) -> Result<BookingRules, Error> {
    Ok(match app.store.setting(RULES_KEY).await? {
        Some(json) => serde_json::from_str(&json).map_err(Error::internal)?,
        None => BookingRules::default(),
    })
}

/// What a place's staff powers are checked against: its department in its region.
pub fn scope(place: &PlaceRow) -> Result<Scope, Error> {
    let region = RegionCode::parse(&place.region_code).map_err(Error::internal)?;
    Ok(Scope::department(place.department_id, region))
}

/// Now, in Beijing.
pub fn now() -> PrimitiveDateTime {
    let t = yiwang_domain::Timestamp::now().to_beijing();
    PrimitiveDateTime::new(t.date(), t.time())
}

/// `2026-12-08 09:00-09:30`.
pub fn when(day: Date, start: u16, end: u16) -> String {
    format!("{day} {}-{}", hhmm(start), hhmm(end))
}

/// `广安区政务服务中心 · 3号窗口`.
pub fn where_(place: &str, desk: &str) -> String {
    format!("{place} · {desk}")
}
