//! Bookings (SVC-2). Every change takes its locks in one order — the holder's counter, the
//! booking, the slot, a waiting booking — so concurrent bookings and cancellations on
//! PostgreSQL never deadlock; on SQLite the single writer serialises them anyway.

use serde::{Deserialize, Serialize};
use time::Date;
use yiwang_domain::Timestamp;
use yiwang_domain::booking::BookingState;
use yiwang_domain::ids::{AccountId, BookingId, DepartmentId, DeskId, PlaceId, SlotId};
use yiwang_domain::{ErrorCode, FieldCode};

use super::{SlotRow, day};
use crate::row::{RowExt, named};
use crate::{Error, Result, Store, Tx};

/// The person a booking is for, when it is a family member (encrypted at rest).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// Their name.
    pub name: String,
    /// Their resident ID number.
    pub id_number: String,
}

/// A booking with its slot's facts.
#[derive(Debug, Clone, PartialEq)]
pub struct BookingRow {
    /// Its id.
    pub id: BookingId,
    /// The slot.
    pub slot_id: SlotId,
    /// The desk.
    pub desk_id: DeskId,
    /// The desk's name.
    pub desk_name: String,
    /// The desk's item group or department.
    pub unit: String,
    /// The place.
    pub place_id: PlaceId,
    /// The place's name.
    pub place_name: String,
    /// The place's address.
    pub address: String,
    /// The department running the place.
    pub department_id: DepartmentId,
    /// The day.
    pub day: Date,
    /// Start, minutes after midnight.
    pub start: u16,
    /// End.
    pub end: u16,
    /// The account that booked.
    pub account_id: AccountId,
    /// Whether it is for a family member (see [`Store::booking_person`]).
    pub for_other: bool,
    /// Where it stands.
    pub state: BookingState,
    /// The application it belongs to, if booked from one.
    pub case_id: Option<String>,
    /// When the reminder was recorded.
    pub reminded_at: Option<Timestamp>,
    /// When it was checked in or marked a no-show.
    pub served_at: Option<Timestamp>,
    /// When it was cancelled.
    pub cancelled_at: Option<Timestamp>,
    /// When it was made (the waiting list's order).
    pub created_at: Timestamp,
}

const COLUMNS: &str = "b.id, b.slot_id, b.desk_id, k.name AS desk_name, k.unit, b.place_id, p.name AS place_name, p.address, p.department_id, b.day, s.start_min, s.end_min, b.account_id, b.subject, b.state, b.case_id, b.reminded_at, b.served_at, b.cancelled_at, b.created_at";
const FROM: &str = "FROM bookings b JOIN booking_slots s ON s.id = b.slot_id JOIN booking_desks k ON k.id = b.desk_id JOIN booking_places p ON p.id = b.place_id";

fn read(r: &sqlx::any::AnyRow) -> Result<BookingRow> {
    Ok(BookingRow {
        id: r.parsed("id")?,
        slot_id: r.parsed("slot_id")?,
        desk_id: r.parsed("desk_id")?,
        desk_name: r.text("desk_name")?,
        unit: r.text("unit")?,
        place_id: r.parsed("place_id")?,
        place_name: r.text("place_name")?,
        address: r.text("address")?,
        department_id: r.parsed("department_id")?,
        day: day(r, "day")?,
        start: u16::try_from(r.int("start_min")?)
            .map_err(|_| Error::Corrupt("start_min".into()))?,
        end: u16::try_from(r.int("end_min")?).map_err(|_| Error::Corrupt("end_min".into()))?,
        account_id: r.parsed("account_id")?,
        for_other: r.text("subject")? != SELF,
        state: named("state", &r.text("state")?, BookingState::parse)?,
        case_id: r.opt_text("case_id")?,
        reminded_at: r.opt_ts("reminded_at")?,
        served_at: r.opt_ts("served_at")?,
        cancelled_at: r.opt_ts("cancelled_at")?,
        created_at: r.ts("created_at")?,
    })
}

/// The subject of a booking for oneself.
const SELF: &str = "self";

fn person_ctx(id: &BookingId) -> String {
    format!("bookings.person|{id}")
}

fn code_ctx(id: &BookingId) -> String {
    format!("bookings.code|{id}")
}

