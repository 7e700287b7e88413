//! Online applications and electronic certificates (PRODUCT.md APP-1…8, CERT-1…4): forms and
//! the console's form builder, applying with drafts and uploads, submitting exactly once,
//! instant approval (秒批), the workflow with staff queues and working-day deadlines, progress
//! and public tracking, ratings (好差评), assisted handling (帮办代办), and certificates with
//! the wallet, sharing, verification, revocation and key rotation.
//!
//! Rooms: `services/` (use cases shared by the pages, the console and the API; a newcomer
//! looking for "does a rating open a rectification task?" reads `services/ratings.rs` over
//! `domain::workflow::rating`, and the page that shows it is `pages/cases/progress.rs`),
//! `pages/` (+ `templates/apply`, `templates/cases`, `templates/certificates`,
//! `templates/console`), `api/` (`/api/v1/items/{id}/…`, `/api/v1/me/cases`, `/api/v1/cases`,
//! `/api/v1/assist`, `/api/v1/certificates`, `/api/v1/admin/items/{id}/forms`), `texts/`, and
//! [`routes`].

pub mod api;
pub mod catalog;
pub mod pages;
pub mod services;
pub mod texts;

mod routes;

pub use routes::routes;
