//! Online applications through the JSON API (APP-1…8, CERT-1…3): submitting exactly once,
//! receipts and tracking without logging in, the workflow from acceptance to delivery, staff
//! racing on one case, steps that are not allowed, who sees what, working-day deadlines with
//! pauses, instant approval, uploads and notices.

use http::{Method, StatusCode};
use serde_json::{Value, json};
use yiwang_domain::application::ItemForm;
use yiwang_domain::auth::Role;
use yiwang_domain::deadline::{Deadline, Pause};

use crate::support::{Client, Resp, SMALL_PDF, TestApp, id_number, post_multipart, upload_file};

/// An item of 区民政局 (`dept_a`) in the real catalogue.
pub(crate) const ITEM: &str = "最低生活保障";
pub(crate) const PHONE: &str = "13811112222";
pub(crate) const NAME: &str = "张秀英";
pub(crate) const OTHER_PHONE: &str = "13933334444";

/// A small form with a text, an ID number, a group and a file; two review steps (a reviewer,
/// then the department admin approves); a certificate.
pub(crate) fn test_form() -> ItemForm {
    serde_json::from_value(json!({
        "form": { "sections": [{
            "key": "applicant",
            "title": { "zh": "申请人" },
            "fields": [
                { "key": "name", "label": { "zh": "申请人姓名" },
                  "kind": { "type": "text", "max_len": 30, "multiline": false }, "required": true },
                { "key": "id_number", "label": { "zh": "身份证号码" },
                  "kind": { "type": "id_number" }, "required": true },
                { "key": "members", "label": { "zh": "共同生活的家庭成员" },
                  "kind": { "type": "group", "min": 0, "max": 5, "fields": [
                      { "key": "member_name", "label": { "zh": "姓名" },
                        "kind": { "type": "text", "max_len": 30, "multiline": false }, "required": true }
                  ] } },
                { "key": "proof", "label": { "zh": "证明材料" },
                  "kind": { "type": "file", "accept": ["pdf"], "max_bytes": 5_242_880, "max_files": 2 } }
            ]
        }] },
        "workflow": { "steps": [
            { "name": { "zh": "审核" }, "role": "reviewer" },
            { "name": { "zh": "审批" }, "role": "dept_admin" }
        ] },
        "certificate": { "type": "subsistence_allowance", "name": { "zh": "最低生活保障证" },
                         "fields": ["name", "id_number"], "valid_years": 1 }
    }))
    .unwrap()
}

/// A catalogue with the item, its form published, and a verified applicant.
pub(crate) struct World {
    pub(crate) t: TestApp,
    pub(crate) item: String,
    pub(crate) version: i64,
    pub(crate) citizen: Client,
    pub(crate) id_number: String,
    /// Answers that pass the form's checks.
    pub(crate) answers: Value,
}

pub(crate) async fn world() -> World {
    let t = TestApp::new().await;
    t.import_catalogue(&TestApp::real_catalogue(3, &[ITEM]))
        .await;
    let row = t.item_named(ITEM);
    assert_eq!(row.department, t.dept_a);
    let version = t.publish_form(row.id, &test_form()).await;
    let idn = id_number("51160219800101002");
    let citizen = t.verified_citizen(PHONE, NAME, &idn).await;
    World {
        t,
        item: row.id.to_string(),
        version,
        citizen,
        answers: json!({ "name": NAME, "id_number": idn, "members": [{ "member_name": "张小明" }] }),
        id_number: idn,
    }
}

impl World {
    /// A reviewer, or another role, of `dept_a`.
    pub(crate) async fn staff(&self, username: &str, role: Role) -> Client {
        self.t
            .staff(username, role, Some(self.t.dept_a), "511602")
            .await
            .0
    }

    /// Submits the world's answers as the world's citizen; returns the case.
    pub(crate) async fn submitted(&mut self) -> Value {
        let (item, version, answers) = (self.item.clone(), self.version, self.answers.clone());
        let r = submit(&mut self.citizen, &item, version, answers, None).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        r.json()
    }
}

/// `POST /api/v1/items/{item}/applications`, with an idempotency key if given.
pub(crate) async fn submit(
    c: &mut Client,
    item: &str,
    version: i64,
    answers: Value,
    key: Option<&str>,
) -> Resp {
    let mut headers: Vec<(&str, String)> = Vec::new();
    if c.bearer.is_none()
        && let Some(t) = &c.csrf
    {
        headers.push(("x-csrf-token", t.clone()));
    }
    if let Some(k) = key {
        headers.push(("idempotency-key", k.to_owned()));
    }
    let headers: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let body = json!({ "form_version": version, "answers": answers });
    c.request(
        Method::POST,
        &format!("/api/v1/items/{item}/applications"),
        Some("application/json"),
        body.to_string().into_bytes(),
        &headers,
    )
    .await
}

/// A staff step on the case at the revision given.
pub(crate) async fn staff_step(c: &mut Client, case: &str, revision: i64, step: Value) -> Resp {
    c.json(
        Method::POST,
        &format!("/api/v1/cases/{case}/actions"),
        json!({ "revision": revision, "step": step }),
    )
    .await
}

/// A staff step on the case as it is now; asserts it succeeded and returns the case.
pub(crate) async fn step_ok(w: &mut World, staff: &mut Client, case: &str, step: Value) -> Value {
    let revision = my_case(&mut w.citizen, case).await["case"]["revision"]
        .as_i64()
        .unwrap();
    let r = staff_step(staff, case, revision, step.clone()).await;
    assert_eq!(r.status, StatusCode::OK, "{step}: {}", r.body);
    r.json()
}

/// A reviewer accepts the case and returns it to the applicant for what is `missing`.
pub(crate) async fn accept_and_return(
    w: &mut World,
    reviewer: &mut Client,
    case: &str,
    missing: &str,
) {
    step_ok(w, reviewer, case, json!({ "action": "accept" })).await;
    step_ok(
        w,
        reviewer,
        case,
        json!({ "action": "return", "missing": [missing] }),
    )
    .await;
}

pub(crate) async fn applicant_step(c: &mut Client, case: &str, body: Value) -> Resp {
    c.json(
        Method::POST,
        &format!("/api/v1/me/cases/{case}/actions"),
        body,
    )
    .await
}

