//! The applicant's cases (APP-3, APP-6, APP-7): the list, the progress page with its timeline and due day, withdrawing, supplementing after a return, asking for a person to review an automatic decision, rating, and following a case by receipt number and verification code without logging in.
use axum::response::Response;
use crate::error::Error;

/// Not built yet.
pub async fn list() -> Result<Response, Error> {
    Err(Error::not_found())
}

/// Not built yet.
pub async fn progress() -> Result<Response, Error> {
    Err(Error::not_found())
}

/// Not built yet.
pub async fn withdraw() -> Result<Response, Error> {
    Err(Error::not_found())
}

/// Not built yet.
pub async fn supplement_form() -> Result<Response, Error> {
    Err(Error::not_found())
}

/// Not built yet.
pub async fn supplement() -> Result<Response, Error> {
    Err(Error::not_found())
}

/// Not built yet.
pub async fn request_review() -> Result<Response, Error> {
    Err(Error::not_found())
}

/// Not built yet.
pub async fn rate() -> Result<Response, Error> {
    Err(Error::not_found())
}

/// Not built yet.
pub async fn track_form() -> Result<Response, Error> {
    Err(Error::not_found())
}

/// Not built yet.
pub async fn track() -> Result<Response, Error> {
    Err(Error::not_found())
}

