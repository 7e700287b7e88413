//! The counter (SVC-2): the day's list of a place (or one window or doctor), checking people
//! in by their code (scanned by a scanner acting as a keyboard, or typed), marking no-shows,
//! and the hall manager's utilisation. Staff of the place's department only.

use time::Date;
use yiwang_domain::ErrorCode;
use yiwang_domain::FieldCode;
use yiwang_domain::audit::AuditAction;
use yiwang_domain::auth::Permission as P;
use yiwang_domain::booking::rules::{may_check_in, may_mark_no_show};
use yiwang_domain::booking::{BookingState, normalise_code};
use yiwang_domain::ids::{BookingId, DeskId, PlaceId};
use yiwang_kit::audit::{Target, commit_audited};
use yiwang_store::bookings::book::BookingRow;
use yiwang_store::bookings::{PlaceRow, Utilisation};

use super::{now, scope};
use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;

/// A line of the day's list: the booking and whom it is for, masked (姓 and the last
/// character; the ID number is checked at the counter against the card itself).
pub struct DayLine {
    /// The booking.
    pub row: BookingRow,
    /// The person's masked name.
    pub who: String,
}

/// `张三丰` → `张*丰`, `李四` → `李*`.
pub fn mask_name(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    match chars.len() {
        0 => String::new(),
        1 => "*".into(),
        2 => format!("{}*", chars[0]),
        n => format!("{}{}{}", chars[0], "*".repeat(n - 2), chars[n - 1]),
    }
}

/// The place, if the caller serves it.
pub async fn place_for_staff(
    app: &AppState,
    caller: &Caller,
    place: PlaceId,
) -> Result<PlaceRow, Error> {
    let p = app.store.booking_place(place).await?;
    let sc = scope(&p)?;
    caller.principal.require(P::ServeBookings, &sc)?;
    Ok(p)
}

/// The bookings of a day at a place (or one desk), with masked names.
pub async fn day_list(
    app: &AppState,
    caller: &Caller,
    place: PlaceId,
    desk: Option<DeskId>,
    day: Date,
) -> Result<(PlaceRow, Vec<DayLine>), Error> {
    let p = place_for_staff(app, caller, place).await?;
    let rows = app.store.day_bookings(place, desk, day).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let name = if row.for_other {
            app.store.booking_person(row.id).await?.map(|p| p.name)
        } else {
            app.store.profile(row.account_id).await?.real_name
        };
        out.push(DayLine {
            who: mask_name(&name.unwrap_or_default()),
            row,
        });
    }
    Ok((p, out))
}

/// What a check-in found.
pub struct CheckedIn {
    /// The booking, now checked in.
    pub row: BookingRow,
    /// True when it had already been checked in (a second scan changes nothing).
    pub again: bool,
}

/// Checks a person in by the code of their QR code, on the booking's day, at a place the
/// caller serves.
pub async fn check_in(app: &AppState, caller: &Caller, code: &str) -> Result<CheckedIn, Error> {
    let code =
        normalise_code(code).ok_or_else(|| Error::field("code", FieldCode::UnknownBooking))?;
    let row = match app.store.booking_by_code(&code).await {
        Ok(r) => r,
        Err(yiwang_store::Error::Domain(_)) => {
            return Err(Error::field("code", FieldCode::UnknownBooking));
        }
        Err(e) => return Err(e.into()),
    };
    let p = app.store.booking_place(row.place_id).await?;
    caller.principal.require(P::ServeBookings, &scope(&p)?)?;
    match row.state {
        BookingState::CheckedIn => return Ok(CheckedIn { row, again: true }),
        BookingState::Confirmed => {}
        _ => return Err(Error::code(ErrorCode::InvalidTransition)),
    }
    if !may_check_in(now().date(), row.day) {
        return Err(Error::field("code", FieldCode::NotBookingDay));
    }
    let done = serve(app, caller, &p, &row, BookingState::CheckedIn).await?;
    Ok(CheckedIn {
        row: done,
        again: false,
    })
}

/// Marks a confirmed booking whose slot has started as a no-show.
pub async fn no_show(app: &AppState, caller: &Caller, id: BookingId) -> Result<BookingRow, Error> {
    let row = app.store.booking(id).await?;
    let p = app.store.booking_place(row.place_id).await?;
    caller.principal.require(P::ServeBookings, &scope(&p)?)?;
    if row.state != BookingState::Confirmed {
        return Err(Error::code(ErrorCode::InvalidTransition));
    }
    if !may_mark_no_show(now(), row.day, row.start) {
        return Err(Error::code(ErrorCode::InvalidTransition));
    }
    serve(app, caller, &p, &row, BookingState::NoShow).await
}

async fn serve(
    app: &AppState,
    caller: &Caller,
    p: &PlaceRow,
    row: &BookingRow,
    to: BookingState,
) -> Result<BookingRow, Error> {
    let s = &app.store;
    let mut tx = s.begin().await?;
    s.release_booking_holder(&mut tx, row.account_id).await?;
    if !s
        .move_booking(
            &mut tx,
            row.id,
            BookingState::Confirmed,
            to,
            caller.principal.account(),
        )
        .await?
    {
        return Err(Error::code(ErrorCode::Conflict));
    }
    let done = s.booking_in(&mut tx, row.id).await?;
    let sc = scope(p)?;
    commit_audited(
        s,
        caller,
        tx,
        AuditAction::BookingServed,
        Target {
            kind: Some("booking"),
            id: Some(row.id.to_string()),
            subject: Some(row.account_id),
            department: sc.department,
            region: Some(sc.region),
            detail: Some(serde_json::json!({ "state": to.as_str() })),
        },
    )
    .await?;
    Ok(done)
}

/// Utilisation of a place over days: places, booked, checked in, no-shows per day and desk.
pub async fn utilisation(
    app: &AppState,
    caller: &Caller,
    place: PlaceId,
    from: Date,
    to: Date,
) -> Result<(PlaceRow, Vec<Utilisation>), Error> {
    let p = app.store.booking_place(place).await?;
    caller.principal.require(P::ManageBookings, &scope(&p)?)?;
    let lines = app.store.booking_utilisation(place, from, to).await?;
    Ok((p, lines))
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_are_masked_in_the_day_list() {
        assert_eq!(super::mask_name("张三丰"), "张*丰");
        assert_eq!(super::mask_name("李四"), "李*");
        assert_eq!(super::mask_name("欧阳娜娜"), "欧**娜");
        assert_eq!(super::mask_name(""), "");
    }
}
