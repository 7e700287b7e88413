//! Accounts in the staff console: staff login and authenticator enrolment (`login`), staff and
//! their roles (`staff`), finding a citizen (`citizens`, every read audited), and identity
//! verification at the counter with the conflicts admins resolve (`identity`).

pub mod citizens;
pub mod identity;
pub mod login;
pub mod staff;
