//! The test rig every crate's integration tests share: the assembled application in process on
//! a fresh database (SQLite, or PostgreSQL when TEST_DATABASE_URL is set), a job worker, and a
//! client that keeps cookies and the anti-forgery token like a browser does; and, in [`bench`],
//! the harness the in-process benches share.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    missing_docs,
    clippy::print_stdout,
    dead_code
)]

pub mod bench;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use yiwang_accounts::services::notifications::PushSetup;
use yiwang_jobs::push::Pusher;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use http::{HeaderMap, Method, Request, StatusCode};
use http_body_util::BodyExt;
use tokio::sync::Notify;
use tower::ServiceExt;
use yiwang_accounts::provider::{Provider, Sandbox};
use yiwang_domain::auth::{Grant, Role};
use yiwang_domain::identity::Mobile;
use yiwang_domain::ids::{AccountId, DepartmentId};
use yiwang_domain::paging::Page;
use yiwang_domain::region::RegionCode;
use yiwang_files::FileStore;
use yiwang_index::{Catalog, IndexLocation};
use yiwang_jobs::{Senders, Worker, WorkerConfig};
use yiwang_kit::{AppState, WebConfig};
use yiwang_store::Store;
use yiwang_store::staff::Holder;
use yiwang_store::testing::TestDb;

/// The demo password used by test accounts.
pub const PASSWORD: &str = "Guangan-test-2026";

/// Regions for tests: 四川 → 广安市 → 广安区 (and 前锋区) → streets; plus 北京东城 for ID checks.
pub fn regions() -> yiwang_store::regions::RegionSources<'static> {
    yiwang_store::regions::RegionSources {
        provinces: "code,name\n11,\"北京市\"\n51,\"四川省\"\n",
        cities: "code,name,provinceCode\n1101,\"市辖区\",11\n5116,\"广安市\",51\n",
        areas: "code,name,cityCode,provinceCode\n110105,\"朝阳区\",1101,11\n511602,\"广安区\",5116,51\n511603,\"前锋区\",5116,51\n",
        streets: "code,name,areaCode,provinceCode,cityCode\n511602001,\"浓洄街道\",511602,51,5116\n511602002,\"北辰街道\",511602,51,5116\n511603001,\"前锋街道\",511603,51,5116\n",
    }
}

/// An application on a fresh database with the test regions and two departments.
pub struct TestApp {
    pub app: Router,
    /// The application's state, for jobs that work with it.
    pub state: AppState,
    /// The metrics listener's app (`/metrics` only; `metrics_listen` in production).
    pub metrics: Router,
    pub store: Store,
    pub worker: Arc<Worker>,
    pub dept_a: DepartmentId,
    pub dept_b: DepartmentId,
    /// The catalogue (search index and snapshot) the app serves.
    pub catalog: Arc<Catalog>,
    /// The identity provider's sandbox register: tests add the people they verify.
    pub sandbox: Arc<Sandbox>,
    _db: TestDb,
}

impl TestApp {
    pub async fn new() -> TestApp {
        TestApp::with(|_| {}).await
    }

    pub async fn with(configure: impl FnOnce(&mut WebConfig)) -> TestApp {
        TestApp::build(configure, None).await
    }

    /// An application that keeps uploaded files in `files`.
    pub async fn with_files(files: FileStore) -> TestApp {
        TestApp::build(|_| {}, Some(files)).await
    }

    /// The same application with one more part installed (as the binary installs a
    /// deployment's settings, e.g. its map bounds).
    pub fn with_part<T: std::any::Any + Clone + Send + Sync>(mut self, part: T) -> TestApp {
        self.state = self.state.with(part);
        self.app = yiwang_web::app(self.state.clone());
        self
    }

