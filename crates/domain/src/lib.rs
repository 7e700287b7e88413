//! Yiwang's domain: the rules of a one-stop government service platform.
//!
//! Everything here is pure: no database, no network, no async. Storage (`yiwang-store`),
//! the web layer (`yiwang-web`) and background work (`yiwang-jobs`) call into these types
//! and functions; they never reimplement a rule.

pub mod account;
pub mod alert;
pub mod application;
pub mod assist;
pub mod audit;
pub mod auth;
pub mod booking;
pub mod catalog;
pub mod deadline;
pub mod department;
pub mod disclosure;
pub mod enterprise;
pub mod error;
pub mod forms;
pub mod identity;
pub mod ids;
pub mod inquiry;
pub mod job;
pub mod lang;
pub mod local;
pub mod names;
pub mod notification;
pub mod oidc;
pub mod open_stats;
pub mod paging;
pub mod payments;
pub mod publishing;
pub mod records;
pub mod region;
pub mod rules;
pub mod session;
pub mod throttle;
pub mod time;
pub mod workflow;
pub mod zh;

pub use error::{Error, ErrorCode, FieldCode, FieldError, FieldErrors};
pub use lang::Lang;
pub use time::Timestamp;
