//! Instant approval (秒批, APP-5): declarative rules on an application's answers and on what the
//! government already holds (the verified ID number, the certificate wallet, the applicant's
//! other cases).
//!
//! A [`RuleSet`] is data, written by staff in the console as JSON and stored with a version
//! number; [`RuleSet::check`] vets it against the item's form before it is saved. On submission,
//! [`evaluate`] runs every rule and returns a [`Trace`] — each rule's outcome with the inputs it
//! used and where they came from — so the decision can be explained and stored (principle 3).
//! A case is approved instantly only when every rule passes; anything else, including a fact
//! that is missing ([`Outcome::Unknown`]), goes to a person.
//!
//! The stored JSON of one rule keeps the test's fields next to the key and label:
//!
//! ```json
//! {"rules": [
//!   {"key": "adult", "label": {"zh": "申请人年满16周岁"}, "test": "age", "min": 16},
//!   {"key": "local", "label": {"zh": "户籍在广安区"}, "test": "region", "within": ["511602"]},
//!   {"key": "area", "label": {"zh": "面积不超过120平方米"},
//!    "test": "field", "field": "area", "op": "le", "value": "120"}
//! ]}
//! ```

mod check;
mod eval;
mod value;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_check;

use serde::{Deserialize, Serialize};

use crate::forms::{Answers, Label};
use crate::identity::id_number::ResidentId;
use crate::identity::{Assurance, Required};
use crate::{FieldCode, FieldErrors};

pub use eval::evaluate;

/// The most rules one item may have: a rule set is read by people, and a long one is a sign
/// that the item needs a person's judgement anyway.
pub const MAX_RULES: usize = 50;

/// The longest rule label, in characters.
pub const MAX_LABEL_CHARS: usize = 200;

/// An item's instant-approval rules. Stored as JSON; the store keeps its version number, which
/// every decision records next to its [`Trace`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSet {
    /// The rules, in the order the trace shows them. All must pass.
    pub rules: Vec<Rule>,
}

/// One condition of instant approval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    /// Stable key, `[a-z][a-z0-9_]{0,39}`, unique in the rule set.
    pub key: String,
    /// What the rule means in plain words (e.g. 申请人年满16周岁); shown in the trace.
    pub label: Label,
    /// What is tested. Its fields sit next to `key` and `label` in the JSON, with `test`
    /// naming the kind.
    #[serde(flatten)]
    pub test: Test,
}

/// What a rule tests. Unknown JSON fields are refused, so a misspelt limit (`"min_age"`) is an
/// error rather than a rule that lets everyone through.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "test", rename_all = "snake_case", deny_unknown_fields)]
pub enum Test {
    /// Compares a form answer (a top-level field) with a value. Two decimal strings compare as
    /// exact decimals (`12.50` equals `12.5`), two `YYYY-MM-DD` strings as dates, anything
    /// else as text (equality only: ordering text is [`Outcome::Unknown`]). A multiple choice
    /// supports `in` (any picked option is listed) and `not_in` (none is). A missing answer is
    /// `Unknown`, except for `present` (fails) and `absent` (passes).
    Field {
        /// The field's key.
        field: String,
        /// The comparison.
        op: Op,
        /// The value for `eq`, `ne`, `lt`, `le`, `gt`, `ge`. JSON integers are accepted and
        /// kept as text; write decimals as strings.
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "value::text_or_integer_opt"
        )]
        value: Option<String>,
        /// The values for `in` and `not_in`.
        #[serde(
            default,
            skip_serializing_if = "Vec::is_empty",
            deserialize_with = "value::texts_or_integers"
        )]
        values: Vec<String>,
    },
    /// The applicant's age in full years on the day of the decision, from the verified ID
    /// number. Both bounds are inclusive (`max: 60` lets a 60-year-old through).
    Age {
        /// Lowest age that passes.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<u32>,
        /// Highest age that passes.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<u32>,
    },
    /// A region lies inside one of the listed regions (by code prefix, as
    /// [`RegionCode::contains`](crate::region::RegionCode::contains)).
    Region {
        /// An address field of the form (its `region` is tested), or none for the region of
        /// the applicant's ID number, taken as the household registration (户籍地).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        field: Option<String>,
        /// Region codes of any level.
        within: Vec<String>,
    },
    /// The applicant holds a valid (not expired, not revoked) certificate of this type.
    HoldsCertificate {
        /// Certificate type code, `[a-z][a-z0-9_]{0,39}`.
        cert_type: String,
    },
    /// The applicant has no open case (submitted, returned, under review, approved but not
    /// delivered) for any of these items — so one person cannot be granted the same thing twice.
    NoOpenCase {
        /// Item ids; an empty list means this same item.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        items: Vec<String>,
    },
}

crate::stable_names! {
    /// How a [`Test::Field`] compares the answer with the rule's value(s).
    pub enum Op {
        /// Equal to `value`.
        Eq = "eq",
        /// Not equal to `value`.
        Ne = "ne",
        /// Less than `value` (numbers and dates only).
        Lt = "lt",
        /// Less than or equal to `value` (numbers and dates only).
        Le = "le",
        /// Greater than `value` (numbers and dates only).
        Gt = "gt",
        /// Greater than or equal to `value` (numbers and dates only).
        Ge = "ge",
        /// One of `values`.
        In = "in",
        /// None of `values`.
        NotIn = "not_in",
        /// Answered.
        Present = "present",
        /// Not answered.
        Absent = "absent",
    }
}

