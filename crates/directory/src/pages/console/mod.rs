//! The directory in the staff console: departments (`departments`) and regions with their
//! communities (`regions`).

pub mod departments;
pub mod regions;
