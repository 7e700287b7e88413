//! Reference data embedded in the binary (see `seed/README.md` for sources and licences), so
//! one file is a complete deployment.

use yiwang_store::regions::RegionSources;

/// The national region tree.
pub fn regions() -> RegionSources<'static> {
    RegionSources {
        provinces: include_str!("../../../seed/regions/provinces.csv"),
        cities: include_str!("../../../seed/regions/cities.csv"),
        areas: include_str!("../../../seed/regions/areas.csv"),
        streets: include_str!("../../../seed/regions/streets.csv"),
    }
}

/// The service catalogue of 广安区 (its departments are created by the demo).
pub const GUANG_AN_CATALOGUE: &str =
    include_str!("../../../seed/catalog/guang_an_service_items.csv");

/// The demo's editorial classification of the catalogue (topics and subjects by item code):
/// written for the demo, not part of the county's file.
pub const GUANG_AN_CLASSIFICATION: &str = include_str!("../../../seed/catalog/classification.csv");

/// The demo's life-event checklists (stage, position, item code, name, note).
pub const LIFE_EVENTS: &str = include_str!("../../../seed/catalog/life_events.tsv");

/// The starter list of search aliases every deployment begins with.
pub const SEARCH_ALIASES: &str = include_str!("../../../seed/search/aliases.tsv");

/// The official calendar of public holidays and make-up working days (2018 onwards); see
/// `seed/calendar/NOTICE`.
pub const CALENDAR: &str = include_str!("../../../seed/calendar/cn_public_holidays.csv");

/// The demo's online forms, workflows, instant-approval rules and certificates for real items
/// of 广安区 (`seed/forms/README.md`).
pub const DEMO_FORMS: &str = include_str!("../../../seed/forms/demo_forms.json");
