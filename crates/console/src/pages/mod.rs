//! The console's own pages: the overview (`dashboard`), the audit log, jobs, system clients and
//! development messages (`ops`), and the demo's public message page (`dev`).

pub mod dashboard;
pub mod dev;
pub mod ops;
