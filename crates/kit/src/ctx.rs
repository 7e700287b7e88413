//! What the pipeline knows about a request when the handler runs: its caller (which use cases
//! take) and what only the HTTP layer needs (display preferences, the anti-forgery token, the
//! path, whether it is an API call). Handlers extract it as `ctx: Ctx`.

use axum::extract::FromRequestParts;
use http::request::Parts;

use crate::caller::Caller;
use crate::error::Error;
use crate::i18n::Tr;
use crate::prefs::Prefs;

/// Everything known about the request before the handler runs: the caller (which use cases
/// take, and which `Ctx` dereferences to) and what only the HTTP layer needs.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// Who is asking: principal, address, request id (returned in `X-Request-Id`), language.
    pub caller: Caller,
    /// Display preferences.
    pub prefs: Prefs,
    /// The anti-forgery token to put in forms.
    pub csrf: String,
    /// A session cookie came with the request but its session had timed out.
    pub session_expired: bool,
    /// The path and query, for "return here" links.
    pub path: String,
    /// Whether this is an API request (JSON errors).
    pub is_api: bool,
}

impl std::ops::Deref for Ctx {
    type Target = Caller;

    fn deref(&self) -> &Caller {
        &self.caller
    }
}

impl Ctx {
    /// The translator for the request's language.
    pub fn t(&self) -> Tr {
        Tr(self.prefs.lang)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Ctx>()
            .cloned()
            .ok_or_else(|| Error::Internal("request context missing".into()))
    }
}