pub(crate) async fn my_case(c: &mut Client, case: &str) -> Value {
    let r = c.get(&format!("/api/v1/me/cases/{case}")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.json()
}

async fn my_total(c: &mut Client) -> i64 {
    c.get("/api/v1/me/cases").await.ok().json()["total"]
        .as_i64()
        .unwrap()
}

pub(crate) fn id(case: &Value) -> String {
    case["id"].as_str().unwrap().to_owned()
}

pub(crate) fn field_errors(r: &Resp) -> Vec<(String, String)> {
    r.json()["error"]["fields"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| {
                    (
                        f["field"].as_str().unwrap_or("").to_owned(),
                        f["code"].as_str().unwrap_or("").to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// How many history entries of a kind a case has.
fn events_of(detail: &Value, kind: &str) -> usize {
    detail["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == kind)
        .count()
}

fn today() -> time::Date {
    yiwang_domain::Timestamp::now().beijing_date()
}

/// `YYYYMMDD-XXXX-XXXX` in Crockford's base 32, dated today.
fn is_receipt(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let d = today();
    let date = format!("{:04}{:02}{:02}", d.year(), u8::from(d.month()), d.day());
    let crockford = |p: &str| {
        p.len() == 4
            && p.bytes()
                .all(|b| b"0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains(&b))
    };
    parts.len() == 3 && parts[0] == date && crockford(parts[1]) && crockford(parts[2])
}

#[tokio::test]
async fn a_citizen_who_submits_twice_with_the_same_key_gets_one_case() {
    let mut w = world().await;
    let (item, v, answers) = (w.item.clone(), w.version, w.answers.clone());
    let key = "a5f1c2e0-double-click";
    let first = submit(&mut w.citizen, &item, v, answers.clone(), Some(key)).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    let again = submit(&mut w.citizen, &item, v, answers.clone(), Some(key)).await;
    assert_eq!(again.status, StatusCode::OK, "a retry is not a new case");
    assert_eq!(first.json()["id"], again.json()["id"]);
    assert_eq!(first.json()["receipt"], again.json()["receipt"]);
    assert_eq!(my_total(&mut w.citizen).await, 1);

    // The same key with other answers is refused, and nothing new is stored.
    let mut changed = answers;
    changed["members"] = json!([{ "member_name": "张小红" }]);
    let r = submit(&mut w.citizen, &item, v, changed, Some(key)).await;
    assert_eq!(
        (r.status, r.error_code().as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "idempotency_key_reused")
    );
    assert_eq!(my_total(&mut w.citizen).await, 1);
    let case = my_case(&mut w.citizen, first.json()["id"].as_str().unwrap()).await;
    assert_eq!(events_of(&case, "submitted"), 1);
}

#[tokio::test]
async fn a_submission_on_a_changed_form_or_with_bad_answers_stores_nothing() {
    let mut w = world().await;
    let (item, v) = (w.item.clone(), w.version);
    // A tampered version, then an old one after a new version is published.
    let r = submit(&mut w.citizen, &item, v + 7, w.answers.clone(), None).await;
    assert_eq!(
        (r.status, r.error_code().as_str()),
        (StatusCode::CONFLICT, "form_changed")
    );
    let new = w.t.publish_form(item.parse().unwrap(), &test_form()).await;
    assert_eq!(new, v + 1);
    let r = submit(&mut w.citizen, &item, v, w.answers.clone(), None).await;
    assert_eq!(
        (r.status, r.error_code().as_str()),
        (StatusCode::CONFLICT, "form_changed")
    );
    let form = w.citizen.get(&format!("/api/v1/items/{item}/form")).await;
    assert_eq!(
        form.ok().json()["version"],
        new,
        "the form says which version is current"
    );

    // Bad answers name the fields, a group entry's by its path.
    let bad = json!({
        "id_number": "511602198001010021",
        "members": [{ "member_name": "" }]
    });
    let r = submit(&mut w.citizen, &item, new, bad, None).await;
    assert_eq!(
        (r.status, r.error_code().as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "validation_failed"),
        "{}",
        r.body
    );
    let fields = field_errors(&r);
    let code_of = |f: &str| {
        fields
            .iter()
            .find(|(k, _)| k == f)
            .map(|(_, c)| c.clone())
            .unwrap_or_else(|| panic!("no error for {f} in {fields:?}"))
    };
    assert_eq!(code_of("name"), "required");
    assert!(code_of("id_number").starts_with("id_number"), "{fields:?}");
    assert_eq!(code_of("members[0].member_name"), "required");
    assert_eq!(my_total(&mut w.citizen).await, 0, "nothing was stored");
}

#[tokio::test]
async fn a_receipt_number_is_readable_unique_and_opens_the_progress_without_personal_data() {
    let mut w = world().await;
    let mut receipts = std::collections::HashSet::new();
    let mut last = Value::Null;
    for _ in 0..25 {
        last = w.submitted().await;
        let receipt = last["receipt"].as_str().unwrap().to_owned();
        assert!(is_receipt(&receipt), "{receipt}");
        assert!(receipts.insert(receipt), "receipts are unique");
    }
    let receipt = last["receipt"].as_str().unwrap().to_owned();
    let detail = my_case(&mut w.citizen, &id(&last)).await;
    let code = detail["verification_code"].as_str().unwrap().to_owned();
    assert_eq!(code.len(), 6);

    let mut anyone = w.t.client();
    let r = anyone
        .get(&format!("/api/v1/track?receipt={receipt}&code={code}"))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["state"], "submitted");
    assert_eq!(r.json()["item_name"], ITEM);
    for secret in [NAME, w.id_number.as_str(), PHONE, "张小明"] {
        assert!(!r.body.contains(secret), "the progress shows {secret}");
    }
    // Typed as a person would: lower case, no hyphens.
    let typed = receipt.replace('-', "").to_lowercase();
    let r = anyone
        .get(&format!("/api/v1/track?receipt={typed}&code={code}"))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    let wrong = if code == "000000" { "000001" } else { "000000" };
    let mut guesser = w.t.client();
    guesser.ip = "203.0.113.9".parse().unwrap();
    let r = guesser
        .get(&format!("/api/v1/track?receipt={receipt}&code={wrong}"))
        .await;
    assert_eq!(
        (r.status, r.error_code().as_str()),
        (StatusCode::NOT_FOUND, "not_found")
    );
    let mut limited = false;
    for _ in 0..30 {
        let r = guesser
            .get(&format!("/api/v1/track?receipt={receipt}&code={wrong}"))
            .await;
        if r.status == StatusCode::TOO_MANY_REQUESTS {
            assert_eq!(r.error_code(), "rate_limited");
            limited = true;
            break;
        }
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    }
    assert!(limited, "guessing codes is slowed down");
    // Even the right code waits now, from that address.
    let r = guesser
        .get(&format!("/api/v1/track?receipt={receipt}&code={code}"))
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn an_application_goes_from_submission_through_a_return_to_an_electronic_certificate() {
    let mut w = world().await;
    let mut reviewer = w.staff("reviewer", Role::Reviewer).await;
    let mut approver = w.staff("deptadmin", Role::DeptAdmin).await;
    let case = w.submitted().await;
    let cid = id(&case);
    assert_eq!(case["state"], "submitted");

    // The reviewer sees it in the queue.
    let queue = reviewer.get("/api/v1/cases").await.ok().json();
    assert!(
        queue["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == cid.as_str())
    );

    let c = step_ok(&mut w, &mut reviewer, &cid, json!({ "action": "accept" })).await;
    assert_eq!(c["state"], "under_review");
    let missing = ["户口簿复印件", "收入证明原件"];
    let c = step_ok(
        &mut w,
        &mut reviewer,
        &cid,
        json!({ "action": "return", "missing": missing, "note": "请一次补齐" }),
    )
    .await;
    assert_eq!(c["state"], "returned");

    let detail = my_case(&mut w.citizen, &cid).await;
    assert_eq!(detail["case"]["state"], "returned");
    let returned = detail["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "returned")
        .unwrap();
    assert_eq!(returned["detail"]["missing"], json!(missing));
    assert_eq!(returned["note"], "请一次补齐");
    assert_eq!(returned["actor"], "staff");

    // The applicant supplies what was missing, with a corrected answer and a file.
    let file = upload_file(&mut w.citizen, "户口簿.pdf", SMALL_PDF).await;
    assert_eq!(file.status, StatusCode::CREATED, "{}", file.body);
    let mut corrected = w.answers.clone();
    corrected["members"] = json!([{ "member_name": "张小明" }, { "member_name": "李桂兰" }]);
    corrected["proof"] = json!([file.json()["id"]]);
    let r = applicant_step(
        &mut w.citizen,
        &cid,
        json!({ "action": "supplement", "answers": corrected }),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["state"], "under_review");
    let answers = w.t.store.case_answers(cid.parse().unwrap()).await.unwrap();
    assert_eq!(answers["members"][1]["member_name"], "李桂兰");

    let c = step_ok(
        &mut w,
        &mut reviewer,
        &cid,
        json!({ "action": "advance", "note": "材料齐全" }),
    )
    .await;
    assert_eq!(
        (c["state"].as_str(), c["step"].as_u64()),
        (Some("under_review"), Some(1))
    );
    // The last step is the department admin's, not the reviewer's.
    let rev = c["revision"].as_i64().unwrap();
    let r = staff_step(&mut reviewer, &cid, rev, json!({ "action": "approve" })).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let c = step_ok(
        &mut w,
        &mut approver,
        &cid,
        json!({ "action": "approve", "note": "同意" }),
    )
    .await;
    assert_eq!(c["state"], "approved");
    let c = step_ok(
        &mut w,
        &mut approver,
        &cid,
        json!({ "action": "deliver", "method": "electronic" }),
    )
    .await;
    assert_eq!(c["state"], "completed");
    let detail = my_case(&mut w.citizen, &cid).await;
    let kinds: Vec<&str> = detail["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "submitted",
            "accepted",
            "returned",
            "supplemented",
            "advanced",
            "approved",
            "delivered"
        ]
    );

    // The certificate is in the wallet and verifies; an altered one does not.
    let wallet = w.citizen.get("/api/v1/me/certificates").await.ok().json();
    let certs = wallet.as_array().unwrap();
    assert_eq!(certs.len(), 1, "{wallet}");
    assert_eq!(certs[0]["cert_type"], "subsistence_allowance");
    assert_eq!(certs[0]["valid"], true);
    let token = certs[0]["token"].as_str().unwrap().to_owned();
    let mut anyone = w.t.client();
    anyone.get("/").await;
    let r = anyone
        .json(
            Method::POST,
            "/api/v1/certificates/verify",
            json!({ "token": token }),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["status"], "valid");
    assert_eq!(r.json()["payload"]["data"]["name"], NAME);
    let stated = r.json()["payload"]["data"]["id_number"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        stated.contains('*') && stated != w.id_number,
        "an ID number stated on a certificate is masked: {stated}"
    );
    assert_ne!(
        r.json()["payload"]["holder_id"],
        w.id_number.as_str(),
        "the ID number is masked"
    );
    let mut altered = token.clone().into_bytes();
    let i = altered.len() / 2;
    altered[i] = if altered[i] == b'A' { b'B' } else { b'A' };
    let altered = String::from_utf8(altered).unwrap();
    let r = anyone
        .json(
            Method::POST,
            "/api/v1/certificates/verify",
            json!({ "token": altered }),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["status"], "invalid");

    // The key that signed it is published.
    let keys = anyone.get("/.well-known/yiwang/keys.json").await;
    assert_eq!(keys.status, StatusCode::OK);
    let r = anyone
        .json(
            Method::POST,
            "/api/v1/certificates/verify",
            json!({ "token": token }),
        )
        .await;
    let kid = r.json()["payload"]["kid"].as_str().unwrap().to_owned();
    assert!(keys.body.contains(&kid), "{}", keys.body);
}

#[tokio::test]
async fn two_staff_acting_on_the_same_revision_the_first_wins_and_the_second_is_told() {
    let mut w = world().await;
    let mut reviewer = w.staff("reviewer", Role::Reviewer).await;
    let mut clerk = w.staff("clerk", Role::WindowClerk).await;
    let case = w.submitted().await;
    let (cid, rev) = (id(&case), case["revision"].as_i64().unwrap());

    // At the same moment: one accepts, the other returns it.
    let (a, b) = tokio::join!(
        staff_step(&mut reviewer, &cid, rev, json!({ "action": "accept" })),
        staff_step(
            &mut clerk,
            &cid,
            rev,
            json!({ "action": "return", "missing": ["身份证复印件"] })
        ),
    );
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(
        statuses,
        [StatusCode::OK, StatusCode::CONFLICT],
        "{} / {}",
        a.body,
        b.body
    );
    let loser = if a.status == StatusCode::CONFLICT {
        &a
    } else {
        &b
    };
    assert_eq!(loser.error_code(), "conflict");
    let won_accept = a.status == StatusCode::OK;

    let detail = my_case(&mut w.citizen, &cid).await;
    assert_eq!(
        events_of(&detail, "accepted") + events_of(&detail, "returned"),
        1,
        "one step, no lost update"
    );
    let expected = if won_accept {
        "under_review"
    } else {
        "returned"
    };
    assert_eq!(detail["case"]["state"], expected);
    assert_eq!(detail["case"]["revision"], rev + 1);

    // One after the other with the same stale revision: the second is refused too.
    let fresh = detail["case"]["revision"].as_i64().unwrap();
    let r = staff_step(&mut reviewer, &cid, rev, json!({ "action": "accept" })).await;
    assert_eq!(
        (r.status, r.error_code().as_str()),
        (StatusCode::CONFLICT, "conflict")
    );
    assert_eq!(
        my_case(&mut w.citizen, &cid).await["case"]["revision"],
        fresh
    );
}

#[tokio::test]
async fn steps_that_are_not_allowed_change_nothing() {
    let mut w = world().await;
    let mut reviewer = w.staff("reviewer", Role::Reviewer).await;
    let mut approver = w.staff("deptadmin", Role::DeptAdmin).await;

    // Approving a withdrawn case.
    let case = w.submitted().await;
    let cid = id(&case);
    let r = applicant_step(
        &mut w.citizen,
        &cid,
        json!({ "action": "withdraw", "reason": "不办了" }),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["state"], "withdrawn");
    let before = my_case(&mut w.citizen, &cid).await;
    let rev = before["case"]["revision"].as_i64().unwrap();
    let r = staff_step(&mut approver, &cid, rev, json!({ "action": "approve" })).await;
    assert_eq!(
        (r.status, r.error_code().as_str()),
        (StatusCode::CONFLICT, "invalid_transition")
    );
    assert_eq!(
        my_case(&mut w.citizen, &cid).await,
        before,
        "nothing changed"
    );

    // Supplementing a case that was not returned.
    let case = w.submitted().await;
    let cid = id(&case);
    let before = my_case(&mut w.citizen, &cid).await;
    let r = applicant_step(
        &mut w.citizen,
        &cid,
        json!({ "action": "supplement", "answers": w.answers.clone() }),
    )
    .await;
    assert_eq!(
        (r.status, r.error_code().as_str()),
        (StatusCode::CONFLICT, "invalid_transition")
    );
    assert_eq!(my_case(&mut w.citizen, &cid).await, before);

    // Withdrawing after a decision.
    step_ok(&mut w, &mut reviewer, &cid, json!({ "action": "accept" })).await;
    let c = step_ok(
        &mut w,
        &mut reviewer,
        &cid,
        json!({ "action": "deny", "reason": "家庭收入高于当地低保标准", "legal_basis": "《社会救助暂行办法》第九条" }),
    )
    .await;
    assert_eq!(c["state"], "denied");
    let before = my_case(&mut w.citizen, &cid).await;
    let r = applicant_step(&mut w.citizen, &cid, json!({ "action": "withdraw" })).await;
    assert_eq!(
        (r.status, r.error_code().as_str()),
        (StatusCode::CONFLICT, "invalid_transition")
    );
    assert_eq!(my_case(&mut w.citizen, &cid).await, before);
    assert!(
        w.t.store
            .certificates_of(w.t.citizen_id(PHONE).await)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn another_department_cannot_act_on_or_see_a_case_and_another_citizen_cannot_open_it() {
    let mut w = world().await;
    let case = w.submitted().await;
    let (cid, rev) = (id(&case), case["revision"].as_i64().unwrap());
    let (mut other, _) =
        w.t.staff("otherreviewer", Role::Reviewer, Some(w.t.dept_b), "511602")
            .await;
    let r = staff_step(&mut other, &cid, rev, json!({ "action": "accept" })).await;
    assert_eq!(
        (r.status, r.error_code().as_str()),
        (StatusCode::FORBIDDEN, "forbidden")
    );
    let queue = other.get("/api/v1/cases").await.ok().json();
    assert_eq!(queue["total"], 0, "{queue}");
    assert!(!queue.to_string().contains(&cid));
    // Their own department's reviewer does see it.
    let mut reviewer = w.staff("reviewer", Role::Reviewer).await;
    assert_eq!(reviewer.get("/api/v1/cases").await.ok().json()["total"], 1);

    let mut b =
        w.t.verified_citizen(OTHER_PHONE, "李建国", &id_number("51160319750505003"))
            .await;
    let r = b.get(&format!("/api/v1/me/cases/{cid}")).await;
    assert_eq!(
        (r.status, r.error_code().as_str()),
        (StatusCode::NOT_FOUND, "not_found")
    );
    assert!(!r.body.contains(NAME));
    let r = applicant_step(&mut b, &cid, json!({ "action": "withdraw" })).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(my_total(&mut b).await, 0);
    let detail = my_case(&mut w.citizen, &cid).await;
    assert_eq!(detail["case"]["state"], "submitted");
    assert_eq!(detail["case"]["revision"], rev, "unchanged");
}

#[tokio::test]
async fn the_due_day_is_counted_on_the_official_calendar_and_a_return_stops_the_clock() {
    let mut w = world().await;
    w.t.load_calendar().await;
    // The item promises 7 working days (set as an editor would).
    let (mut admin, _) = w.t.staff("admin", Role::PlatformAdmin, None, "5116").await;
    let item = w.t.store.item(w.item.parse().unwrap()).await.unwrap();
    let row = &item.row;
    let r = admin
        .json(
            Method::PUT,
            &format!("/api/v1/admin/items/{}", w.item),
            json!({
                "item": {
                    "name": row.name,
                    "code": row.code.clone().unwrap_or_default(),
                    "item_type": row.item_type.as_str(),
                    "department": row.department.to_string(),
                    "region": row.region.to_string(),
                    "promised_days": "7"
                },
                "version": row.version
            }),
        )
        .await;
    assert!(r.status.is_success(), "{}", r.body);
    let days = 7;

    let mut reviewer = w.staff("reviewer", Role::Reviewer).await;
    let case = w.submitted().await;
    let cid = id(&case);
    assert!(case["due_on"].is_null(), "no clock before acceptance");
    let c = step_ok(&mut w, &mut reviewer, &cid, json!({ "action": "accept" })).await;
    let calendar = w.t.store.calendar().await.unwrap();
    let today = today();
    let Deadline::Due { date: due, .. } = calendar.deadline(today, days, &[]) else {
        panic!("no pause yet")
    };
    assert_eq!(c["due_on"], due.to_string(), "{c}");
    assert!(c["paused"].is_null());

    let c = step_ok(
        &mut w,
        &mut reviewer,
        &cid,
        json!({ "action": "return", "missing": ["收入证明"] }),
    )
    .await;
    assert!(
        c["due_on"].is_null(),
        "the clock stops while the applicant corrects: {c}"
    );
    assert_eq!(c["paused"], "correction");
    let track_due = my_case(&mut w.citizen, &cid).await["case"]["due_on"].clone();
    assert!(track_due.is_null());

    let r = applicant_step(
        &mut w.citizen,
        &cid,
        json!({ "action": "supplement", "answers": w.answers.clone() }),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let c = r.json();
    let pause = Pause {
        from: today,
        to: Some(today),
    };
    let Deadline::Due { date: resumed, .. } = calendar.deadline(today, days, &[pause]) else {
        panic!("the pause is closed")
    };
    assert_eq!(
        c["due_on"],
        resumed.to_string(),
        "the clock runs again: {c}"
    );
    assert!(c["paused"].is_null());
}

/// The 个体工商户设立登记 form of the demo, with its `no_open_case` item names made ids.
pub(crate) fn business_form(t: &TestApp) -> ItemForm {
    let doc: Value =
        serde_json::from_str(include_str!("../../../../seed/forms/demo_forms.json")).unwrap();
    let e = doc["forms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["item"] == "个体工商户设立登记")
        .unwrap();
    ItemForm::from_seed(e, |n| Some(t.item_named(n).id.to_string())).unwrap()
}

/// Answers to the business registration form that pass every rule (name, ID number and phone
/// are filled from the verified account).
pub(crate) async fn business_answers(c: &mut Client) -> Value {
    let mut files = Vec::new();
    for name in ["申请书.pdf", "租赁合同.pdf"] {
        let r = upload_file(c, name, SMALL_PDF).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        files.push(r.json()["id"].clone());
    }
    json!({
        "operator_address": { "region": "511602001", "detail": "建设路12号" },
        "has_name": "yes",
        "business_name": "广安区秀英小吃店",
        "composition": "individual",
        "business_scope": "小餐饮；食品销售",
        "licensed_activities": ["food"],
        "capital": "3.5",
        "staff_count": "2",
        "premises": { "region": "511602002", "detail": "北辰路8号附3号" },
        "premises_source": "lease",
        "premises_area": "45",
        "use_agent": "self",
        "application_form": [files[0]],
        "premises_proof": [files[1]],
    })
}

#[tokio::test]
async fn a_business_registration_that_meets_every_rule_is_approved_at_once_with_a_certificate() {
    let t = TestApp::new().await;
    t.import_catalogue(&TestApp::real_catalogue(2, &["个体工商户设立登记"]))
        .await;
    let item = t.item_named("个体工商户设立登记");
    let bundle = business_form(&t);
    assert!(bundle.instant);
    let version = t.publish_form(item.id, &bundle).await;
    let item_id = item.id.to_string();

    let idn = id_number("51160219800101002");
    let mut c = t.verified_citizen(PHONE, NAME, &idn).await;
    let answers = business_answers(&mut c).await;
    let r = submit(&mut c, &item_id, version, answers, None).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let case = r.json();
    assert_eq!(
        case["state"], "completed",
        "decided within the request: {case}"
    );
    assert_eq!(case["auto_decided"], true);
    let wallet = c.get("/api/v1/me/certificates").await.ok().json();
    assert_eq!(wallet.as_array().unwrap().len(), 1, "{wallet}");
    assert_eq!(wallet[0]["cert_type"], "business_licence");
    let token = wallet[0]["token"].as_str().unwrap();
    let v = c
        .json(
            Method::POST,
            "/api/v1/certificates/verify",
            json!({ "token": token }),
        )
        .await;
    assert_eq!(v.json()["status"], "valid", "{}", v.body);
    assert_eq!(
        v.json()["payload"]["data"]["business_name"],
        "广安区秀英小吃店"
    );
    assert_eq!(
        v.json()["payload"]["holder"],
        NAME,
        "the holder is named from the verified account"
    );
    assert!(
        v.json()["payload"]["data"].get("name").is_none(),
        "the applicant's identity is stated once, as the holder, not again in the data"
    );
    let stored = t
        .store
        .case(id(&case).parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    let trace: Value = serde_json::from_str(stored.rule_trace.as_deref().unwrap()).unwrap();
    assert_eq!(trace["passed"], true);

    // Premises used for free: one rule fails, and a person decides.
    let mut b = t
        .verified_citizen(OTHER_PHONE, "李建国", &id_number("51160319750505003"))
        .await;
    let mut answers = business_answers(&mut b).await;
    answers["premises_source"] = json!("free");
    let r = submit(&mut b, &item_id, version, answers, None).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let case = r.json();
    assert_eq!(case["state"], "submitted", "{case}");
    assert_eq!(case["auto_decided"], false);
    let stored = t
        .store
        .case(id(&case).parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    let trace: Value = serde_json::from_str(stored.rule_trace.as_deref().unwrap()).unwrap();
    assert_eq!(trace["passed"], false);
    let failed: Vec<&str> = trace["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["outcome"] != "pass")
        .map(|r| r["key"].as_str().unwrap())
        .collect();
    assert_eq!(failed, ["premises_known"], "{trace}");
    assert!(
        b.get("/api/v1/me/certificates")
            .await
            .ok()
            .json()
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn uploads_are_recognised_by_their_bytes_scanned_limited_and_kept_to_their_owner() {
    let mut w = world().await;
    let r = upload_file(&mut w.citizen, "证明.pdf", SMALL_PDF).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.json()["file_type"], "pdf");
    assert_eq!(r.json()["bytes"], SMALL_PDF.len());
    let mine = r.json()["id"].clone();

    let r = upload_file(
        &mut w.citizen,
        "证明.pdf",
        b"just some text, not a PDF at all\n",
    )
    .await;
    assert_eq!(
        (r.status, field_errors(&r)),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![("file".to_owned(), "file_type".to_owned())]
        )
    );
    // The EICAR test string, alone and inside a PDF.
    let eicar: &[u8] = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
    let r = upload_file(&mut w.citizen, "eicar.pdf", eicar).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let mut infected = SMALL_PDF.to_vec();
    infected.extend_from_slice(eicar);
    let r = upload_file(&mut w.citizen, "eicar.pdf", &infected).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.error_code(), "validation_failed");
    // Over 20 MiB.
    let mut big = SMALL_PDF.to_vec();
    big.resize(21 * 1024 * 1024, b' ');
    let r = upload_file(&mut w.citizen, "big.pdf", &big).await;
    assert!(
        matches!(
            r.status,
            StatusCode::PAYLOAD_TOO_LARGE | StatusCode::UNPROCESSABLE_ENTITY
        ),
        "{} {}",
        r.status,
        r.body
    );

    // Another citizen cannot attach it to their application.
    let mut b =
        w.t.verified_citizen(OTHER_PHONE, "李建国", &id_number("51160319750505003"))
            .await;
    let answers =
        json!({ "name": "李建国", "id_number": id_number("51160319750505003"), "proof": [mine] });
    let (item, v) = (w.item.clone(), w.version);
    let r = submit(&mut b, &item, v, answers.clone(), None).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        field_errors(&r)
            .iter()
            .any(|(f, c)| f.starts_with("proof") && c == "unknown_file"),
        "{}",
        r.body
    );
    assert_eq!(my_total(&mut b).await, 0);
    // Its owner can.
    let mut own = w.answers.clone();
    own["proof"] = json!([mine]);
    let r = submit(&mut w.citizen, &item, v, own, None).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
}

#[tokio::test]
async fn the_applicant_is_told_their_receipt_number_in_the_inbox() {
    let mut w = world().await;
    let case = w.submitted().await;
    let receipt = case["receipt"].as_str().unwrap();
    w.t.drain().await;
    let inbox = w.citizen.get("/api/v1/me/messages").await.ok().json();
    let received: Vec<&Value> = inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["kind"] == "case_received")
        .collect();
    assert_eq!(received.len(), 1, "{inbox}");
    assert!(
        received[0]["body"].as_str().unwrap().contains(receipt),
        "{inbox}"
    );
    assert!(received[0]["body"].as_str().unwrap().contains(ITEM));

    // And of each step after.
    let mut reviewer = w.staff("reviewer", Role::Reviewer).await;
    step_ok(
        &mut w,
        &mut reviewer,
        &id(&case),
        json!({ "action": "accept" }),
    )
    .await;
    w.t.drain().await;
    let inbox = w.citizen.get("/api/v1/me/messages").await.ok().json();
    let progress = inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["kind"] == "case_progress" && m["body"].as_str().unwrap().contains(receipt))
        .count();
    assert_eq!(progress, 1, "{inbox}");
}

/// Submits, accepts, reviews, approves and delivers: a completed case with a certificate.
/// Returns the certificate's token.
pub(crate) async fn certified(w: &mut World, reviewer: &mut Client, head: &mut Client) -> String {
    let case = w.submitted().await;
    let case = id(&case);
    step_ok(w, reviewer, &case, json!({ "action": "accept" })).await;
    step_ok(
        w,
        reviewer,
        &case,
        json!({ "action": "advance", "note": "" }),
    )
    .await;
    step_ok(w, head, &case, json!({ "action": "approve", "note": "" })).await;
    step_ok(
        w,
        head,
        &case,
        json!({ "action": "deliver", "method": "electronic", "tracking": null }),
    )
    .await;
    let wallet = w.citizen.get("/api/v1/me/certificates").await.json();
    wallet[0]["token"].as_str().unwrap().to_owned()
}

async fn verdict(c: &mut Client, token: &str) -> Value {
    let r = c
        .json(
            Method::POST,
            "/api/v1/certificates/verify",
            json!({ "token": token }),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.json()
}

#[tokio::test]
async fn a_revoked_certificate_verifies_as_revoked_and_a_rotated_key_keeps_old_ones_valid() {
    let mut w = world().await;
    let mut reviewer = w.staff("shen.he", Role::Reviewer).await;
    let mut head = w.staff("ke.zhang", Role::DeptAdmin).await;
    let first = certified(&mut w, &mut reviewer, &mut head).await;
    let mut anyone = w.t.client();
    let v = verdict(&mut anyone, &first).await;
    assert_eq!(v["status"], "valid");
    let cert = v["payload"]["id"].as_str().unwrap().to_owned();
    let old_kid = v["payload"]["kid"].as_str().unwrap().to_owned();

    // A new signing key: later certificates carry it, the first still verifies.
    let dept = w.t.dept_a.to_string();
    let r = head
        .json(
            Method::POST,
            &format!("/api/v1/admin/departments/{dept}/signing-key"),
            json!({}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let new_kid = r.json()["kid"].as_str().unwrap().to_owned();
    assert_ne!(new_kid, old_kid);
    let second = certified(&mut w, &mut reviewer, &mut head).await;
    assert_eq!(
        verdict(&mut anyone, &second).await["payload"]["kid"],
        new_kid.as_str()
    );
    assert_eq!(
        verdict(&mut anyone, &first).await["status"],
        "valid",
        "signed by the retired key"
    );
    let keys = anyone.get("/.well-known/yiwang/keys.json").await.body;
    assert!(keys.contains(&old_kid) && keys.contains(&new_kid), "{keys}");

    // A reviewer may not revoke; staff of another department do not even find it.
    let path = format!("/api/v1/certificates/{cert}/revoke");
    let r = reviewer
        .json(Method::POST, &path, json!({ "reason": "x" }))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let (mut other, _) =
        w.t.staff("other.admin", Role::DeptAdmin, Some(w.t.dept_b), "511602")
            .await;
    let r = other
        .json(Method::POST, &path, json!({ "reason": "x" }))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    let r = head
        .json(Method::POST, &path, json!({ "reason": "" }))
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a reason is required: {}",
        r.body
    );
    assert_eq!(
        verdict(&mut anyone, &first).await["status"],
        "valid",
        "nothing changed yet"
    );

    let r = head
        .json(
            Method::POST,
            &path,
            json!({ "reason": "申请材料虚假，依法撤销" }),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = verdict(&mut anyone, &first).await;
    assert_eq!(v["status"], "revoked");
    assert_eq!(v["revoked_reason"], "申请材料虚假，依法撤销");
    let list = anyone.get("/.well-known/yiwang/revocations.json").await;
    assert!(list.body.contains(&cert), "{}", list.body);
    let r = head
        .json(Method::POST, &path, json!({ "reason": "again" }))
        .await;
    assert_eq!(
        r.status,
        StatusCode::CONFLICT,
        "a second revocation: {}",
        r.body
    );
    let wallet = w.citizen.get("/api/v1/me/certificates").await.json();
    let mine = wallet
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == cert.as_str())
        .unwrap();
    assert_eq!(
        mine["valid"], false,
        "the holder's wallet shows it is no longer valid"
    );
}

#[tokio::test]
async fn a_case_due_soon_is_reminded_once_and_an_overdue_one_reaches_the_supervisors_board() {
    let mut w = world().await;
    w.t.load_calendar().await;
    let mut reviewer = w.staff("shen.he", Role::Reviewer).await;
    let (mut supervisor, _) = w.t.staff("du.ban", Role::Supervisor, None, "511602").await;
    let soon = id(&w.submitted().await);
    let late = id(&w.submitted().await);
    for case in [&soon, &late] {
        step_ok(&mut w, &mut reviewer, case, json!({ "action": "accept" })).await;
    }
    // One is due tomorrow; the other was due on the last working day before the Spring
    // Festival of 2026 and was left there over the holiday.
    let tomorrow = today() + time::Duration::days(1);
    for (case, due) in [
        (&soon, tomorrow.to_string()),
        (&late, "2026-02-13".to_owned()),
    ] {
        sqlx::query("UPDATE cases SET due_on = $2 WHERE id = $1")
            .bind(case.as_str())
            .bind(due)
            .execute(w.t.store.db.writer())
            .await
            .unwrap();
    }
    let (reminded, overdue) = yiwang_jobs::deadlines::watch(&w.t.store).await.unwrap();
    assert_eq!((reminded, overdue), (1, 1));
    assert_eq!(
        yiwang_jobs::deadlines::watch(&w.t.store).await.unwrap(),
        (0, 0),
        "a second run tells no one again"
    );
    w.t.drain().await;
    let inbox = reviewer.get("/api/v1/me/messages").await.ok().json();
    let texts = inbox.to_string();
    assert!(
        texts.contains("case_due_soon"),
        "the department is reminded: {texts}"
    );
    let board = supervisor.get("/console/overdue").await;
    assert_eq!(board.status, StatusCode::OK, "{}", board.body);
    let late_receipt = my_case(&mut w.citizen, &late).await["case"]["receipt"]
        .as_str()
        .unwrap()
        .to_owned();
    let soon_receipt = my_case(&mut w.citizen, &soon).await["case"]["receipt"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        board.body.contains(&late_receipt),
        "the overdue case is on the board"
    );
    assert!(
        !board.body.contains(&soon_receipt),
        "a case not yet due is not"
    );
    let inbox = supervisor.get("/api/v1/me/messages").await.ok().json();
    assert!(inbox.to_string().contains("case_overdue"), "{inbox}");
}

#[tokio::test]
async fn an_editor_saves_a_checked_draft_tries_the_rules_and_publishes_a_new_version() {
    let mut w = world().await;
    let (mut editor, _) =
        w.t.staff("bian.ji", Role::DeptAdmin, Some(w.t.dept_a), "511602")
            .await;
    let first_case = id(&w.submitted().await);
    let base = format!("/api/v1/admin/items/{}/forms", w.item);

    // A broken draft: every problem at once, with its path; nothing is saved.
    let mut broken = serde_json::to_value(test_form()).unwrap();
    broken["form"]["sections"][0]["fields"][0]["key"] = json!("Bad Key");
    broken["workflow"]["steps"][0]["role"] = json!("supervisor");
    broken["instant"] = json!(true);
    let r = editor
        .json(Method::PUT, &format!("{base}/draft"), broken)
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let fields: Vec<String> = field_errors(&r).into_iter().map(|(f, _)| f).collect();
    for path in [
        "sections[0].fields[0].key",
        "workflow.steps[0].role",
        "rules",
    ] {
        assert!(fields.iter().any(|f| f == path), "{path} in {fields:?}");
    }
    let versions = editor.get(&base).await.json();
    assert_eq!(
        versions.as_array().unwrap().len(),
        1,
        "only the published version"
    );

    // A good draft with an instant-approval rule; a dry run says what an applicant is told.
    let mut good = serde_json::to_value(test_form()).unwrap();
    good["instant"] = json!(true);
    good["rules"] = json!({ "rules": [
        { "key": "adult", "label": { "zh": "申请人年满18周岁" }, "test": "age", "min": 18 }
    ] });
    let r = editor
        .json(Method::PUT, &format!("{base}/draft"), good)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = editor
        .json(
            Method::POST,
            &format!("{base}/dry-run"),
            json!({ "id_number": id_number("51160220100101002") }),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        r.json()["passed"],
        false,
        "a child fails the age rule: {}",
        r.body
    );
    assert_eq!(r.json()["results"][0]["outcome"], "fail");
    let r = editor
        .json(
            Method::POST,
            &format!("{base}/dry-run"),
            json!({ "id_number": w.id_number }),
        )
        .await;
    assert_eq!(r.json()["passed"], true, "{}", r.body);

    // Not for a reviewer, nor for another department's admin.
    let mut reviewer = w.staff("shen.he", Role::Reviewer).await;
    assert_eq!(reviewer.get(&base).await.status, StatusCode::FORBIDDEN);
    let (mut other, _) =
        w.t.staff("other.admin", Role::DeptAdmin, Some(w.t.dept_b), "511602")
            .await;
    assert_eq!(other.get(&base).await.status, StatusCode::FORBIDDEN);

    // Published: new applications use the new version; the earlier case keeps its own.
    let r = editor
        .json(Method::POST, &format!("{base}/publish"), json!({}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let new_version = r.json()["version"].as_i64().unwrap();
    assert_eq!(new_version, w.version + 1);
    let form = w
        .citizen
        .get(&format!("/api/v1/items/{}/form", w.item))
        .await
        .json();
    assert_eq!(form["version"], new_version);
    assert_eq!(form["instant"], true);
    let stored =
        w.t.store
            .case(first_case.parse().unwrap())
            .await
            .unwrap()
            .unwrap();
    assert_eq!(
        stored.form_version, w.version,
        "an application keeps the version it was filled with"
    );
    let r = editor
        .json(Method::POST, &format!("{base}/publish"), json!({}))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "no draft left to publish");
}

#[tokio::test]
async fn department_admins_find_revoke_and_rekey_certificates_in_the_console() {
    let mut w = world().await;
    let mut reviewer = w.staff("shen.he", Role::Reviewer).await;
    let mut head = w.staff("ke.zhang", Role::DeptAdmin).await;
    let token = certified(&mut w, &mut reviewer, &mut head).await;
    let mut anyone = w.t.client();
    let cert = verdict(&mut anyone, &token).await["payload"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let cases = w.citizen.get("/api/v1/me/cases").await.ok().json();
    let receipt = cases["items"][0]["receipt"].as_str().unwrap().to_owned();

    // Found by the case's receipt number, with no holder's data on the page.
    let page = head
        .get(&format!("/console/certificates?q={receipt}"))
        .await
        .ok();
    assert!(page.body.contains(&cert), "{}", page.body);
    assert!(!page.body.contains(NAME) && !page.body.contains(&w.id_number));
    // Another department's admin does not find it; a reviewer may not open the page.
    let (mut other, _) =
        w.t.staff("other.admin", Role::DeptAdmin, Some(w.t.dept_b), "511602")
            .await;
    let page = other
        .get(&format!("/console/certificates?q={cert}"))
        .await
        .ok();
    assert!(!page.body.contains(&format!("{cert}/revoke")));
    assert_eq!(
        reviewer.get("/console/certificates").await.status,
        StatusCode::FORBIDDEN
    );
    let r = other
        .post_form(
            &format!("/console/certificates/{cert}/revoke"),
            &[("reason", "不该成功")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // No reason: told, nothing changed. With a reason: revoked, and /verify says so.
    let path = format!("/console/certificates/{cert}/revoke");
    let r = head.post_form(&path, &[("reason", " ")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(verdict(&mut anyone, &token).await["status"], "valid");
    let r = head
        .post_form(&path, &[("reason", "证照信息有误，重新办理")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = head.get(r.location()).await.ok();
    assert!(page.body.contains("证照已撤销"), "{}", page.body);
    let v = verdict(&mut anyone, &token).await;
    assert_eq!(v["status"], "revoked");
    assert_eq!(v["revoked_reason"], "证照信息有误，重新办理");
    let r = head.post_form(&path, &[("reason", "再撤一次")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("已经撤销过了"));

    // A new signing key from the console: published, and audited.
    let dept = w.t.dept_a;
    let r = head
        .post_form(&format!("/console/departments/{dept}/signing-key"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let kid = r.location().split("rotated=").nth(1).unwrap().to_owned();
    let keys = anyone.get("/.well-known/yiwang/keys.json").await.body;
    assert!(keys.contains(&kid), "{keys}");
    let audit = head.get("/console/audit").await.ok();
    assert!(audit.body.contains("更换证照签名密钥"), "{}", audit.body);
}

/// The ids of a staff queue page of the API.
async fn queue_ids(c: &mut Client, query: &str) -> Vec<String> {
    let r = c.get(&format!("/api/v1/cases{query}")).await.ok();
    r.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn each_role_s_queue_shows_the_cases_waiting_for_it() {
    let mut w = world().await;
    let mut clerk = w.staff("chuang.kou", Role::WindowClerk).await;
    let mut reviewer = w.staff("shen.he", Role::Reviewer).await;
    let mut head = w.staff("ke.zhang", Role::DeptAdmin).await;
    let waiting = id(&w.submitted().await);
    let reviewing = id(&w.submitted().await);
    let deciding = id(&w.submitted().await);
    for (case, step) in [
        (&reviewing, json!({ "action": "accept" })),
        (&deciding, json!({ "action": "accept" })),
        (&deciding, json!({ "action": "advance", "note": "" })),
    ] {
        step_ok(&mut w, &mut reviewer, case, step).await;
    }

    // A submitted case waits for any handler; the first review step for reviewers; the last
    // (审批) for the department admin, who sees everything.
    assert_eq!(queue_ids(&mut clerk, "").await, vec![waiting.clone()]);
    let q = queue_ids(&mut reviewer, "").await;
    assert!(
        q.contains(&waiting) && q.contains(&reviewing) && !q.contains(&deciding),
        "{q:?}"
    );
    assert_eq!(queue_ids(&mut head, "").await.len(), 3);
    assert_eq!(
        queue_ids(&mut reviewer, "?show=all").await.len(),
        3,
        "show=all lists every open case"
    );
    assert_eq!(
        reviewer.get("/api/v1/cases?show=everyone").await.status,
        StatusCode::BAD_REQUEST
    );

    // The console queue says the same, with the choice to see everything.
    let mine = reviewer.get("/console/cases").await.ok();
    assert!(mine.body.contains("轮到我处理的"));
    assert!(!mine.body.contains(&format!("/console/cases/{deciding}")));
    let all = reviewer.get("/console/cases?show=all").await.ok();
    assert!(all.body.contains(&format!("/console/cases/{deciding}")));
}

#[tokio::test]
async fn a_returned_applicant_corrects_group_entries_and_files_on_the_supplement_page() {
    let mut w = world().await;
    let mut reviewer = w.staff("shen.he", Role::Reviewer).await;
    let pdf = upload_file(&mut w.citizen, "收入证明.pdf", SMALL_PDF).await;
    let proof = pdf.json()["id"].as_str().unwrap().to_owned();
    w.answers["proof"] = json!([proof]);
    let cid = id(&w.submitted().await);
    accept_and_return(&mut w, &mut reviewer, &cid, "漏填了一位家庭成员").await;

    // The page shows every question as it was answered, group entries included.
    let path = format!("/account/cases/{cid}/supplement");
    let page = w.citizen.get(&path).await.ok();
    assert!(
        page.body.contains("name=\"members[0].member_name\""),
        "{}",
        page.body
    );
    assert!(page.body.contains("张小明") && page.body.contains("收入证明.pdf"));

    // "Add another" keeps what was typed and offers one more entry; nothing is sent yet.
    let version = w.version.to_string();
    let typed = [
        ("form_version", version.as_str()),
        ("name", NAME),
        ("id_number", w.id_number.as_str()),
        ("members[0].member_name", "张小明"),
        ("proof", proof.as_str()),
    ];
    let mut more = typed.to_vec();
    more.push(("action", "add_entry:members"));
    let r = post_multipart(&mut w.citizen, &path, &more).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("name=\"members[1].member_name\""));
    assert_eq!(
        my_case(&mut w.citizen, &cid).await["case"]["state"],
        "returned"
    );

    // The correction: a second member, the file kept; back to review.
    let mut fixed = typed.to_vec();
    fixed.push(("members[1].member_name", "李小红"));
    fixed.push(("action", "continue"));
    let r = post_multipart(&mut w.citizen, &path, &fixed).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        my_case(&mut w.citizen, &cid).await["case"]["state"],
        "under_review"
    );
    let case_page = reviewer.get(&format!("/console/cases/{cid}")).await.ok();
    assert!(case_page.body.contains("李小红") && case_page.body.contains("张小明"));
    assert!(case_page.body.contains("收入证明.pdf"), "the file was kept");
}

#[tokio::test]
async fn supplement_errors_name_their_question_and_link_to_it() {
    let mut w = world().await;
    let mut reviewer = w.staff("shen.he", Role::Reviewer).await;
    let cid = id(&w.submitted().await);
    accept_and_return(&mut w, &mut reviewer, &cid, "身份证号码有误").await;
    let path = format!("/account/cases/{cid}/supplement");
    w.citizen.get(&path).await.ok();
    let version = w.version.to_string();
    let long = "张".repeat(31);
    let r = post_multipart(
        &mut w.citizen,
        &path,
        &[
            ("form_version", version.as_str()),
            ("name", ""),
            ("id_number", "51160219800101002X"),
            ("members[0].member_name", long.as_str()),
            ("action", "continue"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let items = crate::support::error_summary_items(&r.body);
    let links: Vec<&str> = items.iter().map(|(href, _)| href.as_str()).collect();
    assert_eq!(
        links,
        ["#f-name", "#f-id_number", "#f-members-0-member_name"],
        "{items:?}"
    );
    assert_eq!(items[0].1, "请填写申请人姓名。");
    assert!(items[1].1.starts_with("身份证号码："), "{items:?}");
    assert!(
        items[2].1.contains("共同生活的家庭成员") && items[2].1.contains("姓名"),
        "{items:?}"
    );
    assert!(!r.body.contains("请填写这一项"), "a message names no field");
    // Each link has its field on the page.
    for (href, _) in &items {
        assert!(r.body.contains(&format!("id=\"{}\"", &href[1..])), "{href}");
    }
    assert_eq!(
        my_case(&mut w.citizen, &cid).await["case"]["state"],
        "returned"
    );
}

#[tokio::test]
async fn a_download_is_named_by_the_platform_from_its_kind_never_by_the_uploader() {
    let mut w = world().await;
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend_from_slice(&[0; 64]);
    let r = upload_file(&mut w.citizen, "scan.bat", &png).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.json()["file_type"], "png");
    let file = r.json()["id"].as_str().unwrap().to_owned();
    let r = w.citizen.get(&format!("/uploads/{file}")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.headers["content-type"], "image/png");
    let named = r.headers["content-disposition"].to_str().unwrap();
    let short = &file[file.len() - 8..];
    assert_eq!(
        named,
        format!(
            "attachment; filename=\"attachment-{short}.png\"; filename*=UTF-8''%E9%99%84%E4%BB%B6-{short}.png"
        )
    );
    assert!(!named.contains("scan") && !named.contains("bat"), "{named}");
}

#[tokio::test]
async fn one_staff_access_to_a_case_is_one_entry_in_the_applicants_access_log() {
    let mut w = world().await;
    let r = upload_file(&mut w.citizen, "户口簿.pdf", SMALL_PDF).await;
    let file = r.json()["id"].as_str().unwrap().to_owned();
    let mut answers = w.answers.clone();
    answers["proof"] = json!([file]);
    let (item, version) = (w.item.clone(), w.version);
    let case = submit(&mut w.citizen, &item, version, answers, None).await;
    assert_eq!(case.status, StatusCode::CREATED, "{}", case.body);
    let cid = id(&case.json());
    let page = format!("/console/cases/{cid}");
    let download = format!("/uploads/{file}");
    let reads = |log: &Value| -> Vec<Value> {
        log["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["action"] == "case_read")
            .cloned()
            .collect()
    };

    // Opened, reloaded, a step taken on the page (which shows the case again), a file opened.
    let mut reviewer = w.staff("shen.he", Role::Reviewer).await;
    reviewer.get(&page).await.ok();
    reviewer.get(&page).await.ok();
    let revision = my_case(&mut w.citizen, &cid).await["case"]["revision"]
        .as_i64()
        .unwrap()
        .to_string();
    let r = reviewer
        .post_form(&page, &[("action", "accept"), ("revision", &revision)])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    reviewer.get(r.location()).await.ok();
    assert_eq!(reviewer.get(&download).await.status, StatusCode::OK);
    let log = w.citizen.get("/api/v1/me/access-log").await.ok().json();
    let one = reads(&log);
    assert_eq!(one.len(), 1, "one access, one entry: {log}");
    assert_eq!(
        one[0]["fields"],
        json!(["answers", "files", "real_name", "id_number", "phone"])
    );
    let shown = w.citizen.get("/account/access-log").await.ok();
    assert_eq!(shown.body.matches("查看您的申请材料").count(), 1);
    assert!(shown.body.contains("申请表内容") && shown.body.contains("上传的材料"));

    // Someone else's access is theirs: a file opened alone lists the file; the page opened
    // after shows more, and is listed as such.
    let mut head = w.staff("ke.zhang", Role::DeptAdmin).await;
    assert_eq!(head.get(&download).await.status, StatusCode::OK);
    assert_eq!(head.get(&download).await.status, StatusCode::OK);
    let log = w.citizen.get("/api/v1/me/access-log").await.ok().json();
    assert_eq!(reads(&log).len(), 2, "{log}");
    assert_eq!(reads(&log)[0]["fields"], json!(["files"]));
    head.get(&page).await.ok();
    head.get(&download).await.ok();
    let log = w.citizen.get("/api/v1/me/access-log").await.ok().json();
    assert_eq!(reads(&log).len(), 3, "{log}");
}

/// The share link on the page a share made.
fn share_link(page: &str) -> String {
    let at = page.find("/shared/").expect("a share link");
    page[at..]
        .split(['<', '"', ' ', '\n'])
        .next()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn a_holder_lists_and_ends_share_links_and_a_check_by_number_shows_no_data() {
    let mut w = world().await;
    let mut reviewer = w.staff("shen.he", Role::Reviewer).await;
    let mut head = w.staff("ke.zhang", Role::DeptAdmin).await;
    let token = certified(&mut w, &mut reviewer, &mut head).await;
    let mut anyone = w.t.client();
    let v = verdict(&mut anyone, &token).await;
    assert_eq!(v["certificate"]["holder"], "张**");
    assert_eq!(v["certificate"]["type_name"], "最低生活保障证");
    let cert = v["certificate"]["number"].as_str().unwrap().to_owned();
    let masked = yiwang_domain::identity::id_number::mask_id_number(&w.id_number);

    // Anyone with the number (the QR code): valid, what, by whom, whose (masked) — not what
    // it states.
    let check = anyone.get(&format!("/verify?id={cert}")).await.ok();
    assert!(check.body.contains("有效：") && check.body.contains("张**"));
    for secret in [NAME, masked.as_str(), "申请人姓名", token.as_str()] {
        assert!(!check.body.contains(secret), "{secret} on the check page");
    }

    // Two links; whoever has one sees the certificate in full.
    let holder = format!("/account/certificates/{cert}");
    let mut links = Vec::new();
    for _ in 0..2 {
        let r = w
            .citizen
            .post_form(&format!("{holder}/share"), &[])
            .await
            .ok();
        links.push(share_link(&r.body));
    }
    let shared = anyone.get(&links[0]).await.ok();
    assert!(shared.body.contains(NAME) && shared.body.contains("申请人姓名"));

    // The holder sees both on the certificate's page and ends one: it stops working at once.
    let mine = w.citizen.get(&holder).await.ok();
    let ends: Vec<&str> = mine
        .body
        .match_indices(&format!("{holder}/shares/"))
        .map(|(at, _)| mine.body[at..].split('"').next().unwrap())
        .collect();
    assert_eq!(ends.len(), 2, "{}", mine.body);
    let r = w.citizen.post_form(ends[0], &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let working: Vec<&String> = {
        let mut v = Vec::new();
        for l in &links {
            if anyone.get(l).await.status == StatusCode::OK {
                v.push(l);
            }
        }
        v
    };
    assert_eq!(working.len(), 1, "one link ended, one works");
    assert_eq!(
        w.citizen.post_form(ends[0], &[]).await.status,
        StatusCode::NOT_FOUND
    );
    let mine = w.citizen.get(&holder).await.ok();
    assert_eq!(mine.body.matches(&format!("{holder}/shares/")).count(), 1);
    // Nobody else ends the holder's links.
    let mut other =
        w.t.verified_citizen(OTHER_PHONE, "李建国", &id_number("51160319750505003"))
            .await;
    let ends: Vec<String> = mine
        .body
        .match_indices(&format!("{holder}/shares/"))
        .map(|(at, _)| mine.body[at..].split('"').next().unwrap().to_owned())
        .collect();
    assert_eq!(
        other.post_form(&ends[0], &[]).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(anyone.get(working[0]).await.status, StatusCode::OK);

    // The issuer revokes the certificate: the link says so and shows nothing it states.
    let r = head
        .post_form(
            &format!("/console/certificates/{cert}/revoke"),
            &[("reason", "证照信息有误，重新办理")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let gone = anyone.get(working[0]).await.ok();
    assert!(gone.body.contains("已撤销"), "{}", gone.body);
    for secret in [NAME, masked.as_str(), "申请人姓名", token.as_str()] {
        assert!(
            !gone.body.contains(secret),
            "{secret} on a revoked certificate's link"
        );
    }
}
