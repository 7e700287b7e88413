//! The account pages: registration, login and password reset (`account`), the citizen's own
//! pages (`profile`: profile, real-name verification, password, messages, access log),
//! enterprises and their agents (`enterprises`), and the console's staff pages (`console`).

pub mod account;
pub mod console;
pub mod enterprises;
pub mod profile;
