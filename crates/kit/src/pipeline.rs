//! The middleware every request passes through, in one place: request id, client address,
//! display preferences, the caller (session or bearer token), the anti-forgery check for
//! state-changing requests, and the rendering of errors (a translated page, a redirect to
//! login, or a JSON body).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use http::header::{AUTHORIZATION, CONTENT_TYPE, HOST, ORIGIN, RETRY_AFTER, SET_COOKIE};
use http::request::Parts;
use http::{HeaderMap, HeaderValue, Method, StatusCode};
use yiwang_domain::{Error as DomainError, ErrorCode, Timestamp};

use crate::auth::{self, Principal};
use crate::caller::Caller;
use crate::config::IpNet;
use crate::cookies::{self, CookieSpec};
use crate::ctx::Ctx;
use crate::error::{Error, ErrorMarker, json_body};
use crate::prefs::Prefs;
use crate::state::AppState;

/// The session cookie's base name.
pub const SESSION_COOKIE: &str = "yw_session";
/// The anonymous anti-forgery cookie's base name.
pub const CSRF_COOKIE: &str = "yw_csrf";
/// The form field and header carrying the anti-forgery token.
pub const CSRF_FIELD: &str = "_csrf";
/// The header carrying the anti-forgery token for scripts.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The client's address: the TCP peer, unless the peer is a trusted proxy, in which case the
/// right-most `X-Forwarded-For` entry that is not itself a trusted proxy.
pub fn client_ip(peer: Option<IpAddr>, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let peer = peer.unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
    if !trusted.iter().any(|n| n.contains(peer)) {
        return peer;
    }
    let hops: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    hops.iter()
        .rev()
        .find(|ip| !trusted.iter().any(|n| n.contains(**ip)))
        .copied()
        .unwrap_or(peer)
}

fn request_id() -> String {
    yiwang_domain::ids::JobId::generate()
        .as_uuid()
        .simple()
        .to_string()
}

/// A platform bearer token (`yw_…`). Other bearer values (e.g. a Prometheus scrape token for
/// `/metrics`) are not ours to judge and are left to the route.
fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
        .filter(|t| t.starts_with("yw_"))
}

/// The request pipeline (see the module documentation).
pub async fn pipeline(State(app): State<AppState>, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let secure = app.config.tls;
    let peer = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let path = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "/".into());
    let is_api = parts.uri.path().starts_with("/api/");
    let prefs = Prefs::from_request(&parts.headers, parts.uri.query(), secure);
    let request_id = request_id();
    let client_ip = client_ip(peer, &parts.headers, &app.config.trusted_proxies);

    let session_token =
        cookies::get(&parts.headers, &cookies::name(SESSION_COOKIE, secure)).map(str::to_owned);
    let bearer_token = bearer(&parts.headers).map(str::to_owned);
    let resolved = match auth::resolve(
        &app.store,
        session_token.as_deref(),
        bearer_token.as_deref(),
        Timestamp::now(),
    )
    .await
    {
        Ok(r) => r,
        Err(e) => {
            let ctx = Ctx {
                caller: Caller {
                    principal: Principal::Anonymous,
                    client_ip,
                    request_id,
                    lang: prefs.lang,
                },
                prefs,
                csrf: String::new(),
                session_expired: false,
                path,
                is_api,
            };
            return render_error(&app, &ctx, e.into_response());
        }
    };

    let anon_csrf = cookies::get(&parts.headers, &cookies::name(CSRF_COOKIE, secure))
        .filter(|v| v.len() == 43)
        .map(str::to_owned);
    let (csrf, new_csrf_cookie) = match (resolved.principal.session(), anon_csrf) {
        (Some(s), _) => (s.csrf_token.clone(), None),
        (None, Some(c)) => (c, None),
        (None, None) => {
            let fresh = yiwang_crypto::random::token().unwrap_or_default();
            (fresh.clone(), Some(fresh))
        }
    };
    let ctx = Ctx {
        caller: Caller {
            principal: resolved.principal,
            client_ip,
            request_id: request_id.clone(),
            lang: prefs.lang,
        },
        prefs,
        csrf,
        session_expired: resolved.session_expired,
        path,
        is_api,
    };

    let mut response = if resolved.bad_token {
        Error::code(ErrorCode::Unauthenticated).into_response()
    } else {
        match check_csrf(&app, &ctx, parts, body, new_csrf_cookie.is_some()).await {
            Ok((mut parts, body)) => {
                parts.extensions.insert(ctx.clone());
                next.run(Request::from_parts(parts, body)).await
            }
            Err(e) => e.into_response(),
        }
    };

    if response.extensions().get::<ErrorMarker>().is_some() {
        response = render_error(&app, &ctx, response);
    }
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&request_id) {
        headers.insert("x-request-id", v);
    }
    if let Some(token) = new_csrf_cookie {
        let c = cookies::set(&CookieSpec {
            name: CSRF_COOKIE,
            value: &token,
            max_age: None,
            http_only: true,
            secure,
        });
        if let Ok(v) = HeaderValue::from_str(&c) {
            headers.append(SET_COOKIE, v);
        }
    }
    // A stale cookie is cleared, unless the handler has just set a new session (a login
    // sent with the stale cookie): the browser must end up with the new one.
    if resolved.clear_session_cookie
        && !sets_cookie(headers, &cookies::name(SESSION_COOKIE, secure))
    {
        let c = cookies::set(&CookieSpec {
            name: SESSION_COOKIE,
            value: "",
            max_age: Some(0),
            http_only: true,
            secure,
        });
        if let Ok(v) = HeaderValue::from_str(&c) {
            headers.append(SET_COOKIE, v);
        }
    }
    response
}

