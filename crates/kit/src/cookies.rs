//! Reading and writing the few cookies the platform uses: the session, the anonymous
//! anti-forgery token, and display preferences. Hand-written: three cookies do not need a jar.

use http::HeaderMap;
use http::header::COOKIE;

/// Finds a cookie's value in the request headers.
pub fn get<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim_matches('"'))
}

/// How a cookie is set.
pub struct CookieSpec<'a> {
    /// Name, without the `__Host-` prefix (added when `secure`).
    pub name: &'a str,
    /// Value (already safe: tokens and preference codes).
    pub value: &'a str,
    /// Seconds to keep it; `None` for a browser-session cookie, `Some(0)` to delete.
    pub max_age: Option<u64>,
    /// Whether scripts may not read it.
    pub http_only: bool,
    /// Whether TLS is on.
    pub secure: bool,
}

/// The full cookie name for the deployment (`__Host-` prefixed under TLS).
pub fn name(base: &str, secure: bool) -> String {
    if secure {
        format!("__Host-{base}")
    } else {
        base.to_owned()
    }
}

/// A `Set-Cookie` header value. Always `Path=/` and `SameSite=Lax` (Lax keeps the login
/// working when a citizen follows a link from an SMS or a QR code).
pub fn set(c: &CookieSpec<'_>) -> String {
    let mut s = format!(
        "{}={}; Path=/; SameSite=Lax",
        name(c.name, c.secure),
        c.value
    );
    if let Some(age) = c.max_age {
        s.push_str(&format!("; Max-Age={age}"));
    }
    if c.http_only {
        s.push_str("; HttpOnly");
    }
    if c.secure {
        s.push_str("; Secure");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_cookies_among_many() {
        let mut h = HeaderMap::new();
        h.insert(COOKIE, "a=1; yw_session=abc; b=2".parse().unwrap());
        assert_eq!(get(&h, "yw_session"), Some("abc"));
        assert_eq!(get(&h, "c"), None);
    }

    #[test]
    fn secure_cookies_get_the_host_prefix() {
        let s = set(&CookieSpec {
            name: "yw_session",
            value: "v",
            max_age: None,
            http_only: true,
            secure: true,
        });
        assert!(s.starts_with("__Host-yw_session=v; Path=/; SameSite=Lax"));
        assert!(s.contains("HttpOnly") && s.contains("Secure"));
    }
}
