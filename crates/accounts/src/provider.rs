//! The identity-provider seam (ACC-1): one interface a deployment plugs its identity service
//! into — the public-security identity service (公安部身份认证), a bank-card four-factor check,
//! face verification — with a sandbox that answers like a real one for the demo and the tests,
//! and an HTTP adapter for a service behind a relay.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use bytes::Bytes;
use http::header::{AUTHORIZATION, CONTENT_TYPE};
use http::{Method, Request, Uri};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use yiwang_domain::identity::{PersonName, ProviderAnswer, ResidentId};

/// A future returned by a provider.
pub type Answer<'a> = Pin<Box<dyn Future<Output = ProviderAnswer> + Send + 'a>>;

/// Checks that a name and an ID number belong together, to a living person. Every failure to
/// ask (timeout, outage, a malformed answer) is [`ProviderAnswer::Unavailable`]: nothing is
/// decided on it.
pub trait IdentityProvider: Send + Sync {
    /// Its name, recorded with every check (`sandbox`, `http`, …).
    fn name(&self) -> &str;

    /// Asks about one person.
    fn check<'a>(&'a self, name: &'a PersonName, id: &'a ResidentId) -> Answer<'a>;
}

/// The provider installed in the state (`app.part::<Provider>()`); a deployment without one
/// verifies only at counters.
#[derive(Clone)]
pub struct Provider(pub Arc<dyn IdentityProvider>);

/// A register of made-up people that answers like the real service: a listed number with its
/// name matches, a listed deceased person is `deceased`, a number listed as `unavailable`
/// simulates an outage, anything else does not match (no such person, or another name).
#[derive(Debug, Default)]
pub struct Sandbox {
    people: RwLock<HashMap<String, (String, Status)>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Alive,
    Deceased,
    Unavailable,
}

impl Sandbox {
    /// Reads the register: one person a line, `id_number<TAB>name<TAB>status` with status
    /// `alive`, `deceased` or `unavailable`; `#` starts a comment. A bad line is an error that
    /// names it.
    pub fn parse(text: &str) -> Result<Sandbox, String> {
        let mut people = HashMap::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let parts: Vec<&str> = line.split('\t').map(str::trim).collect();
            let (Some(id), Some(name), status) = (parts.first(), parts.get(1), parts.get(2)) else {
                return Err(format!("line {}: expected id_number, name, status", n + 1));
            };
            let status = match status.copied().unwrap_or("alive") {
                "alive" => Status::Alive,
                "deceased" => Status::Deceased,
                "unavailable" => Status::Unavailable,
                other => return Err(format!("line {}: unknown status {other:?}", n + 1)),
            };
            people.insert(id.to_ascii_uppercase(), ((*name).to_owned(), status));
        }
        Ok(Sandbox {
            people: RwLock::new(people),
        })
    }

    /// Adds the people of more register lines (the format of `parse`).
    pub fn load(&self, text: &str) -> Result<(), String> {
        let more = Sandbox::parse(text)?
            .people
            .into_inner()
            .unwrap_or_default();
        if let Ok(mut p) = self.people.write() {
            p.extend(more);
        }
        Ok(())
    }

    /// Adds a living person (tests register the people they verify).
    pub fn add_person(&self, id_number: &str, name: &str) {
        if let Ok(mut p) = self.people.write() {
            p.insert(
                id_number.to_ascii_uppercase(),
                (name.to_owned(), Status::Alive),
            );
        }
    }

    fn answer(&self, name: &PersonName, id: &ResidentId) -> ProviderAnswer {
        let Ok(people) = self.people.read() else {
            return ProviderAnswer::Unavailable;
        };
        match people.get(id.expose()) {
            Some((_, Status::Unavailable)) => ProviderAnswer::Unavailable,
            Some((n, status)) if n == name.expose() => match status {
                Status::Deceased => ProviderAnswer::Deceased,
                _ => ProviderAnswer::Match,
            },
            _ => ProviderAnswer::Mismatch,
        }
    }
}

impl IdentityProvider for Sandbox {
    fn name(&self) -> &str {
        "sandbox"
    }

    fn check<'a>(&'a self, name: &'a PersonName, id: &'a ResidentId) -> Answer<'a> {
        let answer = self.answer(name, id);
        Box::pin(async move { answer })
    }
}

