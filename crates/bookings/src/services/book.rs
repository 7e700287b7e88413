//! Booking (SVC-2): a citizen books a slot for themselves or a family member, exactly once by
//! an idempotency key (a double click books once); cancels up to the cut-off, and the place
//! goes to the first on the waiting list in the same transaction, who is told.

use serde::{Deserialize, Serialize};
use yiwang_domain::booking::{BookingState, checkin_code};
use yiwang_domain::identity::{PersonName, ResidentId};
use yiwang_domain::ids::{BookingId, CaseId, SlotId};
use yiwang_domain::notification::Notice;
use yiwang_domain::notification::booking::BookingNotice;
use yiwang_domain::{ErrorCode, FieldCode, FieldErrors};
use yiwang_store::bookings::book::{BookingRow, NewBooking, Person};
use yiwang_store::notify::Recipient;

use super::{now, rules, when, where_};
use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;

/// What the citizen chooses.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BookInput {
    /// The slot's id (`GET /api/v1/booking-places/{id}/slots`).
    #[serde(default)]
    pub slot: String,
    /// For a family member: their name (empty when booking for oneself).
    #[serde(default)]
    pub for_name: String,
    /// For a family member: their resident ID number.
    #[serde(default)]
    pub for_id_number: String,
    /// Join the waiting list if the slot is full.
    #[serde(default)]
    pub wait: bool,
    /// The application (case id) the visit is for, if any.
    #[serde(default)]
    pub case_id: String,
}

/// The result.
pub struct Booked {
    /// The booking (confirmed, or waiting).
    pub row: BookingRow,
    /// False when this was a retry with the same key.
    pub created: bool,
}

/// Checks an idempotency key: 1–100 visible ASCII characters.
pub fn check_key(key: &str) -> Result<(), Error> {
    if key.is_empty() || key.len() > 100 || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Error::field(
            "idempotency_key",
            FieldCode::InvalidCharacters,
        ));
    }
    Ok(())
}

/// Books. Bad input, a past or full slot, too many open bookings or a no-show block each
/// give a field error and change nothing.
pub async fn book(
    app: &AppState,
    caller: &Caller,
    input: &BookInput,
    key: Option<&str>,
) -> Result<Booked, Error> {
    let me = caller.principal.citizen().ok_or_else(Error::forbidden)?;
    if let Some(k) = key {
        check_key(k)?;
    }
    let s = &app.store;
    let today = yiwang_domain::Timestamp::now().beijing_date();
    let mut e = FieldErrors::new();
    let slot = match input.slot.trim().parse::<SlotId>() {
        Ok(id) => match s.booking_slot(id).await {
            Ok(slot) if !slot.closed => Some(slot),
            Ok(_) => {
                e.add("slot", FieldCode::SlotPast);
                None
            }
            Err(yiwang_store::Error::Domain(_)) => {
                e.add("slot", FieldCode::InvalidChoice);
                None
            }
            Err(other) => return Err(other.into()),
        },
        Err(_) => {
            e.add("slot", FieldCode::InvalidChoice);
            None
        }
    };
    let person = if input.for_name.trim().is_empty() && input.for_id_number.trim().is_empty() {
        None
    } else {
        let name = e.check("for_name", PersonName::parse(input.for_name.trim()));
        let id = e.check(
            "for_id_number",
            ResidentId::parse(input.for_id_number.trim(), today),
        );
        match (name, id) {
            (Some(n), Some(i)) => Some(Person {
                name: n.expose().to_owned(),
                id_number: i.expose().to_owned(),
            }),
            _ => None,
        }
    };
    let case = match input.case_id.trim() {
        "" => None,
        c => match c.parse::<CaseId>() {
            Ok(id) => match s.case(id).await? {
                Some(row) if row.account_id == me => Some(id),
                _ => {
                    e.add("case_id", FieldCode::InvalidChoice);
                    None
                }
            },
            Err(_) => {
                e.add("case_id", FieldCode::InvalidChoice);
                None
            }
        },
    };
    let rules = rules(app).await?;
    if let Some(slot) = &slot {
        let open = u32::try_from(s.open_bookings(me).await?).unwrap_or(u32::MAX);
        let no_shows = s.booking_no_show_days(me).await?;
        if let Err(code) = rules.may_book(now(), slot.day, slot.start, open, &no_shows) {
            e.add("slot", code);
        }
    }
    let slot = match slot {
        Some(slot) if e.is_empty() => slot,
        _ => return Err(yiwang_domain::Error::invalid(e).into()),
    };
    let request_hash = yiwang_crypto::sha256_hex(
        serde_json::json!({
            "slot": slot.id.to_string(),
            "for": person.as_ref().map(|p| p.id_number.clone()),
            "wait": input.wait,
            "case": case.map(|c| c.to_string()),
        })
        .to_string()
        .as_bytes(),
    );
    let scoped_key = key.map(|k| format!("account:{me}:{k}"));
    let code = checkin_code(&yiwang_crypto::random::bytes::<12>().map_err(Error::internal)?);
    let case_text = case.map(|c| c.to_string());
    let mut tx = s.begin().await?;
    let (row, created) = s
        .book_slot(
            &mut tx,
            &NewBooking {
                slot: &slot,
                account: me,
                person: person.as_ref(),
                case_id: case_text.as_deref(),
                idempotency_key: scoped_key.as_deref(),
                request_hash: &request_hash,
                code: &code,
                wait: input.wait,
                max_open: rules.max_open,
            },
        )
        .await?;
    if !created {
        tx.rollback().await.map_err(yiwang_store::Error::from)?;
        return Ok(Booked {
            row,
            created: false,
        });
    }
    if row.state == BookingState::Confirmed {
        let notice = Notice::Booking(BookingNotice::Confirmed {
            place: where_(&row.place_name, &row.desk_name),
            when: when(row.day, row.start, row.end),
        });
        s.notify(&mut tx, &Recipient::Account(me), &notice).await?;
    }
    yiwang_store::commit(tx).await?;
    tracing::info!(booking = %row.id, state = row.state.as_str(), "booked");
    Ok(Booked { row, created: true })
}

