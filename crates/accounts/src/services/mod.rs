//! Account use cases shared by the pages and the API: citizens (`accounts`), staff login and
//! enrolment (`staff`), enterprises and agents (`enterprises`), and the password-hashing
//! threads (`hashing`).

pub mod accounts;
pub mod citizens;
pub mod enterprises;
pub mod hashing;
pub mod identity;
pub mod staff;
pub mod staff_members;
