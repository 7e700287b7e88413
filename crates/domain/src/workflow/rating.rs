//! Satisfaction ratings (好差评, APP-7), after GB/T 39734-2020: five
//! levels, one rating per case (一事一评; the store enforces "once"), optional sub-scores, and
//! a rectification task for a bad rating (差评整改).

use serde::{Deserialize, Serialize};

use super::action::clean_text;
use super::state::CaseState;
use crate::{Error, FieldCode, FieldErrors};

/// Working days within which a bad rating must be rectified and the applicant called back.
pub const RECTIFICATION_WORKING_DAYS: u32 = 15;

/// The most characters of a rating's comment.
pub const MAX_COMMENT: usize = 500;

crate::stable_names! {
    /// The five levels; stored as the digit of the score.
    pub enum RatingLevel {
        /// 非常满意.
        VerySatisfied = "5",
        /// 满意.
        Satisfied = "4",
        /// 基本满意.
        Neutral = "3",
        /// 不满意.
        Dissatisfied = "2",
        /// 非常不满意.
        VeryDissatisfied = "1",
    }
}

impl RatingLevel {
    /// The score, 1 (very dissatisfied) to 5 (very satisfied).
    pub fn score(self) -> u8 {
        match self {
            RatingLevel::VerySatisfied => 5,
            RatingLevel::Satisfied => 4,
            RatingLevel::Neutral => 3,
            RatingLevel::Dissatisfied => 2,
            RatingLevel::VeryDissatisfied => 1,
        }
    }

    /// Whether the rating is a bad one (差评: dissatisfied or worse), which opens a
    /// rectification task due in [`RECTIFICATION_WORKING_DAYS`].
    pub fn opens_rectification(self) -> bool {
        self.score() <= 2
    }
}

/// A rating as the applicant gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingInput {
    /// The overall level.
    pub level: RatingLevel,
    /// What they want to say (at most 500 characters, may be empty).
    #[serde(default)]
    pub comment: String,
    /// 办事效率: how quickly it was handled, 1 to 5.
    #[serde(default)]
    pub efficiency: Option<u8>,
    /// 指南准确: whether the guide was accurate, 1 to 5.
    #[serde(default)]
    pub guide_accuracy: Option<u8>,
    /// 办事便利: how convenient it was, 1 to 5.
    #[serde(default)]
    pub convenience: Option<u8>,
    /// 平台易用: how easy the platform was to use, 1 to 5.
    #[serde(default)]
    pub usability: Option<u8>,
}

impl RatingInput {
    /// The rating with its comment trimmed, or field errors: `comment` (too long, control
    /// characters other than newlines), `efficiency`, `guide_accuracy`, `convenience`,
    /// `usability` (`OutOfRange` outside 1 to 5).
    pub fn check(self) -> Result<RatingInput, Error> {
        let mut e = FieldErrors::new();
        let comment = e.check("comment", clean_text(&self.comment, 0, MAX_COMMENT, true));
        for (field, score) in [
            ("efficiency", self.efficiency),
            ("guide_accuracy", self.guide_accuracy),
            ("convenience", self.convenience),
            ("usability", self.usability),
        ] {
            if score.is_some_and(|s| !(1..=5).contains(&s)) {
                e.add(field, FieldCode::OutOfRange);
            }
        }
        e.finish(|| {
            Some(RatingInput {
                comment: comment?,
                ..self
            })
        })
    }
}

/// Whether a case in this state may be rated: once decided and closed (completed, or denied).
/// A withdrawn case was never served, and an open one is not finished.
pub fn may_rate(state: CaseState) -> bool {
    matches!(state, CaseState::Completed | CaseState::Denied)
}

/// Ratings counted by level, for the dashboards (OPS).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingSummary {
    /// How many ratings.
    pub count: u64,
    /// How many at each level; index 0 is level 1 (very dissatisfied), index 4 level 5.
    pub by_level: [u64; 5],
}

impl RatingSummary {
    /// Counts one more rating.
    pub fn add(&mut self, level: RatingLevel) {
        let i = usize::from(level.score() - 1);
        self.by_level[i] = self.by_level[i].saturating_add(1);
        self.count = self.count.saturating_add(1);
    }

    /// The mean score (1.0 to 5.0), or `None` with no ratings. Computed from `by_level`.
    pub fn average(&self) -> Option<f64> {
        let total = self.total();
        let points: f64 = (1u32..)
            .zip(self.by_level)
            .map(|(score, n)| f64::from(score) * n as f64)
            .sum();
        (total > 0).then(|| points / total as f64)
    }

    /// The share (0.0 to 1.0) of ratings that are satisfied or very satisfied, or `None` with
    /// no ratings.
    pub fn satisfied_share(&self) -> Option<f64> {
        let total = self.total();
        let good = self.by_level[3].saturating_add(self.by_level[4]);
        (total > 0).then(|| good as f64 / total as f64)
    }

    fn total(&self) -> u64 {
        self.by_level.iter().fold(0u64, |a, &n| a.saturating_add(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(level: RatingLevel) -> RatingInput {
        RatingInput {
            level,
            comment: String::new(),
            efficiency: None,
            guide_accuracy: None,
            convenience: None,
            usability: None,
        }
    }

    #[test]
    fn levels_are_stored_as_their_score_and_only_bad_ones_open_rectification() {
        for level in RatingLevel::ALL {
            assert_eq!(level.as_str(), level.score().to_string());
            assert_eq!(level.opens_rectification(), level.score() <= 2);
        }
        assert!(RatingLevel::Dissatisfied.opens_rectification());
        assert!(!RatingLevel::Neutral.opens_rectification());
        assert_eq!(RECTIFICATION_WORKING_DAYS, 15);
    }

    #[test]
    fn a_rating_keeps_a_trimmed_comment_and_refuses_scores_outside_one_to_five() {
        let mut r = input(RatingLevel::Satisfied);
        r.comment = "  窗口很耐心\r\n谢谢  ".to_owned();
        r.efficiency = Some(5);
        let ok = r.clone().check().unwrap();
        assert_eq!(ok.comment, "窗口很耐心\n谢谢");
        r.guide_accuracy = Some(0);
        r.usability = Some(6);
        r.comment = "x".repeat(501);
        let err = r.check().unwrap_err();
        assert_eq!(err.fields.get("comment"), Some(FieldCode::TooLong));
        assert_eq!(
            err.fields.get("guide_accuracy"),
            Some(FieldCode::OutOfRange)
        );
        assert_eq!(err.fields.get("usability"), Some(FieldCode::OutOfRange));
        assert_eq!(err.fields.get("efficiency"), None);
    }

    #[test]
    fn only_a_decided_and_closed_case_may_be_rated() {
        assert!(may_rate(CaseState::Completed));
        assert!(may_rate(CaseState::Denied));
        assert!(!may_rate(CaseState::Withdrawn));
        assert!(!may_rate(CaseState::UnderReview));
        assert!(!may_rate(CaseState::Approved));
    }

    #[test]
    fn a_summary_averages_and_counts_the_satisfied() {
        let mut s = RatingSummary::default();
        assert_eq!(s.average(), None);
        assert_eq!(s.satisfied_share(), None);
        for level in [
            RatingLevel::VerySatisfied,
            RatingLevel::VerySatisfied,
            RatingLevel::Satisfied,
            RatingLevel::VeryDissatisfied,
        ] {
            s.add(level);
        }
        assert_eq!(s.count, 4);
        assert_eq!(s.by_level, [1, 0, 0, 1, 2]);
        assert_eq!(s.average(), Some(15.0 / 4.0));
        assert_eq!(s.satisfied_share(), Some(0.75));
    }
}
