//! The catalogue's pages: the home page (`home`); browsing, guides, life events, search and
//! QR codes (`services`); and the console's catalogue pages (`console`).

pub mod console;
pub mod home;
pub mod services;
