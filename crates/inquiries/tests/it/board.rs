//! The public board and the league table (INQ-4): nothing appears before a handler confirms
//! the masked texts; the table counts what happened, for everyone and as CSV.

use axum::http::StatusCode;
use yiwang_domain::auth::Role;

use crate::support::*;

async fn answered(t: &TestApp, public: bool) -> (Client, String) {
    let admin = t
        .create_staff("adm", Role::PlatformAdmin, None, "5116")
        .await;
    route(t, "street_lights", t.dept_a, admin).await;
    let mut citizen = t
        .verified_citizen("15100000031", "张三", &id_number("51160219900101000"))
        .await;
    let form = citizen.get("/inquiries/new").await.ok();
    let key = input_value(&form.body, "idempotency_key");
    let mut fields = vec![
        ("kind", "complaint"),
        ("category", "street_lights"),
        ("title", "幸福路路灯不亮"),
        (
            "body",
            "我叫张三，电话13912345678，住幸福路12号3单元502室，门口路灯不亮。",
        ),
        ("region", "511602001"),
        ("idempotency_key", &key),
    ];
    if public {
        fields.push(("public", "1"));
    }
    let r = citizen.post_form("/inquiries", &fields).await;
    let receipt = strong_after(&r.body, "受理编号");
    let id = t
        .store
        .inquiry_by_receipt(&receipt)
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string();
    let (mut handler, _) = t
        .staff("mz9", Role::DeptAdmin, Some(t.dept_a), "511602")
        .await;
    let case = format!("/console/inquiries/{id}");
    for (action, text) in [
        ("acknowledge", ""),
        ("reply", "已联系张三先生，路灯已于当日修复。"),
    ] {
        let r = take_step(&mut handler, &case, &[("action", action), ("text", text)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{action}: {}", r.body);
    }
    (handler, id)
}

#[tokio::test]
async fn an_answer_appears_on_the_board_only_masked_and_confirmed() {
    let t = TestApp::new().await;
    let (mut handler, id) = answered(&t, true).await;
    let mut anyone = t.client();
    assert!(
        !anyone
            .get("/inquiries/board")
            .await
            .ok()
            .body
            .contains("幸福路路灯不亮")
    );

    let confirm = format!("/console/inquiries/{id}/publish");
    let page = handler.get(&confirm).await.ok();
    assert!(page.body.contains("张*"), "{}", page.body);
    assert!(
        !page.body.contains("13912345678"),
        "phone removed: {}",
        page.body
    );
    assert!(!page.body.contains("502"), "room number removed");
    // The handler adds back a number by mistake: removed again on publishing.
    let r = handler
        .post_form(
            &confirm,
            &[
                ("title", "幸福路路灯不亮"),
                ("body", "电话13912345678，门口路灯不亮。"),
                ("reply", "路灯已于当日修复。"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let board = anyone.get("/inquiries/board").await.ok();
    assert!(board.body.contains("幸福路路灯不亮"), "{}", board.body);
    let item = anyone.get(&format!("/inquiries/board/{id}")).await.ok();
    assert!(item.body.contains("路灯已于当日修复"));
    assert!(!item.body.contains("13912345678"));
    assert!(!item.body.contains("张三"));
}

#[tokio::test]
async fn a_private_inquiry_is_never_published_and_the_league_counts_it() {
    let t = TestApp::new().await;
    let (mut handler, id) = answered(&t, false).await;
    let confirm = format!("/console/inquiries/{id}/publish");
    let r = handler
        .post_form(
            &confirm,
            &[
                ("title", "标题标题"),
                ("body", "问题问题问题"),
                ("reply", "答复答复"),
            ],
        )
        .await;
    assert_ne!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mut anyone = t.client();
    assert_eq!(
        anyone.get(&format!("/inquiries/board/{id}")).await.status,
        StatusCode::NOT_FOUND
    );

    let league = anyone.get("/inquiries/league").await.ok();
    assert!(league.body.contains("区民政局"), "{}", league.body);
    let csv = anyone.get("/inquiries/league.csv").await.ok();
    assert!(csv.body.starts_with('\u{feff}'));
    let line = csv.body.lines().find(|l| l.contains("区民政局")).unwrap();
    assert!(line.starts_with("\"区民政局\",1,"), "{line}");
    let bad = anyone.get("/inquiries/league?from=2026-13-01").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn the_one_search_box_finds_a_published_answer_and_only_in_its_masked_words() {
    let t = TestApp::new().await;
    let (mut handler, id) = answered(&t, true).await;
    let confirm = format!("/console/inquiries/{id}/publish");
    handler.get(&confirm).await.ok();
    let r = handler
        .post_form(
            &confirm,
            &[
                ("title", "幸福路路灯不亮"),
                ("body", "门口路灯不亮了，晚上看不见。"),
                ("reply", "路灯线路已更换，恢复照明。"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    t.catalog.sync().await.unwrap();
    let mut anyone = t.client();
    let found = anyone
        .get(&format!(
            "/api/v1/search?q={}&kind=inquiry",
            urlencode("路灯")
        ))
        .await
        .ok()
        .json();
    let hits = found["results"].as_array().unwrap();
    assert!(
        hits.iter()
            .any(|h| h["url"] == format!("/inquiries/board/{id}")),
        "{found}"
    );
    let page = anyone
        .get(&format!("/search?q={}", urlencode("路灯线路")))
        .await
        .ok();
    assert!(page.body.contains("问政答复"), "{}", page.body);
    let none = anyone
        .get(&format!(
            "/api/v1/search?q={}&kind=inquiry",
            urlencode("13912345678")
        ))
        .await
        .ok()
        .json();
    assert_eq!(
        none["results"].as_array().unwrap().len(),
        0,
        "the phone number was never published"
    );
}