/// Whether the response sets the cookie `name`.
fn sets_cookie(headers: &HeaderMap, name: &str) -> bool {
    headers.get_all(SET_COOKIE).iter().any(|v| {
        v.to_str()
            .ok()
            .and_then(|c| c.split_once('='))
            .is_some_and(|(n, _)| n.trim() == name)
    })
}

/// APIs of standards whose clients post forms with an API key and no cookies (Open311
/// GeoReport v2), and signed one-click unsubscribe links, which a mail client posts without
/// cookies (RFC 8058), and the CKAN Action API (read-only actions that ckanapi posts as JSON
/// or forms). Their handlers never look at a session, so a forged post gains nothing.
pub const KEYED_APIS: &[&str] = &[
    "/open311/",
    "/unsubscribe/",
    "/payments/notify/",
    "/api/action/",
    "/api/3/action/",
    "/oidc/token",
    "/oidc/userinfo",
];

/// Checks the anti-forgery token of a state-changing request.
///
/// - Bearer-token requests carry no ambient credentials and need none; nor do the
///   [`KEYED_APIS`].
/// - A request from another site's page (`Origin` not this host) is refused outright.
/// - JSON without a browser session needs none: it carries no credentials, and a page on
///   another site cannot send `application/json` without a CORS preflight, which the platform
///   never grants. This is how apps without cookies register and log in.
/// - Everything else — every form post, and any request with a session — must send the token
///   in the `_csrf` field or the `x-csrf-token` header (double-submit for anonymous forms,
///   the session's token when logged in).
async fn check_csrf(
    app: &AppState,
    ctx: &Ctx,
    parts: Parts,
    body: Body,
    no_cookie_yet: bool,
) -> Result<(Parts, Body), Error> {
    if matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS)
        || ctx.principal.is_bearer()
        || KEYED_APIS
            .iter()
            .any(|prefix| parts.uri.path().starts_with(prefix))
    {
        return Ok((parts, body));
    }
    if let (Some(origin), Some(host)) = (parts.headers.get(ORIGIN), parts.headers.get(HOST)) {
        let origin = origin.to_str().unwrap_or("");
        let host = host.to_str().unwrap_or("");
        let origin_host = origin.split_once("://").map(|(_, h)| h).unwrap_or("");
        if origin == "null" || origin_host != host {
            return Err(Error::code(ErrorCode::CsrfFailed));
        }
    }
    let content_type = parts
        .headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let is_json = content_type.starts_with("application/json");
    if is_json && ctx.principal.session().is_none() {
        return Ok((parts, body));
    }
    if no_cookie_yet {
        // A browser without our cookie cannot have a valid token (or has cookies disabled).
        return Err(Error::code(ErrorCode::CsrfFailed));
    }
    let header_token = parts
        .headers
        .get(crate::pipeline::CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let is_form = content_type.starts_with("application/x-www-form-urlencoded");
    let is_upload = content_type.starts_with("multipart/form-data");
    let (provided, body) = match header_token {
        Some(t) => (Some(t), body),
        // File uploads carry the token as the form's first field, so it never shows in the
        // address bar when a page with errors is drawn at the form's address. Older forms
        // still carry it in the action URL (`?_csrf=`).
        None if is_upload => match parts.uri.query().and_then(|q| {
            q.split('&')
                .find_map(|kv| kv.strip_prefix("_csrf="))
                .map(str::to_owned)
        }) {
            Some(t) => (Some(t), body),
            None => first_part_token(content_type, body).await?,
        },
        None if is_form => {
            let bytes = axum::body::to_bytes(body, app.config.body_limit)
                .await
                .map_err(|_| Error::code(ErrorCode::PayloadTooLarge))?;
            let token = std::str::from_utf8(&bytes).ok().and_then(|s| {
                s.split('&')
                    .find_map(|kv| kv.strip_prefix("_csrf="))
                    .map(str::to_owned)
            });
            (token, Body::from(bytes))
        }
        None => (None, body),
    };
    match provided {
        Some(p) if yiwang_crypto::constant_time_eq(p.as_bytes(), ctx.csrf.as_bytes()) => {
            Ok((parts, body))
        }
        _ => Err(Error::code(ErrorCode::CsrfFailed)),
    }
}

