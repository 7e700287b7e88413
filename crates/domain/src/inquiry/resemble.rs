//! Whether two inquiries look like the same problem (INQ-2): the dispatcher is shown the
//! candidates with the reasons, and decides; nothing is merged by this rule.
//!
//! Three signals, any of which makes a candidate: the same street (the first nine digits of
//! the region code), a reported location within [`NEAR_METRES`], or similar words. Text
//! similarity is the Dice coefficient of the two texts' character bigrams — the measure that
//! works for Chinese without a dictionary (two reports of one broken street light share
//! 路灯, 不亮, the road's name), computed over letters and digits only, so punctuation and
//! spacing do not count.

use std::collections::HashSet;

/// Reports within this many metres of each other are "nearby".
pub const NEAR_METRES: u32 = 500;

/// Texts at least this similar (0–100) are "similar".
pub const SIMILAR_PERCENT: u8 = 25;

/// What two inquiries share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resemblance {
    /// Both in the same street (街道/乡镇).
    pub same_street: bool,
    /// The distance between their reported locations, when both have one.
    pub metres: Option<u32>,
    /// How similar their words are, 0–100.
    pub text_percent: u8,
}

/// One inquiry as the comparison needs it.
#[derive(Debug, Clone, Copy)]
pub struct Report<'a> {
    /// Region code (down to the community where known).
    pub region: &'a str,
    /// Location in millionths of a degree.
    pub location: Option<(i64, i64)>,
    /// Title and text.
    pub title: &'a str,
    /// The text.
    pub body: &'a str,
}

impl Resemblance {
    /// Compares two reports.
    pub fn of(a: &Report<'_>, b: &Report<'_>) -> Resemblance {
        let street = |r: &str| (r.len() >= 9).then(|| r[..9].to_owned());
        Resemblance {
            same_street: street(a.region).is_some() && street(a.region) == street(b.region),
            metres: match (a.location, b.location) {
                (Some(x), Some(y)) => Some(metres_between(x, y)),
                _ => None,
            },
            text_percent: similarity(
                &format!("{} {}", a.title, a.body),
                &format!("{} {}", b.title, b.body),
            ),
        }
    }

    /// Whether the dispatcher should see it as a possible duplicate.
    pub fn is_candidate(&self) -> bool {
        self.same_street || self.is_near() || self.is_similar()
    }

    /// Within [`NEAR_METRES`].
    pub fn is_near(&self) -> bool {
        self.metres.is_some_and(|m| m <= NEAR_METRES)
    }

    /// At least [`SIMILAR_PERCENT`] alike in words.
    pub fn is_similar(&self) -> bool {
        self.text_percent >= SIMILAR_PERCENT
    }

    /// For ordering candidates, most alike first: words weigh most, then closeness, then
    /// the street.
    pub fn score(&self) -> u32 {
        let near = match self.metres {
            Some(m) if m <= NEAR_METRES => 60 - (m * 60 / (NEAR_METRES + 1)),
            _ => 0,
        };
        u32::from(self.text_percent) + near + if self.same_street { 20 } else { 0 }
    }
}

/// Great-circle distance between two points given in millionths of a degree, in metres
/// (haversine; exact enough for "within a few hundred metres").
pub fn metres_between(a: (i64, i64), b: (i64, i64)) -> u32 {
    const EARTH_METRES: f64 = 6_371_000.0;
    let rad = |v: i64| (v as f64 / 1e6).to_radians();
    let (lat1, lng1, lat2, lng2) = (rad(a.0), rad(a.1), rad(b.0), rad(b.1));
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((lng2 - lng1) / 2.0).sin().powi(2);
    let d = 2.0 * EARTH_METRES * h.sqrt().min(1.0).asin();
    d.round().min(u32::MAX as f64) as u32
}

/// Dice coefficient of the character bigrams of two texts, as a percentage. Letters are
/// lower-cased; everything that is not a letter or digit separates words.
pub fn similarity(a: &str, b: &str) -> u8 {
    let (x, y) = (bigrams(a), bigrams(b));
    if x.is_empty() || y.is_empty() {
        return 0;
    }
    let shared = x.intersection(&y).count();
    ((200 * shared) / (x.len() + y.len())).min(100) as u8
}

