//! Display preferences: language, text size and contrast. Remembered in a cookie (so they work
//! before login and on shared counter computers), chosen on every page, and for language also
//! taken from `?lang=` and `Accept-Language`.

use http::HeaderMap;
use http::header::ACCEPT_LANGUAGE;
use yiwang_domain::Lang;

use crate::cookies;

/// The preference cookie's name.
pub const COOKIE: &str = "yw_prefs";

/// A visitor's display preferences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Prefs {
    /// Language.
    pub lang: Lang,
    /// 超大 text.
    pub large: bool,
    /// High contrast colours.
    pub contrast: bool,
}

impl Prefs {
    /// Preferences for a request: cookie first, then `?lang=`, then `Accept-Language`.
    pub fn from_request(headers: &HeaderMap, query: Option<&str>, secure: bool) -> Prefs {
        let mut p = Prefs::default();
        let cookie = cookies::get(headers, &cookies::name(COOKIE, secure));
        let mut lang_from_cookie = false;
        if let Some(v) = cookie {
            for part in v.split('.') {
                match part {
                    "xl" => p.large = true,
                    "hc" => p.contrast = true,
                    tag => {
                        if let Some(l) = Lang::from_tag(tag) {
                            p.lang = l;
                            lang_from_cookie = true;
                        }
                    }
                }
            }
        }
        let query_lang = query.and_then(|q| {
            q.split('&')
                .find_map(|kv| kv.strip_prefix("lang="))
                .and_then(Lang::from_tag)
        });
        if let Some(l) = query_lang {
            p.lang = l;
        } else if !lang_from_cookie
            && let Some(l) = headers
                .get(ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::negotiate)
        {
            p.lang = l;
        }
        p
    }

    /// The cookie value: `zh-Hant.xl.hc`.
    pub fn cookie_value(&self) -> String {
        let mut v = self.lang.tag().to_owned();
        if self.large {
            v.push_str(".xl");
        }
        if self.contrast {
            v.push_str(".hc");
        }
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::header::COOKIE as COOKIE_HEADER;

    fn headers(cookie: Option<&str>, accept: Option<&str>) -> HeaderMap {
        let mut h = HeaderMap::new();
        if let Some(c) = cookie {
            h.insert(COOKIE_HEADER, c.parse().unwrap());
        }
        if let Some(a) = accept {
            h.insert(ACCEPT_LANGUAGE, a.parse().unwrap());
        }
        h
    }

    #[test]
    fn the_cookie_wins_over_the_browser_language() {
        let p = Prefs::from_request(
            &headers(Some("yw_prefs=zh-Hant.xl"), Some("en")),
            None,
            false,
        );
        assert_eq!(
            p,
            Prefs {
                lang: Lang::ZhHant,
                large: true,
                contrast: false
            }
        );
    }

    #[test]
    fn the_browser_language_is_used_without_a_cookie() {
        let p = Prefs::from_request(&headers(None, Some("en-GB,en;q=0.9")), None, false);
        assert_eq!(p.lang, Lang::En);
    }

    #[test]
    fn a_lang_query_overrides_everything_for_one_page() {
        let p = Prefs::from_request(
            &headers(Some("yw_prefs=en.hc"), None),
            Some("x=1&lang=zh-Hant"),
            false,
        );
        assert_eq!(
            p,
            Prefs {
                lang: Lang::ZhHant,
                large: false,
                contrast: true
            }
        );
    }

    #[test]
    fn values_round_trip() {
        let p = Prefs {
            lang: Lang::En,
            large: true,
            contrast: true,
        };
        let h = headers(Some(&format!("yw_prefs={}", p.cookie_value())), None);
        assert_eq!(Prefs::from_request(&h, None, false), p);
    }
}