/// How much of a multipart body is read to find its first field, the token: the boundary,
/// the part's headers and 43 characters fit many times over.
const FIRST_PART_MAX: usize = 4096;

/// The anti-forgery token sent as the first field (`_csrf`) of a `multipart/form-data` body,
/// and the body to hand on. Only the first part is read before the token is checked; a body
/// with a good token is then read in full (up to the upload limit) so the handler gets it
/// whole; one without is refused after its first few kilobytes.
async fn first_part_token(
    content_type: &str,
    mut body: Body,
) -> Result<(Option<String>, Body), Error> {
    use axum::body::HttpBody;
    let Some(boundary) = boundary_of(content_type) else {
        return Ok((None, body));
    };
    let mut head: Vec<u8> = Vec::new();
    let token = loop {
        if let Some(t) = token_in_first_part(&head, &boundary) {
            break t;
        }
        if head.len() >= FIRST_PART_MAX {
            break None;
        }
        let frame = std::future::poll_fn(|cx| std::pin::Pin::new(&mut body).poll_frame(cx)).await;
        match frame {
            None => break token_in_first_part(&head, &boundary).flatten(),
            Some(Err(_)) => return Err(Error::code(ErrorCode::InvalidBody)),
            Some(Ok(f)) => {
                if let Ok(data) = f.into_data() {
                    head.extend_from_slice(&data);
                }
            }
        }
    };
    let Some(token) = token else {
        return Ok((None, Body::empty()));
    };
    let rest = axum::body::to_bytes(body, crate::table::UPLOAD_LIMIT.saturating_sub(head.len()))
        .await
        .map_err(|_| Error::code(ErrorCode::PayloadTooLarge))?;
    head.extend_from_slice(&rest);
    Ok((Some(token), Body::from(head)))
}

/// The `boundary` parameter of a `multipart/form-data` content type (RFC 7578 §4.1).
fn boundary_of(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.trim().split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| v.trim().trim_matches('"').to_owned())
            .filter(|b| !b.is_empty() && b.len() <= 70)
    })
}