fn bigrams(text: &str) -> HashSet<(char, char)> {
    let mut out = HashSet::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        let chars: Vec<char> = word.chars().flat_map(char::to_lowercase).collect();
        if chars.len() == 1 {
            out.insert((chars[0], ' '));
        }
        for w in chars.windows(2) {
            out.insert((w[0], w[1]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report<'a>(
        region: &'a str,
        at: Option<(i64, i64)>,
        title: &'a str,
        body: &'a str,
    ) -> Report<'a> {
        Report {
            region,
            location: at,
            title,
            body,
        }
    }

    #[test]
    fn two_reports_of_one_street_light_are_similar_and_an_unrelated_one_is_not() {
        let a = "渠江路路灯不亮，晚上很黑，老人走路不安全";
        let b = "渠江路那边的路灯坏了好几天，一直不亮";
        let c = "咨询失业保险金怎么申领，需要带什么材料";
        assert!(similarity(a, b) >= SIMILAR_PERCENT, "{}", similarity(a, b));
        assert!(similarity(a, c) < SIMILAR_PERCENT, "{}", similarity(a, c));
        assert_eq!(similarity(a, a), 100);
        assert_eq!(similarity("", a), 0);
        assert_eq!(similarity("。，！", a), 0);
        // Two different problems on one road share only the road's name.
        let noise = "建设路夜市噪音扰民，每天晚上到凌晨两点还很吵";
        let light = "建设路路灯不亮，晚上很黑";
        assert!(
            similarity(noise, light) < SIMILAR_PERCENT,
            "{}",
            similarity(noise, light)
        );
    }

    #[test]
    fn punctuation_case_and_spacing_do_not_count() {
        assert_eq!(similarity("Street light OUT", "street, light: out!"), 100);
        assert_eq!(similarity("路灯 不亮", "路灯，不亮。"), 100);
    }

    #[test]
    fn distances_are_right_to_a_few_metres() {
        // One thousandth of a degree of latitude is about 111 m anywhere.
        let m = metres_between((30_456_000, 106_633_000), (30_457_000, 106_633_000));
        assert!((110..=112).contains(&m), "{m}");
        // At 30° N, one thousandth of a degree of longitude is about 96 m.
        let m = metres_between((30_000_000, 106_000_000), (30_000_000, 106_001_000));
        assert!((95..=97).contains(&m), "{m}");
        assert_eq!(
            metres_between((30_456_000, 106_633_000), (30_456_000, 106_633_000)),
            0
        );
    }

    #[test]
    fn any_one_signal_makes_a_candidate_and_the_order_follows_how_alike_they_are() {
        let base = report(
            "511602001001",
            Some((30_456_000, 106_633_000)),
            "路灯不亮",
            "渠江路路灯不亮",
        );
        let same_street = report("511602001002", None, "垃圾没人清", "小区门口垃圾堆积");
        let nearby = report(
            "511602002001",
            Some((30_457_000, 106_633_000)),
            "井盖松动",
            "人行道井盖松动",
        );
        let worded = report("511602003001", None, "路灯坏了", "渠江路的路灯不亮了");
        let unrelated = report(
            "511602004001",
            Some((30_600_000, 106_700_000)),
            "学位咨询",
            "孩子上学怎么报名",
        );
        let r = |o: &Report<'_>| Resemblance::of(&base, o);
        assert!(r(&same_street).same_street && r(&same_street).is_candidate());
        assert!(r(&nearby).is_near() && !r(&nearby).same_street && r(&nearby).is_candidate());
        assert!(r(&worded).is_similar() && r(&worded).is_candidate());
        assert!(!r(&unrelated).is_candidate(), "{:?}", r(&unrelated));
        assert!(r(&worded).score() > r(&same_street).score());
        assert!(r(&nearby).score() > r(&unrelated).score());
    }

    #[test]
    fn a_region_code_above_the_street_is_never_the_same_street() {
        let a = report("511602", None, "a", "b");
        let b = report("511602", None, "c", "d");
        assert!(!Resemblance::of(&a, &b).same_street);
    }
}
