//! The day-before reminder and the end-of-day sweep (SVC-2), run by the durable scheduled job
//! `bookings_remind` (`crate::jobs`). A reminder is recorded with the booking's `reminded_at`
//! in the transaction of its notice, so a crash or a second instance never sends it twice.
//! The sweep ends open bookings of past days: a confirmed one nobody checked in becomes a
//! no-show (counted by the block rule), a waiting one lapses; both give back the account's
//! open place.

use time::Duration;
use yiwang_domain::booking::BookingState;
use yiwang_domain::booking::rules::reminder_due;
use yiwang_domain::notification::Notice;
use yiwang_domain::notification::booking::BookingNotice;
use yiwang_store::notify::Recipient;

use super::{now, when, where_};
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;

const BATCH: i64 = 500;

/// Sends the reminders that are due; returns how many.
pub async fn remind(app: &AppState) -> Result<u64, Error> {
    let now = now();
    let today = now.date();
    let s = &app.store;
    let mut sent = 0;
    for row in s
        .unreminded_bookings(&[today, today + Duration::days(1)], BATCH)
        .await?
    {
        if !reminder_due(now, row.day, row.start) {
            continue;
        }
        let mut tx = s.begin().await?;
        if s.mark_booking_reminded(&mut tx, row.id).await? {
            let notice = Notice::Booking(BookingNotice::Reminder {
                place: where_(&row.place_name, &row.desk_name),
                when: when(row.day, row.start, row.end),
            });
            s.notify(&mut tx, &Recipient::Account(row.account_id), &notice)
                .await?;
            sent += 1;
        }
        yiwang_store::commit(tx).await?;
    }
    Ok(sent)
}

/// Ends the open bookings of past days; returns how many.
pub async fn sweep(app: &AppState) -> Result<u64, Error> {
    let today = now().date();
    let s = &app.store;
    let mut ended = 0;
    for row in s.open_bookings_before(today, BATCH).await? {
        let to = match row.state {
            BookingState::Confirmed => BookingState::NoShow,
            _ => BookingState::Lapsed,
        };
        let mut tx = s.begin().await?;
        s.release_booking_holder(&mut tx, row.account_id).await?;
        if s.move_booking(&mut tx, row.id, row.state, to, None).await? {
            yiwang_store::commit(tx).await?;
            ended += 1;
        }
    }
    Ok(ended)
}
