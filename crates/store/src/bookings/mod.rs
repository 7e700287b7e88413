//! Appointments (SVC-2): places, their desks and templates, closures and slots
//! (`mod.rs`); bookings, taken with one conditional write each, the waiting list, check-in
//! and no-shows (`book.rs`). The rules are `domain::booking`.

pub mod book;

use time::Date;
use yiwang_domain::Timestamp;
use yiwang_domain::booking::slots::SlotPlan;
use yiwang_domain::booking::{DeskKind, PlaceKind};
use yiwang_domain::deadline::parse_date;
use yiwang_domain::ids::{DepartmentId, DeskId, PlaceId, SlotId};

use crate::row::{RowExt, named};
use crate::{Error, Result, Store, Tx};

/// A place that publishes slots.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceRow {
    /// Its id.
    pub id: PlaceId,
    /// Hall or hospital.
    pub kind: PlaceKind,
    /// Its name (广安区政务服务中心).
    pub name: String,
    /// The department that runs it: the scope of its staff's powers.
    pub department_id: DepartmentId,
    /// Its region.
    pub region_code: String,
    /// Where it is.
    pub address: String,
}

/// A new place.
#[derive(Debug, Clone)]
pub struct NewPlace<'a> {
    /// Hall or hospital.
    pub kind: PlaceKind,
    /// Its name.
    pub name: &'a str,
    /// The department running it.
    pub department_id: DepartmentId,
    /// Its region.
    pub region_code: &'a str,
    /// Its address.
    pub address: &'a str,
}

/// A window or a doctor.
#[derive(Debug, Clone, PartialEq)]
pub struct DeskRow {
    /// Its id.
    pub id: DeskId,
    /// Its place.
    pub place_id: PlaceId,
    /// Window or doctor.
    pub kind: DeskKind,
    /// 3号窗口, 王医生.
    pub name: String,
    /// The item group a window serves (社保医保) or a doctor's department (儿科).
    pub unit: String,
    /// Item ids a window serves, one per line.
    pub items: Vec<String>,
    /// Its weekly template, in the lines `domain::booking::slots::parse_template` reads.
    pub template: String,
    /// Order on pages.
    pub sort: i64,
}

/// A new desk.
#[derive(Debug, Clone)]
pub struct NewDesk<'a> {
    /// Its place.
    pub place_id: PlaceId,
    /// Window or doctor.
    pub kind: DeskKind,
    /// Its name.
    pub name: &'a str,
    /// Item group or hospital department.
    pub unit: &'a str,
    /// Item ids served.
    pub items: &'a [String],
    /// The template text (checked by the caller).
    pub template: &'a str,
    /// Order on pages.
    pub sort: i64,
}

/// A slot with what a page needs to show it.
#[derive(Debug, Clone, PartialEq)]
pub struct SlotRow {
    /// Its id.
    pub id: SlotId,
    /// Its desk.
    pub desk_id: DeskId,
    /// The desk's name.
    pub desk_name: String,
    /// The desk's item group or department.
    pub unit: String,
    /// The place.
    pub place_id: PlaceId,
    /// The place's name.
    pub place_name: String,
    /// The department running the place.
    pub department_id: DepartmentId,
    /// The day.
    pub day: Date,
    /// Start, minutes after midnight (Beijing).
    pub start: u16,
    /// End.
    pub end: u16,
    /// Places.
    pub places: i64,
    /// Places taken by confirmed (and served) bookings.
    pub taken: i64,
    /// Closed (removed from the template or a closure): not offered.
    pub closed: bool,
}

impl SlotRow {
    /// Places still free.
    pub fn free(&self) -> i64 {
        (self.places - self.taken).max(0)
    }
}

pub(crate) fn day(r: &sqlx::any::AnyRow, col: &str) -> Result<Date> {
    let s = r.text(col)?;
    parse_date(&s).ok_or_else(|| Error::Corrupt(format!("{col} {s:?}")))
}

fn read_place(r: &sqlx::any::AnyRow) -> Result<PlaceRow> {
    Ok(PlaceRow {
        id: r.parsed("id")?,
        kind: named("kind", &r.text("kind")?, PlaceKind::parse)?,
        name: r.text("name")?,
        department_id: r.parsed("department_id")?,
        region_code: r.text("region_code")?,
        address: r.text("address")?,
    })
}

