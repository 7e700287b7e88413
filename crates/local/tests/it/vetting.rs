//! The licensing staff: registering and vetting merchants, who may, bad input, and a licence
//! that lapses.

use http::StatusCode;
use yiwang_domain::auth::Role;
use yiwang_domain::local::Vetting;

use crate::support::*;

async fn search_hits(t: &TestApp, q: &str) -> usize {
    t.catalog.sync().await.unwrap();
    let found = t
        .client()
        .get(&format!("/api/v1/search?q={}&kind=place", urlencode(q)))
        .await
        .ok()
        .json();
    found["results"].as_array().unwrap().len()
}

#[tokio::test]
async fn a_merchant_is_listed_once_approved_and_vanishes_when_its_licence_lapses() {
    let t = TestApp::new().await;
    let mut c = licensing(&t).await;
    c.get("/console/local").await.ok();
    let r = post(
        &mut c,
        "/console/local",
        &merchant_form(t.dept_a, "安心开锁服务部", "2099-12-31"),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let id = merchant_id(&t, "安心开锁服务部").await;
    let mut anyone = t.client();
    // Pending: not listed, no page, not found.
    assert!(
        !anyone
            .get("/local?category=locksmith")
            .await
            .ok()
            .body
            .contains("安心开锁服务部")
    );
    assert_eq!(
        anyone.get(&format!("/local/places/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
    let r = c
        .post_form(
            &format!("/console/local/{id}/vet"),
            &[("action", "approve")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // A resident at 11 p.m. near 兴平街 finds it, open round the clock, with its licence.
    let near = anyone
        .get("/local?category=locksmith&lat=30.4590&lng=106.6370")
        .await
        .ok();
    assert!(
        near.body.contains("安心开锁服务部") && near.body.contains("正在营业"),
        "{}",
        near.body
    );
    let page = anyone.get(&format!("/local/places/{id}")).await.ok();
    assert!(page.body.contains("广公特(开锁)字第2024-017号") && page.body.contains("2099-12-31"));
    assert!(page.body.contains("/inquiries/new"), "the complaint link");
    assert_eq!(search_hits(&t, "安心开锁").await, 1);

    // The licence ran out yesterday.
    let yesterday = yiwang_domain::Timestamp::now()
        .beijing_date()
        .previous_day()
        .unwrap();
    sqlx::query("UPDATE local_places SET licence_valid_until = $1 WHERE id = $2")
        .bind(yiwang_store::local::date_text(yesterday))
        .bind(id.to_string())
        .execute(t.store.db.writer())
        .await
        .unwrap();
    assert!(
        !anyone
            .get("/local?category=locksmith")
            .await
            .ok()
            .body
            .contains("安心开锁服务部")
    );
    assert_eq!(
        anyone.get(&format!("/local/places/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        anyone
            .get(&format!("/api/v1/local/places/{id}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // The daily job tells the index; search drops it. Run again, nothing more to tell.
    let today = yiwang_domain::Timestamp::now().beijing_date();
    let told = yiwang_local::services::vet::note_lapses(&t.store, today)
        .await
        .unwrap();
    assert_eq!(told, 1);
    assert_eq!(search_hits(&t, "安心开锁").await, 0);
    assert_eq!(
        yiwang_local::services::vet::note_lapses(&t.store, today)
            .await
            .unwrap(),
        0
    );
}

#[tokio::test]
async fn only_the_licensing_department_of_the_region_vets_and_nothing_changes_otherwise() {
    let t = TestApp::new().await;
    let mut admin = licensing(&t).await;
    let id = licensed_locksmith(&t, &mut admin, "顺达锁业").await;
    // The admin of 前锋区's market regulator: the route lets them in (they vet merchants of
    // their own district), the use case does not.
    let mut tx = t.store.begin().await.unwrap();
    let input = yiwang_domain::department::DepartmentInput {
        name: "前锋区市场监督管理局".into(),
        region: "511603".into(),
        ..Default::default()
    };
    let checked = t
        .store
        .check_department(&mut tx, &input, None)
        .await
        .unwrap();
    let qianfeng = t.store.create_department(&mut tx, &checked).await.unwrap();
    yiwang_store::commit(tx).await.unwrap();
    let (mut other, _) = t
        .staff("qianfeng", Role::DeptAdmin, Some(qianfeng), "511603")
        .await;
    other.get("/console/local").await.ok();
    let r = other
        .post_form(
            &format!("/console/local/{id}/vet"),
            &[("action", "suspend"), ("reason", "多次被投诉")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    // A window clerk holds no vetting permission at all.
    let (mut clerk, _) = t
        .staff("chuangkou", Role::WindowClerk, Some(t.dept_a), "511602")
        .await;
    clerk.get("/console").await.ok();
    let r = clerk
        .post_form(
            &format!("/console/local/{id}/vet"),
            &[("action", "suspend"), ("reason", "多次被投诉")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(
        clerk.get("/console/local").await.status,
        StatusCode::FORBIDDEN
    );
    // A citizen is sent to log in or refused.
    let mut citizen = t.citizen("13800000001").await;
    let r = citizen
        .post_form(
            &format!("/console/local/{id}/vet"),
            &[("action", "suspend")],
        )
        .await;
    assert!(
        matches!(
            r.status,
            StatusCode::FORBIDDEN | StatusCode::SEE_OTHER | StatusCode::UNAUTHORIZED
        ),
        "{}",
        r.status
    );
    let row = t.store.place(id).await.unwrap().unwrap();
    assert_eq!(row.r.vetting, Vetting::Approved, "nothing changed");
    // The licensing admin suspends it, with a reason; without one it is refused.
    let r = admin
        .post_form(
            &format!("/console/local/{id}/vet"),
            &[("action", "suspend")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(
        t.store.place(id).await.unwrap().unwrap().r.vetting,
        Vetting::Approved
    );
    let r = admin
        .post_form(
            &format!("/console/local/{id}/vet"),
            &[("action", "suspend"), ("reason", "多次被投诉")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let row = t.store.place(id).await.unwrap().unwrap();
    assert_eq!(row.r.vetting, Vetting::Suspended);
    assert_eq!(row.reason.as_deref(), Some("多次被投诉"));
    assert_eq!(
        t.client().get(&format!("/local/places/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
    // Refusing a suspended merchant is not a step there is.
    let r = admin
        .post_form(
            &format!("/console/local/{id}/vet"),
            &[("action", "refuse"), ("reason", "材料不全")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
}

#[tokio::test]
async fn a_bad_registration_is_answered_field_by_field_and_nothing_is_written() {
    let t = TestApp::new().await;
    let mut c = licensing(&t).await;
    c.get("/console/local").await.ok();
    let before = t.store.count_places().await.unwrap();
    let mut f = merchant_form(t.dept_a, &"开".repeat(61), "2099-12-31");
    for (k, v) in f.iter_mut() {
        match *k {
            "lat" => *v = "999".into(),
            "lng" => *v = "east".into(),
            "category" => *v = "hall".into(),
            "hours" => *v = "always".into(),
            "valid_until" => *v = "2020-01-01".into(),
            _ => {}
        }
    }
    let r = post(&mut c, "/console/local", &f).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let fields: Vec<String> = error_summary_items(&r.body)
        .into_iter()
        .map(|(f, _)| f)
        .collect();
    for want in ["name", "category", "lat", "lng", "hours", "valid_until"] {
        assert!(
            fields.iter().any(|f| *f == format!("#f-{want}")),
            "{want} in {fields:?}"
        );
    }
    assert_eq!(
        t.store.count_places().await.unwrap(),
        before,
        "nothing written"
    );
    let r = c
        .post_form(
            "/console/local/01a24d79-0000-7000-8000-00000000abcd/vet",
            &[("action", "approve")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = c
        .post_form(
            "/console/local/01a24d79-0000-7000-8000-00000000abcd/vet",
            &[("action", "explode")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
}
