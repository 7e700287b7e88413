//! Authorisation. Every route is declared once with its access rule; a walk sends every route
//! to every kind of caller — anonymous, the citizen who owns the data, another citizen, each
//! staff role, a staff member half-way through login, a system client, the owner's app — and
//! checks each answer against the rule, then that nothing of the owner's personal data reached
//! anyone else. Focused tests show handlers narrowing staff permissions to their scope.

use std::collections::HashSet;

use http::{Method, StatusCode};
use serde_json::{Value, json};
use yiwang_domain::account::AccountKind;
use yiwang_domain::auth::{Grant, Permission, Role};
use yiwang_domain::catalog::ItemInput;
use yiwang_domain::ids::AccountId;
use yiwang_domain::notification::Notice;
use yiwang_domain::paging::Page;
use yiwang_domain::region::RegionCode;
use yiwang_kit::auth::Access;
use yiwang_kit::table::RouteSpec;
use yiwang_store::clients::TokenOwner;
use yiwang_store::jobs::NewJob;
use yiwang_store::notify::Recipient;
use yiwang_store::sessions::Stage;
use yiwang_store::staff::Holder;
use yiwang_web::specs;

use crate::support::{Client, PASSWORD, Resp, TestApp, id_number, urlencode};

const A_PHONE: &str = "13811112222";
const A_NAME: &str = "张秀英";
const A_ENTERPRISE: &str = "广安市浓洄家政服务有限公司";
const A_MESSAGE: &str = "您申请的临时救助金1800元已审批通过，将于三个工作日内发放。";
const B_PHONE: &str = "13933334444";
const B_NAME: &str = "李建国";
const C_PHONE: &str = "13755556666";
/// What the error page says to someone logged in but not allowed (not a CSRF refusal).
const FORBIDDEN_TEXT: &str = "您没有权限做这件事";
/// Routes on which staff who may look up citizens are shown a citizen's details, audited: on
/// the console only by a post carrying the reason (a GET of the page shows nothing), through
/// the API by a GET with the reason in the query.
const CITIZEN_READS: [(Method, &str); 2] = [
    (Method::POST, "/console/citizens/{id}"),
    (Method::GET, "/api/v1/admin/citizens/{id}"),
];
/// The console's case page: staff who handle the case's department (every case handler of the
/// walk is dept_a's) see the applicant's name and answers there, audited like a look-up.
const CASE_READ: &str = "/console/cases/{id}";
/// The catalogue item of A's department (区民政局) the walk reads and edits.
const ITEM: &str = "中国内地公民婚姻登记";
/// The alias list the walk writes (the same each time).
const ALIASES: &str = "网吧 = 互联网上网服务营业场所\n";

/// What kind of caller an actor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Anonymous,
    Citizen,
    Staff(Role),
    Enrolling, // password accepted, authenticator not yet linked
    System,    // a system client's bearer token (observer role)
}

/// What a route's access rule promises a caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Allowed,
    LogIn,     // 401 (API) or a redirect to the login page
    Forbidden, // 403
}

/// The access rules of `routes.rs`, restated from the product's point of view.
fn expected(access: Access, kind: Kind) -> Expect {
    use Expect::*;
    match (access, kind) {
        (Access::Public, _) | (Access::StaffEnrolment, Kind::Enrolling) => Allowed,
        (Access::StaffEnrolment, _) | (_, Kind::Anonymous | Kind::Enrolling) => LogIn,
        (Access::Citizen, Kind::Citizen) | (Access::Account, Kind::Citizen | Kind::Staff(_)) => {
            Allowed
        }
        (Access::Staff(p), Kind::Staff(role)) if p.granted_to(role) => Allowed,
        (Access::Staff(p), Kind::System) if p.granted_to(Role::Observer) => Allowed,
        _ => Forbidden,
    }
}

/// How to give an actor a second, disposable login.
#[derive(Debug, Clone, Copy)]
enum Login {
    None,
    Session(AccountId, AccountKind, Stage),
    Token(TokenOwner),
}

