//! Electronic certificates (CERT-1…4): the wallet, the printable certificate with its QR code, share links, the public verification page, and the published key and revocation lists.
use axum::response::Response;
use crate::error::Error;

/// Not built yet.
pub async fn wallet() -> Result<Response, Error> {
    Err(Error::not_found())
}

/// Not built yet.
pub async fn show() -> Result<Response, Error> {
    Err(Error::not_found())
}

/// Not built yet.
pub async fn qr() -> Result<Response, Error> {
    Err(Error::not_found())
}

/// Not built yet.
pub async fn share() -> Result<Response, Error> {
    Err(Error::not_found())
}

/// Not built yet.
pub async fn shared() -> Result<Response, Error> {
    Err(Error::not_found())
}

/// Not built yet.
pub async fn verify() -> Result<Response, Error> {
    Err(Error::not_found())
}

/// Not built yet.
pub async fn keys_json() -> Result<Response, Error> {
    Err(Error::not_found())
}

/// Not built yet.
pub async fn revocations_json() -> Result<Response, Error> {
    Err(Error::not_found())
}