/// A booking to make (checked by the caller against the rules).
#[derive(Debug, Clone)]
pub struct NewBooking<'a> {
    /// The slot.
    pub slot: &'a SlotRow,
    /// Who books.
    pub account: AccountId,
    /// For whom, when not for themselves.
    pub person: Option<&'a Person>,
    /// The application the visit is for.
    pub case_id: Option<&'a str>,
    /// The scoped idempotency key.
    pub idempotency_key: Option<&'a str>,
    /// A hash of what was asked, to tell a retry from a different request under one key.
    pub request_hash: &'a str,
    /// The check-in code (random; kept encrypted, found by its blind index).
    pub code: &'a str,
    /// Join the waiting list when the slot is full.
    pub wait: bool,
    /// The most open bookings the account may hold.
    pub max_open: u32,
}

impl Store {
    /// Books a place, or a place on the waiting list. In this order, inside `tx`: a retry
    /// with a known key returns the first booking (`false`; the caller rolls back); the
    /// account's open count is taken with one conditional write (`too_many_open_bookings`);
    /// the slot's place is taken with one conditional write; when none is left the booking
    /// waits if asked to (`slot_full` otherwise); then the row, unique per person and slot.
    pub async fn book_slot(&self, tx: &mut Tx, new: &NewBooking<'_>) -> Result<(BookingRow, bool)> {
        if let Some(key) = new.idempotency_key
            && let Some(found) = self.booking_by_key(tx, key).await?
        {
            return replay(found, new.request_hash);
        }
        let account = new.account.to_string();
        sqlx::query("INSERT INTO booking_holders (account_id, open_count) VALUES ($1, 0) ON CONFLICT DO NOTHING")
            .bind(account.clone())
            .execute(&mut **tx)
            .await?;
        let held = sqlx::query("UPDATE booking_holders SET open_count = open_count + 1 WHERE account_id = $1 AND open_count < $2")
            .bind(account.clone())
            .bind(i64::from(new.max_open))
            .execute(&mut **tx)
            .await?
            .rows_affected();
        if held == 0 {
            return Err(Error::field("slot", FieldCode::TooManyOpenBookings));
        }
        let slot = new.slot.id.to_string();
        let mut state = BookingState::Confirmed;
        if !self.take_place(tx, &slot).await? {
            if !new.wait {
                return Err(Error::field("slot", FieldCode::SlotFull));
            }
            // Lock the slot's row (a failed conditional write locks nothing on PostgreSQL)
            // and try once more: a cancellation that committed meanwhile released a place,
            // and one still running will see this entry on the waiting list.
            let open = sqlx::query(
                "UPDATE booking_slots SET places = places WHERE id = $1 AND closed = 0",
            )
            .bind(slot.clone())
            .execute(&mut **tx)
            .await?
            .rows_affected();
            if open == 0 {
                return Err(Error::field("slot", FieldCode::SlotPast));
            }
            if !self.take_place(tx, &slot).await? {
                state = BookingState::Waiting;
            }
        }
        let id = BookingId::generate();
        let (subject, person) = match new.person {
            Some(p) => {
                let json =
                    serde_json::to_string(p).map_err(|e| Error::Corrupt(format!("person: {e}")))?;
                (
                    self.vault().blind_index("booking_person", &p.id_number),
                    Some(self.vault().encrypt(&person_ctx(&id), &json)?),
                )
            }
            None => (SELF.to_owned(), None),
        };
        let now = Timestamp::now().millis();
        let inserted = sqlx::query(
            "INSERT INTO bookings (id, slot_id, desk_id, place_id, day, account_id, subject, person_enc, state, code_enc, code_index, case_id, idempotency_key, request_hash, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)
             ON CONFLICT DO NOTHING",
        )
        .bind(id.to_string())
        .bind(slot)
        .bind(new.slot.desk_id.to_string())
        .bind(new.slot.place_id.to_string())
        .bind(new.slot.day.to_string())
        .bind(account)
        .bind(subject)
        .bind(person)
        .bind(state.as_str())
        .bind(self.vault().encrypt(&code_ctx(&id), new.code)?)
        .bind(self.vault().blind_index("booking_code", new.code))
        .bind(new.case_id.map(str::to_owned))
        .bind(new.idempotency_key.map(str::to_owned))
        .bind(new.request_hash.to_owned())
        .bind(now)
        .execute(&mut **tx)
        .await?
        .rows_affected();
        if inserted == 0 {
            if let Some(key) = new.idempotency_key
                && let Some(found) = self.booking_by_key(tx, key).await?
            {
                return replay(found, new.request_hash);
            }
            return Err(Error::field("slot", FieldCode::AlreadyBooked));
        }
        Ok((self.booking_in(tx, id).await?, true))
    }