    async fn build(configure: impl FnOnce(&mut WebConfig), files: Option<FileStore>) -> TestApp {
        let db = TestDb::new().await;
        let store = db.store.clone();
        store.import_regions(&regions()).await.unwrap();
        let mut tx = store.begin().await.unwrap();
        let a = yiwang_domain::department::DepartmentInput {
            name: "区民政局".into(),
            region: "511602".into(),
            phone: "0826-2222222".into(),
            ..Default::default()
        };
        let b = yiwang_domain::department::DepartmentInput {
            name: "区人社局".into(),
            region: "511602".into(),
            ..Default::default()
        };
        let a = store.check_department(&mut tx, &a, None).await.unwrap();
        let dept_a = store.create_department(&mut tx, &a).await.unwrap();
        let b = store.check_department(&mut tx, &b, None).await.unwrap();
        let dept_b = store.create_department(&mut tx, &b).await.unwrap();
        yiwang_store::commit(tx).await.unwrap();
        let mut config = WebConfig::example();
        configure(&mut config);
        let catalog = Catalog::open(
            store.clone(),
            config.root_region.clone(),
            IndexLocation::Memory,
        )
        .await
        .unwrap();
        let files =
            files.unwrap_or_else(|| FileStore::local(std::env::temp_dir().join("yiwang-files")));
        let sandbox = Arc::new(Sandbox::default());
        // Web Push as the binary sets it up, allowed to reach a push service on this machine.
        let vapid = store.vapid_key().await.unwrap();
        let push = PushSetup {
            public_key: vapid.public_key(),
            allow_local: true,
        };
        let mut senders = Senders::dev(store.clone());
        senders.push = Some(Arc::new(
            Pusher::new(vapid, "mailto:test@localhost".into(), true).unwrap(),
        ));
        let state = AppState::new(store.clone(), config.clone(), Arc::new(Notify::new()))
            .with(catalog.clone())
            .with(files)
            .with(Provider(sandbox.clone()))
            .with(push);
        let worker = Worker::new(store.clone(), WorkerConfig::default())
            .handle(
                yiwang_jobs::deliver::KIND,
                yiwang_jobs::deliver::Deliver {
                    senders,
                    site_name: config.site_name.clone(),
                    public_url: None,
                },
            )
            .handle(yiwang_jobs::cleanup::KIND, yiwang_jobs::cleanup::Cleanup);
        TestApp {
            metrics: yiwang_kit::ops::metrics_app(state.clone()),
            app: yiwang_web::app(state.clone()),
            state,
            store,
            worker: Arc::new(worker),
            dept_a,
            dept_b,
            catalog,
            sandbox,
            _db: db,
        }
    }

    /// Imports catalogue items from CSV text (the national columns) and brings the index up
    /// to date, as an admin's import would.
    pub async fn import_catalogue(
        &self,
        csv: &str,
    ) -> yiwang_store::catalog::import::CatalogImportReport {
        let items = yiwang_store::catalog::import::parse_csv(csv).unwrap();
        let report = self
            .store
            .import_catalogue(items, false, "test")
            .await
            .unwrap();
        self.catalog.sync().await.unwrap();
        report
    }

    /// The first `n` items of the real catalogue of 广安区, plus every item whose name is in
    /// `names`, as CSV (a small but real catalogue for tests).
    pub fn real_catalogue(n: usize, names: &[&str]) -> String {
        let text = include_str!("../../../seed/catalog/guang_an_service_items.csv");
        let mut lines = text.lines();
        let mut out = format!("{}\n", lines.next().unwrap());
        for (i, line) in lines.enumerate() {
            if i < n || names.iter().any(|name| line.contains(&format!(",{name},"))) {
                out.push_str(line);
                out.push('\n');
            }
        }
        out
    }

    /// A browser with no cookies.
    pub fn client(&self) -> Client {
        Client {
            app: self.app.clone(),
            cookies: HashMap::new(),
            csrf: None,
            bearer: None,
            ip: "198.51.100.1".parse().unwrap(),
        }
    }

    /// A client of the metrics listener (Prometheus, as it were).
    pub fn metrics_client(&self) -> Client {
        Client {
            app: self.metrics.clone(),
            ..self.client()
        }
    }

    /// Runs background jobs until none are due.
    pub async fn drain(&self) {
        for _ in 0..50 {
            if self.worker.run_once().await.unwrap() == 0 {
                return;
            }
        }
        panic!("jobs kept coming");
    }

    /// Forgets every rate-limit counter, as if the waiting time had passed.
    pub async fn forget_rate_limits(&self) {
        sqlx::query("DELETE FROM rate_counters")
            .execute(self.store.db.writer())
            .await
            .unwrap();
    }

    /// The newest SMS code recorded for a number.
    pub async fn last_code(&self, phone: &str) -> String {
        self.drain().await;
        let msgs = self
            .store
            .dev_messages(Some(phone), Page::new(Some(1), Some(10), 10).unwrap())
            .await
            .unwrap();
        let body = &msgs
            .first()
            .unwrap_or_else(|| panic!("no SMS to {phone}"))
            .body;
        six_digits(body).unwrap_or_else(|| panic!("no code in {body}"))
    }

