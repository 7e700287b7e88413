//! Local life (LIFE-1): places and vetted merchants in one table, and events at places. The
//! rules — categories, vetting, distance, opening hours, who is listed — are
//! `domain::local`'s; this module keeps the rows and answers the listing's filters in SQL, a
//! merchant listed only while approved and licensed (`licence_valid_until >= today`).

use sqlx::any::AnyRow;
use yiwang_domain::Timestamp;
use yiwang_domain::ids::{DepartmentId, LocalEventId, LocalPlaceId};
use yiwang_domain::local::{Category, Point, Vetting};
use yiwang_domain::region::RegionCode;

use crate::row::{RowExt, named};
use crate::{Result, Store, Tx};

/// A merchant's licence or certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Licence {
    /// Its number.
    pub number: String,
    /// Who issued it.
    pub issuer: String,
    /// The last day it is valid (Beijing date).
    pub valid_until: time::Date,
}

/// A place or merchant as written.
#[derive(Debug, Clone)]
pub struct PlaceRecord {
    /// Its name.
    pub name: String,
    /// What it is.
    pub category: Category,
    /// Where, in the region tree.
    pub region: RegionCode,
    /// Street address.
    pub address: String,
    /// Public telephone.
    pub phone: String,
    /// Opening hours (`domain::local::Hours` spec).
    pub hours: String,
    /// Location.
    pub point: Point,
    /// A few words.
    pub description: String,
    /// The licensing department (merchants).
    pub department: Option<DepartmentId>,
    /// The licence (merchants).
    pub licence: Option<Licence>,
    /// Vetting state (places are `approved`).
    pub vetting: Vetting,
}

/// A place's row.
#[derive(Debug, Clone)]
pub struct PlaceRow {
    /// Its id.
    pub id: LocalPlaceId,
    /// What was written.
    pub r: PlaceRecord,
    /// The reason given with a refusal or suspension.
    pub reason: Option<String>,
    /// Last changed.
    pub modified_at: Timestamp,
}

impl PlaceRow {
    /// Whether readers see it on `today`.
    pub fn listed(&self, today: time::Date) -> bool {
        yiwang_domain::local::listed(
            self.r.category,
            self.r.vetting,
            self.r.licence.as_ref().map(|l| l.valid_until),
            today,
        )
    }
}

/// An event at a place.
#[derive(Debug, Clone)]
pub struct EventRow {
    /// Its id.
    pub id: LocalEventId,
    /// Title.
    pub title: String,
    /// Where.
    pub place: LocalPlaceId,
    /// The place's name.
    pub place_name: String,
    /// The place's region.
    pub region: RegionCode,
    /// First day.
    pub starts_on: time::Date,
    /// Last day.
    pub ends_on: time::Date,
    /// Where to register (an https address).
    pub registration_url: String,
    /// A few words.
    pub description: String,
    /// The life situation it helps with, if any (a `Situation` code).
    pub situation: Option<String>,
}

/// What a listing asks for.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Inside this region (and below).
    pub region: Option<RegionCode>,
    /// Of these categories (any, when empty).
    pub categories: Vec<Category>,
    /// Inside this box (south, west, north, east in millionths of a degree).
    pub bbox: Option<[i64; 4]>,
    /// At most this many.
    pub limit: i64,
    /// After skipping this many.
    pub offset: i64,
    /// Whether to count every match too ("near me" does not need the count).
    pub count: bool,
}

const COLS: &str = "id, name, category, region_code, address, phone, hours, lat_e6, lng_e6, description, department_id, licence_no, licence_issuer, licence_valid_until, vetting, vetting_reason, modified_at";

fn date(s: &str) -> Option<time::Date> {
    let f = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(s, f).ok()
}