/// Asks an identity service behind an HTTP relay: `POST <url>` with
/// `{"name": "…", "id_number": "…"}` (and `Authorization: Bearer <token>` when configured),
/// answered by `{"result": "match" | "mismatch" | "deceased" | "unavailable"}`. The relay
/// speaks to the real service (and holds its credentials); the platform never logs the body.
pub struct HttpProvider {
    url: Uri,
    token: Option<String>,
    client: Client<HttpConnector, Full<Bytes>>,
    timeout: Duration,
}

impl HttpProvider {
    /// A provider posting to `url` (http://, typically a relay on the same host or network).
    pub fn new(url: &str, token: Option<String>) -> Result<HttpProvider, String> {
        let url: Uri = url
            .parse()
            .map_err(|e| format!("identity provider url: {e}"))?;
        if url.scheme_str() != Some("http") {
            return Err("identity provider url: only http:// relays are supported".into());
        }
        Ok(HttpProvider {
            url,
            token,
            client: Client::builder(TokioExecutor::new()).build_http(),
            timeout: Duration::from_secs(10),
        })
    }

    async fn ask(&self, name: &PersonName, id: &ResidentId) -> Option<ProviderAnswer> {
        let body = serde_json::json!({ "name": name.expose(), "id_number": id.expose() });
        let mut req = Request::builder()
            .method(Method::POST)
            .uri(self.url.clone())
            .header(CONTENT_TYPE, "application/json");
        if let Some(t) = &self.token {
            req = req.header(AUTHORIZATION, format!("Bearer {t}"));
        }
        let req = req.body(Full::new(Bytes::from(body.to_string()))).ok()?;
        let res = tokio::time::timeout(self.timeout, self.client.request(req))
            .await
            .ok()?
            .ok()?;
        if !res.status().is_success() {
            return None;
        }
        let bytes = res.into_body().collect().await.ok()?.to_bytes();
        let v: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
        ProviderAnswer::parse(v.get("result")?.as_str()?)
    }
}

impl IdentityProvider for HttpProvider {
    fn name(&self) -> &str {
        "http"
    }

    fn check<'a>(&'a self, name: &'a PersonName, id: &'a ResidentId) -> Answer<'a> {
        Box::pin(async move {
            self.ask(name, id)
                .await
                .unwrap_or(ProviderAnswer::Unavailable)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use yiwang_domain::Timestamp;

    fn person(name: &str, id: &str) -> (PersonName, ResidentId) {
        (
            PersonName::parse(name).unwrap(),
            ResidentId::parse(id, Timestamp::now().beijing_date()).unwrap(),
        )
    }

    #[tokio::test]
    async fn the_sandbox_answers_like_the_real_service() {
        let s = Sandbox::parse(
            "# id\tname\tstatus\n511602199001010006\t王小明\talive\n11010519491231002X\t李老伯\tdeceased\n511602198501010016\t张三\tunavailable\n",
        )
        .unwrap();
        let (n, i) = person("王小明", "511602199001010006");
        assert_eq!(s.check(&n, &i).await, ProviderAnswer::Match);
        let (n, i) = person("王大明", "511602199001010006");
        assert_eq!(s.check(&n, &i).await, ProviderAnswer::Mismatch);
        let (n, i) = person("李老伯", "11010519491231002X");
        assert_eq!(s.check(&n, &i).await, ProviderAnswer::Deceased);
        let (n, i) = person("张三", "511602198501010016");
        assert_eq!(s.check(&n, &i).await, ProviderAnswer::Unavailable);
        let (n, i) = person("赵六", "110105194912310038");
        assert_eq!(s.check(&n, &i).await, ProviderAnswer::Mismatch);
        assert!(Sandbox::parse("511602199001010006\t王小明\tzombie").is_err());
    }

    #[tokio::test]
    async fn an_unreachable_relay_is_unavailable_not_a_decision() {
        let p = HttpProvider::new("http://127.0.0.1:9/check", None).unwrap();
        let (n, i) = person("王小明", "511602199001010006");
        assert_eq!(p.check(&n, &i).await, ProviderAnswer::Unavailable);
        assert!(HttpProvider::new("https://example.invalid/", None).is_err());
    }
}
