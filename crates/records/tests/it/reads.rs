//! Reading records: staff only with a reason the citizen sees, only their department's
//! sources; a source reads back only what it wrote; no citizen reads another's records; the
//! download is signed and verifies.

use http::{Method, StatusCode};
use yiwang_domain::auth::Role;

use crate::support::TestApp;
use crate::*;

async fn pushed(t: &TestApp) -> (Client, String) {
    let (mut clinic, _) = source(t, "北辰社区卫生服务中心", t.dept_a, &["vaccination"]).await;
    let r = clinic
        .json(
            Method::POST,
            "/api/v1/fhir/Immunization",
            immunization("R-1", 3, "L-9"),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    (clinic, r.json()["id"].as_str().unwrap().to_owned())
}

#[tokio::test]
async fn a_nurse_reads_with_a_reason_and_the_parent_sees_who_and_why() {
    let t = TestApp::new().await;
    let mut parent = family(&t).await;
    pushed(&t).await;
    let (mut nurse, _) = t
        .staff("nurse", Role::Reviewer, Some(t.dept_a), "511602")
        .await;
    // Without a reason: refused, nothing shown, nothing recorded.
    let r = nurse
        .post_form(
            "/console/records",
            &[("id_number", &child_id()), ("reason", "")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!r.body.contains("L-9"));
    let log = parent.get("/account/access-log").await.ok();
    assert!(!log.body.contains("查看您的个人档案"));
    let reason = "核对接种史以便安排第四剂";
    let r = nurse
        .post_form(
            "/console/records",
            &[("id_number", &child_id()), ("reason", reason)],
        )
        .await
        .ok();
    assert!(
        r.body.contains("L-9") && r.body.contains("乙肝疫苗"),
        "{}",
        r.body
    );
    assert!(
        !r.body.contains(&child_id()),
        "the ID number stays out of the answer"
    );
    let log = parent.get("/account/access-log").await.ok();
    assert!(log.body.contains("查看您的个人档案"), "{}", log.body);
    assert!(log.body.contains(reason));
    assert!(
        log.body
            .contains(&format!("您孩子的个人档案：{CHILD_NAME}")),
        "the parent is told whose records: {}",
        log.body
    );
    assert!(
        log.body.contains("区民政局"),
        "the nurse's department: {}",
        log.body
    );
}

#[tokio::test]
async fn staff_of_another_department_see_none_of_its_records_and_nothing_is_logged() {
    let t = TestApp::new().await;
    let mut parent = family(&t).await;
    pushed(&t).await;
    let (mut other, _) = t
        .staff("other", Role::Reviewer, Some(t.dept_b), "511602")
        .await;
    let r = other
        .post_form(
            "/console/records",
            &[
                ("id_number", &child_id()),
                ("reason", "想看看这个孩子的记录"),
            ],
        )
        .await
        .ok();
    assert!(!r.body.contains("L-9"));
    assert!(r.body.contains("没有报送过这个人的档案"));
    let log = parent.get("/account/access-log").await.ok();
    assert!(!log.body.contains("查看您的个人档案"));
    // A role without the permission does not get the page at all.
    let (mut editor, _) = t
        .staff("editor", Role::Editor, Some(t.dept_a), "511602")
        .await;
    let r = editor
        .post_form(
            "/console/records",
            &[("id_number", &child_id()), ("reason", "随便看看吧")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_source_reads_back_only_what_it_wrote_and_the_parent_sees_it() {
    let t = TestApp::new().await;
    let mut parent = family(&t).await;
    let (mut clinic, _) = pushed(&t).await;
    let (mut school, _) = source(&t, "区实验小学", t.dept_b, &["vaccination"]).await;
    let r = clinic
        .get(&format!(
            "/api/v1/source-records/R-1?reason={}",
            support::urlencode("核对报送结果")
        ))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()[0]["data"]["lot"], "L-9");
    let other = school
        .get(&format!(
            "/api/v1/source-records/R-1?reason={}",
            support::urlencode("核对报送结果")
        ))
        .await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
    let no_reason = clinic.get("/api/v1/source-records/R-1").await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    let log = parent.get("/account/access-log").await.ok();
    assert!(log.body.contains("北辰社区卫生服务中心"), "{}", log.body);
    assert!(log.body.contains("核对报送结果"));
    assert_eq!(
        log.body.matches("核对报送结果").count(),
        1,
        "one read, one entry"
    );
}

#[tokio::test]
async fn nobody_else_reads_a_childs_record_and_the_download_is_signed() {
    let t = TestApp::new().await;
    let mut parent = family(&t).await;
    let (_, id) = pushed(&t).await;
    let mut stranger = t
        .verified_citizen(
            "13700003333",
            "李四海",
            &support::id_number("51160219900101005"),
        )
        .await;
    let r = stranger.get(&format!("/account/records/{id}")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = stranger
        .get(&format!("/account/records/{id}/download"))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let list = stranger.get("/account/records").await.ok();
    assert!(!list.body.contains("王小明"));
    let d = parent
        .get(&format!("/account/records/{id}/download"))
        .await
        .ok();
    let doc: serde_json::Value = serde_json::from_str(&d.body).unwrap();
    assert_eq!(doc["record"]["holder"], "王小明");
    let token = doc["signature"].as_str().unwrap();
    let kid = doc["record"]["kid"].as_str().unwrap();
    let (public, _) = t.store.public_key(kid).await.unwrap().unwrap();
    let key = yiwang_crypto::certs::PublicKey::from_b64(kid, &public).unwrap();
    let payload =
        yiwang_crypto::certs::verify_record(token, &|k| (k == kid).then(|| key.clone())).unwrap();
    assert_eq!(payload, doc["record"]);
    // A record never passes for a certificate.
    assert!(yiwang_crypto::certs::verify(token, &|k| (k == kid).then(|| key.clone())).is_err());
}

#[tokio::test]
async fn a_parent_whose_identity_is_only_self_declared_sees_no_records() {
    let t = TestApp::new().await;
    let mut c = t.citizen("13600004444").await;
    let r = c.get("/account/records").await.ok();
    assert!(r.body.contains("完成实名认证后"));
}

#[tokio::test]
async fn the_parent_is_told_of_a_new_record_once_and_reads_it_as_json_too() {
    let t = TestApp::new().await;
    let mut parent = family(&t).await;
    let (mut clinic, id) = pushed(&t).await;
    // The same record again, and a second dose in the same push: no second message for the
    // repeat, one for the new dose.
    let r = clinic
        .json(
            Method::POST,
            "/api/v1/fhir/Immunization",
            immunization("R-1", 3, "L-9"),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    t.drain().await;
    let inbox = parent.get("/account/messages").await.ok();
    assert_eq!(
        inbox.body.matches("新的个人档案").count(),
        1,
        "{}",
        inbox.body
    );
    assert!(inbox.body.contains("北辰社区卫生服务中心"));
    assert!(
        !inbox.body.contains("L-9"),
        "the message names the kind of record, not what it says"
    );

    // The same list as a page and as JSON: the child's record under the child's name.
    let r = parent.get("/api/v1/me/records").await.ok();
    let v = r.json();
    assert_eq!(v["verified"], true);
    let people = v["people"].as_array().unwrap();
    let child = people
        .iter()
        .find(|p| p["child"] == CHILD_NAME)
        .expect("the child's records");
    assert_eq!(child["records"][0]["id"], id.as_str());
    assert_eq!(child["records"][0]["type"], "vaccination");
    assert_eq!(child["records"][0]["source"], "北辰社区卫生服务中心");
    // Another citizen sees none of it; nobody signed out sees anything.
    let mut other = t.citizen("13900002222").await;
    let r = other.get("/api/v1/me/records").await.ok();
    assert!(!r.body.contains(&id), "{}", r.body);
    let r = t.client().get("/api/v1/me/records").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}
