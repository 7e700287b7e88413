//! Single sign-on's use cases: the sign-in flow (`flow.rs`), the systems and keys a platform
//! admin manages (`clients.rs`), and the person's connections (`connections.rs`).

pub mod clients;
pub mod connections;
pub mod flow;