    /// Registers a citizen through the pages and returns a logged-in client.
    pub async fn citizen(&self, phone: &str) -> Client {
        let mut c = self.client();
        c.get("/account/register").await.ok();
        c.post_form("/account/register", &[("phone", phone)])
            .await
            .ok();
        let code = self.last_code(phone).await;
        let r = c
            .post_form(
                "/account/register/complete",
                &[
                    ("phone", phone),
                    ("code", &code),
                    ("password", PASSWORD),
                    ("confirm", PASSWORD),
                ],
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::SEE_OTHER,
            "registration failed: {}",
            r.body
        );
        c.get("/account").await.ok();
        c
    }

    /// A citizen whose identity the provider verified (the sandbox knows them).
    pub async fn verified_citizen(&self, phone: &str, name: &str, id_number: &str) -> Client {
        let mut c = self.citizen(phone).await;
        self.sandbox.add_person(id_number, name);
        let r = c
            .post_form(
                "/account/verify",
                &[
                    ("name", name),
                    ("id_number", id_number),
                    ("method", "provider"),
                ],
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::SEE_OTHER,
            "verification failed: {}",
            r.body
        );
        c
    }

    /// Creates a staff account directly in the store, with an enrolled authenticator, and
    /// logs it in through the console. Returns the client and the account.
    pub async fn staff(
        &self,
        username: &str,
        role: Role,
        department: Option<DepartmentId>,
        region: &str,
    ) -> (Client, AccountId) {
        let id = self.create_staff(username, role, department, region).await;
        let mut c = self.client();
        c.get("/console/login").await.ok();
        let code = self.totp(username).await;
        let r = c
            .post_form(
                "/console/login",
                &[
                    ("username", username),
                    ("password", PASSWORD),
                    ("code", &code),
                ],
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::SEE_OTHER,
            "staff login failed: {}",
            r.body
        );
        c.get("/console").await.ok();
        (c, id)
    }

    pub async fn create_staff(
        &self,
        username: &str,
        role: Role,
        department: Option<DepartmentId>,
        region: &str,
    ) -> AccountId {
        let s = &self.store;
        let hash = yiwang_crypto::password::hash(PASSWORD).unwrap();
        let mut tx = s.begin().await.unwrap();
        let id = s
            .create_staff(&mut tx, username, &format!("{username}名"), &hash, None)
            .await
            .unwrap();
        let grant = Grant {
            role,
            department,
            region: RegionCode::parse(region).unwrap(),
        };
        s.add_grant(&mut tx, Holder::Account(id), &grant, None)
            .await
            .unwrap();
        s.enrol_totp(&mut tx, id, &yiwang_crypto::totp::new_secret().unwrap())
            .await
            .unwrap();
        yiwang_store::commit(tx).await.unwrap();
        id
    }

    /// A fresh authenticator code for a staff account (for the next time step, so it is not
    /// refused as a replay of one already used).
    pub async fn totp(&self, username: &str) -> String {
        let login = self.store.staff_login(username).await.unwrap().unwrap();
        let secret = login.totp_secret.unwrap();
        let now = yiwang_domain::Timestamp::now().secs() as u64;
        // The next step: accepted within the one-step skew, and never used before.
        yiwang_crypto::totp::code_at(&secret, now + 30).unwrap()
    }

    pub async fn citizen_id(&self, phone: &str) -> AccountId {
        self.store
            .find_citizen_by_phone(&Mobile::parse(phone).unwrap())
            .await
            .unwrap()
            .unwrap()
    }
}

