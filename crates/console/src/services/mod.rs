//! Operations use cases shared by the console and the admin API.

pub mod ops;
