//! Administrative divisions (行政区划). Codes follow the national statistics scheme and are
//! hierarchical by prefix: 51 四川省 → 5116 广安市 → 511602 广安区 → 511602001 浓洄街道 →
//! 511602001001 (a community, added by admins). So "is X inside Y" is "does X start with Y".

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::FieldCode;

crate::stable_names! {
    /// The level of a region, from its code length.
    pub enum RegionLevel {
        /// 省级 (2 digits).
        Province = "province",
        /// 市级 (4 digits).
        City = "city",
        /// 县级: district, county or county-level city (6 digits).
        County = "county",
        /// 乡级: street, town or township (9 digits).
        Township = "township",
        /// 村级: community or village (12 digits), created by admins.
        Community = "community",
    }
}

impl RegionLevel {
    /// The number of digits in codes of this level.
    pub fn code_len(self) -> usize {
        match self {
            RegionLevel::Province => 2,
            RegionLevel::City => 4,
            RegionLevel::County => 6,
            RegionLevel::Township => 9,
            RegionLevel::Community => 12,
        }
    }

    /// The level below this one.
    pub fn child(self) -> Option<RegionLevel> {
        match self {
            RegionLevel::Province => Some(RegionLevel::City),
            RegionLevel::City => Some(RegionLevel::County),
            RegionLevel::County => Some(RegionLevel::Township),
            RegionLevel::Township => Some(RegionLevel::Community),
            RegionLevel::Community => None,
        }
    }

    fn of_len(len: usize) -> Option<RegionLevel> {
        RegionLevel::ALL.into_iter().find(|l| l.code_len() == len)
    }
}

/// A region code in its shortest form (trailing zero groups removed).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RegionCode(String);

impl RegionCode {
    /// Parses a code of any level. A 12-digit code padded with zeros (`511602000000`, as the
    /// catalogue writes it) is shortened to its real level (`511602`).
    pub fn parse(input: &str) -> Result<RegionCode, FieldCode> {
        let s = input.trim();
        if s.is_empty() {
            return Err(FieldCode::Required);
        }
        if !s.bytes().all(|b| b.is_ascii_digit()) || RegionLevel::of_len(s.len()).is_none() {
            return Err(FieldCode::UnknownRegion);
        }
        let short = shorten(s);
        if RegionLevel::of_len(short.len()).is_none() || short.starts_with("00") {
            return Err(FieldCode::UnknownRegion);
        }
        Ok(RegionCode(short.to_owned()))
    }

    /// The code as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The level, from the code length.
    pub fn level(&self) -> RegionLevel {
        RegionLevel::of_len(self.0.len()).unwrap_or(RegionLevel::Community)
    }

    /// The region directly above, if any.
    pub fn parent(&self) -> Option<RegionCode> {
        let level = self.level();
        let up = RegionLevel::ALL.iter().rev().find(|l| **l < level)?;
        Some(RegionCode(self.0[..up.code_len()].to_owned()))
    }

    /// Whether `other` is this region or lies inside it.
    pub fn contains(&self, other: &RegionCode) -> bool {
        other.0.starts_with(&self.0)
    }

    /// All regions from the province down to this one.
    pub fn ancestors_and_self(&self) -> Vec<RegionCode> {
        let mut out = Vec::new();
        for l in RegionLevel::ALL {
            if l.code_len() <= self.0.len() {
                out.push(RegionCode(self.0[..l.code_len()].to_owned()));
            }
        }
        out
    }
}

/// Removes zero padding down to the longest level whose remaining digits are not all zero.
fn shorten(s: &str) -> &str {
    let mut end = s.len();
    for l in RegionLevel::ALL.iter().rev() {
        let len = l.code_len();
        if len < end && s.len() >= len && s[len..end].bytes().all(|b| b == b'0') {
            end = len;
        } else if len < end {
            break;
        }
    }
    &s[..end]
}

impl TryFrom<String> for RegionCode {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        RegionCode::parse(&s).map_err(|c| c.as_str().to_owned())
    }
}

impl From<RegionCode> for String {
    fn from(c: RegionCode) -> String {
        c.0
    }
}

impl fmt::Display for RegionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for RegionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RegionCode({})", self.0)
    }
}

/// Checks a region's display name: 1 to 40 characters, no markup or control characters.
pub fn check_region_name(input: &str) -> Result<String, FieldCode> {
    crate::account::check_plain_text(input, 1, 40)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> RegionCode {
        RegionCode::parse(s).unwrap()
    }

    #[test]
    fn levels_follow_the_code_length() {
        assert_eq!(code("51").level(), RegionLevel::Province);
        assert_eq!(code("5116").level(), RegionLevel::City);
        assert_eq!(code("511602").level(), RegionLevel::County);
        assert_eq!(code("511602001").level(), RegionLevel::Township);
        assert_eq!(code("511602001001").level(), RegionLevel::Community);
    }

    #[test]
    fn zero_padded_catalogue_codes_are_shortened() {
        assert_eq!(code("511602000000").as_str(), "511602");
        assert_eq!(code("511600").as_str(), "5116");
        assert_eq!(code("510000000000").as_str(), "51");
        assert_eq!(code("511602001000").as_str(), "511602001");
        // A code with a zero group in the middle keeps its real length.
        assert_eq!(code("110101001001").as_str(), "110101001001");
    }

    #[test]
    fn malformed_codes_are_unknown_regions() {
        for bad in [
            "5",
            "511",
            "51160",
            "abc",
            "5116021",
            "000000",
            "5116020010011",
        ] {
            assert!(RegionCode::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn containment_is_by_prefix() {
        assert!(code("5116").contains(&code("511602001")));
        assert!(code("511602").contains(&code("511602")));
        assert!(!code("511602").contains(&code("511603")));
        assert!(!code("511602001").contains(&code("511602")));
    }

    #[test]
    fn parents_walk_up_one_level_at_a_time() {
        assert_eq!(code("511602001001").parent(), Some(code("511602001")));
        assert_eq!(code("511602001").parent(), Some(code("511602")));
        assert_eq!(code("5116").parent(), Some(code("51")));
        assert_eq!(code("51").parent(), None);
        assert_eq!(code("511602001").ancestors_and_self().len(), 4);
    }
}
