//! Account use cases shared by the pages and the API: citizens (`accounts`), staff login and
//! enrolment (`staff`), enterprises and agents (`enterprises`), the citizen's log of staff
//! reads (`access_log`), and the password-hashing threads (`hashing`).

pub mod access_log;
pub mod accounts;
pub mod citizens;
pub mod enterprises;
pub mod hashing;
pub mod identity;
pub mod notifications;
pub mod staff;
pub mod staff_members;
