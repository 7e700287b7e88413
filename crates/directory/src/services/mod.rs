//! Directory use cases shared by the console and the admin API.

pub mod departments;
pub mod regions;
