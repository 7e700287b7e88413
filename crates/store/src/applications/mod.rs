//! Online applications: the calendar deadlines are counted on, item form versions, drafts,
//! cases with their history, the lists staff and applicants work from, and consents to
//! assisted handling.

pub mod assist;
pub mod calendar;
pub mod cases;
pub mod cert_types;
pub mod certs;
pub mod drafts;
pub mod forms;
pub mod history;
pub mod queue;
pub mod ratings;
pub mod uploads;
pub mod watch;
