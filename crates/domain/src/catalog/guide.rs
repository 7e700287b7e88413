//! The guide of a service item (办事指南): what a citizen needs to know before going. Every
//! field is optional: `None` means "not yet filled", and pages say so rather than guess.

use serde::{Deserialize, Serialize};

crate::stable_names! {
    /// Where a required document comes from (CAT-1; once-only, principle 1).
    pub enum MaterialSource {
        /// The applicant provides it.
        Applicant = "applicant",
        /// A certificate the applicant holds in their wallet (reused, not uploaded again).
        Certificate = "certificate",
        /// The government already holds it and fetches it itself.
        Government = "government",
    }
}

crate::stable_names! {
    /// How many times an applicant has to go in person.
    pub enum Visits {
        /// 零跑动.
        Zero = "0",
        /// 最多跑一次.
        One = "1",
        /// More than once.
        More = "2+",
    }
}

crate::stable_names! {
    /// How an item can be handled.
    pub enum Channel {
        /// 全程网办.
        Online = "online",
        /// 快递送达 of the result.
        Post = "post",
        /// 窗口办理.
        Window = "window",
    }
}

/// One document to bring or provide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Material {
    /// Its name.
    pub name: String,
    /// Form: 原件, 复印件, 电子件…
    pub form: Option<String>,
    /// How many copies.
    pub copies: Option<u32>,
    /// Whether it must be provided.
    pub required: bool,
    /// Where it comes from.
    pub source: MaterialSource,
}

/// One step of the process.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// The step, in a sentence.
    pub text: String,
}

/// A question people ask, with its answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Faq {
    /// The question.
    pub question: String,
    /// The answer.
    pub answer: String,
}

/// The national guide fields of an item.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Guide {
    /// 申请条件: who can apply, on what conditions.
    pub conditions: Option<String>,
    /// 申请材料.
    pub materials: Option<Vec<Material>>,
    /// 办理流程.
    pub steps: Option<Vec<Step>>,
    /// 法定办结时限, in working days.
    pub statutory_days: Option<u32>,
    /// 承诺办结时限, in working days.
    pub promised_days: Option<u32>,
    /// 收费标准 (or "不收费").
    pub fees: Option<String>,
    /// 设定依据.
    pub legal_basis: Option<String>,
    /// 办理地点.
    pub place: Option<String>,
    /// 办理时间.
    pub hours: Option<String>,
    /// 咨询电话 of the counter.
    pub phone: Option<String>,
    /// 到现场次数.
    pub visits: Option<Visits>,
    /// 办理渠道.
    pub channels: Option<Vec<Channel>>,
    /// 常见问题.
    pub faq: Option<Vec<Faq>>,
    /// 相关政策 (titles or links).
    pub policies: Option<Vec<String>>,
    /// 咨询方式.
    pub consult: Option<String>,
    /// 投诉方式.
    pub complaint: Option<String>,
}

impl Guide {
    /// The fields that are filled, counted, for the "how complete is this guide" hint.
    pub fn filled(&self) -> usize {
        [
            self.conditions.is_some(),
            self.materials.is_some(),
            self.steps.is_some(),
            self.statutory_days.is_some(),
            self.promised_days.is_some(),
            self.fees.is_some(),
            self.legal_basis.is_some(),
            self.place.is_some(),
            self.hours.is_some(),
            self.phone.is_some(),
            self.visits.is_some(),
            self.channels.is_some(),
            self.faq.is_some(),
            self.policies.is_some(),
            self.consult.is_some(),
            self.complaint.is_some(),
        ]
        .iter()
        .filter(|b| **b)
        .count()
    }

    /// Every field, for the completeness hint's denominator.
    pub const FIELDS: usize = 16;

    /// Text that search should find the item by (conditions, materials, FAQ), beyond its name.
    pub fn searchable_text(&self) -> String {
        let mut parts: Vec<&str> = Vec::new();
        if let Some(c) = &self.conditions {
            parts.push(c);
        }
        for m in self.materials.iter().flatten() {
            parts.push(&m.name);
        }
        for f in self.faq.iter().flatten() {
            parts.push(&f.question);
        }
        parts.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_guide_is_all_unfilled_and_round_trips() {
        let g = Guide::default();
        assert_eq!(g.filled(), 0);
        let json = serde_json::to_string(&g).unwrap();
        assert_eq!(serde_json::from_str::<Guide>(&json).unwrap(), g);
        // Older stored guides without a field still read.
        assert_eq!(serde_json::from_str::<Guide>("{}").unwrap(), g);
    }
}
