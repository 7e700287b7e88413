//! The three languages every page, message and error is available in.

use serde::{Deserialize, Serialize};

/// A display language. Simplified Chinese is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    /// 简体中文 (zh-Hans), the default.
    #[default]
    #[serde(rename = "zh-Hans")]
    ZhHans,
    /// 繁體中文 (zh-Hant).
    #[serde(rename = "zh-Hant")]
    ZhHant,
    /// English.
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// All languages, in the order the language switch shows them.
    pub const ALL: [Lang; 3] = [Lang::ZhHans, Lang::ZhHant, Lang::En];

    /// The BCP 47 tag, as used in `lang` attributes, cookies and the API.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhHans => "zh-Hans",
            Lang::ZhHant => "zh-Hant",
            Lang::En => "en",
        }
    }

    /// The language's own name, shown in the switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::ZhHans => "简体",
            Lang::ZhHant => "繁體",
            Lang::En => "English",
        }
    }

    /// Parses a tag exactly as [`Lang::tag`] writes it.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.tag() == tag)
    }

    /// Chooses a language from an `Accept-Language` header (RFC 9110 §12.5.4), honouring
    /// quality values. Chinese tags for Taiwan, Hong Kong and Macau and any `Hant` script
    /// choose Traditional; other Chinese tags choose Simplified.
    pub fn negotiate(accept_language: &str) -> Option<Lang> {
        let mut best: Option<(u16, Lang)> = None;
        for part in accept_language.split(',').take(16) {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
            let mut q = 1000u16;
            for p in pieces {
                if let Some(v) = p.trim().strip_prefix("q=") {
                    q = parse_q(v).unwrap_or(0);
                }
            }
            let Some(lang) = lang_of_tag(&tag) else {
                continue;
            };
            if q > 0 && best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l)
    }
}

fn lang_of_tag(tag: &str) -> Option<Lang> {
    if tag == "zh" || tag.starts_with("zh-") {
        let traditional = ["hant", "tw", "hk", "mo"]
            .iter()
            .any(|t| tag.split('-').skip(1).any(|s| s == *t));
        let simplified = tag.split('-').skip(1).any(|s| s == "hans");
        Some(if traditional && !simplified {
            Lang::ZhHant
        } else {
            Lang::ZhHans
        })
    } else if tag == "en" || tag.starts_with("en-") {
        Some(Lang::En)
    } else {
        None
    }
}

/// A quality value in thousandths: "0.8" → 800.
fn parse_q(v: &str) -> Option<u16> {
    let v = v.trim();
    let (int, frac) = v.split_once('.').unwrap_or((v, ""));
    let int: u16 = int.parse().ok()?;
    if int > 1 || frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut thousandths = int * 1000;
    for (i, b) in frac.bytes().enumerate() {
        thousandths += u16::from(b - b'0') * [100, 10, 1][i];
    }
    Some(thousandths.min(1000))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browsers_in_taiwan_and_hong_kong_get_traditional() {
        assert_eq!(Lang::negotiate("zh-TW,zh;q=0.9"), Some(Lang::ZhHant));
        assert_eq!(Lang::negotiate("zh-HK"), Some(Lang::ZhHant));
        assert_eq!(Lang::negotiate("zh-Hant-TW"), Some(Lang::ZhHant));
    }

    #[test]
    fn mainland_browsers_get_simplified() {
        assert_eq!(
            Lang::negotiate("zh-CN,zh;q=0.9,en;q=0.8"),
            Some(Lang::ZhHans)
        );
        assert_eq!(Lang::negotiate("zh"), Some(Lang::ZhHans));
    }

    #[test]
    fn quality_values_are_honoured() {
        assert_eq!(Lang::negotiate("en;q=0.9,zh-CN;q=0.5"), Some(Lang::En));
        assert_eq!(Lang::negotiate("zh-CN;q=0.4, en-GB;q=0.6"), Some(Lang::En));
        assert_eq!(Lang::negotiate("en;q=0"), None);
    }

    #[test]
    fn unknown_or_garbage_headers_choose_nothing() {
        assert_eq!(Lang::negotiate("fr-FR,de"), None);
        assert_eq!(Lang::negotiate(";;;,q=,,"), None);
        assert_eq!(Lang::negotiate("en;q=abc"), None);
    }

    #[test]
    fn tags_round_trip() {
        for l in Lang::ALL {
            assert_eq!(Lang::from_tag(l.tag()), Some(l));
        }
        assert_eq!(Lang::from_tag("zh-hans"), None);
    }
}
