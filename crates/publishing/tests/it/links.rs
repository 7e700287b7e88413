//! Policies, their explainers and the services they govern, linked both ways (PUB-4).

use axum::http::StatusCode;

use crate::support::*;

#[tokio::test]
async fn an_explainer_and_a_service_guide_lead_to_the_policy_and_back() {
    let t = TestApp::new().await;
    let mut ed = editor(&t, "bian.ji").await;
    let mut rev = reviewer(&t, "shen.gao").await;
    t.import_catalogue(&TestApp::real_catalogue(1, &["最低生活保障"]))
        .await;
    let item = t.item_named("最低生活保障");
    let guide = format!("https://gov.example/items/{}", item.id);

    let mut fields = policy(
        "广安区城乡居民最低生活保障实施办法",
        "11511602MB0T12345X/2026-00012",
    );
    fields.push(("items", &guide));
    let policy_id = publish(&mut ed, &mut rev, &fields).await;
    let mut explainer = article(
        "interpretations",
        "一图读懂：低保怎么申请",
        "## 谁可以申请\n\n人均收入低于当地标准的家庭。",
    );
    explainer.push(("interprets", "11511602MB0T12345X/2026-00012"));
    let explainer_id = publish(&mut ed, &mut rev, &explainer).await;

    let mut anyone = t.client();
    let anyone = &mut anyone;
    let p = anyone.get(&format!("/news/{policy_id}")).await.ok();
    assert!(
        p.body.contains(&format!("href=\"/news/{explainer_id}\"")),
        "the policy lists its explainer"
    );
    assert!(
        p.body.contains(&format!("href=\"/items/{}\"", item.id)),
        "and the service it governs"
    );
    let e = anyone.get(&format!("/news/{explainer_id}")).await.ok();
    assert!(
        e.body.contains(&format!("href=\"/news/{policy_id}\"")),
        "the explainer links to its policy"
    );
    let g = anyone.get(&format!("/items/{}", item.id)).await.ok();
    assert!(
        g.body.contains(&format!("href=\"/news/{policy_id}\"")),
        "the guide lists the policy"
    );

    // An index number no policy has, or an address that is not a guide: refused in words.
    let before = doc_count(&t).await;
    let mut bad = article("interpretations", "解读一份不存在的文件", "……");
    bad.push(("interprets", "11511602MB0T12345X/2099-99999"));
    let r = ed.post_form("/console/news", &bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        error_summary(&r.body).contains("href=\"#f-interprets\""),
        "{}",
        r.body
    );
    let mut bad = policy("另一份办法", "11511602MB0T12345X/2026-00099");
    bad.push(("items", "https://gov.example/items/not-an-item"));
    let r = ed.post_form("/console/news", &bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        error_summary(&r.body).contains("href=\"#f-items\""),
        "{}",
        r.body
    );
    assert_eq!(doc_count(&t).await, before, "nothing stored");
}
