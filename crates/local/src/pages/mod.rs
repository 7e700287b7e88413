//! Local life's pages: the readers' (`public.rs`: the listing, a place, an event, life
//! situations) and the licensing staff's (`console.rs`), with the views they share.

pub mod console;
pub mod public;

use yiwang_domain::Lang;
use yiwang_domain::local::{Category, Hours, Situation, Vetting, distance_text, hhmm};
use yiwang_kit::i18n::Tr;
use yiwang_store::local::PlaceRow;

use crate::services::browse::Listed;
use crate::services::{beijing_now, today};
use crate::texts::LocalTexts;

/// A category's name.
pub fn category_name(t: Tr, c: Category) -> &'static str {
    match c {
        Category::Hall => t.cat_hall(),
        Category::Hospital => t.cat_hospital(),
        Category::School => t.cat_school(),
        Category::Park => t.cat_park(),
        Category::Library => t.cat_library(),
        Category::Sports => t.cat_sports(),
        Category::Locksmith => t.cat_locksmith(),
        Category::Housekeeping => t.cat_housekeeping(),
        Category::Repair => t.cat_repair(),
    }
}

/// A life situation's name.
pub fn situation_name(t: Tr, s: Situation) -> &'static str {
    match s {
        Situation::Marry => t.sit_marry(),
        Situation::Baby => t.sit_baby(),
        Situation::School => t.sit_school(),
        Situation::Job => t.sit_job(),
        Situation::Retire => t.sit_retire(),
    }
}

/// A vetting state's name.
pub fn vetting_name(t: Tr, v: Vetting) -> &'static str {
    match v {
        Vetting::Pending => t.loc_pending(),
        Vetting::Approved => t.loc_approved(),
        Vetting::Refused => t.loc_refused(),
        Vetting::Suspended => t.loc_suspended(),
    }
}

fn day(t: Tr, d: u8) -> &'static str {
    match d {
        1 => t.day_1(),
        2 => t.day_2(),
        3 => t.day_3(),
        4 => t.day_4(),
        5 => t.day_5(),
        6 => t.day_6(),
        _ => t.day_7(),
    }
}

/// Opening hours in words, a line per span (`周一至周五 08:30–17:30`).
pub fn hours_lines(t: Tr, h: &Hours) -> Vec<String> {
    if h.round_the_clock() {
        return vec![t.loc_round_the_clock().to_owned()];
    }
    h.0.iter()
        .map(|s| {
            let days = if s.from_day == s.to_day {
                day(t, s.from_day).to_owned()
            } else {
                format!("{}{}{}", day(t, s.from_day), t.day_to(), day(t, s.to_day))
            };
            format!("{days} {}–{}", hhmm(s.start), hhmm(s.end))
        })
        .collect()
}

/// A place as pages show it.
pub struct PlaceView {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its category's code.
    pub category: &'static str,
    /// Its category's name.
    pub category_name: &'static str,
    /// Street address.
    pub address: String,
    /// Telephone.
    pub phone: String,
    /// Opening hours in words.
    pub hours: Vec<String>,
    /// Open now (Beijing time), when hours are known.
    pub open_now: Option<bool>,
    /// Distance from the reader.
    pub distance: Option<String>,
    /// Latitude and longitude in degrees.
    pub lat: String,
    /// Longitude.
    pub lng: String,
    /// A few words.
    pub description: String,
    /// The licence (number, issuer, valid until), for merchants.
    pub licence: Option<(String, String, String)>,
}

impl PlaceView {
    /// The view of a place, `metres` from the reader.
    pub fn new(t: Tr, p: &PlaceRow, metres: Option<u32>) -> PlaceView {
        let hours = Hours::parse(&p.r.hours).unwrap_or_default();
        let (d, m) = beijing_now();
        PlaceView {
            id: p.id.to_string(),
            name: p.r.name.clone(),
            category: p.r.category.as_str(),
            category_name: category_name(t, p.r.category),
            address: p.r.address.clone(),
            phone: p.r.phone.clone(),
            hours: hours_lines(t, &hours),
            open_now: hours.known().then(|| hours.open_at(d, m)),
            distance: metres.map(|m| distance_text(m, t.lang() != Lang::En)),
            lat: format!("{:.6}", p.r.point.lat_e6 as f64 / 1e6),
            lng: format!("{:.6}", p.r.point.lng_e6 as f64 / 1e6),
            description: p.r.description.clone(),
            licence: p.r.licence.as_ref().map(|l| {
                (
                    l.number.clone(),
                    l.issuer.clone(),
                    yiwang_store::local::date_text(l.valid_until),
                )
            }),
        }
    }

    /// The view of a listed place.
    pub fn listed(t: Tr, l: &Listed) -> PlaceView {
        PlaceView::new(t, &l.place, l.metres)
    }
}

/// Whether a merchant's licence has lapsed (for the staff's list).
pub fn lapsed(p: &PlaceRow) -> bool {
    p.r.licence
        .as_ref()
        .is_some_and(|l| l.valid_until < today())
}

/// Percent-encodes a query value.
pub fn urlencode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