fn read_desk(r: &sqlx::any::AnyRow) -> Result<DeskRow> {
    Ok(DeskRow {
        id: r.parsed("id")?,
        place_id: r.parsed("place_id")?,
        kind: named("kind", &r.text("kind")?, DeskKind::parse)?,
        name: r.text("name")?,
        unit: r.text("unit")?,
        items: r
            .text("items")?
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_owned)
            .collect(),
        template: r.text("template")?,
        sort: r.int("sort")?,
    })
}

pub(crate) const SLOT_COLUMNS: &str = "s.id, s.desk_id, k.name AS desk_name, k.unit, k.place_id, p.name AS place_name, p.department_id, s.day, s.start_min, s.end_min, s.places, s.taken, s.closed";
pub(crate) const SLOT_FROM: &str = "FROM booking_slots s JOIN booking_desks k ON k.id = s.desk_id JOIN booking_places p ON p.id = k.place_id";

pub(crate) fn read_slot(r: &sqlx::any::AnyRow) -> Result<SlotRow> {
    Ok(SlotRow {
        id: r.parsed("id")?,
        desk_id: r.parsed("desk_id")?,
        desk_name: r.text("desk_name")?,
        unit: r.text("unit")?,
        place_id: r.parsed("place_id")?,
        place_name: r.text("place_name")?,
        department_id: r.parsed("department_id")?,
        day: day(r, "day")?,
        start: u16::try_from(r.int("start_min")?)
            .map_err(|_| Error::Corrupt("start_min".into()))?,
        end: u16::try_from(r.int("end_min")?).map_err(|_| Error::Corrupt("end_min".into()))?,
        places: r.int("places")?,
        taken: r.int("taken")?,
        closed: r.int("closed")? != 0,
    })
}

impl Store {
    /// Adds a place.
    pub async fn create_booking_place(&self, tx: &mut Tx, new: &NewPlace<'_>) -> Result<PlaceId> {
        let id = PlaceId::generate();
        let now = Timestamp::now().millis();
        sqlx::query("INSERT INTO booking_places (id, kind, name, department_id, region_code, address, active, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7)")
            .bind(id.to_string())
            .bind(new.kind.as_str())
            .bind(new.name.to_owned())
            .bind(new.department_id.to_string())
            .bind(new.region_code.to_owned())
            .bind(new.address.to_owned())
            .bind(now)
            .execute(&mut **tx)
            .await?;
        Ok(id)
    }

    /// The active places, halls first, by name.
    pub async fn booking_places(&self) -> Result<Vec<PlaceRow>> {
        let rows = sqlx::query("SELECT id, kind, name, department_id, region_code, address FROM booking_places WHERE active = 1 ORDER BY kind, name")
            .fetch_all(self.db.reader())
            .await?;
        rows.iter().map(read_place).collect()
    }

    /// One place.
    pub async fn booking_place(&self, id: PlaceId) -> Result<PlaceRow> {
        let row = sqlx::query("SELECT id, kind, name, department_id, region_code, address FROM booking_places WHERE id = $1")
            .bind(id.to_string())
            .fetch_optional(self.db.reader())
            .await?
            .ok_or_else(Error::not_found)?;
        read_place(&row)
    }

    /// Adds a desk.
    pub async fn create_booking_desk(&self, tx: &mut Tx, new: &NewDesk<'_>) -> Result<DeskId> {
        let id = DeskId::generate();
        let now = Timestamp::now().millis();
        sqlx::query("INSERT INTO booking_desks (id, place_id, kind, name, unit, items, template, sort, active, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $9)")
            .bind(id.to_string())
            .bind(new.place_id.to_string())
            .bind(new.kind.as_str())
            .bind(new.name.to_owned())
            .bind(new.unit.to_owned())
            .bind(new.items.join("\n"))
            .bind(new.template.to_owned())
            .bind(new.sort)
            .bind(now)
            .execute(&mut **tx)
            .await?;
        Ok(id)
    }

