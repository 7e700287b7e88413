//! The catalogue's JSON API: search, items, guides and life events for anyone, and editing,
//! import and export, synonyms and checklists for staff (`catalog`).

pub mod catalog;

/// This capability's part of the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    catalog::search,
    catalog::items,
    catalog::item,
    catalog::life_events,
    catalog::life_event,
    catalog::create_item,
    catalog::update_item,
    catalog::withdraw_item,
    catalog::import,
    catalog::export,
    catalog::aliases,
    catalog::set_aliases,
    catalog::set_life_event,
))]
pub struct Api;
