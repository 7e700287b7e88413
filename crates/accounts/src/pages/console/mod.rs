//! Accounts in the staff console: staff login and authenticator enrolment (`login`), staff and
//! their roles (`staff`), and finding a citizen (`citizens`, every read audited).

pub mod citizens;
pub mod login;
pub mod staff;