    /// Replaces a desk's template (checked by the caller).
    pub async fn set_booking_desk_template(
        &self,
        tx: &mut Tx,
        desk: DeskId,
        template: &str,
    ) -> Result<()> {
        let n =
            sqlx::query("UPDATE booking_desks SET template = $2, updated_at = $3 WHERE id = $1")
                .bind(desk.to_string())
                .bind(template.to_owned())
                .bind(Timestamp::now().millis())
                .execute(&mut **tx)
                .await?
                .rows_affected();
        if n == 0 {
            return Err(Error::not_found());
        }
        Ok(())
    }

    /// A place's active desks in order.
    pub async fn booking_desks(&self, place: PlaceId) -> Result<Vec<DeskRow>> {
        let rows = sqlx::query("SELECT id, place_id, kind, name, unit, items, template, sort FROM booking_desks WHERE place_id = $1 AND active = 1 ORDER BY sort, name")
            .bind(place.to_string())
            .fetch_all(self.db.reader())
            .await?;
        rows.iter().map(read_desk).collect()
    }

    /// Every active desk of every active place (the daily publishing of slots).
    pub async fn all_booking_desks(&self) -> Result<Vec<DeskRow>> {
        let rows = sqlx::query("SELECT k.id, k.place_id, k.kind, k.name, k.unit, k.items, k.template, k.sort FROM booking_desks k JOIN booking_places p ON p.id = k.place_id WHERE k.active = 1 AND p.active = 1 ORDER BY k.place_id, k.sort")
            .fetch_all(self.db.reader())
            .await?;
        rows.iter().map(read_desk).collect()
    }

    /// One desk.
    pub async fn booking_desk(&self, id: DeskId) -> Result<DeskRow> {
        let row = sqlx::query("SELECT id, place_id, kind, name, unit, items, template, sort FROM booking_desks WHERE id = $1")
            .bind(id.to_string())
            .fetch_optional(self.db.reader())
            .await?
            .ok_or_else(Error::not_found)?;
        read_desk(&row)
    }

    /// One desk, read inside `tx`.
    pub async fn booking_desk_in(&self, tx: &mut Tx, id: DeskId) -> Result<DeskRow> {
        let row = sqlx::query("SELECT id, place_id, kind, name, unit, items, template, sort FROM booking_desks WHERE id = $1")
            .bind(id.to_string())
            .fetch_optional(&mut **tx)
            .await?
            .ok_or_else(Error::not_found)?;
        read_desk(&row)
    }

