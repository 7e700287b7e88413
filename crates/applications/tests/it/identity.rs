//! What an application trusts of the applicant's identity (ACC-1, APP-4, CERT-1): instant
//! approval and certificates need a verified identity, answers that come from the identity stay
//! as they came at every step, and only registered issuers issue a type of certificate.

use http::{Method, StatusCode};
use serde_json::{Value, json};
use yiwang_domain::application::ItemForm;
use yiwang_domain::auth::Role;

use crate::applications::*;
use crate::support::{TestApp, id_number, post_multipart};

/// A citizen who typed their identity without having it verified.
async fn self_declared(t: &TestApp, phone: &str, name: &str, idn: &str) -> crate::support::Client {
    let mut c = t.citizen(phone).await;
    let r = c
        .post_form("/account/verify", &[("name", name), ("id_number", idn)])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    c
}

#[tokio::test]
async fn an_instant_approval_refuses_a_self_declared_identity_and_a_person_decides() {
    let t = TestApp::new().await;
    t.import_catalogue(&TestApp::real_catalogue(2, &["个体工商户设立登记"]))
        .await;
    let item = t.item_named("个体工商户设立登记");
    let version = t.publish_form(item.id, &business_form(&t)).await;
    // Answers that meet every rule, from someone who only typed an ID number.
    let mut c = self_declared(&t, PHONE, NAME, &id_number("51160219800101002")).await;
    let answers = business_answers(&mut c).await;
    let r = submit(&mut c, &item.id.to_string(), version, answers, None).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let case = r.json();
    assert_eq!(case["state"], "submitted", "a person decides: {case}");
    assert_eq!(case["auto_decided"], false);
    let wallet = c.get("/api/v1/me/certificates").await.ok().json();
    assert!(wallet.as_array().unwrap().is_empty(), "{wallet}");
    let stored = t
        .store
        .case(id(&case).parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    let trace: Value = serde_json::from_str(stored.rule_trace.as_deref().unwrap()).unwrap();
    let failed: Vec<&str> = trace["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["outcome"] != "pass")
        .map(|r| r["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        failed,
        ["_identity"],
        "only the identity stopped it: {trace}"
    );

    // The clerk sees why, and at what level the applicant's identity is.
    let (mut clerk, _) = t
        .staff(
            "chuangkou",
            Role::WindowClerk,
            Some(item.department),
            "511602",
        )
        .await;
    let page = clerk
        .get(&format!("/console/cases/{}", id(&case)))
        .await
        .ok();
    assert!(page.body.contains("自行填写，未核验"), "{}", page.body);
    assert!(page.body.contains("申请人身份已经核验"), "{}", page.body);
}

#[tokio::test]
async fn no_certificate_is_issued_to_an_identity_below_the_item_s_level() {
    let w = world().await;
    let idn = id_number("51160219900101003");
    let mut typist = self_declared(&w.t, OTHER_PHONE, "李秀兰", &idn).await;
    let answers = json!({ "name": "李秀兰", "id_number": idn });
    let r = submit(&mut typist, &w.item, w.version, answers, None).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let cid = id(&r.json());
    let mut reviewer = w.staff("reviewer", Role::Reviewer).await;
    let mut head = w.staff("head", Role::DeptAdmin).await;
    for action in ["accept", "advance"] {
        let revision = my_case(&mut typist, &cid).await["case"]["revision"].clone();
        let r = reviewer
            .json(
                Method::POST,
                &format!("/api/v1/cases/{cid}/actions"),
                json!({ "revision": revision, "step": { "action": action } }),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{action}: {}", r.body);
    }
    let revision = my_case(&mut typist, &cid).await["case"]["revision"]
        .as_i64()
        .unwrap();
    let r = staff_step(&mut head, &cid, revision, json!({ "action": "approve" })).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert_eq!(r.error_code(), "identity_below_required");
    let detail = my_case(&mut typist, &cid).await;
    assert_eq!(detail["case"]["state"], "under_review", "nothing changed");
    // Once verified, the same step goes through.
    w.t.sandbox.add_person(&idn, "李秀兰");
    let r = typist
        .post_form(
            "/account/verify",
            &[
                ("name", "李秀兰"),
                ("id_number", &idn),
                ("method", "provider"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let revision = my_case(&mut typist, &cid).await["case"]["revision"]
        .as_i64()
        .unwrap();
    let r = staff_step(&mut head, &cid, revision, json!({ "action": "approve" })).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

/// The world's form with the applicant's name and ID number filled from the account and the
/// birth date read from the ID number.
fn prefilled_form() -> ItemForm {
    let mut form = serde_json::to_value(test_form()).unwrap();
    let fields = form["form"]["sections"][0]["fields"]
        .as_array_mut()
        .unwrap();
    fields[0]["prefill"] = json!({ "from": "account", "value": "name" });
    fields[1]["prefill"] = json!({ "from": "account", "value": "id_number" });
    fields.insert(
        2,
        json!({ "key": "birth_date", "label": { "zh": "出生日期" },
                "kind": { "type": "date", "past_only": true, "future_only": false },
                "required": true,
                "prefill": { "from": "account", "value": "birth_date" } }),
    );
    serde_json::from_value(form).unwrap()
}

#[tokio::test]
async fn answers_from_the_identity_stay_as_they_came_at_submission_and_in_a_supplement() {
    let mut w = world().await;
    let item = w.item.parse().unwrap();
    w.version = w.t.publish_form(item, &prefilled_form()).await;
    // Typing another birth date than the ID number's is refused, and nothing is stored.
    let mut typed = w.answers.clone();
    typed["birth_date"] = json!("1981-02-03");
    let r = submit(&mut w.citizen, &w.item, w.version, typed, None).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        field_errors(&r).contains(&("birth_date".into(), "prefilled_changed".into())),
        "{}",
        r.body
    );
    // Left out, it is read from the ID number.
    let mut answers = w.answers.clone();
    answers.as_object_mut().unwrap().remove("name");
    w.answers = answers;
    let cid = id(&w.submitted().await);
    let stored = w.t.store.case_answers(cid.parse().unwrap()).await.unwrap();
    assert_eq!(stored["birth_date"], "1980-01-01");
    assert_eq!(stored["name"], NAME);

    let mut reviewer = w.staff("reviewer", Role::Reviewer).await;
    accept_and_return(&mut w, &mut reviewer, &cid, "家庭成员").await;

    // Through the API: a supplement that changes the name is refused.
    let mut changed = w.answers.clone();
    changed["name"] = json!("王二");
    let r = applicant_step(
        &mut w.citizen,
        &cid,
        json!({ "action": "supplement", "answers": changed }),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(field_errors(&r).contains(&("name".into(), "prefilled_changed".into())));

    // Through the page: the name is shown read-only, and an edited one is refused too.
    let path = format!("/account/cases/{cid}/supplement");
    let page = w.citizen.get(&path).await.ok();
    let input = page
        .body
        .split("name=\"name\"")
        .nth(1)
        .and_then(|rest| rest.split('>').next())
        .unwrap_or_default()
        .to_owned();
    assert!(input.contains("readonly"), "{input}");
    let version = w.version.to_string();
    let fields = [
        ("form_version", version.as_str()),
        ("name", "王二"),
        ("id_number", w.id_number.as_str()),
        ("birth_date", "1980-01-01"),
        ("members[0].member_name", "张小明"),
        ("action", "continue"),
    ];
    let r = post_multipart(&mut w.citizen, &path, &fields).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("不能在这里修改"), "{}", r.body);
    assert_eq!(
        my_case(&mut w.citizen, &cid).await["case"]["state"],
        "returned"
    );
    let stored = w.t.store.case_answers(cid.parse().unwrap()).await.unwrap();
    assert_eq!(stored["name"], NAME);
}

#[tokio::test]
async fn a_department_issues_only_the_certificate_types_it_is_registered_for() {
    let t = TestApp::new().await;
    t.import_catalogue(&TestApp::real_catalogue(2, &["失业保险金申领"]))
        .await;
    let item = t.item_named("失业保险金申领");
    assert_eq!(item.department, t.dept_b, "an item of 区人社局");
    let (mut admin, _) = t.staff("admin", Role::PlatformAdmin, None, "5116").await;
    // The register: 护士执业证书 is issued by dept_a only.
    let r = admin
        .post_form(
            "/console/certificate-types",
            &[("code", "Nurse Practice"), ("name", "护士执业证书")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "a bad code");
    let r = admin
        .post_form(
            "/console/certificate-types",
            &[("code", "nurse_practice"), ("name", "护士执业证书")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let dept_a = t.dept_a.to_string();
    let r = admin
        .post_form(
            "/console/certificate-types/nurse_practice/issuers",
            &[("department", dept_a.as_str())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = admin.get("/console/certificate-types").await.ok();
    assert!(page.body.contains("护士执业证书") && page.body.contains("区民政局"));

    // 区人社局's admin writes a form that would issue it: saved as a draft, refused at
    // publishing.
    let (mut hr, _) = t
        .staff("renshe", Role::DeptAdmin, Some(t.dept_b), "511602")
        .await;
    assert_eq!(
        hr.get("/console/certificate-types").await.status,
        StatusCode::FORBIDDEN,
        "only platform admins keep the register"
    );
    let mut bundle = serde_json::to_value(test_form()).unwrap();
    bundle["certificate"] = json!({ "type": "nurse_practice", "name": { "zh": "护士执业证书" },
                                    "fields": ["name"], "valid_years": 5 });
    let base = format!("/api/v1/admin/items/{}/forms", item.id);
    let r = hr.json(Method::PUT, &format!("{base}/draft"), bundle).await;
    assert!(r.status.is_success(), "{}", r.body);
    let r = hr
        .json(Method::POST, &format!("{base}/publish"), json!({}))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        field_errors(&r).contains(&("certificate.type".into(), "not_authorised_issuer".into())),
        "{}",
        r.body
    );
    assert!(t.store.current_form(item.id).await.unwrap().is_none());

    // Once the register says so, it publishes; a withdrawn authority stops it again.
    let dept_b = t.dept_b.to_string();
    admin
        .post_form(
            "/console/certificate-types/nurse_practice/issuers",
            &[("department", dept_b.as_str())],
        )
        .await;
    let r = hr
        .json(Method::POST, &format!("{base}/publish"), json!({}))
        .await;
    assert!(r.status.is_success(), "{}", r.body);
    admin
        .post_form(
            "/console/certificate-types/nurse_practice/issuers",
            &[("department", dept_b.as_str()), ("withdraw", "1")],
        )
        .await;
    assert!(
        !t.store
            .issuer_authorised("nurse_practice", t.dept_b)
            .await
            .unwrap()
    );
}

#[tokio::test]
async fn certificates_of_a_changed_identity_wait_for_their_issuer_s_review() {
    let mut w = world().await;
    let mut reviewer = w.staff("reviewer", Role::Reviewer).await;
    let mut head = w.staff("head", Role::DeptAdmin).await;
    let token = certified(&mut w, &mut reviewer, &mut head).await;
    let page = head.get("/console/certificates").await.ok();
    assert!(page.body.contains("没有待复核的证照"), "{}", page.body);

    // The holder verifies another identity (a corrected name, say): what was issued to the
    // old one goes to the issuer, and stays valid meanwhile.
    let new_number = id_number("51160219800101011");
    w.t.sandbox.add_person(&new_number, "张秀鹰");
    let r = w
        .citizen
        .post_form(
            "/account/verify",
            &[
                ("name", "张秀鹰"),
                ("id_number", &new_number),
                ("method", "provider"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let wallet = w.citizen.get("/api/v1/me/certificates").await.ok().json();
    let cert = wallet[0]["id"].as_str().unwrap().to_owned();
    let page = head.get("/console/certificates").await.ok();
    assert!(
        page.body.contains(&cert) && page.body.contains("持证人重新核验了身份"),
        "{}",
        page.body
    );
    // Another department's admin sees nothing of it and cannot keep it.
    let (mut other, _) =
        w.t.staff("other", Role::DeptAdmin, Some(w.t.dept_b), "511602")
            .await;
    assert!(
        !other
            .get("/console/certificates")
            .await
            .ok()
            .body
            .contains(&cert)
    );
    let r = other
        .post_form(&format!("/console/certificates/{cert}/keep"), &[])
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // The issuer keeps it: it leaves the list and still verifies.
    let r = head
        .post_form(&format!("/console/certificates/{cert}/keep"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = head.get("/console/certificates?done=kept").await.ok();
    assert!(page.body.contains("没有待复核的证照"), "{}", page.body);
    let r = w
        .citizen
        .json(
            Method::POST,
            "/api/v1/certificates/verify",
            json!({ "token": token }),
        )
        .await;
    assert_eq!(r.json()["status"], "valid", "{}", r.body);
}
