//! Who may read a person's records, and the guardian relation that lets a parent see a
//! child's (SVC-3, ACC-4).
//!
//! - The person reads their own records (matched by the blind index of their verified ID
//!   number).
//! - A guardian reads a child's records while the child is under 18, when a clerk recorded the
//!   relation having seen the household register (户口簿) or the birth certificate (出生医学证明),
//!   and the guardian's own identity is verified (provider or in person, not self-declared).
//! - A source system reads back only the records it wrote.
//! - Staff read only with a reason they write down, which the person sees.

use time::Date;

use crate::FieldCode;
use crate::account::check_plain_text;
use crate::identity::{Assurance, ResidentId};

crate::stable_names! {
    /// What the clerk saw when recording a guardian relation.
    pub enum Evidence {
        /// 户口簿: the household register listing parent and child.
        HouseholdRegister = "household_register",
        /// 出生医学证明: the child's birth certificate naming the parent.
        BirthCertificate = "birth_certificate",
    }
}

/// Age from which a person's records are theirs alone.
pub const ADULT_AGE: u32 = 18;

/// Whether a guardian relation may be recorded: the guardian's identity is verified, the child
/// is a minor today, and they are two people.
pub fn may_link(
    guardian_level: Option<Assurance>,
    guardian: &ResidentId,
    child: &ResidentId,
    today: Date,
) -> Result<(), (&'static str, FieldCode)> {
    if !guardian_level.is_some_and(Assurance::is_verified) {
        return Err(("guardian_id_number", FieldCode::NoAccountForIdNumber));
    }
    if guardian == child {
        return Err(("child_id_number", FieldCode::SelfReference));
    }
    if child.age_on(today) >= ADULT_AGE {
        return Err(("child_id_number", FieldCode::OutOfRange));
    }
    Ok(())
}

/// Whether a recorded relation still shows the child's records to the guardian today.
pub fn guardian_sees(child: &ResidentId, guardian_level: Option<Assurance>, today: Date) -> bool {
    guardian_level.is_some_and(Assurance::is_verified) && child.age_on(today) < ADULT_AGE
}

/// Checks the reason a staff member gives for reading someone's records: 4–200 characters
/// of plain text, shown to the person as written.
pub fn check_reason(reason: &str) -> Result<String, FieldCode> {
    check_plain_text(reason, 4, 200)
}

/// A reader of one record, with what the decision needs to know about them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// A citizen: whether the record is theirs, or a child's they may see.
    Citizen {
        /// The record's person is the citizen.
        own: bool,
        /// The record's person is a child linked to the citizen whom they may still see.
        guardian: bool,
    },
    /// A source system: whether it wrote the record.
    Source {
        /// It pushed the record.
        wrote_it: bool,
    },
    /// Staff: whether they hold the permission over the source's department, and whether
    /// they gave a valid reason.
    Staff {
        /// Permission in the record's department.
        in_scope: bool,
        /// A reason was given and passed [`check_reason`].
        reason_given: bool,
    },
}

/// The one reading decision.
pub fn may_read(reader: Reader) -> bool {
    match reader {
        Reader::Citizen { own, guardian } => own || guardian,
        Reader::Source { wrote_it } => wrote_it,
        Reader::Staff {
            in_scope,
            reason_given,
        } => in_scope && reason_given,
    }
}

/// Whether a read is one the person must see on their access log: everything but their own.
pub fn is_logged(reader: Reader) -> bool {
    !matches!(reader, Reader::Citizen { .. })
}
