//! Assisted handling, 帮办代办 (APP-8): a window clerk applies for a citizen at the desk, with
//! the consent code the citizen reads out from their own phone; the case, the citizen's
//! account and their access log say who did it; the consent covers one staff member, one
//! item, one application and two hours, and nothing else.

use http::{Method, StatusCode};
use serde_json::{Value, json};
use yiwang_domain::application::ItemForm;
use yiwang_domain::auth::Role;
use yiwang_domain::paging::Page;

use crate::applications::{ITEM, NAME, PHONE};
use crate::support::{
    Client, Resp, SMALL_PDF, TestApp, id_number, post_multipart, six_digits, upload_file,
};

const MASKED_NAME: &str = "张**";

fn form() -> ItemForm {
    serde_json::from_value(json!({
        "form": { "sections": [{
            "key": "applicant",
            "title": { "zh": "申请人" },
            "fields": [
                { "key": "name", "label": { "zh": "申请人姓名" },
                  "kind": { "type": "text", "max_len": 30, "multiline": false }, "required": true },
                { "key": "reason", "label": { "zh": "申请理由" },
                  "kind": { "type": "text", "max_len": 200, "multiline": false }, "required": true },
                { "key": "proof", "label": { "zh": "证明材料" },
                  "kind": { "type": "file", "accept": ["pdf"], "max_bytes": 5_242_880, "max_files": 2 } }
            ]
        }] },
        "workflow": { "steps": [ { "name": { "zh": "审核" }, "role": "reviewer" } ] }
    }))
    .unwrap()
}

struct World {
    t: TestApp,
    item: String,
    version: i64,
    citizen: Client,
    id_number: String,
}

async fn world() -> World {
    let t = TestApp::new().await;
    t.import_catalogue(&TestApp::real_catalogue(3, &[ITEM]))
        .await;
    let row = t.item_named(ITEM);
    let version = t.publish_form(row.id, &form()).await;
    let idn = id_number("51160219450101002");
    let citizen = t.verified_citizen(PHONE, NAME, &idn).await;
    World {
        t,
        item: row.id.to_string(),
        version,
        citizen,
        id_number: idn,
    }
}

impl World {
    async fn clerk(&self, username: &str) -> Client {
        self.t
            .staff(username, Role::WindowClerk, Some(self.t.dept_a), "511602")
            .await
            .0
    }

    /// Every text message the citizen's phone received, newest first.
    async fn texts(&self) -> Vec<String> {
        self.t.drain().await;
        self.t
            .store
            .dev_messages(Some(PHONE), Page::new(Some(1), Some(50), 50).unwrap())
            .await
            .unwrap()
            .into_iter()
            .map(|m| m.body)
            .collect()
    }

    /// The code of the newest consent request the citizen's phone received.
    async fn consent_code(&self) -> String {
        let texts = self.texts().await;
        let sms = texts
            .iter()
            .find(|t| t.contains("请求代您"))
            .expect("a consent text");
        six_digits(sms).unwrap()
    }

    async fn cases_of_citizen(&mut self) -> Vec<Value> {
        let r = self.citizen.get("/api/v1/me/cases").await.ok();
        r.json()["items"].as_array().unwrap().clone()
    }
}

/// `POST /api/v1/assist/{consent}/application` with an idempotency key.
async fn submit(c: &mut Client, consent: &str, body: &Value, key: &str) -> Resp {
    let csrf = c.csrf.clone().unwrap_or_default();
    c.request(
        Method::POST,
        &format!("/api/v1/assist/{consent}/application"),
        Some("application/json"),
        body.to_string().into_bytes(),
        &[("x-csrf-token", &csrf), ("idempotency-key", key)],
    )
    .await
}

/// The consent id from a redirect to its page.
fn consent_of(r: &Resp) -> String {
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    r.location()
        .strip_prefix("/console/assist/")
        .unwrap_or_else(|| panic!("not a consent page: {}", r.location()))
        .to_owned()
}

