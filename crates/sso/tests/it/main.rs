//! Single sign-on (ACC-3) through HTTP: a relying party written here drives the provider the
//! way a real one does (the real ones — authlib, pyoidc, openid-client — run in
//! `scripts/oidc-clients` and `../shared/checks/check-oidc.sh`). On SQLite by default and on
//! PostgreSQL when TEST_DATABASE_URL is set; one test binary (link time).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    dead_code,
    missing_docs,
    clippy::new_without_default
)]

mod support {
    pub use yiwang_testkit::*;
}

mod console;
mod flow;

use http::{Method, StatusCode};
use serde_json::Value;
use support::{Client, Resp, TestApp, id_number, urlencode};
use yiwang_crypto::jose::{self, Jws};
use yiwang_domain::auth::Role;

/// Where the test relying party says it lives.
pub const REDIRECT: &str = "https://rp.example.cn/cb";
/// The issuer as the test app sees itself.
pub const ISSUER: &str = "http://localhost";

/// A registered relying party.
#[derive(Debug, Clone)]
pub struct Rp {
    pub id: String,
    pub secret: String,
}

/// Registers a relying party through the console as a platform admin, allowed `scopes`.
pub async fn register(t: &TestApp, admin: &mut Client, name: &str, scopes: &[&str]) -> Rp {
    admin.get("/console/sso").await.ok();
    let mut fields = vec![
        ("name", name),
        ("redirect_uris", REDIRECT),
        ("logout_uris", "https://rp.example.cn/bye"),
    ];
    for s in scopes {
        fields.push(("scopes", s));
    }
    let r = admin.post_form("/console/sso", &fields).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let codes: Vec<String> = r
        .body
        .split("<code>")
        .skip(1)
        .map(|s| s.split("</code>").next().unwrap().to_owned())
        .collect();
    let _ = t;
    Rp {
        id: codes[0].clone(),
        secret: codes[1].clone(),
    }
}

/// A platform admin's console client.
pub async fn admin(t: &TestApp) -> Client {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let root = t.state.config.root_region.to_string();
    t.staff(&format!("ssoadmin{n}"), Role::PlatformAdmin, None, &root)
        .await
        .0
}

/// One authorization request's secrets on the relying party's side.
pub struct Pending {
    pub verifier: String,
    pub state: String,
    pub nonce: String,
}

impl Pending {
    pub fn new() -> Pending {
        Pending {
            verifier: format!(
                "v{}",
                "x".repeat(20) + &yiwang_crypto::random::token().unwrap()
            ),
            state: yiwang_crypto::random::token().unwrap(),
            nonce: yiwang_crypto::random::token().unwrap(),
        }
    }

    /// The authorization URL for `scope`.
    pub fn url(&self, rp: &Rp, scope: &str) -> String {
        format!(
            "/oidc/authorize?response_type=code&client_id={}&redirect_uri={}&scope={}&state={}&nonce={}&code_challenge={}&code_challenge_method=S256",
            rp.id,
            urlencode(REDIRECT),
            urlencode(scope),
            self.state,
            self.nonce,
            jose::s256(&self.verifier)
        )
    }
}

/// The query parameters of a redirect back to the relying party.
pub fn params(location: &str) -> Vec<(String, String)> {
    assert!(
        location.starts_with(REDIRECT),
        "not back to the RP: {location}"
    );
    let q = location.split_once('?').map(|(_, q)| q).unwrap_or("");
    q.split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| {
            (
                k.to_owned(),
                yiwang_kit::pipeline::percent_decode(v).unwrap(),
            )
        })
        .collect()
}

pub fn param(location: &str, name: &str) -> Option<String> {
    params(location)
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

/// Signs `person` in to `rp`, agreeing on the consent page if it is shown; the code.
pub async fn code_for(person: &mut Client, rp: &Rp, p: &Pending, scope: &str) -> String {
    let r = person.get(&p.url(rp, scope)).await;
    let r = if r.status == StatusCode::OK {
        assert!(r.body.contains("同意并登录"), "{}", r.body);
        consent(person, &r, "allow").await
    } else {
        r
    };
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        param(r.location(), "state").as_deref(),
        Some(p.state.as_str())
    );
    assert_eq!(param(r.location(), "iss").as_deref(), Some(ISSUER));
    param(r.location(), "code").expect("a code")
}

/// Posts the consent page's form back with `decision`.
pub async fn consent(person: &mut Client, page: &Resp, decision: &str) -> Resp {
    let names = [
        "client_id",
        "redirect_uri",
        "response_type",
        "scope",
        "state",
        "nonce",
        "code_challenge",
        "code_challenge_method",
        "max_age",
    ];
    let values: Vec<(String, String)> = names
        .iter()
        .map(|n| {
            (
                (*n).to_owned(),
                html_unescape(&support::input_value(&page.body, n)),
            )
        })
        .collect();
    let mut fields: Vec<(&str, &str)> = values
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    fields.push(("decision", decision));
    person.post_form("/oidc/authorize", &fields).await
}

fn html_unescape(s: &str) -> String {
    s.replace("&#x2f;", "/")
        .replace("&#x2F;", "/")
        .replace("&#47;", "/")
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

fn basic(rp: &Rp) -> String {
    use base64::Engine as _;
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{}:{}", rp.id, rp.secret))
    )
}

/// A token-endpoint POST authenticated with client_secret_basic.
pub async fn token(t: &TestApp, rp: &Rp, fields: &[(&str, &str)]) -> Resp {
    let body = fields
        .iter()
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect::<Vec<_>>()
        .join("&");
    t.client()
        .request(
            Method::POST,
            "/oidc/token",
            Some("application/x-www-form-urlencoded"),
            body.into_bytes(),
            &[("authorization", &basic(rp))],
        )
        .await
}

/// Redeems a code.
pub async fn redeem(t: &TestApp, rp: &Rp, code: &str, p: &Pending) -> Resp {
    token(
        t,
        rp,
        &[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", REDIRECT),
            ("code_verifier", &p.verifier),
        ],
    )
    .await
}

/// The ID token's claims, its signature checked against the published keys.
pub async fn id_claims(t: &TestApp, id_token: &str) -> Value {
    let jwks = t.client().get("/oidc/jwks").await.ok().json();
    let keys = jwks["keys"].as_array().unwrap().clone();
    let jws = Jws::parse(id_token).expect("a JWS");
    assert!(jws.verify_rs256(&keys), "the ID token's signature");
    jws.claims
}

/// userinfo with a bearer token.
pub async fn userinfo(t: &TestApp, access: &str) -> Resp {
    let mut c = t.client();
    c.bearer = Some(access.to_owned());
    c.get("/oidc/userinfo").await
}

/// A verified citizen.
pub async fn person(t: &TestApp, phone: &str) -> Client {
    t.verified_citizen(
        phone,
        "李秀英",
        &id_number(&format!("511602199001010{}", &phone[9..])),
    )
    .await
}
