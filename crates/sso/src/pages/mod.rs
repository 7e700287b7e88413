//! Single sign-on's pages: the protocol endpoints relying parties call (`protocol.rs`), the
//! person's pages of the flow (`authorize.rs`), connected systems (`connected.rs`) and the
//! console (`console.rs`).

pub mod authorize;
pub mod connected;
pub mod console;
pub mod protocol;
