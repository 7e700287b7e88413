//! Enterprises (legal persons) as applicants, and the citizens authorised to act for them
//! (PRODUCT.md ACC-1: "enterprises with authorised agents").

use serde::{Deserialize, Serialize};

use crate::account::check_plain_text;
use crate::identity::{CreditCode, PersonName};
use crate::time::Timestamp;
use crate::{Error, FieldErrors};

crate::stable_names! {
    /// How a citizen is related to an enterprise.
    pub enum AgentRole {
        /// 法定代表人: may act and may authorise others.
        LegalRepresentative = "legal_representative",
        /// 经办人: may act for the enterprise, not authorise others.
        Agent = "agent",
    }
}

/// One authorisation of a citizen for an enterprise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authorisation {
    /// The citizen's role.
    pub role: AgentRole,
    /// When it stops being valid, if ever.
    pub valid_until: Option<Timestamp>,
    /// When it was revoked, if it was.
    pub revoked_at: Option<Timestamp>,
}

impl Authorisation {
    /// Whether the authorisation is in force at `now`.
    pub fn in_force(&self, now: Timestamp) -> bool {
        self.revoked_at.is_none() && self.valid_until.is_none_or(|u| now < u)
    }

    /// Whether it lets the holder act (apply, view cases) for the enterprise.
    pub fn may_act(&self, now: Timestamp) -> bool {
        self.in_force(now)
    }

    /// Whether it lets the holder authorise other agents.
    pub fn may_authorise(&self, now: Timestamp) -> bool {
        self.in_force(now) && self.role == AgentRole::LegalRepresentative
    }
}

/// Who an application or request is made by: a person for themselves, or an enterprise through
/// one of its agents. Every later module (applications, inquiries, payments) uses this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Subject {
    /// A natural person acting for themselves.
    Person {
        /// Their account.
        account: crate::ids::AccountId,
    },
    /// A legal person, through the agent who acts.
    Enterprise {
        /// The enterprise.
        enterprise: crate::ids::EnterpriseId,
        /// The citizen acting for it.
        agent: crate::ids::AccountId,
    },
}

/// An enterprise as registered by its legal representative.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct EnterpriseInput {
    /// Registered name, e.g. 广安市某某餐饮有限公司.
    pub name: String,
    /// Unified social credit code.
    pub credit_code: String,
    /// The legal representative's name as on the licence.
    pub legal_representative: String,
}

/// A checked enterprise.
#[derive(Debug, Clone)]
pub struct ValidEnterprise {
    /// Name.
    pub name: String,
    /// Credit code.
    pub credit_code: CreditCode,
    /// Legal representative.
    pub legal_representative: PersonName,
}

impl EnterpriseInput {
    /// Checks every field.
    pub fn validate(&self) -> Result<ValidEnterprise, Error> {
        let mut e = FieldErrors::new();
        let name = e.check("name", check_plain_text(&self.name, 2, 100));
        let credit_code = e.check("credit_code", CreditCode::parse(&self.credit_code));
        let legal = e.check(
            "legal_representative",
            PersonName::parse(&self.legal_representative),
        );
        e.finish(|| {
            Some(ValidEnterprise {
                name: name?,
                credit_code: credit_code?,
                legal_representative: legal?,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FieldCode;

    #[test]
    fn an_expired_or_revoked_authorisation_lets_nobody_act() {
        let now = Timestamp(1_000_000);
        let live = Authorisation {
            role: AgentRole::Agent,
            valid_until: None,
            revoked_at: None,
        };
        assert!(live.may_act(now));
        assert!(!live.may_authorise(now));
        let expired = Authorisation {
            valid_until: Some(Timestamp(999_999)),
            ..live.clone()
        };
        assert!(!expired.may_act(now));
        let revoked = Authorisation {
            revoked_at: Some(Timestamp(1)),
            ..live
        };
        assert!(!revoked.may_act(now));
    }

    #[test]
    fn only_a_legal_representative_authorises_others() {
        let now = Timestamp(0);
        let rep = Authorisation {
            role: AgentRole::LegalRepresentative,
            valid_until: None,
            revoked_at: None,
        };
        assert!(rep.may_authorise(now));
    }

    #[test]
    fn enterprise_input_is_checked_field_by_field() {
        let err = EnterpriseInput {
            name: "x".into(),
            credit_code: "123".into(),
            legal_representative: "".into(),
        }
        .validate()
        .unwrap_err();
        assert_eq!(err.fields.get("name"), Some(FieldCode::TooShort));
        assert_eq!(
            err.fields.get("credit_code"),
            Some(FieldCode::InvalidCreditCode)
        );
        assert_eq!(
            err.fields.get("legal_representative"),
            Some(FieldCode::Required)
        );
    }
}