struct Actor {
    name: &'static str,
    kind: Kind,
    client: Client,
    login: Login,
    account: Option<AccountId>,
    /// Verified name and ID number, for the forms that ask for them.
    identity: Option<(&'static str, String)>,
    /// Citizen A, whose data must reach nobody else.
    owner: bool,
}

fn actor(name: &'static str, kind: Kind, client: Client, login: Login) -> Actor {
    let account = match login {
        Login::Session(a, ..) | Login::Token(TokenOwner::Account(a)) => Some(a),
        _ => None,
    };
    Actor {
        name,
        kind,
        client,
        login,
        account,
        identity: None,
        owner: false,
    }
}

/// The fixtures the walk fills paths from, and the actors.
struct World {
    t: TestApp,
    a: AccountId,
    c: AccountId,
    a_id_number: String,
    enterprise: String,
    message: String,
    /// A window clerk of dept_a, for the staff-management routes.
    target: AccountId,
    target_grant: String,
    /// A consent to assisted handling that nobody holds (each staff member sees only their
    /// own, so every caller allowed in gets "not found").
    consent: String,
    /// An open conflict over A's ID number, claimed by C.
    conflict: String,
    /// A's inquiry, routed to dept_b (so that dept_a's staff do not handle it).
    inquiry: String,
    /// A draft article of the district (its editors and reviewers may open it).
    doc: String,
    /// An alert for the district, in force.
    alert: String,
    /// A's request for government information, to dept_b.
    disclosure: String,
    /// A's phone, taking Web Push.
    device: String,
    /// The signature of C's link that stops news by push.
    unsubscribe_mac: String,
    job: String,
    /// A catalogue item of dept_a (which the department admin may edit), and the catalogue
    /// file it came from (imported again, unchanged, by the import routes).
    item: String,
    catalogue: String,
    /// A's online application to `item` and what hangs off it.
    apps: Applications,
    /// A place of dept_a taking appointments, and A's booking there (SVC-2).
    bookings: Bookings,
    /// A's vaccination record, pushed by the walk's system client as a records source.
    record: String,
    actors: Vec<Actor>,
}

fn region(code: &str) -> RegionCode {
    RegionCode::parse(code).unwrap()
}

/// A valid unified social credit code, different for each `n`.
fn credit_code(n: usize) -> String {
    let first17 = format!("91511602MA6{n:06}");
    let c = yiwang_domain::identity::credit_code::check_char(&first17).unwrap();
    format!("{first17}{c}")
}

/// The fields of a new item of `department`, unique by `n`.
fn new_item(n: usize, department: &str) -> Vec<(&'static str, Value)> {
    vec![
        ("name", json!(format!("测试事项{n}"))),
        ("item_type", json!("20")),
        ("department", json!(department)),
        ("region", json!("511602")),
    ]
}

/// A system client holding the observer role across the deployment; returns its token.
async fn observer_token(t: &TestApp, created_by: AccountId) -> String {
    let s = &t.store;
    let mut tx = s.begin().await.unwrap();
    let id = s
        .create_client(&mut tx, "市数据共享交换平台", created_by)
        .await
        .unwrap();
    let grant = Grant {
        role: Role::Observer,
        department: None,
        region: region("5116"),
    };
    s.add_grant(&mut tx, Holder::Client(id), &grant, Some(created_by))
        .await
        .unwrap();
    let (_, token) = s
        .issue_token(&mut tx, TokenOwner::Client(id), "t", None)
        .await
        .unwrap();
    yiwang_store::commit(tx).await.unwrap();
    token
}

/// A citizen's app token, from the API like an app gets it.
async fn app_token(t: &TestApp, phone: &str) -> Client {
    let mut app = t.client();
    app.get("/").await;
    let r = app
        .json(
            Method::POST,
            "/api/v1/auth/tokens",
            json!({ "phone": phone, "password": PASSWORD }),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    app.bearer = Some(r.json()["token"].as_str().unwrap().to_owned());
    app
}

/// Citizen A with an enterprise (C its agent) and a personal message; B and C, verified;
/// one staff member per role; a staff member still enrolling; a system client; A's app.
async fn world() -> World {
    let t = TestApp::new().await;
    let a_id_number = id_number("51160219800101002");
    let mut a = t.verified_citizen(A_PHONE, A_NAME, &a_id_number).await;
    let b_id_number = id_number("51160319750505003");
    let b = t.verified_citizen(B_PHONE, B_NAME, &b_id_number).await;
    let mut c = t
        .verified_citizen(C_PHONE, "王芳", &id_number("51160219900909004"))
        .await;
    let (a_id, b_id, c_id) = (
        t.citizen_id(A_PHONE).await,
        t.citizen_id(B_PHONE).await,
        t.citizen_id(C_PHONE).await,
    );
    let r = a
        .post_form(
            "/account/enterprises",
            &[
                ("name", A_ENTERPRISE),
                ("credit_code", &credit_code(0)),
                ("legal_representative", A_NAME),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let enterprise = r.location().rsplit('/').next().unwrap().to_owned();
    let r = a
        .post_form(
            &format!("/account/enterprises/{enterprise}/agents"),
            &[("phone", C_PHONE)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = c
        .post_form(&format!("/account/enterprises/{enterprise}/accept"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "C accepts: {}", r.body);

    let s = &t.store;
    let mut tx = s.begin().await.unwrap();
    let notice = Notice::Text {
        title: "临时救助审批结果".into(),
        body: A_MESSAGE.into(),
    };
    let message = s
        .notify(&mut tx, &Recipient::Account(a_id), &notice)
        .await
        .unwrap()
        .to_string();
    yiwang_store::commit(tx).await.unwrap();
    t.drain().await;
    let (inbox, _) = s
        .inbox(a_id, Page::new(None, None, 50).unwrap())
        .await
        .unwrap();
    assert!(
        inbox.iter().any(|m| m.id.to_string() == message),
        "the message reached A's inbox"
    );

    let dept_a = Some(t.dept_a);
    let (clerk, clerk_id) = t.staff("clerk", Role::WindowClerk, dept_a, "511602").await;
    let (reviewer, reviewer_id) = t.staff("reviewer", Role::Reviewer, dept_a, "511602").await;
    let (dept_admin, dept_admin_id) = t
        .staff("deptadmin", Role::DeptAdmin, dept_a, "511602")
        .await;
    let (supervisor, supervisor_id) = t
        .staff("supervisor", Role::Supervisor, None, "511602")
        .await;
    let (admin, admin_id) = t.staff("admin", Role::PlatformAdmin, None, "5116").await;

    // A new staff member who gave the right password but has no authenticator yet.
    let hash = yiwang_crypto::password::hash(PASSWORD).unwrap();
    let mut tx = s.begin().await.unwrap();
    let newcomer = s
        .create_staff(&mut tx, "newcomer", "新来的同事", &hash, None)
        .await
        .unwrap();
    let clerk_grant = Grant {
        role: Role::WindowClerk,
        department: dept_a,
        region: region("511602"),
    };
    s.add_grant(&mut tx, Holder::Account(newcomer), &clerk_grant, None)
        .await
        .unwrap();
    yiwang_store::commit(tx).await.unwrap();
    let mut enrolling = t.client();
    enrolling.get("/console/login").await;
    let r = enrolling
        .post_form(
            "/console/login",
            &[("username", "newcomer"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(
        (r.status, r.location()),
        (StatusCode::SEE_OTHER, "/console/enrol")
    );
    enrolling.get("/console/enrol").await.ok();

    // Someone for the admins to manage, with a second grant to revoke.
    let target = t
        .create_staff("target", Role::WindowClerk, dept_a, "511602")
        .await;
    let mut tx = s.begin().await.unwrap();
    let second = Grant {
        role: Role::Reviewer,
        ..clerk_grant
    };
    let target_grant = s
        .add_grant(&mut tx, Holder::Account(target), &second, Some(admin_id))
        .await
        .unwrap()
        .to_string();
    // A background job, made a dead letter before each retry.
    let job = s
        .enqueue(&mut tx, NewJob::now("authz_probe", json!({})))
        .await
        .unwrap()
        .unwrap()
        .to_string();
    yiwang_store::commit(tx).await.unwrap();

    // A few real catalogue items, one of them dept_a's.
    let catalogue = TestApp::real_catalogue(5, &[ITEM]);
    t.import_catalogue(&catalogue).await;
    let item = t
        .catalog
        .snapshot()
        .all()
        .iter()
        .find(|r| r.name == ITEM)
        .map(|r| {
            assert_eq!(r.department, t.dept_a, "{ITEM} is dept_a's");
            r.id.to_string()
        })
        .unwrap();

    let mut system = t.client();
    system.bearer = Some(observer_token(&t, admin_id).await);
    let record = a_record(&t, &mut system, &a_id_number).await;
    let mut anonymous = t.client();
    anonymous.get("/").await;
    let mut a_app = app_token(&t, A_PHONE).await;
    let apps = applications(&t, &item, &mut a_app, &mut dept_admin.clone()).await;

    use AccountKind::{Citizen, Staff};
    use Stage::{Full, TotpEnrolment};
    let staff = |name, role, client, id| {
        actor(
            name,
            Kind::Staff(role),
            client,
            Login::Session(id, Staff, Full),
        )
    };
    let mut actors = vec![
        actor("anonymous", Kind::Anonymous, anonymous, Login::None),
        Actor {
            identity: Some((A_NAME, a_id_number.clone())),
            owner: true,
            ..actor(
                "citizen A",
                Kind::Citizen,
                a,
                Login::Session(a_id, Citizen, Full),
            )
        },
        Actor {
            identity: Some((B_NAME, b_id_number)),
            ..actor(
                "citizen B",
                Kind::Citizen,
                b,
                Login::Session(b_id, Citizen, Full),
            )
        },
        staff("window clerk", Role::WindowClerk, clerk, clerk_id),
        staff("reviewer", Role::Reviewer, reviewer, reviewer_id),
        staff("dept admin", Role::DeptAdmin, dept_admin, dept_admin_id),
        staff("supervisor", Role::Supervisor, supervisor, supervisor_id),
        staff("platform admin", Role::PlatformAdmin, admin, admin_id),
        actor(
            "enrolling staff",
            Kind::Enrolling,
            enrolling,
            Login::Session(newcomer, Staff, TotpEnrolment),
        ),
        actor("system client", Kind::System, system, Login::None),
        Actor {
            identity: Some((A_NAME, a_id_number.clone())),
            owner: true,
            ..actor(
                "A's app",
                Kind::Citizen,
                a_app,
                Login::Token(TokenOwner::Account(a_id)),
            )
        },
    ];
    let conflict = {
        use yiwang_domain::identity::Assurance;
        let mut tx = t.store.begin().await.unwrap();
        t.store
            .open_identity_conflict(
                &mut tx,
                (c_id, Assurance::SelfDeclared),
                (a_id, Assurance::Provider),
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let (open, _) = t
            .store
            .open_identity_conflicts(yiwang_domain::paging::Page::new(None, None, 10).unwrap())
            .await
            .unwrap();
        open[0].id.clone()
    };
    let inquiry = {
        use yiwang_domain::inquiry::{Channel, InquiryState, Kind};
        let mut tx = t.store.begin().await.unwrap();
        let (row, _) = t
            .store
            .submit_inquiry(
                &mut tx,
                &yiwang_store::inquiries::NewInquiry {
                    kind: Kind::Complaint,
                    category: "street_lights",
                    channel: Channel::Web,
                    title: "路灯不亮",
                    body: "幸福路的路灯不亮了。",
                    region_code: "511602001",
                    address: "",
                    location: None,
                    wants_public: false,
                    anonymous: false,
                    account_id: Some(a_id),
                    contact: None,
                    query_hash: None,
                    client_id: None,
                    recorded_by: None,
                    state: InquiryState::Assigned,
                    department_id: Some(t.dept_b),
                    ack_due: None,
                    reply_due: None,
                    idempotency_key: None,
                    request_hash: "authz",
                },
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        row.id.to_string()
    };
    let doc = {
        let input = yiwang_domain::publishing::DocInput {
            title: "区政务服务中心周六照常办公".into(),
            body: "本周六上午照常办公。".into(),
            ..Default::default()
        };
        let doc = input
            .check(yiwang_domain::publishing::DocKind::Article)
            .unwrap();
        let mut tx = t.store.begin().await.unwrap();
        let id = t
            .store
            .create_doc(
                &mut tx,
                &yiwang_store::publishing::NewDoc {
                    kind: yiwang_domain::publishing::DocKind::Article,
                    column: "notices",
                    region_code: "511602",
                    department_id: None,
                    doc: &doc,
                    body_html: "<p>本周六上午照常办公。</p>",
                    by: a_id,
                },
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        id.to_string()
    };
    let alert = {
        let input = yiwang_domain::alert::AlertInput {
            region: "511602".into(),
            severity: "blue".into(),
            kind: "alert".into(),
            title: "大风蓝色预警".into(),
            text: "今天下午有6级大风。".into(),
            instructions: String::new(),
            until: Some(yiwang_domain::Timestamp(
                yiwang_domain::Timestamp::now().millis() + 3_600_000,
            )),
            follows: String::new(),
        };
        let a = input.check(yiwang_domain::Timestamp::now()).unwrap();
        let mut tx = t.store.begin().await.unwrap();
        let id = t
            .store
            .insert_alert(&mut tx, &a, yiwang_domain::alert::AlertState::Active, a_id)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        id.to_string()
    };
    let disclosure = {
        let req = yiwang_domain::disclosure::RequestInput {
            department: t.dept_b.to_string(),
            description: "请公开本区2025年度部门预算".into(),
            form: String::new(),
        }
        .check()
        .unwrap();
        let today = yiwang_domain::Timestamp::now().beijing_date();
        let mut tx = t.store.begin().await.unwrap();
        let id = t
            .store
            .insert_disclosure(&mut tx, a_id, &req, today, None)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        id.to_string()
    };
    let device = t
        .store
        .add_push_device(
            a_id,
            "https://fcm.googleapis.com/fcm/send/authz-walk",
            &yiwang_crypto::webpush::VapidKey::generate()
                .unwrap()
                .public_key(),
            "AAECAwQFBgcICQoLDA0ODw",
            "Chrome · Android",
        )
        .await
        .unwrap()
        .to_string();
    let unsubscribe_mac = t.store.unsubscribe_mac(
        c_id,
        yiwang_domain::notification::prefs::Topic::News,
        yiwang_domain::notification::Channel::Push,
    );
    // Each actor from its own address, so rate limits on addresses stay out of the way.
    for (i, actor) in actors.iter_mut().enumerate() {
        actor.client.ip = format!("198.51.100.{}", 10 + i).parse().unwrap();
    }
    let bookings = bookings_fixture(&t.store, a_id).await;
    World {
        t,
        a: a_id,
        c: c_id,
        a_id_number,
        enterprise,
        message,
        target,
        target_grant,
        consent: yiwang_domain::ids::ConsentId::generate().to_string(),
        conflict,
        inquiry,
        doc,
        alert,
        disclosure,
        device,
        unsubscribe_mac,
        job,
        item,
        catalogue,
        apps,
        bookings,
        record,
        actors,
    }
}

/// The walk's system client registered as a records source of dept_b, and a vaccination
/// record of A it pushed (SVC-3).
async fn a_record(t: &TestApp, system: &mut Client, a_id_number: &str) -> String {
    let token = system.bearer.clone().unwrap();
    let now = yiwang_domain::Timestamp::now();
    let Some((_, TokenOwner::Client(client))) = t.store.resolve_token(&token, now).await.unwrap()
    else {
        panic!("the system client's token");
    };
    let mut tx = t.store.begin().await.unwrap();
    t.store
        .save_record_source(&mut tx, client, t.dept_b, &["vaccination".to_owned()])
        .await
        .unwrap();
    yiwang_store::commit(tx).await.unwrap();
    let r = system
        .json(
            Method::POST,
            "/api/v1/records",
            json!({"source_record_id": "WALK-1", "type": "vaccination", "id_number": a_id_number,
                "name": A_NAME, "date": "2026-03-01", "data": {"vaccine": "流感疫苗", "status": "completed"}}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    r.json()["id"].as_str().unwrap().to_owned()
}

/// The section of the walk's online form.
const FORM_SECTION: &str = "main";

/// An online form with nothing required, one review step and a certificate.
fn walk_form() -> yiwang_domain::application::ItemForm {
    serde_json::from_value(json!({
        "form": { "sections": [{
            "key": FORM_SECTION,
            "title": { "zh": "申请信息" },
            "fields": [
                { "key": "note", "label": { "zh": "备注" },
                  "kind": { "type": "text", "max_len": 200, "multiline": true } },
                { "key": "proof", "label": { "zh": "证明材料" },
                  "kind": { "type": "file", "accept": ["pdf"], "max_bytes": 1_048_576, "max_files": 1 } }
            ]
        }] },
        "workflow": { "steps": [{ "name": { "zh": "审批" }, "role": "dept_admin" }] },
        "certificate": { "type": "marriage_certificate", "name": { "zh": "结婚证" },
                         "fields": ["note"], "valid_years": null }
    }))
    .unwrap()
}

/// A's application fixtures: the form's version, a submitted case with its receipt number and
/// verification code, an upload attached to it, and a certificate (from a second case the
/// department admin approved) with a share link.
struct Applications {
    form_version: i64,
    case: String,
    receipt: String,
    code: String,
    upload: String,
    certificate: String,
    share_token: String,
    /// A second link of the certificate, for the walk to revoke.
    share: String,
}

async fn applications(
    t: &TestApp,
    item: &str,
    a_app: &mut Client,
    dept_admin: &mut Client,
) -> Applications {
    let form_version = t.publish_form(item.parse().unwrap(), &walk_form()).await;
    let upload = crate::support::upload_file(a_app, "证明.pdf", crate::support::SMALL_PDF).await;
    assert_eq!(upload.status, StatusCode::CREATED, "{}", upload.body);
    let upload = upload.json()["id"].as_str().unwrap().to_owned();
    let submit = |answers: Value| {
        let mut c = a_app.clone();
        async move {
            let r = c
                .json(
                    Method::POST,
                    &format!("/api/v1/items/{item}/applications"),
                    json!({ "form_version": form_version, "answers": answers }),
                )
                .await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
            r.json()
        }
    };
    let case = submit(json!({ "note": "第一次申请", "proof": [upload] })).await;
    let approved = submit(json!({ "note": "第二次申请" })).await;
    let approved_id = approved["id"].as_str().unwrap();
    for step in [
        json!({ "action": "accept" }),
        json!({ "action": "approve" }),
    ] {
        let detail = a_app.get(&format!("/api/v1/me/cases/{approved_id}")).await;
        let revision = detail.json()["case"]["revision"].clone();
        let r = dept_admin
            .json(
                Method::POST,
                &format!("/api/v1/cases/{approved_id}/actions"),
                json!({ "revision": revision, "step": step }),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{step}: {}", r.body);
    }
    let wallet = a_app.get("/api/v1/me/certificates").await.ok().json();
    let certificate = wallet[0]["id"].as_str().unwrap().to_owned();
    let share_token = "walk-share-token-0123456789".to_owned();
    let hash = t
        .store
        .vault()
        .blind_index("certificate_share", &share_token);
    let expires = yiwang_domain::Timestamp::now().plus(std::time::Duration::from_secs(3600));
    t.store
        .share_certificate(certificate.parse().unwrap(), &hash, expires)
        .await
        .unwrap();
    let other = t
        .store
        .vault()
        .blind_index("certificate_share", "walk-revocable-link");
    let share = t
        .store
        .share_certificate(certificate.parse().unwrap(), &other, expires)
        .await
        .unwrap()
        .to_string();
    let case_id = case["id"].as_str().unwrap().to_owned();
    let detail = a_app
        .get(&format!("/api/v1/me/cases/{case_id}"))
        .await
        .json();
    Applications {
        form_version,
        case: case_id,
        receipt: case["receipt"].as_str().unwrap().to_owned(),
        code: detail["verification_code"].as_str().unwrap().to_owned(),
        upload,
        certificate,
        share_token,
        share,
    }
}

impl World {
    /// The route's path with its parameters filled from the fixtures.
    fn fill(&self, template: &str) -> String {
        let ids = [
            ("departments/", self.t.dept_a.to_string()),
            ("enterprises/", self.enterprise.clone()),
            ("messages/", self.message.clone()),
        ];
        let ids = ids.into_iter().chain([
            ("staff/", self.target.to_string()),
            ("citizens/", self.a.to_string()),
            ("jobs/", self.job.clone()),
            ("items/", self.item.clone()),
            ("cases/", self.apps.case.clone()),
            ("uploads/", self.apps.upload.clone()),
            ("certificates/", self.apps.certificate.clone()),
            ("assist/", self.consent.clone()),
            ("conflicts/", self.conflict.clone()),
            ("inquiries/", self.inquiry.clone()),
            ("news/", self.doc.clone()),
            ("alerts/", self.alert.clone()),
            ("disclosure/", self.disclosure.clone()),
            ("devices/", self.device.clone()),
            // Payments (SVC-1): ids no bill, attempt or receipt has, so every caller the
            // rule lets in gets "not found" and the walk checks who is let in.
            ("bills/", "01a24d79-0000-7000-8000-000000000001".to_owned()),
            (
                "attempts/",
                "01a24d79-0000-7000-8000-000000000002".to_owned(),
            ),
            (
                "receipts/",
                "01a24d79-0000-7000-8000-000000000003".to_owned(),
            ),
            (
                "account/payments/",
                "01a24d79-0000-7000-8000-000000000004".to_owned(),
            ),
            ("bookings/places/", self.bookings.place.clone()),
            ("booking-places/", self.bookings.place.clone()),
            ("bookings/slots/", self.bookings.slot.clone()),
            ("bookings/desks/", self.bookings.desk.clone()),
            ("bookings/", self.bookings.booking.clone()),
            ("records/", self.record.clone()),
            // Open data: an id no resource has, so every caller the rule lets in gets "not
            // found" (the dataset `{name}` is none either).
            (
                "/resources/",
                "01a24d79-0000-7000-8000-000000000005".to_owned(),
            ),
            // Local life: an id no place or event has, so every caller the rule lets in gets
            // "not found" and the walk checks who is let in.
            ("local/", "01a24d79-0000-7000-8000-000000000006".to_owned()),
            // Portals: ids no project or investor's inquiry has (not found for whoever the
            // rule lets in).
            (
                "projects/",
                "01a24d79-0000-7000-8000-000000000006".to_owned(),
            ),
            (
                "investment/",
                "01a24d79-0000-7000-8000-000000000007".to_owned(),
            ),
        ]);
        let id = ids
            .into_iter()
            .find(|(part, _)| template.contains(part))
            .map(|(_, id)| id)
            .unwrap_or_default();
        // Streets in the console (communities are added under them), counties in public.
        let code = if template.starts_with("/console/") {
            "511602001"
        } else {
            "511602"
        };
        let path = template
            .replace("{id}", &id)
            .replace("{code}", code)
            .replace("{account}", &self.c.to_string());
        let path = path
            .replace("{grant}", &self.target_grant)
            .replace("{consent}", &self.consent)
            .replace("{name}", "app.css")
            .replace("{file}", "qr.svg")
            .replace("{stage}", "family")
            .replace("{n}", "1")
            .replace("{section}", FORM_SECTION)
            .replace("{field}", "note")
            // The builder's editor of a new rule (a key never starts with `_`).
            .replace("{rule}", "_new")
            .replace("{token}", &self.apps.share_token)
            .replace("{type}", "marriage_certificate")
            .replace("{share}", &self.apps.share)
            .replace("{topic}", "news")
            .replace("{channel}", "push")
            .replace("{mac}", &self.unsubscribe_mac)
            .replace("{trade_no}", "SBXnone")
            .replace("{day}", "2026-12-01")
            .replace("{source_record_id}", "WALK-1")
            // Single sign-on: a client no one registered, so callers let in get "not found".
            .replace("{client}", "walk-unknown-client");
        assert!(!path.contains('{'), "no fixture for {template}");
        if CITIZEN_READS.iter().any(|(_, path)| *path == template) {
            format!("{path}?reason={}", urlencode("核对办件信息"))
        } else if template.starts_with("/api/") && template.contains("/catalog/") {
            format!("{path}?format=csv")
        } else if template == "/api/v1/track" {
            let (receipt, code) = (&self.apps.receipt, &self.apps.code);
            format!("{path}?receipt={receipt}&code={code}")
        } else if template.ends_with("/rules/{rule}") {
            format!("{path}?test=age")
        } else if template.starts_with("/api/v1/source-records/") {
            format!("{path}?reason={}", urlencode("核对报送结果"))
        } else if template.ends_with("/search") {
            format!("{path}?q={}", urlencode("民政"))
        } else {
            path
        }
    }

    /// Plausible fields for a form or JSON body. `n` makes phone numbers, names and codes
    /// unique per request.
    async fn data(&self, actor: &Actor, template: &str, n: usize) -> Vec<(&'static str, Value)> {
        let fresh = json!(format!("177{n:08}"));
        let (name, idn) = actor.identity.clone().unwrap_or(("", String::new()));
        let dept_a = json!(self.t.dept_a.to_string());
        let new_password = json!("另一个好密码-2026");
        match template {
            "/settings" => vec![("size", json!("xl")), ("next", json!("/"))],
            "/account/register" | "/account/reset" => vec![("phone", fresh)],
            "/api/v1/auth/sms-codes" => vec![("phone", fresh), ("purpose", json!("register"))],
            "/account/register/complete"
            | "/account/reset/complete"
            | "/api/v1/auth/register"
            | "/api/v1/auth/password-reset" => {
                vec![
                    ("phone", fresh),
                    ("code", json!("000000")),
                    ("password", json!(PASSWORD)),
                    ("confirm", json!(PASSWORD)),
                ]
            }
            // Anyone may log in; everyone logs in as C, in a copy of their client.
            "/account/login" | "/api/v1/auth/tokens" => {
                vec![("phone", json!(C_PHONE)), ("password", json!(PASSWORD))]
            }
            "/console/login" => vec![
                ("username", json!("newcomer")),
                ("password", json!(PASSWORD)),
            ],
            "/console/enrol" => vec![("code", json!("000000"))],
            "/account/verify" | "/api/v1/me/real-name" => {
                vec![("name", json!(name)), ("id_number", json!(idn))]
            }
            // Without the current password: refused, so no session ends.
            "/account/password" | "/api/v1/me/password" => vec![
                ("current", json!("")),
                ("password", new_password.clone()),
                ("confirm", new_password),
            ],
            "/account/enterprises" | "/api/v1/me/enterprises" => {
                vec![
                    ("name", json!(format!("广安市第{n}商贸有限公司"))),
                    ("credit_code", json!(credit_code(n))),
                    ("legal_representative", json!(name)),
                ]
            }
            "/account/enterprises/{id}/agents" => vec![("phone", json!(C_PHONE))],
            "/console/departments" | "/api/v1/admin/departments" => vec![
                ("name", json!(format!("区第{n}测试局"))),
                ("region", json!("511602")),
            ],
            "/console/departments/{id}" | "/api/v1/admin/departments/{id}" => {
                let d = self.t.store.department(self.t.dept_a).await.unwrap();
                let phone = d.phone.unwrap_or_default();
                vec![
                    ("name", json!(d.name)),
                    ("region", json!("511602")),
                    ("phone", json!(phone)),
                    ("version", json!(d.version)),
                ]
            }
            "/console/certificate-types" => vec![
                ("code", json!("walk_licence")),
                ("name", json!("测试许可证")),
            ],
            // Authorising again is harmless.
            "/console/certificate-types/{type}/issuers" => vec![("department", dept_a.clone())],
            // Dismissing changes nobody's identity.
            "/console/identity/conflicts/{id}" => vec![("resolution", json!("dismiss"))],
            // The counter checks C (not A, whose number a counter must not move).
            "/console/identity" => vec![
                ("phone", json!(C_PHONE)),
                ("name", json!("陈测试")),
                ("id_number", json!("110101199003070011")),
                ("place", json!("区政务服务中心")),
            ],
            "/console/staff" => {
                let login = [
                    ("username", json!(format!("staff{n}"))),
                    ("display_name", json!("新同事")),
                    ("password", json!(PASSWORD)),
                ];
                login
                    .into_iter()
                    .chain([
                        ("role", json!("window_clerk")),
                        ("department", dept_a),
                        ("region", json!("511602")),
                    ])
                    .collect()
            }
            "/console/staff/{id}/grants" => vec![
                ("role", json!("reviewer")),
                ("department", dept_a),
                ("region", json!("511602")),
            ],
            "/console/staff/{id}/status" => vec![("active", json!("1"))],
            "/console/regions/{code}/communities" => {
                vec![("name", json!(format!("第{n}测试社区")))]
            }
            "/console/citizens" => {
                vec![("query", json!(A_PHONE)), ("reason", json!("窗口核对身份"))]
            }
            "/console/citizens/{id}" => vec![("reason", json!("窗口核对身份"))],
            "/console/clients" => vec![("name", json!(format!("测试系统{n}")))],
            // A new item of dept_a each time, which its department admin may create.
            "/console/items" => {
                let mut fields = new_item(n, &self.t.dept_a.to_string());
                fields.push(("action", json!("publish")));
                fields
            }
            "/api/v1/admin/items" => vec![
                (
                    "item",
                    Value::Object(
                        new_item(n, &self.t.dept_a.to_string())
                            .into_iter()
                            .map(|(k, v)| (k.to_owned(), v))
                            .collect(),
                    ),
                ),
                ("is_group", json!(false)),
            ],
            // The item as it is, from its current version: a new version, nothing else.
            "/console/items/{id}" | "/api/v1/admin/items/{id}" => {
                let item = self.t.store.item(self.item.parse().unwrap()).await.unwrap();
                let r = &item.row;
                let fields = vec![
                    ("name", json!(r.name)),
                    ("code", json!(r.code.clone().unwrap_or_default())),
                    ("item_type", json!(r.item_type.as_str())),
                    ("department", json!(r.department.to_string())),
                    ("region", json!(r.region.to_string())),
                    ("promised_days", json!("1")),
                ];
                if template.starts_with("/api/") {
                    let input = fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
                    vec![
                        ("item", Value::Object(input)),
                        ("version", json!(r.version)),
                    ]
                } else {
                    let version = ("version", json!(r.version.to_string()));
                    fields
                        .into_iter()
                        .chain([version, ("action", json!("publish"))])
                        .collect()
                }
            }
            // Of a fresh item (see `send`), at its first version.
            "/console/items/{id}/withdraw" => {
                vec![("reason", json!("测试停办")), ("version", json!("1"))]
            }
            "/api/v1/admin/items/{id}/withdraw" => {
                vec![("reason", json!("测试停办")), ("version", json!(1))]
            }
            "/console/aliases" => vec![("aliases", json!(ALIASES))],
            "/api/v1/admin/search-aliases" => vec![("text", json!(ALIASES))],
            "/console/life-events/{stage}" => vec![("items", json!(ITEM))],
            "/api/v1/admin/life-events/{stage}" => vec![("text", json!(ITEM))],
            // Applications: a draft and a submission of the walk's form (no answer needed);
            // steps that leave A's case as it is (a stale revision, a review nobody can ask
            // for yet, a withdrawal not confirmed); a token that is no certificate.
            "/api/v1/items/{id}/draft" | "/api/v1/items/{id}/applications" => vec![
                ("form_version", json!(self.apps.form_version)),
                ("answers", json!({})),
            ],
            "/api/v1/me/cases/{id}/actions" => vec![
                ("action", json!("request_human_review")),
                ("reason", json!("请人工复核")),
            ],
            "/account/cases/{id}/review" => vec![("reason", json!("请人工复核"))],
            "/account/cases/{id}/withdraw" => vec![("reason", json!("不办了"))],
            "/api/v1/cases/{id}/actions" => {
                vec![
                    ("revision", json!(0)),
                    ("step", json!({ "action": "accept" })),
                ]
            }
            "/api/v1/certificates/verify" => vec![("token", json!("YWC1.e30.AAAA"))],
            "/track" => vec![
                ("receipt", json!(self.apps.receipt)),
                ("code", json!(self.apps.code)),
            ],
            _ => Vec::new(),
        }
    }

    /// A new item of dept_a, to be withdrawn by one request of the walk (so that withdrawing
    /// leaves the walk's item for the routes after it).
    async fn fresh_item(&self, n: usize) -> String {
        let s = &self.t.store;
        let input = ItemInput {
            name: format!("待停办的测试事项{n}"),
            item_type: "20".into(),
            department: self.t.dept_a.to_string(),
            region: "511602".into(),
            ..ItemInput::default()
        };
        let mut tx = s.begin().await.unwrap();
        let valid = s.check_item(&mut tx, &input, None).await.unwrap();
        let id = s.create_item(&mut tx, &valid, false, "test").await.unwrap();
        yiwang_store::commit(tx).await.unwrap();
        self.t.catalog.sync().await.unwrap();
        id.to_string()
    }

    /// A copy of the actor's client, with a second login of its own for the routes that end
    /// the login they are called with (so the walk can go on with the first).
    async fn spare(&self, actor: &Actor) -> Client {
        let s = &self.t.store;
        let mut c = actor.client.clone();
        let mut tx = s.begin().await.unwrap();
        match actor.login {
            Login::None => {}
            Login::Session(account, kind, stage) => {
                let (token, session) = s
                    .create_session(&mut tx, account, kind, stage)
                    .await
                    .unwrap();
                c.cookies.insert("yw_session".into(), token);
                c.csrf = Some(session.csrf_token);
            }
            Login::Token(owner) => {
                c.bearer = Some(
                    s.issue_token(&mut tx, owner, "spare", None)
                        .await
                        .unwrap()
                        .1,
                )
            }
        }
        yiwang_store::commit(tx).await.unwrap();
        c
    }

    /// Sends one request of the walk, from a copy of the actor's client (cookies a response
    /// sets stay with the copy).
    async fn send(&self, actor: &Actor, spec: &RouteSpec, n: usize) -> Resp {
        let mut path = self.fill(spec.path);
        if spec.method == Method::POST && spec.path.ends_with("/withdraw") {
            path = path.replace(&self.item, &self.fresh_item(n).await);
        }
        let ends_login = matches!(
            spec.path,
            "/account/logout" | "/api/v1/auth/tokens/current" | "/oidc/logout"
        );
        let mut c = if ends_login {
            self.spare(actor).await
        } else {
            actor.client.clone()
        };
        if spec.path.contains("/jobs/") {
            sqlx::query("UPDATE jobs SET status = 'dead' WHERE id = $1")
                .bind(self.job.clone())
                .execute(self.t.store.db.writer())
                .await
                .unwrap();
        }
        let data = self.data(actor, spec.path, n).await;
        // A browser's token, as pages and scripts send it with files.
        let token: Vec<(&str, String)> = match (&c.bearer, &c.csrf) {
            (None, Some(t)) => vec![("x-csrf-token", t.clone())],
            _ => Vec::new(),
        };
        let token: Vec<(&str, &str)> = token.iter().map(|(k, v)| (*k, v.as_str())).collect();
        if spec.path == "/events" {
            // A stream that stays open while it is allowed: its answer is its status.
            let (status, headers, body) = c.open_stream(&path).await;
            let body = if status == StatusCode::OK {
                String::new()
            } else {
                use http_body_util::BodyExt;
                String::from_utf8_lossy(&body.collect().await.unwrap().to_bytes()).into_owned()
            };
            Resp {
                status,
                headers,
                body,
            }
        } else if spec.method == Method::GET {
            c.get(&path).await
        } else if spec.path == "/api/v1/uploads" {
            crate::support::upload_file(&mut c, "证明.pdf", crate::support::SMALL_PDF).await
        } else if spec.path.ends_with("/catalog/import") && spec.path.starts_with("/api/") {
            // The walk's own catalogue again: nothing changes.
            let body = self.catalogue.clone().into_bytes();
            c.request(Method::POST, &path, Some("text/csv"), body, &token)
                .await
        } else if spec.path.ends_with("/catalog/import") {
            let boundary = "yiwang-walk-boundary";
            let body = format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"format\"\r\n\r\ncsv\r\n\
                 --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"catalogue.csv\"\r\n\
                 Content-Type: text/csv\r\n\r\n{}\r\n--{boundary}--\r\n",
                self.catalogue
            );
            let content_type = format!("multipart/form-data; boundary={boundary}");
            c.request(
                Method::POST,
                &path,
                Some(&content_type),
                body.into_bytes(),
                &token,
            )
            .await
        } else if spec.path.starts_with("/api/") {
            c.json(
                spec.method.clone(),
                &path,
                Value::Object(data.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()),
            )
            .await
        } else {
            let fields: Vec<(&str, String)> = data
                .into_iter()
                .map(|(k, v)| (k, v.as_str().map_or_else(|| v.to_string(), str::to_owned)))
                .collect();
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            c.post_form(&path, &fields).await
        }
    }

    /// How many reads of A's personal data are recorded, and who made the latest.
    async fn reads_of_a(&self) -> (i64, Option<String>) {
        let (entries, total) = self
            .t
            .store
            .personal_data_reads(self.a, Page::new(Some(1), Some(1), 1).unwrap())
            .await
            .unwrap();
        (total, entries.first().and_then(|e| e.actor_id.clone()))
    }
}

fn holds(actor: &Actor, permission: Permission) -> bool {
    matches!(actor.kind, Kind::Staff(role) if permission.granted_to(role))
}

fn error_code(r: &Resp) -> String {
    serde_json::from_str::<Value>(&r.body)
        .ok()
        .and_then(|v| v["error"]["code"].as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Whether an answer is what the route's access rule promises this caller.
fn answers_as_declared(spec: &RouteSpec, expect: Expect, r: &Resp) -> bool {
    let api = spec.path.starts_with("/api/");
    let login = if spec.path.starts_with("/console") {
        "/console/login?next="
    } else {
        "/account/login?next="
    };
    let to_login = r.status == StatusCode::SEE_OTHER && r.location().contains("/login?next=");
    if r.status.is_server_error() {
        return false;
    }
    match expect {
        Expect::LogIn if api => {
            r.status == StatusCode::UNAUTHORIZED && error_code(r) == "unauthenticated"
        }
        Expect::LogIn => to_login && r.location().starts_with(login),
        Expect::Forbidden if api => {
            r.status == StatusCode::FORBIDDEN && error_code(r) == "forbidden"
        }
        Expect::Forbidden => r.status == StatusCode::FORBIDDEN && r.body.contains(FORBIDDEN_TEXT),
        // The OpenID provider's token and userinfo endpoints authenticate relying parties
        // themselves: the protocol's own 401 (with `WWW-Authenticate` and an OAuth error,
        // never the platform's `unauthenticated`) is an answer to a caller let in.
        Expect::Allowed if spec.path.starts_with("/oidc/") => {
            (r.status == StatusCode::UNAUTHORIZED
                && r.headers.contains_key("www-authenticate")
                && error_code(r).is_empty())
                || !matches!(r.status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN)
                    && !to_login
        }
        Expect::Allowed => {
            !matches!(r.status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN) && !to_login
        }
    }
}

#[tokio::test]
async fn every_route_answers_every_caller_as_its_access_rule_says_and_nothing_of_a_citizen_leaks() {
    let w = world().await;
    let routes = specs();
    let secrets = [
        A_PHONE,
        A_NAME,
        w.a_id_number.as_str(),
        A_ENTERPRISE,
        A_MESSAGE,
    ];
    let mut failures = Vec::new();
    let mut visited = 0;
    for (i, spec) in routes.iter().enumerate() {
        let (mut allowed, mut refused) = (0, 0);
        for (j, actor) in w.actors.iter().enumerate() {
            let expect = expected(spec.access, actor.kind);
            // Exempt from the leak check by what the actor holds, not by what the route declares.
            let legit_read = (holds(actor, Permission::LookupCitizen)
                && CITIZEN_READS.contains(&(spec.method.clone(), spec.path)))
                || (holds(actor, Permission::HandleCases)
                    && spec.method == Method::GET
                    && spec.path == CASE_READ);
            let reads_before = if legit_read {
                w.reads_of_a().await.0
            } else {
                0
            };
            let r = w.send(actor, spec, i * 100 + j).await;
            visited += 1;
            if expect == Expect::Allowed {
                allowed += 1
            } else {
                refused += 1
            }
            let what = format!("{} {} as {}", spec.method, spec.path, actor.name);
            if !answers_as_declared(spec, expect, &r) {
                let body: String = r.body.chars().take(300).collect();
                failures.push(format!(
                    "{what}: expected {expect:?}, got {} {} {body}",
                    r.status,
                    r.location()
                ));
            }
            if actor.owner {
                continue;
            }
            if legit_read {
                // Staff who may look up citizens see A's details, and A sees that they did.
                let (reads, reader) = w.reads_of_a().await;
                if !r.body.contains(A_NAME)
                    || reads != reads_before + 1
                    || reader != actor.account.map(|a| a.to_string())
                {
                    failures.push(format!("{what}: a read of A's data must show it and be audited ({reads_before} → {reads} reads, last by {reader:?})"));
                }
                continue;
            }
            if spec.path == "/shared/{token}" {
                // A share link shows the certificate, holder's name included, to whoever A
                // gave it to: that is its purpose (CERT-2).
                continue;
            }
            if spec.path == "/api/v1/source-records/{source_record_id}"
                && actor.kind == Kind::System
            {
                // The source that pushed A's record reads it back, recorded on A's access
                // log: that is its purpose (SVC-3).
                continue;
            }
            if spec.path == "/console/dev-messages" && holds(actor, Permission::ReadDevOutbox) {
                // The development SMS log (dev deployments only) shows every text sent,
                // A's registration code included: that is its purpose.
                continue;
            }
            for secret in secrets
                .iter()
                .filter(|s| r.body.contains(**s) || r.location().contains(**s))
            {
                failures.push(format!("{what}: the answer contains A's {secret}"));
            }
        }
        // Every route is open to someone, and every route that is not public is closed to someone.
        if allowed == 0 || (spec.access != Access::Public && refused == 0) {
            failures.push(format!(
                "{} {}: allowed to {allowed}, refused to {refused}",
                spec.method, spec.path
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} wrong answers:\n{}",
        failures.len(),
        failures.join("\n")
    );
    let distinct: HashSet<(String, &str)> = routes
        .iter()
        .map(|r| (r.method.to_string(), r.path))
        .collect();
    assert_eq!(distinct.len(), routes.len(), "each route is declared once");
    assert_eq!(w.actors.len(), 11);
    assert_eq!(
        visited,
        routes.len() * 11,
        "every route was sent by every actor"
    );
}

#[tokio::test]
async fn handlers_narrow_staff_permissions_to_their_department_and_region() {
    let t = TestApp::new().await;
    let (a, b) = (t.dept_a, t.dept_b);
    let (mut dept_admin, _) = t
        .staff("deptadmin", Role::DeptAdmin, Some(a), "511602")
        .await;
    assert_eq!(
        dept_admin
            .get(&format!("/console/departments/{a}"))
            .await
            .status,
        StatusCode::OK
    );
    // The department next door, in the same county, is not theirs.
    let r = dept_admin.get(&format!("/console/departments/{b}")).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.body.contains(FORBIDDEN_TEXT));
    let r = dept_admin
        .post_form(
            &format!("/console/departments/{b}"),
            &[
                ("name", "被改名的局"),
                ("region", "511602"),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = dept_admin
        .json(
            Method::PUT,
            &format!("/api/v1/admin/departments/{b}"),
            json!({ "name": "被改名的局", "region": "511602", "version": 1 }),
        )
        .await;
    assert_eq!(
        (r.status, r.error_code().as_str()),
        (StatusCode::FORBIDDEN, "forbidden")
    );
    assert_eq!(
        t.store.department(b).await.unwrap().name,
        "区人社局",
        "unchanged"
    );
    // Nor may they move their own department out of their region.
    let d = t.store.department(a).await.unwrap();
    let r = dept_admin
        .json(
            Method::PUT,
            &format!("/api/v1/admin/departments/{a}"),
            json!({ "name": d.name, "region": "511603", "version": d.version }),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // Nor manage the other department's staff.
    let other = t
        .create_staff("otherclerk", Role::WindowClerk, Some(b), "511602")
        .await;
    assert_eq!(
        dept_admin
            .get(&format!("/console/staff/{other}"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        dept_admin
            .post_form(
                &format!("/console/staff/{other}/status"),
                &[("active", "0")]
            )
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert!(
        t.store
            .staff_login("otherclerk")
            .await
            .unwrap()
            .unwrap()
            .active,
        "still active"
    );

    // A supervisor opens the console but creates no departments.
    let (mut supervisor, _) = t
        .staff("supervisor", Role::Supervisor, None, "511602")
        .await;
    assert_eq!(supervisor.get("/console").await.status, StatusCode::OK);
    assert_eq!(
        supervisor.get("/console/departments/new").await.status,
        StatusCode::FORBIDDEN
    );
    let r = supervisor
        .post_form(
            "/console/departments",
            &[("name", "区新设局"), ("region", "511602")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = supervisor
        .json(
            Method::POST,
            "/api/v1/admin/departments",
            json!({ "name": "区新设局", "region": "511602" }),
        )
        .await;
    assert_eq!(
        (r.status, r.error_code().as_str()),
        (StatusCode::FORBIDDEN, "forbidden")
    );

    // A platform admin of one county runs that county, not its neighbour nor the platform.
    let (mut county, _) = t
        .staff("countyadmin", Role::PlatformAdmin, None, "511602")
        .await;
    assert_eq!(
        county
            .get(&format!("/console/departments/{b}"))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        county.get("/console/regions/511602001").await.status,
        StatusCode::OK
    );
    assert_eq!(
        county.get("/console/regions/511603001").await.status,
        StatusCode::FORBIDDEN
    );
    let r = county
        .json(
            Method::POST,
            "/api/v1/admin/departments",
            json!({ "name": "前锋区新设局", "region": "511603" }),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(
        county.get("/console/jobs").await.status,
        StatusCode::FORBIDDEN
    );
    let r = county.get("/api/v1/admin/jobs").await;
    assert_eq!(
        (r.status, r.error_code().as_str()),
        (StatusCode::FORBIDDEN, "forbidden")
    );
    let (_, total) = t
        .store
        .list_departments(&region("51"), "", Page::new(None, None, 10).unwrap())
        .await
        .unwrap();
    assert_eq!(total, 2, "no department was created");
}

#[tokio::test]
async fn another_citizen_finds_neither_the_enterprise_nor_the_messages_of_the_first() {
    let t = TestApp::new().await;
    let mut a = t
        .verified_citizen(A_PHONE, A_NAME, &id_number("51160219800101002"))
        .await;
    let r = a
        .post_form(
            "/account/enterprises",
            &[
                ("name", A_ENTERPRISE),
                ("credit_code", &credit_code(0)),
                ("legal_representative", A_NAME),
            ],
        )
        .await;
    let enterprise = r.location().rsplit('/').next().unwrap().to_owned();
    assert_eq!(
        a.get(&format!("/account/enterprises/{enterprise}"))
            .await
            .status,
        StatusCode::OK
    );
    t.drain().await;
    let a_id = t.citizen_id(A_PHONE).await;
    let (inbox, _) = t
        .store
        .inbox(a_id, Page::new(None, None, 10).unwrap())
        .await
        .unwrap();
    let message = inbox[0].id;

    let mut b = t
        .verified_citizen(B_PHONE, B_NAME, &id_number("51160319750505003"))
        .await;
    let b_id = t.citizen_id(B_PHONE).await;
    let r = b.get(&format!("/account/enterprises/{enterprise}")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "not even told it exists");
    assert!(!r.body.contains(A_ENTERPRISE));
    // B cannot make themself an agent, nor revoke anyone.
    let r = b
        .post_form(
            &format!("/account/enterprises/{enterprise}/agents"),
            &[("phone", B_PHONE)],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(
        b.post_form(
            &format!("/account/enterprises/{enterprise}/agents/{a_id}/revoke"),
            &[]
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    assert!(t.store.enterprises_of(b_id).await.unwrap().is_empty());
    // Nor mark A's message read, in the browser or the app.
    assert_eq!(
        b.post_form(&format!("/account/messages/{message}/read"), &[])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let mut b_app = app_token(&t, B_PHONE).await;
    let r = b_app
        .json(
            Method::POST,
            &format!("/api/v1/me/messages/{message}/read"),
            json!({}),
        )
        .await;
    assert_eq!(
        (r.status, r.error_code().as_str()),
        (StatusCode::NOT_FOUND, "not_found")
    );
    assert_eq!(b_app.get("/api/v1/me/enterprises").await.json()["total"], 0);
    let (inbox, _) = t
        .store
        .inbox(a_id, Page::new(None, None, 10).unwrap())
        .await
        .unwrap();
    assert!(
        inbox
            .iter()
            .find(|m| m.id == message)
            .unwrap()
            .read_at
            .is_none(),
        "still unread"
    );
}

#[tokio::test]
async fn a_system_client_with_an_observer_token_opens_no_console_and_no_admin_api() {
    let t = TestApp::new().await;
    let admin = t
        .create_staff("admin", Role::PlatformAdmin, None, "5116")
        .await;
    let mut system = t.client();
    system.bearer = Some(observer_token(&t, admin).await);
    assert_eq!(
        system.get("/api/v1/departments").await.status,
        StatusCode::OK,
        "it reads the directory"
    );
    assert_eq!(
        system.get("/api/v1/me").await.status,
        StatusCode::FORBIDDEN,
        "it is no account"
    );
    let dept = t.dept_a.to_string();
    let mut seen = 0;
    for spec in specs() {
        let path = spec
            .path
            .replace("{id}", &dept)
            .replace("{code}", "511602001");
        if spec.path.starts_with("/api/v1/admin/") {
            let r = system
                .json(
                    spec.method.clone(),
                    &path,
                    json!({ "name": "观察者建的局", "region": "511602" }),
                )
                .await;
            assert_eq!(
                (r.status, r.error_code().as_str()),
                (StatusCode::FORBIDDEN, "forbidden"),
                "{} {path}",
                spec.method
            );
            seen += 1;
        } else if spec.path.starts_with("/console")
            && matches!(spec.access, Access::Staff(_))
            && spec.method == Method::GET
        {
            let r = system.get(&path).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{path}");
            seen += 1;
        }
    }
    assert!(seen >= 20, "{seen} routes tried");
}

/// The appointments' fixtures (SVC-2).
struct Bookings {
    place: String,
    desk: String,
    slot: String,
    booking: String,
}

/// A hall of dept_a with one window open every day, its slots for the coming week, and A's
/// booking of tomorrow's first slot.
async fn bookings_fixture(s: &yiwang_store::Store, a: AccountId) -> Bookings {
    use yiwang_domain::booking::slots::{parse_template, plan};
    use yiwang_store::bookings::{NewDesk, NewPlace};
    let dept_a = s
        .list_departments(
            &region("511602"),
            "",
            Page::new(Some(1), Some(10), 10).unwrap(),
        )
        .await
        .unwrap()
        .0
        .into_iter()
        .find(|d| d.name == "区民政局")
        .unwrap()
        .id;
    let template: Vec<String> = (1..=7).map(|d| format!("{d} 10:00-10:30 5")).collect();
    let template = template.join("\n");
    let mut tx = s.begin().await.unwrap();
    let place = s
        .create_booking_place(
            &mut tx,
            &NewPlace {
                kind: yiwang_domain::booking::PlaceKind::Hall,
                name: "区民政服务大厅",
                department_id: dept_a,
                region_code: "511602",
                address: "",
            },
        )
        .await
        .unwrap();
    let desk = s
        .create_booking_desk(
            &mut tx,
            &NewDesk {
                place_id: place,
                kind: yiwang_domain::booking::DeskKind::Window,
                name: "1号窗口",
                unit: "",
                items: &[],
                template: &template,
                sort: 1,
            },
        )
        .await
        .unwrap();
    let today = yiwang_domain::Timestamp::now().beijing_date();
    let slots = plan(
        &yiwang_domain::deadline::Calendar::default(),
        &parse_template(&template).unwrap(),
        &[],
        today,
        8,
    );
    s.publish_booking_slots(&mut tx, desk, today, &slots)
        .await
        .unwrap();
    yiwang_store::commit(tx).await.unwrap();
    let tomorrow = today + time::Duration::days(1);
    let slot = s
        .booking_place_slots(place, tomorrow, tomorrow)
        .await
        .unwrap()
        .remove(0);
    let mut tx = s.begin().await.unwrap();
    let (booking, _) = s
        .book_slot(
            &mut tx,
            &yiwang_store::bookings::book::NewBooking {
                slot: &slot,
                account: a,
                person: None,
                case_id: None,
                idempotency_key: None,
                request_hash: "authz",
                code: "AUTHZWALK000000000",
                wait: false,
                max_open: 3,
            },
        )
        .await
        .unwrap();
    yiwang_store::commit(tx).await.unwrap();
    Bookings {
        place: place.to_string(),
        desk: desk.to_string(),
        slot: slot.id.to_string(),
        booking: booking.id.to_string(),
    }
}
