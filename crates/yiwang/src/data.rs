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