    async fn take_place(&self, tx: &mut Tx, slot: &str) -> Result<bool> {
        Ok(sqlx::query("UPDATE booking_slots SET taken = taken + 1 WHERE id = $1 AND taken < places AND closed = 0")
            .bind(slot.to_owned())
            .execute(&mut **tx)
            .await?
            .rows_affected()
            == 1)
    }

    async fn booking_by_key(&self, tx: &mut Tx, key: &str) -> Result<Option<(BookingRow, String)>> {
        let sql = format!("SELECT {COLUMNS}, b.request_hash {FROM} WHERE b.idempotency_key = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(key.to_owned())
            .fetch_optional(&mut **tx)
            .await?;
        row.map(|r| Ok((read(&r)?, r.text("request_hash")?)))
            .transpose()
    }

    /// A booking, read inside `tx`.
    pub async fn booking_in(&self, tx: &mut Tx, id: BookingId) -> Result<BookingRow> {
        let sql = format!("SELECT {COLUMNS} {FROM} WHERE b.id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id.to_string())
            .fetch_optional(&mut **tx)
            .await?
            .ok_or_else(Error::not_found)?;
        read(&row)
    }

    /// A booking.
    pub async fn booking(&self, id: BookingId) -> Result<BookingRow> {
        let sql = format!("SELECT {COLUMNS} {FROM} WHERE b.id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id.to_string())
            .fetch_optional(self.db.reader())
            .await?
            .ok_or_else(Error::not_found)?;
        read(&row)
    }

    /// The booking a check-in code belongs to.
    pub async fn booking_by_code(&self, code: &str) -> Result<BookingRow> {
        let sql = format!("SELECT {COLUMNS} {FROM} WHERE b.code_index = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(self.vault().blind_index("booking_code", code))
            .fetch_optional(self.db.reader())
            .await?
            .ok_or_else(Error::not_found)?;
        read(&row)
    }

    /// A booking's check-in code (for its QR code).
    pub async fn booking_code(&self, id: BookingId) -> Result<String> {
        let row = sqlx::query("SELECT code_enc FROM bookings WHERE id = $1")
            .bind(id.to_string())
            .fetch_optional(self.db.reader())
            .await?
            .ok_or_else(Error::not_found)?;
        let blob = row
            .opt_blob("code_enc")?
            .ok_or_else(|| Error::Corrupt("code_enc".into()))?;
        Ok(self.vault().decrypt(&code_ctx(&id), &blob)?)
    }

    /// The family member a booking is for (`None` when for the account holder).
    pub async fn booking_person(&self, id: BookingId) -> Result<Option<Person>> {
        let row = sqlx::query("SELECT person_enc FROM bookings WHERE id = $1")
            .bind(id.to_string())
            .fetch_optional(self.db.reader())
            .await?
            .ok_or_else(Error::not_found)?;
        match row.opt_blob("person_enc")? {
            Some(blob) => {
                let json = self.vault().decrypt(&person_ctx(&id), &blob)?;
                Ok(Some(
                    serde_json::from_str(&json)
                        .map_err(|e| Error::Corrupt(format!("person: {e}")))?,
                ))
            }
            None => Ok(None),
        }
    }

    /// An account's bookings, newest slot first (at most 100).
    pub async fn my_bookings(&self, account: AccountId) -> Result<Vec<BookingRow>> {
        let sql = format!(
            "SELECT {COLUMNS} {FROM} WHERE b.account_id = $1 ORDER BY b.day DESC, s.start_min DESC, b.created_at DESC LIMIT 100"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(account.to_string())
            .fetch_all(self.db.reader())
            .await?;
        rows.iter().map(read).collect()
    }

    /// The bookings of a place's day (optionally one desk), by time, the waiting list last.
    pub async fn day_bookings(
        &self,
        place: PlaceId,
        desk: Option<DeskId>,
        on: Date,
    ) -> Result<Vec<BookingRow>> {
        let sql = format!(
            "SELECT {COLUMNS} {FROM} WHERE b.place_id = $1 AND b.day = $2 AND ($3 = '' OR b.desk_id = $3) AND b.state <> 'cancelled' ORDER BY s.start_min, k.sort, CASE WHEN b.state = 'waiting' THEN 1 ELSE 0 END, b.created_at, b.id"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(place.to_string())
            .bind(on.to_string())
            .bind(desk.map(|d| d.to_string()).unwrap_or_default())
            .fetch_all(self.db.reader())
            .await?;
        rows.iter().map(read).collect()
    }

    /// The days of an account's no-shows (the block rule).
    pub async fn booking_no_show_days(&self, account: AccountId) -> Result<Vec<Date>> {
        let rows =
            sqlx::query("SELECT day FROM bookings WHERE account_id = $1 AND state = 'no_show'")
                .bind(account.to_string())
                .fetch_all(self.db.reader())
                .await?;
        rows.iter().map(|r| day(r, "day")).collect()
    }

    /// How many open bookings an account holds (its counter).
    pub async fn open_bookings(&self, account: AccountId) -> Result<i64> {
        let row = sqlx::query("SELECT open_count FROM booking_holders WHERE account_id = $1")
            .bind(account.to_string())
            .fetch_optional(self.db.reader())
            .await?;
        Ok(row.map(|r| r.int("open_count")).transpose()?.unwrap_or(0))
    }

    /// Gives back one of an account's open bookings (the first lock of every change that
    /// ends an open booking).
    pub async fn release_booking_holder(&self, tx: &mut Tx, account: AccountId) -> Result<()> {
        sqlx::query("UPDATE booking_holders SET open_count = open_count - 1 WHERE account_id = $1 AND open_count > 0")
            .bind(account.to_string())
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// Moves a booking from `from` to `to`, recording who served it. False when it was no
    /// longer in `from` (someone else changed it first).
    pub async fn move_booking(
        &self,
        tx: &mut Tx,
        id: BookingId,
        from: BookingState,
        to: BookingState,
        by: Option<AccountId>,
    ) -> Result<bool> {
        let now = Timestamp::now().millis();
        let (served, cancelled) = match to {
            BookingState::CheckedIn | BookingState::NoShow => (Some(now), None),
            BookingState::Cancelled | BookingState::Lapsed => (None, Some(now)),
            BookingState::Confirmed | BookingState::Waiting => (None, None),
        };
        Ok(sqlx::query("UPDATE bookings SET state = $3, served_at = COALESCE($4, served_at), served_by = COALESCE($5, served_by), cancelled_at = COALESCE($6, cancelled_at), updated_at = $7 WHERE id = $1 AND state = $2")
            .bind(id.to_string())
            .bind(from.as_str())
            .bind(to.as_str())
            .bind(served)
            .bind(by.map(|b| b.to_string()))
            .bind(cancelled)
            .bind(now)
            .execute(&mut **tx)
            .await?
            .rows_affected()
            == 1)
    }

    /// After a confirmed booking of `slot` ended (cancelled), hands its place to the first
    /// on the waiting list (joined first, then by id), or frees it when no one waits.
    /// Returns the booking that got the place.
    pub async fn hand_over_booking_place(
        &self,
        tx: &mut Tx,
        slot: SlotId,
    ) -> Result<Option<BookingRow>> {
        // The slot's row lock first: a booking deciding to wait holds it while it decides.
        sqlx::query("UPDATE booking_slots SET places = places WHERE id = $1")
            .bind(slot.to_string())
            .execute(&mut **tx)
            .await?;
        for _ in 0..8 {
            let next = sqlx::query("SELECT id FROM bookings WHERE slot_id = $1 AND state = 'waiting' ORDER BY created_at, id LIMIT 1")
                .bind(slot.to_string())
                .fetch_optional(&mut **tx)
                .await?;
            let Some(next) = next else { break };
            let id: BookingId = next.parsed("id")?;
            if self
                .move_booking(tx, id, BookingState::Waiting, BookingState::Confirmed, None)
                .await?
            {
                return Ok(Some(self.booking_in(tx, id).await?));
            }
        }
        sqlx::query("UPDATE booking_slots SET taken = taken - 1 WHERE id = $1 AND taken > 0")
            .bind(slot.to_string())
            .execute(&mut **tx)
            .await?;
        Ok(None)
    }

    /// Open bookings (confirmed or waiting) of a desk from `from` on whose slot is closed:
    /// the hall closed the desk or changed its hours after they were made.
    pub async fn stranded_bookings(&self, desk: DeskId, from: Date) -> Result<Vec<BookingRow>> {
        let sql = format!(
            "SELECT {COLUMNS} {FROM} WHERE b.desk_id = $1 AND b.day >= $2 AND s.closed = 1 AND b.state IN ('confirmed', 'waiting') ORDER BY b.day, s.start_min, b.created_at"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(desk.to_string())
            .bind(from.to_string())
            .fetch_all(self.db.reader())
            .await?;
        rows.iter().map(read).collect()
    }

    /// Whether the slot is closed, read inside `tx` after its row lock.
    pub async fn booking_slot_closed(&self, tx: &mut Tx, slot: SlotId) -> Result<bool> {
        sqlx::query("UPDATE booking_slots SET places = places WHERE id = $1")
            .bind(slot.to_string())
            .execute(&mut **tx)
            .await?;
        let r = sqlx::query("SELECT closed FROM booking_slots WHERE id = $1")
            .bind(slot.to_string())
            .fetch_one(&mut **tx)
            .await?;
        Ok(r.int("closed")? != 0)
    }

    /// Frees one taken place of a slot (a confirmed booking ended without anyone to take
    /// the place).
    pub async fn free_booking_place(&self, tx: &mut Tx, slot: SlotId) -> Result<()> {
        sqlx::query("UPDATE booking_slots SET taken = taken - 1 WHERE id = $1 AND taken > 0")
            .bind(slot.to_string())
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// Confirmed bookings on `days` not yet reminded (the reminder job), at most `limit`.
    pub async fn unreminded_bookings(&self, days: &[Date], limit: i64) -> Result<Vec<BookingRow>> {
        let mut out = Vec::new();
        for d in days {
            let sql = format!(
                "SELECT {COLUMNS} {FROM} WHERE b.day = $1 AND b.state = 'confirmed' AND b.reminded_at IS NULL ORDER BY b.id LIMIT $2"
            );
            let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(d.to_string())
                .bind(limit)
                .fetch_all(self.db.reader())
                .await?;
            for r in &rows {
                out.push(read(r)?);
            }
        }
        Ok(out)
    }

    /// Records the reminder once: false when it was already recorded.
    pub async fn mark_booking_reminded(&self, tx: &mut Tx, id: BookingId) -> Result<bool> {
        Ok(sqlx::query("UPDATE bookings SET reminded_at = $2 WHERE id = $1 AND reminded_at IS NULL AND state = 'confirmed'")
            .bind(id.to_string())
            .bind(Timestamp::now().millis())
            .execute(&mut **tx)
            .await?
            .rows_affected()
            == 1)
    }

    /// Open bookings of days before `today` (the sweep: unattended ones become no-shows,
    /// waiting ones lapse), at most `limit`.
    pub async fn open_bookings_before(&self, today: Date, limit: i64) -> Result<Vec<BookingRow>> {
        let sql = format!(
            "SELECT {COLUMNS} {FROM} WHERE b.day < $1 AND b.state IN ('confirmed', 'waiting') ORDER BY b.day, b.id LIMIT $2"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(today.to_string())
            .bind(limit)
            .fetch_all(self.db.reader())
            .await?;
        rows.iter().map(read).collect()
    }

    /// Consistency facts for tests and the crash check: slots whose confirmed (or served)
    /// bookings exceed their places or differ from `taken`, and accounts whose counter
    /// differs from their open bookings.
    pub async fn booking_inconsistencies(&self) -> Result<(i64, i64, i64)> {
        let over = sqlx::query("SELECT COUNT(*) AS n FROM booking_slots s WHERE (SELECT COUNT(*) FROM bookings b WHERE b.slot_id = s.id AND b.state IN ('confirmed', 'checked_in', 'no_show')) > s.places")
            .fetch_one(self.db.reader())
            .await?
            .int("n")?;
        let drift = sqlx::query("SELECT COUNT(*) AS n FROM booking_slots s WHERE (SELECT COUNT(*) FROM bookings b WHERE b.slot_id = s.id AND b.state IN ('confirmed', 'checked_in', 'no_show')) <> s.taken")
            .fetch_one(self.db.reader())
            .await?
            .int("n")?;
        let holders = sqlx::query("SELECT COUNT(*) AS n FROM booking_holders h WHERE (SELECT COUNT(*) FROM bookings b WHERE b.account_id = h.account_id AND b.state IN ('confirmed', 'waiting')) <> h.open_count")
            .fetch_one(self.db.reader())
            .await?
            .int("n")?;
        Ok((over, drift, holders))
    }
}

fn replay((row, hash): (BookingRow, String), request_hash: &str) -> Result<(BookingRow, bool)> {
    if hash == request_hash {
        Ok((row, false))
    } else {
        Err(Error::code(ErrorCode::IdempotencyKeyReused))
    }
}
