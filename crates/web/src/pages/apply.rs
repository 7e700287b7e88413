//! Applying online (APP-1, APP-2): the task list, one page per section with drafts kept on the server, check your answers, submission exactly once, the confirmation with the receipt number, and reading back an uploaded file.
use axum::response::Response;
use crate::error::Error;

/// Not built yet.
pub async fn start() -> Result<Response, Error> {
    Err(Error::not_found())
}

/// Not built yet.
pub async fn check() -> Result<Response, Error> {
    Err(Error::not_found())
}

/// Not built yet.
pub async fn submit() -> Result<Response, Error> {
    Err(Error::not_found())
}

/// Not built yet.
pub async fn section_form() -> Result<Response, Error> {
    Err(Error::not_found())
}

/// Not built yet.
pub async fn section_save() -> Result<Response, Error> {
    Err(Error::not_found())
}

/// Not built yet.
pub async fn done() -> Result<Response, Error> {
    Err(Error::not_found())
}

/// Not built yet.
pub async fn file() -> Result<Response, Error> {
    Err(Error::not_found())
}

