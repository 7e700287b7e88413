//! The directory's pages: the public department and region directory (`public`) and the
//! console's department and region editing (`console`).

pub mod console;
pub mod public;