/// A Beijing date as stored (`YYYY-MM-DD`, which compares as text).
pub fn date_text(d: time::Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

fn place(r: &AnyRow) -> Result<PlaceRow> {
    let licence = match (
        r.opt_text("licence_no")?,
        r.opt_text("licence_issuer")?,
        r.opt_text("licence_valid_until")?.as_deref().and_then(date),
    ) {
        (Some(number), Some(issuer), Some(valid_until)) => Some(Licence {
            number,
            issuer,
            valid_until,
        }),
        _ => None,
    };
    Ok(PlaceRow {
        id: r.parsed("id")?,
        r: PlaceRecord {
            name: r.text("name")?,
            category: named("category", &r.text("category")?, Category::parse)?,
            region: named("region_code", &r.text("region_code")?, |s| {
                RegionCode::parse(s).ok()
            })?,
            address: r.text("address")?,
            phone: r.text("phone")?,
            hours: r.text("hours")?,
            point: Point {
                lat_e6: r.int("lat_e6")?,
                lng_e6: r.int("lng_e6")?,
            },
            description: r.text("description")?,
            department: r.opt_parsed("department_id")?,
            licence,
            vetting: named("vetting", &r.text("vetting")?, Vetting::parse)?,
        },
        reason: r.opt_text("vetting_reason")?,
        modified_at: r.ts("modified_at")?,
    })
}

fn event(r: &AnyRow) -> Result<EventRow> {
    let day = |c: &str| -> Result<time::Date> { named(c, &r.text(c)?, date) };
    Ok(EventRow {
        id: r.parsed("id")?,
        title: r.text("title")?,
        place: r.parsed("place_id")?,
        place_name: r.text("place_name")?,
        region: named("region_code", &r.text("region_code")?, |s| {
            RegionCode::parse(s).ok()
        })?,
        starts_on: day("starts_on")?,
        ends_on: day("ends_on")?,
        registration_url: r.text("registration_url")?,
        description: r.text("description")?,
        situation: r.opt_text("situation")?,
    })
}

/// The clause that keeps only what readers see on a day (its date bound as `$n`).
fn listed_clause(n: usize) -> String {
    format!("(merchant = 0 OR (vetting = 'approved' AND licence_valid_until >= ${n}))")
}

const EVENT_COLS: &str = "e.id, e.title, e.place_id, p.name AS place_name, p.region_code, e.starts_on, e.ends_on, e.registration_url, e.description, e.situation";

impl Store {
    /// Writes a new place or merchant.
    pub async fn insert_place(&self, tx: &mut Tx, p: &PlaceRecord) -> Result<LocalPlaceId> {
        let id = LocalPlaceId::generate();
        let now = Timestamp::now().millis();
        let l = p.licence.as_ref();
        sqlx::query(
            "INSERT INTO local_places (id, name, category, merchant, region_code, address, phone, hours, lat_e6, lng_e6, description, department_id, licence_no, licence_issuer, licence_valid_until, vetting, lapse_noted, created_at, modified_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 0, $17, $17)",
        )
        .bind(id.to_string())
        .bind(&p.name)
        .bind(p.category.as_str())
        .bind(i64::from(p.category.is_merchant()))
        .bind(p.region.as_str().to_owned())
        .bind(&p.address)
        .bind(&p.phone)
        .bind(&p.hours)
        .bind(p.point.lat_e6)
        .bind(p.point.lng_e6)
        .bind(&p.description)
        .bind(p.department.map(|d| d.to_string()))
        .bind(l.map(|l| l.number.clone()))
        .bind(l.map(|l| l.issuer.clone()))
        .bind(l.map(|l| date_text(l.valid_until)))
        .bind(p.vetting.as_str())
        .bind(now)
        .execute(&mut **tx)
        .await?;
        Ok(id)
    }

    /// A place by id, listed or not.
    pub async fn place(&self, id: LocalPlaceId) -> Result<Option<PlaceRow>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLS} FROM local_places WHERE id = $1"
        )))
        .bind(id.to_string())
        .fetch_optional(self.db.reader())
        .await?;
        row.as_ref().map(place).transpose()
    }

    /// A place by id inside a transaction (to decide on its current state).
    pub async fn place_in(&self, tx: &mut Tx, id: LocalPlaceId) -> Result<Option<PlaceRow>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLS} FROM local_places WHERE id = $1"
        )))
        .bind(id.to_string())
        .fetch_optional(&mut **tx)
        .await?;
        row.as_ref().map(place).transpose()
    }

    /// What readers see on `today` under a filter, ordered by name; with the total.
    pub async fn listed_places(
        &self,
        f: &Filter,
        today: time::Date,
    ) -> Result<(Vec<PlaceRow>, i64)> {
        let mut clauses = vec![listed_clause(1)];
        let mut texts = vec![date_text(today)];
        if let Some(r) = &f.region {
            // A code range rather than LIKE, so the index serves it: every code under
            // `511602` sorts from `511602` to before `511602:` (':' follows the digits).
            texts.push(r.as_str().to_owned());
            texts.push(format!("{}:", r.as_str()));
            clauses.push(format!(
                "region_code >= ${} AND region_code < ${}",
                texts.len() - 1,
                texts.len()
            ));
        }
        if !f.categories.is_empty() {
            let mut ors = Vec::new();
            for c in &f.categories {
                texts.push(c.as_str().to_owned());
                ors.push(format!("${}", texts.len()));
            }
            clauses.push(format!("category IN ({})", ors.join(", ")));
        }
        let n = texts.len();
        let mut ints = Vec::new();
        if let Some([s, w, no, e]) = f.bbox {
            clauses.push(format!(
                "lat_e6 BETWEEN ${} AND ${} AND lng_e6 BETWEEN ${} AND ${}",
                n + 1,
                n + 2,
                n + 3,
                n + 4
            ));
            ints.extend([s, no, w, e]);
        }
        let filter = clauses.join(" AND ");
        let k = n + ints.len();
        let list_sql = format!(
            "SELECT {COLS} FROM local_places WHERE {filter} ORDER BY name, id LIMIT ${} OFFSET ${}",
            k + 1,
            k + 2
        );
        let count_sql = format!("SELECT COUNT(*) AS n FROM local_places WHERE {filter}");
        let mut list = sqlx::query(sqlx::AssertSqlSafe(list_sql.clone()));
        let mut count = sqlx::query(sqlx::AssertSqlSafe(count_sql.clone()));
        for t in &texts {
            list = list.bind(t.clone());
            count = count.bind(t.clone());
        }
        for i in &ints {
            list = list.bind(*i);
            count = count.bind(*i);
        }
        let rows = list
            .bind(f.limit)
            .bind(f.offset)
            .fetch_all(self.db.reader())
            .await?;
        let total = if f.count {
            count.fetch_one(self.db.reader()).await?.int("n")?
        } else {
            rows.len() as i64
        };
        Ok((rows.iter().map(place).collect::<Result<_>>()?, total))
    }

    /// Merchants in a region (and below), any state, for the licensing staff; newest first.
    pub async fn merchants_under(&self, region: &RegionCode, limit: i64) -> Result<Vec<PlaceRow>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLS} FROM local_places WHERE merchant = 1 AND region_code LIKE $1 ORDER BY modified_at DESC, id LIMIT $2"
        )))
        .bind(format!("{}%", region.as_str()))
        .bind(limit)
        .fetch_all(self.db.reader())
        .await?;
        rows.iter().map(place).collect()
    }

    /// Sets a merchant's vetting state and reason.
    pub async fn set_vetting(
        &self,
        tx: &mut Tx,
        id: LocalPlaceId,
        state: Vetting,
        reason: Option<&str>,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE local_places SET vetting = $1, vetting_reason = $2, modified_at = $3 WHERE id = $4",
        )
        .bind(state.as_str())
        .bind(reason.map(str::to_owned))
        .bind(Timestamp::now().millis())
        .bind(id.to_string())
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Merchants whose licence ran out before `today` and whose lapse the search index was
    /// not yet told of.
    pub async fn lapsed_unnoted(&self, today: time::Date) -> Result<Vec<LocalPlaceId>> {
        let rows = sqlx::query(
            "SELECT id FROM local_places WHERE merchant = 1 AND lapse_noted = 0 AND licence_valid_until < $1",
        )
        .bind(date_text(today))
        .fetch_all(self.db.reader())
        .await?;
        rows.iter().map(|r| r.parsed("id")).collect()
    }

    /// Remembers that a merchant's lapse was told to the index (in the telling transaction).
    pub async fn note_lapse(&self, tx: &mut Tx, id: LocalPlaceId) -> Result<()> {
        sqlx::query("UPDATE local_places SET lapse_noted = 1 WHERE id = $1")
            .bind(id.to_string())
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// Events over before `today` that the search index was not yet told of.
    pub async fn ended_unnoted(&self, today: time::Date) -> Result<Vec<LocalEventId>> {
        let rows = sqlx::query("SELECT id FROM local_events WHERE over_noted = 0 AND ends_on < $1")
            .bind(date_text(today))
            .fetch_all(self.db.reader())
            .await?;
        rows.iter().map(|r| r.parsed("id")).collect()
    }

    /// Remembers that an event's end was told to the index (in the telling transaction).
    pub async fn note_event_over(&self, tx: &mut Tx, id: LocalEventId) -> Result<()> {
        sqlx::query("UPDATE local_events SET over_noted = 1 WHERE id = $1")
            .bind(id.to_string())
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// Every place, merchant and event for the search index, a page at a time by id.
    pub async fn places_after(
        &self,
        after: Option<LocalPlaceId>,
        limit: i64,
    ) -> Result<Vec<PlaceRow>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLS} FROM local_places WHERE id > $1 ORDER BY id LIMIT $2"
        )))
        .bind(after.map_or(String::new(), |a| a.to_string()))
        .bind(limit)
        .fetch_all(self.db.reader())
        .await?;
        rows.iter().map(place).collect()
    }

    /// Writes an event.
    #[allow(clippy::too_many_arguments)]
    pub async fn insert_event(
        &self,
        tx: &mut Tx,
        title: &str,
        place: LocalPlaceId,
        starts_on: time::Date,
        ends_on: time::Date,
        registration_url: &str,
        description: &str,
        situation: Option<&str>,
    ) -> Result<LocalEventId> {
        let id = LocalEventId::generate();
        sqlx::query(
            "INSERT INTO local_events (id, title, place_id, starts_on, ends_on, registration_url, description, situation, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(id.to_string())
        .bind(title)
        .bind(place.to_string())
        .bind(date_text(starts_on))
        .bind(date_text(ends_on))
        .bind(registration_url)
        .bind(description)
        .bind(situation.map(str::to_owned))
        .bind(Timestamp::now().millis())
        .execute(&mut **tx)
        .await?;
        Ok(id)
    }

    /// An event by id.
    pub async fn local_event(&self, id: LocalEventId) -> Result<Option<EventRow>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {EVENT_COLS} FROM local_events e JOIN local_places p ON p.id = e.place_id WHERE e.id = $1"
        )))
        .bind(id.to_string())
        .fetch_optional(self.db.reader())
        .await?;
        row.as_ref().map(event).transpose()
    }

    /// Events not yet over on `today` in a region (and below), soonest first; of one
    /// situation when given.
    pub async fn upcoming_events(
        &self,
        region: &RegionCode,
        situation: Option<&str>,
        today: time::Date,
        limit: i64,
    ) -> Result<Vec<EventRow>> {
        let sql = format!(
            "SELECT {EVENT_COLS} FROM local_events e JOIN local_places p ON p.id = e.place_id \
             WHERE e.ends_on >= $1 AND p.region_code LIKE $2 {} ORDER BY e.starts_on, e.id LIMIT $3",
            if situation.is_some() {
                "AND e.situation = $4"
            } else {
                ""
            }
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
            .bind(date_text(today))
            .bind(format!("{}%", region.as_str()))
            .bind(limit);
        if let Some(s) = situation {
            q = q.bind(s.to_owned());
        }
        let rows = q.fetch_all(self.db.reader()).await?;
        rows.iter().map(event).collect()
    }

    /// Every event, for the search index.
    pub async fn all_local_events(&self) -> Result<Vec<EventRow>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {EVENT_COLS} FROM local_events e JOIN local_places p ON p.id = e.place_id ORDER BY e.id"
        )))
        .fetch_all(self.db.reader())
        .await?;
        rows.iter().map(event).collect()
    }

    /// How many places there are (the demo adds its own once).
    pub async fn count_places(&self) -> Result<i64> {
        sqlx::query("SELECT COUNT(*) AS n FROM local_places")
            .fetch_one(self.db.reader())
            .await?
            .int("n")
    }
}
