//! Readers: the listing by region and category, "near me", bad filters, search.

use http::StatusCode;
use yiwang_domain::local::Category;

use crate::support::*;

#[tokio::test]
async fn places_are_listed_by_region_and_category() {
    let t = TestApp::new().await;
    place(
        &t,
        "思源广场测试",
        Category::Park,
        "511602",
        30.4598,
        106.6389,
    )
    .await;
    place(
        &t,
        "前锋公园测试",
        Category::Park,
        "511603",
        30.4918,
        106.8921,
    )
    .await;
    place(
        &t,
        "市人民医院测试",
        Category::Hospital,
        "511602",
        30.4569,
        106.6358,
    )
    .await;
    let mut c = t.client();
    let parks = c.get("/local?category=park").await.ok();
    assert!(parks.body.contains("思源广场测试") && parks.body.contains("前锋公园测试"));
    assert!(!parks.body.contains("市人民医院测试"), "{}", parks.body);
    let qianfeng = c.get("/local?category=park&region=511603").await.ok();
    assert!(qianfeng.body.contains("前锋公园测试"));
    assert!(!qianfeng.body.contains("思源广场测试"));
    let api = c
        .get("/api/v1/local/places?region=511602")
        .await
        .ok()
        .json();
    assert_eq!(api["total"], 2, "{api}");
    let names: Vec<&str> = api["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"市人民医院测试") && names.contains(&"思源广场测试"));
    // Each has its own page, open round the clock.
    let id = api["places"][0]["id"].as_str().unwrap().to_owned();
    let page = c.get(&format!("/local/places/{id}")).await.ok();
    assert!(page.body.contains("24小时营业"), "{}", page.body);
}

#[tokio::test]
async fn near_me_puts_the_nearest_first_with_its_distance() {
    let t = TestApp::new().await;
    // Due north of the reader by 0.2°, 0.01° and 0.03° of latitude: about 22.2 km, 1.1 km
    // and 3.3 km; named so that alphabetical order is not distance order.
    place(&t, "甲 远处的公园", Category::Park, "511602", 30.6, 106.6).await;
    place(&t, "乙 最近的公园", Category::Park, "511602", 30.41, 106.6).await;
    place(&t, "丙 中间的公园", Category::Park, "511602", 30.43, 106.6).await;
    let mut c = t.client();
    let api = c
        .get("/api/v1/local/places?lat=30.4&lng=106.6")
        .await
        .ok()
        .json();
    let got: Vec<(String, u64)> = api["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap().to_owned(),
                p["distance_m"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(got.len(), 3, "{api}");
    assert_eq!(got[0].0, "乙 最近的公园");
    assert_eq!(got[1].0, "丙 中间的公园");
    assert_eq!(got[2].0, "甲 远处的公园");
    assert!((1100..=1125).contains(&got[0].1), "{got:?}");
    assert!((3320..=3350).contains(&got[1].1), "{got:?}");
    assert!((22_200..=22_300).contains(&got[2].1), "{got:?}");
    let page = c.get("/local?lat=30.4&lng=106.6").await.ok();
    let (a, b) = (
        page.body.find("乙 最近的公园").unwrap(),
        page.body.find("甲 远处的公园").unwrap(),
    );
    assert!(a < b);
    assert!(
        page.body.contains("1.1 公里") && page.body.contains("22.2 公里"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn bad_filters_get_a_clear_error_and_unknown_ids_not_found() {
    let t = TestApp::new().await;
    let id = place(&t, "图书馆测试", Category::Library, "511602", 30.45, 106.64).await;
    let mut c = t.client();
    let r = c.get("/local?lat=999&lng=106.6").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("error-summary") && r.body.contains("f-lat"),
        "{}",
        r.body
    );
    let r = c.get("/local?lat=30.4&lng=east").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        error_summary_items(&r.body)
            .iter()
            .any(|(f, _)| f == "#f-lng"),
        "{}",
        r.body
    );
    let r = c.get("/local?category=ufo").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        error_summary_items(&r.body)
            .iter()
            .any(|(f, _)| f == "#f-category")
    );
    let r = c.get("/local?region=110105").await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a region outside the deployment"
    );
    let r = c.get("/api/v1/local/places?lat=999&lng=1").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.error_code(), "validation_failed");
    assert!(r.body.contains("\"lat\""), "{}", r.body);
    assert_eq!(
        c.get("/local/places/01a24d79-0000-7000-8000-00000000abcd")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        c.get("/local/places/not-an-id").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        c.get("/local/events/01a24d79-0000-7000-8000-00000000abcd")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        c.get("/local/situations/divorce").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        c.get("/api/v1/local/places/01a24d79-0000-7000-8000-00000000abcd")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // The place itself is still there, unchanged.
    assert_eq!(
        c.get(&format!("/local/places/{id}")).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn search_finds_a_place_as_kind_place() {
    let t = TestApp::new().await;
    place(
        &t,
        "翔凤湖湿地公园",
        Category::Park,
        "511602",
        30.53,
        106.45,
    )
    .await;
    t.catalog.sync().await.unwrap();
    let mut c = t.client();
    let found = c
        .get(&format!(
            "/api/v1/search?q={}&kind=place",
            urlencode("翔凤湖")
        ))
        .await
        .ok()
        .json();
    let hits = found["results"].as_array().unwrap();
    assert!(
        hits.iter().any(|h| h["title"] == "翔凤湖湿地公园"
            && h["url"].as_str().unwrap().starts_with("/local/places/")),
        "{found}"
    );
    let page = c
        .get(&format!("/search?q={}", urlencode("翔凤湖")))
        .await
        .ok();
    assert!(
        page.body.contains("本地生活"),
        "the kind is named on the search page"
    );
    assert!(
        page.body.contains("<span class=\"pill\">本地生活</span>"),
        "each found place is marked as a local place, not a region"
    );
}

#[tokio::test]
async fn a_life_situation_gathers_checklists_places_and_events() {
    let t = TestApp::new().await;
    let hospital = place(
        &t,
        "妇幼保健院测试",
        Category::Hospital,
        "511602",
        30.46,
        106.63,
    )
    .await;
    let mut tx = t.store.begin().await.unwrap();
    let today = yiwang_domain::Timestamp::now().beijing_date();
    t.store
        .insert_event(
            &mut tx,
            "新手爸妈课堂测试",
            hospital,
            today,
            today,
            "https://example.invalid/x",
            "孕期课堂",
            Some("baby"),
        )
        .await
        .unwrap();
    yiwang_store::commit(tx).await.unwrap();
    let page = t.client().get("/local/situations/baby").await.ok();
    assert!(page.body.contains("/life-events/birth"), "{}", page.body);
    assert!(page.body.contains("妇幼保健院测试") && page.body.contains("新手爸妈课堂测试"));
}

#[tokio::test]
async fn an_event_is_found_until_it_is_over() {
    let t = TestApp::new().await;
    let park = place(
        &t,
        "思源广场活动测试",
        Category::Park,
        "511602",
        30.46,
        106.64,
    )
    .await;
    let today = yiwang_domain::Timestamp::now().beijing_date();
    let mut tx = t.store.begin().await.unwrap();
    let id = t
        .store
        .insert_event(
            &mut tx,
            "集体婚礼报名测试",
            park,
            today,
            today,
            "https://example.invalid/w",
            "新人免费参加",
            Some("marry"),
        )
        .await
        .unwrap();
    t.store
        .record_change(
            &mut tx,
            yiwang_store::catalog::changes::ChangeKind::Place,
            &format!("event:{id}"),
        )
        .await
        .unwrap();
    yiwang_store::commit(tx).await.unwrap();
    let hits = |t: &TestApp| {
        let t = t.client();
        async move {
            let mut t = t;
            t.get(&format!(
                "/api/v1/search?q={}&kind=place",
                urlencode("集体婚礼")
            ))
            .await
            .ok()
            .json()["results"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|h| h["url"] == format!("/local/events/{id}"))
                .count()
        }
    };
    t.catalog.sync().await.unwrap();
    assert_eq!(hits(&t).await, 1);
    // It ended yesterday: the daily job tells the index, once, and search drops it.
    let yesterday = yiwang_store::local::date_text(today.previous_day().unwrap());
    sqlx::query("UPDATE local_events SET starts_on = $1, ends_on = $1 WHERE id = $2")
        .bind(yesterday)
        .bind(id.to_string())
        .execute(t.store.db.writer())
        .await
        .unwrap();
    assert_eq!(t.store.ended_unnoted(today).await.unwrap(), vec![id]);
    yiwang_local::services::vet::note_lapses(&t.store, today)
        .await
        .unwrap();
    t.catalog.sync().await.unwrap();
    assert_eq!(hits(&t).await, 0);
    assert!(
        t.store.ended_unnoted(today).await.unwrap().is_empty(),
        "told once"
    );
}
