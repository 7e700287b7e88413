//! The catalogue in the staff console: items (`items`), their versions and withdrawal
//! (`item_history`), import and export, search synonyms and life-event checklists (`catalog`).

pub mod catalog;
pub mod item_history;
pub mod items;
