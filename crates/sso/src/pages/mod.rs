//! Single sign-on's pages: the protocol endpoints relying parties call (`protocol.rs`), the
//! person's pages of the flow (`authorize.rs`), connected systems (`connected.rs`) and the
//! console (`console.rs`).

pub mod authorize;
pub mod connected;
pub mod console;
pub mod protocol;

use std::collections::BTreeSet;

use yiwang_domain::oidc::Claim;
use yiwang_kit::i18n::Tr;

use crate::texts::SsoTexts;

/// What each personal claim means to the person, in their language (the consent page and
/// connected systems say the same words).
pub(crate) fn claim_words(t: Tr, claims: &BTreeSet<Claim>) -> Vec<&'static str> {
    claims
        .iter()
        .map(|c| match c {
            Claim::Name => t.sso_claim_name(),
            Claim::Phone => t.sso_claim_phone(),
            Claim::IdNumber => t.sso_claim_id_number(),
        })
        .collect()
}
