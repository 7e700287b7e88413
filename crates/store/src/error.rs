//! Storage errors: a domain error the caller should show, or a failure to log and hide.

use yiwang_domain::{Error as DomainError, ErrorCode, FieldCode};

/// A storage result.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A rule of the domain refused the operation (not found, conflict, invalid field...).
    #[error("{0}")]
    Domain(#[from] DomainError),
    /// The database failed.
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    /// Encryption or decryption failed (a missing or wrong key).
    #[error("crypto: {0}")]
    Crypto(#[from] yiwang_crypto::CryptoError),
    /// Stored data does not have the shape the code expects.
    #[error("corrupt data: {0}")]
    Corrupt(String),
    /// A migration problem (changed after it was applied, or newer than this binary).
    #[error("migration: {0}")]
    Migration(String),
}

impl Error {
    /// A domain error with just a code.
    pub fn code(code: ErrorCode) -> Error {
        Error::Domain(DomainError::new(code))
    }

    /// A single-field validation error.
    pub fn field(field: &'static str, code: FieldCode) -> Error {
        Error::Domain(DomainError::field(field, code))
    }

    /// Not found.
    pub fn not_found() -> Error {
        Error::code(ErrorCode::NotFound)
    }

    /// Whether the error is a violated unique constraint.
    pub fn is_unique_violation(&self) -> bool {
        matches!(self, Error::Db(sqlx::Error::Database(e)) if e.is_unique_violation())
    }

    /// Whether the error means the database is unreachable or overloaded rather than a bug.
    pub fn is_unavailable(&self) -> bool {
        matches!(
            self,
            Error::Db(sqlx::Error::PoolTimedOut | sqlx::Error::Io(_) | sqlx::Error::PoolClosed)
        )
    }
}