/// `None` while more of the body is needed; `Some(None)` when the first part is complete but
/// is not a `_csrf` field; `Some(Some(token))` when it is.
fn token_in_first_part(head: &[u8], boundary: &str) -> Option<Option<String>> {
    let opening = format!("--{boundary}\r\n");
    if head.len() < opening.len() {
        return None;
    }
    let Some(after) = head.strip_prefix(opening.as_bytes()) else {
        return Some(None);
    };
    let headers_end = find(after, b"\r\n\r\n")?;
    let headers = std::str::from_utf8(&after[..headers_end]).ok()?;
    let is_token = headers.lines().any(|line| {
        let line = line.to_ascii_lowercase();
        line.starts_with("content-disposition:")
            && line.contains("form-data")
            && line.split(';').any(|p| p.trim() == "name=\"_csrf\"")
            && !line.contains("filename")
    });
    if !is_token {
        return Some(None);
    }
    let value = &after[headers_end + 4..];
    let closing = format!("\r\n--{boundary}");
    let end = find(value, closing.as_bytes())?;
    Some(std::str::from_utf8(&value[..end]).ok().map(str::to_owned))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Turns a response carrying an [`ErrorMarker`] into what the caller should see.
fn render_error(app: &AppState, ctx: &Ctx, response: Response) -> Response {
    let status = response.status();
    let Some(ErrorMarker(err)) = response.extensions().get::<ErrorMarker>().cloned() else {
        return response;
    };
    let t = ctx.t();
    let mut out = if ctx.is_api {
        (status, axum::Json(json_body(&err, t, &ctx.request_id))).into_response()
    } else if matches!(
        err.code,
        ErrorCode::Unauthenticated | ErrorCode::SessionExpired
    ) && status == StatusCode::UNAUTHORIZED
    {
        login_redirect(ctx, err.code == ErrorCode::SessionExpired)
    } else {
        crate::views::errors::page(app, ctx, &err, status)
    };
    if let Some(secs) = err.retry_after_secs
        && let Ok(v) = HeaderValue::from_str(&secs.to_string())
    {
        out.headers_mut().insert(RETRY_AFTER, v);
    }
    out
}

fn login_redirect(ctx: &Ctx, expired: bool) -> Response {
    let login = if ctx.path.starts_with("/console") {
        "/console/login"
    } else {
        "/account/login"
    };
    let next = if ctx.path.len() < 512 {
        ctx.path.as_str()
    } else {
        "/"
    };
    let mut url = format!("{login}?next={}", percent_encode(next));
    if expired {
        url.push_str("&expired=1");
    }
    Redirect::to(&url).into_response()
}

/// Percent-encodes a path for a query parameter.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The value of the query parameter `name` in a path and query (`/account/login?next=%2Fx`),
/// decoded (`+` is a space); `None` when it is absent or not UTF-8 once decoded. Check a
/// `next` read this way with [`safe_next`] before using it.
pub fn query_param(path_and_query: &str, name: &str) -> Option<String> {
    let (_, query) = path_and_query.split_once('?')?;
    let query = query.split('#').next().unwrap_or_default();
    query.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
        (k == name).then(|| percent_decode(&v.replace('+', " ")))?
    })
}

/// A local path to return to after a form, or `/`: refuses anything that could leave the site
/// (`//evil`, `https://…`, `/\evil`), the classic open-redirect holes, and any control
/// character or whitespace, as typed or percent-encoded (browsers drop a tab or a line feed
/// from an address, so `/\t/evil.example` is `//evil.example` to them; a decoded `%09` is the
/// same tab one decoding later).
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.len() < 512 && stays_on_site(n) => n.to_owned(),
        _ => "/".to_owned(),
    }
}

/// Whether `path`, and every percent-decoding of it, is a path on this site with no control
/// character or whitespace in it.
fn stays_on_site(path: &str) -> bool {
    let mut current = path.to_owned();
    // Each round decodes one level; a path that still changes after a few is refused.
    for _ in 0..4 {
        if !current.starts_with('/')
            || current.starts_with("//")
            || current.starts_with("/\\")
            || current.chars().any(|c| c.is_control() || c.is_whitespace())
        {
            return false;
        }
        match percent_decode(&current) {
            None => return false,
            Some(decoded) if decoded == current => return true,
            Some(decoded) => current = decoded,
        }
    }
    false
}