/// A response, with the body read.
#[derive(Debug)]
pub struct Resp {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Resp {
    pub fn ok(self) -> Resp {
        assert!(
            self.status.is_success() || self.status.is_redirection(),
            "unexpected {}: {}",
            self.status,
            &self.body[..self.body.len().min(2000)]
        );
        self
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn location(&self) -> &str {
        self.headers
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    pub fn error_code(&self) -> String {
        self.json()["error"]["code"]
            .as_str()
            .unwrap_or("")
            .to_owned()
    }
}

/// A client that behaves like a browser (cookies, form tokens) or an app (bearer token).
#[derive(Clone)]
pub struct Client {
    app: Router,
    pub cookies: HashMap<String, String>,
    pub csrf: Option<String>,
    pub bearer: Option<String>,
    pub ip: std::net::IpAddr,
}

impl Client {
    /// Opens a response that keeps streaming (Server-Sent Events): the status and the body,
    /// to read frame by frame.
    pub async fn open_stream(&mut self, path: &str) -> (StatusCode, HeaderMap, axum::body::Body) {
        let mut req = Request::builder()
            .method(Method::GET)
            .uri(path)
            .header("host", "localhost")
            .header("accept", "text/event-stream");
        if !self.cookies.is_empty() {
            let cookie = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ");
            req = req.header("cookie", cookie);
        }
        if let Some(b) = &self.bearer {
            req = req.header("authorization", format!("Bearer {b}"));
        }
        let mut req = req.body(Body::empty()).unwrap();
        req.extensions_mut()
            .insert(ConnectInfo(SocketAddr::new(self.ip, 40000)));
        let res = self.app.clone().oneshot(req).await.unwrap();
        let (parts, body) = res.into_parts();
        (parts.status, parts.headers, body)
    }

    pub async fn request(
        &mut self,
        method: Method,
        path: &str,
        content_type: Option<&str>,
        body: Vec<u8>,
        extra: &[(&str, &str)],
    ) -> Resp {
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            .header("host", "localhost");
        if !self.cookies.is_empty() {
            let cookie = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ");
            req = req.header("cookie", cookie);
        }
        if let Some(ct) = content_type {
            req = req.header("content-type", ct);
        }
        if let Some(b) = &self.bearer {
            req = req.header("authorization", format!("Bearer {b}"));
        }
        for (k, v) in extra {
            req = req.header(*k, *v);
        }
        let mut req = req.body(Body::from(body)).unwrap();
        req.extensions_mut()
            .insert(ConnectInfo(SocketAddr::new(self.ip, 40000)));
        let res = self.app.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        for v in headers.get_all("set-cookie") {
            let s = v.to_str().unwrap();
            let (pair, attrs) = s.split_once(';').unwrap_or((s, ""));
            let (k, val) = pair.split_once('=').unwrap();
            if attrs.contains("Max-Age=0") {
                self.cookies.remove(k);
            } else {
                self.cookies.insert(k.to_owned(), val.to_owned());
            }
        }
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        let body = String::from_utf8_lossy(&bytes).into_owned();
        if let Some(i) = body.find("name=\"_csrf\" value=\"") {
            let rest = &body[i + 20..];
            self.csrf = rest.split('"').next().map(str::to_owned);
        }
        Resp {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&mut self, path: &str) -> Resp {
        self.request(Method::GET, path, None, Vec::new(), &[]).await
    }

    /// Posts a form with the anti-forgery token a page gave (fetching `/` first if none yet).
    pub async fn post_form(&mut self, path: &str, fields: &[(&str, &str)]) -> Resp {
        if self.csrf.is_none() {
            self.get("/").await;
        }
        let mut body = format!("_csrf={}", self.csrf.clone().unwrap_or_default());
        for (k, v) in fields {
            body.push_str(&format!("&{}={}", k, urlencode(v)));
        }
        self.request(
            Method::POST,
            path,
            Some("application/x-www-form-urlencoded"),
            body.into_bytes(),
            &[],
        )
        .await
    }

    /// Sends JSON. Browser sessions add the token header; bearer clients need none.
    pub async fn json(&mut self, method: Method, path: &str, body: serde_json::Value) -> Resp {
        let token = if self.bearer.is_none() {
            self.csrf.clone()
        } else {
            None
        };
        let headers: Vec<(&str, String)> = token.map(|t| ("x-csrf-token", t)).into_iter().collect();
        let extra: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.request(
            method,
            path,
            Some("application/json"),
            body.to_string().into_bytes(),
            &extra,
        )
        .await
    }
}

pub fn urlencode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The first run of exactly six digits in a text (the code in an SMS).
pub fn six_digits(text: &str) -> Option<String> {
    text.split(|c: char| !c.is_ascii_digit())
        .find(|run| run.len() == 6)
        .map(str::to_owned)
}

/// The value of the first input named `name` on a page (a hidden or a text input).
pub fn input_value(page: &str, name: &str) -> String {
    let at = page
        .find(&format!("name=\"{name}\" value=\""))
        .unwrap_or_else(|| panic!("no input {name} in {page}"));
    let rest = &page[at + name.len() + 15..];
    rest[..rest.find('"').unwrap()].to_owned()
}

/// The items of a page's error summary as (link, message); none when it has no summary.
pub fn error_summary_items(page: &str) -> Vec<(String, String)> {
    let Some(at) = page.find("class=\"error-summary\"") else {
        return Vec::new();
    };
    let block = &page[at..at + page[at..].find("</div>").unwrap()];
    block
        .split("<li><a href=\"")
        .skip(1)
        .map(|li| {
            let (href, rest) = li.split_once("\">").unwrap();
            let message = rest.split("</a>").next().unwrap();
            (href.to_owned(), message.to_owned())
        })
        .collect()
}

/// Builds a valid resident ID number from 17 digits.
pub fn id_number(first17: &str) -> String {
    let c = yiwang_domain::identity::id_number::check_char(first17.as_bytes()) as char;
    format!("{first17}{c}")
}

/// Online applications: forms, the holiday calendar, uploads.
impl TestApp {
    /// Publishes `bundle` as the item's current online form (a draft saved and published in
    /// one transaction, as the console's editor does) and returns its version.
    pub async fn publish_form(
        &self,
        item: yiwang_domain::ids::ItemId,
        bundle: &yiwang_domain::application::ItemForm,
    ) -> i64 {
        if let Err(e) = bundle.check() {
            panic!("the test form is invalid: {e:?}");
        }
        let mut tx = self.store.begin().await.unwrap();
        if let Some(spec) = &bundle.certificate {
            // The item's department is a registered issuer of the type its form issues.
            let department = self.store.item(item).await.unwrap().row.department;
            self.store
                .register_certificate_type(&mut tx, &spec.cert_type, &spec.name.zh)
                .await
                .unwrap();
            self.store
                .authorise_issuer(&mut tx, &spec.cert_type, department)
                .await
                .unwrap();
        }
        self.store
            .save_form_draft(&mut tx, item, bundle, "test")
            .await
            .unwrap();
        let version = self.store.publish_form(&mut tx, item).await.unwrap();
        yiwang_store::commit(tx).await.unwrap();
        // As the console does: the guide and assisted-handling pages see the form at once.
        self.catalog.sync().await.unwrap();
        version
    }

    /// Loads the shipped official holiday calendar (the binary does it at start).
    pub async fn load_calendar(&self) {
        let days = yiwang_domain::deadline::parse_calendar_csv(include_str!(
            "../../../seed/calendar/cn_public_holidays.csv"
        ))
        .unwrap();
        let mut tx = self.store.begin().await.unwrap();
        self.store
            .load_calendar(&mut tx, &days, "test")
            .await
            .unwrap();
        yiwang_store::commit(tx).await.unwrap();
    }

    /// The catalogue item with this name (imported before).
    pub fn item_named(&self, name: &str) -> std::sync::Arc<yiwang_store::catalog::ItemRow> {
        self.catalog
            .snapshot()
            .all()
            .iter()
            .find(|r| r.name == name && !r.is_group)
            .cloned()
            .unwrap_or_else(|| panic!("no item {name}"))
    }
}

/// Uploads one file through `POST /api/v1/uploads` as `multipart/form-data` part `file`.
pub async fn upload_file(c: &mut Client, file_name: &str, bytes: &[u8]) -> Resp {
    let boundary = "yiwang-test-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
         Content-Type: application/pdf\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let content_type = format!("multipart/form-data; boundary={boundary}");
    let token: Vec<(&str, String)> = match (&c.bearer, &c.csrf) {
        (None, Some(t)) => vec![("x-csrf-token", t.clone())],
        _ => Vec::new(),
    };
    let token: Vec<(&str, &str)> = token.iter().map(|(k, v)| (*k, v.as_str())).collect();
    c.request(
        Method::POST,
        "/api/v1/uploads",
        Some(&content_type),
        body,
        &token,
    )
    .await
}

/// A small but real PDF file.
pub const SMALL_PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// Posts `multipart/form-data` text fields to a page that takes uploads, with the page's
/// anti-forgery token in the query (as the section pages' forms do).
pub async fn post_multipart(c: &mut Client, path: &str, fields: &[(&str, &str)]) -> Resp {
    let boundary = "yiwang-test-multipart";
    let mut body = String::new();
    for (k, v) in fields {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
        ));
    }
    body.push_str(&format!("--{boundary}--\r\n"));
    let csrf = c.csrf.clone().unwrap_or_default();
    let sep = if path.contains('?') { '&' } else { '?' };
    c.request(
        Method::POST,
        &format!("{path}{sep}_csrf={csrf}"),
        Some(&format!("multipart/form-data; boundary={boundary}")),
        body.into_bytes(),
        &[],
    )
    .await
}
