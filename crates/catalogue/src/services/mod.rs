//! Catalogue use cases shared by the pages and the API: browsing filters (`browse`), editing,
//! importing and curating the catalogue (`catalog`), search (`search`), and the rating summaries guides show (`ratings`).

pub mod browse;
pub mod catalog;
pub mod ratings;
pub mod search;
