//! Which push endpoints the platform will send to. A browser hands over its push service's
//! URL; the platform then makes requests to it, so an endpoint must not point into the
//! deployment's own network (a request forged that way would reach internal services).

use std::net::IpAddr;

/// The longest endpoint accepted (real ones are under 600 characters).
pub const MAX_ENDPOINT: usize = 1024;

/// Whether the platform may push to `endpoint`: `https://` to a public host name or address.
/// With `allow_local` (the demo and tests, with a push-service double on this machine)
/// `http://localhost:PORT/…` and `http://127.0.0.1:PORT/…` are allowed too.
pub fn endpoint_allowed(endpoint: &str, allow_local: bool) -> bool {
    if endpoint.len() > MAX_ENDPOINT
        || endpoint
            .chars()
            .any(|c| c.is_whitespace() || c.is_control())
    {
        return false;
    }
    let (scheme, rest) = match endpoint.split_once("://") {
        Some(p) => p,
        None => return false,
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.is_empty() || authority.contains('@') {
        return false;
    }
    let host = host_of(authority).to_ascii_lowercase();
    let local = host == "localhost" || host == "127.0.0.1" || host == "[::1]";
    match scheme {
        "http" => allow_local && local,
        "https" if local => allow_local,
        "https" => public_host(&host),
        _ => false,
    }
}

fn host_of(authority: &str) -> &str {
    if authority.starts_with('[') {
        return authority
            .split_once(']')
            .map_or(authority, |(h, _)| &authority[..h.len() + 1]);
    }
    authority.split(':').next().unwrap_or(authority)
}

/// A host name with a dot that is not an internal name, or a global IP address.
fn public_host(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    if let Ok(ip) = bare.parse::<IpAddr>() {
        return match ip {
            IpAddr::V4(v4) => {
                !(v4.is_private()
                    || v4.is_loopback()
                    || v4.is_link_local()
                    || v4.is_unspecified()
                    || v4.is_broadcast()
                    || v4.is_documentation()
                    || v4.octets()[0] == 100 && (v4.octets()[1] & 0xc0) == 64)
            }
            IpAddr::V6(v6) => {
                !(v6.is_loopback()
                    || v6.is_unspecified()
                    || (v6.segments()[0] & 0xfe00) == 0xfc00
                    || (v6.segments()[0] & 0xffc0) == 0xfe80)
            }
        };
    }
    host.contains('.')
        && !host.ends_with(".local")
        && !host.ends_with(".internal")
        && !host.ends_with(".localhost")
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
}

#[cfg(test)]
mod tests {
    use super::endpoint_allowed as ok;

    #[test]
    fn only_public_https_push_services_unless_testing_locally() {
        for good in [
            "https://fcm.googleapis.com/fcm/send/abc:def",
            "https://updates.push.services.mozilla.com/wpush/v2/gAAAA",
            "https://web.push.apple.com/QGuQ",
            "https://8.8.8.8/x",
        ] {
            assert!(ok(good, false), "{good}");
        }
        for bad in [
            "http://fcm.googleapis.com/fcm/send/abc",
            "https://localhost/x",
            "https://127.0.0.1/x",
            "https://10.0.0.5/push",
            "https://192.168.1.1/push",
            "https://169.254.169.254/latest/meta-data",
            "https://[::1]/x",
            "https://[fd00::1]/x",
            "https://intranet/x",
            "https://db.internal/x",
            "https://user@fcm.googleapis.com/x",
            "ftp://fcm.googleapis.com/x",
            "https://fcm.googleapis.com/a b",
            "not a url",
            "",
        ] {
            assert!(!ok(bad, false), "{bad}");
        }
        assert!(ok("http://localhost:8990/notify/1", true));
        assert!(ok("http://127.0.0.1:8990/notify/1", true));
        assert!(!ok("http://10.0.0.5:8990/notify/1", true));
        assert!(!ok(
            &format!("https://a.example.com/{}", "x".repeat(1100)),
            false
        ));
    }
}
