//! How sure the platform is that a person is who they say (ACC-1): the levels of assurance, and
//! the rules that follow from them.
//!
//! - **Self-declared**: the person typed a name and an ID number that passes the GB 11643 check.
//!   Nothing else is known; many accounts may claim one number at this level.
//! - **Verified by an identity provider**: the public-security identity service (or a bank-card
//!   four-factor check, or face verification) confirmed the name and number belong together and
//!   to a living person.
//! - **Verified in person**: a clerk at a counter saw the ID card; who and where are recorded.
//!
//! A verified identity (either of the last two) is locked: one number belongs to one verified
//! account, and changing it takes a new verification. Instant approval and certificates need the
//! level an item asks for (by default, verified by a provider or in person).

use std::fmt;

crate::stable_names! {
    /// A level of assurance of a person's identity, weakest first.
    pub enum Assurance {
        /// Typed by the person; only the check digit is known to be right.
        SelfDeclared = "self_declared",
        /// Confirmed by an identity provider.
        Provider = "provider",
        /// Confirmed by a clerk who saw the ID card.
        InPerson = "in_person",
    }
}

impl Assurance {
    /// Whether this level is verification (provider or in person), which locks the identity.
    /// The levels are declared weakest first, so they compare in that order.
    pub fn is_verified(self) -> bool {
        self != Assurance::SelfDeclared
    }
}

crate::stable_names! {
    /// What an item asks of an applicant's identity before the platform approves by itself or
    /// issues a certificate.
    pub enum Required {
        /// Any level, self-declared included (low-stakes items only).
        Any = "any",
        /// Verified by a provider or in person (the default).
        Verified = "verified",
        /// Verified in person: the ID card was seen.
        InPerson = "in_person",
    }
}

impl Default for Required {
    /// Verified by a provider or in person.
    fn default() -> Required {
        Required::Verified
    }
}

impl Required {
    /// Whether an identity at `level` (or none) meets the requirement.
    pub fn met_by(self, level: Option<Assurance>) -> bool {
        let Some(level) = level else {
            return false;
        };
        match self {
            Required::Any => true,
            Required::Verified => level.is_verified(),
            Required::InPerson => level == Assurance::InPerson,
        }
    }
}

/// What an identity provider answers about a name and an ID number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProviderAnswer {
    /// The name and number belong together, to a living person.
    Match,
    /// They do not belong together (or the number is unknown).
    Mismatch,
    /// The person has died.
    Deceased,
    /// The provider could not be asked now; nothing was decided.
    Unavailable,
}

impl ProviderAnswer {
    /// The stable name kept in the history of checks.
    pub fn as_str(self) -> &'static str {
        match self {
            ProviderAnswer::Match => "match",
            ProviderAnswer::Mismatch => "mismatch",
            ProviderAnswer::Deceased => "deceased",
            ProviderAnswer::Unavailable => "unavailable",
        }
    }

    /// Reads a stable name.
    pub fn parse(s: &str) -> Option<ProviderAnswer> {
        Some(match s {
            "match" => ProviderAnswer::Match,
            "mismatch" => ProviderAnswer::Mismatch,
            "deceased" => ProviderAnswer::Deceased,
            "unavailable" => ProviderAnswer::Unavailable,
            _ => return None,
        })
    }
}

impl fmt::Display for ProviderAnswer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What happens when someone claims an identity (self-declared) or has one verified, given
/// what the platform already holds for that ID number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// Record it on the account.
    Record,
    /// Record it, and flag the conflict with the other accounts claiming the number for a
    /// platform admin (the answer to the person is the same as for `Record`, so that no answer
    /// reveals whether a number is registered).
    RecordAndFlag,
    /// Do not record it: the number is verified on another account. The conflict goes to a
    /// platform admin; the person is told to verify at a counter.
    Refuse,
}

/// The rule for a new claim at `level` on an ID number that other accounts hold at
/// `others` (their levels; empty when nobody else claims it).
///
/// - Nobody else: record.
/// - Others only self-declared: record, and flag when this claim is verified (the verified
///   person is most likely the owner; the others are reviewed) or when it is self-declared too
///   (two people typed one number).
/// - Another account verified: a self-declared claim is recorded but flagged (it gives nothing:
///   self-declared identities do not unlock instant approval or certificates by default), a
///   provider claim is refused (one number, one verified account; the owner may have two
///   accounts, or someone knows the owner's details), and an in-person claim is refused too
///   — a clerk who saw the card and finds the number taken sends it to the admin.
pub fn claim(level: Assurance, others: &[Assurance]) -> Claim {
    let other_verified = others.iter().any(|o| o.is_verified());
    match (level.is_verified(), other_verified, others.is_empty()) {
        (_, _, true) => Claim::Record,
        (true, true, _) => Claim::Refuse,
        _ => Claim::RecordAndFlag,
    }
}

/// Whether an identity at `current` may be replaced by a claim at `new` with different
/// details. A verified identity is locked: only a new verification (provider or in person)
/// replaces it.
pub fn may_replace(current: Option<Assurance>, new: Assurance) -> bool {
    match current {
        Some(c) if c.is_verified() => new.is_verified(),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Assurance::*;

    #[test]
    fn levels_are_ordered_and_only_the_last_two_verify() {
        assert!(SelfDeclared < Provider && Provider < InPerson);
        assert!(!SelfDeclared.is_verified());
        assert!(Provider.is_verified() && InPerson.is_verified());
    }

    #[test]
    fn the_default_requirement_is_verification_by_provider_or_in_person() {
        let r = Required::default();
        assert!(!r.met_by(None));
        assert!(!r.met_by(Some(SelfDeclared)));
        assert!(r.met_by(Some(Provider)));
        assert!(r.met_by(Some(InPerson)));
        assert!(!Required::InPerson.met_by(Some(Provider)));
        assert!(Required::Any.met_by(Some(SelfDeclared)));
        assert!(!Required::Any.met_by(None));
    }

    #[test]
    fn a_claimed_number_never_blocks_its_owner() {
        // Someone typed the owner's number first: the owner's provider check still records.
        assert_eq!(claim(Provider, &[SelfDeclared]), Claim::RecordAndFlag);
        assert_eq!(
            claim(InPerson, &[SelfDeclared, SelfDeclared]),
            Claim::RecordAndFlag
        );
        // A second self-declared claim is recorded too (the same answer as for a free number).
        assert_eq!(claim(SelfDeclared, &[SelfDeclared]), Claim::RecordAndFlag);
        assert_eq!(claim(SelfDeclared, &[Provider]), Claim::RecordAndFlag);
        // One number, one verified account.
        assert_eq!(claim(Provider, &[Provider]), Claim::Refuse);
        assert_eq!(claim(InPerson, &[Provider]), Claim::Refuse);
        assert_eq!(claim(SelfDeclared, &[]), Claim::Record);
    }

    #[test]
    fn a_verified_identity_is_locked() {
        assert!(may_replace(None, SelfDeclared));
        assert!(may_replace(Some(SelfDeclared), SelfDeclared));
        assert!(!may_replace(Some(Provider), SelfDeclared));
        assert!(may_replace(Some(Provider), InPerson));
        assert!(may_replace(Some(InPerson), Provider));
    }

    #[test]
    fn provider_answers_round_trip() {
        for a in [
            ProviderAnswer::Match,
            ProviderAnswer::Mismatch,
            ProviderAnswer::Deceased,
            ProviderAnswer::Unavailable,
        ] {
            assert_eq!(ProviderAnswer::parse(a.as_str()), Some(a));
        }
    }
}