#[tokio::test]
async fn a_clerk_applies_at_the_desk_with_the_code_the_citizen_reads_out_and_the_citizen_sees_who()
{
    let mut w = world().await;
    let mut clerk = w.clerk("wang").await;
    let page = clerk.get("/console/assist").await.ok();
    assert!(page.body.contains(ITEM), "the clerk can pick the item");
    let texts_before = w.texts().await.len();

    // A mistyped ID number, or one with no verified account: told so, nothing sent.
    let r = clerk
        .post_form(
            "/console/assist",
            &[("id_number", "51160219450101003"), ("item", &w.item)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("f-id_number"), "{}", r.body);
    let nobody = id_number("51160219500101001");
    let r = clerk
        .post_form(
            "/console/assist",
            &[("id_number", &nobody), ("item", &w.item)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("还没有实名认证的账号"), "{}", r.body);
    assert_eq!(w.texts().await.len(), texts_before, "no text was sent");

    // The real request: the citizen's phone says who asks and for what.
    let r = clerk
        .post_form(
            "/console/assist",
            &[("id_number", &w.id_number), ("item", &w.item)],
        )
        .await;
    let consent = consent_of(&r);
    let texts = w.texts().await;
    assert_eq!(texts.len(), texts_before + 1);
    let sms = &texts[0];
    assert!(
        sms.contains("wang名") && sms.contains(ITEM),
        "the text names the clerk and the item: {sms}"
    );
    let code = six_digits(sms).unwrap();
    let status = clerk.get(&format!("/console/assist/{consent}")).await.ok();
    assert!(status.body.contains(MASKED_NAME) && !status.body.contains(NAME));
    assert!(status.body.contains("138****2222"), "{}", status.body);

    // Nothing can be filled before the citizen agrees.
    let base = format!("/console/assist/{consent}/items/{}/apply", w.item);
    let r = clerk.get(&format!("{base}/applicant")).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // A wrong code is refused; the right one opens the form.
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let r = clerk
        .post_form(
            &format!("/console/assist/{consent}/confirm"),
            &[("code", wrong)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = clerk
        .post_form(
            &format!("/console/assist/{consent}/confirm"),
            &[("code", &code)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), base);

    // Another clerk of the same department cannot use it.
    let mut other = w.clerk("li").await;
    assert_eq!(
        other
            .get(&format!("/console/assist/{consent}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        other.get(&format!("{base}/applicant")).await.status,
        StatusCode::NOT_FOUND
    );

    // The clerk fills the citizen's form: every page says for whom.
    let section = clerk.get(&format!("{base}/applicant")).await.ok();
    assert!(section.body.contains("您正在为") && section.body.contains(MASKED_NAME));
    let r = post_multipart(
        &mut clerk,
        &format!("{base}/applicant"),
        &[
            ("form_version", &w.version.to_string()),
            ("name", NAME),
            ("reason", "年老体弱，无固定收入"),
            ("action", "continue"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), format!("{base}/check"));
    let check = clerk.get(&format!("{base}/check")).await.ok();
    assert!(check.body.contains("年老体弱"));
    let key = "desk-submission-1";
    let submit = [
        ("form_version", w.version.to_string()),
        ("idempotency_key", key.to_owned()),
    ];
    let submit: Vec<(&str, &str)> = submit.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = clerk.post_form(&format!("{base}/submit"), &submit).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), format!("/console/assist/{consent}"));
    let slip = clerk.get(&format!("/console/assist/{consent}")).await.ok();
    assert!(slip.body.contains("请把这张回执交给市民"));

    // A second press, and another try under the spent consent: still one case.
    let r = clerk.post_form(&format!("{base}/submit"), &submit).await;
    assert_eq!(r.location(), format!("/console/assist/{consent}"));
    assert_eq!(
        clerk.get(&format!("{base}/applicant")).await.status,
        StatusCode::FORBIDDEN,
        "a spent consent opens nothing"
    );
    let cases = w.cases_of_citizen().await;
    assert_eq!(cases.len(), 1, "one case, in the citizen's own account");
    let receipt = cases[0]["receipt"].as_str().unwrap().to_owned();
    assert!(slip.body.contains(&receipt), "the slip shows the receipt");

    // The citizen sees who applied for them, in the case and in their access log.
    let id = cases[0]["id"].as_str().unwrap();
    let progress = w.citizen.get(&format!("/account/cases/{id}")).await.ok();
    assert!(progress.body.contains("代办人员") && progress.body.contains("wang名"));
    let log = w.citizen.get("/account/access-log").await.ok();
    assert!(log.body.contains("wang名"), "{}", log.body);
    let texts = w.texts().await;
    assert!(
        texts[0].contains(&receipt),
        "the citizen is told of the submission: {}",
        texts[0]
    );
}

#[tokio::test]
async fn a_consent_covers_one_clerk_one_item_one_application_and_two_hours() {
    let mut w = world().await;
    let mut clerk = w.clerk("wang").await;
    let ask = json!({ "id_number": w.id_number, "item": w.item });

    // A clerk of another department may not assist with this department's item.
    let (mut outsider, _) =
        w.t.staff("zhao", Role::WindowClerk, Some(w.t.dept_b), "511602")
            .await;
    let r = outsider
        .json(Method::POST, "/api/v1/assist", ask.clone())
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);

    // Five wrong codes end the request: the right code no longer works.
    let r = clerk
        .json(Method::POST, "/api/v1/assist", ask.clone())
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let first = r.json();
    assert_eq!(first["state"], "awaiting_code");
    assert_eq!(first["phone"], "138****2222");
    let id = first["id"].as_str().unwrap().to_owned();
    let code = w.consent_code().await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        let r = clerk
            .json(
                Method::POST,
                &format!("/api/v1/assist/{id}/confirm"),
                json!({ "code": wrong }),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let r = clerk
        .json(
            Method::POST,
            &format!("/api/v1/assist/{id}/confirm"),
            json!({ "code": code }),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let shown = clerk.get(&format!("/api/v1/assist/{id}")).await.ok();
    assert_eq!(shown.json()["state"], "locked");

    // A new request; its code works once.
    let r = clerk
        .json(Method::POST, "/api/v1/assist", ask.clone())
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.json()["id"].as_str().unwrap().to_owned();
    let code = w.consent_code().await;
    let r = clerk
        .json(
            Method::POST,
            &format!("/api/v1/assist/{id}/confirm"),
            json!({ "code": code }),
        )
        .await
        .ok();
    assert_eq!(r.json()["state"], "granted");

    // A file uploaded for the citizen is theirs; the clerk may read it back meanwhile.
    let boundary = "b";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"证明.pdf\"\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(SMALL_PDF);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let csrf = clerk.csrf.clone().unwrap();
    let r = clerk
        .request(
            Method::POST,
            &format!("/api/v1/assist/{id}/uploads"),
            Some("multipart/form-data; boundary=b"),
            body,
            &[("x-csrf-token", &csrf)],
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let upload = r.json()["id"].as_str().unwrap().to_owned();
    assert_eq!(
        clerk.get(&format!("/uploads/{upload}")).await.status,
        StatusCode::OK
    );
    assert_eq!(
        w.citizen.get(&format!("/uploads/{upload}")).await.status,
        StatusCode::OK
    );

    // Submitted once under the consent; a retry with the same key is the same case.
    let answers = json!({
        "form_version": w.version,
        "answers": { "name": NAME, "reason": "行动不便", "proof": [upload] }
    });
    let r = submit(&mut clerk, &id, &answers, "k1").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let case = r.json();
    let r = submit(&mut clerk, &id, &answers, "k1").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["id"], case["id"]);
    let r = submit(&mut clerk, &id, &answers, "k2").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert_eq!(r.error_code(), "consent_not_granted");
    assert_eq!(w.cases_of_citizen().await.len(), 1);
    let r = clerk
        .json(
            Method::POST,
            &format!("/api/v1/assist/{id}/cancel"),
            json!({}),
        )
        .await;
    assert_eq!(
        r.error_code(),
        "consent_not_granted",
        "a used consent stays used"
    );

    // Three codes an hour to one citizen, whoever asks.
    let r = clerk
        .json(Method::POST, "/api/v1/assist", ask.clone())
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let third = r.json()["id"].as_str().unwrap().to_owned();
    let r = clerk
        .json(Method::POST, "/api/v1/assist", ask.clone())
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.body);

    // A consent given more than two hours ago has lapsed: nothing is submitted under it.
    let code = w.consent_code().await;
    clerk
        .json(
            Method::POST,
            &format!("/api/v1/assist/{third}/confirm"),
            json!({ "code": code }),
        )
        .await
        .ok();
    sqlx::query("UPDATE assist_consents SET granted_at = granted_at - 7200001 WHERE id = $1")
        .bind(&third)
        .execute(w.t.store.db.writer())
        .await
        .unwrap();
    let r = submit(&mut clerk, &third, &answers, "k3").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert_eq!(r.error_code(), "consent_not_granted");
    let shown = clerk.get(&format!("/api/v1/assist/{third}")).await.ok();
    assert_eq!(shown.json()["state"], "lapsed");
    assert_eq!(
        w.cases_of_citizen().await.len(),
        1,
        "nothing more was stored"
    );

    // Staff who may not assist applicants are refused the whole feature.
    let (mut reviewer, _) =
        w.t.staff("sun", Role::Reviewer, Some(w.t.dept_a), "511602")
            .await;
    assert_eq!(
        reviewer.get("/console/assist").await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn a_consent_opens_the_files_of_its_own_application_and_no_other_upload_of_the_citizen() {
    let mut w = world().await;
    // Another item with an online form: the citizen has a draft of it, with a file.
    let other =
        w.t.catalog
            .snapshot()
            .all()
            .iter()
            .find(|r| r.name != ITEM && !r.is_group)
            .cloned()
            .unwrap();
    let other_version = w.t.publish_form(other.id, &form()).await;
    let r = upload_file(&mut w.citizen, "离婚协议.pdf", SMALL_PDF).await;
    let elsewhere = r.json()["id"].as_str().unwrap().to_owned();
    let r = w
        .citizen
        .json(
            Method::PUT,
            &format!("/api/v1/items/{}/draft", other.id),
            json!({ "form_version": other_version, "answers": { "proof": [elsewhere] } }),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // And a draft of this item, with a file of its own.
    let r = upload_file(&mut w.citizen, "收入证明.pdf", SMALL_PDF).await;
    let here = r.json()["id"].as_str().unwrap().to_owned();
    let r = w
        .citizen
        .json(
            Method::PUT,
            &format!("/api/v1/items/{}/draft", w.item),
            json!({ "form_version": w.version, "answers": { "proof": [here] } }),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    // The clerk's consent is for this item.
    let mut clerk = w.clerk("wang").await;
    let r = clerk
        .json(
            Method::POST,
            "/api/v1/assist",
            json!({ "id_number": w.id_number, "item": w.item }),
        )
        .await;
    let consent = r.json()["id"].as_str().unwrap().to_owned();
    let code = w.consent_code().await;
    clerk
        .json(
            Method::POST,
            &format!("/api/v1/assist/{consent}/confirm"),
            json!({ "code": code }),
        )
        .await
        .ok();

    // This application's file opens; the other draft's does not, not even by its id.
    assert_eq!(
        clerk.get(&format!("/uploads/{here}")).await.status,
        StatusCode::OK
    );
    let r = clerk.get(&format!("/uploads/{elsewhere}")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(!r.body.starts_with("%PDF"));

    // Nor can it be named into this application, on the page or through the API.
    let base = format!("/console/assist/{consent}/items/{}/apply", w.item);
    let page = clerk.get(&format!("{base}/applicant")).await.ok();
    assert!(
        page.body.contains("收入证明.pdf"),
        "this draft's file is listed"
    );
    let r = post_multipart(
        &mut clerk,
        &format!("{base}/applicant"),
        &[
            ("form_version", &w.version.to_string()),
            ("name", NAME),
            ("reason", "行动不便"),
            ("proof", &here),
            ("proof", &elsewhere),
            ("action", "later"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let saved =
        w.t.store
            .draft(w.t.citizen_id(PHONE).await, w.item.parse().unwrap())
            .await
            .unwrap()
            .unwrap();
    assert_eq!(
        saved.answers["proof"],
        json!([here]),
        "the foreign file was dropped"
    );
    assert_eq!(
        clerk.get(&format!("/uploads/{elsewhere}")).await.status,
        StatusCode::NOT_FOUND
    );
    let answers = json!({
        "form_version": w.version,
        "answers": { "name": NAME, "reason": "行动不便", "proof": [elsewhere] }
    });
    let r = submit(&mut clerk, &consent, &answers, "foreign-file").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        w.cases_of_citizen().await.is_empty(),
        "nothing was submitted"
    );
}