/// One of the caller's own bookings (not found for anyone else's).
pub async fn mine(app: &AppState, caller: &Caller, id: BookingId) -> Result<BookingRow, Error> {
    let me = caller.principal.citizen().ok_or_else(Error::not_found)?;
    let row = app.store.booking(id).await?;
    if row.account_id != me {
        return Err(Error::not_found());
    }
    Ok(row)
}

/// Cancels one of the caller's bookings: a confirmed one until the cut-off before its start
/// (its place goes to the first on the waiting list, who is told), a waiting one any time.
/// The state is read again inside the transaction, after the account's lock: a waiting place
/// promoted by someone else's cancellation a moment ago is cancelled as the booking it became.
pub async fn cancel(app: &AppState, caller: &Caller, id: BookingId) -> Result<BookingRow, Error> {
    let row = mine(app, caller, id).await?;
    let rules = rules(app).await?;
    let s = &app.store;
    let mut tx = s.begin().await?;
    s.release_booking_holder(&mut tx, row.account_id).await?;
    let mut cancelled = None;
    for _ in 0..3 {
        let cur = s.booking_in(&mut tx, row.id).await?;
        match cur.state {
            BookingState::Confirmed if !rules.may_cancel(now(), cur.day, cur.start) => {
                return Err(Error::code(ErrorCode::WindowClosed));
            }
            BookingState::Confirmed | BookingState::Waiting => {}
            _ => return Err(Error::code(ErrorCode::InvalidTransition)),
        }
        if s.move_booking(&mut tx, cur.id, cur.state, BookingState::Cancelled, None)
            .await?
        {
            cancelled = Some(cur.state);
            break;
        }
    }
    let Some(was) = cancelled else {
        return Err(Error::code(ErrorCode::Conflict));
    };
    if was == BookingState::Confirmed
        && let Some(next) = s.hand_over_booking_place(&mut tx, row.slot_id).await?
    {
        let notice = Notice::Booking(BookingNotice::FromWaitingList {
            place: where_(&next.place_name, &next.desk_name),
            when: when(next.day, next.start, next.end),
        });
        s.notify(&mut tx, &Recipient::Account(next.account_id), &notice)
            .await?;
    }
    let done = s.booking_in(&mut tx, row.id).await?;
    yiwang_store::commit(tx).await?;
    Ok(done)
}
