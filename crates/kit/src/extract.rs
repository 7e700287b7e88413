//! Extractors that turn every malformed input into the platform's error (a stable code, a 4xx)
//! instead of axum's plain-text rejections.

use axum::extract::rejection::{FormRejection, JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use http::request::Parts;
use serde::de::DeserializeOwned;
use yiwang_domain::ErrorCode;

use crate::error::Error;

/// A JSON body. Malformed JSON → `malformed_json` (400); wrong shape or unknown fields →
/// `invalid_body` (422); wrong content type → 415; too large → 413.
pub struct Json<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = Error;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(Json(v)),
            Err(r) => Err(Error::code(match r {
                JsonRejection::JsonDataError(_) => ErrorCode::InvalidBody,
                JsonRejection::JsonSyntaxError(_) => ErrorCode::MalformedJson,
                JsonRejection::MissingJsonContentType(_) => ErrorCode::UnsupportedMediaType,
                JsonRejection::BytesRejection(_) => ErrorCode::PayloadTooLarge,
                _ => ErrorCode::InvalidBody,
            })),
        }
    }
}

/// A urlencoded form body.
pub struct Form<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Form<T> {
    type Rejection = Error;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Form::<T>::from_request(req, state).await {
            Ok(axum::Form(v)) => Ok(Form(v)),
            Err(r) => Err(Error::code(match r {
                FormRejection::InvalidFormContentType(_) => ErrorCode::UnsupportedMediaType,
                FormRejection::BytesRejection(_) => ErrorCode::PayloadTooLarge,
                _ => ErrorCode::InvalidBody,
            })),
        }
    }
}

/// A query string.
pub struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| Query(q.0))
            .map_err(|_: QueryRejection| Error::code(ErrorCode::InvalidQuery))
    }
}

/// Path parameters. A parameter that does not parse (a malformed id) is "not found": the
/// resource at that address does not exist.
pub struct Path<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Path<T> {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|p| Path(p.0))
            .map_err(|_: PathRejection| Error::not_found())
    }
}
