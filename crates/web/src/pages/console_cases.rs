//! The staff side of applications (APP-3, APP-4): the department queue sorted by deadline with bulk accept, the case page with its answers, files, history and the actions the workflow allows, the supervisor's board of overdue cases, and the holiday calendar.
use axum::response::Response;
use crate::error::Error;

/// Not built yet.
pub async fn queue() -> Result<Response, Error> {
    Err(Error::not_found())
}

/// Not built yet.
pub async fn bulk_accept() -> Result<Response, Error> {
    Err(Error::not_found())
}

/// Not built yet.
pub async fn show() -> Result<Response, Error> {
    Err(Error::not_found())
}

/// Not built yet.
pub async fn act() -> Result<Response, Error> {
    Err(Error::not_found())
}

/// Not built yet.
pub async fn overdue() -> Result<Response, Error> {
    Err(Error::not_found())
}

/// Not built yet.
pub async fn calendar() -> Result<Response, Error> {
    Err(Error::not_found())
}

/// Not built yet.
pub async fn calendar_load() -> Result<Response, Error> {
    Err(Error::not_found())
}

