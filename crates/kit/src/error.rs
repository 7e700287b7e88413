//! The one error type of the HTTP layer. Handlers of pages and of the API return
//! `Result<_, Error>`; the error becomes a response in exactly one place
//! ([`crate::pipeline`]), which knows the reader's language and whether they asked for a page
//! or JSON: a translated page (or a redirect to login) for people, a JSON body with a stable
//! code for programs.

use axum::response::{IntoResponse, Response};
use http::StatusCode;
use serde::Serialize;
use utoipa::ToSchema;
use yiwang_domain::{Error as DomainError, ErrorCode, FieldCode};

use crate::i18n::Tr;

/// An error a handler returns.
#[derive(Debug)]
pub enum Error {
    /// A domain error to show to the user.
    Domain(DomainError),
    /// A failure inside the platform: logged with its cause, shown as "internal".
    Internal(String),
}

impl Error {
    /// An error with a code.
    pub fn code(code: ErrorCode) -> Error {
        Error::Domain(DomainError::new(code))
    }

    /// Not found.
    pub fn not_found() -> Error {
        Error::code(ErrorCode::NotFound)
    }

    /// Forbidden.
    pub fn forbidden() -> Error {
        Error::code(ErrorCode::Forbidden)
    }

    /// A single-field validation error.
    pub fn field(field: &'static str, code: FieldCode) -> Error {
        Error::Domain(DomainError::field(field, code))
    }

    /// An internal failure with its cause (logged, never shown).
    pub fn internal(cause: impl std::fmt::Display) -> Error {
        Error::Internal(cause.to_string())
    }

    /// The code shown to the user.
    pub fn error_code(&self) -> ErrorCode {
        match self {
            Error::Domain(d) => d.code,
            Error::Internal(_) => ErrorCode::Internal,
        }
    }

    /// The HTTP status for the error.
    pub fn status(&self) -> StatusCode {
        status_of(self.error_code())
    }
}

/// The HTTP status of each error code.
pub fn status_of(code: ErrorCode) -> StatusCode {
    use ErrorCode as E;
    match code {
        E::ValidationFailed | E::CodeInvalid | E::InvalidBody => StatusCode::UNPROCESSABLE_ENTITY,
        E::NotFound => StatusCode::NOT_FOUND,
        E::Unauthenticated
        | E::SessionExpired
        | E::InvalidCredentials
        | E::TotpRequired
        | E::InvalidTotp => StatusCode::UNAUTHORIZED,
        E::Forbidden | E::CsrfFailed => StatusCode::FORBIDDEN,
        E::AccountLocked | E::RateLimited => StatusCode::TOO_MANY_REQUESTS,
        E::Conflict
        | E::InvalidTransition
        | E::FormChanged
        | E::TransferLimitReached
        | E::WindowClosed => StatusCode::CONFLICT,
        E::DraftExpired => StatusCode::GONE,
        E::IdempotencyKeyReused => StatusCode::UNPROCESSABLE_ENTITY,
        E::ConsentNotGranted => StatusCode::FORBIDDEN,
        E::LinkInvalid => StatusCode::FORBIDDEN,
        E::IdentityLocked | E::IdentityNeedsCounter | E::IdentityBelowRequired => {
            StatusCode::CONFLICT
        }
        E::MalformedJson | E::InvalidQuery | E::InvalidPaging => StatusCode::BAD_REQUEST,
        E::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        E::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        E::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
        E::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        E::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

impl From<DomainError> for Error {
    fn from(e: DomainError) -> Self {
        Error::Domain(e)
    }
}

impl From<ErrorCode> for Error {
    fn from(c: ErrorCode) -> Self {
        Error::code(c)
    }
}

impl From<yiwang_store::Error> for Error {
    fn from(e: yiwang_store::Error) -> Self {
        match e {
            yiwang_store::Error::Domain(d) => Error::Domain(d),
            e if e.is_unavailable() => {
                tracing::warn!(error = %e, "database unavailable");
                Error::code(ErrorCode::Unavailable)
            }
            e => Error::Internal(e.to_string()),
        }
    }
}

impl From<yiwang_crypto::CryptoError> for Error {
    fn from(e: yiwang_crypto::CryptoError) -> Self {
        Error::Internal(e.to_string())
    }
}

impl From<askama::Error> for Error {
    fn from(e: askama::Error) -> Self {
        Error::Internal(format!("template: {e}"))
    }
}

/// Carried in the response extensions until the pipeline renders it.
#[derive(Debug, Clone)]
pub struct ErrorMarker(pub DomainError);

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let status = self.status();
        let domain = match self {
            Error::Domain(d) => d,
            Error::Internal(cause) => {
                tracing::error!(%cause, "internal error");
                DomainError::new(ErrorCode::Internal)
            }
        };
        let mut res = status.into_response();
        res.extensions_mut().insert(ErrorMarker(domain));
        res
    }
}

/// The JSON body of every API error.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorDetail,
}

/// What went wrong, for programs (`code`) and people (`message`).
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable snake_case code, e.g. `validation_failed`.
    pub code: String,
    /// The message in the request's language.
    pub message: String,
    /// For validation failures: each rejected field.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldDetail>,
    /// The request id, to quote when asking for help.
    pub request_id: String,
}

/// One rejected field.
#[derive(Debug, Serialize, ToSchema)]
pub struct FieldDetail {
    /// The field's name in the request.
    pub field: String,
    /// Stable snake_case code, e.g. `invalid_phone`.
    pub code: String,
    /// The message in the request's language.
    pub message: String,
    /// For a field holding a list of lines (materials, aliases, checklists): the line, from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

/// Builds the JSON body for an error.
pub fn json_body(e: &DomainError, t: Tr, request_id: &str) -> ErrorBody {
    ErrorBody {
        error: ErrorDetail {
            code: e.code.as_str().to_owned(),
            message: t.error(e.code).to_owned(),
            fields: e
                .fields
                .iter()
                .map(|f| FieldDetail {
                    field: f.field.to_string(),
                    code: f.code.as_str().to_owned(),
                    message: match f.line {
                        Some(n) => format!("{}{}", t.line_prefix(n), t.field(f.code)),
                        None => t.field(f.code).to_owned(),
                    },
                    line: f.line,
                })
                .collect(),
            request_id: request_id.to_owned(),
        },
    }
}