    /// Closes a whole place (`desk` `None`) or one desk on a day.
    pub async fn add_booking_closure(
        &self,
        tx: &mut Tx,
        place: PlaceId,
        desk: Option<DeskId>,
        day: Date,
        reason: &str,
    ) -> Result<()> {
        sqlx::query("INSERT INTO booking_closures (place_id, desk_id, day, reason) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
            .bind(place.to_string())
            .bind(desk.map(|d| d.to_string()).unwrap_or_default())
            .bind(day.to_string())
            .bind(reason.to_owned())
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// The closed days of a desk from `from` on (its own and its place's), inside `tx`.
    pub async fn booking_desk_closures(
        &self,
        tx: &mut Tx,
        desk: &DeskRow,
        from: Date,
    ) -> Result<Vec<Date>> {
        let rows = sqlx::query("SELECT day FROM booking_closures WHERE place_id = $1 AND (desk_id = '' OR desk_id = $2) AND day >= $3")
            .bind(desk.place_id.to_string())
            .bind(desk.id.to_string())
            .bind(from.to_string())
            .fetch_all(&mut **tx)
            .await?;
        rows.iter().map(|r| day(r, "day")).collect()
    }

    /// Why a desk is closed on `day`, if a closure says so (its own, else its place's).
    pub async fn booking_closure_reason(
        &self,
        desk: &DeskRow,
        day: Date,
    ) -> Result<Option<String>> {
        let row = sqlx::query("SELECT reason FROM booking_closures WHERE place_id = $1 AND (desk_id = '' OR desk_id = $2) AND day = $3 ORDER BY desk_id DESC LIMIT 1")
            .bind(desk.place_id.to_string())
            .bind(desk.id.to_string())
            .bind(day.to_string())
            .fetch_optional(self.db.reader())
            .await?;
        row.map(|r| r.text("reason")).transpose()
    }

    /// Makes a desk's slots from `from` on match `plan`: new slots are added, slots still in
    /// the plan reopen with the plan's places (never fewer than are taken), and slots no
    /// longer in it close (their bookings stay). Returns the slots written.
    pub async fn publish_booking_slots(
        &self,
        tx: &mut Tx,
        desk: DeskId,
        from: Date,
        plan: &[SlotPlan],
    ) -> Result<u64> {
        sqlx::query("UPDATE booking_slots SET closed = 1 WHERE desk_id = $1 AND day >= $2")
            .bind(desk.to_string())
            .bind(from.to_string())
            .execute(&mut **tx)
            .await?;
        let mut written = 0;
        for s in plan {
            written += sqlx::query("INSERT INTO booking_slots (id, desk_id, day, start_min, end_min, places, taken, closed) VALUES ($1, $2, $3, $4, $5, $6, 0, 0) ON CONFLICT (desk_id, day, start_min) DO UPDATE SET closed = 0, end_min = excluded.end_min, places = CASE WHEN excluded.places < booking_slots.taken THEN booking_slots.taken ELSE excluded.places END")
                .bind(SlotId::generate().to_string())
                .bind(desk.to_string())
                .bind(s.day.to_string())
                .bind(i64::from(s.start))
                .bind(i64::from(s.end))
                .bind(i64::from(s.places))
                .execute(&mut **tx)
                .await?
                .rows_affected();
        }
        Ok(written)
    }

    /// The open slots of a place's desks from `from` to `to` (inclusive), by desk and time.
    pub async fn booking_place_slots(
        &self,
        place: PlaceId,
        from: Date,
        to: Date,
    ) -> Result<Vec<SlotRow>> {
        let sql = format!(
            "SELECT {SLOT_COLUMNS} {SLOT_FROM} WHERE k.place_id = $1 AND s.day >= $2 AND s.day <= $3 AND s.closed = 0 AND k.active = 1 ORDER BY s.day, k.sort, s.start_min"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(place.to_string())
            .bind(from.to_string())
            .bind(to.to_string())
            .fetch_all(self.db.reader())
            .await?;
        rows.iter().map(read_slot).collect()
    }

    /// One slot.
    pub async fn booking_slot(&self, id: SlotId) -> Result<SlotRow> {
        let sql = format!("SELECT {SLOT_COLUMNS} {SLOT_FROM} WHERE s.id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id.to_string())
            .fetch_optional(self.db.reader())
            .await?
            .ok_or_else(Error::not_found)?;
        read_slot(&row)
    }

    /// Utilisation of a place from `from` to `to`: per day and desk, places, taken, checked
    /// in and no-shows.
    pub async fn booking_utilisation(
        &self,
        place: PlaceId,
        from: Date,
        to: Date,
    ) -> Result<Vec<Utilisation>> {
        let rows = sqlx::query(
            "SELECT s.day, k.name AS desk_name, CAST(SUM(s.places) AS BIGINT) AS places, CAST(SUM(s.taken) AS BIGINT) AS taken,
                    CAST(SUM((SELECT COUNT(*) FROM bookings b WHERE b.slot_id = s.id AND b.state = 'checked_in')) AS BIGINT) AS checked_in,
                    CAST(SUM((SELECT COUNT(*) FROM bookings b WHERE b.slot_id = s.id AND b.state = 'no_show')) AS BIGINT) AS no_shows
             FROM booking_slots s JOIN booking_desks k ON k.id = s.desk_id
             WHERE k.place_id = $1 AND s.day >= $2 AND s.day <= $3 AND s.closed = 0
             GROUP BY s.day, k.name, k.sort ORDER BY s.day, k.sort, k.name",
        )
        .bind(place.to_string())
        .bind(from.to_string())
        .bind(to.to_string())
        .fetch_all(self.db.reader())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Utilisation {
                    day: day(r, "day")?,
                    desk: r.text("desk_name")?,
                    places: r.int("places")?,
                    taken: r.int("taken")?,
                    checked_in: r.int("checked_in")?,
                    no_shows: r.int("no_shows")?,
                })
            })
            .collect()
    }
}

/// One line of the utilisation page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Utilisation {
    /// The day.
    pub day: Date,
    /// The desk.
    pub desk: String,
    /// Places offered.
    pub places: i64,
    /// Places booked.
    pub taken: i64,
    /// People checked in.
    pub checked_in: i64,
    /// No-shows.
    pub no_shows: i64,
}
