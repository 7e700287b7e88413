//! The applications' pages: applying (`apply`), the applicant's cases and public tracking
//! (`cases`), certificates with their wallet, sharing and verification (`certificates`), and
//! the console's pages (`console`).

pub mod apply;
pub mod cases;
pub mod certificates;
pub mod console;