/// A certificate in the applicant's wallet, as the rules see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldCertificate {
    /// Certificate type code.
    pub cert_type: String,
    /// Not expired and not revoked on the day of the decision.
    pub valid: bool,
}

/// Everything the rules may look at for one application, gathered by the caller.
#[derive(Debug, Clone, Copy)]
pub struct Facts<'a> {
    /// The day of the decision (Beijing time): ages are counted on it.
    pub today: time::Date,
    /// This item's id, for [`Test::NoOpenCase`] with an empty list.
    pub item: &'a str,
    /// The submitted answers.
    pub answers: &'a Answers,
    /// The applicant's verified ID number, if the account is real-name verified.
    pub applicant_id: Option<&'a ResidentId>,
    /// The applicant's certificates (valid or not).
    pub certificates: &'a [HeldCertificate],
    /// Item ids of the applicant's open cases, not counting this application.
    pub open_cases: &'a [String],
}

crate::stable_names! {
    /// The outcome of one rule.
    pub enum Outcome {
        /// The condition holds.
        Pass = "pass",
        /// The condition does not hold.
        Fail = "fail",
        /// A fact is missing or unreadable: counts as not passed, so a person decides.
        Unknown = "unknown",
    }
}

crate::stable_names! {
    /// Where an input of a decision came from (principle 1: reused data shows its source).
    pub enum Source {
        /// The applicant's answer on the form.
        Answer = "answer",
        /// The applicant's verified ID number.
        IdNumber = "id_number",
        /// The applicant's certificate wallet.
        Wallet = "wallet",
        /// The applicant's other cases.
        Cases = "cases",
        /// The rule itself (a limit or a list it compares with).
        Rule = "rule",
        /// The applicant's identity and how it was verified (ACC-1).
        Identity = "identity",
    }
}

/// One fact a rule used, as it was used. ID numbers are masked; an empty value means the fact
/// was missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Input {
    /// What the fact is: a field key (`area`, `home.region`) or a fixed name (`id_number`,
    /// `birth_date`, `age`, `region`, `certificate` (`valid`, `not_valid` or
    /// `none`), `open_cases`, or for limits `min`, `max`, `value`,
    /// `values`, `within`, `items`, `cert_type`).
    pub name: String,
    /// The value used; lists are joined with commas.
    pub value: String,
    /// Where it came from.
    pub source: Source,
}

/// The outcome of one rule, with what it looked at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleResult {
    /// The rule's key.
    pub key: String,
    /// The rule's label, copied so the trace reads on its own after the rules change.
    pub label: Label,
    /// Pass, fail or unknown.
    pub outcome: Outcome,
    /// The facts used, in a fixed order per kind of test.
    pub inputs: Vec<Input>,
}

/// The explanation of one instant-approval decision: every rule's result, in rule order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trace {
    /// True when the rule set is not empty and every rule passed.
    pub passed: bool,
    /// One result per rule, even after one has failed.
    pub results: Vec<RuleResult>,
}

impl Trace {
    /// Puts the item's identity requirement first: the platform approves by itself only for an
    /// applicant whose identity is verified to the level the item asks (see
    /// [`crate::identity::Required`]); below it the case goes to a person, and this result says
    /// why.
    pub fn with_identity(mut self, required: Required, level: Option<Assurance>) -> Trace {
        let met = required.met_by(level);
        let result = RuleResult {
            key: "_identity".to_owned(),
            label: Label {
                zh: match required {
                    Required::Any => "申请人已填写身份信息",
                    Required::Verified => "申请人身份已经核验（网上核验或窗口核验）",
                    Required::InPerson => "申请人身份已在窗口当面核验",
                }
                .to_owned(),
                en: Some(
                    match required {
                        Required::Any => "The applicant has given their identity",
                        Required::Verified => {
                            "The applicant's identity is verified (online or at a counter)"
                        }
                        Required::InPerson => "The applicant's identity was verified in person",
                    }
                    .to_owned(),
                ),
            },
            outcome: if met { Outcome::Pass } else { Outcome::Fail },
            inputs: vec![
                Input {
                    name: "identity".to_owned(),
                    value: level.map(|l| l.as_str().to_owned()).unwrap_or_default(),
                    source: Source::Identity,
                },
                Input {
                    name: "required".to_owned(),
                    value: required.as_str().to_owned(),
                    source: Source::Rule,
                },
            ],
        };
        self.passed = self.passed && met;
        self.results.insert(0, result);
        self
    }

    /// The results that stopped instant approval (failed or unknown), for the notice to the
    /// applicant and the reviewer's queue.
    pub fn not_passed(&self) -> impl Iterator<Item = &RuleResult> {
        self.results.iter().filter(|r| r.outcome != Outcome::Pass)
    }
}

/// Parses the console's rule-set text box. A JSON error (syntax, shape, unknown field or kind)
/// is reported on the field `rules` with [`FieldCode::InvalidLine`] and the line it was found
/// on; the meaning is checked separately by [`RuleSet::check`].
pub fn parse_rule_set(json: &str) -> Result<RuleSet, FieldErrors> {
    serde_json::from_str(json).map_err(|e| {
        let mut errors = FieldErrors::new();
        errors.add_line("rules", FieldCode::InvalidLine, e.line().max(1));
        errors
    })
}