/// One level of percent-decoding; `None` when the bytes it yields are not UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied(),
            bytes.get(i + 2).copied(),
        ) {
            (b'%', Some(h), Some(l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push(((hex(h)? << 4) | hex(l)?) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// An error for a domain failure, for handlers that build one from a code.
pub fn domain(code: ErrorCode) -> Error {
    Error::Domain(DomainError::new(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_parameters_are_read_decoded() {
        let p = "/account/login?expired=1&next=%2Fitems%2Fx%2Fapply%3Ffor%3Dme&a=b+c";
        assert_eq!(
            query_param(p, "next").as_deref(),
            Some("/items/x/apply?for=me")
        );
        assert_eq!(query_param(p, "a").as_deref(), Some("b c"));
        assert_eq!(query_param(p, "expired").as_deref(), Some("1"));
        assert_eq!(query_param(p, "missing"), None);
        assert_eq!(query_param("/account/login", "next"), None);
        assert_eq!(query_param("/x?next=%FF", "next"), None);
    }

    #[test]
    fn forwarded_addresses_are_believed_only_from_trusted_proxies() {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", "203.0.113.9, 10.0.0.2".parse().unwrap());
        let proxy: IpAddr = "10.0.0.1".parse().unwrap();
        let trusted = vec![IpNet::parse("10.0.0.0/8").unwrap()];
        assert_eq!(
            client_ip(Some(proxy), &h, &trusted),
            "203.0.113.9".parse::<IpAddr>().unwrap()
        );
        // An untrusted peer cannot choose its address by sending the header.
        let stranger: IpAddr = "198.51.100.7".parse().unwrap();
        assert_eq!(client_ip(Some(stranger), &h, &trusted), stranger);
        assert_eq!(client_ip(Some(proxy), &h, &[]), proxy);
    }

    #[test]
    fn next_links_never_leave_the_site() {
        assert_eq!(safe_next(Some("/account")), "/account");
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\\evil",
            "account",
            "/a\r\nSet-Cookie: x=1",
        ] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad}");
        }
        assert_eq!(safe_next(None), "/");
        for bad in [
            "/\t/evil.example",
            "/%09/evil.example",
            "/%2509/evil.example",
            "/%0a/evil.example",
            "/ /evil.example",
            "/%20/evil.example",
            "/\u{a0}/evil.example",
            "/%C2%A0/evil.example",
            "/%2F/evil.example",
            "/%5Cevil.example",
            "/%ff",
        ] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad:?}");
        }
        assert_eq!(
            safe_next(Some("/services?q=%E5%A4%B1%E4%B8%9A")),
            "/services?q=%E5%A4%B1%E4%B8%9A"
        );
    }

    /// Every path made of up to four of these pieces: the tricky characters as typed and
    /// encoded once or twice, among ordinary path text.
    fn generated_paths() -> Vec<String> {
        const PIECES: [&str; 22] = [
            "/",
            "\\",
            "evil.example",
            "a",
            "?x=1",
            "%",
            "%2F",
            "%5C",
            "%09",
            "%2509",
            "%0D%0A",
            "%20",
            "+",
            "\t",
            "\n",
            "\r",
            " ",
            "\u{b}",
            "\u{3000}",
            "%E3%80%80",
            "%00",
            "%7F",
        ];
        let mut out = vec![String::new()];
        let mut level = vec![String::new()];
        for _ in 0..4 {
            let next: Vec<String> = level
                .iter()
                .flat_map(|p| PIECES.iter().map(move |x| format!("{p}{x}")))
                .collect();
            out.extend(next.iter().cloned());
            level = next;
        }
        out
    }

    /// Decodes percent-escapes until nothing changes (at most a few times), as a chain of
    /// careless decoders might.
    fn fully_decoded(s: &str) -> Vec<String> {
        let mut all = vec![s.to_owned()];
        let mut current = s.to_owned();
        for _ in 0..4 {
            match percent_decode(&current) {
                Some(d) if d != current => {
                    all.push(d.clone());
                    current = d;
                }
                _ => break,
            }
        }
        all
    }

    #[test]
    fn a_next_link_that_is_kept_stays_on_the_site_however_it_is_decoded() {
        for path in generated_paths() {
            for candidate in [path.clone(), format!("/{path}"), format!("/a{path}")] {
                let kept = safe_next(Some(&candidate));
                if kept == "/" {
                    continue;
                }
                assert_eq!(kept, candidate);
                for form in fully_decoded(&kept) {
                    assert!(
                        form.starts_with('/')
                            && !form.starts_with("//")
                            && !form.starts_with("/\\")
                            && !form.chars().any(|c| c.is_control() || c.is_whitespace()),
                        "{candidate:?} was kept but decodes to {form:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_control_character_or_space_anywhere_refuses_the_link_typed_or_encoded() {
        let bad: Vec<String> = (0u32..0x20)
            .chain([0x7f, 0x85, 0xa0, 0x2028, 0x3000])
            .filter_map(char::from_u32)
            .chain([' '])
            .flat_map(|c| {
                let mut utf8 = [0u8; 4];
                let encoded: String = c
                    .encode_utf8(&mut utf8)
                    .bytes()
                    .map(|b| format!("%{b:02X}"))
                    .collect();
                let twice = encoded.replace('%', "%25");
                [c.to_string(), encoded, twice]
            })
            .collect();
        for b in &bad {
            for at in ["/{}", "/a{}", "/a/{}b", "/a?x={}", "/a{}/"] {
                let path = at.replace("{}", b);
                assert_eq!(safe_next(Some(&path)), "/", "{path:?}");
            }
        }
    }
}
