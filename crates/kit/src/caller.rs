//! Who is asking, as a use case sees it: the principal plus the facts use cases need for rate
//! limits, audit entries and the language of messages. Built from a request by the pipeline
//! (a [`crate::ctx::Ctx`] dereferences to its caller), or by jobs and tests without HTTP.

use std::net::{IpAddr, Ipv4Addr};

use yiwang_domain::Lang;

use crate::auth::Principal;
use crate::i18n::Tr;

/// The caller of a use case.
#[derive(Debug, Clone)]
pub struct Caller {
    /// Who: anonymous, a session, a bearer token.
    pub principal: Principal,
    /// Client address (rate-limit keys).
    pub client_ip: IpAddr,
    /// Request id, for audit entries and logs.
    pub request_id: String,
    /// The caller's language, for messages sent to them.
    pub lang: Lang,
}

impl Caller {
    /// A caller outside any request (jobs, tests, the command line): the given principal, no
    /// address, a fresh request id.
    pub fn offline(principal: Principal, lang: Lang) -> Caller {
        Caller {
            principal,
            client_ip: IpAddr::V4(Ipv4Addr::UNSPECIFIED),
            request_id: yiwang_domain::ids::JobId::generate()
                .as_uuid()
                .simple()
                .to_string(),
            lang,
        }
    }

    /// The translator for the caller's language.
    pub fn t(&self) -> Tr {
        Tr(self.lang)
    }
}
