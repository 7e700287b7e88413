//! Settings: an admin defines a record type with a schema and registers a source; the source
//! pushes that type natively; a bad schema or an unknown client is refused.

use http::{Method, StatusCode};
use serde_json::json;
use yiwang_domain::auth::Role;

use crate::support::TestApp;
use crate::*;

#[tokio::test]
async fn an_admin_defines_a_type_and_a_school_pushes_it() {
    let t = TestApp::new().await;
    let mut parent = family(&t).await;
    let root = t.state.config.root_region.to_string();
    let (mut admin, _) = t.staff("padmin", Role::PlatformAdmin, None, &root).await;
    let schema = json!({"sections": [{"key": "physical", "title": {"zh": "学生体质测试"}, "fields": [
        {"key": "grade", "label": {"zh": "总评", "en": "Overall"}, "kind": {"type": "choice", "options": [
            {"value": "good", "label": {"zh": "良好", "en": "Good"}}, {"value": "pass", "label": {"zh": "及格", "en": "Pass"}}]}, "required": true},
        {"key": "run_50m", "label": {"zh": "50米跑", "en": "50 m run"}, "kind": {"type": "number", "min": 1, "max": 60, "decimals": 1, "unit": {"zh": "秒", "en": "s"}}}
    ]}]});
    let bad = admin
        .post_form(
            "/console/records/settings/types",
            &[
                ("code", "School Physical"),
                ("name_zh", "学生体质测试"),
                ("name_en", ""),
                ("schema", "{not json"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = admin
        .post_form(
            "/console/records/settings/types",
            &[
                ("code", "school_physical"),
                ("name_zh", "学生体质测试"),
                ("name_en", "School fitness test"),
                ("schema", &schema.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let builtin = admin
        .post_form(
            "/console/records/settings/types",
            &[
                ("code", "vaccination"),
                ("name_zh", "改掉内置"),
                ("name_en", ""),
                ("schema", &schema.to_string()),
            ],
        )
        .await;
    assert_eq!(
        builtin.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a built-in type stays"
    );
    // Register a system client created by the console, then allow it the new type.
    let (_, client) = source(&t, "区实验小学", t.dept_a, &[]).await;
    let page = admin.get("/console/records/settings").await.ok();
    assert!(page.body.contains("区实验小学"));
    let r = admin
        .post_form(
            "/console/records/settings/sources",
            &[
                ("client", &client.to_string()),
                ("department", &t.dept_a.to_string()),
                ("types", "school_physical"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let unknown = admin
        .post_form(
            "/console/records/settings/sources",
            &[("client", "nope"), ("department", &t.dept_a.to_string())],
        )
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    let mut school = t.client();
    let (_, token) = {
        let mut tx = t.store.begin().await.unwrap();
        let tk = t
            .store
            .issue_token(
                &mut tx,
                yiwang_store::clients::TokenOwner::Client(client),
                "again",
                None,
            )
            .await
            .unwrap();
        yiwang_store::commit(tx).await.unwrap();
        tk
    };
    school.bearer = Some(token);
    let record = json!({"source_record_id": "PE-2026-1", "type": "school_physical", "id_number": child_id(),
        "name": CHILD_NAME, "date": "2026-10-15", "data": {"grade": "good", "run_50m": "9.8"}});
    let r = school
        .json(Method::POST, "/api/v1/records", record.clone())
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let mut wrong = record.clone();
    wrong["data"]["grade"] = json!("excellent");
    wrong["source_record_id"] = json!("PE-2026-2");
    let r = school.json(Method::POST, "/api/v1/records", wrong).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let list = parent.get("/account/records").await.ok();
    assert!(list.body.contains("学生体质测试"), "{}", list.body);
    let id = r.json().get("id").cloned();
    assert!(id.is_none());
    let en = parent.get("/account/records?lang=en").await.ok();
    assert!(en.body.contains("School fitness test"));
}

#[tokio::test]
async fn a_guardian_must_be_registered_and_verified_and_the_child_a_minor() {
    let t = TestApp::new().await;
    let (mut clerk, _) = t
        .staff("clerkh", Role::WindowClerk, Some(t.dept_a), "511602")
        .await;
    let link = |guardian: String, child: String, name: &'static str, evidence: &'static str| {
        (guardian, child, name, evidence)
    };
    let adult = support::id_number("51160220000101004");
    // Only self-declared: refused. (A citizen who typed a name and number but was not verified.)
    let self_declared = support::id_number("51160219800505007");
    let mut c = t.citizen("13500005555").await;
    let r = c
        .post_form(
            "/account/verify",
            &[
                ("name", "赵自报"),
                ("id_number", &self_declared),
                ("method", "self_declared"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let cases = [
        (
            link(
                self_declared.clone(),
                child_id(),
                CHILD_NAME,
                "household_register",
            ),
            "guardian_id_number",
        ),
        (
            link(
                support::id_number("51160219700101006"),
                child_id(),
                CHILD_NAME,
                "birth_certificate",
            ),
            "guardian_id_number",
        ),
        (
            link(parent_id(), child_id(), CHILD_NAME, "a_note"),
            "evidence",
        ),
        (
            link(
                parent_id(),
                "12345".into(),
                CHILD_NAME,
                "household_register",
            ),
            "child_id_number",
        ),
    ];
    for ((g, ch, name, ev), field) in cases {
        let r = clerk
            .post_form(
                "/console/records/guardians",
                &[
                    ("guardian_id_number", &g),
                    ("child_id_number", &ch),
                    ("child_name", name),
                    ("evidence", ev),
                ],
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}: {}",
            r.body
        );
        assert!(
            r.body.contains(&format!("href=\"#f-{field}\"")),
            "{field}: {}",
            r.body
        );
    }
    // Verified now, but the "child" is an adult.
    t.verified_citizen(PARENT_PHONE, PARENT_NAME, &parent_id())
        .await;
    let r = clerk
        .post_form(
            "/console/records/guardians",
            &[
                ("guardian_id_number", &parent_id()),
                ("child_id_number", &adult),
                ("child_name", "王大明"),
                ("evidence", "household_register"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    use sqlx::Row;
    let links: i64 = sqlx::query("SELECT COUNT(*) AS n FROM guardian_links")
        .fetch_one(t.store.db.reader())
        .await
        .unwrap()
        .try_get("n")
        .unwrap();
    assert_eq!(links, 0, "nothing recorded");
    // A reviewer (no counter check) may not record guardians at all.
    let (mut reviewer, _) = t
        .staff("reviewerh", Role::Reviewer, Some(t.dept_a), "511602")
        .await;
    let r = reviewer.get("/console/records/guardians").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}
